// Crash test of sign-up (issue 4, "Bad input and faults"): the server killed with SIGKILL in the
// middle of a flash crowd and restarted — every sign-up that was acknowledged is there, none beyond
// the places, no half-written rows.
//
//   npx tsx bench/signup-crash.ts [--engine postgres|pglite] [--rounds 3] [--requests 1500]
//                                 [--connections 200] [--places 300] [--waitlist 100]
//
// Setup (as bench/signup.ts): a fresh database with the small demo; one first-come activity per
// round published by the province's admin through the API; the server stopped, members given live
// sessions straight in the database, the server started again; the sign-up window opens.
// Each round, on its own activity:
//  1. `requests` sign-ups of distinct members over `connections` kept-alive connections (node:http,
//     each with its own Idempotency-Key); every key and every answer (status, body bytes) kept;
//  2. SIGKILL of the server process once a random number of answers (5–40 % of the requests) came
//     back; no request is sent after that; the ones sent and not answered are "in flight";
//  3. the database opened directly (on PGlite: the data dir the killed process held) and checked:
//     every 201 is in activity_signup with the id, status, batch, seats and createdAt answered, and
//     its key row points at it; every refused or never-sent request left nothing; each in-flight
//     one left either everything (sign-up + key + notice) or nothing; per activity: confirmed seats
//     ≤ places, Σ taken = confirmed seats and Σ waited = waitlisted (and per counter row), the
//     dashboard's kept participants (057) = a direct count, no counter
//     row over capacity, no member twice among live sign-ups, sign-ups and key rows one to one,
//     exactly one notice per sign-up (members with a phone) and none other;
//  4. the server restarted on the same database: a retry of every acknowledged request with its key
//     returns 201 with the byte-identical body (Idempotent-Replayed); each in-flight request retried
//     with its key (a client retrying): a stored one is replayed, an absent one decided afresh; the
//     staff figures equal the database's; a new member signs up for a place still free (or a
//     waitlist place, or is told activity_full, as the figures say).
// After the last round the server is stopped and every activity checked once more. Exit code 1 on FAIL.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../server/db/client.ts';
import { callApi, freshTarget, openTarget, startServer, workerSessions, type BenchServer } from './bench-server.ts';
import { benchEngine, failureLog, numberArgs, parseArgs } from './common.ts';
import { pgliteDirState, pool, post, settlePostgres, type Sent } from './crash.ts';

const args = parseArgs(process.argv.slice(2), {
  engine: 'postgres', rounds: '3', requests: '1500', connections: '200', places: '300', waitlist: '100', port: '3193', name: 'gh_signup_crash',
});
const engine = benchEngine(args.engine);
const { rounds, requests, connections, places, waitlist, port } = numberArgs(args, ['rounds', 'requests', 'connections', 'places', 'waitlist', 'port']);

const { failures, fail, check } = failureLog();
const n = (x: number) => x.toLocaleString('en-US');

let server: BenchServer;
const api = <T>(method: string, path: string, token: string | null, body?: unknown) => callApi<T>(server.base, method, path, token, body);

// ---------------------------------------------------------------------------------------------
// Setup: the activities through the API, the members' sessions in the database.

const target = await freshTarget(engine, args.name);
console.log(`${engine}: first start (migrates and seeds the demo) …`);
server = await startServer(target, port);
const login = async () => (await api<{ token: string }>('POST', '/api/auth/login', null, { username: 'admin', password: 'gonghui-demo' })).token;
let staff = await login();
const provinceId = (await api<{ org: { id: number } }>('GET', '/api/me', staff)).org.id;
const opensAt = new Date(Date.now() + 30_000);
interface Activity {
  id: number;
  title: string;
  places: number;
  waitlist: number;
}
const activities: Activity[] = [];
const runTag = randomUUID().slice(0, 8);
for (let r = 1; r <= rounds; r++) {
  const title = `崩溃测试 ${runTag} 第 ${r} 轮`;
  const a = await api<{ id: number }>('POST', '/api/activities', staff, {
    title, kind: 'benefit', orgId: provinceId, places, waitlistPlaces: waitlist, allocation: 'first_come',
    signupOpensAt: opensAt.toISOString(), signupClosesAt: new Date(opensAt.getTime() + 3_600_000).toISOString(),
    startsAt: new Date(opensAt.getTime() + 7_200_000).toISOString(), location: '广州市越秀区',
  });
  activities.push({ id: a.id, title, places, waitlist });
}
await server.stop();

