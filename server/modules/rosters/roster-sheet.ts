// Rosters as Excel (exceljs): the template, reading an upload row by row with its headers found by
// name, and the error workbook (the kit's, lib/xlsx-errors.ts: the original columns of the rows not
// imported, plus the reason).
import ExcelJS from 'exceljs';
import {
  ROSTER_HELP_SHEET,
  ROSTER_MAX_ROWS,
  ROSTER_REASON_HEADER,
  ROSTER_SHEET,
  rosterColumns,
  type RosterColumnKey,
} from '../../../contracts/rosters.ts';
import { AppError } from '../../errors.ts';
import { cellValue } from '../../lib/spreadsheet-cells.ts';
import type { CellValue, RosterCells } from './roster-rows.ts';
import type { XlsxZip } from '../../lib/xlsx-guard.ts';
import { xlsxBook } from '../../lib/xlsx-book.ts';
import { cellText, uploadSheetRows, writeErrorWorkbook as writeKitErrorWorkbook, keyedHeader, type KeyedHeader } from '../../lib/xlsx-errors.ts';

/** Header spellings clerks use, mapped to the column they mean (after normalising the header). */
const HEADER_ALIASES: Record<string, RosterColumnKey> = {
  姓名: 'name',
  身份证号: 'idNumber',
  身份证号码: 'idNumber',
  公民身份号码: 'idNumber',
  手机号: 'phone',
  手机号码: 'phone',
  手机: 'phone',
  联系电话: 'phone',
  工作单位: 'employer',
  单位: 'employer',
  单位名称: 'employer',
  入会日期: 'joinedOn',
  入会时间: 'joinedOn',
  备注: 'note',
};

function normaliseHeader(h: string): string {
  return h.replace(/[\s*＊]/g, '').replace(/[(（](可选|选填|必填)[)）]/g, '');
}

export interface RosterRow {
  rowNo: number;
  cells: RosterCells;
}

export interface ReadHooks {
  onRow(row: RosterRow): void;
  /** The fraction of the file read so far. */
  onProgress?: (fraction: number) => void;
}

interface SheetOptions {
  onProgress?: ((fraction: number) => void) | undefined;
  /**
   * 'cache' gives date cells as dates (by their number formats); 'ignore' gives them as Excel's day
   * numbers, which parseDateCell reads, and reads the file a quarter faster (2.9 → 2.1 s for
   * 100,000 rows, docs/BENCHMARKS.md): the import ignores styles, the error workbook (shown to
   * people) keeps them.
   */
  styles: 'cache' | 'ignore';
  /** Told whether the workbook counts days from 1904 (old Mac Excel) rather than 1900. */
  onDateSystem?: (date1904: boolean) => void;
}

/** The roster sheet: the first one that is not the template's instructions. */
function rosterRows(buf: Buffer, zip: XlsxZip, opts: SheetOptions): AsyncGenerator<ExcelJS.Row> {
  return uploadSheetRows(buf, zip, { ...opts, skipSheet: ROSTER_HELP_SHEET });
}

/** A day number of a 1904-system workbook as the date it means (yyyymmdd integers are left alone). */
function from1904(v: CellValue): CellValue {
  if (typeof v !== 'number' || (Number.isInteger(v) && v >= 19000101) || v < 0 || v >= 2958466) return v;
  return new Date(Date.UTC(1904, 0, 1) + Math.floor(v) * 86400000);
}

type Header = KeyedHeader<RosterColumnKey>;

/** The header row: among the first 10 rows, the first naming at least two roster columns. */
const findHeader = (row: ExcelJS.Row): Header | undefined => keyedHeader(row, HEADER_ALIASES, normaliseHeader, 2);

function missingHeaders(header: Header | undefined): string[] {
  const present = new Set(header?.columns.values() ?? []);
  return rosterColumns.filter((c) => !c.optional && !present.has(c.key)).map((c) => c.header);
}

/**
 * Reads the roster row by row (streaming), calling onRow for every data row that is not blank.
 * Returns the number of data rows. Throws roster_missing_headers, roster_too_many_rows,
 * roster_empty, roster_unreadable.
 */
