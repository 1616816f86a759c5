// Sign-up under a flash crowd (报名), through the real server — every figure from one run.
//
//   npx tsx bench/signup.ts [--engine postgres|pglite] [--signups 6000] [--connections 100]
//
// On a fresh database with the small demo (2,000 orgs, 50,000 members): members with live sessions
// (written as the SMS log-in leaves them), three first-come activities published by the province's
// admin through the API, then, once their sign-up window opens:
//  1. ceiling: GET /healthz (one SELECT 1) — the same server's throughput on a trivial route;
//  2. baseline: `signups` sign-ups, one by one (the server started with GONGHUI_SIGNUP_BATCHING=off:
//     every ask a batch of one, through the same path, written by the one-statement sign-up), on an
//     activity whose places sit in ONE counter row (this script collapses its rows into one): one
//     `UPDATE … WHERE taken < places` on one hot row per sign-up;
//  3. the same, one by one, on an activity laid out as the server does it (16 counter rows);
//  4. ours: the server as it runs (batching on: the sign-ups arriving together written together),
//     16 counter rows — goal ≥ 4× the baseline's confirmed sign-ups a second;
//  5. flash crowd: 2,000 connections at once on an activity of 300 places — goal exactly 300
//     confirmed, no member twice, zero 5xx;
//  6. refusals once full: `signups` more members on that full activity — goal ≥ half the ceiling.
// Every count is checked against the database afterwards. Results land in tmp/bench-signup-<engine>.json.
import { setTimeout as sleep } from 'node:timers/promises';
import { randomUUID } from 'node:crypto';
import { callApi, cpuNow, cpuPer, freshTarget, openTarget, startServer, workerSessions, type BenchEngine } from './bench-server.ts';
import { closedLoop, tableHeader, tableRow, type BenchRequest } from './load.ts';
import { parseArgs, writeOutput } from './common.ts';

const args = parseArgs(process.argv.slice(2), { engine: 'postgres', signups: '6000', connections: '100', crowd: '2000', places: '300', port: '3191', 'log-statements': 'no' });
const engine = args.engine as BenchEngine;
const signups = Number(args.signups);
const connections = Number(args.connections);
const crowd = Number(args.crowd);
const flashPlaces = Number(args.places);
const membersNeeded = Math.max(signups, crowd) + signups;

const target = await freshTarget(engine, 'gh_signup_bench');
if (args['log-statements'] === 'yes' && engine === 'postgres') {
  // every statement's parse/bind/execute time in the PostgreSQL log, to see where a sign-up's time goes
  const db = await openTarget(target);
  await db.exec(`ALTER DATABASE gh_signup_bench SET log_min_duration_statement = 0`);
  await db.close();
}
console.log(`${engine}: first start (migrates and seeds the demo) …`);
let server = await startServer(target, Number(args.port));
const api = <T>(method: string, path: string, token: string | null, body?: unknown) => callApi<T>(server.base, method, path, token, body);

// Three activities of the province, their window opening once the sessions are in place.
const { token: staff } = await api<{ token: string }>('POST', '/api/auth/login', null, { username: 'admin', password: 'gonghui-demo' });
const provinceId = (await api<{ org: { id: number } }>('GET', '/api/me', staff)).org.id;
const opensAt = new Date(Date.now() + 60_000);
const publish = (title: string, places: number) =>
  api<{ id: number }>('POST', '/api/activities', staff, {
    title, kind: 'benefit', orgId: provinceId, places, allocation: 'first_come',
    signupOpensAt: opensAt.toISOString(), signupClosesAt: new Date(opensAt.getTime() + 3_600_000).toISOString(),
    startsAt: new Date(opensAt.getTime() + 7_200_000).toISOString(), location: '广州市越秀区',
  });
const baseline = await publish('压测：名额在一个计数行', 100_000);
const alone = await publish('压测：名额分在多个计数行，逐个报名', 100_000);
const split = await publish('压测：名额分在多个计数行', 100_000);
const flash = await publish(`压测：${flashPlaces} 个名额`, flashPlaces);
const warm = await publish('压测：预热', 100_000);
await server.stop();

