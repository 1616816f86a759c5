// Skills (issue 17 slice A): SQL of the taxonomy (`skill`, 058), member_skill, member_skill_best,
// certificate and job_profile (059). Other modules reach skills through skills.service.ts.
import type { Queryable } from '../../db/client.ts';
import { likePattern } from '../../http/search.ts';
import { scopeFilter, withinSubtree, type OrgPath } from '../../http/scope.ts';
import type { SkillRank } from '../../../contracts/skills.ts';
import type { SkillSource } from '../../../contracts/member-skills.ts';

export interface SkillRow {
  id: number;
  code: string;
  name: string;
  rank: SkillRank;
  parentId: number | null;
  synonyms: string[];
  tags: string[];
  isActive: boolean;
  hasChildren: boolean;
}

const skillColumns = `s.id::int AS id, s.code, s.name, s.rank, s.parent_id::int AS "parentId", s.synonyms, s.tags, s.is_active AS "isActive",
  EXISTS (SELECT 1 FROM skill c WHERE c.parent_id = s.id AND c.is_active) AS "hasChildren"`;

/** Active skills whose name, a synonym or the code matches `q` (a code by prefix); occupations and free skills first. */
export async function findSkills(q: Queryable, f: { q?: string | undefined; parentId?: number | undefined; rank?: 'occupation' | 'skill' | undefined; limit: number; offset: number }): Promise<{ items: SkillRow[]; total: number }> {
  // browsing: one level below parentId (the 大类 and the free skills at the top); searching (a text, or
  // only what one can hold: occupations, or occupations and free skills): the whole taxonomy
  const ranks = f.rank === 'occupation' ? ['occupation'] : f.rank === 'skill' ? ['occupation', 'free'] : null;
  const { where, order, params, orderParams } =
    f.q === undefined && ranks === null
      ? {
          where: `s.is_active AND s.parent_id IS NOT DISTINCT FROM $1::bigint AND ($1::bigint IS NOT NULL OR s.rank IN ('major', 'free'))`,
          order: `s.rank = 'free', s.code`,
          params: [f.parentId ?? null] as unknown[],
          orderParams: [] as unknown[],
        }
      : {
          where: `s.is_active AND ($3::bigint IS NULL OR s.parent_id = $3) AND ($4::text[] IS NULL OR s.rank = ANY($4::text[]))
                  AND ($1::text IS NULL OR s.name LIKE $1 OR s.code LIKE $2 OR EXISTS (SELECT 1 FROM unnest(s.synonyms) syn WHERE syn LIKE $1))`,
          // occupations and free skills first, the exact name first among them, then the shortest
          order: `s.rank NOT IN ('occupation', 'free'), s.name = $5::text DESC, char_length(s.name), s.code`,
          params: [f.q === undefined ? null : likePattern(f.q), f.q === undefined ? null : `${f.q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`, f.parentId ?? null, ranks] as unknown[],
          orderParams: [f.q ?? ''] as unknown[],
        };
  const [n] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM skill s WHERE ${where}`, params);
  const all = [...params, ...orderParams];
  const items = await q.query<SkillRow>(`SELECT ${skillColumns} FROM skill s WHERE ${where} ORDER BY ${order} LIMIT $${all.length + 1} OFFSET $${all.length + 2}`, [...all, f.limit, f.offset]);
  return { items, total: n?.n ?? 0 };
}

/** One active skill by id, or undefined. */
export async function findSkill(q: Queryable, id: number): Promise<SkillRow | undefined> {
  const [row] = await q.query<SkillRow>(`SELECT ${skillColumns} FROM skill s WHERE s.id = $1 AND s.is_active`, [id]);
  return row;
}

/** The skills of these codes (any state), for seeds and the loader. */
export async function findSkillsByCode(q: Queryable, codes: string[]): Promise<{ id: number; code: string; name: string }[]> {
  return q.query(`SELECT id::int AS id, code, name FROM skill WHERE code = ANY($1::text[])`, [codes]);
}

// ---- member skills ----

export interface MemberSkillRow {
  id: number;
  skillId: number;
  code: string;
  name: string;
  rank: SkillRank;
  level: number;
  source: SkillSource;
  acquiredOn: string;
  certificateId: number | null;
  courseId: number | null;
  courseTitle: string | null;
  bestLevel: number;
}

/** Every skill row of a member with the skill's best level (member_skill_best), best skills first. */
export async function findMemberSkills(q: Queryable, memberId: number): Promise<MemberSkillRow[]> {
  return q.query<MemberSkillRow>(
    `SELECT ms.id::int AS id, s.id::int AS "skillId", s.code, s.name, s.rank, ms.level::int AS level, ms.source,
            to_char(ms.acquired_on, 'YYYY-MM-DD') AS "acquiredOn", ms.certificate_id::int AS "certificateId", ms.course_id::int AS "courseId",
            ca.title AS "courseTitle", b.level::int AS "bestLevel"
       FROM member_skill ms JOIN skill s ON s.id = ms.skill_id
       JOIN member_skill_best b ON b.member_id = ms.member_id AND b.skill_id = ms.skill_id
       LEFT JOIN activity ca ON ca.id = ms.course_id
      WHERE ms.member_id = $1
      ORDER BY b.level DESC, s.name, ms.level DESC, ms.id`,
    [memberId],
  );
}

/** Declares (or re-declares at another level) a self-declared skill; returns the row's id. */
export async function upsertSelfSkill(q: Queryable, s: { memberId: number; skillId: number; level: number; on: string }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO member_skill (member_id, skill_id, level, source, acquired_on) VALUES ($1, $2, $3, 'self', $4)
       ON CONFLICT (member_id, skill_id) WHERE source = 'self' DO UPDATE SET level = EXCLUDED.level, acquired_on = EXCLUDED.acquired_on
     RETURNING id::int AS id`,
    [s.memberId, s.skillId, s.level, s.on],
  );
  return row!.id;
}

