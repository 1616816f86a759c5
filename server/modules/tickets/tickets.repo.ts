// Rights work orders (工单): SQL only. A ticket's scope is the union holding it now (ticket.org_id);
// every staff read also keeps it from the employer's own union (hidden_from_path, notInside).
// The queue is read in tickets.queue.repo.ts, a ticket's clocks and steps in tickets.trail.repo.ts.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { notInside, scopeFilter } from '../../http/scope.ts';

export interface TicketRow {
  id: number;
  channel: string;
  type: string;
  category: string;
  difficulty: string;
  state: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  orgParentId: number | null;
  handlerId: number | null;
  handlerName: string | null;
  workerId: number | null;
  memberId: number | null;
  callerNameMasked: string;
  callerPhoneMasked: string | null;
  employerName: string | null;
  gigPlatform: string | null;
  employerUnionConsent: boolean;
  hiddenFromPath: string | null;
  routeReason: string;
  description: string;
  result: string | null;
  recoveredFen: number | null;
  closedAt: Date | string | null;
  rating: number | null;
  ratingComment: string | null;
  ratedAt: Date | string | null;
  reopenedCount: number;
  createdAt: Date | string;
  dueAt: Date | string | null;
  overdue: boolean;
}

/** The ticket, its holder, its handler and its open clock (tickets.followup.repo.ts reads them too). */
export const FROM = `ticket t JOIN org o ON o.id = t.org_id
  LEFT JOIN staff h ON h.id = t.handler_staff_id
  LEFT JOIN ticket_clock c ON c.ticket_id = t.id AND c.ended_at IS NULL`;

export const COLUMNS = `t.id, t.channel, t.type, t.category, t.difficulty, t.state,
  o.id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", o.parent_id AS "orgParentId",
  h.id AS "handlerId", h.display_name AS "handlerName", t.worker_id AS "workerId", t.member_id AS "memberId",
  t.caller_name_masked AS "callerNameMasked", t.caller_phone_masked AS "callerPhoneMasked",
  t.employer_name AS "employerName", t.gig_platform AS "gigPlatform", t.employer_union_consent AS "employerUnionConsent",
  t.hidden_from_path::text AS "hiddenFromPath", t.route_reason AS "routeReason", t.description, t.result,
  t.recovered_fen::bigint AS "recoveredFen", t.closed_at AS "closedAt", t.created_at AS "createdAt",
  t.rating, t.rating_comment AS "ratingComment", t.rated_at AS "ratedAt", t.reopened_count AS "reopenedCount",
  c.due_at AS "dueAt", coalesce(c.paused_at IS NULL AND c.due_at < now(), false) AS overdue`;

export interface NewTicket {
  /** a call's phone as a keyed hash: the worker who logs in with it finds the ticket (039) */
  callerPhoneHash?: Buffer | null;
  channel: string;
  type: string;
  category: string;
  difficulty: string;
  orgId: number;
  workerId: number | null;
  memberId: number | null;
  callerNameEnc: Buffer;
  callerNameMasked: string;
  callerPhoneEnc: Buffer | null;
  callerPhoneMasked: string | null;
  enterpriseId: number | null;
  employerName: string | null;
  gigPlatform: string | null;
  workOrgId: number | null;
  employerUnionConsent: boolean;
  hiddenFromPath: string | null;
  routeRule: string;
  routeReason: string;
  description: string;
  createdBy: number | null;
}

export async function insertTicket(q: Queryable, n: NewTicket): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO ticket (channel, type, category, difficulty, org_id, worker_id, member_id, caller_name_enc, caller_name_masked,
       caller_phone_enc, caller_phone_masked, enterprise_id, employer_name, gig_platform, work_org_id, employer_union_consent,
       hidden_from_path, route_rule, route_reason, description, created_by, caller_phone_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::ltree, $18, $19, $20, $21, $22) RETURNING id`,
    [n.channel, n.type, n.category, n.difficulty, n.orgId, n.workerId, n.memberId, n.callerNameEnc, n.callerNameMasked, n.callerPhoneEnc,
      n.callerPhoneMasked, n.enterpriseId, n.employerName, n.gigPlatform, n.workOrgId, n.employerUnionConsent, n.hiddenFromPath,
      n.routeRule, n.routeReason, n.description, n.createdBy, n.callerPhoneHash ?? null],
  );
  return r!.id;
}

/** The ticket if it lies in the scope and is not kept from it; `lock` for a step (in a transaction). */
export async function getTicketInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<TicketRow | undefined> {
  const rows = await q.query<TicketRow>(
    `SELECT ${COLUMNS} FROM ${FROM}
      WHERE t.id = $1 AND ${scopeFilter('o.path', 2)} AND ${notInside('t.hidden_from_path', 2)} ${lock ? 'FOR UPDATE OF t' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

/** A ticket by id, unscoped: only for the answer to a step its holder just took (a return moves it out of the holder's scope). */
export async function getTicketAfterStep(q: Queryable, id: number): Promise<TicketRow | undefined> {
  const rows = await q.query<TicketRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = $1`, [id]);
  return rows[0];
}

/**
 * A worker's own tickets (the worker's id is $2): those asked on the app, and the calls made from
 * the worker's phone number to the hotline or through an integration (039).
 */
const WORKERS_OWN = `(t.worker_id = $2 OR (t.worker_id IS NULL AND t.caller_phone_hash = (SELECT w.phone_hash FROM worker w WHERE w.id = $2)))`;

/** A worker's own ticket (see WORKERS_OWN). */
export async function getWorkerTicket(q: Queryable, workerId: number, id: number, lock = false): Promise<TicketRow | undefined> {
  const rows = await q.query<TicketRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = $1 AND ${WORKERS_OWN} ${lock ? 'FOR UPDATE OF t' : ''}`, [id, workerId]);
  return rows[0];
}

