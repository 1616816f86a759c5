// The rights figures over HTTP: counts by channel, category and state on a small set; the on-time
// arithmetic of the clocks (late after the deadline; a pause's shift keeps a clock on time); the
// per-level rows; the scope (another city's union is 404, a city counts its subtree only); the
// employer-union confidentiality rule; and the xlsx report read back with Chinese headers.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketFigures } from '../../../contracts/ticket-figures.ts';
import type { TicketDetail } from '../../../contracts/tickets.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';

let t: TestApp;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
let employerWithUnion = 0;
const ids: Record<string, number> = {};

const key = () => randomUUID();
const post = (url: string, who: Session, body: unknown) => t.request('POST', url, { as: who, body, headers: { 'idempotency-key': key() } });

async function call(who: Session, town: number, category: string, over: Record<string, unknown> = {}): Promise<number> {
  const res = await post('/api/tickets', who, {
    type: 'help', category, description: '来电反映单位拖欠工资三个月。', callerName: '王师傅', callerPhone: '13712345678',
    employerName: '某某餐饮管理有限公司', workOrgId: town, ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<TicketDetail>().id;
}

async function step(id: number, action: string, who: Session, body: unknown = {}) {
  const res = await post(`/api/tickets/${id}/${action}`, who, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
}

async function figures(who: Session, query = ''): Promise<TicketFigures> {
  const res = await t.request('GET', `/api/tickets/figures${query}`, { as: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TicketFigures>();
}

const countOf = <K extends string, R extends Record<K, string> & { count: number }>(rows: R[], k: K, v: string) => rows.find((r) => r[k] === v)?.count;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  const province = await t.make.org({ level: 'province', name: '测试统计省总工会' });
  org.province = province.id;
  const cityA = await t.make.org({ level: 'city', parent: province, name: '测试统计甲市总工会' });
  const cityB = await t.make.org({ level: 'city', parent: province, name: '测试统计乙市总工会' });
  org.cityA = cityA.id;
  org.cityB = cityB.id;
  const countyA = await t.make.org({ level: 'county', parent: cityA, name: '测试统计甲区总工会' });
  org.countyA = countyA.id;
  org.townA = (await t.make.org({ level: 'town', parent: countyA, name: '测试统计甲街道总工会' })).id;
  const countyB = await t.make.org({ level: 'county', parent: cityB, name: '测试统计乙区总工会' });
  org.townB = (await t.make.org({ level: 'town', parent: countyB, name: '测试统计乙街道总工会' })).id;
  org.union = (await t.make.org({ parent: org.townA, level: 'grassroots', kind: 'enterprise', name: '测试统计快送有限公司工会' })).id;
  org.unionBranch = (await t.make.org({ parent: org.union, level: 'grassroots', kind: 'enterprise', name: '测试统计快送有限公司站点工会' })).id;
  for (const k of ['province', 'cityA', 'cityB', 'townA', 'townB', 'union', 'unionBranch'] as const) {
    as[k] = await t.login((await t.make.staff({ org: org[k], username: `fig_${k.toLowerCase()}` })).username);
  }
  as.viewer = await t.login((await t.make.staff({ org: org.cityA, username: 'fig_city_viewer', roles: ['viewer'] })).username);
  employerWithUnion = (await t.db.query<{ id: number }>(
    `INSERT INTO enterprise (name, name_key, town_org_id, union_org_id) VALUES ('测试统计快送有限公司', '测试统计快送有限公司', $1, $2) RETURNING id`,
    [org.townA, org.union],
  ))[0]!.id;

  // cityA: three hotline calls (wage arrears ×2, work injury), one about the employer with a union
  // (kept from it), one from the app, one pushed by an integration account; cityB: one call.
  ids.late = await call(as.province!, org.townA, 'wage_arrears');
  ids.paused = await call(as.province!, org.townA, 'wage_arrears');
  ids.overdue = await call(as.province!, org.townA, 'work_injury');
  ids.hidden = await call(as.province!, org.townA, 'labour_contract', { employerName: undefined, workOrgId: undefined, enterpriseId: employerWithUnion });
  ids.cityB = await call(as.province!, org.townB, 'dismissal');
  const made = await t.request('POST', '/api/tickets/integrations', { as: as.townA, body: { orgId: org.townA, name: '12351 省级平台' } });
  expect(made.statusCode, made.body).toBe(201);
  const pushed = await t.app.inject({
    method: 'POST', url: '/api/integration/tickets',
    headers: { authorization: `Bearer ${made.json<{ token: string }>().token}`, 'idempotency-key': key() },
    payload: { type: 'consult', category: 'gig_rights', description: '骑手被平台无故封号，押金不退。', callerName: '赵骑手', callerPhone: '13612345678', gigPlatform: '美团', workOrgId: org.townA },
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  ids.integration = pushed.json<{ id: number }>().id;
  const worker = await loginWorker(t, admin);
  const asked = await post('/api/me/tickets', worker, { type: 'help', category: 'wage_arrears', description: '配送站拖欠我两个月工资。', contactName: '李师傅', employerName: '某某配送站', workOrgId: org.townA });
  expect(asked.statusCode, asked.body).toBe(201);
  ids.app = asked.json<{ id: number }>().id;

  for (const id of [ids.late, ids.paused, ids.app, ids.integration]) await step(id, 'accept', as.townA!);
  // closed late: ¥1,234.56 recovered, its clock ended after its deadline
  await step(ids.late, 'close', as.townA!, { result: '已督促单位补发工资。', recoveredFen: 123_456 });
  await t.db.query(`UPDATE ticket_clock SET due_at = ended_at - interval '1 hour' WHERE ticket_id = $1`, [ids.late]);
  // paused and resumed: the three working days paused moved the deadline past the close, so it
  // is on time although the deadline first set had passed before it closed
  await step(ids.paused, 'pause', as.townA!, { reason: '等待职工补充工资条' });
  await step(ids.paused, 'resume', as.townA!);
  await step(ids.paused, 'close', as.townA!, { result: '已调解，单位当场支付。', recoveredFen: 50_000 });
  await t.db.query(`UPDATE ticket_clock SET paused_days = 3, due_at = ended_at + interval '1 day' WHERE ticket_id = $1`, [ids.paused]);
  // the app's ticket closed on time and rated 4
  await step(ids.app, 'close', as.townA!, { result: '已答复。', recoveredFen: 0 });
  const rated = await post(`/api/me/tickets/${ids.app}/rating`, worker, { rating: 4 });
  expect(rated.statusCode, rated.body).toBe(200);
  // running past its deadline: late and overdue now
  await t.db.query(`UPDATE ticket_clock SET due_at = now() - interval '1 day' WHERE ticket_id = $1`, [ids.overdue]);
  // paused past its nominal deadline: the clock is stopped, neither late nor overdue
  await step(ids.integration, 'pause', as.townA!, { reason: '等待骑手提供封号截图' });
  await t.db.query(`UPDATE ticket_clock SET due_at = now() - interval '1 day' WHERE ticket_id = $1`, [ids.integration]);
});
afterAll(async () => t.close());

describe('counts', () => {
  it('counts a city\'s tickets by channel, category and state, with money, rating and overdue', async () => {
    const f = await figures(as.cityA!);
    expect(f.org).toEqual({ id: org.cityA, name: '测试统计甲市总工会' });
    expect(f.tickets).toBe(6);
    expect(countOf(f.byChannel, 'channel', 'hotline')).toBe(4);
    expect(countOf(f.byChannel, 'channel', 'app')).toBe(1);
    expect(countOf(f.byChannel, 'channel', 'integration')).toBe(1);
    expect(countOf(f.byCategory, 'category', 'wage_arrears')).toBe(3);
    expect(countOf(f.byCategory, 'category', 'work_injury')).toBe(1);
    expect(countOf(f.byCategory, 'category', 'dismissal')).toBe(0);
    expect(f.byCategory).toHaveLength(8);
    expect(countOf(f.byState, 'state', 'closed')).toBe(3);
    expect(countOf(f.byState, 'state', 'paused')).toBe(1);
    expect(countOf(f.byState, 'state', 'pending')).toBe(2);
    expect(f.closed).toBe(3);
    expect(f.recoveredFen).toBe(173_456);
    expect(f.ratedCount).toBe(1);
    expect(f.averageRating).toBe(4);
    expect(f.reopened).toBe(0);
    expect(f.overdueNow).toBe(1);
  });

  it('counts only tickets filed in the period; a reversed period is refused', async () => {
    const f = await figures(as.cityA!, '?from=2020-01-01&to=2020-12-31');
    expect(f).toMatchObject({ from: '2020-01-01', to: '2020-12-31', tickets: 0, recoveredFen: 0, averageRating: null });
    // overdue now is a count of today, whatever the period
    expect(f.overdueNow).toBe(1);
    const bad = await t.request('GET', '/api/tickets/figures?from=2026-02-01&to=2026-01-01', { as: as.cityA });
    expect(bad.statusCode).toBe(400);
  });
});

describe('on time', () => {
  it('a clock closed after its deadline is late; a paused and resumed one within its shifted deadline is on time; running overdue is late; paused is not counted', async () => {
    const f = await figures(as.townA!);
    // closed: late (1), paused+resumed (on time), app (on time); running overdue (late); integration paused (not counted); hidden: running within its deadline (not counted)
    expect(f.onTime).toEqual({ clocks: 4, onTime: 2, late: 2, onTimeRate: 0.5 });
    expect(f.byLevel).toEqual([{ org: { id: org.townA, name: '测试统计甲街道总工会' }, level: 'town', isSelf: true, clocks: 4, onTime: 2, late: 2, onTimeRate: 0.5 }]);
  });

  it('groups the clocks by the level below the chosen union: its own row, then each child subtree', async () => {
    const f = await figures(as.province!);
    expect(f.byLevel.map((l) => [l.org.name, l.isSelf, l.clocks])).toEqual([
      ['测试统计省总工会', true, 0],
      ['测试统计甲市总工会', false, 4],
      ['测试统计乙市总工会', false, 0],
    ]);
    expect(f.byLevel[0]!.onTimeRate).toBeNull();
    // the ticket in cityB runs within its deadline: a row with no clock counted yet; once overdue, it is late
    await t.db.query(`UPDATE ticket_clock SET due_at = now() - interval '2 days' WHERE ticket_id = $1`, [ids.cityB]);
    const after = await figures(as.province!);
    expect(after.byLevel.map((l) => [l.org.name, l.late])).toEqual([
      ['测试统计省总工会', 0],
      ['测试统计甲市总工会', 2],
      ['测试统计乙市总工会', 1],
    ]);
    expect(after.onTime).toEqual({ clocks: 5, onTime: 2, late: 3, onTimeRate: 0.4 });
    expect(after.overdueNow).toBe(2);
    await t.db.query(`UPDATE ticket_clock SET due_at = now() + interval '5 days' WHERE ticket_id = $1`, [ids.cityB]);
  });
});

describe('scope and confidentiality', () => {
  it('answers 404 for another city\'s union and for a union that does not exist; a city counts its subtree only', async () => {
    for (const q of [`?orgId=${org.cityA}`, `?orgId=${org.province}`, '?orgId=999999999']) {
      const res = await t.request('GET', `/api/tickets/figures${q}`, { as: as.cityB });
      expect(res.statusCode, q).toBe(404);
      expect((await t.request('GET', `/api/tickets/figures.xlsx${q}`, { as: as.cityB })).statusCode, q).toBe(404);
    }
    const b = await figures(as.cityB!);
    expect(b.tickets).toBe(1);
    expect(countOf(b.byCategory, 'category', 'dismissal')).toBe(1);
    const p = await figures(as.province!);
    expect(p.tickets).toBe(7);
    const townOfA = await figures(as.province!, `?orgId=${org.townA}`);
    expect(townOfA.tickets).toBe(6);
    expect((await t.request('GET', '/api/tickets/figures')).statusCode).toBe(401);
  });

  it('keeps a ticket about an employer from that employer\'s own union and every union inside it, also when it is held there', async () => {
    // the hidden ticket is counted where it is held (the town) …
    expect(countOf((await figures(as.townA!)).byCategory, 'category', 'labour_contract')).toBe(1);
    // … and, were it ever held inside the employer's union, never by that union's staff
    await t.db.query(`UPDATE ticket SET org_id = $2 WHERE id = $1`, [ids.hidden, org.unionBranch]);
    await t.db.query(`UPDATE ticket_clock SET org_id = $2, due_at = now() - interval '1 day' WHERE ticket_id = $1`, [ids.hidden, org.unionBranch]);
    try {
      for (const who of ['union', 'unionBranch'] as const) {
        const f = await figures(as[who]!);
        expect(f.tickets, who).toBe(0);
        expect(f.overdueNow, who).toBe(0);
        expect(f.onTime.clocks, who).toBe(0);
      }
      const seenAbove = await figures(as.townA!);
      expect(countOf(seenAbove.byCategory, 'category', 'labour_contract')).toBe(1);
      expect(seenAbove.overdueNow).toBe(2);
    } finally {
      await t.db.query(`UPDATE ticket SET org_id = $2 WHERE id = $1`, [ids.hidden, org.townA]);
      await t.db.query(`UPDATE ticket_clock SET org_id = $2, due_at = now() + interval '5 days' WHERE ticket_id = $1`, [ids.hidden, org.townA]);
    }
  });
});

describe('the xlsx report', () => {
  it('opens with its four sheets and Chinese headers, is audited, and is refused to the read-only role', async () => {
    const res = await t.request('GET', `/api/tickets/figures.xlsx?orgId=${org.cityA}`, { as: as.cityA });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('维权统计_测试统计甲市总工会'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name).slice(0, 4)).toEqual(['概览', '按渠道', '按类别', '按下级工会']);
    const header = (name: string) => (wb.getWorksheet(name)!.getRow(1).values as unknown[]).slice(1);
    expect(header('按渠道')).toEqual(['渠道', '工单数', '占比']);
    expect(header('按类别')).toEqual(['类别', '工单数', '占比']);
    expect(header('按下级工会')).toEqual(['工会组织', '层级', '范围', '计入时钟', '按期', '超期', '按期办结率']);
    const overview = wb.getWorksheet('概览')!;
    const rowOf = (label: string) => overview.getSheetValues().find((r) => Array.isArray(r) && r[1] === label) as unknown[] | undefined;
    expect(rowOf('登记工单数')?.[2]).toBe(6);
    expect(rowOf('追回金额（元）')?.[2]).toBe(1734.56);
    const channels = wb.getWorksheet('按渠道')!;
    expect(channels.getRow(2).values).toEqual([undefined, '手机端', 1, '16.7%']);
    const levels = wb.getWorksheet('按下级工会')!;
    expect(levels.getRow(2).values).toEqual([undefined, '测试统计甲市总工会', '市总工会', '本级', 0, 0, 0, '—']);
    expect(levels.getRow(3).getCell(1).value).toBe('测试统计甲区总工会');
    const audited = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.figures_export' AND target_id = $1`, [String(org.cityA)]);
    expect(audited[0]).toEqual({ n: 1 });
    expect((await t.request('GET', '/api/tickets/figures.xlsx', { as: as.viewer })).statusCode).toBe(403);
    // the figures themselves are for every role
    expect((await t.request('GET', '/api/tickets/figures', { as: as.viewer })).statusCode).toBe(200);
  });
});
