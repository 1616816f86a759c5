// SQL of who may see and edit an employer's file (access.service.ts).
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';

export interface EnterpriseRef {
  id: number;
  name: string;
  creditCode: string | null;
  townOrgId: number;
  townPath: string;
  townName: string;
  unionOrgId: number | null;
  unionPath: string | null;
  unionName: string | null;
  mergedInto: number | null;
}

/**
 * SQL condition: the employer (alias `e`, with its town joined as `t` and its union as `u`) is in the
 * scope — its town or its union lies under the scope's root (`param`: the placeholder of scope.path).
 */
export function enterpriseScopeFilter(param: number): string {
  return `(${scopeFilter('t.path', param)} OR ${scopeFilter('u.path', param)})`;
}

export const ENTERPRISE_SCOPED_FROM = `enterprise e JOIN org t ON t.id = e.town_org_id LEFT JOIN org u ON u.id = e.union_org_id`;

export async function findEnterpriseInScope(q: Queryable, scope: Scope, id: number): Promise<EnterpriseRef | undefined> {
  const [row] = await q.query<EnterpriseRef>(
    `SELECT e.id::int AS id, e.name, e.credit_code AS "creditCode", e.town_org_id::int AS "townOrgId", t.path::text AS "townPath",
            t.name AS "townName", e.union_org_id::int AS "unionOrgId", u.path::text AS "unionPath", u.name AS "unionName",
            e.merged_into::int AS "mergedInto"
       FROM ${ENTERPRISE_SCOPED_FROM}
      WHERE e.id = $1 AND ${enterpriseScopeFilter(2)}`,
    [id, scope.path],
  );
  return row;
}

/** The live employers of the scope with exactly these names (a name held by two employers is left out: ambiguous). */
export async function findEnterprisesByNameInScope(q: Queryable, scope: Scope, names: readonly string[]): Promise<{ id: number; name: string }[]> {
  if (names.length === 0) return [];
  return q.query<{ id: number; name: string }>(
    `SELECT min(e.id)::int AS id, e.name
       FROM ${ENTERPRISE_SCOPED_FROM}
      WHERE e.name = ANY($1::text[]) AND e.merged_into IS NULL AND ${enterpriseScopeFilter(2)}
      GROUP BY e.name HAVING count(*) = 1`,
    [names, scope.path],
  );
}

/**
 * The employer whose file a union's facts belong to: the one it covers alone (coverage own) first,
 * else the first it covers jointly — with how many live employers it covers; undefined for none.
 */
export async function findEnterpriseOfUnion(q: Queryable, unionOrgId: number): Promise<{ id: number; name: string; employers: number } | undefined> {
  const [row] = await q.query<{ id: number; name: string; employers: number }>(
    `SELECT e.id::int AS id, e.name, count(*) OVER ()::int AS employers
       FROM enterprise e
      WHERE e.union_org_id = $1 AND e.merged_into IS NULL
      ORDER BY (e.union_coverage = 'own') DESC NULLS LAST, e.id
      LIMIT 1`,
    [unionOrgId],
  );
  return row;
}
