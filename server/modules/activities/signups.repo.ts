// Sign-ups: SQL only — a member's and an activity's sign-ups, cancellation and the waitlist, check-in.
// Signing up itself is in signup-batch.repo.ts.
import type { Queryable } from '../../db/client.ts';

export interface ReplayJson {
  hash: string;
  activityId: number;
  signupId: number;
  batchNo: number;
  status: string;
  seats: number;
  createdAt: string;
}

const createdText = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The answer stored under a member's key (the sign-ups' idempotency store: signup-answers.ts). */
export async function getReplay(q: Queryable, memberId: number, idemKey: string): Promise<ReplayJson | undefined> {
  const rows = await q.query<ReplayJson>(`SELECT encode(r.request_hash, 'hex') AS hash, r.activity_id AS "activityId", r.signup_id AS "signupId", s.batch_no AS "batchNo",
            r.answered_status AS status, s.seats, ${createdText('s.created_at')} AS "createdAt"
       FROM signup_request r JOIN activity_signup s ON s.id = r.signup_id WHERE r.member_id = $1 AND r.idem_key = $2`, [memberId, idemKey]);
  return rows[0];
}

export interface SignupRow {
  id: number;
  activityId: number;
  batchNo: number;
  memberId: number;
  seats: number;
  status: 'confirmed' | 'waitlisted' | 'entered' | 'cancelled';
  slot: number | null;
  checkedInAt: Date | null;
  allocation: 'first_come' | 'lottery';
  activityStatus: string;
  cancelDeadline: Date;
  title: string;
  orgPath: string;
  phoneEnc: Buffer | Uint8Array | null;
  name: string;
}

const signupColumns = `s.id, s.activity_id AS "activityId", s.batch_no AS "batchNo", s.member_id AS "memberId", s.seats, s.status,
  s.slot, s.checked_in_at AS "checkedInAt", a.allocation, a.status AS "activityStatus", a.cancel_deadline AS "cancelDeadline",
  a.title, o.path::text AS "orgPath", m.phone_enc AS "phoneEnc", m.name`;

/** A member's own sign-up, locked for a change. */
export async function getOwnSignupForUpdate(q: Queryable, memberId: number, signupId: number): Promise<SignupRow | undefined> {
  const rows = await q.query<SignupRow>(
    `SELECT ${signupColumns} FROM activity_signup s JOIN activity a ON a.id = s.activity_id JOIN org o ON o.id = a.org_id
       JOIN member m ON m.id = s.member_id
      WHERE s.id = $1 AND s.member_id = $2 FOR UPDATE OF s`,
    [signupId, memberId],
  );
  return rows[0];
}

export async function markSignupCancelled(q: Queryable, id: number, by: 'member' | 'activity'): Promise<void> {
  await q.query(`UPDATE activity_signup SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2 WHERE id = $1`, [id, by]);
}

/** Gives a confirmed sign-up's places (or a waitlisted one's waitlist place) back to its slot. */
export async function releaseSlot(q: Queryable, s: { activityId: number; batchNo: number; slot: number; seats: number; status: string }): Promise<void> {
  if (s.status === 'confirmed') {
    await q.query(`UPDATE activity_slot SET taken = taken - $4 WHERE activity_id = $1 AND batch_no = $2 AND slot = $3`, [s.activityId, s.batchNo, s.slot, s.seats]);
  } else if (s.status === 'waitlisted') {
    await q.query(`UPDATE activity_slot SET waited = waited - 1 WHERE activity_id = $1 AND batch_no = $2 AND slot = $3`, [s.activityId, s.batchNo, s.slot]);
  }
}

export interface PromotedRow {
  id: number;
  memberId: number;
  phoneEnc: Buffer | Uint8Array | null;
  name: string;
}

/**
 * Moves the head of a batch's waitlist onto a free place, when one fits: the waitlist place (if it
 * held one) goes back, the place is taken, the sign-up confirmed — in one statement. Undefined when
 * nobody waits or the head's seats fit in no slot.
 */
