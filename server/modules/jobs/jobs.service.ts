// Jobs (岗位, issue 17 §5): a union publishes a job on behalf of an employer (the enterprise file's
// row, read through enterprises/access.service, or a free name) in a town of its area, with the skills
// it needs on the 新八级 ladder (≥ 1 essential, ≤ 12), a wage range, a position checked with the places
// kit, and a contact sealed and masked; staff of the subtree list, read, edit, close and withdraw it;
// members read the open jobs of their unions (memberInReach) with the contact masked.
import type { Queryable, Tx } from '../../db/client.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { audit, requireMemberId } from '../../http/actors.ts';
import { getOrgInScope, isPathInScope, type OrgPath } from '../../http/scope.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { registerConstraintErrors, violates } from '../../db/errors.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { checkChinaPosition } from '../../lib/geo.ts';
import { maskName, maskPhone, type PiiCipher } from '../../lib/pii.ts';
import { isSkillLevel, skillLevelLabel } from '../../../contracts/skills.ts';
import { JOB_SKILLS_MAX, JOB_VALID_DAYS_MAX, type CreateJobBody, type JobDetail, type JobSummary, type UpdateJobBody } from '../../../contracts/jobs.ts';
import { getEnterpriseInScope } from '../enterprises/access.service.ts';
import * as repo from './jobs.repo.ts';

registerConstraintErrors('jobs', {
  job_wage_range: 'job_wage_range_invalid',
  job_skill_min_level_check: 'skill_level_invalid',
  job_fair_live_url_check: 'fair_live_url_invalid',
});

export function summaryOf(j: repo.JobRow): JobSummary {
  return {
    id: j.id,
    org: { id: j.orgId, name: j.orgName },
    employer: { enterpriseId: j.enterpriseId, name: j.employerName },
    title: j.title,
    occupation: j.occupationId !== null ? { id: j.occupationId, code: j.occupationCode ?? '', name: j.occupationName ?? '' } : null,
    town: { id: j.townId, name: j.townName },
    wageMin: j.wageMin,
    wageMax: j.wageMax,
    wageUnit: j.wageUnit,
    shift: j.shift,
    employment: j.employment,
    headcount: j.headcount,
    validUntil: j.validUntil,
    isExpired: j.isExpired,
    status: j.status,
    fair: j.fairId !== null ? { id: j.fairId, title: j.fairTitle ?? '' } : null,
  };
}

async function detailOf(q: Queryable, j: repo.JobRow): Promise<JobDetail> {
  const skills = await repo.findJobSkills(q, [j.id]);
  return {
    ...summaryOf(j),
    lat: j.lat,
    lng: j.lng,
    address: j.address,
    contactName: j.contactNameMasked,
    contactPhone: j.contactPhoneMasked,
    skills: skills.map((s) => ({
      skill: { id: s.skillId, code: s.code, name: s.name },
      minLevel: s.minLevel,
      levelLabel: isSkillLevel(s.minLevel) ? skillLevelLabel(s.minLevel) : String(s.minLevel),
      essential: s.essential,
    })),
    statusReason: j.statusReason,
    createdAt: new Date(j.createdAt).toISOString(),
  };
}

/** The last day a job may stay open, counted from `today` (Beijing). */
export function lastValidDay(today: string): string {
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + JOB_VALID_DAYS_MAX);
  return d.toISOString().slice(0, 10);
}

// ── the rules every write checks (the form and the import alike) ──────────────────────────────

export interface JobSkillWant {
  skillId: number;
  minLevel: number;
  essential: boolean;
}

/** The skills of a job: levels on the ladder, each skill once, ≤ 12, ≥ 1 essential, all in the taxonomy. Throws skill_level_invalid, job_skills_required, skill_not_found, validation_failed. */
export async function checkJobSkills(q: Queryable, skills: readonly JobSkillWant[]): Promise<void> {
  for (const s of skills) if (!isSkillLevel(s.minLevel)) throw new AppError('skill_level_invalid');
  if (skills.length > JOB_SKILLS_MAX) throw new AppError('validation_failed', `请求参数有误：技能要求最多 ${JOB_SKILLS_MAX} 项`);
  if (new Set(skills.map((s) => s.skillId)).size !== skills.length) throw new AppError('validation_failed', '请求参数有误：同一技能只能填写一次');
  if (!skills.some((s) => s.essential)) throw new AppError('job_skills_required');
  const found = await repo.findSkills(q, skills.map((s) => s.skillId));
  if (found.length !== skills.length || found.some((s) => s.rank !== 'occupation' && s.rank !== 'free')) throw new AppError('skill_not_found');
}

