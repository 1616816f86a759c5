// Every xlsx the server hands out is built here: an export is "columns + rows", and the house style
// is applied the same way to all of them — Chinese headers in bold on a frozen first row, column
// widths, the same workbook metadata, every text cell safe from formula injection, and personal
// data masked by the column that holds it. Whole books are built in memory (at most 100,000 rows);
// the member roster export, which can be a whole province, is written as it is read (xlsxStream).
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutralise, type CellValue } from './spreadsheet-cells.ts';

/** The author every workbook names (File → Properties). */
export const XLSX_CREATOR = '智慧工会';

export interface XlsxColumn {
  header: string;
  width: number;
  /** the column's number format: '@' keeps text as typed (ID numbers, accounts), '0.00' money */
  numFmt?: string;
  /** personal data shown masked (lib/pii.ts's maskName …): the builder masks what it is given */
  mask?: (text: string) => string;
}

export interface XlsxSheet {
  name: string;
  columns: readonly XlsxColumn[];
  rows: Iterable<readonly CellValue[]>;
  /** rows after the data, in bold and not masked: totals, a note of what was left out ([] for a blank row) */
  footer?: readonly (readonly CellValue[])[];
  /** a sheet of notes rather than a table: the columns give widths only, no header row */
  notes?: boolean;
  /** formatting beyond the house style (the roster template's banner, its instructions) */
  style?: (ws: ExcelJS.Worksheet) => void;
}

/**
 * Columns written as the sheet reads, header → width (or → the rest of the column):
 * `xlsxColumns({ 姓名: { width: 10, mask: maskName }, 单位: 32 })`. Keys keep their order.
 */
export function xlsxColumns(spec: Record<string, number | Omit<XlsxColumn, 'header'>>): XlsxColumn[] {
  return Object.entries(spec).map(([header, c]) => (typeof c === 'number' ? { header, width: c } : { header, ...c }));
}

/** A row's cells as written: text masked where its column says so, then made formula-safe. */
export function safeCells(columns: readonly XlsxColumn[], cells: readonly CellValue[]): CellValue[] {
  return cells.map((v, i) => {
    if (typeof v !== 'string') return v;
    const mask = columns[i]?.mask;
    return neutralise(mask ? mask(v) : v);
  });
}

const frozenHeader = { views: [{ state: 'frozen' as const, ySplit: 1 }] };

function columnsOf(columns: readonly XlsxColumn[], headed: boolean): Partial<ExcelJS.Column>[] {
  return columns.map((c) => ({
    ...(headed ? { header: c.header } : {}),
    width: c.width,
    ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
  }));
}

/** A workbook of one or more sheets, as the bytes of an .xlsx file. */
export async function xlsxBook(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = XLSX_CREATOR;
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.notes ? {} : frozenHeader);
    ws.columns = columnsOf(s.columns, !s.notes);
    if (!s.notes) ws.getRow(1).font = { bold: true };
    for (const cells of s.rows) ws.addRow(safeCells(s.columns, cells));
    for (const cells of s.footer ?? []) {
      // labels and totals, not people: made safe, never masked
      const row = ws.addRow(safeCells([], cells));
      if (cells.length > 0) row.font = { bold: true };
    }
    s.style?.(ws);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The house's highlight of a cell that needs fixing (an import's bad cell): light red, dark red text. */
const MARK_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };
const MARK_FONT: Partial<ExcelJS.Font> = { color: { argb: 'FF9C0006' } };

export interface XlsxRowOptions {
  /** the cells (0-based) to highlight as needing a fix */
  marked?: readonly number[];
  /** the row's number in the sheet (after the last one written; default: the next row) */
  rowNo?: number;
}

export interface XlsxStreamSheet {
  /** Writes one data row (masked and made safe like xlsxBook's), its marked cells highlighted. */
  add(cells: readonly CellValue[], opts?: XlsxRowOptions): void;
  /** Finishes the sheet and the workbook; resolves when the last byte is written to `out`. */
  end(): Promise<void>;
}

/**
 * A one-sheet workbook written to `out` row by row (nothing kept in memory): the same house style
 * as xlsxBook. The caller waits for `out` to drain between pages.
 */
export function xlsxStream(out: Writable, sheet: { name: string; columns: readonly XlsxColumn[]; filter?: boolean }): XlsxStreamSheet {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = XLSX_CREATOR;
  const ws = wb.addWorksheet(sheet.name, frozenHeader);
  ws.columns = columnsOf(sheet.columns, true);
  // a filter on every column of the header (an error workbook: show the rows with a reason)
  if (sheet.filter && sheet.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).commit();
  return {
    add: (cells, opts = {}) => {
      const values = safeCells(sheet.columns, cells);
      const row = opts.rowNo === undefined ? ws.addRow(values) : ws.getRow(opts.rowNo);
      if (opts.rowNo !== undefined) row.values = values;
      for (const i of opts.marked ?? []) {
        const cell = row.getCell(i + 1);
        cell.fill = MARK_FILL;
        cell.font = MARK_FONT;
      }
      row.commit();
    },
    end: async () => {
      ws.commit();
      await wb.commit();
    },
  };
}
