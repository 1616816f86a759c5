// Crash test of the points ledger (issue 5, "Bad input and faults"): the server killed with SIGKILL
// during a mass issue and restarted — each member credited exactly once, the invariants hold.
//
//   npx tsx bench/points-crash.ts [--engine postgres|pglite] [--rounds 3] [--amount 10]
//                                 [--members 200] [--streams 4]
//
// Setup: a fresh database with the small demo (first start of the real server); `members` active
// members of one city given live sessions straight in the database (as bench/signup.ts does).
// Timing (round 0, no kill): the province's admin issues points to every active member of the
// province (one request, an Idempotency-Key) — the first issue also makes the member accounts —
// then a second one (accounts there), then a retry of the second (replayed); members per second.
// Each round:
//  1. a snapshot of every member's balance and of the operations (server stopped; PGlite's data
//     dir can only be opened by one process);
//  2. the mass issue to the province with a new key, and alongside it `streams` loops of small
//     operations — issues by the city to 20 of the logged-in members, and redemptions of 1 point by
//     logged-in members — each with its own key; SIGKILL of the server at a random moment while the
//     mass issue is in flight (10–200 % of the second timing issue’s duration after it was sent);
//  3. the database opened directly after the kill: the mass issue either fully happened (its one
//     operation, one entry for every active member of the province, none twice, memberCount and
//     amount as such) or not at all (no operation under its key); every acknowledged small operation
//     is there as answered, every refused one is not, in-flight ones either; each member's balance
//     moved by exactly what the operations stored since the snapshot give it; no operation not
//     ours; the invariant checker (checkPointInvariants) passes;
//  4. restart on the same database: the mass issue retried with its key — answered with the stored
//     answer byte for byte (Idempotent-Replayed) if it had committed, else issued now — and once
//     more (replayed, identical); the in-flight small operations retried with their keys;
//  5. the server stopped, the database checked again: the mass issue exactly once, each member's
//     balance moved by exactly its operations, the invariants; balances = sums of entries.
// Exit code 1 on FAIL.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../server/db/client.ts';
import { checkPointInvariants } from '../server/modules/points/invariants.ts';
import { callApi, freshTarget, openTarget, startServer, workerSessions, type BenchServer } from './bench-server.ts';
import { benchEngine, failureLog, numberArgs, parseArgs } from './common.ts';
import { pgliteDirState, settlePostgres } from './crash.ts';

const args = parseArgs(process.argv.slice(2), {
  engine: 'postgres', rounds: '3', amount: '10', members: '200', streams: '4', port: '3194', name: 'gh_points_crash',
});
const engine = benchEngine(args.engine);
const { rounds, amount, members: membersLoggedIn, streams, port } = numberArgs(args, ['rounds', 'amount', 'members', 'streams', 'port']);

const { failures, fail, check } = failureLog();
const n = (x: number) => x.toLocaleString('en-US');
const startedAt = performance.now();
const elapsed = () => `${((performance.now() - startedAt) / 1000).toFixed(0)} s`;

// ---------------------------------------------------------------------------------------------
// HTTP: a write with an Idempotency-Key, keeping the answer's bytes (or the error when none came).

interface Answer {
  status: number;
  body: string;
  replayed: boolean;
}
interface Outcome {
  answer?: Answer;
  error?: string;
}

async function write(base: string, path: string, token: string, key: string, body: unknown): Promise<Outcome> {
  try {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { answer: { status: res.status, body: text, replayed: res.headers.get('idempotent-replayed') === 'true' } };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    return { error: cause?.code ?? (err as Error).message };
  }
}

const errorOf = (a: Answer) => {
  try {
    return (JSON.parse(a.body) as { error?: string }).error ?? '';
  } catch {
    return 'not JSON';
  }
};

// ---------------------------------------------------------------------------------------------
// Setup.

const target = await freshTarget(engine, args.name);
console.log(`${engine}: first start (migrates and seeds the demo) …`);
let server: BenchServer = await startServer(target, port);
const login = async () => (await callApi<{ token: string }>(server.base, 'POST', '/api/auth/login', null, { username: 'admin', password: 'gonghui-demo' })).token;
let staff = await login();
const provinceId = (await callApi<{ org: { id: number } }>(server.base, 'GET', '/api/me', staff)).org.id;
await server.stop();

