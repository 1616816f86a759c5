// The members of one employer (GET /api/members?enterpriseId=, which the enterprise file's member count
// opens): only that employer's members, still only those in the caller's subtree; an employer the
// caller cannot see is not_found, a bad id is refused; 导出名册 takes the same filter; and a union's detail
// names its enterprise file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MemberSummary } from '../../../contracts/members.ts';
import type { OrgDetail } from '../../../contracts/orgs.ts';
import type { MadeOrg } from '../../db/seed/factories.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { workbookCells } from '../../../tests/helpers/rosters.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let townA: MadeOrg;
let unionA: MadeOrg;
let townB: MadeOrg;
let townAdmin: Session;
let employerId: number;
const inTownA: number[] = [];
const inTownB: number[] = [];

async function members(as: Session, query: string): Promise<{ items: MemberSummary[]; total: number }> {
  const res = await t.request('GET', `/api/members?${query}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang')]);
  const hz = await t.demoOrg('huazhou');
  townA = await t.make.org({ parent: hz, level: 'town', kind: 'federation', federationType: 'town' });
  townB = await t.make.org({ parent: hz, level: 'town', kind: 'federation', federationType: 'town' });
  unionA = await t.make.org({ parent: townA });
  const staff = await t.make.staff({ org: townA, roles: ['viewer'] });
  townAdmin = await t.login(staff.username, staff.password);

  const employer = await t.make.enterprise({ town: townA, union: unionA, employees: 20 });
  employerId = employer.id;
  // its members: two in its union, one parked in its town, one who left (listed: the list shows every status),
  // one who works there but belongs to the other town (outside a town A account's subtree)
  for (const org of [unionA, unionA, townA]) inTownA.push((await t.make.member({ org, enterpriseId: employer.id })).id);
  inTownA.push((await t.make.member({ org: unionA, enterpriseId: employer.id, status: 'left' })).id);
  inTownB.push((await t.make.member({ org: townB, enterpriseId: employer.id })).id);
  // another employer's member in the same union is not listed
  const other = await t.make.enterprise({ town: townA, union: unionA });
  await t.make.member({ org: unionA, enterpriseId: other.id });
});
afterAll(async () => t.close());

describe('members of one employer', () => {
  it('lists the employer’s members in the caller’s subtree only, with the other filters; the total is a direct count', async () => {
    const mine = await members(townAdmin, `enterpriseId=${employerId}&pageSize=100`);
    expect(sorted(mine.items.map((m) => m.id))).toEqual(sorted(inTownA));
    expect(mine.total).toBe(inTownA.length);

    const city = await members(huazhou, `enterpriseId=${employerId}&pageSize=100`);
    expect(sorted(city.items.map((m) => m.id))).toEqual(sorted([...inTownA, ...inTownB]));
    const [direct] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE enterprise_id = $1`, [employerId]);
    expect(city.total).toBe(direct!.n);

    // the counted members (the file's member count) are the list less those who left or died
    const [file] = await t.db.query<{ n: number }>(`SELECT member_count AS n FROM enterprise WHERE id = $1`, [employerId]);
    const counted = city.items.filter((m) => m.status !== 'left' && m.status !== 'deceased').length;
    expect(counted).toBe(file!.n);

    expect((await members(huazhou, `enterpriseId=${employerId}&status=left`)).total).toBe(1);
    expect((await members(huazhou, `enterpriseId=${employerId}&orgId=${townB.id}`)).items.map((m) => m.id)).toEqual(inTownB);
  });

  it('answers not_found for an employer outside the scope, as for one that does not exist', async () => {
    for (const [as, id] of [[yangjiang, employerId], [admin, 999_999_999]] as const) {
      const res = await t.request('GET', `/api/members?enterpriseId=${id}`, { as });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    }
    // town B's account sees neither the employer (its town and union are town A's) nor its member there
    const staffB = await t.make.staff({ org: townB, roles: ['admin'] });
    const b = await t.login(staffB.username, staffB.password);
    expect((await t.request('GET', `/api/members?enterpriseId=${employerId}`, { as: b })).statusCode).toBe(404);
  });

  it('refuses a bad id with a Chinese message', async () => {
    for (const bad of ['0', '-1', 'abc', '1.5', '', '99999999999999999']) {
      const res = await t.request('GET', `/api/members?enterpriseId=${encodeURIComponent(bad)}`, { as: huazhou });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json()).toMatchObject({ error: 'validation_failed' });
      expect(res.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe('导出名册 of one employer (GET /api/members/export?enterpriseId=)', () => {
  it('exports exactly the employer’s members in the caller’s subtree, declares and audits it; an employer outside the scope is not_found', async () => {
    const exported = async (as: Session, query: string) => {
      const res = await t.request('GET', `/api/members/export?${query}`, { as });
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      const [sheet] = await workbookCells(res.rawPayload);
      const file = decodeURIComponent(String(res.headers['content-disposition']).split("UTF-8''")[1] ?? '');
      return { names: sheet!.rows.slice(1).map((r) => r[1]), declared: Number(res.headers['x-export-rows']), file };
    };
    const namesOf = async (ids: number[]) =>
      (await t.db.query<{ name: string }>(`SELECT name FROM member WHERE id = ANY($1::bigint[])`, [ids])).map((r) => r.name).sort();

    const all = await exported(huazhou, `enterpriseId=${employerId}&status=all`);
    expect(all.declared).toBe(inTownA.length + inTownB.length);
    // the file is named after the employer, not the caller's union
    const [{ name: employerName }] = (await t.db.query<{ name: string }>(`SELECT name FROM enterprise WHERE id = $1`, [employerId])) as [{ name: string }];
    expect(all.file).toMatch(new RegExp(`^会员名册-${employerName.replace(/[()（）]/g, '.')}-\\d{8}\\.xlsx$`));
    expect([...all.names].sort()).toEqual(await namesOf([...inTownA, ...inTownB]));
    // the default (active) leaves out the one who left; orgId narrows to town B
    expect((await exported(huazhou, `enterpriseId=${employerId}`)).declared).toBe(inTownA.length - 1 + inTownB.length);
    expect((await exported(huazhou, `enterpriseId=${employerId}&orgId=${townB.id}&status=all`)).names).toEqual(await namesOf(inTownB));

    const [audited] = await t.db.query<{ detail: { enterpriseId: number; rows: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'member.export' ORDER BY id DESC LIMIT 1`,
    );
    expect(audited!.detail).toMatchObject({ enterpriseId: employerId, rows: 1 });

    for (const [as, id] of [[yangjiang, employerId], [admin, 999_999_999]] as const) {
      const res = await t.request('GET', `/api/members/export?enterpriseId=${id}`, { as });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: 'not_found' });
    }
    const bad = await t.request('GET', '/api/members/export?enterpriseId=abc', { as: huazhou });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<{ message: string }>().message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a union’s enterprise file (工会档案)', () => {
  it('names the employer a union covers alone first, with how many it covers; none for a union of no employer', async () => {
    const detail = async (as: Session, id: number) => {
      const res = await t.request('GET', `/api/orgs/${id}`, { as });
      expect(res.statusCode, res.body).toBe(200);
      return res.json<OrgDetail>();
    };
    expect((await detail(townAdmin, unionA.id)).enterprise).toEqual({ id: employerId, name: expect.any(String), employers: 2 });
    expect((await detail(townAdmin, townA.id)).enterprise).toBeNull();
    const lone = await t.make.org({ parent: townA });
    expect((await detail(huazhou, lone.id)).enterprise).toBeNull();
    // a federation covering employers jointly names the first of them
    const joint = await t.make.org({ parent: townA, kind: 'federation', federationType: 'industry' });
    const j1 = await t.make.enterprise({ town: townA });
    const j2 = await t.make.enterprise({ town: townA });
    for (const j of [j2, j1]) await t.make.fact({ enterprise: j, kind: 'union', value: { orgId: joint.id, coverage: 'joint' } });
    expect((await detail(huazhou, joint.id)).enterprise).toEqual({ id: j1.id, name: j1.name, employers: 2 });
    // outside the scope: not_found, nothing about the employer
    const res = await t.request('GET', `/api/orgs/${unionA.id}`, { as: yangjiang });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(String(employerId));
  });
});
