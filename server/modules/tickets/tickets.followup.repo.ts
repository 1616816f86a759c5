// After closing (回访, 质检): SQL only. A follow-up row names the closing it follows up by the
// ticket's closed_at; the queues of closed tickets waiting for one, the tab counts of the queue.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { notInside, scopeFilter, withinSubtree } from '../../http/scope.ts';
import { COLUMNS, FROM, type TicketRow } from './tickets.repo.ts';

export interface FollowupRow {
  id: number;
  kind: 'callback' | 'quality';
  at: Date;
  closedAt: Date;
  orgId: number;
  orgName: string;
  staffId: number;
  staffName: string;
  reached: boolean | null;
  satisfaction: number | null;
  note: string | null;
  pass: boolean | null;
  reason: string | null;
}

export function findFollowups(q: Queryable, ticketId: number): Promise<FollowupRow[]> {
  return q.query<FollowupRow>(
    `SELECT f.id, f.kind, f.at, f.closed_at AS "closedAt", f.org_id AS "orgId", o.name AS "orgName", f.staff_id AS "staffId",
            s.display_name AS "staffName", f.reached, f.satisfaction, f.note, f.pass, f.reason
       FROM ticket_followup f JOIN org o ON o.id = f.org_id JOIN staff s ON s.id = f.staff_id
      WHERE f.ticket_id = $1 ORDER BY f.id`,
    [ticketId],
  );
}

export async function insertFollowup(
  q: Queryable,
  f: { ticketId: number; kind: 'callback' | 'quality'; orgId: number; staffId: number; reached?: boolean; satisfaction?: number | null; note?: string; pass?: boolean; reason?: string },
): Promise<void> {
  // the closing is the ticket's closed_at as stored (to the microsecond), read in the statement itself
  await q.query(
    `INSERT INTO ticket_followup (ticket_id, kind, closed_at, org_id, staff_id, reached, satisfaction, note, pass, reason)
     SELECT id, $2, closed_at, $3, $4, $5, $6, $7, $8, $9 FROM ticket WHERE id = $1 AND closed_at IS NOT NULL`,
    [f.ticketId, f.kind, f.orgId, f.staffId, f.reached ?? null, f.satisfaction ?? null, f.note ?? null, f.pass ?? null, f.reason ?? null],
  );
}

/** Who closed the ticket last: the staff id of its latest close step. */
export async function findCloser(q: Queryable, ticketId: number): Promise<number | null> {
  const [r] = await q.query<{ actorId: number | null }>(
    `SELECT actor_id::int AS "actorId" FROM ticket_step WHERE ticket_id = $1 AND action = 'close' ORDER BY id DESC LIMIT 1`,
    [ticketId],
  );
  return r?.actorId ?? null;
}

/** A quality return: the ticket open again at the closing union (closed_at cleared; the handler kept). */
export async function reopenForQuality(q: Queryable, id: number): Promise<void> {
  await q.query(`UPDATE ticket SET state = 'pending', closed_at = NULL, updated_at = now() WHERE id = $1`, [id]);
}

const awaiting = (kind: 'callback' | 'quality') =>
  `NOT EXISTS (SELECT 1 FROM ticket_followup f WHERE f.ticket_id = t.id AND f.kind = '${kind}' AND f.closed_at = t.closed_at)`;

/**
 * The closed tickets waiting for a follow-up: `callback` — closed by my union, not called back,
 * first closed first; `quality` — closed by a union strictly below me, not checked, newest first
 * (or `sample` of them at random).
 */