// The same `requests` members sign up in every round (each round its own activity); one more
// member per round signs up after the restart.
const membersNeeded = requests + rounds;
let db = await openTarget(target);
const members = await db.query<{ id: number; hasPhone: boolean }>(
  `SELECT m.id, m.phone_hash IS NOT NULL AS "hasPhone" FROM member m
    WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.member_id = m.id) ORDER BY m.id LIMIT $1`,
  [membersNeeded],
);
if (members.length < membersNeeded) throw new Error(`only ${members.length} members without a log-in`);
const tokens = await workerSessions(db, target.pii, { memberIds: members.map((m) => m.id) });
await db.close();
console.log(`${rounds} activities of ${places} places + ${waitlist} waitlist places; ${n(tokens.length)} members logged in (${members.filter((m) => m.hasPhone).length} with a phone for notices)`);

server = await startServer(target, port);
const wait = opensAt.getTime() - Date.now() + 500;
if (wait > 0) {
  console.log(`waiting ${(wait / 1000).toFixed(0)} s for the sign-up window …`);
  await sleep(wait);
}

// ---------------------------------------------------------------------------------------------
// Checks straight in the database.

interface Invariants {
  confirmedSeats: number;
  confirmed: number;
  waitlisted: number;
  otherStatus: number;
  taken: number;
  waited: number;
  capacity: number;
  waitCapacity: number;
  slots: number;
  overfull: number;
  slotMismatch: number;
  noSlot: number;
  duplicates: number;
  signupKeyless: number;
  keyMismatch: number;
  notices: number;
  signupsWithPhone: number;
  noticeMismatch: number;
  tallyParticipants: number;
  directParticipants: number;
}

