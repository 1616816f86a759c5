// The legal-aid lawyers and labour-law supervisors registers over HTTP: add (once per Idempotency-Key),
// find, edit, deactivate; the lawyer's phone sealed at rest, masked, revealed with an audited reason;
// roles, scope, refusals that write nothing; the supervisor's sample 提示函 as a PDF with Chinese text.
import { randomUUID } from 'node:crypto';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let huazhouId: number;
let shiwanId: number;
let hexiId: number;
let yangjiangId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  [huazhouId, shiwanId, hexiId, yangjiangId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('shiwan'), t.demoOrg('hexi'), t.demoOrg('yangjiang')]);
});
afterAll(async () => t.close());

let licenceSeq = 0;
/** A fresh 17-digit licence number (unique within the run and the process). */
const licence = () => `1440${String(process.pid % 100000).padStart(5, '0')}${String(++licenceSeq).padStart(8, '0')}`;
const lawyerBody = (over: Record<string, unknown> = {}) => ({
  orgId: huazhouId,
  name: '欧阳明',
  firm: '广东化州正平律师事务所',
  licenceNo: licence(),
  areas: ['wage_arrears', 'work_injury'],
  servedOrgIds: [shiwanId, hexiId],
  phone: '13912345678',
  ...over,
});
const supervisorBody = (over: Record<string, unknown> = {}) => ({
  orgId: shiwanId,
  name: '陈监督',
  certificateNo: `GZ-${process.pid % 100000}-${++licenceSeq}`,
  trainedOn: '2026-08-16',
  validUntil: '2029-08-15',
  workplace: '石湾街道工会联合会',
  ...over,
});

const create = (as: Session, url: string, body: unknown, key = randomUUID()) => t.request('POST', url, { as, body, headers: { 'idempotency-key': key } });
const counts = async () =>
  (
    await t.db.query<{ lawyers: number; served: number; supervisors: number; audits: number }>(
      `SELECT (SELECT count(*)::int FROM legal_lawyer) AS lawyers, (SELECT count(*)::int FROM legal_lawyer_org) AS served,
              (SELECT count(*)::int FROM legal_supervisor) AS supervisors, (SELECT count(*)::int FROM audit_log WHERE action LIKE 'legal.%') AS audits`,
    )
  )[0]!;

