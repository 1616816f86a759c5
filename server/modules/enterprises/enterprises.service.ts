// Employers for the join form (suggestions as the worker types), the places a worker can choose,
// and the founding targets of a town: employers without a union whose workers joined the town.
import type { Deps, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { scopeFilter } from '../../http/scope.ts';
import { bigramsOf, likePattern } from '../orgs/orgs.repo.ts';
import { suggestEnterprises } from '../members/routing.repo.ts';

/** Up to 10 employers whose name contains the text. */
export async function suggestEmployers(deps: Deps, q: string) {
  const rows = await suggestEnterprises(deps.db, bigramsOf(q), likePattern(q), 10);
  return rows.map((e) => ({ id: e.id, name: e.name, creditCode: e.creditCode, hasUnion: e.unionOrgId != null && e.unionStatus === 'active', townName: e.townName }));
}

/**
 * The regional unions a worker picks a place of work from: the province's cities, a city's
 * counties, a county's towns (public names only). Throws not_found for a parent that is not one.
 */
export async function listPlaces(deps: Deps, parentId: number | undefined) {
  const parent = parentId
    ? (await deps.db.query<{ id: number; level: string }>(`SELECT id, level FROM org WHERE id = $1 AND level IN ('province', 'city', 'county') AND status = 'active'`, [parentId]))[0]
    : (await deps.db.query<{ id: number; level: string }>(`SELECT id, level FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1`))[0];
  if (!parent) throw new AppError('not_found');
  return deps.db.query<{ id: number; name: string; level: string; hasChildren: boolean }>(
    `SELECT o.id, o.name, o.level,
            EXISTS (SELECT 1 FROM org c WHERE c.parent_id = o.id AND c.level IN ('county', 'town') AND c.status = 'active') AS "hasChildren"
       FROM org o
      WHERE o.parent_id = $1 AND o.level IN ('city', 'county', 'town') AND o.status = 'active'
      ORDER BY o.name_pinyin, o.id`,
    [parent.id],
  );
}

/** Employers without a union with at least `threshold` active members in the scope's towns. */
export async function listFoundingTargets(ctx: StaffContext, f: { threshold: number; page: number; pageSize: number }) {
  const base = `FROM enterprise e JOIN org t ON t.id = e.town_org_id JOIN member m ON m.enterprise_id = e.id
    WHERE e.union_org_id IS NULL AND ${scopeFilter('t.path', 1)} AND m.status = 'active'
    GROUP BY e.id, e.name, e.credit_code, t.id, t.name HAVING count(*) >= $2`;
  const [c] = await ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT e.id ${base}) x`, [ctx.scope.path, f.threshold]);
  const rows = await ctx.db.query<{ id: number; name: string; creditCode: string | null; townId: number; townName: string; members: number }>(
    `SELECT e.id, e.name, e.credit_code AS "creditCode", t.id AS "townId", t.name AS "townName", count(*)::int AS members
     ${base} ORDER BY members DESC, e.id LIMIT $3 OFFSET $4`,
    [ctx.scope.path, f.threshold, f.pageSize, (f.page - 1) * f.pageSize],
  );
  return {
    items: rows.map((r) => ({ enterprise: { id: r.id, name: r.name, creditCode: r.creditCode }, town: { id: r.townId, name: r.townName }, members: r.members })),
    total: c?.n ?? 0,
  };
}
