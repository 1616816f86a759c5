// The queue's kept totals (ticket_tally, migration 038) against a recount after every kind of ticket
// write — filing, accepting, assigning down, returning up, closing, a low rating's reopening, a
// quality check's return — and after moving a union with its tickets to another county; the
// confidentiality rule that lets a tally go without it (a ticket is never held inside the subtree it
// is kept from); the subtree view's pages and totals against a plain read; the sweep's audit rows,
// one per reminded or escalated clock.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyTicket, TicketCounts, TicketDetail, TicketSummary } from '../../../contracts/tickets.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { sweepTickets } from './tickets.service.ts';

let t: TestApp;
let admin: Session;
let worker: Session;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
let employerWithUnion = 0;

beforeAll(async () => {
  t = await startTestApp();
  worker = await loginWorker(t, await t.login('admin'));
  const town = await t.make.org({ level: 'town', name: '合计测试街道总工会' });
  org.town = town.id;
  org.county = town.parentId!;
  org.union = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '合计测试物流有限公司工会' })).id;
  org.other = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '合计测试另一家有限公司工会' })).id;
  const [city] = await t.db.query<{ id: number }>(`SELECT parent_id::int AS id FROM org WHERE id = $1`, [org.county]);
  org.county2 = (await t.make.org({ parent: city!.id, level: 'county', name: '合计测试区总工会' })).id;
  // the factories build a tree of their own: its city's admin moves the town
  admin = await t.login((await t.make.staff({ org: city!.id, username: 'ty_city_admin', roles: ['admin'] })).username);
  for (const k of ['town', 'county', 'other', 'county2'] as const) {
    as[k] = await t.login((await t.make.staff({ org: org[k], username: `ty_${k}` })).username);
  }
  as.county2nd = await t.login((await t.make.staff({ org: org.county, username: 'ty_county_2nd', roles: ['reviewer'] })).username);
  employerWithUnion = (
    await t.db.query<{ id: number }>(`INSERT INTO enterprise (name, name_key, town_org_id, union_org_id) VALUES ($1, $1, $2, $3) RETURNING id`, ['合计测试物流有限公司', org.town, org.union])
  )[0]!.id;
});
afterAll(async () => t.close());