export async function findFollowupQueue(
  q: Queryable,
  scope: Scope,
  f: { view: 'callback' | 'quality'; orgPath: OrgPath; category?: string | undefined; sample?: number | undefined },
  limit: number,
  offset: number,
) {
  const params: unknown[] = [scope.path, f.orgPath, scope.orgId];
  const conds = [scopeFilter('o.path', 1), notInside('t.hidden_from_path', 1), withinSubtree('o.path', 2), `t.state = 'closed'`, awaiting(f.view)];
  conds.push(f.view === 'callback' ? `t.org_id = $3` : `t.org_id <> $3`);
  if (f.category) {
    params.push(f.category);
    conds.push(`t.category = $${params.length}`);
  }
  const where = conds.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, params);
  if (f.sample !== undefined) {
    const items = await q.query<TicketRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY random() LIMIT $${params.length + 1}`, [...params, f.sample]);
    return { items, total: c?.n ?? 0 };
  }
  const order = f.view === 'callback' ? 't.closed_at, t.id' : 't.closed_at DESC, t.id DESC';
  const items = await q.query<TicketRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY ${order} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { items, total: c?.n ?? 0 };
}

export interface ViewCounts {
  mine: number;
  union: number;
  subtree: number;
  overdue: number;
  escalated: number;
  callback: number;
  quality: number;
  waiting: number;
}

/**
 * The queue's tab counts (as findQueue and findFollowupQueue filter), each read from where its rows
 * are few — never by reading every ticket of the scope (a province holds 1,000,000): mine and my
 * union's from their indexes, the subtree from the tallies (038), overdue from the overdue clocks
 * outwards, escalated from its clock index; quality is the subtree's closed tickets held below me
 * (tallies, less my union's own) less those checked since their closing. The tallies need no
 * confidentiality check: a ticket kept from a union is never held inside that union's subtree.
 */
export async function countViews(q: Queryable, scope: Scope, staffId: number): Promise<ViewCounts> {
  const seen = (alias: string) => `${scopeFilter(`${alias}.path`, 1)} AND ${notInside('t.hidden_from_path', 1)}`;
  const [r] = await q.query<Omit<ViewCounts, 'quality' | 'waiting'> & { waitingOthers: number; closedBelow: number; checked: number }>(
    `SELECT (SELECT count(*) FROM ticket t JOIN org o ON o.id = t.org_id
              WHERE t.handler_staff_id = $2 AND t.state <> 'closed' AND ${seen('o')})::int AS mine,
            (SELECT count(*) FROM ticket t WHERE t.org_id = $3 AND t.state <> 'closed' AND ${notInside('t.hidden_from_path', 1)})::int AS "union",
            (SELECT coalesce(sum(n), 0) FROM ticket_tally WHERE org_id = $3)::int AS subtree,
            (SELECT count(*) FROM ticket_clock c
              CROSS JOIN LATERAL (SELECT 1 FROM ticket t JOIN org o ON o.id = t.org_id WHERE t.id = c.ticket_id AND ${seen('o')} LIMIT 1) v
              WHERE c.ended_at IS NULL AND c.paused_at IS NULL AND c.due_at < now())::int AS overdue,
            (SELECT count(*) FROM ticket_clock c JOIN ticket t ON t.id = c.ticket_id JOIN org o ON o.id = t.org_id
              WHERE c.ended_at IS NULL AND c.escalated_to_org_id = $3 AND ${seen('o')})::int AS escalated,
            (SELECT count(*) FROM ticket t WHERE t.org_id = $3 AND t.state = 'closed' AND ${awaiting('callback')}
                AND ${notInside('t.hidden_from_path', 1)})::int AS callback,
            (SELECT count(*) FROM ticket t WHERE t.org_id = $3 AND t.state = 'pending' AND t.handler_staff_id IS DISTINCT FROM $2
                AND ${notInside('t.hidden_from_path', 1)})::int AS "waitingOthers",
            ((SELECT coalesce(sum(n), 0) FROM ticket_tally WHERE org_id = $3 AND state = 'closed')
              - (SELECT count(*) FROM ticket t WHERE t.org_id = $3 AND t.state = 'closed'))::int AS "closedBelow",
            (SELECT count(*) FROM ticket_followup f JOIN ticket t ON t.id = f.ticket_id AND t.closed_at = f.closed_at JOIN org o ON o.id = t.org_id
              WHERE f.kind = 'quality' AND t.state = 'closed' AND t.org_id <> $3 AND ${seen('o')})::int AS checked`,
    [scope.path, staffId, scope.orgId],
  );
  const { waitingOthers, closedBelow, checked, ...c } = r!;
  return { ...c, quality: closedBelow - checked, waiting: c.mine + waitingOthers };
}
