import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGS, startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';

let t: TestApp;
let huazhou: Session;
let viewer: Session;
let admin: Session;
let huazhouId: number;
let shiwanId: number;
let yangjiangId: number;

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, viewer, admin] = await Promise.all([t.login('huazhou'), t.login('huazhou-view'), t.login('admin')]);
  huazhouId = await t.demoOrg('huazhou');
  shiwanId = await t.demoOrg('shiwan');
  yangjiangId = await t.demoOrg('yangjiang');
});
afterAll(async () => t.close());

/** Members not gone, counted from the member rows themselves. */
async function membersUnder(id: number): Promise<number> {
  const [r] = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status NOT IN ('left', 'deceased')`,
    [id],
  );
  return r!.n;
}

describe('GET /api/orgs/:id', () => {
  it('shows an org of the scope with its subtree figures', async () => {
    const res = await t.request('GET', `/api/orgs/${shiwanId}`, { as: huazhou });
    expect(res.statusCode).toBe(200);
    const org = res.json();
    expect(org).toMatchObject({ id: shiwanId, name: DEMO_ORGS.shiwan, level: 'town', kind: 'federation', parentId: huazhouId });
    expect(org.ancestors).toEqual([{ id: huazhouId, name: DEMO_ORGS.huazhou }]);
    expect(org.memberCount).toBe(await membersUnder(shiwanId));
    expect(org.memberCount).toBeGreaterThan(0);
  });

  it('hides what lies above the scope root', async () => {
    const org = (await t.request('GET', `/api/orgs/${huazhouId}`, { as: huazhou })).json();
    expect(org.parentId).toBeNull();
    expect(org.ancestors).toEqual([]);
    const fromProvince = (await t.request('GET', `/api/orgs/${huazhouId}`, { as: admin })).json();
    expect(fromProvince.ancestors.map((a: { name: string }) => a.name)).toEqual([DEMO_ORGS.province, DEMO_ORGS.maoming]);
  });

  it('answers 404 for an org outside the scope, exactly as for one that does not exist', async () => {
    const outside = await t.request('GET', `/api/orgs/${yangjiangId}`, { as: huazhou });
    const missing = await t.request('GET', '/api/orgs/987654321', { as: huazhou });
    expect(outside.statusCode).toBe(404);
    expect(outside.body).toBe(missing.body);
    expect(outside.body).not.toContain('阳江');
  });

  it('needs a login and a valid id', async () => {
    expect((await t.request('GET', `/api/orgs/${huazhouId}`)).statusCode).toBe(401);
    for (const bad of ['abc', '-1', '0', '1.5', '99999999999999999999']) {
      const res = await t.request('GET', `/api/orgs/${bad}`, { as: huazhou });
      expect(res.statusCode, bad).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
  });
});

describe('GET /api/orgs/:id/children', () => {
  it('lists the children with their subtree member counts, which add up', async () => {
    const res = await t.request('GET', `/api/orgs/${huazhouId}/children?pageSize=200`, { as: huazhou });
    expect(res.statusCode).toBe(200);
    const { items, total } = res.json<{ items: { id: number; memberCount: number; parentId: number }[]; total: number }>();
    expect(total).toBe(items.length);
    expect(items.length).toBeGreaterThan(10);
    expect(items.every((c) => c.parentId === huazhouId)).toBe(true);
    const parent = (await t.request('GET', `/api/orgs/${huazhouId}`, { as: huazhou })).json();
    expect(items.reduce((s, c) => s + c.memberCount, 0) + parent.directMemberCount).toBe(parent.memberCount);
    for (const c of items.slice(0, 3)) expect(c.memberCount).toBe(await membersUnder(c.id));
  });

  it('pages', async () => {
    const p1 = (await t.request('GET', `/api/orgs/${huazhouId}/children?pageSize=5&page=1`, { as: huazhou })).json();
    const p2 = (await t.request('GET', `/api/orgs/${huazhouId}/children?pageSize=5&page=2`, { as: huazhou })).json();
    expect(p1.items).toHaveLength(5);
    expect(p2.items[0].id).not.toBe(p1.items[0].id);
    expect((await t.request('GET', `/api/orgs/${huazhouId}/children?pageSize=201`, { as: huazhou })).statusCode).toBe(400);
  });

  it('is 404 outside the scope and 401 without login', async () => {
    expect((await t.request('GET', `/api/orgs/${yangjiangId}/children`, { as: huazhou })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/orgs/${huazhouId}/children`)).statusCode).toBe(401);
  });
});

