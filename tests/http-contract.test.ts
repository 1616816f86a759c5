// The HTTP contract across every route of the OpenAPI document: one rule for who may export; the
// security and cache headers of every answer; every list is { items, total }, paged. A route added
// later is held to the same rules without being listed here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { XLSX_MIME } from '../contracts/rosters.ts';
import { API_CSP, DOCS_CSP, PUBLIC_CACHE, WEB_CSP } from '../server/http/security-headers.ts';
import { startTestApp, type Session, type TestApp } from './helpers/harness.ts';
import { newMemberSessions } from './helpers/workers.ts';

interface Operation {
  parameters?: { in: string; name: string; required?: boolean }[];
  responses?: Record<string, { content?: Record<string, { schema?: { type?: string; properties?: Record<string, unknown> } }> }>;
}
interface Route {
  key: string;
  method: string;
  path: string;
  op: Operation;
}

let t: TestApp;
let admin: Session;
let huazhou: Session;
let viewer: Session;
let clerk: Session;
let routes: Route[];
const MISSING = 2_000_000_000;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('huazhou-view')]);
  const made = await t.request('POST', '/api/staff', {
    as: huazhou,
    body: { orgId: await t.demoOrg('huazhou'), username: 'hz-clerk', displayName: '化州经办人', roles: ['clerk'], password: 'Clerk-pass-2026' },
  });
  expect(made.statusCode, made.body).toBe(201);
  clerk = await t.login('hz-clerk', 'Clerk-pass-2026');
  const doc = (await t.request('GET', '/api/openapi.json')).json<{ paths: Record<string, Record<string, Operation>> }>();
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([m, op]) => ({ key: `${m.toUpperCase()} ${path}`, method: m.toUpperCase(), path, op })),
  );
  expect(routes.length).toBeGreaterThan(50);
});
afterAll(async () => t.close());

/** The route's URL with every path parameter set to `id`. */
const urlOf = (r: Route, id: number) => r.path.replace(/\{\w+\}/g, String(id));

