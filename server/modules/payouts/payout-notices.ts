// The SMS a member gets when a payout reaches them or fails: queued in the transaction that decided
// it (the outbox), so a rolled-back action tells nobody anything.
import { formatAmount } from '../../../contracts/payouts.ts';
import type { Tx } from '../../db/client.ts';
import type { Deps } from '../../http/context.ts';
import { queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import { findNoticeFacts, type NoticeFacts } from './payouts.repo.ts';

function bodyOf(f: NoticeFacts): string | undefined {
  const what = `“${f.title}”的 ${formatAmount(f.amount, f.channel)}`;
  if (f.state === 'confirmed' && f.channel === 'points') return `【智慧工会】${f.name}，${what}已发放到您的积分账户，可在“我的积分”查看。`;
  if (f.state === 'confirmed' && f.channel === 'bank') return `【智慧工会】${f.name}，${what}已转入您尾号 ${(f.accountMasked ?? '').slice(-4)} 的银行卡。`;
  if (f.state === 'sent' && f.channel === 'goods') return `【智慧工会】${f.name}，${what}慰问品可以领取了，领取凭证 ${f.reference ?? ''}；领到后请在“我的发放”中确认。`;
  if (f.state === 'failed' || f.state === 'returned') {
    const fix = f.channel === 'bank' ? '请在“我的—银行卡”中核对收款账户，工会将重新发放，不会重复到账。' : '工会将重新发放。';
    return `【智慧工会】${f.name}，${what}未能发放（${f.reason ?? '原因待核实'}），${fix}`;
  }
  return undefined;
}

/** Queues the SMS for the payouts' current states (those with nothing to say are skipped). */
export async function queuePayoutNotices(deps: Pick<Deps, 'pii' | 'sender'>, tx: Tx, payoutIds: number[]): Promise<void> {
  const facts = await findNoticeFacts(tx, payoutIds);
  const byPath = new Map<string, ReturnType<typeof sealNotice>[]>();
  for (const f of facts) {
    const body = bodyOf(f);
    if (!body) continue;
    const list = byPath.get(f.campaignPath) ?? [];
    list.push(sealNotice(deps, f.phoneEnc, body));
    byPath.set(f.campaignPath, list);
  }
  for (const [path, notices] of byPath) await queueBulkSms(tx, notices, 'payout', path, deps.sender.deliversInOutbox === true);
}
