// The one xlsx builder: the house style (bold frozen Chinese headers, widths, the author), text made
// formula-safe, personal data masked by its column — the same whether built whole or streamed.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { maskName } from './pii.ts';
import { XLSX_CREATOR, xlsxBook, xlsxStream, type XlsxColumn } from './xlsx-book.ts';

const columns: XlsxColumn[] = [
  { header: '姓名', width: 10, mask: maskName },
  { header: '单位', width: 30 },
  { header: '金额（元）', width: 12, numFmt: '0.00' },
];

async function load(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

const values = (ws: ExcelJS.Worksheet) => (ws.getSheetValues().filter(Boolean) as unknown[][]).map((r) => r.slice(1));

describe('xlsxBook', () => {
  it('writes the headers in bold on a frozen first row, the widths, the author; masks and neutralises text', async () => {
    const buf = await xlsxBook([
      { name: '名单', columns, rows: [['张三丰', '=HYPERLINK("x")', 12.5], ['李四', '+1 单位', 3]], footer: [[], ['合计', '', 15.5]] },
      { name: '说明', notes: true, columns: [{ header: '', width: 14 }, { header: '', width: 60 }], rows: [['导出内容', '@某工会']] },
    ]);
    const wb = await load(buf);
    expect(wb.creator).toBe(XLSX_CREATOR);
    const ws = wb.getWorksheet('名单')!;
    expect(values(ws)).toEqual([
      ['姓名', '单位', '金额（元）'],
      [maskName('张三丰'), `'=HYPERLINK("x")`, 12.5],
      [maskName('李四'), `'+1 单位`, 3],
      ['合计', '', 15.5],
    ]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.getRow(ws.rowCount).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBe(30);
    expect(ws.getColumn(3).numFmt).toBe('0.00');
    const notes = wb.getWorksheet('说明')!;
    expect(values(notes)).toEqual([['导出内容', `'@某工会`]]);
    expect(notes.getColumn(2).width).toBe(60);
  });

  it('streams one sheet in the same style', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const sheet = xlsxStream(out, { name: '会员名册', columns });
    sheet.add(['王五', '-单位', 1]);
    await sheet.end();
    const wb = await load(Buffer.concat(chunks));
    expect(wb.creator).toBe(XLSX_CREATOR);
    const ws = wb.getWorksheet('会员名册')!;
    expect(values(ws)).toEqual([['姓名', '单位', '金额（元）'], [maskName('王五'), `'-单位`, 1]]);
    expect(ws.getRow(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });
});
