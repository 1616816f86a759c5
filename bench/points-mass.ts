// Mass issue of points at scale (issue 5, "Done when"): points to every member of a subtree of
// 1,000,000 members on PostgreSQL through the API (goal ≤ 20 s; a retry credits nothing), and the
// invariant check on that ledger.
//
//   npx tsx bench/points-mass.ts [--members 1000000] [--database gh_points_mass] [--amount 10]
//                                [--setup reuse|fresh|only] [--port 3195]
//
// 1. The database (a database of its own, never `test`): the province-size tree (buildTree('large'),
//    ~140,000 orgs) and enough members generated and sealed as the demo seed does (loadMembers, the
//    COPYs pipelined as in bench/seed-scale.ts) that the province 广东省总工会 holds `members`
//    *active* members (~3 % are generated as left or suspended, and are not credited); the admin
//    account at the province. Reused when tmp/bench-points-mass-<database>.json says it was built
//    for this many members and the database still has them (`--setup fresh` rebuilds it).
// 2. The ledger emptied (TRUNCATE of the point tables, the two sinks again, VACUUM ANALYZE,
//    CHECKPOINT), so that every run starts from the same state.
// 3. The real server (server/main.ts, its own process, pool of 10) on it; the admin logs in and
//    issues `amount` points to every active member of the province: POST /api/points/issues
//    {orgId, amount, reason} with an Idempotency-Key. Timed from the request to the answer.
//      a. first issue: the member accounts are made in the same transaction;
//      b. its retry with the same key and body: must answer 201 byte for byte with
//         Idempotent-Replayed and change nothing (operations, entries, accounts, balances);
//      c. the same key with another body: 409 idempotency_key_reused, nothing changed;
//      d. a second issue under a new key (accounts there): everyone credited once more; its retry.
//    After a and d, in the database: one entry of `amount` per active member of the province,
//    none twice, none missing, none outside it; every member balance = amount × issues.
// 4. The invariant check as anyone runs it: `npx tsx scripts/points-invariants.ts` (DATABASE_URL),
//    timed as a process and as it reports itself.
// 5. Baselines, on the ledger emptied again: the same repository functions (points.repo.ts, in the
//    order issuePoints calls them) in-process through node-postgres in one transaction — no HTTP,
//    no session, no idempotency look-up — with every statement recorded; then, emptied once more,
//    the recorded statements with their parameters written in as literals, run by psql in one
//    transaction (\timing per statement): the floor the API sits on.
// Load average at start and end (the machine is shared); CPU of the server, PostgreSQL's processes
// of this database, and this client. Figures also in tmp/bench-points-mass-<database>-result.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openDb, type Db, type Queryable } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { DEMO_PASSWORD } from '../server/db/seed/demo.ts';
import { loadEnterprises, loadMembers, loadOrgs } from '../server/db/seed/load.ts';
import { buildTree } from '../server/db/seed/tree.ts';
import { hashPassword } from '../server/lib/password.ts';
import { createPiiCipher } from '../server/lib/pii.ts';
import { subtreeMemberCount } from '../server/modules/orgs/orgs.repo.ts';
import * as repo from '../server/modules/points/points.repo.ts';
import { insertStaff } from '../server/modules/staff/staff.repo.ts';
import { callApi, cpuNow, startServer, type BenchServer, type BenchTarget } from './bench-server.ts';
import { failureLog, parseArgs, pgUrl, writeOutput } from './common.ts';
import { pipelineCopies } from './pipelined-db.ts';

const GOAL_S = 20;
const args = parseArgs(process.argv.slice(2), {
  members: '1000000', database: 'gh_points_mass', 'pg-url': 'postgres://postgres@127.0.0.1:5432', amount: '10',
  setup: 'reuse', port: '3195', baseline: 'yes',
});
const wanted = Number(args.members);
if (!Number.isInteger(wanted) || wanted < 1) throw new Error('--members N');
const database = args.database;
if (!/^[a-z_][a-z0-9_]*$/.test(database) || database === 'test') throw new Error('--database: a plain lower-case identifier, not test');
const amount = Number(args.amount);
const url = pgUrl(args['pg-url'], database);
const metaFile = `tmp/bench-points-mass-${database}.json`;

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
const n = (x: number) => x.toLocaleString('en-US');
const load = () => loadavg().map((x) => x.toFixed(2)).join(' / ');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ratio = (ms: number) => `${(ms / 1000 / GOAL_S).toFixed(2)}× the goal`;
const { failures, check } = failureLog();
const loadAtStart = load();
log(`load average (1/5/15 min) at start: ${loadAtStart}`);

