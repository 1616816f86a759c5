// An uploaded workbook read again, and given back with what is wrong in it: the kit of every import
// that refuses rows (rosters: the rows not imported; places: the whole refused file). The upload is
// streamed twice (never kept as a model: 100,000 rows), its header row found by the caller's rule;
// the error workbook keeps the upload's own header and cells, adds the reason column, and marks the
// bad cells in the house's highlight, so a clerk can fix them in place and upload the file again.
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { cellValue, type CellValue } from './spreadsheet-cells.ts';
import { xlsxStream, type XlsxColumn, type XlsxStreamSheet } from './xlsx-book.ts';
import { AppError } from '../errors.ts';
import { inspectXlsx, readerStream, verifyInflation, type XlsxZip } from './xlsx-guard.ts';

interface WorksheetLike extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

export interface UploadSheetOptions {
  /** the template's instructions sheet, passed over */
  skipSheet: string;
  onProgress?: ((fraction: number) => void) | undefined;
  /** 'cache' gives date cells as dates (by their number formats); 'ignore' reads faster (day numbers) */
  styles: 'cache' | 'ignore';
  /** Told whether the workbook counts days from 1904 (old Mac Excel) rather than 1900. */
  onDateSystem?: (date1904: boolean) => void;
}

/** The rows of an upload's data sheet: the first one that is not the instructions (streamed). */
export async function* uploadSheetRows(buf: Buffer, zip: XlsxZip, opts: UploadSheetOptions): AsyncGenerator<ExcelJS.Row> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(readerStream(buf, zip, opts.onProgress), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: opts.styles,
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  for await (const sheet of reader as AsyncIterable<WorksheetLike>) {
    if (sheet.name === opts.skipSheet) continue;
    // workbook.xml (its date system) is read before any sheet: readerStream puts it first
    const props = (reader as unknown as { properties?: { model?: { date1904?: boolean } } }).properties;
    opts.onDateSystem?.(props?.model?.date1904 === true);
    yield* sheet;
    return;
  }
}

