import { describe, expect, it } from 'vitest';
import { safeFileName, sniffFile } from './sniff-file.ts';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0]);
const WEBP = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
const PDF = Buffer.from('%PDF-1.7\n');

describe('sniffFile', () => {
  it('knows JPEG, PNG, WebP and PDF by their bytes', () => {
    expect(sniffFile(PNG)).toBe('image/png');
    expect(sniffFile(JPEG)).toBe('image/jpeg');
    expect(sniffFile(WEBP)).toBe('image/webp');
    expect(sniffFile(PDF)).toBe('application/pdf');
  });
  it('refuses anything else, whatever it is called', () => {
    for (const b of [Buffer.from('GIF89a'), Buffer.from('MZ\x90\x00'), Buffer.from('PK\x03\x04'), Buffer.from('<svg/>'), Buffer.alloc(0), Buffer.from('%PDF')]) {
      expect(sniffFile(b)).toBeNull();
    }
  });
});

describe('safeFileName', () => {
  it('keeps a plain Chinese name and ends it in the sniffed type', () => {
    expect(safeFileName('工资条.jpg', 'image/jpeg')).toBe('工资条.jpg');
    expect(safeFileName('劳动合同.PDF', 'application/pdf')).toBe('劳动合同.pdf');
    expect(safeFileName('欠条.png', 'image/jpeg')).toBe('欠条.jpg');
    expect(safeFileName('工资条.exe', 'image/jpeg')).toBe('工资条.exe.jpg');
  });
  it('drops paths, control and bidi characters, and quotes', () => {
    expect(safeFileName('C:\\Users\\x\\..\\证据.pdf', 'application/pdf')).toBe('证据.pdf');
    expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFileName('a\u202egpj.exe', 'image/jpeg')).toBe('agpj.exe.jpg');
    expect(safeFileName('"x"\r\n.jpg', 'image/jpeg')).toBe('x.jpg');
  });
  it('names a nameless file, and cuts a long one to 120 characters', () => {
    expect(safeFileName('', 'image/png')).toBe('材料.png');
    expect(safeFileName('...', 'image/png')).toBe('材料.png');
    expect(safeFileName(undefined, 'image/png', '照片')).toBe('照片.png');
    const long = safeFileName('工'.repeat(300), 'application/pdf');
    expect([...long].length).toBe(120);
    expect(long.endsWith('.pdf')).toBe(true);
  });
});
