// A one-by-one sign-up's two statements (the read of the facts, the writing statement), each
// version's, timed on the same PostgreSQL database side by side: the statements of commit `--before`
// (taken from git, as that commit's repo module built them) against the working tree's. Each version
// runs on its own connection as named prepared statements (as server/db/client.ts does), the versions
// interleaved so that the shared machine's load falls on both alike; every write is rolled back, so
// every iteration finds the same database. Reported per statement: the median and mean time seen by
// the client, the connection's backend CPU (from /proc) per execution, and how PostgreSQL planned it
// (pg_prepared_statements: custom plans are planned again at every execution).
//
//   npx tsx bench/signup-statements.ts          # copies gh_signup_bench (left by bench/signup.ts) to gh_signup_stmt
//   npx tsx bench/signup-statements.ts --iterations 4000 --explain yes --also 394e114   # a third version, a commit's signup-batch.repo.ts
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { Queryable } from '../server/db/client.ts';
import { getMembersFacts, writeOne } from '../server/modules/activities/signup-batch.repo.ts';
import { parseArgs, pgUrl, writeOutput } from './common.ts';

const args = parseArgs(process.argv.slice(2), {
  pg: 'postgres://postgres@127.0.0.1:5432', from: 'gh_signup_bench', db: 'gh_signup_stmt', before: 'f36e24a', also: '', iterations: '2000', explain: 'no',
});
const iterations = Number(args.iterations);
const root = join(import.meta.dirname, '..');

/**
 * A commit's version of a sign-up SQL module, its relative imports pointed at this tree (the fragments
 * they import — activityColumns, confirmedStartsSql, memberInReach, signupNoticesSql — did not change).
 */
async function moduleAt<T>(rev: string, file: string): Promise<T> {
  const out = join(root, 'tmp', `${file.split('/').pop()!.replace(/\.ts$/, '')}.${rev}.ts`);
  writeOutput(
    out,
    execFileSync('git', ['show', `${rev}:server/modules/activities/${file}`], { cwd: root, encoding: 'utf8' })
      .replaceAll(`'../../`, `'${join(root, 'server')}/`)
      .replaceAll(`'../`, `'${join(root, 'server/modules')}/`)
      .replaceAll(`'./`, `'${join(root, 'server/modules/activities')}/`),
  );
  return (await import(out)) as T;
}
const before = await moduleAt<{
  getSignupFacts: (q: Queryable, memberId: number, activityId: number, idemKey: string) => Promise<unknown>;
  insertSignup: (q: Queryable, allocation: 'first_come', w: Record<string, unknown>) => Promise<unknown>;
}>(args.before, 'signups.repo.ts');
type OnePath = { getMembersFacts: typeof getMembersFacts; writeOne: typeof writeOne };
const also = args.also ? await moduleAt<OnePath>(args.also, 'signup-batch.repo.ts') : undefined;

