// The services, aid and rights data of the dashboard benchmark at scale (issue 16, design §10), over a
// database bench/seed-scale.ts and bench/seed-file-scale.ts built (which calls seedActivityScale at
// its end): every table a registered dashboard tile (server/dashboard-tiles.ts) reads and the file's
// generators leave empty, filled over the `months` the member_event history spans, proportionate to
// the members loaded. Ratios (the defaults, ACTIVITY_SCALE):
//
//   activities   one per active grassroots union a quarter (3 % of them cancelled), first come, 20–60
//                places over the module's counter slots (rules.ts slotCountFor); views by ~50 % of the
//                union's counted members, sign-ups by ~10 % (views ×5 sign-ups: a sign-up is a view
//                that went on), confirmed up to the places; activity_slot.taken rebuilt from them
//   points       ~2 % of counted members get an issue a month (10–100 points, by their union), 1 % of
//                issues reversed; issuer and member accounts, both entries of every operation, and the
//                balances rebuilt from the entries (the ledger's invariants hold)
//   places       a 爱心驿站 per active town, a 职工之家 for 20 % of grassroots unions (5 % closed);
//                ~3 % of counted members visit their union's home (else their town's station) a month
//   campaigns    per county, one every six months (送温暖, 夏送清凉, 金秋助学, 求学圆梦 in turn), ~0.2 % of
//                the county's counted members awarded each, every award paid by bank and confirmed
//                (one payout run per campaign); quota, budget reserved and paid set to what was awarded
//   hardship     files for ~0.3 % of counted members, filed over the last 30 months; 60 % of those
//                filed long enough ago exited; exit targets per union above grassroots and year
//                (a quarter of the files in its subtree)
//   tickets      ~0.1 % of members a year (hotline, held by the member's union's parent), each with its
//                clock (10-day limit, ~85 % closed on time); ticket_tally kept by its row trigger
//   drives       one founding drive per city over the window: a founded target for each union founded
//                in the window with an employer on file, an open one for 10 % of employers without a union
//   model homes  ~2 % of grassroots unions designated 模范职工之家 (county level) each year
//
// At 10,000,000 members (buildTree('large'): 138,098 grassroots unions, ~72 members each, 123 counties,
// 1,757 towns, 21 cities) and 24 months that is ~1.1 M activities, ~40 M views, ~8 M sign-ups, ~4.7 M
// point operations (~9.4 M entries), ~29,000 places and ~7 M visits, 492 campaigns with ~80,000
// payouts, ~30,000 hardship files, ~20,000 tickets, ~8,000 model homes. At --scale small (20,000
// members, 1,564 unions): 12,512 activities, 77,373 views, 14,927 sign-ups, 9,498 operations, 592
// places, 11,725 visits, 492 campaigns, 161 payouts, 47 files, 36 tickets, 108 drive targets, 98 homes.
//
// Every step is one set-based statement (INSERT … SELECT over generate_series and the loaded orgs and
// members; hashes of ids instead of random(), so a run repeats) — no row goes through Node. Run again
// over the same database, each generator skips once its rows are there.
import { performance } from 'node:perf_hooks';
import type { Db } from '../server/db/client.ts';
import { HOURS } from '../server/db/seed/places.ts';
import { deriveHours, multirangeLiteral } from '../server/lib/opening-hours.ts';

export interface ActivityScaleOptions {
  /** months of history (as seed-file-scale's member_event) */
  months: number;
  /** share of a union's counted members who open one of its activities */
  viewRate: number;
  /** share who sign up (a subset of the viewers) */
  signupRate: number;
  /** share of counted members with a point issue, per month */
  pointsMonthlyRate: number;
  /** share of counted members who visit a place, per month */
  visitMonthlyRate: number;
  /** share of a county's counted members awarded by each of its campaigns */
  campaignRate: number;
  /** share of counted members with a hardship file */
  hardshipRate: number;
  /** share of members filing a ticket, per year */
  ticketYearlyRate: number;
  log?: (msg: string) => void;
}