/** Removes a self-declared skill row of the member; false when there is none with that id. */
export async function deleteSelfSkill(q: Queryable, memberId: number, id: number): Promise<{ skillId: number; level: number } | undefined> {
  const [row] = await q.query<{ skillId: number; level: number }>(
    `DELETE FROM member_skill WHERE id = $1 AND member_id = $2 AND source = 'self' RETURNING skill_id::int AS "skillId", level::int AS level`,
    [id, memberId],
  );
  return row;
}

/** The skill a verified certificate gives (once: member_skill_certificate_once); true when written now. */
export async function insertCertificateSkill(q: Queryable, c: { memberId: number; skillId: number; level: number; certificateId: number; acquiredOn: string }): Promise<boolean> {
  const rows = await q.query(
    `INSERT INTO member_skill (member_id, skill_id, level, source, certificate_id, acquired_on) VALUES ($1, $2, $3, 'certificate', $4, $5)
       ON CONFLICT (certificate_id) WHERE source = 'certificate' DO NOTHING RETURNING id`,
    [c.memberId, c.skillId, c.level, c.certificateId, c.acquiredOn],
  );
  return rows.length === 1;
}

// ---- certificates ----

export interface CertificateRow {
  id: number;
  memberId: number;
  family: 'qualification' | 'skillLevel';
  skillId: number;
  code: string;
  name: string;
  rank: SkillRank;
  level: number;
  numberMasked: string;
  issuer: string;
  issuedOn: string;
  verifiedAt: string | null;
  verifiedBy: string | null;
  memberName: string;
  memberNo: string | null;
  orgId: number;
  orgName: string;
  orgPath: string;
}

const certificateColumns = `c.id::int AS id, c.member_id::int AS "memberId", c.family, s.id::int AS "skillId", s.code, s.name, s.rank, c.level::int AS level,
  c.number_masked AS "numberMasked", c.issuer, to_char(c.issued_on, 'YYYY-MM-DD') AS "issuedOn", c.verified_at AS "verifiedAt",
  st.display_name AS "verifiedBy", m.name AS "memberName", m.member_no AS "memberNo", o.id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath"`;
const certificateFrom = `certificate c JOIN skill s ON s.id = c.skill_id JOIN member m ON m.id = c.member_id JOIN org o ON o.id = m.org_id
  LEFT JOIN staff st ON st.id = c.verified_by`;

