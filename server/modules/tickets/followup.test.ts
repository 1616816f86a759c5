// After closing, over HTTP: the phone 回访 by the closing union's staff and the 质检 by a second
// person at a union above (pass, or return — the ticket open again at the closing union with a
// fresh clock), each once per closing; the queue's callback and quality views and the tab counts;
// who may, state refusals, idempotent replay, scope, and the employer's-union rule.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyTicket, TicketCounts, TicketDetail, TicketSummary } from '../../../contracts/tickets.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let worker: Session;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
let employerWithUnion = 0;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '回访测试街道总工会' });
  org.town = town.id;
  org.county = town.parentId!;
  org.union = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '回访测试电子有限公司工会' })).id;
  for (const k of ['town', 'county', 'union'] as const) {
    as[k] = await t.login((await t.make.staff({ org: org[k], username: `fu_${k}` })).username);
  }
  as.town2 = await t.login((await t.make.staff({ org: org.town, username: 'fu_town2', roles: ['clerk'] })).username);
  as.townViewer = await t.login((await t.make.staff({ org: org.town, username: 'fu_town_viewer', roles: ['viewer'] })).username);
  as.countyClerk = await t.login((await t.make.staff({ org: org.county, username: 'fu_county_clerk', roles: ['clerk'] })).username);
  as.county2 = await t.login((await t.make.staff({ org: org.county, username: 'fu_county2', roles: ['reviewer'] })).username);
  as.yangjiang = await t.login('yangjiang');
  employerWithUnion = (
    await t.db.query<{ id: number }>(`INSERT INTO enterprise (name, name_key, town_org_id, union_org_id) VALUES ($1, $1, $2, $3) RETURNING id`, ['回访测试电子有限公司', org.town, org.union])
  )[0]!.id;
  worker = await loginWorker(t, admin);
});
afterAll(async () => t.close());

const key = () => randomUUID();
const post = (url: string, who: Session, body: unknown, k = key()) => t.request('POST', url, { as: who, body, headers: { 'idempotency-key': k } });

async function ok(url: string, who: Session, body: unknown = {}): Promise<TicketDetail> {
  const res = await post(url, who, body);
  expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
  return res.json<TicketDetail>();
}
const refused = async (url: string, who: Session, body: unknown = {}) => {
  const res = await post(url, who, body);
  return { status: res.statusCode, error: res.json<{ error: string }>().error };
};

/** A worker's wage claim about the employer with a union, closed by the town's staff. */
async function closedTicket(): Promise<number> {
  const res = await post('/api/me/tickets', worker, {
    type: 'help', category: 'wage_arrears', description: '电子厂拖欠两个月工资，共 9,600 元。', contactName: '陈师傅', enterpriseId: employerWithUnion,
  });
  expect(res.statusCode, res.body).toBe(201);
  const { id } = res.json<MyTicket>();
  await ok(`/api/tickets/${id}/accept`, as.town!);
  await ok(`/api/tickets/${id}/close`, as.town!, { result: '协调企业补发工资 9,600 元', recoveredFen: 960_000 });
  return id;
}

const digest = async (id: number) =>
  (await t.db.query(`SELECT t.state, t.org_id, t.closed_at, (SELECT count(*) FROM ticket_clock c WHERE c.ticket_id = t.id) AS clocks,
     (SELECT count(*) FROM ticket_step s WHERE s.ticket_id = t.id) AS steps, (SELECT count(*) FROM ticket_followup f WHERE f.ticket_id = t.id) AS followups,
     (SELECT count(*) FROM audit_log a WHERE a.target_type = 'ticket' AND a.target_id = t.id::text) AS audits FROM ticket t WHERE t.id = $1`, [id]))[0];

