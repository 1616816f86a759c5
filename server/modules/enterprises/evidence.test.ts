// Evidence (证明材料) over HTTP: the type judged by the bytes (a .jpg that is a zip refused), too large,
// none, not multipart, the tenth refused, sealed at rest, downloads audited, the scope (another
// subtree gets 404), town-only facts, assessments' and steps' evidence, and a retried upload under the
// same Idempotency-Key answering the first and storing one file. On both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceSummary } from '../../../contracts/enterprise-facts.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { evidenceOf } from './evidence.service.ts';

let t: TestApp;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
let enterpriseId = 0;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF 职代会照片')]);
const PDF = Buffer.from('%PDF-1.4\n工资专项集体合同 1 0 obj\n%%EOF\n');
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(40)]);

beforeAll(async () => {
  t = await startTestApp();
  const town = await t.make.org({ level: 'town', name: '材料测试街道总工会' });
  org.town = town.id;
  org.union = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '材料测试有限公司工会' })).id;
  org.elsewhere = (await t.make.org({ level: 'town', name: '材料别处街道总工会' })).id;
  for (const key of ['town', 'union', 'elsewhere'] as const) {
    as[key] = await t.login((await t.make.staff({ org: org[key], username: `ev_${key}` })).username);
  }
  as.viewer = await t.login((await t.make.staff({ org: org.town, username: 'ev_viewer', roles: ['viewer'] })).username);
  enterpriseId = (await t.make.enterprise({ town: org.town!, union: org.union! })).id;
});
afterAll(async () => t.close());

