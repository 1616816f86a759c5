// Labour-law supervision cases (一函两书) over HTTP: a case opened from tickets about one employer; the
// ladder 提示函 → 意见书 → 建议书 → 移送 and its refusals (too early, skipping a rung, no address,
// a town referring); the reply deadline across a holiday and a 调休 Saturday; the regional rule
// (nearest ancestor wins); the stored PDF's Chinese text; idempotent replay; scope.
import { randomUUID } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { beijingDay } from '../../lib/beijing-time.ts';

let t: TestApp;
let county: Session;
let town: Session;
let viewer: Session;
let yangjiang: Session;
const org: Record<'county' | 'town' | 'otherTown', number> = { county: 0, town: 0, otherTown: 0 };
const supervisor: Record<'county' | 'town' | 'expired', number> = { county: 0, town: 0, expired: 0 };
const today = beijingDay();
const year = today.slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  const countyOrg = await t.make.org({ level: 'county', name: '测试区总工会' });
  org.county = countyOrg.id;
  org.town = (await t.make.org({ parent: countyOrg, level: 'town', name: '测试区温泉镇总工会' })).id;
  org.otherTown = (await t.make.org({ parent: countyOrg, level: 'town', name: '测试区街口街道总工会' })).id;
  county = await t.login((await t.make.staff({ org: org.county, username: 'sv_county' })).username);
  town = await t.login((await t.make.staff({ org: org.town, username: 'sv_town' })).username);
  viewer = await t.login((await t.make.staff({ org: org.county, username: 'sv_viewer', roles: ['viewer'] })).username);
  yangjiang = await t.login('yangjiang');
  const register = async (orgId: number, name: string, cert: string, trainedOn = '2026-08-16', validUntil = '2029-08-15') => {
    const res = await t.request('POST', '/api/legal/supervisors', { as: county, body: { orgId, name, certificateNo: cert, trainedOn, validUntil }, headers: { 'idempotency-key': randomUUID() } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as number;
  };
  supervisor.county = await register(org.county, '黎监督', `SV-${process.pid}-1`);
  supervisor.town = await register(org.town, '钟监督', `SV-${process.pid}-2`);
  supervisor.expired = await register(org.town, '过期员', `SV-${process.pid}-3`, '2020-01-01', '2021-01-01');
});
afterAll(async () => t.close());

