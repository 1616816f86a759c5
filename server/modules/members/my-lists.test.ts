// The worker's own lists on the phone — GET /api/me/applications and GET /api/me/transfers — follow
// the list contract: `{ items, total }`, newest first, paged by page and pageSize (at most 200).
import { describe, expect, it } from 'vitest';
import { testAppHooks, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshIdNumber, loginWorker } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let admin: Session, huazhou: Session;
let shiwanTown: number, hexiTown: number;

testAppHooks(async (app) => {
  t = app;
  [admin, huazhou] = await Promise.all([t.login('admin'), t.login('huazhou')]);
  shiwanTown = await t.demoOrg('shiwan');
  hexiTown = await t.demoOrg('hexi');
});

async function apply(w: Session, idNumber: string): Promise<number> {
  const res = await t.request('POST', '/api/members/join', {
    as: w,
    body: { name: '邓嘉欣', idNumber, gigPlatform: '滴滴出行', workOrgId: shiwanTown, consent: true },
  });
  expect(res.statusCode).toBe(201);
  return res.json().applicationId as number;
}

describe('GET /api/me/applications', () => {
  it('answers { items, total }, newest first, a page at a time', async () => {
    const w = await loginWorker(t, admin);
    const idNumber = freshIdNumber({ female: true });
    const first = await apply(w, idNumber);
    await t.request('POST', `/api/members/applications/${first}/reject`, { as: huazhou, body: { reason: '工作单位信息不完整' } });
    const second = await apply(w, idNumber);

    const all = (await t.request('GET', '/api/me/applications', { as: w })).json();
    expect(all.total).toBe(2);
    expect(all.items.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual([
      [second, 'pending'],
      [first, 'rejected'],
    ]);
    expect(all.items[1].rejectReason).toBe('工作单位信息不完整');

    const page1 = (await t.request('GET', '/api/me/applications?pageSize=1', { as: w })).json();
    expect(page1).toMatchObject({ total: 2, items: [{ id: second, org: { id: shiwanTown } }] });
    expect(page1.items).toHaveLength(1);
    const page2 = (await t.request('GET', '/api/me/applications?page=2&pageSize=1', { as: w })).json();
    expect(page2.items.map((a: { id: number }) => a.id)).toEqual([first]);
    expect(page2.total).toBe(2);
    const beyond = (await t.request('GET', '/api/me/applications?page=3&pageSize=1', { as: w })).json();
    expect(beyond).toEqual({ items: [], total: 2 });
  });

  it('a worker who never applied has an empty list', async () => {
    const w = await loginWorker(t, admin);
    expect((await t.request('GET', '/api/me/applications', { as: w })).json()).toEqual({ items: [], total: 0 });
  });

  it('refuses a page size over 200, unknown parameters, no session and staff sessions', async () => {
    const w = await loginWorker(t, admin);
    for (const q of ['pageSize=201', 'page=0', 'status=pending']) {
      const res = await t.request('GET', `/api/me/applications?${q}`, { as: w });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
    expect((await t.request('GET', '/api/me/applications?pageSize=200', { as: w })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/me/applications')).json().error).toBe('not_logged_in');
    expect((await t.request('GET', '/api/me/applications', { as: huazhou })).json().error).toBe('member_only');
  });
});

describe('GET /api/me/transfers', () => {
  async function newMember() {
    const w = await loginWorker(t, admin);
    const applicationId = await apply(w, freshIdNumber());
    const approved = (await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: huazhou })).json();
    const [m] = await t.db.query<{ id: number }>(`SELECT id FROM member WHERE member_no = $1`, [approved.memberNo]);
    return { id: m!.id, w };
  }

  it('answers { items, total }, newest first, a page at a time', async () => {
    const m = await newMember();
    expect((await t.request('GET', '/api/me/transfers', { as: m.w })).json()).toEqual({ items: [], total: 0 });
    const out = await t.request('POST', `/api/members/${m.id}/transfers`, { as: huazhou, body: { toOrgId: hexiTown, reason: '工作地点调整' } });
    await t.request('POST', `/api/members/transfers/${out.json().id}/reject`, { as: huazhou, body: { reason: '材料不全' } });
    const back = await t.request('POST', `/api/members/${m.id}/transfers`, { as: huazhou, body: { toOrgId: hexiTown, reason: '再次申请' } });
    expect(back.statusCode).toBe(201);

    const all = (await t.request('GET', '/api/me/transfers', { as: m.w })).json();
    expect(all.total).toBe(2);
    expect(all.items.map((x: { id: number; status: string }) => [x.id, x.status])).toEqual([
      [back.json().id, 'pending'],
      [out.json().id, 'rejected'],
    ]);
    const page2 = (await t.request('GET', '/api/me/transfers?page=2&pageSize=1', { as: m.w })).json();
    expect(page2).toMatchObject({ total: 2, items: [{ id: out.json().id, rejectReason: '材料不全', toOrg: { id: hexiTown } }] });
    expect(page2.items).toHaveLength(1);
  });

  it('a worker who is not a member has an empty list', async () => {
    const w = await loginWorker(t, admin);
    expect((await t.request('GET', '/api/me/transfers', { as: w })).json()).toEqual({ items: [], total: 0 });
  });

  it('refuses a page size over 200, unknown parameters, no session and staff sessions', async () => {
    const m = await newMember();
    for (const q of ['pageSize=201', 'page=abc', 'direction=in']) {
      const res = await t.request('GET', `/api/me/transfers?${q}`, { as: m.w });
      expect(res.statusCode).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
    expect((await t.request('GET', '/api/me/transfers')).json().error).toBe('not_logged_in');
    expect((await t.request('GET', '/api/me/transfers', { as: huazhou })).json().error).toBe('member_only');
  });
});