describe('legal-aid lawyers', () => {
  it('registers a lawyer with the unions served, the phone sealed and masked; found by name, firm and area', async () => {
    const body = lawyerBody({ name: '司马律', firm: '化州市明理律师事务所' });
    const res = await create(huazhou, '/api/legal/lawyers', body);
    expect(res.statusCode, res.body).toBe(201);
    const lawyer = res.json();
    expect(lawyer).toMatchObject({ name: '司马律', firm: '化州市明理律师事务所', licenceNo: body.licenceNo, areas: ['wage_arrears', 'work_injury'], phoneMasked: '139****5678', active: true, org: { id: huazhouId } });
    expect(lawyer.servedUnions.map((u: { id: number }) => u.id).sort()).toEqual([shiwanId, hexiId].sort());
    expect(res.body).not.toContain('13912345678');
    // at rest: ciphertext and keyed hash only
    const [row] = await t.db.query<{ enc: Buffer; masked: string }>(`SELECT phone_enc AS enc, phone_masked AS masked FROM legal_lawyer WHERE id = $1`, [lawyer.id]);
    expect(Buffer.from(row!.enc).toString('latin1')).not.toContain('13912345678');
    expect(t.pii.decrypt(row!.enc)).toBe('13912345678');

    for (const q of ['司马', '明理律师', body.licenceNo]) {
      const found = await t.request('GET', `/api/legal/lawyers?q=${encodeURIComponent(q)}`, { as: huazhou });
      expect(found.json().items.map((l: { id: number }) => l.id), q).toContain(lawyer.id);
    }
    const byArea = await t.request('GET', '/api/legal/lawyers?area=work_injury', { as: viewer });
    expect(byArea.json().items.map((l: { id: number }) => l.id)).toContain(lawyer.id);
    const otherArea = await t.request('GET', '/api/legal/lawyers?area=occupational_disease', { as: huazhou });
    expect(otherArea.json().items.map((l: { id: number }) => l.id)).not.toContain(lawyer.id);
    const detail = await t.request('GET', `/api/legal/lawyers/${lawyer.id}`, { as: viewer });
    expect(detail.json()).toEqual(lawyer);
    const [audit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'legal.lawyer_create' AND target_id = $1`, [String(lawyer.id)]);
    expect(audit!.n).toBe(1);
  });

  it('adds once per Idempotency-Key: a retry gets the first answer, another request under the key is refused', async () => {
    const key = randomUUID();
    const body = lawyerBody();
    const first = await create(huazhou, '/api/legal/lawyers', body, key);
    expect(first.statusCode, first.body).toBe(201);
    const before = await counts();
    const again = await create(huazhou, '/api/legal/lawyers', body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    const other = await create(huazhou, '/api/legal/lawyers', { ...body, name: '另一位' }, key);
    expect(other.json()).toMatchObject({ statusCode: 409, error: 'idempotency_key_reused' });
    const noKey = await t.request('POST', '/api/legal/lawyers', { as: huazhou, body: lawyerBody() });
    expect(noKey.json()).toMatchObject({ statusCode: 400, error: 'idempotency_key_required' });
    expect(await counts()).toEqual(before);
  });

  it('refuses a licence already registered, a union served outside the keeper, and a viewer, writing nothing', async () => {
    const first = await create(huazhou, '/api/legal/lawyers', lawyerBody());
    const before = await counts();
    const taken = await create(huazhou, '/api/legal/lawyers', lawyerBody({ licenceNo: first.json().licenceNo }));
    expect(taken.json()).toMatchObject({ statusCode: 409, error: 'lawyer_licence_taken' });
    const outside = await create(admin, '/api/legal/lawyers', lawyerBody({ orgId: shiwanId, servedOrgIds: [hexiId] }));
    expect(outside.json()).toMatchObject({ statusCode: 400, error: 'lawyer_union_outside' });
    const notHers = await create(huazhou, '/api/legal/lawyers', lawyerBody({ servedOrgIds: [yangjiangId] }));
    expect(notHers.json()).toMatchObject({ statusCode: 400, error: 'lawyer_union_outside' });
    const readOnly = await create(viewer, '/api/legal/lawyers', lawyerBody());
    expect(readOnly.json()).toMatchObject({ statusCode: 403, error: 'forbidden' });
    const badPhone = await create(huazhou, '/api/legal/lawyers', lawyerBody({ phone: '1391234567' }));
    expect(badPhone.json()).toMatchObject({ statusCode: 400, error: 'validation_failed' });
    expect(await counts()).toEqual(before);
  });

  it('edits, deactivates and restores; an inactive lawyer leaves the default list', async () => {
    const id = (await create(huazhou, '/api/legal/lawyers', lawyerBody({ name: '停用律师' }))).json().id;
    const edited = await t.request('PATCH', `/api/legal/lawyers/${id}`, { as: huazhou, body: { firm: '化州市新所律师事务所', servedOrgIds: [hexiId], phone: '13800001111', areas: ['labour_contract'] } });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ firm: '化州市新所律师事务所', servedUnions: [{ id: hexiId }], phoneMasked: '138****1111', areas: ['labour_contract'] });
    const off = await t.request('PATCH', `/api/legal/lawyers/${id}`, { as: huazhou, body: { active: false } });
    expect(off.json().active).toBe(false);
    const listed = async (status: string) => (await t.request('GET', `/api/legal/lawyers?status=${status}&pageSize=200`, { as: huazhou })).json().items.map((l: { id: number }) => l.id);
    expect(await listed('active')).not.toContain(id);
    expect(await listed('inactive')).toContain(id);
    await t.request('PATCH', `/api/legal/lawyers/${id}`, { as: huazhou, body: { active: true } });
    expect(await listed('active')).toContain(id);
    const forbidden = await t.request('PATCH', `/api/legal/lawyers/${id}`, { as: viewer, body: { active: false } });
    expect(forbidden.statusCode).toBe(403);
  });

  it('reveals the phone only with a reason, each time audited', async () => {
    const id = (await create(huazhou, '/api/legal/lawyers', lawyerBody({ phone: '13712340000' }))).json().id;
    const noReason = await t.request('POST', `/api/legal/lawyers/${id}/reveal`, { as: huazhou, body: {} });
    expect(noReason.statusCode).toBe(400);
    const shown = await t.request('POST', `/api/legal/lawyers/${id}/reveal`, { as: huazhou, body: { reason: '联系律师承办案件' } });
    expect(shown.json()).toEqual({ phone: '13712340000' });
    expect(shown.headers['cache-control']).toBe('no-store');
    const [row] = await t.db.query<{ detail: { reason: string } }>(`SELECT detail FROM audit_log WHERE action = 'legal.lawyer_reveal' AND target_id = $1`, [String(id)]);
    expect(row!.detail.reason).toBe('联系律师承办案件');
    expect((await t.request('POST', `/api/legal/lawyers/${id}/reveal`, { as: viewer, body: { reason: '只读账号查看' } })).statusCode).toBe(403);
  });

  it('shows another subtree nothing: 404 like a missing record, and lists without it', async () => {
    const id = (await create(huazhou, '/api/legal/lawyers', lawyerBody({ name: '化州律师' }))).json().id;
    const before = await counts();
    for (const [method, url, body] of [
      ['GET', `/api/legal/lawyers/${id}`, undefined],
      ['PATCH', `/api/legal/lawyers/${id}`, { active: false }],
      ['POST', `/api/legal/lawyers/${id}/reveal`, { reason: '越权查看测试' }],
      ['GET', `/api/legal/lawyers?orgId=${huazhouId}`, undefined],
    ] as const) {
      const res = await t.request(method, url, { as: yangjiang, body });
      expect(res.json(), url).toEqual({ error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 });
    }
    const theirs = await t.request('GET', '/api/legal/lawyers?pageSize=200', { as: yangjiang });
    expect(theirs.json().items.map((l: { id: number }) => l.id)).not.toContain(id);
    const elsewhere = await create(yangjiang, '/api/legal/lawyers', lawyerBody());
    expect(elsewhere.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
  });
});

describe('labour-law supervisors', () => {
  it('registers a certified supervisor, flags an expired certificate, and finds by name or certificate number', async () => {
    const body = supervisorBody({ name: '黎监督' });
    const res = await create(huazhou, '/api/legal/supervisors', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '黎监督', certificateNo: body.certificateNo, trainedOn: '2026-08-16', validUntil: '2029-08-15', certificateValid: true, org: { id: shiwanId, name: DEMO_ORGS.shiwan } });
    const expired = (await create(huazhou, '/api/legal/supervisors', supervisorBody({ trainedOn: '2020-01-01', validUntil: '2021-01-01' }))).json();
    expect(expired.certificateValid).toBe(false);
    for (const q of ['黎监', body.certificateNo.toLowerCase()]) {
      const found = await t.request('GET', `/api/legal/supervisors?q=${encodeURIComponent(q)}&orgId=${shiwanId}`, { as: viewer });
      expect(found.json().items.map((s: { id: number }) => s.id), q).toContain(res.json().id);
    }
  });

  it('refuses dates out of order and a certificate number taken, in a create and an edit, writing nothing', async () => {
    const first = (await create(huazhou, '/api/legal/supervisors', supervisorBody())).json();
    const before = await counts();
    const dates = await create(huazhou, '/api/legal/supervisors', supervisorBody({ validUntil: '2026-08-16' }));
    expect(dates.json()).toMatchObject({ statusCode: 400, error: 'supervisor_dates_invalid' });
    const taken = await create(huazhou, '/api/legal/supervisors', supervisorBody({ certificateNo: first.certificateNo }));
    expect(taken.json()).toMatchObject({ statusCode: 409, error: 'supervisor_certificate_taken' });
    const badEdit = await t.request('PATCH', `/api/legal/supervisors/${first.id}`, { as: huazhou, body: { validUntil: '2020-01-01' } });
    expect(badEdit.json()).toMatchObject({ statusCode: 400, error: 'supervisor_dates_invalid' });
    expect(await counts()).toEqual(before);
  });

  it('edits and deactivates; another subtree cannot reach the supervisor', async () => {
    const id = (await create(huazhou, '/api/legal/supervisors', supervisorBody())).json().id;
    const edited = await t.request('PATCH', `/api/legal/supervisors/${id}`, { as: huazhou, body: { workplace: '石湾社区', active: false } });
    expect(edited.json()).toMatchObject({ workplace: '石湾社区', active: false });
    const [audit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'legal.supervisor_update' AND target_id = $1`, [String(id)]);
    expect(audit!.n).toBe(1);
    expect((await t.request('GET', `/api/legal/supervisors/${id}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/legal/supervisors/${id}/letter-preview?employer=${encodeURIComponent('某公司')}`, { as: yangjiang })).statusCode).toBe(404);
  });

  it("previews the supervisor's union's 提示函 to an employer as a PDF carrying the Chinese text", async () => {
    const s = (await create(huazhou, '/api/legal/supervisors', supervisorBody({ name: '诸葛监' }))).json();
    const employer = '化州市鸿运五金制品有限公司';
    const res = await t.request('GET', `/api/legal/supervisors/${s.id}/letter-preview?employer=${encodeURIComponent(employer)}&matter=${encodeURIComponent('未依法为职工缴纳社会保险费')}`, { as: viewer });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(String(res.headers['content-disposition'])).toMatch(/^inline;/);
    const doc = await getDocument({ data: new Uint8Array(res.rawPayload) }).promise;
    const content = await (await doc.getPage(1)).getTextContent();
    const text = content.items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    for (const part of [DEMO_ORGS.shiwan, `${employer}：`, '诸葛监', s.certificateNo, '未依法为职工缴纳社会保险费', '劳动法律监督提示函']) expect(text).toContain(part);
    const noEmployer = await t.request('GET', `/api/legal/supervisors/${s.id}/letter-preview`, { as: viewer });
    expect(noEmployer.json()).toMatchObject({ statusCode: 400, error: 'letter_employer_required' });
  });
});
