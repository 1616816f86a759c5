// The organisation tiles' SQL (一屏总览): grassroots unions and unions founded, per head below the root.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export interface HeadCount {
  head: string;
  n: number;
}

/**
 * Grassroots unions standing at the end of the period: founded (or, without a founding date, entered
 * on the platform) before it ends and not closed by then — "now" for a period ending this month.
 */
export function countGrassroots(q: Queryable, root: OrgPath, endDay: string): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('path')} AS head, count(*)::int AS n FROM org
      WHERE ${withinSubtree('path', 1)} AND level = 'grassroots'
        AND coalesce(founded_on, (created_at AT TIME ZONE 'Asia/Shanghai')::date) < $2::date
        AND (status = 'active' OR closed_on >= $2::date)
      GROUP BY 1`,
    [root, endDay],
  );
}

/** Grassroots unions whose founding date lies in the period. */
export function countFounded(q: Queryable, root: OrgPath, startDay: string, endDay: string): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('path')} AS head, count(*)::int AS n FROM org
      WHERE ${withinSubtree('path', 1)} AND level = 'grassroots' AND founded_on >= $2::date AND founded_on < $3::date
      GROUP BY 1`,
    [root, startDay, endDay],
  );
}
