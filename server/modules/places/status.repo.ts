// SQL of a place's live life (043): the live status columns of the place row, the place as the
// keeper's desk and the report page read it, and the problems' flag on the place (problems_open,
// problem_latest). Other files of this module reach it directly; other modules through the services.
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';

export interface PlaceBrief {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  kind: string;
  name: string;
  address: string;
  status: 'open' | 'closed';
  mergedInto: number | null;
  liveState: 'open' | 'closed' | null;
  liveBusy: 'quiet' | 'normal' | 'busy' | null;
  liveAt: Date | null;
  problemsOpen: number;
  problemLatest: string | null;
}

const BRIEF = `p.id::int AS id, p.org_id::int AS "orgId", p.org_path::text AS "orgPath", o.name AS "orgName", p.kind, p.name,
  p.address, p.status, p.merged_into::int AS "mergedInto", p.live_state AS "liveState", p.live_busy AS "liveBusy",
  p.live_at AS "liveAt", p.problems_open AS "problemsOpen", p.problem_latest AS "problemLatest"`;

/** A place of the caller's subtree (`lock`: FOR UPDATE of the place row). */
export async function getPlaceInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<PlaceBrief | undefined> {
  const rows = await q.query<PlaceBrief>(
    `SELECT ${BRIEF} FROM place p JOIN org o ON o.id = p.org_id WHERE p.id = $1 AND ${scopeFilter('p.org_path', 2)}${lock ? ' FOR UPDATE OF p' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

/** Any place of the register (a worker may report on or visit any), `lock` as above. */
export async function getPlace(q: Queryable, id: number, lock = false): Promise<PlaceBrief | undefined> {
  const rows = await q.query<PlaceBrief>(`SELECT ${BRIEF} FROM place p JOIN org o ON o.id = p.org_id WHERE p.id = $1${lock ? ' FOR UPDATE OF p' : ''}`, [id]);
  return rows[0];
}

/** Marks the place's live status; returns the moment written. */
export async function setLive(q: Queryable, id: number, state: 'open' | 'closed', busy: string | null): Promise<Date> {
  const [row] = await q.query<{ at: Date }>(
    `UPDATE place SET live_state = $2, live_busy = $3, live_at = now(), updated_at = now() WHERE id = $1 RETURNING live_at AS at`,
    [id, state, busy],
  );
  return row!.at;
}

/** Recounts the place's open problems and the latest one's words (in the transaction that changed one). */
export async function refreshProblemFlag(q: Queryable, placeId: number, labels: Record<string, string>): Promise<void> {
  const [latest] = await q.query<{ kind: string; n: number }>(
    `SELECT (SELECT kind FROM place_problem WHERE place_id = $1 AND state = 'open' ORDER BY created_at DESC, id DESC LIMIT 1) AS kind,
            (SELECT count(*)::int FROM place_problem WHERE place_id = $1 AND state = 'open') AS n`,
    [placeId],
  );
  const n = latest?.n ?? 0;
  await q.query(`UPDATE place SET problems_open = $2, problem_latest = $3 WHERE id = $1`, [placeId, n, n > 0 && latest?.kind ? labels[latest.kind] ?? null : null]);
}

/** Visits to a place since a moment (today's, for the desk). */
export async function countVisitsSince(q: Queryable, placeId: number, since: Date): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_visit WHERE place_id = $1 AND at >= $2`, [placeId, since]);
  return row?.n ?? 0;
}
