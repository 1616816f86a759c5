// The rights tiles' SQL (一屏总览), as 维权统计 counts them (tickets.figures.repo.ts): tickets filed in the
// period by the union holding them now; the clocks started in the period on time or late. A ticket about
// an employer is kept from that employer's own union's dashboard (hidden_from_path against the root).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { containing, notInside, withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export function countFiled(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<{ head: string; n: number }[]> {
  return q.query<{ head: string; n: number }>(
    `SELECT ${headOf('o.path')} AS head, count(*)::int AS n FROM ticket t JOIN org o ON o.id = t.org_id
      WHERE ${withinSubtree('o.path', 1)} AND ${notInside('t.hidden_from_path', 1)} AND t.created_at >= $2 AND t.created_at < $3
      GROUP BY 1`,
    [root, start, end],
  );
}

/** Per head: clocks ended by their deadline (num) of those ended or running past it (den). */
export function countOnTime(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<{ head: string; num: number; den: number }[]> {
  return q.query<{ head: string; num: number; den: number }>(
    `WITH hidden AS MATERIALIZED (
       SELECT t.id FROM ticket t WHERE t.hidden_from_path IS NOT NULL AND ${containing('t.hidden_from_path', '$1::ltree')})
     SELECT ${headOf('co.path')} AS head,
            count(*) FILTER (WHERE c.ended_at IS NOT NULL AND c.ended_at <= c.due_at)::int AS num,
            count(*) FILTER (WHERE c.ended_at IS NOT NULL OR (c.paused_at IS NULL AND c.due_at < now()))::int AS den
       FROM ticket_clock c JOIN org co ON co.id = c.org_id
      WHERE ${withinSubtree('co.path', 1)} AND c.received_at >= $2 AND c.received_at < $3
        AND c.outcome IS DISTINCT FROM 'returned'
        AND NOT EXISTS (SELECT 1 FROM hidden h WHERE h.id = c.ticket_id)
      GROUP BY 1`,
    [root, start, end],
  );
}
