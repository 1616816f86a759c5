// The points ledger (积分): issuing (to one member, a list, or every active member of a subtree),
// redemption by the member, expiry by rule, reversal; every write once per Idempotency-Key.
import { pointOperationLabels, type ExpirePointsInput, type IssuePointsInput, type RedeemPointsInput } from '../../../contracts/points.ts';
import type { Tx } from '../../db/client.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { violates } from '../../db/errors.ts';
import { insertAudit } from '../../http/audit.ts';
import { countSubtreeMembers } from '../orgs/orgs.service.ts';
import { dispatchNotices, queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import { operationStore } from './points-answers.ts';
import { requestHashOf, writeOnce, type IdempotentAsk, type IdempotentReply } from '../../http/idempotency.ts';
import * as repo from './points.repo.ts';
import { auditOf, requireMemberId } from '../../http/actors.ts';

/** The ledger's invariants (invariants.ts), for the tests and scripts of modules that write to the ledger. */
export { checkPointInvariants } from './invariants.ts';

interface Once extends IdempotentAsk {
  /** the error a member balance going below zero means for this write */
  overdraw: ErrorCode;
}

/**
 * Runs `write` in one transaction unless the key was used before: then the stored answer (same
 * request) or idempotency_key_reused. A refusal rolls back everything and stores nothing.
 */
async function once(ctx: StaffContext | MemberContext, o: Once, write: (tx: Tx) => Promise<repo.OperationRow>): Promise<IdempotentReply> {
  try {
    return await writeOnce(ctx.db, operationStore, o, () => ctx.db.transaction(write));
  } catch (err) {
    if (violates(err, 'point_account_member_not_negative')) throw new AppError(o.overdraw);
    if (violates(err, 'point_operation_reversed_once')) throw new AppError('operation_already_reversed');
    throw err;
  }
}

function staffOnce(ctx: StaffContext, key: string, hash: Buffer, overdraw: ErrorCode = 'insufficient_points'): Once {
  return { owner: { kind: 'staff', id: ctx.actor.staffId }, key, hash, overdraw };
}

/** The issuer (funding) account of an org, made when missing, in the caller's transaction: payouts credit points from it. */
export function issuerAccountOf(tx: Tx, orgId: number): Promise<number> {
  return repo.issuerAccountOf(tx, orgId);
}

/**
 * Issues `amount` points to each listed member, or to every active member of the org's subtree
 * (optionally of one group), from the org's issuer account — set-based: the members' entries and
 * balances in one statement.
 * Throws not_found (org out of scope, or a listed member not active in its subtree), no_points_recipients,
 * idempotency_key_reused.
 */
export async function issuePoints(ctx: StaffContext, idemKey: string, input: IssuePointsInput): Promise<IdempotentReply> {
  const out = await issueOnce(ctx, idemKey, input);
  if (!out.replayed && input.memberIds) void dispatchNotices(ctx);
  return out;
}

async function issueOnce(ctx: StaffContext, idemKey: string, input: IssuePointsInput): Promise<IdempotentReply> {
  const memberIds = input.memberIds ? [...new Set(input.memberIds)].sort((a, b) => a - b) : null;
  const content = { orgId: input.orgId, amount: input.amount, reason: input.reason, memberIds, group: input.group ?? null };
  const hash = requestHashOf('issue', content);
  return once(ctx, staffOnce(ctx, idemKey, hash), async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, input.orgId);
    const targets: repo.IssueTargets = { orgPath: org.path, memberIds, group: input.group ?? null };
    if (memberIds && (await repo.countTargets(tx, targets)) !== memberIds.length) throw new AppError('not_found');
    // a very large subtree (the 化州 Mid-Autumn case, or a whole province): the table, before any
    // account is touched (taken later, it would upgrade this transaction's own lock: a deadlock
    // between two such issues); otherwise each account, in id order, once the issuer's is known
    const mass = !memberIds && (await countSubtreeMembers(tx, org.id)) > ctx.config.pointsTableLockMembers;
    if (mass) await repo.lockLedgerForMassIssue(tx);
    const opId = await repo.insertOperation(tx, { kind: 'issue', orgId: org.id, orgPath: org.path, reason: input.reason, actorKind: 'staff', actorId: ctx.actor.staffId, idemKey, requestHash: hash });
    const issuer = await repo.issuerAccountOf(tx, org.id);
    if (!mass) await repo.lockIssueAccounts(tx, issuer, targets);
    const n = await repo.creditIssueTargets(tx, opId, input.amount, targets);
    if (n === 0) throw new AppError('no_points_recipients');
    const op = await repo.completeIssue(tx, opId, issuer, input.amount, n);
    if (memberIds) {
      // members named one by one are told by SMS; a whole subtree is told by the campaign, not 10⁵ texts
      const phones = await repo.findMemberPhones(tx, memberIds);
      const notices = phones.map((p) => sealNotice(ctx, p.phoneEnc, `【智慧工会】${p.name}，${org.name}向您发放 ${input.amount} 积分（${input.reason}），可在“我的积分”查看。`));
      await queueBulkSms(tx, notices, 'points_issued', org.path, ctx.sender.deliversInOutbox === true);
    }
    await insertAudit(tx, { ...auditOf(ctx), action: 'points.issue', targetType: 'point_operation', targetId: opId, orgPath: org.path, detail: { amount: input.amount, members: n, group: input.group ?? null } });
    return op;
  });
}

