// Rights work orders over HTTP: routing (kept from the employer's own union unless the worker
// agrees), a clock per union counted on the working-day calendar, the steps and their refusals,
// the queue's views, revealing the caller, idempotent writes, and the time limits table.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyTicket, TicketDetail } from '../../../contracts/tickets.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshPhone, loginWorker } from '../../../tests/helpers/workers.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { deadlineAfter, extendDeadline, shiftDay, workingDaysBetween } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { sweepTickets } from './tickets.service.ts';

let t: TestApp;
let admin: Session;
let worker: Session;
let otherWorker: Session;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
let employerWithUnion = 0;
let employerWithoutUnion = 0;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '测试街道总工会' });
  org.town = town.id;
  org.county = town.parentId!;
  org.union = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '深圳快送科技有限公司工会' })).id;
  org.unionBranch = (await t.make.org({ parent: org.union, level: 'grassroots', kind: 'enterprise', name: '深圳快送科技有限公司配送站工会' })).id;
  org.other = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '另一家有限公司工会' })).id;
  for (const key of ['town', 'county', 'union', 'unionBranch', 'other'] as const) {
    const s = await t.make.staff({ org: org[key], username: `tk_${key.toLowerCase()}` });
    as[key] = await t.login(s.username);
  }
  as.townViewer = await t.login((await t.make.staff({ org: org.town, username: 'tk_town_viewer', roles: ['viewer'] })).username);
  const insert = async (name: string, unionId: number | null) =>
    (await t.db.query<{ id: number }>(`INSERT INTO enterprise (name, name_key, town_org_id, union_org_id) VALUES ($1, $1, $2, $3) RETURNING id`, [name, org.town, unionId]))[0]!.id;
  employerWithUnion = await insert('深圳快送科技有限公司', org.union);
  employerWithoutUnion = await insert('深圳小件物流有限公司', null);
  worker = await loginWorker(t, admin);
  otherWorker = await loginWorker(t, admin);
});
afterAll(async () => t.close());

const key = () => randomUUID();

function post(url: string, who: Session, body: unknown, k = key()) {
  return t.request('POST', url, { as: who, body, headers: { 'idempotency-key': k } });
}

const wageClaim = (over: Record<string, unknown> = {}) => ({
  type: 'help',
  category: 'wage_arrears',
  description: '配送站拖欠我三个月工资，共 12,345 元，站长说平台没结算。',
  contactName: '李师傅',
  enterpriseId: employerWithUnion,
  ...over,
});

async function ask(over: Record<string, unknown> = {}): Promise<MyTicket> {
  const res = await post('/api/me/tickets', worker, wageClaim(over));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyTicket>();
}

