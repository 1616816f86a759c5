// The union tree: SQL only. Every read names the scope; ltree does the subtree arithmetic.
import type { Queryable } from '../../db/client.ts';
import { sqlConditions } from '../../db/conditions.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { containing, scopeFilter, within, withinSubtree } from '../../http/scope.ts';
import type { OrgDetail, OrgSummary } from '../../../contracts/orgs.ts';
import { bigramsOf, likePattern } from '../../http/search.ts';

const summaryColumns = (scopeParam: number) => `
  o.id, CASE WHEN o.path = $${scopeParam}::ltree THEN NULL ELSE o.parent_id END AS "parentId",
  CASE WHEN o.path = $${scopeParam}::ltree THEN NULL ELSE (SELECT p.name FROM org p WHERE p.id = o.parent_id) END AS "parentName",
  o.name, o.level, o.kind, o.federation_type AS "federationType", o.status,
  (SELECT count(*) FILTER (WHERE c.status = 'active')::int FROM org c WHERE c.parent_id = o.id) AS "childCount",
  (SELECT count(*) FILTER (WHERE c.status = 'closed')::int FROM org c WHERE c.parent_id = o.id) AS "closedChildCount",
  (SELECT coalesce(sum(r.members), 0)::int FROM org_rollup r WHERE r.org_id = o.id) AS "memberCount"`;

export async function getOrgSummary(q: Queryable, scope: Scope, id: number): Promise<OrgSummary | undefined> {
  const rows = await q.query<OrgSummary>(
    `SELECT ${summaryColumns(2)} FROM org o WHERE o.id = $1 AND ${scopeFilter('o.path', 2)}`,
    [id, scope.path],
  );
  return rows[0];
}

interface DetailRow extends OrgSummary {
  regionCode: string | null;
  industry: string | null;
  creditCode: string | null;
  chairName: string | null;
  foundedOn: string | null;
  closedOn: string | null;
  closedReason: string | null;
  directMemberCount: number;
  orgCount: number;
  createdAt: Date | string;
  updatedAt: Date | string;
  path: string;
}

export async function getOrgDetail(q: Queryable, scope: Scope, id: number): Promise<Omit<OrgDetail, 'enterprise'> | undefined> {
  const rows = await q.query<DetailRow>(
    `SELECT ${summaryColumns(2)}, o.region_code AS "regionCode", o.industry, o.credit_code AS "creditCode",
            o.chair_name AS "chairName", o.founded_on::text AS "foundedOn", o.closed_on::text AS "closedOn",
            o.closed_reason AS "closedReason", o.member_count AS "directMemberCount",
            (SELECT count(*)::int FROM org d WHERE ${within('d.path', 'o.path')}) AS "orgCount",
            o.created_at AS "createdAt", o.updated_at AS "updatedAt", o.path::text AS path
       FROM org o WHERE o.id = $1 AND ${scopeFilter('o.path', 2)}`,
    [id, scope.path],
  );
  const r = rows[0];
  if (!r) return undefined;
  const ancestors = await q.query<{ id: number; name: string }>(
    `SELECT id, name FROM org
      WHERE ${containing('path', '$1::ltree')} AND ${scopeFilter('path', 2)} AND id <> $3
      ORDER BY nlevel(path)`,
    [r.path, scope.path, id],
  );
  const { path: _, ...rest } = r;
  return {
    ...rest,
    createdAt: new Date(r.createdAt).toISOString(),
    updatedAt: new Date(r.updatedAt).toISOString(),
    ancestors,
  };
}

export async function findChildren(
  q: Queryable,
  scope: Scope,
  parentId: number,
  f: { status: 'active' | 'closed' | 'all'; limit: number; offset: number },
): Promise<{ items: OrgSummary[]; total: number }> {
  const statusSql = f.status === 'all' ? '' : `AND o.status = '${f.status === 'closed' ? 'closed' : 'active'}'`;
  const [c] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM org o WHERE o.parent_id = $1 AND ${scopeFilter('o.path', 2)} ${statusSql}`,
    [parentId, scope.path],
  );
  const items = await q.query<OrgSummary>(
    `SELECT ${summaryColumns(2)} FROM org o
      WHERE o.parent_id = $1 AND ${scopeFilter('o.path', 2)} ${statusSql}
      ORDER BY o.name_pinyin, o.id LIMIT $3 OFFSET $4`,
    [parentId, scope.path, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

export async function searchOrgs(
  q: Queryable,
  scope: Scope,
  f: {
    text?: string | undefined;
    underPath?: OrgPath | undefined;
    level?: string | undefined;
    kind?: string | undefined;
    status: 'active' | 'closed' | 'all';
    limit: number;
    offset: number;
  },
): Promise<{ items: OrgSummary[]; total: number }> {
  const { params, where, add } = sqlConditions([scope.path], [scopeFilter('o.path', 1)]);
  if (f.underPath) add(f.underPath, (p) => within('o.path', `${p}::ltree`));
  if (f.text) {
    // Pairs of characters narrow by the GIN index (2-character Chinese queries have no trigram);
    // LIKE, served by the trigram index for longer queries, keeps only true substrings.
    const pairs = bigramsOf(f.text);
    if (pairs.length > 0) add(pairs, (p) => `o.name_bigrams @> ${p}::text[]`);
    add(likePattern(f.text), (p) => `o.name ILIKE ${p}`);
  }
  if (f.level) add(f.level, (p) => `o.level = ${p}`);
  if (f.kind) add(f.kind, (p) => `o.kind = ${p}`);
  if (f.status !== 'all') add(f.status, (p) => `o.status = ${p}`);
  const w = where.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM org o WHERE ${w}`, params);
  const items = await q.query<OrgSummary>(
    `SELECT ${summaryColumns(1)} FROM org o WHERE ${w}
      ORDER BY nlevel(o.path), o.name_pinyin, o.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

export async function nextOrgId(q: Queryable): Promise<number> {
  const [r] = await q.query<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('org', 'id'))::bigint AS id`);
  return r!.id;
}