const errorOf = (res: { statusCode: number; json: () => { error: string } }) => ({ status: res.statusCode, error: res.json().error });
function upload(query: string, who: Session, file?: { name: string; content: Buffer; type?: string }, key = randomUUID()) {
  const form = multipart({}, file ? { type: 'application/octet-stream', ...file } : undefined);
  return t.request('POST', `/api/file-evidence?${query}`, { as: who, body: form.payload, headers: { ...form.headers, 'idempotency-key': key } });
}
const evidenceCount = async (factId: number) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM file_evidence WHERE fact_id = $1`, [factId]))[0]!.n;

describe('uploading to a fact', () => {
  it('takes a photo and a PDF by their bytes, sealed at rest, listed in the history', async () => {
    const fact = await t.make.fact({ enterprise: enterpriseId, kind: 'size', value: { employees: 40 } });
    const photo = await upload(`factId=${fact.id}`, as.town!, { name: '职代会.png', content: JPEG });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json<EvidenceSummary>()).toMatchObject({ fileName: '职代会.jpg', mime: 'image/jpeg', size: JPEG.length });
    const doc = await upload(`factId=${fact.id}`, as.union!, { name: '合同.pdf', content: PDF });
    expect(doc.statusCode, doc.body).toBe(201);
    const [stored] = await t.db.query<{ content: Buffer }>(`SELECT content_enc AS content FROM file_evidence WHERE id = $1`, [doc.json().id]);
    expect(Buffer.from(stored!.content).includes(Buffer.from('工资专项集体合同'))).toBe(false);
    const h = await t.request('GET', `/api/enterprises/${enterpriseId}/history?key=size`, { as: as.town! });
    expect(h.json().items[0].evidence.map((e: EvidenceSummary) => e.mime)).toEqual(['image/jpeg', 'application/pdf']);
    expect((await evidenceOf(t.db, { factIds: [fact.id] })).get(fact.id)?.length).toBe(2);
  });

  it('refuses a .jpg that is a zip, an empty form, a form without a file, JSON, and a file over 10 MB; nothing stored', async () => {
    const fact = await t.make.fact({ enterprise: enterpriseId, kind: 'ownership', value: { ownership: 'private' } });
    expect(errorOf(await upload(`factId=${fact.id}`, as.town!, { name: '照片.jpg', content: ZIP, type: 'image/jpeg' }))).toEqual({ status: 400, error: 'evidence_type' });
    expect(errorOf(await upload(`factId=${fact.id}`, as.town!, { name: '空.jpg', content: Buffer.alloc(0) }))).toEqual({ status: 400, error: 'evidence_required' });
    expect(errorOf(await upload(`factId=${fact.id}`, as.town!))).toEqual({ status: 400, error: 'evidence_required' });
    expect(errorOf(await t.request('POST', `/api/file-evidence?factId=${fact.id}`, { as: as.town!, body: { file: 'x' }, headers: { 'idempotency-key': randomUUID() } }))).toEqual({ status: 415, error: 'evidence_not_multipart' });
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    expect(errorOf(await upload(`factId=${fact.id}`, as.town!, { name: '大.jpg', content: big }))).toEqual({ status: 413, error: 'evidence_too_large' });
    expect(errorOf(await upload(`factId=${fact.id}&stepId=1`, as.town!, { name: 'a.jpg', content: JPEG }))).toEqual({ status: 400, error: 'validation_failed' });
    expect(await evidenceCount(fact.id)).toBe(0);
  });

  it('the tenth is refused', async () => {
    const fact = await t.make.fact({ enterprise: enterpriseId, kind: 'platforms', value: { platforms: [] } });
    for (let i = 0; i < 9; i++) expect((await upload(`factId=${fact.id}`, as.town!, { name: `第${i + 1}张.jpg`, content: JPEG })).statusCode).toBe(201);
    expect(errorOf(await upload(`factId=${fact.id}`, as.town!, { name: '第10张.jpg', content: JPEG }))).toEqual({ status: 409, error: 'evidence_full' });
    expect(await evidenceCount(fact.id)).toBe(9);
  });

  it('a union uploads to its union facts, not to the town-only facts; a viewer and another subtree may not', async () => {
    const identity = await t.make.fact({ enterprise: enterpriseId, kind: 'identity', value: { name: '材料测试有限公司' } });
    expect(errorOf(await upload(`factId=${identity.id}`, as.union!, { name: 'a.jpg', content: JPEG }))).toEqual({ status: 403, error: 'enterprise_identity_town_only' });
    const chair = await t.make.fact({ org: org.union!, kind: 'chair', value: { name: '陈秀英' } });
    expect((await upload(`factId=${chair.id}`, as.union!, { name: 'a.jpg', content: JPEG })).statusCode).toBe(201);
    expect(errorOf(await upload(`factId=${chair.id}`, as.viewer!, { name: 'a.jpg', content: JPEG }))).toEqual({ status: 403, error: 'forbidden' });
    expect(errorOf(await upload(`factId=${chair.id}`, as.elsewhere!, { name: 'a.jpg', content: JPEG }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await upload(`factId=99999999`, as.town!, { name: 'a.jpg', content: JPEG }))).toEqual({ status: 404, error: 'not_found' });
    expect(await evidenceCount(identity.id)).toBe(0);
    expect(await evidenceCount(chair.id)).toBe(1);
  });
});

describe('downloading', () => {
  it('streams the file to staff of the scope, each view audited; another subtree gets 404', async () => {
    const fact = await t.make.fact({ org: org.union!, kind: 'founded', value: { foundedOn: '2020-05-01' } });
    const up = await upload(`factId=${fact.id}`, as.town!, { name: '成立批复.pdf', content: PDF });
    const id = up.json<EvidenceSummary>().id;
    const res = await t.request('GET', `/api/file-evidence/${id}`, { as: as.viewer! });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(Buffer.from(res.rawPayload).equals(PDF)).toBe(true);
    const inline = await t.request('GET', `/api/file-evidence/${id}?inline=1`, { as: as.union! });
    expect(inline.statusCode).toBe(200);
    const audits = await t.db.query<{ actor: string; detail: { evidenceId: number } }>(
      `SELECT actor_name AS actor, detail FROM audit_log WHERE action = 'evidence.download' AND target_id = $1 ORDER BY id`, [String(id)]);
    expect(audits.map((a) => a.actor)).toEqual(['ev_viewer', 'ev_union']);
    expect(errorOf(await t.request('GET', `/api/file-evidence/${id}`, { as: as.elsewhere! }))).toEqual({ status: 404, error: 'not_found' });
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'evidence.download' AND target_id = $1`, [String(id)])).length).toBe(2);
  });
});

