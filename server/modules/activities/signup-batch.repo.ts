// Sign-ups served in batches: the SQL. A batch is the sign-ups of one activity that arrived while
// the previous batch was being written; it costs one read of the members' facts and one short
// transaction for all of them (see signup-batch.ts).
import type { Queryable, Tx } from '../../db/client.ts';
import { memberInReach } from '../../http/scope.ts';
import { activityColumns, confirmedStartsSql, type ActivityRow } from './activities.repo.ts';
import { signupNoticesSql } from '../notices/notices.service.ts';
import type { ReplayJson } from './signups.repo.ts';

export interface MemberSignupFacts {
  memberId: number;
  idemKey: string;
  status: string;
  birthDate: string;
  joinedOn: string;
  groups: string[];
  name: string;
  /** the activity lies in the member's reach (its publishing union is the member's union or above) */
  inReach: boolean;
  /** the member's confirmed activities (kind, start) other than this one */
  confirmedStarts: { kind: string; activityId: number; startsAt: string }[];
  replay: ReplayJson | null;
  existingId: number | null;
  /** the activity, as row_to_json gives it, on the first row only (null on the others, and when full) */
  activity: Record<string, unknown> | null;
}

const createdText = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const replayJson = `(SELECT json_build_object('hash', encode(r.request_hash, 'hex'), 'activityId', r.activity_id, 'signupId', r.signup_id,
         'batchNo', s.batch_no, 'status', r.answered_status, 'seats', s.seats, 'createdAt', ${createdText('s.created_at')})
    FROM signup_request r JOIN activity_signup s ON s.id = r.signup_id WHERE r.member_id = m.id AND r.idem_key = q.idem_key)`;

const DATE_FIELDS = ['signupOpensAt', 'signupClosesAt', 'startsAt', 'endsAt', 'cancelDeadline', 'createdAt'] as const;

/** The activity row as row_to_json gave it, times back to dates. */
export function activityFromJson(j: Record<string, unknown>): ActivityRow {
  const a = { ...j } as Record<string, unknown>;
  for (const k of DATE_FIELDS) if (typeof a[k] === 'string') a[k] = new Date(a[k] as string);
  return a as unknown as ActivityRow;
}

/**
 * What the sign-up rules need of each member asking at once, in one query: the member, whether the
 * activity is in reach, a stored answer under the member's key, the member's live sign-up, and (on
 * the first row, read once) the activity — one round trip for a batch, as for a sign-up on its own.
 * `full` (the activity is known to be full) asks only what a refusal needs.
 *
 * A batch of one reads its member from two scalar parameters, not from `unnest`: the statements are
 * prepared, and PostgreSQL prices a generic plan over `unnest($2)` at 100 rows, so a one-member read
 * over it was never given the generic plan and was planned again on every sign-up (~0.5 ms of
 * PostgreSQL's CPU, more than the read itself: docs/BENCHMARKS.md, bench/signup-statements.ts).
 */
export async function getMembersFacts(
  q: Queryable,
  activityId: number,
  asks: { memberId: number; idemKey: string }[],
  full: boolean,
): Promise<MemberSignupFacts[]> {
  const one = asks.length === 1;
  return q.query<MemberSignupFacts>(
    `SELECT m.id AS "memberId", q.idem_key AS "idemKey", m.status, m.name,
            ${full ? `NULL AS "birthDate", NULL AS "joinedOn", NULL AS groups, '[]'::json AS "confirmedStarts",` : `m.birth_date::text AS "birthDate", m.joined_on::text AS "joinedOn", m.groups,
            ${confirmedStartsSql('m.id', '$1')} AS "confirmedStarts",`}
            EXISTS (SELECT 1 FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id = $1 AND ${memberInReach('o.path', 'mo.path')}) AS "inReach",
            ${replayJson} AS replay,
            (SELECT s.id FROM activity_signup s WHERE s.activity_id = $1 AND s.member_id = m.id AND s.status <> 'cancelled') AS "existingId",
            ${full ? 'NULL::json' : `CASE WHEN row_number() OVER () = 1 THEN (SELECT row_to_json(x) FROM (SELECT ${activityColumns} FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id = $1) x) END`} AS activity
       FROM ${one ? '(VALUES ($2::bigint, $3::text))' : 'unnest($2::bigint[], $3::text[])'} AS q(member_id, idem_key)
       JOIN member m ON m.id = q.member_id
       JOIN org mo ON mo.id = m.org_id`,
    one ? [activityId, asks[0]!.memberId, asks[0]!.idemKey] : [activityId, asks.map((a) => a.memberId), asks.map((a) => a.idemKey)],
  );
}

/**
 * Locks the counter rows of the batch when sign-up is open (the activity published, the batch's
 * window now); none when it is not. The caller allocates among them and writes in the same transaction.
 */
export async function lockOpenSlots(tx: Tx, activityId: number, batchNo: number): Promise<{ slot: number; free: number; waitFree: number }[]> {
  return tx.query(
    `SELECT s.slot, s.capacity - s.taken AS free, s.wait_capacity - s.waited AS "waitFree"
       FROM activity_slot s
      WHERE s.activity_id = $1 AND s.batch_no = $2
        AND EXISTS (SELECT 1 FROM activity a JOIN activity_batch b ON b.activity_id = a.id AND b.batch_no = $2
                     WHERE a.id = $1 AND a.status = 'published' AND b.signup_opens_at <= now() AND now() < b.signup_closes_at)
      ORDER BY s.slot
        FOR UPDATE OF s`,
    [activityId, batchNo],
  );
}

