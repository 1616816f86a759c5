// Rights work orders at a province's scale (issue 14): five years of tickets — 1,000,000 of them,
// 50,000 open with running clocks (some overdue, some paused) — over the province-size tree
// (buildTree('large'): 21 cities, ~120 districts, ~1,600 towns, ~140,000 unions). Measured through
// the real service functions, on PostgreSQL:
//   queue   — listQueue() first page (20) with its total — views overdue, subtree (also filtered by
//             state and by category) and union — and the tab counts (countTicketViews), for a
//             town, a city and the province (what the console's queue shows: the page and its counts)
//   figures — getTicketFigures() for a city and for the province, this year to date
//   sweep   — sweepTickets() at a "now" that reminds and escalates some clocks, timed against a
//             plain SELECT count(*) of the open tickets in the same run
// Goals: queue and figures p95 ≤ 50 ms (≥ 30 runs each, after a warm-up); the sweep ≤ 5 s.
//
//   npm run bench:tickets                       # seeds gh_tickets when it has no tickets, then measures
//   npm run bench:tickets -- --seed fresh       # drops and rebuilds the database first
//   npm run bench:tickets -- --runs 50 --sweeps 5 [--database gh_tickets] [--tickets 1000000 --open 50000]
//
// Seeding is set-based SQL (generate_series) on the server, not the API: the numbers measured are
// those of reading and sweeping such a table, not of filing a million calls. Writes the results to
// tmp/bench-tickets.json.
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDb, type Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadOrgs } from '../server/db/seed/load.ts';
import { buildTree } from '../server/db/seed/tree.ts';
import type { StaffContext } from '../server/http/context.ts';
import { makeScope } from '../server/http/scope.ts';
import { getTicketFigures } from '../server/modules/tickets/tickets.figures.ts';
import { countTicketViews, listQueue, sweepTickets } from '../server/modules/tickets/tickets.service.ts';
import { parseArgs, percentile, pgUrl, writeOutput } from './common.ts';

const QUERY_LIMIT_MS = 50;
const SWEEP_LIMIT_MS = 5000;

const args = parseArgs(process.argv.slice(2), {
  database: 'gh_tickets',
  'pg-url': 'postgres://postgres@127.0.0.1:5432',
  seed: 'auto',
  tickets: '1000000',
  open: '50000',
  workers: '20000',
  runs: '30',
  warmup: '5',
  sweeps: '5',
  only: 'queue,figures,sweep',
  // off: measure the schema as it stands (the "before" of a migration's indexes)
  migrate: 'on',
  // seconds one figure may take: a figure far over its limit stops after this (at least 5 runs),
  // and its line says how many runs it had
  budget: '90',
  out: 'tmp/bench-tickets.json',
});
const N = Number(args.tickets);
const OPEN = Number(args.open);
const WORKERS = Number(args.workers);
const runs = Number(args.runs);
const warmup = Number(args.warmup);
const sweeps = Number(args.sweeps);
const only = new Set(args.only.split(','));
const budgetMs = Number(args.budget) * 1000;
if (!/^[a-z_][a-z0-9_]*$/.test(args.database)) throw new Error('--database: a plain lower-case identifier');
if (runs < 30) throw new Error('--runs: at least 30 (a figure over its time budget may stop sooner; its line says so)');

