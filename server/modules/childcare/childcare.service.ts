// Childcare programmes (职工亲子之家 / 小候鸟托管 / 周末课堂): the rules of the staff side. A programme
// belongs to its running union; staff of that union and above manage it (scope). Created as a draft
// (idempotent, the row is the stored answer of its key), with its sessions from a weekly pattern;
// published (the lottery seed's commitment is shown from then on); after the sign-up window closes
// the enrolments are allocated once: all enrolled when they fit, else the activities' reproducible
// draw. Every write is audited in its transaction.
import { randomBytes } from 'node:crypto';
import type {
  ChildcareFigures,
  CreateProgrammeInput,
  ProgrammeDetail,
  ProgrammeKind,
  ProgrammeListQuery,
  ProgrammeStatus,
  ProgrammeView,
  Schedule,
  UpdateProgrammeInput,
} from '../../../contracts/childcare.ts';
import type { Queryable } from '../../db/client.ts';
import { violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { seedCommitment } from '../activities/activities.service.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import * as repo from './childcare.repo.ts';
import * as enrolments from './enrolments.repo.ts';
import { allocateLocked, hasEnded, purgeLocked } from './lifecycle.ts';

/** The sweep of server/main.ts (allocation at the close, 未中签 at the end, deletion after 180 days): lifecycle.ts. */
export { runChildcareSweep, sweepChildcare } from './lifecycle.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
const DAY_MS = 86_400_000;
/** At most this many sessions in one programme (a school year of daily sessions fits). */
export const MAX_SESSIONS = 400;

type Paged<Q> = Omit<Q, 'page' | 'pageSize'> & { page: number; pageSize: number };

export function programmeViewOf(r: repo.ProgrammeRow): ProgrammeView {
  return {
    id: r.id,
    org: { id: r.orgId, name: r.orgName },
    place: r.placeId === null ? null : { id: r.placeId, name: r.placeName!, address: r.placeAddress! },
    title: r.title,
    kind: r.kind as ProgrammeKind,
    description: r.description,
    ageMin: r.ageMin,
    ageMax: r.ageMax,
    capacity: r.capacity,
    signupOpensAt: iso(r.signupOpensAt),
    signupClosesAt: iso(r.signupClosesAt),
    status: r.status as ProgrammeStatus,
    seedCommitment: r.seedCommitment,
    allocatedAt: isoOrNull(r.allocatedAt),
    firstSessionAt: isoOrNull(r.firstSessionAt),
    lastSessionAt: isoOrNull(r.lastSessionAt),
    lastSessionEndsAt: isoOrNull(r.lastSessionEndsAt),
    sessionCount: r.sessionCount,
    counts: { pending: r.pending, enrolled: r.enrolled, waitlisted: r.waitlisted, notDrawn: r.notDrawn, cancelled: r.cancelled },
    purgedAt: isoOrNull(r.purgedAt),
    createdAt: iso(r.createdAt),
    updatedAt: iso(r.updatedAt),
  };
}

export async function sessionsOf(q: Deps['db'] | Parameters<typeof repo.getSessions>[0], programmeId: number) {
  return (await repo.getSessions(q, programmeId)).map((s) => ({ id: s.id, startsAt: iso(s.startsAt), endsAt: iso(s.endsAt) }));
}

/**
 * The sessions of a weekly pattern, in Beijing time: every chosen weekday from firstDay to lastDay
 * less skipDays. Throws childcare_schedule_invalid (ends before it starts, no session, too many).
 */
export function sessionsOfSchedule(s: Schedule): { startsAt: Date; endsAt: Date }[] {
  if (s.to <= s.from || s.lastDay < s.firstDay) throw new AppError('childcare_schedule_invalid');
  const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3));
  const skip = new Set(s.skipDays);
  const out: { startsAt: Date; endsAt: Date }[] = [];
  const first = beijingMidnight(s.firstDay).getTime();
  const last = beijingMidnight(s.lastDay).getTime();
  for (let t = first; t <= last; t += DAY_MS) {
    const day = new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
    const weekday = ((new Date(t + 8 * 3_600_000).getUTCDay() + 6) % 7) + 1;
    if (!s.weekdays.includes(weekday) || skip.has(day)) continue;
    out.push({ startsAt: new Date(t + minutes(s.from) * 60_000), endsAt: new Date(t + minutes(s.to) * 60_000) });
    if (out.length > MAX_SESSIONS) throw new AppError('childcare_schedule_invalid');
  }
  if (out.length === 0) throw new AppError('childcare_schedule_invalid');
  return out;
}

