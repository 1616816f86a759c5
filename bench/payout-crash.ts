// Crash test of payouts (issue 5, "Bad input and faults"): the server killed with SIGKILL during a
// payout run and restarted — each payout in a definite state, each member credited exactly once,
// the ledger's invariants hold.
//
//   npx tsx bench/payout-crash.ts [--engine postgres|pglite] [--rounds 3] [--members 300] [--amount 10]
//
// Setup: a fresh database with the small demo (first start of the real server). Each round makes a
// points campaign of the province with one awarded application per active member (up to
// `members`), in the database, as the campaign workflow would have left it. Round 0 times a run
// without a kill. Then each round:
//  1. the run is sent (an Idempotency-Key) and the server is killed with SIGKILL at a random moment
//     (10–200 % of round 0's duration after sending);
//  2. the database opened directly: either the whole run is there (one payout per application, each
//     `confirmed` with exactly one ledger operation under 'payout:<id>', every member's balance up by
//     the amount, budget_paid = the sum) or nothing of it (no payout, no operation, budget_paid 0);
//     checkPointInvariants passes;
//  3. restart: the run retried with its key — the stored answer (Idempotent-Replayed) if it had
//     committed, else made now — then checked again: exactly once.
// Exit code 1 on FAIL.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Db } from '../server/db/client.ts';
import { checkPointInvariants } from '../server/modules/points/invariants.ts';
import { makeAwardedCampaign } from '../tests/helpers/payouts.ts';
import { callApi, freshTarget, openTarget, startServer, type BenchServer } from './bench-server.ts';
import { benchEngine, failureLog, numberArgs, parseArgs } from './common.ts';
import { settlePostgres } from './crash.ts';

const args = parseArgs(process.argv.slice(2), { engine: 'postgres', rounds: '3', members: '300', amount: '10', port: '3196', name: 'gh_payout_crash' });
const engine = benchEngine(args.engine);
const { rounds, members, amount, port } = numberArgs(args, ['rounds', 'members', 'amount', 'port']);
const { failures, check } = failureLog();

const target = await freshTarget(engine, args.name);
console.log(`${engine}: first start (migrates and seeds the demo) …`);
let server: BenchServer = await startServer(target, port);
await server.stop();

let db: Db = await openTarget(target);
const [province] = await db.query<{ name: string }>(`SELECT name FROM org WHERE level = 'province' LIMIT 1`);
const memberIds = (await db.query<{ id: number }>(
  `SELECT m.id FROM member m WHERE m.status = 'active' ORDER BY m.id LIMIT $1`,
  [members],
)).map((r) => r.id);
await db.close();
console.log(`${province!.name}: ${memberIds.length} awarded applications per campaign, ${amount} points each`);

async function newCampaign(round: number): Promise<number> {
  const d = await openTarget(target);
  try {
    const c = await makeAwardedCampaign({ db: d }, { orgName: province!.name, channel: 'points', title: `崩溃测试第 ${round} 轮积分发放`, members: memberIds.map((memberId) => ({ memberId, amount })) });
    return c.campaignId;
  } finally {
    await d.close();
  }
}

async function balances(d: Db): Promise<Map<number, number>> {
  const rows = await d.query<{ memberId: number; balance: number }>(`SELECT member_id AS "memberId", balance FROM point_account WHERE member_id = ANY($1::bigint[])`, [memberIds]);
  return new Map(rows.map((r) => [r.memberId, r.balance]));
}

