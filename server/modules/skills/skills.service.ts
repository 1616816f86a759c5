// Skills (issue 17 slice A, docs/design/skills-jobs.md §2–§3): the taxonomy picker, a member's skills
// (self-declared here; from certificates once verified; from courses in slice B through
// `recordCourseSkills`), certificates (number sealed, verified by staff), the job profile and its
// separate consent (PIPL art. 14). Every refusal is thrown before anything is written.
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { audit, requireMemberId } from '../../http/actors.ts';
import { getOrgInScope, isPathInScope } from '../../http/scope.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { isSkillLevel, parentSkillCode, skillAtLevel, skillLevelLabel, skillRankOfCode, type SkillLevel } from '../../../contracts/skills.ts';
import {
  CERTIFICATE_NUMBER,
  type AddCertificateBody,
  type AddSelfSkillBody,
  type CertificateItem,
  type CertificateRegisterRow,
  type JobProfile,
  type JobProfileBody,
  type MySkill,
  type SkillItem,
  type SkillRef,
} from '../../../contracts/member-skills.ts';
import * as repo from './skills.repo.ts';

registerConstraintErrors('skills', {
  certificate_number_once: 'certificate_exists',
  // the CHECKs repeat what the service checks first, so a slip in a service is still a 400, not a 500
  member_skill_level_check: 'skill_level_invalid',
  certificate_level_check: 'skill_level_invalid',
});

/** Throws skill_level_invalid unless `level` is on the 新八级 ladder (1–8). */
export function assertSkillLevel(level: number): asserts level is SkillLevel {
  if (!isSkillLevel(level)) throw new AppError('skill_level_invalid');
}

/** "S0000…1234": enough of the number to recognise it, never the whole of it. */
export function maskCertificateNumber(n: string): string {
  if (n.length >= 12) return `${n.slice(0, 5)}…${n.slice(-4)}`;
  if (n.length >= 8) return `${n.slice(0, 2)}…${n.slice(-3)}`;
  return `${n.slice(0, 1)}…${n.slice(-1)}`;
}

/** The number as stored and compared: trimmed, upper-cased. Throws certificate_number_invalid. */
export function normaliseCertificateNumber(raw: string): string {
  const n = raw.trim().toUpperCase();
  if (!CERTIFICATE_NUMBER.test(n)) throw new AppError('certificate_number_invalid');
  return n;
}

function refOf(s: { skillId?: number; id?: number; code: string; name: string; rank: SkillRef['rank'] }): SkillRef {
  return { id: (s.skillId ?? s.id)!, code: s.code, name: s.name, rank: s.rank };
}

interface Paging {
  page: number;
  pageSize: number;
}
const ALL: Paging = { page: 1, pageSize: 200 };
/** A page of a member's own short list (a member holds a handful of skills and certificates). */
function pageOf<T>(all: T[], f: Paging): { items: T[]; total: number } {
  return { items: all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: all.length };
}

const levelLabel = (level: number) => (isSkillLevel(level) ? skillLevelLabel(level) : String(level));
const atLevel = (name: string, level: number) => (isSkillLevel(level) ? skillAtLevel(name, level) : name);

/** An active skill by id. Throws skill_not_found. */
async function activeSkill(q: StaffContext['db'], id: number): Promise<repo.SkillRow> {
  const s = await repo.findSkill(q, id);
  if (!s) throw new AppError('skill_not_found');
  return s;
}

// ---- the taxonomy ----

/** An active occupation or free skill — one a member can hold and a course can teach (slice B). Throws skill_not_found. */
export async function holdableSkill(q: StaffContext['db'], id: number): Promise<repo.SkillRow> {
  const s = await repo.findSkill(q, id);
  if (!s || (s.rank !== 'occupation' && s.rank !== 'free')) throw new AppError('skill_not_found');
  return s;
}