const t0 = performance.now();
const log = (msg: string) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${msg}`);
async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const s = performance.now();
  const r = await fn();
  log(`${name}: ${((performance.now() - s) / 1000).toFixed(1)} s`);
  return r;
}

// ── the database ───────────────────────────────────────────────────────────────────────────────

async function databaseExists(): Promise<boolean> {
  const admin = await openDb({ databaseUrl: pgUrl(args['pg-url'], 'postgres'), poolSize: 1 });
  const rows = await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [args.database]);
  await admin.close();
  return rows.length > 0;
}

async function createDatabase(): Promise<Db> {
  const admin = await openDb({ databaseUrl: pgUrl(args['pg-url'], 'postgres'), poolSize: 1 });
  await admin.exec(`DROP DATABASE IF EXISTS ${args.database} WITH (FORCE)`);
  await admin.exec(`CREATE DATABASE ${args.database}`);
  await admin.exec(`ALTER DATABASE ${args.database} SET maintenance_work_mem = '1GB'`);
  await admin.close();
  const db = await openDb({ databaseUrl: pgUrl(args['pg-url'], args.database), poolSize: 4 });
  await timed('migrate', () => migrate(db));
  const orgs = buildTree('large');
  await timed(`load ${orgs.length.toLocaleString('en')} orgs`, () => loadOrgs(db, orgs));
  return db;
}

/**
 * Five years of tickets, in set-based statements. Each ticket is about an employer: a union drawn
 * at random (so towns with more unions get more tickets), held by that union's town (88 %), its
 * county (8 %, escalated or reopened there) or the union itself (4 %, the worker agreed); 5 % are
 * kept from the employer's own union (hidden_from_path). The newest `open` are open — 20 % pending,
 * 65 % in progress, 15 % paused — with deadlines around today (about one in ten overdue, half of
 * those already escalated); the rest closed, 92 % within their deadline, 60 % rated. 30 % of the
 * tickets passed through the county first (an assigned clock). Steps: the open tickets' trail and
 * that of one closed ticket in five.
 */
async function seedTickets(db: Db): Promise<void> {
  // the subtree tallies (038) are rebuilt once at the end, as the migration does, not kept row by row
  await db.exec(`ALTER TABLE ticket DISABLE TRIGGER ticket_tally_keep`);
  await db.exec(`DELETE FROM ticket_step; DELETE FROM ticket_clock; DELETE FROM ticket_request; DELETE FROM ticket`);
  await timed(`workers ${WORKERS.toLocaleString('en')}`, () =>
    db.query(
      `INSERT INTO worker (phone_enc, phone_hash, phone_masked)
       SELECT '\\x00'::bytea, sha256(('bench-worker-' || g)::bytea), '138****' || lpad((g % 10000)::text, 4, '0')
         FROM generate_series(1, $1) g
       ON CONFLICT DO NOTHING`,
      [WORKERS],
    ),
  );
  const [w] = await db.query<{ lo: number; n: number }>(`SELECT min(id)::int AS lo, count(*)::int AS n FROM worker`);
  await db.exec(`DROP TABLE IF EXISTS bench_union`);
  await db.exec(
    `CREATE UNLOGGED TABLE bench_union AS
       SELECT (row_number() OVER (ORDER BY g.id))::int AS n, g.id AS gid, g.path AS gpath, t.id AS town_id, t.parent_id AS county_id, g.name AS gname
         FROM org g JOIN org t ON t.id = g.parent_id AND t.level = 'town'
        WHERE g.level = 'grassroots' AND g.status = 'active'`,
  );
  await db.exec(`CREATE UNIQUE INDEX ON bench_union (n)`);
  const [u] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM bench_union`);
  log(`${u!.n.toLocaleString('en')} unions under towns to draw employers from`);
  await db.exec(`SELECT setseed(0.20261206)`);
  await timed(`tickets ${N.toLocaleString('en')}`, () =>
    db.query(
      `INSERT INTO ticket (channel, type, category, difficulty, state, org_id, worker_id, caller_name_enc, caller_name_masked,
                           caller_phone_masked, employer_name, hidden_from_path, route_rule, route_reason, description,
                           result, recovered_fen, closed_at, rating, rated_at, reopened_count, created_at, updated_at)
       SELECT x.channel, x.type, x.category, 'normal', x.state, x.org_id,
              CASE WHEN x.channel = 'app' THEN $4::bigint + (x.g % $5) END,
              '\\x00'::bytea, '王**', '138****0000', x.gname, x.hidden, 'employer_town', '由单位所在地的镇街总工会办理', '单位拖欠工资，多次讨要未果。',
              CASE WHEN x.state = 'closed' THEN '已办结' END,
              CASE WHEN x.state = 'closed' THEN x.fen END,
              x.closed_at,
              CASE WHEN x.rated THEN x.rating END,
              CASE WHEN x.rated THEN x.closed_at + interval '1 day' END,
              CASE WHEN x.rated AND x.rating <= 2 THEN 1 ELSE 0 END,
              x.created_at, coalesce(x.closed_at, x.created_at)
         FROM (
           SELECT y.*, CASE WHEN y.state = 'closed'
                            THEN y.created_at + CASE WHEN y.r4 < 0.92 THEN interval '1 hour' + y.r5 * interval '6 days' ELSE interval '7 days 2 hours' + y.r5 * interval '7 days' END
                       END AS closed_at,
                  (y.state = 'closed' AND y.r6 < 0.6) AS rated,
                  CASE WHEN y.r7 < 0.55 THEN 5 WHEN y.r7 < 0.85 THEN 4 WHEN y.r7 < 0.93 THEN 3 WHEN y.r7 < 0.97 THEN 2 ELSE 1 END AS rating,
                  CASE WHEN y.category = 'wage_arrears' THEN (y.r5 * 3000000)::bigint WHEN y.r6 < 0.3 THEN (y.r5 * 500000)::bigint ELSE 0 END AS fen
             FROM (
               SELECT g,
                      CASE WHEN r1 < 0.35 THEN 'app' WHEN r1 < 0.85 THEN 'hotline' ELSE 'integration' END AS channel,
                      (ARRAY['consult', 'help', 'help', 'complaint', 'legal_aid'])[1 + (g % 5)] AS type,
                      (ARRAY['wage_arrears', 'wage_arrears', 'wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal',
                             'dismissal', 'occupational_disease', 'gig_rights', 'gig_rights', 'other'])[1 + floor(r2 * 12)::int] AS category,
                      CASE WHEN g <= $1 - $2 THEN 'closed' WHEN r3 < 0.2 THEN 'pending' WHEN r3 < 0.85 THEN 'in_progress' ELSE 'paused' END AS state,
                      CASE WHEN r8 < 0.88 THEN un.town_id WHEN r8 < 0.96 THEN un.county_id ELSE un.gid END AS org_id,
                      CASE WHEN r8 < 0.96 AND r9 < 0.05 THEN un.gpath END AS hidden,
                      un.gname,
                      now() - (($1 - g)::float8 / $1) * interval '1826 days' - interval '1 hour' AS created_at,
                      r4, r5, r6, r7
                 FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5, random() AS r6,
                              random() AS r7, random() AS r8, random() AS r9, 1 + floor(random() * $3)::int AS pick
                         FROM generate_series(1, $1) g) s
                 JOIN bench_union un ON un.n = s.pick
             ) y
         ) x
        ORDER BY x.g`,
      [N, OPEN, u!.n, w!.lo, w!.n],
    ),
  );
  // the clock of the union holding each ticket; open ones due around today
  await timed('clocks of the holding unions', () =>
    db.query(
      `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days, accepted_at,
                                 paused_at, paused_days, ended_at, outcome, reminded_at, escalated_at, escalated_to_org_id)
       SELECT t.id, t.org_id, t.created_at, t.created_at + interval '1 day', t.created_at + interval '2 days', z.due, 10,
              CASE WHEN t.state <> 'pending' THEN t.created_at + interval '3 hours' END,
              CASE WHEN t.state = 'paused' THEN now() - random() * interval '5 days' END,
              CASE WHEN t.state = 'closed' AND random() < 0.1 THEN 2 ELSE 0 END,
              t.closed_at, CASE WHEN t.state = 'closed' THEN 'closed' END,
              CASE WHEN t.state <> 'closed' AND z.due < now() + interval '1 day' AND z.r < 0.7 THEN z.due - interval '1 day' END,
              CASE WHEN t.state <> 'closed' AND z.due < now() AND z.r < 0.5 THEN z.due + interval '1 hour' END,
              CASE WHEN t.state <> 'closed' AND z.due < now() AND z.r < 0.5 THEN o.parent_id END
         FROM ticket t JOIN org o ON o.id = t.org_id
        CROSS JOIN LATERAL (SELECT CASE WHEN t.state = 'closed' THEN t.created_at + interval '7 days'
                                        ELSE now() + (random() * 12 - 1.2) * interval '1 day' END AS due,
                                   random() AS r, t.id AS tid) z
        ORDER BY t.id`,
    ),
  );
  // 30 % came down from the county first: an earlier clock there, ended by assigning
  await timed('clocks of the counties that assigned down', () =>
    db.query(
      `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days, accepted_at, ended_at, outcome)
       SELECT t.id, o.parent_id, t.created_at - interval '20 hours', t.created_at + interval '4 hours', t.created_at + interval '28 hours',
              t.created_at + interval '6 days', 10, t.created_at - interval '18 hours', t.created_at - interval '1 hour', 'assigned'
         FROM ticket t JOIN org o ON o.id = t.org_id
        WHERE o.level = 'town' AND t.id % 10 < 3`,
    ),
  );
  await timed('steps', async () => {
    await db.query(
      `INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_name, org_id)
       SELECT t.id, t.created_at, 'create', CASE t.channel WHEN 'app' THEN 'member' WHEN 'hotline' THEN 'staff' ELSE 'integration' END, '职工本人', t.org_id
         FROM ticket t WHERE t.state <> 'closed' OR t.id % 5 = 0`,
    );
    await db.query(
      `INSERT INTO ticket_step (ticket_id, at, action, actor_kind, actor_name, org_id)
       SELECT t.id, t.created_at + interval '3 hours', 'accept', 'staff', '经办人', t.org_id FROM ticket t WHERE t.state <> 'pending' AND (t.state <> 'closed' OR t.id % 5 = 0)
       UNION ALL
       SELECT t.id, c.paused_at, 'pause', 'staff', '经办人', t.org_id FROM ticket t JOIN ticket_clock c ON c.ticket_id = t.id AND c.ended_at IS NULL WHERE t.state = 'paused'
       UNION ALL
       SELECT t.id, t.closed_at, 'close', 'staff', '经办人', t.org_id FROM ticket t WHERE t.state = 'closed' AND t.id % 5 = 0`,
    );
  });
  await db.exec(`DROP TABLE bench_union`);
  await timed('tallies', async () => {
    await db.exec(`DELETE FROM ticket_tally`);
    await db.exec(
      `INSERT INTO ticket_tally (org_id, state, category, slot, n)
       SELECT a.id, x.state, x.category, 0, sum(x.n)::int
         FROM (SELECT t.org_id, t.state, t.category, count(*) AS n FROM ticket t GROUP BY 1, 2, 3) x
         JOIN org o ON o.id = x.org_id
        CROSS JOIN LATERAL unnest(string_to_array(o.path::text, '.')::bigint[]) AS a(id)
        GROUP BY a.id, x.state, x.category`,
    );
    await db.exec(`ALTER TABLE ticket ENABLE TRIGGER ticket_tally_keep`);
  });
  await timed('vacuum analyze', async () => {
    for (const t of ['worker', 'ticket', 'ticket_clock', 'ticket_step', 'ticket_tally']) await db.exec(`VACUUM (ANALYZE) ${t}`);
  });
}