/** The invariants of one activity, straight from the tables; the failed ones reported. */
async function invariants(q: Db, a: Activity, label: string): Promise<Invariants> {
  const [v] = await q.query<Invariants>(
    `SELECT
       (SELECT coalesce(sum(seats), 0)::int FROM activity_signup WHERE activity_id = $1 AND status = 'confirmed') AS "confirmedSeats",
       (SELECT count(*)::int FROM activity_signup WHERE activity_id = $1 AND status = 'confirmed') AS confirmed,
       (SELECT count(*)::int FROM activity_signup WHERE activity_id = $1 AND status = 'waitlisted') AS waitlisted,
       (SELECT count(*)::int FROM activity_signup WHERE activity_id = $1 AND status NOT IN ('confirmed', 'waitlisted')) AS "otherStatus",
       (SELECT coalesce(sum(taken), 0)::int FROM activity_slot WHERE activity_id = $1) AS taken,
       (SELECT coalesce(sum(waited), 0)::int FROM activity_slot WHERE activity_id = $1) AS waited,
       (SELECT coalesce(sum(capacity), 0)::int FROM activity_slot WHERE activity_id = $1) AS capacity,
       (SELECT coalesce(sum(wait_capacity), 0)::int FROM activity_slot WHERE activity_id = $1) AS "waitCapacity",
       (SELECT count(*)::int FROM activity_slot WHERE activity_id = $1) AS slots,
       (SELECT count(*)::int FROM activity_slot WHERE activity_id = $1
           AND (taken > capacity OR waited > wait_capacity OR taken < 0 OR waited < 0)) AS overfull,
       (SELECT count(*)::int FROM activity_slot sl WHERE sl.activity_id = $1
           AND (sl.taken <> (SELECT coalesce(sum(s.seats), 0) FROM activity_signup s
                              WHERE s.activity_id = sl.activity_id AND s.batch_no = sl.batch_no AND s.slot = sl.slot AND s.status = 'confirmed')
             OR sl.waited <> (SELECT count(*) FROM activity_signup s
                              WHERE s.activity_id = sl.activity_id AND s.batch_no = sl.batch_no AND s.slot = sl.slot AND s.status = 'waitlisted'))) AS "slotMismatch",
       (SELECT count(*)::int FROM activity_signup WHERE activity_id = $1 AND status IN ('confirmed', 'waitlisted') AND slot IS NULL) AS "noSlot",
       (SELECT count(*)::int FROM (SELECT member_id FROM activity_signup WHERE activity_id = $1 AND status <> 'cancelled'
                                    GROUP BY member_id HAVING count(*) > 1) d) AS duplicates,
       (SELECT count(*)::int FROM activity_signup s WHERE s.activity_id = $1
           AND (SELECT count(*) FROM signup_request r WHERE r.signup_id = s.id) <> 1) AS "signupKeyless",
       (SELECT count(*)::int FROM signup_request r LEFT JOIN activity_signup s ON s.id = r.signup_id
         WHERE r.activity_id = $1 AND (s.id IS NULL OR s.member_id <> r.member_id OR s.activity_id <> r.activity_id OR s.status <> r.answered_status)) AS "keyMismatch",
       (SELECT count(*)::int FROM outbox o WHERE o.kind = 'activity_signup' AND strpos(o.body, $2) > 0) AS notices,
       (SELECT count(*)::int FROM activity_signup s JOIN member m ON m.id = s.member_id WHERE s.activity_id = $1 AND m.phone_hash IS NOT NULL) AS "signupsWithPhone",
       (SELECT count(*)::int FROM activity_signup s JOIN member m ON m.id = s.member_id WHERE s.activity_id = $1 AND m.phone_hash IS NOT NULL
           AND (SELECT count(*) FROM outbox o WHERE o.to_hash = m.phone_hash AND o.kind = 'activity_signup' AND strpos(o.body, $2) > 0) <> 1) AS "noticeMismatch",
       -- the dashboard's kept tally (057) at the publishing union for the activity's month = a direct count
       (SELECT coalesce(sum(t.participants), 0)::int FROM activity_month t, activity a
         WHERE a.id = $1 AND t.org_id = a.org_id AND t.month = date_trunc('month', a.starts_at AT TIME ZONE 'Asia/Shanghai')::date) AS "tallyParticipants",
       (SELECT count(*)::int FROM activity a, org ao, activity x JOIN org xo ON xo.id = x.org_id JOIN activity_signup s ON s.activity_id = x.id
         WHERE a.id = $1 AND ao.id = a.org_id AND xo.path <@ ao.path AND x.status = 'published' AND s.status = 'confirmed'
           AND date_trunc('month', x.starts_at AT TIME ZONE 'Asia/Shanghai') = date_trunc('month', a.starts_at AT TIME ZONE 'Asia/Shanghai')) AS "directParticipants"`,
    [a.id, `“${a.title}”`],
  );
  const x = v!;
  const p = `${label}: activity ${a.id}`;
  check(x.confirmedSeats <= a.places, `${p}: ${x.confirmedSeats} confirmed seats > ${a.places} places`);
  check(x.capacity === a.places && x.waitCapacity === a.waitlist, `${p}: counter rows hold ${x.capacity} places + ${x.waitCapacity} waitlist places, published ${a.places} + ${a.waitlist}`);
  check(x.taken === x.confirmedSeats, `${p}: Σ taken ${x.taken} ≠ confirmed seats ${x.confirmedSeats}`);
  check(x.waited === x.waitlisted, `${p}: Σ waited ${x.waited} ≠ waitlisted ${x.waitlisted}`);
  check(x.otherStatus === 0, `${p}: ${x.otherStatus} sign-ups neither confirmed nor waitlisted`);
  check(x.overfull === 0, `${p}: ${x.overfull} counter rows over capacity`);
  check(x.slotMismatch === 0, `${p}: ${x.slotMismatch} counter rows whose taken/waited differ from their sign-ups`);
  check(x.noSlot === 0, `${p}: ${x.noSlot} sign-ups without a counter row`);
  check(x.duplicates === 0, `${p}: ${x.duplicates} members with more than one live sign-up`);
  check(x.signupKeyless === 0, `${p}: ${x.signupKeyless} sign-ups without exactly one signup_request row`);
  check(x.keyMismatch === 0, `${p}: ${x.keyMismatch} signup_request rows without their sign-up (or another member, activity or status)`);
  check(x.tallyParticipants === x.directParticipants, `${p}: the kept tally counts ${x.tallyParticipants} participants for its union and month, the sign-ups ${x.directParticipants}`);
  check(x.notices === x.signupsWithPhone && x.noticeMismatch === 0, `${p}: ${x.notices} notices for ${x.signupsWithPhone} sign-ups with a phone, ${x.noticeMismatch} without exactly one`);
  return x;
}

