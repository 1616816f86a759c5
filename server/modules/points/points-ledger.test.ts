// 积分流水 over HTTP: the operations of the caller's subtree with filters and pages, the members
// of one operation, the xlsx export and its audit record; 阳江's operations are neither listed nor
// opened by 化州's staff.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';
import { memberSessions, type MemberSession } from '../../../tests/helpers/activities.ts';
import { pointWrite } from '../../../tests/helpers/points.ts';
import { buildOperationsWorkbook } from './ledger.service.ts';

let t: TestApp;
let huazhou: Session;
let yangjiang: Session;
let shiwan: Session;
let viewer: Session;
let huazhouId: number;
let shiwanId: number;
let yangjiangId: number;
let m: MemberSession[];
let yangjiangMemberId: number;
const ops = {} as Record<'issue' | 'shiwan' | 'redeem' | 'wrong' | 'reverse' | 'expire' | 'yangjiang', number>;

interface Item {
  id: number;
  kind: string;
  orgId: number;
  orgName: string;
  amount: number;
  memberCount: number;
  reason: string;
  actorName: string;
  reversesOperationId: number | null;
  reversedByOperationId: number | null;
  createdAt: string;
}

const list = async (as: Session, query = '') => {
  const res = await t.request('GET', `/api/points/operations${query ? `?${query}` : ''}`, { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Item[]; total: number }>();
};

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  [huazhou, yangjiang, shiwan, viewer] = await Promise.all([t.login('huazhou'), t.login('yangjiang'), t.login('shiwan'), t.login('huazhou-view')]);
  [huazhouId, shiwanId, yangjiangId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('shiwan'), t.demoOrg('yangjiang')]);
  m = await memberSessions(t, admin, huazhouId, 3);
  const [shiwanMember] = await memberSessions(t, admin, shiwanId, 1);
  const [y] = await t.db.query<{ id: number }>(
    `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' ORDER BY m.id LIMIT 1`,
    [yangjiangId],
  );
  yangjiangMemberId = y!.id;
  const write = async (as: Session | MemberSession, url: string, body: unknown) => {
    const res = await pointWrite(t, as, url, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  };
  // in order, oldest first: an issue to two members, one to 石湾's member by 石湾, a redemption, an
  // issue reversed, an expiry; and 阳江's own issue
  ops.issue = await write(huazhou, '/api/points/issues', { orgId: huazhouId, amount: 30, reason: '=SUM(A1:A9) 中秋节职工福利', memberIds: [m[0]!.memberId, m[1]!.memberId] });
  ops.shiwan = await write(shiwan, '/api/points/issues', { orgId: shiwanId, amount: 7, reason: '石湾街道先进表彰', memberIds: [shiwanMember!.memberId] });
  ops.redeem = await write(m[0]!, '/api/me/points/redemptions', { amount: 5, item: '电影票' });
  ops.wrong = await write(huazhou, '/api/points/issues', { orgId: huazhouId, amount: 9, reason: '发错的积分', memberIds: [m[2]!.memberId] });
  ops.reverse = await write(huazhou, `/api/points/operations/${ops.wrong}/reverse`, { reason: '发放对象有误' });
  ops.expire = await write(huazhou, '/api/points/expiries', { orgId: huazhouId, issuedBefore: '2000-01-01', reason: '年度积分清理' });
  ops.yangjiang = await write(yangjiang, '/api/points/issues', { orgId: yangjiangId, amount: 20, reason: '阳江积分发放', memberIds: [yangjiangMemberId] });
  // the 石湾 issue dated 00:30 on 2 March 2024, China time (16:30 UTC the day before)
  await t.db.query(`UPDATE point_operation SET created_at = '2024-03-01T16:30:00Z' WHERE id = $1`, [ops.shiwan]);
});
afterAll(async () => t.close());