describe('one rule for who may export', () => {
  const FORBIDDEN = { error: 'forbidden', message: '没有权限执行此操作', statusCode: 403 };
  // the roster template is a blank form, the same for everyone: no records leave with it
  const BLANK_FORMS = new Set(['GET /api/rosters/template']);
  const exportsOf = () => routes.filter((r) => r.method === 'GET' && r.op.responses?.['200']?.content?.[XLSX_MIME] && !BLANK_FORMS.has(r.key));

  it('finds every export and download of records in the OpenAPI document', () => {
    expect(exportsOf().map((r) => r.key).sort()).toEqual(
      expect.arrayContaining([
        'GET /api/members/export',
        'GET /api/rosters/{jobId}/errors',
        'GET /api/points/operations/export',
        'GET /api/activities/stats/export',
        'GET /api/hardship/files/export',
        'GET /api/campaigns/{id}/applications/export',
        'GET /api/payment-files/{id}/download',
      ]),
    );
  });

  it('refuses the read-only role on every one of them with the same answer, before looking anything up; a clerk passes the gate', async () => {
    for (const r of exportsOf()) {
      const refused = await t.request('GET', urlOf(r, 1), { as: viewer });
      expect(refused.statusCode, r.key).toBe(403);
      expect(refused.json(), r.key).toEqual(FORBIDDEN);
      const passed = await t.request('GET', urlOf(r, MISSING), { as: clerk });
      expect(passed.statusCode, `${r.key}: ${passed.body.slice(0, 200)}`).not.toBe(403);
    }
  });

  it('lets a clerk and an admin download the campaign applications and the activity figures the read-only role may not', async () => {
    const [campaign] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM campaign c JOIN org o ON o.id = c.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) ORDER BY c.id LIMIT 1`,
      [await t.demoOrg('huazhou')],
    );
    for (const url of [`/api/campaigns/${campaign!.id}/applications/export`, '/api/activities/stats/export']) {
      expect((await t.request('GET', url, { as: viewer })).json(), url).toEqual(FORBIDDEN);
      for (const who of [clerk, huazhou]) {
        const res = await t.request('GET', url, { as: who });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBe(200);
        expect(res.headers['content-type']).toBe(XLSX_MIME);
      }
    }
  });
});

describe('security and cache headers', () => {
  const securityOf = (h: Record<string, unknown>) => ({
    csp: h['content-security-policy'],
    nosniff: h['x-content-type-options'],
    frame: h['x-frame-options'],
    referrer: h['referrer-policy'],
  });

  it('every API answer is no-store unless its route is public: every GET route, as staff, found or not', async () => {
    const isPublic = new Set(['GET /api/cards/keys']);
    for (const r of routes.filter((x) => x.method === 'GET' && x.path.startsWith('/api/'))) {
      for (const id of [1, MISSING]) {
        const res = await t.request('GET', urlOf(r, id), { as: huazhou });
        // an activity's cover is no one's personal data: browsers may keep it for a few minutes
        const own = r.key === 'GET /api/activities/{id}/cover' && res.statusCode === 200 ? 'private, max-age=300' : undefined;
        expect(res.headers['cache-control'], `${r.key} (${res.statusCode})`).toBe(own ?? (isPublic.has(r.key) ? PUBLIC_CACHE : 'no-store'));
        expect(securityOf(res.headers), r.key).toEqual({ csp: API_CSP, nosniff: 'nosniff', frame: 'DENY', referrer: 'same-origin' });
      }
    }
    expect((await t.request('GET', '/api/openapi.json')).headers['cache-control']).toBe(PUBLIC_CACHE);
    // nobody logged in, a refused request, an unknown route
    for (const [method, url] of [['GET', '/api/me'], ['POST', '/api/auth/login'], ['GET', '/api/nowhere']] as const) {
      const res = await t.request(method, url, method === 'POST' ? { body: { username: 'x' } } : {});
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
  });

  it('answers with personal data are no-store: reveals, a member, a bank account, who am I, the member card', async () => {
    const [worker] = await newMemberSessions(t, admin, 1, { org: await t.demoOrg('shiwanCommunity') });
    const member = { id: worker!.memberId };
    await t.db.query(
      `INSERT INTO member_bank_account (member_id, bank_name, account_enc, account_hash, account_masked) VALUES ($1, '中国工商银行化州支行', $2, $3, '6222****0128')`,
      [member.id, t.pii.encrypt('6222021234567890128'), t.pii.hash('6222021234567890128')],
    );
    const answers = await Promise.all([
      t.request('POST', `/api/members/${member.id}/reveal`, { as: huazhou, body: { reason: '核对身份信息' } }),
      t.request('POST', `/api/members/${member.id}/bank-account/reveal`, { as: huazhou, body: { reason: '核对收款账号' } }),
      t.request('GET', `/api/members/${member.id}`, { as: huazhou }),
      t.request('GET', `/api/members/${member.id}/bank-account`, { as: huazhou }),
      t.request('GET', '/api/me', { as: huazhou }),
      t.request('GET', '/api/me', { as: worker }),
      t.request('GET', '/api/me/card', { as: worker }),
      t.request('GET', '/api/me/bank-account', { as: worker }),
    ]);
    for (const res of answers) {
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['cache-control'], res.body.slice(0, 100)).toBe('no-store');
    }
    expect(answers[0]!.body).toMatch(/\d{17}[\dX]/);
    expect(answers[1]!.body).toContain('6222021234567890128');
  });

  it('the web apps and the API docs carry their own policy: scripts from this origin only, never framed', async () => {
    for (const url of ['/', '/console/', '/console/members']) {
      expect(securityOf((await t.request('GET', url)).headers), url).toEqual({ csp: WEB_CSP, nosniff: 'nosniff', frame: 'DENY', referrer: 'same-origin' });
    }
    const docs = await t.request('GET', '/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(securityOf(docs.headers)).toEqual({ csp: DOCS_CSP, nosniff: 'nosniff', frame: 'DENY', referrer: 'same-origin' });
    expect((await t.request('GET', '/api/docs/static/swagger-ui-bundle.js')).headers['content-security-policy']).toBe(DOCS_CSP);
    for (const csp of [WEB_CSP, DOCS_CSP]) {
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval');
    }
    expect(API_CSP).toBe("default-src 'none'; frame-ancestors 'none'");
    expect((await t.request('GET', '/healthz')).headers['content-security-policy']).toBe(API_CSP);
  });
});

describe('every list is { items, total }, paged by page and pageSize', () => {
  it('no GET route answers a bare array, or items without total', () => {
    const broken = routes
      .filter((r) => r.method === 'GET')
      .filter((r) => {
        const s = r.op.responses?.['200']?.content?.['application/json']?.schema;
        return s?.type === 'array' || (s?.properties?.items !== undefined && s.properties.total === undefined);
      })
      .map((r) => r.key);
    expect(broken).toEqual([]);
  });

  it('every list takes page and pageSize (a sync feed by cursor excepted), and refuses a pageSize over 200', async () => {
    const lists = routes.filter((r) => r.method === 'GET' && r.op.responses?.['200']?.content?.['application/json']?.schema?.properties?.total !== undefined);
    expect(lists.length).toBeGreaterThan(20);
    const query = (r: Route) => new Set((r.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
    const unpaged = lists.filter((r) => !query(r).has('since') && !(query(r).has('page') && query(r).has('pageSize'))).map((r) => r.key);
    expect(unpaged).toEqual([]);
    for (const r of lists.filter((x) => query(x).has('pageSize'))) {
      const res = await t.request('GET', `${urlOf(r, 1)}?pageSize=201`, { as: huazhou });
      expect(res.json().error, r.key).toBe('validation_failed');
    }
  });

  it('the four lists that broke it now answer { items, total } paged', async () => {
    const [campaign] = await t.db.query<{ id: number }>(
      `SELECT c.id FROM campaign c JOIN org o ON o.id = c.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) ORDER BY c.id LIMIT 1`,
      [await t.demoOrg('huazhou')],
    );
    for (const url of ['/api/rosters', '/api/activities/stats', `/api/campaigns/${campaign!.id}/notice`, `/api/campaigns/${campaign!.id}/payment-files`]) {
      const all = (await t.request('GET', `${url}?pageSize=200`, { as: huazhou })).json<{ items: unknown[]; total: number }>();
      expect(Array.isArray(all.items), url).toBe(true);
      expect(all.total, url).toBe(all.items.length);
      const beyond = (await t.request('GET', `${url}?page=${all.total + 1}&pageSize=1`, { as: huazhou })).json<{ items: unknown[]; total: number }>();
      expect(beyond, url).toMatchObject({ items: [], total: all.total });
    }
  });
});
