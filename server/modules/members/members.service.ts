// Members of the caller's subtree: list, detail with history, status changes, and revealing the
// full ID number and phone — to permitted roles, with a reason, audited.
import type { StaffContext } from '../../http/context.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { getOrgInScope } from '../../http/scope.ts';
import type { MemberDetail, MemberSummary } from '../../../contracts/members.ts';
import { bigramsOf } from '../../http/search.ts';
import { dispatchNotices, queueSms } from '../notices/notices.service.ts';
import * as repo from './members.repo.ts';
import { findOpenTransferOf } from './transfers.repo.ts';
import { getEnterpriseInScope } from '../enterprises/access.service.ts';
import { audit } from '../../http/actors.ts';

export function toMemberSummary(m: repo.MemberRow): MemberSummary {
  return {
    id: m.id,
    memberNo: m.memberNo,
    name: m.name,
    sex: m.sex,
    birthDate: m.birthDate,
    idNumberMasked: m.idNumberMasked,
    phoneMasked: m.phoneMasked,
    org: { id: m.orgId, name: m.orgName },
    employerName: m.employerName,
    gigPlatform: m.gigPlatform,
    groups: m.groups as MemberSummary['groups'],
    status: m.status as MemberSummary['status'],
    joinedOn: m.joinedOn,
  };
}

/**
 * Members of the scope. `q` is a name (part of it) or a full mobile number; `enterpriseId` keeps the
 * members of one employer (still only those in the scope). Throws not_found for an orgId or an
 * enterpriseId outside the scope.
 */
