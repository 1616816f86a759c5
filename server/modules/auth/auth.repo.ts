// Staff credentials: SQL only (sessions are the core's: server/http/session.repo.ts).
import type { Queryable } from '../../db/client.ts';

export interface StaffCredentialRow {
  id: number;
  username: string;
  displayName: string;
  passwordHash: string;
  isActive: boolean;
  isLocked: boolean;
  orgId: number;
  orgPath: string;
}

export async function findStaffCredential(q: Queryable, username: string): Promise<StaffCredentialRow | undefined> {
  const rows = await q.query<StaffCredentialRow>(
    `SELECT s.id, s.username, s.display_name AS "displayName", s.password_hash AS "passwordHash",
            s.is_active AS "isActive", coalesce(s.locked_until > now(), false) AS "isLocked",
            s.org_id AS "orgId", o.path::text AS "orgPath"
       FROM staff s JOIN org o ON o.id = s.org_id
      WHERE s.username = $1`,
    [username],
  );
  return rows[0];
}

/**
 * Counts a failure; locks the account when the count reaches `max`. A failure more than lockSeconds
 * after the last one starts a new run (as attempts.repo countStreakFailure does for unknown names).
 * Returns whether it is now locked.
 */
export async function recordFailedLogin(
  q: Queryable,
  staffId: number,
  max: number,
  lockSeconds: number,
): Promise<boolean> {
  // run: the failures so far of the current run (0 when the last one is too long ago)
  const run = `CASE WHEN last_failed_login_at > now() - make_interval(secs => $3) THEN failed_logins ELSE 0 END`;
  const rows = await q.query<{ locked: boolean }>(
    `UPDATE staff SET
        failed_logins = CASE WHEN ${run} + 1 >= $2 THEN 0 ELSE ${run} + 1 END,
        locked_until  = CASE WHEN ${run} + 1 >= $2 THEN now() + make_interval(secs => $3) ELSE locked_until END,
        last_failed_login_at = now()
      WHERE id = $1
      RETURNING coalesce(locked_until > now(), false) AS locked`,
    [staffId, max, lockSeconds],
  );
  return rows[0]?.locked ?? false;
}

export async function recordSuccessfulLogin(q: Queryable, staffId: number): Promise<void> {
  await q.query(
    `UPDATE staff SET failed_logins = 0, locked_until = NULL, last_login_at = now() WHERE id = $1`,
    [staffId],
  );
}