// ── measuring ──────────────────────────────────────────────────────────────────────────────────

interface Measured {
  name: string;
  limitMs: number;
  runs: number;
  p50: number;
  p95: number;
  max: number;
  ratio: number;
  note?: string;
}

const results: Measured[] = [];
const round = (n: number) => Math.round(n * 100) / 100;

async function measure(name: string, limitMs: number, fn: () => Promise<unknown>, note?: string): Promise<Measured> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  const began = performance.now();
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    times.push(performance.now() - s);
    if (times.length >= 5 && performance.now() - began > budgetMs) break;
  }
  times.sort((a, b) => a - b);
  const m: Measured = { name, limitMs, runs: times.length, p50: round(percentile(times, 50)), p95: round(percentile(times, 95)), max: round(times.at(-1)!), ratio: 0, ...(note ? { note } : {}) };
  m.ratio = round(m.p95 / limitMs);
  results.push(m);
  console.log(`  ${m.ratio <= 1 ? '✓' : '✗'} ${name.padEnd(34)} runs ${String(m.runs).padStart(3)}  p50 ${String(m.p50).padStart(8)} ms  p95 ${String(m.p95).padStart(8)} ms  max ${String(m.max).padStart(8)} ms  p95/limit ${m.ratio}${note ? `  (${note})` : ''}`);
  return m;
}

