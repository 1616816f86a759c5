// 我的积分: the balance large at the top, a simple 兑换 form (item, merchant, points; one
// Idempotency-Key per attempt, kept for its retries), and the history — 发放 / 兑换 / 过期 / 撤销
// with the reason, the time and the signed amount (income red, spending green).
import './points.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Input, List, Tag, Toast } from 'antd-mobile';
import { confirmDialog } from '../components/dialogs.ts';
import type { PointOperationKind } from '../../../contracts/points.ts';
import { api } from '../../shared/api.ts';
import { MemberOnlyBody, useMemberData } from '../components/ApplicationState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { formatCount, formatDateTime } from '../../shared/format.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';

const kindColors: Record<PointOperationKind, string> = { issue: 'danger', redeem: 'success', expire: 'default', reverse: 'warning' };

function signed(n: number): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${formatCount(Math.abs(n))}`;
}

function RedeemForm({ balance, onDone }: { balance: number; onDone: () => void }) {
  const [item, setItem] = useState('');
  const [merchant, setMerchant] = useState('');
  const [amount, setAmount] = useState('');
  const [problem, setProblem] = useState<string>();
  const { post, busy } = useIdempotentPost('/api/me/points/redemptions');

  async function submit() {
    setProblem(undefined);
    const what = item.trim();
    if (!what) return setProblem('请填写兑换的商品或服务');
    const points = Number(amount);
    if (!Number.isInteger(points) || points < 1) return setProblem('请填写所用积分');
    const ok = await confirmDialog({
      title: '确认兑换',
      content: `用 ${formatCount(points)} 积分兑换“${what}”${merchant.trim() ? `（${merchant.trim()}）` : ''}，兑换后不能自行取消。`,
      confirmText: '确认兑换',
      cancelText: '再想想',
    });
    if (!ok) return;
    const out = await post({ body: { amount: points, item: what, merchant: merchant.trim() || undefined } });
    if (out.kind === 'done') {
      Toast.show({ icon: 'success', content: `已兑换，用去 ${formatCount(points)} 积分` });
      setItem('');
      setMerchant('');
      setAmount('');
      onDone();
    } else if (out.kind === 'refused') {
      setProblem(out.message);
    } else {
      setProblem(`${out.message}。兑换结果未知，请再点“兑换”重试（不会重复扣分）`);
    }
  }

  return (
    <section className="m-card p-form" data-testid="redeem-form">
      <h2 className="m-section-title">积分兑换</h2>
      <List>
        <List.Item prefix="兑换内容">
          <Input placeholder="商品或服务，如“体检套餐”" value={item} onChange={setItem} maxLength={100} aria-label="兑换内容" clearable />
        </List.Item>
        <List.Item prefix="商户">
          <Input placeholder="选填，如“工会服务站”" value={merchant} onChange={setMerchant} maxLength={100} aria-label="商户" clearable />
        </List.Item>
        <List.Item prefix="所用积分">
          <Input
            type="number"
            inputMode="numeric"
            placeholder={`最多 ${formatCount(balance)}`}
            value={amount}
            onChange={(v) => setAmount(v.replace(/\D/g, '').slice(0, 7))}
            aria-label="所用积分"
            clearable
          />
        </List.Item>
      </List>
      {problem && (
        <div className="p-form-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" shape="rounded" loading={busy} disabled={busy} onClick={() => void submit()} style={{ marginTop: 12 }}>
        兑换
      </Button>
      <div className="p-form-note">兑换后积分立即扣减，请在商户处出示本页或电子会员证领取。</div>
    </section>
  );
}

export function PointsPage() {
  const navigate = useNavigate();
  const state = useMemberData(() => api.get('/api/me/points', { query: { pageSize: 100 } }));

  return (
    <MemberScreen title="我的积分" onBack={() => navigate(-1)}>
      <MemberOnlyBody state={state} what="使用积分" joinCodes={['not_a_member', 'forbidden']}>
        {(data) => (
          <>
            <header className="m-banner p-balance">
              <div className="p-balance-label">积分余额</div>
              <div className="p-balance-value" data-testid="points-balance">
                {formatCount(data.balance)}
                <span className="p-balance-unit">分</span>
              </div>
              <div className="p-balance-hint">工会发放的积分可兑换商品和服务</div>
            </header>
            {data.balance > 0 ? (
              <RedeemForm balance={data.balance} onDone={() => void state.reload()} />
            ) : (
              <section className="m-card p-empty-card">
                <h2 className="m-section-title">积分兑换</h2>
                <div className="p-form-note">暂无可用积分。工会发放积分后，可在这里兑换商品和服务。</div>
              </section>
            )}
            <section className="m-card p-history" data-testid="points-history">
              <h2 className="m-section-title">积分明细</h2>
              {data.items.length === 0 ? (
                <div className="p-empty">还没有积分记录</div>
              ) : (
                <ul className="p-entries">
                  {data.items.map((e, i) => (
                    <li className="p-entry" key={`${e.operationId}-${i}`} data-testid="points-entry" data-kind={e.kind}>
                      <div className="p-entry-main">
                        <div className="p-entry-reason">{e.reason}</div>
                        <div className="p-entry-meta">
                          <Tag color={kindColors[e.kind]} fill="outline">
                            {e.kindLabel}
                          </Tag>
                          <span>{formatDateTime(e.createdAt)}</span>
                        </div>
                      </div>
                      <div className={`p-entry-amount ${e.amount >= 0 ? 'p-plus' : 'p-minus'}`}>{signed(e.amount)}</div>
                    </li>
                  ))}
                </ul>
              )}
              {data.total > data.items.length && <div className="p-empty">仅显示最近 {data.items.length} 条</div>}
            </section>
          </>
        )}
      </MemberOnlyBody>
    </MemberScreen>
  );
}