function checkFields(f: { ageMin: number; ageMax: number; signupOpensAt: string; signupClosesAt: string }, firstSession?: Date): void {
  if (f.ageMin > f.ageMax) throw new AppError('childcare_age_range_invalid');
  if (new Date(f.signupOpensAt) >= new Date(f.signupClosesAt)) throw new AppError('childcare_window_invalid');
  if (firstSession && new Date(f.signupClosesAt) > firstSession) throw new AppError('childcare_window_invalid', '报名截止时间应早于第一次活动');
}

async function detail(q: Parameters<typeof repo.getSessions>[0], r: repo.ProgrammeRow): Promise<ProgrammeDetail> {
  return { ...programmeViewOf(r), sessions: await sessionsOf(q, r.id) };
}

async function getInScope(ctx: StaffContext, q: Parameters<typeof repo.getSessions>[0], id: number, forUpdate = false) {
  const r = await repo.getProgrammeInScope(q, ctx.scope, id, forUpdate);
  if (!r) throw new AppError('not_found');
  return r;
}

/** The stored answer of a create's Idempotency-Key: the programme as its creator sees it now. */
function programmeStore(ctx: StaffContext): IdempotencyStore<ProgrammeDetail> {
  return {
    find: async (q, owner, key) => {
      const r = await repo.findProgrammeByKey(q, owner.id, key);
      return r && { ...(await getProgramme(ctx, r.id)), hash: r.hash };
    },
    text: (v) => JSON.stringify({ ...v, hash: undefined }),
    isKeyTaken: (err) => violates(err, 'childcare_programme_idem_key'),
  };
}

/** Programmes run in a subtree of the scope. Throws not_found (orgId outside the scope). */
export async function listProgrammes(ctx: StaffContext, f: Paged<ProgrammeListQuery>) {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findProgrammes(ctx.db, ctx.scope, { root: root.path, status: f.status }, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(programmeViewOf), total };
}

export async function getProgramme(ctx: StaffContext, id: number): Promise<ProgrammeDetail> {
  return detail(ctx.db, await getInScope(ctx, ctx.db, id));
}

/**
 * Creates a draft programme with its sessions, once per Idempotency-Key. Throws not_found (union or
 * place outside the scope), childcare_age_range_invalid, childcare_window_invalid,
 * childcare_schedule_invalid, childcare_place_outside, idempotency_key_reused.
 */
export async function createProgramme(ctx: StaffContext, body: CreateProgrammeInput, idemKey: string): Promise<IdempotentReply> {
  const hash = requestHashOf('childcare-programme', body);
  return writeOnce(ctx.db, programmeStore(ctx), { owner: { kind: 'staff', id: ctx.actor.staffId }, key: idemKey, hash }, async () => {
    const org = await getOrgInScope(ctx.db, ctx.scope, body.orgId);
    const sessions = sessionsOfSchedule(body.schedule);
    checkFields(body, sessions[0]!.startsAt);
    if (body.placeId !== null && !(await repo.placeWithin(ctx.db, org.path, body.placeId))) throw new AppError('childcare_place_outside');
    const seed = randomBytes(32);
    const id = await ctx.db.transaction(async (tx) => {
      const id = await repo.insertProgramme(tx, {
        orgId: org.id, placeId: body.placeId, title: body.title, kind: body.kind, description: body.description,
        ageMin: body.ageMin, ageMax: body.ageMax, capacity: body.capacity, signupOpensAt: body.signupOpensAt, signupClosesAt: body.signupClosesAt,
        drawSeed: seed, seedCommitment: seedCommitment(seed), createdBy: ctx.actor.staffId, idemKey, requestHash: hash,
      });
      await repo.replaceSessions(tx, id, sessions);
      await audit(tx, ctx, 'childcare.programme_create', { type: 'childcare_programme', id, orgPath: org.path }, { title: body.title, sessions: sessions.length });
      return id;
    });
    return getProgramme(ctx, id);
  });
}

