// Abuse limits on log-in and SMS codes (issue 11): per client address, per phone, per user name and
// for the platform, counted in the database so that they hold across app processes.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshPhone } from '../../../tests/helpers/workers.ts';
import { passwordHashing } from '../../lib/password.ts';
import { clientKey, pruneAttemptBuckets } from './limits.ts';

// Small configured limits; per-phone and per-name limits are the production ones.
const LIMITS = {
  GONGHUI_LOGIN_FAILURES_PER_CLIENT: '3',
  GONGHUI_SMS_PER_CLIENT_HOUR: '3',
  GONGHUI_SMS_PER_CLIENT_DAY: '4',
  GONGHUI_SMS_PER_HOUR: '6',
};

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp(LIMITS);
});
afterAll(async () => t.close());
// Each test counts from zero.
beforeEach(async () => {
  await t.db.query(`DELETE FROM attempt_bucket`);
});

let ipSeq = 0;
/** A client address no other request of this file uses. */
const freshIp = () => `198.51.100.${++ipSeq}`;

const sms = (phone: string, ip: string, app: FastifyInstance = t.app) =>
  app.inject({ method: 'POST', url: '/api/auth/sms-code', payload: { phone }, remoteAddress: ip });
const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });
const codesSent = async (phone: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE to_hash = $1 AND kind = 'login_code'`, [t.pii.hash(phone)]))[0]!.n;
/** The code sent to the phone is older than a minute, as if the worker had waited. */
const aMinuteLater = (phone: string) =>
  t.db.query(`UPDATE sms_code SET created_at = created_at - interval '61 seconds' WHERE phone_hash = $1`, [t.pii.hash(phone)]);

describe('SMS codes', () => {
  it('one client address gets a configured number of codes an hour and a day, whatever the phones', async () => {
    const ip = freshIp();
    const phones = Array.from({ length: 5 }, () => freshPhone());
    for (const p of phones.slice(0, 3)) expect((await sms(p, ip)).statusCode).toBe(200);
    const fourth = await sms(phones[3]!, ip);
    expect(fourth.statusCode).toBe(429);
    expect(fourth.json()).toMatchObject({ error: 'sms_too_frequent', statusCode: 429 });
    expect(fourth.json().message).toMatch(/^当前网络获取验证码次数过多，请 \d+ (分钟|秒)后再试$/);
    const minutes = Number(/请 (\d+) 分钟/.exec(fourth.json().message)![1]);
    expect(minutes).toBeGreaterThanOrEqual(1);
    expect(minutes).toBeLessThanOrEqual(60);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan((minutes - 1) * 60);
    expect(await codesSent(phones[3]!)).toBe(0);
    // another client is not held up by this one
    expect((await sms(phones[3]!, freshIp())).statusCode).toBe(200);
    // the next hour (its bucket gone) allows more, until the day's count is reached
    await t.db.query(`DELETE FROM attempt_bucket WHERE kind = 'sms_client_hour'`);
    expect((await sms(phones[4]!, ip)).statusCode).toBe(200);
    const nextDay = await sms(freshPhone(), ip);
    expect(nextDay.statusCode).toBe(429);
    expect(nextDay.json().message).toBe('当前网络获取验证码次数过多，请明天再试');
  });

  it('counts an IPv6 client by its /64: other addresses of the same network share its count', async () => {
    const net = ['2001:db8:77:1::a', '2001:DB8:77:1:ffff::1', '2001:0db8:0077:0001:0:0:0:3', '2001:db8:77:1::99'];
    const answers = [];
    for (const ip of net) answers.push((await sms(freshPhone(), ip)).statusCode);
    expect(answers).toEqual([200, 200, 200, 429]);
    expect((await sms(freshPhone(), '2001:db8:77:2::a')).statusCode).toBe(200);
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKey('::1')).toBe('0:0:0:0::/64');
  });

  it('one phone gets one code a minute, 5 an hour, 10 a day, from any client', async () => {
    const phone = freshPhone();
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push((await sms(phone, freshIp())).statusCode);
      await aMinuteLater(phone);
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 429]);
    const sixth = await sms(phone, freshIp());
    expect(sixth.json().error).toBe('sms_too_frequent');
    expect(sixth.json().message).toMatch(/^该手机号获取验证码次数过多，请 \d+ (分钟|秒)后再试$/);
    expect(await codesSent(phone)).toBe(5);
    // a new hour (for the platform's count too): five more, and the day is full
    await t.db.query(`DELETE FROM attempt_bucket WHERE kind LIKE '%\\_hour'`);
    for (let i = 0; i < 5; i++) {
      expect((await sms(phone, freshIp())).statusCode).toBe(200);
      await aMinuteLater(phone);
    }
    await t.db.query(`DELETE FROM attempt_bucket WHERE kind LIKE '%\\_hour'`);
    const eleventh = await sms(phone, freshIp());
    expect(eleventh.statusCode).toBe(429);
    expect(eleventh.json().message).toBe('该手机号今日获取验证码次数已达上限，请明天再试');
    expect(await codesSent(phone)).toBe(10);
    // the day is Beijing's: its window started at 00:00 Asia/Shanghai
    const [day] = await t.db.query<{ start: string }>(
      `SELECT to_char(window_start AT TIME ZONE 'Asia/Shanghai', 'HH24:MI:SS') AS start FROM attempt_bucket WHERE kind = 'sms_phone_day'`,
    );
    expect(day?.start).toBe('00:00:00');
  });

  it('caps the codes the whole platform sends in an hour', async () => {
    for (let i = 0; i < 6; i++) expect((await sms(freshPhone(), freshIp())).statusCode).toBe(200);
    const phone = freshPhone();
    const over = await sms(phone, freshIp());
    expect(over.statusCode).toBe(429);
    expect(over.json()).toMatchObject({ error: 'sms_platform_limit', statusCode: 429 });
    expect(over.json().message).toMatch(/^当前获取验证码的人数较多，请 \d+ (分钟|秒)后再试$/);
    expect(await codesSent(phone)).toBe(0);
  });

  it('a refused request counts nowhere: refusals by one limit do not use up another', async () => {
    const ip = freshIp();
    const phone = freshPhone();
    expect((await sms(phone, ip)).statusCode).toBe(200);
    // within the minute: refused, and neither the client's nor the platform's count moves
    for (let i = 0; i < 5; i++) expect((await sms(phone, ip)).json().error).toBe('sms_too_frequent');
    const counts = await t.db.query<{ kind: string; hits: number }>(`SELECT kind, hits FROM attempt_bucket ORDER BY kind`);
    expect(counts).toEqual([
      { kind: 'sms_client_day', hits: 1 },
      { kind: 'sms_client_hour', hits: 1 },
      { kind: 'sms_phone_day', hits: 1 },
      { kind: 'sms_phone_hour', hits: 1 },
      { kind: 'sms_platform_hour', hits: 1 },
    ]);
  });

  it('holds across two app processes on one database, for requests arriving together', async () => {
    const other = await t.startSibling(LIMITS);
    const ip = freshIp();
    const phones = Array.from({ length: 8 }, () => freshPhone());
    const answers = await Promise.all(phones.map((p, i) => sms(p, ip, i % 2 ? other : t.app)));
    expect(answers.filter((a) => a.statusCode === 200)).toHaveLength(3);
    expect(answers.filter((a) => a.statusCode === 429)).toHaveLength(5);
    expect((await Promise.all(phones.map(codesSent))).reduce((a, b) => a + b, 0)).toBe(3);
    // one phone asked for from many clients at once, through both: one code
    const phone = freshPhone();
    const same = await Promise.all(Array.from({ length: 6 }, (_, i) => sms(phone, freshIp(), i % 2 ? other : t.app)));
    expect(same.map((a) => a.statusCode).sort()).toEqual([200, 429, 429, 429, 429, 429]);
    expect(await codesSent(phone)).toBe(1);
  });
});

describe('staff log-in', () => {
  it('throttles failed log-ins per client address, over any names; successes do not count', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await login('huazhou', 'gonghui-demo', ip)).statusCode).toBe(200);
    const answers = [];
    for (const name of ['spray-a', 'spray-b', 'yangjiang']) answers.push((await login(name, 'Password123', ip)).statusCode);
    expect(answers).toEqual([401, 401, 401]);
    // the fourth failure's turn: refused before any password is hashed, even the right one
    const hashing = vi.spyOn(passwordHashing, 'run');
    const next = await login('huazhou', 'gonghui-demo', ip);
    expect(hashing).not.toHaveBeenCalled();
    hashing.mockRestore();
    expect(next.statusCode).toBe(429);
    expect(next.json()).toMatchObject({ error: 'login_rate_limited', statusCode: 429 });
    expect(next.json().message).toMatch(/^当前网络登录失败次数过多，请 \d+ (分钟|秒)后再试$/);
    expect(Number(next.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(next.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    // another address logs in
    expect((await login('huazhou', 'gonghui-demo', freshIp())).statusCode).toBe(200);
  });

  it('answers a name no account has exactly as an account: 401 four times, then locked with 429', async () => {
    const hashing = vi.spyOn(passwordHashing, 'run');
    const run = async (username: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) {
        hashing.mockClear();
        const res = await login(username, `wrong-${i}-pass`, freshIp());
        out.push({ status: res.statusCode, body: res.json(), hashes: hashing.mock.calls.length });
      }
      return out;
    };
    const known = await run('huazhou-view');
    const unknown = await run('no-such-staff');
    hashing.mockRestore();
    expect(known.map((a) => a.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(unknown).toEqual(known);
    // the same work: one hash for every try, none once locked
    expect(known.map((a) => a.hashes)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(known[5]!.body).toEqual({ error: 'too_many_attempts', message: '登录失败次数过多，账号已锁定 15 分钟，请稍后再试', statusCode: 429 });
    // both locks end after 15 minutes, and both count afresh
    const [lock] = await t.db.query<{ minutes: number }>(
      `SELECT round(extract(epoch FROM expires_at - now()) / 60)::int AS minutes FROM attempt_bucket WHERE kind = 'login_unknown_name'`,
    );
    expect(lock?.minutes).toBe(15);
    await t.db.query(`UPDATE staff SET locked_until = now() - interval '1 second', last_failed_login_at = now() - interval '15 minutes 1 second' WHERE username = 'huazhou-view'`);
    await t.db.query(`UPDATE attempt_bucket SET expires_at = now() - interval '1 second' WHERE kind = 'login_unknown_name'`);
    expect((await login('huazhou-view', 'wrong-again', freshIp())).statusCode).toBe(401);
    expect((await login('no-such-staff', 'wrong-again', freshIp())).statusCode).toBe(401);
  });

  it('forgets a run of failures after 15 minutes without one, for accounts and unknown names alike', async () => {
    for (const name of ['shenzhen', 'nobody-at-all']) {
      for (let i = 0; i < 4; i++) expect((await login(name, 'wrong-pass-1', freshIp())).statusCode).toBe(401);
    }
    await t.db.query(`UPDATE staff SET last_failed_login_at = now() - interval '15 minutes 1 second' WHERE username = 'shenzhen'`);
    await t.db.query(`UPDATE attempt_bucket SET expires_at = now() - interval '1 second' WHERE kind = 'login_unknown_name'`);
    // the fifth failure is the first of a new run: no lock
    expect((await login('shenzhen', 'wrong-pass-1', freshIp())).statusCode).toBe(401);
    expect((await login('nobody-at-all', 'wrong-pass-1', freshIp())).statusCode).toBe(401);
    expect((await login('shenzhen', 'gonghui-demo', freshIp())).statusCode).toBe(200);
  });

  it('hashes at most two passwords at once; beyond the queue, 429 at once and nothing counted', async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const holders = Array.from({ length: 2 + 64 }, () => passwordHashing.run(() => held));
    expect(passwordHashing.running).toBe(2);
    expect(passwordHashing.waiting).toBe(64);
    const ip = freshIp();
    const busy = await login('huazhou', 'gonghui-demo', ip);
    expect(busy.statusCode).toBe(429);
    expect(busy.json()).toEqual({ error: 'login_busy', message: '当前登录人数较多，请稍后再试', statusCode: 429 });
    release();
    await Promise.all(holders);
    expect(passwordHashing.running).toBe(0);
    const [row] = await t.db.query<{ hits: number }>(`SELECT hits FROM attempt_bucket WHERE kind = 'login_client' AND subject = $1`, [ip]);
    expect(row?.hits).toBe(0);
    expect((await login('huazhou', 'gonghui-demo', ip)).statusCode).toBe(200);
  });

  it('holds the per-client throttle across two app processes for log-ins arriving together', async () => {
    const other = await t.startSibling(LIMITS);
    const ip = freshIp();
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? other : t.app).inject({ method: 'POST', url: '/api/auth/login', payload: { username: `spray-${i}`, password: 'Password123' }, remoteAddress: ip }),
      ),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([401, 401, 401, 429, 429, 429]);
  });
});

describe('POST /api/auth/password', () => {
  it('counts a wrong current password towards the log-in lock: 5 failures lock the account 15 minutes', async () => {
    const s = await t.login('shiwan');
    const body = (oldPassword: string) => ({ oldPassword, newPassword: 'Changed-pass-2026' });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await t.request('POST', '/api/auth/password', { as: s, body: body(`guess-${i}`) })).json().error);
    expect(answers).toEqual(['wrong_password', 'wrong_password', 'wrong_password', 'wrong_password', 'too_many_attempts']);
    const right = await t.request('POST', '/api/auth/password', { as: s, body: body('gonghui-demo') });
    expect(right.statusCode).toBe(429);
    expect(right.json()).toEqual({ error: 'too_many_attempts', message: '原密码错误次数过多，账号已锁定 15 分钟，请稍后再试', statusCode: 429 });
    // the same lock as log-in
    expect((await login('shiwan', 'gonghui-demo', freshIp())).json().error).toBe('too_many_attempts');
    const rows = await t.db.query<{ outcome: string }>(
      `SELECT outcome FROM audit_log WHERE action = 'staff.change_password' AND actor_name = 'shiwan' ORDER BY id`,
    );
    expect(rows.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed', 'failed', 'failed', 'denied']);
    await t.db.query(`UPDATE staff SET locked_until = now() - interval '1 second' WHERE username = 'shiwan'`);
    expect((await t.request('POST', '/api/auth/password', { as: s, body: body('gonghui-demo') })).statusCode).toBe(200);
  });
});

describe('attempt buckets', () => {
  it('the sweep deletes the buckets whose window or lock is over, and only those', async () => {
    await sms(freshPhone(), freshIp());
    await login('nobody-swept', 'wrong-pass-1', freshIp());
    // buckets of earlier tests whose short window is already over (a slow run) go first
    await pruneAttemptBuckets(t);
    const before = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM attempt_bucket`);
    await t.db.query(`UPDATE attempt_bucket SET expires_at = now() - interval '1 second' WHERE kind IN ('sms_phone_hour', 'login_unknown_name')`);
    expect(await pruneAttemptBuckets(t)).toBe(2);
    const after = await t.db.query<{ kind: string }>(`SELECT kind FROM attempt_bucket ORDER BY kind`);
    expect(after).toHaveLength(before[0]!.n - 2);
    expect(after.map((r) => r.kind)).not.toContain('sms_phone_hour');
  });
});