async function detail(id: number, who: Session): Promise<TicketDetail> {
  const res = await t.request('GET', `/api/tickets/${id}`, { as: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TicketDetail>();
}

async function step(id: number, action: string, who: Session, body: unknown = {}): Promise<TicketDetail> {
  const res = await post(`/api/tickets/${id}/${action}`, who, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json<TicketDetail>();
}

async function refusal(id: number, action: string, who: Session, body: unknown = {}) {
  const res = await post(`/api/tickets/${id}/${action}`, who, body);
  return { status: res.statusCode, error: res.json<{ error: string }>().error };
}

const ticketDigest = async (id: number) =>
  (await t.db.query(`SELECT t.state, t.org_id, t.handler_staff_id, t.result,
     (SELECT json_agg(c ORDER BY c.id) FROM ticket_clock c WHERE c.ticket_id = t.id) AS clocks,
     (SELECT count(*) FROM ticket_step s WHERE s.ticket_id = t.id) AS steps FROM ticket t WHERE t.id = $1`, [id]))[0];

describe('asking', () => {
  it('routes a complaint about an employer with a union to its town, says why, and keeps it once per key', async () => {
    const k = key();
    const first = await post('/api/me/tickets', worker, wageClaim(), k);
    expect(first.statusCode, first.body).toBe(201);
    const mine = first.json<MyTicket>();
    expect(mine.orgName).toBe('测试街道总工会');
    expect(mine.routeReason).toContain('看不到本工单');
    expect(mine.state).toBe('pending');
    expect(mine.steps.map((s) => s.action)).toEqual(['create']);
    const replay = await post('/api/me/tickets', worker, wageClaim(), k);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    const reused = await post('/api/me/tickets', worker, wageClaim({ description: '另一件事情，换了内容。' }), k);
    expect(reused.json().error).toBe('idempotency_key_reused');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ticket WHERE id >= $1`, [mine.id]))[0]).toEqual({ n: 1 });
    // the worker's own list and detail; another worker sees nothing of it
    const list = (await t.request('GET', '/api/me/tickets', { as: worker })).json<{ items: { id: number }[] }>();
    expect(list.items.map((i) => i.id)).toContain(mine.id);
    expect((await t.request('GET', `/api/me/tickets/${mine.id}`, { as: otherWorker })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/me/tickets', { as: otherWorker })).json().total).toBe(0);
    // staff see the caller masked only
    const d = await detail(mine.id, as.town!);
    expect(d.callerName).not.toBe('李师傅');
    expect(d.callerPhone).not.toContain((worker as Session & { phone: string }).phone);
  });

  it('goes to the employer\'s own union only when the worker agrees; a typed employer goes to the town worked in', async () => {
    const agreed = await ask({ employerUnionConsent: true });
    expect(agreed.orgName).toBe('深圳快送科技有限公司工会');
    const typed = await ask({ enterpriseId: undefined, employerName: '从未登记过的餐饮店', workOrgId: org.town });
    expect(typed.orgName).toBe('测试街道总工会');
    const noUnion = await ask({ enterpriseId: employerWithoutUnion });
    expect(noUnion.routeReason).toContain('尚未建立工会');
  });

  it('refuses a request naming no employer, an unknown employer, or a non-member without a name; nothing is written', async () => {
    const before = (await t.db.query(`SELECT count(*)::int AS n FROM ticket`))[0];
    expect((await post('/api/me/tickets', worker, wageClaim({ enterpriseId: undefined }))).json().error).toBe('employer_required');
    expect((await post('/api/me/tickets', worker, wageClaim({ enterpriseId: 1_999_999_999 }))).json().error).toBe('ticket_employer_unknown');
    expect((await post('/api/me/tickets', worker, wageClaim({ contactName: undefined }))).json().error).toBe('ticket_contact_name_required');
    expect((await t.request('POST', '/api/me/tickets', { as: worker, body: wageClaim() })).json().error).toBe('idempotency_key_required');
    expect((await post('/api/me/tickets', as.town!, wageClaim())).statusCode).toBe(403);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ticket`))[0]).toEqual(before);
  });
});

describe('confidential from the employer', () => {
  it('the employer\'s union and the unions inside it never reach the ticket, on any route; its town and county do', async () => {
    const { id } = await ask();
    for (const who of [as.union!, as.unionBranch!]) {
      for (const view of ['mine', 'union', 'subtree', 'overdue']) {
        const page = await t.request('GET', `/api/tickets?view=${view}&pageSize=200`, { as: who });
        expect(page.statusCode).toBe(200);
        expect(page.json<{ items: { id: number }[] }>().items.map((i) => i.id)).not.toContain(id);
      }
      expect((await t.request('GET', `/api/tickets/${id}`, { as: who })).json().error).toBe('not_found');
      expect((await t.request('POST', `/api/tickets/${id}/reveal`, { as: who, body: { reason: '核实来电人' } })).json().error).toBe('not_found');
      const steps: [string, unknown][] = [
        ['accept', {}],
        ['assign', { toOrgId: org.unionBranch }],
        ['return', { reason: '不是本单位的事' }],
        ['pause', { reason: '等待材料' }],
        ['resume', {}],
        ['extension', { days: 2, reason: '需要调查' }],
        ['extension/decide', { approve: true }],
        ['close', { result: '已处理', recoveredFen: 0 }],
      ];
      for (const [action, body] of steps) expect(await refusal(id, action, who, body), action).toEqual({ status: 404, error: 'not_found' });
    }
    expect((await detail(id, as.town!)).id).toBe(id);
    expect((await detail(id, as.county!)).id).toBe(id);
    // nor can the town hand it down into the employer's union
    expect(await refusal(id, 'assign', as.town!, { toOrgId: org.union })).toEqual({ status: 409, error: 'ticket_assign_employer_union' });
    expect(await refusal(id, 'assign', as.town!, { toOrgId: org.unionBranch })).toEqual({ status: 409, error: 'ticket_assign_employer_union' });
  });

  it('with the worker\'s agreement the employer\'s union holds it', async () => {
    const { id } = await ask({ employerUnionConsent: true });
    expect((await detail(id, as.union!)).org.id).toBe(org.union);
  });
});