export const ACTIVITY_SCALE: Omit<ActivityScaleOptions, 'months' | 'log'> = {
  viewRate: 0.5,
  signupRate: 0.1,
  pointsMonthlyRate: 0.02,
  visitMonthlyRate: 0.03,
  campaignRate: 0.002,
  hardshipRate: 0.003,
  ticketYearlyRate: 0.001,
};

/**
 * A stable pseudo-random fraction in [0, 1) of an id and a salt, as SQL (no random(): runs repeat).
 * PostgreSQL's own 64-bit hash with the salt as its seed (hashint8extended, the hash of hash
 * partitioning: the same on every version and on PGlite), so two salts give independent fractions of
 * one id — a multiplicative hash (x·K + salt mod P) gives nearly the same fraction for every salt, and
 * "filed if f(id, 1) < 0.3 %" then left f(id, 2) < 0.3 % too (every exit date, ticket and join bunched
 * at the window's start).
 */
export const frac = (expr: string, salt: number) => `((hashint8extended((${expr})::bigint, ${salt}) & 2147483647)::float8 / 2147483648.0)`;
const COUNTED = `m.status NOT IN ('left', 'deceased')`;
/** The first instant of the history ($1: months). */
const SINCE = `(date_trunc('month', now()) - make_interval(months => $1::int))`;
const BENCH_ACTIVITY = `a.title LIKE '基准测试活动%'`;
const BENCH_CAMPAIGN = `c.description = '基准测试生成'`;