/** An occupation of the taxonomy (rank 职业). Throws skill_not_found. */
async function checkOccupation(q: Queryable, id: number): Promise<void> {
  const [s] = await repo.findSkills(q, [id]);
  if (!s || s.rank !== 'occupation') throw new AppError('skill_not_found');
}

/** Wage range, valid-until and position. Throws job_wage_range_invalid, job_valid_until_invalid, position_outside_china, position_swapped, validation_failed. */
export function checkJobTerms(t: { wageMin: number; wageMax: number; validUntil: string; lat?: number | null | undefined; lng?: number | null | undefined }, today = beijingDay()): void {
  if (t.wageMax < t.wageMin) throw new AppError('job_wage_range_invalid');
  if (t.validUntil < today || t.validUntil > lastValidDay(today)) throw new AppError('job_valid_until_invalid');
  const hasLat = t.lat !== undefined && t.lat !== null;
  const hasLng = t.lng !== undefined && t.lng !== null;
  if (hasLat !== hasLng) throw new AppError('validation_failed', '请求参数有误：纬度和经度须同时填写');
  if (hasLat && hasLng) {
    const problem = checkChinaPosition({ lat: t.lat!, lng: t.lng! });
    if (problem) throw new AppError(problem);
  }
}

/** The town lies in the publishing union's area. Throws job_place_outside. */
export async function checkJobTown(q: Queryable, orgPath: OrgPath, townId: number): Promise<void> {
  if (!(await repo.isTownInArea(q, orgPath, townId))) throw new AppError('job_place_outside');
}

/** The contact sealed and masked (a landline masked whole). */
export function sealContact(pii: PiiCipher, c: { name?: string | undefined; phone?: string | undefined }) {
  return {
    contactNameEnc: c.name ? pii.encrypt(c.name) : null,
    contactNameMasked: c.name ? maskName(c.name) : null,
    contactPhoneEnc: c.phone ? pii.encrypt(c.phone) : null,
    contactPhoneMasked: c.phone ? maskPhone(c.phone.replace('-', '')) : null,
  };
}

// ── staff ─────────────────────────────────────────────────────────────────────────────────────

async function rootOf(ctx: StaffContext, orgId: number | undefined): Promise<OrgPath> {
  return orgId === undefined ? ctx.scope.path : (await getOrgInScope(ctx.db, ctx.scope, orgId)).path;
}

