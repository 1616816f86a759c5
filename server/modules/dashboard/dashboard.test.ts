// The subtree dashboard (一屏总览): every tile of the dashboard's own areas, root and children, against direct counts on a
// factory tree; the period rules; scope; the upward report; the official figures (permissions, audit).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dashboard, DashboardChildren } from '../../../contracts/dashboard.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
const ids: Record<string, number> = {};
const paths: Record<string, string> = {};
const FROM = '2025-01';
const TO = '2025-06';
/** Beijing instants inside the period (cur) and inside the period before it (prev: 2024-07 … 2024-12). */
const cur = (d: string) => `${d}T10:00:00+08:00`;

beforeAll(async () => {
  t = await startTestApp();
  // root (county) → A (town) → A1 (grassroots); B (town) → B1; C (grassroots, founded in the period)
  const root = await t.make.org({ level: 'county', parent: await t.demoOrg('maoming'), name: '看板测试县总工会' });
  const a = await t.make.org({ level: 'town', parent: root, name: '看板测试甲镇总工会' });
  const b = await t.make.org({ level: 'town', parent: root, name: '看板测试乙镇总工会' });
  const a1 = await t.make.org({ level: 'grassroots', kind: 'enterprise', parent: a, name: '看板测试甲一公司工会', foundedOn: '2025-03-02' });
  const a2 = await t.make.org({ level: 'grassroots', kind: 'enterprise', parent: a, name: '看板测试甲二公司工会', foundedOn: '2024-09-30' });
  const b1 = await t.make.org({ level: 'grassroots', kind: 'enterprise', parent: b, name: '看板测试乙一公司工会', foundedOn: '2010-01-01' });
  const c = await t.make.org({ level: 'grassroots', kind: 'enterprise', parent: root, name: '看板测试丙公司工会', foundedOn: '2025-06-30' });
  for (const [k, o] of Object.entries({ root, a, b, a1, a2, b1, c })) {
    ids[k] = o.id;
    paths[k] = o.path;
  }
  const member = async (org: number) => (await t.make.member({ org })).id;
  const m = { a1: [await member(a1.id), await member(a1.id)], b1: [await member(b1.id)], c: [await member(c.id)], root: [await member(root.id)] };
  const staff = (await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'admin'`))[0]!.id;

  // activities: in the period (a1: 2 views, 1 confirmed + 1 cancelled sign-up), before it (b1), cancelled (c)
  const activity = async (org: number, startsAt: string, status = 'published') =>
    (await t.db.query<{ id: number }>(
      `INSERT INTO activity (org_id, title, kind, places, allocation, signup_opens_at, signup_closes_at, starts_at, cancel_deadline, status, cancelled_at, cancel_reason)
       VALUES ($1, '看板测试活动', 'culture', 10, 'first_come', $2::timestamptz - interval '10 days', $2::timestamptz - interval '1 day', $2, $2::timestamptz - interval '2 days', $3,
               CASE WHEN $3 = 'cancelled' THEN now() END, CASE WHEN $3 = 'cancelled' THEN '天气原因' END) RETURNING id`,
      [org, startsAt, status],
    ))[0]!.id;
  const act1 = await activity(a1.id, cur('2025-02-10'));
  const act2 = await activity(root.id, cur('2025-06-30'));
  const actPrev = await activity(b1.id, cur('2024-11-10'));
  await activity(c.id, cur('2025-03-10'), 'cancelled');
  for (const [act, mem] of [[act1, m.a1[0]], [act1, m.a1[1]], [act2, m.root[0]], [actPrev, m.b1[0]]] as const) {
    await t.db.query(`INSERT INTO activity_view (activity_id, member_id) VALUES ($1, $2)`, [act, mem]);
  }
  await t.db.query(`INSERT INTO activity_signup (activity_id, batch_no, member_id, status) VALUES ($1, 1, $2, 'confirmed'), ($1, 1, $3, 'waitlisted')`, [act1, m.a1[0], m.a1[1]]);
  await t.db.query(`INSERT INTO activity_signup (activity_id, batch_no, member_id, status) VALUES ($1, 1, $2, 'confirmed')`, [actPrev, m.b1[0]]);

  // points: issues of 100 (a, in), 40 (b1, in, reversed in the period), 7 (a1, before)
  let key = 0;
  const op = async (org: { id: number; path: string }, kind: string, amount: number, at: string, reverses: number | null = null) =>
    (await t.db.query<{ id: number }>(
      `INSERT INTO point_operation (kind, org_id, org_path, amount, reason, reverses_operation_id, actor_kind, actor_id, idem_key, request_hash, created_at)
       VALUES ($1, $2, $3::ltree, $4, '看板测试', $5, 'staff', $6, $7, '\\x00', $8) RETURNING id`,
      [kind, org.id, org.path, amount, reverses, staff, `dash-${key++}`, at],
    ))[0]!.id;
  await op(a, 'issue', 100, cur('2025-01-05'));
  const wrong = await op(b1, 'issue', 40, cur('2025-02-05'));
  await op(b1, 'reverse', 0, cur('2025-02-06'), wrong);
  await op(a1, 'issue', 7, cur('2024-12-31'));

  // places: a1 open with 2 visits in and 1 before; b closed; c open, merged away
  const p1 = await t.make.place({ org: a1.id, name: '看板测试驿站一' });
  const p2 = await t.make.place({ org: b.id, name: '看板测试驿站二' });
  const p3 = await t.make.place({ org: c.id, name: '看板测试驿站三' });
  await t.db.query(`UPDATE place SET status = 'closed', closed_reason = '搬迁' WHERE id = $1`, [p2.id]);
  await t.db.query(`UPDATE place SET merged_into = $2 WHERE id = $1`, [p3.id, p1.id]);
  for (const at of [cur('2025-01-01'), cur('2025-05-05'), cur('2024-08-08')]) {
    await t.db.query(`INSERT INTO place_visit (place_id, org_path, via, at, member_id) SELECT id, org_path, 'door', $2, $3 FROM place WHERE id = $1`, [p1.id, at, m.a1[0]]);
  }

  // campaigns: opened in the period (a), before it (root), cancelled (b)
  const campaign = async (org: number, opens: string, status = 'published') =>
    (await t.db.query<{ id: number }>(
      `INSERT INTO campaign (org_id, org_path, kind, title, apply_opens_at, apply_closes_at, quota, award_amount, budget_unit, budget_total, budget_reserved, budget_paid,
                             payout_channel, notice_days, status, cancelled_at, cancel_reason)
       SELECT id, path, 'tuition', '看板测试助学', $2, $2::timestamptz + interval '10 days', 5, 50000, 'yuan', 1000000, 500000, 0, 'bank', 5, $3,
              CASE WHEN $3 = 'cancelled' THEN now() END, CASE WHEN $3 = 'cancelled' THEN '预算调整' END FROM org WHERE id = $1 RETURNING id`,
      [org, opens, status],
    ))[0]!.id;
  const camp = await campaign(a.id, cur('2025-04-01'));
  await campaign(root.id, cur('2024-10-01'));
  await campaign(b.id, cur('2025-04-01'), 'cancelled');
  const [run] = await t.db.query<{ id: number }>(`INSERT INTO payout_run (campaign_id, staff_id, idem_key, request_hash) VALUES ($1, $2, 'dash-run', '\\x00') RETURNING id`, [camp, staff]);
  const payout = async (mem: number, channel: string, amount: number, state: string, confirmedAt: string | null) => {
    const [app] = await t.db.query<{ id: number }>(
      `INSERT INTO campaign_application (campaign_id, member_id, org_id, org_path, status, award_amount, notice_started_at, notice_ends_at, awarded_at)
       SELECT $1, m.id, m.org_id, g.path, 'awarded', $3, now(), now(), now() FROM member m JOIN org g ON g.id = m.org_id WHERE m.id = $2 RETURNING id`,
      [camp, mem, amount],
    );
    await t.db.query(
      `INSERT INTO payout (campaign_id, application_id, member_id, org_id, org_path, channel, amount, state, needs_approval, run_id, made_by, confirmed_by, confirmed_at)
       SELECT $1, $2, m.id, m.org_id, g.path, $4, $5, $6, false, $7, $8, CASE WHEN $9::timestamptz IS NULL THEN NULL ELSE 'bank' END, $9 FROM member m JOIN org g ON g.id = m.org_id WHERE m.id = $3`,
      [camp, app!.id, mem, channel, amount, state, run!.id, staff, confirmedAt],
    );
  };
  await payout(m.a1[0]!, 'bank', 50000, 'confirmed', cur('2025-04-20'));
  await payout(m.b1[0]!, 'bank', 30000, 'confirmed', cur('2024-12-20'));
  await payout(m.c[0]!, 'bank', 20000, 'sent', null);
  await payout(m.root[0]!, 'bank', 12345, 'confirmed', cur('2025-05-01'));

  // hardship: a1 open (filed before, in relief), b1 exited in the period, c exited before, a1 filed after the period
  const file = async (mem: number, status: string, filedOn: string, exitedOn: string | null) =>
    t.db.query(
      `INSERT INTO hardship_file (member_id, status, causes, household_size, income_band, filed_on, relief_started_on, exited_on, exit_reason)
       VALUES ($1, $2, '{illness}', 3, 'below_1000', $3, $3, $4, CASE WHEN $4::date IS NULL THEN NULL ELSE '就业增收' END)`,
      [mem, status, filedOn, exitedOn],
    );
  await file(m.a1[0]!, 'in_relief', '2024-05-01', null);
  await file(m.b1[0]!, 'exited', '2024-06-01', '2025-03-15');
  await file(m.c[0]!, 'exited', '2024-01-01', '2024-09-01');
  await file(m.a1[1]!, 'filed', '2025-08-01', null);
  await t.db.query(`INSERT INTO hardship_target (org_id, year, exits) VALUES ($1, 2025, 2), ($2, 2025, 1), ($3, 2025, 3)`, [a.id, b.id, root.id]);

  // tickets: filed in the period at a (1) and b1 (2, one hidden from b1's own union), before it at root
  const ticket = async (org: number, at: string, hiddenFrom: string | null = null) =>
    (await t.db.query<{ id: number }>(
      `INSERT INTO ticket (channel, type, category, org_id, caller_name_enc, caller_name_masked, route_rule, route_reason, description, created_at, hidden_from_path)
       VALUES ('hotline', 'consult', 'other', $1, '\\x00', '张*', 'manual', '测试', '看板测试工单内容', $2, $3::ltree) RETURNING id`,
      [org, at, hiddenFrom],
    ))[0]!.id;
  const t1 = await ticket(a.id, cur('2025-02-01'));
  const t2 = await ticket(b1.id, cur('2025-03-01'));
  await ticket(b1.id, cur('2025-03-02'), b1.path);
  await ticket(root.id, cur('2024-12-01'));
  const clock = async (tk: number, org: number, received: string, due: string, ended: string | null, outcome: string | null) =>
    t.db.query(
      `INSERT INTO ticket_clock (ticket_id, org_id, received_at, accept_due_at, return_due_at, due_at, max_extension_days, ended_at, outcome)
       VALUES ($1, $2, $3, $3, $3, $4, 5, $5, $6)`,
      [tk, org, received, due, ended, outcome],
    );
  await clock(t1, a.id, cur('2025-02-01'), cur('2025-02-10'), cur('2025-02-05'), 'closed'); // on time
  await clock(t1, a1.id, cur('2025-02-01'), cur('2025-02-10'), cur('2025-02-20'), 'assigned'); // late
  await clock(t2, b1.id, cur('2025-03-01'), cur('2025-03-10'), cur('2025-03-02'), 'returned'); // not counted
  await clock(t2, b.id, cur('2025-03-01'), cur('2025-03-10'), null, null); // running past its deadline: late
});
afterAll(async () => t?.close());

const get = async <T>(url: string, as = 'admin') => {
  const res = await t.request('GET', url, { as: await t.login(as) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as T;
};

/** The direct count of each tile over one subtree (`p`), this period ([s, e), [sd, ed) as days). */
async function direct(p: string, s: string, e: string, sd: string, ed: string): Promise<Record<string, number | null>> {
  const one = async (sql: string, params: unknown[]) => Number(Object.values((await t.db.query<Record<string, unknown>>(sql, params))[0] ?? {})[0] ?? 0);
  const sub = `(SELECT id FROM org WHERE path <@ $1::ltree)`;
  const clocks = await t.db.query<{ ok: number; n: number }>(
    `SELECT count(*) FILTER (WHERE ended_at <= due_at)::int AS ok, count(*)::int AS n FROM ticket_clock c
      WHERE org_id IN ${sub} AND received_at >= $2 AND received_at < $3 AND outcome IS DISTINCT FROM 'returned'
        AND (ended_at IS NOT NULL OR (paused_at IS NULL AND due_at < now()))
        AND NOT EXISTS (SELECT 1 FROM ticket t WHERE t.id = c.ticket_id AND t.hidden_from_path @> $1::ltree)`,
    [p, s, e],
  );
  const c = clocks[0]!;
  return {
    'unions.grassroots': await one(`SELECT count(*) FROM org WHERE path <@ $1::ltree AND level = 'grassroots' AND status = 'active' AND coalesce(founded_on, current_date) < $2::date`, [p, ed]),
    'unions.founded': await one(`SELECT count(*) FROM org WHERE path <@ $1::ltree AND level = 'grassroots' AND founded_on >= $2::date AND founded_on < $3::date`, [p, sd, ed]),
    'activities.count': await one(`SELECT count(*) FROM activity WHERE org_id IN ${sub} AND status = 'published' AND starts_at >= $2 AND starts_at < $3`, [p, s, e]),
    'activities.visits': await one(`SELECT count(*) FROM activity_view WHERE activity_id IN (SELECT id FROM activity WHERE org_id IN ${sub} AND status = 'published' AND starts_at >= $2 AND starts_at < $3)`, [p, s, e]),
    'activities.participants': await one(`SELECT count(*) FROM activity_signup WHERE status = 'confirmed' AND activity_id IN (SELECT id FROM activity WHERE org_id IN ${sub} AND status = 'published' AND starts_at >= $2 AND starts_at < $3)`, [p, s, e]),
    'points.issued':
      (await one(`SELECT coalesce(sum(amount), 0) FROM point_operation WHERE org_path <@ $1::ltree AND kind = 'issue' AND created_at >= $2 AND created_at < $3`, [p, s, e])) -
      (await one(`SELECT coalesce(sum(o.amount), 0) FROM point_operation r JOIN point_operation o ON o.id = r.reverses_operation_id WHERE r.org_path <@ $1::ltree AND o.kind = 'issue' AND r.created_at >= $2 AND r.created_at < $3`, [p, s, e])),
    'places.inService': await one(`SELECT count(*) FROM place WHERE org_path <@ $1::ltree AND status = 'open' AND merged_into IS NULL`, [p]),
    'places.visits': await one(`SELECT count(*) FROM place_visit WHERE org_path <@ $1::ltree AND at >= $2 AND at < $3`, [p, s, e]),
    'campaigns.count': await one(`SELECT count(*) FROM campaign WHERE org_path <@ $1::ltree AND status = 'published' AND apply_opens_at >= $2 AND apply_opens_at < $3`, [p, s, e]),
    'aid.paidFen': await one(`SELECT coalesce(sum(amount), 0) FROM payout WHERE org_path <@ $1::ltree AND channel = 'bank' AND state = 'confirmed' AND confirmed_at >= $2 AND confirmed_at < $3`, [p, s, e]),
    'hardship.inRelief': await one(`SELECT count(*) FROM hardship_file f JOIN member m ON m.id = f.member_id WHERE m.org_id IN ${sub} AND f.filed_on < $2::date AND (f.exited_on IS NULL OR f.exited_on >= $2::date)`, [p, ed]),
    'hardship.exited': await one(`SELECT count(*) FROM hardship_file f JOIN member m ON m.id = f.member_id WHERE m.org_id IN ${sub} AND f.exited_on >= $2::date AND f.exited_on < $3::date`, [p, sd, ed]),
    'tickets.filed': await one(`SELECT count(*) FROM ticket WHERE org_id IN ${sub} AND created_at >= $2 AND created_at < $3 AND (hidden_from_path IS NULL OR NOT (hidden_from_path @> $1::ltree))`, [p, s, e]),
    'tickets.onTimeRate': c.n === 0 ? null : Math.round((c.ok / c.n) * 10000) / 10000,
  };
}

const NOW = ['2025-01-01T00:00:00+08:00', '2025-07-01T00:00:00+08:00', '2025-01-01', '2025-07-01'] as const;
const BEFORE = ['2024-07-01T00:00:00+08:00', '2025-01-01T00:00:00+08:00', '2024-07-01', '2025-01-01'] as const;

describe('GET /api/dashboard', () => {
  it('answers every tile of the dashboard’s own areas for the root, this period and the last, as a direct count', async () => {
    const d = await get<Dashboard>(`/api/dashboard?orgId=${ids.root}&from=${FROM}&to=${TO}`);
    expect(d.org.id).toBe(ids.root);
    expect(d.period).toEqual({ from: FROM, to: TO, months: 6, previousFrom: '2024-07', previousTo: '2024-12' });
    expect(d.children).toBe(3);
    const want = await direct(paths.root!, ...NOW);
    const was = await direct(paths.root!, ...BEFORE);
    const got = Object.fromEntries(d.tiles.map((x) => [x.id, x.value]));
    const prev = Object.fromEntries(d.tiles.map((x) => [x.id, x.previous]));
    for (const id of Object.keys(want)) {
      expect(got[id], id).toEqual(want[id]);
      expect(prev[id], id).toEqual(was[id]);
    }
    // the hand-built figures, so the direct counts are not both zero
    expect(got).toMatchObject({
      'unions.grassroots': 4, 'unions.founded': 2, 'activities.count': 2, 'activities.visits': 3, 'activities.participants': 1,
      'points.issued': 100, 'places.inService': 1, 'places.visits': 2, 'campaigns.count': 1, 'aid.paidFen': 62345,
      'hardship.inRelief': 1, 'hardship.exited': 1, 'tickets.filed': 3, 'tickets.onTimeRate': 0.3333,
    });
    expect(prev).toMatchObject({ 'unions.grassroots': 2, 'unions.founded': 1, 'activities.count': 1, 'points.issued': 7, 'aid.paidFen': 30000, 'hardship.exited': 1, 'tickets.filed': 1 });
    expect(d.tiles.find((x) => x.id === 'hardship.exited')!.target).toBe(3);
  });

  it('answers each child as a direct count over its subtree, with targets and the behind flag', async () => {
    const c = await get<DashboardChildren>(`/api/dashboard/children?orgId=${ids.root}&from=${FROM}&to=${TO}`);
    expect(c.total).toBe(3);
    for (const k of ['a', 'b', 'c']) {
      const row = c.items.find((i) => i.org.id === ids[k])!;
      const want = await direct(paths[k]!, ...NOW);
      const was = await direct(paths[k]!, ...BEFORE);
      for (const id of Object.keys(want)) {
        expect(row.cells[id]!.value, `${k} ${id}`).toEqual(want[id]);
        expect(row.cells[id]!.previous, `${k} ${id} previous`).toEqual(was[id]);
      }
    }
    const a = c.items.find((i) => i.org.id === ids.a)!;
    const b = c.items.find((i) => i.org.id === ids.b)!;
    expect(a.cells['hardship.exited']).toMatchObject({ value: 0, target: 2, behind: true });
    expect(a.behind).toBe(true);
    expect(b.cells['hardship.exited']).toMatchObject({ value: 1, target: 1, behind: false });
    expect(b.behind).toBe(false);
    // sorted by a tile, descending
    const sorted = await get<DashboardChildren>(`/api/dashboard/children?orgId=${ids.root}&from=${FROM}&to=${TO}&sort=-tickets.filed&pageSize=2`);
    expect(sorted.total).toBe(3);
    expect(sorted.items.map((i) => i.org.id)).toEqual([ids.b, ids.a]);
  });

  it('refuses a period over 36 months or backwards, and an unknown sort, writing nothing', async () => {
    const admin = await t.login('admin');
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    for (const q of ['from=2022-01&to=2025-01', 'from=2025-06&to=2025-05']) {
      for (const url of [`/api/dashboard?${q}`, `/api/dashboard/children?${q}`, `/api/dashboard/report.xlsx?${q}`]) {
        const res = await t.request('GET', url, { as: admin });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error).toBe('dashboard_period_invalid');
      }
    }
    expect((await t.request('GET', `/api/dashboard?from=2023-01&to=2025-12`, { as: admin })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/dashboard/children?sort=nope.tile`, { as: admin })).statusCode).toBe(400);
    const after = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('answers 404 for a union outside the scope, as for a missing one', async () => {
    const yangjiang = await t.demoOrg('yangjiang');
    for (const url of [`/api/dashboard?orgId=${yangjiang}`, `/api/dashboard/children?orgId=${yangjiang}`, `/api/dashboard/report.xlsx?orgId=${yangjiang}`, `/api/official-figures?orgId=${yangjiang}`, `/api/dashboard?orgId=99999999`]) {
      const res = await t.request('GET', url, { as: await t.login('huazhou') });
      expect(res.statusCode, url).toBe(404);
    }
    const put = await t.request('PUT', `/api/official-figures/${yangjiang}/2024`, { as: await t.login('huazhou'), body: { members: 1, source: '越权登记' } });
    expect(put.statusCode).toBe(404);
  });

  it('defaults to January of this year up to this month, the scope\'s own union', async () => {
    const d = await get<Dashboard>(`/api/dashboard`, 'huazhou');
    expect(d.org.id).toBe(await t.demoOrg('huazhou'));
    expect(d.period.from.slice(5)).toBe('01');
    expect(d.period.from.slice(0, 4)).toBe(d.period.to.slice(0, 4));
  });
});

