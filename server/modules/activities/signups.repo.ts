// Sign-ups: SQL only. The sign-up itself is one statement (one round trip, its own transaction):
// the window check, a place taken from one of the batch's counter slots (or a waitlist place), the
// sign-up row, the idempotency record and the member's notice — all or nothing.
import type { Queryable } from '../../db/client.ts';
import { memberInReach } from '../../http/scope.ts';
import { activityColumns, confirmedStartsSql } from './activities.repo.ts';
import { signupNoticesSql } from '../notices/notices.service.ts';

/** What the one read before a sign-up learns: the member, the activity, a replay, a live sign-up. */
export interface SignupFactsRow {
  status: string;
  birthDate: string;
  joinedOn: string;
  groups: string[];
  phoneEnc: Buffer | Uint8Array | null;
  name: string;
  orgPath: string;
  activity: Record<string, unknown> | null;
  /** the member's confirmed activities (kind, start) other than this one */
  confirmedStarts: { kind: string; activityId: number; startsAt: string }[];
  replay: ReplayJson | null;
  existingId: number | null;
}

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

/**
 * The one read before a sign-up: the member, the activity if it is in the member's reach (as JSON,
 * times as text), a stored answer under this key, and the member's live sign-up for it.
 */
export async function getSignupFacts(q: Queryable, memberId: number, activityId: number, idemKey: string): Promise<SignupFactsRow | undefined> {
  const rows = await q.query<SignupFactsRow>(
    `SELECT m.status, m.birth_date::text AS "birthDate", m.joined_on::text AS "joinedOn", m.groups, m.phone_enc AS "phoneEnc",
            m.name, mo.path::text AS "orgPath",
            (SELECT row_to_json(x) FROM (SELECT ${activityColumns} FROM activity a JOIN org o ON o.id = a.org_id
                                          WHERE a.id = $2 AND ${memberInReach('o.path', 'mo.path')}) x) AS activity,
            ${confirmedStartsSql('m.id', '$2')} AS "confirmedStarts",
            (${replaySelect('json')} WHERE r.member_id = m.id AND r.idem_key = $3) AS replay,
            (SELECT s.id FROM activity_signup s WHERE s.activity_id = $2 AND s.member_id = m.id AND s.status <> 'cancelled') AS "existingId"
       FROM member m JOIN org mo ON mo.id = m.org_id WHERE m.id = $1`,
    [memberId, activityId, idemKey],
  );
  return rows[0];
}

/** The read when the activity is known to be full: reach, a stored answer, a live sign-up — nothing else. */
export async function getQuickFacts(
  q: Queryable,
  memberId: number,
  activityId: number,
  idemKey: string,
): Promise<{ inReach: boolean; replay: ReplayJson | null; existingId: number | null } | undefined> {
  const rows = await q.query<{ inReach: boolean; replay: ReplayJson | null; existingId: number | null }>(
    `SELECT EXISTS (SELECT 1 FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id = $2 AND ${memberInReach('o.path', 'mo.path')}) AS "inReach",
            (${replaySelect('json')} WHERE r.member_id = m.id AND r.idem_key = $3) AS replay,
            (SELECT s.id FROM activity_signup s WHERE s.activity_id = $2 AND s.member_id = m.id AND s.status <> 'cancelled') AS "existingId"
       FROM member m JOIN org mo ON mo.id = m.org_id WHERE m.id = $1`,
    [memberId, activityId, idemKey],
  );
  return rows[0];
}

function replaySelect(as: 'json' | 'row'): string {
  const fields: [string, string][] = [
    ['hash', `encode(r.request_hash, 'hex')`],
    ['activityId', 'r.activity_id'],
    ['signupId', 'r.signup_id'],
    ['batchNo', 's.batch_no'],
    ['status', 'r.answered_status'],
    ['seats', 's.seats'],
    ['createdAt', createdText('s.created_at')],
  ];
  const list = as === 'json' ? `json_build_object(${fields.map(([k, v]) => `'${k}', ${v}`).join(', ')})` : fields.map(([k, v]) => `${v} AS "${k}"`).join(', ');
  return `SELECT ${list} FROM signup_request r JOIN activity_signup s ON s.id = r.signup_id`;
}

export interface SignupWrite {
  activityId: number;
  batchNo: number;
  memberId: number;
  seats: number;
  childAge: number | null;
  idemKey: string;
  requestHash: Buffer;
  /** the member's notice, sealed as queueSms would (null: no phone on file) */
  notice: { toEnc: Buffer; toHash: Buffer; toMasked: string; orgPath: string; delivered: boolean } | null;
  bodies: { confirmed: string; waitlisted: string; entered: string };
}

export interface SignupWriteResult {
  /** the batch was open (and the activity published) when the statement ran */
  isOpen: boolean;
  id: number | null;
  status: 'confirmed' | 'waitlisted' | 'entered' | null;
  createdAt: string | null;
}

