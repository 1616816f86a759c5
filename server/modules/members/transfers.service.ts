// Transfer (会员关系转接): a membership moves with its number, history and card when a worker
// changes employer. Requested by the member (routed like joining) or by staff; accepted by the
// receiving union (or at once where it accepts automatically).
import type { Tx } from '../../db/client.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { translateDbError } from '../../db/errors.ts';
import { getOrgInScope, isPathInScope } from '../../http/scope.ts';
import { insertAudit } from '../../http/audit.ts';
import { audit, auditOf, requireMemberId } from '../../http/actors.ts';
import { dispatchNotices, queueSms } from '../notices/notices.service.ts';
import * as repo from './members.repo.ts';
import * as transfersRepo from './transfers.repo.ts';
import { routeWorker, type RouteInput } from './routing.service.ts';

function view(t: transfersRepo.TransferRow) {
  return {
    id: t.id,
    member: { id: t.memberId, name: t.memberName, memberNo: t.memberNo },
    fromOrg: { id: t.fromOrgId, name: t.fromOrgName },
    toOrg: { id: t.toOrgId, name: t.toOrgName },
    status: t.status,
    requestedBy: t.requestedBy,
    reason: t.reason,
    routeReason: t.routeReason,
    rejectReason: t.rejectReason,
    createdAt: new Date(t.createdAt).toISOString(),
    decidedAt: t.decidedAt ? new Date(t.decidedAt).toISOString() : null,
  };
}

interface OpenInput {
  memberId: number;
  toOrg: { id: number; name: string; path: string };
  requestedBy: 'member' | 'staff';
  requestedById: number;
  reason: string | null;
  routeReason: string | null;
  employerName: string | null;
  enterpriseId: number | null;
}

/** Opens a transfer in the caller's transaction; accepts it at once where the receiving union does. */
async function openTransfer(tx: Tx, ctx: StaffContext | MemberContext, input: OpenInput): Promise<number> {
  const m = await repo.getMember(tx, input.memberId, true);
  if (!m) throw new AppError('not_found');
  if (m.status !== 'active') throw new AppError(m.status === 'transferring' ? 'transfer_pending' : 'member_not_active');
  if (m.orgId === input.toOrg.id) throw new AppError('same_org');
  const transferId = await transfersRepo.insertTransfer(tx, {
    memberId: m.id,
    fromOrgId: m.orgId,
    toOrgId: input.toOrg.id,
    routeReason: input.routeReason,
    employerName: input.employerName,
    enterpriseId: input.enterpriseId,
    requestedBy: input.requestedBy,
    requestedById: input.requestedById,
    reason: input.reason,
  });
  await repo.setMemberStatus(tx, m.id, 'transferring');
  await repo.insertEvent(tx, {
    memberId: m.id, kind: 'transfer_requested', fromStatus: 'active', toStatus: 'transferring',
    fromOrgId: m.orgId, toOrgId: input.toOrg.id, reason: input.reason, actorKind: input.requestedBy, actorId: input.requestedById,
  });
  if (await transfersRepo.isAutoAcceptingTransfers(tx, input.toOrg.id)) await acceptInTx(tx, ctx, transferId, null);
  return transferId;
}

async function acceptInTx(tx: Tx, ctx: StaffContext | MemberContext, id: number, staffId: number | null): Promise<transfersRepo.TransferRow> {
  const t = await transfersRepo.getTransfer(tx, id, true);
  if (!t) throw new AppError('not_found');
  if (t.status !== 'pending') throw new AppError('transfer_decided');
  await repo.moveMember(tx, t.memberId, { orgId: t.toOrgId, employerName: t.employerName, enterpriseId: t.enterpriseId, gigPlatform: null });
  await transfersRepo.decideTransferRow(tx, id, { status: 'accepted', staffId });
  await repo.insertEvent(tx, {
    memberId: t.memberId, kind: 'transferred', fromStatus: 'transferring', toStatus: 'active',
    fromOrgId: t.fromOrgId, toOrgId: t.toOrgId, actorKind: staffId ? 'staff' : 'system', actorId: staffId,
  });
  await notifyMember(tx, ctx, t.memberId, `【智慧工会】${t.memberName}，您的会员关系已从${t.fromOrgName}转入${t.toOrgName}，会员号和电子会员证不变。`, t.toOrgPath);
  return t;
}

async function notifyMember(tx: Tx, ctx: StaffContext | MemberContext, memberId: number, body: string, orgPath: string) {
  const s = await repo.getMemberSecrets(tx, memberId);
  if (s?.phoneEnc) await queueSms(tx, ctx, { to: ctx.pii.decrypt(s.phoneEnc), body, kind: 'transfer', orgPath });
}

function conflictsAsPending(err: unknown): never {
  if (translateDbError(err)?.code === 'conflict') throw new AppError('transfer_pending');
  throw err;
}

