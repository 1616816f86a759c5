// What routing needs to know: enterprises, their unions and towns, industry federations. SQL only.
import type { Queryable } from '../../db/client.ts';
import { containing } from '../../http/scope.ts';

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
  /** Whether the union the worker would join (the employer's, else the town's) approves at once. */
  autoApprove: boolean;
}

const enterpriseColumns = `e.id, e.name, e.credit_code AS "creditCode", e.town_org_id AS "townOrgId", t.name AS "townName",
  t.path::text AS "townPath", e.union_org_id AS "unionOrgId", u.name AS "unionName", u.status AS "unionStatus",
  u.path::text AS "unionPath",
  CASE WHEN u.status = 'active' THEN u.auto_approve ELSE t.auto_approve END AS "autoApprove"`;
const enterpriseFrom = `enterprise e JOIN org t ON t.id = e.town_org_id LEFT JOIN org u ON u.id = e.union_org_id`;

/** Names compare without blanks, brackets' width or case: 曲江万华禾香板业(韶关)有限公司 = …（韶关）… */
export function enterpriseNameKey(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').replace(/[()（）]/g, (c) => (c === '(' || c === '（' ? '(' : ')')).toLowerCase();
}

export async function findEnterpriseByCreditCode(q: Queryable, code: string): Promise<EnterpriseRow | undefined> {
  const rows = await q.query<EnterpriseRow>(`SELECT ${enterpriseColumns} FROM ${enterpriseFrom} WHERE e.credit_code = $1`, [code]);
  return rows[0];
}

/** The employer with this id, with its town and union, or undefined. */
export async function findEnterpriseById(q: Queryable, id: number): Promise<EnterpriseRow | undefined> {
  const rows = await q.query<EnterpriseRow>(`SELECT ${enterpriseColumns} FROM ${enterpriseFrom} WHERE e.id = $1`, [id]);
  return rows[0];
}

/** A page of employers whose name contains the text, shortest names first, with how many match. */
export async function suggestEnterprises(
  q: Queryable,
  pairs: string[],
  like: string,
  limit: number,
  offset = 0,
): Promise<{ items: EnterpriseRow[]; total: number }> {
  const where = `e.name_bigrams @> $1::text[] AND e.name ILIKE $2`;
  const rows = await q.query<EnterpriseRow & { total: number }>(
    `SELECT ${enterpriseColumns}, count(*) OVER ()::int AS total FROM ${enterpriseFrom}
      WHERE ${where} ORDER BY char_length(e.name), e.name, e.id LIMIT $3 OFFSET $4`,
    [pairs, like, limit, offset],
  );
  if (rows.length > 0 || offset === 0) return { items: rows.map(({ total: _t, ...e }) => e), total: rows[0]?.total ?? 0 };
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise e WHERE ${where}`, [pairs, like]);
  return { items: [], total: c?.n ?? 0 };
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
  autoApprove: boolean;
  /** For a place of work: whether towns (or counties) are open below it — an area covered online. */
  hasTowns?: boolean;
}

/** Whether the org has active counties or towns below it (the place picker's hasChildren). */
const hasTownsOf = (o: string) =>
  `EXISTS (SELECT 1 FROM org c WHERE c.parent_id = ${o}.id AND c.level IN ('county', 'town') AND c.status = 'active')`;

const orgColumns = (o: string) =>
  `${o}.id, ${o}.name, ${o}.path::text AS path, ${o}.level, ${o}.status, ${o}.auto_approve AS "autoApprove"`;

/**
 * In one round trip: the enterprise known by that name (if any) and the org the worker named as the
 * place of work (if any) — what routing by an employer's name needs.
 */
export async function findEnterpriseByNameAndPlace(
  q: Queryable,
  name: string,
  placeId: number | null,
): Promise<{ enterprise: EnterpriseRow | undefined; place: OrgRow | undefined }> {
  const [r] = await q.query<{ enterprise: EnterpriseRow | null; place: OrgRow | null }>(
    `SELECT (SELECT row_to_json(x) FROM (SELECT ${enterpriseColumns} FROM ${enterpriseFrom} WHERE e.name_key = $1) x) AS enterprise,
            (SELECT row_to_json(y) FROM (SELECT ${orgColumns('o')}, ${hasTownsOf('o')} AS "hasTowns" FROM org o WHERE o.id = $2) y) AS place`,
    [enterpriseNameKey(name), placeId],
  );
  return { enterprise: r?.enterprise ?? undefined, place: r?.place ?? undefined };
}

/**
 * In one round trip: the org the worker named as the place of work and, for an industry, the
 * industry federation (工联会 of an industry or platform) nearest to it: among the place's ancestors
 * from its city down, the deepest one that has such a federation directly below it. Only
 * federations within the same city count (hosts at level 2 or deeper).
 */
export async function findPlaceAndFederation(
  q: Queryable,
  placeId: number,
  industry: string | null,
): Promise<{ place: OrgRow | undefined; federation: OrgRow | undefined }> {
  const [r] = await q.query<{ place: OrgRow | null; federation: OrgRow | null }>(
    `SELECT json_build_object('id', p.id, 'name', p.name, 'path', p.path, 'level', p.level, 'status', p.status, 'autoApprove', p."autoApprove", 'hasTowns', p."hasTowns") AS place,
            (SELECT row_to_json(f) FROM (
               SELECT ${orgColumns('fo')}
                 FROM org fo JOIN org host ON host.id = fo.parent_id
                WHERE $2::text IS NOT NULL AND fo.kind = 'federation' AND fo.federation_type IN ('industry', 'platform')
                  AND fo.status = 'active' AND fo.industry = $2
                  AND ${containing('host.path', 'p.ltree')} AND nlevel(host.path) >= 2
                ORDER BY nlevel(host.path) DESC, fo.id LIMIT 1) f) AS federation
       FROM (SELECT ${orgColumns('o')}, ${hasTownsOf('o')} AS "hasTowns", o.path AS ltree FROM org o WHERE o.id = $1) p`,
    [placeId, industry],
  );
  return { place: r?.place ?? undefined, federation: r?.federation ?? undefined };
}