/** The jobs published in the scope (or under a filter org of it), a page of them. Throws not_found (filter org). */
export async function listJobs(ctx: StaffContext, f: { orgId?: number | undefined; status: string; fairId?: number | undefined; townId?: number | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const root = await rootOf(ctx, f.orgId);
  const { items, total } = await repo.findJobs(ctx.db, root, { ...f, today: beijingDay(), limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(summaryOf), total };
}

async function jobInScope(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.JobRow> {
  const j = await repo.findJob(q, id, beijingDay(), lock);
  if (!j || !isPathInScope(ctx.scope, j.orgPath)) throw new AppError('not_found');
  return j;
}

/** One job of the scope with its skills (contact masked). Throws not_found. */
export async function getJob(ctx: StaffContext, id: number): Promise<JobDetail> {
  return detailOf(ctx.db, await jobInScope(ctx, ctx.db, id));
}

const requestStore: IdempotencyStore<{ answer: string }> = {
  find: (q, owner, key) => repo.findRequest(q, owner.id, key),
  text: (a) => a.answer,
  isKeyTaken: (err) => violates(err, 'job_request_key'),
};

/** Runs one staff write of jobs once per Idempotency-Key: its answer stored in job_request in the write's transaction. */
export function jobWriteOnce(ctx: StaffContext, key: string, hash: Buffer, write: (tx: Tx) => Promise<unknown>): Promise<IdempotentReply> {
  return writeOnce(ctx.db, requestStore, { owner: { kind: 'staff', id: ctx.actor.staffId }, key, hash }, () =>
    ctx.db.transaction(async (tx) => {
      const answer = JSON.stringify(await write(tx));
      await repo.insertRequest(tx, { staffId: ctx.actor.staffId, key, hash, answer });
      return { answer };
    }),
  );
}

/** The fair a job joins: of the publishing union's subtree or above it in the scope, not cancelled. Throws not_found, fair_cancelled. */
export type FairCheck = (tx: Queryable, fairId: number) => Promise<void>;

/**
 * Publishes a job (status open) once per Idempotency-Key, with its skills; audited. Throws not_found
 * (union, employer, fair), job_wage_range_invalid, job_valid_until_invalid, job_place_outside,
 * job_skills_required, skill_level_invalid, skill_not_found, position_*, fair_cancelled,
 * validation_failed, idempotency_key_reused.
 */
export async function createJob(ctx: StaffContext, body: CreateJobBody, key: string, checkFair: FairCheck): Promise<IdempotentReply> {
  if ((body.enterpriseId === undefined) === (body.employerName === undefined)) throw new AppError('validation_failed', '请求参数有误：请选择用人单位或填写单位名称（二选一）');
  checkJobTerms(body);
  return jobWriteOnce(ctx, key, requestHashOf('job create', body), async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, body.orgId);
    if (org.status !== 'active') throw new AppError('org_closed');
    let employerName = body.employerName ?? '';
    if (body.enterpriseId !== undefined) employerName = (await getEnterpriseInScope(tx, ctx.scope, body.enterpriseId)).name;
    await checkJobTown(tx, org.path, body.townId);
    await checkJobSkills(tx, body.skills);
    if (body.occupationId !== undefined) await checkOccupation(tx, body.occupationId);
    if (body.fairId !== undefined) await checkFair(tx, body.fairId);
    const id = await repo.insertJob(tx, {
      orgId: org.id,
      enterpriseId: body.enterpriseId ?? null,
      employerName,
      title: body.title,
      occupationId: body.occupationId ?? null,
      townId: body.townId,
      lat: body.lat ?? null,
      lng: body.lng ?? null,
      address: body.address,
      wageMin: body.wageMin,
      wageMax: body.wageMax,
      wageUnit: body.wageUnit,
      shift: body.shift,
      employment: body.employment,
      headcount: body.headcount,
      validUntil: body.validUntil,
      ...sealContact(ctx.pii, { name: body.contactName, phone: body.contactPhone }),
      fairId: body.fairId ?? null,
      createdBy: ctx.actor.staffId,
    });
    await repo.replaceJobSkills(tx, id, body.skills);
    await audit(tx, ctx, 'job.publish', { type: 'job', id, orgPath: org.path }, { title: body.title, jobSkills: body.skills.length, fairId: body.fairId ?? null });
    return detailOf(tx, (await repo.findJob(tx, id, beijingDay()))!);
  });
}

/** Edits an open job (the whole checked again as it will be); audited. Throws not_found, job_expired (closed or withdrawn), and createJob's rule errors. */
export async function updateJob(ctx: StaffContext, id: number, patch: UpdateJobBody): Promise<JobDetail> {
  await ctx.db.transaction(async (tx) => {
    const j = await jobInScope(ctx, tx, id, true);
    if (j.status !== 'open') throw new AppError('job_expired');
    const next = { wageMin: patch.wageMin ?? j.wageMin, wageMax: patch.wageMax ?? j.wageMax, validUntil: patch.validUntil ?? j.validUntil, lat: patch.lat ?? j.lat, lng: patch.lng ?? j.lng };
    checkJobTerms(next);
    if (patch.townId !== undefined) await checkJobTown(tx, j.orgPath as OrgPath, patch.townId);
    if (patch.skills !== undefined) await checkJobSkills(tx, patch.skills);
    if (patch.occupationId !== undefined) await checkOccupation(tx, patch.occupationId);
    const contact = sealContact(ctx.pii, { name: patch.contactName, phone: patch.contactPhone });
    await repo.updateJob(tx, id, {
      title: patch.title,
      occupationId: patch.occupationId,
      townId: patch.townId,
      lat: patch.lat,
      lng: patch.lng,
      address: patch.address,
      wageMin: patch.wageMin,
      wageMax: patch.wageMax,
      wageUnit: patch.wageUnit,
      shift: patch.shift,
      employment: patch.employment,
      headcount: patch.headcount,
      validUntil: patch.validUntil,
      ...(patch.contactName !== undefined ? { contactNameEnc: contact.contactNameEnc, contactNameMasked: contact.contactNameMasked } : {}),
      ...(patch.contactPhone !== undefined ? { contactPhoneEnc: contact.contactPhoneEnc, contactPhoneMasked: contact.contactPhoneMasked } : {}),
    });
    if (patch.skills !== undefined) await repo.replaceJobSkills(tx, id, patch.skills);
    await audit(tx, ctx, 'job.update', { type: 'job', id, orgPath: j.orgPath }, { title: j.title, jobChanges: Object.keys(patch) });
  });
  return getJob(ctx, id);
}

/**
 * Closes (招满、到期) or withdraws (撤回) an open job with a reason, once per Idempotency-Key; audited.
 * Throws not_found, job_expired (not open), idempotency_key_reused.
 */
export async function endJob(ctx: StaffContext, id: number, to: 'closed' | 'withdrawn', reason: string, key: string): Promise<IdempotentReply> {
  return jobWriteOnce(ctx, key, requestHashOf(`job ${to}`, id, reason), async (tx) => {
    const j = await jobInScope(ctx, tx, id, true);
    if (j.status !== 'open') throw new AppError('job_expired');
    await repo.setJobStatus(tx, id, to, reason);
    await audit(tx, ctx, to === 'closed' ? 'job.close' : 'job.withdraw', { type: 'job', id, orgPath: j.orgPath }, { title: j.title, reason });
    return detailOf(tx, (await repo.findJob(tx, id, beijingDay()))!);
  });
}

/** A job's contact in full for staff of its subtree, with a reason, audited. Throws not_found. */
export async function revealJobContact(ctx: StaffContext, id: number, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const j = await jobInScope(ctx, tx, id);
    const c = await repo.findJobContact(tx, id);
    await audit(tx, ctx, 'job.contact_reveal', { type: 'job', id, orgPath: j.orgPath }, { reason });
    return { contactName: c?.nameEnc ? ctx.pii.decrypt(c.nameEnc) : null, contactPhone: c?.phoneEnc ? ctx.pii.decrypt(c.phoneEnc) : null };
  });
}