/** The staff context the routes would build for an account of `orgId` (only what the services read). */
async function contextOf(db: Db, orgId: number): Promise<StaffContext> {
  const [o] = await db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [orgId]);
  return { db, scope: makeScope(orgId, o!.path), actor: { kind: 'staff', staffId: 0, orgId, roles: ['admin'], displayName: 'bench' } } as unknown as StaffContext;
}

let db: Db;
const fresh = args.seed === 'fresh' || !(await databaseExists());
if (fresh) {
  db = await createDatabase();
} else {
  db = await openDb({ databaseUrl: pgUrl(args['pg-url'], args.database), poolSize: 4 });
  if (args.migrate === 'on') {
    const applied = await migrate(db);
    if (applied.length > 0) log(`migrated: ${applied.join(', ')}`);
  }
}
const [have] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket`);
if (fresh || args.seed === 'again' || have!.n !== N) await seedTickets(db);

const [shape] = await db.query<Record<string, number>>(
  `SELECT (SELECT count(*) FROM org)::int AS orgs, (SELECT count(*) FROM org WHERE level = 'city')::int AS cities,
          (SELECT count(*) FROM org WHERE level = 'county')::int AS counties, (SELECT count(*) FROM org WHERE level = 'town')::int AS towns,
          (SELECT count(*) FROM ticket)::int AS tickets, (SELECT count(*) FROM ticket WHERE state <> 'closed')::int AS open,
          (SELECT count(*) FROM ticket WHERE state = 'paused')::int AS paused,
          (SELECT count(*) FROM ticket_clock WHERE ended_at IS NULL AND paused_at IS NULL AND due_at < now())::int AS overdue,
          (SELECT count(*) FROM ticket_clock)::int AS clocks, (SELECT count(*) FROM ticket_step)::int AS steps,
          (SELECT count(*) FROM ticket WHERE hidden_from_path IS NOT NULL)::int AS hidden`,
);
log(`shape: ${JSON.stringify(shape)}`);

// the province, and the city holding the most tickets
const [province] = await db.query<{ id: number; name: string }>(`SELECT id, name FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
const [city] = await db.query<{ id: number; name: string; n: number }>(
  `SELECT c.id, c.name, count(*)::int AS n FROM ticket t JOIN org o ON o.id = t.org_id JOIN org c ON c.level = 'city' AND o.path <@ c.path
    GROUP BY c.id, c.name ORDER BY n DESC LIMIT 1`,
);
log(`province ${province!.name}; city ${city!.name} (${city!.n.toLocaleString('en')} tickets)`);
// and the town holding the most tickets itself (a small subtree: its page is read through its unions)
const [town] = await db.query<{ id: number; name: string; n: number }>(
  `SELECT o.id, o.name, count(*)::int AS n FROM ticket t JOIN org o ON o.id = t.org_id WHERE o.level = 'town' GROUP BY o.id, o.name ORDER BY n DESC LIMIT 1`,
);
log(`town ${town!.name} (${town!.n.toLocaleString('en')} tickets held)`);
const asTown = await contextOf(db, town!.id);
const asProvince = await contextOf(db, province!.id);
const asCity = await contextOf(db, city!.id);

