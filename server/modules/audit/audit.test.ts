import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { auditEntry } from '../../../contracts/audit.ts';
import { auditSentence, auditWhat } from '../../../contracts/audit-sentences.ts';
import { activityBody, inHours } from '../../../tests/helpers/activities.ts';
import { startTestApp, type DemoOrgKey, type Session, type TestApp } from '../../../tests/helpers/harness.ts';

/** An entry as the API returns it (the contract's schema). */
type Entry = z.infer<typeof auditEntry>;
interface Page {
  items: Entry[];
  total: number;
}

let t: TestApp;
// The demo staff this file acts as: province, 化州 and 阳江 admins, 石湾's, and 化州's read-only viewer.
let admin: Session, huazhou: Session, yangjiang: Session, shiwan: Session, huazhouView: Session;
let createdAtShiwan: number;
let createdByAdmin: number;
let createdAtYangjiang: number;

const HAN = /\p{Script=Han}/u;

function expectError(res: LightMyRequestResponse, statusCode: number, error: string): void {
  expect(res.statusCode, res.body).toBe(statusCode);
  expect(res.json()).toEqual({ error, message: expect.stringMatching(HAN), statusCode });
}

async function audit(as: Session, query = ''): Promise<Page> {
  const res = await t.request('GET', `/api/audit?pageSize=200${query}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Page>();
}

async function displayNameOf(username: string): Promise<string> {
  const [s] = await t.db.query<{ displayName: string }>(`SELECT display_name AS "displayName" FROM staff WHERE username = $1`, [username]);
  return s!.displayName;
}

async function createStaff(as: Session, org: DemoOrgKey, username: string): Promise<number> {
  const res = await t.request('POST', '/api/staff', {
    as,
    body: { orgId: await t.demoOrg(org), username, displayName: '审计测试', roles: ['clerk'], password: 'Audit-test-2026' },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

beforeAll(async () => {
  t = await startTestApp();
  // The fixture holds no audit rows of its own; every row below comes from this file's requests.
  admin = await t.login('admin');
  huazhou = await t.login('huazhou');
  yangjiang = await t.login('yangjiang');
  shiwan = await t.login('shiwan');
  huazhouView = await t.login('huazhou-view');
  // failed logins: one of a known account of each subtree, one of nobody at all
  for (const username of ['yangjiang', 'shiwan', 'no-such-user']) {
    const res = await t.request('POST', '/api/auth/login', { body: { username, password: 'wrong-password-1' } });
    expect(res.statusCode).toBe(401);
  }
  createdAtShiwan = await createStaff(huazhou, 'shiwan', 'audit-hz');
  createdByAdmin = await createStaff(admin, 'huazhou', 'audit-by-admin');
  createdAtYangjiang = await createStaff(yangjiang, 'jiangcheng', 'audit-yj');
});
afterAll(async () => t.close());

describe('GET /api/audit', () => {
  it('shows an admin its subtree’s logins and writes, newest first', async () => {
    const page = await audit(huazhou);
    expect(page.total).toBe(page.items.length);
    const ids = page.items.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));

    const logins = page.items.filter((e) => e.action === 'login' && e.outcome === 'ok').map((e) => e.actorName);
    expect(logins).toEqual(expect.arrayContaining(['huazhou', 'shiwan', 'huazhou-view']));
    expect(page.items).toContainEqual(
      expect.objectContaining({ action: 'login', outcome: 'failed', actorName: 'shiwan', detail: expect.objectContaining({ reason: 'wrong_password' }) }),
    );
    const create = page.items.find((e) => e.action === 'staff.create' && e.targetId === String(createdAtShiwan));
    expect(create).toEqual({
      id: expect.any(Number),
      at: expect.any(String),
      actorKind: 'staff',
      actorId: expect.any(Number),
      actorName: 'huazhou',
      actorDisplayName: await displayNameOf('huazhou'),
      action: 'staff.create',
      outcome: 'ok',
      targetType: 'staff',
      targetId: String(createdAtShiwan),
      ip: expect.any(String),
      detail: { username: 'audit-hz', roles: ['clerk'] },
    });
    expect(new Date(create!.at).toISOString()).toBe(create!.at);
    // a write by the province admin that concerns huazhou's tree is huazhou's to see
    expect(page.items).toContainEqual(
      expect.objectContaining({ action: 'staff.create', actorName: 'admin', targetId: String(createdByAdmin) }),
    );
  });

  it('shows an admin nothing of another subtree', async () => {
    const page = await audit(huazhou);
    const actors = new Set(page.items.map((e) => e.actorName));
    expect(actors.has('yangjiang')).toBe(false);
    expect(page.items.find((e) => e.targetType === 'staff' && e.targetId === String(createdAtYangjiang))).toBeUndefined();
    // the province admin's own login concerns the province, above huazhou
    expect(page.items.find((e) => e.action === 'login' && e.actorName === 'admin')).toBeUndefined();
    // nor a failed login that names no account
    expect(page.items.find((e) => e.detail.username === 'no-such-user')).toBeUndefined();
    expect((await audit(huazhou, '&actorName=yangjiang')).total).toBe(0);

    const yj = await audit(yangjiang);
    expect(yj.items.map((e) => e.actorName)).toContain('yangjiang');
    for (const other of ['huazhou', 'shiwan', 'huazhou-view', 'admin']) expect(yj.items.map((e) => e.actorName)).not.toContain(other);
    expect(yj.items.find((e) => e.targetId === String(createdAtShiwan))).toBeUndefined();
  });

  it('shows the province admin every subtree’s events', async () => {
    const page = await audit(admin);
    const okLogins = page.items.filter((e) => e.action === 'login' && e.outcome === 'ok').map((e) => e.actorName);
    expect(okLogins).toEqual(expect.arrayContaining(['admin', 'huazhou', 'yangjiang', 'shiwan', 'huazhou-view']));
    const failed = page.items.filter((e) => e.action === 'login' && e.outcome === 'failed').map((e) => e.actorName);
    expect(failed).toEqual(expect.arrayContaining(['yangjiang', 'shiwan']));
    const creates = page.items.filter((e) => e.action === 'staff.create').map((e) => e.targetId);
    expect(creates).toEqual(expect.arrayContaining([createdAtShiwan, createdByAdmin, createdAtYangjiang].map(String)));
    // at the root of the tree, even events that concern no org: a failed login of an unknown name
    expect(page.items).toContainEqual(
      expect.objectContaining({ action: 'login', outcome: 'failed', actorKind: 'anonymous', actorName: null, detail: expect.objectContaining({ username: 'no-such-user' }) }),
    );
    const [all] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log`);
    expect(page.total).toBe(all?.n);
  });

  it('filters by action and by actor', async () => {
    const logins = await audit(admin, '&action=login');
    expect(logins.total).toBeGreaterThan(0);
    expect(logins.items.every((e) => e.action === 'login')).toBe(true);
    // the actor filter matches part of the account name, as a clerk would type it
    const byHuazhou = await audit(admin, '&actorName=huazhou');
    expect(byHuazhou.items.length).toBeGreaterThan(0);
    expect(byHuazhou.items.every((e) => e.actorName?.includes('huazhou'))).toBe(true);
    const partial = await audit(admin, '&actorName=UAZH');
    expect(partial.total).toBe(byHuazhou.total);
    const both = await audit(admin, '&action=staff.create&actorName=huazhou');
    expect(both.items.map((e) => e.targetId)).toEqual([String(createdAtShiwan)]);
    expect(both.total).toBe(1);
    expect(await audit(admin, '&action=no.such.action')).toEqual({ items: [], total: 0 });
    // a filter value is a value, not SQL or a pattern
    expect((await audit(admin, `&actorName=${encodeURIComponent("huazhou' OR '1'='1")}`)).total).toBe(0);
    expect((await audit(admin, `&actorName=${encodeURIComponent('%')}`)).total).toBe(0);
  });

  it('pages through the same entries, newest first, with a stable total', async () => {
    const all = await audit(huazhou);
    expect(all.total).toBeGreaterThan(3);
    const seen: number[] = [];
    for (let page = 1; seen.length < all.total; page++) {
      const res = await t.request('GET', `/api/audit?pageSize=3&page=${page}`, { as: huazhou });
      const body = res.json<Page>();
      expect(body.total).toBe(all.total);
      expect(body.items.length).toBeGreaterThan(0);
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items.map((e) => e.id));
    }
    expect(seen).toEqual(all.items.map((e) => e.id));
    const beyond = await t.request('GET', `/api/audit?pageSize=3&page=${Math.ceil(all.total / 3) + 1}`, { as: huazhou });
    expect(beyond.json()).toEqual({ items: [], total: all.total });
    // the default page is the first 20
    const first = (await t.request('GET', '/api/audit', { as: admin })).json<Page>();
    expect(first.items).toHaveLength(Math.min(20, first.total));
  });

  it('rejects bad query parameters', async () => {
    for (const qs of ['page=0', 'page=abc', 'pageSize=0', 'pageSize=201', 'pageSize=-5', 'action=', `action=${'a'.repeat(65)}`, 'actorName=%0A', 'orgId=1', 'from=2026-01-01']) {
      expectError(await t.request('GET', `/api/audit?${qs}`, { as: admin }), 400, 'validation_failed');
    }
  });

  it('needs a login, and the admin role', async () => {
    expectError(await t.request('GET', '/api/audit'), 401, 'not_logged_in');
    expectError(await t.request('GET', '/api/audit', { headers: { authorization: 'Bearer not-a-session' } }), 401, 'not_logged_in');
    expectError(await t.request('GET', '/api/audit', { as: shiwan }), 403, 'forbidden');
    expectError(await t.request('GET', '/api/audit', { as: huazhouView }), 403, 'forbidden');
  });

  it('records logouts and password changes, each in its own subtree', async () => {
    const s = await t.login('audit-hz', 'Audit-test-2026');
    const change = await t.request('POST', '/api/auth/password', { as: s, body: { oldPassword: 'Audit-test-2026', newPassword: 'Audit-test-2027' } });
    expect(change.statusCode).toBe(200);
    expect((await t.request('POST', '/api/auth/logout', { as: s })).statusCode).toBe(200);
    const page = await audit(huazhou, '&actorName=audit-hz');
    expect(page.items.map((e) => e.action)).toEqual(['logout', 'staff.change_password', 'login']);
    expect(JSON.stringify(page.items)).not.toContain('Audit-test-202');
    expect((await audit(yangjiang, '&actorName=audit-hz')).total).toBe(0);
  });

  it('records what an edit changed, so the log reads "修改了普惠活动「…」的名额：100 → 120"', async () => {
    const orgId = await t.demoOrg('huazhou');
    const made = await t.request('POST', '/api/activities', { as: huazhou, body: activityBody(orgId, { title: '审计改名额', places: 100, signupOpensAt: inHours(24), signupClosesAt: inHours(48), startsAt: inHours(72) }) });
    expect(made.statusCode, made.body).toBe(201);
    const id = made.json<{ id: number }>().id;
    const edit = await t.request('PATCH', `/api/activities/${id}`, { as: huazhou, body: { places: 120, title: '审计改名额' } });
    expect(edit.statusCode, edit.body).toBe(200);
    const entry = (await audit(huazhou, '&action=activity.update')).items.find((e) => e.targetId === String(id))!;
    // the title sent unchanged is no change
    expect(entry.detail).toEqual({ title: '审计改名额', changes: { places: { from: 100, to: 120 } } });
    expect(auditWhat(entry, (iso) => iso)).toBe('修改了普惠活动「审计改名额」的名额：100 → 120');
    // who: the person and the account
    expect(auditSentence(entry, () => '某时')).toBe(`${await displayNameOf('huazhou')}（huazhou） 于 某时 修改了普惠活动「审计改名额」的名额：100 → 120`);
  });
});