export async function listMembers(
  ctx: StaffContext,
  f: {
    orgId?: number | undefined;
    q?: string | undefined;
    status: string;
    group?: string | undefined;
    joinedFrom?: string | undefined;
    joinedTo?: string | undefined;
    enterpriseId?: number | undefined;
    page: number;
    pageSize: number;
  },
) {
  const under = f.orgId ? (await getOrgInScope(ctx.db, ctx.scope, f.orgId)).path : undefined;
  if (f.enterpriseId !== undefined) await getEnterpriseInScope(ctx.db, ctx.scope, f.enterpriseId);
  // q is a full phone number (its keyed hash), a member number (GH0000001234, or its digits), or a name
  const isPhone = f.q !== undefined && /^1[3-9][0-9]{9}$/.test(f.q);
  const memberNo = !isPhone && f.q !== undefined ? memberNoOf(f.q) : undefined;
  const isName = f.q !== undefined && !isPhone && !memberNo;
  const { items, total } = await repo.findMembers(ctx.db, ctx.scope, {
    underPath: under,
    phoneHash: isPhone ? ctx.pii.hash(f.q!) : undefined,
    memberNo,
    namePairs: isName ? bigramsOf(f.q!) : undefined,
    nameLike: isName ? `%${f.q!.replace(/[\\%_]/g, '\\$&')}%` : undefined,
    status: f.status === 'all' ? undefined : f.status,
    group: f.group,
    joinedFrom: f.joinedFrom,
    joinedTo: f.joinedTo,
    enterpriseId: f.enterpriseId,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: items.map(toMemberSummary), total };
}

/** A member number as typed on a card or a roster: GH0000001234, gh1234 or 1234 (up to 10 digits). */
function memberNoOf(q: string): string | undefined {
  const m = /^(?:GH)?\s*(\d{1,10})$/i.exec(q.trim());
  return m ? `GH${m[1]!.padStart(10, '0')}` : undefined;
}

/** One member of the scope with card, history and open transfer. Throws not_found. */
export async function getMemberDetail(ctx: StaffContext, id: number): Promise<MemberDetail> {
  const m = await repo.getMemberInScope(ctx.db, ctx.scope, id);
  if (!m) throw new AppError('not_found');
  const [events, card, transfer] = await Promise.all([
    repo.findMemberEvents(ctx.db, id),
    repo.getCard(ctx.db, id),
    findOpenTransferOf(ctx.db, id),
  ]);
  const open = transfer;
  return {
    ...toMemberSummary(m),
    card: card ?? null,
    history: events.map((e) => ({
      id: e.id,
      at: new Date(e.at).toISOString(),
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      fromOrg: e.fromOrgId ? { id: e.fromOrgId, name: e.fromOrgName! } : null,
      toOrg: e.toOrgId ? { id: e.toOrgId, name: e.toOrgName! } : null,
      reason: e.reason,
      actorKind: e.actorKind,
    })),
    openTransfer: open
      ? {
          id: open.id,
          fromOrg: { id: open.fromOrgId, name: open.fromOrgName },
          toOrg: { id: open.toOrgId, name: open.toOrgName },
          status: open.status,
          createdAt: new Date(open.createdAt).toISOString(),
        }
      : null,
  };
}

/**
 * How to reach a worker of the app: the member behind the session (if any) with its name, and the
 * phone as sealed and masked on the worker — for a record that must reach them (a rights ticket).
 */
export async function workerContact(q: Queryable, workerId: number) {
  const c = await repo.getWorkerContact(q, workerId);
  if (!c) throw new AppError('not_found');
  return c;
}

/** A member of the scope, with the name and the phone as sealed and masked. Throws not_found. */
export async function memberContactInScope(ctx: StaffContext, memberId: number) {
  const m = await repo.getMemberInScope(ctx.db, ctx.scope, memberId);
  if (!m) throw new AppError('not_found');
  const secrets = await repo.getMemberSecrets(ctx.db, memberId);
  return { memberId, name: m.name, phoneEnc: secrets?.phoneEnc ?? null, phoneMasked: m.phoneMasked ?? null, orgPath: m.orgPath };
}

/** The full ID number and phone, for admins and reviewers, with a reason; audited. Throws not_found. */
export async function revealMember(ctx: StaffContext, id: number, reason: string) {
  const m = await repo.getMemberInScope(ctx.db, ctx.scope, id);
  if (!m) throw new AppError('not_found');
  const secrets = await repo.getMemberSecrets(ctx.db, id);
  await audit(ctx.db, ctx, 'member.reveal', { type: 'member', id, orgPath: m.orgPath }, { reason, fields: ['idNumber', 'phone'] });
  return {
    idNumber: ctx.pii.decrypt(secrets!.idNumberEnc),
    phone: secrets!.phoneEnc ? ctx.pii.decrypt(secrets!.phoneEnc) : null,
  };
}

const allowedMoves: Record<string, string[]> = {
  active: ['suspended', 'left', 'deceased'],
  suspended: ['active', 'left', 'deceased'],
  left: [],
  deceased: [],
  transferring: [],
};

const statusWords: Record<string, string> = { active: '恢复正常', suspended: '暂停', left: '退会', deceased: '身故' };

/**
 * Changes a member's status, kept as history; the card follows (revoked unless active).
 * A member who left comes back by applying again. Throws not_found, member_not_active.
 */
export async function changeMemberStatus(ctx: StaffContext, id: number, status: string, reason: string) {
  await ctx.db.transaction(async (tx) => {
    const m = await repo.getMemberInScope(tx, ctx.scope, id, true);
    if (!m) throw new AppError('not_found');
    if (!allowedMoves[m.status]?.includes(status)) throw new AppError('member_not_active');
    await repo.setMemberStatus(tx, id, status);
    await repo.setCardStatus(tx, id, status === 'active', reason);
    await repo.insertEvent(tx, { memberId: id, kind: 'status', fromStatus: m.status, toStatus: status, reason, actorKind: 'staff', actorId: ctx.actor.staffId });
    await repo.insertEvent(tx, { memberId: id, kind: status === 'active' ? 'card_issued' : 'card_revoked', reason, actorKind: 'system' });
    await audit(tx, ctx, 'member.status', { type: 'member', id, orgPath: m.orgPath }, { from: m.status, to: status, reason });
    const secrets = await repo.getMemberSecrets(tx, id);
    if (secrets?.phoneEnc && status !== 'deceased') {
      await queueSms(tx, ctx, {
        to: ctx.pii.decrypt(secrets.phoneEnc),
        body: `【智慧工会】${m.name}，您的会员状态已变更为“${statusWords[status]}”，原因：${reason}。如有疑问请联系${m.orgName}。`,
        kind: 'member_status',
        orgPath: m.orgPath,
      });
    }
  });
  void dispatchNotices(ctx);
  return getMemberDetail(ctx, id);
}

/**
 * Moves the members, applications and transfers that name a duplicate employer onto the kept one, in
 * the caller's transaction (the enterprise register's merge: enterprises/merge.service.ts, which
 * checked both employers against the scope). Answers how many of each moved.
 */
export function reassignEnterprise(tx: Queryable, fromId: number, toId: number) {
  return repo.reassignEnterprise(tx, fromId, toId);
}
