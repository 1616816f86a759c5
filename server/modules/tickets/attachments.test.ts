// Documents and photos on a ticket over HTTP: the bytes sniffed (a renamed file refused), the size and
// count limits, sealed at rest, the worker's own only, staff of the scope only and never the
// employer's own union, each staff download audited, and an upload replayed under its key.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyTicket, TicketAttachment, TicketDetail } from '../../../contracts/tickets.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let worker: Session;
let otherWorker: Session;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
let employerWithUnion = 0;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF 工资条照片')]);
const PDF = Buffer.from('%PDF-1.4\n劳动合同 1 0 obj\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '附件测试街道总工会' });
  org.town = town.id;
  org.county = town.parentId!;
  org.union = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '附件测试科技有限公司工会' })).id;
  org.elsewhere = (await t.make.org({ level: 'town', name: '别处街道总工会' })).id;
  for (const key of ['town', 'county', 'union', 'elsewhere'] as const) {
    as[key] = await t.login((await t.make.staff({ org: org[key], username: `att_${key}` })).username);
  }
  const [e] = await t.db.query<{ id: number }>(`INSERT INTO enterprise (name, name_key, town_org_id, union_org_id) VALUES ($1, $1, $2, $3) RETURNING id`, [
    '附件测试科技有限公司',
    org.town,
    org.union,
  ]);
  employerWithUnion = e!.id;
  worker = await loginWorker(t, admin);
  otherWorker = await loginWorker(t, admin);
});
afterAll(async () => t.close());