/**
 * Edits a programme. A draft takes every field; a published one only its text, place, capacity
 * (not below the live enrolments) and closing time (while not allocated). Throws not_found,
 * childcare_not_editable, childcare_capacity_below_enrolled and the create's field codes.
 */
export async function updateProgramme(ctx: StaffContext, id: number, body: UpdateProgrammeInput): Promise<ProgrammeDetail> {
  return ctx.db.transaction(async (tx) => {
    const cur = await getInScope(ctx, tx, id, true);
    const isDraft = cur.status === 'draft';
    const fixedOnceOpen = body.schedule !== undefined || body.ageMin !== undefined || body.ageMax !== undefined || body.signupOpensAt !== undefined;
    if (cur.status === 'closed' || cur.allocatedAt !== null || (!isDraft && fixedOnceOpen)) throw new AppError('childcare_not_editable');
    const sessions = body.schedule ? sessionsOfSchedule(body.schedule) : undefined;
    const first = sessions ? sessions[0]!.startsAt : cur.firstSessionAt ? new Date(cur.firstSessionAt) : undefined;
    checkFields(
      {
        ageMin: body.ageMin ?? cur.ageMin,
        ageMax: body.ageMax ?? cur.ageMax,
        signupOpensAt: body.signupOpensAt ?? iso(cur.signupOpensAt),
        signupClosesAt: body.signupClosesAt ?? iso(cur.signupClosesAt),
      },
      first,
    );
    if (body.capacity !== undefined && !isDraft && body.capacity < cur.enrolled) throw new AppError('childcare_capacity_below_enrolled');
    if (body.placeId) {
      const org = await getOrgInScope(tx, ctx.scope, cur.orgId);
      if (!(await repo.placeWithin(tx, org.path, body.placeId))) throw new AppError('childcare_place_outside');
    }
    await repo.updateProgramme(tx, id, {
      placeId: body.placeId, title: body.title, description: body.description, ageMin: body.ageMin, ageMax: body.ageMax,
      capacity: body.capacity, signupOpensAt: body.signupOpensAt, signupClosesAt: body.signupClosesAt,
    });
    if (sessions) await repo.replaceSessions(tx, id, sessions);
    await audit(tx, ctx, 'childcare.programme_update', { type: 'childcare_programme', id, orgPath: cur.orgPath }, { fields: Object.keys(body) });
    return detail(tx, await getInScope(ctx, tx, id));
  });
}

/** Publishes a draft: members of the union's subtree see it and may enrol in its window. Throws not_found, childcare_not_draft. */
export async function publishProgramme(ctx: StaffContext, id: number): Promise<ProgrammeDetail> {
  return ctx.db.transaction(async (tx) => {
    const cur = await getInScope(ctx, tx, id, true);
    if (cur.status !== 'draft') throw new AppError('childcare_not_draft');
    await repo.updateProgramme(tx, id, { status: 'published' });
    await audit(tx, ctx, 'childcare.programme_publish', { type: 'childcare_programme', id, orgPath: cur.orgPath }, { seedCommitment: cur.seedCommitment });
    return detail(tx, await getInScope(ctx, tx, id));
  });
}

