// The campaigns tile's SQL (一屏总览): campaigns (not cancelled) whose applications opened in the period.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export function countOpened(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<{ head: string; n: number }[]> {
  return q.query<{ head: string; n: number }>(
    `SELECT ${headOf('org_path')} AS head, count(*)::int AS n FROM campaign
      WHERE ${withinSubtree('org_path', 1)} AND status = 'published' AND apply_opens_at >= $2 AND apply_opens_at < $3 GROUP BY 1`,
    [root, start, end],
  );
}