export async function promoteHead(q: Queryable, activityId: number, batchNo: number): Promise<PromotedRow | undefined> {
  const rows = await q.query<PromotedRow>(
    `WITH head AS (
        SELECT s.id, s.seats, s.slot FROM activity_signup s
         WHERE s.activity_id = $1 AND s.batch_no = $2 AND s.status = 'waitlisted'
         ORDER BY s.queue_pos NULLS LAST, s.id LIMIT 1 FOR UPDATE SKIP LOCKED),
      place AS (
        SELECT sl.slot FROM activity_slot sl, head
         WHERE sl.activity_id = $1 AND sl.batch_no = $2 AND sl.capacity - sl.taken >= head.seats
         ORDER BY sl.slot LIMIT 1 FOR UPDATE OF sl),
      adjust AS (
        -- one UPDATE for both rows: the place taken, and the waitlist place given back (maybe the same row)
        UPDATE activity_slot sl
           SET taken = sl.taken + CASE WHEN sl.slot = place.slot THEN head.seats ELSE 0 END,
               waited = sl.waited - CASE WHEN sl.slot IS NOT DISTINCT FROM head.slot THEN 1 ELSE 0 END
          FROM head, place
         WHERE sl.activity_id = $1 AND sl.batch_no = $2 AND (sl.slot = place.slot OR sl.slot = head.slot)
        RETURNING sl.slot),
      done AS (
        UPDATE activity_signup s SET status = 'confirmed', slot = place.slot, decided_at = now() FROM head, place
         WHERE s.id = head.id AND EXISTS (SELECT 1 FROM adjust) RETURNING s.id, s.member_id)
     SELECT done.id, done.member_id AS "memberId", m.phone_enc AS "phoneEnc", m.name
       FROM done JOIN member m ON m.id = done.member_id`,
    [activityId, batchNo],
  );
  return rows[0];
}

/** First-come batches, before their cancellation deadline, with a free place and someone waiting. */
export async function findPromotable(q: Queryable): Promise<{ activityId: number; batchNo: number }[]> {
  return q.query(
    `SELECT b.activity_id AS "activityId", b.batch_no AS "batchNo" FROM activity_batch b JOIN activity a ON a.id = b.activity_id
      WHERE a.status = 'published' AND now() < a.cancel_deadline
        AND EXISTS (SELECT 1 FROM activity_signup s WHERE s.activity_id = b.activity_id AND s.batch_no = b.batch_no AND s.status = 'waitlisted')
        AND EXISTS (SELECT 1 FROM activity_slot sl WHERE sl.activity_id = b.activity_id AND sl.batch_no = b.batch_no AND sl.taken < sl.capacity)
      LIMIT 100`,
  );
}

export interface MemberSignupRow {
  id: number;
  activityId: number;
  title: string;
  kind: string;
  startsAt: Date;
  location: string | null;
  activityStatus: string;
  batchNo: number;
  status: string;
  seats: number;
  waitlistAhead: number | null;
  checkedInAt: Date | null;
  cancelDeadline: Date;
  createdAt: Date;
}