// Sessions for members without a log-in yet; the baseline's places collapsed into one counter row.
const db = await openTarget(target);
const memberIds = (
  await db.query<{ id: number }>(
    `SELECT m.id FROM member m WHERE m.status = 'active' AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.member_id = m.id) ORDER BY m.id LIMIT $1`,
    [membersNeeded],
  )
).map((r) => r.id);
if (memberIds.length < membersNeeded) throw new Error(`only ${memberIds.length} members without a log-in`);
const tokens = await workerSessions(db, target.pii, { memberIds });
await db.transaction(async (tx) => {
  await tx.query(`DELETE FROM activity_slot WHERE activity_id = $1 AND slot > 0`, [baseline.id]);
  await tx.query(`UPDATE activity_slot SET capacity = 100000 WHERE activity_id = $1 AND slot = 0`, [baseline.id]);
});
const slotsOf = async (id: number) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_slot WHERE activity_id = $1`, [id]))[0]!.n;
// As autovacuum would have done by now on a live system: statistics for the tables just filled.
await db.exec('ANALYZE');
const layout = { baseline: await slotsOf(baseline.id), alone: await slotsOf(alone.id), split: await slotsOf(split.id), flash: await slotsOf(flash.id) };
await db.close();
console.log(`counter rows: baseline ${layout.baseline}, ours ${layout.split}, flash crowd ${layout.flash}; ${tokens.length} members logged in`);

server = await startServer(target, Number(args.port), { env: { GONGHUI_SIGNUP_BATCHING: 'off' } });
const wait = opensAt.getTime() - Date.now() + 500;
if (wait > 0) {
  console.log(`waiting ${(wait / 1000).toFixed(0)} s for the sign-up window …`);
  await sleep(wait);
}

const signup = (activityId: number, offset: number) => (i: number): BenchRequest => ({
  method: 'POST',
  path: `/api/activities/${activityId}/signups`,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[offset + i]}`, 'idempotency-key': randomUUID() },
  body: '{}',
});
const rows: string[] = [];
const results: Record<string, unknown> = { engine, layout };
const measure = async (name: string, conns: number, amount: number, request: (i: number) => BenchRequest) => {
  const c0 = cpuNow(server.pid, 'gh_signup_bench');
  const r = await closedLoop(server.base, conns, amount, request);
  const cpu = cpuPer(c0, cpuNow(server.pid, 'gh_signup_bench'), amount);
  const perSecond = amount / r.seconds;
  results[name] = { ...r, perSecond, cpuMicros: cpu };
  rows.push(tableRow(name, conns, r, [`CPU µs each: server ${cpu.server}, PostgreSQL ${cpu.postgres}, client ${cpu.client}`]));
  console.log(rows.at(-1));
  return { ...r, perSecond };
};

// Before each phase its members open the activity's page (GET, which also keeps their sessions
// fresh, as a crowd waiting for the window does); warm-up sign-ups first, so that no phase pays
// for the server's code being compiled or its statements prepared.
// (`server` changes between phases: read it at each call)
const open = (activityId: number, offset: number, amount: number) =>
  closedLoop(server.base, connections, amount, (i) => ({ method: 'GET', path: `/api/activities/${activityId}`, headers: { authorization: `Bearer ${tokens[offset + i]}` } }));
const warmUp = async (offset: number) => {
  await open(warm.id, offset, 500);
  await closedLoop(server.base, connections, 500, signup(warm.id, offset));
};
await warmUp(0);
console.log(`\n${tableHeader}`);
// One by one: the baseline, then split counters alone.
await open(baseline.id, 0, signups);
const base = await measure(`baseline: one by one, places in 1 counter row`, connections, signups, signup(baseline.id, 0));
await open(alone.id, 0, signups);
const oneByOne = await measure(`one by one, places in ${layout.alone} counter rows`, connections, signups, signup(alone.id, 0));
await server.stop();
// The server as it runs: batched.
server = await startServer(target, Number(args.port));
await warmUp(500);
const ceiling = await measure('ceiling: GET /healthz', connections, signups, () => ({ method: 'GET', path: '/healthz' }));
await open(split.id, 0, signups);
const ours = await measure(`ours: batched, places in ${layout.split} counter rows`, connections, signups, signup(split.id, 0));
await open(flash.id, 0, crowd);
const flashRun = await measure(`flash crowd: ${crowd} connections at once, ${flashPlaces} places`, crowd, crowd, signup(flash.id, 0));
await open(flash.id, Math.max(signups, crowd), signups);
const refusals = await measure('refusals once full', connections, signups, signup(flash.id, Math.max(signups, crowd)));
await server.stop();

