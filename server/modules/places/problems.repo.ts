// SQL of the problems workers report on places (043 place_problem, place_problem_request).
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';

export interface ProblemRow {
  id: number;
  placeId: number;
  placeName: string;
  placeKind: string;
  address: string;
  orgId: number;
  orgPath: string;
  orgName: string;
  workerId: number;
  kind: string;
  text: string;
  hasPhoto: boolean;
  state: 'open' | 'resolved';
  dueAt: Date;
  overdue: boolean;
  createdAt: Date;
  resolvedAt: Date | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  reporterPhone: string;
  remindedAt: Date | null;
  escalatedAt: Date | null;
  escalatedToOrgName: string | null;
}

const ROW = `pp.id::int AS id, pp.place_id::int AS "placeId", p.name AS "placeName", p.kind AS "placeKind", p.address,
  pp.org_id::int AS "orgId", pp.org_path::text AS "orgPath", o.name AS "orgName", pp.worker_id::int AS "workerId",
  pp.kind, pp.text, pp.photo_enc IS NOT NULL AS "hasPhoto", pp.state, pp.due_at AS "dueAt",
  (pp.state = 'open' AND pp.due_at < now()) AS overdue, pp.created_at AS "createdAt", pp.resolved_at AS "resolvedAt",
  pp.resolution_note AS "resolutionNote", s.display_name AS "resolvedBy", w.phone_masked AS "reporterPhone",
  pp.reminded_at AS "remindedAt", pp.escalated_at AS "escalatedAt", eo.name AS "escalatedToOrgName"`;
const FROM = `place_problem pp JOIN place p ON p.id = pp.place_id JOIN org o ON o.id = pp.org_id
  JOIN worker w ON w.id = pp.worker_id LEFT JOIN staff s ON s.id = pp.resolved_by LEFT JOIN org eo ON eo.id = pp.escalated_to_org_id`;

export interface ProblemInsert {
  placeId: number;
  workerId: number;
  kind: string;
  text: string;
  photo: { enc: Buffer; mime: string; size: number } | null;
  dueAt: Date;
}

/** Writes a report against the place's union (its path as of now); returns its id. */
export async function insertProblem(q: Queryable, r: ProblemInsert): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO place_problem (place_id, org_id, org_path, worker_id, kind, text, photo_enc, photo_mime, photo_size, due_at)
     SELECT p.id, p.org_id, p.org_path, $2, $3, $4, $5, $6, $7, $8 FROM place p WHERE p.id = $1
     RETURNING id::int AS id`,
    [r.placeId, r.workerId, r.kind, r.text, r.photo?.enc ?? null, r.photo?.mime ?? null, r.photo?.size ?? null, r.dueAt],
  );
  return row!.id;
}

/** The worker's open report of this kind on this place, if any. */
export async function findOpenProblemOf(q: Queryable, placeId: number, workerId: number, kind: string): Promise<ProblemRow | undefined> {
  const rows = await q.query<ProblemRow>(`SELECT ${ROW} FROM ${FROM} WHERE pp.place_id = $1 AND pp.worker_id = $2 AND pp.kind = $3 AND pp.state = 'open'`, [
    placeId,
    workerId,
    kind,
  ]);
  return rows[0];
}

export async function getProblem(q: Queryable, id: number): Promise<ProblemRow | undefined> {
  const rows = await q.query<ProblemRow>(`SELECT ${ROW} FROM ${FROM} WHERE pp.id = $1`, [id]);
  return rows[0];
}

/** A report of the caller's subtree (`lock`: FOR UPDATE of the report). */
export async function getProblemInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<ProblemRow | undefined> {
  const rows = await q.query<ProblemRow>(`SELECT ${ROW} FROM ${FROM} WHERE pp.id = $1 AND ${scopeFilter('pp.org_path', 2)}${lock ? ' FOR UPDATE OF pp' : ''}`, [
    id,
    scope.path,
  ]);
  return rows[0];
}

export async function findProblems(
  q: Queryable,
  scope: Scope,
  f: { state?: 'open' | 'resolved' | 'overdue' | undefined; placeId?: number | undefined },
  limit: number,
  offset: number,
): Promise<{ items: ProblemRow[]; total: number }> {
  const where = [scopeFilter('pp.org_path', 1)];
  const args: unknown[] = [scope.path];
  if (f.state === 'open') where.push(`pp.state = 'open'`);
  if (f.state === 'resolved') where.push(`pp.state = 'resolved'`);
  if (f.state === 'overdue') where.push(`pp.state = 'open' AND pp.due_at < now()`);
  if (f.placeId !== undefined) {
    args.push(f.placeId);
    where.push(`pp.place_id = $${args.length}`);
  }
  const cond = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_problem pp WHERE ${cond}`, args);
  // open first, the nearest deadline first; then the latest resolved
  const items = await q.query<ProblemRow>(
    `SELECT ${ROW} FROM ${FROM} WHERE ${cond}
      ORDER BY (pp.state = 'open') DESC, CASE WHEN pp.state = 'open' THEN pp.due_at END ASC, pp.resolved_at DESC, pp.id DESC
      LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, limit, offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function findWorkerProblems(q: Queryable, workerId: number, limit: number, offset: number): Promise<{ items: ProblemRow[]; total: number }> {
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_problem WHERE worker_id = $1`, [workerId]);
  const items = await q.query<ProblemRow>(`SELECT ${ROW} FROM ${FROM} WHERE pp.worker_id = $1 ORDER BY pp.created_at DESC, pp.id DESC LIMIT $2 OFFSET $3`, [
    workerId,
    limit,
    offset,
  ]);
  return { items, total: count?.n ?? 0 };
}

