// Sessions: SQL only. The core's (server/http/session.ts resolves every request's session with it);
// the auth and staff modules open and end sessions through it.
import type { Queryable } from '../db/client.ts';
import type { StaffRole } from '../../contracts/auth.ts';

export async function insertSession(
  q: Queryable,
  s: { tokenHash: Buffer; staffId?: number; workerId?: number; csrfToken: string; ip: string; userAgent: string | undefined },
): Promise<void> {
  await q.query(
    `INSERT INTO session (token_hash, kind, staff_id, worker_id, csrf_token, ip, user_agent)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [s.tokenHash, s.staffId ? 'staff' : 'member', s.staffId ?? null, s.workerId ?? null, s.csrfToken, s.ip, s.userAgent ?? null],
  );
}

export async function endSession(q: Queryable, tokenHash: Buffer): Promise<void> {
  await q.query(`UPDATE session SET ended_at = now() WHERE token_hash = $1 AND ended_at IS NULL`, [tokenHash]);
}

/** Ends every open session of the account, but the one named by `keep`. */
export async function endSessionsOfStaff(q: Queryable, staffId: number, keep?: Buffer): Promise<void> {
  await q.query(
    `UPDATE session SET ended_at = now()
      WHERE staff_id = $1 AND ended_at IS NULL AND ($2::bytea IS NULL OR token_hash <> $2)`,
    [staffId, keep ?? null],
  );
}

export interface SessionRow {
  kind: 'staff' | 'member';
  csrfToken: string;
  idleSeconds: number;
  staffId: number | null;
  username: string | null;
  displayName: string | null;
  roles: StaffRole[] | null;
  orgId: number | null;
  orgPath: string | null;
  isActive: boolean | null;
  workerId: number | null;
  memberId: number | null;
}

/** Sessions that have not been ended, with their staff account or worker: one per hash, in order. */
export async function findLiveSessions(q: Queryable, tokenHashes: Buffer[]): Promise<(SessionRow | undefined)[]> {
  const rows = await q.query<SessionRow & { tokenHash: Buffer }>(
    `SELECT s.token_hash AS "tokenHash", s.kind, s.csrf_token AS "csrfToken",
            extract(epoch FROM now() - s.last_seen_at)::int AS "idleSeconds",
            s.staff_id AS "staffId", st.username, st.display_name AS "displayName", st.roles,
            st.org_id AS "orgId", o.path::text AS "orgPath", st.is_active AS "isActive",
            s.worker_id AS "workerId", w.member_id AS "memberId"
       FROM (SELECT DISTINCT h FROM unnest($1::bytea[]) AS h) t
       JOIN LATERAL (SELECT * FROM session s WHERE s.token_hash = t.h AND s.ended_at IS NULL OFFSET 0) s ON true
       LEFT JOIN staff st ON st.id = s.staff_id
       LEFT JOIN org o ON o.id = st.org_id
       LEFT JOIN worker w ON w.id = s.worker_id`,
    [tokenHashes],
  );
  const byHash = new Map(rows.map(({ tokenHash, ...row }) => [Buffer.from(tokenHash).toString('hex'), row]));
  return tokenHashes.map((h) => byHash.get(h.toString('hex')));
}

export async function touchSessions(q: Queryable, tokenHashes: Buffer[]): Promise<void> {
  await q.query(`UPDATE session SET last_seen_at = now() WHERE token_hash = ANY($1::bytea[])`, [tokenHashes]);
}
