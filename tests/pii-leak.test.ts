// No full citizen ID number or mobile number in any response (but the audited reveal), notice
// listing or log line — asserted by scanning everything a busy session produced.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../server/logger.ts';
import { startTestApp, type Session, type TestApp } from './helpers/harness.ts';
import { freshIdNumber, freshPhone, readSmsCode } from './helpers/workers.ts';

const lines: string[] = [];
const capture = new Writable({
  write(chunk, _enc, done) {
    lines.push(String(chunk));
    done();
  },
});

let t: TestApp;
let admin: Session;
let huazhou: Session;
beforeAll(async () => {
  t = await startTestApp({}, loggerOptions('trace', capture));
  [admin, huazhou] = await Promise.all([t.login('admin'), t.login('huazhou')]);
});
afterAll(async () => t.close());

describe('personal data stays masked', () => {
  it('in every response but the reveal, and in every log line', async () => {
    const bodies: string[] = [];
    const call = async (method: string, url: string, opts: Parameters<TestApp['request']>[2] = {}) => {
      const res = await t.request(method, url, opts);
      bodies.push(res.body);
      return res;
    };
    const phone = freshPhone();
    const idNumber = freshIdNumber();
    const shiwan = await t.demoOrg('shiwan');
    // a worker logs in (the phone travels in the body and, for staff, in the outbox filter URL)
    await call('POST', '/api/auth/sms-code', { body: { phone } });
    const code = await readSmsCode(t, admin, phone);
    const login = await call('POST', '/api/auth/member-login', { body: { phone, code } });
    const worker = { token: login.json().token, csrfToken: '', cookie: '' };
    await call('POST', '/api/members/join', { as: worker, body: { name: '周晓燕', idNumber: idNumber.slice(0, 17) + 'Y', gigPlatform: '美团', workOrgId: shiwan, consent: true } });
    const joined = await call('POST', '/api/members/join', { as: worker, body: { name: '周晓燕', idNumber, gigPlatform: '滴滴出行', workOrgId: shiwan, consent: true } });
    await call('POST', '/api/members/join', { as: worker, body: { name: '周晓燕', idNumber, gigPlatform: '滴滴出行', workOrgId: shiwan, consent: true } });
    await call('GET', '/api/members/applications?pageSize=200', { as: huazhou });
    const approved = await call('POST', `/api/members/applications/${joined.json().applicationId}/approve`, { as: huazhou });
    const [m] = await t.db.query<{ id: number }>(`SELECT id FROM member WHERE member_no = $1`, [approved.json().memberNo]);
    await call('GET', `/api/members?q=${phone}`, { as: huazhou });
    await call('GET', `/api/members/${m!.id}`, { as: huazhou });
    await call('GET', `/api/outbox?to=${phone}`, { as: admin });
    await call('GET', '/api/me', { as: worker });
    await call('GET', '/api/me/applications', { as: worker });
    // an error whose input holds the numbers
    await call('POST', '/api/auth/sms-code', { body: { phone: `${phone}0` } });
    // the reveal shows them, by design: it is checked for its audit, not scanned
    const reveal = await t.request('POST', `/api/members/${m!.id}/reveal`, { as: huazhou, body: { reason: '核实身份信息' } });
    expect(reveal.json().idNumber).toBe(idNumber);

    const everything = [...bodies, ...lines];
    expect(lines.length).toBeGreaterThan(10);
    for (const text of everything) {
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(idNumber.slice(0, 17));
      expect(text).not.toContain(phone);
    }
    // and the database holds them only sealed
    const plain = await t.db.query(
      `SELECT 1 FROM member WHERE id_number_masked = $1 OR phone_masked = $2 OR name = $1`,
      [idNumber, phone],
    );
    expect(plain).toEqual([]);
    const rows = await t.db.query<{ row: string }>(`SELECT m::text AS row FROM member m WHERE id = $1`, [m!.id]);
    expect(rows[0]!.row).not.toContain(idNumber);
    expect(rows[0]!.row).not.toContain(phone);
    const audit = await t.db.query<{ row: string }>(`SELECT a::text AS row FROM audit_log a`);
    for (const a of audit) {
      expect(a.row).not.toContain(idNumber);
      expect(a.row).not.toContain(phone);
    }
  });
});