describe('GET /api/dashboard/report.xlsx', () => {
  it('has one sheet per area, the children as rows and a 合计 row, per tile 本期/上期/增减; audited', async () => {
    const res = await t.request('GET', `/api/dashboard/report.xlsx?orgId=${ids.root}&from=${FROM}&to=${TO}`, { as: await t.login('admin') });
    expect(res.statusCode, res.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['会员', '组织', '服务', '帮扶', '维权', '强基', '说明']);
    const ws = wb.getWorksheet('帮扶')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['工会组织', '帮扶活动 本期', '帮扶活动 上期', '帮扶活动 增减']);
    const rows = ws.getSheetValues().slice(2).map((r) => (r as unknown[]).slice(1));
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r[0])).toEqual(['看板测试丙公司工会', '看板测试甲镇总工会', '看板测试乙镇总工会', '合计（看板测试县总工会）']);
    const paid = header.indexOf('帮扶金额（元） 本期');
    expect(rows[3]![paid]).toBe(623.45);
    expect(rows[3]![paid + 1]).toBe(300);
    expect(rows[3]![paid + 2]).toBe(323.45);
    const [a] = await t.db.query<{ action: string; detail: Record<string, unknown> }>(`SELECT action, detail FROM audit_log WHERE action = 'dashboard.export' ORDER BY id DESC LIMIT 1`);
    expect(a!.detail).toMatchObject({ from: FROM, to: TO, childUnions: 3 });
  });

  it('is refused to the read-only role', async () => {
    const res = await t.request('GET', `/api/dashboard/report.xlsx`, { as: await t.login('huazhou-view') });
    expect(res.statusCode).toBe(403);
  });
});

