// 验证会员证: staff scan a member's QR code (or paste its content) and see at once, in big letters,
// whether the card is valid. Verified in the browser with the keys and revocations synced earlier
// (so it works with a weak or no network), and also online when the network is there.
import '../../components/scan.css';
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Input, Row, Space, Tag, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, SyncOutlined, WarningFilled } from '@ant-design/icons';
import { cardVerdictLabels, type CardRefusal } from '../../../../contracts/card-token.ts';
import type { VerifyResult } from '../../../../contracts/cards.ts';
import { api, ApiError, errorMessage } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { loadVerifierState, syncVerifier, verifyOffline, type VerifierState } from './offlineVerifier.ts';
import { QrScanner } from '../../components/QrScanner.tsx';
import { useScanOnce } from '../../components/useScanOnce.ts';

/** Re-sync the keys and revocations this often while the page is open and online. */
const SYNC_EVERY_MS = 5 * 60_000;

interface Outcome {
  verdict: 'valid' | CardRefusal;
  member?: { memberNo: string; name: string; orgName: string };
  source: 'online' | 'offline';
  /** what the other check said, when both ran and disagreed */
  note?: string;
  at: number;
}

const refusalHelp: Record<CardRefusal, string> = {
  expired: '二维码已超过 2 分钟有效期，请会员刷新电子会员证后重新出示。',
  forged: '签名不符：此二维码不是智慧工会签发的，或内容被改动过。',
  revoked: '该会员证已停用（会员已暂停、退会等）。',
  malformed: '这不是智慧工会电子会员证的二维码。',
};

export function VerifyCardPage() {
  const { message } = App.useApp();
  const [state, setState] = useState<VerifierState | null>(() => loadVerifierState());
  const [syncing, setSyncing] = useState(false);
  const [token, setToken] = useState('');
  const [outcome, setOutcome] = useState<Outcome>();
  const [checking, setChecking] = useState(false);

  const sync = useCallback(
    async (quiet: boolean) => {
      setSyncing(true);
      try {
        const next = await syncVerifier(loadVerifierState());
        setState(next);
        if (!quiet) message.success('离线验证数据已同步');
      } catch (err) {
        if (!quiet) message.error(`同步失败：${errorMessage(err)}`);
      } finally {
        setSyncing(false);
      }
    },
    [message],
  );

  useEffect(() => {
    if (navigator.onLine) void sync(true);
    const timer = setInterval(() => {
      if (navigator.onLine) void sync(true);
    }, SYNC_EVERY_MS);
    const onOnline = () => void sync(true);
    window.addEventListener('online', onOnline);
    return () => {
      clearInterval(timer);
      window.removeEventListener('online', onOnline);
    };
  }, [sync]);

  const check = useCallback(
    async (raw: string) => {
      const text = raw.trim();
      if (!text) return;
      setChecking(true);
      try {
        const offline = state ? await verifyOffline(text, state) : undefined;
        let online: VerifyResult | undefined;
        if (navigator.onLine) {
          try {
            online = await api.post('/api/cards/verify', { body: { token: text } });
          } catch (err) {
            // no network, or the server refused the text itself: the offline answer stands
            if (err instanceof ApiError && err.code === 'validation_failed') online = { valid: false, reason: 'malformed' };
          }
        }
        if (online) {
          const verdict = online.valid ? 'valid' : online.reason;
          const offlineVerdict = offline ? (offline.valid ? 'valid' : offline.reason) : undefined;
          setOutcome({
            verdict,
            member: online.valid ? online.member : undefined,
            source: 'online',
            note: offlineVerdict && offlineVerdict !== verdict ? `离线核验结果为“${cardVerdictLabels[offlineVerdict]}”，以在线结果为准。` : undefined,
            at: Date.now(),
          });
        } else if (offline) {
          setOutcome({
            verdict: offline.valid ? 'valid' : offline.reason,
            member: offline.valid ? { memberNo: offline.claims.mno, name: offline.claims.nm, orgName: offline.claims.on } : undefined,
            source: 'offline',
            at: Date.now(),
          });
        } else {
          message.error('网络不可用，且本机尚未同步离线验证数据：请联网后点击“立即同步”。');
        }
      } finally {
        setChecking(false);
      }
    },
    [message, state],
  );

  const onScan = useScanOnce(check, setToken);

  return (
    <div className="cv-page">
      <Typography.Title level={1} className="page-heading" style={{ marginTop: 0 }}>
        验证会员证
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={11}>
          <Card title="扫码或粘贴" size="small">
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <QrScanner onScan={onScan} />
              <Input.TextArea
                value={token}
                onChange={(e) => setToken(e.target.value)}
                placeholder="或将会员证二维码的内容粘贴到这里"
                autoSize={{ minRows: 3, maxRows: 6 }}
                data-testid="verify-token-input"
                aria-label="会员证二维码内容"
              />
              <Button type="primary" size="large" block loading={checking} disabled={!token.trim()} onClick={() => void check(token)}>
                验证
              </Button>
            </Space>
          </Card>
          <Card size="small" style={{ marginTop: 16 }} title="离线验证数据">
            <Space direction="vertical" style={{ width: '100%' }}>
              {state ? (
                <Typography.Text data-testid="verify-sync-status">
                  公钥 {state.keys.length} 个 · 已注销会员证 {state.revoked.length} 张 · 同步于 {formatDateTime(state.syncedAt)}
                </Typography.Text>
              ) : (
                <Typography.Text type="warning" data-testid="verify-sync-status">
                  本机尚未同步，断网时无法验证。
                </Typography.Text>
              )}
              <Typography.Text type="secondary">
                联网时自动同步（每 5 分钟）。断网后仍可凭已同步的公钥和注销名单在本机验证。
              </Typography.Text>
              <Button icon={<SyncOutlined spin={syncing} />} onClick={() => void sync(false)} disabled={syncing}>
                立即同步
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          <ResultPanel outcome={outcome} />
        </Col>
      </Row>
    </div>
  );
}