describe('GET /api/orgs (search)', () => {
  it('finds by a 2-character Chinese query, within the scope only', async () => {
    const res = await t.request('GET', `/api/orgs?q=${encodeURIComponent('石湾')}`, { as: huazhou });
    const names = res.json().items.map((o: { name: string }) => o.name);
    expect(names).toContain(DEMO_ORGS.shiwan);
    expect(names.every((n: string) => n.includes('石湾'))).toBe(true);
    const across = await t.request('GET', `/api/orgs?q=${encodeURIComponent('江城')}`, { as: huazhou });
    expect(across.json()).toEqual({ items: [], total: 0 });
    const fromAdmin = await t.request('GET', `/api/orgs?q=${encodeURIComponent('江城')}`, { as: admin });
    expect(fromAdmin.json().total).toBeGreaterThan(0);
  });

  it('matches longer and one-character queries, treats % and _ literally, and filters', async () => {
    const three = (await t.request('GET', `/api/orgs?q=${encodeURIComponent('石湾街道')}`, { as: huazhou })).json();
    expect(three.items[0].name).toBe(DEMO_ORGS.shiwan);
    const pct = (await t.request('GET', `/api/orgs?q=${encodeURIComponent('%')}`, { as: huazhou })).json();
    expect(pct.total).toBe(0);
    const towns = (await t.request('GET', `/api/orgs?level=town&pageSize=200`, { as: huazhou })).json();
    expect(towns.items.every((o: { level: string }) => o.level === 'town')).toBe(true);
    expect(towns.total).toBeGreaterThan(20);
    const under = (await t.request('GET', `/api/orgs?rootId=${shiwanId}&pageSize=200`, { as: huazhou })).json();
    expect(under.items.map((o: { id: number }) => o.id)).toContain(shiwanId);
    expect(under.total).toBeLessThan(towns.total + 10);
  });

  it('refuses a root outside the scope and bad filters', async () => {
    expect((await t.request('GET', `/api/orgs?rootId=${yangjiangId}`, { as: huazhou })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/orgs?level=planet`, { as: huazhou })).statusCode).toBe(400);
    expect((await t.request('GET', `/api/orgs?q=${'长'.repeat(51)}`, { as: huazhou })).statusCode).toBe(400);
    expect((await t.request('GET', `/api/orgs?q=x&foo=1`, { as: huazhou })).statusCode).toBe(400);
  });
});

describe('POST /api/orgs (found a union)', () => {
  it('founds a union under a parent in scope, audited', async () => {
    const creditCode = makeCreditCode('81', '440982', 'T0000001');
    const res = await t.request('POST', '/api/orgs', {
      as: huazhou,
      body: { parentId: shiwanId, name: '化州市鸿运物流有限公司工会', level: 'grassroots', kind: 'enterprise', creditCode, chairName: '陈建国', foundedOn: '2026-11-01', industry: '物流运输' },
    });
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org).toMatchObject({ parentId: shiwanId, level: 'grassroots', memberCount: 0, creditCode, foundedOn: '2026-11-01', status: 'active' });
    const [row] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [org.id]);
    const [parent] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [shiwanId]);
    expect(row!.path).toBe(`${parent!.path}.${org.id}`);
    const audit = await t.db.query(`SELECT actor_name, action FROM audit_log WHERE action = 'org.found' AND target_id = $1`, [String(org.id)]);
    expect(audit).toEqual([{ actor_name: 'huazhou', action: 'org.found' }]);
    const dup = await t.request('POST', '/api/orgs', { as: huazhou, body: { parentId: shiwanId, name: '化州市另一家公司工会', level: 'grassroots', kind: 'enterprise', creditCode } });
    expect(dup.json().error).toBe('credit_code_taken');
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await t.db.query(`SELECT count(*)::int AS n FROM org`);
    const base = { parentId: shiwanId, name: '化州市测试工会', level: 'grassroots', kind: 'enterprise' };
    const cases: [unknown, string][] = [
      [{ ...base, name: '化' }, 'validation_failed'],
      [{ ...base, name: '长'.repeat(101) }, 'validation_failed'],
      [{ ...base, level: 'galaxy' }, 'validation_failed'],
      [{ ...base, parentId: 'x' }, 'validation_failed'],
      [{ ...base, unknown: true }, 'validation_failed'],
      [{ ...base, creditCode: '91440982MA00000000' }, 'validation_failed'],
      [{ ...base, creditCode: '81440982T00000010' + 'Y' }, 'invalid_credit_code'],
      [{ ...base, foundedOn: '2026-02-30' }, 'validation_failed'],
      [{ ...base, level: 'city' }, 'invalid_parent_level'],
      [{ ...base, name: '化州\u0000工会' }, 'validation_failed'],
    ];
    for (const [body, code] of cases) {
      const res = await t.request('POST', '/api/orgs', { as: huazhou, body });
      expect(res.json().error, JSON.stringify(body)).toBe(code);
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(await t.db.query(`SELECT count(*)::int AS n FROM org`)).toEqual(before);
  });

  it('is for admins, in scope, logged in', async () => {
    const body = { parentId: shiwanId, name: '化州市只读测试工会', level: 'grassroots', kind: 'enterprise' };
    expect((await t.request('POST', '/api/orgs', { as: viewer, body })).json().error).toBe('forbidden');
    expect((await t.request('POST', '/api/orgs', { body })).statusCode).toBe(401);
    const outside = await t.request('POST', '/api/orgs', { as: huazhou, body: { ...body, parentId: yangjiangId } });
    expect(outside.statusCode).toBe(404);
  });
});

describe('PATCH /api/orgs/:id', () => {
  it('changes attributes and re-sorts by the new name', async () => {
    const id = (await t.request('POST', '/api/orgs', { as: huazhou, body: { parentId: shiwanId, name: '化州市改名前工会', level: 'grassroots', kind: 'enterprise' } })).json().id;
    const res = await t.request('PATCH', `/api/orgs/${id}`, { as: huazhou, body: { name: '化州市改名后工会', chairName: '李秀英', industry: null } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '化州市改名后工会', chairName: '李秀英', industry: null });
    const [row] = await t.db.query<{ name_pinyin: string }>(`SELECT name_pinyin FROM org WHERE id = $1`, [id]);
    expect(row!.name_pinyin).toContain('gai ming hou');
  });

  it('refuses an empty patch, a level change, out of scope and non-admins', async () => {
    expect((await t.request('PATCH', `/api/orgs/${shiwanId}`, { as: huazhou, body: {} })).json().error).toBe('validation_failed');
    expect((await t.request('PATCH', `/api/orgs/${shiwanId}`, { as: huazhou, body: { level: 'city' } })).json().error).toBe('validation_failed');
    expect((await t.request('PATCH', `/api/orgs/${yangjiangId}`, { as: huazhou, body: { chairName: '张三' } })).statusCode).toBe(404);
    expect((await t.request('PATCH', `/api/orgs/${shiwanId}`, { as: viewer, body: { chairName: '张三' } })).statusCode).toBe(403);
    const [row] = await t.db.query<{ chair_name: string | null }>(`SELECT chair_name FROM org WHERE id = $1`, [yangjiangId]);
    expect(row!.chair_name).toBe('冯周海');
  });
});

describe('POST /api/orgs/:id/move', () => {
  it('moves a subtree in one piece: paths rewritten, member counts follow', async () => {
    const from = shiwanId;
    const to = await t.demoOrg('hexi');
    const child = (await t.request('GET', `/api/orgs/${from}/children?pageSize=200`, { as: huazhou })).json().items.find((c: { memberCount: number }) => c.memberCount > 0);
    const fromBefore = (await t.request('GET', `/api/orgs/${from}`, { as: huazhou })).json().memberCount;
    const toBefore = (await t.request('GET', `/api/orgs/${to}`, { as: huazhou })).json().memberCount;
    const res = await t.request('POST', `/api/orgs/${child.id}/move`, { as: huazhou, body: { newParentId: to } });
    expect(res.statusCode).toBe(200);
    expect(res.json().parentId).toBe(to);
    expect((await t.request('GET', `/api/orgs/${from}`, { as: huazhou })).json().memberCount).toBe(fromBefore - child.memberCount);
    expect((await t.request('GET', `/api/orgs/${to}`, { as: huazhou })).json().memberCount).toBe(toBefore + child.memberCount);
    const bad = await t.db.query(
      `SELECT c.id FROM org c JOIN org p ON p.id = c.parent_id WHERE c.path <> p.path || c.id::text::ltree`,
    );
    expect(bad).toEqual([]);
    // every kept subtree total still equals the sum over the subtree
    const drift = await t.db.query(`
      SELECT a.id FROM org a
       WHERE (SELECT coalesce(sum(r.members), 0) FROM org_rollup r WHERE r.org_id = a.id)
          <> (SELECT coalesce(sum(d.member_count), 0) FROM org d WHERE d.path <@ a.path)`);
    expect(drift).toEqual([]);
  });

  it('refuses a move under its own descendant and changes nothing', async () => {
    const descendant = (await t.request('GET', `/api/orgs/${shiwanId}/children`, { as: huazhou })).json().items[0].id;
    const paths = await t.db.query(`SELECT id, path::text FROM org ORDER BY id`);
    for (const target of [descendant, shiwanId]) {
      const res = await t.request('POST', `/api/orgs/${shiwanId}/move`, { as: huazhou, body: { newParentId: target } });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({ error: 'move_into_own_subtree', message: '不能将组织移动到其自身或其下级组织之下', statusCode: 409 });
    }
    expect(await t.db.query(`SELECT id, path::text FROM org ORDER BY id`)).toEqual(paths);
  });

  it('refuses the scope root, a parent of the wrong level, out-of-scope parents', async () => {
    const town = await t.demoOrg('hexi');
    expect((await t.request('POST', `/api/orgs/${huazhouId}/move`, { as: huazhou, body: { newParentId: shiwanId } })).json().error).toBe('cannot_change_scope_root');
    const grassroots = (await t.request('GET', `/api/orgs/${town}/children`, { as: huazhou })).json().items[0].id;
    expect((await t.request('POST', `/api/orgs/${shiwanId}/move`, { as: huazhou, body: { newParentId: grassroots } })).json().error).toBe('invalid_parent_level');
    expect((await t.request('POST', `/api/orgs/${shiwanId}/move`, { as: huazhou, body: { newParentId: yangjiangId } })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/orgs/${shiwanId}/move`, { as: viewer, body: { newParentId: town } })).statusCode).toBe(403);
  });

  it('lets the province move a county to another city, and the new city\'s staff then see it', async () => {
    const county = await t.demoOrg('jiangcheng');
    const maoming = await t.demoOrg('maoming');
    const res = await t.request('POST', `/api/orgs/${county}/move`, { as: admin, body: { newParentId: maoming } });
    expect(res.statusCode).toBe(200);
    const yj = await t.login('yangjiang');
    expect((await t.request('GET', `/api/orgs/${county}`, { as: yj })).statusCode).toBe(404);
    await t.request('POST', `/api/orgs/${county}/move`, { as: admin, body: { newParentId: yangjiangId } });
    expect((await t.request('GET', `/api/orgs/${county}`, { as: yj })).statusCode).toBe(200);
  });
});

