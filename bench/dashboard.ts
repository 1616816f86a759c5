// The subtree dashboard (一屏总览) at scale (issue 16, design §10): for the province, a city (广州市总工会)
// and a town (南海区狮山镇总工会), after 20 warm-ups, 200 iterations of
//   dashboard — the whole dashboard as GET /api/dashboard answers it (dashboard.service getDashboard):
//               every registered tile (server/dashboard-tiles.ts) for the root and its direct children,
//               this year to this month and the period before — goal p95 ≤ 300 ms
//   series    — the 24-month members series (members/series.service getMemberSeries, as the route) — goal p95 ≤ 100 ms
//   count     — the subtree member count (orgs.service countSubtreeMembers, the yardstick), same run
// each as p50/p95/p99, p95 ÷ goal and p95 ÷ the count's p95; and per tile its share of the
// dashboard's time (each tile timed alone, in the same run), so a tile over budget is named.
// Before timing, each answer is checked against a direct count (the subtree's counted members; the
// members.now tile and the series' last month; activities.count, points.issued and hardship.inRelief
// counted straight from their tables), and a tile whose figure is 0 is listed as an empty table.
//
//   npm run bench:dashboard -- --scale small                 # builds a small PGlite database in memory (a minute)
//   npm run bench:dashboard -- --engine pglite [--dir tmp/bench-pglite]      # a database seed-scale + seed-file-scale built
//   npm run bench:dashboard -- --engine postgres [--database gh_bench] [--iterations 200 --warmups 20]
//
// Writes tmp/bench-dashboard-<engine>.json. The services get the staff context the routes would build
// for an admin of the root (only what they read).
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDb, type Db, type Queryable } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadMembers, loadOrgs } from '../server/db/seed/load.ts';
import { buildTree } from '../server/db/seed/tree.ts';
import { dashboardTiles } from '../server/dashboard-tiles.ts';
import type { TileAt } from '../server/http/dashboard-tile.ts';
import { createPiiCipher } from '../server/lib/pii.ts';
import type { StaffContext } from '../server/http/context.ts';
import { makeScope } from '../server/http/scope.ts';
import { getDashboard } from '../server/modules/dashboard/dashboard.service.ts';
import { getMemberSeries } from '../server/modules/members/series.service.ts';
import { countSubtreeMembers } from '../server/modules/orgs/orgs.service.ts';
import { benchEngine, failureLog, parseArgs, percentile, pgUrl, scaleDbArgs, writeOutput } from './common.ts';
import { seedFileScale } from './seed-file-scale.ts';

const DASHBOARD_GOAL_MS = 300;
const SERIES_GOAL_MS = 100;

const args = parseArgs(process.argv.slice(2), { ...scaleDbArgs, scale: 'existing', iterations: '200', warmups: '20', members: '20000' });
const iterations = Number(args.iterations);
const warmups = Number(args.warmups);
const { failures, check } = failureLog();

/** The three roots: the province, a city, a town (by name, else the largest of the level). */
async function rootsOf(db: Queryable) {
  const pick = async (label: string, like: string, level: string) => {
    const [named] = await db.query<{ id: number; path: string; name: string }>(
      `SELECT id::int AS id, path::text AS path, name FROM org WHERE name LIKE $1 AND level = $2 ORDER BY id LIMIT 1`,
      [like, level],
    );
    const [largest] = named
      ? [named]
      : await db.query<{ id: number; path: string; name: string }>(
          `SELECT o.id::int AS id, o.path::text AS path, o.name FROM org o JOIN org_rollup r ON r.org_id = o.id
            WHERE o.level = $1 GROUP BY o.id ORDER BY sum(r.members) DESC, o.id LIMIT 1`,
          [level],
        );
    if (!largest) throw new Error(`no ${level} in the database`);
    return { label, ...largest };
  };
  return [await pick('province', '%', 'province'), await pick('city', '广州市总工会', 'city'), await pick('town', '%南海区狮山镇%', 'town')];
}

