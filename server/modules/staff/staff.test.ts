import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.ts';

/** A demo account's display name, as the seed gave it. */
const demoDisplayName = (username: string) => DEMO_ACCOUNTS.find((a) => a.username === username)!.displayName;

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let shiwan: Session;
let huazhouView: Session;
const USERNAMES = ['admin', 'huazhou', 'yangjiang', 'shenzhen', 'shiwan', 'huazhou-view'] as const;
let ids: Record<(typeof USERNAMES)[number], number>;
let orgs: { huazhou: number; shiwan: number; shiwanGrassroots: number; yangjiang: number; jiangcheng: number };

const HAN = /\p{Script=Han}/u;
const STRONG = 'Strong-pass-2026';

function expectError(res: LightMyRequestResponse, statusCode: number, error: string): void {
  expect(res.statusCode, res.body).toBe(statusCode);
  const body = res.json();
  expect(body).toEqual({ error, message: expect.stringMatching(HAN), statusCode });
}

async function staffId(username: string): Promise<number> {
  const [row] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = $1`, [username]);
  if (!row) throw new Error(`no staff ${username}`);
  return row.id;
}

async function auditRows(action: string, targetId: number) {
  return t.db.query<{ actor_id: number; actor_name: string; target_type: string; org_path: string; detail: Record<string, unknown> }>(
    `SELECT actor_id, actor_name, target_type, org_path::text AS org_path, detail
       FROM audit_log WHERE action = $1 AND target_id = $2 ORDER BY id`,
    [action, String(targetId)],
  );
}

async function liveSessions(username: string): Promise<number> {
  const [row] = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM session s JOIN staff st ON st.id = s.staff_id WHERE st.username = $1 AND s.ended_at IS NULL`,
    [username],
  );
  return row?.n ?? 0;
}

let created = 0;
/** Creates an account under huazhou's tree through the API and returns it. */
async function createAccount(overrides: Record<string, unknown> = {}) {
  created++;
  const body = {
    orgId: orgs.shiwan,
    username: `clerk-${created}`,
    displayName: `经办人${created}`,
    roles: ['clerk'],
    password: STRONG,
    ...overrides,
  };
  const res = await t.request('POST', '/api/staff', { as: huazhou, body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number; username: string }>();
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, shiwan, huazhouView] = await Promise.all(
    ['admin', 'huazhou', 'yangjiang', 'shiwan', 'huazhou-view'].map((u) => t.login(u)),
  ) as [Session, Session, Session, Session, Session];
  ids = Object.fromEntries(await Promise.all(USERNAMES.map(async (u) => [u, await staffId(u)]))) as typeof ids;
  orgs = {
    huazhou: await t.demoOrg('huazhou'),
    shiwan: await t.demoOrg('shiwan'),
    shiwanGrassroots: await t.demoOrg('shiwanCommunity'),
    yangjiang: await t.demoOrg('yangjiang'),
    jiangcheng: await t.demoOrg('jiangcheng'),
  };
});
afterAll(async () => t.close());