// ---------------------------------------------------------------------------------------------
// 1. The database.

interface Meta {
  members: number;
  loaded: number;
  key: string;
  provinceId: number;
  builtSeconds: number;
}

async function existingMeta(): Promise<Meta | undefined> {
  if (args.setup === 'fresh' || !existsSync(metaFile)) return undefined;
  const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Meta;
  if (meta.members !== wanted) return undefined;
  let db: Db | undefined;
  try {
    db = await openDb({ databaseUrl: url, poolSize: 1 });
    const [r] = await db.query<{ members: number; admin: number }>(
      `SELECT (SELECT count(*) FROM member)::int AS members, (SELECT count(*) FROM staff WHERE username = 'admin')::int AS admin`,
    );
    return r && r.members === meta.loaded && r.admin === 1 ? meta : undefined;
  } catch {
    return undefined;
  } finally {
    await db?.close();
  }
}

async function build(): Promise<Meta> {
  const started = performance.now();
  const admin = await openDb({ databaseUrl: pgUrl(args['pg-url'], 'postgres'), poolSize: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${database}`);
  await admin.close();
  const db = await openDb({ databaseUrl: url, poolSize: 2 });
  await migrate(db);
  const orgs = buildTree('large');
  await loadOrgs(db, orgs);
  const enterprises = await loadEnterprises(db, orgs);
  log(`database ${database}: ${n(orgs.length)} orgs loaded`);
  // ~97 % of generated members are active: load enough for `wanted` active ones, then check.
  const count = Math.ceil(wanted / 0.965);
  const loader = pipelineCopies(db);
  let last = performance.now();
  // loadMembers ends with a recount of every org's member_count; with the subtree-rollup trigger on,
  // each of ~130,000 org updates adds to the province's slot row again in one transaction (a chain
  // of row versions that every next update walks: >15 min at 1M members). Off during the load, and
  // org_rollup rebuilt afterwards set-based, as migration 005 first fills it.
  await db.exec('ALTER TABLE org DISABLE TRIGGER org_member_rollup');
  const key = randomBytes(32);
  const every = Math.max(20000, Math.round(count / 20 / 20000) * 20000);
  await loadMembers(loader, createPiiCipher(key), orgs, {
    count, enterprises, batchSize: 20000,
    onProgress: (k) => {
      if (k % every !== 0 && k !== count) return;
      const now = performance.now();
      log(`members ${n(k)} / ${n(count)} (${n(Math.round((every / (now - last)) * 1000))}/s)`);
      last = now;
    },
  });
  await db.exec('ALTER TABLE org ENABLE TRIGGER org_member_rollup');
  await db.exec(`DELETE FROM org_rollup`);
  await db.exec(`INSERT INTO org_rollup (org_id, slot, members)
                 SELECT a.id, 0, sum(d.member_count)::int FROM org a JOIN org d ON d.path <@ a.path GROUP BY a.id HAVING sum(d.member_count) <> 0`);
  const province = orgs.find((o) => o.parentId === null)!;
  await insertStaff(db, { orgId: province.id, username: 'admin', displayName: '省总系统管理员', roles: ['admin', 'reviewer', 'clerk'], passwordHash: await hashPassword(DEMO_PASSWORD), isDemo: true });
  for (const t of ['org', 'org_rollup', 'member', 'member_identity', 'card', 'member_event']) await db.exec(`VACUUM (ANALYZE) ${t}`);
  const [r] = await db.query<{ members: number }>(`SELECT count(*)::int AS members FROM member`);
  await db.close();
  const meta: Meta = { members: wanted, loaded: r!.members, key: key.toString('base64'), provinceId: province.id, builtSeconds: Math.round((performance.now() - started) / 1000) };
  writeOutput(metaFile, JSON.stringify(meta, null, 2));
  log(`database ${database} built in ${meta.builtSeconds} s: ${n(meta.loaded)} members`);
  return meta;
}

let meta = await existingMeta();
if (meta) log(`reusing database ${database} (${n(meta.loaded)} members, built for ${n(meta.members)} active)`);
else meta = await build();
if (args.setup === 'only') process.exit(0);
const target: BenchTarget = { engine: 'postgres', where: url, key: Buffer.from(meta.key, 'base64'), pii: createPiiCipher(Buffer.from(meta.key, 'base64')) };

// The checks' own connection: one client kept open (a pool closes idle connections, and a closed
// backend's CPU would vanish from the CPU readings around the issue).
const client = new pg.Client({ connectionString: url, options: '-c jit=off' });
await client.connect();
const db = {
  query: async <T>(text: string, params: readonly unknown[] = []) => (await client.query(text, params as unknown[])).rows as T[],
  exec: async (sql: string) => {
    await client.query(sql);
  },
};
const [province] = await db.query<{ id: number; path: string; name: string; active: number; members: number; orgs: number }>(
  `SELECT g.id, g.path::text AS path, g.name,
          (SELECT count(*)::int FROM member m JOIN org s ON s.id = m.org_id WHERE s.path <@ g.path AND m.status = 'active') AS active,
          (SELECT count(*)::int FROM member m JOIN org s ON s.id = m.org_id WHERE s.path <@ g.path) AS members,
          (SELECT count(*)::int FROM org s WHERE s.path <@ g.path) AS orgs
     FROM org g WHERE g.id = $1`,
  [meta.provinceId],
);
const active = province!.active;
log(`${province!.name} (${province!.id}): ${n(province!.orgs)} orgs, ${n(province!.members)} members, ${n(active)} of them active`);
if (active < wanted) log(`note: ${n(active)} active members, ${n(wanted - active)} fewer than asked for`);

// ---------------------------------------------------------------------------------------------
// 2. The ledger emptied.

async function resetLedger() {
  await db.exec(`TRUNCATE point_entry, point_operation, point_account RESTART IDENTITY CASCADE`);
  await db.exec(`INSERT INTO point_account (kind) VALUES ('redeemed'), ('expired')`);
  for (const t of ['point_account', 'point_operation', 'point_entry']) await db.exec(`VACUUM (ANALYZE) ${t}`);
  await db.exec('CHECKPOINT');
}

interface Ledger {
  operations: number;
  entries: number;
  accounts: number;
  balances: number;
}
async function ledger(): Promise<Ledger> {
  const [r] = await db.query<Ledger>(
    `SELECT (SELECT count(*) FROM point_operation)::int AS operations, (SELECT count(*) FROM point_entry)::int AS entries,
            (SELECT count(*) FROM point_account)::int AS accounts, (SELECT coalesce(sum(balance), 0) FROM point_account WHERE kind = 'member')::bigint AS balances`,
  );
  return r!;
}
const same = (a: Ledger, b: Ledger) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Whether operation `opId` credited every active member of the province exactly once, `amount`
 * each (one full join of the targets with the operation's member entries), and every member
 * balance is `amount × times`.
 */
async function credited(opId: number, times: number) {
  const [r] = await db.query<{ entries: number; members: number; wrong: number; missing: number; outside: number; balancesOff: number; memberAccounts: number }>(
    `WITH e AS (SELECT a.member_id, e.amount FROM point_entry e JOIN point_account a ON a.id = e.account_id AND a.kind = 'member' WHERE e.operation_id = $1),
          t AS (SELECT m.id FROM member m JOIN org s ON s.id = m.org_id WHERE s.path <@ $2::ltree AND m.status = 'active'),
          j AS (SELECT t.id AS target, e.member_id, e.amount FROM t FULL JOIN e ON e.member_id = t.id)
     SELECT count(member_id)::int AS entries, count(DISTINCT member_id)::int AS members,
            count(*) FILTER (WHERE amount <> $3)::int AS wrong,
            count(*) FILTER (WHERE member_id IS NULL)::int AS missing,
            count(*) FILTER (WHERE target IS NULL)::int AS outside,
            (SELECT count(*)::int FROM point_account WHERE kind = 'member' AND balance <> $4) AS "balancesOff",
            (SELECT count(*)::int FROM point_account WHERE kind = 'member') AS "memberAccounts"
       FROM j`,
    [opId, province!.path, amount, amount * times],
  );
  return r!;
}

// ---------------------------------------------------------------------------------------------
// 3. Through the API.

interface Answer {
  status: number;
  body: string;
  replayed: boolean;
  ms: number;
}
async function post(base: string, token: string, key: string, body: unknown): Promise<Answer> {
  const started = performance.now();
  const res = await fetch(`${base}/api/points/issues`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'idempotency-key': key },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text, replayed: res.headers.get('idempotent-replayed') === 'true', ms: performance.now() - started };
}

await resetLedger();
log('ledger emptied (TRUNCATE, sinks, VACUUM ANALYZE, CHECKPOINT)');
const server: BenchServer = await startServer(target, Number(args.port));
const token = (await callApi<{ token: string }>(server.base, 'POST', '/api/auth/login', null, { username: 'admin', password: DEMO_PASSWORD })).token;
const body = (k: number) => ({ orgId: province!.id, amount, reason: `中秋节职工福利（压测第 ${k} 次）` });
const figures: Record<string, unknown> = {};

async function issue(label: string, k: number, times: number) {
  const key = randomUUID();
  const before = await ledger();
  log(`${label}: load ${load()}`);
  const c0 = cpuNow(server.pid, database);
  const a = await post(server.base, token, key, body(k));
  const c1 = cpuNow(server.pid, database);
  const op = a.status === 201 ? (JSON.parse(a.body) as { id: number; memberCount: number; amount: number }) : undefined;
  check(a.status === 201 && !a.replayed, `${label}: ${a.status} ${a.body.slice(0, 300)}`);
  const cpu = { server: c1.server - c0.server, postgres: c1.postgres - c0.postgres };
  log(`${label}: ${a.status}, ${n(op?.memberCount ?? 0)} members credited in ${s(a.ms)} (${n(Math.round((op?.memberCount ?? 0) / (a.ms / 1000)))}/s) — ${ratio(a.ms)}; ` +
    `CPU: server ${cpu.server.toFixed(2)} s, PostgreSQL ${cpu.postgres.toFixed(2)} s`);
  if (!op) return { key, a, op, ms: a.ms };
  const c = await credited(op.id, times);
  check(c.entries === active && c.members === active && c.wrong === 0 && c.missing === 0 && c.outside === 0 && c.balancesOff === 0 && c.memberAccounts === active,
    `${label}: not every active member credited exactly once: ${JSON.stringify(c)}`);
  check(op.memberCount === active && op.amount === active * amount, `${label}: answered memberCount ${op.memberCount}, amount ${op.amount}`);
  const after = await ledger();
  check(after.operations === before.operations + 1 && after.entries === before.entries + active + 1, `${label}: ledger ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  log(`${label}: checked — ${n(c.entries)} entries of ${amount} for ${n(c.members)} distinct members (none twice), none missing, none outside; every member balance ${amount * times}`);

  // the same operation retried: same key, same body
  const r = await post(server.base, token, key, body(k));
  const afterRetry = await ledger();
  check(r.status === 201 && r.replayed && r.body === a.body, `${label} retried: ${r.status} replayed=${r.replayed} ${r.body.slice(0, 200)} (first: ${a.body.slice(0, 200)})`);
  check(same(after, afterRetry), `${label} retried: the ledger changed ${JSON.stringify(after)} → ${JSON.stringify(afterRetry)}`);
  log(`${label} retried (same key): ${r.status}, replayed=${r.replayed}, ${r.body === a.body ? 'byte-identical' : 'DIFFERENT'}, in ${r.ms.toFixed(0)} ms; ledger ${same(after, afterRetry) ? 'unchanged' : 'CHANGED'}`);
  figures[label] = { ms: Math.round(a.ms), members: op.memberCount, perSecond: Math.round(op.memberCount / (a.ms / 1000)), goalRatio: a.ms / 1000 / GOAL_S, cpu, retryMs: Math.round(r.ms) };
  return { key, a, op, ms: a.ms };
}

const first = await issue('first issue (accounts made)', 1, 1);
{
  const before = await ledger();
  const r = await post(server.base, token, first.key, { ...body(1), amount: amount + 1 });
  const after = await ledger();
  let code = '';
  try {
    code = (JSON.parse(r.body) as { error?: string }).error ?? '';
  } catch {
    code = r.body.slice(0, 100);
  }
  check(r.status === 409 && code === 'idempotency_key_reused' && same(before, after), `same key, other body: ${r.status} ${code}; ledger ${same(before, after) ? 'unchanged' : 'CHANGED'}`);
  log(`same key, other body: ${r.status} ${code} in ${r.ms.toFixed(0)} ms; ledger ${same(before, after) ? 'unchanged' : 'CHANGED'}`);
}
await issue('second issue (accounts there)', 2, 2);
await server.stop();
const ledgerAfterApi = await ledger();

// ---------------------------------------------------------------------------------------------
// 4. The invariant check, as anyone runs it.

{
  log(`invariant check: load ${load()}`);
  const started = performance.now();
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  const out = spawnSync('npx', ['tsx', 'scripts/points-invariants.ts'], { env, encoding: 'utf8' });
  const ms = performance.now() - started;
  const own = /\((\d+) ms\)/.exec(out.stdout ?? '')?.[1];
  console.log(`  ${(out.stdout ?? '').trim().replaceAll('\n', '\n  ')}${out.stderr ? `\n  ${out.stderr.trim()}` : ''}`);
  check(out.status === 0, `invariant check exited ${out.status}`);
  log(`invariant check: exit ${out.status}, ${s(ms)} as a process, ${own} ms as it reports itself — ${ratio(Number(own))}`);
  figures['invariant check'] = { processMs: Math.round(ms), checkMs: Number(own), exit: out.status, entries: ledgerAfterApi.entries, accounts: ledgerAfterApi.accounts };
}

// ---------------------------------------------------------------------------------------------
// 5. Baselines: the repository's statements in-process, then by psql.

interface Recorded {
  text: string;
  params: readonly unknown[];
  ms: number;
}
function recorder(q: Queryable, into: Recorded[]): Queryable {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const started = performance.now();
      const rows = await q.query<T>(text, params);
      into.push({ text, params, ms: performance.now() - started });
      return rows;
    },
  };
}

