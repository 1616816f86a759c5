// 强基 metric kept by places: whether a grassroots union runs a 职工之家 in service, one statement.
import type { Queryable } from '../../db/client.ts';
import { within } from '../../http/scope.ts';

/** 1 when U runs an open, unmerged place of kind workersHome (or modelWorkersHome), else 0. */
export function workersHomeByUnion(q: Queryable, root: string): Promise<{ orgId: number; workersHome: number }[]> {
  return q.query(
    `SELECT u.id AS "orgId",
            (CASE WHEN EXISTS (SELECT 1 FROM place p WHERE p.org_id = u.id AND p.kind IN ('workersHome', 'modelWorkersHome')
                                 AND p.status = 'open' AND p.merged_into IS NULL) THEN 1 ELSE 0 END)::int AS "workersHome"
       FROM org u WHERE u.level = 'grassroots' AND u.status = 'active' AND ${within('u.path', '$1::ltree')}`,
    [root],
  );
}
