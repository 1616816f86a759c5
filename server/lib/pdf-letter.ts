// The PDF letter kit: an official letter of a union (提示函, 意见书, 建议书 …) laid out as a Chinese
// union document (after GB/T 9704-2012): the red masthead with the union's full name, the document
// number, the red rule, the title, the addressee, the body paragraphs indented two characters, then
// the union's name and the date in Chinese at the bottom right; page numbers "— n —".
//
// The font is Noto Serif SC (TrueType outlines, from the @expo-google-fonts/noto-serif-sc dependency,
// installed by `npm ci`, never fetched at run time), embedded as a SUBSET through pdfkit (fontkit 2):
// only the glyphs a letter uses go into the file, with a ToUnicode map so the text can be copied
// and searched. Why pdfkit with that font: docs/design/legal.md.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { beijingDay } from './beijing-time.js';

export interface LetterInput {
  /** The issuing union's full name (发文机关), e.g. 广州市从化区总工会. */
  issuer: string;
  /** The masthead (发文机关标志); defaults to the issuer's name. */
  masthead?: string;
  /** The document number (发文字号), e.g. 〔2026〕从工监提字第1号 — see `letterNumber`. */
  number: string;
  /** The title (标题), e.g. 劳动法律监督提示函. */
  title: string;
  /** The addressee (主送), written with its colon added by the kit. */
  addressee: string;
  /** The body, one string per paragraph (each indented two characters). */
  paragraphs: readonly string[];
  /** Lines after the body, before the signature (附件, 联系人 …), not indented. */
  notes?: readonly string[];
  /** The date of the letter: a Beijing calendar day YYYY-MM-DD or an instant (shown as its Beijing day). */
  date: string | Date;
  /** Who the letter is copied to (抄送), printed under a rule at the end. */
  copyTo?: string;
}

/** 〔2026〕从工监提字第1号: the document number of a union's letter. */
export function letterNumber(year: number, prefix: string, seq: number): string {
  return `〔${year}〕${prefix}字第${seq}号`;
}