/** The kinds the worker reported on the place that are still open. */
export async function findOpenKindsOf(q: Queryable, placeId: number, workerId: number): Promise<string[]> {
  const rows = await q.query<{ kind: string }>(`SELECT kind FROM place_problem WHERE place_id = $1 AND worker_id = $2 AND state = 'open' ORDER BY kind`, [placeId, workerId]);
  return rows.map((r) => r.kind);
}

export async function getPhoto(q: Queryable, id: number): Promise<{ enc: Buffer; mime: string } | undefined> {
  const rows = await q.query<{ enc: Buffer; mime: string }>(`SELECT photo_enc AS enc, photo_mime AS mime FROM place_problem WHERE id = $1 AND photo_enc IS NOT NULL`, [id]);
  return rows[0];
}

export async function resolveProblem(q: Queryable, id: number, staffId: number, note: string): Promise<void> {
  await q.query(`UPDATE place_problem SET state = 'resolved', resolved_at = now(), resolved_by = $2, resolution_note = $3 WHERE id = $1`, [id, staffId, note]);
}

export async function getWorkerPhoneEnc(q: Queryable, workerId: number): Promise<Buffer | undefined> {
  const rows = await q.query<{ enc: Buffer }>(`SELECT phone_enc AS enc FROM worker WHERE id = $1`, [workerId]);
  return rows[0]?.enc;
}