describe('POST /api/orgs/:id/close', () => {
  it('closes an empty union, and refuses one with members or children', async () => {
    const id = (await t.request('POST', '/api/orgs', { as: huazhou, body: { parentId: shiwanId, name: '化州市待撤销公司工会', level: 'grassroots', kind: 'enterprise' } })).json().id;
    const res = await t.request('POST', `/api/orgs/${id}/close`, { as: huazhou, body: { reason: '企业注销' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'closed', closedReason: '企业注销' });
    expect((await t.request('POST', `/api/orgs/${id}/close`, { as: huazhou, body: { reason: '企业注销' } })).json().error).toBe('org_closed');
    expect((await t.request('POST', `/api/orgs`, { as: huazhou, body: { parentId: id, name: '化州市下级测试工会', level: 'grassroots', kind: 'enterprise' } })).json().error).toBe('org_closed');
    const full = await t.request('POST', `/api/orgs/${shiwanId}/close`, { as: huazhou, body: { reason: '测试' } });
    expect(full.json().error).toBe('org_not_empty');
    expect((await t.request('POST', `/api/orgs/${huazhouId}/close`, { as: huazhou, body: { reason: '测试' } })).json().error).toBe('cannot_change_scope_root');
    expect((await t.request('POST', `/api/orgs/${yangjiangId}/close`, { as: huazhou, body: { reason: '测试' } })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/orgs/${id}/close`, { as: huazhou, body: {} })).statusCode).toBe(400);
    const children = (await t.request('GET', `/api/orgs/${shiwanId}/children?status=closed`, { as: huazhou })).json();
    expect(children.items.map((c: { id: number }) => c.id)).toContain(id);
  });
});
