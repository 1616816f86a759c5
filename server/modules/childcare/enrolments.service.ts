// Enrolling a member's child (报名) and who sees the child's data. The guardian's separate consent is
// checked before anything is read or stored; the child's data is sealed (ctx.pii) as one document, with
// only a masked name and phone and a keyed hash (the same child twice) beside it. Staff of the running
// union and above see the masked list; the full data is revealed only to the running union's own
// staff, with a reason, audited (docs/design/childcare.md).
import {
  CONSENT_TEXT,
  CONSENT_VERSION,
  PURGED_LABEL,
  PURGED_MEMBER_LABEL,
  type ChildDetails,
  type EnrolInput,
  type EnrolmentStatus,
  type MemberProgrammeDetail,
  type MyEnrolment,
  type StaffEnrolment,
} from '../../../contracts/childcare.ts';
import { registerConstraintErrors, violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit, requireMemberId } from '../../http/actors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { isPathInScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { maskName, maskPhone } from '../../lib/pii.ts';
import { workerContact } from '../members/members.service.ts';
import { dispatchNotices, queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import { programmeViewOf, purgedError, sessionsOf } from './childcare.service.ts';
import * as repo from './childcare.repo.ts';
import * as enrolments from './enrolments.repo.ts';

registerConstraintErrors('childcare', {
  childcare_enrolment_child_once: 'childcare_child_already_enrolled',
});

/** At most this many children of one guardian in one programme. */
export const MAX_CHILDREN_PER_GUARDIAN = 4;

const iso = (d: Date | string) => new Date(d).toISOString();
type Paged<Q> = Omit<Q, 'page' | 'pageSize'> & { page: number; pageSize: number };

/** The child's age in the year the programme starts (its first session, Beijing time). */
export function ageAtStart(birthYear: number, firstSessionAt: Date | string | null, today = beijingDay()): number {
  const year = firstSessionAt ? Number(beijingDay(new Date(firstSessionAt)).slice(0, 4)) : Number(today.slice(0, 4));
  return year - birthYear;
}

function isSignupOpen(p: repo.ProgrammeRow, now = new Date()): boolean {
  return p.status === 'published' && p.allocatedAt === null && new Date(p.signupOpensAt) <= now && now < new Date(p.signupClosesAt);
}

async function reachOf(ctx: MemberContext): Promise<string> {
  const memberId = requireMemberId(ctx);
  const path = await repo.memberOrgPath(ctx.db, memberId);
  if (!path) throw new AppError('not_a_member');
  return path;
}

function memberProgrammeOf(r: repo.ProgrammeRow & { myEnrolments: number }) {
  const { counts: _c, seedCommitment: _s, allocatedAt: _a, createdAt: _cr, updatedAt: _u, purgedAt: _p, ...v } = programmeViewOf(r);
  return { ...v, signupOpen: isSignupOpen(r), myEnrolments: r.myEnrolments };
}

/** Published programmes the member may enrol in: those of their union and the unions above. */
export async function listProgrammesForMember(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const path = await reachOf(ctx);
  const { items, total } = await repo.findProgrammesInReach(ctx.db, path, ctx.actor.workerId, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(memberProgrammeOf), total };
}

/** One programme in the member's reach, with its sessions and the consent text. Throws not_found. */
export async function getProgrammeForMember(ctx: MemberContext, id: number): Promise<MemberProgrammeDetail> {
  const path = await reachOf(ctx);
  const r = await repo.getProgrammeInReach(ctx.db, path, ctx.actor.workerId, id);
  if (!r) throw new AppError('not_found');
  const me = await workerContact(ctx.db, ctx.actor.workerId);
  return {
    ...memberProgrammeOf(r),
    sessions: await sessionsOf(ctx.db, id),
    seedCommitment: r.seedCommitment,
    consentText: CONSENT_TEXT,
    consentVersion: CONSENT_VERSION,
    guardianDefault: { name: me.memberName, phoneMasked: me.phoneMasked },
  };
}

function myEnrolmentOf(ctx: MemberContext, r: enrolments.MyEnrolmentRow): MyEnrolment {
  const d = r.detailsEnc === null ? null : (JSON.parse(ctx.pii.decrypt(r.detailsEnc)) as ChildDetails);
  return {
    id: r.id,
    programme: { id: r.programmeId, title: r.title, orgName: r.orgName, firstSessionAt: r.firstSessionAt === null ? null : iso(r.firstSessionAt) },
    status: r.status as EnrolmentStatus,
    waitlistNo: r.waitlistNo,
    childNameMasked: r.childNameMasked ?? PURGED_MEMBER_LABEL,
    birthYear: d?.birthYear ?? null,
    createdAt: iso(r.createdAt),
    purgedAt: r.purgedAt === null ? null : iso(r.purgedAt),
  };
}

function enrolmentStore(ctx: MemberContext): IdempotencyStore<MyEnrolment> {
  return {
    find: async (q, owner, key) => {
      const r = await enrolments.findEnrolmentByKey(q, owner.id, key);
      if (!r) return undefined;
      return { ...myEnrolmentOf(ctx, (await enrolments.getMyEnrolment(q, owner.id, r.id))!), hash: r.hash };
    },
    text: (v) => JSON.stringify({ ...v, hash: undefined }),
    isKeyTaken: (err) => violates(err, 'childcare_enrolment_idem_key'),
  };
}

/**
 * Enrols a child, once per Idempotency-Key: pending (待抽签) until the window closes and the places are
 * allocated. Throws childcare_consent_required (nothing stored), not_found, not_a_member,
 * childcare_window_closed, childcare_age_out_of_range (the range in the message),
 * childcare_child_already_enrolled, childcare_too_many_children, idempotency_key_reused.
 */
export async function enrolChild(ctx: MemberContext, programmeId: number, body: EnrolInput, idemKey: string): Promise<IdempotentReply> {
  if (body.consent !== true) throw new AppError('childcare_consent_required');
  const memberId = requireMemberId(ctx);
  const path = await reachOf(ctx);
  // the hash of the request leaves out nothing but is never stored beside the plain data
  const hash = requestHashOf('childcare-enrol', programmeId, body);
  const owner = { kind: 'member' as const, id: ctx.actor.workerId };
  return writeOnce(ctx.db, enrolmentStore(ctx), { owner, key: idemKey, hash }, async () =>
    ctx.db.transaction(async (tx) => {
      const p = await repo.getProgrammeInReach(tx, path, ctx.actor.workerId, programmeId, true);
      if (!p) throw new AppError('not_found');
      if (!isSignupOpen(p)) throw new AppError('childcare_window_closed');
      const age = ageAtStart(body.birthYear, p.firstSessionAt);
      if (age < p.ageMin || age > p.ageMax) {
        const year = p.firstSessionAt ? beijingDay(new Date(p.firstSessionAt)).slice(0, 4) : beijingDay().slice(0, 4);
        throw new AppError('childcare_age_out_of_range', `本项目招收 ${p.ageMin}–${p.ageMax} 岁的儿童（按 ${year} 年计算），该儿童为 ${age} 岁`);
      }
      if (p.myEnrolments >= MAX_CHILDREN_PER_GUARDIAN) throw new AppError('childcare_too_many_children');
      const me = await workerContact(tx, ctx.actor.workerId);
      const guardianPhone = body.guardianPhone ?? ctx.pii.decrypt(me.phoneEnc);
      const details: ChildDetails = {
        childName: body.childName,
        birthYear: body.birthYear,
        sex: body.sex,
        school: body.school,
        grade: body.grade,
        guardianName: body.guardianName ?? me.memberName ?? body.childName,
        guardianPhone,
        allergies: body.allergies,
        healthNotes: body.healthNotes,
        emergencyName: body.emergencyName,
        emergencyPhone: body.emergencyPhone,
        pickupAdults: body.pickupAdults,
      };
      const id = await enrolments.insertEnrolment(tx, {
        programmeId,
        workerId: ctx.actor.workerId,
        memberId,
        childHash: ctx.pii.hash(`${body.childName}|${body.birthYear}`),
        childNameMasked: maskName(body.childName),
        guardianPhoneMasked: maskPhone(guardianPhone),
        detailsEnc: ctx.pii.encrypt(JSON.stringify(details)),
        consentVersion: CONSENT_VERSION,
        idemKey,
        requestHash: hash,
      });
      await audit(tx, ctx, 'childcare.enrol', { type: 'childcare_enrolment', id, orgPath: p.orgPath }, { programmeId, consentVersion: CONSENT_VERSION });
      return myEnrolmentOf(ctx, (await enrolments.getMyEnrolment(tx, ctx.actor.workerId, id))!);
    }),
  );
}

export async function listMyEnrolments(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const { items, total } = await enrolments.findMyEnrolments(ctx.db, ctx.actor.workerId, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map((r) => myEnrolmentOf(ctx, r)), total };
}

/**
 * Cancels the member's own enrolment (pending, enrolled or waitlisted); an enrolled child's place
 * goes to the first on the waiting list, who is told. Throws not_found, childcare_cannot_cancel.
 */
export async function cancelMyEnrolment(ctx: MemberContext, id: number): Promise<MyEnrolment> {
  const out = await ctx.db.transaction(async (tx) => {
    const cur = await enrolments.getMyEnrolment(tx, ctx.actor.workerId, id);
    if (!cur) throw new AppError('not_found');
    await repo.lockProgramme(tx, cur.programmeId);
    const again = (await enrolments.getMyEnrolment(tx, ctx.actor.workerId, id))!;
    if (!['pending', 'enrolled', 'waitlisted'].includes(again.status)) throw new AppError('childcare_cannot_cancel');
    await enrolments.setStatus(tx, id, 'cancelled');
    const sealed = (await enrolments.getEnrolmentSealed(tx, id))!;
    let promoted: number | null = null;
    if (again.status === 'enrolled') {
      const next = await enrolments.firstWaitlisted(tx, cur.programmeId);
      if (next) {
        promoted = next.id;
        await enrolments.setStatus(tx, next.id, 'enrolled');
        const notice = sealNotice(ctx, next.phoneEnc, `【智慧工会】“${cur.title}”有名额空出，您为孩子${next.childNameMasked}的候补报名已递补录取，请按时接送。`);
        await queueBulkSms(tx, [notice], 'childcare_allocation', sealed.orgPath, ctx.sender.deliversInOutbox === true);
      }
    }
    await audit(tx, ctx, 'childcare.cancel', { type: 'childcare_enrolment', id, orgPath: sealed.orgPath }, { promoted });
    return myEnrolmentOf(ctx, (await enrolments.getMyEnrolment(tx, ctx.actor.workerId, id))!);
  });
  void dispatchNotices(ctx);
  return out;
}

// ── Staff ────────────────────────────────────────────────────────────────────────────────────────────

function staffEnrolmentOf(r: enrolments.EnrolmentRow): StaffEnrolment {
  return {
    id: r.id,
    status: r.status as EnrolmentStatus,
    waitlistNo: r.waitlistNo,
    childNameMasked: r.childNameMasked ?? PURGED_LABEL,
    guardianPhoneMasked: r.guardianPhoneMasked ?? '—',
    consentAt: iso(r.consentAt),
    createdAt: iso(r.createdAt),
    purgedAt: r.purgedAt === null ? null : iso(r.purgedAt),
  };
}

/** The children enrolled in a programme of the scope, masked. Throws not_found. */
export async function listEnrolments(ctx: StaffContext, programmeId: number, f: Paged<{ status?: EnrolmentStatus | undefined }>) {
  const p = await repo.getProgrammeInScope(ctx.db, ctx.scope, programmeId);
  if (!p) throw new AppError('not_found');
  const { items, total } = await enrolments.findStaffEnrolments(ctx.db, programmeId, f.status, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(staffEnrolmentOf), total };
}

/**
 * A child's full data, for staff of the programme's own union only, with a reason; audited.
 * Throws not_found (outside the scope), childcare_reveal_own_union_only (a union above),
 * childcare_purged (deleted as the consent text promised: the day in the message).
 */
export async function revealEnrolment(ctx: StaffContext, id: number, reason: string): Promise<ChildDetails & { id: number }> {
  const e = await enrolments.getEnrolmentSealed(ctx.db, id);
  if (!e || !isPathInScope(ctx.scope, e.orgPath)) throw new AppError('not_found');
  if (ctx.scope.orgId !== e.orgId) throw new AppError('childcare_reveal_own_union_only');
  if (e.purgedAt !== null || e.detailsEnc === null) throw purgedError(e.purgedAt ?? new Date());
  await audit(ctx.db, ctx, 'childcare.reveal', { type: 'childcare_enrolment', id, orgPath: e.orgPath }, { reason, programmeId: e.programmeId });
  return { id, ...(JSON.parse(ctx.pii.decrypt(e.detailsEnc)) as ChildDetails) };
}