/** 'all' when the whole run is there, 'none' when nothing of it is; anything else is a failure. */
async function stateOf(d: Db, campaignId: number, before: Map<number, number>): Promise<'all' | 'none' | 'partial'> {
  const [f] = await d.query<{ payouts: number; confirmed: number; ops: number; extraOps: number; paid: number }>(
    `SELECT (SELECT count(*)::int FROM payout WHERE campaign_id = $1) AS payouts,
            (SELECT count(*)::int FROM payout WHERE campaign_id = $1 AND state = 'confirmed' AND attempts = 1) AS confirmed,
            (SELECT count(*)::int FROM payout p JOIN point_operation o ON o.idem_key = 'payout:' || p.id WHERE p.campaign_id = $1) AS ops,
            (SELECT count(*)::int FROM payout p JOIN point_operation o ON o.idem_key = 'payout:' || p.id JOIN point_entry e ON e.operation_id = o.id
              JOIN point_account a ON a.id = e.account_id AND a.kind = 'member' WHERE p.campaign_id = $1 AND a.member_id <> p.member_id) AS "extraOps",
            (SELECT budget_paid FROM campaign WHERE id = $1) AS paid`,
    [campaignId],
  );
  const after = await balances(d);
  const moved = memberIds.map((id) => (after.get(id) ?? 0) - (before.get(id) ?? 0));
  const inv = await checkPointInvariants(d);
  check(inv.violations.length === 0, `ledger invariants: ${inv.violations.join('; ')}`);
  check(f!.extraOps === 0, 'no payout credits another member');
  if (f!.payouts === 0 && f!.ops === 0 && f!.paid === 0 && moved.every((m) => m === 0)) return 'none';
  const n = memberIds.length;
  if (f!.payouts === n && f!.confirmed === n && f!.ops === n && f!.paid === n * amount && moved.every((m) => m === amount)) return 'all';
  console.log(`  partial: ${JSON.stringify(f)}, moved ${[...new Set(moved)].join('/')}`);
  return 'partial';
}

async function run(base: string, token: string, campaignId: number, key: string) {
  const res = await fetch(`${base}/api/campaigns/${campaignId}/payouts/run`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'idempotency-key': key } });
  return { status: res.status, body: await res.text(), replayed: res.headers.get('idempotent-replayed') === 'true' };
}
const login = async (s: BenchServer) => (await callApi<{ token: string }>(s.base, 'POST', '/api/auth/login', null, { username: 'admin', password: 'gonghui-demo' })).token;

// Round 0: timing.
const timingCampaign = await newCampaign(0);
server = await startServer(target, port);
let token = await login(server);
const t0 = performance.now();
const first = await run(server.base, token, timingCampaign, randomUUID());
const timing = performance.now() - t0;
check(first.status === 201, `round 0 run: ${first.status} ${first.body.slice(0, 200)}`);
console.log(`round 0: ${memberIds.length} payouts made and credited in ${timing.toFixed(0)} ms (${((memberIds.length / timing) * 1000).toFixed(0)}/s)`);
await server.stop();

for (let round = 1; round <= rounds; round++) {
  const campaignId = await newCampaign(round);
  db = await openTarget(target);
  const before = await balances(db);
  await db.close();
  server = await startServer(target, port);
  token = await login(server);
  const key = randomUUID();
  const killAfter = Math.round(timing * (0.1 + Math.random() * 1.9));
  const sent = run(server.base, token, campaignId, key).catch(() => null);
  await sleep(killAfter);
  server.process.kill('SIGKILL');
  const answered = await sent;
  await new Promise<void>((resolve) => (server.process.exitCode !== null || server.process.signalCode !== null ? resolve() : server.process.once('exit', () => resolve())));
  await settlePostgres(target);
  db = await openTarget(target);
  const afterKill = await stateOf(db, campaignId, before);
  await db.close();
  check(afterKill !== 'partial', `round ${round}: the run is all there or not at all after the kill`);
  if (answered?.status === 201) check(afterKill === 'all', `round ${round}: an answered run is all there`);

  server = await startServer(target, port);
  token = await login(server);
  const retry = await run(server.base, token, campaignId, key);
  check(retry.status === 201, `round ${round}: retry ${retry.status} ${retry.body.slice(0, 200)}`);
  check(retry.replayed === (afterKill === 'all'), `round ${round}: the retry is replayed exactly when the run had committed`);
  await server.stop();
  db = await openTarget(target);
  const final = await stateOf(db, campaignId, before);
  await db.close();
  check(final === 'all', `round ${round}: after the retry every payout is there exactly once`);
  console.log(`round ${round}: killed after ${killAfter} ms (${answered ? `answered ${answered.status}` : 'no answer'}) → ${afterKill === 'all' ? 'committed' : 'nothing'}; retry ${retry.replayed ? 'replayed' : 'made it'} → exactly once`);
}

console.log(failures.length === 0 ? 'PASS' : `FAIL (${failures.length})`);
process.exit(failures.length === 0 ? 0 : 1);