function ResultPanel({ outcome }: { outcome: Outcome | undefined }) {
  if (!outcome) {
    return (
      <Card className="cv-result cv-result-idle" data-testid="verify-result" data-verdict="">
        <div className="cv-result-word">等待扫码</div>
        <div className="cv-result-help">请会员打开“智慧工会”的电子会员证，出示二维码。</div>
      </Card>
    );
  }
  const ok = outcome.verdict === 'valid';
  const icon = ok ? <CheckCircleFilled /> : outcome.verdict === 'expired' ? <WarningFilled /> : <CloseCircleFilled />;
  return (
    <Card
      key={outcome.at}
      className={`cv-result ${ok ? 'cv-result-ok' : outcome.verdict === 'expired' ? 'cv-result-warn' : 'cv-result-bad'}`}
      data-testid="verify-result"
      data-verdict={outcome.verdict}
      data-source={outcome.source}
      data-at={outcome.at}
    >
      <div className="cv-result-word">
        {icon} {cardVerdictLabels[outcome.verdict]}
      </div>
      {!ok && <div className="cv-result-help">{refusalHelp[outcome.verdict as CardRefusal]}</div>}
      {outcome.member && (
        <Descriptions column={1} size="middle" className="cv-result-member">
          <Descriptions.Item label="姓名">{outcome.member.name}</Descriptions.Item>
          <Descriptions.Item label="会员号">{outcome.member.memberNo}</Descriptions.Item>
          <Descriptions.Item label="所在工会">{outcome.member.orgName}</Descriptions.Item>
        </Descriptions>
      )}
      <Space>
        <Tag color={outcome.source === 'online' ? 'blue' : 'orange'}>{outcome.source === 'online' ? '在线验证' : '离线验证（本机）'}</Tag>
        <Typography.Text type="secondary">{formatDateTime(outcome.at)}</Typography.Text>
      </Space>
      {outcome.note && <div className="cv-result-note">{outcome.note}</div>}
    </Card>
  );
}
