// Legal-aid lawyers on tickets and the notices of each step, over HTTP: the one code list (areas
// after 036), assigning a lawyer who serves the holding union and the refusals that write nothing,
// the lawyer's own routes on the member site (only their running assignments; the caller's contact
// audited; the log sealed at rest), and the worker's notices per step (none for a refused step).
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketCategories } from '../../../contracts/tickets.ts';
import type { LawyerTicketDetail, TicketLawyers } from '../../../contracts/ticket-lawyers.ts';
import type { MyTicket, TicketDetail } from '../../../contracts/tickets.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshPhone, loginWorker } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let admin: Session;
let worker: Session & { phone: string };
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
const lawyer = {} as Record<'a' | 'b' | 'county' | 'elsewhere' | 'inactive', { id: number; phone: string; session?: Session }>;
let employer = 0;

const key = () => randomUUID();
const post = (url: string, who: Session, body: unknown, k = key()) => t.request('POST', url, { as: who, body, headers: { 'idempotency-key': k } });

let licenceSeq = 0;
const licence = () => `1440${String(process.pid % 100000).padStart(5, '0')}${String(++licenceSeq + 500).padStart(8, '0')}`;

async function register(name: string, over: Record<string, unknown>): Promise<{ id: number; phone: string }> {
  const phone = freshPhone();
  const res = await post('/api/legal/lawyers', as.county!, { orgId: org.county, name, firm: '测试律师事务所', licenceNo: licence(), areas: ['wage_arrears'], servedOrgIds: [org.town], phone, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return { id: res.json<{ id: number }>().id, phone };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '律师测试街道总工会' });
  org.town = town.id;
  org.county = town.parentId!;
  org.otherTown = (await t.make.org({ parent: org.county, level: 'town', name: '律师测试另一街道总工会' })).id;
  for (const k of ['town', 'county', 'otherTown'] as const) as[k] = await t.login((await t.make.staff({ org: org[k], username: `tl_${k.toLowerCase()}` })).username);
  employer = (await t.db.query<{ id: number }>(`INSERT INTO enterprise (name, name_key, town_org_id) VALUES ('律师测试制衣有限公司', '律师测试制衣有限公司', $1) RETURNING id`, [org.town]))[0]!.id;
  lawyer.a = await register('甘律师', { areas: ['wage_arrears', 'work_injury'] });
  lawyer.b = await register('伍律师', { areas: ['wage_arrears'] });
  // kept and serving the county only: serves the county's towns too
  lawyer.county = await register('关律师', { areas: ['labour_contract'], servedOrgIds: [org.county] });
  lawyer.elsewhere = await register('雷律师', { servedOrgIds: [org.otherTown] });
  lawyer.inactive = await register('邝律师', {});
  expect((await t.request('PATCH', `/api/legal/lawyers/${lawyer.inactive.id}`, { as: as.county, body: { active: false } })).statusCode).toBe(200);
  worker = await loginWorker(t, admin);
  lawyer.a.session = await loginWorker(t, admin, lawyer.a.phone);
  lawyer.b.session = await loginWorker(t, admin, lawyer.b.phone);
});
afterAll(async () => t.close());

async function ask(over: Record<string, unknown> = {}): Promise<number> {
  const res = await post('/api/me/tickets', worker, { type: 'legal_aid', category: 'wage_arrears', description: '制衣厂拖欠两个月工资，申请法律援助。', contactName: '黄阿姨', enterpriseId: employer, ...over });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyTicket>().id;
}

async function step(id: number, action: string, who: Session, body: unknown = {}): Promise<TicketDetail> {
  const res = await post(`/api/tickets/${id}/${action}`, who, body);
  expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  return res.json<TicketDetail>();
}

const assign = (id: number, lawyerId: number, who: Session = as.town!) => post(`/api/tickets/${id}/lawyer`, who, { lawyerId, note: '请尽快联系当事人' });
const errorOf = (res: { statusCode: number; json: <T>() => T }) => ({ status: res.statusCode, error: res.json<{ error: string }>().error });

