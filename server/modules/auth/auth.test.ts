import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('POST /api/auth/login', () => {
  it('opens a session: bearer token, HttpOnly SameSite cookie, and who is logged in', async () => {
    const res = await t.request('POST', '/api/auth/login', { body: { username: 'huazhou', password: 'gonghui-demo' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.me).toMatchObject({ kind: 'staff', username: 'huazhou', org: { name: DEMO_ORGS.huazhou, level: 'county' } });
    expect(body.me.roles).toContain('admin');
    const cookie = res.cookies.find((c) => c.name === 'gh_sid');
    expect(cookie).toMatchObject({ value: body.token, httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('refuses a wrong password and an unknown user alike, and records both', async () => {
    const wrong = await t.request('POST', '/api/auth/login', { body: { username: 'yangjiang', password: 'nope-nope-1' } });
    const unknown = await t.request('POST', '/api/auth/login', { body: { username: 'nobody', password: 'nope-nope-1' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'invalid_credentials', message: '用户名或密码错误', statusCode: 401 });
    expect(unknown.json()).toEqual(wrong.json());
    const rows = await t.db.query<{ actor_name: string | null; outcome: string }>(
      `SELECT actor_name, outcome FROM audit_log WHERE action = 'login' AND outcome = 'failed' ORDER BY id`,
    );
    expect(rows.map((r) => r.actor_name)).toEqual(expect.arrayContaining(['yangjiang', null]));
    // a successful login after one failure resets the count
    await t.login('yangjiang');
    const [s] = await t.db.query<{ failed_logins: number }>(`SELECT failed_logins FROM staff WHERE username = 'yangjiang'`);
    expect(s?.failed_logins).toBe(0);
  });

  it('locks an account for 15 minutes after 5 failures, even against the right password', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      codes.push((await t.request('POST', '/api/auth/login', { body: { username: 'shenzhen', password: `bad-${i}-xxxxx` } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 401, 401, 429]);
    const right = await t.request('POST', '/api/auth/login', { body: { username: 'shenzhen', password: 'gonghui-demo' } });
    expect(right.statusCode).toBe(429);
    expect(right.json().error).toBe('too_many_attempts');
    const [row] = await t.db.query<{ minutes: number }>(
      `SELECT round(extract(epoch FROM locked_until - now()) / 60)::int AS minutes FROM staff WHERE username = 'shenzhen'`,
    );
    expect(row?.minutes).toBe(15);
    // when the lock has run out, the right password works again
    await t.db.query(`UPDATE staff SET locked_until = now() - interval '1 second' WHERE username = 'shenzhen'`);
    expect((await t.request('POST', '/api/auth/login', { body: { username: 'shenzhen', password: 'gonghui-demo' } })).statusCode).toBe(200);
  });

  it('rejects malformed bodies with a stable code and changes nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM session`);
    for (const body of [{}, { username: 'huazhou' }, { username: 'huazhou', password: 'x', extra: 1 }, { username: 1, password: 2 }]) {
      const res = await t.request('POST', '/api/auth/login', { body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('validation_failed');
      expect(res.json().message).toMatch(/^请求参数有误/);
    }
    const raw = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(raw.json()).toMatchObject({ error: 'invalid_json', statusCode: 400 });
    const form = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'username=a&password=b' });
    expect(form.json()).toMatchObject({ error: 'unsupported_media_type', statusCode: 415 });
    expect(await t.db.query(`SELECT count(*)::int AS n FROM session`)).toEqual(before);
  });
});

describe('sessions', () => {
  it('gives a fresh session id at login and ends the one the browser carried', async () => {
    const first = await t.login('huazhou');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: first.cookie },
      payload: { username: 'huazhou', password: 'gonghui-demo' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().token).not.toBe(first.token);
    expect((await t.request('GET', '/api/me', { as: first })).json().error).toBe('not_logged_in');
  });

  it('the cookie and the bearer token name the same session; logout ends both', async () => {
    const s = await t.login('huazhou');
    expect((await t.request('GET', '/api/me', { as: s })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { as: s, viaCookie: true })).statusCode).toBe(200);
    const out = await t.request('POST', '/api/auth/logout', { as: s, viaCookie: true });
    expect(out.statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { as: s })).statusCode).toBe(401);
    expect((await t.request('GET', '/api/me', { as: s, viaCookie: true })).statusCode).toBe(401);
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const s = await t.login('huazhou');
    await t.db.query(`UPDATE session SET last_seen_at = now() - interval '29 minutes' WHERE ended_at IS NULL`);
    expect((await t.request('GET', '/api/me', { as: s })).statusCode).toBe(200);
    await t.db.query(`UPDATE session SET last_seen_at = now() - interval '31 minutes' WHERE ended_at IS NULL`);
    const res = await t.request('GET', '/api/me', { as: s });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('session_expired');
    expect((await t.request('GET', '/api/me', { as: s })).json().error).toBe('not_logged_in');
  });

  it('requires the CSRF token for writes with the cookie, not with the bearer token', async () => {
    const s = await t.login('huazhou');
    const parentId = await t.demoOrg('shiwan');
    const body = { parentId, name: '化州市测试建会工会', level: 'grassroots', kind: 'enterprise' };
    const noToken = await t.request('POST', '/api/orgs', { as: s, viaCookie: true, body, headers: { 'x-csrf-token': '' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error).toBe('csrf_failed');
    const forged = await t.request('POST', '/api/orgs', { as: s, viaCookie: true, body, headers: { 'x-csrf-token': 'x'.repeat(32) } });
    expect(forged.json().error).toBe('csrf_failed');
    expect(await t.db.query(`SELECT id FROM org WHERE name = $1`, [body.name])).toEqual([]);
    expect((await t.request('POST', '/api/orgs', { as: s, viaCookie: true, body })).statusCode).toBe(201);
    const viaBearer = await t.request('POST', '/api/orgs', { as: s, body: { ...body, name: '化州市测试建会二工会' } });
    expect(viaBearer.statusCode).toBe(201);
  });

  it('GET /api/me needs a login', async () => {
    const res = await t.request('GET', '/api/me');
    expect(res.json()).toEqual({ error: 'not_logged_in', message: '请先登录', statusCode: 401 });
    const junk = await t.request('GET', '/api/me', { headers: { authorization: 'Bearer not-a-token' } });
    expect(junk.statusCode).toBe(401);
  });

  it('changes one’s own password, keeps this session, ends the others', async () => {
    const a = await t.login('huazhou-view');
    const b = await t.login('huazhou-view');
    const weak = await t.request('POST', '/api/auth/password', { as: a, body: { oldPassword: 'gonghui-demo', newPassword: 'short' } });
    expect(weak.json().error).toBe('weak_password');
    const wrong = await t.request('POST', '/api/auth/password', { as: a, body: { oldPassword: 'nope', newPassword: 'Changed-pass-2026' } });
    expect(wrong.json().error).toBe('wrong_password');
    const ok = await t.request('POST', '/api/auth/password', { as: a, body: { oldPassword: 'gonghui-demo', newPassword: 'Changed-pass-2026' } });
    expect(ok.statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { as: a })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/me', { as: b })).statusCode).toBe(401);
    await t.login('huazhou-view', 'Changed-pass-2026');
  });
});
