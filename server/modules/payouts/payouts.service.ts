// Payouts, point to point (点对点发放): a run makes one payout per awarded application; a payout above
// the campaign's threshold waits for a second person's approval; points are credited through the
// ledger at once, goods wait for the recipient's confirmation, bank transfers go into a payment file.
// Failed or returned payouts are retried with a new attempt and reference, never two live at once.
import {
  formatAmount,
  goodsStateLabels,
  payoutChannelLabels,
  payoutStateLabels,
  type PayoutChannel,
  type PayoutState,
} from '../../../contracts/payouts.ts';
import type { Tx } from '../../db/client.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { violates } from '../../db/errors.ts';
import { insertAudit } from '../../http/audit.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { settleNotices } from '../campaigns/campaigns.service.ts';
import { issuerAccountOf } from '../points/points.service.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import { queuePayoutNotices } from './payout-notices.ts';
import * as repo from './payouts.repo.ts';
import { auditOf, requireMemberId } from '../../http/actors.ts';

/** Payout runs as an idempotency store: the run row is the stored answer, keyed by its staff member. */
const runStore: IdempotencyStore<repo.RunRow> = {
  find: (q, owner, key) => repo.findRunByKey(q, owner.id, key),
  text: (r) =>
    JSON.stringify({
      runId: r.runId, campaignId: r.campaignId, created: r.created, createdAmount: r.createdAmount,
      credited: r.credited, awaitingApproval: r.awaitingApproval, createdAt: r.createdAt,
    }),
  isKeyTaken: (err) => violates(err, 'payout_run_idem_key'),
};

/**
 * Makes the payouts of every awarded application of the campaign that has none (a re-run makes
 * nothing new), sends what needs no second approval (points credited, goods ready to hand over),
 * all in one transaction. Once per Idempotency-Key. Throws not_found, payout_campaign_cancelled,
 * payout_budget_exceeded, idempotency_key_reused.
 */
export async function runPayouts(ctx: StaffContext, campaignId: number, idemKey: string): Promise<IdempotentReply> {
  const staffId = ctx.actor.staffId;
  const ask = { owner: { kind: 'staff' as const, id: staffId }, key: idemKey, hash: requestHashOf('payout-run', { campaignId }) };
  const out = await writeOnce(ctx.db, runStore, ask, async () => {
    // a notice period just over is awarded now, not at the next sweep: the run pays what the page showed
    await settleNotices(ctx, campaignId);
    try {
      return await ctx.db.transaction(async (tx) => {
        // the campaign row is locked: runs of one campaign queue, each sees the payouts of the last
        const c = await repo.getCampaignInScope(tx, ctx.scope, campaignId, true);
        if (!c) throw new AppError('not_found');
        if (c.status === 'cancelled') throw new AppError('payout_campaign_cancelled');
        const runId = await repo.insertRun(tx, { campaignId, staffId, idemKey, hash: ask.hash });
        const made = await repo.insertPayoutsForAwarded(tx, c.id, runId, staffId);
        const sendable = await repo.lockSendableOfRun(tx, runId);
        const credited = await sendNow(ctx, tx, c, sendable);
        const run = await repo.finishRun(tx, runId, { created: made.created, amount: made.amount, credited, waiting: made.waiting });
        await insertAudit(tx, {
          ...auditOf(ctx), action: 'payout.run', targetType: 'campaign', targetId: c.id, orgPath: c.orgPath,
          detail: { runId, created: made.created, amount: made.amount, credited, awaitingApproval: made.waiting },
        });
        return run;
      });
    } catch (err) {
      if (violates(err, 'campaign_budget_paid_within')) throw new AppError('payout_budget_exceeded');
      throw err;
    }
  });
  if (!out.replayed) void dispatchNotices(ctx);
  return out;
}

