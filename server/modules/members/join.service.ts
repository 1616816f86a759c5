// Joining (入会): a real-name application, routed to a union, decided by a reviewer or at once
// where the union approves automatically. One person, one membership, for life.
import type { Deps, MemberContext, StaffContext } from '../../http/context.ts';
import type { Tx } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { translateDbError } from '../../db/errors.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { parseIdNumber } from '../../../contracts/china-codes.ts';
import type { Application, JoinInput } from '../../../contracts/members.ts';
import { maskIdNumber } from '../../lib/pii.ts';
import { pinyinKey } from '../../lib/pinyin.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices, queueSms } from '../notices/notices.service.ts';
import * as apps from './applications.repo.ts';
import * as repo from './members.repo.ts';
import { enterpriseNameKey } from './routing.repo.ts';
import { planRoute, recordNewEnterprise } from './routing.service.ts';
import { audit, auditOf } from '../../http/actors.ts';

const MIN_AGE = 16;

/** Checks an ID number: GB 11643 checksum, a real birth date, 16 or older. Throws invalid_id_number, under_age. */
export function checkIdNumber(raw: string, today = new Date()) {
  const id = raw.trim().toUpperCase();
  const info = parseIdNumber(id, today);
  if (!info) throw new AppError('invalid_id_number');
  const [y, m, d] = info.birthDate.split('-').map(Number) as [number, number, number];
  const sixteenth = new Date(Date.UTC(y + MIN_AGE, m - 1, d));
  if (sixteenth.getTime() > today.getTime()) throw new AppError('under_age');
  return { id, ...info };
}

export interface JoinResult {
  applicationId: number;
  status: 'pending' | 'approved';
  org: { id: number; name: string };
  reason: string;
}

/** already_member when the ID number is a member's on another phone: the way on is 更换手机号. */
export const ALREADY_MEMBER_OTHER_PHONE =
  '该身份证号已是工会会员，但登记的不是当前登录的手机号。如您更换了手机号，可核验身份后将会籍转到本手机号；如需更换工作单位，请在转到本手机号后办理会员关系转接。';

/** Why a person may not file: a membership (theirs, or the applying phone's) or a pending application. */
function refusal(state: { memberStatus: string | null; hasPending: boolean; workerMemberStatus?: string | null }): AppError | undefined {
  const live = (status: string | null | undefined) => status != null && !['left', 'deceased'].includes(status);
  if (live(state.workerMemberStatus)) return new AppError('already_member');
  // The ID number is a member's, but not this phone's: most often a member who changed phone number.
  if (live(state.memberStatus)) return new AppError('already_member', ALREADY_MEMBER_OTHER_PHONE);
  if (state.hasPending) return new AppError('application_pending');
  return undefined;
}

/**
 * The worker's own application from the phone, routed to the right union; approved at once where
 * that union does so. Routing is decided by reads before anything is written. An application for
 * review is then filed by one statement (application, audit record, notice: one round trip, its own
 * transaction); one approved at once takes a short transaction that also issues member and card.
 * Throws invalid_id_number, under_age, consent_required, invalid_credit_code, employer_required,
 * work_place_required, invalid_work_place, already_member, application_pending.
 */