const key = () => ({ 'idempotency-key': randomUUID() });
const caseBody = (over: Record<string, unknown> = {}) => ({
  orgId: org.town,
  employerName: '测试区鸿运五金制品有限公司',
  employerTownId: org.town,
  employerAddress: '测试区温泉镇工业大道 8 号',
  provisions: ['《劳动合同法》第三十条', '《工资支付暂行规定》第七条'],
  summary: '拖欠 12 名职工 2026 年 9 月至 10 月工资共计 18 万元',
  workersCount: 12,
  supervisorIds: [supervisor.town],
  ...over,
});
const open = async (as: Session, over: Record<string, unknown> = {}) => {
  const res = await t.request('POST', '/api/supervision/cases', { as, body: caseBody(over), headers: key() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
};
const issue = (as: Session, id: number, kind: string, headers = key()) => t.request('POST', `/api/supervision/cases/${id}/letters`, { as, body: { kind }, headers });
const detail = async (as: Session, id: number) => (await t.request('GET', `/api/supervision/cases/${id}`, { as })).json();
const deliver = (as: Session, id: number, letterId: number, deliveredOn = today) =>
  t.request('POST', `/api/supervision/cases/${id}/letters/${letterId}/delivery`, { as, body: { via: 'direct', deliveredOn, receiptSigner: '王经理' } });
const reply = (as: Session, id: number, letterId: number, rectification: string) =>
  t.request('POST', `/api/supervision/cases/${id}/letters/${letterId}/reply`, { as, body: { repliedOn: today, summary: '单位书面答复', rectification } });
const counts = async () =>
  (
    await t.db.query<{ cases: number; letters: number; seqs: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM supervision_case) AS cases, (SELECT count(*)::int FROM supervision_letter) AS letters,
              (SELECT coalesce(sum(last), 0)::int FROM supervision_letter_seq) AS seqs, (SELECT count(*)::int FROM audit_log WHERE action LIKE 'supervision.%') AS audits`,
    )
  )[0]!;

async function pdfText(as: Session, url: string): Promise<string> {
  const res = await t.request('GET', url, { as });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  expect(String(res.headers['content-disposition'])).toMatch(/^inline;/);
  const doc = await getDocument({ data: new Uint8Array(res.rawPayload) }).promise;
  let text = '';
  for (let p = 1; p <= doc.numPages; p++) text += (await (await doc.getPage(p)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
  await doc.destroy();
  return text;
}

describe('opening a case', () => {
  it('opens a case from tickets about one employer, with its supervisors; refuses another employer\'s ticket and an expired certificate, writing nothing', async () => {
    const call = (employerName: string) =>
      t.request('POST', '/api/tickets', {
        as: town,
        body: { type: 'help', category: 'wage_arrears', description: '五金厂拖欠两个月工资', callerName: '林工人', callerPhone: '13700001234', employerName, workOrgId: org.town },
        headers: key(),
      });
    const a = (await call('测试区鸿运五金制品有限公司')).json().id as number;
    const b = (await call('测试区鸿运五金制品有限公司')).json().id as number;
    const other = (await call('测试区另一家餐厅')).json().id as number;
    const before = await counts();
    const wrong = await t.request('POST', '/api/supervision/cases', { as: town, body: caseBody({ ticketIds: [a, other] }), headers: key() });
    expect(wrong.statusCode).toBe(409);
    expect(wrong.json().error).toBe('supervision_ticket_other_employer');
    const expired = await t.request('POST', '/api/supervision/cases', { as: town, body: caseBody({ supervisorIds: [supervisor.expired] }), headers: key() });
    expect(expired.json().error).toBe('supervision_supervisor_invalid');
    // a supervisor of the county is not of the town's subtree
    const above = await t.request('POST', '/api/supervision/cases', { as: county, body: caseBody({ supervisorIds: [supervisor.county] }), headers: key() });
    expect(above.json().error).toBe('supervision_supervisor_invalid');
    const noEmployer = await t.request('POST', '/api/supervision/cases', { as: town, body: caseBody({ employerTownId: undefined }), headers: key() });
    expect(noEmployer.json().error).toBe('supervision_employer_required');
    const byViewer = await t.request('POST', '/api/supervision/cases', { as: viewer, body: caseBody(), headers: key() });
    expect(byViewer.statusCode).toBe(403);
    expect(await counts()).toEqual(before);

    const id = await open(town, { ticketIds: [a, b] });
    const c = await detail(town, id);
    expect(c).toMatchObject({ state: 'open', stage: null, source: 'tickets', employerName: '测试区鸿运五金制品有限公司', workersCount: 12, next: { kind: 'notice', allowed: true } });
    expect(c.tickets.map((x: { id: number }) => x.id)).toEqual([a, b]);
    expect(c.supervisors).toEqual([expect.objectContaining({ name: '钟监督' })]);
    // more tickets later: only the same employer's
    expect((await t.request('POST', `/api/supervision/cases/${id}/tickets`, { as: town, body: { ticketIds: [other] } })).json().error).toBe('supervision_ticket_other_employer');
    const c2 = (await t.request('POST', `/api/supervision/cases/${id}/tickets`, { as: town, body: { ticketIds: [a] } })).json();
    expect(c2.tickets).toHaveLength(2);
  });
});

describe('letters', () => {
  it('refuses a letter to an employer with no address and writes nothing; with the address, numbers it, stores it, and replays the issue', async () => {
    const id = await open(county, { orgId: org.county, employerAddress: undefined, supervisorIds: [supervisor.county] });
    const before = await counts();
    const refused = await issue(county, id, 'notice');
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'supervision_employer_no_address' });
    expect(refused.json().message).toContain('补充用人单位地址');
    expect(await counts()).toEqual(before);
    expect((await detail(county, id)).state).toBe('open');

    await t.request('PATCH', `/api/supervision/cases/${id}`, { as: county, body: { employerAddress: '测试区街口街道新城路 12 号' } });
    const headers = key();
    const first = await issue(county, id, 'notice', headers);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ kind: 'notice', number: `〔${year}〕测工监提字第1号`, addressee: '测试区鸿运五金制品有限公司', issuedOn: today });
    const again = await issue(county, id, 'notice', headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    const reused = await t.request('POST', `/api/supervision/cases/${id}/letters`, { as: county, body: { kind: 'opinion' }, headers });
    expect(reused.json().error).toBe('idempotency_key_reused');
    expect((await counts()).letters).toBe(before.letters + 1);
    // a second notice is not the next rung
    expect((await issue(county, id, 'notice')).json().error).toBe('supervision_wrong_rung');

    // the union sets its own prefix: the next case's notice is numbered with it, its own sequence
    await t.request('PUT', '/api/supervision/rules', { as: county, body: { orgId: org.county, replyDays: 15, dayKind: 'working', prefix: '测区工监' } });
    const second = await open(county, { orgId: org.county, supervisorIds: [] });
    expect((await issue(county, second, 'notice')).json().number).toBe(`〔${year}〕测区工监提字第2号`);

    const text = await pdfText(county, first.json().pdfUrl);
    for (const part of ['测试区总工会', '工会劳动法律监督提示函', `〔${year}〕测工监提字第1号`, '测试区鸿运五金制品有限公司：', '《劳动合同法》第三十条', '黎监督', '测试区街口街道新城路']) {
      expect(text).toContain(part);
    }
    expect(text).toMatch(/即\d{4}年\d{1,2}月\d{1,2}日前/);
  });

  it('climbs the ladder one rung at a time: not before delivery, not before the deadline unless the reply refuses; a town refers only after escalating', async () => {
    const id = await open(town);
    const notice = (await issue(town, id, 'notice')).json();
    expect((await issue(town, id, 'recommendation')).json().error).toBe('supervision_wrong_rung');
    const undelivered = await issue(town, id, 'opinion');
    expect(undelivered.json()).toMatchObject({ error: 'supervision_too_early' });
    expect(undelivered.json().message).toContain('尚未送达');
    expect((await reply(town, id, notice.id, 'none')).json().error).toBe('supervision_not_delivered');

    const delivered = (await deliver(town, id, notice.id)).json();
    expect(delivered.letters[0]).toMatchObject({ deliveredVia: 'direct', receiptSigner: '王经理', overdue: false, daysLeft: 15 });
    expect(delivered.replyDueOn).toBe(delivered.letters[0].replyDueOn);
    expect(delivered.next).toMatchObject({ kind: 'opinion', allowed: false });
    expect((await deliver(town, id, notice.id)).json().error).toBe('supervision_already_delivered');
    const early = await issue(town, id, 'opinion');
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('supervision_too_early');
    const [y, m, d] = delivered.letters[0].replyDueOn.split('-').map(Number);
    expect(early.json().message).toContain(`${y}年${m}月${d}日`);

    // the deadline passes with no reply: overdue, the next rung may go
    await t.db.query(`UPDATE supervision_letter SET reply_due_on = $2::date - 1 WHERE id = $1`, [notice.id, today]);
    const late = await detail(town, id);
    expect(late.letters[0]).toMatchObject({ overdue: true, daysLeft: expect.any(Number) });
    expect(late.letters[0].daysLeft).toBeLessThan(0);
    const overdueList = (await t.request('GET', `/api/supervision/cases?orgId=${org.town}&overdue=true`, { as: town })).json();
    expect(overdueList.items.map((c: { id: number }) => c.id)).toContain(id);
    const opinion = (await issue(town, id, 'opinion')).json();
    expect(opinion.number).toMatch(/测工监意字第1号$/);
    expect((await reply(town, id, notice.id, 'none')).json().error).toBe('supervision_letter_superseded');

    // a reply refusing to put things right lets the next rung go before the deadline
    await deliver(town, id, opinion.id);
    expect((await reply(town, id, opinion.id, 'none')).json().state).toBe('replied');
    const rec = await issue(town, id, 'recommendation');
    expect(rec.statusCode, rec.body).toBe(201);
    expect(rec.json().addressee).toBe('测试区温泉镇人力资源和社会保障局');
    await deliver(town, id, rec.json().id);
    await reply(town, id, rec.json().id, 'none');
    const referral = await issue(town, id, 'referral');
    expect(referral.json().error).toBe('supervision_referral_level');

    // 提级监督: the county takes the case over and refers it in its own name
    const up = await t.request('POST', `/api/supervision/cases/${id}/escalate`, { as: town, body: { reason: '镇街工会力量不足，提级监督' } });
    expect(up.json().org.id).toBe(org.county);
    expect((await t.request('GET', `/api/supervision/cases/${id}`, { as: town })).statusCode).toBe(404);
    const referred = await issue(county, id, 'referral');
    expect(referred.statusCode, referred.body).toBe(201);
    expect(referred.json().addressee).toBe('测试区人民检察院');
    expect((await detail(county, id))).toMatchObject({ state: 'referred', stage: 'referral', next: { kind: null, allowed: false } });
    const text = await pdfText(county, referred.json().pdfUrl);
    expect(text).toContain('劳动者权益保障案件线索移送函');
    expect(text).toContain('一函两书');

    const closed = await t.request('POST', `/api/supervision/cases/${id}/close`, { as: county, body: { outcome: 'partly', wagesRecoveredFen: 12_000_000, workersCovered: 8 } });
    expect(closed.json()).toMatchObject({ state: 'closed', outcome: 'partly', wagesRecoveredFen: 12_000_000, workersCovered: 8 });
    expect((await t.request('POST', `/api/supervision/cases/${id}/close`, { as: county, body: { outcome: 'partly', wagesRecoveredFen: 0, workersCovered: 0 } })).json().error).toBe('supervision_case_closed');
    expect((await issue(county, id, 'referral')).json().error).toBe('supervision_case_closed');
  });

  it('a reply that the employer put things right stops the ladder: the case waits to be closed', async () => {
    const id = await open(town);
    const notice = (await issue(town, id, 'notice')).json();
    await deliver(town, id, notice.id);
    const replied = (await reply(town, id, notice.id, 'done')).json();
    expect(replied).toMatchObject({ state: 'rectified', next: { kind: 'opinion', allowed: false } });
    expect(replied.letters[0]).toMatchObject({ rectification: 'done', overdue: false, daysLeft: null });
    expect((await issue(town, id, 'opinion')).json().error).toBe('supervision_wrong_rung');
  });
});

describe('the reply deadline', () => {
  it('counts working days from delivery across the National Day holiday and its 调休 Saturday', async () => {
    const id = await open(town);
    const notice = (await issue(town, id, 'notice')).json();
    await t.db.query(`UPDATE supervision_letter SET issued_on = '2026-09-15', stated_due_on = '2026-09-15' WHERE id = $1`, [notice.id]);
    // delivered Friday 18 September: Sunday 20 Sep (调休) counts, 25–27 Sep and 1–7 Oct do not,
    // Saturday 10 Oct (调休) does — the 15th working day is Thursday 15 October
    const c = (await deliver(town, id, notice.id, '2026-09-18')).json();
    expect(c.letters[0].replyDueOn).toBe('2026-10-15');
    expect((await deliver(town, id, notice.id)).json().error).toBe('supervision_already_delivered');
  });

  it('takes the nearest ancestor\'s rule: the county\'s 60 calendar days, then the town\'s own', async () => {
    const asDefault = (await t.request('GET', `/api/supervision/rules?orgId=${org.otherTown}`, { as: county })).json();
    expect(asDefault).toMatchObject({ replyDays: 15, dayKind: 'working', prefix: '测工监', prefixIsDefault: true });
    const setByClerk = await t.request('PUT', '/api/supervision/rules', { as: viewer, body: { orgId: org.county, replyDays: 60, dayKind: 'calendar' } });
    expect(setByClerk.statusCode).toBe(403);
    await t.request('PUT', '/api/supervision/rules', { as: county, body: { orgId: org.county, replyDays: 60, dayKind: 'calendar' } });
    const inherited = (await t.request('GET', `/api/supervision/rules?orgId=${org.otherTown}`, { as: county })).json();
    expect(inherited).toMatchObject({ replyDays: 60, dayKind: 'calendar', source: 'inherited', fromOrg: { id: org.county } });

    const id = await open(county, { orgId: org.otherTown, employerTownId: org.otherTown, supervisorIds: [] });
    const notice = (await issue(county, id, 'notice')).json();
    await t.db.query(`UPDATE supervision_letter SET issued_on = '2026-09-15', stated_due_on = '2026-09-15' WHERE id = $1`, [notice.id]);
    expect((await deliver(county, id, notice.id, '2026-09-18')).json().letters[0]).toMatchObject({ replyDueOn: '2026-11-17', replyDays: 60, dayKind: 'calendar' });

    await t.request('PUT', '/api/supervision/rules', { as: county, body: { orgId: org.otherTown, replyDays: 10, dayKind: 'working' } });
    expect((await t.request('GET', `/api/supervision/rules?orgId=${org.otherTown}`, { as: county })).json()).toMatchObject({ replyDays: 10, source: 'own' });
    // the town of another branch still inherits the county's
    expect((await t.request('GET', `/api/supervision/rules?orgId=${org.town}`, { as: county })).json()).toMatchObject({ replyDays: 60, source: 'inherited' });
    await t.request('PUT', '/api/supervision/rules', { as: county, body: { orgId: org.county, replyDays: 15, dayKind: 'working' } });
  });
});

describe('scope and figures', () => {
  it('another city\'s staff get 404 on the case, its letter and its PDF; the list is the subtree\'s', async () => {
    const id = await open(town);
    const notice = (await issue(town, id, 'notice')).json();
    expect((await t.request('GET', `/api/supervision/cases/${id}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', notice.pdfUrl, { as: yangjiang })).statusCode).toBe(404);
    expect((await deliver(yangjiang, id, notice.id)).statusCode).toBe(404);
    expect((await issue(yangjiang, id, 'opinion')).statusCode).toBe(404);
    expect((await t.request('GET', `/api/supervision/cases/${id}/letters/${notice.id + 1000}/pdf`, { as: town })).statusCode).toBe(404);
    const listed = await t.request('GET', '/api/supervision/cases', { as: yangjiang });
    expect(listed.statusCode, listed.body).toBe(200);
    const list = listed.json();
    expect(list.items.map((c: { id: number }) => c.id)).not.toContain(id);
    expect((await t.request('GET', `/api/supervision/cases?orgId=${org.town}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/supervision/cases')).statusCode).toBe(401);
  });

  it('counts the subtree\'s cases by state and outcome, letters, replies and wages in a period', async () => {
    const f = (await t.request('GET', `/api/supervision/figures?orgId=${org.county}&from=${year}-01-01&to=${today}`, { as: viewer })).json();
    expect(f.casesOpened).toBeGreaterThanOrEqual(6);
    expect(f.byState.find((s: { state: string }) => s.state === 'closed').count).toBe(1);
    expect(f.byOutcome.find((s: { outcome: string }) => s.outcome === 'partly').count).toBe(1);
    expect(f.lettersIssued.find((s: { kind: string }) => s.kind === 'referral').count).toBe(1);
    expect(f.wagesRecoveredFen).toBe(12_000_000);
    expect(f.replies.replied).toBeGreaterThanOrEqual(3);
    const townOnly = (await t.request('GET', `/api/supervision/figures?orgId=${org.otherTown}`, { as: county })).json();
    expect(townOnly.wagesRecoveredFen).toBe(0);
    expect((await t.request('GET', `/api/supervision/figures?from=${today}&to=${year}-01-01`, { as: county })).json().error).toBe('supervision_period_invalid');
    expect((await t.request('GET', `/api/supervision/figures?orgId=${org.county}`, { as: yangjiang })).statusCode).toBe(404);
  });
});

describe('the demo', () => {
  it('从化\'s supervisors have a case whose 提示函 was delivered with its reply due, and one waiting for the employer\'s address', async () => {
    const admin = await t.login('admin');
    const [conghua] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE name = '从化区总工会'`);
    const list = (await t.request('GET', `/api/supervision/cases?orgId=${conghua!.id}`, { as: admin })).json();
    expect(list.total).toBe(2);
    const delivered = await detail(admin, list.items.find((c: { state: string }) => c.state === 'notice_issued').id);
    expect(delivered.letters[0]).toMatchObject({ kind: 'notice', deliveredVia: 'direct', overdue: false });
    expect(delivered.letters[0].number).toMatch(/^〔\d{4}〕从工监提字第1号$/);
    expect(delivered.supervisors.length).toBeGreaterThan(0);
    const waiting = await detail(admin, list.items.find((c: { state: string }) => c.state === 'open').id);
    expect(waiting.employerAddress).toBeNull();
  });
});
