// The demo's front door: the member site learns it is a demo, shows demo members to log in as and
// the code just "sent" — and a production server says nothing of the kind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshPhone } from '../../../tests/helpers/workers.ts';
import { phoneAt } from '../../db/seed/people.ts';

describe('in demo mode', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('GET /api/demo says it is a demo and names active members of the seed, masked, who can log in', async () => {
    const res = await t.request('GET', '/api/demo');
    expect(res.statusCode).toBe(200);
    const info = res.json();
    expect(info.demo).toBe(true);
    expect(info.members.length).toBeGreaterThan(0);
    const seedPhones = Array.from({ length: 100 }, (_, i) => phoneAt(i));
    for (const m of info.members) {
      expect(Object.keys(m).sort()).toEqual(['name', 'orgName', 'phone']);
      expect(seedPhones).toContain(m.phone);
      expect(m.name).toContain('*');
      const [row] = await t.db.query<{ status: string; org: string }>(
        `SELECT m.status, o.name AS org FROM member m JOIN org o ON o.id = m.org_id WHERE m.phone_hash = $1`,
        [t.pii.hash(m.phone)],
      );
      expect(row).toEqual({ status: 'active', org: m.orgName });
    }
    // 化州's first: the demo's activities and campaigns are theirs.
    const huazhou = await t.db.query<{ name: string }>(
      `SELECT name FROM org WHERE path <@ (SELECT path FROM org WHERE id = $1)`,
      [await t.demoOrg('huazhou')],
    );
    expect(huazhou.map((o) => o.name)).toContain(info.members[0].orgName);
    // The same answer every time: the numbers are the seed's, not picked at random.
    expect((await t.request('GET', '/api/demo')).json()).toEqual(info);
  });

  it('GET /api/demo/login-code gives the code just sent to a phone, and it logs the demo member in', async () => {
    const { members } = (await t.request('GET', '/api/demo')).json();
    const phone = members[0].phone as string;
    const none = await t.request('GET', `/api/demo/login-code?phone=${phone}`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error).toBe('not_found');

    expect((await t.request('POST', '/api/auth/sms-code', { body: { phone } })).statusCode).toBe(200);
    const res = await t.request('GET', `/api/demo/login-code?phone=${phone}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ code: expect.stringMatching(/^\d{6}$/), sentAt: expect.any(String) });
    const login = await t.request('POST', '/api/auth/member-login', { body: { phone, code: res.json().code } });
    expect(login.statusCode).toBe(200);
    expect(login.json().me.member).toMatchObject({ status: 'active', org: { name: members[0].orgName } });
  });

  it('gives no code of another phone, nor one older than its 5 minutes', async () => {
    const phone = freshPhone();
    const other = freshPhone();
    await t.request('POST', '/api/auth/sms-code', { body: { phone } });
    expect((await t.request('GET', `/api/demo/login-code?phone=${other}`)).json().error).toBe('not_found');
    await t.db.query(`UPDATE outbox SET created_at = now() - interval '301 seconds' WHERE to_hash = $1`, [t.pii.hash(phone)]);
    expect((await t.request('GET', `/api/demo/login-code?phone=${phone}`)).json().error).toBe('not_found');
  });

  it('refuses a malformed phone number with validation_failed', async () => {
    for (const q of ['phone=12345', 'phone=abc', '', 'phone=13800138000&x=1']) {
      const res = await t.request('GET', `/api/demo/login-code?${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
  });
});

describe('in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ GONGHUI_MODE: 'production' });
  });
  afterAll(async () => t.close());

  it('GET /api/demo reveals nothing but that it is not a demo', async () => {
    const res = await t.request('GET', '/api/demo');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ demo: false, members: [] });
  });

  it('GET /api/demo/login-code never gives a code: 404 like a record that is not there', async () => {
    const phone = freshPhone();
    expect((await t.request('POST', '/api/auth/sms-code', { body: { phone } })).statusCode).toBe(200);
    const res = await t.request('GET', `/api/demo/login-code?phone=${phone}`);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 });
    // The code is in the outbox all the same (a real sender would have texted it).
    const [n] = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1`, [t.pii.hash(phone)]);
    const code = n!.body.match(/\d{6}/)![0];
    expect(res.body).not.toContain(code);
  });
});