/**
 * Expires, for every member of the org's subtree, the points issued before `issuedBefore` that are
 * still unspent: a balance is brought down to what was issued to it since that day (spending is
 * taken from the oldest points first). Throws not_found, idempotency_key_reused.
 */
export async function expirePoints(ctx: StaffContext, idemKey: string, input: ExpirePointsInput): Promise<IdempotentReply> {
  const hash = requestHashOf('expire', { orgId: input.orgId, issuedBefore: input.issuedBefore, reason: input.reason });
  return once(ctx, staffOnce(ctx, idemKey, hash), async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, input.orgId);
    const opId = await repo.insertOperation(tx, { kind: 'expire', orgId: org.id, orgPath: org.path, reason: input.reason, actorKind: 'staff', actorId: ctx.actor.staffId, idemKey, requestHash: hash });
    await repo.insertExpiryEntries(tx, opId, await repo.sinkAccountOf(tx, 'expired'), org.path, input.issuedBefore);
    const op = await repo.applyEntries(tx, opId);
    await insertAudit(tx, { ...auditOf(ctx), action: 'points.expire', targetType: 'point_operation', targetId: opId, orgPath: org.path, detail: { issuedBefore: input.issuedBefore, amount: op.amount, members: op.memberCount } });
    return op;
  });
}

/**
 * Reverses an operation of the scope with the opposite entries, at most once. Throws not_found,
 * operation_not_reversible (a reversal), operation_already_reversed, points_already_spent (a member
 * balance would go below zero), idempotency_key_reused.
 */
export async function reverseOperation(ctx: StaffContext, operationId: number, idemKey: string, reason: string): Promise<IdempotentReply> {
  const hash = requestHashOf('reverse', { operationId, reason });
  return once(ctx, staffOnce(ctx, idemKey, hash, 'points_already_spent'), async (tx) => {
    const orig = await repo.getOperationInScope(tx, ctx.scope, operationId);
    if (!orig) throw new AppError('not_found');
    if (orig.kind === 'reverse') throw new AppError('operation_not_reversible');
    if (orig.reversedByOperationId !== null) throw new AppError('operation_already_reversed');
    const opId = await repo.insertOperation(tx, { kind: 'reverse', orgId: orig.orgId, orgPath: orig.orgPath, reason, reversesOperationId: orig.id, actorKind: 'staff', actorId: ctx.actor.staffId, idemKey, requestHash: hash });
    await repo.insertReversalEntries(tx, opId, orig.id);
    const op = await repo.applyEntries(tx, opId);
    await insertAudit(tx, { ...auditOf(ctx), action: 'points.reverse', targetType: 'point_operation', targetId: opId, orgPath: orig.orgPath, detail: { reverses: orig.id, reason } });
    return op;
  });
}

/** The member spends points on an item. Throws not_a_member, insufficient_points, idempotency_key_reused. */
export async function redeemPoints(ctx: MemberContext, idemKey: string, input: RedeemPointsInput): Promise<IdempotentReply> {
  const memberId = requireMemberId(ctx);
  const reason = input.merchant ? `${input.merchant}：${input.item}` : input.item;
  const hash = requestHashOf('redeem', { amount: input.amount, reason });
  return once(ctx, { owner: { kind: 'member', id: memberId }, key: idemKey, hash, overdraw: 'insufficient_points' }, async (tx) => {
    const m = await repo.getMemberOrg(tx, memberId);
    if (!m) throw new AppError('not_a_member');
    const opId = await repo.insertOperation(tx, { kind: 'redeem', orgId: m.orgId, orgPath: m.orgPath, reason, actorKind: 'member', actorId: memberId, idemKey, requestHash: hash });
    const account = await repo.memberAccountOf(tx, memberId);
    const sink = await repo.sinkAccountOf(tx, 'redeemed');
    await repo.insertEntries(tx, opId, [
      { accountId: account, amount: -input.amount, countsAs: 'redeem' },
      { accountId: sink, amount: input.amount, countsAs: 'redeem' },
    ]);
    return repo.applyEntries(tx, opId);
  });
}

/** An operation of the scope, with the reversal that undid it if any. Throws not_found. */
export async function getOperation(ctx: StaffContext, id: number) {
  const o = await repo.getOperationInScope(ctx.db, ctx.scope, id);
  if (!o) throw new AppError('not_found');
  return {
    id: o.id, kind: o.kind, orgId: o.orgId, amount: o.amount, memberCount: o.memberCount, reason: o.reason,
    reversesOperationId: o.reversesOperationId, createdAt: o.createdAt, reversedByOperationId: o.reversedByOperationId,
  };
}

/** Issued, redeemed, expired and outstanding points of the members of a subtree. Throws not_found. */
export async function getTotals(ctx: StaffContext, orgId: number | undefined) {
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId ?? ctx.scope.orgId);
  return { orgId: org.id, ...(await repo.getTotals(ctx.db, org.path)) };
}

/** The member's balance and history, newest first. Throws not_a_member. */
export async function getMyPoints(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const memberId = requireMemberId(ctx);
  const h = await repo.findMemberHistory(ctx.db, memberId, f.pageSize, (f.page - 1) * f.pageSize);
  return { balance: h.balance, total: h.total, items: h.items.map((i) => ({ ...i, kindLabel: pointOperationLabels[i.kind] })) };
}