describe('GET /api/staff', () => {
  it('lists the accounts of the caller’s subtree, and only those', async () => {
    const res = await t.request('GET', '/api/staff?pageSize=200', { as: huazhou });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { username: string; org: { name: string } }[]; total: number }>();
    const names = body.items.map((s) => s.username);
    expect(names).toEqual(expect.arrayContaining(['huazhou', 'huazhou-view', 'shiwan']));
    for (const outside of ['admin', 'yangjiang', 'shenzhen']) expect(names).not.toContain(outside);
    expect(body.total).toBe(body.items.length);
    expect(body.items.find((s) => s.username === 'shiwan')).toMatchObject({
      id: ids.shiwan,
      displayName: expect.any(String),
      org: { id: orgs.shiwan, name: DEMO_ORGS.shiwan },
      roles: ['reviewer', 'clerk'],
      isActive: true,
      isLocked: false,
    });
    // nothing about the password is ever returned
    expect(res.body).not.toMatch(/scrypt|password|failed_?logins/i);

    const all = (await t.request('GET', '/api/staff?pageSize=200', { as: admin })).json<{ items: { username: string }[] }>();
    expect(all.items.map((s) => s.username)).toEqual(expect.arrayContaining(['admin', 'huazhou', 'yangjiang', 'shenzhen', 'shiwan', 'huazhou-view']));
  });

  it('filters by org (with its subtree) and by text, and pages', async () => {
    const atShiwan = (await t.request('GET', `/api/staff?orgId=${orgs.shiwan}`, { as: huazhou })).json();
    expect(atShiwan.items.map((s: { username: string }) => s.username)).toContain('shiwan');
    expect(atShiwan.items.map((s: { username: string }) => s.username)).not.toContain('huazhou');
    const text = (await t.request('GET', `/api/staff?q=${encodeURIComponent('view')}`, { as: huazhou })).json();
    expect(text).toEqual({ total: 1, items: [expect.objectContaining({ username: 'huazhou-view' })] });
    const byChinese = (await t.request('GET', `/api/staff?q=${encodeURIComponent('石湾')}`, { as: huazhou })).json();
    expect(byChinese.items.map((s: { username: string }) => s.username)).toContain('shiwan');
    // LIKE wildcards are taken literally
    expect((await t.request('GET', `/api/staff?q=${encodeURIComponent('%')}`, { as: huazhou })).json().total).toBe(0);

    const all = (await t.request('GET', '/api/staff?pageSize=200', { as: huazhou })).json<{ items: { id: number }[]; total: number }>();
    const paged: number[] = [];
    for (let page = 1; page <= all.total; page++) {
      const res = (await t.request('GET', `/api/staff?pageSize=1&page=${page}`, { as: huazhou })).json<{ items: { id: number }[]; total: number }>();
      expect(res.total).toBe(all.total);
      expect(res.items).toHaveLength(1);
      paged.push(res.items[0]!.id);
    }
    expect(paged).toEqual(all.items.map((s) => s.id));
    const beyond = (await t.request('GET', `/api/staff?pageSize=1&page=${all.total + 1}`, { as: huazhou })).json();
    expect(beyond).toEqual({ items: [], total: all.total });
  });

  it('never shows another subtree’s accounts, however asked', async () => {
    for (const q of ['yang', 'yangjiang', '阳江']) {
      const res = await t.request('GET', `/api/staff?pageSize=200&q=${encodeURIComponent(q)}`, { as: huazhou });
      expect(res.json()).toEqual({ items: [], total: 0 });
    }
    expectError(await t.request('GET', `/api/staff?orgId=${orgs.yangjiang}`, { as: huazhou }), 404, 'not_found');
    expectError(await t.request('GET', `/api/staff?orgId=${orgs.jiangcheng}`, { as: huazhou }), 404, 'not_found');
    expectError(await t.request('GET', `/api/staff?orgId=99999999`, { as: huazhou }), 404, 'not_found');
  });

  it('rejects bad query parameters', async () => {
    for (const qs of ['page=0', 'page=-1', 'pageSize=0', 'pageSize=201', 'pageSize=abc', 'orgId=abc', 'orgId=-3', 'orgId=1.5', 'unknown=1', `q=${'x'.repeat(51)}`, 'q=']) {
      expectError(await t.request('GET', `/api/staff?${qs}`, { as: huazhou }), 400, 'validation_failed');
    }
  });

  it('needs a login, and the admin role', async () => {
    expectError(await t.request('GET', '/api/staff'), 401, 'not_logged_in');
    expectError(await t.request('GET', '/api/staff', { as: shiwan }), 403, 'forbidden');
    expectError(await t.request('GET', '/api/staff', { as: huazhouView }), 403, 'forbidden');
  });
});