/** The jobs of a fair (its detail), withdrawn ones aside. */
export async function findFairJobs(q: Queryable, root: OrgPath, fairId: number) {
  const { items } = await repo.findJobs(q, root, { status: 'all', fairId, today: beijingDay(), limit: 500, offset: 0 });
  return items.filter((j) => j.status !== 'withdrawn').map(summaryOf);
}

// ── members ───────────────────────────────────────────────────────────────────────────────────

async function memberPathOf(ctx: MemberContext): Promise<string> {
  const memberId = requireMemberId(ctx);
  const path = await repo.findMemberOrgPath(ctx.db, memberId);
  if (path === undefined) throw new AppError('not_a_member');
  return path;
}

/** The open jobs of the member's unions (their own and those above), soonest to close first; contact masked. Throws not_a_member. */
export async function listMyJobs(ctx: MemberContext, f: { fairId?: number | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const path = await memberPathOf(ctx);
  const { items, total } = await repo.findJobsInReach(ctx.db, path, { ...f, today: beijingDay(), limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(summaryOf), total };
}

/** One open job in the member's reach, contact masked (revealed only to an applicant, slice E). Throws not_found, not_a_member. */
export async function getMyJob(ctx: MemberContext, id: number) {
  const path = await memberPathOf(ctx);
  const j = await repo.findJobInReach(ctx.db, path, id, beijingDay());
  if (!j) throw new AppError('not_found');
  const { statusReason: _omit, ...rest } = await detailOf(ctx.db, j);
  return rest;
}
