// The checks an upload passes before any parser sees it, on files built byte by byte.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeRosterXlsx, makeZip, rosterRows, xlsxSkeleton } from '../../../tests/helpers/rosters.ts';
import { AppError } from '../../errors.ts';
import { inspectXlsx, MAX_ENTRIES, utf8Boundary, verifyInflation } from '../../lib/xlsx-guard.ts';
import { readRoster } from './roster-sheet.ts';

async function codeOf(buf: Buffer): Promise<string> {
  try {
    const zip = inspectXlsx(buf);
    await verifyInflation(buf, zip);
    return 'ok';
  } catch (err) {
    if (err instanceof AppError) return err.code;
    throw err;
  }
}

describe('inspectXlsx and verifyInflation', () => {
  it('accept a workbook written by exceljs, and read it', async () => {
    const buf = await makeRosterXlsx(rosterRows(0, 50));
    expect(await codeOf(buf)).toBe('ok');
    const names: string[] = [];
    const count = await readRoster(buf, inspectXlsx(buf), { onRow: (r) => names.push(String(r.cells.name)) });
    expect(count).toBe(50);
    expect(names[0]).toMatch(/^\p{Script=Han}{2,3}$/u);
  });

  it('know an xlsx by its content, not its name: text, a legacy .xls, a zip that is not a workbook', async () => {
    expect(await codeOf(Buffer.from('姓名,身份证号\n张三,110105194912310029\n'))).toBe('roster_not_xlsx');
    expect(await codeOf(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]))).toBe('roster_legacy_xls');
    expect(await codeOf(makeZip([{ name: 'readme.txt', data: Buffer.from('hello') }]))).toBe('roster_not_xlsx');
    expect(await codeOf(makeZip(xlsxSkeleton().slice(0, 2)))).toBe('roster_not_xlsx');
    expect(await codeOf(Buffer.alloc(0))).toBe('roster_not_xlsx');
  });

  it('refuse a damaged zip', async () => {
    const good = await makeRosterXlsx(rosterRows(0, 5));
    expect(await codeOf(good.subarray(0, good.length - 30))).toBe('roster_corrupt');
    const flipped = Buffer.from(good);
    flipped.writeUInt32LE(0x12345678, flipped.length - 22 - 46); // inside the central directory
    expect(['roster_corrupt', 'roster_not_xlsx']).toContain(await codeOf(flipped));
    const badData = makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<worksheet/>'), method: 0 }]);
    badData[badData.indexOf('<worksheet/>')] = 0x41; // content no longer matches its CRC
    expect(await codeOf(badData)).toBe('roster_corrupt');
  });

  it('refuse too many entries, too much inside, and a suspicious compression ratio — without inflating', async () => {
    const many = makeZip([...xlsxSkeleton(), ...Array.from({ length: MAX_ENTRIES }, (_, i) => ({ name: `xl/media/p${i}.bin`, data: Buffer.from('x') }))]);
    expect(await codeOf(many)).toBe('roster_too_many_entries');
    // declared sizes alone: 300 MB claimed by entries that hold a few bytes
    const claimed = makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: Buffer.from('<a/>'), declaredSize: 300 * 1024 * 1024 }]);
    expect(await codeOf(claimed)).toBe('roster_too_big_unpacked');
    // a real bomb: 64 MB of zeros deflate to 64 KB (ratio ~1000)
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const bomb = makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: zeros }]);
    expect(bomb.length).toBeLessThan(200 * 1024);
    expect(await codeOf(bomb)).toBe('roster_zip_bomb');
  });

  it('stop inflating at the declared size when the sizes lie (a bomb that claims to be small)', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const lying = makeZip([...xlsxSkeleton(), { name: 'xl/worksheets/sheet1.xml', data: zeros, declaredSize: 500 * 1024 }]);
    expect(await codeOf(lying)).toBe('roster_zip_bomb');
    // entries the reader never uses are never inflated, so their lies cost nothing either way
    const packed = deflateRawSync(Buffer.alloc(1000));
    expect(packed.length).toBeLessThan(1000);
  });

  it('refuse overlapping entries (one byte range read as two files)', async () => {
    const zip = makeZip([...xlsxSkeleton(), { name: 'xl/styles.xml', data: Buffer.from('<styleSheet/>') }]);
    // point the last central record's local offset at the previous entry
    const end = zip.length - 22;
    const cdOffset = zip.readUInt32LE(end + 16);
    let p = cdOffset;
    const offsets: number[] = [];
    for (let k = 0; k < 4; k++) {
      offsets.push(p);
      p += 46 + zip.readUInt16LE(p + 28);
    }
    zip.writeUInt32LE(zip.readUInt32LE(offsets[2]! + 42), offsets[3]! + 42);
    expect(['roster_corrupt', 'roster_zip_bomb']).toContain(await codeOf(zip));
  });
});

describe('utf8Boundary', () => {
  it('never cuts a character in two', () => {
    const text = Buffer.from('a工会b𠀋c');
    for (let n = 0; n <= text.length; n++) {
      const piece = text.subarray(0, n);
      const cut = utf8Boundary(piece);
      expect(piece.subarray(0, cut).toString('utf8')).not.toContain('\uFFFD');
      expect(n - cut).toBeLessThan(4);
    }
  });
});