describe('GET /api/points/operations', () => {
  it('lists the subtree newest first with the org, who did it and the reversal; nothing of 阳江', async () => {
    const all = await list(huazhou, 'pageSize=200');
    const mine = all.items.filter((i) => Object.values(ops).includes(i.id));
    expect(mine.map((i) => i.id)).toEqual([ops.expire, ops.reverse, ops.wrong, ops.redeem, ops.issue, ops.shiwan]);
    expect(all.items.map((i) => i.id)).not.toContain(ops.yangjiang);
    expect(JSON.stringify(all)).not.toContain('阳江');
    const [count] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM point_operation WHERE org_path <@ (SELECT path FROM org WHERE id = $1)`, [huazhouId]);
    expect(all.total).toBe(count!.n);
    const byId = new Map(all.items.map((i) => [i.id, i]));
    const [staff] = await t.db.query<{ name: string }>(`SELECT display_name AS name FROM staff WHERE username = 'huazhou'`);
    expect(byId.get(ops.issue)).toMatchObject({ kind: 'issue', orgId: huazhouId, orgName: DEMO_ORGS.huazhou, amount: 60, memberCount: 2, actorName: staff!.name, reversedByOperationId: null, reversesOperationId: null });
    expect(byId.get(ops.redeem)).toMatchObject({ kind: 'redeem', amount: 5, memberCount: 1, actorName: '会员本人', reason: '电影票' });
    expect(byId.get(ops.wrong)).toMatchObject({ reversedByOperationId: ops.reverse });
    expect(byId.get(ops.reverse)).toMatchObject({ kind: 'reverse', reversesOperationId: ops.wrong, reason: '发放对象有误' });
    expect(byId.get(ops.shiwan)).toMatchObject({ orgId: shiwanId, orgName: DEMO_ORGS.shiwan, createdAt: '2024-03-01T16:30:00.000Z' });
  });

  it('filters by union, kind and days (China time), and pages', async () => {
    const ofShiwan = await list(huazhou, `orgId=${shiwanId}&pageSize=200`);
    const inShiwan = await t.db.query<{ id: number }>(
      `SELECT id FROM point_operation WHERE org_path <@ (SELECT path FROM org WHERE id = $1) ORDER BY created_at DESC, id DESC`,
      [shiwanId],
    );
    expect(ofShiwan.items.map((i) => i.id)).toEqual(inShiwan.map((r) => r.id));
    expect(ofShiwan.items.map((i) => i.id)).toContain(ops.shiwan);
    expect(ofShiwan.items.map((i) => i.id)).not.toContain(ops.issue);
    const issues = await list(huazhou, 'kind=issue&pageSize=200');
    expect(issues.items.every((i) => i.kind === 'issue')).toBe(true);
    expect(issues.items.map((i) => i.id)).toEqual(expect.arrayContaining([ops.issue, ops.wrong, ops.shiwan]));
    expect((await list(huazhou, 'from=2024-03-02&to=2024-03-02')).items.map((i) => i.id)).toEqual([ops.shiwan]);
    expect((await list(huazhou, 'from=2024-03-01&to=2024-03-01')).items).toEqual([]);
    expect((await list(huazhou, 'to=2024-03-01')).total).toBe(0);
    const sinceThen = await list(huazhou, 'from=2024-03-03&pageSize=200');
    expect(sinceThen.items.map((i) => i.id)).not.toContain(ops.shiwan);
    expect(sinceThen.items.map((i) => i.id)).toContain(ops.issue);
    const p1 = await list(huazhou, 'pageSize=2&page=1');
    const p2 = await list(huazhou, 'pageSize=2&page=2');
    expect(p1.items.map((i) => i.id)).toEqual([ops.expire, ops.reverse]);
    expect(p2.items.map((i) => i.id)).toEqual([ops.wrong, ops.redeem]);
    expect(p2.total).toBe(p1.total);
  });

  it('石湾 sees its own subtree only; an org out of scope is 404; the viewer may read', async () => {
    const s = await list(shiwan, 'pageSize=200');
    expect(s.items.map((i) => i.id)).toContain(ops.shiwan);
    expect(s.items.map((i) => i.id)).not.toContain(ops.issue);
    for (const [as, orgId] of [[huazhou, yangjiangId], [shiwan, huazhouId]] as const) {
      const res = await t.request('GET', `/api/points/operations?orgId=${orgId}`, { as });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('not_found');
    }
    expect((await list(viewer, 'pageSize=200')).items.map((i) => i.id)).toContain(ops.issue);
    expect((await t.request('GET', '/api/points/operations')).statusCode).toBe(401);
    expect((await t.request('GET', '/api/points/operations?kind=gift', { as: huazhou })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/points/operations?from=2024-13-01', { as: huazhou })).statusCode).toBe(400);
  });
});

describe('GET /api/points/operations/:id/entries', () => {
  it('names each member with number, union and amount, by account, without ID numbers or phones', async () => {
    const res = await t.request('GET', `/api/points/operations/${ops.issue}/entries`, { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const members = await t.db.query<{ memberId: number; memberNo: string | null; name: string; orgName: string; idMasked: string; phoneMasked: string | null }>(
      `SELECT m.id AS "memberId", m.member_no AS "memberNo", m.name, g.name AS "orgName", m.id_number_masked AS "idMasked", m.phone_masked AS "phoneMasked"
         FROM point_account a JOIN member m ON m.id = a.member_id JOIN org g ON g.id = m.org_id WHERE m.id = ANY($1::bigint[]) ORDER BY a.id`,
      [[m[0]!.memberId, m[1]!.memberId]],
    );
    expect(body).toEqual({ total: 2, items: members.map(({ idMasked: _i, phoneMasked: _p, ...x }) => ({ ...x, amount: 30 })) });
    expect(res.body).not.toContain(m[0]!.phone);
    for (const x of members) {
      expect(res.body).not.toContain(x.idMasked);
      if (x.phoneMasked) expect(res.body).not.toContain(x.phoneMasked);
    }
    const page2 = (await t.request('GET', `/api/points/operations/${ops.issue}/entries?pageSize=1&page=2`, { as: huazhou })).json();
    expect(page2).toEqual({ total: 2, items: [{ ...body.items[1] }] });
  });

  it('a redemption and a reversal show the member side, signed', async () => {
    const redeem = (await t.request('GET', `/api/points/operations/${ops.redeem}/entries`, { as: huazhou })).json();
    expect(redeem).toMatchObject({ total: 1, items: [{ memberId: m[0]!.memberId, amount: -5 }] });
    const reverse = (await t.request('GET', `/api/points/operations/${ops.reverse}/entries`, { as: huazhou })).json();
    expect(reverse).toMatchObject({ total: 1, items: [{ memberId: m[2]!.memberId, amount: -9 }] });
  });

  it('阳江\'s operation is 404 to 化州, like one that does not exist; 化州\'s is 404 to 石湾', async () => {
    const out = await t.request('GET', `/api/points/operations/${ops.yangjiang}/entries`, { as: huazhou });
    const none = await t.request('GET', `/api/points/operations/2000000000/entries`, { as: huazhou });
    expect(out.statusCode).toBe(404);
    expect(out.body).toBe(none.body);
    expect((await t.request('GET', `/api/points/operations/${ops.issue}/entries`, { as: shiwan })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/points/operations/${ops.yangjiang}/entries`, { as: yangjiang })).json().items).toEqual([
      expect.objectContaining({ memberId: yangjiangMemberId, amount: 20 }),
    ]);
  });
});