// A free slot, preferring the one this database session owns (backend pid mod 16, so that concurrent
// sessions start on different rows); SKIP LOCKED moves on past rows other sign-ups hold this instant,
// and only when every row with room is held does the second form wait for one. READ COMMITTED
// re-checks the condition on the locked row's newest version, so a row filled meanwhile is passed over.
const pickSlot = (room: string, gate: string) => `coalesce(
    (SELECT s.slot FROM activity_slot s WHERE s.activity_id = $1 AND s.batch_no = $2 AND ${room} AND ${gate}
      ORDER BY (s.slot - pg_backend_pid() % 16 + 16) % 16 LIMIT 1 FOR UPDATE SKIP LOCKED),
    (SELECT s.slot FROM activity_slot s WHERE s.activity_id = $1 AND s.batch_no = $2 AND ${room} AND ${gate}
      ORDER BY (s.slot - pg_backend_pid() % 16 + 16) % 16 LIMIT 1 FOR UPDATE))`;

const firstComeDecision = `
  place AS (SELECT ${pickSlot('s.capacity - s.taken >= $4', 'EXISTS (SELECT 1 FROM gate)')} AS slot),
  took AS (
    UPDATE activity_slot s SET taken = s.taken + $4 FROM place p
     WHERE s.activity_id = $1 AND s.batch_no = $2 AND s.slot = p.slot AND s.capacity - s.taken >= $4
    RETURNING s.slot),
  wait AS (SELECT ${pickSlot('s.waited < s.wait_capacity', 'EXISTS (SELECT 1 FROM gate) AND NOT EXISTS (SELECT 1 FROM took)')} AS slot),
  waited AS (
    UPDATE activity_slot s SET waited = s.waited + 1 FROM wait w
     WHERE s.activity_id = $1 AND s.batch_no = $2 AND s.slot = w.slot AND s.waited < s.wait_capacity
    RETURNING s.slot),
  decision AS (
    SELECT CASE WHEN t.slot IS NOT NULL THEN 'confirmed' ELSE 'waitlisted' END AS status, coalesce(t.slot, w.slot) AS slot
      FROM (SELECT (SELECT slot FROM took) AS slot) t, (SELECT (SELECT slot FROM waited) AS slot) w
     WHERE t.slot IS NOT NULL OR w.slot IS NOT NULL)`;

const lotteryDecision = `
  decision AS (SELECT 'entered'::text AS status, NULL::smallint AS slot FROM gate)`;

function signupStatement(decision: string): string {
  return `
WITH gate AS (
    SELECT 1 FROM activity a JOIN activity_batch b ON b.activity_id = a.id AND b.batch_no = $2
     WHERE a.id = $1 AND a.status = 'published' AND b.signup_opens_at <= now() AND now() < b.signup_closes_at),
  ${decision},
  ins AS (
    INSERT INTO activity_signup (activity_id, batch_no, member_id, seats, child_age, status, slot, decided_at)
    SELECT $1, $2, $3, $4, $5, d.status, d.slot, CASE WHEN d.status = 'entered' THEN NULL ELSE now() END FROM decision d
    RETURNING id, status, ${createdText('created_at')} AS created),
  req AS (
    INSERT INTO signup_request (member_id, idem_key, request_hash, activity_id, signup_id, answered_status)
    SELECT $3, $6, $7, $1, id, status FROM ins),
  note AS (
    ${signupNoticesSql(`SELECT $8::bytea, $9::bytea, $10::text, CASE ins.status WHEN 'confirmed' THEN $13 WHEN 'waitlisted' THEN $14 ELSE $15 END
                          FROM ins WHERE $8::bytea IS NOT NULL`)})
SELECT EXISTS (SELECT 1 FROM gate) AS "isOpen", ins.id, ins.status, ins.created AS "createdAt"
  FROM (SELECT 1) one LEFT JOIN ins ON true`;
}

const FIRST_COME_SQL = signupStatement(firstComeDecision);
const LOTTERY_SQL = signupStatement(lotteryDecision);

/**
 * The sign-up in one statement. Throws the database's unique violation when the member already
 * has a live sign-up (activity_signup_member_key) or the key is taken (signup_request_pkey).
 */
export async function insertSignup(q: Queryable, allocation: 'first_come' | 'lottery', w: SignupWrite): Promise<SignupWriteResult> {
  const [r] = await q.query<SignupWriteResult>(allocation === 'lottery' ? LOTTERY_SQL : FIRST_COME_SQL, [
    w.activityId, w.batchNo, w.memberId, w.seats, w.childAge, w.idemKey, w.requestHash,
    w.notice?.toEnc ?? null, w.notice?.toHash ?? null, w.notice?.toMasked ?? null, w.notice?.orgPath ?? null, w.notice?.delivered ?? false,
    w.bodies.confirmed, w.bodies.waitlisted, w.bodies.entered,
  ]);
  return r!;
}

export async function getReplay(q: Queryable, memberId: number, idemKey: string): Promise<ReplayJson | undefined> {
  const rows = await q.query<ReplayJson>(`${replaySelect('row')} WHERE r.member_id = $1 AND r.idem_key = $2`, [memberId, idemKey]);
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