/** Skills for a picker: by name, synonym or code (`q`) and/or only what one can hold (`rank`: occupations, or occupations and free skills), or one level of the tree below `parentId` (the 大类 and free skills at the top). */
export async function searchSkills(ctx: { db: StaffContext['db'] }, f: { q?: string | undefined; parentId?: number | undefined; rank?: 'occupation' | 'skill' | undefined; page: number; pageSize: number }): Promise<{ items: SkillItem[]; total: number }> {
  const { items, total } = await repo.findSkills(ctx.db, { q: f.q, parentId: f.parentId, rank: f.rank, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { total, items: items.map((s) => ({ id: s.id, code: s.code, name: s.name, rank: s.rank, parentId: s.parentId, synonyms: s.synonyms, tags: s.tags, hasChildren: s.hasChildren })) };
}

// ---- the member's skills ----

/** The member's skills, each at its effective (highest) level with every source. Throws not_a_member. */
export async function listMySkills(ctx: MemberContext, f: Paging = ALL): Promise<{ items: MySkill[]; total: number }> {
  const rows = await repo.findMemberSkills(ctx.db, requireMemberId(ctx));
  const bySkill = new Map<number, MySkill>();
  for (const r of rows) {
    let one = bySkill.get(r.skillId);
    if (!one) {
      one = { skill: refOf(r), level: r.bestLevel, label: atLevel(r.name, r.bestLevel), sources: [] };
      bySkill.set(r.skillId, one);
    }
    one.sources.push({ id: r.id, source: r.source, level: r.level, levelLabel: levelLabel(r.level), acquiredOn: r.acquiredOn, certificateId: r.certificateId, courseId: r.courseId, courseTitle: r.courseTitle });
  }
  return pageOf([...bySkill.values()], f);
}

/**
 * Declares a skill the member holds (or changes the level they declared). Throws not_a_member,
 * skill_level_invalid, skill_not_found — a 大类, 中类 or 小类 is no skill one holds.
 */
export async function addMySkill(ctx: MemberContext, body: AddSelfSkillBody): Promise<{ items: MySkill[]; total: number }> {
  const memberId = requireMemberId(ctx);
  assertSkillLevel(body.level);
  const skill = await activeSkill(ctx.db, body.skillId);
  if (skill.rank !== 'occupation' && skill.rank !== 'free') throw new AppError('skill_not_found', '请选择具体的职业或技能，不能选择大类、中类或小类');
  await ctx.db.transaction(async (tx) => {
    // declared today, as a day in Beijing (the database's CURRENT_DATE is its own zone's)
    const id = await repo.upsertSelfSkill(tx, { memberId, skillId: skill.id, level: body.level, on: beijingDay() });
    await audit(tx, ctx, 'skill.declare', { type: 'member_skill', id, orgPath: await repo.findMemberOrgPath(tx, memberId) }, { name: skill.name, skillLevel: body.level });
  });
  return listMySkills(ctx);
}

/** Removes a skill the member declared; a skill from a course or a certificate stays. Throws not_a_member, not_found. */
export async function removeMySkill(ctx: MemberContext, id: number): Promise<{ items: MySkill[]; total: number }> {
  const memberId = requireMemberId(ctx);
  await ctx.db.transaction(async (tx) => {
    const gone = await repo.deleteSelfSkill(tx, memberId, id);
    if (!gone) throw new AppError('not_found');
    await audit(tx, ctx, 'skill.remove', { type: 'member_skill', id, orgPath: await repo.findMemberOrgPath(tx, memberId) }, { skillLevel: gone.level });
  });
  return listMySkills(ctx);
}

// ---- certificates ----

function certificateOf(c: repo.CertificateRow): CertificateItem {
  return {
    id: c.id,
    family: c.family,
    skill: refOf(c),
    level: c.level,
    levelLabel: levelLabel(c.level),
    numberMasked: c.numberMasked,
    issuer: c.issuer,
    issuedOn: c.issuedOn,
    isVerified: c.verifiedAt !== null,
    verifiedAt: c.verifiedAt === null ? null : new Date(c.verifiedAt).toISOString(),
  };
}

/** The member's certificates, newest first. Throws not_a_member. */
export async function listMyCertificates(ctx: MemberContext, f: Paging = ALL): Promise<{ items: CertificateItem[]; total: number }> {
  return pageOf((await repo.findMemberCertificates(ctx.db, requireMemberId(ctx))).map(certificateOf), f);
}

/**
 * Registers a certificate the member holds (not yet verified; its skill is written when staff verify it).
 * Throws not_a_member, skill_level_invalid, certificate_number_invalid, skill_not_found,
 * validation_failed (issued in the future), certificate_exists.
 */
export async function addMyCertificate(ctx: MemberContext, body: AddCertificateBody): Promise<CertificateItem> {
  const memberId = requireMemberId(ctx);
  assertSkillLevel(body.level);
  const number = normaliseCertificateNumber(body.number);
  if (body.issuedOn > beijingDay()) throw new AppError('validation_failed', '发证日期不能晚于今天');
  const skill = await activeSkill(ctx.db, body.skillId);
  if (skill.rank !== 'occupation' && skill.rank !== 'free') throw new AppError('skill_not_found', '请选择证书上的具体职业（工种）');
  const id = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertCertificate(tx, {
      memberId,
      family: body.family,
      skillId: skill.id,
      level: body.level,
      numberEnc: ctx.pii.encrypt(number),
      numberHash: ctx.pii.hash(number),
      numberMasked: maskCertificateNumber(number),
      issuer: body.issuer,
      issuedOn: body.issuedOn,
    });
    await audit(tx, ctx, 'skill.certificate_add', { type: 'certificate', id, orgPath: await repo.findMemberOrgPath(tx, memberId) }, { name: skill.name, skillLevel: body.level });
    return id;
  });
  return certificateOf((await repo.findCertificate(ctx.db, id))!);
}

