// Bank payments go through a PaymentGateway. The built-in one is what a union's finance office does
// today: a payment file (付款文件, .xlsx, one line per payee) taken to the bank, and the bank's return
// file (回单) uploaded afterwards. A bank's API would be another implementation of the same interface.
import ExcelJS from 'exceljs';
import { PAYMENT_FILE_HEADERS, RETURN_FILE_HEADERS, RETURN_OUTCOMES } from '../../../contracts/payouts.ts';
import { AppError } from '../../errors.ts';
import { cellValue } from '../../lib/spreadsheet-cells.ts';
import { xlsxBook } from '../../lib/xlsx-book.ts';
import { inspectXlsx, verifyInflation } from '../../lib/xlsx-guard.ts';

export interface PaymentLine {
  lineNo: number;
  /** 业务参考号: unique per attempt, so the bank's answer names exactly one try */
  reference: string;
  payeeName: string;
  accountNumber: string;
  bankName: string;
  /** fen */
  amount: number;
}

export interface PaymentBatch {
  payerName: string;
  payerAccount: string;
  payerBank: string;
  purpose: string;
  lines: PaymentLine[];
}

export interface ReturnLine {
  rowNo: number;
  reference: string;
  /** the account as the bank printed it: full digits or masked (6222****0128) */
  account: string;
  amount: number;
  outcome: 'confirmed' | 'failed' | 'returned';
  reason: string | null;
}

export interface PaymentGateway {
  /** Hands a batch to the bank; the built-in gateway answers with the file to take there. */
  submit(batch: PaymentBatch): Promise<{ content: Buffer; extension: 'xlsx' }>;
  /** Reads the bank's return file strictly. Throws payment_return_invalid (nothing is applied). */
  parseReturn(file: Buffer): Promise<ReturnLine[]>;
}

/** A request body is at most 1 MB of JSON, so the file (as base64) at most ~750 KB: some 10,000 lines. */
const MAX_RETURN_BYTES = 760 * 1024;
const MAX_RETURN_LINES = 20_000;

const yuan = (fen: number) => Math.round(fen) / 100;

/** A money cell as fen: a number with at most two decimals, or the same written as text. */
export function fenOf(v: unknown): number | null {
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) return null;
    const fen = Math.round(v * 100);
    return Math.abs(fen - v * 100) < 1e-6 && fen <= Number.MAX_SAFE_INTEGER ? fen : null;
  }
  if (typeof v === 'string') {
    const m = /^\s*([0-9]{1,13})(?:\.([0-9]{1,2}))?\s*$/.exec(v.replace(/,/g, ''));
    if (!m) return null;
    const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
    return fen > 0 ? fen : null;
  }
  return null;
}

function invalid(detail: string): AppError {
  return new AppError('payment_return_invalid', `银行回单不符合要求，未做任何处理：${detail}`);
}

