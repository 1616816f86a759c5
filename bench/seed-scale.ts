// Builds a benchmark database at scale: a fresh database, the migrations, the province-size tree
// (buildTree('large'), ~140,000 orgs) and N members generated and encrypted exactly as the demo
// seed does (loadMembers), with org.member_count derived from the member rows (recountMembers).
//
//   npm run seed:scale -- --engine pglite --members 1000000 [--dir tmp/bench-pglite]
//   npm run seed:scale -- --engine postgres --members 10000000 [--database gh_bench]
//
// Prints progress and timings, and writes them to <dir or tmp>/seed-<engine>-<database>.json.
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDb } from '../server/db/client.ts';
import type { Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadMembers, loadOrgs } from '../server/db/seed/load.ts';
import { buildTree } from '../server/db/seed/tree.ts';
import { createPiiCipher } from '../server/lib/pii.ts';
import { benchEngine, dirSize, formatBytes, parseArgs, pgUrl, scaleDbArgs, writeOutput } from './common.ts';
import { pipelineCopies } from './pipelined-db.ts';

const args = parseArgs(process.argv.slice(2), {
  ...scaleDbArgs,
  members: '1000000',
  batch: '20000',
  'secondary-indexes': 'keep',
  pipeline: 'auto',
});
const engine = benchEngine(args.engine);
const count = Number(args.members);
if (!Number.isInteger(count) || count < 0) throw new Error('--members N');
const batchSize = Number(args.batch);
const deferIndexes = args['secondary-indexes'] === 'defer';
// Overlap generation in Node with COPY in the server (PostgreSQL only; PGlite shares this thread).
const pipelined = args.pipeline === 'on' || (args.pipeline === 'auto' && engine === 'postgres');

const t0 = performance.now();
const timings: Record<string, number> = {};
const elapsed = () => ((performance.now() - t0) / 1000).toFixed(1);
const log = (msg: string) => console.log(`[${elapsed()} s] ${msg}`);
async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const s = performance.now();
  const r = await fn();
  timings[name] = Math.round(performance.now() - s) / 1000;
  log(`${name}: ${timings[name]} s`);
  return r;
}

let db: Db;
if (engine === 'postgres') {
  const admin = await openDb({ databaseUrl: pgUrl(args['pg-url'], 'postgres'), poolSize: 1 });
  const name = args.database;
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error('--database: a plain lower-case identifier');
  await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${name}`);
  // Index builds after a bulk load (deferred indexes, the recount's index updates) get room to sort.
  await admin.exec(`ALTER DATABASE ${name} SET maintenance_work_mem = '1GB'`);
  await admin.close();
  db = await openDb({ databaseUrl: pgUrl(args['pg-url'], name), poolSize: 2 });
  log(`created database ${name}`);
} else {
  const dir = args.dir;
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    // Only ever remove a folder that is a PGlite data directory.
    if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`${dir} exists and is not a PGlite data dir`);
    rmSync(dir, { recursive: true, force: true });
  }
  db = await step('open PGlite', () => openDb({ dataDir: dir }));
  await db.exec(`SET maintenance_work_mem = '1GB'`);
}

await step('migrate', () => migrate(db));
const orgs = await step('build tree', async () => buildTree('large'));
log(`${orgs.length} orgs`);
await step('load orgs', () => loadOrgs(db, orgs));

// Optional faster path: build the member table's secondary indexes once after the load instead of
// maintaining them row by row. The definitions are read from the catalogue and re-created verbatim.
let deferred: { name: string; def: string }[] = [];
if (deferIndexes) {
  deferred = await db.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i WHERE i.indrelid = 'member'::regclass AND NOT i.indisprimary
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  for (const d of deferred) await db.exec(`DROP INDEX ${d.name}`);
  log(`deferred indexes: ${deferred.map((d) => d.name).join(', ')}`);
}

const pii = createPiiCipher(randomBytes(32));
let lastT = performance.now();
let lastN = 0;
const every = Math.max(batchSize, Math.round(count / 50 / batchSize) * batchSize);
const loader = pipelined ? pipelineCopies(db) : undefined;
await step('load members', () =>
  loadMembers(loader ?? db, pii, orgs, {
    count,
    batchSize,
    onProgress: (n) => {
      if (n % every !== 0 && n !== count) return;
      const now = performance.now();
      const rate = ((n - lastN) / (now - lastT)) * 1000;
      log(`members ${n.toLocaleString('en')} / ${count.toLocaleString('en')} (${Math.round(rate).toLocaleString('en')}/s)`);
      lastT = now;
      lastN = n;
    },
  }),
);
if (loader) {
  const st = loader.stats;
  log(`pipelined COPY: ${st.copies} COPYs, ${(st.copyMs / 1000).toFixed(1)} s in the server, ` +
    `${(st.waitMs / 1000).toFixed(1)} s of generation waiting for it`);
  timings['copy (server side, overlapped)'] = Math.round(st.copyMs) / 1000;
}
if (deferIndexes) {
  await step('create deferred indexes', async () => {
    for (const d of deferred) await db.exec(d.def);
  });
}
// A steady-state table: the recount rewrote every org row once; autovacuum would catch up later.
await step('vacuum analyze', async () => {
  // One statement per call: VACUUM cannot run inside the implicit transaction of a multi-statement string.
  for (const t of ['org', 'member', 'member_identity']) await db.exec(`VACUUM (ANALYZE) ${t}`);
});

const [sizes] = await db.query<{ orgs: number; members: number; db: number; member: number; org: number }>(
  `SELECT (SELECT count(*) FROM org)::int AS orgs, (SELECT count(*) FROM member)::bigint AS members,
          pg_database_size(current_database())::bigint AS db,
          pg_total_relation_size('member')::bigint AS member, pg_total_relation_size('org')::bigint AS org`,
);
await db.close();
const total = Math.round(performance.now() - t0) / 1000;
const onDisk = engine === 'pglite' ? dirSize(args.dir) : undefined;
const summary = {
  engine,
  database: engine === 'postgres' ? args.database : args.dir,
  orgs: sizes!.orgs,
  members: sizes!.members,
  batchSize,
  secondaryIndexes: deferIndexes ? 'defer' : 'keep',
  pipelined,
  timings,
  totalSeconds: total,
  membersPerSecond: Math.round(count / (timings['load members'] ?? 1)),
  databaseBytes: sizes!.db,
  memberTableBytes: sizes!.member,
  orgTableBytes: sizes!.org,
  dataDirBytes: onDisk,
  at: new Date().toISOString(),
};
const out = join('tmp', `seed-${engine}-${engine === 'postgres' ? args.database : 'pglite'}.json`);
writeOutput(out, `${JSON.stringify(summary, null, 2)}\n`);
log(
  `done: ${summary.orgs.toLocaleString('en')} orgs, ${Number(summary.members).toLocaleString('en')} members, ` +
    `database ${formatBytes(summary.databaseBytes)}${onDisk ? ` (data dir ${formatBytes(onDisk)})` : ''}, total ${total} s → ${out}`,
);
