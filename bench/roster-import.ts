// Roster import at full size: 100,000 generated rows in one xlsx, imported into one union exactly
// as POST /api/rosters does it after the upload (the checks before parsing, reading and checking
// every row, sealing, COPY into the staging table, INSERT … SELECT into member, identity, card and
// history, the error workbook if any) — rows per second and peak memory — beside a raw COPY of the
// same rows, already sealed, into member (its indexes in place, the count trigger off).
//
//   npx tsx bench/roster-import.ts --engine postgres [--rows 100000] [--batch 10000]
//   npx tsx bench/roster-import.ts --engine pglite [--dir tmp/bench-roster-pglite]
//
// Each engine starts from a fresh database with the migrations and the test-scale demo, made by a
// process of its own; the import then runs in a new process that only opens that database, as a
// server finds its database made when it starts (so its peak memory is a server's plus the import's,
// not the generator's or the seeding's). The raw COPY runs in a process of its own too; the xlsx is
// generated once into tmp/. --phase read only reads and checks the file (no database, no sealing).
// --worker-from N moves sealing to the worker thread from row N (default 2,000; a large number keeps
// it in the main thread). Writes tmp/bench-roster-<engine>.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDb, type Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureDemoData } from '../server/db/seed/demo.ts';
import { loadConfig } from '../server/config.ts';
import { createPiiCipher, maskIdNumber, maskPhone } from '../server/lib/pii.ts';
import { pinyinKey } from '../server/lib/pinyin.ts';
import { outboxSender } from '../server/modules/notices/notices.service.ts';
import { runImport } from '../server/modules/rosters/roster-import.ts';
import { insertJob } from '../server/modules/rosters/rosters.repo.ts';
import { checkRow } from '../server/modules/rosters/roster-rows.ts';
import { readRoster } from '../server/modules/rosters/roster-sheet.ts';
import { inspectXlsx, verifyInflation } from '../server/lib/xlsx-guard.ts';
import { checkIdNumber } from '../server/modules/members/join.service.ts';
import { makeRosterXlsx, rosterRows } from '../tests/helpers/rosters.ts';
import { benchEngine, parseArgs, pgUrl, writeOutput } from './common.ts';

const args = parseArgs(process.argv.slice(2), {
  engine: 'postgres',
  rows: '100000',
  batch: '',
  writers: '',
  'worker-from': '',
  dir: 'tmp/bench-roster-pglite',
  database: 'gh_bench_roster',
  'pg-url': 'postgres://postgres@127.0.0.1:5432',
  phase: 'all',
});
const engine = benchEngine(args.engine);
const rowCount = Number(args.rows);
const MB = 1024 * 1024;
const pii = createPiiCipher(Buffer.alloc(32, 9));

function openExisting(suffix: string): Promise<Db> {
  return engine === 'postgres'
    ? openDb({ databaseUrl: pgUrl(args['pg-url'], `${args.database}${suffix}`), poolSize: 4 })
    : openDb({ dataDir: `${args.dir}${suffix}` });
}

async function freshDb(suffix: string): Promise<Db> {
  if (engine === 'postgres') {
    const admin = await openDb({ databaseUrl: pgUrl(args['pg-url'], 'postgres'), poolSize: 1 });
    const name = `${args.database}${suffix}`;
    await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.exec(`CREATE DATABASE ${name}`);
    await admin.close();
    return openDb({ databaseUrl: pgUrl(args['pg-url'], name), poolSize: 4 });
  }
  const dir = `${args.dir}${suffix}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return openDb({ dataDir: dir });
}

async function prepare(db: Db) {
  await migrate(db);
  await ensureDemoData(db, pii, { scale: 'test' });
  const [target] = await db.query<{ id: number; path: string }>(
    `SELECT id, path::text AS path FROM org WHERE level = 'grassroots' AND status = 'active' ORDER BY member_count DESC LIMIT 1`,
  );
  const [staff] = await db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'admin'`);
  return { org: target!, staffId: staff!.id };
}

async function timed<T>(timings: Record<string, number>, name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const r = await fn();
  timings[name] = (timings[name] ?? 0) + (performance.now() - t0) / 1000;
  return r;
}