let db: Db = await openTarget(target);
const [province] = await db.query<{ path: string; active: number }>(
  `SELECT g.path::text AS path, (SELECT count(*)::int FROM member m JOIN org s ON s.id = m.org_id WHERE s.path <@ g.path AND m.status = 'active') AS active
     FROM org g WHERE g.id = $1`,
  [provinceId],
);
const provinceActive = province!.active;
// the city with the most active members: its logged-in members take part in the small operations
const [city] = await db.query<{ id: number; name: string; path: string; active: number }>(
  `SELECT c.id, c.name, c.path::text AS path, count(*)::int AS active
     FROM org c JOIN org s ON s.path <@ c.path JOIN member m ON m.org_id = s.id AND m.status = 'active'
    WHERE c.level = 'city' GROUP BY c.id ORDER BY 4 DESC LIMIT 1`,
);
const cityMembers = (await db.query<{ id: number }>(
  `SELECT m.id FROM member m JOIN org s ON s.id = m.org_id
    WHERE s.path <@ $1::ltree AND m.status = 'active' AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.member_id = m.id) ORDER BY m.id LIMIT $2`,
  [city!.path, membersLoggedIn],
)).map((r) => r.id);
const tokens = await workerSessions(db, target.pii, { memberIds: cityMembers });
await db.close();
console.log(`the province (${provinceId}): ${n(provinceActive)} active members; ${city!.name} (${city!.id}): ${n(city!.active)}, ${tokens.length} of them logged in`);

const issuePath = '/api/points/issues';
const redeemPath = '/api/me/points/redemptions';
const massBody = (round: number) => ({ orgId: provinceId, amount, reason: `崩溃测试第 ${round} 轮全省发放` });

// ---------------------------------------------------------------------------------------------
// Round 0: timing, no kill.

interface Timing {
  first: number;
  second: number;
  retry: number;
  members: number;
  check: number;
}
server = await startServer(target, port);
staff = await login();
const timed = async (label: string) => {
  const key = randomUUID();
  const t0 = performance.now();
  const out = await write(server.base, issuePath, staff, key, massBody(0));
  const ms = performance.now() - t0;
  const body = out.answer && (JSON.parse(out.answer.body) as { memberCount: number });
  if (!check(out.answer?.status === 201 && body?.memberCount === provinceActive, `timing (${label}): ${out.answer?.status ?? out.error} ${out.answer?.body}`)) return { ms, key };
  console.log(`  ${label}: ${n(body!.memberCount)} members credited in ${(ms / 1000).toFixed(2)} s (${n(Math.round(body!.memberCount / (ms / 1000)))} members/s)`);
  return { ms, key };
};
console.log(`\nround 0 (timing, no kill; at ${elapsed()}): mass issue to the province`);
const first = await timed('first issue (member accounts made)');
const second = await timed('second issue (accounts there)');
const tr = performance.now();
const replay = await write(server.base, issuePath, staff, second.key, massBody(0));
const retryMs = performance.now() - tr;
check(replay.answer?.status === 201 && replay.answer.replayed, `timing: retry of the second issue not replayed: ${replay.answer?.status ?? replay.error}`);
console.log(`  retry of the second issue (same key): ${replay.answer?.status} replayed=${replay.answer?.replayed} in ${retryMs.toFixed(0)} ms`);
await server.stop();
const timing: Timing = { first: first.ms, second: second.ms, retry: retryMs, members: provinceActive, check: 0 };

// ---------------------------------------------------------------------------------------------
// What the database holds.

