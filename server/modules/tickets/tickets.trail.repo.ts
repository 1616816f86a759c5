// A ticket's trail: SQL only. The clock of each union that held it (deadlines, pauses, extensions,
// reminders) and the steps taken on it, by ticket id: the caller has read the ticket through its scope.
import type { Queryable } from '../../db/client.ts';

// ── clocks ─────────────────────────────────────────────────────────────────────────────────────

export interface ClockRow {
  id: number;
  orgId: number;
  orgName: string;
  receivedAt: Date;
  acceptDueAt: Date;
  returnDueAt: Date;
  dueAt: Date;
  maxExtensionDays: number;
  acceptedAt: Date | null;
  pausedAt: Date | null;
  pausedDays: number;
  extensionState: 'requested' | 'approved' | 'rejected' | null;
  extensionDays: number | null;
  extensionReason: string | null;
  endedAt: Date | null;
  outcome: 'assigned' | 'returned' | 'closed' | null;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  escalatedToId: number | null;
  escalatedToName: string | null;
}

const CLOCK_COLUMNS = `c.id, c.org_id AS "orgId", o.name AS "orgName", c.received_at AS "receivedAt", c.accept_due_at AS "acceptDueAt",
  c.return_due_at AS "returnDueAt", c.due_at AS "dueAt", c.max_extension_days AS "maxExtensionDays", c.accepted_at AS "acceptedAt",
  c.paused_at AS "pausedAt", c.paused_days AS "pausedDays", c.extension_state AS "extensionState", c.extension_days AS "extensionDays",
  c.extension_reason AS "extensionReason", c.ended_at AS "endedAt", c.outcome, c.reminded_at AS "remindedAt",
  c.escalated_at AS "escalatedAt", c.escalated_to_org_id AS "escalatedToId", e.name AS "escalatedToName"`;

export function findClocks(q: Queryable, ticketId: number): Promise<ClockRow[]> {
  return q.query<ClockRow>(`SELECT ${CLOCK_COLUMNS} FROM ticket_clock c JOIN org o ON o.id = c.org_id LEFT JOIN org e ON e.id = c.escalated_to_org_id WHERE c.ticket_id = $1 ORDER BY c.id`, [ticketId]);
}

export async function insertClock(
  q: Queryable,
  c: { ticketId: number; orgId: number; receivedAt: Date; acceptDueAt: Date; returnDueAt: Date; dueAt: Date; maxExtensionDays: number },
): Promise<void> {
  await q.query(
    `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.ticketId, c.orgId, c.receivedAt, c.acceptDueAt, c.returnDueAt, c.dueAt, c.maxExtensionDays],
  );
}

export async function updateClock(
  q: Queryable,
  id: number,
  set: Partial<{
    acceptedAt: Date;
    acceptDueAt: Date;
    returnDueAt: Date;
    dueAt: Date;
    maxExtensionDays: number;
    pausedAt: Date | null;
    pausedDays: number;
    extensionState: string;
    extensionDays: number;
    extensionReason: string;
    endedAt: Date;
    outcome: string;
  }>,
): Promise<void> {
  const names: Record<string, string> = {
    acceptedAt: 'accepted_at', acceptDueAt: 'accept_due_at', returnDueAt: 'return_due_at', dueAt: 'due_at', maxExtensionDays: 'max_extension_days',
    pausedAt: 'paused_at', pausedDays: 'paused_days', extensionState: 'extension_state', extensionDays: 'extension_days',
    extensionReason: 'extension_reason', endedAt: 'ended_at', outcome: 'outcome',
  };
  const params: unknown[] = [id];
  const cols = Object.entries(set).map(([k, v]) => {
    params.push(v);
    return `${names[k]} = $${params.length}`;
  });
  if (cols.length > 0) await q.query(`UPDATE ticket_clock SET ${cols.join(', ')} WHERE id = $1`, params);
}

// ── the trail ──────────────────────────────────────────────────────────────────────────────────

export interface StepRow {
  id: number;
  at: Date;
  action: string;
  actorName: string;
  orgId: number;
  orgName: string;
  toOrgId: number | null;
  toOrgName: string | null;
  toStaffId: number | null;
  toStaffName: string | null;
  reason: string;
}

export function findSteps(q: Queryable, ticketId: number): Promise<StepRow[]> {
  return q.query<StepRow>(
    `SELECT s.id, s.at, s.action, s.actor_name AS "actorName", s.org_id AS "orgId", o.name AS "orgName",
            s.to_org_id AS "toOrgId", x.name AS "toOrgName", s.to_staff_id AS "toStaffId", h.display_name AS "toStaffName", s.reason
       FROM ticket_step s JOIN org o ON o.id = s.org_id LEFT JOIN org x ON x.id = s.to_org_id LEFT JOIN staff h ON h.id = s.to_staff_id
      WHERE s.ticket_id = $1 ORDER BY s.id`,
    [ticketId],
  );
}

export async function insertStep(
  q: Queryable,
  s: { ticketId: number; action: string; actorKind: string; actorId: number | null; actorName: string; orgId: number; toOrgId?: number | null; toStaffId?: number | null; reason?: string },
): Promise<void> {
  await q.query(
    `INSERT INTO ticket_step (ticket_id, action, actor_kind, actor_id, actor_name, org_id, to_org_id, to_staff_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [s.ticketId, s.action, s.actorKind, s.actorId, s.actorName, s.orgId, s.toOrgId ?? null, s.toStaffId ?? null, s.reason ?? ''],
  );
}