export async function findMemberCertificates(q: Queryable, memberId: number): Promise<CertificateRow[]> {
  return q.query<CertificateRow>(`SELECT ${certificateColumns} FROM ${certificateFrom} WHERE c.member_id = $1 ORDER BY c.issued_on DESC, c.id DESC`, [memberId]);
}

/** One certificate with its member's org (no scope check: the service checks the path); `lock` takes it FOR UPDATE. */
export async function findCertificate(q: Queryable, id: number, lock = false): Promise<CertificateRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM certificate WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<CertificateRow>(`SELECT ${certificateColumns} FROM ${certificateFrom} WHERE c.id = $1`, [id]);
  return row;
}

export async function insertCertificate(
  q: Queryable,
  c: { memberId: number; family: string; skillId: number; level: number; numberEnc: Buffer; numberHash: Buffer; numberMasked: string; issuer: string; issuedOn: string },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO certificate (member_id, family, skill_id, level, number_enc, number_hash, number_masked, issuer, issued_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::int AS id`,
    [c.memberId, c.family, c.skillId, c.level, c.numberEnc, c.numberHash, c.numberMasked, c.issuer, c.issuedOn],
  );
  return row!.id;
}

export async function markCertificateVerified(q: Queryable, id: number, staffId: number): Promise<void> {
  await q.query(`UPDATE certificate SET verified_by = $2, verified_at = now() WHERE id = $1 AND verified_at IS NULL`, [id, staffId]);
}

// ---- the staff's register (members of the scope) ----

export async function findCertificatesInScope(q: Queryable, root: OrgPath, f: { status?: 'pending' | 'verified' | undefined; limit: number; offset: number }) {
  const where = `${scopeFilter('o.path', 1)} AND ($2::text IS NULL OR ($2 = 'verified') = (c.verified_at IS NOT NULL))`;
  const [n] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${certificateFrom} WHERE ${where}`, [root, f.status ?? null]);
  const items = await q.query<CertificateRow>(
    `SELECT ${certificateColumns} FROM ${certificateFrom} WHERE ${where} ORDER BY c.verified_at IS NOT NULL, c.created_at DESC, c.id DESC LIMIT $3 OFFSET $4`,
    [root, f.status ?? null, f.limit, f.offset],
  );
  return { items, total: n?.n ?? 0 };
}

export interface RegisterRow {
  id: number;
  memberId: number;
  memberName: string;
  memberNo: string | null;
  orgId: number;
  orgName: string;
  skillId: number;
  code: string;
  name: string;
  rank: SkillRank;
  level: number;
  source: SkillSource;
  acquiredOn: string;
}

export async function findMemberSkillsInScope(q: Queryable, root: OrgPath, f: { skillId?: number | undefined; source?: SkillSource | undefined; limit: number; offset: number }) {
  const from = `member_skill ms JOIN member m ON m.id = ms.member_id JOIN org o ON o.id = m.org_id JOIN skill s ON s.id = ms.skill_id`;
  const where = `${withinSubtree('o.path', 1)} AND ($2::bigint IS NULL OR ms.skill_id = $2) AND ($3::text IS NULL OR ms.source = $3)`;
  const params = [root, f.skillId ?? null, f.source ?? null];
  const [n] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, params);
  const items = await q.query<RegisterRow>(
    `SELECT ms.id::int AS id, m.id::int AS "memberId", m.name AS "memberName", m.member_no AS "memberNo", o.id::int AS "orgId", o.name AS "orgName",
            s.id::int AS "skillId", s.code, s.name, s.rank, ms.level::int AS level, ms.source, to_char(ms.acquired_on, 'YYYY-MM-DD') AS "acquiredOn"
       FROM ${from} WHERE ${where} ORDER BY ms.created_at DESC, ms.id DESC LIMIT $4 OFFSET $5`,
    [...params, f.limit, f.offset],
  );
  return { items, total: n?.n ?? 0 };
}

// ---- the job profile ----

export interface JobProfileRow {
  employerConsentAt: string | null;
  consentWithdrawnAt: string | null;
  towns: number[];
  industrySections: string[];
  wageFloorYuan: number | null;
  shifts: string[];
  employment: string[];
  pushOptIn: boolean;
  updatedAt: string;
}