/**
 * Sends payouts that may go now: points are credited through the ledger (one operation per payout,
 * under the key 'payout:<id>', so no retry credits twice); goods get a live attempt (its reference
 * is the pickup code) and wait for the recipient; bank payouts wait for the next payment file.
 * Returns how many were credited.
 */
async function sendNow(ctx: StaffContext, tx: Tx, c: repo.CampaignRow, payouts: repo.PayoutCore[]): Promise<number> {
  if (payouts.length === 0) return 0;
  if (c.channel === 'goods') {
    await repo.insertAttempts(tx, payouts.map((p) => ({ payoutId: p.id, attemptNo: p.attempts + 1, state: 'live' as const })));
    await repo.setPayoutState(tx, payouts.map((p) => p.id), 'sent', { newAttempt: true });
    await queuePayoutNotices(ctx, tx, payouts.map((p) => p.id));
    return 0;
  }
  if (c.channel !== 'points') return 0;
  const issuer = await issuerAccountOf(tx, c.orgId);
  // the issuer first: every payout credit from this org queues here before it locks any member account
  await repo.lockPointAccount(tx, issuer);
  const ids = payouts.map((p) => p.id);
  const creditable = await repo.findCreditable(tx, ids, c.orgPath);
  const stale = payouts.filter((p) => !creditable.includes(p.id));
  if (stale.length > 0) {
    const reason = '会员已不在本活动的范围内或会员状态不正常，积分未入账';
    await repo.insertAttempts(tx, stale.map((p) => ({ payoutId: p.id, attemptNo: p.attempts + 1, state: 'failed' as const, reason })));
    await repo.setPayoutState(tx, stale.map((p) => p.id), 'failed', { newAttempt: true, reason });
  }
  await repo.creditPayouts(tx, { ids: creditable, issuerId: issuer, orgId: c.orgId, orgPath: c.orgPath, reason: `${c.title}（点对点发放）`, staffId: ctx.actor.staffId });
  const credited = creditable.length;
  await queuePayoutNotices(ctx, tx, payouts.map((p) => p.id));
  return credited;
}

/**
 * The second person's approval (maker-checker) of payouts above the threshold: all or none.
 * Approved points are credited and goods made ready at once. Throws not_found,
 * maker_cannot_approve, payout_state_invalid.
 */
export async function approvePayouts(ctx: StaffContext, campaignId: number, payoutIds: number[]) {
  const ids = [...new Set(payoutIds)];
  return ctx.db.transaction(async (tx) => {
    const c = await repo.getCampaignInScope(tx, ctx.scope, campaignId, true);
    if (!c) throw new AppError('not_found');
    const rows = await repo.lockPayouts(tx, c.id, ids);
    if (rows.length !== ids.length) throw new AppError('not_found');
    for (const p of rows) {
      if (p.madeBy === ctx.actor.staffId) throw new AppError('maker_cannot_approve');
      if (p.state !== 'pending' || !p.needsApproval) throw new AppError('payout_state_invalid', `第 ${p.id} 号发放不是待复核状态（${payoutStateLabels[p.state]}）`);
    }
    await repo.approvePayouts(tx, ids, ctx.actor.staffId);
    const credited = await sendNow(ctx, tx, c, rows.map((p) => ({ ...p, state: 'approved' as const })));
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'payout.approve', targetType: 'campaign', targetId: c.id, orgPath: c.orgPath,
      detail: { payoutIds: ids, amount: rows.reduce((s, p) => s + p.amount, 0) },
    });
    return { approved: ids.length, credited };
  }).then((out) => {
    void dispatchNotices(ctx);
    return out;
  });
}

/**
 * Staff record the outcome of a sent payout: goods handed over (confirmed), a bank line paid,
 * failed or returned (also a paid line the bank returned later). Throws not_found,
 * payout_state_invalid, second_approver_required, payout_not_sent, payout_reason_required.
 */