// A fresh copy of the benchmark's database (its members, sessions and activities), the baseline's
// activity open for sign-up again.
const admin = new pg.Client({ connectionString: pgUrl(args.pg, 'postgres') });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${args.db}`);
await admin.query(`CREATE DATABASE ${args.db} TEMPLATE ${args.from}`);
await admin.end();
const url = pgUrl(args.pg, args.db);
const setup = new pg.Client({ connectionString: url });
await setup.connect();
const [found] = (
  await setup.query<{ id: number; orgPath: string }>(
    `SELECT a.id, o.path::text AS "orgPath" FROM activity a JOIN org o ON o.id = a.org_id WHERE a.title = '压测：名额在一个计数行'`,
  )
).rows;
if (!found) throw new Error(`no baseline activity in ${args.from}: run bench/signup.ts first`);
const act = found;
await setup.query(`UPDATE activity_batch SET signup_opens_at = now() - interval '1 hour', signup_closes_at = now() + interval '1 day' WHERE activity_id = $1`, [act.id]);
const members = (
  await setup.query<{ id: number; phoneEnc: Buffer; phoneHash: Buffer; phoneMasked: string }>(
    `SELECT m.id, m.phone_enc AS "phoneEnc", m.phone_hash AS "phoneHash", m.phone_masked AS "phoneMasked" FROM member m
      WHERE m.status = 'active' AND m.phone_enc IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM activity_signup s WHERE s.activity_id = $1 AND s.member_id = m.id)
      ORDER BY m.id LIMIT 1000`,
    [act.id],
  )
).rows;
await setup.query('ANALYZE');
await setup.end();

type Stmt = { text: string; params: unknown[] };
/** The statement a repo function sends, with its parameters (nothing is run). */
async function captured(call: (q: Queryable) => Promise<unknown>): Promise<Stmt> {
  let got: Stmt | undefined;
  const q = { query: async (text: string, params?: readonly unknown[]) => ((got = { text, params: [...(params ?? [])] }), [{}]) } as unknown as Queryable;
  await call(q);
  return got!;
}

interface Version {
  name: string;
  read: (m: (typeof members)[number], key: string) => Promise<Stmt>;
  write: (m: (typeof members)[number], key: string) => Promise<Stmt>;
}
const bodies = { confirmed: '报名成功', waitlisted: '候补', entered: '已登记' };
const common = (m: (typeof members)[number], key: string) => ({
  activityId: act.id, batchNo: 1, memberId: m.id, seats: 1, childAge: null, idemKey: key, requestHash: randomBytes(32), bodies,
});
const versions: Version[] = [
  {
    name: `before (${args.before})`,
    read: (m, key) => captured((q) => before.getSignupFacts(q, m.id, act.id, key)),
    write: (m, key) =>
      captured((q) =>
        before.insertSignup(q, 'first_come', { ...common(m, key), notice: { toEnc: m.phoneEnc, toHash: m.phoneHash, toMasked: m.phoneMasked, orgPath: act.orgPath, delivered: false } }),
      ),
  },
  ...(also ? [onePath(args.also, also)] : []),
  onePath('this tree', { getMembersFacts, writeOne }),
];
function onePath(name: string, r: OnePath): Version {
  return {
    name,
    read: (m, key) => captured((q) => r.getMembersFacts(q, act.id, [{ memberId: m.id, idemKey: key }], false)),
    write: (m, key) => captured((q) => r.writeOne(q, 'first_come', common(m, key), { orgPath: act.orgPath, delivered: false })),
  };
}

const tick = 100; // USER_HZ
const cpuOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) / tick;
};

interface Conn {
  c: pg.Client;
  pid: number;
}
const conns: Conn[] = [];
for (let i = 0; i < versions.length; i++) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  conns.push({ c, pid: (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid });
}

const exec = (c: pg.Client, name: string, s: Stmt) => c.query({ name, text: s.text, values: s.params });

/** One phase: `kind` of every version, interleaved, `iterations` times; each write rolled back. */
async function phase(kind: 'read' | 'write') {
  const times = versions.map(() => [] as number[]);
  const cpu = versions.map(() => 0);
  for (let i = 0; i < iterations; i++) {
    const m = members[i % members.length]!;
    const key = randomUUID();
    // alternate which version goes first
    const order = i % 2 === 0 ? versions.map((_, v) => v) : versions.map((_, v) => versions.length - 1 - v);
    for (const v of order) {
      const { c, pid } = conns[v]!;
      const s = await versions[v]![kind](m, key);
      if (kind === 'write') await c.query('BEGIN');
      const c0 = cpuOf(pid);
      const t0 = process.hrtime.bigint();
      await exec(c, kind, s);
      times[v]!.push(Number(process.hrtime.bigint() - t0) / 1000);
      cpu[v]! += cpuOf(pid) - c0;
      if (kind === 'write') await c.query('ROLLBACK');
    }
  }
  return versions.map((_, v) => {
    const t = times[v]!.slice(iterations / 10).sort((a, b) => a - b); // the first tenth warms up
    return {
      median: Math.round(t[Math.floor(t.length / 2)]!),
      mean: Math.round(t.reduce((a, b) => a + b, 0) / t.length),
      cpu: Math.round((cpu[v]! * 1e6) / iterations),
    };
  });
}

const result: Record<string, unknown> = { iterations, activity: act.id };
for (const kind of ['read', 'write'] as const) {
  const r = await phase(kind);
  result[kind] = Object.fromEntries(versions.map((v, i) => [v.name, r[i]]));
  console.log(`\n${kind}: µs per statement (median / mean client time, backend CPU)`);
  versions.forEach((v, i) => console.log(`  ${v.name.padEnd(22)} ${r[i]!.median} / ${r[i]!.mean}   cpu ${r[i]!.cpu}`));
  for (let v = 1; v < versions.length; v++) {
    console.log(`  ratio (${versions[v]!.name} ÷ before): median ${(r[v]!.median / r[0]!.median).toFixed(2)}×, cpu ${(r[v]!.cpu / Math.max(1, r[0]!.cpu)).toFixed(2)}×`);
  }
}
console.log('\nplans (pg_prepared_statements: generic / custom):');
for (let v = 0; v < versions.length; v++) {
  const rows = (await conns[v]!.c.query<{ name: string; g: number; cu: number }>(`SELECT name, generic_plans AS g, custom_plans AS cu FROM pg_prepared_statements ORDER BY name`)).rows;
  console.log(`  ${versions[v]!.name.padEnd(22)} ${rows.map((r) => `${r.name} ${r.g} / ${r.cu}`).join(', ')}`);
  result[`plans ${versions[v]!.name}`] = rows;
}
if (args.explain === 'yes') {
  for (let v = 0; v < versions.length; v++) {
    for (const kind of ['read', 'write'] as const) {
      const { c } = conns[v]!;
      const s = await versions[v]![kind](members[0]!, randomUUID());
      await c.query('BEGIN');
      // the plan the connection keeps using once it settles (generic when PostgreSQL judges it no dearer)
      const settled = (await c.query<{ g: number }>(`SELECT generic_plans AS g FROM pg_prepared_statements WHERE name = $1`, [kind])).rows[0]!.g > 0;
      if (settled) await c.query(`SET LOCAL plan_cache_mode = force_generic_plan`);
      await c.query({ text: `PREPARE x AS ${s.text}` });
      const lit = s.params.map((p) => (p === null ? 'NULL' : Buffer.isBuffer(p) ? `'\\x${p.toString('hex')}'` : Array.isArray(p) ? `'{${p.map((x) => `"${String(x)}"`).join(',')}}'` : `'${String(p)}'`));
      const plan = (await c.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) EXECUTE x(${lit.join(', ')})`)).rows.map((r) => r['QUERY PLAN']);
      await c.query('ROLLBACK');
      await c.query('DEALLOCATE x');
      console.log(`\n--- ${versions[v]!.name}, ${kind} (${settled ? 'generic' : 'custom'} plan)\n${plan.join('\n')}`);
    }
  }
}
for (const { c } of conns) await c.end();
writeOutput(join(root, 'tmp', 'bench-signup-statements.json'), JSON.stringify(result, null, 2));