describe('clocks and steps', () => {
  it('the first clock runs five working days on the calendar from receipt', async () => {
    const { id, createdAt } = await ask();
    const d = await detail(id, as.town!);
    const cal = await loadCalendar(t.db);
    expect(d.clocks).toHaveLength(1);
    expect(d.clocks[0]!.dueAt).toBe(deadlineAfter(cal, new Date(d.clocks[0]!.receivedAt), 5).toISOString());
    expect(d.clocks[0]!.returnDueAt).toBe(deadlineAfter(cal, new Date(d.clocks[0]!.receivedAt), 2).toISOString());
    expect(workingDaysBetween(cal, beijingDay(createdAt), shiftDay(beijingDay(d.clocks[0]!.dueAt), -1))).toBe(5);
    expect(d.canAct).toBe(true);
    expect((await detail(id, as.county!)).canAct).toBe(false);
  });

  it('accept, assign down, return up, accept, pause, resume, extend once with the level above, close with the money recovered', async () => {
    const { id } = await ask();
    const cal = await loadCalendar(t.db);
    let d = await step(id, 'accept', as.town!, { difficulty: 'normal' });
    expect(d.state).toBe('in_progress');
    expect(await refusal(id, 'accept', as.town!)).toEqual({ status: 409, error: 'ticket_state_invalid' });
    expect(await refusal(id, 'accept', as.county!)).toEqual({ status: 403, error: 'ticket_not_holder' });

    d = await step(id, 'assign', as.town!, { toOrgId: org.other, reason: '请属地单位工会核实' });
    expect(d.org.id).toBe(org.other);
    expect(d.state).toBe('pending');
    expect(d.clocks.map((c) => [c.org.id, c.outcome])).toEqual([[org.town, 'assigned'], [org.other, null]]);

    d = await step(id, 'return', as.other!, { reason: '职工不在本单位工作' });
    expect(d.org.id).toBe(org.town);
    expect(d.clocks.map((c) => c.outcome)).toEqual(['assigned', 'returned', null]);
    expect(d.clocks[2]!.dueAt).toBe(deadlineAfter(cal, new Date(d.clocks[2]!.receivedAt), 5).toISOString());

    await step(id, 'accept', as.town!);
    d = await step(id, 'pause', as.town!, { reason: '等待职工补充工资条' });
    expect(d.state).toBe('paused');
    const dueBefore = d.clocks[2]!.dueAt;
    expect(await refusal(id, 'close', as.town!, { result: '已处理', recoveredFen: 0 })).toEqual({ status: 409, error: 'ticket_state_invalid' });
    d = await step(id, 'resume', as.town!);
    // paused and resumed on the same day: no working day passed, the deadline stands
    expect(d.clocks[2]!.pausedDays).toBe(0);
    expect(d.clocks[2]!.dueAt).toBe(dueBefore);

    expect(await refusal(id, 'extension', as.town!, { days: 11, reason: '需要调查取证' })).toEqual({ status: 400, error: 'ticket_extension_too_long' });
    d = await step(id, 'extension', as.town!, { days: 3, reason: '需要调查取证' });
    expect(d.clocks[2]!.extension).toEqual({ state: 'requested', days: 3, reason: '需要调查取证' });
    expect(await refusal(id, 'extension', as.town!, { days: 2, reason: '再延一次' })).toEqual({ status: 409, error: 'ticket_extension_used' });
    expect(await refusal(id, 'extension/decide', as.town!, { approve: true })).toEqual({ status: 403, error: 'ticket_not_level_above' });
    expect((await detail(id, as.county!)).canDecideExtension).toBe(true);
    d = await step(id, 'extension/decide', as.county!, { approve: true, reason: '同意' });
    expect(d.clocks[2]!.dueAt).toBe(extendDeadline(cal, new Date(dueBefore), 3).toISOString());
    expect(await refusal(id, 'extension/decide', as.county!, { approve: true })).toEqual({ status: 409, error: 'ticket_extension_not_requested' });

    const before = await ticketDigest(id);
    expect(await refusal(id, 'close', as.town!, { result: ' ', recoveredFen: 0 })).toEqual({ status: 400, error: 'ticket_result_required' });
    expect(await ticketDigest(id)).toEqual(before);
    d = await step(id, 'close', as.town!, { result: '经协调，企业已补发拖欠工资', recoveredFen: 1_234_500 });
    expect(d.state).toBe('closed');
    expect(d.recoveredFen).toBe(1_234_500);
    expect(d.steps.map((s) => s.action)).toEqual(['create', 'accept', 'assign', 'return', 'accept', 'pause', 'resume', 'extension_request', 'extension_approve', 'close']);
    const mine = (await t.request('GET', `/api/me/tickets/${id}`, { as: worker })).json<MyTicket>();
    expect(mine).toMatchObject({ state: 'closed', result: '经协调，企业已补发拖欠工资', recoveredFen: 1_234_500 });
    expect(await refusal(id, 'pause', as.town!, { reason: '再挂起' })).toEqual({ status: 409, error: 'ticket_state_invalid' });
    const audits = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_type = 'ticket' AND target_id = $1 ORDER BY id`, [String(id)]);
    expect(audits.map((a) => a.action)).toEqual(['ticket.create', 'ticket.accept', 'ticket.assign', 'ticket.return', 'ticket.accept', 'ticket.pause', 'ticket.resume', 'ticket.extension_request', 'ticket.extension_decide', 'ticket.close']);
  });

  it('a return goes to the union that assigned the ticket, else up to the parent', async () => {
    const { id } = await ask();
    await step(id, 'assign', as.town!, { toOrgId: org.other });
    expect((await step(id, 'return', as.other!, { reason: '职工不在本单位工作' })).org.id).toBe(org.town);
    // the town got it back from below: returning it now sends it up, not to itself
    expect((await step(id, 'return', as.town!, { reason: '不属于本街道' })).org.id).toBe(org.county);
  });

  it('a step replayed under its key answers the same and is taken once', async () => {
    const { id } = await ask();
    const k = key();
    const first = await post(`/api/tickets/${id}/accept`, as.town!, {}, k);
    const again = await post(`/api/tickets/${id}/accept`, as.town!, {}, k);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    expect((await detail(id, as.town!)).steps.filter((s) => s.action === 'accept')).toHaveLength(1);
  });

  it('assigns only below, within scope; names a handler of the union only; returns only within the limit; a viewer does not act', async () => {
    const { id } = await ask();
    const huazhou = await t.demoOrg('huazhou');
    expect(await refusal(id, 'assign', as.town!, { toOrgId: huazhou })).toEqual({ status: 404, error: 'not_found' });
    expect(await refusal(id, 'assign', as.town!, { toOrgId: org.county })).toEqual({ status: 404, error: 'not_found' });
    expect(await refusal(id, 'assign', as.town!, { toOrgId: org.town })).toEqual({ status: 409, error: 'ticket_assign_not_below' });
    expect(await refusal(id, 'assign', as.town!, {})).toEqual({ status: 400, error: 'ticket_assign_target_required' });
    const [otherStaff] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'tk_other'`);
    expect(await refusal(id, 'assign', as.town!, { toStaffId: otherStaff!.id })).toEqual({ status: 409, error: 'ticket_handler_invalid' });
    const [viewer] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'tk_town_viewer'`);
    expect(await refusal(id, 'assign', as.town!, { toStaffId: viewer!.id })).toEqual({ status: 409, error: 'ticket_handler_invalid' });
    const [townStaff] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'tk_town'`);
    const named = await step(id, 'assign', as.town!, { toStaffId: townStaff!.id });
    expect(named.handler?.id).toBe(townStaff!.id);
    const mine = (await t.request('GET', '/api/tickets?view=mine', { as: as.town! })).json<{ items: { id: number }[] }>();
    expect(mine.items.map((i) => i.id)).toContain(id);
    // past the return limit
    await t.db.query(`UPDATE ticket_clock SET return_due_at = now() - interval '1 hour' WHERE ticket_id = $1 AND ended_at IS NULL`, [id]);
    expect(await refusal(id, 'return', as.town!, { reason: '不属于本地' })).toEqual({ status: 409, error: 'ticket_return_too_late' });
    // the viewer reads but does not act
    expect(await refusal(id, 'accept', as.townViewer!)).toEqual({ status: 403, error: 'forbidden' });
  });

  it('a ticket past its deadline shows as overdue in the queue of its union and above, not while paused', async () => {
    const { id } = await ask();
    await t.db.query(`UPDATE ticket_clock SET due_at = now() - interval '1 day' WHERE ticket_id = $1 AND ended_at IS NULL`, [id]);
    const overdueOf = async (who: Session) => (await t.request('GET', '/api/tickets?view=overdue&pageSize=200', { as: who })).json<{ items: { id: number; overdue: boolean }[] }>().items.filter((i) => i.id === id);
    expect(await overdueOf(as.town!)).toEqual([expect.objectContaining({ id, overdue: true })]);
    expect(await overdueOf(as.county!)).toHaveLength(1);
    expect(await overdueOf(as.other!)).toHaveLength(0);
    await step(id, 'accept', as.town!);
    await step(id, 'pause', as.town!, { reason: '等待职工补充材料' });
    expect(await overdueOf(as.town!)).toHaveLength(0);
    // and too late to ask for an extension
    await step(id, 'resume', as.town!);
    expect(await refusal(id, 'extension', as.town!, { days: 2, reason: '来不及' })).toEqual({ status: 409, error: 'ticket_extension_too_late' });
  });
});