export async function readRoster(buf: Buffer, zip: XlsxZip, hooks: ReadHooks): Promise<number> {
  let header: Header | undefined;
  let count = 0;
  let date1904 = false;
  const sheet = rosterRows(buf, zip, {
    onProgress: hooks.onProgress,
    styles: 'ignore',
    onDateSystem: (is1904) => {
      date1904 = is1904;
    },
  });
  try {
    for await (const row of sheet) {
      if (!header) {
        header = findHeader(row);
        if (header && missingHeaders(header).length > 0) break;
        if (!header && row.number >= 10) break;
        continue;
      }
      const values = (row.values as unknown[]) ?? [];
      const cells: RosterCells = {};
      let blank = true;
      for (const [c, key] of header.columns) {
        const v = key === 'joinedOn' && date1904 ? from1904(cellValue(values[c])) : cellValue(values[c]);
        if (v !== null && !(typeof v === 'string' && v.trim() === '')) blank = false;
        cells[key] = v;
      }
      if (blank) continue;
      if (++count > ROSTER_MAX_ROWS) throw new AppError('roster_too_many_rows');
      hooks.onRow({ rowNo: row.number, cells });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('roster_unreadable');
  }
  const missing = missingHeaders(header);
  if (missing.length > 0) {
    throw new AppError('roster_missing_headers', `名册缺少必填列：${missing.join('、')}。请使用最新模板，表头放在第一行`);
  }
  if (count === 0) throw new AppError('roster_empty');
  return count;
}

/**
 * The error workbook: the header and every row in `reasons` as uploaded (all columns, as text), with
 * 错误原因 and 原行号 added (the kit's error workbook). Reads the upload a second time rather than
 * keeping 100,000 rows.
 */
export function writeErrorWorkbook(buf: Buffer, zip: XlsxZip, reasons: Map<number, string>): Promise<Buffer> {
  return writeKitErrorWorkbook({
    rows: rosterRows(buf, zip, { styles: 'cache' }),
    findHeader,
    faults: new Map([...reasons].map(([rowNo, reason]) => [rowNo, { reason }])),
    sheet: ROSTER_SHEET,
    reasonHeader: ROSTER_REASON_HEADER,
    rowNoHeader: '原行号',
    keep: 'faulty',
    cell: cellText,
  });
}

/** The template: the roster sheet with its headers (ID and phone columns formatted as text) and the instructions. */
export function buildTemplate(): Promise<Buffer> {
  const lines = [
    '1. 在“会员名册”工作表中从第 2 行起每行填写一名职工，不要修改第 1 行表头，不要合并单元格。',
    '2. 身份证号、手机号两列已设为文本格式；从其他表格粘贴时请选择“只粘贴数值”，以免身份证号被改成科学计数法。',
    `3. 每个文件不超过 ${ROSTER_MAX_ROWS.toLocaleString('en-US')} 行、20 MB，文件格式为 .xlsx。`,
    '4. 导入规则：校验通过的行直接成为本工会会员（发放会员号和电子会员证）；有错误的行不导入，可下载“错误明细”，改正后重新上传。',
    '5. 重新上传同一名册不会重复导入：已是本工会会员的职工自动跳过。',
    '6. 一人一会籍：已是其他工会会员的职工不能导入，请办理会员关系转接。',
    '7. 性别、出生日期由身份证号自动识别，无需填写；年满 16 周岁方可入会。',
  ];
  return xlsxBook([
    {
      name: ROSTER_SHEET,
      columns: rosterColumns.map((c) => ({
        header: c.header,
        width: c.width,
        ...(c.key === 'idNumber' || c.key === 'phone' ? { numFmt: '@' } : c.key === 'joinedOn' ? { numFmt: 'yyyy-mm-dd' } : {}),
      })),
      rows: [],
      // the header as a banner in the union's red: the one sheet a clerk fills in by hand
      style: (ws) => {
        const head = ws.getRow(1);
        head.font = { bold: true, color: { argb: 'FFFFFFFF' } };
        head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC8102E' } };
        head.alignment = { vertical: 'middle', horizontal: 'center' };
        head.height = 22;
      },
    },
    {
      name: ROSTER_HELP_SHEET,
      notes: true,
      columns: [{ header: '', width: 18 }, { header: '', width: 10 }, { header: '', width: 70 }],
      rows: [
        ['会员名册填写说明'],
        [],
        ['列名', '是否必填', '填写要求'],
        ...rosterColumns.map((c) => [c.header, c.optional ? '选填' : '必填', c.hint]),
        [],
        ...lines.map((line) => ['', '', line]),
      ],
      style: (ws) => {
        ws.getRow(1).font = { bold: true, size: 14 };
        ws.getRow(3).font = { bold: true };
        ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
      },
    },
  ]);
}

export { cellText };
