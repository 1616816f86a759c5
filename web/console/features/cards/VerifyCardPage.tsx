// 验证会员证: staff scan a member's QR code (or paste its content) and see at once, in big letters,
// whether the card is valid. Verified in the browser with the keys and revocations synced earlier
// (so it works with a weak or no network), and also online when the network is there.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Space, Tag, Typography } from 'antd';
import { SyncOutlined } from '@ant-design/icons';
import { cardVerdictLabels, type CardRefusal } from '../../../../contracts/card-token.ts';
import type { VerifyResult } from '../../../../contracts/cards.ts';
import { api, ApiError, errorMessage } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { loadVerifierState, syncVerifier, verifyOffline, type VerifierState } from './offlineVerifier.ts';
import { ScanDesk, ScanFacts, type ScanAnswer } from '../../components/ScanDesk.tsx';

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

/** The big card's answer: 有效会员 in green, an expired code in amber, any other refusal in red. */
function answerOf(outcome: Outcome): ScanAnswer {
  const ok = outcome.verdict === 'valid';
  return {
    result: {
      tone: ok ? 'ok' : outcome.verdict === 'expired' ? 'warn' : 'bad',
      word: cardVerdictLabels[outcome.verdict],
      value: outcome.verdict,
      data: { 'data-source': outcome.source },
      body: (
        <>
          {!ok && <div className="cv-result-help">{refusalHelp[outcome.verdict as CardRefusal]}</div>}
          {outcome.member && (
            <ScanFacts
              rows={[
                ['姓名', outcome.member.name],
                ['会员号', outcome.member.memberNo],
                ['所在工会', outcome.member.orgName],
              ]}
            />
          )}
          <Space wrap>
            <Tag color={outcome.source === 'online' ? 'blue' : 'orange'}>{outcome.source === 'online' ? '在线验证' : '离线验证（本机）'}</Tag>
            <Typography.Text type="secondary">{formatDateTime(outcome.at)}</Typography.Text>
          </Space>
          {outcome.note && <div className="cv-result-note">{outcome.note}</div>}
        </>
      ),
      at: outcome.at,
    },
  };
}

export function VerifyCardPage() {
  const { message } = App.useApp();
  const [state, setState] = useState<VerifierState | null>(() => loadVerifierState());
  const [syncing, setSyncing] = useState(false);

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
    async (text: string): Promise<ScanAnswer | undefined> => {
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
        return answerOf({
          verdict,
          member: online.valid ? online.member : undefined,
          source: 'online',
          note: offlineVerdict && offlineVerdict !== verdict ? `离线核验结果为“${cardVerdictLabels[offlineVerdict]}”，以在线结果为准。` : undefined,
          at: Date.now(),
        });
      } else if (offline) {
        return answerOf({
          verdict: offline.valid ? 'valid' : offline.reason,
          member: offline.valid ? { memberNo: offline.claims.mno, name: offline.claims.nm, orgName: offline.claims.on } : undefined,
          source: 'offline',
          at: Date.now(),
        });
      } else {
        message.error('网络不可用，且本机尚未同步离线验证数据：请联网后点击“立即同步”。');
        return undefined;
      }
    },
    [message, state],
  );

  return (
    <div className="cv-page">
      <Typography.Title level={1} className="page-heading" style={{ marginTop: 0 }}>
        验证会员证
      </Typography.Title>
      <ScanDesk
        check={check}
        submitLabel="验证"
        testIds={{ input: 'verify-token-input', result: 'verify-result' }}
        resultAttr="data-verdict"
        after={
          <Card size="small" title="离线验证数据">
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
        }
      />
    </div>
  );
}
