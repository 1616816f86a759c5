// The enterprise file's data at scale (issue 16, design §10), over a database bench/seed-scale.ts
// built (the province-size tree and its members): employers — one per enterprise union and
// `--without` more without a union, spread over the towns — their facts (size, ownership, union
// facts: contracts, congresses, legal persons), members linked to their employer, 24 months of
// member_event history (joins, transfers, departures, rejoins at ~1.5 % a month), founding requests;
// then the tallies rebuilt set-based (gh_member_figures_rebuild() of migration 050, when present).
//
//   npx tsx bench/seed-file-scale.ts --engine pglite [--dir tmp/bench-pglite]
//   npx tsx bench/seed-file-scale.ts --engine postgres [--database gh_bench] [--without 50000]
//
// Every step is one set-based statement on the server (INSERT … SELECT over generate_series and the
// tables already loaded; hashes of ids instead of random(), so a run is repeatable) — no row goes
// through Node. Facts go through enterprise_fact and its apply trigger, as every fact does.
//
// Then (bench/seed-activity-scale.ts, its header states the ratios) the tables the other dashboard
// tiles read: activities with views and sign-ups, point operations, places and visits, campaigns with
// awards and payouts, hardship files and targets, tickets with clocks, founding drives, model homes.
// Not generated: what no tile reads (campaign review levels, payout attempts, hardship visits and
// aid, ticket steps, bookings) — each module's own benchmark seeds those it measures.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { benchEngine, parseArgs, pgUrl, scaleDbArgs, writeOutput } from './common.ts';
import { ACTIVITY_SCALE, frac, seedActivityScale } from './seed-activity-scale.ts';

export interface FileScaleOptions {
  /** employers without a union, spread over the towns (150,000 in all at full scale: ~100,000 with one) */
  without: number;
  /** months of member_event history */
  months: number;
  /** share of members with a history event per month (0.015) */
  monthlyRate: number;
  /** founding requests (members of employers without a union) */
  requests: number;
  log?: (msg: string) => void;
}

/** 050's tally triggers on member and member_event, off for a bulk step (rebuilt after) or back on. */
async function setTallyTriggers(db: Db, on: boolean): Promise<void> {
  const verb = on ? 'ENABLE' : 'DISABLE';
  await db.query(`ALTER TABLE member ${verb} TRIGGER member_figures_upd`);
  await db.query(`ALTER TABLE member_event ${verb} TRIGGER member_month_keep`);
}

export const FULL_SCALE: FileScaleOptions = { without: 50_000, months: 24, monthlyRate: 0.015, requests: 5_000 };

