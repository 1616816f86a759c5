// The demo as a newcomer meets it (issue 11): a rider who has just joined in 化州 finds activities of
// 化州, 石湾 and the province open for sign-up and campaigns open to him, and signs up and applies
// without a refusal; every activity takes place somewhere real, and no generated name or place says a
// place twice (化州市化州市).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { freshIdNumber, loginWorker } from '../../../tests/helpers/workers.ts';
import { newKey } from '../../../tests/helpers/activities.ts';
import { DOUBLED_PLACE } from './tree.ts';

let t: TestApp;
let admin: Session;
let shiwan: Session;
let rider: Session;

interface Listed {
  id: number;
  title: string;
  org: { name: string };
  availability: { state: string; canSignUp?: boolean; canApply?: boolean; message: string } | null;
}

beforeAll(async () => {
  t = await startTestApp();
  [admin, shiwan] = await Promise.all([t.login('admin'), t.login('shiwan')]);
  // a 美团 rider working in 化州市石湾街道 joins (routed to 石湾's federation) and 石湾 approves
  rider = await loginWorker(t, admin);
  const joined = await t.request('POST', '/api/members/join', {
    as: rider,
    body: { name: '黄骑手', idNumber: freshIdNumber(), gigPlatform: '美团', workOrgId: await t.orgId('化州市石湾街道工会联合会'), consent: true },
  });
  expect(joined.statusCode, joined.body).toBe(201);
  const { applicationId, status } = joined.json<{ applicationId: number; status: string }>();
  if (status === 'pending') {
    const ok = await t.request('POST', `/api/members/applications/${applicationId}/approve`, { as: shiwan, body: {} });
    expect(ok.statusCode, ok.body).toBe(200);
  }
  const me = (await t.request('GET', '/api/me', { as: rider })).json<{ member: { status: string } | null }>();
  expect(me.member?.status).toBe('active');
});
afterAll(async () => t.close());

describe('the demo, for a rider who has just joined in 化州', () => {
  it('has activities of 化州, 石湾 and the province open for him to sign up for, and he signs up for each', async () => {
    const list = (await t.request('GET', '/api/activities?pageSize=200', { as: rider })).json<{ items: Listed[] }>();
    const open = list.items.filter((a) => a.availability?.canSignUp);
    expect(new Set(open.map((a) => a.org.name))).toEqual(new Set(['化州市总工会', '化州市石湾街道工会联合会', '广东省总工会']));
    for (const a of open) {
      const res = await t.request('POST', `/api/activities/${a.id}/signups`, { as: rider, headers: { 'idempotency-key': newKey() } });
      expect(res.statusCode, `${a.title}: ${res.body}`).toBe(201);
      expect(['confirmed', 'entered']).toContain(res.json().status);
    }
  });

  it('has campaigns of 化州, 石湾 and the province open for him to apply to, without documents, and he applies to each', async () => {
    const list = (await t.request('GET', '/api/me/campaigns?pageSize=200', { as: rider })).json<{ items: Listed[] }>();
    const open = list.items.filter((c) => c.availability?.canApply);
    expect(new Set(open.map((c) => c.org.name))).toEqual(new Set(['化州市总工会', '化州市石湾街道工会联合会', '广东省总工会']));
    for (const c of open) {
      const res = await t.request('POST', `/api/campaigns/${c.id}/applications`, { as: rider, headers: { 'idempotency-key': newKey() }, body: { statement: '刚入会的外卖骑手，申请参加。' } });
      expect(res.statusCode, `${c.title}: ${res.body}`).toBe(201);
    }
  });

  it('opened their sign-up before the day the demo was made and closes it days later', async () => {
    const rows = await t.db.query<{ title: string; opensHoursAgo: number; closesInDays: number }>(
      `SELECT title, (extract(epoch FROM now() - signup_opens_at) / 3600)::float8 AS "opensHoursAgo", (extract(epoch FROM signup_closes_at - now()) / 86400)::float8 AS "closesInDays"
         FROM activity WHERE signup_opens_at <= now() AND now() < signup_closes_at`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r.opensHoursAgo, r.title).toBeGreaterThan(12);
      expect(r.closesInDays, r.title).toBeGreaterThan(3);
    }
  });
});

describe('the demo’s names and places', () => {
  it('gives every activity a place of its own, not its title', async () => {
    const rows = await t.db.query<{ title: string; location: string | null }>(`SELECT title, location FROM activity`);
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r.location, r.title).toMatch(/^(广东省|.{2,4}市)/);
      expect(r.location!.includes(r.title), r.title).toBe(false);
    }
    const [shiwanPlace] = await t.db.query<{ location: string }>(
      `SELECT a.location FROM activity a JOIN org o ON o.id = a.org_id WHERE o.name = '化州市石湾街道工会联合会' AND a.signup_opens_at <= now() AND now() < a.signup_closes_at`,
    );
    expect(shiwanPlace?.location).toMatch(/^化州市石湾街道/);
  });

  it('says no place twice in a row anywhere (org names, activities, campaigns, enterprises)', async () => {
    const texts = await t.db.query<{ v: string }>(
      `SELECT name AS v FROM org UNION ALL SELECT title FROM activity UNION ALL SELECT location FROM activity WHERE location IS NOT NULL
       UNION ALL SELECT title FROM campaign UNION ALL SELECT name FROM enterprise`,
    );
    expect(texts.length).toBeGreaterThan(100);
    expect(texts.map((r) => r.v).filter((v) => DOUBLED_PLACE.test(v))).toEqual([]);
  });
});