export async function recordResult(ctx: StaffContext, payoutId: number, outcome: 'confirmed' | 'failed' | 'returned', reason: string | undefined) {
  await ctx.db.transaction(async (tx) => {
    const p = await repo.lockPayoutInScope(tx, ctx.scope, payoutId);
    if (!p) throw new AppError('not_found');
    if (p.channel === 'points') throw new AppError('payout_state_invalid', '积分发放由积分账本直接入账，无需登记结果');
    if (outcome !== 'confirmed' && !reason) throw new AppError('payout_reason_required');
    if (p.state === 'pending' && p.needsApproval) throw new AppError('second_approver_required');
    if (p.state === 'pending' || p.state === 'approved') throw new AppError('payout_not_sent');
    const a = await repo.latestAttempt(tx, p.id);
    if (!a) throw new AppError('payout_not_sent');
    if (p.state === 'sent' && a.state === 'live') {
      const attemptState = outcome === 'confirmed' ? 'succeeded' : outcome;
      await repo.settleAttempts(tx, [{ attemptId: a.id, state: attemptState, reason: reason ?? null }]);
      await repo.setPayoutState(tx, [p.id], outcome, { reason: reason ?? null, confirmedBy: 'staff' });
    } else if (p.state === 'confirmed' && outcome === 'returned' && p.channel === 'bank' && a.state === 'succeeded') {
      await repo.settleAttempts(tx, [{ attemptId: a.id, state: 'returned', reason: reason ?? null }]);
      await repo.setPayoutState(tx, [p.id], 'returned', { reason: reason ?? null });
    } else {
      throw new AppError('payout_state_invalid', `该笔发放当前为“${payoutStateLabels[p.state]}”，不能登记为“${payoutStateLabels[outcome]}”`);
    }
    await queuePayoutNotices(ctx, tx, [p.id]);
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'payout.result', targetType: 'payout', targetId: p.id, orgPath: p.campaignPath,
      detail: { outcome, reason: reason ?? null, reference: a.reference },
    });
  });
  void dispatchNotices(ctx);
  return getPayout(ctx, payoutId);
}

/**
 * A failed or returned payout tried again: a new attempt with a new reference (points and goods at
 * once; bank in the next payment file). The earlier attempt is settled, so two can never be live.
 * Throws not_found, payout_state_invalid.
 */
export async function retryPayout(ctx: StaffContext, payoutId: number) {
  await ctx.db.transaction(async (tx) => {
    const p = await repo.lockPayoutInScope(tx, ctx.scope, payoutId);
    if (!p) throw new AppError('not_found');
    if (p.state !== 'failed' && p.state !== 'returned') throw new AppError('payout_state_invalid', `只有发放失败或已退回的才能重新发放（当前为“${payoutStateLabels[p.state]}”）`);
    const c = await repo.getCampaignInScope(tx, ctx.scope, p.campaignId);
    if (!c) throw new AppError('not_found');
    if (p.channel === 'bank') {
      await repo.setPayoutState(tx, [p.id], p.needsApproval ? 'approved' : 'pending');
    } else {
      await sendNow(ctx, tx, c, [p]);
    }
    await insertAudit(tx, { ...auditOf(ctx), action: 'payout.retry', targetType: 'payout', targetId: p.id, orgPath: c.orgPath, detail: { attempts: p.attempts } });
  });
  void dispatchNotices(ctx);
  return getPayout(ctx, payoutId);
}

function stateLabel(channel: PayoutChannel, state: PayoutState): string {
  return (channel === 'goods' ? goodsStateLabels[state] : undefined) ?? payoutStateLabels[state];
}

const itemOf = (r: repo.PayoutListRow) => ({ ...r, amountText: formatAmount(r.amount, r.channel), stateLabel: stateLabel(r.channel, r.state) });