export async function findWorkerTickets(q: Queryable, workerId: number, limit: number, offset: number) {
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket t WHERE ${WORKERS_OWN.replaceAll('$2', '$1')}`, [workerId]);
  const items = await q.query<TicketRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE ${WORKERS_OWN.replaceAll('$2', '$1')} ORDER BY t.id DESC LIMIT $2 OFFSET $3`, [workerId, limit, offset]);
  return { items, total: c?.n ?? 0 };
}

export async function getCallerSecrets(q: Queryable, id: number) {
  const [r] = await q.query<{ nameEnc: Buffer; phoneEnc: Buffer | null }>(
    `SELECT caller_name_enc AS "nameEnc", caller_phone_enc AS "phoneEnc" FROM ticket WHERE id = $1`,
    [id],
  );
  return r;
}

export async function updateTicket(
  q: Queryable,
  id: number,
  set: Partial<{ state: string; orgId: number; handlerStaffId: number | null; difficulty: string; result: string; recoveredFen: number; closed: boolean; reopened: boolean; rating: number; ratingComment: string }>,
): Promise<void> {
  const cols: string[] = [];
  const params: unknown[] = [id];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    cols.push(`${sql} = $${params.length}`);
  };
  if (set.state !== undefined) add('state', set.state);
  if (set.orgId !== undefined) add('org_id', set.orgId);
  if (set.handlerStaffId !== undefined) add('handler_staff_id', set.handlerStaffId);
  if (set.difficulty !== undefined) add('difficulty', set.difficulty);
  if (set.result !== undefined) add('result', set.result);
  if (set.recoveredFen !== undefined) add('recovered_fen', set.recoveredFen);
  if (set.closed) cols.push('closed_at = now()');
  if (set.reopened) cols.push('closed_at = NULL', 'reopened_count = reopened_count + 1');
  if (set.rating !== undefined) {
    add('rating', set.rating);
    add('rating_comment', set.ratingComment ?? '');
    cols.push('rated_at = now()');
  }
  cols.push('updated_at = now()');
  await q.query(`UPDATE ticket SET ${cols.join(', ')} WHERE id = $1`, params);
}

// ── orgs a ticket moves between ────────────────────────────────────────────────────────────────

export async function getOrg(q: Queryable, id: number) {
  const rows = await q.query<{ id: number; name: string; path: string; status: string; parentId: number | null }>(
    `SELECT id, name, path::text AS path, status, parent_id AS "parentId" FROM org WHERE id = $1`,
    [id],
  );
  return rows[0];
}

// ── the idempotency store ──────────────────────────────────────────────────────────────────────

export async function findRequest(q: Queryable, ownerKind: string, ownerId: number, key: string) {
  const rows = await q.query<{ body: string; hash: string }>(
    `SELECT answer AS body, encode(request_hash, 'hex') AS hash FROM ticket_request WHERE owner_kind = $1 AND owner_id = $2 AND idem_key = $3`,
    [ownerKind, ownerId, key],
  );
  return rows[0];
}

export async function insertRequest(q: Queryable, r: { ownerKind: string; ownerId: number; key: string; hash: Buffer; ticketId: number; answer: string }) {
  await q.query(
    `INSERT INTO ticket_request (owner_kind, owner_id, idem_key, request_hash, ticket_id, answer) VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.ownerKind, r.ownerId, r.key, r.hash, r.ticketId, r.answer],
  );
}

/** Re-points the tickets naming a duplicate employer to the kept one (enterprise merge); how many moved. */
export async function reassignEnterprise(q: Queryable, fromId: number, toId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `WITH u AS (UPDATE ticket SET enterprise_id = $2 WHERE enterprise_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
    [fromId, toId],
  );
  return r?.n ?? 0;
}
