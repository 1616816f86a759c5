// The overdue sweep's SQL (sweep.ts): set-based, each clock reminded once and escalated once.
import type { Queryable } from '../../db/client.ts';

/**
 * Marks the open, running clocks whose deadline falls before `threshold` (and has not passed) as
 * reminded, once; their steps are written by the same statement. The tickets reminded.
 */
export function remindDue(q: Queryable, now: Date, threshold: Date, reason: string) {
  return q.query<{ ticketId: number; orgId: number; orgPath: string }>(
    `WITH due AS (
       UPDATE ticket_clock c SET reminded_at = $1
        WHERE c.ended_at IS NULL AND c.paused_at IS NULL AND c.reminded_at IS NULL AND c.due_at > $1 AND c.due_at <= $2
        RETURNING c.ticket_id, c.org_id),
     steps AS (
       INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_id, actor_name, org_id, reason)
       SELECT ticket_id, $1, 'remind', 'system', NULL, '系统', org_id, $3 FROM due)
     SELECT due.ticket_id AS "ticketId", due.org_id AS "orgId", o.path::text AS "orgPath" FROM due JOIN org o ON o.id = due.org_id`,
    [now, threshold, reason],
  );
}

/**
 * Escalates the open, running clocks past their deadline to the level above, once (escalated_at is
 * set by the same statement that picks them, so a second pass, a restart or a concurrent sweep finds
 * none of them again); their steps are written by the same statement. The tickets escalated.
 */
export function escalateOverdue(q: Queryable, now: Date, reason: string) {
  return q.query<{ ticketId: number; orgId: number; toOrgId: number | null; orgPath: string }>(
    `WITH due AS (
       UPDATE ticket_clock c SET escalated_at = $1, escalated_to_org_id = o.parent_id
         FROM org o
        WHERE o.id = c.org_id AND c.ended_at IS NULL AND c.paused_at IS NULL AND c.escalated_at IS NULL AND c.due_at < $1
        RETURNING c.ticket_id, c.org_id, o.parent_id, o.path),
     steps AS (
       INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_id, actor_name, org_id, to_org_id, reason)
       SELECT ticket_id, $1, 'escalate', 'system', NULL, '系统', org_id, parent_id, $2 FROM due)
     SELECT ticket_id AS "ticketId", org_id AS "orgId", parent_id AS "toOrgId", path::text AS "orgPath" FROM due`,
    [now, reason],
  );
}