/** Open reports of the subtree, how many are past their deadline, how many were escalated to the scope's own union (工作台). */
export async function countOpen(q: Queryable, scope: Scope): Promise<{ open: number; overdue: number; escalated: number }> {
  const [row] = await q.query<{ open: number; overdue: number; escalated: number }>(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE due_at < now())::int AS overdue,
            count(*) FILTER (WHERE escalated_to_org_id = $2)::int AS escalated
       FROM place_problem WHERE state = 'open' AND ${scopeFilter('org_path', 1)}`,
    [scope.path, scope.orgId],
  );
  return row ?? { open: 0, overdue: 0, escalated: 0 };
}

/** The earliest open deadlines of the subtree, for the 工作台's list. */
export async function findNextDue(q: Queryable, scope: Scope, limit: number): Promise<ProblemRow[]> {
  return q.query<ProblemRow>(`SELECT ${ROW} FROM ${FROM} WHERE pp.state = 'open' AND ${scopeFilter('pp.org_path', 1)} ORDER BY pp.due_at, pp.id LIMIT $2`, [
    scope.path,
    limit,
  ]);
}

// ── the overdue sweep ─────────────────────────────────────────────────────────────────────────

export interface SweptProblem {
  id: number;
  placeName: string;
  kind: string;
  orgPath: string;
  orgName: string;
  dueAt: Date;
  keeperPhoneEnc: Buffer | null;
  toOrgId: number | null;
  toOrgName: string | null;
}

/**
 * Marks the open reports past their deadline at `now` as reminded, once: the mark is set by the
 * statement that picks them, so a second pass, a restart or another node's sweep finds none of them
 * again (a concurrent UPDATE re-checks `reminded_at IS NULL` on the row it waited for). The reports reminded.
 */
export function markOverdueReminded(q: Queryable, now: Date): Promise<SweptProblem[]> {
  return q.query<SweptProblem>(
    `WITH due AS (
       UPDATE place_problem pp SET reminded_at = $1
        WHERE pp.state = 'open' AND pp.reminded_at IS NULL AND pp.due_at < $1
        RETURNING pp.id, pp.place_id, pp.org_id, pp.org_path, pp.kind, pp.due_at)
     SELECT due.id::int AS id, p.name AS "placeName", due.kind, due.org_path::text AS "orgPath", o.name AS "orgName", due.due_at AS "dueAt",
            p.keeper_phone_enc AS "keeperPhoneEnc", NULL::int AS "toOrgId", NULL::text AS "toOrgName"
       FROM due JOIN place p ON p.id = due.place_id JOIN org o ON o.id = due.org_id ORDER BY due.id`,
    [now],
  );
}

/**
 * Escalates the open reports reminded at least `afterHours` before `now` to the level above, once
 * (escalated_at is set by the statement that picks them, as markOverdueReminded's mark). The top
 * union has no level above: its reports are marked escalated to nobody. The reports escalated.
 */
export function markOverdueEscalated(q: Queryable, now: Date, afterHours: number): Promise<SweptProblem[]> {
  return q.query<SweptProblem>(
    `WITH due AS (
       UPDATE place_problem pp SET escalated_at = $1, escalated_to_org_id = o.parent_id
         FROM org o
        WHERE o.id = pp.org_id AND pp.state = 'open' AND pp.escalated_at IS NULL AND pp.reminded_at IS NOT NULL
          AND pp.reminded_at <= $1::timestamptz - make_interval(hours => $2::int)
        RETURNING pp.id, pp.place_id, pp.org_id, pp.org_path, pp.kind, pp.due_at, pp.escalated_to_org_id)
     SELECT due.id::int AS id, p.name AS "placeName", due.kind, due.org_path::text AS "orgPath", o.name AS "orgName", due.due_at AS "dueAt",
            p.keeper_phone_enc AS "keeperPhoneEnc", due.escalated_to_org_id::int AS "toOrgId", t.name AS "toOrgName"
       FROM due JOIN place p ON p.id = due.place_id JOIN org o ON o.id = due.org_id LEFT JOIN org t ON t.id = due.escalated_to_org_id ORDER BY due.id`,
    [now, afterHours],
  );
}

// ── the idempotency store ───────────────────────────────────────────────────────────────────

export async function findRequest(q: Queryable, workerId: number, key: string) {
  const rows = await q.query<{ body: string; hash: string }>(
    `SELECT answer AS body, encode(hash, 'hex') AS hash FROM place_problem_request WHERE worker_id = $1 AND key = $2`,
    [workerId, key],
  );
  return rows[0];
}

export async function insertRequest(q: Queryable, r: { workerId: number; key: string; hash: Buffer; problemId: number; answer: string }) {
  await q.query(`INSERT INTO place_problem_request (worker_id, key, hash, problem_id, answer) VALUES ($1, $2, $3, $4, $5)`, [
    r.workerId,
    r.key,
    r.hash,
    r.problemId,
    r.answer,
  ]);
}

// ── figures ───────────────────────────────────────────────────────────────────────────────

/** Reported in [from, to), resolved in it, open now; hours to resolve of those resolved in it. */
export async function problemFigures(q: Queryable, scope: Scope, from: Date, to: Date) {
  const [row] = await q.query<{ reported: number; resolved: number; open: number; median: number | null; avg: number | null }>(
    `SELECT (SELECT count(*)::int FROM place_problem WHERE ${scopeFilter('org_path', 1)} AND created_at >= $2 AND created_at < $3) AS reported,
            count(*)::int AS resolved,
            (SELECT count(*)::int FROM place_problem WHERE ${scopeFilter('org_path', 1)} AND state = 'open') AS open,
            percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - created_at) / 3600)::float8 AS median,
            avg(extract(epoch FROM resolved_at - created_at) / 3600)::float8 AS avg
       FROM place_problem
      WHERE ${scopeFilter('org_path', 1)} AND state = 'resolved' AND resolved_at >= $2 AND resolved_at < $3`,
    [scope.path, from, to],
  );
  return row!;
}