/** The statements issuePoints runs for a subtree issue (points.service.ts issueOnce), in its order. */
async function issueInProcess(appDb: Db, k: number): Promise<{ ms: number; statements: Recorded[] }> {
  const statements: Recorded[] = [];
  const started = performance.now();
  await appDb.transaction(async (tx) => {
    const q = recorder(tx, statements);
    const targets: repo.IssueTargets = { orgPath: province!.path, memberIds: null, group: null };
    // a subtree of a million: above the table-lock threshold (config.pointsTableLockMembers)
    await subtreeMemberCount(q, province!.id);
    await repo.lockLedgerForMassIssue(q);
    const opId = await repo.insertOperation(q, { kind: 'issue', orgId: province!.id, orgPath: province!.path, reason: body(k).reason, actorKind: 'staff', actorId: 1, idemKey: `baseline-${k}`, requestHash: Buffer.alloc(32) });
    const issuer = await repo.issuerAccountOf(q, province!.id);
    const credited = await repo.creditIssueTargets(q, opId, amount, targets);
    await repo.completeIssue(q, opId, issuer, amount, credited);
  });
  return { ms: performance.now() - started, statements };
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'number' || typeof v === 'bigint') return String(v);
  if (Buffer.isBuffer(v)) return `'\\x${v.toString('hex')}'::bytea`;
  if (Array.isArray(v)) return `ARRAY[${v.map(literal).join(', ')}]`;
  return `'${String(v).replaceAll("'", "''")}'`;
}
const inline = (r: Recorded) => r.text.replace(/\$(\d+)/g, (_, i: string) => literal(r.params[Number(i) - 1]));
const firstLine = (text: string) => text.replace(/\s+/g, ' ').trim().slice(0, 70);