/** Peak RSS and heap while `fn` runs, sampled every 20 ms. */
async function measured<T>(fn: () => Promise<T>) {
  const base = process.memoryUsage();
  let rss = base.rss;
  let heap = base.heapUsed;
  let external = base.external;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
    external = Math.max(external, m.external);
  }, 20);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, seconds: (performance.now() - t0) / 1000, peakRssMb: Math.round(rss / MB), peakHeapMb: Math.round(heap / MB), peakExternalMb: Math.round(external / MB), baseRssMb: Math.round(base.rss / MB) };
  } finally {
    clearInterval(timer);
  }
}

const filePath = `tmp/bench-roster-${rowCount}.xlsx`;
const out = (phase: string) => `tmp/bench-roster-${engine}-${phase}.json`;

if (args.phase === 'all') {
  const load = Number(loadavg()[0]!.toFixed(2));
  console.log(`roster import bench: ${engine}, ${rowCount} rows, load average ${load}`);
  if (!existsSync(filePath)) {
    const t = performance.now();
    writeOutput(filePath, await makeRosterXlsx(rosterRows(0, rowCount)));
    console.log(`  generated ${filePath} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  const results: Record<string, unknown> = {};
  for (const phase of ['import', 'raw']) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--phase', phase], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`phase ${phase} failed`);
    Object.assign(results, JSON.parse(readFileSync(out(phase), 'utf8')));
  }
  const r = results as { importSeconds: number; rawCopySeconds: number };
  const figures = {
    engine,
    rows: rowCount,
    loadAverageBefore: load,
    loadAverageAfter: Number(loadavg()[0]!.toFixed(2)),
    fileMb: Number((readFileSync(filePath).length / MB).toFixed(1)),
    ...results,
    ratioToRawCopy: Number((r.importSeconds / r.rawCopySeconds).toFixed(1)),
  };
  writeOutput(`tmp/bench-roster-${engine}.json`, JSON.stringify(figures, null, 2));
  console.log(JSON.stringify(figures, null, 2));
  process.exit(0);
}

const file = readFileSync(filePath);
const config = loadConfig({ GONGHUI_MODE: 'demo', LOG_LEVEL: 'silent' });

// read: reading and checking the file alone, as the import reads it — no database, no sealing; the
// floor of the import's first stage, and a gauge of how fast the machine is at the moment.
if (args.phase === 'read') {
  const zip = inspectXlsx(file);
  for (let run = 1; run <= 3; run++) {
    const t0 = performance.now();
    let valid = 0;
    const today = new Date();
    await readRoster(file, zip, { onRow: ({ rowNo, cells }) => void (checkRow(rowNo, cells, today).ok && valid++) });
    console.log(`  read and check, run ${run}: ${((performance.now() - t0) / 1000).toFixed(2)} s, ${valid} valid rows`);
  }
  process.exit(0);
}

const targetFile = `tmp/bench-roster-${engine}-target.json`;
if (args.phase === 'prepare') {
  const db = await freshDb('');
  writeOutput(targetFile, JSON.stringify(await prepare(db)));
  await db.close();
  process.exit(0);
}

if (args.phase === 'import') {
  // The database is made (migrations, demo data) by a process of its own, as a server finds it made
  // when it starts: this process only opens it, so its memory is a server's plus the import's.
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), '--phase', 'prepare'], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error('phase prepare failed');
  const db = await openExisting('');
  const { org, staffId } = JSON.parse(readFileSync(targetFile, 'utf8')) as Awaited<ReturnType<typeof prepare>>;
  const [before] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member`);
  const importOnce = async (timings: Record<string, number>) => {
    const jobId = await insertJob(db, { orgId: org.id, staffId, fileName: 'bench.xlsx', fileSize: file.length });
    return measured(async () => {
      const zip = await timed(timings, 'guard', async () => {
        const z = inspectXlsx(file);
        await verifyInflation(file, z);
        return z;
      });
      return runImport(
        { db, pii, config, sender: outboxSender },
        { jobId, orgId: org.id, orgPath: org.path, staffId, staffName: 'admin', buf: file, zip },
        { timings, ...(args.batch ? { batchSize: Number(args.batch) } : {}), ...(args.writers ? { writers: Number(args.writers) } : {}),
          ...(args['worker-from'] ? { workerFromRows: Number(args['worker-from']) } : {}) },
      );
    });
  };
  const timings: Record<string, number> = {};
  const run = await importOnce(timings);
  const [after] = await db.query<{ n: number; counted: number; right: number }>(
    `SELECT count(*)::int AS n, (SELECT member_count FROM org WHERE id = $1) AS counted,
            (SELECT count(*)::int FROM member WHERE org_id = $1 AND status NOT IN ('left', 'deceased')) AS right FROM member`,
    [org.id],
  );
  if (after!.n - before!.n !== rowCount) throw new Error(`imported ${after!.n - before!.n}, not ${rowCount}`);
  console.log(`  import: ${run.seconds.toFixed(2)} s, ${Math.round(rowCount / run.seconds)} rows/s, peak RSS ${run.peakRssMb} MB (at start ${run.baseRssMb} MB), peak heap ${run.peakHeapMb} MB, peak external ${run.peakExternalMb} MB`, run.result);
  console.log('  phases (s):', Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(2))])));
  const againTimings: Record<string, number> = {};
  const again = await importOnce(againTimings);
  console.log(`  re-import (every row skipped): ${again.seconds.toFixed(2)} s`, again.result);
  await db.close();
  writeOutput(out('import'), JSON.stringify({
    importSeconds: Number(run.seconds.toFixed(2)),
    rowsPerSecond: Math.round(rowCount / run.seconds),
    peakRssMb: run.peakRssMb,
    startRssMb: run.baseRssMb,
    peakHeapMb: run.peakHeapMb,
    peakExternalMb: run.peakExternalMb,
    phases: Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(2))])),
    reimportSeconds: Number(again.seconds.toFixed(2)),
    memberCountRight: after!.counted === after!.right,
  }));
  process.exit(0);
}