const key = () => randomUUID();
const post = (url: string, who: Session, body: unknown) => t.request('POST', url, { as: who, body, headers: { 'idempotency-key': key() } });
async function step(id: number, action: string, who: Session, body: unknown = {}): Promise<TicketDetail> {
  const res = await post(`/api/tickets/${id}/${action}`, who, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json<TicketDetail>();
}
async function ask(category = 'wage_arrears'): Promise<number> {
  const res = await post('/api/me/tickets', worker, { type: 'help', category, description: '物流公司拖欠两个月工资，共 8,800 元。', contactName: '周师傅', enterpriseId: employerWithUnion });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyTicket>().id;
}

/** Every (union, state, category) whose tally differs from a recount of the tickets held in its subtree. */
async function drift() {
  return t.db.query(
    `WITH kept AS (SELECT org_id, state, category, sum(n)::int AS n FROM ticket_tally GROUP BY 1, 2, 3 HAVING sum(n) <> 0),
          counted AS (SELECT a.id AS org_id, t.state, t.category, count(*)::int AS n
                        FROM ticket t JOIN org o ON o.id = t.org_id JOIN org a ON o.path <@ a.path GROUP BY 1, 2, 3)
     SELECT coalesce(k.org_id, c.org_id) AS org_id, coalesce(k.state, c.state) AS state, coalesce(k.category, c.category) AS category,
            k.n AS kept, c.n AS counted
       FROM kept k FULL JOIN counted c ON c.org_id = k.org_id AND c.state = k.state AND c.category = k.category
      WHERE k.n IS DISTINCT FROM c.n`,
  );
}
/** Tickets held inside the subtree they are kept from: none, whatever the steps (so a tally needs no confidentiality check). */
async function heldInsideHidden() {
  const [r] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket t JOIN org o ON o.id = t.org_id WHERE o.path <@ t.hidden_from_path`);
  return r!.n;
}
const held = async (id: number) => (await t.db.query<{ orgId: number; state: string }>(`SELECT org_id::int AS "orgId", state FROM ticket WHERE id = $1`, [id]))[0];
const counts = async (who: Session) => (await t.request('GET', '/api/tickets/counts', { as: who })).json<TicketCounts>();
const subtree = async (who: Session, extra = '') => {
  const res = await t.request('GET', `/api/tickets?view=subtree&pageSize=100${extra}`, { as: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: TicketSummary[]; total: number }>();
};

describe('the kept subtree totals', () => {
  it('stay equal to a recount through filing, accept, assign down, return, close, a low rating\'s reopening and a quality return', async () => {
    expect(await drift()).toEqual([]);
    const id = await ask();
    expect(await drift()).toEqual([]);
    await step(id, 'accept', as.town!);
    expect(await drift()).toEqual([]);
    await step(id, 'assign', as.town!, { toOrgId: org.other, reason: '请属地单位工会核实' });
    expect(await held(id)).toEqual({ orgId: org.other, state: 'pending' });
    expect(await drift()).toEqual([]);
    await step(id, 'return', as.other!, { reason: '涉及多个单位，请街道办理' });
    expect(await drift()).toEqual([]);
    await step(id, 'accept', as.town!);
    await step(id, 'close', as.town!, { result: '协调企业补发工资 8,800 元', recoveredFen: 880_000 });
    expect(await drift()).toEqual([]);
    const rated = await post(`/api/me/tickets/${id}/rating`, worker, { rating: 1, comment: '钱没有到账' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(await held(id)).toEqual({ orgId: org.county, state: 'pending' });
    expect(await drift()).toEqual([]);

    const checked = await ask('dismissal');
    await step(checked, 'accept', as.town!);
    await step(checked, 'close', as.town!, { result: '企业撤回辞退决定', recoveredFen: 0 });
    await step(checked, 'quality', as.county2nd!, { pass: false, reason: '未核实职工是否已复岗' });
    expect((await held(checked))!.orgId).toBe(org.town);
    expect(await drift()).toEqual([]);
    expect(await heldInsideHidden()).toBe(0);
  });

  it('follow a union moved to another county with its tickets; the counts and the subtree view say the same', async () => {
    await ask('social_insurance');
    const before = { county: (await counts(as.county!)).subtree, county2: (await counts(as.county2!)).subtree };
    const inTown = (await counts(as.town!)).subtree;
    expect(inTown).toBeGreaterThan(0);
    const moved = await t.request('POST', `/api/orgs/${org.town}/move`, { as: admin, body: { newParentId: org.county2 } });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(await drift()).toEqual([]);
    expect((await counts(as.county!)).subtree).toBe(before.county - inTown);
    expect((await counts(as.county2!)).subtree).toBe(before.county2 + inTown);
    const page = await subtree(as.county2!);
    expect(page.total).toBe(before.county2 + inTown);
    expect(page.items.length).toBe(Math.min(page.total, 100));
    // the page and its total agree with a plain read of the subtree, filtered or not
    const plain = async (where: string, params: unknown[]) =>
      (await t.db.query<{ id: number }>(`SELECT t.id::int AS id FROM ticket t JOIN org o ON o.id = t.org_id JOIN org r ON r.id = $1 WHERE o.path <@ r.path ${where} ORDER BY t.id DESC`, params)).map((r) => r.id);
    expect(page.items.map((i) => i.id)).toEqual((await plain('', [org.county2])).slice(0, 100));
    const pending = await subtree(as.county2!, '&state=pending');
    expect(pending.items.map((i) => i.id)).toEqual(await plain(`AND t.state = 'pending'`, [org.county2]));
    expect(pending.total).toBe(pending.items.length);
    const wages = await subtree(as.county2!, '&category=wage_arrears');
    expect(wages.items.map((i) => i.id)).toEqual(await plain(`AND t.category = 'wage_arrears'`, [org.county2]));
    expect(wages.total).toBe(wages.items.length);
    // page by page of one, the city's pages are read by walking the ids (few pages in) or through its unions (further in)
    const [cityId] = await t.db.query<{ id: number }>(`SELECT parent_id::int AS id FROM org WHERE id = $1`, [org.county]);
    for (const extra of ['', '&state=pending', '&category=wage_arrears']) {
      // (state and category filters walk the same way)
      const where = extra === '' ? '' : extra.includes('state') ? `AND t.state = 'pending'` : `AND t.category = 'wage_arrears'`;
      const all = await plain(where, [cityId!.id]);
      expect(all.length).toBeGreaterThan(0);
      const seen: number[] = [];
      for (let p = 1; p <= all.length; p++) {
        const res = (await t.request('GET', `/api/tickets?view=subtree&pageSize=1&page=${p}${extra}`, { as: admin })).json<{ items: TicketSummary[]; total: number }>();
        expect(res.total).toBe(all.length);
        seen.push(...res.items.map((i) => i.id));
      }
      expect(seen).toEqual(all);
    }
    // moved back, all as before
    expect((await t.request('POST', `/api/orgs/${org.town}/move`, { as: admin, body: { newParentId: org.county } })).statusCode).toBe(200);
    expect(await drift()).toEqual([]);
    expect((await counts(as.county!)).subtree).toBe(before.county);
  });
});

describe('the sweep\'s audit', () => {
  it('writes one audit row per reminded and per escalated clock, whatever the passes', async () => {
    const late = await ask();
    const soon = await ask();
    await t.db.query(`UPDATE ticket_clock SET due_at = now() - interval '1 hour' WHERE ticket_id = $1 AND ended_at IS NULL`, [late]);
    await t.db.query(`UPDATE ticket_clock SET due_at = now() + interval '2 hours' WHERE ticket_id = $1 AND ended_at IS NULL`, [soon]);
    await sweepTickets(t);
    await Promise.all([sweepTickets(t), sweepTickets(t)]);
    const audits = async (id: number) =>
      (await t.db.query<{ action: string; orgPath: string; actorKind: string }>(
        `SELECT action, org_path::text AS "orgPath", actor_kind AS "actorKind" FROM audit_log WHERE target_type = 'ticket' AND target_id = $1 AND action IN ('ticket.remind', 'ticket.escalate')`,
        [String(id)],
      ));
    const [townPath] = await t.db.query<{ p: string }>(`SELECT path::text AS p FROM org WHERE id = $1`, [org.town]);
    expect(await audits(late)).toEqual([{ action: 'ticket.escalate', orgPath: townPath!.p, actorKind: 'system' }]);
    expect(await audits(soon)).toEqual([{ action: 'ticket.remind', orgPath: townPath!.p, actorKind: 'system' }]);
    const [detail] = await t.db.query<{ d: { toOrgId: number } }>(`SELECT detail AS d FROM audit_log WHERE action = 'ticket.escalate' AND target_id = $1`, [String(late)]);
    expect(Number(detail!.d.toOrgId)).toBe(org.county);
  });
});