const queue = async (who: Session, view: string, extra = '') => {
  const res = await t.request('GET', `/api/tickets?view=${view}&pageSize=100${extra}`, { as: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: TicketSummary[]; total: number }>();
};
const counts = async (who: Session) => (await t.request('GET', '/api/tickets/counts', { as: who })).json<TicketCounts>();

describe('回访 (callback)', () => {
  it('the closing union records it once per closing; it leaves the callback queue; a replay answers the same', async () => {
    const id = await closedTicket();
    const d0 = (await t.request('GET', `/api/tickets/${id}`, { as: as.town! })).json<TicketDetail>();
    expect(d0).toMatchObject({ state: 'closed', canCallback: true, canQualityCheck: false, canAct: false });
    expect((await queue(as.town!, 'callback')).items.map((i) => i.id)).toContain(id);
    const before = await counts(as.town!);
    expect(before.callback).toBeGreaterThanOrEqual(1);

    const k = key();
    const body = { reached: true, satisfaction: 5, note: '工资已全部到账，职工表示感谢' };
    const first = await post(`/api/tickets/${id}/callback`, as.town2!, body, k);
    expect(first.statusCode, first.body).toBe(200);
    const d = first.json<TicketDetail>();
    expect(d.canCallback).toBe(false);
    expect(d.followups).toMatchObject([{ kind: 'callback', reached: true, satisfaction: 5, note: '工资已全部到账，职工表示感谢', org: { id: org.town } }]);
    expect(d.steps.at(-1)).toMatchObject({ action: 'callback', reason: '已联系上，满意度 5 分：工资已全部到账，职工表示感谢' });
    const replay = await post(`/api/tickets/${id}/callback`, as.town2!, body, k);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect((await post(`/api/tickets/${id}/callback`, as.town2!, { ...body, note: '另一次' }, k)).json().error).toBe('idempotency_key_reused');

    const snap = await digest(id);
    expect(await refused(`/api/tickets/${id}/callback`, as.town!, { reached: false, note: '' })).toEqual({ status: 409, error: 'ticket_callback_done' });
    expect(await digest(id)).toEqual(snap);
    expect((await queue(as.town!, 'callback')).items.map((i) => i.id)).not.toContain(id);
    expect((await counts(as.town!)).callback).toBe(before.callback - 1);
    const [a] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.callback' AND target_id = $1::text`, [id]);
    expect(a).toEqual({ n: 1 });
  });

  it('refuses another union, a viewer, an open ticket, a rating when not reached; nothing is written', async () => {
    const id = await closedTicket();
    const snap = await digest(id);
    expect(await refused(`/api/tickets/${id}/callback`, as.county!, { reached: true, note: '' })).toEqual({ status: 403, error: 'ticket_not_holder' });
    expect((await refused(`/api/tickets/${id}/callback`, as.townViewer!, { reached: true, note: '' })).status).toBe(403);
    expect(await refused(`/api/tickets/${id}/callback`, as.town!, { reached: false, satisfaction: 3, note: '' })).toEqual({ status: 400, error: 'ticket_callback_unreached_rating' });
    expect((await refused(`/api/tickets/${id}/callback`, as.town!, { reached: true, satisfaction: 6, note: '' })).status).toBe(400);
    expect(await digest(id)).toEqual(snap);
    const open = await post('/api/me/tickets', worker, { type: 'consult', category: 'other', description: '想咨询加班费怎么算。', contactName: '陈师傅', enterpriseId: employerWithUnion });
    expect(await refused(`/api/tickets/${open.json<MyTicket>().id}/callback`, as.town!, { reached: true, note: '' })).toEqual({ status: 409, error: 'ticket_followup_not_closed' });
    // an unreached callback still counts as the callback of this closing
    await ok(`/api/tickets/${id}/callback`, as.town!, { reached: false, note: '电话无人接听' });
  });
});

describe('质检 (quality check)', () => {
  it('an admin or reviewer above passes it; it leaves the quality queue; once per closing', async () => {
    const id = await closedTicket();
    expect((await queue(as.county!, 'quality')).items.map((i) => i.id)).toContain(id);
    expect((await queue(as.town!, 'quality')).items.map((i) => i.id)).not.toContain(id);
    const d0 = (await t.request('GET', `/api/tickets/${id}`, { as: as.county! })).json<TicketDetail>();
    expect(d0.canQualityCheck).toBe(true);
    const d = await ok(`/api/tickets/${id}/quality`, as.county2!, { pass: true });
    expect(d.state).toBe('closed');
    expect(d.followups.at(-1)).toMatchObject({ kind: 'quality', pass: true, org: { id: org.county } });
    expect(d.steps.at(-1)).toMatchObject({ action: 'quality_pass' });
    expect(d.canQualityCheck).toBe(false);
    expect(await refused(`/api/tickets/${id}/quality`, as.county!, { pass: false, reason: '再查一次' })).toEqual({ status: 409, error: 'ticket_quality_done' });
    expect((await queue(as.county!, 'quality')).items.map((i) => i.id)).not.toContain(id);
  });

  it('returns it to the closing union with a fresh clock; closed again it is a new closing to check', async () => {
    const id = await closedTicket();
    const clocksBefore = Number((await digest(id))!.clocks);
    expect(await refused(`/api/tickets/${id}/quality`, as.county!, { pass: false })).toEqual({ status: 400, error: 'ticket_quality_reason_required' });
    const d = await ok(`/api/tickets/${id}/quality`, as.county!, { pass: false, reason: '未核实工资是否足额到账' });
    expect(d).toMatchObject({ state: 'pending', org: { id: org.town }, closedAt: null, canQualityCheck: false });
    expect(d.clocks).toHaveLength(clocksBefore + 1);
    expect(d.clocks.at(-1)).toMatchObject({ org: { id: org.town }, endedAt: null });
    expect(d.steps.at(-1)).toMatchObject({ action: 'quality_return', reason: '未核实工资是否足额到账', toOrg: { id: org.town } });
    const [a] = await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.quality_return' AND target_id = $1::text`, [id]);
    expect(a).toEqual({ n: 1 });
    // the town handles it again; its second closing can be checked (and called back) again
    expect((await queue(as.town!, 'union')).items.map((i) => i.id)).toContain(id);
    await ok(`/api/tickets/${id}/accept`, as.town!);
    const closed = await ok(`/api/tickets/${id}/close`, as.town!, { result: '核实银行流水，工资已足额到账', recoveredFen: 960_000 });
    expect(closed).toMatchObject({ state: 'closed', canCallback: true });
    const again = await ok(`/api/tickets/${id}/quality`, as.county!, { pass: true, reason: '' });
    expect(again.followups.filter((f) => f.kind === 'quality').map((f) => f.pass)).toEqual([false, true]);
  });

  it('refuses the closer, a clerk, the closing union itself, and an open ticket; nothing is written', async () => {
    const id = await closedTicket();
    const snap = await digest(id);
    expect(await refused(`/api/tickets/${id}/quality`, as.town!, { pass: true })).toEqual({ status: 403, error: 'ticket_quality_not_above' });
    expect((await refused(`/api/tickets/${id}/quality`, as.countyClerk!, { pass: true })).status).toBe(403);
    expect(await digest(id)).toEqual(snap);
    // the county's staff closing a ticket it holds is refused checking it; no one above checks the closer's own
    const res = await post('/api/me/tickets', worker, { type: 'help', category: 'other', description: '企业不给缴纳社保。', contactName: '陈师傅', enterpriseId: employerWithUnion });
    const other = res.json<MyTicket>().id;
    await ok(`/api/tickets/${other}/return`, as.town!, { reason: '涉及多个镇街，请区总工会办理' });
    await ok(`/api/tickets/${other}/accept`, as.county!);
    await ok(`/api/tickets/${other}/close`, as.county!, { result: '已协调企业补缴社保', recoveredFen: 0 });
    expect(await refused(`/api/tickets/${other}/quality`, as.county2!, { pass: true })).toEqual({ status: 403, error: 'ticket_quality_not_above' });
    // an open ticket
    const open = await post('/api/me/tickets', worker, { type: 'consult', category: 'other', description: '想咨询年休假怎么算。', contactName: '陈师傅', enterpriseId: employerWithUnion });
    expect(await refused(`/api/tickets/${open.json<MyTicket>().id}/quality`, as.county!, { pass: true })).toEqual({ status: 409, error: 'ticket_followup_not_closed' });
  });

  it('refuses the person who closed it, even from above', async () => {
    // a closer who has since moved up to the county (the close step names them) may not check it
    const id = await closedTicket();
    const [closer] = await t.db.query<{ id: number }>(`SELECT actor_id::int AS id FROM ticket_step WHERE ticket_id = $1 AND action = 'close'`, [id]);
    const [rev] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'fu_county2'`);
    await t.db.query(`UPDATE ticket_step SET actor_id = $2 WHERE ticket_id = $1 AND action = 'close'`, [id, rev!.id]);
    expect(await refused(`/api/tickets/${id}/quality`, as.county2!, { pass: true })).toEqual({ status: 409, error: 'ticket_quality_same_person' });
    const d = (await t.request('GET', `/api/tickets/${id}`, { as: as.county2! })).json<TicketDetail>();
    expect(d.canQualityCheck).toBe(false);
    await t.db.query(`UPDATE ticket_step SET actor_id = $2 WHERE ticket_id = $1 AND action = 'close'`, [id, closer!.id]);
  });

  it('samples the quality queue at random', async () => {
    await closedTicket();
    await closedTicket();
    const all = await queue(as.county!, 'quality');
    const sample = await queue(as.county!, 'quality', '&sample=2');
    expect(sample.items).toHaveLength(2);
    expect(sample.total).toBe(all.total);
    for (const i of sample.items) expect(all.items.map((x) => x.id)).toContain(i.id);
  });
});

describe('scope and the employer’s own union', () => {
  it('out of scope and the employer’s union answer 404 on both writes, and see none of it in their queues', async () => {
    const id = await closedTicket();
    for (const who of [as.yangjiang!, as.union!]) {
      expect((await refused(`/api/tickets/${id}/callback`, who, { reached: true, note: '' })).status).toBe(404);
      expect((await refused(`/api/tickets/${id}/quality`, who, { pass: true })).status).toBe(404);
      expect((await queue(who, 'quality')).items.map((i) => i.id)).not.toContain(id);
      expect((await queue(who, 'callback')).items.map((i) => i.id)).not.toContain(id);
    }
    expect((await counts(as.union!)).subtree).toBe(0);
  });

  it('lists the holding union’s handlers (no viewers, no other union); 404 out of scope', async () => {
    const id = await closedTicket();
    const res = await t.request('GET', `/api/tickets/${id}/handlers`, { as: as.town2! });
    expect(res.statusCode, res.body).toBe(200);
    const names = res.json<{ items: { id: number; name: string }[] }>().items.map((s) => s.id);
    const [viewer] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'fu_town_viewer'`);
    const [town2] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'fu_town2'`);
    expect(names).toContain(town2!.id);
    expect(names).not.toContain(viewer!.id);
    expect((await t.request('GET', `/api/tickets/${id}/handlers`, { as: as.union! })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/tickets/${id}/handlers`, { as: as.yangjiang! })).statusCode).toBe(404);
  });

  it('the queue tells the working days left on a running clock, none on a closed ticket', async () => {
    const res = await post('/api/me/tickets', worker, { type: 'consult', category: 'other', description: '想咨询加班工资的计算。', contactName: '陈师傅', enterpriseId: employerWithUnion });
    const id = res.json<MyTicket>().id;
    const fresh = (await queue(as.town!, 'union')).items.find((i) => i.id === id)!;
    expect(fresh.workingDaysLeft).toBeGreaterThanOrEqual(4);
    expect(fresh.workingDaysLeft).toBeLessThanOrEqual(5);
    const closed = await closedTicket();
    expect((await queue(as.town!, 'callback')).items.find((i) => i.id === closed)).toMatchObject({ workingDaysLeft: null, state: 'closed' });
  });

  it('counts the tabs and the workbench figures; not logged in is refused', async () => {
    const c = await counts(as.town!);
    for (const view of ['mine', 'union', 'subtree', 'overdue', 'escalated', 'callback', 'quality'] as const) {
      expect(c[view], view).toBe((await queue(as.town!, view)).total);
    }
    const bench = (await t.request('GET', '/api/workbench', { as: as.town! })).json<{ tickets: { overdue: number; waiting: number } }>();
    expect(bench.tickets).toMatchObject({ overdue: c.overdue, waiting: c.waiting });
    expect((await t.request('GET', '/api/tickets/counts')).statusCode).toBe(401);
    expect((await t.request('POST', `/api/tickets/1/callback`, { body: { reached: true, note: '' } })).statusCode).toBe(401);
  });
});