// raw: the same rows, sealed beforehand (not timed), COPYed into member of a fresh database.
const rows = rosterRows(0, rowCount);
const raw = await freshDb('_raw');
const rawTarget = await prepare(raw);
const [maxId] = await raw.query<{ max: number }>(`SELECT coalesce(max(id), 0)::int AS max FROM member`);
const sealed: string[] = [];
const hex = (b: Buffer) => `\\x${b.toString('hex')}`;
for (let i = 0; i < rows.length; i++) {
  const [name, idNumber, phone, employer] = rows[i] as [string, string, string, string];
  const p = checkIdNumber(idNumber);
  const id = maxId!.max + 1 + i;
  sealed.push(
    [id, rawTarget.org.id, `GH${String(id).padStart(10, '0')}`, name, pinyinKey(name), p.sex, p.birthDate, hex(pii.encrypt(idNumber)),
      hex(pii.hash(idNumber)), maskIdNumber(idNumber), hex(pii.encrypt(phone)), hex(pii.hash(phone)), maskPhone(phone), employer,
      p.sex === 'female' ? '"{women}"' : '{}', 'active', 'roster'].join(','),
  );
}
const csv = `${sealed.join('\n')}\n`;
await raw.exec('ALTER TABLE member DISABLE TRIGGER member_counts');
const t = performance.now();
await raw.copyFrom('member', ['id', 'org_id', 'member_no', 'name', 'name_pinyin', 'sex', 'birth_date', 'id_number_enc', 'id_number_hash',
  'id_number_masked', 'phone_enc', 'phone_hash', 'phone_masked', 'employer_name', 'groups', 'status', 'join_channel'], csv);
const copySeconds = (performance.now() - t) / 1000;
await raw.exec('ALTER TABLE member ENABLE TRIGGER member_counts');
await raw.close();
console.log(`  raw COPY into member: ${copySeconds.toFixed(2)} s, ${Math.round(rowCount / copySeconds)} rows/s`);
writeOutput(out('raw'), JSON.stringify({ rawCopySeconds: Number(copySeconds.toFixed(2)), rawCopyRowsPerSecond: Math.round(rowCount / copySeconds) }));
process.exit(0);