describe('GET /api/points/operations/export', () => {
  const sheetOf = async (raw: Buffer) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('积分流水')!;
    const rows: unknown[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    return { rows, about: wb.getWorksheet('说明') };
  };

  it('the filtered operations in Chinese, formulas neutralised, audited', async () => {
    const before = await t.db.query(`SELECT id FROM audit_log WHERE action = 'points.operations_export'`);
    const res = await t.request('GET', `/api/points/operations/export?kind=issue`, { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`积分流水_${DEMO_ORGS.huazhou}_发放.xlsx`);
    const { rows } = await sheetOf(res.rawPayload);
    expect(rows[0]).toEqual(['操作编号', '时间', '类型', '单位', '会员人数', '积分合计', '事由', '经办人', '撤销的操作', '已被撤销（撤销操作编号）']);
    const body = rows.slice(1, -1);
    const issues = await list(huazhou, 'kind=issue&pageSize=200');
    expect(body.map((r) => r[0])).toEqual(issues.items.map((i) => i.id));
    const first = body.find((r) => r[0] === ops.issue)!;
    expect(first.slice(2, 7)).toEqual(['发放', DEMO_ORGS.huazhou, 2, 60, "'=SUM(A1:A9) 中秋节职工福利"]);
    expect(body.find((r) => r[0] === ops.wrong)![9]).toBe(ops.reverse);
    expect(body.find((r) => r[0] === ops.shiwan)![1]).toBe('2024/03/02 00:30:00');
    expect(rows.at(-1)).toEqual([`共 ${issues.total} 条。`]);
    expect(JSON.stringify(rows)).not.toContain('阳江');
    const audits = await t.db.query<{ actorName: string; targetId: string; detail: Record<string, unknown> }>(
      `SELECT actor_name AS "actorName", target_id AS "targetId", detail FROM audit_log WHERE action = 'points.operations_export' ORDER BY id`,
    );
    expect(audits.length).toBe(before.length + 1);
    expect(audits.at(-1)).toMatchObject({ actorName: 'huazhou', targetId: String(huazhouId), detail: { kind: 'issue', rows: issues.total, total: issues.total } });
  });

  it('a capped export says so in the file', async () => {
    const items = [{ id: 1, kind: 'issue' as const, orgId: 1, orgName: '@某工会', amount: 5, memberCount: 1, reason: '+1', reversesOperationId: null, reversedByOperationId: null, createdAt: '2024-03-01T16:30:00.000Z', actorName: '-张三' }];
    const { rows, about } = await sheetOf(await buildOperationsWorkbook(items, 250_000, '化州市总工会及下级组织的积分流水'));
    expect(rows[1]).toEqual([1, '2024/03/02 00:30:00', '发放', "'@某工会", 1, 5, "'+1", "'-张三", '', '']);
    expect(rows.at(-1)).toEqual(['共 250000 条，仅导出最新的 1 条；请缩小日期范围分批导出。']);
    expect(about!.getRow(3).values).toEqual([undefined, '条数', '1 / 250000']);
  });

  it('out of scope is 404 and writes no audit record; the read-only account may not export', async () => {
    const count = async () => (await t.db.query(`SELECT id FROM audit_log WHERE action = 'points.operations_export'`)).length;
    const before = await count();
    const res = await t.request('GET', `/api/points/operations/export?orgId=${yangjiangId}`, { as: huazhou });
    expect(res.statusCode).toBe(404);
    expect((await t.request('GET', `/api/points/operations/export`, { as: viewer })).statusCode).toBe(403);
    expect(await count()).toBe(before);
  });
});
