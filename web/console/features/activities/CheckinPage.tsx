// 活动签到: at the venue, staff scan the member card's QR with the camera (or paste its content)
// and see at once, in big letters, 签到成功 with the masked name — or why not, in the server's
// words (not signed up, only on the waitlist, already checked in, code expired or forged …).
import './activities.css';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Card, Select, Tag, Typography } from 'antd';
import type { ActivityDetail, ActivitySummary } from '../../../../contracts/activities.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime, formatWhen } from '../../../shared/format.ts';
import { checkinDone, checkinRefused, ScanDesk, type ScanAnswer } from '../../components/ScanDesk.tsx';
import { phaseOf } from './activityLabels.ts';

/** Refusals the clerk can do something about: what to tell the member. */
const refusalHelp: Record<string, string> = {
  not_signed_up: '请会员确认报名的是本活动；未报名的不能签到。',
  signup_not_confirmed: '候补或未中签的会员不能签到，有空余名额时系统会自动递补。',
  already_checked_in: '无需再次签到。',
  checkin_not_open: '请会员届时再出示电子会员证。',
};

export function CheckinPage() {
  const params = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const activityId = params.id ? Number(params.id) : undefined;
  const [activity, setActivity] = useState<ActivityDetail>();
  const [choices, setChoices] = useState<ActivitySummary[]>([]);

  useEffect(() => {
    // the activities one may check in for: not cancelled, not long over
    api
      .get('/api/activities', { query: { status: 'published', pageSize: 200 } })
      .then((p) => setChoices(p.items.filter((a) => phaseOf(a) !== 'ended' || a.id === activityId)))
      .catch((err: unknown) => message.error(errorMessage(err)));
  }, [activityId, message]);

  const loadActivity = useCallback(async () => {
    if (activityId === undefined) return setActivity(undefined);
    try {
      setActivity(await api.get('/api/activities/:id', { params: { id: activityId } }));
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [activityId, message]);

  useEffect(() => {
    void loadActivity();
  }, [loadActivity]);

  const check = useCallback(
    async (token: string): Promise<ScanAnswer | undefined> => {
      if (activityId === undefined) return undefined;
      try {
        const c = await api.post('/api/activities/:id/checkins', { params: { id: activityId }, body: { token } });
        void loadActivity();
        return checkinDone(c, [['人数', `${c.seats} 人`], ['时间', formatDateTime(c.checkedInAt)]], c.seats > 1 && <Tag>{c.seats} 人</Tag>);
      } catch (err) {
        return checkinRefused(err, { again: 'already_checked_in', help: refusalHelp, wordClassName: 'act-refusal-word' });
      }
    },
    [activityId, loadActivity],
  );

  const f = activity?.figures;
  return (
    <div className="cv-page">
      <Typography.Title level={1} className="page-heading" style={{ marginTop: 0 }}>
        活动签到
      </Typography.Title>
      <ScanDesk
        check={check}
        submitLabel="签到"
        testIds={{ input: 'checkin-token-input', submit: 'checkin-submit', result: 'checkin-result' }}
        resultAttr="data-outcome"
        resetKey={activityId}
        waiting={activityId === undefined ? '先选择活动，再扫会员的电子会员证。' : undefined}
        before={
          <Card title="签到的活动" size="small">
            <Select<number>
              aria-label="签到的活动"
              showSearch
              optionFilterProp="label"
              placeholder="请选择要签到的活动"
              style={{ width: '100%' }}
              value={activityId}
              onChange={(id) => navigate(`/activities/${id}/checkin`)}
              options={[
                ...choices.map((a) => ({ value: a.id, label: `${a.title}（${formatWhen(a.startsAt)}）` })),
                ...(activity && !choices.some((a) => a.id === activity.id) ? [{ value: activity.id, label: activity.title }] : []),
              ]}
              notFoundContent="没有可签到的活动"
            />
            {activity && f && (
              <div className="act-checkin-figures" data-testid="checkin-figures">
                已签到 <strong>{formatCount(f.checkedIn)}</strong> 人 · 报名成功 {formatCount(f.participants)} 人 · {formatWhen(activity.startsAt)}
                {activity.location ? ` · ${activity.location}` : ''}
              </div>
            )}
          </Card>
        }
      />
    </div>
  );
}
