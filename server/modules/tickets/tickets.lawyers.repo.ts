// Lawyers on tickets (ticket_lawyer, ticket_lawyer_entry; migration 036): SQL only. The lawyer
// himself (name, firm, phone) is the legal register's: read through legal.service by lawyer_id.
import type { Queryable } from '../../db/client.ts';

export interface AssignmentRow {
  id: number;
  ticketId: number;
  lawyerId: number;
  orgId: number;
  orgName: string;
  assignedByName: string;
  assignedAt: Date | string;
  note: string;
  endedAt: Date | string | null;
  endReason: string | null;
  outcome: string | null;
  recoveredFen: number | null;
  outcomeNote: string | null;
  closedAt: Date | string | null;
}

const ASSIGNMENT = `a.id::int AS id, a.ticket_id::int AS "ticketId", a.lawyer_id::int AS "lawyerId", a.org_id::int AS "orgId", o.name AS "orgName",
  s.display_name AS "assignedByName", a.assigned_at AS "assignedAt", a.note, a.ended_at AS "endedAt", a.end_reason AS "endReason",
  a.outcome, a.recovered_fen::bigint AS "recoveredFen", a.outcome_note AS "outcomeNote", a.closed_at AS "closedAt"`;
const ASSIGNMENT_FROM = `ticket_lawyer a JOIN org o ON o.id = a.org_id JOIN staff s ON s.id = a.assigned_by`;

/** Every assignment of a ticket, oldest first. */
export function findAssignments(q: Queryable, ticketId: number): Promise<AssignmentRow[]> {
  return q.query<AssignmentRow>(`SELECT ${ASSIGNMENT} FROM ${ASSIGNMENT_FROM} WHERE a.ticket_id = $1 ORDER BY a.id`, [ticketId]);
}

/** The running assignment of a ticket (at most one); `lock` in a write. */
export async function getRunningAssignment(q: Queryable, ticketId: number, lock = false): Promise<AssignmentRow | undefined> {
  const rows = await q.query<AssignmentRow>(
    `SELECT ${ASSIGNMENT} FROM ${ASSIGNMENT_FROM} WHERE a.ticket_id = $1 AND a.ended_at IS NULL ${lock ? 'FOR UPDATE OF a' : ''}`,
    [ticketId],
  );
  return rows[0];
}

export async function insertAssignment(q: Queryable, a: { ticketId: number; lawyerId: number; orgId: number; staffId: number; note: string }): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO ticket_lawyer (ticket_id, lawyer_id, org_id, assigned_by, note) VALUES ($1, $2, $3, $4, $5) RETURNING id::int AS id`,
    [a.ticketId, a.lawyerId, a.orgId, a.staffId, a.note],
  );
  return r!.id;
}

export async function endAssignment(q: Queryable, id: number, staffId: number, reason: string): Promise<void> {
  await q.query(`UPDATE ticket_lawyer SET ended_at = now(), ended_by = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL`, [id, staffId, reason]);
}

export async function setOutcome(q: Queryable, id: number, o: { outcome: string; recoveredFen: number; note: string | null }): Promise<void> {
  await q.query(`UPDATE ticket_lawyer SET outcome = $2, recovered_fen = $3, outcome_note = $4, closed_at = now() WHERE id = $1`, [id, o.outcome, o.recoveredFen, o.note]);
}

// ── entries ────────────────────────────────────────────────────────────────────────────────────

export interface EntryRow {
  id: number;
  assignmentId: number;
  at: Date | string;
  kind: string;
  textEnc: Buffer;
  documentTitle: string | null;
  createdAt: Date | string;
}

export function findEntries(q: Queryable, assignmentIds: readonly number[]): Promise<EntryRow[]> {
  if (assignmentIds.length === 0) return Promise.resolve([]);
  return q.query<EntryRow>(
    `SELECT id::int AS id, ticket_lawyer_id::int AS "assignmentId", at, kind, text_enc AS "textEnc", document_title AS "documentTitle", created_at AS "createdAt"
       FROM ticket_lawyer_entry WHERE ticket_lawyer_id = ANY($1::bigint[]) ORDER BY at, id`,
    [assignmentIds],
  );
}

export async function insertEntry(q: Queryable, e: { assignmentId: number; at: Date; kind: string; textEnc: Buffer; documentTitle: string | null }): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO ticket_lawyer_entry (ticket_lawyer_id, at, kind, text_enc, document_title) VALUES ($1, $2, $3, $4, $5) RETURNING id::int AS id`,
    [e.assignmentId, e.at, e.kind, e.textEnc, e.documentTitle],
  );
  return r!.id;
}