/** Seeds the tiles' remaining tables; returns row counts and each step's seconds. */
export async function seedActivityScale(db: Db, o: ActivityScaleOptions): Promise<{ counts: Record<string, number>; timings: Record<string, number> }> {
  const timings: Record<string, number> = {};
  const log = o.log ?? (() => undefined);
  const step = async (name: string, sql: string, params: unknown[] = [o.months]) => {
    const s = performance.now();
    await db.query(sql, params);
    timings[name] = Math.round(performance.now() - s) / 1000;
    log(`${name}: ${timings[name]} s`);
  };
  const has = async (sql: string) => ((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql} LIMIT 1) x`))[0]!.n > 0);

  // the staff account the generated writes name (made_by, actor_id): one, at the root
  await db.query(
    `INSERT INTO staff (org_id, username, display_name, password_hash, roles, is_active)
     SELECT id, 'bench-seed', '基准测试', '!', ARRAY['admin'], false FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1
     ON CONFLICT (username) DO NOTHING`,
  );
  const [staff] = await db.query<{ id: number }>(`SELECT id::int AS id FROM staff WHERE username = 'bench-seed'`);
  const staffId = staff!.id;

  // each org's town and county (the nearest above it, itself included), and later its members' place
  await db.exec(`DROP TABLE IF EXISTS bench_org_area`);
  await step(
    'org areas',
    `CREATE UNLOGGED TABLE bench_org_area AS
     SELECT o.id AS org_id,
            (SELECT t.id FROM org t WHERE t.path @> o.path AND t.level = 'town' ORDER BY nlevel(t.path) DESC LIMIT 1) AS town_id,
            (SELECT c.id FROM org c WHERE c.path @> o.path AND c.level = 'county' ORDER BY nlevel(c.path) DESC LIMIT 1) AS county_id,
            NULL::bigint AS place_id
       FROM org o`,
    [],
  );
  await db.exec(`CREATE UNIQUE INDEX ON bench_org_area (org_id)`);

  // ── activities ──
  if (await has(`SELECT 1 FROM activity a WHERE ${BENCH_ACTIVITY}`)) log('activities: already seeded');
  else {
    // 057's tally triggers stand aside for the bulk statements (tens of millions of rows through a
    // transition table); the tally is rebuilt set-based afterwards.
    const tally = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'gh_activity_figures_rebuild'`))[0]!.n > 0;
    const tallyTriggers = (verb: 'ENABLE' | 'DISABLE') =>
      db.exec(
        `ALTER TABLE activity ${verb} TRIGGER activity_month_ins; ALTER TABLE activity_view ${verb} TRIGGER activity_view_month_ins;
         ALTER TABLE activity_signup ${verb} TRIGGER activity_signup_month_ins; ALTER TABLE activity_signup ${verb} TRIGGER activity_signup_month_upd;`,
      );
    if (tally) await tallyTriggers('DISABLE');
    try {
      await step(
        'activities',
        `INSERT INTO activity (org_id, title, kind, location, places, allocation, signup_opens_at, signup_closes_at, starts_at, ends_at,
                               cancel_deadline, status, cancel_reason, cancelled_at, created_at, updated_at)
         SELECT o.id, '基准测试活动' || o.id || '-' || q, (ARRAY['benefit','retreat','family','training','culture','cooling','other'])[1 + ((o.id + q) % 7)],
                '职工之家', 20 + ((o.id + q) % 5) * 10, 'first_come',
                x.s - interval '14 days', x.s - interval '1 day', x.s, x.s + interval '3 hours', x.s - interval '2 days',
                CASE WHEN x.cancelled THEN 'cancelled' ELSE 'published' END, CASE WHEN x.cancelled THEN '因故取消' END,
                CASE WHEN x.cancelled THEN x.s - interval '3 days' END, x.s - interval '20 days', x.s - interval '20 days'
           FROM org o CROSS JOIN generate_series(0, $1::int / 3 - 1) q
          CROSS JOIN LATERAL (SELECT ${SINCE} + make_interval(months => q * 3) + ${frac('o.id * 8 + q', 61)} * interval '88 days' + interval '9 hours' AS s,
                                     ${frac('o.id * 8 + q', 67)} < 0.03 AS cancelled) x
          WHERE o.level = 'grassroots' AND o.status = 'active'`,
      );
      await step(
        'activity batches and slots',
        `WITH b AS (
           INSERT INTO activity_batch (activity_id, batch_no, places, waitlist_places, signup_opens_at, signup_closes_at)
           SELECT a.id, 1, a.places, 0, a.signup_opens_at, a.signup_closes_at FROM activity a WHERE ${BENCH_ACTIVITY}
           RETURNING activity_id, places)
         INSERT INTO activity_slot (activity_id, batch_no, slot, capacity, wait_capacity)
         SELECT b.activity_id, 1, s, b.places / k.n + (s < b.places % k.n)::int, 0
           FROM b CROSS JOIN LATERAL (SELECT greatest(1, least(16, b.places / 8)) AS n) k CROSS JOIN LATERAL generate_series(0, k.n - 1) s`,
        [],
      );
      await step(
        'activity views',
        `INSERT INTO activity_view (activity_id, member_id, viewed_at)
         SELECT a.id, m.id, a.signup_opens_at + ${frac('m.id + a.id * 13', 71)} * (a.starts_at - a.signup_opens_at)
           FROM activity a JOIN member m ON m.org_id = a.org_id
          WHERE ${BENCH_ACTIVITY} AND ${COUNTED} AND ${frac('m.id * 31 + a.id', 73)} < $1::float8`,
        [o.viewRate],
      );
      await step(
        'activity sign-ups',
        `INSERT INTO activity_signup (activity_id, batch_no, member_id, seats, status, slot, created_at, decided_at)
         SELECT x.activity_id, 1, x.member_id, 1, 'confirmed', ((x.k - 1) % x.n)::smallint, x.at, x.at
           FROM (SELECT v.activity_id, v.member_id, v.viewed_at AS at, a.places, greatest(1, least(16, a.places / 8)) AS n,
                        row_number() OVER (PARTITION BY v.activity_id ORDER BY v.viewed_at, v.member_id) AS k
                   FROM activity_view v JOIN activity a ON a.id = v.activity_id
                  WHERE ${BENCH_ACTIVITY} AND a.status = 'published' AND ${frac('v.member_id * 31 + v.activity_id', 73)} < $1::float8) x
          WHERE x.k <= x.places`,
        [o.signupRate],
      );
      // the counter slots' taken places, as the sign-ups would have left them
      await step(
        'activity slots taken',
        `UPDATE activity_slot s SET taken = c.n
           FROM (SELECT g.activity_id, g.batch_no, g.slot, sum(g.seats)::int AS n
                   FROM activity_signup g JOIN activity a ON a.id = g.activity_id
                  WHERE ${BENCH_ACTIVITY} AND g.status = 'confirmed' GROUP BY 1, 2, 3) c
          WHERE s.activity_id = c.activity_id AND s.batch_no = c.batch_no AND s.slot = c.slot`,
        [],
      );
    } finally {
      if (tally) await tallyTriggers('ENABLE');
    }
    if (tally) await step('activity tally rebuilt (057)', `SELECT gh_activity_figures_rebuild()`, []);
  }

  // ── points ──
  if (await has(`SELECT 1 FROM point_operation WHERE idem_key LIKE 'bench:%'`)) log('points: already seeded');
  else {
    await step('point issuer accounts', `INSERT INTO point_account (kind, org_id) SELECT 'issuer', o.id FROM org o WHERE o.level = 'grassroots' ON CONFLICT (org_id) DO NOTHING`, []);
    await step(
      'point issues',
      `INSERT INTO point_operation (kind, org_id, org_path, amount, member_count, reason, actor_kind, actor_id, idem_key, request_hash, created_at)
       SELECT 'issue', g.id, g.path, 10 * (1 + (m.id + k) % 10), 1, (ARRAY['参加活动','志愿服务','学习积分','签到奖励'])[1 + ((m.id + k) % 4)],
              'staff', $3::bigint, 'bench:' || m.id || ':' || k, '\\x00'::bytea,
              ${SINCE} + make_interval(months => k) + ${frac('m.id * 24 + k', 79)} * interval '27 days' + interval '8 hours'
         FROM member m JOIN org g ON g.id = m.org_id CROSS JOIN generate_series(0, $1::int - 1) k
        WHERE ${COUNTED} AND ${frac('m.id * 24 + k', 83)} < $2::float8`,
      [o.months, o.pointsMonthlyRate, staffId],
    );
    await step(
      'point reversals',
      `INSERT INTO point_operation (kind, org_id, org_path, amount, member_count, reason, reverses_operation_id, actor_kind, actor_id, idem_key, request_hash, created_at)
       SELECT 'reverse', p.org_id, p.org_path, p.amount, 1, '发放有误，冲正', p.id, 'staff', $1::bigint, 'bench-rev:' || p.id, '\\x00'::bytea, p.created_at + interval '2 days'
         FROM point_operation p WHERE p.idem_key LIKE 'bench:%' AND ${frac('p.id', 89)} < 0.01`,
      [staffId],
    );
    await step(
      'point member accounts',
      `INSERT INTO point_account (kind, member_id)
       SELECT DISTINCT 'member', split_part(idem_key, ':', 2)::bigint FROM point_operation WHERE idem_key LIKE 'bench:%'
       ON CONFLICT (member_id) DO NOTHING`,
      [],
    );
    await step(
      'point entries',
      `INSERT INTO point_entry (operation_id, account_id, amount, counts_as, created_at)
       SELECT p.id, a.id, p.amount, 'issue', p.created_at
         FROM point_operation p JOIN point_account a ON a.member_id = split_part(p.idem_key, ':', 2)::bigint WHERE p.idem_key LIKE 'bench:%'
       UNION ALL
       SELECT p.id, i.id, -p.amount, 'issue', p.created_at FROM point_operation p JOIN point_account i ON i.org_id = p.org_id WHERE p.idem_key LIKE 'bench:%'`,
      [],
    );
    // a reversal's entries undo its operation's (a statement of their own: a statement does not see its own rows)
    await step(
      'point reversal entries',
      `INSERT INTO point_entry (operation_id, account_id, amount, counts_as, created_at)
       SELECT r.id, e.account_id, -e.amount, e.counts_as, r.created_at
         FROM point_operation r JOIN point_entry e ON e.operation_id = r.reverses_operation_id WHERE r.idem_key LIKE 'bench-rev:%'`,
      [],
    );
    // balances = the sum of their entries (the ledger's invariant), for every account the bench touched
    await step(
      'point balances',
      `UPDATE point_account a SET balance = a.balance + e.sum
         FROM (SELECT e.account_id, sum(e.amount)::bigint AS sum FROM point_entry e JOIN point_operation p ON p.id = e.operation_id
                WHERE p.idem_key LIKE 'bench:%' OR p.idem_key LIKE 'bench-rev:%' GROUP BY 1) e
        WHERE a.id = e.account_id`,
      [],
    );
  }

  // ── places and visits ──
  if (await has(`SELECT 1 FROM place WHERE address LIKE '基准测试%'`)) log('places: already seeded');
  else {
    const derived = deriveHours(HOURS.daytime!);
    if (typeof derived === 'string') throw new Error(derived);
    const hours = [JSON.stringify(HOURS.daytime), multirangeLiteral(derived.openOwn), multirangeLiteral(derived.openSpill)];
    const placeCols = `org_id, org_path, kind, name, address, town_id, lat, lng, hours, open_own, open_spill, services, status, closed_reason, source, created_at`;
    const placeRest = (id: string, salt: number) =>
      `${frac(id, salt)} * 3.3 + 21.6, ${frac(id, salt + 1)} * 5.8 + 110.2, $1::jsonb, $2::int4multirange, $3::int4multirange,
       ARRAY['water', 'rest'], CASE WHEN ${frac(id, salt + 2)} < 0.05 THEN 'closed' ELSE 'open' END,
       CASE WHEN ${frac(id, salt + 2)} < 0.05 THEN '装修' END, 'import', now() - interval '3 years'`;
    await step(
      'places',
      `INSERT INTO place (${placeCols})
       SELECT t.id, t.path, 'station', left(t.name, 80) || '爱心驿站', '基准测试地址' || t.id, t.id, ${placeRest('t.id', 97)}
         FROM org t WHERE t.level = 'town' AND t.status = 'active'
       UNION ALL
       SELECT g.id, g.path, 'workersHome', left(g.name, 80) || '职工之家', '基准测试地址' || g.id, a.town_id, ${placeRest('g.id', 101)}
         FROM org g JOIN bench_org_area a ON a.org_id = g.id WHERE g.level = 'grassroots' AND g.status = 'active' AND ${frac('g.id', 107)} < 0.2`,
      hours,
    );
    await step(
      'members\' places',
      `UPDATE bench_org_area a SET place_id = coalesce(
          (SELECT p.id FROM place p WHERE p.org_id = a.org_id AND p.kind = 'workersHome' AND p.status = 'open' AND p.address LIKE '基准测试%' LIMIT 1),
          (SELECT p.id FROM place p WHERE p.org_id = a.town_id AND p.kind = 'station' AND p.status = 'open' AND p.address LIKE '基准测试%' LIMIT 1))`,
      [],
    );
    await step(
      'place visits',
      `INSERT INTO place_visit (place_id, org_path, member_id, via, at)
       SELECT p.id, p.org_path, m.id, 'door', ${SINCE} + make_interval(months => k) + ${frac('m.id * 24 + k', 109)} * interval '27 days' + interval '10 hours'
         FROM member m JOIN bench_org_area a ON a.org_id = m.org_id JOIN place p ON p.id = a.place_id
        CROSS JOIN generate_series(0, $1::int - 1) k
        WHERE ${COUNTED} AND ${frac('m.id * 24 + k', 113)} < $2::float8`,
      [o.months, o.visitMonthlyRate],
    );
  }

  // ── campaigns, awards, payouts ──
  if (await has(`SELECT 1 FROM campaign c WHERE ${BENCH_CAMPAIGN}`)) log('campaigns: already seeded');
  else {
    await step(
      'campaigns',
      `INSERT INTO campaign (org_id, org_path, kind, title, description, apply_opens_at, apply_closes_at, quota, award_amount, budget_unit, budget_total,
                             payout_channel, notice_days, status, created_at, updated_at)
       SELECT c.id, c.path, x.kind, left(c.name, 60) || x.label, '基准测试生成', x.opens, x.opens + interval '20 days', 1000000, x.award, 'yuan',
              1000000 * x.award, 'bank', 5, 'published', x.opens - interval '7 days', x.opens - interval '7 days'
         FROM org c CROSS JOIN generate_series(0, $1::int / 6 - 1) h
        CROSS JOIN LATERAL (SELECT (ARRAY['warmth','cooling','tuition','degree'])[1 + h % 4] AS kind,
                                   (ARRAY['送温暖','夏送清凉','金秋助学','求学圆梦'])[1 + h % 4] AS label,
                                   (ARRAY[50000, 20000, 200000, 300000])[1 + h % 4]::bigint AS award,
                                   ${SINCE} + make_interval(months => h * 6) + interval '5 days' + ${frac('c.id * 8 + h', 127)} * interval '20 days' AS opens) x
        WHERE c.level = 'county' AND c.status = 'active'`,
    );
    await step(
      'campaign awards',
      `INSERT INTO campaign_application (campaign_id, member_id, org_id, org_path, status, award_amount, notice_started_at, notice_ends_at,
                                         decided_at, awarded_at, created_at, updated_at)
       SELECT c.id, m.id, g.id, g.path, 'awarded', c.award_amount, c.apply_closes_at + interval '3 days', c.apply_closes_at + interval '8 days',
              c.apply_closes_at + interval '3 days', c.apply_closes_at + interval '8 days',
              c.apply_opens_at + ${frac('m.id + c.id', 131)} * interval '19 days', c.apply_closes_at + interval '8 days'
         FROM member m JOIN org g ON g.id = m.org_id JOIN bench_org_area a ON a.org_id = m.org_id
         JOIN campaign c ON c.org_id = a.county_id AND ${BENCH_CAMPAIGN}
        WHERE ${COUNTED} AND ${frac('m.id * 8 + c.id', 137)} < $1::float8`,
      [o.campaignRate],
    );
    await step(
      'payout runs',
      `INSERT INTO payout_run (campaign_id, staff_id, idem_key, request_hash, created_count, created_amount, created_at)
       SELECT c.id, $1::bigint, 'bench-run:' || c.id, '\\x00'::bytea, count(a.id), coalesce(sum(a.award_amount), 0), c.apply_closes_at + interval '9 days'
         FROM campaign c JOIN campaign_application a ON a.campaign_id = c.id WHERE ${BENCH_CAMPAIGN} GROUP BY c.id`,
      [staffId],
    );
    await step(
      'payouts',
      `INSERT INTO payout (campaign_id, application_id, member_id, org_id, org_path, channel, amount, state, needs_approval, run_id, made_by,
                           attempts, confirmed_by, confirmed_at, created_at, updated_at)
       SELECT a.campaign_id, a.id, a.member_id, a.org_id, a.org_path, 'bank', a.award_amount, 'confirmed', false, r.id, $1::bigint,
              1, 'bank', least(now(), r.created_at + interval '1 day' + ${frac('a.id', 139)} * interval '10 days'), r.created_at,
              least(now(), r.created_at + interval '1 day' + ${frac('a.id', 139)} * interval '10 days')
         FROM campaign_application a JOIN payout_run r ON r.campaign_id = a.campaign_id AND r.idem_key = 'bench-run:' || a.campaign_id`,
      [staffId],
    );
    // what was awarded and paid is the campaign's quota and budget
    await step(
      'campaign budgets',
      `UPDATE campaign c SET quota = greatest(1, x.n), budget_total = greatest(1, x.n) * c.award_amount, budget_reserved = x.amount, budget_paid = x.amount
         FROM (SELECT c.id, count(p.id)::int AS n, coalesce(sum(p.amount), 0)::bigint AS amount
                 FROM campaign c LEFT JOIN payout p ON p.campaign_id = c.id WHERE ${BENCH_CAMPAIGN} GROUP BY c.id) x
        WHERE c.id = x.id`,
      [],
    );
  }

  // ── hardship files and exit targets ──
  if (await has(`SELECT 1 FROM hardship_file WHERE cause_note = '基准测试生成'`)) log('hardship: already seeded');
  else {
    await step(
      'hardship files',
      `INSERT INTO hardship_file (member_id, status, causes, cause_note, household_size, income_band, filed_on, relief_started_on, exited_on, exit_reason,
                                  created_at, updated_at)
       SELECT m.id, CASE WHEN y.exited IS NOT NULL THEN 'exited' WHEN y.relief IS NOT NULL THEN 'in_relief' ELSE 'filed' END,
              ARRAY[(ARRAY['illness','disability','unemployment','single_parent','disaster','schooling','other'])[1 + m.id % 7]], '基准测试生成',
              1 + m.id % 6, (ARRAY['none','below_1000','1000_2000','2000_3000'])[1 + m.id % 4], x.filed, y.relief, y.exited,
              CASE WHEN y.exited IS NOT NULL THEN '收入稳定' END, x.filed::timestamptz, x.filed::timestamptz
         FROM member m
        CROSS JOIN LATERAL (SELECT current_date - (${frac('m.id', 149)} * 900)::int AS filed) x
        CROSS JOIN LATERAL (SELECT CASE WHEN x.filed + 30 <= current_date THEN x.filed + 30 END AS relief,
                                   CASE WHEN ${frac('m.id', 151)} < 0.6 AND x.filed + 90 + (${frac('m.id', 157)} * 540)::int < current_date
                                        THEN x.filed + 90 + (${frac('m.id', 157)} * 540)::int END AS exited) y
        WHERE ${COUNTED} AND ${frac('m.id', 163)} < $1::float8`,
      [o.hardshipRate],
    );
    await step(
      'hardship targets',
      `WITH per AS (
         SELECT u.id AS org_id, count(*) AS n
           FROM hardship_file f JOIN member m ON m.id = f.member_id JOIN org g ON g.id = m.org_id
          CROSS JOIN LATERAL unnest(string_to_array(g.path::text, '.')::bigint[]) AS u(id)
          WHERE f.cause_note = '基准测试生成' GROUP BY 1)
       INSERT INTO hardship_target (org_id, year, exits, set_by)
       SELECT p.org_id, y, greatest(1, ceil(p.n * 0.25))::int, $2::bigint
         FROM per p JOIN org o ON o.id = p.org_id AND o.level IN ('province', 'city', 'county', 'town')
        CROSS JOIN generate_series(extract(year FROM ${SINCE})::int, extract(year FROM now())::int) y
       ON CONFLICT (org_id, year) DO NOTHING`,
      [o.months, staffId],
    );
  }

  // ── tickets and their clocks ──
  if (await has(`SELECT 1 FROM ticket WHERE route_reason = '基准测试生成'`)) log('tickets: already seeded');
  else {
    await step(
      'tickets',
      `INSERT INTO ticket (channel, type, category, state, org_id, member_id, caller_name_enc, caller_name_masked, caller_phone_masked,
                           route_rule, route_reason, description, result, recovered_fen, closed_at, created_at, updated_at)
       SELECT 'hotline', (ARRAY['consult','help','complaint','legal_aid'])[1 + m.id % 4],
              (ARRAY['wage_arrears','labour_contract','social_insurance','work_injury','dismissal','occupational_disease','gig_rights','other'])[1 + (m.id / 4) % 8],
              CASE WHEN x.closed IS NOT NULL THEN 'closed' ELSE 'in_progress' END, coalesce(g.parent_id, g.id), m.id,
              '\\x00'::bytea, '王**', '138****0000', 'member_union', '基准测试生成', '单位拖欠工资，多次讨要未果。',
              CASE WHEN x.closed IS NOT NULL THEN '已办结' END, CASE WHEN x.closed IS NOT NULL THEN (m.id % 7) * 50000 END,
              x.closed, x.at, coalesce(x.closed, x.at)
         FROM member m JOIN org g ON g.id = m.org_id
        CROSS JOIN LATERAL (SELECT ${SINCE} + ${frac('m.id', 167)} * (now() - ${SINCE}) AS at) w
        CROSS JOIN LATERAL (SELECT w.at, CASE WHEN w.at < now() - interval '20 days' THEN w.at + interval '2 hours' + ${frac('m.id', 173)} * interval '12 days' END AS closed) x
        WHERE ${frac('m.id', 179)} < $2::float8`,
      [o.months, (o.ticketYearlyRate * o.months) / 12],
    );
    await step(
      'ticket clocks',
      `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days, accepted_at, ended_at, outcome)
       SELECT t.id, t.org_id, t.created_at, t.created_at + interval '1 day', t.created_at + interval '2 days', t.created_at + interval '10 days', 10,
              t.created_at + interval '2 hours', t.closed_at, CASE WHEN t.closed_at IS NOT NULL THEN 'closed' END
         FROM ticket t WHERE t.route_reason = '基准测试生成'`,
      [],
    );
  }

  // ── founding drives ──
  if (await has(`SELECT 1 FROM drive WHERE title LIKE '%建会行动（基准）'`)) log('drives: already seeded');
  else {
    await step(
      'drives',
      `INSERT INTO drive (org_id, title, starts_on, ends_on, status, created_by, created_at)
       SELECT c.id, left(c.name, 40) || '建会行动（基准）', ${SINCE}::date, (now() + interval '6 months')::date, 'active', $2::bigint, ${SINCE}
         FROM org c WHERE c.level = 'city' AND c.status = 'active'`,
      [o.months, staffId],
    );
    await step(
      'drive targets',
      `WITH d AS (SELECT d.id, c.path FROM drive d JOIN org c ON c.id = d.org_id WHERE d.title LIKE '%建会行动（基准）')
       INSERT INTO drive_target (drive_id, enterprise_id, assigned_org_id, state, founded_org_id, added_by, added_at)
       SELECT d.id, e.id, e.town_org_id, 'founded', g.id, $2::bigint, ${SINCE}
         FROM enterprise e JOIN org g ON g.id = e.union_org_id JOIN d ON g.path <@ d.path
        WHERE e.merged_into IS NULL AND g.founded_on >= ${SINCE}::date
       UNION ALL
       SELECT d.id, e.id, e.town_org_id, 'open', NULL, $2::bigint, ${SINCE}
         FROM enterprise e JOIN org t ON t.id = e.town_org_id JOIN d ON t.path <@ d.path
        WHERE e.union_org_id IS NULL AND e.merged_into IS NULL AND ${frac('e.id', 181)} < 0.1
       ON CONFLICT DO NOTHING`,
      [o.months, staffId],
    );
  }

  // ── model workers' homes ──
  if (await has(`SELECT 1 FROM model_home WHERE card->>'source' = 'bench'`)) log('model homes: already seeded');
  else {
    await step(
      'model homes',
      `INSERT INTO model_home (org_id, year, level, designated_by_org, designated_by, designated_on, score, card)
       SELECT g.id, y, 'county', a.county_id, $2::bigint, least(make_date(y, 4, 28), current_date), 85 + round((${frac('g.id + y', 191)} * 14)::numeric, 1),
              jsonb_build_object('source', 'bench')
         FROM org g JOIN bench_org_area a ON a.org_id = g.id
        CROSS JOIN generate_series(extract(year FROM ${SINCE})::int, extract(year FROM now())::int) y
        WHERE g.level = 'grassroots' AND g.status = 'active' AND a.county_id IS NOT NULL AND ${frac('g.id * 3 + y', 193)} < 0.02
       ON CONFLICT DO NOTHING`,
      [o.months, staffId],
    );
  }
  await db.exec(`DROP TABLE bench_org_area`);

  const [c] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM activity)::bigint AS activities, (SELECT count(*) FROM activity_view)::bigint AS "activityViews",
            (SELECT count(*) FROM activity_signup)::bigint AS "activitySignups", (SELECT count(*) FROM point_operation)::bigint AS "pointOperations",
            (SELECT count(*) FROM point_entry)::bigint AS "pointEntries", (SELECT count(*) FROM place)::bigint AS places,
            (SELECT count(*) FROM place_visit)::bigint AS "placeVisits", (SELECT count(*) FROM campaign)::bigint AS campaigns,
            (SELECT count(*) FROM payout)::bigint AS payouts, (SELECT count(*) FROM hardship_file)::bigint AS "hardshipFiles",
            (SELECT count(*) FROM hardship_target)::bigint AS "hardshipTargets", (SELECT count(*) FROM ticket)::bigint AS tickets,
            (SELECT count(*) FROM drive_target)::bigint AS "driveTargets", (SELECT count(*) FROM model_home)::bigint AS "modelHomes"`,
  );
  return { counts: Object.fromEntries(Object.entries(c!).map(([k, v]) => [k, Number(v)])), timings };
}