interface Snapshot {
  balances: Map<number, number>;
  operations: number;
}
async function snapshot(q: Db): Promise<Snapshot> {
  const rows = await q.query<{ m: number; b: number }>(`SELECT member_id AS m, balance::bigint AS b FROM point_account WHERE kind = 'member'`);
  const [ops] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM point_operation`);
  return { balances: new Map(rows.map((r) => [Number(r.m), Number(r.b)])), operations: ops!.n };
}

interface StoredOp {
  key: string;
  id: number;
  kind: string;
  memberCount: number;
  amount: number;
  answer: string;
}
/** The operations stored under `keys`, with the answer the server would rebuild from the row. */
async function storedOps(q: Db, keys: string[]): Promise<Map<string, StoredOp>> {
  const rows = await q.query<{ key: string; id: number; kind: string; orgId: number; amount: number; memberCount: number; reason: string; reversesOperationId: number | null; createdAt: string }>(
    `SELECT o.idem_key AS key, o.id, o.kind, o.org_id AS "orgId", o.amount, o.member_count AS "memberCount", o.reason,
            o.reverses_operation_id AS "reversesOperationId",
            to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt"
       FROM point_operation o WHERE o.idem_key = ANY($1::text[])`,
    [keys],
  );
  const out = new Map<string, StoredOp>();
  for (const r of rows) {
    const answer = JSON.stringify({ id: Number(r.id), kind: r.kind, orgId: Number(r.orgId), amount: Number(r.amount), memberCount: Number(r.memberCount), reason: r.reason, reversesOperationId: r.reversesOperationId, createdAt: r.createdAt });
    check(!out.has(r.key), `key ${r.key} stored twice`);
    out.set(r.key, { key: r.key, id: Number(r.id), kind: r.kind, memberCount: Number(r.memberCount), amount: Number(r.amount), answer });
  }
  return out;
}

/** Whether the mass issue `opId` credited every active member of the province exactly once, `amount` each. */
async function massCredited(q: Db, opId: number): Promise<{ entries: number; accounts: number; twice: number; missing: number; wrong: number }> {
  const [r] = await q.query<{ entries: number; accounts: number; twice: number; missing: number; wrong: number }>(
    `WITH e AS (SELECT e.account_id, e.amount FROM point_entry e JOIN point_account a ON a.id = e.account_id AND a.kind = 'member' WHERE e.operation_id = $1)
     SELECT (SELECT count(*)::int FROM e) AS entries,
            (SELECT count(DISTINCT account_id)::int FROM e) AS accounts,
            (SELECT count(*)::int FROM (SELECT account_id FROM e GROUP BY account_id HAVING count(*) > 1) d) AS twice,
            (SELECT count(*)::int FROM e WHERE amount <> $3) AS wrong,
            (SELECT count(*)::int FROM member m JOIN org s ON s.id = m.org_id
              WHERE s.path <@ $2::ltree AND m.status = 'active'
                AND m.id NOT IN (SELECT a.member_id FROM point_account a JOIN e ON e.account_id = a.id)) AS missing`,
    [opId, province!.path, amount],
  );
  return r!;
}

interface SmallOp {
  key: string;
  kind: 'issue' | 'redeem';
  token: string;
  path: string;
  body: unknown;
  /** the members and what each should get if it is stored */
  effect: Map<number, number>;
  outcome?: Outcome;
  retried?: Outcome;
}

/**
 * Every member's balance moved since `snap` by exactly what the stored operations give it; no
 * operation but ours; the invariants. Returns the number of members checked.
 */
async function checkBalances(q: Db, label: string, snap: Snapshot, massStored: boolean, small: SmallOp[], stored: Map<string, StoredOp>, activeIds: Set<number>) {
  const now = await snapshot(q);
  const expected = new Map<number, number>();
  for (const [m, b] of snap.balances) expected.set(m, b);
  if (massStored) for (const m of activeIds) expected.set(m, (expected.get(m) ?? 0) + amount);
  for (const s of small) {
    if (!stored.has(s.key)) continue;
    for (const [m, d] of s.effect) expected.set(m, (expected.get(m) ?? 0) + d);
  }
  let wrong = 0;
  const members = new Set([...expected.keys(), ...now.balances.keys()]);
  for (const m of members) {
    const want = expected.get(m) ?? 0;
    const got = now.balances.get(m) ?? 0;
    if (want !== got) {
      if (wrong < 5) fail(`${label}: member ${m} balance ${got}, expected ${want}`);
      wrong++;
    }
  }
  check(wrong === 0, `${label}: ${wrong} members' balances not as their operations give`);
  check(now.operations === snap.operations + stored.size, `${label}: ${now.operations} operations, expected ${snap.operations} + ${stored.size} of ours`);
  const t0 = performance.now();
  const inv = await checkPointInvariants(q);
  const checkMs = performance.now() - t0;
  for (const v of inv.violations) fail(`${label}: invariant: ${v}`);
  return { members: members.size, wrong, inv, checkMs };
}

