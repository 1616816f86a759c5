// What routing needs to know: enterprises, their unions and towns, industry federations. SQL only.
import type { Queryable } from '../../db/client.ts';

export interface EnterpriseRow {
  id: number;
  name: string;
  creditCode: string | null;
  townOrgId: number;
  townName: string;
  townPath: string;
  unionOrgId: number | null;
  unionName: string | null;
  unionStatus: string | null;
  unionPath: string | null;
}

const enterpriseColumns = `e.id, e.name, e.credit_code AS "creditCode", e.town_org_id AS "townOrgId", t.name AS "townName",
  t.path::text AS "townPath", e.union_org_id AS "unionOrgId", u.name AS "unionName", u.status AS "unionStatus",
  u.path::text AS "unionPath"`;
const enterpriseFrom = `enterprise e JOIN org t ON t.id = e.town_org_id LEFT JOIN org u ON u.id = e.union_org_id`;

/** Names compare without blanks, brackets' width or case: 曲江万华禾香板业(韶关)有限公司 = …（韶关）… */
export function enterpriseNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[()（）]/g, (c) => (c === '(' || c === '（' ? '(' : ')')).toLowerCase();
}

export async function findEnterpriseByCreditCode(q: Queryable, code: string): Promise<EnterpriseRow | undefined> {
  const rows = await q.query<EnterpriseRow>(`SELECT ${enterpriseColumns} FROM ${enterpriseFrom} WHERE e.credit_code = $1`, [code]);
  return rows[0];
}

export async function findEnterpriseByName(q: Queryable, name: string): Promise<EnterpriseRow | undefined> {
  const rows = await q.query<EnterpriseRow>(`SELECT ${enterpriseColumns} FROM ${enterpriseFrom} WHERE e.name_key = $1`, [
    enterpriseNameKey(name),
  ]);
  return rows[0];
}

export async function suggestEnterprises(q: Queryable, pairs: string[], like: string, limit: number): Promise<EnterpriseRow[]> {
  return q.query<EnterpriseRow>(
    `SELECT ${enterpriseColumns} FROM ${enterpriseFrom}
      WHERE e.name_bigrams @> $1::text[] AND e.name ILIKE $2
      ORDER BY char_length(e.name), e.name LIMIT $3`,
    [pairs, like, limit],
  );
}

/** Records an employer the platform did not know, under the town where the worker works. */
export async function insertEnterprise(
  q: Queryable,
  e: { name: string; creditCode: string | null; townOrgId: number; unionOrgId?: number | null; industry?: string | null },
): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO enterprise (name, name_key, credit_code, town_org_id, union_org_id, industry)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (name_key) DO UPDATE SET credit_code = coalesce(enterprise.credit_code, EXCLUDED.credit_code)
     RETURNING id`,
    [e.name, enterpriseNameKey(e.name), e.creditCode, e.townOrgId, e.unionOrgId ?? null, e.industry ?? null],
  );
  return r!.id;
}

export interface OrgRow {
  id: number;
  name: string;
  path: string;
  level: string;
  status: string;
}

export async function getOrgRow(q: Queryable, id: number): Promise<OrgRow | undefined> {
  const rows = await q.query<OrgRow>(`SELECT id, name, path::text AS path, level, status FROM org WHERE id = $1`, [id]);
  return rows[0];
}

/**
 * The industry federation (工联会 of an industry or platform) for an industry nearest to a place:
 * among the place's ancestors up to its city, the deepest one that has such a federation below it
 * directly. Only federations within the same city count.
 */
export async function findIndustryFederation(q: Queryable, placePath: string, industry: string): Promise<OrgRow | undefined> {
  const rows = await q.query<OrgRow>(
    `SELECT f.id, f.name, f.path::text AS path, f.level, f.status
       FROM org f
       JOIN org host ON host.id = f.parent_id
      WHERE f.kind = 'federation' AND f.federation_type IN ('industry', 'platform') AND f.status = 'active'
        AND f.industry = $2
        AND host.path @> $1::ltree AND nlevel(host.path) >= 2
      ORDER BY nlevel(host.path) DESC, f.id LIMIT 1`,
    [placePath, industry],
  );
  return rows[0];
}