type QueueQuery = Parameters<typeof listQueue>[1];
const queue = (ctx: StaffContext, query: Partial<QueueQuery>) => () => listQueue(ctx, { page: 1, pageSize: 20, ...query } as QueueQuery);
const queueCases: [string, Partial<QueueQuery>][] = [
  ['overdue', { view: 'overdue' }],
  ['subtree', { view: 'subtree' }],
  ['subtree, pending', { view: 'subtree', state: 'pending' }],
  ['subtree, wage arrears', { view: 'subtree', category: 'wage_arrears' }],
  ['union', { view: 'union' }],
];
if (only.has('queue')) {
  console.log('queue (listQueue: first page of 20 and its total; the tab counts)');
  for (const [who, ctx] of [['town', asTown], ['city', asCity], ['province', asProvince]] as const) {
    for (const [name, query] of queueCases) {
      const page = await queue(ctx, query)();
      await measure(`queue ${name} — ${who}`, QUERY_LIMIT_MS, queue(ctx, query), `total ${page.total.toLocaleString('en')}`);
    }
    const counts = await countTicketViews(ctx);
    await measure(`tab counts — ${who}`, QUERY_LIMIT_MS, () => countTicketViews(ctx), `subtree ${counts.subtree.toLocaleString('en')}, overdue ${counts.overdue.toLocaleString('en')}`);
  }
}
if (only.has('figures')) {
  console.log('figures (getTicketFigures: this year to date, and the last 30 days)');
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const monthAgo = new Date(Date.now() + 8 * 3600_000 - 29 * 86_400_000).toISOString().slice(0, 10);
  for (const [who, ctx] of [['city', asCity], ['province', asProvince]] as const) {
    const year = await getTicketFigures(ctx, {});
    await measure(`figures year — ${who}`, QUERY_LIMIT_MS, () => getTicketFigures(ctx, {}), `${year.tickets.toLocaleString('en')} tickets`);
    const month = await getTicketFigures(ctx, { from: monthAgo, to: today });
    await measure(`figures 30 days — ${who}`, QUERY_LIMIT_MS, () => getTicketFigures(ctx, { from: monthAgo, to: today }), `${month.tickets.toLocaleString('en')} tickets`);
  }
}

