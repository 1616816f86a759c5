// Jobs (岗位): SQL of job, job_skill and job_request (migration 060), and the skill picker's search of
// the taxonomy (058). Scoped lists take the scope's (or a filter org's) path; a member's list takes
// the member's own org path (memberInReach). Other modules reach jobs through jobs.service.ts.
import type { Queryable } from '../../db/client.ts';
import { containing, memberInReach, scopeFilter, withinSubtree, type OrgPath } from '../../http/scope.ts';
import { likePattern } from '../../http/search.ts';

export interface JobRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  enterpriseId: number | null;
  employerName: string;
  title: string;
  occupationId: number | null;
  occupationCode: string | null;
  occupationName: string | null;
  townId: number;
  townName: string;
  lat: number | null;
  lng: number | null;
  address: string;
  wageMin: number;
  wageMax: number;
  wageUnit: 'month' | 'day' | 'hour' | 'piece';
  shift: 'day' | 'night' | 'rotating' | 'flexible';
  employment: 'fulltime' | 'parttime' | 'gig';
  headcount: number;
  validUntil: string;
  isExpired: boolean;
  contactNameMasked: string | null;
  contactPhoneMasked: string | null;
  fairId: number | null;
  fairTitle: string | null;
  status: 'open' | 'closed' | 'withdrawn';
  statusReason: string | null;
  createdAt: Date | string;
}

const jobColumns = `j.id::int AS id, j.org_id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  j.enterprise_id::int AS "enterpriseId", j.employer_name AS "employerName", j.title,
  j.occupation_id::int AS "occupationId", oc.code AS "occupationCode", oc.name AS "occupationName",
  j.town_org_id::int AS "townId", tw.name AS "townName", j.lat, j.lng, j.address,
  j.wage_min_yuan AS "wageMin", j.wage_max_yuan AS "wageMax", j.wage_unit AS "wageUnit", j.shift, j.employment, j.headcount,
  to_char(j.valid_until, 'YYYY-MM-DD') AS "validUntil", j.valid_until < $VALID_DAY::date AS "isExpired",
  j.contact_name_masked AS "contactNameMasked", j.contact_phone_masked AS "contactPhoneMasked",
  j.fair_id::int AS "fairId", f.title AS "fairTitle", j.status, j.status_reason AS "statusReason", j.created_at AS "createdAt"`;
const jobFrom = `FROM job j JOIN org o ON o.id = j.org_id JOIN org tw ON tw.id = j.town_org_id
  LEFT JOIN skill oc ON oc.id = j.occupation_id LEFT JOIN job_fair f ON f.id = j.fair_id`;
const columnsWithDay = (param: number) => jobColumns.replace('$VALID_DAY', `$${param}`);

export interface JobFilter {
  status: string;
  fairId?: number | undefined;
  townId?: number | undefined;
  q?: string | undefined;
  today: string;
  limit: number;
  offset: number;
}

