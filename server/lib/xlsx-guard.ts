// An uploaded file is judged before any parser sees it. An xlsx is a zip: its central directory
// (at the end of the file) lists every entry with its sizes, so the checks below read that list —
// nothing is inflated — and refuse what is not an xlsx, what has too many entries or too much
// inside, and what compresses suspiciously well (a zip bomb). Sizes in a zip can lie, so the
// entries the reader will use are then inflated once into a counter that stops at the declared
// size (verifyInflation). The reader (exceljs) is finally fed only those entries, in the order it
// needs, inflated by us and handed over stored (readerStream).
//
// A small reader of our own rather than a library: the checks need the raw central directory and
// local headers (names, methods, flags, declared sizes, offsets), which yauzl also exposes but
// around its own inflating reader that we would not use; this file is the whole of it.
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, crc32 } from 'node:zlib';
import { AppError } from '../errors.ts';

export const MAX_FILE_BYTES = 20 * 1024 * 1024;
export const MAX_ENTRIES = 1000;
/** Everything inside, unpacked. 100,000 rows of 12 columns unpack to about 90 MB. */
export const MAX_UNPACKED_BYTES = 256 * 1024 * 1024;
/** Unpacked ÷ packed for an entry of at least RATIO_FLOOR bytes; real sheets stay well under 50. */
export const MAX_RATIO = 200;
const RATIO_FLOOR = 1024 * 1024;

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
/** The first bytes of an OLE compound file: a legacy .xls, or an xlsx protected by a password. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
  /** Where the compressed data starts (after the local header). */
  dataOffset: number;
}

export interface XlsxZip {
  entries: Map<string, ZipEntry>;
  unpackedBytes: number;
}

const corrupt = () => new AppError('roster_corrupt');

/**
 * Reads and checks the zip structure of an upload; inflates nothing.
 * Throws roster_not_xlsx, roster_legacy_xls, roster_corrupt, roster_too_many_entries,
 * roster_too_big_unpacked, roster_zip_bomb.
 */
export function inspectXlsx(buf: Buffer): XlsxZip {
  if (buf.length >= 8 && buf.subarray(0, 8).equals(OLE_MAGIC)) throw new AppError('roster_legacy_xls');
  if (buf.length < 22 || buf.readUInt32LE(0) !== SIG_LOCAL) throw new AppError('roster_not_xlsx');

  // The end record sits in the last 22 bytes plus a comment of at most 65,535.
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_END && i + 22 + buf.readUInt16LE(i + 20) === buf.length) {
      end = i;
      break;
    }
  }
  if (end < 0) throw corrupt();
  // Zip64 (over 65,535 entries or 4 GB) is never needed by a 20 MB roster.
  if (end >= 20 && buf.readUInt32LE(end - 20) === SIG_ZIP64_LOCATOR) throw new AppError('roster_too_many_entries');
  const count = buf.readUInt16LE(end + 10);
  const cdSize = buf.readUInt32LE(end + 12);
  const cdOffset = buf.readUInt32LE(end + 16);
  if (buf.readUInt16LE(end + 4) !== 0 || buf.readUInt16LE(end + 8) !== count) throw corrupt(); // multi-disk
  if (count > MAX_ENTRIES) throw new AppError('roster_too_many_entries');
  if (cdOffset + cdSize > end) throw corrupt();

  const entries = new Map<string, ZipEntry>();
  let unpackedBytes = 0;
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > end || buf.readUInt32LE(p) !== SIG_CENTRAL) throw corrupt();
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLen > end) throw corrupt();
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;

    if (flags & 0x1) throw new AppError('roster_legacy_xls'); // encrypted entry
    if (method !== 0 && method !== 8) throw corrupt();
    if (compressedSize === 0xffffffff || size === 0xffffffff || localOffset === 0xffffffff) throw new AppError('roster_too_big_unpacked');
    if (entries.has(name) || name.includes('\\') || name.startsWith('/') || name.split('/').includes('..')) throw corrupt();
    if (method === 0 && compressedSize !== size) throw corrupt();
    unpackedBytes += size;
    if (unpackedBytes > MAX_UNPACKED_BYTES) throw new AppError('roster_too_big_unpacked');
    if (size >= RATIO_FLOOR && size > compressedSize * MAX_RATIO) throw new AppError('roster_zip_bomb');

    // The local header must agree with the directory: a streaming reader sees only local headers.
    if (localOffset + 30 > cdOffset || buf.readUInt32LE(localOffset) !== SIG_LOCAL) throw corrupt();
    const localNameLen = buf.readUInt16LE(localOffset + 26);
    const localExtraLen = buf.readUInt16LE(localOffset + 28);
    if (buf.readUInt16LE(localOffset + 8) !== method || buf.toString('utf8', localOffset + 30, localOffset + 30 + localNameLen) !== name) {
      throw corrupt();
    }
    if (!(buf.readUInt16LE(localOffset + 6) & 0x8)) {
      if (buf.readUInt32LE(localOffset + 18) !== compressedSize || buf.readUInt32LE(localOffset + 22) !== size) throw corrupt();
    }
    const dataOffset = localOffset + 30 + localNameLen + localExtraLen;
    if (dataOffset + compressedSize > cdOffset) throw corrupt();
    entries.set(name, { name, method, flags, crc, compressedSize, size, localOffset, dataOffset });
  }
  // Entries may not overlap (one byte range read as two files is a known bomb construction).
  const spans = [...entries.values()].sort((a, b) => a.localOffset - b.localOffset);
  for (let i = 1; i < spans.length; i++) {
    const prev = spans[i - 1]!;
    if (prev.dataOffset + prev.compressedSize > spans[i]!.localOffset) throw new AppError('roster_zip_bomb');
  }
  for (const required of ['[Content_Types].xml', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels']) {
    if (!entries.has(required)) throw new AppError('roster_not_xlsx');
  }
  return { entries, unpackedBytes };
}

