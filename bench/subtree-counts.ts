// Subtree member counts: how fast the API answers "how many members below this union" at scale.
// Goal (issue): p95 ≤ 100 ms for any subtree, on PGlite (1,000,000 members) and PostgreSQL
// (10,000,000 members). Seed the database first with bench/seed-scale.ts.
//
//   npm run bench:counts -- --engine pglite [--dir tmp/bench-pglite] [--iterations 200]
//   npm run bench:counts -- --engine postgres [--database gh_bench] [--iterations 200] [--pgbench-seconds 10]
//
// The statements are the API's own: the repository functions are imported and called (a recorder
// keeps the SQL they send, for pgbench and EXPLAIN). Three calls are measured per subtree:
//   count    — the subtree member count exactly as summaryColumns computes it, in its correlated
//              form: SELECT (SELECT coalesce(sum(r.members), 0)::int FROM org_rollup r
//              WHERE r.org_id = o.id) FROM org o WHERE o.id = $1 (one statement)
//   detail   — getOrgDetail(), what GET /api/orgs/:id runs (member count, org count, ancestors)
//   children — findChildren() with the route's default page of 100, what GET /api/orgs/:id/children
//              runs (the total, then each child with its own subtree member count)
// Each is warmed up, then timed `iterations` times; p50/p95/p99/max are in ms, measured in Node
// around the call (driver round trips included). Correctness is checked once per subtree against
// count(*) of the member rows. On PostgreSQL the same SQL, with its parameters written in as
// literals, also runs under pgbench (one client, -T seconds) for the server-side reference.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../server/db/client.ts';
import type { Queryable } from '../server/db/client.ts';
import { makeScope } from '../server/http/scope.ts';
import { findChildren, getOrgDetail } from '../server/modules/orgs/orgs.repo.ts';
import { migrate } from '../server/db/migrate.ts';
import { benchEngine, dirSize, formatBytes, parseArgs, percentile, pgUrl, scaleDbArgs, writeOutput } from './common.ts';

const LIMIT_MS = 100;

const args = parseArgs(process.argv.slice(2), {
  ...scaleDbArgs,
  iterations: '200',
  warmup: '20',
  'pgbench-seconds': '10',
  explain: 'off',
  only: 'count,detail,children',
  // PostgreSQL settings for this run's session and pgbench's, e.g. '-c jit=off' (to try a fix).
  'pg-options': '',
});
const engine = benchEngine(args.engine);
const iterations = Number(args.iterations);
const warmup = Number(args.warmup);
const pgbenchSeconds = Number(args['pgbench-seconds']);
const only = new Set(args.only.split(','));
const pgOptions = args['pg-options'];
const benchUrl = pgUrl(args['pg-url'], args.database) + (pgOptions ? `?options=${encodeURIComponent(pgOptions)}` : '');

const db =
  engine === 'postgres'
    ? await openDb({ databaseUrl: benchUrl, poolSize: 1 })
    : await openDb({ dataDir: args.dir });
// A bench database made by an older commit gets this commit's schema (and its kept totals).
const applied = await migrate(db);
if (applied.length > 0) console.log(`migrated: ${applied.join(', ')}`);

/** The subtree member count as the API computes it (summaryColumns in orgs.repo.ts), for one org. */
const COUNT_SQL = `SELECT (SELECT coalesce(sum(r.members), 0)::int FROM org_rollup r WHERE r.org_id = o.id) AS "memberCount"
  FROM org o WHERE o.id = $1`;

interface Statement {
  text: string;
  params: readonly unknown[];
}

/** A Queryable that keeps the statements sent through it. */
function recording(q: Queryable): { q: Queryable; log: Statement[] } {
  const log: Statement[] = [];
  return {
    log,
    q: {
      query: (text, params) => {
        log.push({ text, params: params ?? [] });
        return q.query(text, params);
      },
    },
  };
}

function gitHead(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server/modules/orgs', 'server/db'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (server/ changed since)` : head;
  } catch {
    return 'unknown';
  }
}

function literal(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (typeof v === 'string') return `'${v.replace(/'/g, "''")}'`;
  if (v === null) return 'NULL';
  throw new Error(`no literal for ${typeof v}`);
}

/** The statement with its parameters written in, as pgbench and EXPLAIN get it. */
function inline(s: Statement): string {
  return s.text.replace(/\$(\d+)/g, (_, n: string) => literal(s.params[Number(n) - 1]));
}