export async function findJobProfile(q: Queryable, memberId: number, lock = false): Promise<JobProfileRow | undefined> {
  const [row] = await q.query<JobProfileRow>(
    `SELECT employer_consent_at AS "employerConsentAt", consent_withdrawn_at AS "consentWithdrawnAt", towns::int[] AS towns,
            industry_sections AS "industrySections", wage_floor_yuan AS "wageFloorYuan", shifts, employment, push_opt_in AS "pushOptIn", updated_at AS "updatedAt"
       FROM job_profile WHERE member_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [memberId],
  );
  return row;
}

export async function upsertJobProfile(
  q: Queryable,
  p: { memberId: number; towns: number[]; industrySections: string[]; wageFloorYuan: number | null; shifts: string[]; employment: string[]; pushOptIn: boolean },
): Promise<void> {
  await q.query(
    `INSERT INTO job_profile (member_id, towns, industry_sections, wage_floor_yuan, shifts, employment, push_opt_in)
     VALUES ($1, $2::bigint[], $3::text[], $4, $5::text[], $6::text[], $7)
     ON CONFLICT (member_id) DO UPDATE SET towns = EXCLUDED.towns, industry_sections = EXCLUDED.industry_sections, wage_floor_yuan = EXCLUDED.wage_floor_yuan,
       shifts = EXCLUDED.shifts, employment = EXCLUDED.employment, push_opt_in = EXCLUDED.push_opt_in, updated_at = now()`,
    [p.memberId, p.towns, p.industrySections, p.wageFloorYuan, p.shifts, p.employment, p.pushOptIn],
  );
}

/** Consent given (true) or withdrawn (false): one column set, the other cleared; the profile row made if missing. */
export async function setJobConsent(q: Queryable, memberId: number, consenting: boolean): Promise<void> {
  await q.query(
    consenting
      ? `INSERT INTO job_profile (member_id, employer_consent_at) VALUES ($1, now())
           ON CONFLICT (member_id) DO UPDATE SET employer_consent_at = now(), consent_withdrawn_at = NULL, updated_at = now()`
      : `INSERT INTO job_profile (member_id, consent_withdrawn_at) VALUES ($1, now())
           ON CONFLICT (member_id) DO UPDATE SET employer_consent_at = NULL, consent_withdrawn_at = now(), updated_at = now()`,
    [memberId],
  );
}

/** The names of these orgs that are towns (镇街); the others are left out. */
export async function findTowns(q: Queryable, ids: number[]): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return q.query(`SELECT id::int AS id, name FROM org WHERE id = ANY($1::bigint[]) AND level = 'town'`, [ids]);
}

/** The member's org path (for the audit record's target). */
export async function findMemberOrgPath(q: Queryable, memberId: number): Promise<string | null> {
  const [row] = await q.query<{ path: string }>(`SELECT o.path::text AS path FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [memberId]);
  return row?.path ?? null;
}

// ---- the loader ----

/** The ids of these codes, for the loader's parent look-up. */
export async function findSkillIdsByCode(q: Queryable, codes: string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ id: number; code: string }>(`SELECT id::int AS id, code FROM skill WHERE code = ANY($1::text[])`, [codes]);
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Inserts or updates one skill by its code; true when it was new. */
export async function upsertSkill(q: Queryable, s: { code: string; name: string; rank: SkillRank; parentId: number | null; synonyms: string[] }): Promise<{ id: number; isNew: boolean }> {
  const [row] = await q.query<{ id: number; isNew: boolean }>(
    `INSERT INTO skill (code, name, rank, parent_id, synonyms) VALUES ($1, $2, $3, $4, $5::text[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, rank = EXCLUDED.rank, parent_id = EXCLUDED.parent_id,
         synonyms = CASE WHEN cardinality(EXCLUDED.synonyms) > 0 THEN EXCLUDED.synonyms ELSE skill.synonyms END, is_active = true
     RETURNING id::int AS id, (xmax = 0) AS "isNew"`,
    [s.code, s.name, s.rank, s.parentId, s.synonyms],
  );
  return row!;
}
