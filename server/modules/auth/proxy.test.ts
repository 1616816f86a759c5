// Behind a TLS reverse proxy (TRUST_PROXY): the session cookie is Secure, and the client address of
// audit records and per-client limits is the one the proxy saw — never one the client wrote.
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const PROXY = '10.0.0.5';
const login = (app: FastifyInstance, headers: Record<string, string>, remoteAddress = PROXY, username = 'huazhou', password = 'gonghui-demo') =>
  app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers, remoteAddress });
const sessionCookie = (res: Awaited<ReturnType<typeof login>>) => res.cookies.find((c) => c.name === 'gh_sid');
const lastLoginIp = async () =>
  (await t.db.query<{ ip: string }>(`SELECT ip FROM audit_log WHERE action = 'login' ORDER BY id DESC LIMIT 1`))[0]?.ip;

describe('the session cookie and the client address', () => {
  it('without TRUST_PROXY, forwarded headers are the client’s own words: ignored', async () => {
    const res = await login(t.app, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(sessionCookie(res)?.secure).toBeUndefined();
    expect(await lastLoginIp()).toBe(PROXY);
  });

  it('TRUST_PROXY=true: Secure behind a TLS proxy, and the address the proxy appended is the client', async () => {
    const app = await t.startSibling({ TRUST_PROXY: 'true' });
    const tls = await login(app, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6, 203.0.113.7' });
    expect(tls.statusCode).toBe(200);
    expect(sessionCookie(tls)).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Strict' });
    expect(await lastLoginIp()).toBe('203.0.113.7');
    const plain = await login(app, { 'x-forwarded-proto': 'http', 'x-forwarded-for': '203.0.113.7' });
    expect(sessionCookie(plain)?.secure).toBeUndefined();
  });

  it('a client cannot dodge the per-client throttle by writing addresses into X-Forwarded-For', async () => {
    const app = await t.startSibling({ TRUST_PROXY: 'true', GONGHUI_LOGIN_FAILURES_PER_CLIENT: '2' });
    const spray = async (round: number) => {
      const answers = [];
      for (const forged of ['1.1.1.1', '2.2.2.2', '3.3.3.3']) {
        // the proxy appends the real client (198.51.100.77) to whatever the client sent
        const res = await login(app, { 'x-forwarded-proto': 'https', 'x-forwarded-for': `${forged}, 198.51.100.77` }, PROXY, `spray-${round}-${forged}`, 'Password123');
        answers.push(res.json().error);
      }
      return answers;
    };
    const first = await spray(1);
    if (first.every((a) => a === 'invalid_credentials')) {
      // The count is kept in fixed windows: a round that straddled a window's end began counting
      // afresh in the next one; the next round lies inside that window, already past its limit.
      // (one or two of round 1 counted there: at most one more failure, then throttled)
      const second = await spray(2);
      expect(second.at(-1)).toBe('login_rate_limited');
      expect(second.filter((a) => a === 'invalid_credentials').length).toBeLessThanOrEqual(1);
    } else {
      expect(first).toEqual(['invalid_credentials', 'invalid_credentials', 'login_rate_limited']);
    }
  });

  it('TRUST_PROXY as a list trusts those proxies only; as a number, that many hops', async () => {
    const listed = await t.startSibling({ TRUST_PROXY: `${PROXY}, 10.1.0.0/16` });
    expect(sessionCookie(await login(listed, { 'x-forwarded-proto': 'https' }))?.secure).toBe(true);
    const stranger = await login(listed, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' }, '10.0.0.9');
    expect(sessionCookie(stranger)?.secure).toBeUndefined();
    expect(await lastLoginIp()).toBe('10.0.0.9');
    const twoHops = await t.startSibling({ TRUST_PROXY: '2' });
    await login(twoHops, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '6.6.6.6, 203.0.113.8, 10.0.0.4' });
    expect(await lastLoginIp()).toBe('203.0.113.8');
  });

  it('a direct TLS request gets a Secure cookie', async () => {
    const dir = new URL('../../../tests/helpers/tls/', import.meta.url);
    const key = readFileSync(new URL('localhost.key', dir));
    const cert = readFileSync(new URL('localhost.crt', dir));
    await t.app.ready();
    const server = createServer({ key, cert }, (req, res) => t.app.routing(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const setCookie = await new Promise<string[]>((resolve, reject) => {
        const req = request(
          { host: '127.0.0.1', port, path: '/api/auth/login', method: 'POST', ca: cert, servername: 'localhost', headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume();
            res.on('end', () => (res.statusCode === 200 ? resolve(res.headers['set-cookie'] ?? []) : reject(new Error(`status ${res.statusCode}`))));
          },
        );
        req.on('error', reject);
        req.end(JSON.stringify({ username: 'huazhou', password: 'gonghui-demo' }));
      });
      expect(setCookie.find((c) => c.startsWith('gh_sid='))).toMatch(/; Secure(;|$)/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