// The subtrees: the province, and the largest city, county and town by number of orgs below them.
interface Subtree {
  id: number;
  name: string;
  level: string;
  path: string;
  orgs: number;
  children: number;
}
const subtrees: Subtree[] = [];
for (const level of ['province', 'city', 'county', 'town']) {
  const [s] = await db.query<Subtree>(
    `SELECT o.id::int AS id, o.name, o.level, o.path::text AS path,
            (SELECT count(*) FROM org d WHERE d.path <@ o.path)::int AS orgs,
            (SELECT count(*) FROM org c WHERE c.parent_id = o.id)::int AS children
       FROM org o WHERE o.level = $1 ORDER BY orgs DESC, o.id LIMIT 1`,
    [level],
  );
  if (s) subtrees.push(s);
}
const [province] = subtrees;
if (!province || province.level !== 'province') throw new Error('no province: seed the database first (bench/seed-scale.ts)');
// A provincial administrator browses: the scope is the whole tree.
const scope = makeScope(province.id, province.path);

const [size] = await db.query<{ orgs: number; members: number; db: number }>(
  `SELECT (SELECT count(*) FROM org)::int AS orgs, (SELECT count(*) FROM member)::bigint AS members,
          pg_database_size(current_database())::bigint AS db`,
);
const env = {
  engine,
  server: (await db.query<{ v: string }>('SELECT version() AS v'))[0]!.v,
  node: process.version,
  // The repository SQL is imported, so the figures belong to this commit of orgs.repo.ts.
  commit: gitHead(),
  jit: engine === 'postgres' ? (await db.query<{ jit: string }>('SHOW jit'))[0]!.jit : undefined,
  orgs: size!.orgs,
  members: size!.members,
  databaseBytes: size!.db,
  dataDirBytes: engine === 'pglite' ? dirSize(args.dir) : undefined,
};
console.log(
  `commit ${env.commit} · ${env.server.split(' on ')[0]}${env.jit ? ` (jit ${env.jit})` : ''} · ${env.orgs.toLocaleString('en')} orgs · ${Number(env.members).toLocaleString('en')} members · ` +
    `database ${formatBytes(env.databaseBytes)}${env.dataDirBytes ? ` (data dir ${formatBytes(env.dataDirBytes)})` : ''}`,
);

// Correctness, once per subtree (not timed): the API's figure against the member rows themselves,
// and the children listing against it (own direct members + the children's subtrees).
for (const s of subtrees) {
  const [api] = await db.query<{ memberCount: number }>(COUNT_SQL, [s.id]);
  const t = performance.now();
  const [ref] = await db.query<{ n: number }>(
    `SELECT count(*)::bigint AS n FROM member m JOIN org d ON d.id = m.org_id
      WHERE d.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased')`,
    [s.path],
  );
  const refMs = performance.now() - t;
  const detail = await getOrgDetail(db, scope, s.id);
  let viaChildren = detail?.directMemberCount ?? 0;
  for (let offset = 0; ; offset += 200) {
    const page = await findChildren(db, scope, s.id, { status: 'all', limit: 200, offset });
    viaChildren += page.items.reduce((a, c) => a + c.memberCount, 0);
    if (offset + 200 >= page.total) break;
  }
  const ok = api?.memberCount === Number(ref?.n) && detail?.memberCount === api?.memberCount && viaChildren === api?.memberCount;
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${s.level} ${s.name} (id ${s.id}, ${s.orgs.toLocaleString('en')} orgs, ${s.children} children): ` +
      `API ${api?.memberCount.toLocaleString('en')}, count(*) of members ${Number(ref?.n).toLocaleString('en')} ` +
      `(reference query ${refMs.toFixed(0)} ms), children + direct ${viaChildren.toLocaleString('en')}`,
  );
  if (!ok) process.exitCode = 1;
}

type Kind = 'count' | 'detail' | 'children';
const calls: Record<Kind, (q: Queryable, s: Subtree) => Promise<unknown>> = {
  count: (q, s) => q.query(COUNT_SQL, [s.id]),
  detail: (q, s) => getOrgDetail(q, scope, s.id),
  children: (q, s) => findChildren(q, scope, s.id, { status: 'active', limit: 100, offset: 0 }),
};

interface Result {
  subtree: string;
  level: string;
  orgs: number;
  kind: Kind;
  statements: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  load: number;
  pgbench?: { tps: number; avg: number; p50: number; p95: number; transactions: number } | undefined;
}
const results: Result[] = [];
const round = (x: number) => Math.round(x * 100) / 100;
function runPgbench(sql: string, tag: string): Result['pgbench'] {
  const dir = join('tmp', 'bench', `pgbench-${tag}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'script.sql');
  writeOutput(file, sql);
  const u = new URL(pgUrl(args['pg-url'], args.database));
  const out = execFileSync(
    'pgbench',
    ['-n', '-f', file, '-T', String(pgbenchSeconds), '-c', '1', '-l', '--log-prefix', join(dir, 'log'),
      '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), args.database],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGOPTIONS: pgOptions } },
  );
  const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
  const avg = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
  // Per-transaction log: client_id transaction_no time_us script_no epoch epoch_us
  const lat: number[] = [];
  for (const f of readdirSync(dir).filter((n) => n.startsWith('log'))) {
    for (const line of readFileSync(join(dir, f), 'utf8').split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) lat.push(us / 1000);
    }
  }
  lat.sort((a, b) => a - b);
  return { tps, avg, p50: round(percentile(lat, 50)), p95: round(percentile(lat, 95)), transactions: lat.length };
}