/** Seeds the file's tables over the orgs and members already loaded; returns the row counts and timings. */
export async function seedFileScale(db: Db, o: FileScaleOptions): Promise<{ counts: Record<string, number>; timings: Record<string, number> }> {
  const timings: Record<string, number> = {};
  const log = o.log ?? (() => undefined);
  const step = async (name: string, sql: string, params: unknown[] = []) => {
    const s = performance.now();
    await db.query(sql, params);
    timings[name] = Math.round(performance.now() - s) / 1000;
    log(`${name}: ${timings[name]} s`);
  };

  // 1. one employer per enterprise union (its town: the nearest town above it, else its parent)
  await step(
    'employers with a union',
    `INSERT INTO enterprise (name, name_key, town_org_id, union_org_id, industry_section, ownership, source)
     SELECT left(regexp_replace(o.name, '工会$', ''), 100) || '（' || o.id || '）', 'bench-u' || o.id,
            coalesce((SELECT t.id FROM org t WHERE t.path @> o.path AND t.level = 'town' ORDER BY nlevel(t.path) DESC LIMIT 1), o.parent_id),
            o.id,
            (ARRAY['C','C','C','F','G','E','H','I','K','L'])[1 + (o.id % 10)],
            (ARRAY['private','private','private','state','hmt','foreign','mixed','collective'])[1 + (o.id % 8)],
            'seed'
       FROM org o
      WHERE o.level = 'grassroots' AND o.kind = 'enterprise' AND o.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.union_org_id = o.id)`,
  );
  // 2. employers without a union, round-robin over the towns
  await step(
    'employers without a union',
    `WITH towns AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k, count(*) OVER () AS n FROM org WHERE level = 'town' AND status = 'active')
     INSERT INTO enterprise (name, name_key, town_org_id, industry_section, ownership, source)
     SELECT '基准测试未建会企业' || g || '有限公司', 'bench-n' || g, t.id,
            (ARRAY['C','C','F','G','H','E'])[1 + (g % 6)], (ARRAY['private','private','individual','hmt'])[1 + (g % 4)], 'seed'
       FROM generate_series(1, $1::int) g JOIN towns t ON t.k = g % t.n
      WHERE NOT EXISTS (SELECT 1 FROM enterprise e WHERE e.name_key = 'bench-n' || g)`,
    [o.without],
  );
  // The bulk steps on member and member_event run with 050's tally triggers off (their statement-level
  // transition tables would aggregate millions of rows into one jsonb: 18 GB at 10 M members, measured);
  // step 7 rebuilds every tally from the rows, as loadMembers does after its COPY.
  await setTallyTriggers(db, false);
  // 3. members of an enterprise union work at its employer; some members of town federations at an employer without a union
  await step(
    'members linked to their employer',
    `UPDATE member m SET enterprise_id = e.id FROM enterprise e WHERE e.union_org_id = m.org_id AND m.enterprise_id IS NULL`,
  );
  await step(
    'parked members linked to employers without a union',
    `WITH ne AS (SELECT e.id, e.town_org_id, row_number() OVER (PARTITION BY e.town_org_id ORDER BY e.id) - 1 AS k,
                        count(*) OVER (PARTITION BY e.town_org_id) AS n
                   FROM enterprise e WHERE e.union_org_id IS NULL AND e.name_key LIKE 'bench-n%')
     UPDATE member m SET enterprise_id = ne.id
       FROM ne
      WHERE ne.town_org_id = m.org_id AND m.enterprise_id IS NULL AND ne.k = m.id % ne.n AND ${frac('m.id', 7)} < 0.3`,
  );
  // 4. facts: a size for 60 % of employers (some below their members: the alert), union facts for the unions
  await step(
    'size facts',
    `INSERT INTO enterprise_fact (enterprise_id, kind, key, value, as_of, source)
     SELECT e.id, 'size', 'size', jsonb_build_object('employees', 5 + (e.id % 400)), DATE '2026-01-01' + (e.id % 300)::int, 'seed'
       FROM enterprise e
      WHERE e.name_key LIKE 'bench-%' AND ${frac('e.id', 11)} < 0.6
        AND NOT EXISTS (SELECT 1 FROM enterprise_fact f WHERE f.enterprise_id = e.id AND f.key = 'size')`,
  );
  await step(
    'collective contracts',
    `INSERT INTO enterprise_fact (org_id, kind, key, value, as_of, source)
     SELECT e.union_org_id, 'collectiveContract', 'collectiveContract:general',
            jsonb_build_object('type', 'general', 'signedOn', d::text, 'startsOn', d::text, 'expiresOn', (d + 3 * 365)::text, 'coveredWorkers', 10 + (e.id % 300)),
            d, 'seed'
       FROM enterprise e, LATERAL (SELECT (DATE '2023-06-01' + (e.id % 1000)::int) AS d) x
      WHERE e.union_org_id IS NOT NULL AND e.name_key LIKE 'bench-u%' AND ${frac('e.id', 13)} < 0.5
        AND NOT EXISTS (SELECT 1 FROM enterprise_fact f WHERE f.org_id = e.union_org_id AND f.key = 'collectiveContract:general')`,
  );
  await step(
    'workers congresses',
    `INSERT INTO enterprise_fact (org_id, kind, key, value, as_of, source)
     SELECT e.union_org_id, 'workersCongress', 'workersCongress',
            jsonb_build_object('heldOn', (DATE '2024-06-01' + (e.id % 540)::int)::text, 'delegates', 20 + (e.id % 80)),
            DATE '2024-06-01' + (e.id % 540)::int, 'seed'
       FROM enterprise e
      WHERE e.union_org_id IS NOT NULL AND e.name_key LIKE 'bench-u%' AND ${frac('e.id', 17)} < 0.4
        AND NOT EXISTS (SELECT 1 FROM enterprise_fact f WHERE f.org_id = e.union_org_id AND f.key = 'workersCongress')`,
  );
  // 4b. legal persons: 60 % of grassroots unions registered (what the 强基 legal-person rate reads, union_file)
  await step(
    'legal persons',
    `INSERT INTO enterprise_fact (org_id, kind, key, value, as_of, source)
     SELECT o.id, 'legalPerson', 'legalPerson',
            jsonb_build_object('registered', true, 'registeredOn', (DATE '2015-01-01' + (o.id % 3600)::int)::text, 'number', o.credit_code),
            DATE '2015-01-01' + (o.id % 3600)::int, 'seed'
       FROM org o
      WHERE o.level = 'grassroots' AND o.status = 'active' AND ${frac('o.id', 59)} < 0.6
        AND NOT EXISTS (SELECT 1 FROM enterprise_fact f WHERE f.org_id = o.id AND f.key = 'legalPerson')`,
  );
  // 5. 24 months of history: joins, transfers (from a sibling union; a third from any union in the province),
  //    departures and rejoins, ~monthlyRate a month
  const since = `date_trunc('month', now()) - make_interval(months => $1::int)`;
  const share = o.monthlyRate * o.months;
  await step(
    'member_event joins',
    `INSERT INTO member_event (member_id, at, kind, to_status, to_org_id, actor_kind)
     SELECT m.id, ${since} + ${frac('m.id', 19)} * (now() - (${since})), 'joined', 'active', m.org_id, 'system'
       FROM member m WHERE ${frac('m.id', 23)} < $2::float8
        AND NOT EXISTS (SELECT 1 FROM member_event x WHERE x.member_id = m.id AND x.kind = 'joined')`,
    [o.months, share],
  );
  await step(
    'member_event transfers',
    `WITH g AS (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM org WHERE level = 'grassroots' AND status = 'active')
     INSERT INTO member_event (member_id, at, kind, from_org_id, to_org_id, actor_kind)
     SELECT m.id, ${since} + ${frac('m.id', 29)} * (now() - (${since})), 'transferred',
            CASE WHEN ${frac('m.id', 33)} < 1 / 3.0 AND far.id IS NOT NULL THEN far.id ELSE s.id END, m.org_id, 'system'
       FROM member m JOIN org o ON o.id = m.org_id
       JOIN LATERAL (SELECT c.id FROM org c WHERE c.parent_id = o.parent_id AND c.id <> o.id LIMIT 1) s ON true
       LEFT JOIN g far ON far.k = floor(${frac('m.id', 35)} * (SELECT count(*) FROM g))::bigint AND far.id <> m.org_id
      WHERE ${frac('m.id', 31)} < $2::float8 / 3`,
    [o.months, share],
  );
  await step(
    'member_event departures',
    `INSERT INTO member_event (member_id, at, kind, from_status, to_status, actor_kind)
     SELECT m.id, ${since} + ${frac('m.id', 37)} * (now() - (${since})), 'status', 'active', 'left', 'system'
       FROM member m WHERE m.status = 'left' OR ${frac('m.id', 41)} < $2::float8 / 4`,
    [o.months, share],
  );
  await step(
    'member_event rejoins',
    `INSERT INTO member_event (member_id, at, kind, from_status, to_status, to_org_id, actor_kind)
     SELECT m.id, now() - ${frac('m.id', 43)} * interval '60 days', 'rejoined', 'left', 'active', m.org_id, 'system'
       FROM member m WHERE m.status NOT IN ('left', 'deceased') AND ${frac('m.id', 41)} < $1::float8 / 4 AND ${frac('m.id', 47)} < 0.3`,
    [share],
  );
  await setTallyTriggers(db, true);
  // 6. founding requests: members of employers without a union
  await step(
    'founding requests',
    `INSERT INTO founding_request (member_id, enterprise_id, town_org_id, note, may_contact, created_at, idem_key, request_hash)
     SELECT m.id, e.id, e.town_org_id, NULL, m.id % 3 <> 0, now() - (m.id % 300) * interval '1 day', 'bench-' || m.id, '\\x00'::bytea
       FROM member m JOIN enterprise e ON e.id = m.enterprise_id
      WHERE e.union_org_id IS NULL AND m.status NOT IN ('left', 'deceased')
      ORDER BY ${frac('m.id', 53)} LIMIT $1
     ON CONFLICT DO NOTHING`,
    [o.requests],
  );
  // 7. the tallies, set-based (050's gh_member_figures_rebuild)
  await step('gh_member_figures_rebuild()', `SELECT gh_member_figures_rebuild()`);
  // 8. the services, aid and rights tables the other tiles read (bench/seed-activity-scale.ts)
  const more = await seedActivityScale(db, { months: o.months, ...ACTIVITY_SCALE, log });
  Object.assign(timings, more.timings);
  await step('analyze', `ANALYZE`);

  const [c] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM enterprise)::bigint AS enterprises,
            (SELECT count(*) FROM enterprise WHERE union_org_id IS NULL)::bigint AS "withoutUnion",
            (SELECT count(*) FROM enterprise_fact)::bigint AS facts,
            (SELECT count(*) FROM member WHERE enterprise_id IS NOT NULL)::bigint AS "membersWithEmployer",
            (SELECT count(*) FROM member_event)::bigint AS "memberEvents",
            (SELECT count(*) FROM founding_request)::bigint AS "foundingRequests"`,
  );
  return { counts: { ...Object.fromEntries(Object.entries(c!).map(([k, v]) => [k, Number(v)])), ...more.counts }, timings };
}

// ── as a command ─────────────────────────────────────────────────────────────────────────────────
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = parseArgs(process.argv.slice(2), { ...scaleDbArgs, without: String(FULL_SCALE.without), months: '24', rate: '0.015', requests: String(FULL_SCALE.requests) });
  const engine = benchEngine(args.engine);
  const db = engine === 'postgres' ? await openDb({ databaseUrl: pgUrl(args['pg-url'], args.database), poolSize: 2 }) : await openDb({ dataDir: args.dir });
  const t0 = performance.now();
  // a database bench/seed-scale.ts built before a later migration: bring it up to date first
  await migrate(db);
  const out = await seedFileScale(db, {
    without: Number(args.without),
    months: Number(args.months),
    monthlyRate: Number(args.rate),
    requests: Number(args.requests),
    log: (m) => console.log(`[${((performance.now() - t0) / 1000).toFixed(1)} s] ${m}`),
  });
  await db.close();
  const file = `tmp/seed-file-${engine}.json`;
  writeOutput(file, `${JSON.stringify({ engine, ...out, at: new Date().toISOString() }, null, 2)}\n`);
  console.log(JSON.stringify(out.counts), '→', file);
}