async function ask(): Promise<MyTicket> {
  const res = await t.request('POST', '/api/me/tickets', {
    as: worker,
    headers: { 'idempotency-key': randomUUID() },
    body: { type: 'help', category: 'wage_arrears', description: '公司拖欠两个月工资，附上工资条照片和劳动合同。', contactName: '王师傅', enterpriseId: employerWithUnion },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyTicket>();
}

function upload(url: string, who: Session, file: { name: string; content: Buffer; type?: string }, key = randomUUID()) {
  const form = multipart({}, { type: 'application/octet-stream', ...file });
  return t.request('POST', url, { as: who, body: form.payload, headers: { ...form.headers, 'idempotency-key': key } });
}

const errorOf = (res: { statusCode: number; json: () => { error: string } }) => ({ status: res.statusCode, error: res.json().error });

describe('uploading', () => {
  it('keeps a photo and a PDF, typed by their bytes, named safely, sealed at rest, and lists them on both answers', async () => {
    const mine = await ask();
    const photo = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '../工资条.png', content: JPEG });
    expect(photo.statusCode, photo.body).toBe(201);
    expect(photo.json<TicketAttachment>()).toMatchObject({ kind: 'photo', fileName: '工资条.jpg', mime: 'image/jpeg', size: JPEG.length, uploadedBy: 'worker' });
    const doc = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '劳动合同.pdf', content: PDF });
    expect(doc.json<TicketAttachment>()).toMatchObject({ kind: 'document', fileName: '劳动合同.pdf', mime: 'application/pdf' });

    const [row] = await t.db.query<{ content_enc: Uint8Array; sha256: Uint8Array }>(`SELECT content_enc, sha256 FROM ticket_attachment WHERE id = $1`, [photo.json().id]);
    expect(Buffer.from(row!.content_enc).includes(Buffer.from('工资条照片'))).toBe(false);
    expect(Buffer.from(row!.content_enc).includes(JPEG.subarray(0, 4))).toBe(false);

    const again = (await t.request('GET', `/api/me/tickets/${mine.id}`, { as: worker })).json<MyTicket>();
    expect(again.attachments.map((a) => a.fileName)).toEqual(['工资条.jpg', '劳动合同.pdf']);
    const staffView = (await t.request('GET', `/api/tickets/${mine.id}`, { as: as.town })).json<TicketDetail>();
    expect(staffView.attachments.map((a) => a.kind)).toEqual(['photo', 'document']);
    const audits = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'ticket.attachment_upload' AND target_id = $1`, [String(mine.id)]);
    expect(audits.length).toBe(2);
  });

  it('refuses what is not a photo or a PDF, whatever it is called, and writes nothing', async () => {
    const mine = await ask();
    for (const content of [Buffer.from('GIF89a....'), Buffer.from('MZ\x90\x00 not a photo'), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), Buffer.from('PK\x03\x04zip')]) {
      const res = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '照片.jpg', content, type: 'image/jpeg' });
      expect(errorOf(res)).toEqual({ status: 400, error: 'ticket_attachment_type' });
      expect(res.json().message).toBe('只能上传照片（JPEG、PNG、WebP）或 PDF 文件');
    }
    const empty = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '空.jpg', content: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    const noFile = multipart({ note: 'x' });
    const res = await t.request('POST', `/api/me/tickets/${mine.id}/attachments`, { as: worker, body: noFile.payload, headers: { ...noFile.headers, 'idempotency-key': randomUUID() } });
    expect(res.statusCode).toBe(400);
    const json = await t.request('POST', `/api/me/tickets/${mine.id}/attachments`, { as: worker, body: {}, headers: { 'idempotency-key': randomUUID() } });
    expect(errorOf(json)).toEqual({ status: 415, error: 'ticket_attachment_not_multipart' });
    expect((await t.db.query(`SELECT 1 FROM ticket_attachment WHERE ticket_id = $1`, [mine.id])).length).toBe(0);
  });

  it('refuses a file over 10 MB and a tenth file', async () => {
    const mine = await ask();
    const big = Buffer.concat([JPEG, Buffer.alloc(10 * 1024 * 1024)]);
    expect(errorOf(await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '大.jpg', content: big }))).toEqual({ status: 413, error: 'ticket_attachment_too_large' });
    for (let i = 1; i <= 9; i++) {
      const res = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: `照片${i}.jpg`, content: Buffer.concat([JPEG, Buffer.from([i])]) });
      expect(res.statusCode, res.body).toBe(201);
    }
    const tenth = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '照片10.jpg', content: JPEG });
    expect(errorOf(tenth)).toEqual({ status: 409, error: 'ticket_attachments_full' });
    expect(tenth.json().message).toBe('每个工单最多上传 9 个材料');
  });

  it('answers a replay under the same key with the first answer, once, and refuses the key with another file', async () => {
    const mine = await ask();
    const key = randomUUID();
    const first = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '欠条.jpg', content: JPEG }, key);
    const replay = await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '欠条.jpg', content: JPEG }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    expect((await t.db.query(`SELECT 1 FROM ticket_attachment WHERE ticket_id = $1`, [mine.id])).length).toBe(1);
    expect(errorOf(await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '欠条.pdf', content: PDF }, key))).toEqual({ status: 409, error: 'idempotency_key_reused' });
  });

  it('another worker\'s ticket is 404; staff upload only to a ticket their union holds', async () => {
    const mine = await ask();
    expect(errorOf(await upload(`/api/me/tickets/${mine.id}/attachments`, otherWorker, { name: 'x.jpg', content: JPEG }))).toEqual({ status: 404, error: 'not_found' });
    const byTown = await upload(`/api/tickets/${mine.id}/attachments`, as.town!, { name: '询问笔录.pdf', content: PDF });
    expect(byTown.statusCode, byTown.body).toBe(201);
    expect(byTown.json().uploadedBy).toBe('staff');
    expect(errorOf(await upload(`/api/tickets/${mine.id}/attachments`, as.county!, { name: 'x.pdf', content: PDF }))).toEqual({ status: 403, error: 'ticket_not_holder' });
    for (const who of [as.union!, as.elsewhere!]) {
      expect(errorOf(await upload(`/api/tickets/${mine.id}/attachments`, who, { name: 'x.pdf', content: PDF }))).toEqual({ status: 404, error: 'not_found' });
    }
  });
});

describe('downloading', () => {
  it('the worker gets their own; another worker gets 404', async () => {
    const mine = await ask();
    const a = (await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '工资条.jpg', content: JPEG })).json<TicketAttachment>();
    const res = await t.request('GET', `/api/me/ticket-attachments/${a.id}`, { as: worker });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/jpeg');
    expect(res.headers['content-disposition']).toContain('attachment;');
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('工资条.jpg')}`);
    expect(res.rawPayload.equals(JPEG)).toBe(true);
    expect(errorOf(await t.request('GET', `/api/me/ticket-attachments/${a.id}`, { as: otherWorker }))).toEqual({ status: 404, error: 'not_found' });
  });

  it('staff of the scope get it, audited (inline for an image when asked); out of scope and the employer\'s own union get 404', async () => {
    const mine = await ask();
    const a = (await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '工资条.jpg', content: JPEG })).json<TicketAttachment>();
    const d = (await upload(`/api/me/tickets/${mine.id}/attachments`, worker, { name: '合同.pdf', content: PDF })).json<TicketAttachment>();
    const countAudits = async () => (await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'ticket.attachment_download' AND target_id = $1`, [String(mine.id)])).length;
    for (const who of [as.town!, as.county!]) {
      const res = await t.request('GET', `/api/ticket-attachments/${a.id}`, { as: who });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.equals(JPEG)).toBe(true);
      expect(res.headers['cache-control']).toBe('private, no-store');
    }
    expect(await countAudits()).toBe(2);
    const inline = await t.request('GET', `/api/ticket-attachments/${a.id}?inline=1`, { as: as.town });
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    const pdf = await t.request('GET', `/api/ticket-attachments/${d.id}?inline=1`, { as: as.town });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toMatch(/^attachment;/);
    expect(await countAudits()).toBe(4);
    for (const who of [as.union!, as.elsewhere!]) {
      expect(errorOf(await t.request('GET', `/api/ticket-attachments/${a.id}`, { as: who }))).toEqual({ status: 404, error: 'not_found' });
    }
    expect(await countAudits()).toBe(4);
    const [audit] = await t.db.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'ticket.attachment_download' AND target_id = $1 ORDER BY id LIMIT 1`, [String(mine.id)]);
    expect(audit!.detail).toMatchObject({ attachmentId: a.id, fileName: '工资条.jpg', inline: false });
  });
});