// ---------------------------------------------------------------------------------------------
// The rounds.

interface RoundSummary {
  round: number;
  killMs: number;
  massMs: number;
  massOutcome: string;
  massAfterKill: string;
  massRetry: string;
  small: number;
  smallAcked: number;
  smallRefused: number;
  smallInFlight: number;
  inFlightStored: number;
  balancesChecked: number;
  restartMs: number;
  inv: string;
}
const summaries: RoundSummary[] = [];

db = await openTarget(target);
let snap = await snapshot(db);
const activeIds = new Set((await db.query<{ id: number }>(
  `SELECT m.id FROM member m JOIN org s ON s.id = m.org_id WHERE s.path <@ $1::ltree AND m.status = 'active'`,
  [province!.path],
)).map((r) => Number(r.id)));
{
  const t0 = performance.now();
  const inv = await checkPointInvariants(db);
  timing.check = performance.now() - t0;
  for (const v of inv.violations) fail(`after round 0: invariant: ${v}`);
  console.log(`  invariant check: ${inv.ok ? 'OK' : 'VIOLATED'} in ${timing.check.toFixed(0)} ms (${n(inv.figures.operations)} operations, ${n(inv.figures.entries)} entries)`);
}
await db.close();
check(activeIds.size === provinceActive, `active members of the province changed: ${activeIds.size} ≠ ${provinceActive}`);

