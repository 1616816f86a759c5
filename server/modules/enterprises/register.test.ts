// The register of employers (企业档案): the list (scope by town or union, filters, sorts), adding one
// with its first facts, dedup by code and name, GB 32100 codes, the Excel import (good rows in, bad
// rows and duplicates reported, once per key, the error file), merging a duplicate (members, tickets
// and supervision cases move), the export. On both engines.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import type { EnterpriseSummary } from '../../../contracts/enterprises-register.ts';

let t: TestApp;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let shiwanTown: number;
let hexiTown: number;
let yangjiangTown: number;
let huazhouUnion: number;

let codeSeq = 0;
/** A fresh valid employer code (91…, region 440982, a body unique to this run). */
const codeBase = 100000 + Math.floor(Math.random() * 800000);
const freshCode = () => makeCreditCode('91', '440982', `MA${codeBase + ++codeSeq}`);

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, yangjiang, viewer] = await Promise.all([t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  shiwanTown = await t.demoOrg('shiwan');
  hexiTown = await t.demoOrg('hexi');
  const yj = await t.demoOrg('yangjiang');
  const [town] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE level = 'town' AND path <@ (SELECT path FROM org WHERE id = $1) ORDER BY id LIMIT 1`, [yj]);
  yangjiangTown = town!.id;
  huazhouUnion = (await t.make.org({ level: 'grassroots', parent: shiwanTown, name: '化州市测试五金厂工会' })).id;
});
afterAll(async () => t.close());

const list = async (query: string, as: Session = huazhou) => {
  const res = await t.request('GET', `/api/enterprises?pageSize=200&${query}`, { as });
  expect(res.statusCode).toBe(200);
  return res.json() as { items: EnterpriseSummary[]; total: number };
};
const create = (body: Record<string, unknown>, as: Session = huazhou, key = randomUUID()) =>
  t.request('POST', '/api/enterprises', { as, body, headers: { 'idempotency-key': key } });

describe('the list', () => {
  it('shows employers in the scope by town or by union only, never merged ones', async () => {
    const own = await t.make.enterprise({ town: shiwanTown, name: '化州市列表本镇有限公司' });
    const viaUnion = await t.make.enterprise({ town: yangjiangTown, union: huazhouUnion, name: '阳江市经化州工会可见有限公司' });
    const theirs = await t.make.enterprise({ town: yangjiangTown, name: '阳江市列表外单位有限公司' });
    const merged = await t.make.enterprise({ town: shiwanTown, name: '化州市列表已合并有限公司' });
    await t.db.query(`UPDATE enterprise SET merged_into = $2 WHERE id = $1`, [merged.id, own.id]);
    const ids = (await list('q=列表')).items.map((e) => e.id);
    expect(ids).toContain(own.id);
    expect(ids).not.toContain(theirs.id);
    expect(ids).not.toContain(merged.id);
    expect((await list('q=经化州工会')).items.map((e) => e.id)).toEqual([viaUnion.id]);
    // 阳江 sees its own (by town), and the one covered by 化州's union too (by town)
    const yj = (await list('q=阳江市', yangjiang)).items.map((e) => e.id);
    expect(yj).toEqual(expect.arrayContaining([viaUnion.id, theirs.id]));
    const item = (await list(`q=经化州工会`)).items[0]!;
    expect(item.union).toEqual({ id: huazhouUnion, name: '化州市测试五金厂工会' });
    expect(item.town.id).toBe(yangjiangTown);
  });

  it('filters by name pairs, credit code, org subtree, union, section and ownership', async () => {
    const code = freshCode();
    const a = await t.make.enterprise({ town: shiwanTown, name: '化州市筛选甲电子有限公司', creditCode: code, industrySection: 'C', ownership: 'private', union: huazhouUnion });
    const b = await t.make.enterprise({ town: hexiTown, name: '化州市筛选乙物流有限公司', industrySection: 'G', ownership: 'state' });
    expect((await list(`q=${code.toLowerCase()}`)).items.map((e) => e.id)).toEqual([a.id]);
    expect((await list('q=筛选')).items.map((e) => e.id).sort()).toEqual([a.id, b.id].sort());
    expect((await list(`q=筛选&orgId=${hexiTown}`)).items.map((e) => e.id)).toEqual([b.id]);
    expect((await list('q=筛选&hasUnion=1')).items.map((e) => e.id)).toEqual([a.id]);
    expect((await list('q=筛选&hasUnion=0')).items.map((e) => e.id)).toEqual([b.id]);
    expect((await list('q=筛选&section=G')).items.map((e) => e.id)).toEqual([b.id]);
    expect((await list('q=筛选&ownership=private')).items.map((e) => e.id)).toEqual([a.id]);
    const outside = await t.request('GET', `/api/enterprises?orgId=${yangjiangTown}`, { as: huazhou });
    expect(outside.statusCode).toBe(404);
  });

  it('sorts by membership rate (lowest first, no size last) and by employees', async () => {
    const low = await t.make.enterprise({ town: shiwanTown, name: '化州市排序低有限公司', employees: 100 });
    const high = await t.make.enterprise({ town: shiwanTown, name: '化州市排序高有限公司', employees: 10 });
    const none = await t.make.enterprise({ town: shiwanTown, name: '化州市排序无人数有限公司' });
    await t.db.query(`UPDATE enterprise SET member_count = CASE id WHEN $1 THEN 10 WHEN $2 THEN 9 ELSE 3 END WHERE id = ANY($3::bigint[])`, [low.id, high.id, [low.id, high.id, none.id]]);
    const byRate = (await list('q=排序&sort=membershipRate')).items;
    expect(byRate.map((e) => e.id)).toEqual([low.id, high.id, none.id]);
    expect(byRate.map((e) => e.membershipRate)).toEqual([0.1, 0.9, null]);
    expect((await list('q=排序&sort=employees')).items.map((e) => e.id)).toEqual([low.id, high.id, none.id]);
  });
});

describe('adding an employer', () => {
  it('writes the row and its first facts in one go, audited, once per key', async () => {
    const key = randomUUID();
    const body = {
      name: '化州市新增测试电子有限公司', creditCode: '91350100m000100y43', townId: shiwanTown, industrySection: 'C', industryDetail: '电子元件',
      ownership: 'private', employees: 240, employeesAsOf: '2026-06-30', address: '化州市石湾街道测试路 1 号', platforms: [],
    };
    const res = await create(body, huazhou, key);
    expect(res.statusCode).toBe(201);
    const e = res.json() as EnterpriseSummary;
    expect(e).toMatchObject({ name: body.name, creditCode: '91350100M000100Y43', industrySection: 'C', industry: '电子元件', ownership: 'private', employees: 240, employeesAsOf: '2026-06-30', source: 'staff', union: null });
    const facts = await t.db.query<{ kind: string; source: string }>(`SELECT kind, source FROM enterprise_fact WHERE enterprise_id = $1 ORDER BY id`, [e.id]);
    expect(facts.map((f) => f.kind)).toEqual(['identity', 'industry', 'ownership', 'size', 'address']);
    expect(new Set(facts.map((f) => f.source))).toEqual(new Set(['staff']));
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'enterprise.create' AND target_id = $1`, [String(e.id)]);
    expect(a!.n).toBe(1);
    const again = await create(body, huazhou, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().id).toBe(e.id);
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise WHERE name = $1`, [body.name]);
    expect(n!.n).toBe(1);
    expect((await create({ ...body, name: '化州市别的名字有限公司' }, huazhou, key)).json().error).toBe('idempotency_key_reused');
  });

  it('refuses a code or a name another employer holds, naming it only when in scope', async () => {
    const code = freshCode();
    const mine = await t.make.enterprise({ town: shiwanTown, name: '化州市查重本单位有限公司', creditCode: code });
    const byCode = await create({ name: '化州市查重新单位有限公司', creditCode: code, townId: shiwanTown });
    expect(byCode.statusCode).toBe(409);
    expect(byCode.json().error).toBe('enterprise_exists');
    expect(byCode.json().message).toContain(mine.name);
    const byName = await create({ name: ' 化州市查重本单位有限公司 ', townId: shiwanTown });
    expect(byName.json().error).toBe('enterprise_exists');
    const theirCode = freshCode();
    await t.make.enterprise({ town: yangjiangTown, name: '阳江市查重外单位有限公司', creditCode: theirCode });
    const hidden = await create({ name: '化州市查重另一单位有限公司', creditCode: theirCode, townId: shiwanTown });
    expect(hidden.json().error).toBe('enterprise_exists');
    expect(hidden.json().message).not.toContain('阳江');
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise WHERE name LIKE '化州市查重%'`);
    expect(n!.n).toBe(1);
  });

  it('checks the code: a union’s 81… and a wrong check character are refused', async () => {
    const union = makeCreditCode('81', '440982', 'MA5TET1K');
    expect((await create({ name: '化州市代码测试一有限公司', creditCode: union, townId: shiwanTown })).json().error).toBe('credit_code_is_union');
    const good = freshCode();
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    expect((await create({ name: '化州市代码测试二有限公司', creditCode: bad, townId: shiwanTown })).json().error).toBe('invalid_credit_code');
  });

  it('refuses a town outside the scope (404), an org that is not a town, and a viewer', async () => {
    expect((await create({ name: '化州市范围测试有限公司', townId: yangjiangTown })).statusCode).toBe(404);
    expect((await create({ name: '化州市范围测试有限公司', townId: huazhouUnion })).json().error).toBe('enterprise_town_invalid');
    expect((await create({ name: '化州市范围测试有限公司', townId: shiwanTown }, viewer)).statusCode).toBe(403);
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise WHERE name = '化州市范围测试有限公司'`);
    expect(n!.n).toBe(0);
  });
});

const HEADER = ['单位名称', '统一社会信用代码', '所在镇街', '行业门类', '登记注册类型', '职工人数', '人数截至日期', '地址'];
async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow(HEADER);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (path: string, file: Buffer, key?: string) => {
  const form = multipart({}, { name: '单位.xlsx', content: file });
  return t.request('POST', path, { as: huazhou, body: form.payload, headers: { ...form.headers, ...(key ? { 'idempotency-key': key } : {}) } });
};

describe('the import', () => {
  it('takes the good rows, reports bad ones and duplicates (in the file and against the register), once per key', async () => {
    const registered = freshCode();
    await t.make.enterprise({ town: shiwanTown, name: '化州市导入已登记有限公司', creditCode: registered });
    const c1 = freshCode();
    const c2 = freshCode();
    const file = await workbook([
      ['化州市导入甲有限公司', c1, '石湾街道', 'C 制造业', '民营', 120, '2026-03-01', '化州市石湾街道导入路 1 号'], // row 2 good
      ['化州市导入乙有限公司', '', '化州市河西街道工会联合会', 'G', '', '', '', ''], // row 3 good
      ['化州市导入丙有限公司', c1, '石湾街道', '', '', '', '', ''], // row 4 code repeated in the file
      ['化州市导入丁有限公司', registered, '石湾街道', '', '', '', '', ''], // row 5 code registered
      ['化州市导入已登记有限公司', '', '石湾街道', '', '', '', '', ''], // row 6 name registered
      ['化州市导入戊有限公司', makeCreditCode('81', '440982', 'MA5TET2K'), '石湾街道', '', '', '', '', ''], // row 7 a union's code
      ['化州市导入己有限公司', c2, '不存在街道', 'Z', '外星', '-3', '2099-01-01', ''], // row 8 many faults
    ]);
    const key = randomUUID();
    const res = await upload('/api/enterprises/import', file, key);
    expect(res.statusCode).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ rows: 7, created: 2, errorRows: 5 });
    const rowsWithErrors = [...new Set((out.errors as { row: number }[]).map((e) => e.row))];
    expect(rowsWithErrors).toEqual([4, 5, 6, 7, 8]);
    expect((out.errors as { row: number; column: string }[]).filter((e) => e.row === 8).map((e) => e.column).sort()).toEqual(['人数截至日期', '所在镇街', '登记注册类型', '职工人数', '行业门类'].sort());
    const made = await t.db.query<{ name: string; source: string; employees: number | null; ownership: string | null; section: string | null; town: number }>(
      `SELECT name, source, employees, ownership, industry_section AS section, town_org_id::int AS town FROM enterprise WHERE name LIKE '化州市导入_有限公司' ORDER BY name`);
    expect(made).toEqual([
      { name: '化州市导入乙有限公司', source: 'import', employees: null, ownership: null, section: 'G', town: hexiTown },
      { name: '化州市导入甲有限公司', source: 'import', employees: 120, ownership: 'private', section: 'C', town: shiwanTown },
    ]);
    const [facts] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_fact f JOIN enterprise e ON e.id = f.enterprise_id WHERE e.name LIKE '化州市导入_有限公司' AND f.source = 'import'`);
    expect(facts!.n).toBe(2 + 5); // 乙: identity, industry; 甲: identity, industry, ownership, size, address
    // the same upload under the same key: the same answer, nothing new
    const again = await upload('/api/enterprises/import', file, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toMatchObject({ rows: 7, created: 2, errorRows: 5 });
    const [count] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise WHERE name LIKE '化州市导入_有限公司'`);
    expect(count!.n).toBe(2);
    // the error file: only the rows not taken, with the reasons
    const errs = await upload(`/api/enterprises/import/errors?key=${key}`, file);
    expect(errs.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(errs.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const names: string[] = [];
    ws.eachRow((row, n) => { if (n > 1) names.push(String(row.getCell(1).value)); });
    expect(names).toEqual(['化州市导入丙有限公司', '化州市导入丁有限公司', '化州市导入已登记有限公司', '化州市导入戊有限公司', '化州市导入己有限公司']);
    const [audit] = await t.db.query<{ detail: Record<string, number> }>(`SELECT detail FROM audit_log WHERE action = 'enterprise.import' ORDER BY id DESC LIMIT 1`);
    expect(audit!.detail).toMatchObject({ rows: 7, enterprisesCreated: 2, errorRows: 5 });
  });

  it('refuses a file without the required columns, and hands out the template', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('单位').addRow(['统一社会信用代码', '行业门类', '职工人数']).commit?.();
    const res = await upload('/api/enterprises/import', Buffer.from(await wb.xlsx.writeBuffer()), randomUUID());
    expect(res.json().error).toBe('enterprise_import_headers');
    const tpl = await t.request('GET', '/api/enterprises/import-template', { as: huazhou });
    expect(tpl.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(tpl.rawPayload as unknown as ArrayBuffer);
    expect((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1)).toEqual(HEADER);
  });
});

describe('merging a duplicate', () => {
  it('moves members, tickets and supervision cases, copies union and size where the kept one has none, and refuses self and merged', async () => {
    const dup = await t.make.enterprise({ town: shiwanTown, name: '化州市合并重复有限公司', union: huazhouUnion, employees: 80 });
    const kept = await t.make.enterprise({ town: shiwanTown, name: '化州市合并保留有限公司', creditCode: freshCode() });
    const m1 = await t.make.member({ org: huazhouUnion, enterpriseId: dup.id });
    const m2 = await t.make.member({ org: huazhouUnion, enterpriseId: dup.id });
    const ticket = await t.request('POST', '/api/tickets', {
      as: huazhou, headers: { 'idempotency-key': randomUUID() },
      body: { type: 'help', category: 'wage_arrears', description: '合并测试：拖欠工资两个月', callerName: '林合并', callerPhone: '13700004321', employerName: '化州市合并重复有限公司', workOrgId: shiwanTown },
    });
    expect(ticket.statusCode).toBe(201);
    const huazhouId = await t.demoOrg('huazhou');
    const kase = await t.request('POST', '/api/supervision/cases', {
      as: huazhou, headers: { 'idempotency-key': randomUUID() },
      body: { orgId: huazhouId, employerName: '化州市合并重复有限公司', employerTownId: shiwanTown, employerAddress: '化州市石湾街道合并路 1 号', provisions: ['《劳动合同法》第三十条'], summary: '拖欠工资（合并测试）', workersCount: 2 },
    });
    expect(kase.statusCode).toBe(201);
    await t.db.query(`UPDATE ticket SET enterprise_id = $1 WHERE id = $2`, [dup.id, ticket.json().id]);
    await t.db.query(`UPDATE supervision_case SET enterprise_id = $1 WHERE id = $2`, [dup.id, kase.json().id]);

    expect((await t.request('POST', `/api/enterprises/${dup.id}/merge`, { as: huazhou, body: { intoId: dup.id } })).json().error).toBe('merge_into_self');
    const outside = await t.make.enterprise({ town: yangjiangTown, name: '阳江市合并外单位有限公司' });
    expect((await t.request('POST', `/api/enterprises/${dup.id}/merge`, { as: huazhou, body: { intoId: outside.id } })).statusCode).toBe(404);

    const res = await t.request('POST', `/api/enterprises/${dup.id}/merge`, { as: huazhou, body: { intoId: kept.id } });
    expect(res.statusCode).toBe(200);
    expect(res.json().moved).toMatchObject({ members: 2, tickets: 1, supervisionCases: 1 });
    expect(res.json().kept).toMatchObject({ id: kept.id, union: { id: huazhouUnion }, employees: 80 });
    const members = await t.db.query<{ e: number }>(`SELECT enterprise_id::int AS e FROM member WHERE id = ANY($1::bigint[])`, [[m1.id, m2.id]]);
    expect(members.map((m) => m.e)).toEqual([kept.id, kept.id]);
    const [tk] = await t.db.query<{ e: number }>(`SELECT enterprise_id::int AS e FROM ticket WHERE id = $1`, [ticket.json().id]);
    expect(tk!.e).toBe(kept.id);
    const [sc] = await t.db.query<{ e: number }>(`SELECT enterprise_id::int AS e FROM supervision_case WHERE id = $1`, [kase.json().id]);
    expect(sc!.e).toBe(kept.id);
    const [d] = await t.db.query<{ m: number }>(`SELECT merged_into::int AS m FROM enterprise WHERE id = $1`, [dup.id]);
    expect(d!.m).toBe(kept.id);
    const keptFacts = await t.db.query<{ kind: string }>(`SELECT kind FROM enterprise_fact WHERE enterprise_id = $1 ORDER BY id`, [kept.id]);
    expect(keptFacts.map((f) => f.kind)).toEqual(['union', 'size']);
    expect((await list('q=合并重复')).items).toEqual([]);
    expect((await t.request('POST', `/api/enterprises/${dup.id}/merge`, { as: huazhou, body: { intoId: kept.id } })).json().error).toBe('enterprise_merged');
    const third = await t.make.enterprise({ town: shiwanTown, name: '化州市合并第三有限公司' });
    expect((await t.request('POST', `/api/enterprises/${third.id}/merge`, { as: huazhou, body: { intoId: dup.id } })).json().error).toBe('enterprise_merged');
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'enterprise.merge' AND target_id = $1`, [String(dup.id)]);
    expect(a!.n).toBe(1);
  });
});

describe('the export', () => {
  it('lists the filtered employers with the register’s columns, audited; a viewer may not export', async () => {
    await t.make.enterprise({ town: shiwanTown, name: '化州市导出测试有限公司', employees: 50, industrySection: 'H' });
    const res = await t.request('GET', '/api/enterprises/export.xlsx?q=导出测试', { as: huazhou });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(['单位名称', '统一社会信用代码', '所在镇街', '所属工会', '建会方式', '行业门类', '行业细类', '登记注册类型', '职工人数', '人数截至日期', '会员数', '入会率', '来源']);
    expect(ws.getRow(2).getCell(1).value).toBe('化州市导出测试有限公司');
    expect(ws.getRow(2).getCell(4).value).toBe('未建会');
    expect(ws.rowCount).toBe(2);
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'enterprise.export'`);
    expect(a!.n).toBeGreaterThan(0);
    expect((await t.request('GET', '/api/enterprises/export.xlsx', { as: viewer })).statusCode).toBe(403);
  });
});
