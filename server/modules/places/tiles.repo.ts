// The places tiles' SQL (一屏总览), as 阵地数据 counts them: places in service now, visits in the period.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export interface HeadCount {
  head: string;
  n: number;
}

export function countInService(q: Queryable, root: OrgPath): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('org_path')} AS head, count(*)::int AS n FROM place
      WHERE ${withinSubtree('org_path', 1)} AND merged_into IS NULL AND status = 'open' GROUP BY 1`,
    [root],
  );
}

export function countVisits(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('org_path')} AS head, count(*)::int AS n FROM place_visit
      WHERE ${withinSubtree('org_path', 1)} AND at >= $2 AND at < $3 GROUP BY 1`,
    [root, start, end],
  );
}