const sweepResults: { runMs: number; reminded: number; escalated: number; countMs: number; openCount: number }[] = [];
if (only.has('sweep')) {
  console.log(`sweep (sweepTickets at now + 1 hour, ${sweeps} runs, each undone after it)`);
  for (let i = 0; i < sweeps; i++) {
    // "now" an hour ahead: the clocks falling due in that hour are escalated, those due within the next working day reminded
    const at = new Date(Date.now() + 3600_000 + i);
    const c0 = performance.now();
    const [open] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket WHERE state <> 'closed'`);
    const countMs = performance.now() - c0;
    const s = performance.now();
    const out = await sweepTickets({ db }, at);
    const runMs = performance.now() - s;
    sweepResults.push({ runMs: round(runMs), ...out, countMs: round(countMs), openCount: open!.n });
    console.log(`  run ${i + 1}: ${round(runMs)} ms — reminded ${out.reminded}, escalated ${out.escalated}; count(*) of ${open!.n.toLocaleString('en')} open tickets ${round(countMs)} ms (ratio ${round(runMs / countMs)})`);
    // undo this pass, so that every run finds the same work
    await db.transaction(async (tx) => {
      await tx.query(`DELETE FROM ticket_step WHERE at = $1 AND action IN ('remind', 'escalate')`, [at]);
      await tx.query(`DELETE FROM audit_log WHERE at >= $1::timestamptz - interval '1 minute' AND action IN ('ticket.remind', 'ticket.escalate')`, [new Date(s + performance.timeOrigin)]);
      await tx.query(`UPDATE ticket_clock SET reminded_at = NULL WHERE reminded_at = $1`, [at]);
      await tx.query(`UPDATE ticket_clock SET escalated_at = NULL, escalated_to_org_id = NULL WHERE escalated_at = $1`, [at]);
    });
  }
  const sorted = sweepResults.map((r) => r.runMs).sort((a, b) => a - b);
  const median = percentile(sorted, 50);
  const countMedian = percentile(sweepResults.map((r) => r.countMs).sort((a, b) => a - b), 50);
  results.push({ name: 'sweep', limitMs: SWEEP_LIMIT_MS, runs: sweeps, p50: round(median), p95: round(percentile(sorted, 95)), max: round(sorted.at(-1)!), ratio: round(percentile(sorted, 95) / SWEEP_LIMIT_MS), note: `count(*) of the open tickets p50 ${round(countMedian)} ms; sweep/count ${round(median / countMedian)}` });
  console.log(`  ${percentile(sorted, 95) <= SWEEP_LIMIT_MS ? '✓' : '✗'} sweep p50 ${round(median)} ms, max ${round(sorted.at(-1)!)} ms; p95/limit ${round(percentile(sorted, 95) / SWEEP_LIMIT_MS)}; sweep/count(*) ${round(median / countMedian)}`);
}

const [version] = await db.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
await db.close();
const summary = {
  at: new Date().toISOString(),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 1024 ** 3), postgres: version!.v, node: process.version },
  database: args.database,
  shape,
  city: city!.name,
  results,
  sweeps: sweepResults,
};
writeOutput(args.out, `${JSON.stringify(summary, null, 2)}\n`);
const missed = results.filter((r) => r.ratio > 1);
log(missed.length === 0 ? `all within their limits → ${args.out}` : `over the limit: ${missed.map((m) => m.name).join(', ')} → ${args.out}`);