const noticesTo = async (phone: string) =>
  t.db.query<{ kind: string; body: string }>(`SELECT kind, body FROM outbox WHERE to_hash = $1 AND kind LIKE 'ticket_%' ORDER BY id`, [t.pii.hash(phone)]);
const lawyerRows = async (ticketId: number) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_lawyer WHERE ticket_id = $1`, [ticketId]))[0]!.n;

describe('one code list', () => {
  it('keeps the lawyers’ areas in the ticket categories’ codes after 036, and the check refuses the old ones', async () => {
    const rows = await t.db.query<{ areas: string[] }>(`SELECT areas FROM legal_lawyer`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) for (const a of r.areas) expect(ticketCategories).toContain(a);
    await expect(t.db.query(`UPDATE legal_lawyer SET areas = ARRAY['wages'] WHERE id = $1`, [lawyer.a.id])).rejects.toThrow();
    // the rewrite of 036, as it ran, on a row written the old way (constraint lifted inside a rolled-back transaction)
    const rewritten = await t.db
      .transaction(async (tx) => {
        await tx.query(`ALTER TABLE legal_lawyer DROP CONSTRAINT legal_lawyer_areas_check`);
        await tx.query(`UPDATE legal_lawyer SET areas = ARRAY['wages', 'contract', 'injury', 'dismissal'] WHERE id = $1`, [lawyer.a.id]);
        await tx.query(`UPDATE legal_lawyer
           SET areas = ARRAY(SELECT DISTINCT CASE a WHEN 'wages' THEN 'wage_arrears' WHEN 'contract' THEN 'labour_contract' WHEN 'injury' THEN 'work_injury' ELSE a END
                               FROM unnest(areas) AS a ORDER BY 1)
         WHERE areas && ARRAY['wages', 'contract', 'injury']`);
        const [r] = await tx.query<{ areas: string[] }>(`SELECT areas FROM legal_lawyer WHERE id = $1`, [lawyer.a.id]);
        throw Object.assign(new Error('rollback'), { areas: r!.areas });
      })
      .catch((e: { areas?: string[] }) => e.areas);
    expect(rewritten).toEqual(['dismissal', 'labour_contract', 'wage_arrears', 'work_injury']);
    const again = await t.request('GET', `/api/legal/lawyers/${lawyer.a.id}`, { as: as.county });
    expect(again.json<{ areas: string[] }>().areas).toEqual(['wage_arrears', 'work_injury']);
  });
});

describe('assigning a lawyer', () => {
  it('lists the lawyers serving the holding union (or above) in the ticket’s category, and refuses the rest, writing nothing', async () => {
    const id = await ask();
    const candidates = await t.request('GET', `/api/tickets/${id}/lawyer-candidates`, { as: as.town });
    expect(candidates.statusCode, candidates.body).toBe(200);
    const names = candidates.json<{ items: { name: string }[] }>().items.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['甘律师', '伍律师']));
    expect(names).not.toContain('关律师'); // labour contracts only
    expect(names).not.toContain('雷律师'); // serves another town
    expect(names).not.toContain('邝律师'); // inactive
    const all = (await t.request('GET', `/api/tickets/${id}/lawyer-candidates?area=all`, { as: as.town })).json<{ items: { name: string }[] }>().items.map((l) => l.name);
    expect(all).toContain('关律师');
    expect((await t.request('GET', `/api/tickets/${id}/lawyer-candidates`, { as: as.otherTown })).statusCode).toBe(404);

    const outbox = (await noticesTo(worker.phone)).length;
    expect(errorOf(await assign(id, lawyer.elsewhere.id))).toEqual({ status: 409, error: 'lawyer_not_serving' });
    expect(errorOf(await assign(id, lawyer.inactive.id))).toEqual({ status: 409, error: 'lawyer_inactive' });
    expect(errorOf(await assign(id, 999_999_999))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await assign(id, lawyer.a.id, as.county))).toEqual({ status: 403, error: 'ticket_not_holder' });
    expect(errorOf(await assign(id, lawyer.a.id, as.otherTown))).toEqual({ status: 404, error: 'not_found' });
    expect(await lawyerRows(id)).toBe(0);
    expect((await noticesTo(worker.phone)).length).toBe(outbox);

    // a lawyer kept by the county and serving it serves the town too
    const k = key();
    const ok = await post(`/api/tickets/${id}/lawyer`, as.town!, { lawyerId: lawyer.county.id }, k);
    expect(ok.statusCode, ok.body).toBe(201);
    const replay = await post(`/api/tickets/${id}/lawyer`, as.town!, { lawyerId: lawyer.county.id }, k);
    expect(replay.body).toBe(ok.body);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(errorOf(await assign(id, lawyer.county.id))).toEqual({ status: 409, error: 'ticket_lawyer_same' });
    const d = (await t.request('GET', `/api/tickets/${id}`, { as: as.town })).json<TicketDetail>();
    expect(d.lawyer).toMatchObject({ id: lawyer.county.id, name: '关律师', outcome: null });
    const notices = await noticesTo(worker.phone);
    expect(notices.at(-1)).toMatchObject({ kind: 'ticket_lawyer' });
    expect(notices.at(-1)!.body).toContain('关律师');
    const audits = await t.db.query(`SELECT detail FROM audit_log WHERE action = 'ticket.lawyer_assign' AND target_id = $1`, [String(id)]);
    expect(audits).toHaveLength(1);

    // closed: no lawyer is assigned any more
    await step(id, 'accept', as.town!);
    await step(id, 'close', as.town!, { result: '已协调企业支付工资', recoveredFen: 0 });
    expect(errorOf(await assign(id, lawyer.a.id))).toEqual({ status: 409, error: 'ticket_state_invalid' });
    expect(await lawyerRows(id)).toBe(1);
  });
});

describe('the lawyer on the member site', () => {
  it('sees only the tickets assigned to them, with the caller’s contact (audited), records entries sealed at rest and the outcome', async () => {
    const id = await ask();
    const other = await ask({ description: '另一件拖欠工资的事情，申请法律援助。' });
    expect((await assign(id, lawyer.a.id)).statusCode).toBe(201);
    expect((await assign(other, lawyer.b.id)).statusCode).toBe(201);
    const a = lawyer.a.session!;

    expect((await t.request('GET', '/api/lawyer/me', { as: a })).json()).toEqual({ lawyer: { name: '甘律师', firm: '测试律师事务所' } });
    expect((await t.request('GET', '/api/lawyer/me', { as: worker })).json()).toEqual({ lawyer: null });
    const list = (await t.request('GET', '/api/lawyer/tickets', { as: a })).json<{ items: { id: number; callerName: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain(id);
    expect(list.items.map((i) => i.id)).not.toContain(other);
    expect(list.items.find((i) => i.id === id)!.callerName).not.toBe('黄阿姨');

    const viewsBefore = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.lawyer_view' AND target_id = $1`, [String(id)]))[0]!.n;
    const res = await t.request('GET', `/api/lawyer/tickets/${id}`, { as: a });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.json<LawyerTicketDetail>()).toMatchObject({ id, callerName: '黄阿姨', callerPhone: worker.phone, org: { id: org.town } });
    const viewsAfter = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'ticket.lawyer_view' AND target_id = $1`, [String(id)]))[0]!.n;
    expect(viewsAfter).toBe(viewsBefore + 1);

    // another lawyer's ticket, a worker who is not a lawyer, a staff session
    expect(errorOf(await t.request('GET', `/api/lawyer/tickets/${other}`, { as: a }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await post(`/api/lawyer/tickets/${other}/entries`, a, { kind: 'note', text: '不是我的案件' }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('GET', '/api/lawyer/tickets', { as: worker }))).toEqual({ status: 403, error: 'lawyer_only' });
    expect(errorOf(await t.request('GET', `/api/lawyer/tickets/${id}`, { as: worker }))).toEqual({ status: 403, error: 'lawyer_only' });
    expect(errorOf(await t.request('GET', '/api/lawyer/tickets', { as: as.town }))).toEqual({ status: 403, error: 'member_only' });

    // an entry: sealed at rest, read back by the lawyer and by the holding union's staff
    const secret = '电话咨询：当事人称厂方口头承诺月底结清，建议先保留考勤记录和工资条。';
    const k = key();
    const added = await post(`/api/lawyer/tickets/${id}/entries`, a, { kind: 'consultation', text: secret }, k);
    expect(added.statusCode, added.body).toBe(201);
    expect(added.body).not.toContain('考勤');
    expect((await post(`/api/lawyer/tickets/${id}/entries`, a, { kind: 'consultation', text: secret }, k)).body).toBe(added.body);
    const raw = await t.db.query<{ text_enc: Buffer }>(`SELECT e.text_enc FROM ticket_lawyer_entry e JOIN ticket_lawyer l ON l.id = e.ticket_lawyer_id WHERE l.ticket_id = $1`, [id]);
    expect(raw).toHaveLength(1);
    expect(Buffer.from(raw[0]!.text_enc).toString('utf8')).not.toContain('考勤');
    expect(t.pii.decrypt(raw[0]!.text_enc)).toBe(secret);
    const stored = await t.db.query<{ answer: string }>(`SELECT answer FROM ticket_request WHERE ticket_id = $1`, [id]);
    for (const s of stored) expect(s.answer).not.toContain('考勤');
    const future = new Date(Date.now() + 86_400_000).toISOString();
    expect(errorOf(await post(`/api/lawyer/tickets/${id}/entries`, a, { kind: 'hearing', text: '明天开庭', at: future }))).toEqual({ status: 400, error: 'lawyer_entry_in_future' });
    expect((await post(`/api/lawyer/tickets/${id}/entries`, a, { kind: 'document', text: '已起草劳动仲裁申请书', documentTitle: '劳动仲裁申请书' })).statusCode).toBe(201);

    const out = await post(`/api/lawyer/tickets/${id}/outcome`, a, { outcome: 'mediation', recoveredFen: 1_680_000, note: '调解达成协议，厂方分两期支付' });
    expect(out.statusCode, out.body).toBe(200);
    const seen = (await t.request('GET', `/api/lawyer/tickets/${id}`, { as: a })).json<LawyerTicketDetail>();
    expect(seen).toMatchObject({ outcome: 'mediation', recoveredFen: 1_680_000 });
    expect(seen.entries.map((e) => e.kind)).toEqual(['consultation', 'document']);
    const staff = (await t.request('GET', `/api/tickets/${id}/lawyers`, { as: as.town })).json<TicketLawyers>();
    expect(staff.current).toMatchObject({ lawyer: { id: lawyer.a.id, name: '甘律师' }, outcome: 'mediation', recoveredFen: 1_680_000 });
    expect(staff.current!.entries[0]!.text).toBe(secret);
    expect(staff.canAssign).toBe(true);
    expect((await t.request('GET', `/api/tickets/${id}/lawyers`, { as: as.otherTown })).statusCode).toBe(404);
    const audited = await t.db.query<{ action: string }>(`SELECT DISTINCT action FROM audit_log WHERE target_id = $1 AND action LIKE 'ticket.lawyer_%' ORDER BY action`, [String(id)]);
    expect(audited.map((r) => r.action)).toEqual(['ticket.lawyer_assign', 'ticket.lawyer_entry', 'ticket.lawyer_outcome', 'ticket.lawyer_view']);

    // reassigned: the first lawyer sees it no more; ended: nobody does
    expect((await assign(id, lawyer.b.id)).statusCode).toBe(201);
    expect((await t.request('GET', `/api/lawyer/tickets/${id}`, { as: a })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/lawyer/tickets/${id}`, { as: lawyer.b.session })).statusCode).toBe(200);
    const ended = await t.request('POST', `/api/tickets/${id}/lawyer/end`, { as: as.town, body: { reason: '当事人已自行委托律师' } });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json<TicketLawyers>()).toMatchObject({ current: null });
    expect(ended.json<TicketLawyers>().past).toHaveLength(2);
    expect((await t.request('GET', `/api/lawyer/tickets/${id}`, { as: lawyer.b.session })).statusCode).toBe(404);
    expect(errorOf(await post(`/api/lawyer/tickets/${id}/outcome`, lawyer.b.session!, { outcome: 'none', recoveredFen: 0 }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('POST', `/api/tickets/${id}/lawyer/end`, { as: as.town, body: { reason: '再次结束' } }))).toEqual({ status: 409, error: 'ticket_lawyer_none' });
    // a lawyer deactivated in the register is no lawyer on the member site
    expect((await t.request('PATCH', `/api/legal/lawyers/${lawyer.b.id}`, { as: as.county, body: { active: false } })).statusCode).toBe(200);
    expect(errorOf(await t.request('GET', '/api/lawyer/tickets', { as: lawyer.b.session }))).toEqual({ status: 403, error: 'lawyer_only' });
    expect((await t.request('PATCH', `/api/legal/lawyers/${lawyer.b.id}`, { as: as.county, body: { active: true } })).statusCode).toBe(200);
  });
});

