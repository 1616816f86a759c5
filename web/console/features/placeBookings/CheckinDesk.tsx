// 扫码签到 at the place's desk: staff scan the member card's QR (or paste it) and see at once, in big
// letters, 签到成功 with the masked name and the slot — or why not, in the server's words (no booking
// now, waiting for approval, already checked in, an expired or forged code …).
import '../../components/scan.css';
import { useCallback, useRef, useState } from 'react';
import { Button, Card, Col, Descriptions, Input, List, Row, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { z } from 'zod';
import type { bookingCheckin } from '../../../../contracts/place-bookings.ts';
import { api, ApiError, errorMessage } from '../../../shared/api.ts';
import { formatDateTime, formatSpan } from '../../../shared/format.ts';
import { QrScanner } from '../../components/QrScanner.tsx';

type Checkin = z.infer<typeof bookingCheckin>;
interface Outcome {
  ok: boolean;
  checkin?: Checkin;
  code?: string;
  message?: string;
  at: number;
}

const refusalHelp: Record<string, string> = {
  card_token_expired: '请会员在手机上刷新电子会员证，再出示新的二维码。',
  card_token_malformed: '请扫描“智慧工会”电子会员证上的二维码。',
  booking_checkin_none: '请会员在“我的预约”中确认预约的是本场所、本时段。',
  booking_checkin_pending: '请先在“预约审批”中处理该预约。',
  booking_already_checked_in: '无需再次签到。',
};

export function CheckinDesk({ placeId, placeName }: { placeId: number; placeName: string }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [recent, setRecent] = useState<Checkin[]>([]);
  const lastScan = useRef<{ text: string; at: number }>(undefined);

  const check = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text) return;
      setBusy(true);
      try {
        const done = await api.post('/api/places/:id/checkins', { params: { id: placeId }, body: { token: text } });
        setOutcome({ ok: true, checkin: done, at: Date.now() });
        setRecent((r) => [done, ...r].slice(0, 20));
        setToken('');
      } catch (err) {
        setOutcome({ ok: false, code: err instanceof ApiError ? err.code : 'error', message: errorMessage(err), at: Date.now() });
      } finally {
        setBusy(false);
      }
    },
    [placeId],
  );
  const onScan = useCallback(
    (text: string) => {
      const now = Date.now();
      if (lastScan.current && lastScan.current.text === text && now - lastScan.current.at < 5000) return;
      lastScan.current = { text, at: now };
      setToken(text);
      void check(text);
    },
    [check],
  );

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={11}>
        <Card title={`扫码或粘贴 · ${placeName}`} size="small">
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            <QrScanner onScan={onScan} />
            <Input.TextArea
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder="或将会员证二维码的内容粘贴到这里"
              autoSize={{ minRows: 3, maxRows: 6 }}
              data-testid="booking-checkin-token"
              aria-label="会员证二维码内容"
            />
            <Button type="primary" size="large" block loading={busy} disabled={!token.trim()} onClick={() => void check(token)} data-testid="booking-checkin-submit">
              签到
            </Button>
            <Typography.Text type="secondary">开始前 15 分钟至结束可签到；未签到的预约在结束后记为“未到”。</Typography.Text>
          </Space>
        </Card>
      </Col>
      <Col xs={24} lg={13}>
        <Result outcome={outcome} />
        {recent.length > 0 && (
          <Card size="small" title="本机刚签到" style={{ marginTop: 16 }}>
            <List
              size="small"
              dataSource={recent}
              renderItem={(c) => (
                <List.Item>
                  <Space>
                    <strong>{c.name}</strong>
                    <span className="mono">{c.memberNo}</span>
                    <span>{c.title}</span>
                  </Space>
                  <Typography.Text type="secondary">{formatDateTime(c.checkedInAt)}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function Result({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) {
    return (
      <Card className="cv-result cv-result-idle" data-testid="booking-checkin-result" data-outcome="">
        <div className="cv-result-word">等待扫码</div>
        <div className="cv-result-help">请会员打开“智慧工会”的电子会员证，出示二维码。</div>
      </Card>
    );
  }
  if (outcome.ok && outcome.checkin) {
    const c = outcome.checkin;
    return (
      <Card key={outcome.at} className="cv-result cv-result-ok" data-testid="booking-checkin-result" data-outcome="ok">
        <div className="cv-result-word">
          <CheckCircleFilled /> 签到成功
        </div>
        <Descriptions column={1} size="middle" className="cv-result-member">
          <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
          <Descriptions.Item label="会员号">{c.memberNo}</Descriptions.Item>
          <Descriptions.Item label="时段">{`${c.title} · ${formatSpan(c.startsAt, c.endsAt)}`}</Descriptions.Item>
          <Descriptions.Item label="签到时间">{formatDateTime(c.checkedInAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  const warn = outcome.code === 'booking_already_checked_in' || outcome.code === 'card_token_expired';
  return (
    <Card key={outcome.at} className={`cv-result ${warn ? 'cv-result-warn' : 'cv-result-bad'}`} data-testid="booking-checkin-result" data-outcome={outcome.code}>
      <div className="cv-result-word">
        {warn ? <WarningFilled /> : <CloseCircleFilled />} {outcome.code === 'booking_already_checked_in' ? '已签到过' : '不能签到'}
      </div>
      <div className="cv-result-help">{outcome.message}</div>
      {outcome.code && refusalHelp[outcome.code] && <div className="cv-result-help">{refusalHelp[outcome.code]}</div>}
    </Card>
  );
}