// ---- the staff's register ----

function registerRowOf(c: repo.CertificateRow): CertificateRegisterRow {
  return {
    ...certificateOf(c),
    member: { id: c.memberId, name: c.memberName, memberNo: c.memberNo },
    org: { id: c.orgId, name: c.orgName },
    verifiedBy: c.verifiedBy,
  };
}

async function rootOf(ctx: StaffContext, orgId: number | undefined) {
  return orgId === undefined ? ctx.scope.path : (await getOrgInScope(ctx.db, ctx.scope, orgId)).path;
}

/** The skills held by members of the scope (or of `orgId`'s subtree), newest first. Throws not_found (orgId outside the scope). */
export async function listSkillRegister(ctx: StaffContext, f: { orgId?: number | undefined; skillId?: number | undefined; source?: 'course' | 'certificate' | 'self' | undefined; page: number; pageSize: number }) {
  const root = await rootOf(ctx, f.orgId);
  const { items, total } = await repo.findMemberSkillsInScope(ctx.db, root, { skillId: f.skillId, source: f.source, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return {
    total,
    items: items.map((r) => ({
      id: r.id,
      member: { id: r.memberId, name: r.memberName, memberNo: r.memberNo },
      org: { id: r.orgId, name: r.orgName },
      skill: refOf(r),
      level: r.level,
      label: atLevel(r.name, r.level),
      source: r.source,
      acquiredOn: r.acquiredOn,
    })),
  };
}

/** The certificates of members of the scope, those to verify first. Throws not_found (orgId outside the scope). */
export async function listCertificates(ctx: StaffContext, f: { orgId?: number | undefined; status?: 'pending' | 'verified' | undefined; page: number; pageSize: number }) {
  const root = await rootOf(ctx, f.orgId);
  const { items, total } = await repo.findCertificatesInScope(ctx.db, root, { status: f.status, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(registerRowOf), total };
}

/**
 * Marks a certificate of a member in scope verified (checked on the national site by the caller), with
 * who and when, audited, and writes the skill it gives (source certificate) — once, however often it
 * is verified. Verifying a verified certificate changes nothing. Throws not_found.
 */
export async function verifyCertificate(ctx: StaffContext, id: number): Promise<CertificateRegisterRow> {
  await ctx.db.transaction(async (tx) => {
    const c = await repo.findCertificate(tx, id, true);
    if (!c || !isPathInScope(ctx.scope, c.orgPath)) throw new AppError('not_found');
    if (c.verifiedAt !== null) return;
    await repo.markCertificateVerified(tx, id, ctx.actor.staffId);
    await repo.insertCertificateSkill(tx, { memberId: c.memberId, skillId: c.skillId, level: c.level, certificateId: c.id, acquiredOn: c.issuedOn });
    await audit(tx, ctx, 'skill.certificate_verify', { type: 'certificate', id, orgPath: c.orgPath }, { name: c.name, skillLevel: c.level });
  });
  return registerRowOf((await repo.findCertificate(ctx.db, id))!);
}

// ---- the job profile and consent ----

async function profileOf(ctx: MemberContext, memberId: number): Promise<JobProfile> {
  const p = await repo.findJobProfile(ctx.db, memberId);
  if (!p) return { isConsenting: false, consentedAt: null, withdrawnAt: null, towns: [], industrySections: [], wageFloorYuan: null, shifts: [], employment: [], pushOptIn: false, updatedAt: null };
  const towns = await repo.findTowns(ctx.db, p.towns);
  const iso = (v: string | null) => (v === null ? null : new Date(v).toISOString());
  return {
    isConsenting: p.employerConsentAt !== null,
    consentedAt: iso(p.employerConsentAt),
    withdrawnAt: iso(p.consentWithdrawnAt),
    towns: p.towns.map((id) => towns.find((t) => t.id === id)).filter((t) => t !== undefined),
    industrySections: p.industrySections,
    wageFloorYuan: p.wageFloorYuan,
    shifts: p.shifts as JobProfile['shifts'],
    employment: p.employment as JobProfile['employment'],
    pushOptIn: p.pushOptIn,
    updatedAt: iso(p.updatedAt),
  };
}

/** The member's job profile (an empty one, not consenting, before they save one). Throws not_a_member. */
export async function getMyJobProfile(ctx: MemberContext): Promise<JobProfile> {
  return profileOf(ctx, requireMemberId(ctx));
}

/** Saves the member's preferences; consent is not touched (its own act). Throws not_a_member, validation_failed (a town that is not a 镇街). */
export async function saveMyJobProfile(ctx: MemberContext, body: JobProfileBody): Promise<JobProfile> {
  const memberId = requireMemberId(ctx);
  const towns = [...new Set(body.towns)];
  if ((await repo.findTowns(ctx.db, towns)).length !== towns.length) throw new AppError('validation_failed', '意向镇街须为镇（街道）');
  const dedupe = <T>(xs: T[]) => [...new Set(xs)];
  await ctx.db.transaction(async (tx) => {
    await repo.upsertJobProfile(tx, {
      memberId,
      towns,
      industrySections: dedupe(body.industrySections),
      wageFloorYuan: body.wageFloorYuan,
      shifts: dedupe(body.shifts),
      employment: dedupe(body.employment),
      pushOptIn: body.pushOptIn,
    });
    await audit(tx, ctx, 'skill.job_profile_update', { type: 'job_profile', id: memberId, orgPath: await repo.findMemberOrgPath(tx, memberId) });
  });
  return profileOf(ctx, memberId);
}

/**
 * Gives (true) or withdraws (false) the member's separate consent to employers seeing their profile.
 * Withdrawing takes effect at once: every match and applicant query joins on it. Throws not_a_member.
 */
export async function setMyJobConsent(ctx: MemberContext, consenting: boolean): Promise<JobProfile> {
  const memberId = requireMemberId(ctx);
  await ctx.db.transaction(async (tx) => {
    await repo.setJobConsent(tx, memberId, consenting);
    await audit(tx, ctx, consenting ? 'skill.job_consent' : 'skill.job_consent_withdraw', { type: 'job_profile', id: memberId, orgPath: await repo.findMemberOrgPath(tx, memberId) });
  });
  return profileOf(ctx, memberId);
}

// ---- the loader (scripts/load-occupations.ts, the demo seed) ----

export interface SkillCsvRow {
  line: number;
  code: string;
  name: string;
  parentCode: string;
  synonyms: string[];
}

/** Rows of a `code,name,parent_code[,synonyms]` CSV (synonyms separated by |); a header row is skipped; "quoted, fields" allowed. */
export function parseSkillCsv(text: string): SkillCsvRow[] {
  const out: SkillCsvRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.trim() === '') return;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let j = 0; j < raw.length; j++) {
      const ch = raw[j]!;
      if (quoted && ch === '"' && raw[j + 1] === '"') {
        cell += '"';
        j++;
      } else if (ch === '"') {
        quoted = !quoted;
      } else if (ch === ',' && !quoted) {
        cells.push(cell);
        cell = '';
      } else {
        cell += ch;
      }
    }
    cells.push(cell);
    const [code = '', name = '', parentCode = '', synonyms = ''] = cells.map((c) => c.trim());
    if (i === 0 && code.toLowerCase() === 'code') return;
    out.push({ line: i + 1, code, name, parentCode, synonyms: synonyms ? synonyms.split('|').map((s) => s.trim()).filter(Boolean) : [] });
  });
  return out;
}