/** 2026年12月6日 — a Beijing day written as official documents write it (Arabic numerals, no padding). */
export function chineseDate(date: string | Date): string {
  const day = typeof date === 'string' ? date : beijingDay(date);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new Error(`not a calendar day: ${day}`);
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

const MM = 72 / 25.4;
const PAGE = { width: 210 * MM, height: 297 * MM };
const MARGIN = { top: 30 * MM, left: 28 * MM, right: 26 * MM, bottom: 30 * MM };
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
const RED = '#cc0000';
const BLACK = '#000000';
const SIZE = { masthead: 30, number: 16, title: 22, body: 16, page: 14 } as const;
const LINE = 28; // the body's line pitch

// Characters that must not begin a line (避头点) and must not end one (避尾点).
const NO_LINE_START = new Set('，。、；：？！）》」』】〕”’…—·%,.;:?!)]}');
const NO_LINE_END = new Set('（《「『【〔“‘([{');
const WORD = /[0-9A-Za-z._\-/]/;

interface FontFiles {
  regular: Buffer;
  bold: Buffer;
}
let fontFiles: Promise<FontFiles> | undefined;

/** The font files, read once from the installed package and kept. */
function fonts(): Promise<FontFiles> {
  fontFiles ??= (async () => {
    const require = createRequire(import.meta.url);
    const base = '@expo-google-fonts/noto-serif-sc';
    const [regular, bold] = await Promise.all([
      readFile(require.resolve(`${base}/400Regular/NotoSerifSC_400Regular.ttf`)),
      readFile(require.resolve(`${base}/700Bold/NotoSerifSC_700Bold.ttf`)),
    ]);
    return { regular, bold };
  })().catch((error: unknown) => {
    fontFiles = undefined;
    throw error;
  });
  return fontFiles;
}

/**
 * Breaks a paragraph into lines of at most `width` points (the first line `firstIndent` narrower):
 * punctuation is kept off a line's start (hung at the end of the line before) and opening brackets
 * off its end; a run of Latin letters and digits (a licence number, a date) is not split.
 */
export function wrapText(text: string, width: number, measure: (s: string) => number, firstIndent = 0): string[] {
  const lines: string[] = [];
  let line: string[] = [];
  let available = width - firstIndent;
  for (const ch of Array.from(text)) {
    if (line.length > 0 && measure([...line, ch].join('')) > available) {
      if (NO_LINE_START.has(ch)) {
        line.push(ch);
        continue;
      }
      let cut = line.length;
      if (WORD.test(ch)) {
        while (cut > 0 && WORD.test(line[cut - 1]!)) cut--;
        if (cut === 0) cut = line.length; // one word wider than the line: split it
      }
      while (cut > 1 && NO_LINE_END.has(line[cut - 1]!)) cut--;
      lines.push(line.slice(0, cut).join(''));
      line = line.slice(cut);
      available = width;
    }
    line.push(ch);
  }
  if (line.length > 0 || lines.length === 0) lines.push(line.join(''));
  return lines;
}

type Doc = InstanceType<typeof PDFDocument>;

/** Writes lines top-down on A4 pages, opening a page when the type area is full. */
class Typesetter {
  y = MARGIN.top;

  constructor(private readonly doc: Doc) {}

  width(text: string, font: 'regular' | 'bold', size: number): number {
    return this.doc.font(font).fontSize(size).widthOfString(text);
  }

  at(text: string, x: number, font: 'regular' | 'bold', size: number, color = BLACK): void {
    this.doc.font(font).fontSize(size).fillColor(color).text(text, x, this.y, { lineBreak: false });
  }

  centred(text: string, font: 'regular' | 'bold', size: number, color = BLACK): void {
    this.at(text, (PAGE.width - this.width(text, font, size)) / 2, font, size, color);
  }

  /** Room for `lines` more body lines on this page, else a new page. */
  ensure(lines: number): void {
    if (this.y + lines * LINE > PAGE.height - MARGIN.bottom) {
      this.doc.addPage();
      this.y = MARGIN.top;
    }
  }

  /** A paragraph in the body font, wrapped; `indent` in characters for its first line. */
  paragraph(text: string, indent: number): void {
    const measure = (s: string) => this.width(s, 'regular', SIZE.body);
    for (const [i, line] of wrapText(text, TEXT_WIDTH, measure, indent * SIZE.body).entries()) {
      this.ensure(1);
      this.at(line, MARGIN.left + (i === 0 ? indent * SIZE.body : 0), 'regular', SIZE.body);
      this.y += LINE;
    }
  }

  rule(color = BLACK, thickness = 0.75): void {
    this.doc
      .moveTo(MARGIN.left, this.y)
      .lineTo(PAGE.width - MARGIN.right, this.y)
      .lineWidth(thickness)
      .strokeColor(color)
      .stroke();
  }
}

/** Renders the letter as a PDF (A4) with the Chinese font embedded as a subset. */
export async function renderLetter(input: LetterInput): Promise<Buffer> {
  const { regular, bold } = await fonts();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    bufferPages: true,
    lang: 'zh-CN',
    info: {
      Title: `${input.title} ${input.number}`,
      Author: input.issuer,
      Creator: '智慧工会',
      Producer: '智慧工会',
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', regular);
  doc.registerFont('bold', bold);

  const t = new Typesetter(doc);
  // 版头: the masthead in red (narrowed to the type area if long), the number, the red rule
  const masthead = input.masthead ?? input.issuer;
  const mastSize = Math.min(SIZE.masthead, (TEXT_WIDTH / t.width(masthead, 'bold', 100)) * 100);
  t.centred(masthead, 'bold', mastSize, RED);
  t.y += mastSize + LINE;
  t.centred(input.number, 'regular', SIZE.number);
  t.y += SIZE.number + 4 * MM;
  t.rule(RED, 1.5);
  t.y += LINE * 1.5;
  // 标题
  const measureTitle = (s: string) => t.width(s, 'bold', SIZE.title);
  for (const line of wrapText(input.title, TEXT_WIDTH - 2 * SIZE.title, measureTitle)) {
    t.centred(line, 'bold', SIZE.title);
    t.y += SIZE.title + 10;
  }
  t.y += LINE - 10;
  // 主送机关, 正文
  t.paragraph(`${input.addressee}：`, 0);
  for (const p of input.paragraphs) t.paragraph(p, 2);
  for (const note of input.notes ?? []) t.paragraph(note, 2);
  // 署名 and 成文日期: the date four characters from the right, the name centred over it
  t.y += LINE;
  t.ensure(2);
  const date = chineseDate(input.date);
  const dateRight = PAGE.width - MARGIN.right - 4 * SIZE.body;
  const dateWidth = t.width(date, 'regular', SIZE.body);
  const nameWidth = t.width(input.issuer, 'regular', SIZE.body);
  const centre = dateRight - dateWidth / 2;
  t.at(input.issuer, Math.min(centre - nameWidth / 2, PAGE.width - MARGIN.right - nameWidth), 'regular', SIZE.body);
  t.y += LINE;
  t.at(date, dateRight - dateWidth, 'regular', SIZE.body);
  t.y += LINE;
  if (input.copyTo) {
    t.y += LINE;
    t.ensure(2);
    t.rule();
    t.y += 6;
    t.paragraph(`抄送：${input.copyTo}。`, 1);
    t.y -= 6;
    t.rule();
  }
  // 页码 "— n —", once the letter runs over a page
  const range = doc.bufferedPageRange();
  if (range.count > 1) {
    for (let i = 0; i < range.count; i++) {
      doc.switchToPage(range.start + i);
      t.y = PAGE.height - MARGIN.bottom + 8 * MM;
      t.centred(`— ${i + 1} —`, 'regular', SIZE.page);
    }
  }
  doc.end();
  await finished;
  return Buffer.concat(chunks);
}