describe('assessments and founding steps', () => {
  it('the assessed union and the drive target in scope upload; summaries for D and E', async () => {
    const [set] = await t.db.query<{ id: number }>(
      `INSERT INTO indicator_set (org_id, year, name, status, created_by) VALUES ($1, 2026, '材料测试指标', 'draft', NULL) RETURNING id::int AS id`, [org.town]);
    const [ind] = await t.db.query<{ id: number }>(
      `INSERT INTO indicator (set_id, code, name, weight, measure, unit, target, position) VALUES ($1, 'auditBody', '建立经审会', 100, 'self', 'bool', 1, 1) RETURNING id::int AS id`, [set!.id]);
    {
      const [a] = await t.db.query<{ id: number }>(`INSERT INTO assessment (set_id, indicator_id, org_id) VALUES ($1, $2, $3) RETURNING id::int AS id`, [set!.id, ind!.id, org.union]);
      expect((await upload(`assessmentId=${a!.id}`, as.union!, { name: '经审会.jpg', content: JPEG })).statusCode).toBe(201);
      expect(errorOf(await upload(`assessmentId=${a!.id}`, as.elsewhere!, { name: '经审会.jpg', content: JPEG }))).toEqual({ status: 404, error: 'not_found' });
      expect((await evidenceOf(t.db, { assessmentIds: [a!.id] })).get(a!.id)?.length).toBe(1);
    }
    const [drive] = await t.db.query<{ id: number }>(
      `INSERT INTO drive (org_id, title, starts_on, ends_on) VALUES ($1, '材料测试建会行动', '2026-01-01', '2026-12-31') RETURNING id::int AS id`, [org.town]);
    const e = await t.make.enterprise({ town: org.town! });
    const [target] = await t.db.query<{ id: number }>(`INSERT INTO drive_target (drive_id, enterprise_id) VALUES ($1, $2) RETURNING id::int AS id`, [drive!.id, e.id]);
    const [step] = await t.db.query<{ id: number }>(`INSERT INTO drive_step (target_id, step, done_on) VALUES ($1, 'contact', '2026-02-01') RETURNING id::int AS id`, [target!.id]);
    expect((await upload(`stepId=${step!.id}`, as.town!, { name: '走访.jpg', content: JPEG })).statusCode).toBe(201);
    expect(errorOf(await upload(`stepId=${step!.id}`, as.elsewhere!, { name: '走访.jpg', content: JPEG }))).toEqual({ status: 404, error: 'not_found' });
    expect((await evidenceOf(t.db, { stepIds: [step!.id] })).get(step!.id)?.length).toBe(1);
  });
});

describe('a retried upload (Idempotency-Key)', () => {
  it('the same key and file answers the first upload byte for byte and stores one file; another file under it is refused; no key is refused', async () => {
    const fact = await t.make.fact({ enterprise: enterpriseId, kind: 'industry', value: { section: 'C' } });
    const key = randomUUID();
    const first = await upload(`factId=${fact.id}`, as.town!, { name: '营业执照.pdf', content: PDF }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const retry = await upload(`factId=${fact.id}`, as.town!, { name: '营业执照.pdf', content: PDF }, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(await evidenceCount(fact.id)).toBe(1);
    const audits = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'evidence.upload' AND target_id = $1`, [String(first.json<EvidenceSummary>().id)]);
    expect(audits.length).toBe(1);
    // the key with another file, or another owner, is another request
    expect(errorOf(await upload(`factId=${fact.id}`, as.town!, { name: '照片.jpg', content: JPEG }, key))).toEqual({ status: 409, error: 'idempotency_key_reused' });
    // another staff member's key never meets this one
    expect((await upload(`factId=${fact.id}`, as.union!, { name: '营业执照.pdf', content: PDF }, key)).statusCode).toBe(201);
    expect(await evidenceCount(fact.id)).toBe(2);
    const form = multipart({}, { name: '无键.pdf', content: PDF, type: 'application/pdf' });
    const noKey = await t.request('POST', `/api/file-evidence?factId=${fact.id}`, { as: as.town!, body: form.payload, headers: form.headers });
    expect(errorOf(noKey)).toEqual({ status: 400, error: 'idempotency_key_required' });
    expect(await evidenceCount(fact.id)).toBe(2);
  });

  it('two uploads racing under one key store one file and both answer it', async () => {
    const fact = await t.make.fact({ enterprise: enterpriseId, kind: 'size', value: { employees: 80 } });
    const key = randomUUID();
    const [a, b] = await Promise.all([0, 1].map(() => upload(`factId=${fact.id}`, as.town!, { name: '门牌.jpg', content: JPEG }, key)));
    expect([a!.statusCode, b!.statusCode]).toEqual([201, 201]);
    expect(a!.json<EvidenceSummary>().id).toBe(b!.json<EvidenceSummary>().id);
    expect(await evidenceCount(fact.id)).toBe(1);
  });
});
