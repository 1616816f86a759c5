// 我要建会: a member sees their employer (its union or none, colleagues joined) and asks once per
// employer; the town sees the lead in its scope with the member masked; the workbench counts the
// file's alerts of the caller's subtree, each against a direct count.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FoundingRequest, MyEmployer } from '../../../contracts/founding-requests.ts';
import type { Workbench } from '../../../contracts/workbench.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newKey } from '../../../tests/helpers/activities.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let shiwanId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang')]);
  shiwanId = await t.demoOrg('shiwan');
});
afterAll(async () => t.close());

async function employerOf(m: Session): Promise<MyEmployer> {
  const res = await t.request('GET', '/api/me/employer', { as: m });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<MyEmployer>();
}

function ask(m: Session, body: unknown, key = newKey()) {
  return t.request('POST', '/api/me/founding-requests', { as: m, body, headers: { 'idempotency-key': key } });
}

async function leads(as: Session, query = 'pageSize=200'): Promise<{ items: FoundingRequest[]; total: number }> {
  const res = await t.request('GET', `/api/enterprises/founding-requests?${query}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('我要建会', () => {
  let members: MemberLogin[];
  let enterpriseId: number;

  beforeAll(async () => {
    const e = await t.make.enterprise({ town: shiwanId, union: null, name: '化州市建会测试电子有限公司' });
    enterpriseId = e.id;
    members = await newMemberSessions(t, admin, 3, { org: shiwanId, enterpriseId: e.id });
    await t.make.member({ org: shiwanId, enterpriseId: e.id, status: 'left' });
  });

  it('shows the employer without a union, its town and the colleagues joined (counted only); the tile is offered', async () => {
    const me = await employerOf(members[0]!);
    const [direct] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM member WHERE enterprise_id = $1 AND status NOT IN ('left', 'deceased')`, [enterpriseId]);
    expect(direct!.n).toBe(3);
    expect(me).toMatchObject({
      enterprise: { id: enterpriseId, name: '化州市建会测试电子有限公司', town: { id: shiwanId }, union: null, colleaguesJoined: 3, requestedAt: null },
      mayRequestFounding: true,
    });
  });

  it('an employer with a union, or no employer in the file: the tile is not offered and a request is refused, nothing written', async () => {
    const union = await t.make.org({ parent: shiwanId });
    const withUnion = await t.make.enterprise({ town: shiwanId, union });
    const [inUnion] = await newMemberSessions(t, admin, 1, { org: union.id, enterpriseId: withUnion.id });
    const me = await employerOf(inUnion!);
    expect(me.enterprise?.union).toEqual({ id: union.id, name: union.name });
    expect(me.mayRequestFounding).toBe(false);
    const refused = await ask(inUnion!, { mayContact: true });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('founding_request_has_union');

    const [none] = await newMemberSessions(t, admin, 1, { org: shiwanId, enterpriseId: null });
    const meNone = await employerOf(none!);
    expect(meNone).toMatchObject({ enterprise: null, mayRequestFounding: false });
    const r2 = await ask(none!, { mayContact: false });
    expect(r2.json().error).toBe('founding_request_no_employer');
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM founding_request WHERE member_id = ANY($1::bigint[])`, [[inUnion!.memberId, none!.memberId]]);
    expect(n!.n).toBe(0);
  });

  it('a gig member sees their platform and the platform federation that holds their membership', async () => {
    const fed = await t.make.org({ parent: shiwanId, kind: 'federation', federationType: 'platform', name: '化州市测试平台司机工会联合会' });
    const [rider] = await newMemberSessions(t, admin, 1, { org: fed.id, gigPlatform: '美团' });
    expect((await employerOf(rider!)).gig).toEqual({ platform: '美团', platformFederation: { id: fed.id, name: fed.name } });
    const [other] = await newMemberSessions(t, admin, 1, { org: shiwanId, gigPlatform: '货拉拉' });
    expect((await employerOf(other!)).gig).toEqual({ platform: '货拉拉', platformFederation: null });
  });

  it('once per member and employer: the same key replays, another key is refused; audited with no personal data', async () => {
    const key = newKey();
    const first = await ask(members[0]!, { note: '我们厂有一百多人，希望建立工会', mayContact: true }, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ enterpriseId, enterpriseName: '化州市建会测试电子有限公司', mayContact: true });
    const replay = await ask(members[0]!, { note: '我们厂有一百多人，希望建立工会', mayContact: true }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(first.body);
    const reused = await ask(members[0]!, { mayContact: false }, key);
    expect(reused.json().error).toBe('idempotency_key_reused');
    const again = await ask(members[0]!, { mayContact: true });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('founding_request_exists');
    const [rows] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM founding_request WHERE member_id = $1`, [members[0]!.memberId]);
    expect(rows!.n).toBe(1);
    expect((await employerOf(members[0]!)).enterprise?.requestedAt).toBe(first.json().createdAt);

    const [entry] = await t.db.query<{ action: string; org_path: string; detail: Record<string, unknown>; actor_kind: string }>(
      `SELECT action, org_path::text, detail, actor_kind FROM audit_log WHERE action = 'founding_request.create' AND target_id = $1`,
      [String(first.json().id)],
    );
    expect(entry).toMatchObject({ actor_kind: 'member', detail: { enterpriseId, mayContact: true } });
    expect(JSON.stringify(entry!.detail)).not.toContain(members[0]!.name);
    expect(JSON.stringify(entry!.detail)).not.toContain(members[0]!.phone);
  });

  it('the town and its ancestors see the lead, the member masked and no phone; 阳江 does not; open leads close when a union is linked', async () => {
    await ask(members[1]!, { mayContact: false });
    const mine = (await leads(huazhou)).items.filter((r) => r.enterprise.id === enterpriseId);
    expect(mine).toHaveLength(2);
    const lead = mine.find((r) => r.memberId === members[0]!.memberId)!;
    expect(lead).toMatchObject({ town: { id: shiwanId }, colleaguesJoined: 3, requestsForEmployer: 2, note: '我们厂有一百多人，希望建立工会', mayContact: true, handledAt: null });
    expect(lead.memberNameMasked).not.toBe(members[0]!.name);
    expect(lead.memberNameMasked).toContain('*');
    const body = JSON.stringify(mine);
    expect(body).not.toContain(members[0]!.phone);
    expect(body).not.toContain(members[0]!.name);
    expect((await leads(admin)).items.some((r) => r.enterprise.id === enterpriseId)).toBe(true);
    expect((await leads(await t.login('shiwan'))).items.some((r) => r.enterprise.id === enterpriseId)).toBe(true);
    expect((await leads(await t.login('huazhou-view'))).items.some((r) => r.enterprise.id === enterpriseId)).toBe(true);
    expect((await leads(yangjiang)).items.some((r) => r.enterprise.id === enterpriseId)).toBe(false);
    const open = await leads(huazhou, 'open=true&pageSize=200');
    expect(open.items.filter((r) => r.enterprise.id === enterpriseId)).toHaveLength(2);
    // paging: total is the whole count
    const page1 = await leads(huazhou, 'pageSize=1');
    expect(page1.items).toHaveLength(1);
    expect(page1.total).toBeGreaterThanOrEqual(2);
  });

  it('refuses a staff session, nobody logged in, a body beyond bounds, and a worker who is not a member', async () => {
    expect((await t.request('GET', '/api/me/employer', { as: huazhou })).json().error).toBe('member_only');
    expect((await t.request('GET', '/api/me/employer')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/enterprises/founding-requests', { as: members[2]! })).json().error).toBe('staff_only');
    const long = await ask(members[2]!, { note: '建'.repeat(201), mayContact: true });
    expect(long.statusCode).toBe(400);
    const missing = await ask(members[2]!, { note: '希望建会' });
    expect(missing.statusCode).toBe(400);
    const noKey = await t.request('POST', '/api/me/founding-requests', { as: members[2]!, body: { mayContact: true } });
    expect(noKey.json().error).toBe('idempotency_key_required');
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM founding_request WHERE member_id = $1`, [members[2]!.memberId]);
    expect(n!.n).toBe(0);
  });
});

describe('the workbench’s file alerts', () => {
  async function bench(as: Session): Promise<Workbench['fileAlerts']> {
    const res = await t.request('GET', '/api/workbench', { as });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Workbench>().fileAlerts;
  }

  /** The four counts of a subtree, straight from the tables (the first three count employers in scope by their town or union). */
  async function direct(path: string) {
    const today = beijingDay();
    const [r] = await t.db.query<{ contracts: number; congress: number; over: number; requests: number }>(
      `WITH live AS (
         SELECT e.*, u.status AS union_status, u.level AS union_level FROM enterprise e JOIN org t ON t.id = e.town_org_id LEFT JOIN org u ON u.id = e.union_org_id
          WHERE (t.path <@ $1::ltree OR u.path <@ $1::ltree) AND e.merged_into IS NULL)
       SELECT
         (SELECT count(*) FROM live e WHERE e.union_status = 'active' AND e.union_org_id IN (
            SELECT f.org_id FROM union_file f, LATERAL (VALUES (f.general_contract_expires_on), (f.wage_contract_expires_on), (f.women_contract_expires_on)) c(d)
             WHERE c.d >= $2::date AND c.d <= $2::date + 60))::int AS contracts,
         (SELECT count(*) FROM live e JOIN union_file f ON f.org_id = e.union_org_id
           WHERE e.union_status = 'active' AND e.union_level = 'grassroots'
             AND (f.last_congress_on IS NULL OR f.last_congress_on < ($2::date - interval '12 months')::date))::int AS congress,
         (SELECT count(*) FROM live e WHERE e.employees IS NOT NULL
             AND e.employees < (SELECT count(*) FROM member m WHERE m.enterprise_id = e.id AND m.status NOT IN ('left', 'deceased')))::int AS over,
         (SELECT count(*) FROM founding_request r JOIN enterprise e ON e.id = r.enterprise_id JOIN org t ON t.id = r.town_org_id
           WHERE t.path <@ $1::ltree AND r.handled_at IS NULL AND e.union_org_id IS NULL)::int AS requests`,
      [path, today],
    );
    return r!;
  }

  function dayFrom(today: string, days: number): string {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  }

  it('counts a fresh town’s employers by their union’s contracts and congresses, over-full employers and leads exactly, and its parents as their direct counts', async () => {
    const today = beijingDay();
    const huazhouId = await t.demoOrg('huazhou');
    const town = await t.make.org({ parent: huazhouId, level: 'town', kind: 'federation', federationType: 'town' });
    const staff = await t.make.staff({ org: town, roles: ['admin'] });
    const townAdmin = await t.login(staff.username, staff.password);
    expect(await bench(townAdmin)).toMatchObject({
      contractsExpiring: { count: 0 },
      unionsWithoutCongress: { count: 0 },
      membersOverEmployees: { count: 0 },
      openFoundingRequests: { count: 0, link: '/founding-requests?open=true' },
    });

    const [u1, u2, u3] = [await t.make.org({ parent: town }), await t.make.org({ parent: town }), await t.make.org({ parent: town })];
    const contract = (type: string, expiresOn: string) => ({ type, signedOn: '2024-01-01', startsOn: '2024-01-01', expiresOn, coveredWorkers: 50 });
    // u1: general expires in 30 days (counted), wage in 61 (not); u2: women's expires today (counted), general expired yesterday (not)
    await t.make.fact({ org: u1, kind: 'collectiveContract', value: contract('general', dayFrom(today, 30)) });
    await t.make.fact({ org: u1, kind: 'collectiveContract', value: contract('wage', dayFrom(today, 61)) });
    await t.make.fact({ org: u2, kind: 'collectiveContract', value: contract('women', today) });
    await t.make.fact({ org: u2, kind: 'collectiveContract', value: contract('general', dayFrom(today, -1)) });
    // congresses: u1 held one 2 months ago (fine); u2 none (counted); u3 13 months ago (counted)
    await t.make.fact({ org: u1, kind: 'workersCongress', value: { heldOn: dayFrom(today, -60), delegates: 30 } });
    await t.make.fact({ org: u3, kind: 'workersCongress', value: { heldOn: dayFrom(today, -400), delegates: 30 } });

    // the unions' employers (the alerts count employers): u1 covers two (the second jointly), u2 and u3 one each;
    // a union without an employer is counted by none
    const u4 = await t.make.org({ parent: town });
    await t.make.fact({ org: u4, kind: 'collectiveContract', value: contract('general', dayFrom(today, 10)) });
    const e1 = await t.make.enterprise({ town, union: u1 });
    const e1b = await t.make.enterprise({ town, union: null });
    await t.make.fact({ enterprise: e1b, kind: 'union', value: { orgId: u1.id, coverage: 'joint' } });
    await t.make.enterprise({ town, union: u2 });
    await t.make.enterprise({ town, union: u3 });
    // a merged duplicate of e1 is counted by none
    const dup = await t.make.enterprise({ town, union: u1 });
    await t.db.query(`UPDATE enterprise SET merged_into = $1 WHERE id = $2`, [e1.id, dup.id]);

    // employers: 2 reported, 3 members (over); 5 reported, 3 members (not); unsized (not)
    const over = await t.make.enterprise({ town, union: null, employees: 2 });
    const fine = await t.make.enterprise({ town, union: null, employees: 5 });
    const unsized = await t.make.enterprise({ town, union: null, employees: null });
    for (const e of [over, fine, unsized]) for (let i = 0; i < 3; i++) await t.make.member({ org: town, enterpriseId: e.id });
    // a fourth member of `fine` who left does not count
    await t.make.member({ org: town, enterpriseId: fine.id, status: 'left' });

    const [m1, m2] = await newMemberSessions(t, admin, 2, { org: town.id, enterpriseId: unsized.id });
    expect((await ask(m1!, { mayContact: true })).statusCode).toBe(201);
    expect((await ask(m2!, { mayContact: true })).statusCode).toBe(201);

    const mine = await bench(townAdmin);
    // contracts: e1, e1b (u1's general in 30 days), u2's employer (women's today); congress: u2's and u3's employers
    expect(mine).toEqual({
      contractsExpiring: { count: 3, link: '/enterprises?alert=contractExpiring' },
      unionsWithoutCongress: { count: 2, link: '/enterprises?alert=noCongress' },
      membersOverEmployees: { count: 1, link: '/enterprises?alert=membersOverEmployees' },
      openFoundingRequests: { count: 2, link: '/founding-requests?open=true' },
    });
    expect(await direct(town.path)).toEqual({ contracts: 3, congress: 2, over: 1, requests: 2 });

    // the ancestors: each equals its own direct count (the demo's records included)
    const [hz] = await t.db.query<{ path: string }>(`SELECT path::text FROM org WHERE id = $1`, [huazhouId]);
    const [root] = await t.db.query<{ path: string }>(`SELECT path::text FROM org WHERE parent_id IS NULL ORDER BY id LIMIT 1`);
    const count = (a: Workbench['fileAlerts']) => ({ contracts: a.contractsExpiring.count, congress: a.unionsWithoutCongress.count, over: a.membersOverEmployees.count, requests: a.openFoundingRequests.count });
    expect(count(await bench(huazhou))).toEqual(await direct(hz!.path));
    expect(count(await bench(admin))).toEqual(await direct(root!.path));
    const yj = await t.demoOrg('yangjiang');
    const [yjp] = await t.db.query<{ path: string }>(`SELECT path::text FROM org WHERE id = $1`, [yj]);
    expect(count(await bench(yangjiang))).toEqual(await direct(yjp!.path));
    expect(count(await bench(yangjiang)).contracts).toBeLessThan(count(await bench(admin)).contracts);

    // a union linked to the employer closes its leads
    await t.make.fact({ enterprise: unsized, kind: 'union', value: { orgId: u3.id, coverage: 'own' } });
    expect((await bench(townAdmin)).openFoundingRequests.count).toBe(0);
  });
});