export const fileGateway: PaymentGateway = {
  async submit(batch) {
    const widths = [6, 22, 20, 22, 10, 24, 26, 12, 16, 22];
    const total = batch.lines.reduce((sum, l) => sum + l.amount, 0);
    const content = await xlsxBook([
      {
        name: '付款明细',
        columns: PAYMENT_FILE_HEADERS.map((h, i) => ({ header: h, width: widths[i]!, numFmt: h === '金额（元）' ? '0.00' : '@' })),
        rows: batch.lines.map((l) => [
          l.lineNo, batch.payerAccount, batch.payerName, batch.payerBank, l.payeeName, l.accountNumber, l.bankName, yuan(l.amount), batch.purpose, l.reference,
        ]),
        footer: [[], ['合计', '', '', '', `${batch.lines.length} 笔`, '', '', yuan(total)]],
      },
    ]);
    return { content, extension: 'xlsx' };
  },

  async parseReturn(file) {
    if (file.length > MAX_RETURN_BYTES) throw invalid('文件超过 750 KB，请按付款文件分批上传');
    let wb: ExcelJS.Workbook;
    try {
      const zip = inspectXlsx(file);
      await verifyInflation(file, zip);
      wb = new ExcelJS.Workbook();
      // the guard has checked the zip's entries and their real sizes: loading it whole is bounded
      await wb.xlsx.load(file as unknown as ArrayBuffer);
    } catch (err) {
      if (err instanceof AppError) throw invalid(`不是有效的 .xlsx 工作簿（${err.message}）`);
      throw invalid('无法读取文件内容，请确认是银行导出的 .xlsx 回单');
    }
    const ws = wb.worksheets[0];
    if (!ws) throw invalid('文件中没有工作表');
    const head = ((ws.getRow(1).values as unknown[]) ?? []).slice(1).map((v) => String(cellValue(v) ?? '').replace(/\s/g, ''));
    const col = new Map<string, number>();
    head.forEach((h, i) => {
      if ((RETURN_FILE_HEADERS as readonly string[]).includes(h)) {
        if (col.has(h)) throw invalid(`表头“${h}”重复`);
        col.set(h, i + 1);
      }
    });
    const missing = RETURN_FILE_HEADERS.filter((h) => !col.has(h));
    if (missing.length > 0) throw invalid(`缺少列：${missing.join('、')}（第 1 行应为表头：${RETURN_FILE_HEADERS.join('、')}）`);

    const lines: ReturnLine[] = [];
    const errors: string[] = [];
    const seen = new Set<string>();
    const text = (row: ExcelJS.Row, h: string) => {
      const v = cellValue(row.getCell(col.get(h)!).value);
      return v === null ? '' : String(v).trim();
    };
    ws.eachRow({ includeEmpty: false }, (row, rowNo) => {
      if (rowNo === 1) return;
      const cells = RETURN_FILE_HEADERS.map((h) => text(row, h));
      if (cells.every((c) => c === '')) return;
      if (lines.length + errors.length >= MAX_RETURN_LINES) return;
      const [reference, account, , outcomeWord, reason] = cells as [string, string, string, string, string];
      const bad: string[] = [];
      if (!/^[A-Z0-9-]{8,40}$/.test(reference)) bad.push('业务参考号格式不正确');
      else if (seen.has(reference)) bad.push('业务参考号重复');
      if (!/^[0-9*]{8,30}$/.test(account)) bad.push('收款账号格式不正确');
      const amount = fenOf(cellValue(row.getCell(col.get('金额（元）')!).value));
      if (amount === null) bad.push('金额应为大于 0、最多两位小数的数字');
      const outcome = (RETURN_OUTCOMES as Record<string, ReturnLine['outcome']>)[outcomeWord];
      if (!outcome) bad.push(`处理结果应为 ${Object.keys(RETURN_OUTCOMES).join('/')}`);
      if (outcome && outcome !== 'confirmed' && reason.length < 2) bad.push('失败或退票须写明失败原因');
      if (reason.length > 200) bad.push('失败原因过长');
      if (bad.length > 0) {
        errors.push(`第 ${rowNo} 行${bad.join('，')}`);
        return;
      }
      seen.add(reference);
      lines.push({ rowNo, reference, account, amount: amount!, outcome: outcome!, reason: reason || null });
    });
    if (errors.length > 0) throw invalid(`${errors.slice(0, 5).join('；')}${errors.length > 5 ? `；等共 ${errors.length} 行` : ''}`);
    if (lines.length === 0) throw invalid('没有数据行');
    if (lines.length >= MAX_RETURN_LINES) throw invalid(`超过 ${MAX_RETURN_LINES} 行`);
    return lines;
  },
};

/** The return file a bank would send for these lines (tests, and the demo's 模拟回单): one sheet, its headers the bank's. */
export function buildReturnFile(rows: { reference: string; account: string; amount: number | string; outcome: string; reason?: string }[]): Promise<Buffer> {
  return xlsxBook([
    {
      name: '回单',
      columns: RETURN_FILE_HEADERS.map((header) => ({ header, width: 20 })),
      rows: rows.map((r) => [r.reference, r.account, typeof r.amount === 'number' ? yuan(r.amount) : r.amount, r.outcome, r.reason ?? '']),
    },
  ]);
}