/** The tile port's `at` for a root: its direct children, this year's months to this one (Beijing). */
async function atOf(db: Queryable, root: { id: number; path: string }): Promise<TileAt> {
  const children = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE parent_id = $1 AND status = 'active' ORDER BY id`, [root.id]);
  const now = new Date(Date.now() + 8 * 3600_000);
  const y = now.getUTCFullYear();
  const m = now.getUTCMonth() + 1;
  const start = new Date(Date.UTC(y, 0, 1) - 8 * 3600_000);
  const end = new Date(Date.UTC(y, m, 1) - 8 * 3600_000);
  return {
    root: root.path as TileAt['root'],
    rootId: root.id,
    children: children.map((c) => ({ id: c.id, path: c.path as TileAt['root'] })),
    period: { from: `${y}-01`, to: `${y}-${String(m).padStart(2, '0')}`, start, end },
  };
}

/** The staff context the routes would build for an admin of `root` (only what the services read). */
function contextOf(db: Db, root: { id: number; path: string }): StaffContext {
  return { db, scope: makeScope(root.id, root.path), actor: { kind: 'staff', staffId: 0, orgId: root.id, roles: ['admin'], displayName: 'bench' } } as unknown as StaffContext;
}

/**
 * Tiles' figures counted straight from their tables, written apart from the tiles' SQL: activities
 * published starting in the period; points issued in the period, as the members' ledger entries
 * (reversals of issues are negative issue entries); hardship files open now (the period ends this
 * month, after today).
 */
async function directCounts(db: Queryable, root: string, at: TileAt): Promise<Record<string, number>> {
  const [r] = await db.query<{ activities: number; points: number; hardship: number }>(
    `SELECT (SELECT count(*) FROM activity a JOIN org o ON o.id = a.org_id
              WHERE o.path <@ $1::ltree AND a.status = 'published' AND a.starts_at >= $2 AND a.starts_at < $3)::int AS activities,
            (SELECT coalesce(sum(e.amount), 0) FROM point_entry e JOIN point_account acc ON acc.id = e.account_id AND acc.kind = 'member'
               JOIN point_operation p ON p.id = e.operation_id
              WHERE e.counts_as = 'issue' AND p.org_path <@ $1::ltree AND p.created_at >= $2 AND p.created_at < $3)::int AS points,
            (SELECT count(*) FROM hardship_file f JOIN member m ON m.id = f.member_id JOIN org o ON o.id = m.org_id
              WHERE o.path <@ $1::ltree AND f.status IN ('filed', 'in_relief'))::int AS hardship`,
    [root, at.period.start, at.period.end],
  );
  return { 'activities.count': r!.activities, 'points.issued': r!.points, 'hardship.inRelief': r!.hardship };
}

interface Figure {
  p50: number;
  p95: number;
  p99: number;
  goalMs?: number;
  p95OverGoal?: number;
  p95OverCount?: number;
}

async function timeIt(fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < warmups; i++) await fn();
  const ms: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const s = performance.now();
    await fn();
    ms.push(performance.now() - s);
  }
  return ms.sort((a, b) => a - b);
}

const round = (x: number) => Math.round(x * 100) / 100;
function figure(sorted: number[], goalMs?: number, countP95?: number): Figure {
  const p95 = percentile(sorted, 95);
  return {
    p50: round(percentile(sorted, 50)),
    p95: round(p95),
    p99: round(percentile(sorted, 99)),
    ...(goalMs ? { goalMs, p95OverGoal: round(p95 / goalMs) } : {}),
    ...(countP95 ? { p95OverCount: round(p95 / countP95) } : {}),
  };
}

async function openBenchDb(): Promise<{ db: Db; engine: string }> {
  if (args.scale === 'small') {
    // a quick try: a small tree, a few members and the file's data, in memory
    const db = await openDb({});
    await migrate(db);
    const orgs = buildTree('small');
    await loadOrgs(db, orgs);
    await loadMembers(db, createPiiCipher(randomBytes(32)), orgs, { count: Number(args.members) });
    await seedFileScale(db, { without: 500, months: 24, monthlyRate: 0.015, requests: 200, log: (m) => console.log(`  seed: ${m}`) });
    return { db, engine: 'pglite (memory, --scale small)' };
  }
  if (args.scale !== 'existing') throw new Error('--scale small|existing');
  const engine = benchEngine(args.engine);
  const db = engine === 'postgres' ? await openDb({ databaseUrl: pgUrl(args['pg-url'], args.database), poolSize: 2 }) : await openDb({ dataDir: args.dir });
  return { db, engine };
}

const { db, engine } = await openBenchDb();
const tiles = dashboardTiles;
console.log(`engine ${engine}; ${tiles.length} tiles registered; ${iterations} iterations after ${warmups} warm-ups`);

const results = [];
for (const root of await rootsOf(db)) {
  const at = await atOf(db, root);
  // the answers first, against direct counts
  const [direct] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased')`,
    [root.path],
  );
  check((await countSubtreeMembers(db, root.id)) === direct!.n, `${root.label}: subtree member count = direct count (${direct!.n})`);
  const ctx = contextOf(db, root);
  const whole = await getDashboard(ctx, tiles, { orgId: root.id });
  check(whole.tiles.find((x) => x.id === 'members.now')?.value === direct!.n, `${root.label}: members.now = direct count`);
  // every tile holds a figure (a 0 is an empty table: listed, not a failure), and four equal direct counts
  const empty = whole.tiles.filter((x) => !x.value).map((x) => x.id);
  if (empty.length) console.log(`  ${root.label}: empty table behind ${empty.join(', ')}`);
  const value = (id: string) => whole.tiles.find((x) => x.id === id)?.value;
  for (const [id, n] of Object.entries(await directCounts(db, root.path, at))) {
    check(value(id) === n, `${root.label}: ${id} ${String(value(id))} = direct count (${n})`);
  }
  const months = await getMemberSeries(ctx, { orgId: root.id });
  check(months.months.length === 24, `${root.label}: the series has 24 months`);
  const last = months.months.at(-1);
  check(last?.members === direct!.n, `${root.label}: the series' last month = direct count (${String(last?.members)})`);

  const count = figure(await timeIt(() => countSubtreeMembers(db, root.id)));
  const dashboard = figure(await timeIt(() => getDashboard(ctx, tiles, { orgId: root.id })), DASHBOARD_GOAL_MS, count.p95);
  const perTile: Record<string, { p95: number; share: number }> = {};
  // each tile alone, one after another: its share of the tiles' summed p95
  let sum = 0;
  for (const t of tiles) {
    const f = figure(await timeIt(() => t.compute(db, at)));
    perTile[t.id] = { p95: f.p95, share: 0 };
    sum += f.p95;
  }
  for (const k of Object.keys(perTile)) perTile[k]!.share = sum > 0 ? round(perTile[k]!.p95 / sum) : 0;
  const seriesFigure = figure(await timeIt(() => getMemberSeries(ctx, { orgId: root.id })), SERIES_GOAL_MS, count.p95);
  if (dashboard.p95 > DASHBOARD_GOAL_MS) check(false, `${root.label}: dashboard p95 ${dashboard.p95} ms > ${DASHBOARD_GOAL_MS} ms`);
  if (seriesFigure.p95 > SERIES_GOAL_MS) check(false, `${root.label}: series p95 ${seriesFigure.p95} ms > ${SERIES_GOAL_MS} ms`);
  const row = { root: root.label, orgId: root.id, name: root.name, children: at.children.length, members: direct!.n, emptyTiles: empty, count, dashboard, series: seriesFigure, perTile };
  console.log(JSON.stringify(row));
  results.push(row);
}
await db.close();

const file = `tmp/bench-dashboard-${engine.startsWith('pglite (memory') ? 'small' : engine}.json`;
writeOutput(
  file,
  `${JSON.stringify({ engine, iterations, warmups, tiles: tiles.map((t) => t.id), goals: { dashboardMs: DASHBOARD_GOAL_MS, seriesMs: SERIES_GOAL_MS }, machine: { cpus: cpus().length, memoryBytes: totalmem() }, results, failures, at: new Date().toISOString() }, null, 2)}\n`,
);
console.log(`→ ${file}${failures.length ? `; ${failures.length} failure(s)` : ''}`);
if (failures.length) process.exitCode = 1;