export async function findMemberSignups(q: Queryable, memberId: number, limit: number, offset: number): Promise<{ items: MemberSignupRow[]; total: number }> {
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_signup WHERE member_id = $1`, [memberId]);
  const items = await q.query<MemberSignupRow>(
    `SELECT s.id, a.id AS "activityId", a.title, a.kind, a.starts_at AS "startsAt", a.location, a.status AS "activityStatus",
            s.batch_no AS "batchNo", s.status, s.seats, s.checked_in_at AS "checkedInAt", a.cancel_deadline AS "cancelDeadline",
            s.created_at AS "createdAt",
            CASE WHEN s.status = 'waitlisted' THEN
              (SELECT count(*)::int FROM activity_signup w
                WHERE w.activity_id = s.activity_id AND w.batch_no = s.batch_no AND w.status = 'waitlisted'
                  AND (coalesce(w.queue_pos, 0), w.id) < (coalesce(s.queue_pos, 0), s.id)) END AS "waitlistAhead"
       FROM activity_signup s JOIN activity a ON a.id = s.activity_id
      WHERE s.member_id = $1 ORDER BY s.id DESC LIMIT $2 OFFSET $3`,
    [memberId, limit, offset],
  );
  return { items, total: c?.n ?? 0 };
}

export interface StaffSignupRow {
  id: number;
  memberNo: string | null;
  name: string;
  orgName: string;
  batchNo: number;
  status: string;
  seats: number;
  checkedInAt: Date | null;
  createdAt: Date;
}

export async function findActivitySignups(
  q: Queryable,
  activityId: number,
  f: { status?: string | undefined; limit: number; offset: number },
): Promise<{ items: StaffSignupRow[]; total: number }> {
  const params: unknown[] = [activityId];
  let where = 's.activity_id = $1';
  if (f.status) {
    params.push(f.status);
    where += ` AND s.status = $2`;
  }
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_signup s WHERE ${where}`, params);
  const items = await q.query<StaffSignupRow>(
    `SELECT s.id, m.member_no AS "memberNo", m.name, o.name AS "orgName", s.batch_no AS "batchNo", s.status, s.seats,
            s.checked_in_at AS "checkedInAt", s.created_at AS "createdAt"
       FROM activity_signup s JOIN member m ON m.id = s.member_id JOIN org o ON o.id = m.org_id
      WHERE ${where} ORDER BY s.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** The live sign-ups of an activity with their members' phones (to tell them it is cancelled). */
export async function cancelAllSignups(q: Queryable, activityId: number): Promise<{ id: number; phoneEnc: Buffer | Uint8Array | null; name: string }[]> {
  return q.query(
    `WITH c AS (
        UPDATE activity_signup SET status = 'cancelled', cancelled_at = now(), cancelled_by = 'activity'
         WHERE activity_id = $1 AND status <> 'cancelled' RETURNING id, member_id)
     SELECT c.id, m.phone_enc AS "phoneEnc", m.name FROM c JOIN member m ON m.id = c.member_id`,
    [activityId],
  );
}

export async function zeroSlots(q: Queryable, activityId: number): Promise<void> {
  await q.query(`UPDATE activity_slot SET taken = 0, waited = 0 WHERE activity_id = $1`, [activityId]);
}

export interface CheckinResult {
  id: number;
  seats: number;
  checkedInAt: Date;
}

/** Checks a confirmed sign-up in, once. */
export async function checkIn(q: Queryable, activityId: number, memberId: number, staffId: number): Promise<CheckinResult | undefined> {
  const rows = await q.query<CheckinResult>(
    `UPDATE activity_signup SET checked_in_at = now(), checked_in_by = $3
      WHERE activity_id = $1 AND member_id = $2 AND status = 'confirmed' AND checked_in_at IS NULL
      RETURNING id, seats, checked_in_at AS "checkedInAt"`,
    [activityId, memberId, staffId],
  );
  return rows[0];
}

export async function getLiveSignupOf(q: Queryable, activityId: number, memberId: number): Promise<{ status: string; checkedInAt: Date | null } | undefined> {
  const rows = await q.query<{ status: string; checkedInAt: Date | null }>(
    `SELECT status, checked_in_at AS "checkedInAt" FROM activity_signup WHERE activity_id = $1 AND member_id = $2 AND status <> 'cancelled'`,
    [activityId, memberId],
  );
  return rows[0];
}

/** The member (and card standing) behind a member number, if the member's union lies anywhere. */
export async function findMemberByNo(q: Queryable, memberNo: string): Promise<{ memberId: number; name: string; cardStatus: string | null } | undefined> {
  const rows = await q.query<{ memberId: number; name: string; cardStatus: string | null }>(
    `SELECT m.id AS "memberId", m.name, c.status AS "cardStatus" FROM member m LEFT JOIN card c ON c.member_id = m.id WHERE m.member_no = $1`,
    [memberNo],
  );
  return rows[0];
}

export async function getActivityBrief(q: Queryable, activityId: number): Promise<{ title: string; orgPath: string } | undefined> {
  const rows = await q.query<{ title: string; orgPath: string }>(
    `SELECT a.title, o.path::text AS "orgPath" FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id = $1`,
    [activityId],
  );
  return rows[0];
}
