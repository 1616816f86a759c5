// What a PGlite server weighs when it opens its data dir, by buffer pool size: the data dir is made
// (migrations, test-scale demo) once by a process of its own, then for each size a new process opens
// it, runs one query and reports its RSS — as a server does when it starts on an existing database.
//
//   npx tsx bench/pglite-open.ts [--sizes 128MB,32MB] [--runs 3] [--dir tmp/bench-pglite-open]
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openDb } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { ensureDemoData } from '../server/db/seed/demo.ts';
import { createPiiCipher } from '../server/lib/pii.ts';
import { parseArgs } from './common.ts';

const args = parseArgs(process.argv.slice(2), { sizes: '128MB,32MB', runs: '3', dir: 'tmp/bench-pglite-open', phase: 'all', size: '' });
const MB = 1024 * 1024;

if (args.phase === 'make') {
  rmSync(args.dir, { recursive: true, force: true });
  const db = await openDb({ dataDir: args.dir });
  await migrate(db);
  await ensureDemoData(db, createPiiCipher(Buffer.alloc(32, 9)), { scale: 'test' });
  await db.close();
  process.exit(0);
}

if (args.phase === 'open') {
  const pgl = await PGlite.create(args.dir, {
    extensions: { ltree, pg_trgm },
    startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${args.size}`],
  });
  const { rows } = await pgl.query<{ n: number; sb: string }>(`SELECT count(*)::int AS n, current_setting('shared_buffers') AS sb FROM member`);
  console.log(JSON.stringify({ size: rows[0]!.sb, members: rows[0]!.n, rssMb: Math.round(process.memoryUsage().rss / MB) }));
  await pgl.close();
  process.exit(0);
}

const self = (extra: string[]) => {
  const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, '--dir', args.dir, ...extra], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(child.stderr);
  return child.stdout.trim();
};
if (!existsSync(args.dir)) self(['--phase', 'make']);
for (let run = 1; run <= Number(args.runs); run++) {
  for (const size of args.sizes.split(',')) console.log(`run ${run}:`, self(['--phase', 'open', '--size', size]));
}