interface RequestRecord {
  member: number;
  token: string;
  key: string;
  result?: Sent;
  /** the answer came back after the SIGKILL was sent (the process had not died yet) */
  afterKill?: boolean;
}

interface Stored {
  member: number;
  key: string;
  keySignupId: number | null;
  keyStatus: string | null;
  signupId: number | null;
  status: string | null;
  batchNo: number | null;
  seats: number | null;
  createdAt: string | null;
  notices: number;
  hasPhone: boolean;
}

/** What the database holds for each request of a round: its key row, the member's live sign-up, notices. */
async function storedOf(q: Db, a: Activity, recs: RequestRecord[]): Promise<Stored[]> {
  return q.query<Stored>(
    `SELECT q.member_id AS member, q.idem_key AS key, r.signup_id AS "keySignupId", r.answered_status AS "keyStatus",
            s.id AS "signupId", s.status, s.batch_no AS "batchNo", s.seats,
            to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
            (SELECT count(*)::int FROM outbox o WHERE o.to_hash = m.phone_hash AND o.kind = 'activity_signup' AND strpos(o.body, $4) > 0) AS notices,
            m.phone_hash IS NOT NULL AS "hasPhone"
       FROM unnest($2::bigint[], $3::text[]) AS q(member_id, idem_key)
       JOIN member m ON m.id = q.member_id
       LEFT JOIN signup_request r ON r.member_id = q.member_id AND r.idem_key = q.idem_key
       LEFT JOIN activity_signup s ON s.activity_id = $1 AND s.member_id = q.member_id AND s.status <> 'cancelled'`,
    [a.id, recs.map((r) => r.member), recs.map((r) => r.key), `“${a.title}”`],
  );
}

type State = 'complete' | 'absent' | 'partial';
function stateOf(s: Stored): State {
  const noticeOk = s.notices === (s.hasPhone ? 1 : 0);
  if (s.signupId !== null && s.keySignupId === s.signupId && noticeOk) return 'complete';
  if (s.signupId === null && s.keySignupId === null && s.notices === 0) return 'absent';
  return 'partial';
}

// ---------------------------------------------------------------------------------------------
// The rounds.

interface RoundSummary {
  round: number;
  activity: number;
  killAt: number;
  killMs: number;
  sent: number;
  answered: number;
  acknowledged: number;
  ackConfirmed: number;
  ackWaitlisted: number;
  refused: Record<string, number>;
  answeredAfterKill: number;
  inFlight: number;
  inFlightComplete: number;
  inFlightAbsent: number;
  partial: number;
  neverSent: number;
  verifiedInDb: number;
  reopenMs: number;
  restartMs: number;
  replayedIdentical: number;
  inFlightRetried: Record<string, number>;
  newMember: string;
  db: Invariants;
}
const summaries: RoundSummary[] = [];