/** Staff move a member of the scope to another union of the scope. Throws not_found, member_not_active, transfer_pending, same_org. */
export async function requestTransferByStaff(ctx: StaffContext, memberId: number, toOrgId: number, reason: string) {
  const id = await ctx.db
    .transaction(async (tx) => {
      const m = await repo.getMemberInScope(tx, ctx.scope, memberId);
      if (!m) throw new AppError('not_found');
      const to = await getOrgInScope(tx, ctx.scope, toOrgId);
      if (to.status !== 'active') throw new AppError('org_closed');
      // Members belong to a grassroots union or a town's federation, not to a regional federation.
      if (to.level !== 'town' && to.level !== 'grassroots') throw new AppError('invalid_transfer_target');
      const tid = await openTransfer(tx, ctx, {
        memberId, toOrg: to, requestedBy: 'staff', requestedById: ctx.actor.staffId, reason, routeReason: null, employerName: null, enterpriseId: null,
      });
      await audit(tx, ctx, 'member.transfer_request', { type: 'member_transfer', id: tid, orgPath: m.orgPath }, { toOrgId, reason });
      return tid;
    })
    .catch(conflictsAsPending);
  void dispatchNotices(ctx);
  return view((await transfersRepo.getTransfer(ctx.db, id))!);
}

/** The member asks to move with a new employer (or platform and place), routed like joining. */
export async function requestTransferByMember(ctx: MemberContext, input: RouteInput & { reason?: string | undefined }) {
  const memberId = requireMemberId(ctx);
  const id = await ctx.db
    .transaction(async (tx) => {
      const route = await routeWorker(tx, input);
      const tid = await openTransfer(tx, ctx, {
        memberId, toOrg: route.org, requestedBy: 'member', requestedById: ctx.actor.workerId, reason: input.reason ?? null,
        routeReason: route.reason, employerName: route.employerName, enterpriseId: route.enterpriseId,
      });
      await audit(tx, ctx, 'member.transfer_request', { type: 'member_transfer', id: tid, orgPath: route.org.path }, { rule: route.rule });
      return tid;
    })
    .catch(conflictsAsPending);
  void dispatchNotices(ctx);
  return view((await transfersRepo.getTransfer(ctx.db, id))!);
}

/** The receiving union's staff accept or reject. Throws not_found (not theirs to decide), transfer_decided. */
export async function decideTransfer(ctx: StaffContext, id: number, decision: { accept: true } | { accept: false; reason: string }) {
  await ctx.db.transaction(async (tx) => {
    const t = await transfersRepo.getTransfer(tx, id, true);
    if (!t || !isPathInScope(ctx.scope, t.toOrgPath)) throw new AppError('not_found');
    if (t.status !== 'pending') throw new AppError('transfer_decided');
    if (decision.accept) {
      await acceptInTx(tx, ctx, id, ctx.actor.staffId);
    } else {
      await transfersRepo.decideTransferRow(tx, id, { status: 'rejected', staffId: ctx.actor.staffId, rejectReason: decision.reason });
      await repo.setMemberStatus(tx, t.memberId, 'active');
      await repo.insertEvent(tx, { memberId: t.memberId, kind: 'transfer_rejected', fromStatus: 'transferring', toStatus: 'active', fromOrgId: t.fromOrgId, toOrgId: t.toOrgId, reason: decision.reason, actorKind: 'staff', actorId: ctx.actor.staffId });
      await notifyMember(tx, ctx, t.memberId, `【智慧工会】${t.memberName}，您转入${t.toOrgName}的申请未通过，原因：${decision.reason}。您的会员关系仍在${t.fromOrgName}。`, t.fromOrgPath);
    }
    await insertAudit(tx, { ...auditOf(ctx), action: decision.accept ? 'member.transfer_accept' : 'member.transfer_reject', targetType: 'member_transfer', targetId: id, orgPath: t.toOrgPath });
  });
  void dispatchNotices(ctx);
  return view((await transfersRepo.getTransfer(ctx.db, id))!);
}

/** Transfers into (or out of) the scope. */
export async function listTransfers(ctx: StaffContext, f: { direction: 'in' | 'out'; status: string; page: number; pageSize: number }) {
  const { items, total } = await transfersRepo.findTransfers(ctx.db, ctx.scope.path, {
    direction: f.direction,
    status: f.status,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: items.map(view), total };
}

/** The member's own transfers, newest first: where it is going, and any rejection reason. */
export async function listMyTransfers(ctx: MemberContext, f: { page: number; pageSize: number }) {
  if (!ctx.actor.memberId) return { items: [], total: 0 };
  const { items, total } = await transfersRepo.findTransfersOfMember(ctx.db, ctx.actor.memberId, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(view), total };
}