for (let round = 1; round <= rounds; round++) {
  const failedBefore = failures.length;
  console.log(`\nround ${round} (at ${elapsed()}):`);
  const tStart = performance.now();
  server = await startServer(target, port);
  const restartMs = Math.round(performance.now() - tStart);
  staff = await login();
  const victim = server;
  const died = new Promise<string>((resolve) => victim.process.once('exit', (code, signal) => resolve(signal ?? `exit ${code}`)));

  // 2. The mass issue, the small operations alongside, the kill.
  const massKey = randomUUID();
  const small: SmallOp[] = [];
  let killed = false;
  const newSmall = (): SmallOp => {
    const i = Math.floor(Math.random() * tokens.length);
    if (Math.random() < 0.5) {
      const picked = new Set<number>();
      while (picked.size < 20) picked.add(cityMembers[Math.floor(Math.random() * cityMembers.length)]!);
      return {
        key: randomUUID(), kind: 'issue', token: staff, path: issuePath,
        body: { orgId: city!.id, amount: 3, reason: `崩溃测试第 ${round} 轮小额发放`, memberIds: [...picked] },
        effect: new Map([...picked].map((m) => [m, 3])),
      };
    }
    return { key: randomUUID(), kind: 'redeem', token: tokens[i]!, path: redeemPath, body: { amount: 1, item: '崩溃测试兑换' }, effect: new Map([[cityMembers[i]!, -1]]) };
  };
  const killAfter = Math.round(timing.second * (0.1 + Math.random() * 1.9));
  const t0 = performance.now();
  let massMs = 0;
  const mass = write(victim.base, issuePath, staff, massKey, massBody(round)).then((o) => {
    massMs = performance.now() - t0;
    return o;
  });
  const loops = Promise.all(Array.from({ length: streams }, async () => {
    while (!killed) {
      const op = newSmall();
      small.push(op);
      op.outcome = await write(victim.base, op.path, op.token, op.key, op.body);
    }
  }));
  await sleep(killAfter);
  killed = true;
  const killMs = performance.now() - t0;
  victim.process.kill('SIGKILL');
  const how = await died;
  check(how === 'SIGKILL', `round ${round}: the server ended by ${how}, not SIGKILL`);
  const massOut = await mass;
  await loops;
  const massAnswer = massOut.answer ? `${massOut.answer.status}${massOut.answer.status === 201 ? '' : ` ${errorOf(massOut.answer)}`} after ${(massMs / 1000).toFixed(2)} s` : `no answer (${massOut.error})`;
  console.log(`  killed ${(killMs / 1000).toFixed(2)} s after the mass issue was sent; its answer: ${massAnswer}; ${small.length} small operations sent`);
  if (massOut.answer) check(massOut.answer.status === 201, `round ${round}: the mass issue answered ${massOut.answer.status} ${massOut.answer.body}`);

  // 3. Straight in the database.
  const settleMs = await settlePostgres(target);
  const dirState = engine === 'pglite' ? pgliteDirState(target) : '';
  try {
    db = await openTarget(target);
  } catch (err) {
    fail(`round ${round}: the database did not open after the SIGKILL: ${(err as Error).message}`);
    break;
  }
  console.log(`  database opened after the kill${engine === 'postgres' ? ` (backends gone after ${settleMs} ms)` : ` (${dirState})`}`);
  const keys = () => [massKey, ...small.map((s) => s.key)];
  let stored = await storedOps(db, keys());
  const massOp = stored.get(massKey);
  const massState = massOp ? 'fully happened' : 'not at all';
  if (massOp) {
    const c = await massCredited(db, massOp.id);
    check(c.entries === provinceActive && c.accounts === provinceActive && c.twice === 0 && c.missing === 0 && c.wrong === 0 && massOp.memberCount === provinceActive && massOp.amount === amount * provinceActive,
      `round ${round}: the stored mass issue ${massOp.id} is not every member once: ${JSON.stringify(c)}, memberCount ${massOp.memberCount}, amount ${massOp.amount}`);
    if (massOut.answer?.status === 201) check(massOut.answer.body === massOp.answer, `round ${round}: the mass issue's answer ${massOut.answer.body} ≠ the stored ${massOp.answer}`);
  } else {
    check(massOut.answer?.status !== 201, `round ${round}: the mass issue was acknowledged but is not stored`);
  }
  let acked = 0;
  let refused = 0;
  let inFlight = 0;
  let inFlightStored = 0;
  for (const s of small) {
    const a = s.outcome?.answer;
    const st = stored.get(s.key);
    if (a?.status === 201) {
      acked++;
      check(st !== undefined && st.answer === a.body, `round ${round}: acknowledged ${s.kind} ${s.key} not stored as answered: ${a.body} vs ${st?.answer}`);
    } else if (a) {
      refused++;
      check(st === undefined, `round ${round}: refused ${s.kind} (${a.status} ${errorOf(a)}) stored`);
      check(a.status < 500, `round ${round}: ${s.kind} answered ${a.status} ${a.body}`);
    } else {
      inFlight++;
      if (st) inFlightStored++;
    }
  }
  const afterKill = await checkBalances(db, `round ${round} after the kill`, snap, massOp !== undefined, small, stored, activeIds);
  await db.close();
  console.log(`  the mass issue ${massState}${massOp ? ` (operation ${massOp.id}: ${n(massOp.memberCount)} members, each once)` : ''}; small operations: ${acked} acknowledged, ${refused} refused, ${inFlight} in flight (${inFlightStored} stored)`);
  console.log(`  ${n(afterKill.members)} member balances as their operations give (${afterKill.wrong} not); invariants ${afterKill.inv.ok ? 'OK' : 'VIOLATED'} (${afterKill.checkMs.toFixed(0)} ms)`);

  // 4. Restart; the retries.
  server = await startServer(target, port);
  staff = await login();
  const r1 = await write(server.base, issuePath, staff, massKey, massBody(round));
  const r2 = await write(server.base, issuePath, staff, massKey, massBody(round));
  let massRetry: string;
  if (massOp) {
    massRetry = `replayed ${r1.answer?.replayed && r1.answer.body === massOp.answer ? 'byte-identical' : 'DIFFERENT'}`;
    check(r1.answer?.status === 201 && r1.answer.replayed && r1.answer.body === massOp.answer, `round ${round}: retry of the stored mass issue: ${r1.answer?.status ?? r1.error} replayed=${r1.answer?.replayed} ${r1.answer?.body} ≠ ${massOp.answer}`);
  } else {
    const b = r1.answer && (JSON.parse(r1.answer.body) as { memberCount?: number });
    massRetry = `issued now (${b?.memberCount ?? r1.answer?.status ?? r1.error} members)`;
    check(r1.answer?.status === 201 && !r1.answer.replayed && b?.memberCount === provinceActive, `round ${round}: retry of the absent mass issue: ${r1.answer?.status ?? r1.error} ${r1.answer?.body}`);
  }
  check(r2.answer?.status === 201 && r2.answer.replayed && r2.answer.body === r1.answer?.body, `round ${round}: second retry of the mass issue: ${r2.answer?.status ?? r2.error} replayed=${r2.answer?.replayed} ${r2.answer?.body}`);
  for (const s of small) {
    if (s.outcome?.answer && s.outcome.answer.status !== 201) continue;
    s.retried = await write(server.base, s.path, s.kind === 'issue' ? staff : s.token, s.key, s.body);
    const st = stored.get(s.key);
    const a = s.retried.answer;
    if (st) check(a?.status === 201 && a.replayed && a.body === st.answer, `round ${round}: retry of stored ${s.kind} ${s.key}: ${a?.status ?? s.retried.error} replayed=${a?.replayed} ${a?.body}`);
    else check(a !== undefined && !a.replayed && (a.status === 201 || errorOf(a) === 'insufficient_points'), `round ${round}: retry of absent ${s.kind} ${s.key}: ${a?.status ?? s.retried.error} ${a?.body}`);
  }
  await server.stop();

  // 5. The database once more.
  db = await openTarget(target);
  stored = await storedOps(db, keys());
  const finalMass = stored.get(massKey);
  if (check(finalMass !== undefined, `round ${round}: the mass issue not stored after the retry`)) {
    const c = await massCredited(db, finalMass!.id);
    check(c.entries === provinceActive && c.accounts === provinceActive && c.twice === 0 && c.missing === 0 && c.wrong === 0,
      `round ${round}: after the retries the mass issue is not every member once: ${JSON.stringify(c)}`);
  }
  const final = await checkBalances(db, `round ${round} after the retries`, snap, true, small, stored, activeIds);
  snap = await snapshot(db);
  await db.close();
  console.log(`  restarted in ${(restartMs / 1000).toFixed(1)} s; the mass issue retried: ${massRetry}, again: ${r2.answer?.replayed ? 'replayed, identical' : 'NOT replayed'}; ` +
    `then ${n(final.members)} balances as their operations give (${final.wrong} not), invariants ${final.inv.ok ? 'OK' : 'VIOLATED'} — issued ${n(final.inv.figures.issued)}, redeemed ${n(final.inv.figures.redeemed)}, outstanding ${n(final.inv.figures.outstanding)}`);
  const ok = failures.length === failedBefore;
  console.log(`  round ${round}: ${ok ? 'PASS' : 'FAIL'}`);
  summaries.push({
    round, killMs: Math.round(killMs), massMs: Math.round(massMs), massOutcome: massState, massAfterKill: massAnswer, massRetry, small: small.length,
    smallAcked: acked, smallRefused: refused, smallInFlight: inFlight, inFlightStored, balancesChecked: final.members, restartMs,
    inv: `${afterKill.inv.ok ? 'OK' : 'VIOLATED'} / ${final.inv.ok ? 'OK' : 'VIOLATED'}`,
  });
}