describe('GET /api/staff/:id', () => {
  it('shows one account in scope', async () => {
    const res = await t.request('GET', `/api/staff/${ids.shiwan}`, { as: huazhou });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(Object.keys(body).sort()).toEqual(['createdAt', 'displayName', 'id', 'isActive', 'isLocked', 'lastLoginAt', 'org', 'roles', 'username']);
    expect(body).toMatchObject({ id: ids.shiwan, username: 'shiwan', org: { id: orgs.shiwan }, roles: ['reviewer', 'clerk'] });
    expect(new Date(body.createdAt).toISOString()).toBe(body.createdAt);
    expect(new Date(body.lastLoginAt).toISOString()).toBe(body.lastLoginAt);
    // the province admin sees every account, the caller itself included
    expect((await t.request('GET', `/api/staff/${ids.yangjiang}`, { as: admin })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/staff/${ids.huazhou}`, { as: huazhou })).statusCode).toBe(200);
  });

  it('answers an account outside the scope exactly like one that does not exist', async () => {
    const outside = await t.request('GET', `/api/staff/${ids.yangjiang}`, { as: huazhou });
    expectError(outside, 404, 'not_found');
    expectError(await t.request('GET', `/api/staff/${ids.admin}`, { as: huazhou }), 404, 'not_found');
    const missing = await t.request('GET', '/api/staff/99999999', { as: huazhou });
    expect(missing.json()).toEqual(outside.json());
    // the city admin does not see the county's accounts of another city either
    expectError(await t.request('GET', `/api/staff/${ids.huazhou}`, { as: yangjiang }), 404, 'not_found');
  });

  it('rejects ids that are not positive integers', async () => {
    for (const id of ['abc', '0', '-1', '1.5', '99999999999999999999', '1e3x']) {
      expectError(await t.request('GET', `/api/staff/${id}`, { as: huazhou }), 400, 'validation_failed');
    }
  });

  it('needs a login, and the admin role', async () => {
    expectError(await t.request('GET', `/api/staff/${ids.shiwan}`), 401, 'not_logged_in');
    expectError(await t.request('GET', `/api/staff/${ids.shiwan}`, { as: shiwan }), 403, 'forbidden');
    expectError(await t.request('GET', `/api/staff/${ids.shiwan}`, { as: huazhouView }), 403, 'forbidden');
  });
});

describe('POST /api/staff', () => {
  it('creates an account in scope that can log in, and records who did it', async () => {
    const res = await t.request('POST', '/api/staff', {
      as: huazhou,
      body: { orgId: orgs.shiwanGrassroots, username: '  New.Clerk_1 ', displayName: ' 新经办人 ', roles: ['clerk', 'reviewer'], password: STRONG },
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      username: 'new.clerk_1',
      displayName: '新经办人',
      org: { id: orgs.shiwanGrassroots, name: DEMO_ORGS.shiwanCommunity },
      roles: ['clerk', 'reviewer'],
      isActive: true,
      isLocked: false,
      lastLoginAt: null,
    });
    expect(res.body).not.toContain(STRONG);
    expect((await t.request('GET', `/api/staff/${body.id}`, { as: huazhou })).json()).toEqual(body);

    const [row] = await t.db.query<{ password_hash: string; is_demo: boolean }>(`SELECT password_hash, is_demo FROM staff WHERE id = $1`, [body.id]);
    expect(row?.password_hash).toMatch(/^scrypt\$/);
    expect(row?.password_hash).not.toContain(STRONG);
    expect(row?.is_demo).toBe(false);

    const audit = await auditRows('staff.create', body.id);
    expect(audit).toEqual([
      expect.objectContaining({ actor_id: ids.huazhou, actor_name: 'huazhou', target_type: 'staff', org_path: expect.stringMatching(/^1\.\d+\.\d+\.\d+\.\d+$/) }),
    ]);
    expect(JSON.stringify(audit[0]?.detail)).not.toContain(STRONG);

    const s = await t.login('new.clerk_1', STRONG);
    const me = (await t.request('GET', '/api/me', { as: s })).json();
    expect(me).toMatchObject({ username: 'new.clerk_1', roles: ['clerk', 'reviewer'], org: { id: orgs.shiwanGrassroots } });
  });

  it('refuses a username that does not fit the pattern', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM staff`);
    for (const username of ['ab', '_abc', '.abc', '-abc', 'has space', '中文名字', 'a'.repeat(33), 'abc!', 'abc/def', '', 'ab\u0000c']) {
      const res = await t.request('POST', '/api/staff', {
        as: huazhou,
        body: { orgId: orgs.shiwan, username, displayName: '某人', roles: ['clerk'], password: STRONG },
      });
      expectError(res, 400, 'validation_failed');
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM staff`)).toEqual(before);
  });

  it('refuses a username already taken, wherever it is, in any letter case', async () => {
    for (const username of ['shiwan', 'Yangjiang', ' ADMIN ']) {
      const res = await t.request('POST', '/api/staff', {
        as: huazhou,
        body: { orgId: orgs.shiwan, username, displayName: '重名', roles: ['clerk'], password: STRONG },
      });
      expectError(res, 409, 'username_taken');
    }
  });

  it('of two simultaneous creations with one username, exactly one succeeds', async () => {
    const body = { orgId: orgs.shiwan, username: 'twin', displayName: '双胞胎', roles: ['clerk'], password: STRONG };
    const res = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/staff', { as: huazhou, body })));
    expect(res.map((r) => r.statusCode).sort()).toEqual([201, 409, 409]);
    for (const r of res.filter((x) => x.statusCode === 409)) expectError(r, 409, 'username_taken');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM staff WHERE username = 'twin'`)).toEqual([{ n: 1 }]);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'staff.create' AND detail->>'username' = 'twin'`)).toEqual([{ n: 1 }]);
  });

  it('refuses a weak password', async () => {
    for (const password of ['short-1', 'Abcdefgh9', 'onlyletters-here', '12345678901234', '----------']) {
      const res = await t.request('POST', '/api/staff', {
        as: huazhou,
        body: { orgId: orgs.shiwan, username: 'weakling', displayName: '弱密码', roles: ['clerk'], password },
      });
      expectError(res, 400, 'weak_password');
    }
    expect(await t.db.query(`SELECT id FROM staff WHERE username = 'weakling'`)).toEqual([]);
  });

  it('refuses unknown fields, missing fields, wrong types and bad roles', async () => {
    const good = { orgId: orgs.shiwan, username: 'shape-check', displayName: '形状', roles: ['clerk'], password: STRONG };
    const { roles: _r, ...noRoles } = good;
    for (const body of [
      { ...good, isAdmin: true },
      { ...good, passwordHash: 'scrypt$1$1$1$a$b' },
      { ...good, isDemo: true },
      noRoles,
      { ...good, orgId: String(orgs.shiwan) },
      { ...good, orgId: -1 },
      { ...good, roles: [] },
      { ...good, roles: ['root'] },
      { ...good, roles: ['clerk', 'clerk'] },
      { ...good, roles: 'admin' },
      { ...good, displayName: '' },
      { ...good, displayName: '名'.repeat(51) },
      { ...good, displayName: '换\n行' },
      { ...good, password: '' },
      { ...good, password: 'Aa1'.repeat(100) },
      [],
    ]) {
      expectError(await t.request('POST', '/api/staff', { as: huazhou, body }), 400, 'validation_failed');
    }
    for (const raw of ['"text"', 'null', '42']) {
      const res = await t.request('POST', '/api/staff', { as: huazhou, body: raw, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'validation_failed');
    }
    expect(await t.db.query(`SELECT id FROM staff WHERE username = 'shape-check'`)).toEqual([]);
  });

  it('creates nothing at an org outside the scope, closed or absent', async () => {
    for (const orgId of [orgs.yangjiang, orgs.jiangcheng, 99999999]) {
      const res = await t.request('POST', '/api/staff', {
        as: huazhou,
        body: { orgId, username: 'intruder', displayName: '越权', roles: ['admin'], password: STRONG },
      });
      expectError(res, 404, 'not_found');
    }
    expect(await t.db.query(`SELECT id FROM staff WHERE username = 'intruder'`)).toEqual([]);
    expect(await t.db.query(`SELECT id FROM audit_log WHERE action = 'staff.create' AND detail->>'username' = 'intruder'`)).toEqual([]);

    const closed = await t.request('POST', '/api/orgs', {
      as: huazhou,
      body: { parentId: orgs.shiwan, name: '化州市石湾街道测试撤销工会', level: 'grassroots', kind: 'enterprise' },
    });
    expect(closed.statusCode, closed.body).toBe(201);
    await t.db.query(`UPDATE org SET status = 'closed' WHERE id = $1`, [closed.json().id]);
    const res = await t.request('POST', '/api/staff', {
      as: huazhou,
      body: { orgId: closed.json().id, username: 'at-closed', displayName: '撤销', roles: ['clerk'], password: STRONG },
    });
    expectError(res, 409, 'org_closed');
  });

  it('needs a login, and the admin role', async () => {
    const body = { orgId: orgs.shiwan, username: 'nobody-made', displayName: '某人', roles: ['clerk'], password: STRONG };
    expectError(await t.request('POST', '/api/staff', { body }), 401, 'not_logged_in');
    expectError(await t.request('POST', '/api/staff', { as: shiwan, body }), 403, 'forbidden');
    expectError(await t.request('POST', '/api/staff', { as: huazhouView, body }), 403, 'forbidden');
    expect(await t.db.query(`SELECT id FROM staff WHERE username = 'nobody-made'`)).toEqual([]);
  });
});

describe('PATCH /api/staff/:id', () => {
  it('changes name and roles, and records who did it', async () => {
    const a = await createAccount();
    const res = await t.request('PATCH', `/api/staff/${a.id}`, { as: huazhou, body: { displayName: '改名后', roles: ['reviewer'] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: a.id, displayName: '改名后', roles: ['reviewer'], isActive: true });
    expect((await t.request('GET', `/api/staff/${a.id}`, { as: huazhou })).json()).toEqual(res.json());
    expect(await auditRows('staff.update', a.id)).toEqual([
      expect.objectContaining({ actor_id: ids.huazhou, actor_name: 'huazhou', target_type: 'staff', detail: { displayName: '改名后', roles: ['reviewer'] } }),
    ]);
  });

  it('a role taken away applies at once to the account’s open sessions', async () => {
    const a = await createAccount({ orgId: orgs.huazhou, roles: ['admin', 'clerk'] });
    const s = await t.login(a.username, STRONG);
    expect((await t.request('GET', '/api/staff', { as: s })).statusCode).toBe(200);
    const res = await t.request('PATCH', `/api/staff/${a.id}`, { as: huazhou, body: { roles: ['clerk'] } });
    expect(res.json().roles).toEqual(['clerk']);
    expectError(await t.request('GET', '/api/staff', { as: s }), 403, 'forbidden');
    expect((await t.request('GET', '/api/me', { as: s })).json().roles).toEqual(['clerk']);
  });

  it('deactivating an account ends its sessions and stops its logins; reactivating lets it back in', async () => {
    const a = await createAccount();
    const s1 = await t.login(a.username, STRONG);
    const s2 = await t.login(a.username, STRONG);
    expect(await liveSessions(a.username)).toBe(2);
    const off = await t.request('PATCH', `/api/staff/${a.id}`, { as: huazhou, body: { isActive: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(off.json().isActive).toBe(false);
    expect(await liveSessions(a.username)).toBe(0);
    for (const s of [s1, s2]) expect((await t.request('GET', '/api/me', { as: s })).statusCode).toBe(401);
    expectError(await t.request('POST', '/api/auth/login', { body: { username: a.username, password: STRONG } }), 401, 'invalid_credentials');
    expect(await auditRows('staff.update', a.id)).toEqual([expect.objectContaining({ actor_name: 'huazhou', detail: { isActive: false } })]);

    const on = await t.request('PATCH', `/api/staff/${a.id}`, { as: huazhou, body: { isActive: true } });
    expect(on.json().isActive).toBe(true);
    await t.login(a.username, STRONG);
  });

  it('an admin cannot deactivate itself or change its own roles, but may rename itself', async () => {
    for (const body of [{ isActive: false }, { roles: ['clerk'] }, { roles: ['admin', 'reviewer', 'clerk'] }, { displayName: '新名', isActive: false }]) {
      expectError(await t.request('PATCH', `/api/staff/${ids.huazhou}`, { as: huazhou, body }), 409, 'cannot_change_self');
    }
    const [row] = await t.db.query<{ roles: string[]; is_active: boolean; display_name: string }>(
      `SELECT roles, is_active, display_name FROM staff WHERE id = $1`,
      [ids.huazhou],
    );
    expect(row).toEqual({ roles: ['admin', 'reviewer', 'clerk'], is_active: true, display_name: demoDisplayName('huazhou') });
    expect((await t.request('GET', '/api/me', { as: huazhou })).statusCode).toBe(200);
    const renamed = await t.request('PATCH', `/api/staff/${ids.huazhou}`, { as: huazhou, body: { displayName: `${demoDisplayName('huazhou')}（改）` } });
    expect(renamed.statusCode).toBe(200);
    await t.request('PATCH', `/api/staff/${ids.huazhou}`, { as: huazhou, body: { displayName: demoDisplayName('huazhou') } });
  });

  it('refuses an empty patch, unknown fields and wrong values', async () => {
    const a = await createAccount();
    for (const body of [
      {},
      { username: 'renamed' },
      { orgId: orgs.huazhou },
      { password: STRONG },
      { isLocked: false },
      { roles: [] },
      { roles: ['superuser'] },
      { roles: ['clerk', 'clerk'] },
      { isActive: 'false' },
      { displayName: '' },
      { displayName: '   ' },
      { displayName: 'x'.repeat(10000) },
      { displayName: null },
    ]) {
      expectError(await t.request('PATCH', `/api/staff/${a.id}`, { as: huazhou, body }), 400, 'validation_failed');
    }
    expect(await auditRows('staff.update', a.id)).toEqual([]);
    expectError(await t.request('PATCH', '/api/staff/abc', { as: huazhou, body: { displayName: '某' } }), 400, 'validation_failed');
  });

  it('changes nothing outside the scope', async () => {
    for (const body of [{ displayName: '被改了' }, { isActive: false }, { roles: ['viewer'] }]) {
      expectError(await t.request('PATCH', `/api/staff/${ids.yangjiang}`, { as: huazhou, body }), 404, 'not_found');
      expectError(await t.request('PATCH', `/api/staff/${ids.admin}`, { as: huazhou, body }), 404, 'not_found');
    }
    expectError(await t.request('PATCH', '/api/staff/99999999', { as: huazhou, body: { displayName: '某' } }), 404, 'not_found');
    const [row] = await t.db.query(`SELECT display_name, roles, is_active FROM staff WHERE username = 'yangjiang'`);
    expect(row).toEqual({ display_name: demoDisplayName('yangjiang'), roles: ['admin', 'reviewer', 'clerk'], is_active: true });
    expect((await t.request('GET', '/api/me', { as: yangjiang })).statusCode).toBe(200);
    expect(await auditRows('staff.update', ids.yangjiang)).toEqual([]);
  });

  it('needs a login, and the admin role', async () => {
    const body = { displayName: '被改了' };
    expectError(await t.request('PATCH', `/api/staff/${ids['huazhou-view']}`, { body }), 401, 'not_logged_in');
    expectError(await t.request('PATCH', `/api/staff/${ids['huazhou-view']}`, { as: shiwan, body }), 403, 'forbidden');
    expectError(await t.request('PATCH', `/api/staff/${ids['huazhou-view']}`, { as: huazhouView, body }), 403, 'forbidden');
    // not even the viewer's own roles
    expectError(await t.request('PATCH', `/api/staff/${ids['huazhou-view']}`, { as: huazhouView, body: { roles: ['admin'] } }), 403, 'forbidden');
    const [row] = await t.db.query(`SELECT display_name, roles FROM staff WHERE username = 'huazhou-view'`);
    expect(row).toEqual({ display_name: demoDisplayName('huazhou-view'), roles: ['viewer'] });
  });
});

describe('POST /api/staff/:id/password', () => {
  it('sets a new password, unlocks the account and ends its sessions', async () => {
    const a = await createAccount();
    const s = await t.login(a.username, STRONG);
    await t.db.query(`UPDATE staff SET failed_logins = 3, locked_until = now() + interval '15 minutes' WHERE id = $1`, [a.id]);
    expect((await t.request('GET', `/api/staff/${a.id}`, { as: huazhou })).json().isLocked).toBe(true);
    expectError(await t.request('POST', '/api/auth/login', { body: { username: a.username, password: STRONG } }), 429, 'too_many_attempts');

    const res = await t.request('POST', `/api/staff/${a.id}/password`, { as: huazhou, body: { password: 'Reset-by-admin-1' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true });
    expect(await liveSessions(a.username)).toBe(0);
    expect((await t.request('GET', '/api/me', { as: s })).statusCode).toBe(401);
    const [row] = await t.db.query(`SELECT failed_logins, locked_until FROM staff WHERE id = $1`, [a.id]);
    expect(row).toEqual({ failed_logins: 0, locked_until: null });
    expect((await t.request('GET', `/api/staff/${a.id}`, { as: huazhou })).json().isLocked).toBe(false);

    expectError(await t.request('POST', '/api/auth/login', { body: { username: a.username, password: STRONG } }), 401, 'invalid_credentials');
    await t.login(a.username, 'Reset-by-admin-1');
    const audit = await auditRows('staff.reset_password', a.id);
    expect(audit).toEqual([expect.objectContaining({ actor_id: ids.huazhou, actor_name: 'huazhou', target_type: 'staff' })]);
    expect(JSON.stringify(audit)).not.toContain('Reset-by-admin-1');
  });

  it('refuses a weak password and malformed bodies, and changes nothing', async () => {
    const a = await createAccount();
    const [before] = await t.db.query(`SELECT password_hash FROM staff WHERE id = $1`, [a.id]);
    for (const password of ['short-1', 'onlyletters-here', '1234567890123']) {
      expectError(await t.request('POST', `/api/staff/${a.id}/password`, { as: huazhou, body: { password } }), 400, 'weak_password');
    }
    for (const body of [{}, { password: '' }, { password: 12345678901 }, { password: STRONG, extra: true }, { newPassword: STRONG }, { password: 'a1'.repeat(200) }]) {
      expectError(await t.request('POST', `/api/staff/${a.id}/password`, { as: huazhou, body }), 400, 'validation_failed');
    }
    expect(await t.db.query(`SELECT password_hash FROM staff WHERE id = $1`, [a.id])).toEqual([before]);
    expect(await auditRows('staff.reset_password', a.id)).toEqual([]);
  });

  it('resets nothing outside the scope', async () => {
    for (const id of [ids.yangjiang, ids.admin, 99999999]) {
      expectError(await t.request('POST', `/api/staff/${id}/password`, { as: huazhou, body: { password: 'Taken-over-2026' } }), 404, 'not_found');
    }
    expect((await t.request('GET', '/api/me', { as: yangjiang })).statusCode).toBe(200);
    expectError(await t.request('POST', '/api/auth/login', { body: { username: 'yangjiang', password: 'Taken-over-2026' } }), 401, 'invalid_credentials');
    expect(await auditRows('staff.reset_password', ids.yangjiang)).toEqual([]);
  });

  it('needs a login, and the admin role', async () => {
    const body = { password: 'Taken-over-2026' };
    expectError(await t.request('POST', `/api/staff/${ids.shiwan}/password`, { body }), 401, 'not_logged_in');
    expectError(await t.request('POST', `/api/staff/${ids['huazhou-view']}/password`, { as: shiwan, body }), 403, 'forbidden');
    expectError(await t.request('POST', `/api/staff/${ids.shiwan}/password`, { as: huazhouView, body }), 403, 'forbidden');
    expect((await t.request('GET', '/api/me', { as: shiwan })).statusCode).toBe(200);
  });
});
