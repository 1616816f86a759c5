// Workers and SMS codes: SQL only.
import type { Queryable } from '../../db/client.ts';

export async function findLatestSmsCode(q: Queryable, phoneHash: Buffer) {
  const rows = await q.query<{
    id: number;
    codeHash: Buffer;
    ageSeconds: number;
    isExpired: boolean;
    attempts: number;
    isUsed: boolean;
  }>(
    `SELECT id, code_hash AS "codeHash", extract(epoch FROM now() - created_at)::int AS "ageSeconds",
            expires_at <= now() AS "isExpired", attempts, used_at IS NOT NULL AS "isUsed"
       FROM sms_code WHERE phone_hash = $1 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [phoneHash],
  );
  return rows[0];
}

export async function insertSmsCode(q: Queryable, phoneHash: Buffer, codeHash: Buffer, ttlSeconds: number): Promise<void> {
  await q.query(
    `INSERT INTO sms_code (phone_hash, code_hash, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`,
    [phoneHash, codeHash, ttlSeconds],
  );
}

/** Counts one wrong try; returns the tries so far. */
export async function countSmsAttempt(q: Queryable, id: number): Promise<number> {
  const [r] = await q.query<{ attempts: number }>(
    `UPDATE sms_code SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`,
    [id],
  );
  return r?.attempts ?? 0;
}

/** Marks a code used, once: false when another request used it first. */
export async function useSmsCode(q: Queryable, id: number): Promise<boolean> {
  const rows = await q.query(`UPDATE sms_code SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`, [id]);
  return rows.length === 1;
}

/** The worker with this phone, created on first log-in and linked to the member with that phone. */
export async function upsertWorker(
  q: Queryable,
  w: { phoneEnc: Buffer; phoneHash: Buffer; phoneMasked: string },
): Promise<{ id: number; memberId: number | null }> {
  const [r] = await q.query<{ id: number; memberId: number | null }>(
    `INSERT INTO worker (phone_enc, phone_hash, phone_masked, last_login_at,
                         member_id)
     VALUES ($1, $2, $3, now(),
             (SELECT m.id FROM member m WHERE m.phone_hash = $2
                 AND NOT EXISTS (SELECT 1 FROM worker w2 WHERE w2.member_id = m.id)
               ORDER BY m.id LIMIT 1))
     ON CONFLICT (phone_hash) DO UPDATE SET last_login_at = now()
     RETURNING id, member_id AS "memberId"`,
    [w.phoneEnc, w.phoneHash, w.phoneMasked],
  );
  return r!;
}

export interface WorkerMeRow {
  workerId: number;
  phoneMasked: string;
  memberId: number | null;
  memberNo: string | null;
  name: string | null;
  status: string | null;
  orgId: number | null;
  orgName: string | null;
  joinedOn: string | null;
}

export async function getWorkerMe(q: Queryable, workerId: number): Promise<WorkerMeRow | undefined> {
  const rows = await q.query<WorkerMeRow>(
    `SELECT w.id AS "workerId", w.phone_masked AS "phoneMasked", m.id AS "memberId", m.member_no AS "memberNo",
            m.name, m.status, o.id AS "orgId", o.name AS "orgName", m.joined_on::text AS "joinedOn"
       FROM worker w LEFT JOIN member m ON m.id = w.member_id LEFT JOIN org o ON o.id = m.org_id
      WHERE w.id = $1`,
    [workerId],
  );
  return rows[0];
}

/** Ends every open session of a worker (its phone no longer names the membership). */
export async function endSessionsOfWorker(q: Queryable, workerId: number): Promise<number> {
  const rows = await q.query(`UPDATE session SET ended_at = now() WHERE worker_id = $1 AND ended_at IS NULL RETURNING 1`, [workerId]);
  return rows.length;
}
