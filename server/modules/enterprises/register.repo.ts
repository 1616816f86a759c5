// SQL of the register of employers (企业档案): the list and the export (employers in the scope by their
// town or their union, merged duplicates left out), adding one, the import's lookups, the merge mark.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { ENTERPRISE_SCOPED_FROM, enterpriseScopeFilter } from './access.service.ts';
import { fileAlertCondition, type FileAlertRule } from './alerts.repo.ts';

export interface RegisterRow {
  id: number;
  name: string;
  creditCode: string | null;
  townId: number;
  townName: string;
  unionId: number | null;
  unionName: string | null;
  unionCoverage: 'own' | 'joint' | null;
  industrySection: string | null;
  industry: string | null;
  ownership: string | null;
  employees: number | null;
  employeesAsOf: string | null;
  memberCount: number;
  membershipRate: number | null;
  source: string;
}

export interface RegisterFilter {
  /** an 18-character credit code, looked up as is */
  code?: string | undefined;
  /** the name's character pairs and LIKE pattern (two characters or more) */
  pairs?: string[] | undefined;
  like?: string | undefined;
  /** a subtree read through the gate */
  under?: OrgPath | undefined;
  hasUnion?: boolean | undefined;
  section?: string | undefined;
  ownership?: string | undefined;
  /** a workbench alert, with its days */
  alert?: FileAlertRule | undefined;
  sort: 'name' | 'membershipRate' | 'employees';
}

const RATE = `CASE WHEN e.employees > 0 THEN e.member_count::float8 / e.employees END`;

const COLUMNS = `e.id::int AS id, e.name, e.credit_code AS "creditCode", t.id::int AS "townId", t.name AS "townName",
  u.id::int AS "unionId", u.name AS "unionName", e.union_coverage AS "unionCoverage", e.industry_section AS "industrySection",
  e.industry, e.ownership, e.employees, to_char(e.employees_as_of, 'YYYY-MM-DD') AS "employeesAsOf",
  e.member_count AS "memberCount", ${RATE} AS "membershipRate", e.source`;

const ORDER = {
  name: `e.name, e.id`,
  membershipRate: `${RATE} ASC NULLS LAST, e.name, e.id`,
  employees: `e.employees DESC NULLS LAST, e.name, e.id`,
} as const;

function conditions(scope: Scope, f: RegisterFilter): { where: string; params: unknown[] } {
  const params: unknown[] = [scope.path];
  const where = ['e.merged_into IS NULL', enterpriseScopeFilter(1)];
  const add = (v: unknown) => {
    params.push(v);
    return params.length;
  };
  if (f.code !== undefined) where.push(`e.credit_code = $${add(f.code)}`);
  if (f.pairs !== undefined && f.pairs.length > 0) where.push(`e.name_bigrams @> $${add(f.pairs)}::text[]`);
  if (f.like !== undefined) where.push(`e.name ILIKE $${add(f.like)}`);
  if (f.under !== undefined) {
    const p = add(f.under);
    where.push(`(${withinSubtree('t.path', p)} OR ${withinSubtree('u.path', p)})`);
  }
  if (f.hasUnion === true) where.push('e.union_org_id IS NOT NULL');
  if (f.hasUnion === false) where.push('e.union_org_id IS NULL');
  if (f.section !== undefined) where.push(`e.industry_section = $${add(f.section)}`);
  if (f.ownership !== undefined) where.push(`e.ownership = $${add(f.ownership)}`);
  if (f.alert !== undefined) where.push(fileAlertCondition(f.alert, add));
  return { where: where.join(' AND '), params };
}

/** A page of employers in the scope, with how many match. */
export async function findRegister(q: Queryable, scope: Scope, f: RegisterFilter, limit: number, offset: number): Promise<{ items: RegisterRow[]; total: number }> {
  const { where, params } = conditions(scope, f);
  const n = params.length;
  const rows = await q.query<RegisterRow & { total: number }>(
    `SELECT ${COLUMNS}, count(*) OVER ()::int AS total FROM ${ENTERPRISE_SCOPED_FROM}
      WHERE ${where} ORDER BY ${ORDER[f.sort]} LIMIT $${n + 1} OFFSET $${n + 2}`,
    [...params, limit, offset],
  );
  if (rows.length > 0 || offset === 0) return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ENTERPRISE_SCOPED_FROM} WHERE ${where}`, params);
  return { items: [], total: c?.n ?? 0 };
}

/** How many employers of the scope match (the workbench's alert counts). */
export async function countRegister(q: Queryable, scope: Scope, f: Omit<RegisterFilter, 'sort'>): Promise<number> {
  const { where, params } = conditions(scope, { ...f, sort: 'name' });
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${ENTERPRISE_SCOPED_FROM} WHERE ${where}`, params);
  return c!.n;
}