/** The payouts of a campaign under the scope, with totals by state and the budget. Throws not_found. */
export async function listPayouts(ctx: StaffContext, campaignId: number, f: { state?: PayoutState | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const c = await repo.getCampaignVisible(ctx.db, ctx.scope, campaignId);
  if (!c) throw new AppError('not_found');
  await settleNotices(ctx, c.id);
  const [list, figures] = await Promise.all([
    repo.findPayouts(ctx.db, ctx.scope, c.id, { state: f.state ?? null, q: f.q ?? null, limit: f.pageSize, offset: (f.page - 1) * f.pageSize }),
    repo.getFigures(ctx.db, ctx.scope, c.id),
  ]);
  return {
    items: list.items.map(itemOf),
    total: list.total,
    totals: figures.totals,
    budget: { unit: c.unit, total: c.budgetTotal, reserved: c.budgetReserved, paid: c.budgetPaid },
    channel: c.channel,
    secondApprovalAbove: c.secondApprovalAbove,
    awardedWithoutPayout: figures.awardedWithoutPayout,
    bankReady: figures.bankReady,
    bankMissingAccount: figures.bankMissingAccount,
  };
}

/** One payout of the scope with every attempt. Throws not_found. */
export async function getPayout(ctx: StaffContext, payoutId: number) {
  const p = await repo.getPayoutVisible(ctx.db, ctx.scope, payoutId);
  if (!p) throw new AppError('not_found');
  return { ...itemOf(p), attemptList: await repo.findAttempts(ctx.db, p.id) };
}

function myItemOf(r: repo.MyPayoutRow) {
  return {
    id: r.id, campaignId: r.campaignId, campaignTitle: r.campaignTitle, orgName: r.orgName,
    channel: r.channel, channelLabel: payoutChannelLabels[r.channel], amount: r.amount, amountText: formatAmount(r.amount, r.channel),
    state: r.state, stateLabel: stateLabel(r.channel, r.state), accountMasked: r.accountMasked, reason: r.reason,
    canConfirm: r.channel === 'goods' && r.state === 'sent',
    needsBankAccount: r.channel === 'bank' && !r.hasBankAccount && (r.state === 'pending' || r.state === 'approved' || r.state === 'failed' || r.state === 'returned'),
    createdAt: r.createdAt, confirmedAt: r.confirmedAt,
  };
}

/** The member's payouts, newest first. Throws not_a_member. */
export async function getMyPayouts(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const memberId = requireMemberId(ctx);
  const out = await repo.findMyPayouts(ctx.db, memberId, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: out.items.map(myItemOf), total: out.total };
}

/**
 * The member confirms goods received (a second confirmation answers the same). Throws not_a_member,
 * not_found, payout_state_invalid (not goods, failed), payout_not_sent.
 */
export async function confirmMyPayout(ctx: MemberContext, payoutId: number) {
  const memberId = requireMemberId(ctx);
  await ctx.db.transaction(async (tx) => {
    const p = await repo.lockMyPayout(tx, memberId, payoutId);
    if (!p) throw new AppError('not_found');
    if (p.channel !== 'goods') throw new AppError('payout_state_invalid', '只有实物发放需要确认领取');
    if (p.state === 'confirmed') return;
    if (p.state === 'pending' || p.state === 'approved') throw new AppError('payout_not_sent');
    if (p.state !== 'sent') throw new AppError('payout_state_invalid');
    const a = await repo.latestAttempt(tx, p.id);
    await repo.settleAttempts(tx, [{ attemptId: a!.id, state: 'succeeded', reason: null }]);
    await repo.setPayoutState(tx, [p.id], 'confirmed', { confirmedBy: 'member' });
    await insertAudit(tx, {
      actorKind: 'member', actorId: memberId, action: 'payout.confirm', targetType: 'payout', targetId: p.id, orgPath: p.orgPath,
      ip: ctx.meta.ip, userAgent: ctx.meta.userAgent, detail: { reference: a!.reference },
    });
  });
  return myItemOf((await repo.getMyPayout(ctx.db, memberId, payoutId))!);
}
