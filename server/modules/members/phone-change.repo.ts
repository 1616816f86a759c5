// Moving a membership to a new phone number: the member found by ID number, attempts, the move. SQL only.
import type { Queryable } from '../../db/client.ts';

export interface PhoneOwnerRow {
  memberId: number;
  name: string;
  status: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  /** The worker (phone log-in) linked to the member now, if any. */
  workerId: number | null;
}

const ownerColumns = `m.id AS "memberId", m.name, m.status, m.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  m.phone_enc AS "phoneEnc", m.phone_hash AS "phoneHash", m.phone_masked AS "phoneMasked",
  (SELECT w.id FROM worker w WHERE w.member_id = m.id) AS "workerId"`;

/** The member holding this ID number (by its keyed hash), locked when asked. */
export async function findMemberByIdHash(q: Queryable, idHash: Buffer, lock = false): Promise<PhoneOwnerRow | undefined> {
  const rows = await q.query<PhoneOwnerRow>(
    `SELECT ${ownerColumns} FROM member_identity i JOIN member m ON m.id = i.member_id JOIN org o ON o.id = m.org_id
      WHERE i.id_number_hash = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
    [idHash],
  );
  return rows[0];
}

export async function getPhoneOwner(q: Queryable, memberId: number): Promise<PhoneOwnerRow | undefined> {
  const rows = await q.query<PhoneOwnerRow>(
    `SELECT ${ownerColumns} FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1 FOR UPDATE OF m`,
    [memberId],
  );
  return rows[0];
}

/** Failed attempts in the last day from this phone, and against this ID number. */
export async function countRecentFailures(q: Queryable, workerId: number, idHash: Buffer): Promise<{ byWorker: number; byId: number }> {
  const [r] = await q.query<{ byWorker: number; byId: number }>(
    `SELECT (SELECT count(*)::int FROM phone_change_attempt
              WHERE worker_id = $1 AND NOT is_match AND created_at > now() - interval '1 day') AS "byWorker",
            (SELECT count(*)::int FROM phone_change_attempt
              WHERE id_number_hash = $2 AND NOT is_match AND created_at > now() - interval '1 day') AS "byId"`,
    [workerId, idHash],
  );
  return r!;
}

export async function insertAttempt(q: Queryable, workerId: number, idHash: Buffer, isMatch: boolean): Promise<void> {
  await q.query(`INSERT INTO phone_change_attempt (worker_id, id_number_hash, is_match) VALUES ($1, $2, $3)`, [workerId, idHash, isMatch]);
}

export interface WorkerPhoneRow {
  id: number;
  memberId: number | null;
  phoneEnc: Buffer;
  phoneHash: Buffer;
  phoneMasked: string;
}

/** The one worker matching `condition` ($1 = value), locked for the change. */
async function lockWorkerWhere(q: Queryable, condition: 'id = $1' | 'phone_hash = $1', value: number | Buffer): Promise<WorkerPhoneRow | undefined> {
  const rows = await q.query<WorkerPhoneRow>(
    `SELECT id, member_id AS "memberId", phone_enc AS "phoneEnc", phone_hash AS "phoneHash", phone_masked AS "phoneMasked"
       FROM worker WHERE ${condition} FOR UPDATE`,
    [value],
  );
  return rows[0];
}

export async function getWorker(q: Queryable, workerId: number): Promise<WorkerPhoneRow | undefined> {
  return lockWorkerWhere(q, 'id = $1', workerId);
}

export async function findWorkerByPhoneHash(q: Queryable, phoneHash: Buffer): Promise<WorkerPhoneRow | undefined> {
  return lockWorkerWhere(q, 'phone_hash = $1', phoneHash);
}

/** Whether another member who has not left holds this phone number. */
export async function isPhoneHeldByOther(q: Queryable, phoneHash: Buffer, memberId: number): Promise<boolean> {
  const rows = await q.query(
    `SELECT 1 FROM member WHERE phone_hash = $1 AND id <> $2 AND status NOT IN ('left', 'deceased') LIMIT 1`,
    [phoneHash, memberId],
  );
  return rows.length > 0;
}

export async function setMemberPhone(q: Queryable, memberId: number, p: { phoneEnc: Buffer; phoneHash: Buffer; phoneMasked: string }): Promise<void> {
  await q.query(`UPDATE member SET phone_enc = $2, phone_hash = $3, phone_masked = $4, updated_at = now() WHERE id = $1`, [
    memberId,
    p.phoneEnc,
    p.phoneHash,
    p.phoneMasked,
  ]);
}

/** The member's phone log-in is no longer this worker's. */
export async function unlinkWorker(q: Queryable, workerId: number): Promise<void> {
  await q.query(`UPDATE worker SET member_id = NULL WHERE id = $1`, [workerId]);
}
