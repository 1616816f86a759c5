// The factories build what a test asks for, parents included, as the app would store it: a member's
// ID number and phone decrypt to what the factory returned, a staff account logs in, and the demo's
// unions are found by their keys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ACCOUNTS } from './demo.ts';
import { DEMO_ORGS, type DemoOrgKey } from './demo-keys.ts';
import { buildTree } from './tree.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe('factories', () => {
  it('builds an org with its ancestors under a new root', async () => {
    const union = await t.make.org({ level: 'grassroots' });
    const chain = await t.db.query<{ level: string }>(`SELECT level FROM org WHERE path @> $1::ltree ORDER BY nlevel(path)`, [union.path]);
    expect(chain.map((r) => r.level)).toEqual(['province', 'city', 'county', 'town', 'grassroots']);
    const town = await t.make.org({ level: 'town' });
    const under = await t.make.org({ parent: town });
    expect(under).toMatchObject({ parentId: town.id, path: `${town.path}.${under.id}`, level: 'grassroots', kind: 'enterprise' });
  });

  it('builds a member with identity, card and event, personal data encrypted', async () => {
    const m = await t.make.member();
    const [row] = await t.db.query<{ idEnc: Buffer; phoneEnc: Buffer; cards: number; events: number; identities: number; count: number }>(
      `SELECT m.id_number_enc AS "idEnc", m.phone_enc AS "phoneEnc",
              (SELECT count(*)::int FROM card WHERE member_id = m.id) AS cards,
              (SELECT count(*)::int FROM member_event WHERE member_id = m.id) AS events,
              (SELECT count(*)::int FROM member_identity WHERE member_id = m.id) AS identities,
              (SELECT member_count FROM org WHERE id = m.org_id) AS count
         FROM member m WHERE m.id = $1`,
      [m.id],
    );
    expect(t.pii.decrypt(row!.idEnc)).toBe(m.idNumber);
    expect(t.pii.decrypt(row!.phoneEnc)).toBe(m.phone);
    expect(row).toMatchObject({ cards: 1, events: 1, identities: 1, count: 1 });
    const other = await t.make.member({ org: m.orgId });
    expect(other.idNumber).not.toBe(m.idNumber);
    expect(other.phone).not.toBe(m.phone);
  });

  it('builds a staff account that logs in and sees its own union', async () => {
    const s = await t.make.staff({ roles: ['viewer'] });
    const session = await t.login(s.username);
    const me = await t.request('GET', '/api/me', { as: session });
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ kind: 'staff', username: s.username, roles: ['viewer'], org: { id: s.orgId } });
  });

  it('finds the demo accounts’ unions by key', async () => {
    for (const a of DEMO_ACCOUNTS) {
    const [row] = await t.db.query<{ orgId: number }>(`SELECT org_id::int AS "orgId" FROM staff WHERE username = $1`, [a.username]);
      expect(row!.orgId).toBe(await t.demoOrg(a.org));
    }
  });

  it('finds every demo key once, in the fixture and in the default demo’s tree', async () => {
    const small = buildTree('small');
    for (const key of Object.keys(DEMO_ORGS) as DemoOrgKey[]) {
      expect(await t.demoOrg(key), key).toBeGreaterThan(0);
      expect(small.filter((o) => o.name === DEMO_ORGS[key]).length, key).toBe(1);
    }
  });
});

describe('place factory', () => {
  it('writes a place of the register with its hours derived, under its union', async () => {
    const town = await t.make.org({ level: 'town' });
    const p = await t.make.place({ org: town, keeperPhone: '13800138000', hours: { week: [{ day: 1, from: '08:00', to: '20:00' }], holidays: 'closed' } });
    const [row] = await t.db.query<{ org_path: string; open_own: string; holiday_own: string; keeper_phone_masked: string }>(
        `SELECT org_path::text, open_own::text, holiday_own::text, keeper_phone_masked FROM place WHERE id = $1`,
        [p.id],
      );
    expect(row).toEqual({ org_path: town.path, open_own: '{[480,1200)}', holiday_own: '{}', keeper_phone_masked: '138****8000' });
  });
});