export async function joinAsWorker(ctx: MemberContext, input: JoinInput): Promise<JoinResult> {
  if (!input.consent) throw new AppError('consent_required');
  const person = checkIdNumber(input.idNumber);
  const idHash = ctx.pii.hash(person.id);
  const groups = new Set<string>();
  if (person.sex === 'female') groups.add('women');
  if (input.gigPlatform) groups.add('gig');
  const route = await planRoute(ctx.db, input);
  const application = {
    orgId: route.org.id,
    routeRule: route.rule,
    routeReason: route.reason,
    name: input.name,
    sex: person.sex,
    birthDate: person.birthDate,
    idNumberHash: idHash,
    idNumberEnc: ctx.pii.encrypt(person.id),
    idNumberMasked: maskIdNumber(person.id),
    employerName: route.employerName,
    enterpriseId: route.enterpriseId,
    gigPlatform: route.gigPlatform,
    workOrgId: route.workOrgId,
    groups: [...groups],
    channel: 'self' as const,
    consent: input.consent,
  };
  const audit = { action: 'member.apply', orgPath: route.org.path, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent ?? null, detail: { rule: route.rule, channel: 'self' } };
  const result: JoinResult = { applicationId: 0, status: 'pending', org: { id: route.org.id, name: route.org.name }, reason: route.reason };
  try {
    if (!route.autoApprove) {
      const filed = await apps.fileApplicationAtOnce(ctx.db, {
        ...application,
        workerId: ctx.actor.workerId,
        newEnterprise: route.newEnterprise && { ...route.newEnterprise, nameKey: enterpriseNameKey(route.newEnterprise.name) },
        audit,
        notice: {
          body: `【智慧工会】您的入会申请已提交，将由${route.org.name}审核，结果将以短信通知您。`,
          kind: 'join_submitted',
          orgPath: route.org.path,
          delivered: ctx.sender.deliversInOutbox === true,
        },
      });
      if (filed.applicationId === null) throw refusal(filed) ?? new AppError('application_pending');
      result.applicationId = filed.applicationId;
    } else {
      result.applicationId = await ctx.db.transaction(async (tx) => {
        const state = await apps.findPersonState(tx, idHash, ctx.actor.workerId);
        const refused = refusal(state);
        if (refused) throw refused;
        const enterpriseId = await recordNewEnterprise(tx, route);
        const phone = await repo.getWorkerPhone(tx, ctx.actor.workerId);
        const filed = await apps.insertApplication(tx, { ...application, enterpriseId, workerId: ctx.actor.workerId, ...phone });
        await insertAudit(tx, { actorKind: 'member', actorId: ctx.actor.workerId, targetType: 'member_application', targetId: filed.id, ...audit });
        await approveInTx(tx, ctx, filed.id, null);
        return filed.id;
      });
      result.status = 'approved';
    }
  } catch (err) {
    // Two applications of one person racing: the unique indexes decide, the loser is told why.
    const known = translateDbError(err);
    if (known?.code === 'conflict') throw new AppError('application_pending');
    throw err;
  }
  void dispatchNotices(ctx);
  return result;
}

/** Approves in the caller's transaction: member (new or returning), number, card, history, notice. */
async function approveInTx(tx: Tx, deps: Deps, applicationId: number, staffId: number | null): Promise<{ memberId: number; memberNo: string }> {
  const a = await apps.getApplication(tx, applicationId, true);
  if (!a) throw new AppError('not_found');
  if (a.status !== 'pending') throw new AppError('application_decided');
  const returning = await apps.findMembershipByIdHash(tx, a.idNumberHash);
  let member: { id: number; memberNo: string };
  if (returning) {
    if (!['left', 'deceased'].includes(returning.status)) throw new AppError('already_member');
    await repo.reactivateMember(tx, returning.memberId, a);
    member = { id: returning.memberId, memberNo: returning.memberNo ?? '' };
    await repo.insertEvent(tx, {
      memberId: member.id, kind: 'rejoined', fromStatus: returning.status, toStatus: 'active',
      fromOrgId: returning.orgId, toOrgId: a.orgId, actorKind: staffId ? 'staff' : 'system', actorId: staffId,
    });
  } else {
    member = await repo.insertMember(tx, a, pinyinKey(a.name));
    await repo.insertEvent(tx, {
      memberId: member.id, kind: 'joined', toStatus: 'active', toOrgId: a.orgId,
      reason: a.routeReason, actorKind: staffId ? 'staff' : 'system', actorId: staffId,
    });
  }
  await apps.decideApplication(tx, a.id, { status: 'approved', staffId, memberId: member.id });
  const cardNo = await repo.issueCard(tx, member.id);
  await repo.insertEvent(tx, { memberId: member.id, kind: 'card_issued', reason: cardNo, actorKind: 'system' });
  if (a.workerId) await repo.linkWorker(tx, a.workerId, member.id);
  if (a.phoneEnc) {
    await queueSms(tx, deps, {
      to: deps.pii.decrypt(a.phoneEnc),
      body: `【智慧工会】${a.name}，恭喜您加入${a.orgName}！会员号 ${member.memberNo}，电子会员证已开通，可在“智慧工会”查看。`,
      kind: 'join_approved',
      orgPath: a.orgPath,
    });
  }
  return { memberId: member.id, memberNo: member.memberNo };
}

