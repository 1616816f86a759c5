// The scanning desk of the console — 验证会员证, 活动签到, 场所预约's 扫码签到: staff scan the member card's
// QR with the camera (or paste its content) and see at once, in big letters, what the check says; a
// desk that checks people in lists who it checked in on this device. What differs from desk to desk
// (what a code is checked against, what the answer shows, the cards around) comes in as props: `check`
// answers a code with the result to show.
import './scan.css';
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Card, Col, Descriptions, Input, List, Row, Space, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, WarningFilled } from '@ant-design/icons';
import { ApiError, errorMessage } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { QrScanner } from './QrScanner.tsx';
import { useScanOnce } from './useScanOnce.ts';

/** How the answer looks: green (done), amber (nothing wrong, but nothing done), red (refused). */
export type ScanTone = 'ok' | 'warn' | 'bad';

/** What the big card shows after a check. */
export interface ScanResult {
  tone: ScanTone;
  /** the answer in big letters, after the tone's icon */
  word: ReactNode;
  wordClassName?: string;
  /** the value of the card's `resultAttr` attribute (what tests and tools read) */
  value: string;
  /** further data-* attributes of the card */
  data?: Record<`data-${string}`, string>;
  body?: ReactNode;
  at: number;
}

/** One line of 本机刚签到. */
export interface RecentScan {
  name: string;
  memberNo: string;
  extra?: ReactNode;
  at: string;
}

/** What a check answers: the result to show, the line to add to the recent list, whether to empty the field. */
export interface ScanAnswer {
  result: ScanResult;
  recent?: RecentScan;
  clear?: boolean;
}

const toneIcons: Record<ScanTone, ReactNode> = { ok: <CheckCircleFilled />, warn: <WarningFilled />, bad: <CloseCircleFilled /> };
const RECENT_KEPT = 20;

export interface ScanDeskProps {
  /** checks a trimmed code; undefined: nothing to show (the page said why) */
  check: (text: string) => Promise<ScanAnswer | undefined>;
  submitLabel: string;
  testIds: { input: string; submit?: string; result: string };
  /** the result card's attribute that carries ScanResult.value ('' while waiting) */
  resultAttr: `data-${string}`;
  /** the title of the scanning card */
  title?: ReactNode;
  /** set while nothing can be checked yet: what to do first (shown instead of the camera) */
  waiting?: string;
  /** a line under the button */
  note?: ReactNode;
  /** cards above and below the scanning card */
  before?: ReactNode;
  after?: ReactNode;
  /** a change of it empties the result and the recent list (another activity chosen …) */
  resetKey?: unknown;
}