/** Runs the statements by psql in one transaction; wall time of psql and each statement's \timing. */
function viaPsql(file: string, statements: Recorded[]) {
  const sql = ['\\set ON_ERROR_STOP on', 'SET jit = off;', 'BEGIN;', '\\timing on', ...statements.map((r) => `${inline(r)};`), 'COMMIT;', ''].join('\n');
  writeOutput(file, sql);
  const started = performance.now();
  // rows to /dev/null (the lock returns a million ids); \timing still prints to stdout
  const out = execFileSync('psql', ['-X', '-q', '-o', '/dev/null', '-d', url, '-f', file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const ms = performance.now() - started;
  const times = [...out.matchAll(/Time: ([\d.]+) ms/g)].map((m) => Number(m[1]));
  return { ms, times };
}

if (args.baseline === 'yes') {
  const rows: { label: string; api: number; inProcess: number; psql: number; statements: { sql: string; inProcess: number; psql: number }[] }[] = [];
  await resetLedger();
  log(`baseline in-process: load ${load()}`);
  const appDb = await openDb({ databaseUrl: url, poolSize: 1 }); // as the server opens it: JIT off, named prepared statements
  const p1 = await issueInProcess(appDb, 1);
  const p2 = await issueInProcess(appDb, 2);
  await appDb.close();
  log(`baseline in-process (the repository's statements, one transaction each): first ${s(p1.ms)}, second ${s(p2.ms)}`);
  await resetLedger();
  log(`baseline psql: load ${load()}`);
  const q1 = viaPsql('tmp/points-mass-first.sql', p1.statements);
  const q2 = viaPsql('tmp/points-mass-second.sql', p2.statements);
  log(`baseline psql (the same statements, literals, one transaction each): first ${s(q1.ms)}, second ${s(q2.ms)}`);
  const after = await ledger();
  check(after.entries === ledgerAfterApi.entries && after.accounts === ledgerAfterApi.accounts && after.balances === ledgerAfterApi.balances,
    `baselines left another ledger than the API: ${JSON.stringify(after)} vs ${JSON.stringify(ledgerAfterApi)}`);
  const apiMs = [first.ms, (figures['second issue (accounts there)'] as { ms: number } | undefined)?.ms ?? Number.NaN];
  for (const [i, p, q] of [[0, p1, q1], [1, p2, q2]] as const) {
    rows.push({
      label: i === 0 ? 'first issue (accounts made)' : 'second issue (accounts there)',
      api: Math.round(apiMs[i]!), inProcess: Math.round(p.ms), psql: Math.round(q.ms),
      statements: p.statements.map((r, j) => ({ sql: firstLine(r.text), inProcess: Math.round(r.ms), psql: Math.round(q.times[j] ?? Number.NaN) })),
    });
  }
  console.log('\n| issue | API | in-process | psql | API ÷ psql |\n|---|---:|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.label} | ${s(r.api)} | ${s(r.inProcess)} | ${s(r.psql)} | ${(r.api / r.psql).toFixed(2)} |`);
  for (const r of rows) {
    console.log(`\n${r.label}, per statement (ms in-process / psql):`);
    for (const st of r.statements) console.log(`  ${String(st.inProcess).padStart(7)} / ${String(st.psql).padStart(7)}  ${st.sql}`);
  }
  figures.baseline = rows;
}

await client.end();
const loadAtEnd = load();
log(`load average (1/5/15 min) at end: ${loadAtEnd}`);
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server/modules/points', 'bench/points-mass.ts'], { encoding: 'utf8' }).trim() !== '';
writeOutput(`tmp/bench-points-mass-${database}-result.json`, JSON.stringify({
  commit: `${commit}${dirty ? '+' : ''}`, members: { province: province!.members, active }, orgs: province!.orgs, amount, loadAtStart, loadAtEnd, figures, failures,
}, null, 2));
console.log(`\n${failures.length === 0 ? 'PASS' : 'FAIL'}: ${n(active)} active members of ${province!.name}; commit ${commit}${dirty ? ' (points module or bench changed since)' : ''}${failures.length ? `\n  ${failures.join('\n  ')}` : ''}`);
if (failures.length) process.exitCode = 1;