/** The entries the roster reader uses, in the order it needs them (relations before sheets). */
export function readerEntries(zip: XlsxZip): ZipEntry[] {
  const first = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];
  const out = first.map((n) => zip.entries.get(n)).filter((e): e is ZipEntry => !!e);
  const sheets = [...zip.entries.values()]
    .filter((e) => /^xl\/worksheets\/sheet\d+\.xml$/.test(e.name))
    .sort((a, b) => Number(/\d+/.exec(a.name)![0]) - Number(/\d+/.exec(b.name)![0]));
  return [...out, ...sheets];
}

/**
 * Inflates the entries the reader will use into a counter, stopping at the first byte past an
 * entry's declared size: what the directory promised is what the reader will get.
 * Throws roster_zip_bomb (more than declared), roster_corrupt (less, or a bad checksum).
 */
export async function verifyInflation(buf: Buffer, zip: XlsxZip): Promise<void> {
  for (const e of readerEntries(zip)) {
    const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    if (e.method === 0) {
      if (crc32(data) !== e.crc) throw corrupt();
      continue;
    }
    let seen = 0;
    let crc = 0;
    const counter = new Writable({
      write(chunk: Buffer, _enc, done) {
        seen += chunk.length;
        if (seen > e.size) return done(new AppError('roster_zip_bomb'));
        crc = crc32(chunk, crc);
        done();
      },
    });
    try {
      await pipeline(Readable.from([data]), createInflateRaw({ chunkSize: 64 * 1024 }), counter);
    } catch (err) {
      if (err instanceof AppError) throw err;
      throw corrupt();
    }
    if (seen !== e.size || crc !== e.crc) throw corrupt();
  }
}

/** A local file record with the verified sizes and no trailing data descriptor. */
function localRecord(name: string, method: number, crc: number, compressedSize: number, size: number): Buffer {
  const nameBuf = Buffer.from(name, 'utf8');
  const h = Buffer.alloc(30);
  h.writeUInt32LE(SIG_LOCAL, 0);
  h.writeUInt16LE(20, 4);
  h.writeUInt16LE(0x800, 6); // names in UTF-8
  h.writeUInt16LE(method, 8);
  h.writeUInt32LE(crc, 14);
  h.writeUInt32LE(compressedSize, 18);
  h.writeUInt32LE(size, 22);
  h.writeUInt16LE(nameBuf.length, 26);
  return Buffer.concat([h, nameBuf]);
}

const EMPTY_SST = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

/** Where `buf` can be cut without splitting a UTF-8 character: its length, or the start of the last, unfinished one. */
export function utf8Boundary(buf: Buffer): number {
  let j = buf.length - 1;
  while (j >= 0 && buf.length - j <= 4 && (buf[j]! & 0xc0) === 0x80) j--;
  if (j < 0) return buf.length;
  const lead = buf[j]!;
  const needs = lead < 0x80 ? 1 : lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return j + needs <= buf.length ? buf.length : j;
}

/**
 * The zip stream the streaming reader parses: only the verified entries, relations and shared
 * strings before the sheets, each inflated here (once, stopping past its declared size) and handed
 * over *stored*, in pieces cut between characters. Why: exceljs decodes each piece of XML on its
 * own, so a Chinese character split across two pieces of inflater output comes out as “���”; and
 * given sheets before shared strings, it spools them to temporary files (with the ID numbers in
 * them), so a workbook without shared strings gets an empty table. `onProgress` hears the fraction
 * of the packed bytes handed over so far.
 */
export function readerStream(buf: Buffer, zip: XlsxZip, onProgress?: (fraction: number) => void): Readable {
  const entries = readerEntries(zip);
  const total = entries.reduce((n, e) => n + e.compressedSize, 0) || 1;
  const PIECE = 64 * 1024;
  async function* pieces() {
    let fed = 0;
    for (const e of entries) {
      yield localRecord(e.name, 0, e.crc, e.size, e.size);
      const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
      function* packed() {
        for (let i = 0; i < data.length; i += PIECE) {
          const piece = data.subarray(i, i + PIECE);
          fed += piece.length;
          yield piece;
          onProgress?.(fed / total);
        }
      }
      const source = e.method === 8 ? Readable.from(packed()).pipe(createInflateRaw({ chunkSize: PIECE })) : Readable.from(packed());
      let carry: Buffer = Buffer.alloc(0);
      let seen = 0;
      for await (const out of source as AsyncIterable<Buffer>) {
        seen += out.length;
        if (seen > e.size) throw new AppError('roster_zip_bomb');
        const joined: Buffer = carry.length ? Buffer.concat([carry, out]) : out;
        const cut = utf8Boundary(joined);
        carry = joined.subarray(cut);
        if (cut > 0) yield joined.subarray(0, cut);
      }
      if (carry.length) yield carry;
      if (seen !== e.size) throw corrupt();
      if (e.name === 'xl/_rels/workbook.xml.rels' && !zip.entries.has('xl/sharedStrings.xml')) {
        yield localRecord('xl/sharedStrings.xml', 0, crc32(EMPTY_SST), EMPTY_SST.length, EMPTY_SST.length);
        yield EMPTY_SST;
      }
    }
  }
  return Readable.from(pieces(), { objectMode: false });
}
