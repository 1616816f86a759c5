// Importing places from Excel: the template reads back; a good file is written whole, in one
// transaction, with duplicate warnings (within the file and against the register); a file with bad
// rows is refused with the reasons per row and nothing written; 16,000 rows go in at once.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { wgs84ToGcj02 } from '../../lib/geo.ts';

let t: TestApp;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let huazhouId: number;
let shiwanId: number;

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, yangjiang, viewer] = await Promise.all([t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  [huazhouId, shiwanId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('shiwan')]);
});
afterAll(async () => t.close());

const HEADER = ['名称', '类型', '地址', '所在镇街', '纬度', '经度', '坐标系', '开放时间', '服务项目', '站长', '电话', '可预约'];

async function workbook(rows: (string | number)[][], header = HEADER): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('阵地');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (file: Buffer, as: Session = huazhou, query = `orgId=${huazhouId}`, key = randomUUID()) => {
  const form = multipart({}, { name: '阵地.xlsx', content: file });
  return t.request('POST', `/api/places/import?${query}`, { as, body: form.payload, headers: { ...form.headers, 'idempotency-key': key } });
};
const count = async (where = 'true') => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place WHERE ${where}`))[0]!.n;

describe('the template', () => {
  it('downloads the template, whose example rows import as they are', async () => {
    const res = await t.request('GET', '/api/places/import-template', { as: huazhou });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const dry = await upload(Buffer.from(res.rawPayload), huazhou, `orgId=${huazhouId}&dryRun=1`);
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({ ok: true, rows: 2, created: 0, errorCount: 0 });
    expect((await t.request('GET', '/api/places/import-template', { as: viewer })).statusCode).toBe(403);
  });
});

describe('importing', () => {
  it('writes a good file whole, converting positions, reading hours and services, warning of duplicates', async () => {
    const before = await count();
    const existing = await t.make.place({ org: huazhouId, kind: 'station', name: '已登记的桥头驿站', lat: 21.7, lng: 110.7 });
    const wgs = { lat: 21.61, lng: 110.61 };
    const file = await workbook([
      ['导入测试职工书屋', '职工书屋', '化州市石湾街道文化站', '石湾街道', 21.6001, 110.6001, 'GCJ-02', '周一至周五 08:30-17:30；周六 09:00-12:00；节假日休息', '图书、Wi-Fi、饮水', '李站长', '13800138000', '是'],
      ['导入测试GPS驿站', '工会驿站', '化州市河西街道', '', wgs.lat, wgs.lng, 'WGS-84', '24小时', '饮水、休息、充电', '', '0668-7321234', '否'],
      ['导入测试书屋二楼', '职工书屋', '化州市石湾街道文化站二楼', '', 21.60013, 110.6001, '', '每天 09:00-21:00', '', '', '', ''],
      ['桥头爱心驿站', '爱心驿站', '化州市桥头', '', 21.70005, 110.7, 'gcj02', '每天 22:00-次日06:00', '', '', '', ''],
    ]);
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(201);
    const out = res.json();
    expect(out).toMatchObject({ ok: true, rows: 4, created: 4, errorCount: 0, warningCount: 2 });
    expect(out.warnings).toEqual([
      { row: 4, name: '导入测试书屋二楼', other: '第 2 行 导入测试职工书屋', distanceM: 3 },
      { row: 5, name: '桥头爱心驿站', other: `已登记的桥头驿站（已登记，ID ${existing.id}）`, distanceM: 6 },
    ]);
    expect(await count()).toBe(before + 5);
    const [room] = await t.db.query<{ town_id: number; services: string[]; bookable: boolean; hours: { holidays: string }; source: string; masked: string }>(
      `SELECT town_id::int, services, bookable, hours, source, keeper_phone_masked AS masked FROM place WHERE name = '导入测试职工书屋'`,
    );
    expect(room).toMatchObject({ town_id: shiwanId, services: ['books', 'wifi', 'water'], bookable: true, source: 'import', masked: '138****8000', hours: { holidays: 'closed' } });
    const [gps] = await t.db.query<{ lat: number; lng: number; wgs_lat: number }>(`SELECT lat, lng, wgs_lat FROM place WHERE name = '导入测试GPS驿站'`);
    const g = wgs84ToGcj02(wgs);
    expect(gps!.lat).toBeCloseTo(g.lat, 9);
    expect(gps!.lng).toBeCloseTo(g.lng, 9);
    expect(gps!.wgs_lat).toBe(wgs.lat);
    const [audit] = await t.db.query<{ detail: { placesCreated: number } }>(`SELECT detail FROM audit_log WHERE action = 'place.import' ORDER BY id DESC LIMIT 1`);
    expect(audit!.detail.placesCreated).toBe(4);
  });

  it('refuses a file with bad rows, naming each row, column and reason, and writes nothing', async () => {
    const before = await count();
    const file = await workbook([
      ['好的一行职工之家', '职工之家', '化州市某街道', '', 21.62, 110.62, '', '周一至周五 09:00-18:00', '', '', '', ''],
      ['坐标填反的驿站', '爱心驿站', '化州市某路', '', 110.62, 21.62, '', '24小时', '', '', '', ''],
      ['国外的驿站', '爱心驿站', '巴黎', '', 48.85, 2.35, '', '24小时', '', '', '', ''],
      ['时间重叠的书屋', '职工书屋', '化州市某路', '', 21.63, 110.63, '', '周一 08:00-12:00、11:00-14:00', '', '', '', ''],
      ['时间看不懂的书屋', '职工书屋', '化州市某路', '', 21.64, 110.64, '', '随时欢迎', '', '', '', ''],
      ['类型不对', '健身房', '化州市某路', '不存在的镇', 21.65, 110.65, '', '24小时', '按摩', '', '12345', '也许'],
    ]);
    const res = await upload(file);
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json();
    expect(out).toMatchObject({ ok: false, rows: 6, created: 0 });
    const byRow = (row: number) => out.errors.filter((e: { row: number }) => e.row === row).map((e: { column: string }) => e.column);
    expect(byRow(2)).toEqual([]);
    expect(byRow(3)).toEqual(['纬度']);
    expect(out.errors.find((e: { row: number }) => e.row === 3).message).toContain('填反');
    expect(out.errors.find((e: { row: number }) => e.row === 4).message).toContain('中国境内');
    expect(byRow(5)).toEqual(['开放时间']);
    expect(out.errors.find((e: { row: number }) => e.row === 5).message).toContain('重叠');
    expect(byRow(6)).toEqual(['开放时间']);
    expect(byRow(7)).toEqual(['类型', '所在镇街', '服务项目', '电话', '可预约']);
    for (const e of out.errors) expect(e.message).toMatch(/\p{Script=Han}/u);
    expect(await count()).toBe(before);
  });

  it('gives the refused file back: every row as uploaded, 错误 on each bad row once, its bad cells highlighted; the fixed file imports', async () => {
    const rows: (string | number)[][] = [
      ['清单好的一行职工之家', '职工之家', '化州市某街道', '', 21.921, 110.921, '', '周一至周五 09:00-18:00', '饮水', '王站长', '13800138001', '否'],
      ['清单坐标填反的驿站', '爱心驿站', '化州市某路', '', 110.922, 21.922, 'GCJ-02', '24小时', '', '', '', ''],
      ['清单类型不对', '健身房', '化州市某路', '不存在的镇', 21.923, 110.923, '', '随时欢迎', '按摩', '', '12345', ''],
      ['清单好的第二行书屋', '职工书屋', '化州市某路', '', 21.924, 110.924, '', '24小时', '图书', '', '', '是'],
    ];
    // an alias header and an extra column of the clerk's own: both kept as they were
    const header = [...HEADER.slice(0, 11), '可预约', '备注'];
    header[0] = '阵地名称';
    const file = await workbook(rows.map((r, i) => [...r, `备注${i}`]), header);
    const sendErrors = (f: Buffer, as: Session = huazhou, query = `orgId=${huazhouId}`) => {
      const form = multipart({}, { name: '阵地.xlsx', content: f });
      return t.request('POST', `/api/places/import/errors?${query}`, { as, body: form.payload, headers: form.headers });
    };
    const before = await count();
    const res = await sendErrors(file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('阵地导入错误清单');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.rawPayload) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const values = (n: number) => ((ws.getRow(n).values as unknown[]) ?? []).slice(1);
    expect(values(1)).toEqual([...header, '错误']);
    expect(ws.rowCount).toBe(5);
    // the same cells as uploaded, in the same rows (row numbers as on screen)
    for (let i = 0; i < rows.length; i++) expect(values(i + 2).slice(0, 13)).toEqual([...rows[i]!, `备注${i}`].map((v) => (v === '' ? undefined : v)));
    // one 错误 per bad row (all its problems), none on the good rows
    const reasons = [2, 3, 4, 5].map((n) => ws.getRow(n).getCell(14).value ?? '');
    expect(reasons[0]).toBe('');
    expect(reasons[3]).toBe('');
    expect(reasons[1]).toMatch(/^纬度：.*填反/);
    expect(String(reasons[2]).split('；').map((r) => r.split('：')[0])).toEqual(['类型', '所在镇街', '开放时间', '服务项目', '电话']);
    // the bad cells highlighted (and the reason), nothing else
    const marked = (n: number) => [...Array(14).keys()].map((c) => c + 1).filter((c) => (ws.getRow(n).getCell(c).fill as { fgColor?: { argb?: string } } | undefined)?.fgColor?.argb === 'FFFFC7CE');
    expect(marked(2)).toEqual([]);
    expect(marked(3)).toEqual([5, 14]);
    expect(marked(4)).toEqual([2, 4, 8, 9, 11, 14]);
    expect(marked(5)).toEqual([]);
    expect(await count()).toBe(before);

    // fixed in place and uploaded as it is (the 错误 column ignored; a second round replaces it, not adds one)
    ws.getRow(3).getCell(5).value = 21.922;
    ws.getRow(3).getCell(6).value = 110.922;
    ws.getRow(4).getCell(2).value = '爱心驿站';
    const fixedOnce = Buffer.from(await wb.xlsx.writeBuffer());
    const again = await sendErrors(fixedOnce);
    expect(again.statusCode, again.body).toBe(200);
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(Buffer.from(again.rawPayload) as unknown as ArrayBuffer);
    expect(((wb2.worksheets[0]!.getRow(1).values as unknown[]) ?? []).slice(1)).toEqual([...header, '错误']);
    expect(String(wb2.worksheets[0]!.getRow(4).getCell(14).value).split('；').map((r) => r.split('：')[0])).toEqual(['所在镇街', '开放时间', '服务项目', '电话']);
    expect(wb2.worksheets[0]!.getRow(3).getCell(14).value ?? '').toBe('');
    for (const [c, v] of [[4, ''], [8, '24小时'], [9, '休息'], [11, '13800138002']] as const) ws.getRow(4).getCell(c).value = v;
    const fixed = Buffer.from(await wb.xlsx.writeBuffer());
    expect((await sendErrors(fixed)).json().error).toBe('place_import_no_errors');
    const done = await upload(fixed);
    expect(done.statusCode, done.body).toBe(201);
    expect(done.json()).toMatchObject({ ok: true, created: 4 });
    expect(await count()).toBe(before + 4);

    // the same gate as the import: a union outside the scope, the read-only role
    expect((await sendErrors(file, yangjiang, `orgId=${huazhouId}`)).statusCode).toBe(404);
    expect((await sendErrors(file, viewer)).statusCode).toBe(403);
  });

  it('refuses a file without the columns, an empty one, one that is not a workbook, and a union outside the scope', async () => {
    expect((await upload(await workbook([['只有名称']], ['名称', '备注', '其他']))).json().error).toBe('place_import_headers');
    expect((await upload(await workbook([]))).json().error).toBe('place_import_empty');
    expect((await upload(Buffer.from('名称,类型\n驿站,爱心驿站\n'))).statusCode).toBe(415);
    expect((await upload(await workbook([]), yangjiang)).statusCode).toBe(404);
    expect((await upload(await workbook([]), viewer)).statusCode).toBe(403);
  });

  it('imports 16,000 rows in one go (Guangdong has ~16,000 stations)', async () => {
    const before = await count();
    const rows: (string | number)[][] = [];
    for (let i = 0; i < 16_000; i++) {
      // a grid ~300 m apart across 化州 and beyond, no two alike
      rows.push([`批量驿站${i}号`, '爱心驿站', `化州市批量路 ${i} 号`, '', 21.3 + Math.floor(i / 130) * 0.003, 110.3 + (i % 130) * 0.003, '', '周一至周五 08:00-20:00；周六日 09:00-17:00', '饮水、休息', '', '', '']);
    }
    const file = await workbook(rows);
    const key = randomUUID();
    const res = await upload(file, huazhou, `orgId=${huazhouId}`, key);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
    expect(res.json()).toMatchObject({ ok: true, rows: 16_000, created: 16_000, errorCount: 0, warningCount: 0 });
    expect(await count()).toBe(before + 16_000);
    // the same upload again under its key: the same answer, nothing written twice
    const again = await upload(file, huazhou, `orgId=${huazhouId}`, key);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await count()).toBe(before + 16_000);
  }, 240_000);
});
