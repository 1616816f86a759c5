// 扫码签到 at the place's desk: staff scan the member card's QR (or paste it) and see at once, in big
// letters, 签到成功 with the masked name and the slot — or why not, in the server's words (no booking
// now, waiting for approval, already checked in, an expired or forged code …).
import { useCallback } from 'react';
import { Typography } from 'antd';
import { api } from '../../../shared/api.ts';
import { formatDateTime, formatSpan } from '../../../shared/format.ts';
import { checkinDone, checkinRefused, ScanDesk, type ScanAnswer } from '../../components/ScanDesk.tsx';

const refusalHelp: Record<string, string> = {
  booking_checkin_none: '请会员在“我的预约”中确认预约的是本场所、本时段。',
  booking_checkin_pending: '请先在“预约审批”中处理该预约。',
  booking_already_checked_in: '无需再次签到。',
};

export function CheckinDesk({ placeId, placeName }: { placeId: number; placeName: string }) {
  const check = useCallback(
    async (token: string): Promise<ScanAnswer> => {
      try {
        const c = await api.post('/api/places/:id/checkins', { params: { id: placeId }, body: { token } });
        return checkinDone(c, [['时段', `${c.title} · ${formatSpan(c.startsAt, c.endsAt)}`], ['签到时间', formatDateTime(c.checkedInAt)]], <span>{c.title}</span>);
      } catch (err) {
        return checkinRefused(err, { again: 'booking_already_checked_in', help: refusalHelp });
      }
    },
    [placeId],
  );

  return (
    <ScanDesk
      check={check}
      title={`扫码或粘贴 · ${placeName}`}
      submitLabel="签到"
      testIds={{ input: 'booking-checkin-token', submit: 'booking-checkin-submit', result: 'booking-checkin-result' }}
      resultAttr="data-outcome"
      resetKey={placeId}
      note={<Typography.Text type="secondary">开始前 15 分钟至结束可签到；未签到的预约在结束后记为“未到”。</Typography.Text>}
    />
  );
}