/** Every matching employer of the scope (the export), at most `limit`. */
export async function findRegisterAll(q: Queryable, scope: Scope, f: RegisterFilter, limit: number): Promise<RegisterRow[]> {
  const { where, params } = conditions(scope, f);
  return q.query<RegisterRow>(
    `SELECT ${COLUMNS} FROM ${ENTERPRISE_SCOPED_FROM} WHERE ${where} ORDER BY ${ORDER[f.sort]} LIMIT $${params.length + 1}`,
    [...params, limit],
  );
}

/** One employer's row (already known to be in the scope, or just written). */
export async function findRegisterRow(q: Queryable, id: number): Promise<RegisterRow | undefined> {
  const [r] = await q.query<RegisterRow>(`SELECT ${COLUMNS} FROM ${ENTERPRISE_SCOPED_FROM} WHERE e.id = $1`, [id]);
  return r;
}

/** Who holds a credit code or a name key already: the employer (id, name, town path, union path). */
export interface Holder {
  id: number;
  name: string;
  townPath: string;
  unionPath: string | null;
}

export async function findHolders(q: Queryable, by: { codes: string[]; nameKeys: string[] }): Promise<(Holder & { creditCode: string | null; nameKey: string })[]> {
  return q.query(
    `SELECT e.id::int AS id, e.name, e.credit_code AS "creditCode", e.name_key AS "nameKey", t.path::text AS "townPath", u.path::text AS "unionPath"
       FROM ${ENTERPRISE_SCOPED_FROM}
      WHERE e.credit_code = ANY($1::text[]) OR e.name_key = ANY($2::text[])`,
    [by.codes, by.nameKeys],
  );
}

/**
 * Inserts the employer's row (its first facts then fill the current columns). The name and code are
 * written here too, as the identity fact will: the UNIQUE name_key and credit_code meet a racing twin.
 */
export async function insertEnterprise(q: Queryable, e: { name: string; nameKey: string; creditCode: string | null; townOrgId: number; source: 'staff' | 'import' }): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO enterprise (name, name_key, credit_code, town_org_id, source) VALUES ($1, $2, $3, $4, $5) RETURNING id::int AS id`,
    [e.name, e.nameKey, e.creditCode, e.townOrgId, e.source],
  );
  return r!.id;
}

/** The towns (镇街) of the scope: id, name, path. */
export async function findTowns(q: Queryable, scope: Scope): Promise<{ id: number; name: string; path: string }[]> {
  return q.query(`SELECT id::int AS id, name, path::text AS path FROM org WHERE level = 'town' AND status = 'active' AND path <@ $1::ltree ORDER BY id`, [scope.path]);
}

/** The town (level town, active) with this id, its path — or undefined. */
export async function findTown(q: Queryable, id: number): Promise<{ id: number; path: string; name: string } | undefined> {
  const [r] = await q.query<{ id: number; path: string; name: string }>(
    `SELECT id::int AS id, path::text AS path, name FROM org WHERE id = $1 AND level = 'town' AND status = 'active'`,
    [id],
  );
  return r;
}

/** The identity facts a staff account recorded under an Idempotency-Key (key, or key:row for an import). */
export async function findIdemFacts(q: Queryable, staffId: number, key: string): Promise<{ enterpriseId: number; idemKey: string; hash: string }[]> {
  return q.query(
    `SELECT enterprise_id::int AS "enterpriseId", idem_key AS "idemKey", encode(request_hash, 'hex') AS hash
       FROM enterprise_fact WHERE recorded_by = $1 AND (idem_key = $2 OR left(idem_key, $3) = $4) AND kind = 'identity'`,
    [staffId, key, key.length + 1, `${key}:`],
  );
}

/** Marks the duplicate as merged into the kept one. */
export async function markMerged(q: Queryable, fromId: number, intoId: number): Promise<void> {
  await q.query(`UPDATE enterprise SET merged_into = $2, updated_at = now() WHERE id = $1`, [fromId, intoId]);
}

/** Locks both employers' rows (in id order) and answers their merge marks and current union and size. */
export async function lockPair(q: Queryable, a: number, b: number): Promise<{ id: number; mergedInto: number | null; unionOrgId: number | null; unionCoverage: string | null; employees: number | null; employeesAsOf: string | null }[]> {
  return q.query(
    `SELECT id::int AS id, merged_into::int AS "mergedInto", union_org_id::int AS "unionOrgId", union_coverage AS "unionCoverage",
            employees, to_char(employees_as_of, 'YYYY-MM-DD') AS "employeesAsOf"
       FROM enterprise WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
    [[a, b]],
  );
}
