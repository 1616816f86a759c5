// The scope gate, across every route: staff of 化州市总工会 cannot read, search, change or even learn
// the existence of anything in 阳江市总工会's subtree. A route added without an entry here fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from './helpers/harness.ts';

let t: TestApp;
let huazhou: Session;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await startTestApp();
  huazhou = await t.login('huazhou');
  ids.yangjiang = await t.orgId('阳江市总工会');
  ids.huazhou = await t.orgId('化州市总工会');
  ids.shiwan = await t.orgId('化州市石湾街道工会联合会');
  const [town] = await t.db.query<{ id: number }>(
    `SELECT id FROM org WHERE level = 'town' AND path <@ (SELECT path FROM org WHERE id = $1) LIMIT 1`,
    [ids.yangjiang],
  );
  ids.yangjiangTown = town!.id;
  const [staff] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'yangjiang'`);
  ids.yangjiangStaff = staff!.id;
});
afterAll(async () => t.close());

/**
 * For each route that names a record: how to aim it at 阳江 with an otherwise valid request.
 * `id` is the path parameter; the body, if any, is valid so that only the scope can refuse it.
 */
const outOfScope: Record<string, { id?: () => number; query?: () => string; body?: () => unknown }> = {
  'GET /api/orgs/{id}': { id: () => ids.yangjiangTown! },
  'GET /api/orgs/{id}/children': { id: () => ids.yangjiang! },
  'PATCH /api/orgs/{id}': { id: () => ids.yangjiangTown!, body: () => ({ chairName: '张三' }) },
  'POST /api/orgs/{id}/move': { id: () => ids.yangjiangTown!, body: () => ({ newParentId: ids.huazhou }) },
  'POST /api/orgs/{id}/close': { id: () => ids.yangjiangTown!, body: () => ({ reason: '越权测试' }) },
  'POST /api/orgs': { body: () => ({ parentId: ids.yangjiangTown, name: '越权建会测试工会', level: 'grassroots', kind: 'enterprise' }) },
  'GET /api/orgs': { query: () => `rootId=${ids.yangjiang}` },
  'GET /api/staff': { query: () => `orgId=${ids.yangjiang}` },
  'GET /api/staff/{id}': { id: () => ids.yangjiangStaff! },
  'PATCH /api/staff/{id}': { id: () => ids.yangjiangStaff!, body: () => ({ displayName: '越权' }) },
  'POST /api/staff/{id}/password': { id: () => ids.yangjiangStaff!, body: () => ({ password: 'Another-pass-2026' }) },
  'POST /api/staff': { body: () => ({ orgId: ids.yangjiangTown, username: 'intruder', displayName: '越权', roles: ['clerk'], password: 'Intruder-pass-2026' }) },
};

/** Routes that name no record of another subtree (who am I, log in/out, lists filtered by the gate). */
const unscoped = new Set([
  'GET /healthz',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/me',
  'POST /api/auth/password',
  'GET /api/audit',
]);

function routesOf(doc: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

describe('scope gate', () => {
  it('every route is either aimed at another subtree below or names no record', async () => {
    const routes = routesOf((await t.request('GET', '/api/openapi.json')).json());
    expect(routes.length).toBeGreaterThan(10);
    const unaccounted = routes.filter((r) => !(r in outOfScope) && !unscoped.has(r));
    expect(unaccounted).toEqual([]);
  });

  it('answers 404 not_found on every route aimed at 阳江, the same as for a record that does not exist, and changes nothing', async () => {
    const snapshot = () =>
      t.db.query(`SELECT (SELECT md5(string_agg(o::text, ',' ORDER BY id)) FROM org o) AS orgs,
                         (SELECT md5(string_agg(s.id || s.display_name || s.password_hash || s.is_active, ',' ORDER BY id)) FROM staff s) AS staff`);
    const before = await snapshot();
    for (const [route, aim] of Object.entries(outOfScope)) {
      const [method, path] = route.split(' ') as [string, string];
      const url = (id: number | undefined) => `${path.replace('{id}', String(id))}${aim.query ? `?${aim.query()}` : ''}`;
      const res = await t.request(method, url(aim.id?.()), { as: huazhou, body: aim.body?.() });
      expect(res.statusCode, route).toBe(404);
      expect(res.json(), route).toEqual({ error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 });
      if (aim.id) {
        const missing = await t.request(method, url(2_000_000_000), { as: huazhou, body: aim.body?.() });
        expect(missing.body, `${route} must not tell 阳江 from nothing`).toBe(res.body);
      }
    }
    expect(await snapshot()).toEqual(before);
  });

  it('lists and searches show nothing of 阳江', async () => {
    const bodies = await Promise.all(
      [
        `/api/orgs?q=${encodeURIComponent('阳江')}`,
        `/api/orgs?q=${encodeURIComponent('江城')}`,
        `/api/orgs?pageSize=200&level=town`,
        `/api/orgs/${ids.huazhou}/children?pageSize=200`,
        `/api/staff?pageSize=200`,
        `/api/staff?q=yangjiang`,
        `/api/audit?pageSize=200`,
      ].map(async (url) => (await t.request('GET', url, { as: huazhou })).body),
    );
    for (const b of bodies) {
      expect(b).not.toContain('阳江');
      expect(b).not.toContain('yangjiang');
    }
    expect(JSON.parse(bodies[0]!)).toEqual({ items: [], total: 0 });
  });

  it('the counts a county sees are its own subtree\'s, not the province\'s', async () => {
    const admin = await t.login('admin');
    const [province] = await t.db.query<{ id: number }>(`SELECT id FROM org WHERE level = 'province'`);
    const all = (await t.request('GET', `/api/orgs/${province!.id}`, { as: admin })).json().memberCount;
    const mine = (await t.request('GET', `/api/orgs/${ids.huazhou}`, { as: huazhou })).json().memberCount;
    expect(mine).toBeGreaterThan(0);
    expect(mine).toBeLessThan(all);
    expect((await t.request('GET', `/api/orgs/${province!.id}`, { as: huazhou })).statusCode).toBe(404);
  });
});
