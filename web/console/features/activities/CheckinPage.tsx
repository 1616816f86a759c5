// 活动签到: at the venue, staff scan the member card's QR with the camera (or paste its content)
// and see at once, in big letters, 签到成功 with the masked name — or why not, in the server's
// words (not signed up, only on the waitlist, already checked in, code expired or forged …).
import '../../components/scan.css';
import './activities.css';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Col, Descriptions, Input, List, Row, Select, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import type { z } from 'zod';
import type { ActivityDetail, ActivitySummary, checkinResponse } from '../../../../contracts/activities.ts';
import { api, ApiError, errorMessage } from '../../../shared/api.ts';
import { formatCount, formatDateTime, formatWhen } from '../../../shared/format.ts';
import { QrScanner } from '../../components/QrScanner.tsx';
import { phaseOf } from './activityLabels.ts';

type Checkin = z.infer<typeof checkinResponse>;

interface Outcome {
  ok: boolean;
  checkin?: Checkin;
  code?: string;
  message?: string;
  at: number;
}

/** Refusals the clerk can do something about: what to tell the member. */
const refusalHelp: Record<string, string> = {
  card_token_expired: '请会员在手机上刷新电子会员证，再出示新的二维码。',
  card_token_malformed: '请扫描“智慧工会”电子会员证上的二维码。',
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
  const [token, setToken] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  const [recent, setRecent] = useState<Checkin[]>([]);
  const [busy, setBusy] = useState(false);
  const lastScan = useRef<{ text: string; at: number }>(undefined);

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
    setOutcome(undefined);
    setRecent([]);
    void loadActivity();
  }, [loadActivity]);

  const check = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text || activityId === undefined) return;
      setBusy(true);
      try {
        const done = await api.post('/api/activities/:id/checkins', { params: { id: activityId }, body: { token: text } });
        setOutcome({ ok: true, checkin: done, at: Date.now() });
        setRecent((r) => [done, ...r].slice(0, 20));
        setToken('');
        void loadActivity();
      } catch (err) {
        setOutcome({ ok: false, code: err instanceof ApiError ? err.code : 'error', message: errorMessage(err), at: Date.now() });
      } finally {
        setBusy(false);
      }
    },
    [activityId, loadActivity],
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

  const f = activity?.figures;
  return (
    <div className="cv-page">
      <Typography.Title level={1} className="page-heading" style={{ marginTop: 0 }}>
        活动签到
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
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
          <Card title="扫码或粘贴" size="small" style={{ marginTop: 16 }}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              {activityId === undefined ? (
                <Typography.Text type="secondary">先选择活动，再扫会员的电子会员证。</Typography.Text>
              ) : (
                <QrScanner onScan={onScan} />
              )}
              <Input.TextArea
                value={token}
                onChange={(e) => setToken(e.target.value)}
                placeholder="或将会员证二维码的内容粘贴到这里"
                autoSize={{ minRows: 3, maxRows: 6 }}
                data-testid="checkin-token-input"
                aria-label="会员证二维码内容"
                disabled={activityId === undefined}
              />
              <Button type="primary" size="large" block loading={busy} disabled={!token.trim() || activityId === undefined} onClick={() => void check(token)} data-testid="checkin-submit">
                签到
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <ResultPanel outcome={outcome} />
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
                      {c.seats > 1 && <Tag>{c.seats} 人</Tag>}
                    </Space>
                    <Typography.Text type="secondary">{formatDateTime(c.checkedInAt)}</Typography.Text>
                  </List.Item>
                )}
              />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

function ResultPanel({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) {
    return (
      <Card className="cv-result cv-result-idle" data-testid="checkin-result" data-outcome="">
        <div className="cv-result-word">等待扫码</div>
        <div className="cv-result-help">请会员打开“智慧工会”的电子会员证，出示二维码。</div>
      </Card>
    );
  }
  if (outcome.ok && outcome.checkin) {
    const c = outcome.checkin;
    return (
      <Card key={outcome.at} className="cv-result cv-result-ok" data-testid="checkin-result" data-outcome="ok" data-at={outcome.at}>
        <div className="cv-result-word">
          <CheckCircleFilled /> 签到成功
        </div>
        <Descriptions column={1} size="middle" className="cv-result-member">
          <Descriptions.Item label="姓名">{c.name}</Descriptions.Item>
          <Descriptions.Item label="会员号">{c.memberNo}</Descriptions.Item>
          <Descriptions.Item label="人数">{c.seats} 人</Descriptions.Item>
          <Descriptions.Item label="时间">{formatDateTime(c.checkedInAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
    );
  }
  const warn = outcome.code === 'already_checked_in' || outcome.code === 'card_token_expired';
  return (
    <Card key={outcome.at} className={`cv-result ${warn ? 'cv-result-warn' : 'cv-result-bad'}`} data-testid="checkin-result" data-outcome={outcome.code} data-at={outcome.at}>
      <div className="cv-result-word act-refusal-word">
        {warn ? <WarningFilled /> : <CloseCircleFilled />} {outcome.code === 'already_checked_in' ? '已签到过' : '不能签到'}
      </div>
      <div className="cv-result-help">{outcome.message}</div>
      {outcome.code && refusalHelp[outcome.code] && <div className="cv-result-help">{refusalHelp[outcome.code]}</div>}
    </Card>
  );
}