export interface BatchSignup {
  memberId: number;
  seats: number;
  childAge: number | null;
  status: 'confirmed' | 'waitlisted' | 'entered';
  /** the counter row holding the place (confirmed) or waitlist place (waitlisted); null for a lottery entry */
  slot: number | null;
  idemKey: string;
  requestHash: Buffer;
  /** the member's notice; it goes to the member's phone on file, if any */
  body: string;
}

/**
 * Writes a batch's sign-ups in one statement: the counters (each row once, by its sums), the
 * sign-ups, their idempotency records and the notices to the members' phones (sealed as stored).
 * Throws the unique violation when a member already has a live sign-up or the key is taken.
 */
export async function writeBatch(
  q: Queryable,
  activityId: number,
  batchNo: number,
  rows: BatchSignup[],
  notice: { orgPath: string; delivered: boolean },
): Promise<{ memberId: number; id: number; status: 'confirmed' | 'waitlisted' | 'entered'; createdAt: string }[]> {
  return q.query(
    `WITH req AS (
       SELECT * FROM unnest($3::bigint[], $4::int[], $5::int[], $6::text[], $7::int[], $8::text[], $9::bytea[], $10::text[])
                AS r(member_id, seats, child_age, status, slot, idem_key, request_hash, body)
     ), counters AS (
       UPDATE activity_slot s SET taken = s.taken + c.taken, waited = s.waited + c.waited
         FROM (SELECT slot, coalesce(sum(seats) FILTER (WHERE status = 'confirmed'), 0)::int AS taken,
                      count(*) FILTER (WHERE status = 'waitlisted')::int AS waited
                 FROM req WHERE slot IS NOT NULL GROUP BY slot) c
        WHERE s.activity_id = $1 AND s.batch_no = $2 AND s.slot = c.slot
     ), ins AS (
       INSERT INTO activity_signup (activity_id, batch_no, member_id, seats, child_age, status, slot, decided_at)
       SELECT $1, $2, member_id, seats, child_age, status, slot, CASE WHEN status = 'entered' THEN NULL ELSE now() END FROM req
       RETURNING id, member_id, status, ${createdText('created_at')} AS created
     ), requests AS (
       INSERT INTO signup_request (member_id, idem_key, request_hash, activity_id, signup_id, answered_status)
       SELECT ins.member_id, req.idem_key, req.request_hash, $1, ins.id, ins.status FROM ins JOIN req ON req.member_id = ins.member_id
     ), notices AS (
       ${signupNoticesSql(`SELECT m.phone_enc, m.phone_hash, m.phone_masked, req.body
                             FROM ins JOIN req ON req.member_id = ins.member_id JOIN member m ON m.id = ins.member_id
                            WHERE m.phone_enc IS NOT NULL`)}
     )
     SELECT member_id AS "memberId", id, status, created AS "createdAt" FROM ins`,
    [
      activityId, batchNo, rows.map((r) => r.memberId), rows.map((r) => r.seats), rows.map((r) => r.childAge), rows.map((r) => r.status),
      rows.map((r) => r.slot), rows.map((r) => r.idemKey), rows.map((r) => r.requestHash), rows.map((r) => r.body),
      notice.orgPath, notice.delivered,
    ],
  );
}

export interface SignupWrite {
  activityId: number;
  batchNo: number;
  memberId: number;
  seats: number;
  childAge: number | null;
  idemKey: string;
  requestHash: Buffer;
  /** the member's notice by the status given; it goes to the member's phone on file, if any */
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
    ${signupNoticesSql(`SELECT m.phone_enc, m.phone_hash, m.phone_masked, CASE ins.status WHEN 'confirmed' THEN $8::text WHEN 'waitlisted' THEN $9::text ELSE $10::text END
                          FROM ins JOIN member m ON m.id = $3 WHERE m.phone_enc IS NOT NULL`)})
SELECT EXISTS (SELECT 1 FROM gate) AS "isOpen", ins.id, ins.status, ins.created AS "createdAt"
  FROM (SELECT 1) one LEFT JOIN ins ON true`;
}

const FIRST_COME_SQL = signupStatement(firstComeDecision);
const LOTTERY_SQL = signupStatement(lotteryDecision);

/**
 * A batch of one sign-up, in one statement (one round trip, its own transaction): the window check,
 * a place taken from one of the batch's counter rows (or a waitlist place), the sign-up row, the
 * idempotency record and the member's notice — all or nothing. Throws the database's unique violation
 * when the member already has a live sign-up (activity_signup_member_key) or the key is taken
 * (signup_request_pkey).
 */
export async function writeOne(
  q: Queryable,
  allocation: 'first_come' | 'lottery',
  w: SignupWrite,
  notice: { orgPath: string; delivered: boolean },
): Promise<SignupWriteResult> {
  const [r] = await q.query<SignupWriteResult>(allocation === 'lottery' ? LOTTERY_SQL : FIRST_COME_SQL, [
    w.activityId, w.batchNo, w.memberId, w.seats, w.childAge, w.idemKey, w.requestHash,
    w.bodies.confirmed, w.bodies.waitlisted, w.bodies.entered, notice.orgPath, notice.delivered,
  ]);
  return r!;
}