export interface NewOrg {
  id: number;
  parentId: number | null;
  path: string;
  name: string;
  namePinyin: string;
  level: string;
  kind: string;
  federationType?: string | null | undefined;
  regionCode?: string | null | undefined;
  industry?: string | null | undefined;
  creditCode?: string | null | undefined;
  chairName?: string | null | undefined;
  foundedOn?: string | null | undefined;
}

export async function insertOrg(q: Queryable, o: NewOrg): Promise<void> {
  await q.query(
    `INSERT INTO org (id, parent_id, path, name, name_pinyin, level, kind, federation_type, region_code,
                      industry, credit_code, chair_name, founded_on)
     VALUES ($1, $2, $3::ltree, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      o.id,
      o.parentId,
      o.path,
      o.name,
      o.namePinyin,
      o.level,
      o.kind,
      o.federationType ?? null,
      o.regionCode ?? null,
      o.industry ?? null,
      o.creditCode ?? null,
      o.chairName ?? null,
      o.foundedOn ?? null,
    ],
  );
}

const updatable = {
  name: 'name',
  namePinyin: 'name_pinyin',
  kind: 'kind',
  federationType: 'federation_type',
  regionCode: 'region_code',
  industry: 'industry',
  creditCode: 'credit_code',
  chairName: 'chair_name',
  foundedOn: 'founded_on',
} as const;

export async function updateOrg(
  q: Queryable,
  id: number,
  patch: Partial<Record<keyof typeof updatable, string | null>>,
): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  for (const [key, column] of Object.entries(updatable)) {
    const v = patch[key as keyof typeof updatable];
    if (v === undefined) continue;
    params.push(v);
    sets.push(`${column} = $${params.length}`);
  }
  if (sets.length === 0) return;
  await q.query(`UPDATE org SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
}

/** Locks the rows of two orgs for a structural change (move, close). */
export async function lockOrgs(q: Queryable, ids: number[]): Promise<{ id: number; path: string; level: string; status: string }[]> {
  return q.query(
    `SELECT id, path::text AS path, level, status FROM org WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`,
    [ids],
  );
}

/**
 * Rewrites the paths of a whole subtree under a new parent; returns how many orgs moved. The
 * subtree's members leave the totals of its old ancestors and join those of its new ones.
 */
export async function moveSubtree(q: Queryable, id: number, oldPath: string, newParentId: number, newParentPath: string): Promise<number> {
  await q.query(
    `WITH moving AS (SELECT coalesce(sum(members), 0)::int AS n FROM org_rollup WHERE org_id = $1),
          changes AS (
            SELECT a.id, -m.n AS delta FROM org a, moving m WHERE ${containing('a.path', '$2::ltree')} AND a.path <> $2::ltree
            UNION ALL
            SELECT a.id, m.n FROM org a, moving m WHERE ${containing('a.path', '$3::ltree')})
     INSERT INTO org_rollup (org_id, slot, members)
     SELECT id, 0, sum(delta)::int FROM changes GROUP BY id HAVING sum(delta) <> 0
     ON CONFLICT (org_id, slot) DO UPDATE SET members = org_rollup.members + EXCLUDED.members`,
    [id, oldPath, newParentPath],
  );
  const rows = await q.query<{ id: number }>(
    `UPDATE org SET path = $2::ltree || subpath(path, nlevel($1::ltree) - 1), updated_at = now()
      WHERE ${withinSubtree('path', 1)} RETURNING id`,
    [oldPath, newParentPath],
  );
  await q.query(`UPDATE org SET parent_id = $2 WHERE id = $1`, [id, newParentId]);
  return rows.length;
}

/** The members of an org's subtree (not left or deceased), from the subtree totals: no scan of the members. */
export async function subtreeMemberCount(q: Queryable, id: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT coalesce(sum(members), 0)::int AS n FROM org_rollup WHERE org_id = $1`, [id]);
  return r!.n;
}

export async function countSubtreeContents(q: Queryable, id: number): Promise<{ activeChildren: number; members: number }> {
  const [r] = await q.query<{ activeChildren: number; members: number }>(
    `SELECT (SELECT count(*)::int FROM org WHERE parent_id = $1 AND status = 'active') AS "activeChildren",
            (SELECT coalesce(sum(members), 0)::int FROM org_rollup WHERE org_id = $1) AS members`,
    [id],
  );
  return r!;
}

export async function closeOrg(q: Queryable, id: number, reason: string): Promise<void> {
  await q.query(
    `UPDATE org SET status = 'closed', closed_on = current_date, closed_reason = $2, updated_at = now() WHERE id = $1`,
    [id, reason],
  );
}