describe('official figures', () => {
  it('are recorded by the union\'s admin or above, audited old → new, and shown on the dashboard for the years of the period (else the latest before it)', async () => {
    const admin = await t.login('admin');
    const url = `/api/official-figures/${ids.root}/2025`;
    const first = await t.request('PUT', url, { as: admin, body: { unions: 120, members: 9000, source: '2025 年工会统计年报' } });
    expect(first.statusCode, first.body).toBe(200);
    const second = await t.request('PUT', url, { as: admin, body: { members: 9100, gigMembers: null, source: '2025 年工会统计年报（修订）' } });
    expect(second.json().years[0]).toMatchObject({ year: 2025, unions: 120, members: 9100, gigMembers: null, modelHomes: null });
    const [a] = await t.db.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'official_figure.update' ORDER BY id DESC LIMIT 1`);
    expect(a!.detail).toEqual({ year: 2025, figuresBefore: { members: 9000, gigMembers: null }, figuresAfter: { members: 9100, gigMembers: null }, officialSource: '2025 年工会统计年报（修订）' });
    const d = await get<Dashboard>(`/api/dashboard?orgId=${ids.root}&from=${FROM}&to=${TO}`);
    expect(d.official.caption).toBe('口径不同：官方数为年度统计报表数，平台数为在本平台登记的数');
    expect(d.official.years.map((y) => y.year)).toEqual([2025]);
    const older = await get<Dashboard>(`/api/dashboard?orgId=${ids.root}&from=2024-01&to=2024-12`);
    expect(older.official.years).toEqual([]);
    // a year is published late: a later period without its own year states the latest one before it
    const later = await get<Dashboard>(`/api/dashboard?orgId=${ids.root}&from=2026-01&to=2026-06`);
    expect(later.official.years.map((y) => [y.year, y.members])).toEqual([[2025, 9100]]);
    const list = await get<{ years: { year: number }[] }>(`/api/official-figures?orgId=${ids.root}`);
    expect(list.years.map((y) => y.year)).toEqual([2025]);
  });

  it('refuses a year outside 1949 … this year, a clerk or viewer, and writes nothing', async () => {
    const admin = await t.login('admin');
    const huazhou = await t.demoOrg('huazhou');
    const before = await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM official_figure)::int + (SELECT count(*) FROM audit_log WHERE action = 'official_figure.update')::int AS n`);
    const thisYear = Number(new Date().toISOString().slice(0, 4));
    for (const year of [1948, thisYear + 1]) {
      const res = await t.request('PUT', `/api/official-figures/${huazhou}/${year}`, { as: admin, body: { members: 1, source: '测试来源' } });
      expect(res.statusCode, String(year)).toBe(400);
      expect(res.json().error).toBe('official_year_invalid');
    }
    const view = await t.request('PUT', `/api/official-figures/${huazhou}/2024`, { as: await t.login('huazhou-view'), body: { members: 1, source: '测试来源' } });
    expect(view.statusCode).toBe(403);
    const after = await t.db.query<{ n: number }>(`SELECT (SELECT count(*) FROM official_figure)::int + (SELECT count(*) FROM audit_log WHERE action = 'official_figure.update')::int AS n`);
    expect(after[0]!.n).toBe(before[0]!.n);
    // 化州's own admin records 化州's figures; not its parent's
    const own = await t.request('PUT', `/api/official-figures/${huazhou}/2024`, { as: await t.login('huazhou'), body: { unions: 1200, source: '化州市 2024 年统计' } });
    expect(own.statusCode, own.body).toBe(200);
    const parent = await t.request('PUT', `/api/official-figures/${await t.demoOrg('maoming')}/2024`, { as: await t.login('huazhou'), body: { unions: 1, source: '越级登记' } });
    expect(parent.statusCode).toBe(404);
  });
});