// ── the lawyer's side: tickets with a running assignment to one of the lawyer's entries ─────────

export interface LawyerTicketRow {
  id: number;
  type: string;
  category: string;
  state: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  callerNameMasked: string;
  employerName: string | null;
  gigPlatform: string | null;
  description: string;
  handlerName: string | null;
  assignmentId: number;
  lawyerId: number;
  assignedAt: Date | string;
  assignmentNote: string;
  outcome: string | null;
  recoveredFen: number | null;
  outcomeNote: string | null;
  closedAt: Date | string | null;
}

const LAWYER_TICKET = `t.id::int AS id, t.type, t.category, t.state, o.id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  t.caller_name_masked AS "callerNameMasked", t.employer_name AS "employerName", t.gig_platform AS "gigPlatform", t.description,
  h.display_name AS "handlerName", a.id::int AS "assignmentId", a.lawyer_id::int AS "lawyerId", a.assigned_at AS "assignedAt",
  a.note AS "assignmentNote", a.outcome, a.recovered_fen::bigint AS "recoveredFen", a.outcome_note AS "outcomeNote", a.closed_at AS "closedAt"`;
const LAWYER_TICKET_FROM = `ticket_lawyer a JOIN ticket t ON t.id = a.ticket_id JOIN org o ON o.id = t.org_id LEFT JOIN staff h ON h.id = t.handler_staff_id`;

export async function findLawyerTickets(q: Queryable, lawyerIds: readonly number[], limit: number, offset: number) {
  const where = `a.lawyer_id = ANY($1::bigint[]) AND a.ended_at IS NULL`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_lawyer a WHERE ${where}`, [lawyerIds]);
  const items = await q.query<LawyerTicketRow>(
    `SELECT ${LAWYER_TICKET} FROM ${LAWYER_TICKET_FROM} WHERE ${where} ORDER BY a.assigned_at DESC, a.id DESC LIMIT $2 OFFSET $3`,
    [lawyerIds, limit, offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** A ticket with a running assignment to one of `lawyerIds`; `lock` locks the assignment. */
export async function getLawyerTicket(q: Queryable, lawyerIds: readonly number[], ticketId: number, lock = false): Promise<LawyerTicketRow | undefined> {
  const rows = await q.query<LawyerTicketRow>(
    `SELECT ${LAWYER_TICKET} FROM ${LAWYER_TICKET_FROM}
      WHERE t.id = $2 AND a.lawyer_id = ANY($1::bigint[]) AND a.ended_at IS NULL ${lock ? 'FOR UPDATE OF a' : ''}`,
    [lawyerIds, ticketId],
  );
  return rows[0];
}

// ── what a notice to the worker needs ──────────────────────────────────────────────────────────

export interface NoticeFacts {
  id: number;
  channel: string;
  workerId: number | null;
  phoneEnc: Buffer | null;
  phoneMasked: string | null;
  orgName: string;
  orgPath: string;
  dueAt: Date | string | null;
  recoveredFen: number | null;
}

export async function getNoticeFacts(q: Queryable, ticketId: number): Promise<NoticeFacts | undefined> {
  const rows = await q.query<NoticeFacts>(
    `SELECT t.id::int AS id, t.channel, t.worker_id::int AS "workerId", t.caller_phone_enc AS "phoneEnc", t.caller_phone_masked AS "phoneMasked",
            o.name AS "orgName", o.path::text AS "orgPath", c.due_at AS "dueAt", t.recovered_fen::bigint AS "recoveredFen"
       FROM ticket t JOIN org o ON o.id = t.org_id LEFT JOIN ticket_clock c ON c.ticket_id = t.id AND c.ended_at IS NULL
      WHERE t.id = $1`,
    [ticketId],
  );
  return rows[0];
}
