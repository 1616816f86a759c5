// Places for the join form and founding targets: SQL only.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';

/** A regional union a worker may pick places under (the root when `id` is undefined). */
export async function findPlaceParent(q: Queryable, id: number | undefined): Promise<{ id: number } | undefined> {
  const rows = id
    ? await q.query<{ id: number }>(`SELECT id FROM org WHERE id = $1 AND level IN ('province', 'city', 'county') AND status = 'active'`, [id])
    : await q.query<{ id: number }>(`SELECT id FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
  return rows[0];
}

export async function findPlaces(q: Queryable, parentId: number, limit: number, offset: number) {
  const rows = await q.query<{ id: number; name: string; level: string; hasChildren: boolean; total: number }>(
    `SELECT o.id, o.name, o.level,
            EXISTS (SELECT 1 FROM org c WHERE c.parent_id = o.id AND c.level IN ('county', 'town') AND c.status = 'active') AS "hasChildren",
            count(*) OVER ()::int AS total
       FROM org o
      WHERE o.parent_id = $1 AND o.level IN ('city', 'county', 'town') AND o.status = 'active'
      ORDER BY o.name_pinyin, o.id LIMIT $2 OFFSET $3`,
    [parentId, limit, offset],
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? (offset > 0 ? await countPlaces(q, parentId) : 0) };
}

async function countPlaces(q: Queryable, parentId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM org WHERE parent_id = $1 AND level IN ('city', 'county', 'town') AND status = 'active'`,
    [parentId],
  );
  return r?.n ?? 0;
}

/** Employers without a union with at least `threshold` active members, in the scope's towns. */
export async function findFoundingTargets(q: Queryable, scope: Scope, f: { threshold: number; limit: number; offset: number }) {
  const base = `FROM enterprise e JOIN org t ON t.id = e.town_org_id JOIN member m ON m.enterprise_id = e.id
    WHERE e.union_org_id IS NULL AND ${scopeFilter('t.path', 1)} AND m.status = 'active'
    GROUP BY e.id, e.name, e.credit_code, t.id, t.name HAVING count(*) >= $2`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT e.id ${base}) x`, [scope.path, f.threshold]);
  const items = await q.query<{ id: number; name: string; creditCode: string | null; townId: number; townName: string; members: number }>(
    `SELECT e.id, e.name, e.credit_code AS "creditCode", t.id AS "townId", t.name AS "townName", count(*)::int AS members
     ${base} ORDER BY members DESC, e.id LIMIT $3 OFFSET $4`,
    [scope.path, f.threshold, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/**
 * Gig clusters: counted members with a gig platform held by a town-level org of the scope, by (town,
 * platform), at least `threshold` of them, where no active platform or industry federation of the
 * platform's industry exists in the town's city. `industries` pairs each platform with its industry.
 */
export async function findGigClusters(q: Queryable, scope: Scope, f: { threshold: number; platforms: string[]; industries: string[]; limit: number; offset: number }) {
  const base = `FROM member m JOIN org t ON t.id = m.org_id
      JOIN unnest($3::text[], $4::text[]) AS p(platform, industry) ON p.platform = m.gig_platform
    WHERE t.level = 'town' AND ${scopeFilter('t.path', 1)} AND m.status NOT IN ('left', 'deceased')
      AND NOT EXISTS (SELECT 1 FROM org f WHERE f.kind = 'federation' AND f.federation_type IN ('industry', 'platform') AND f.status = 'active'
                        AND f.industry = p.industry AND p.industry <> '' AND f.path <@ subpath(t.path, 0, LEAST(2, nlevel(t.path))))
    GROUP BY t.id, t.name, p.platform, p.industry HAVING count(*) >= $2`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT t.id ${base}) x`, [scope.path, f.threshold, f.platforms, f.industries]);
  const items = await q.query<{ townId: number; townName: string; platform: string; industry: string; members: number }>(
    `SELECT t.id::int AS "townId", t.name AS "townName", p.platform, p.industry, count(*)::int AS members
     ${base} ORDER BY members DESC, t.id, p.platform LIMIT $5 OFFSET $6`,
    [scope.path, f.threshold, f.platforms, f.industries, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}
