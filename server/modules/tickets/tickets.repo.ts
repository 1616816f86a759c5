// Rights work orders (工单): SQL only. A ticket's scope is the union holding it now (ticket.org_id);
// every staff read also keeps it from the employer's own union (hidden_from_path, notInside).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { containing, notInside, scopeFilter, withinSubtree } from '../../http/scope.ts';

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

export interface QueueFilter {
  view: 'mine' | 'union' | 'subtree' | 'overdue' | 'escalated';
  staffId: number;
  /** the subtree's root (already read through the scope gate) */
  orgId: number;
  orgPath: OrgPath;
  state?: string | undefined;
  category?: string | undefined;
}

/** The open, running clocks past their deadline (ticket_clock_overdue_idx, 037). */
const OVERDUE_CLOCK = `c.ended_at IS NULL AND c.paused_at IS NULL AND c.due_at < now()`;

/**
 * A page of the queue and its total. Each view is read from where its rows are few, never by
 * reading every ticket of the subtree (a province holds 1,000,000; the planner takes any ltree
 * subtree for ~13 unions, so it must be told): mine and union from their indexes, overdue from the
 * overdue clocks outwards, subtree from the tallies (038) and a walk chosen by the subtree's size.
 */
export async function findQueue(q: Queryable, scope: Scope, f: QueueFilter, limit: number, offset: number) {
  if (f.view === 'overdue') return findOverdueQueue(q, scope, f, limit, offset);
  if (f.view === 'subtree') return findSubtreeQueue(q, scope, f, limit, offset);
  const params: unknown[] = [scope.path, f.orgPath];
  const conds = [scopeFilter('o.path', 1), notInside('t.hidden_from_path', 1), withinSubtree('o.path', 2)];
  if (f.view === 'mine') {
    params.push(f.staffId);
    conds.push(`t.handler_staff_id = $${params.length}`);
  } else if (f.view === 'union') {
    params.push(scope.orgId);
    conds.push(`t.org_id = $${params.length}`);
  } else {
    params.push(scope.orgId);
    conds.push(`c.escalated_to_org_id = $${params.length}`);
  }
  if (f.state) {
    params.push(f.state);
    conds.push(`t.state = $${params.length}`);
  } else if (f.view === 'mine' || f.view === 'union') {
    conds.push(`t.state <> 'closed'`);
  }
  if (f.category) {
    params.push(f.category);
    conds.push(`t.category = $${params.length}`);
  }
  const where = conds.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${where}`, params);
  const items = await q.query<TicketRow>(
    `SELECT ${COLUMNS} FROM ${FROM} WHERE ${where} ORDER BY t.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, limit, offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** The conditions on one ticket `t` of the subtree, with their parameters ($1 scope, $2 subtree): `holder` on its holder `o`, `ticket` on the ticket itself. */
function ticketConds(scope: Scope, f: QueueFilter) {
  const params: unknown[] = [scope.path, f.orgPath];
  const holder = `${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)}`;
  const conds = [notInside('t.hidden_from_path', 1)];
  if (f.state) {
    params.push(f.state);
    conds.push(`t.state = $${params.length}`);
  }
  if (f.category) {
    params.push(f.category);
    conds.push(`t.category = $${params.length}`);
  }
  return { params, holder, ticket: conds.join(' AND '), where: `${holder} AND ${conds.join(' AND ')}` };
}

/** The page's rows by id, in `order` (the ids come from a statement that found them cheaply). */
function ticketsByIds(q: Queryable, ids: number[], order: string) {
  if (ids.length === 0) return Promise.resolve([] as TicketRow[]);
  return q.query<TicketRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE t.id = ANY($1::bigint[]) ORDER BY ${order}`, [ids]);
}

/**
 * Overdue: from the ~4,400 overdue clocks of the province (index-only), each ticket and its holder
 * looked up by key and checked there (scope, subtree, confidentiality, filters) — the LATERAL keeps
 * that order whatever the planner thinks of the subtree. Work grows with the overdue clocks, not
 * with the subtree.
 */
async function findOverdueQueue(q: Queryable, scope: Scope, f: QueueFilter, limit: number, offset: number) {
  const { params, where } = ticketConds(scope, f);
  // one pass over the overdue clocks gives both the total and the page's ids
  const [r] = await q.query<{ n: number; ids: (number | string)[] }>(
    `WITH seen AS MATERIALIZED (
       SELECT c.ticket_id AS id, c.due_at FROM ticket_clock c
        CROSS JOIN LATERAL (SELECT 1 FROM ticket t JOIN org o ON o.id = t.org_id WHERE t.id = c.ticket_id AND ${where} LIMIT 1) v
        WHERE ${OVERDUE_CLOCK})
     SELECT (SELECT count(*) FROM seen)::int AS n,
            (SELECT coalesce(array_agg(id ORDER BY due_at, id), '{}') FROM
              (SELECT id, due_at FROM seen ORDER BY due_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}) p) AS ids`,
    [...params, limit, offset],
  );
  const items = await ticketsByIds(q, r!.ids.map(Number), 'c.due_at, t.id');
  return { items, total: r!.n };
}

/**
 * From the tallies (038), a few rows per union however many tickets: `n` the subtree's tickets in
 * the state and category asked, `inState` those in the state alone (any category), `allInState` the
 * whole tree's in the state (every root).
 */
export async function tallySubtree(q: Queryable, orgId: number, f: { state?: string | undefined; category?: string | undefined } = {}) {
  const params: unknown[] = [orgId, f.state ?? null, f.category ?? null];
  const [r] = await q.query<{ n: number; inState: number; allInState: number }>(
    `WITH kept AS (
       SELECT true AS mine, category, n FROM ticket_tally WHERE org_id = $1 AND ($2::text IS NULL OR state = $2)
       UNION ALL
       SELECT false, category, n FROM ticket_tally
        WHERE org_id = ANY (ARRAY(SELECT id FROM org WHERE parent_id IS NULL)) AND ($2::text IS NULL OR state = $2))
     SELECT coalesce(sum(n) FILTER (WHERE mine AND ($3::text IS NULL OR category = $3)), 0)::int AS n,
            coalesce(sum(n) FILTER (WHERE mine), 0)::int AS "inState",
            coalesce(sum(n) FILTER (WHERE NOT mine), 0)::int AS "allInState"
       FROM kept`,
    params,
  );
  return r!;
}

/**
 * Every ticket of the subtree, newest first. The total is the tally (exact: a ticket kept from a
 * union is never held inside that union's subtree — migration 038). The page is read one of two
 * ways, whichever reads fewer rows: walking the tree's ticket ids downwards (those of the state
 * asked, from ticket_state_idx) with the holder checked per row — about (offset + limit) × the
 * tree's tickets ÷ the subtree's, for a city or the province — or through the subtree's unions and
 * their index — about the subtree's unions plus its tickets in the state, for a town.
 */
async function findSubtreeQueue(q: Queryable, scope: Scope, f: QueueFilter, limit: number, offset: number) {
  const tally = await tallySubtree(q, f.orgId, f);
  if (tally.n === 0 || offset >= tally.n) return { items: [] as TicketRow[], total: tally.n };
  const walkCost = ((offset + limit) * tally.allInState) / tally.n;
  let walk = walkCost < tally.inState;
  if (!walk) {
    // through the unions costs a probe per union too (a city has ~14,000): count them, no further than the walk would read
    const [u] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM org o WHERE ${withinSubtree('o.path', 1)} LIMIT $2) x`, [f.orgPath, Math.ceil(walkCost)]);
    walk = walkCost < tally.inState + u!.n;
  }
  const { params, holder, ticket } = ticketConds(scope, f);
  const tail = `ORDER BY t.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`;
  // walking: the holder is read by a scalar subquery per ticket, so the scan stays on the ids, newest first
  const page = walk
    ? await q.query<{ id: number }>(`SELECT t.id FROM ticket t WHERE (SELECT ${holder} FROM org o WHERE o.id = t.org_id) AND ${ticket} ${tail}`, [...params, limit, offset])
    : // through the unions: the LATERAL (kept apart by OFFSET 0) probes each union's tickets by key, even in
      // the generic plan a named statement gets after five runs (which would otherwise walk every id)
      await q.query<{ id: number }>(
        `SELECT t.id FROM org o CROSS JOIN LATERAL (SELECT t.id FROM ticket t WHERE t.org_id = o.id AND ${ticket} OFFSET 0) t
          WHERE ${holder} ${tail}`,
        [...params, limit, offset],
      );
  return { items: await ticketsByIds(q, page.map((r) => r.id), 't.id DESC'), total: tally.n };
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