/** A reviewer approves a pending application of the scope. Throws not_found, application_decided, already_member. */
export async function approveApplication(ctx: StaffContext, id: number): Promise<Application> {
  await ctx.db.transaction(async (tx) => {
    const a = await apps.getApplication(tx, id);
    if (!a) throw new AppError('not_found');
    await getOrgInScope(tx, ctx.scope, a.orgId);
    await approveInTx(tx, ctx, id, ctx.actor.staffId);
    await insertAudit(tx, { ...auditOf(ctx), action: 'member.approve', targetType: 'member_application', targetId: id, orgPath: a.orgPath });
  });
  void dispatchNotices(ctx);
  return getApplicationView(ctx, id);
}

/** Approves several; each on its own, so one that cannot be approved does not stop the others. */
export async function approveApplications(ctx: StaffContext, ids: number[]) {
  const approved: number[] = [];
  const skipped: { id: number; error: string; message: string }[] = [];
  for (const id of [...new Set(ids)]) {
    try {
      await approveApplication(ctx, id);
      approved.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      skipped.push({ id, error: err.code, message: err.message });
    }
  }
  return { approved, skipped };
}

/** A reviewer rejects with a reason the worker sees. Throws not_found, application_decided. */
export async function rejectApplication(ctx: StaffContext, id: number, reason: string): Promise<Application> {
  await ctx.db.transaction(async (tx) => {
    const a = await apps.getApplication(tx, id, true);
    if (!a) throw new AppError('not_found');
    await getOrgInScope(tx, ctx.scope, a.orgId);
    if (a.status !== 'pending') throw new AppError('application_decided');
    await apps.decideApplication(tx, id, { status: 'rejected', staffId: ctx.actor.staffId, rejectReason: reason });
    await audit(tx, ctx, 'member.reject', { type: 'member_application', id, orgPath: a.orgPath }, { reason });
    if (a.phoneEnc) {
      await queueSms(tx, ctx, {
        to: ctx.pii.decrypt(a.phoneEnc),
        body: `【智慧工会】您的入会申请未通过审核，原因：${reason}。如有疑问请联系${a.orgName}。`,
        kind: 'join_rejected',
        orgPath: a.orgPath,
      });
    }
  });
  void dispatchNotices(ctx);
  return getApplicationView(ctx, id);
}

export function toApplicationView(a: apps.ApplicationRow): Application {
  return {
    id: a.id,
    status: a.status,
    name: a.name,
    idNumberMasked: a.idNumberMasked,
    phoneMasked: a.phoneMasked,
    sex: a.sex,
    birthDate: a.birthDate,
    org: { id: a.orgId, name: a.orgName },
    routeRule: a.routeRule,
    routeReason: a.routeReason,
    employerName: a.employerName,
    gigPlatform: a.gigPlatform,
    channel: a.channel,
    rejectReason: a.rejectReason,
    memberNo: a.memberNo,
    createdAt: new Date(a.createdAt).toISOString(),
    decidedAt: a.decidedAt ? new Date(a.decidedAt).toISOString() : null,
  };
}

async function getApplicationView(ctx: StaffContext, id: number): Promise<Application> {
  const a = await apps.getApplication(ctx.db, id);
  if (!a) throw new AppError('not_found');
  await getOrgInScope(ctx.db, ctx.scope, a.orgId);
  return toApplicationView(a);
}

/** Applications of the scope (the approval queue by default: oldest first). */
export async function listApplications(
  ctx: StaffContext,
  f: { status: string; orgId?: number | undefined; page: number; pageSize: number },
) {
  const under = f.orgId ? (await getOrgInScope(ctx.db, ctx.scope, f.orgId)).path : undefined;
  const { items, total } = await apps.findApplicationsInScope(ctx.db, ctx.scope, {
    status: f.status,
    underPath: under,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: items.map(toApplicationView), total };
}

/** The worker's own applications, newest first, a page of them: progress on the phone. */
export async function listMyApplications(ctx: MemberContext, f: { page: number; pageSize: number }): Promise<{ items: Application[]; total: number }> {
  const { items, total } = await apps.findApplicationsOfWorker(ctx.db, ctx.actor.workerId, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(toApplicationView), total };
}

