// Join (入会) latency under 100 concurrent workers, through the real server on PostgreSQL.
//
//   npx tsx bench/join.ts [--joins 6000] [--concurrency 100] [--rate N] [--ceiling yes|no]
//                         [--profile yes] [--log-statements yes] [--function-stats yes]
//
// On a fresh database `gh_join_bench` with the small demo (~2,000 orgs, 50,000 members): workers with
// live sessions (written as the SMS log-in leaves them), then POST /api/members/join from
// `concurrency` connections: a third by an employer's credit code (its union), a third as delivery
// riders (platform + town), a third by an employer name nobody knew (recorded under the town).
// Without --rate a closed loop (each connection sends its next join when the last is answered: the
// server's capacity); with --rate N an open loop of N joins a second (bench/load.ts). --ceiling
// measures the same server and client on GET /healthz and GET /api/me first. Reports p50/p90/p99,
// the ratio of p99 to the 50 ms goal and the CPU each party spent per join.
import { idNumberCheckChar } from '../contracts/china-codes.ts';
import { cpuNow, cpuPer, freshTarget, openTarget, startServer, workerSessions } from './bench-server.ts';
import { parseArgs } from './common.ts';
import { closedLoop, openLoop, tableHeader, tableRow, type BenchRequest, type LoadResult } from './load.ts';

const args = parseArgs(process.argv.slice(2), {
  joins: '6000', concurrency: '100', pg: 'postgres://postgres@127.0.0.1:5432', port: '3190', profile: 'no', 'function-stats': 'no', ceiling: 'yes', 'log-statements': 'no', rate: '0',
});
const joins = Number(args.joins);
const concurrency = Number(args.concurrency);
const rate = Number(args.rate);
const database = 'gh_join_bench';

const target = await freshTarget('postgres', database, args.pg);
const db = await openTarget(target);
// --function-stats yes: PL/pgSQL functions' calls and time during the joins alone (pg_stat_user_functions,
// reset before the timed loop), to see which triggers a join's time goes to.
// --log-statements yes: every statement's parse/bind/execute time in the PostgreSQL log, to see where a join's time goes.
if (args['log-statements'] === 'yes') await db.exec(`ALTER DATABASE ${database} SET log_min_duration_statement = 0`);
if (args['function-stats'] === 'yes') await db.exec(`ALTER DATABASE ${database} SET track_functions = 'pl'`);
console.log(`starting the server on ${database} (first start seeds the demo) …`);
// --profile yes writes a V8 CPU profile of the server to tmp/prof (open it in Chrome DevTools).
const server = await startServer(target, Number(args.port), { profile: args.profile === 'yes' });
try {
  const towns = (await db.query<{ id: number }>(`SELECT id FROM org WHERE level = 'town' AND status = 'active' ORDER BY id`)).map((r) => r.id);
  const codes = (await db.query<{ code: string }>(`SELECT credit_code AS code FROM enterprise WHERE union_org_id IS NOT NULL AND credit_code IS NOT NULL ORDER BY id`)).map((r) => r.code);
  const tokens = await workerSessions(db, target.pii, { count: joins });
  // As autovacuum would have done by now on a live system: statistics for the tables just filled.
  await db.exec('ANALYZE');

  const bodyFor = (i: number) => {
    // Distinct people: 1,000 sequence numbers per birth date, one date after another from 1970.
    const born = new Date(Date.UTC(1970, 0, 1 + Math.floor(i / 1000)));
    const first17 = `441702${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(i % 1000).padStart(3, '0')}`;
    const common = { name: '压测职工', idNumber: first17 + idNumberCheckChar(first17), consent: true };
    switch (i % 3) {
      case 0:
        return { ...common, employerCreditCode: codes[i % codes.length] };
      case 1:
        return { ...common, gigPlatform: '美团', workOrgId: towns[i % towns.length] };
      default:
        return { ...common, employerName: `压测新单位${i}有限公司`, workOrgId: towns[i % towns.length] };
    }
  };
  const join = (i: number): BenchRequest => ({
    method: 'POST',
    path: '/api/members/join',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
    body: JSON.stringify(bodyFor(i)),
  });
  const goal = (r: LoadResult) => `p99 ÷ 50 ms: ${(r.latency.p99 / 50).toFixed(2)}`;

  console.log(`\n${tableHeader}`);
  if (args.ceiling === 'yes') {
    // What the same server and client do on trivial routes: the ceiling any join sits under.
    const health = await closedLoop(server.base, concurrency, joins, () => ({ method: 'GET', path: '/healthz' }));
    console.log(tableRow('ceiling: GET /healthz (one SELECT 1)', concurrency, health, [goal(health)]));
    const me = await closedLoop(server.base, concurrency, joins, (i) => ({ method: 'GET', path: '/api/me', headers: { authorization: `Bearer ${tokens[i]}` } }));
    console.log(tableRow('ceiling: GET /api/me (session look-up)', concurrency, me, [goal(me)]));
  }
  if (args['function-stats'] === 'yes') {
    await db.query('SELECT pg_stat_reset()');
  }
  const c0 = cpuNow(server.pid, database);
  const run = rate > 0 ? await openLoop(server.base, concurrency, joins, rate, join) : await closedLoop(server.base, concurrency, joins, join);
  const cpu = cpuPer(c0, cpuNow(server.pid, database), joins);
  console.log(tableRow(rate > 0 ? `POST /api/members/join, open loop at ${rate}/s` : 'POST /api/members/join', concurrency, run, [goal(run)]));
  console.log(`\nCPU per join (µs): server ${cpu.server}, PostgreSQL ${cpu.postgres}, client ${cpu.client}`);

  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_application WHERE name = '压测职工'`)) as [{ n: number }];
  console.log(`applications filed: ${n} of ${joins}`);
  if (args['function-stats'] === 'yes') {
    // The statistics collector flushes a backend's counts when it goes idle; give it that moment.
    await new Promise((r) => setTimeout(r, 1500));
    const fns = await db.query<{ name: string; calls: number; total: number; self: number }>(
      `SELECT funcname AS name, calls::int, round(total_time)::int AS total, round(self_time)::int AS self
         FROM pg_stat_user_functions ORDER BY total_time DESC LIMIT 12`,
    );
    console.log('\n| function | calls | total ms | self ms | µs a join (total) |\n|---|---|---|---|---|');
    for (const f of fns) console.log(`| ${f.name} | ${f.calls} | ${f.total} | ${f.self} | ${Math.round((f.total * 1000) / joins)} |`);
  }
  if (n !== joins || (run.statuses['201'] ?? 0) !== joins) process.exitCode = 1;
} finally {
  await server.stop();
  await db.close();
}