describe('the 12351 desk', () => {
  it('enters a non-member caller, sealed and masked; the holding union reveals with an audit record, others may not', async () => {
    const body = { type: 'complaint', category: 'work_injury', description: '货拉拉司机搬货时受伤，平台说不是员工不管。', callerName: '王建国', callerPhone: '13912345678', gigPlatform: '货拉拉', workOrgId: org.town };
    const res = await post('/api/tickets', as.town!, body);
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json<TicketDetail>();
    expect(d.channel).toBe('hotline');
    expect(d.org.id).toBe(org.town);
    expect(d.callerName).not.toContain('建国');
    expect(d.callerPhone).not.toBe('13912345678');
    const [sealed] = await t.db.query<{ enc: Buffer }>(`SELECT caller_phone_enc AS enc FROM ticket WHERE id = $1`, [d.id]);
    expect(Buffer.from(sealed!.enc).toString('utf8')).not.toContain('13912345678');
    expect((await t.request('POST', `/api/tickets/${d.id}/reveal`, { as: as.county!, body: { reason: '核实来电人' } })).json().error).toBe('ticket_reveal_forbidden');
    const revealed = await t.request('POST', `/api/tickets/${d.id}/reveal`, { as: as.town!, body: { reason: '回访来电人' } });
    expect(revealed.json()).toEqual({ callerName: '王建国', callerPhone: '13912345678' });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.reveal' AND target_id = $1`, [String(d.id)]))[0]).toEqual({ n: 1 });
  });

  it('a caller who logs in with the phone they called from finds the call under 我的求助 and rates it; no one else does', async () => {
    const phone = freshPhone();
    const body = { type: 'help', category: 'wage_arrears', description: '餐馆老板拖欠两个月工资，电话求助。', callerName: '黄阿姨', callerPhone: phone, enterpriseId: employerWithoutUnion };
    const filed = await post('/api/tickets', as.town!, body);
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json<TicketDetail>().id;
    const caller = await loginWorker(t, admin, phone);
    const mine = (await t.request('GET', '/api/me/tickets', { as: caller })).json<{ items: { id: number }[]; total: number }>();
    expect(mine.items.map((x) => x.id)).toEqual([id]);
    expect(mine.total).toBe(1);
    expect((await t.request('GET', `/api/me/tickets/${id}`, { as: otherWorker })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/me/tickets', { as: otherWorker })).json<{ items: { id: number }[] }>().items.map((x) => x.id)).not.toContain(id);
    await step(id, 'accept', as.town!);
    await step(id, 'close', as.town!, { result: '约谈老板，已补发工资。', recoveredFen: 560_000 });
    const rated = await post(`/api/me/tickets/${id}/rating`, caller, { rating: 5, comment: '谢谢' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json<MyTicket>().rating).toBe(5);
    expect((await post(`/api/me/tickets/${id}/rating`, otherWorker, { rating: 1 })).statusCode).toBe(404);
  });

  it('refuses a call without a caller, and a call routed outside the clerk\'s scope', async () => {
    const base = { type: 'consult', category: 'labour_contract', description: '问试用期可以不签合同吗？', enterpriseId: employerWithoutUnion };
    expect((await post('/api/tickets', as.town!, { ...base, callerName: '张三' })).json().error).toBe('ticket_caller_required');
    const shiwan = await t.demoOrg('shiwan');
    expect((await post('/api/tickets', as.county!, { ...base, enterpriseId: undefined, employerName: '某某餐厅', workOrgId: shiwan, callerName: '张三', callerPhone: '13800001111' })).json().error).toBe('not_found');
  });
});

describe('time limits', () => {
  it('default to the 12345 norms; a county\'s own limit is inherited below it and counts the next ticket\'s clock', async () => {
    const before = (await t.request('GET', `/api/tickets/time-limits?orgId=${org.town}`, { as: as.county! })).json<{ limits: { category: string; difficulty: string; finishDays: number; source: string }[] }>();
    expect(before.limits).toHaveLength(24);
    expect(before.limits.find((i) => i.category === 'wage_arrears' && i.difficulty === 'normal')).toMatchObject({ finishDays: 5, source: 'default' });
    const set = await t.request('PUT', '/api/tickets/time-limits', {
      as: as.county!,
      body: { orgId: org.county, category: 'wage_arrears', difficulty: 'normal', acceptDays: 1, finishDays: 3, maxExtensionDays: 5, returnDays: 1 },
    });
    expect(set.statusCode, set.body).toBe(200);
    const town = (await t.request('GET', '/api/tickets/time-limits', { as: as.town! })).json<{ limits: { category: string; difficulty: string; finishDays: number; source: string; fromOrg: { id: number } | null }[] }>();
    expect(town.limits.find((i) => i.category === 'wage_arrears' && i.difficulty === 'normal')).toMatchObject({ finishDays: 3, source: 'inherited', fromOrg: { id: org.county } });
    expect(town.limits.find((i) => i.category === 'work_injury' && i.difficulty === 'normal')).toMatchObject({ finishDays: 5, source: 'default' });
    const { id } = await ask();
    const d = await detail(id, as.town!);
    const cal = await loadCalendar(t.db);
    expect(d.clocks[0]!.dueAt).toBe(deadlineAfter(cal, new Date(d.clocks[0]!.receivedAt), 3).toISOString());
    expect(d.clocks[0]!.maxExtensionDays).toBe(5);
    // only admins set them, only in scope
    expect((await t.request('PUT', '/api/tickets/time-limits', { as: as.townViewer!, body: { orgId: org.town, category: 'other', difficulty: 'hard', acceptDays: 1, finishDays: 9, maxExtensionDays: 5, returnDays: 1 } })).statusCode).toBe(403);
    expect((await t.request('PUT', '/api/tickets/time-limits', { as: as.town!, body: { orgId: org.county, category: 'other', difficulty: 'hard', acceptDays: 1, finishDays: 9, maxExtensionDays: 5, returnDays: 1 } })).json().error).toBe('not_found');
  });

  it('a deadline crosses the holidays and 调休 days staff admins put on the calendar', async () => {
    // the next three days become holidays and the next Saturday a 调休 working day
    const today = beijingDay();
    const days = [1, 2, 3].map((n) => shiftDay(today, n));
    let saturday = shiftDay(today, 1);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = shiftDay(saturday);
    for (const day of days) if (day !== saturday) expect((await t.request('PUT', `/api/calendar/days/${day}`, { as: admin, body: { kind: 'holiday', name: '测试假日' } })).statusCode).toBe(200);
    expect((await t.request('PUT', `/api/calendar/days/${saturday}`, { as: admin, body: { kind: 'workday', name: '测试调休' } })).statusCode).toBe(200);
    const { id } = await ask({ category: 'work_injury' });
    const d = await detail(id, as.town!);
    const cal = await loadCalendar(t.db);
    const lastDay = shiftDay(beijingDay(d.clocks[0]!.dueAt), -1);
    expect(workingDaysBetween(cal, beijingDay(d.clocks[0]!.receivedAt), lastDay)).toBe(5);
    expect(d.clocks[0]!.dueAt).toBe(deadlineAfter(cal, new Date(d.clocks[0]!.receivedAt), 5).toISOString());
    // later than five plain weekdays would give
    expect(lastDay > deadlineAfter({ holidays: new Set(), workdays: new Set() }, new Date(d.clocks[0]!.receivedAt), 5).toISOString().slice(0, 10)).toBe(true);
  });
});

describe('satisfaction', () => {
  async function closed(): Promise<number> {
    // a category the county has set no limit of its own for (the time limits test above sets wage arrears)
    const { id } = await ask({ category: 'work_injury' });
    await step(id, 'accept', as.town!);
    await step(id, 'close', as.town!, { result: '已协调企业补发工资', recoveredFen: 500_000 });
    return id;
  }

  it('the worker rates a closed ticket once; an open one cannot be rated; another worker\'s is not found', async () => {
    const open = await ask();
    expect((await post(`/api/me/tickets/${open.id}/rating`, worker, { rating: 5 })).json().error).toBe('ticket_not_closed');
    const id = await closed();
    expect((await t.request('GET', `/api/me/tickets/${id}`, { as: worker })).json().canRate).toBe(true);
    expect((await post(`/api/me/tickets/${id}/rating`, otherWorker, { rating: 5 })).json().error).toBe('not_found');
    const rated = await post(`/api/me/tickets/${id}/rating`, worker, { rating: 5, comment: '很及时' });
    expect(rated.statusCode, rated.body).toBe(200);
    expect(rated.json()).toMatchObject({ state: 'closed', rating: 5, canRate: false });
    expect((await post(`/api/me/tickets/${id}/rating`, worker, { rating: 4 })).json().error).toBe('ticket_already_rated');
    expect((await detail(id, as.town!)).ratingComment).toBe('很及时');
  });

  it('a dissatisfied rating reopens the ticket once, to the level above, with a fresh clock there', async () => {
    const id = await closed();
    const res = await post(`/api/me/tickets/${id}/rating`, worker, { rating: 1, comment: '钱没要回来' });
    expect(res.statusCode, res.body).toBe(200);
    const mine = res.json<MyTicket>();
    expect(mine.state).toBe('pending');
    expect(mine.steps.map((x) => x.action).slice(-2)).toEqual(['rate', 'reopen']);
    const d = await detail(id, as.county!);
    expect(d.org.id).toBe(org.county);
    expect(d.clocks.at(-1)).toMatchObject({ org: { id: org.county }, outcome: null });
    expect(d.clocks.at(-1)!.dueAt).toBe(deadlineAfter(await loadCalendar(t.db), new Date(d.clocks.at(-1)!.receivedAt), 5).toISOString());
    // the county closes it again; the rating stays the first one
    await step(id, 'accept', as.county!);
    const again = await step(id, 'close', as.county!, { result: '县总工会督办，企业补齐工资', recoveredFen: 800_000 });
    expect(again).toMatchObject({ state: 'closed', rating: 1 });
    expect((await post(`/api/me/tickets/${id}/rating`, worker, { rating: 1 })).json().error).toBe('ticket_already_rated');
  });
});

describe('the overdue sweep', () => {
  it('reminds before the deadline and escalates after it to the level above, each once across passes, restarts and concurrent sweeps; a paused clock waits', async () => {
    const late = (await ask()).id;
    const soon = (await ask()).id;
    const paused = (await ask()).id;
    await step(paused, 'accept', as.town!);
    await step(paused, 'pause', as.town!, { reason: '等待职工补充材料' });
    await t.db.query(`UPDATE ticket_clock SET due_at = now() - interval '1 hour' WHERE ticket_id = ANY($1::bigint[]) AND ended_at IS NULL`, [[late, paused]]);
    await t.db.query(`UPDATE ticket_clock SET due_at = now() + interval '2 hours' WHERE ticket_id = $1 AND ended_at IS NULL`, [soon]);
    const sibling = await t.startSibling();
    try {
      await sweepTickets(t);
      await Promise.all([sweepTickets(t), sweepTickets(sibling.deps), sweepTickets(t)]);
    } finally {
      await sibling.close();
    }
    const stepsOf = async (id: number) => (await t.db.query<{ action: string }>(`SELECT action FROM ticket_step WHERE ticket_id = $1 AND action IN ('remind', 'escalate') ORDER BY id`, [id])).map((r) => r.action);
    expect(await stepsOf(late)).toEqual(['escalate']);
    expect(await stepsOf(soon)).toEqual(['remind']);
    expect(await stepsOf(paused)).toEqual([]);
    const d = await detail(late, as.county!);
    expect(d.clocks[0]!.escalatedTo).toEqual({ id: org.county, name: expect.any(String) });
    const escalatedTo = async (who: Session) => (await t.request('GET', '/api/tickets?view=escalated&pageSize=200', { as: who })).json<{ items: { id: number }[] }>().items.map((i) => i.id);
    expect(await escalatedTo(as.county!)).toContain(late);
    expect(await escalatedTo(as.town!)).not.toContain(late);
    expect((await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.escalate' AND target_id = $1`, [String(late)]))[0]).toEqual({ n: 1 });
  });
});

describe('integration accounts', () => {
  const call = (over: Record<string, unknown> = {}) => ({
    type: 'help', category: 'gig_rights', description: '外卖骑手被平台无故封号，押金不退。', callerName: '赵骑手', callerPhone: '13612345678', gigPlatform: '美团', workOrgId: org.town, ...over,
  });
  const push = (token: string, body: unknown, k = key()) =>
    t.app.inject({ method: 'POST', url: '/api/integration/tickets', payload: body as object, headers: { authorization: `Bearer ${token}`, 'idempotency-key': k } });

  it('a token scoped to its union files calls inside it, once per key; a replay answers the same ticket; revoked, it is refused', async () => {
    const made = await t.request('POST', '/api/tickets/integrations', { as: as.town!, body: { orgId: org.town, name: '12351 省级平台' } });
    expect(made.statusCode, made.body).toBe(201);
    const { token, id: accountId } = made.json<{ token: string; id: number }>();
    expect(token.length).toBeGreaterThan(20);
    const stored = await t.db.query<{ h: Buffer }>(`SELECT token_hash AS h FROM ticket_integration_account WHERE id = $1`, [accountId]);
    expect(Buffer.from(stored[0]!.h).toString('utf8')).not.toContain(token);
    const k = key();
    const first = await push(token, call(), k);
    expect(first.statusCode, first.body).toBe(201);
    const ticket = first.json<{ id: number; org: { id: number }; state: string }>();
    expect(ticket).toMatchObject({ org: { id: org.town }, state: 'pending' });
    const replay = await push(token, call(), k);
    expect(replay.body).toBe(first.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect((await push(token, call({ description: '同一个键，另一件事情。' }), k)).json().error).toBe('idempotency_key_reused');
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ticket WHERE channel = 'integration'`))[0]).toEqual({ n: 1 });
    const d = await detail(ticket.id, as.town!);
    expect(d.channel).toBe('integration');
    expect(d.steps[0]).toMatchObject({ action: 'create', actorName: '12351 省级平台' });
    // outside the account's union: as if the place did not exist
    const shiwan = await t.demoOrg('shiwan');
    expect((await push(token, call({ workOrgId: shiwan }))).json().error).toBe('not_found');
    // a staff session's token is no integration token
    expect((await push(as.town!.token, call())).json().error).toBe('integration_token_invalid');
    expect((await t.request('POST', `/api/tickets/integrations/${accountId}/revoke`, { as: as.town! })).json().revokedAt).not.toBeNull();
    expect((await push(token, call())).statusCode).toBe(401);
    // only admins of the scope manage accounts
    expect((await t.request('GET', '/api/tickets/integrations', { as: as.townViewer! })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/tickets/integrations', { as: as.county! })).json<{ items: { id: number }[] }>().items.map((a) => a.id)).toContain(accountId);
    expect((await t.request('POST', `/api/tickets/integrations/${accountId}/revoke`, { as: as.other! })).json().error).toBe('not_found');
  });

  it('an account of a lower union cannot file a call that routes above it', async () => {
    const { token } = (await t.request('POST', '/api/tickets/integrations', { as: as.town!, body: { orgId: org.other, name: '企业工会对接' } })).json<{ token: string }>();
    expect((await push(token, call())).json().error).toBe('not_found');
  });
});
