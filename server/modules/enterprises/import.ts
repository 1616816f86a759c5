// Importing employers from Excel (design §4): the template, reading an upload (xlsx-guard against zip
// bombs, the header found by its column names), every row checked — name, credit code (GB 32100, not a
// union's 81…), town by name within the caller's scope, industry section, ownership, size and its date,
// address — and a code or a name already registered, or repeated in the file, reported (nothing
// updated). Good rows go in (each an employer with its first facts, source import) in one
// transaction, once per Idempotency-Key (each row's identity fact carries key:row); bad rows come back
// as an error workbook (only the bad rows, with their row numbers and reasons).
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import {
  ENTERPRISE_IMPORT_ERROR_HEADER,
  ENTERPRISE_IMPORT_MAX_ROWS,
  ENTERPRISE_IMPORT_SHEET,
  enterpriseImportColumns,
  type EnterpriseImportAnswer,
  type EnterpriseImportColumn,
} from '../../../contracts/enterprises-register.ts';
import { industrySections, ownershipLabels, type IndustrySection, type Ownership } from '../../../contracts/enterprise-facts-common.ts';
import { isValidCreditCode } from '../../../contracts/china-codes.ts';
import { UNSAFE_TEXT } from '../../../contracts/common.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf } from '../../http/idempotency.ts';
import { isPathInScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import { keyedHeader, readKeyedSheet, uploadSheetRows, writeErrorWorkbook, type KeyedHeader, type KeyedSheet, type RowFault } from '../../lib/xlsx-errors.ts';
import { inspectXlsx } from '../../lib/xlsx-guard.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { enterpriseNameKey } from '../members/routing.service.ts';
import * as repo from './register.repo.ts';
import { insertWithFacts, type FirstFacts } from './register.service.ts';

const HELP_SHEET = '填写说明';
const LIST_MAX = 500;

const HEADER_ALIASES: Record<string, EnterpriseImportColumn> = {
  ...Object.fromEntries(enterpriseImportColumns.map((c) => [c.header, c.key])),
  单位: 'name',
  企业名称: 'name',
  用人单位: 'name',
  信用代码: 'creditCode',
  社会信用代码: 'creditCode',
  镇街: 'town',
  所在镇街道: 'town',
  镇街道: 'town',
  行业: 'section',
  登记类型: 'ownership',
  经济类型: 'ownership',
  职工数: 'employees',
  截至日期: 'employeesAsOf',
  单位地址: 'address',
};
const normaliseHeader = (h: string) => h.replace(/[\s*＊]/g, '').replace(/[(（](可选|选填|必填)[)）]/g, '');
const findHeader = (row: ExcelJS.Row): KeyedHeader<EnterpriseImportColumn> | undefined => keyedHeader(row, HEADER_ALIASES, normaliseHeader, 2);

const SECTION_BY_WORD: Record<string, IndustrySection> = {
  ...Object.fromEntries(Object.entries(industrySections).map(([k, v]) => [v, k as IndustrySection])),
  ...Object.fromEntries(Object.keys(industrySections).map((k) => [k, k as IndustrySection])),
  ...Object.fromEntries(Object.keys(industrySections).map((k) => [k.toLowerCase(), k as IndustrySection])),
  制造: 'C', 建筑: 'E', 批发零售: 'F', 批发和零售: 'F', 交通运输: 'G', 物流: 'G', 住宿餐饮: 'H', 餐饮: 'H', 信息技术: 'I', 软件: 'I',
  金融: 'J', 房地产: 'K', 租赁和商务服务: 'L', 教育: 'P', 卫生: 'Q', 文化体育娱乐: 'R',
};
const OWNERSHIP_BY_WORD: Record<string, Ownership> = {
  ...Object.fromEntries(Object.entries(ownershipLabels).map(([k, v]) => [v, k as Ownership])),
  ...Object.fromEntries(Object.keys(ownershipLabels).map((k) => [k, k as Ownership])),
  国有: 'state', 国有企业: 'state', 国有控股: 'state', 集体企业: 'collective', 民营企业: 'private', 私营: 'private', 私营企业: 'private',
  港澳台: 'hmt', 港澳台投资: 'hmt', 外资: 'foreign', 外商投资企业: 'foreign', 外资企业: 'foreign', 混合: 'mixed', 个体: 'individual',
  机关: 'public', 事业单位: 'public', 机关事业: 'public', 社会团体: 'social', 民办非企业: 'social',
};

type Sheet = KeyedSheet<EnterpriseImportColumn>;
type SheetRow = Sheet['rows'][number];

const textOf = (v: CellValue | undefined): string =>
  (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();
const headerOf = (key: EnterpriseImportColumn) => enterpriseImportColumns.find((c) => c.key === key)!.header;

/** Reads the upload's rows. Throws roster_* (the file), enterprise_import_headers, _empty, _too_many_rows. */
async function readSheet(buf: Buffer): Promise<Sheet> {
  const sheet = await readKeyedSheet(buf, { skipSheet: HELP_SHEET, findHeader, maxRows: ENTERPRISE_IMPORT_MAX_ROWS, tooManyRows: () => new AppError('enterprise_import_too_many_rows') });
  if (enterpriseImportColumns.some((c) => c.required && !sheet.present.has(c.key))) throw new AppError('enterprise_import_headers');
  if (sheet.rows.length === 0) throw new AppError('enterprise_import_empty');
  return sheet;
}

/** A day written as 2026-03-01, 2026/3/1, 2026年3月1日 or an Excel date; undefined when unreadable. */
function dayOf(v: CellValue | undefined): string | undefined {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(textOf(v));
  if (!m) return undefined;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const back = new Date(`${d}T00:00:00Z`);
  return Number.isNaN(back.getTime()) || back.toISOString().slice(0, 10) !== d ? undefined : d;
}

function normaliseTown(name: string): string {
  return name.replace(/(总工会|工会联合会|工联会|工会)$/, '');
}

type RowError = EnterpriseImportAnswer['errors'][number];
interface GoodRow {
  rowNo: number;
  e: FirstFacts;
  nameKey: string;
}

/** One row checked: the employer to add, or its problems. */
function parseRow(r: SheetRow, towns: Map<string, number>, today: string): GoodRow | RowError[] {
  const errors: RowError[] = [];
  const fail = (key: EnterpriseImportColumn, message: string) => errors.push({ row: r.rowNo, column: headerOf(key), message });
  const c = r.cells;
  const name = textOf(c.name);
  if ([...name].length < 2 || [...name].length > 100 || UNSAFE_TEXT.test(name)) fail('name', '单位名称应为 2–100 个字');
  let creditCode: string | null = null;
  const code = textOf(c.creditCode).toUpperCase().replace(/\s/g, '');
  if (code !== '') {
    if (code.startsWith('81')) fail('creditCode', '这是工会的统一社会信用代码（81 开头），请填写用人单位的代码');
    else if (!isValidCreditCode(code)) fail('creditCode', '统一社会信用代码格式或校验位不正确');
    else creditCode = code;
  }
  const townText = textOf(c.town);
  const townId = towns.get(townText) ?? towns.get(normaliseTown(townText));
  if (townText === '') fail('town', '请填写所在镇街');
  else if (townId === undefined) fail('town', `管理范围内没有名为“${townText}”的镇（街道）工会`);
  const sectionText = textOf(c.section);
  const section = sectionText === '' ? undefined : (SECTION_BY_WORD[sectionText] ?? SECTION_BY_WORD[sectionText.replace(/^([A-Ta-t])\s*.*$/, '$1').toUpperCase()]);
  if (sectionText !== '' && !section) fail('section', '行业门类应为 A–T 的字母或门类名称（如“C 制造业”）');
  const ownershipText = textOf(c.ownership);
  const ownership = ownershipText === '' ? undefined : OWNERSHIP_BY_WORD[ownershipText];
  if (ownershipText !== '' && !ownership) fail('ownership', `登记注册类型应为：${Object.values(ownershipLabels).join('、')}`);
  const employeesText = textOf(c.employees).replace(/[,，\s]/g, '');
  let employees: number | undefined;
  if (employeesText !== '') {
    employees = Number(employeesText);
    if (!/^[0-9]{1,7}$/.test(employeesText) || employees > 1_000_000) fail('employees', '职工人数应为 0–1,000,000 的整数');
  }
  let asOf: string | undefined;
  if (textOf(c.employeesAsOf) !== '') {
    asOf = dayOf(c.employeesAsOf);
    if (!asOf) fail('employeesAsOf', '日期应写成 2026-03-01');
    else if (asOf > today || asOf < '1949-01-01') fail('employeesAsOf', '日期不能晚于今天，也不能早于 1949 年');
    else if (employeesText === '') fail('employees', '填写了人数截至日期，请同时填写职工人数');
  }
  const address = textOf(c.address);
  if (address !== '' && ([...address].length < 2 || [...address].length > 120 || UNSAFE_TEXT.test(address))) fail('address', '地址应为 2–120 个字');
  if (errors.length > 0) return errors;
  return {
    rowNo: r.rowNo,
    nameKey: enterpriseNameKey(name),
    e: { name, creditCode, townId: townId!, industrySection: section, ownership, employees, employeesAsOf: asOf, address: address || undefined },
  };
}

interface Checked {
  sheet: Sheet;
  good: GoodRow[];
  errors: RowError[];
  /** rows already imported under this key (a retry, or the error file of an import) */
  done: Set<number>;
}

/**
 * Reads and checks every row of an upload against the scope's towns, the file's other rows and the
 * register. Rows whose employer was imported under `key` (identity fact key:row) count as done.
 */
async function checkFile(ctx: StaffContext, file: Buffer, key: string | undefined): Promise<Checked> {
  const sheet = await readSheet(file);
  const towns = new Map<string, number>();
  for (const t of await repo.findTowns(ctx.db, ctx.scope)) {
    const short = normaliseTown(t.name);
    for (const name of [t.name, short, short.replace(/^.+?(市|县|区)(?=.)/, '')]) if (!towns.has(name)) towns.set(name, t.id);
  }
  const done = new Set<number>();
  if (key !== undefined) {
    for (const f of await repo.findIdemFacts(ctx.db, ctx.actor.staffId, key)) {
      const row = Number(f.idemKey.slice(key.length + 1));
      if (f.idemKey.startsWith(`${key}:`) && Number.isInteger(row)) done.add(row);
    }
  }
  const today = beijingDay();
  const parsed: GoodRow[] = [];
  const errors: RowError[] = [];
  for (const r of sheet.rows) {
    if (done.has(r.rowNo)) continue;
    const out = parseRow(r, towns, today);
    if (Array.isArray(out)) errors.push(...out);
    else parsed.push(out);
  }
  // repeated within the file: the first row of a code or a name goes on, the later ones are reported
  const byCode = new Map<string, number>();
  const byName = new Map<string, number>();
  const unique: GoodRow[] = [];
  for (const g of parsed) {
    const codeRow = g.e.creditCode ? byCode.get(g.e.creditCode) : undefined;
    const nameRow = byName.get(g.nameKey);
    if (codeRow !== undefined) errors.push({ row: g.rowNo, column: headerOf('creditCode'), message: `与第 ${codeRow} 行的统一社会信用代码重复` });
    else if (nameRow !== undefined) errors.push({ row: g.rowNo, column: headerOf('name'), message: `与第 ${nameRow} 行的单位名称重复` });
    else unique.push(g);
    if (g.e.creditCode && codeRow === undefined) byCode.set(g.e.creditCode, g.rowNo);
    if (nameRow === undefined) byName.set(g.nameKey, g.rowNo);
  }
  // already in the register: reported, nothing updated
  const holders = await repo.findHolders(ctx.db, { codes: unique.flatMap((g) => (g.e.creditCode ? [g.e.creditCode] : [])), nameKeys: unique.map((g) => g.nameKey) });
  const codeHolder = new Map(holders.filter((h) => h.creditCode).map((h) => [h.creditCode!, h]));
  const nameHolder = new Map(holders.map((h) => [h.nameKey, h]));
  const visible = (h: repo.Holder) => isPathInScope(ctx.scope, h.townPath) || (h.unionPath !== null && isPathInScope(ctx.scope, h.unionPath));
  const named = (h: repo.Holder) => (visible(h) ? `（${h.name}，编号 ${h.id}）` : '（不在您的管理范围内）');
  const good: GoodRow[] = [];
  for (const g of unique) {
    const byC = g.e.creditCode ? codeHolder.get(g.e.creditCode) : undefined;
    const byN = nameHolder.get(g.nameKey);
    if (byC) errors.push({ row: g.rowNo, column: headerOf('creditCode'), message: `该统一社会信用代码的单位已在档案中${named(byC)}，未更新` });
    else if (byN) errors.push({ row: g.rowNo, column: headerOf('name'), message: `同名的单位已在档案中${named(byN)}，未更新` });
    else good.push(g);
  }
  errors.sort((a, b) => a.row - b.row);
  return { sheet, good, errors, done };
}

const errorRowsOf = (errors: readonly RowError[]) => new Set(errors.map((e) => e.row)).size;

/**
 * Imports a workbook of employers: good rows in (with their first facts), bad rows reported. Once per
 * key: a retry answers what the first call did. Throws roster_* (not a readable xlsx),
 * enterprise_import_headers, _empty, _too_many_rows, idempotency_key_reused.
 */
export async function importEnterprises(ctx: StaffContext, file: Buffer, key: string): Promise<{ answer: EnterpriseImportAnswer; replayed: boolean }> {
  const hash = requestHashOf('enterprise import', ctx.scope.orgId, createHash('sha256').update(file).digest('hex'));
  const prior = await repo.findIdemFacts(ctx.db, ctx.actor.staffId, key);
  if (prior.some((f) => f.hash !== hash.toString('hex'))) throw new AppError('idempotency_key_reused');
  const answerOf = (c: Checked, created: number): EnterpriseImportAnswer => ({
    rows: c.sheet.rows.length,
    created,
    errors: c.errors.slice(0, LIST_MAX),
    errorRows: errorRowsOf(c.errors),
  });
  const checked = await checkFile(ctx, file, key);
  if (checked.done.size > 0) return { answer: answerOf(checked, checked.done.size), replayed: true };
  try {
    return await ctx.db.transaction(async (tx) => {
      for (const g of checked.good) await insertWithFacts(tx, ctx, g.e, 'import', { key: `${key}:${g.rowNo}`, hash });
      const answer = answerOf(checked, checked.good.length);
      await audit(tx, ctx, 'enterprise.import', { type: 'org', id: ctx.scope.orgId, orgPath: ctx.scope.path }, {
        rows: answer.rows,
        enterprisesCreated: answer.created,
        errorRows: answer.errorRows,
      });
      return { answer, replayed: false };
    });
  } catch (err) {
    // a concurrent request under the same key got there first: answer what it did
    if (isUniqueViolation(err, 'enterprise_fact_idem')) {
      const again = await checkFile(ctx, file, key);
      if (again.done.size > 0) return { answer: answerOf(again, again.done.size), replayed: true };
    }
    throw err;
  }
}

/**
 * The bad rows given back to fix (下载错误清单): only the rows not imported, each with its upload row
 * number and reasons, bad cells highlighted. `key`: the import's Idempotency-Key, so the rows it took
 * are left out. Throws what the import throws for the file, and enterprise_import_no_errors.
 */
export async function enterpriseImportErrors(ctx: StaffContext, file: Buffer, key: string | undefined): Promise<Buffer> {
  const { sheet, errors } = await checkFile(ctx, file, key);
  if (errors.length === 0) throw new AppError('enterprise_import_no_errors');
  const faults = new Map<number, RowFault & { cells: number[] }>();
  for (const e of errors) {
    const f = faults.get(e.row) ?? { reason: '', cells: [] };
    f.reason = f.reason ? `${f.reason}；${e.column}：${e.message}` : `${e.column}：${e.message}`;
    const col = enterpriseImportColumns.find((c) => c.header === e.column)?.key;
    const at = col ? sheet.columnOf.get(col) : undefined;
    if (at !== undefined && !f.cells.includes(at)) f.cells.push(at);
    faults.set(e.row, f);
  }
  return writeErrorWorkbook({
    rows: uploadSheetRows(file, inspectXlsx(file), { skipSheet: HELP_SHEET, styles: 'cache' }),
    findHeader,
    faults,
    sheet: ENTERPRISE_IMPORT_SHEET,
    reasonHeader: ENTERPRISE_IMPORT_ERROR_HEADER,
    keep: 'faulty',
    rowNoHeader: '原行号',
  });
}

/** The template: the columns in order, two example rows, and the instructions. */
export function enterpriseTemplate(): Promise<Buffer> {
  const columns = xlsxColumns(Object.fromEntries(enterpriseImportColumns.map((c) => [c.header, { width: c.key === 'name' || c.key === 'address' ? 32 : c.key === 'creditCode' ? 22 : 14, numFmt: '@' }])));
  return xlsxBook([
    {
      name: ENTERPRISE_IMPORT_SHEET,
      columns,
      rows: [
        ['化州市示例电子有限公司', '91350100M000100Y43', '石湾街道', 'C 制造业', '民营', '320', '2026-06-30', '化州市石湾街道工业路 8 号'],
        ['化州市示例物流有限公司', '', '河西街道', '交通运输、仓储和邮政业', '', '', '', ''],
      ],
    },
    {
      name: HELP_SHEET,
      notes: true,
      columns: [{ header: '', width: 110 }],
      rows: [
        ['每行一个用人单位；表头请勿修改。单位名称、所在镇街必填，其余可空。校验通过的行写入，有错误的行不写入，可下载错误清单改正后重新上传这些行。'],
        ['统一社会信用代码：18 位，校验位须正确；81 开头的是工会自己的代码，不能作为用人单位的代码。已在档案中的代码或同名单位会被列出，不会更新原有档案。'],
        ['所在镇街：填写管理范围内镇（街道）工会的名称，可省略“总工会”“工会联合会”。'],
        [`行业门类（GB/T 4754）：字母 A–T 或门类名称，如：${Object.entries(industrySections).slice(0, 6).map(([k, v]) => `${k} ${v}`).join('、')}……`],
        [`登记注册类型：${Object.values(ownershipLabels).join('、')}（也可写“民营”“外资”“港澳台”“个体”“事业单位”）。`],
        ['职工人数：0–1,000,000 的整数；人数截至日期写成 2026-06-30，缺省为导入当天。'],
      ],
    },
  ]);
}