for (let round = 1; round <= rounds; round++) {
  const a = activities[round - 1]!;
  const failedBefore = failures.length;
  console.log(`\nround ${round}: activity ${a.id}, ${a.places} places + ${a.waitlist} waitlist places, ${n(requests)} sign-ups over ${connections} connections`);
  const recs: RequestRecord[] = Array.from({ length: requests }, (_, i) => ({ member: members[i]!.id, token: tokens[i]!, key: randomUUID() }));
  const lo = Math.round(requests * 0.05);
  const hi = Math.round(requests * 0.4);
  const killAt = lo + Math.floor(Math.random() * (hi - lo + 1));
  // then a random delay, so that the kill does not fall just after a batch's answers went out
  const killDelay = Math.floor(Math.random() * 40);

  // 1–2. The flash crowd, and the kill `killDelay` ms after `killAt` answers came back.
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const path = `/api/activities/${a.id}/signups`;
  let next = 0;
  let answered = 0;
  let armed = false;
  let killed = false;
  let killMs = 0;
  let answeredAtKill = 0;
  const victim = server;
  const died = new Promise<string>((resolve) => victim.process.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));
  const t0 = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (!killed && next < recs.length) {
      const rec = recs[next++]!;
      rec.result = await post(agent, server.base, path, rec.token, rec.key);
      if (rec.result.answer) {
        rec.afterKill = killed;
        if (++answered >= killAt && !armed) {
          armed = true;
          setTimeout(() => {
            killed = true;
            killMs = performance.now() - t0;
            answeredAtKill = answered;
            victim.process.kill('SIGKILL');
          }, killDelay);
        }
      }
    }
  }));
  agent.destroy();
  const how = await died;
  if (!killed) {
    fail(`round ${round}: the load ended before the kill (${answered} answers, kill after ${killAt})`);
    victim.process.kill('SIGKILL');
  }
  check(how === 'SIGKILL', `round ${round}: the server ended by ${how}, not SIGKILL`);

  const sent = recs.filter((r) => r.result?.sent);
  const withAnswer = recs.filter((r) => r.result?.answer);
  const acked = withAnswer.filter((r) => r.result!.answer!.status === 201);
  const refused: Record<string, number> = {};
  for (const r of withAnswer) {
    const s = r.result!.answer!.status;
    if (s === 201) continue;
    let code = String(s);
    try {
      code += ` ${(JSON.parse(r.result!.answer!.body.toString('utf8')) as { error?: string }).error ?? ''}`.trimEnd();
    } catch {
      // not JSON
    }
    refused[code] = (refused[code] ?? 0) + 1;
  }
  const inFlight = sent.filter((r) => !r.result!.answer);
  const neverSent = recs.filter((r) => !r.result?.sent);
  const ackBodies = new Map(acked.map((r) => [r, JSON.parse(r.result!.answer!.body.toString('utf8')) as { id: number; activityId: number; batchNo: number; status: string; seats: number; createdAt: string }]));
  console.log(
    `  killed ${killDelay} ms after answer ${killAt}, at answer ${answeredAtKill} (${(killMs / 1000).toFixed(2)} s into the load): sent ${n(sent.length)}, answered ${n(withAnswer.length)} ` +
      `(201×${acked.length}${Object.entries(refused).map(([k, v]) => `, ${k}×${v}`).join('')}; ${withAnswer.filter((r) => r.afterKill).length} after the kill was sent), ` +
      `in flight ${inFlight.length}, never sent ${n(neverSent.length)}`,
  );

  // 3. Straight in the database, before any restart.
  const settleMs = await settlePostgres(target);
  const dirState = engine === 'pglite' ? pgliteDirState(target) : '';
  const tOpen = performance.now();
  try {
    db = await openTarget(target);
  } catch (err) {
    const text = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    fail(`round ${round}: the database did not open after the SIGKILL: ${text}`);
    console.log((err as Error).stack ?? '');
    // what the server itself says when started on it
    try {
      server = await startServer(target, port);
      console.log('  the server, however, started on it');
      await server.stop();
    } catch (e) {
      console.log(`  the server did not start on it either: ${(e as Error).message}`);
    }
    break;
  }
  const reopenMs = Math.round(performance.now() - tOpen);
  console.log(`  database opened after the kill in ${reopenMs} ms${engine === 'postgres' ? ` (the killed server's backends gone after ${settleMs} ms)` : ` (the data dir the killed process held; ${dirState})`}`);
  const stored = new Map((await storedOf(db, a, recs)).map((s) => [s.key, s]));
  let verified = 0;
  let ackVerified = 0;
  let inFlightComplete = 0;
  let inFlightAbsent = 0;
  let partial = 0;
  for (const rec of recs) {
    const s = stored.get(rec.key);
    if (!check(s !== undefined, `round ${round}: member ${rec.member} not found`)) continue;
    const st = stateOf(s!);
    if (st === 'partial') {
      partial++;
      fail(`round ${round}: half-written request (member ${rec.member}, key ${rec.key}): ${JSON.stringify(s)}`);
      continue;
    }
    const ans = rec.result?.answer;
    if (ans?.status === 201) {
      const b = ackBodies.get(rec)!;
      const ok = st === 'complete' && s!.signupId === b.id && s!.status === b.status && s!.keyStatus === b.status && b.activityId === a.id &&
        s!.batchNo === b.batchNo && s!.seats === b.seats && s!.createdAt === b.createdAt;
      if (check(ok, `round ${round}: acknowledged sign-up ${b.id} (${b.status}) of member ${rec.member} not as answered: ${JSON.stringify(s)}`)) {
        verified++;
        ackVerified++;
      }
    } else if (ans) {
      if (check(st === 'absent', `round ${round}: refused request (${ans.status}) of member ${rec.member} left rows: ${JSON.stringify(s)}`)) verified++;
    } else if (rec.result?.sent) {
      if (st === 'complete') inFlightComplete++;
      else inFlightAbsent++;
      verified++;
    } else if (check(st === 'absent', `round ${round}: never-sent request of member ${rec.member} left rows: ${JSON.stringify(s)}`)) verified++;
  }
  let inv: Invariants | undefined;
  for (const x of activities.slice(0, round)) {
    const v = await invariants(db, x, `round ${round} after the kill`);
    if (x === a) inv = v;
  }
  await db.close();
  console.log(
    `  in the database: ${acked.length} acknowledged → ${ackVerified} there as answered; ` +
      `in flight: ${inFlightComplete} complete, ${inFlightAbsent} absent, ${partial} half-written; ${verified} of ${n(requests)} requests verified`,
  );
  console.log(
    `  activity: ${inv!.confirmedSeats} confirmed seats ≤ ${a.places}, Σ taken ${inv!.taken}; ${inv!.waitlisted} waitlisted, Σ waited ${inv!.waited} ≤ ${a.waitlist}; ` +
      `rows over capacity ${inv!.overfull}, counter rows ≠ their sign-ups ${inv!.slotMismatch}, members twice ${inv!.duplicates}, ` +
      `sign-up↔key mismatches ${inv!.signupKeyless + inv!.keyMismatch}, notices ${inv!.notices} for ${inv!.signupsWithPhone}`,
  );

  // 4. Restart on the same database; retries through the API.
  const tStart = performance.now();
  try {
    server = await startServer(target, port);
  } catch (err) {
    fail(`round ${round}: the server did not start again: ${(err as Error).message}`);
    break;
  }
  const restartMs = Math.round(performance.now() - tStart);
  staff = await login();
  const retryAgent = new http.Agent({ keepAlive: true, maxSockets: 20 });
  let identical = 0;
  await pool(acked, 20, async (rec) => {
    const r = await post(retryAgent, server.base, path, rec.token, rec.key);
    const first = rec.result!.answer!.body;
    if (check(r.answer?.status === 201 && r.answer.replayed && r.answer.body.equals(first),
      `round ${round}: retry of acknowledged key ${rec.key}: ${r.answer?.status ?? r.error} replayed=${r.answer?.replayed} ${r.answer?.body.toString('utf8')} ≠ ${first.toString('utf8')}`)) identical++;
  });
  // The server answers normally: its figures are the database's, and a new member signs up.
  type Figures = { placesTaken: number; waitlisted: number };
  const figures = async () => (await api<{ figures: Figures }>('GET', `/api/activities/${a.id}`, staff)).figures;
  const before = await figures();
  check(before.placesTaken === inv!.confirmedSeats && before.waitlisted === inv!.waitlisted,
    `round ${round}: API figures ${JSON.stringify(before)} ≠ database ${inv!.confirmedSeats} taken, ${inv!.waitlisted} waitlisted`);
  const expect = before.placesTaken < a.places ? 'confirmed' : before.waitlisted < a.waitlist ? 'waitlisted' : 'activity_full';
  const fresh = await post(retryAgent, server.base, path, tokens[requests + round - 1]!, randomUUID());
  const freshBody = fresh.answer ? (JSON.parse(fresh.answer.body.toString('utf8')) as { status?: string; error?: string }) : undefined;
  const got = fresh.answer ? (fresh.answer.status === 201 ? freshBody?.status : freshBody?.error) : `error ${fresh.error}`;
  check(got === expect, `round ${round}: a new member's sign-up: ${fresh.answer?.status} ${got}, expected ${expect} (figures ${JSON.stringify(before)})`);

  // The clients whose requests were in flight retry them with their keys.
  const inFlightRetried: Record<string, number> = {};
  await pool(inFlight, 20, async (rec) => {
    const s = stored.get(rec.key)!;
    const r = await post(retryAgent, server.base, path, rec.token, rec.key);
    const body = r.answer ? (JSON.parse(r.answer.body.toString('utf8')) as { id?: number; status?: string; error?: string }) : undefined;
    let label: string;
    if (s.signupId !== null) {
      label = 'replayed';
      check(r.answer?.status === 201 && r.answer.replayed && body?.id === s.signupId && body.status === s.status,
        `round ${round}: retry of in-flight key ${rec.key} stored as sign-up ${s.signupId}: ${r.answer?.status ?? r.error} ${r.answer?.body.toString('utf8')}`);
    } else {
      label = r.answer ? (r.answer.status === 201 ? `new ${body?.status}` : `${r.answer.status} ${body?.error ?? ''}`.trimEnd()) : `error ${r.error}`;
      check(r.answer !== undefined && !r.answer.replayed && (r.answer.status === 201 || body?.error === 'activity_full'),
        `round ${round}: retry of absent in-flight key ${rec.key}: ${r.answer?.status ?? r.error} ${r.answer?.body.toString('utf8')}`);
    }
    inFlightRetried[label] = (inFlightRetried[label] ?? 0) + 1;
  });
  retryAgent.destroy();
  const after = await figures();
  const added = (x: string) => (got === x ? 1 : 0) + (inFlightRetried[`new ${x}`] ?? 0);
  check(after.placesTaken === before.placesTaken + added('confirmed') && after.waitlisted === before.waitlisted + added('waitlisted'),
    `round ${round}: API figures after the retries ${JSON.stringify(after)} ≠ ${JSON.stringify(before)} + the new member + ${JSON.stringify(inFlightRetried)}`);
  const health = await fetch(`${server.base}/healthz`);
  check(health.ok, `round ${round}: /healthz ${health.status}`);
  console.log(
    `  restarted in ${(restartMs / 1000).toFixed(1)} s; retries of ${acked.length} acknowledged: ${identical} byte-identical (Idempotent-Replayed); ` +
      `in-flight retried: ${Object.entries(inFlightRetried).map(([k, v]) => `${k}×${v}`).join(', ') || 'none'}; ` +
      `a new member: ${fresh.answer?.status} ${got} (figures then: ${before.placesTaken} taken, ${before.waitlisted} waitlisted)`,
  );
  const ok = failures.length === failedBefore;
  console.log(`  round ${round}: ${ok ? 'PASS' : 'FAIL'}`);
  summaries.push({
    round, activity: a.id, killAt: answeredAtKill, killMs: Math.round(killMs), sent: sent.length, answered: withAnswer.length, acknowledged: acked.length,
    ackConfirmed: [...ackBodies.values()].filter((b) => b.status === 'confirmed').length,
    ackWaitlisted: [...ackBodies.values()].filter((b) => b.status === 'waitlisted').length,
    refused, answeredAfterKill: withAnswer.filter((r) => r.afterKill).length, inFlight: inFlight.length, inFlightComplete, inFlightAbsent, partial,
    neverSent: neverSent.length, verifiedInDb: verified, reopenMs, restartMs, replayedIdentical: identical, inFlightRetried, newMember: `${fresh.answer?.status} ${got}`, db: inv!,
  });
}

// ---------------------------------------------------------------------------------------------
// After the last round: stopped cleanly, every activity once more.

if (server.process.exitCode === null && server.process.signalCode === null) await server.stop();
if (summaries.length === rounds) {
  db = await openTarget(target);
  for (const a of activities) await invariants(db, a, 'final');
  await db.close();
}

console.log(`\n| round | kill at answer (s) | sent | acknowledged (confirmed + waitlisted) | refused | in flight (complete / absent) | never sent | verified | half-written | replays identical | new member |`);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const s of summaries) {
  console.log(
    `| ${s.round} | ${s.killAt} (${(s.killMs / 1000).toFixed(2)}) | ${n(s.sent)} | ${s.acknowledged} (${s.ackConfirmed} + ${s.ackWaitlisted}) | ${Object.entries(s.refused).map(([k, v]) => `${k}×${v}`).join(' ') || 0} | ` +
      `${s.inFlight} (${s.inFlightComplete} / ${s.inFlightAbsent}) | ${n(s.neverSent)} | ${n(s.verifiedInDb)} of ${n(requests)} | ${s.partial} | ${s.replayedIdentical} of ${s.acknowledged} | ${s.newMember} |`,
  );
}
const pass = failures.length === 0 && summaries.length === rounds;
console.log(`\n${engine}: ${pass ? 'PASS' : 'FAIL'} — ${summaries.length} of ${rounds} rounds${failures.length ? `, ${failures.length} failures:\n  ${failures.slice(0, 20).join('\n  ')}` : ''}`);
if (!pass) process.exitCode = 1;
