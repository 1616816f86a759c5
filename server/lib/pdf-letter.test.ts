// The PDF letter kit: the letter's text read back from the file (pdf.js), the Chinese font embedded as
// a subset whose every glyph has an outline (a subset with empty glyphs extracts fine but prints blank),
// the layout's rules (line breaks, the date, the number), and a letter long enough to need page numbers.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import * as fontkit from 'fontkit';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { chineseDate, letterNumber, renderLetter, wrapText, type LetterInput } from './pdf-letter.ts';

const letter: LetterInput = {
  issuer: '广州市从化区总工会',
  number: letterNumber(2026, '从工监提', 1),
  title: '劳动法律监督提示函',
  addressee: '广州市从化区鳌头镇喆堃制衣有限公司',
  paragraphs: [
    '本会劳动法律监督员在履行监督职责中发现，你单位未按劳动合同约定的时间足额支付劳动者2026年10月工资，涉及职工23人。',
    '请你单位自收到本提示函之日起15个工作日内自查整改，并将整改情况书面回复本会。',
  ],
  notes: ['劳动法律监督员：欧阳翊（证书编号 GZCH-2026-001）'],
  date: '2026-12-06',
  copyTo: '广州市从化区人力资源和社会保障局',
};

/** Each page's text as pdf.js reads it, lines joined without separators. */
async function pagesText(pdf: Buffer): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  await doc.destroy();
  return pages;
}

/** The embedded TrueType programs (FontFile2 streams) of a PDF, inflated. */
function embeddedFonts(pdf: Buffer): { baseFont: string[]; programs: Buffer[] } {
  const text = pdf.toString('latin1');
  const baseFont = [...text.matchAll(/\/BaseFont \/([^\s/>]+)/g)].map((m) => m[1]!);
  const programs = [...text.matchAll(/\/FontFile2 (\d+) 0 R/g)].map((m) => {
    const head = new RegExp(`(?:^|\\n)${m[1]} 0 obj[\\s\\S]*?stream\\n`).exec(text)!;
    const start = head.index + head[0].length;
    const end = text.indexOf('\nendstream', start);
    return inflateSync(pdf.subarray(start, end));
  });
  return { baseFont, programs };
}

describe('renderLetter', () => {
  it('writes the union, the number, the addressee, the body and the Chinese date, readable back from the PDF', async () => {
    const pdf = await renderLetter(letter);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const [page, ...more] = await pagesText(pdf);
    expect(more).toEqual([]);
    for (const part of [letter.issuer, letter.number, letter.title, `${letter.addressee}：`, '欧阳翊', '2026年12月6日', `抄送：${letter.copyTo}。`]) {
      expect(page).toContain(part);
    }
    for (const paragraph of letter.paragraphs) expect(page).toContain(paragraph);
    // the union's name is written twice: the masthead and the signature
    expect(page!.split(letter.issuer).length - 1).toBe(2);
  });

  it('embeds the Chinese font as a subset: a tagged name, a few glyphs, every one with an outline', async () => {
    const pdf = await renderLetter(letter);
    const { baseFont, programs } = embeddedFonts(pdf);
    expect(new Set(baseFont.filter((name) => /^[A-Z]{6}\+NotoSerifSC-(Regular|Bold)$/.test(name))).size).toBe(2);
    expect(programs.length).toBe(2);
    const require = createRequire(import.meta.url);
    const full = readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf'));
    const fullGlyphs = (fontkit.create(full) as fontkit.Font).numGlyphs;
    const used = new Set(Array.from([letter.addressee, ...letter.paragraphs, ...letter.notes!, letter.number].join('')));
    for (const program of programs) {
      const subset = fontkit.create(program) as fontkit.Font;
      expect(subset.numGlyphs).toBeLessThan(fullGlyphs / 20);
      // every glyph but .notdef (0) and at most the space draws something
      let empty = 0;
      for (let id = 1; id < subset.numGlyphs; id++) {
        if (subset.getGlyph(id).path.commands.length === 0) empty++;
      }
      expect(empty).toBeLessThanOrEqual(1);
    }
    // the regular face holds the body's characters (and not the whole font)
    const regular = programs.map((p) => fontkit.create(p) as fontkit.Font).find((f) => f.numGlyphs > used.size / 2)!;
    expect(regular.numGlyphs).toBeLessThanOrEqual(used.size + 20);
    console.log(`letter PDF: ${pdf.length} bytes (font file ${full.length} bytes; ${fullGlyphs} glyphs, subset ${regular.numGlyphs})`);
    expect(pdf.length).toBeLessThan(full.length / 20);
  });

  it('runs over pages with page numbers when the body is long', async () => {
    const paragraph = '劳动者依法享有取得劳动报酬的权利，用人单位应当按时足额支付工资，不得克扣或者无故拖欠。';
    const pdf = await renderLetter({ ...letter, paragraphs: Array.from({ length: 20 }, (_, i) => `${i + 1}. ${paragraph}`) });
    const pages = await pagesText(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => expect(text).toContain(`— ${i + 1} —`));
    expect(pages.at(-1)).toContain('2026年12月6日');
    expect(pages.join('').replace(/— \d+ —/g, '')).toContain(`20. ${paragraph}`);
  });
});

describe('the letter layout helpers', () => {
  const measure = (s: string) => Array.from(s).length; // one unit a character

  it('keeps punctuation off the start of a line and opening brackets off its end', () => {
    const lines = wrapText('一二三四五，六七八（九十', 5, measure);
    expect(lines.join('')).toBe('一二三四五，六七八（九十');
    for (const line of lines) expect('，。、）》'.includes(line[0]!)).toBe(false);
    for (const line of lines.slice(0, -1)) expect('（《'.includes(line.at(-1)!)).toBe(false);
    expect(lines[0]).toBe('一二三四五，');
    expect(wrapText('一二三（四五', 4, measure)).toEqual(['一二三', '（四五']);
  });

  it('does not split a run of Latin letters and digits, unless it is wider than a line', () => {
    expect(wrapText('编号GZCH-01', 7, measure)).toEqual(['编号', 'GZCH-01']);
    expect(wrapText('ABCDEFGH', 5, measure)).toEqual(['ABCDE', 'FGH']);
  });

  it('indents the first line', () => {
    expect(wrapText('一二三四五六', 4, measure, 2)).toEqual(['一二', '三四五六']);
  });

  it('writes the date and the document number as official documents do', () => {
    expect(chineseDate('2026-01-09')).toBe('2026年1月9日');
    expect(chineseDate(new Date('2026-12-31T16:30:00Z'))).toBe('2027年1月1日');
    expect(letterNumber(2026, '从工监提', 12)).toBe('〔2026〕从工监提字第12号');
    expect(() => chineseDate('2026/1/9')).toThrow();
  });
});