// What the database holds afterwards.
const check = await openTarget(target);
const [counts] = await check.query<{ baseline: number; ours: number; alone: number; flash: number; flashMembers: number; flashTaken: number; overfull: number }>(
  `SELECT count(*) FILTER (WHERE activity_id = $1 AND status = 'confirmed')::int AS baseline,
          count(*) FILTER (WHERE activity_id = $2 AND status = 'confirmed')::int AS ours,
          count(*) FILTER (WHERE activity_id = $4 AND status = 'confirmed')::int AS alone,
          count(*) FILTER (WHERE activity_id = $3 AND status = 'confirmed')::int AS flash,
          count(DISTINCT member_id) FILTER (WHERE activity_id = $3 AND status = 'confirmed')::int AS "flashMembers",
          (SELECT sum(taken)::int FROM activity_slot WHERE activity_id = $3) AS "flashTaken",
          (SELECT count(*)::int FROM activity_slot WHERE taken > capacity) AS overfull
     FROM activity_signup WHERE activity_id IN ($1, $2, $3, $4)`,
  [baseline.id, split.id, flash.id, alone.id],
);
await check.close();
const fivexx = (r: { statuses: Record<string, number> }) => Object.entries(r.statuses).filter(([k]) => k.startsWith('5') || k === 'errors' || k === 'timeouts').reduce((s, [, v]) => s + v, 0);
const ratio = ours.perSecond / base.perSecond;
const aloneRatio = oneByOne.perSecond / base.perSecond;
const refusalRatio = refusals.perSecond / ceiling.perSecond;
const verdicts = [
  `baseline confirmed ${counts!.baseline} of ${signups} (201×${base.statuses['201'] ?? 0}); ours confirmed ${counts!.ours} of ${signups} (201×${ours.statuses['201'] ?? 0})`,
  `ours ÷ baseline: ${ratio.toFixed(2)}× (goal ≥ 4); split counters one by one ÷ baseline: ${aloneRatio.toFixed(2)}×`,
  `flash crowd: ${counts!.flash} confirmed (goal exactly ${flashPlaces}), ${counts!.flashMembers} distinct members, counters ${counts!.flashTaken}, 201×${flashRun.statuses['201'] ?? 0}, 5xx/errors ${fivexx(flashRun)} (goal 0)`,
  `refusals once full: ${refusals.perSecond.toFixed(0)}/s = ${refusalRatio.toFixed(2)}× the ceiling's ${ceiling.perSecond.toFixed(0)}/s (goal ≥ 0.5); 409×${refusals.statuses['409'] ?? 0} of ${signups}`,
  `counter rows over capacity: ${counts!.overfull} (must be 0)`,
];
console.log(`\n${verdicts.join('\n')}`);
results.counts = counts;
results.verdicts = verdicts;
writeOutput(`tmp/bench-signup-${engine}.json`, JSON.stringify(results, null, 2));
const ok = counts!.flash === flashPlaces && counts!.flashMembers === flashPlaces && counts!.flashTaken === flashPlaces && fivexx(flashRun) === 0 &&
  counts!.overfull === 0 && counts!.baseline === (base.statuses['201'] ?? 0) && counts!.ours === (ours.statuses['201'] ?? 0) && counts!.alone === (oneByOne.statuses['201'] ?? 0);
if (!ok) {
  console.error('INVARIANT BROKEN');
  process.exitCode = 1;
}