export interface SkillLoadResult {
  added: number;
  updated: number;
  /** the refusals, one per bad row; when any, nothing was written */
  errors: { line: number; code: string; message: string }[];
}

/**
 * Loads taxonomy rows idempotently (upsert by code) in one transaction: a code of the wrong shape, a
 * catalogue code whose parent_code is not the rank above it, or a parent that is neither loaded
 * already nor in the file refuses the whole file (nothing written) with every bad row named.
 */
export async function loadSkillRows(db: StaffContext['db'], rows: SkillCsvRow[]): Promise<SkillLoadResult> {
  const errors: SkillLoadResult['errors'] = [];
  const inFile = new Set(rows.map((r) => r.code));
  const wantedParents = [...new Set(rows.map((r) => r.parentCode).filter((p) => p !== ''))];
  const known = await repo.findSkillIdsByCode(db, wantedParents);
  const seen = new Set<string>();
  for (const r of rows) {
    const rank = skillRankOfCode(r.code);
    const fail = (message: string) => errors.push({ line: r.line, code: r.code, message });
    if (rank === null) fail('编码格式不正确（如 4-02-07-10，自由技能 F-0001）');
    else if (r.name.length < 1 || [...r.name].length > 40) fail('名称应为 1–40 个字');
    else if (seen.has(r.code)) fail('编码重复');
    else if (rank !== 'free' && (r.parentCode || null) !== parentSkillCode(r.code)) fail(`上级编码应为 ${parentSkillCode(r.code) ?? '空'}`);
    else if (r.parentCode && !known.has(r.parentCode) && !inFile.has(r.parentCode)) fail(`上级编码 ${r.parentCode} 不存在`);
    seen.add(r.code);
  }
  if (errors.length > 0) return { added: 0, updated: 0, errors };
  // parents before children: by the depth of the code (free skills last, they may hang under an occupation)
  const depth = (code: string) => (code.startsWith('F-') ? 9 : code.split('-').length);
  const ordered = [...rows].sort((a, b) => depth(a.code) - depth(b.code));
  return db.transaction(async (tx) => {
    const ids = new Map(known);
    let added = 0;
    let updated = 0;
    for (const r of ordered) {
      const out = await repo.upsertSkill(tx, { code: r.code, name: r.name, rank: skillRankOfCode(r.code)!, parentId: r.parentCode ? ids.get(r.parentCode)! : null, synonyms: r.synonyms });
      ids.set(r.code, out.id);
      if (out.isNew) added++;
      else updated++;
    }
    return { added, updated, errors: [] };
  });
}
