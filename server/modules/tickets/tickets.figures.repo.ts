// The rights figures: SQL only. A ticket counts for the subtree of the union holding it now
// (ticket.org_id), a clock for the subtree of its own union (ticket_clock.org_id); both are kept
// from the employer's own union (hidden_from_path, notInside) like every other staff read. The
// statements are shaped for the indexes of migration 037 (bench/tickets.ts measures them).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { containing, notInside, scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface Period {
  /** the first instant counted */
  start: Date;
  /** the first instant not counted */
  end: Date;
}

export interface TicketCountRow {
  channel: string;
  category: string;
  state: string;
  n: number;
  rated: number;
  ratingSum: number;
  recoveredFen: string | number;
  reopened: number;
}

/**
 * The tickets of the subtree filed in the period, counted per channel × category × state (at most
 * 96 rows) with their ratings, money recovered and reopenings — one pass over the tickets.
 */
export function countTickets(q: Queryable, scope: Scope, root: OrgPath, p: Period): Promise<TicketCountRow[]> {
  return q.query<TicketCountRow>(
    `SELECT t.channel, t.category, t.state, count(*)::int AS n,
            count(t.rating)::int AS rated, coalesce(sum(t.rating), 0)::int AS "ratingSum",
            coalesce(sum(t.recovered_fen), 0)::bigint AS "recoveredFen",
            count(*) FILTER (WHERE t.reopened_count > 0)::int AS reopened
       FROM ticket t JOIN org o ON o.id = t.org_id
      WHERE ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)} AND ${notInside('t.hidden_from_path', 1)}
        AND t.created_at >= $3 AND t.created_at < $4
      GROUP BY t.channel, t.category, t.state`,
    [scope.path, root, p.start, p.end],
  );
}

/**
 * The open tickets of the subtree whose running clock is past its deadline now, whenever filed.
 * Read from the overdue clocks (few, by ticket_clock_overdue_idx) outwards, each clock's ticket and
 * union looked up by key (a LATERAL … LIMIT 1 keeps the planner to that order: it cannot tell how
 * many unions an ltree subtree holds, and left to itself starts from every ticket of the subtree).
 */
export async function countOverdueNow(q: Queryable, scope: Scope, root: OrgPath): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM ticket_clock c
      CROSS JOIN LATERAL (
        SELECT 1 FROM ticket t JOIN org o ON o.id = t.org_id
         WHERE t.id = c.ticket_id AND ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)} AND ${notInside('t.hidden_from_path', 1)}
         LIMIT 1) seen
      WHERE c.ended_at IS NULL AND c.paused_at IS NULL AND c.due_at < now()`,
    [scope.path, root],
  );
  return r?.n ?? 0;
}

export interface OnTimeRow {
  orgId: number;
  orgName: string;
  level: string;
  isSelf: boolean;
  onTime: number;
  late: number;
}

/**
 * The clocks started in the period, per level below `root`: the root's own clocks in one row, each
 * child's subtree in one row. A clock counts once it ended by closing or assigning (on time when it
 * ended by its deadline — the deadline already carries a pause's shift and an approved extension),
 * or while it runs past its deadline (late). A clock ended by returning a mis-routed ticket, a
 * paused one, and a running one within its deadline do not count. The tickets kept from the scope
 * are found first (by ticket_hidden_idx; none for a scope above every enterprise union), so the
 * clocks are read from their own index alone (ticket_clock_figures_idx).
 */
export function onTimeByLevel(q: Queryable, scope: Scope, root: OrgPath, p: Period): Promise<OnTimeRow[]> {
  return q.query<OnTimeRow>(
    `WITH hidden AS MATERIALIZED (
       SELECT t.id FROM ticket t WHERE t.hidden_from_path IS NOT NULL AND ${containing('t.hidden_from_path', '$1::ltree')}),
     per AS (
       SELECT subpath(co.path, 0, least(nlevel(co.path), nlevel($2::ltree) + 1)) AS head,
              count(*) FILTER (WHERE c.ended_at IS NOT NULL AND c.ended_at <= c.due_at)::int AS "onTime",
              count(*) FILTER (WHERE (c.ended_at IS NOT NULL AND c.ended_at > c.due_at)
                                  OR (c.ended_at IS NULL AND c.paused_at IS NULL AND c.due_at < now()))::int AS late
         FROM ticket_clock c JOIN org co ON co.id = c.org_id
        WHERE ${scopeFilter('co.path', 1)} AND ${withinSubtree('co.path', 2)}
          AND c.received_at >= $3 AND c.received_at < $4
          AND c.outcome IS DISTINCT FROM 'returned'
          AND NOT EXISTS (SELECT 1 FROM hidden h WHERE h.id = c.ticket_id)
        GROUP BY 1)
     SELECT x.id AS "orgId", x.name AS "orgName", x.level, (x.path = $2::ltree) AS "isSelf", per."onTime", per.late
       FROM per JOIN org x ON x.path = per.head
      ORDER BY (x.path = $2::ltree) DESC, x.name_pinyin, x.id`,
    [scope.path, root, p.start, p.end],
  );
}