const rate = (ms: number) => n(Math.round(timing.members / (ms / 1000)));
console.log(`\n${engine}: mass issue to ${n(timing.members)} members: first ${(timing.first / 1000).toFixed(2)} s (${rate(timing.first)}/s, accounts made), ` +
  `second ${(timing.second / 1000).toFixed(2)} s (${rate(timing.second)}/s), retry ${timing.retry.toFixed(0)} ms; invariant check ${timing.check.toFixed(0)} ms`);
console.log(`\n| round | kill after (s) | mass issue after the kill | its answer | retry after restart | small ops (acked / refused / in flight, stored) | balances checked | invariants (after kill / after retries) |`);
console.log('|---|---|---|---|---|---|---|---|');
for (const s of summaries) {
  console.log(`| ${s.round} | ${(s.killMs / 1000).toFixed(2)} | ${s.massOutcome} | ${s.massAfterKill} | ${s.massRetry} | ${s.small} (${s.smallAcked} / ${s.smallRefused} / ${s.smallInFlight}, ${s.inFlightStored}) | ${n(s.balancesChecked)} | ${s.inv} |`);
}
const pass = failures.length === 0 && summaries.length === rounds;
console.log(`\n${engine}: ${pass ? 'PASS' : 'FAIL'} — ${summaries.length} of ${rounds} rounds in ${elapsed()}${failures.length ? `, ${failures.length} failures:\n  ${failures.slice(0, 20).join('\n  ')}` : ''}`);
if (!pass) process.exitCode = 1;