// ── orgs a ticket moves between ────────────────────────────────────────────────────────────────

export async function getOrg(q: Queryable, id: number) {
  const rows = await q.query<{ id: number; name: string; path: string; status: string; parentId: number | null }>(
    `SELECT id, name, path::text AS path, status, parent_id AS "parentId" FROM org WHERE id = $1`,
    [id],
  );
  return rows[0];
}

// ── time limits ────────────────────────────────────────────────────────────────────────────────

export interface LimitRow {
  orgId: number;
  orgName: string;
  category: string;
  difficulty: string;
  acceptDays: number;
  finishDays: number;
  maxExtensionDays: number;
  returnDays: number;
  depth: number;
}

/** Every limit set on the path from the root down to `path` (the org itself included), deepest first. */
export function findLimitsOnPath(q: Queryable, path: string, category?: string, difficulty?: string): Promise<LimitRow[]> {
  const params: unknown[] = [path];
  let extra = '';
  if (category) {
    params.push(category, difficulty);
    extra = ` AND l.category = $2 AND l.difficulty = $3`;
  }
  return q.query<LimitRow>(
    `SELECT l.org_id AS "orgId", o.name AS "orgName", l.category, l.difficulty, l.accept_days AS "acceptDays", l.finish_days AS "finishDays",
            l.max_extension_days AS "maxExtensionDays", l.return_days AS "returnDays", nlevel(o.path) AS depth
       FROM ticket_time_limit l JOIN org o ON o.id = l.org_id
      WHERE ${containing('o.path', '$1::ltree')}${extra}
      ORDER BY nlevel(o.path) DESC`,
    params,
  );
}

export async function upsertLimit(q: Queryable, l: { orgId: number; category: string; difficulty: string; acceptDays: number; finishDays: number; maxExtensionDays: number; returnDays: number; staffId: number }) {
  await q.query(
    `INSERT INTO ticket_time_limit (org_id, category, difficulty, accept_days, finish_days, max_extension_days, return_days, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (org_id, category, difficulty) DO UPDATE SET accept_days = EXCLUDED.accept_days, finish_days = EXCLUDED.finish_days,
       max_extension_days = EXCLUDED.max_extension_days, return_days = EXCLUDED.return_days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [l.orgId, l.category, l.difficulty, l.acceptDays, l.finishDays, l.maxExtensionDays, l.returnDays, l.staffId],
  );
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
