// 我的发放: every payout made to the member (point to point) — the campaign, who paid, how much, by
// which channel, its state, the account it went to (masked), why it failed; goods are confirmed here
// once received; a bank payout without a recorded account sends the member to 银行卡.
import '../components/listing.css';
import './payouts.css';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Button, Tag, Toast } from 'antd-mobile';
import { confirmDialog } from '../components/dialogs.ts';
import type { z } from 'zod';
import type { myPayout, PayoutState } from '../../../contracts/payouts.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { MemberOnlyBody, useMemberData } from '../components/ApplicationState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { formatDateTime } from '../../shared/format.ts';

type MyPayout = z.infer<typeof myPayout>;

const stateColors: Record<PayoutState, string> = { pending: 'default', approved: 'primary', sent: 'warning', confirmed: 'success', failed: 'danger', returned: 'danger' };

function hintOf(p: MyPayout): string | undefined {
  if (p.needsBankAccount) return '请先登记本人的银行卡，工会才能把钱转到您的账户。';
  if (p.channel === 'bank' && p.state === 'sent') return '工会已提交银行转账，到账以银行为准。';
  if (p.channel === 'goods' && p.state === 'sent') return '请到发放单位领取，领到后点“确认已领取”。';
  if (p.state === 'pending' || p.state === 'approved') return '工会正在办理发放。';
  if ((p.state === 'failed' || p.state === 'returned') && p.channel === 'bank') return '请核对银行卡信息，工会将重新发放，不会重复到账。';
  return undefined;
}

function PayoutItem({ p, onConfirmed, onBank }: { p: MyPayout; onConfirmed: () => void; onBank: () => void }) {
  const [busy, setBusy] = useState(false);
  async function confirm() {
    const ok = await confirmDialog({ title: '确认已领取', content: `确认已领到“${p.campaignTitle}”的 ${p.amountText}？`, confirmText: '已领取', cancelText: '还没有' });
    if (!ok) return;
    setBusy(true);
    try {
      await api.post('/api/me/payouts/:id/confirm', { params: { id: p.id } });
      Toast.show({ icon: 'success', content: '已确认领取' });
      onConfirmed();
    } catch (err) {
      Toast.show({ content: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  const hint = hintOf(p);
  return (
    <div className="po-item" data-testid="payout-item" data-state={p.state}>
      <div className="po-head">
        <div>
          <div className="po-title">{p.campaignTitle}</div>
          <div className="po-org">{p.orgName}</div>
        </div>
        <div className="po-amount">{p.amountText}</div>
      </div>
      <div className="po-meta">
        <Tag color={stateColors[p.state]} fill="outline">
          {p.stateLabel}
        </Tag>
        <span>{p.channelLabel}</span>
        {p.accountMasked && <span>收款账号 {p.accountMasked}</span>}
        <span>{formatDateTime(p.confirmedAt ?? p.createdAt)}</span>
      </div>
      {p.reason && (p.state === 'failed' || p.state === 'returned') && <div className="po-reason">原因：{p.reason}</div>}
      {hint && <div className="po-hint">{hint}</div>}
      {(p.canConfirm || p.needsBankAccount) && (
        <div className="po-actions">
          {p.canConfirm && (
            <Button block color="primary" shape="rounded" loading={busy} onClick={() => void confirm()}>
              确认已领取
            </Button>
          )}
          {p.needsBankAccount && (
            <Button block color="primary" fill="outline" shape="rounded" onClick={onBank}>
              登记银行卡
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

export function PayoutsPage() {
  const navigate = useNavigate();
  const state = useMemberData(() => api.get('/api/me/payouts', { query: { pageSize: 100 } }));

  return (
    <MemberScreen title="我的发放" onBack={() => navigate(-1)} right={
        <Link to="/me/bank-account" className="a-nav-link">
          银行卡
        </Link>
      }>
      <MemberOnlyBody state={state} what="领取工会发放">
        {(data) => (
          <section className="m-card" data-testid="my-payouts">
            <h2 className="m-section-title">工会发给我的补助、积分和慰问品</h2>
            {data.items.length === 0 ? (
              <div className="po-empty">还没有发放记录。申请的帮扶活动公示结束后，发放会显示在这里。</div>
            ) : (
              <ul className="a-list">
                {data.items.map((p) => (
                  <li key={p.id}>
                    <PayoutItem p={p} onConfirmed={() => void state.reload()} onBank={() => navigate('/me/bank-account')} />
                  </li>
                ))}
              </ul>
            )}
          </section>
        )}
      </MemberOnlyBody>
    </MemberScreen>
  );
}
