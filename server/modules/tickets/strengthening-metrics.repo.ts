// 强基 metric kept by tickets: 工单按期办结率 per grassroots union under a subtree root, one statement.
import type { Queryable } from '../../db/client.ts';
import { within } from '../../http/scope.ts';

/**
 * U's clocks started in [start, end), counted as the ticket figures count them (tickets.figures.repo
 * onTimeByLevel): on time when ended by the deadline, late when ended after it or running past it; a
 * returned clock, a paused one and one running within its deadline do not count. Null without clocks.
 */
export function onTimeByUnion(q: Queryable, root: string, start: Date, end: Date): Promise<{ orgId: number; ticketsOnTime: number | null }[]> {
  return q.query(
    `WITH u AS (SELECT id FROM org WHERE level = 'grassroots' AND status = 'active' AND ${within('path', '$1::ltree')}),
     per AS (
       SELECT c.org_id,
              count(*) FILTER (WHERE c.ended_at IS NOT NULL AND c.ended_at <= c.due_at)::int AS on_time,
              count(*) FILTER (WHERE (c.ended_at IS NOT NULL AND c.ended_at > c.due_at)
                                  OR (c.ended_at IS NULL AND c.paused_at IS NULL AND c.due_at < now()))::int AS late
         FROM ticket_clock c JOIN u ON u.id = c.org_id
        WHERE c.received_at >= $2 AND c.received_at < $3 AND c.outcome IS DISTINCT FROM 'returned'
        GROUP BY c.org_id)
     SELECT u.id AS "orgId", per.on_time::float8 / nullif(per.on_time + per.late, 0)::float8 AS "ticketsOnTime"
       FROM u LEFT JOIN per ON per.org_id = u.id`,
    [root, start, end],
  );
}
