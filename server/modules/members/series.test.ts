// The members' 24-month series route (GET /api/dashboard/series): its shape, scope and bad input; 化州's
// demo line (seed page 003's shape); and every members and employers tile, root and each child,
// against a direct SQL count on a factory tree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberSeries } from '../../../contracts/member-figures.ts';
import type { TileAt } from '../../http/dashboard-tile.ts';
import type { OrgPath } from '../../http/scope.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { memberTiles } from './tiles.service.ts';
import { enterpriseTiles } from '../enterprises/tiles.service.ts';
import { addMonths } from './series.service.ts';
import { HUAZHOU_SHARE_AT_YEAR_START } from '../../db/seed/member-history.ts';

let t: TestApp;
let huazhou: Session;
const thisMonth = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);

beforeAll(async () => {
  t = await startTestApp();
  huazhou = await t.login('huazhou');
}, 300_000);
afterAll(async () => t?.close());

describe('GET /api/dashboard/series', () => {
  it("answers 24 months ending this month for the caller's union, the last one its members now", async () => {
    const res = await t.request('GET', '/api/dashboard/series', { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as MemberSeries;
    expect(s.orgId).toBe(await t.demoOrg('huazhou'));
    expect(s.orgName).toBe('化州市总工会');
    expect(s.months).toHaveLength(24);
    expect(s.months[23]!.month).toBe(thisMonth());
    expect(s.months[0]!.month).toBe(addMonths(thisMonth(), -23).slice(0, 7));
    const [now] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id JOIN org r ON r.id = $1 WHERE o.path <@ r.path AND m.status NOT IN ('left', 'deceased')`,
      [s.orgId],
    );
    expect(s.months[23]!.members).toBe(now!.n);
    // each month's end = the previous month's end + that month's net (transfers and joins across the border)
    for (let i = 1; i < 24; i++) {
      const m = s.months[i]!;
      expect(m.members - s.months[i - 1]!.members).toBe(m.joins - m.departures + m.transfersIn - m.transfersOut);
    }
  });

  it("化州's demo line: last December's end ≈ 84.8 % of the last finished month's, growing every month of this year", async () => {
    const s = (await t.request('GET', '/api/dashboard/series', { as: huazhou })).json() as MemberSeries;
    const last = thisMonth().slice(5) === '01' ? 22 : 23 - 1;
    const lastMonth = s.months[last]!;
    const december = s.months.find((m) => m.month === `${Number(lastMonth.month.slice(0, 4)) - 1}-12`)!;
    expect(december.members / lastMonth.members).toBeGreaterThan(HUAZHOU_SHARE_AT_YEAR_START - 0.02);
    expect(december.members / lastMonth.members).toBeLessThan(HUAZHOU_SHARE_AT_YEAR_START + 0.02);
    const year = s.months.filter((m) => m.month > december.month && m.month <= lastMonth.month);
    for (const m of year) expect(m.joins).toBeGreaterThan(0);
    expect(year.reduce((n, m) => n + m.departures, 0)).toBeGreaterThan(0);
    expect(year.reduce((n, m) => n + m.transfersIn, 0)).toBeGreaterThan(0);
  });

  it('a month in the past ends the series there; a child of the scope is served', async () => {
    const town = (await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE parent_id = $1 ORDER BY id LIMIT 1`, [await t.demoOrg('huazhou')]))[0]!.id;
    const res = await t.request('GET', `/api/dashboard/series?orgId=${town}&to=2025-06`, { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as MemberSeries;
    expect(s.orgId).toBe(town);
    expect(s.months.map((m) => m.month)).toEqual(Array.from({ length: 24 }, (_, i) => addMonths('2025-06', i - 23).slice(0, 7)));
  });

  it('refuses a malformed month (400), a month after this one (dashboard_period_invalid), another subtree (404), a member', async () => {
    for (const to of ['2026-13', '2026-1', '26-01', 'abc', '2026-00']) {
      const res = await t.request('GET', `/api/dashboard/series?to=${to}`, { as: huazhou });
      expect(res.statusCode, to).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
    const future = await t.request('GET', `/api/dashboard/series?to=${addMonths(thisMonth(), 1).slice(0, 7)}`, { as: huazhou });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toBe('dashboard_period_invalid');
    const other = await t.request('GET', `/api/dashboard/series?orgId=${await t.demoOrg('yangjiang')}`, { as: huazhou });
    expect(other.statusCode).toBe(404);
    expect(other.json().error).toBe('not_found');
    const missing = await t.request('GET', `/api/dashboard/series?orgId=999999999`, { as: huazhou });
    expect(missing.statusCode).toBe(404);
    expect((await t.request('GET', '/api/dashboard/series')).statusCode).toBe(401);
  });
});

describe('members and employers tiles', () => {
  it('root and every child equal a direct SQL count', async () => {
    const county = await t.make.org({ level: 'county', name: '看板卡片测试区总工会' });
    const towns = [];
    for (let i = 0; i < 3; i++) towns.push(await t.make.org({ parent: county, level: 'town', name: `看板卡片测试${i}街道总工会` }));
    const unions = [];
    for (let i = 0; i < 6; i++) unions.push(await t.make.org({ parent: towns[i % 3]!, level: 'grassroots', kind: 'enterprise', name: `看板卡片测试${i}号公司工会` }));
    const employers = [];
    for (let i = 0; i < 5; i++) employers.push((await t.make.enterprise({ town: towns[i % 3]!, union: i < 2 ? unions[i]! : null, employees: i === 4 ? null : 10 + i })).id);
    const day = (monthsAgo: number) => `${addMonths(thisMonth(), -monthsAgo).slice(0, 7)}-15`;
    const ids: number[] = [];
    for (let i = 0; i < 30; i++) {
      const m = await t.make.member({
        org: unions[i % 6]!, joinedOn: day(i % 9), sex: i % 2 ? 'female' : 'male', groups: i % 7 === 0 ? ['modelWorker'] : i % 5 === 0 ? ['craftsman'] : [],
        gigPlatform: i % 4 === 0 ? '美团' : null, enterpriseId: employers[i % 5]!,
      });
      ids.push(m.id);
    }
    // departures and transfers between towns, each after the member's join, inside the period and after it
    for (const [k, monthsAgo] of [[8, 1], [7, 4], [6, 0]] as const) {
      await t.db.query(`UPDATE member SET status = 'left' WHERE id = $1`, [ids[k]]);
      await t.db.query(`INSERT INTO member_event (member_id, at, kind, from_status, to_status, actor_kind) VALUES ($1, $2, 'status', 'active', 'left', 'staff')`, [ids[k], day(monthsAgo)]);
    }
    for (const [k, to, monthsAgo] of [[3, unions[4]!, 2], [13, unions[2]!, 3], [5, unions[0]!, 0]] as const) {
      const [from] = await t.db.query<{ orgId: number }>(`SELECT org_id::int AS "orgId" FROM member WHERE id = $1`, [ids[k]]);
      await t.db.query(`UPDATE member SET org_id = $2 WHERE id = $1`, [ids[k], to.id]);
      await t.db.query(`INSERT INTO member_event (member_id, at, kind, from_status, to_status, from_org_id, to_org_id, actor_kind) VALUES ($1, $2, 'transferred', 'transferring', 'active', $3, $4, 'staff')`, [ids[k], day(monthsAgo), from!.orgId, to.id]);
    }
    const from = addMonths(thisMonth(), -5).slice(0, 7);
    const to = addMonths(thisMonth(), -1).slice(0, 7);
    const start = new Date(`${from}-01T00:00:00+08:00`);
    const end = new Date(`${addMonths(to, 1)}T00:00:00+08:00`);
    const at: TileAt = {
      root: county.path as OrgPath,
      rootId: county.id,
      children: towns.map((x) => ({ id: x.id, path: x.path as OrgPath })),
      period: { from, to, start, end },
    };
    const direct: Record<string, string> = {
      'members.now': `SELECT count(*) FROM member m WHERE m.id = ANY($4::bigint[]) AND (
                        SELECT CASE WHEN e.kind = 'status' THEN NULL ELSE e.to_org_id END FROM member_event e
                         WHERE e.member_id = m.id AND e.kind IN ('joined', 'transferred', 'status') AND e.at < $3 ORDER BY e.at DESC, e.id DESC LIMIT 1
                      ) IN (SELECT id FROM org WHERE path <@ $1::ltree)`,
      'members.joins': `SELECT count(*) FROM member_event e JOIN org o ON o.id = e.to_org_id WHERE e.kind IN ('joined', 'rejoined') AND o.path <@ $1::ltree AND e.at >= $2 AND e.at < $3`,
      'members.departures': `SELECT count(*) FROM member_event e JOIN member m ON m.id = e.member_id JOIN org o ON o.id = m.org_id WHERE e.kind = 'status' AND e.to_status = 'left' AND o.path <@ $1::ltree AND e.at >= $2 AND e.at < $3`,
      'members.transfersIn': `SELECT count(*) FROM member_event e JOIN org f ON f.id = e.from_org_id JOIN org o ON o.id = e.to_org_id WHERE e.kind = 'transferred' AND o.path <@ $1::ltree AND NOT f.path <@ $1::ltree AND e.at >= $2 AND e.at < $3`,
      'members.transfersOut': `SELECT count(*) FROM member_event e JOIN org f ON f.id = e.from_org_id JOIN org o ON o.id = e.to_org_id WHERE e.kind = 'transferred' AND f.path <@ $1::ltree AND NOT o.path <@ $1::ltree AND e.at >= $2 AND e.at < $3`,
      'members.gig': `SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased') AND m.gig_platform IS NOT NULL`,
      'members.women': `SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased') AND m.sex = 'female'`,
      'members.modelWorkers': `SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased') AND 'modelWorker' = ANY (m.groups)`,
      'members.craftsmen': `SELECT count(*) FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ $1::ltree AND m.status NOT IN ('left', 'deceased') AND 'craftsman' = ANY (m.groups)`,
      'enterprises.known': `SELECT count(*) FROM enterprise e JOIN org o ON o.id = e.town_org_id WHERE o.path <@ $1::ltree AND e.merged_into IS NULL`,
      'enterprises.unionised': `SELECT count(*) FROM enterprise e JOIN org o ON o.id = e.town_org_id WHERE o.path <@ $1::ltree AND e.merged_into IS NULL AND e.union_org_id IS NOT NULL`,
      'enterprises.membershipRate': `SELECT sum((SELECT count(*) FROM member m WHERE m.enterprise_id = e.id AND m.status NOT IN ('left', 'deceased')))::float8 / nullif(sum(e.employees), 0)
                                       FROM enterprise e JOIN org o ON o.id = e.town_org_id WHERE o.path <@ $1::ltree AND e.merged_into IS NULL AND e.employees > 0`,
    };
    const tiles = [...memberTiles, ...enterpriseTiles];
    expect(tiles.map((x) => x.id).sort()).toEqual(Object.keys(direct).sort());
    let nonZero = 0;
    for (const tile of tiles) {
      const got = await tile.compute(t.db, at);
      const count = async (path: string) => {
        const [r] = await t.db.query<{ n: number | null }>(`SELECT (${direct[tile.id]}) AS n FROM (SELECT $1::ltree, $2::timestamptz, $3::timestamptz, $4::bigint[]) AS p(a, b, c, d)`, [path, start, end, ids]);
        return r!.n === null ? null : Number(r!.n);
      };
      expect(got.root, `${tile.id} root`).toBeCloseTo((await count(county.path)) ?? NaN, 9);
      for (const c of towns) expect(got.byChild.get(c.id), `${tile.id} ${c.name}`).toBeCloseTo((await count(c.path)) ?? NaN, 9);
      if ([got.root, ...got.byChild.values()].some((v) => (v ?? 0) > 0)) nonZero++;
    }
    expect(nonZero).toBe(tiles.length);
  });
});
