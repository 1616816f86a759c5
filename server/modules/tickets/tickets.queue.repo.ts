// The work queue's pages (mine, union, subtree, overdue, escalated): SQL only, each view read from
// where its rows are few; the rows are the tickets repo's (tickets.repo.ts), the same scope rules.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { notInside, scopeFilter, withinSubtree } from '../../http/scope.ts';
import { COLUMNS, FROM, type TicketRow } from './tickets.repo.ts';

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