/** Ends a published programme (no more enrolments or changes). Throws not_found, childcare_not_published. */
export async function closeProgramme(ctx: StaffContext, id: number): Promise<ProgrammeDetail> {
  return ctx.db.transaction(async (tx) => {
    const cur = await getInScope(ctx, tx, id, true);
    if (cur.status !== 'published') throw new AppError('childcare_not_published');
    await repo.updateProgramme(tx, id, { status: 'closed' });
    await audit(tx, ctx, 'childcare.programme_close', { type: 'childcare_programme', id, orgPath: cur.orgPath });
    return detail(tx, await getInScope(ctx, tx, id));
  });
}

/**
 * Allocates the places once the window has closed (allocateLocked: all enrolled when they fit, else
 * the reproducible draw; each family told by SMS) — what the sweep does by itself at the close, for
 * staff who want it at once. Throws not_found, childcare_not_published, childcare_window_open,
 * childcare_already_allocated (the sweep or another person did it).
 */
export async function allocateProgramme(ctx: StaffContext, id: number) {
  const out = await ctx.db.transaction(async (tx) => {
    const cur = await getInScope(ctx, tx, id, true);
    if (cur.status !== 'published') throw new AppError('childcare_not_published');
    if (cur.allocatedAt !== null) throw new AppError('childcare_already_allocated');
    const now = new Date();
    if (new Date(cur.signupClosesAt) > now) throw new AppError('childcare_window_open');
    return allocateLocked(tx, ctx, cur, now, ctx);
  });
  void dispatchNotices(ctx);
  return { programme: await getProgramme(ctx, id), ...out };
}

/** "该儿童信息已按约定于 2027-07-01 删除": the refusal of a read of purged data, with the Beijing day. */
export function purgedError(purgedAt: Date | string, what = '该儿童信息'): AppError {
  return new AppError('childcare_purged', `${what}已按约定于 ${beijingDay(new Date(purgedAt))} 删除`);
}

/**
 * 立即删除儿童信息: deletes the children's data of an ended programme now rather than 180 days after
 * it (an admin of the running union only, with a reason; audited with the number of children). Throws
 * not_found, childcare_purge_own_union_only (a union above), childcare_not_ended, childcare_purged.
 */
export async function purgeProgramme(ctx: StaffContext, id: number, reason: string): Promise<ProgrammeDetail> {
  const out = await ctx.db.transaction(async (tx) => {
    const cur = await getInScope(ctx, tx, id, true);
    if (ctx.scope.orgId !== cur.orgId) throw new AppError('childcare_purge_own_union_only');
    if (cur.purgedAt !== null) throw purgedError(cur.purgedAt, '该项目的儿童信息');
    const now = new Date();
    if (!hasEnded(cur, now)) throw new AppError('childcare_not_ended');
    await purgeLocked(tx, ctx, cur, now, ctx, reason);
    return detail(tx, await getInScope(ctx, tx, id));
  });
  void dispatchNotices(ctx);
  return out;
}

/**
 * Figures of the childcare programmes run in the subtree of `orgId` (within the scope) with a session
 * in [from, to): programmes, children enrolled, places, sessions and the attendance rate. For the
 * places dashboard. Throws not_found (orgId outside the scope).
 */
export async function childcareFigures(ctx: StaffContext, f: { orgId?: number; from: Date; to: Date }): Promise<ChildcareFigures> {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const r = await enrolments.figures(ctx.db, root.path, f.from, f.to);
  return {
    programmes: r.programmes,
    enrolments: r.enrolments,
    enrolled: r.enrolled,
    places: r.places,
    sessions: r.sessions,
    attendanceMarks: r.marks,
    attendanceRate: r.marks === 0 ? null : r.present / r.marks,
  };
}

/** A place merged into another (the places register's merge): its programmes now meet at the place kept; answers their ids. */
export function movePlaceProgrammes(q: Queryable, fromId: number, intoId: number): Promise<number[]> {
  return repo.movePlace(q, fromId, intoId);
}

/** A merge of places undone: the programmes it moved (those still at the place kept) meet at the retired place again. */
export function returnPlaceProgrammes(q: Queryable, ids: readonly number[], fromId: number, intoId: number): Promise<number> {
  return repo.returnPlace(q, ids, fromId, intoId);
}
