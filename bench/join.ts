// Join (入会) latency under 100 concurrent workers, through the real server on PostgreSQL.
//
//   npx tsx bench/join.ts [--joins 3000] [--concurrency 100] [--pg postgres://postgres@127.0.0.1:5432]
//
// Starts `server/main.ts` as its own process on a fresh database `gh_join_bench` (small demo:
// ~2,000 orgs, 50,000 members), creates logged-in workers (sessions written directly, as the
// SMS log-in would leave them), then fires POST /api/members/join from `concurrency` clients in
// parallel: a third by an employer's credit code (its union), a third as delivery riders (platform
// + town), a third by an employer name nobody knew (recorded under the town). Reports p50/p95/p99
// and the ratio of p99 to the 50 ms goal.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { idNumberCheckChar } from '../contracts/china-codes.ts';
import { createPiiCipher } from '../server/lib/pii.ts';
import { maskPhone } from '../server/lib/pii.ts';
import { parseArgs, percentile, pgUrl } from './common.ts';

const args = parseArgs(process.argv.slice(2), { joins: '3000', concurrency: '100', pg: 'postgres://postgres@127.0.0.1:5432', port: '3190' });
const joins = Number(args.joins);
const concurrency = Number(args.concurrency);
const database = 'gh_join_bench';
const key = randomBytes(32);
const pii = createPiiCipher(key);

const admin = new pg.Client({ connectionString: pgUrl(args.pg, 'postgres') });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${database}`);
await admin.end();

console.log(`starting the server on ${database} (first start seeds the demo) …`);
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  env: {
    ...process.env,
    DATABASE_URL: pgUrl(args.pg, database),
    GONGHUI_MODE: 'demo',
    GONGHUI_DATA_KEY: key.toString('base64'),
    PORT: args.port,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SERVE_WEB: 'false',
    DATA_DIR: 'tmp/join-bench',
  },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const base = `http://127.0.0.1:${args.port}`;
try {
  for (let i = 0; ; i++) {
    if (server.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not yet listening
    }
    if (i > 600) throw new Error('the server did not start');
    await sleep(500);
  }

  const db = new pg.Client({ connectionString: pgUrl(args.pg, database) });
  await db.connect();
  const towns = (await db.query<{ id: number }>(`SELECT id FROM org WHERE level = 'town' AND status = 'active' ORDER BY id`)).rows.map((r) => Number(r.id));
  const codes = (await db.query<{ code: string }>(`SELECT credit_code AS code FROM enterprise WHERE union_org_id IS NOT NULL AND credit_code IS NOT NULL ORDER BY id`)).rows.map((r) => r.code);

  // Workers with a live session, as the SMS log-in leaves them.
  const tokens: string[] = [];
  for (let i = 0; i < joins; i += 1000) {
    const n = Math.min(1000, joins - i);
    const phones = Array.from({ length: n }, (_, k) => `1990${String(i + k).padStart(7, '0')}`);
    const workers = await db.query<{ id: number }>(
      `INSERT INTO worker (phone_enc, phone_hash, phone_masked) SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::text[]) RETURNING id`,
      [phones.map((p) => pii.encrypt(p)), phones.map((p) => pii.hash(p)), phones.map(maskPhone)],
    );
    const batch = workers.rows.map(() => randomBytes(32).toString('base64url'));
    await db.query(
      `INSERT INTO session (token_hash, kind, worker_id, csrf_token) SELECT h, 'member', w, 'bench' FROM unnest($1::bytea[], $2::bigint[]) AS x(h, w)`,
      [batch.map((t) => createHash('sha256').update(t).digest()), workers.rows.map((w) => w.id)],
    );
    tokens.push(...batch);
  }
  await db.end();

  const bodyFor = (i: number) => {
    const first17 = `441702${1970 + (i % 35)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}${String(i % 1000).padStart(3, '0')}`;
    const idNumber = first17 + idNumberCheckChar(first17);
    const common = { name: '压测职工', idNumber, consent: true };
    switch (i % 3) {
      case 0:
        return { ...common, employerCreditCode: codes[i % codes.length] };
      case 1:
        return { ...common, gigPlatform: '美团', workOrgId: towns[i % towns.length] };
      default:
        return { ...common, employerName: `压测新单位${i}有限公司`, workOrgId: towns[i % towns.length] };
    }
  };

  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= joins) return;
        const t0 = performance.now();
        const res = await fetch(`${base}/api/members/join`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i]}` },
          body: JSON.stringify(bodyFor(i)),
        });
        const text = await res.text();
        if (res.status >= 400 && (statuses.get(res.status) ?? 0) < 2) console.log(res.status, JSON.stringify(bodyFor(i)), text);
        latencies.push(performance.now() - t0);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const p = (q: number) => percentile(latencies, q).toFixed(1);
  const p99 = percentile(latencies, 99);
  console.log(`\n| joins | concurrency | per second | p50 ms | p95 ms | p99 ms | max ms | p99 / 50 ms | statuses |`);
  console.log(`|---|---|---|---|---|---|---|---|---|`);
  console.log(
    `| ${joins} | ${concurrency} | ${(joins / seconds).toFixed(0)} | ${p(50)} | ${p(95)} | ${p(99)} | ${latencies.at(-1)!.toFixed(1)} | ${(p99 / 50).toFixed(2)} | ${[...statuses].map(([s, n]) => `${s}×${n}`).join(' ')} |`,
  );
} finally {
  server.kill('SIGTERM');
}