/** A cell as text (dates as YYYY-MM-DD). */
export function cellText(v: CellValue): string {
  if (v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

/** The upload's header row as the caller recognised it. */
export interface UploadHeader {
  /** the header's row number in the upload */
  rowNo: number;
  /** every header cell as written (column 1 first) */
  original: string[];
  /** the columns (1-based) the import reads, written back as text ('@') */
  known: ReadonlySet<number>;
}

/** A header whose cells name the columns an import knows: column number (1-based) → its key. */
export interface KeyedHeader<K> extends UploadHeader {
  columns: Map<number, K>;
}

/**
 * `row` as an import's header when at least `min` of its cells name a column: each cell's text,
 * normalised, looked up among the aliases; a key named twice counts at its leftmost column.
 */
export function keyedHeader<K>(row: ExcelJS.Row, aliases: Readonly<Record<string, K>>, normalise: (text: string) => string, min: number): KeyedHeader<K> | undefined {
  const values = (row.values as unknown[]) ?? [];
  const columns = new Map<number, K>();
  const original: string[] = [];
  for (let c = 1; c < values.length; c++) {
    const text = cellText(cellValue(values[c])).trim();
    original[c - 1] = text;
    const key = aliases[normalise(text)];
    if (key !== undefined && ![...columns.values()].includes(key)) columns.set(c, key);
  }
  return columns.size >= min ? { rowNo: row.number, columns, original, known: new Set(columns.keys()) } : undefined;
}

/** An import's upload read whole: its non-blank rows below the header, each cell by its column's key. */
export interface KeyedSheet<K extends string> {
  rows: { rowNo: number; cells: Partial<Record<K, CellValue>> }[];
  /** the column (1-based) each key was read from, to mark a cell in the error workbook */
  columnOf: Map<K, number>;
  /** the keys the header named */
  present: ReadonlySet<K>;
}

export interface KeyedSheetSpec<K extends string> {
  /** the template's instructions sheet, passed over */
  skipSheet: string;
  /** the header row (keyedHeader with the import's aliases); looked for among the first 10 rows */
  findHeader: (row: ExcelJS.Row) => KeyedHeader<K> | undefined;
  maxRows: number;
  /** the import's own error for a file over maxRows */
  tooManyRows: () => AppError;
}

/**
 * Every import's first read of an upload (design: places, enterprises, …): guarded against zip bombs,
 * streamed with styles ignored, the header found by the caller's rule among the first 10 rows, blank
 * rows passed over, more than `maxRows` refused as soon as it is seen. The caller then checks the
 * required columns (`present`) and an empty file. Throws xlsx-guard's roster_* errors, the caller's
 * tooManyRows(), roster_unreadable.
 */
export async function readKeyedSheet<K extends string>(buf: Buffer, spec: KeyedSheetSpec<K>): Promise<KeyedSheet<K>> {
  const zip = inspectXlsx(buf);
  await verifyInflation(buf, zip);
  const rows: KeyedSheet<K>['rows'] = [];
  let header: KeyedHeader<K> | undefined;
  try {
    for await (const row of uploadSheetRows(buf, zip, { skipSheet: spec.skipSheet, styles: 'ignore' })) {
      if (!header) {
        header = spec.findHeader(row);
        if (!header && row.number >= 10) break;
        continue;
      }
      const values = (row.values as unknown[]) ?? [];
      const cells: Partial<Record<K, CellValue>> = {};
      let blank = true;
      for (const [c, key] of header.columns) {
        const v = cellValue(values[c]);
        if (v !== null && !(typeof v === 'string' && v.trim() === '')) blank = false;
        cells[key] = v;
      }
      if (blank) continue;
      if (rows.length >= spec.maxRows) throw spec.tooManyRows();
      rows.push({ rowNo: row.number, cells });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('roster_unreadable', '无法读取文件内容，请确认文件由 Excel 或 WPS 保存');
  }
  const columns = header?.columns ?? new Map<number, K>();
  return { rows, columnOf: new Map([...columns].map(([c, key]) => [key, c])), present: new Set(columns.values()) };
}

/** What is wrong with one row: the reason, and the cells (1-based columns of the upload) to highlight. */
export interface RowFault {
  reason: string;
  cells?: readonly number[];
}

export interface ErrorWorkbookSpec {
  /** the upload's data sheet, read again (uploadSheetRows with styles 'cache') */
  rows: AsyncIterable<ExcelJS.Row>;
  /** the header row among the first rows, or undefined for a row above it */
  findHeader: (row: ExcelJS.Row) => UploadHeader | undefined;
  /** by the upload's row number */
  faults: ReadonlyMap<number, RowFault>;
  sheet: string;
  /** the added column's header; a column of that name in the upload (an earlier error workbook) is replaced */
  reasonHeader: string;
  /**
   * 'faulty': only the rows with a fault, each with its upload row number (an import that took the
   * good rows: the rest is what to upload again); 'all': every row as uploaded, each at its row
   * number counted from the header, with a filter on the header (an all-or-nothing import: the clerk fixes the file and uploads all of it again).
   */
  keep: 'faulty' | 'all';
  /** with keep 'faulty': the header of the added column of row numbers */
  rowNoHeader?: string;
  /** each cell as written back (default: as read, dates as YYYY-MM-DD text) */
  cell?: (v: CellValue) => CellValue;
}

/** Collects what a streaming workbook writer produces. */
function bufferSink(): { stream: PassThrough; done: Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
  return { stream, done };
}

const defaultCell = (v: CellValue): CellValue => (v instanceof Date ? cellText(v) : v);

/**
 * The error workbook: the upload's header and rows (all, or the faulty ones) with their cells as
 * uploaded, the reason added in its column, the bad cells highlighted. Through the one xlsx builder
 * (bold frozen header, the author, formula-safe cells).
 */
export async function writeErrorWorkbook(spec: ErrorWorkbookSpec): Promise<Buffer> {
  const sink = bufferSink();
  const cellOf = spec.cell ?? defaultCell;
  let header: UploadHeader | undefined;
  /** the upload's columns written back (1-based), without an earlier reason or row-number column */
  let kept: number[] = [];
  let sheet: XlsxStreamSheet | undefined;
  const open = (h: UploadHeader | undefined) => {
    const dropped = new Set([spec.reasonHeader, spec.rowNoHeader].filter(Boolean));
    kept = (h?.original ?? []).map((_, i) => i + 1).filter((c) => !dropped.has(h!.original[c - 1]!));
    const columns: XlsxColumn[] = [
      ...kept.map((c) => (h!.known.has(c) ? { header: h!.original[c - 1]!, width: 20, numFmt: '@' } : { header: h!.original[c - 1]!, width: 12 })),
      { header: spec.reasonHeader, width: 60 },
      ...(spec.keep === 'faulty' && spec.rowNoHeader ? [{ header: spec.rowNoHeader, width: 8 }] : []),
    ];
    return xlsxStream(sink.stream, { name: spec.sheet, columns, filter: spec.keep === 'all' });
  };
  for await (const row of spec.rows) {
    if (!header) {
      header = spec.findHeader(row);
      if (header) sheet = open(header);
      continue;
    }
    const fault = spec.faults.get(row.number);
    if (!fault && spec.keep === 'faulty') continue;
    const values = (row.values as unknown[]) ?? [];
    const cells = kept.map((c) => cellOf(cellValue(values[c])));
    const marked = (fault?.cells ?? []).map((c) => kept.indexOf(c)).filter((i) => i >= 0);
    const tail = spec.keep === 'faulty' && spec.rowNoHeader ? [row.number] : [];
    sheet!.add([...cells, fault?.reason ?? '', ...tail], {
      ...(fault ? { marked: [...marked, cells.length] } : {}),
      // every row where it was, counted from the header (a template's header is row 1: the same numbers)
      ...(spec.keep === 'all' ? { rowNo: row.number - header.rowNo + 1 } : {}),
    });
  }
  await (sheet ?? open(undefined)).end();
  return sink.done;
}
