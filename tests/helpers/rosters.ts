// Roster files for tests and the benchmark: generated people, xlsx workbooks (exceljs), zips built
// byte by byte (to lie about sizes the way zip bombs do), multipart bodies, and waiting for a job.
import { PassThrough } from 'node:stream';
import { crc32, deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { rosterColumns } from '../../contracts/rosters.ts';
import { createRng, makeName, personAt, phoneAt } from '../../server/db/seed/people.ts';
import type { RosterJob } from '../../contracts/rosters.ts';
import type { Session, TestApp } from './harness.ts';

export const ROSTER_HEADERS = rosterColumns.map((c) => c.header);

export type Cell = string | number | Date | null;

/**
 * The index-th generated roster person. Indices from 50,000,000 up: the seed uses small indices,
 * and personAt is one-to-one, so these ID numbers belong to nobody else.
 */
export function rosterPerson(index: number): { name: string; idNumber: string; phone: string; employer: string } {
  const p = personAt(50_000_000 + index);
  const rng = createRng(index + 1);
  return { name: makeName(rng, p.sex), idNumber: p.idNumber, phone: phoneAt(50_000_000 + index), employer: '化州市名册测试有限公司' };
}

/** Rows of the template's columns for people first … first+count-1. */
export function rosterRows(first: number, count: number): Cell[][] {
  const rows: Cell[][] = [];
  for (let i = first; i < first + count; i++) {
    const p = rosterPerson(i);
    rows.push([p.name, p.idNumber, p.phone, p.employer, null, null]);
  }
  return rows;
}

export interface WorkbookOptions {
  headers?: string[];
  sheetName?: string;
  /** rows above the header (a title line) */
  preamble?: Cell[][];
}

/** An xlsx written by exceljs's streaming writer (shared strings off, as large exports are). */
export async function makeRosterXlsx(rows: Cell[][], opts: WorkbookOptions = {}): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => sink.on('end', () => resolve()));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet(opts.sheetName ?? '会员名册');
  for (const r of opts.preamble ?? []) ws.addRow(r).commit();
  ws.addRow(opts.headers ?? ROSTER_HEADERS).commit();
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

export interface ZipEntrySpec {
  name: string;
  data?: Buffer;
  /** store (0) or deflate (8, default) */
  method?: 0 | 8;
  /** what the headers claim the entry unpacks to (a lie, for bombs) */
  declaredSize?: number;
}

/** A zip written byte by byte: local headers, data, central directory, end record. */
export function makeZip(specs: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const s of specs) {
    const data = s.data ?? Buffer.alloc(0);
    const method = s.method ?? 8;
    const packed = method === 8 ? deflateRawSync(data) : data;
    const size = s.declaredSize ?? data.length;
    const name = Buffer.from(s.name);
    const crc = crc32(data);
    // the central directory's entry repeats the local header's fields, two bytes further on
    const entry = (buf: Buffer, at: number) => {
      buf.writeUInt16LE(method, at);
      buf.writeUInt32LE(crc, at + 6);
      buf.writeUInt32LE(packed.length, at + 10);
      buf.writeUInt32LE(size, at + 14);
      buf.writeUInt16LE(name.length, at + 18);
      return buf;
    };
    const local = entry(Buffer.alloc(30), 8);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    const central = entry(Buffer.alloc(46), 10);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(specs.length, 8);
  end.writeUInt16LE(specs.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** The entries every xlsx has, small and valid enough for the structural checks. */
export function xlsxSkeleton(): ZipEntrySpec[] {
  return [
    { name: '[Content_Types].xml', data: Buffer.from('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', data: Buffer.from('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>') },
    { name: 'xl/_rels/workbook.xml.rels', data: Buffer.from('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>') },
  ];
}

/** A multipart/form-data body: fields first, then the file (as browsers send a FormData). */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; content: Buffer; type?: string; field?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gonghui${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.name}"\r\n` +
          `Content-Type: ${file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`,
      ),
      file.content,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Every cell of every sheet of a workbook, as text (to scan an export or an error file). */
export async function workbookCells(buf: Buffer): Promise<{ sheet: string; rows: string[][] }[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    ws.eachRow((row) => {
      const values = row.values as unknown[];
      rows.push(
        Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1]).map((v) =>
          v === null || v === undefined ? '' : v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v),
        ),
      );
    });
    return { sheet: ws.name, rows };
  });
}

/** Polls a roster job until it is done or failed (the import runs in the background). */
export async function waitForRoster(t: TestApp, id: number, as: Session): Promise<RosterJob> {
  for (let i = 0; i < 1200; i++) {
    const job = (await t.request('GET', `/api/rosters/${id}`, { as })).json<RosterJob>();
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`roster job ${id} did not finish`);
}