describe('notices to the worker per step', () => {
  it('tells the worker of the app each step, in the step’s transaction, and nothing for a refused step', async () => {
    const id = await ask();
    const kinds = async () => (await noticesTo(worker.phone)).filter((n) => n.body.includes(`编号 ${id}`));
    await step(id, 'accept', as.town!);
    expect((await kinds()).at(-1)!.body).toContain('律师测试街道总工会受理');
    await step(id, 'pause', as.town!, { reason: '等待职工补充工资条' });
    expect((await kinds()).at(-1)!.body).toContain('等待职工补充工资条');
    await step(id, 'resume', as.town!);
    await step(id, 'extension', as.town!, { days: 3, reason: '需要调取考勤记录' });
    expect(await kinds()).toHaveLength(2); // resuming and asking for an extension tell nobody
    await step(id, 'extension/decide', as.county!, { approve: true });
    expect((await kinds()).at(-1)!.body).toContain('批准延期');
    const before = (await kinds()).length;
    const refused = await post(`/api/tickets/${id}/close`, as.town!, { result: ' ', recoveredFen: 0 });
    expect(refused.statusCode).toBe(400);
    expect(await kinds()).toHaveLength(before);
    await step(id, 'close', as.town!, { result: '企业已补发工资', recoveredFen: 250_000 });
    const closed = (await kinds()).at(-1)!;
    expect(closed.kind).toBe('ticket_closed');
    expect(closed.body).toContain('¥2500.00');
    const rated = await post(`/api/me/tickets/${id}/rating`, worker, { rating: 1, comment: '钱还没到账' });
    expect(rated.statusCode, rated.body).toBe(200);
    const reopened = (await kinds()).at(-1)!;
    expect(reopened.body).toContain('重新办理');
    expect((await kinds()).map((n) => n.kind)).toEqual(['ticket_progress', 'ticket_progress', 'ticket_progress', 'ticket_closed', 'ticket_progress']);
  });

  it('tells a hotline caller only of the close, asking for a rating, with no personal data but the masked number', async () => {
    const phone = freshPhone();
    const res = await post('/api/tickets', as.town!, { type: 'help', category: 'wage_arrears', description: '来电反映工厂拖欠工资两个月。', callerName: '司徒先生', callerPhone: phone, enterpriseId: employer });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<TicketDetail>().id;
    await step(id, 'accept', as.town!);
    expect(await noticesTo(phone)).toHaveLength(0);
    await step(id, 'close', as.town!, { result: '已转劳动监察处理', recoveredFen: 0 });
    const [n, ...rest] = await noticesTo(phone);
    expect(rest).toHaveLength(0);
    expect(n!.kind).toBe('ticket_closed');
    expect(n!.body).toContain(`尾号${phone.slice(-4)}`);
    expect(n!.body).toContain(`/rights/${id}`);
    expect(n!.body).not.toContain(phone);
    expect(n!.body).not.toContain('司徒');
  });
});
