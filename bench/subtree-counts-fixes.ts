// Candidate fixes for subtree member counts, measured side by side with the API's SQL on the same
// database in the same run. Run bench/subtree-counts.ts first: that is the benchmark; this is the
// experiment behind the proposal in docs/BENCHMARKS.md.
//
//   npm run bench:counts-fixes -- --engine postgres [--database gh_bench] [--pg-options '-c jit=off']
//   npm run bench:counts-fixes -- --engine pglite [--dir tmp/bench-pglite]
//
// The statements are captured from the API's repository functions (getOrgDetail, findChildren),
// then the subtree sub-selects are swapped for a variant's; the script stops if they are not found.
//   api     — unchanged
//   api-nojit — unchanged, with jit = off for the session (PostgreSQL: the JIT compiler is started by
//             the correlated sub-selects' inflated cost estimates)
//   tally   — the same sums over a narrow table (org id, path, member_count; GiST on path) that a
//             trigger would keep instead of org.member_count: ~40 bytes a row instead of ~800
//   rollup  — subtree totals kept per org (member count and org count below it): one row read
//   slots   — the rollup's member count split over up to 16 rows per org (slot = member id % 16),
//             so that concurrent writers rarely wait on the same row; a read sums ≤ 16 rows
//   orgs-kept — the API's member count as it is, and the org count of GET /api/orgs/:id read from
//             a kept total as well (since migration 005 the API keeps member totals, not org counts)
// The side tables (bench_org_tally, bench_org_rollup, bench_org_slots) are built from org and
// dropped at the end.
//
// With --write-seconds N (PostgreSQL), the price of the rollup on writes: pgbench inserts members
// into random grassroots unions (8 clients, one member a transaction, twice each in turn) with today's trigger, then
// with a second trigger that also adds each member to the rollup rows of all its ancestors — the
// province's row on every insert — and with one that adds it to one of 16 slot rows of each. The inserted members are deleted afterwards (today's trigger
// takes them off org.member_count again). Use a scratch database (gh_bench_try), not the benchmark's.
import { execFileSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import type { Queryable } from '../server/db/client.ts';
import { makeScope } from '../server/http/scope.ts';
import { findChildren, getOrgDetail } from '../server/modules/orgs/orgs.repo.ts';
import { benchEngine, parseArgs, percentile, pgUrl, scaleDbArgs, writeOutput } from './common.ts';

const LIMIT_MS = 100;
const args = parseArgs(process.argv.slice(2), {
  ...scaleDbArgs,
  iterations: '100',
  warmup: '10',
  'pg-options': '',
  variants: 'api,api-nojit,orgs-kept,tally,rollup,slots',
  'write-seconds': '0',
  'write-clients': '8',
});
const engine = benchEngine(args.engine);
const iterations = Number(args.iterations);
const warmup = Number(args.warmup);
const pgOptions = args['pg-options'];
const db =
  engine === 'postgres'
    ? await openDb({
        databaseUrl: pgUrl(args['pg-url'], args.database) + (pgOptions ? `?options=${encodeURIComponent(pgOptions)}` : ''),
        poolSize: 1,
      })
    : await openDb({ dataDir: args.dir });
// A bench database made by an older commit gets this commit's schema first (as bench:counts does).
const applied = await migrate(db);
if (applied.length > 0) console.log(`migrated: ${applied.join(', ')}`);

// The sub-selects of orgs.repo.ts, verbatim: the member count summed over the subtree (up to
// b3ff87f) or read from the totals migration 005 keeps (since), and the org count (summed).
const API_MEMBER_FORMS = [
  '(SELECT coalesce(sum(d.member_count), 0)::int FROM org d WHERE d.path <@ o.path)',
  '(SELECT coalesce(sum(r.members), 0)::int FROM org_rollup r WHERE r.org_id = o.id)',
];
const API_ORGS = '(SELECT count(*)::int FROM org d WHERE d.path <@ o.path)';
const probe: string[] = [];
await findChildren({ query: (text) => (probe.push(text), Promise.resolve([])) }, makeScope(1, '1'), 1, { status: 'active', limit: 1, offset: 0 });
const API_MEMBERS = API_MEMBER_FORMS.find((f) => probe.some((t) => t.includes(f)));
if (!API_MEMBERS) throw new Error('the API member-count sub-select changed: update this script');
console.log(`the API's member count: ${API_MEMBERS}`);
type Variant = 'api' | 'api-nojit' | 'tally' | 'rollup' | 'slots' | 'orgs-kept';
const swaps: Record<Variant, [string, string][]> = {
  api: [],
  'api-nojit': [],
  // The API's member count as it is, the org count of detail read from kept totals too.
  'orgs-kept': [[API_ORGS, '(SELECT r.subtree_org_count FROM bench_org_rollup r WHERE r.org_id = o.id)']],
  tally: [
    [API_MEMBERS, '(SELECT coalesce(sum(t.member_count), 0)::int FROM bench_org_tally t WHERE t.path <@ o.path)'],
    [API_ORGS, '(SELECT count(*)::int FROM bench_org_tally t WHERE t.path <@ o.path)'],
  ],
  rollup: [
    [API_MEMBERS, '(SELECT r.subtree_member_count FROM bench_org_rollup r WHERE r.org_id = o.id)'],
    [API_ORGS, '(SELECT r.subtree_org_count FROM bench_org_rollup r WHERE r.org_id = o.id)'],
  ],
  slots: [
    [API_MEMBERS, '(SELECT coalesce(sum(r.n), 0)::int FROM bench_org_slots r WHERE r.org_id = o.id)'],
    [API_ORGS, '(SELECT r.subtree_org_count FROM bench_org_rollup r WHERE r.org_id = o.id)'],
  ],
};
const variants = args.variants.split(',') as Variant[];

async function buildSideTables(): Promise<void> {
  const t0 = performance.now();
  await db.exec(`DROP TABLE IF EXISTS bench_org_tally; DROP TABLE IF EXISTS bench_org_rollup; DROP TABLE IF EXISTS bench_org_slots;
    CREATE TABLE bench_org_tally AS SELECT id AS org_id, path, member_count FROM org;
    ALTER TABLE bench_org_tally ADD PRIMARY KEY (org_id);
    CREATE INDEX bench_org_tally_path ON bench_org_tally USING gist (path);
    -- Every org counts towards each of its ancestors (path labels are org ids).
    CREATE TABLE bench_org_rollup AS
      SELECT subpath(d.path, i - 1, 1)::text::bigint AS org_id,
             sum(d.member_count)::int AS subtree_member_count, count(*)::int AS subtree_org_count
        FROM org d, generate_series(1, nlevel(d.path)) AS i GROUP BY 1;
    ALTER TABLE bench_org_rollup ADD PRIMARY KEY (org_id);
    CREATE TABLE bench_org_slots AS SELECT org_id, 0::smallint AS slot, subtree_member_count AS n FROM bench_org_rollup;
    ALTER TABLE bench_org_slots ADD PRIMARY KEY (org_id, slot);`);
  for (const t of ['bench_org_tally', 'bench_org_rollup', 'bench_org_slots']) await db.exec(`VACUUM (ANALYZE) ${t}`);
  console.log(`side tables built in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
await buildSideTables();

interface Subtree { id: number; name: string; level: string; path: string; orgs: number }
const subtrees: Subtree[] = [];
for (const level of ['province', 'city', 'county', 'town']) {
  const [s] = await db.query<Subtree>(
    `SELECT o.id::int AS id, o.name, o.level, o.path::text AS path, r.subtree_org_count AS orgs
       FROM org o JOIN bench_org_rollup r ON r.org_id = o.id
      WHERE o.level = $1 ORDER BY r.subtree_org_count DESC, o.id LIMIT 1`,
    [level],
  );
  if (s) subtrees.push(s);
}
const scope = makeScope(subtrees[0]!.id, subtrees[0]!.path);

interface Statement { text: string; params: readonly unknown[] }
async function capture(fn: (q: Queryable) => Promise<unknown>): Promise<Statement[]> {
  const log: Statement[] = [];
  await fn({ query: (text, params) => (log.push({ text, params: params ?? [] }), db.query(text, params)) });
  return log;
}
const COUNT_SQL = `SELECT ${API_MEMBERS} AS "memberCount" FROM org o WHERE o.id = $1`;
const calls: Record<string, (q: Queryable, s: Subtree) => Promise<unknown>> = {
  count: (q, s) => q.query(COUNT_SQL, [s.id]),
  detail: (q, s) => getOrgDetail(q, scope, s.id),
  children: (q, s) => findChildren(q, scope, s.id, { status: 'active', limit: 100, offset: 0 }),
};

function rewrite(statements: Statement[], v: Variant): Statement[] {
  return statements.map((s) => ({ text: swaps[v].reduce((t, [from, to]) => t.split(from).join(to), s.text), params: s.params }));
}
async function runAll(statements: Statement[]): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for (const s of statements) out.push(await db.query(s.text, s.params));
  return out;
}

const rows: string[] = [];
const writeSeconds = Number(args['write-seconds']);
if (writeSeconds > 0 && engine === 'postgres') {
  await writeTest();
  await buildSideTables(); // the write test left the rollup ahead of org.member_count
}
for (const s of subtrees) {
  for (const kind of Object.keys(calls)) {
    const api = await capture((q) => calls[kind]!(q, s));
    const reference = JSON.stringify(await runAll(api));
    const plans = variants.map((v) => ({ v, statements: rewrite(api, v), times: [] as number[] }));
    const setJit = async (v: Variant) => {
      if (engine === 'postgres') await db.exec(v === 'api-nojit' ? 'SET jit = off' : 'RESET jit');
    };
    for (const p of plans) {
      await setJit(p.v);
      if (JSON.stringify(await runAll(p.statements)) !== reference) throw new Error(`${p.v} ${kind} ${s.name}: different result`);
      for (let i = 0; i < warmup; i++) await runAll(p.statements);
    }
    // Round robin, so that every variant meets the same load from the rest of the machine.
    for (let i = 0; i < iterations; i++) {
      for (const p of plans) {
        await setJit(p.v);
        const t = performance.now();
        await runAll(p.statements);
        p.times.push(performance.now() - t);
      }
    }
    await setJit('api');
    for (const p of plans) {
      const times = p.times.sort((a, b) => a - b);
      const [p50, p95, p99] = [50, 95, 99].map((x) => Math.round(percentile(times, x) * 100) / 100);
      const line = `| ${s.level} ${s.name} | ${s.orgs.toLocaleString('en')} | ${kind} | ${p.v} | ${p50} | ${p95} | ${p99} | ${(p95! / LIMIT_MS).toFixed(2)} |`;
      rows.push(line);
      console.log(line);
    }
  }
}
await db.exec('DROP TABLE IF EXISTS bench_org_tally; DROP TABLE IF EXISTS bench_org_rollup; DROP TABLE IF EXISTS bench_org_slots;');
await db.close();

async function writeTest(): Promise<void> {
  const [g] = await db.query<{ lo: number; hi: number; max: number }>(
    `SELECT min(id)::int AS lo, max(id)::int AS hi, (SELECT coalesce(max(id), 0) FROM member)::bigint AS max
       FROM org WHERE level = 'grassroots'`,
  );
  const dir = join('tmp', 'bench', 'rollup-writes');
  const file = join(dir, 'insert-member.sql');
  // Consecutive ids from lo to hi are grassroots unions in the seeded tree.
  writeOutput(
    file,
    `\\set org random(${g!.lo}, ${g!.hi})
INSERT INTO member (org_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_masked)
VALUES (:org, '压测会员', 'female', '1995-05-05', '\\x00', '\\x00', '440000********0000');
`,
  );
  await db.exec(`CREATE OR REPLACE FUNCTION bench_rollup_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status NOT IN ('left', 'deceased') THEN
        UPDATE bench_org_rollup SET subtree_member_count = subtree_member_count + 1
         WHERE org_id = ANY (string_to_array((SELECT path::text FROM org WHERE id = NEW.org_id), '.')::bigint[]);
      END IF;
      RETURN NULL;
    END $$;
    CREATE OR REPLACE FUNCTION bench_slot_counts() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.status NOT IN ('left', 'deceased') THEN
        INSERT INTO bench_org_slots (org_id, slot, n)
        SELECT a::bigint, (NEW.id % 16)::smallint, 1
          FROM unnest(string_to_array((SELECT path::text FROM org WHERE id = NEW.org_id), '.')) AS a
        ON CONFLICT (org_id, slot) DO UPDATE SET n = bench_org_slots.n + 1;
      END IF;
      RETURN NULL;
    END $$;`);
  const u = new URL(pgUrl(args['pg-url'], args.database));
  const pgbench = (label: string) => {
    const out = execFileSync(
      'pgbench',
      ['-n', '-f', file, '-T', String(writeSeconds), '-c', args['write-clients'], '-j', '2',
        '-h', u.hostname, '-p', u.port || '5432', '-U', decodeURIComponent(u.username || 'postgres'), args.database],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PGOPTIONS: pgOptions } },
    );
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1]);
    const avg = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1]);
    const line = `| ${label} | ${args['write-clients']} | ${Math.round(tps)} | ${avg} |`;
    console.log(line);
    return line;
  };
  const lines = ['| member inserts | clients | per second | latency avg ms |', '|---|---:|---:|---:|'];
  const kept = (await db.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'org_member_rollup'`)).length > 0;
  try {
    // Twice each, alternating, so that both meet the same load from the rest of the machine.
    for (let round = 1; round <= 2; round++) {
      await db.exec('DROP TRIGGER IF EXISTS bench_rollup ON member');
      lines.push(pgbench(`today's triggers${kept ? " (with 005's kept totals)" : " (the union's row)"}, run ${round}`));
      await db.exec(`CREATE TRIGGER bench_rollup AFTER INSERT ON member FOR EACH ROW EXECUTE FUNCTION bench_rollup_counts()`);
      lines.push(pgbench(`+ rollup of every ancestor, run ${round}`));
      await db.exec('DROP TRIGGER bench_rollup ON member');
      await db.exec(`CREATE TRIGGER bench_rollup AFTER INSERT ON member FOR EACH ROW EXECUTE FUNCTION bench_slot_counts()`);
      lines.push(pgbench(`+ rollup in 16 slots per ancestor, run ${round}`));
    }
  } finally {
    await db.exec(`DROP TRIGGER IF EXISTS bench_rollup ON member; DROP FUNCTION IF EXISTS bench_rollup_counts();
      DROP FUNCTION IF EXISTS bench_slot_counts();`);
    // member_identity.member_id has no index: without this one, each deleted member's foreign-key
    // check scans member_identity whole.
    await db.exec('CREATE INDEX IF NOT EXISTS bench_member_identity_member_id ON member_identity (member_id)');
    await db.query(`DELETE FROM member WHERE id > $1 AND name = '压测会员'`, [g!.max]);
    await db.exec('DROP INDEX bench_member_identity_member_id');
    await db.exec('VACUUM (ANALYZE) member');
  }
  console.log(`\n${lines.join('\n')}\n`);
}
console.log(
  `\n${engine}${pgOptions ? ` (${pgOptions})` : ''}, ${iterations} rounds (variants in turn) after ${warmup} warm-up; ` +
    `same results checked for every variant; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}\n`,
);
console.log('| subtree | orgs | call | variant | p50 ms | p95 ms | p99 ms | p95 / 100 ms |');
console.log('|---|---:|---|---|---:|---:|---:|---:|');
console.log(rows.join('\n'));