/** The jobs published by unions under `root` (the scope, or a filter org of it), newest first. */
export async function findJobs(q: Queryable, root: OrgPath, f: JobFilter): Promise<{ items: JobRow[]; total: number }> {
  const where = `${scopeFilter('o.path', 1)} AND ($2::text = 'all' OR j.status = $2) AND ($3::bigint IS NULL OR j.fair_id = $3)
    AND ($4::bigint IS NULL OR j.town_org_id = $4) AND ($5::text IS NULL OR j.title LIKE $5 OR j.employer_name LIKE $5)`;
  const params = [root, f.status, f.fairId ?? null, f.townId ?? null, f.q ? likePattern(f.q) : null];
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM job j JOIN org o ON o.id = j.org_id WHERE ${where}`, params);
  const items = await q.query<JobRow>(
    `SELECT ${columnsWithDay(6)} ${jobFrom} WHERE ${where} ORDER BY j.created_at DESC, j.id DESC LIMIT $7 OFFSET $8`,
    [...params, f.today, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** One job (no scope check: the service checks its org's path); `lock` takes it FOR UPDATE. */
export async function findJob(q: Queryable, id: number, today: string, lock = false): Promise<JobRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM job WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<JobRow>(`SELECT ${columnsWithDay(2)} ${jobFrom} WHERE j.id = $1`, [id, today]);
  return row;
}

/** The open, unexpired jobs a member may see: published by their union or one above it (memberInReach). */
export async function findJobsInReach(q: Queryable, memberPath: string, f: { fairId?: number | undefined; q?: string | undefined; today: string; limit: number; offset: number }) {
  const where = `${memberInReach('o.path', '$1::ltree')} AND j.status = 'open' AND j.valid_until >= $2::date
    AND ($3::bigint IS NULL OR j.fair_id = $3) AND ($4::text IS NULL OR j.title LIKE $4 OR j.employer_name LIKE $4)`;
  const params = [memberPath, f.today, f.fairId ?? null, f.q ? likePattern(f.q) : null];
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM job j JOIN org o ON o.id = j.org_id WHERE ${where}`, params);
  const items = await q.query<JobRow>(
    `SELECT ${columnsWithDay(2)} ${jobFrom} WHERE ${where} ORDER BY j.valid_until, j.id DESC LIMIT $5 OFFSET $6`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** The member's own org path (their union). */
export async function findMemberOrgPath(q: Queryable, memberId: number): Promise<string | undefined> {
  const [r] = await q.query<{ path: string }>(`SELECT o.path::text AS path FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [memberId]);
  return r?.path;
}

/** One open, unexpired job in the member's reach. */
export async function findJobInReach(q: Queryable, memberPath: string, id: number, today: string): Promise<JobRow | undefined> {
  const [row] = await q.query<JobRow>(
    `SELECT ${columnsWithDay(3)} ${jobFrom} WHERE j.id = $1 AND ${memberInReach('o.path', '$2::ltree')} AND j.status = 'open' AND j.valid_until >= $3::date`,
    [id, memberPath, today],
  );
  return row;
}

export interface JobSkillRow {
  jobId: number;
  skillId: number;
  code: string;
  name: string;
  minLevel: number;
  essential: boolean;
}

export async function findJobSkills(q: Queryable, jobIds: readonly number[]): Promise<JobSkillRow[]> {
  if (jobIds.length === 0) return [];
  return q.query<JobSkillRow>(
    `SELECT js.job_id::int AS "jobId", s.id::int AS "skillId", s.code, s.name, js.min_level AS "minLevel", js.essential
       FROM job_skill js JOIN skill s ON s.id = js.skill_id WHERE js.job_id = ANY($1::bigint[])
      ORDER BY js.job_id, js.essential DESC, js.min_level DESC, s.code`,
    [jobIds],
  );
}

export interface JobInsert {
  orgId: number;
  enterpriseId: number | null;
  employerName: string;
  title: string;
  occupationId: number | null;
  townId: number;
  lat: number | null;
  lng: number | null;
  address: string;
  wageMin: number;
  wageMax: number;
  wageUnit: string;
  shift: string;
  employment: string;
  headcount: number;
  validUntil: string;
  contactNameEnc: Buffer | null;
  contactNameMasked: string | null;
  contactPhoneEnc: Buffer | null;
  contactPhoneMasked: string | null;
  fairId: number | null;
  createdBy: number;
}

export async function insertJob(q: Queryable, j: JobInsert): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO job (org_id, enterprise_id, employer_name, title, occupation_id, town_org_id, lat, lng, address, wage_min_yuan, wage_max_yuan,
                      wage_unit, shift, employment, headcount, valid_until, contact_name_enc, contact_name_masked, contact_phone_enc,
                      contact_phone_masked, fair_id, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22) RETURNING id::int AS id`,
    [j.orgId, j.enterpriseId, j.employerName, j.title, j.occupationId, j.townId, j.lat, j.lng, j.address, j.wageMin, j.wageMax, j.wageUnit, j.shift,
      j.employment, j.headcount, j.validUntil, j.contactNameEnc, j.contactNameMasked, j.contactPhoneEnc, j.contactPhoneMasked, j.fairId, j.createdBy],
  );
  return row!.id;
}

/** Writes the fields given (the service has checked them all together). */
export async function updateJob(q: Queryable, id: number, p: Partial<Omit<JobInsert, 'orgId' | 'enterpriseId' | 'employerName' | 'fairId' | 'createdBy'>>): Promise<void> {
  const columns: Record<string, string> = {
    title: 'title', occupationId: 'occupation_id', townId: 'town_org_id', lat: 'lat', lng: 'lng', address: 'address', wageMin: 'wage_min_yuan',
    wageMax: 'wage_max_yuan', wageUnit: 'wage_unit', shift: 'shift', employment: 'employment', headcount: 'headcount', validUntil: 'valid_until',
    contactNameEnc: 'contact_name_enc', contactNameMasked: 'contact_name_masked', contactPhoneEnc: 'contact_phone_enc', contactPhoneMasked: 'contact_phone_masked',
  };
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [k, v] of Object.entries(p)) {
    const col = columns[k];
    if (!col || v === undefined) continue;
    params.push(v);
    sets.push(`${col} = $${params.length}`);
  }
  if (sets.length === 0) return;
  await q.query(`UPDATE job SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
}

export async function replaceJobSkills(q: Queryable, jobId: number, skills: readonly { skillId: number; minLevel: number; essential: boolean }[]): Promise<void> {
  await q.query(`DELETE FROM job_skill WHERE job_id = $1`, [jobId]);
  if (skills.length === 0) return;
  await q.query(
    `INSERT INTO job_skill (job_id, skill_id, min_level, essential)
     SELECT $1, s, l, e FROM unnest($2::bigint[], $3::smallint[], $4::boolean[]) AS x(s, l, e)`,
    [jobId, skills.map((s) => s.skillId), skills.map((s) => s.minLevel), skills.map((s) => s.essential)],
  );
}

export async function setJobStatus(q: Queryable, id: number, status: 'closed' | 'withdrawn', reason: string): Promise<void> {
  await q.query(`UPDATE job SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1`, [id, status, reason]);
}

export async function findJobContact(q: Queryable, id: number) {
  const [row] = await q.query<{ nameEnc: Buffer | null; phoneEnc: Buffer | null }>(
    `SELECT contact_name_enc AS "nameEnc", contact_phone_enc AS "phoneEnc" FROM job WHERE id = $1`,
    [id],
  );
  return row;
}

// ── places: a town of the publishing union's area ──────────────────────────────────────────────

/**
 * Whether `townId` is a town of the area of the union at `orgPath`: a town in its subtree (a town's
 * own, a county's), or the town above it (an employer's union publishes in its own town).
 */
export async function isTownInArea(q: Queryable, orgPath: OrgPath, townId: number): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM org t WHERE t.id = $1 AND t.level = 'town' AND (${withinSubtree('t.path', 2)} OR ${containing('t.path', '$2::ltree')})`,
    [townId, orgPath],
  );
  return rows.length > 0;
}