export function ScanDesk({ check, submitLabel, testIds, resultAttr, title = '扫码或粘贴', waiting, note, before, after, resetKey }: ScanDeskProps) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ScanResult>();
  const [recent, setRecent] = useState<RecentScan[]>([]);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setResult(undefined);
    setRecent([]);
  }, [resetKey]);

  const submit = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text || waiting !== undefined) return;
      setBusy(true);
      try {
        const answer = await check(text);
        if (!answer) return;
        setResult(answer.result);
        const line = answer.recent;
        if (line) setRecent((r) => [line, ...r].slice(0, RECENT_KEPT));
        if (answer.clear) setToken('');
      } finally {
        setBusy(false);
      }
    },
    [check, waiting],
  );
  const onScan = useScanOnce(submit, setToken);

  // on a phone the result stands under the camera: bring each new answer into view
  useEffect(() => {
    if (result) resultRef.current?.scrollIntoView({ block: 'nearest' });
  }, [result]);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={11} className="cv-column">
        {before}
        <Card title={title} size="small">
          <Space direction="vertical" size="middle" style={{ width: '100%' }}>
            {waiting !== undefined ? <Typography.Text type="secondary">{waiting}</Typography.Text> : <QrScanner onScan={onScan} />}
            <Input.TextArea
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder="或将会员证二维码的内容粘贴到这里"
              autoSize={{ minRows: 3, maxRows: 6 }}
              data-testid={testIds.input}
              aria-label="会员证二维码内容"
              disabled={waiting !== undefined}
            />
            <Button type="primary" size="large" block loading={busy} disabled={!token.trim() || waiting !== undefined} onClick={() => void submit(token)} data-testid={testIds.submit}>
              {submitLabel}
            </Button>
            {note}
          </Space>
        </Card>
        {after}
      </Col>
      <Col xs={24} lg={13} className="cv-column">
        <div ref={resultRef}>
          <ResultCard result={result} testId={testIds.result} attr={resultAttr} />
        </div>
        {recent.length > 0 && (
          <Card size="small" title="本机刚签到">
            <List
              size="small"
              dataSource={recent}
              renderItem={(c) => (
                <List.Item>
                  <Space wrap>
                    <strong>{c.name}</strong>
                    <span className="mono">{c.memberNo}</span>
                    {c.extra}
                  </Space>
                  <Typography.Text type="secondary">{formatDateTime(c.at)}</Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function ResultCard({ result, testId, attr }: { result: ScanResult | undefined; testId: string; attr: string }) {
  if (!result) {
    return (
      <Card className="cv-result cv-result-idle" data-testid={testId} {...{ [attr]: '' }}>
        <div className="cv-result-word">等待扫码</div>
        <div className="cv-result-help">请会员打开“智慧工会”的电子会员证，出示二维码。</div>
      </Card>
    );
  }
  return (
    <Card key={result.at} className={`cv-result cv-result-${result.tone}`} data-testid={testId} {...{ [attr]: result.value }} {...result.data} data-at={result.at}>
      <div className={result.wordClassName ? `cv-result-word ${result.wordClassName}` : 'cv-result-word'}>
        {toneIcons[result.tone]} {result.word}
      </div>
      {result.body}
    </Card>
  );
}

/** The facts of a result, one a line in large print (姓名, 会员号 …). */
export function ScanFacts({ rows }: { rows: [label: string, value: ReactNode][] }) {
  return (
    <Descriptions column={1} size="middle" className="cv-result-member">
      {rows.map(([label, value]) => (
        <Descriptions.Item key={label} label={label}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** A member checked in: 签到成功 with the name, the member number and the `facts` after them, and a line of 本机刚签到. */
export function checkinDone(c: { name: string; memberNo: string; checkedInAt: string }, facts: [label: string, value: ReactNode][], extra?: ReactNode): ScanAnswer {
  return {
    result: { tone: 'ok', word: '签到成功', value: 'ok', body: <ScanFacts rows={[['姓名', c.name], ['会员号', c.memberNo], ...facts]} />, at: Date.now() },
    recent: { name: c.name, memberNo: c.memberNo, extra, at: c.checkedInAt },
    clear: true,
  };
}

/** What the clerk can tell the member when the card's code itself is refused. */
const cardTokenHelp: Record<string, string> = {
  card_token_expired: '请会员在手机上刷新电子会员证，再出示新的二维码。',
  card_token_malformed: '请扫描“智慧工会”电子会员证上的二维码。',
};

/**
 * A check-in the server refused: 已签到过 (amber, like an expired code the member can refresh) for the
 * `again` code, else 不能签到 — in the server's words, with what the clerk can tell the member.
 */
export function checkinRefused(err: unknown, opts: { again: string; help: Record<string, string>; wordClassName?: string }): ScanAnswer {
  const code = err instanceof ApiError ? err.code : 'error';
  const help = { ...cardTokenHelp, ...opts.help }[code];
  return {
    result: {
      tone: code === opts.again || code === 'card_token_expired' ? 'warn' : 'bad',
      word: code === opts.again ? '已签到过' : '不能签到',
      wordClassName: opts.wordClassName,
      value: code,
      body: (
        <>
          <div className="cv-result-help">{errorMessage(err)}</div>
          {help && <div className="cv-result-help">{help}</div>}
        </>
      ),
      at: Date.now(),
    },
  };
}
