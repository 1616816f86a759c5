// The points tile's SQL (一屏总览): points issued in the period less the issues reversed in it, per head
// of the issuing union's path.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export function countIssued(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<{ head: string; n: string }[]> {
  return q.query<{ head: string; n: string }>(
    `SELECT ${headOf('o.org_path')} AS head,
            sum(CASE WHEN o.kind = 'issue' THEN o.amount ELSE -r.amount END)::bigint AS n
       FROM point_operation o LEFT JOIN point_operation r ON r.id = o.reverses_operation_id
      WHERE ${withinSubtree('o.org_path', 1)} AND o.created_at >= $2 AND o.created_at < $3
        AND (o.kind = 'issue' OR (o.kind = 'reverse' AND r.kind = 'issue'))
      GROUP BY 1`,
    [root, start, end],
  );
}