/** The towns of a union's area by name (its subtree's, and the one above it), for the import. */
export async function findTownsOfArea(q: Queryable, orgPath: OrgPath): Promise<{ id: number; name: string }[]> {
  return q.query<{ id: number; name: string }>(
    `SELECT id::int AS id, name FROM org t WHERE t.level = 'town' AND t.status = 'active' AND (${withinSubtree('t.path', 1)} OR ${containing('t.path', '$1::ltree')}) ORDER BY id`,
    [orgPath],
  );
}

// ── the taxonomy ──────────────────────────────────────────────────────────────────────────────

export interface SkillRow {
  id: number;
  code: string;
  name: string;
  rank: 'major' | 'middle' | 'minor' | 'occupation' | 'free';
}

/** Active skills by id (the ones that exist). */
export async function findSkills(q: Queryable, ids: readonly number[]): Promise<SkillRow[]> {
  if (ids.length === 0) return [];
  return q.query<SkillRow>(`SELECT id::int AS id, code, name, rank FROM skill WHERE id = ANY($1::bigint[]) AND is_active`, [ids]);
}

/** Active skills by code or name (the import's 职业编码 and 技能要求). */
export async function findSkillsByCodeOrName(q: Queryable, keys: readonly string[]): Promise<SkillRow[]> {
  if (keys.length === 0) return [];
  return q.query<SkillRow>(
    `SELECT id::int AS id, code, name, rank FROM skill WHERE is_active AND (code = ANY($1::text[]) OR name = ANY($1::text[]) OR synonyms && $1::text[]) ORDER BY id`,
    [keys],
  );
}

// ── idempotency ───────────────────────────────────────────────────────────────────────────────

export async function findRequest(q: Queryable, staffId: number, key: string): Promise<{ answer: string; hash: string } | undefined> {
  const [row] = await q.query<{ answer: string; hash: string }>(
    `SELECT answer, encode(request_hash, 'hex') AS hash FROM job_request WHERE staff_id = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return row;
}

export async function insertRequest(q: Queryable, r: { staffId: number; key: string; hash: Buffer; answer: string }): Promise<void> {
  await q.query(`INSERT INTO job_request (staff_id, idem_key, request_hash, answer) VALUES ($1, $2, $3, $4)`, [r.staffId, r.key, r.hash, r.answer]);
}