for (const s of subtrees) {
  for (const kind of ['count', 'detail', 'children'] as Kind[]) {
    if (!only.has(kind)) continue;
    const rec = recording(db);
    await calls[kind](rec.q, s); // the statements of one call, for pgbench and EXPLAIN
    const statements = rec.log.map(inline);
    for (let i = 0; i < warmup; i++) await calls[kind](db, s);
    const times: number[] = [];
    for (let i = 0; i < iterations; i++) {
      const t = performance.now();
      await calls[kind](db, s);
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const r: Result = {
      subtree: s.name,
      level: s.level,
      orgs: s.orgs,
      kind,
      statements: statements.length,
      p50: round(percentile(times, 50)),
      p95: round(percentile(times, 95)),
      p99: round(percentile(times, 99)),
      max: round(times[times.length - 1]!),
      mean: round(times.reduce((a, b) => a + b, 0) / times.length),
      load: round(loadavg()[0]!),
    };
    if (engine === 'postgres' && pgbenchSeconds > 0) {
      r.pgbench = runPgbench(`${statements.map((x) => x.replace(/\s+/g, ' ').trim()).join(';\n')};\n`, `${s.level}-${kind}`);
    }
    results.push(r);
    console.log(
      `${s.level.padEnd(8)} ${kind.padEnd(8)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  max ${r.max} ms` +
        (r.pgbench ? `  · pgbench avg ${r.pgbench.avg} ms p50 ${r.pgbench.p50} ms` : '') + `  (load ${r.load})`,
    );
    if (args.explain === 'on') {
      for (const sql of statements) {
        const plan = await db.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
        console.log(`\n${sql.trim()}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}\n`);
      }
    }
  }
}
await db.close();

const ratio = (x: number) => (x / LIMIT_MS).toFixed(2);
const lines = [
  `| subtree | orgs | call | statements | p50 ms | p95 ms | p99 ms | max ms | p95 / ${LIMIT_MS} ms |` +
    (engine === 'postgres' ? ' pgbench p50 ms | pgbench p95 ms | our p50 / pgbench p50 |' : ''),
  `|---|---:|---|---:|---:|---:|---:|---:|---:|` + (engine === 'postgres' ? '---:|---:|---:|' : ''),
  ...results.map(
    (r) =>
      `| ${r.level} ${r.subtree} | ${r.orgs.toLocaleString('en')} | ${r.kind} | ${r.statements} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} | ` +
      `${ratio(r.p95)} ${r.p95 <= LIMIT_MS ? '✓' : '✗'} |` +
      (r.pgbench ? ` ${r.pgbench.p50} | ${r.pgbench.p95} | ${(r.p50 / r.pgbench.p50).toFixed(2)} |` : ''),
  ),
];
console.log(
  `\n${engine}${pgOptions ? ` (${pgOptions})` : ''}, ${iterations} iterations after ${warmup} warm-up, goal p95 ≤ ${LIMIT_MS} ms\n`,
);
console.log(lines.join('\n'));
const worst = Math.max(...results.map((r) => r.p95));
console.log(`\nworst p95 ${worst} ms = ${ratio(worst)} × the ${LIMIT_MS} ms goal → ${worst <= LIMIT_MS ? 'met' : 'MISSED'}`);
const out = join('tmp', 'bench', `subtree-counts-${engine}${pgOptions ? `-${pgOptions.replace(/[^a-z0-9]+/gi, '_')}` : ''}.json`);
writeOutput(out, `${JSON.stringify({ env, pgOptions, iterations, warmup, subtrees, results, at: new Date().toISOString() }, null, 2)}\n`);
console.log(`→ ${out}`);
