// Importing a fair's jobs from Excel (春送岗位: a town's fair gathers dozens of employers' postings in
// one sheet). Every row is checked first with the rules of the form (jobs.service: wage range, valid
// until, skills on the ladder with one essential, the town in the fair's union's area) and any bad row
// refuses the whole file with the reasons per row — nothing is written; the refused file can be had back
// with an 错误 column and its bad cells highlighted. A good file is written in one transaction, once per
// Idempotency-Key, every job published by the fair's union; an employer named exactly as one of the
// enterprise file in the caller's scope is linked to it (enterprises/access.service).
import { createHash } from 'node:crypto';
import { jobImportColumns, type JobImportAnswer, type JobImportColumn } from '../../../contracts/jobs.ts';
import { isSkillLevel } from '../../../contracts/skills.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import type { OrgPath } from '../../http/scope.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { contactPhone } from '../../../contracts/jobs.ts';
import { enterprisesByNameInScope } from '../enterprises/access.service.ts';
import { getFairForImport } from './fairs.service.ts';
import { jobErrorWorkbook, readJobSheet, type JobCells, type JobSheet } from './jobs.import.sheet.ts';
import { checkJobTerms, jobWriteOnce, sealContact, type JobSkillWant } from './jobs.service.ts';
import * as repo from './jobs.repo.ts';

const LIST_MAX = 500;
type RowError = JobImportAnswer['errors'][number];

const headerOf = (key: JobImportColumn) => jobImportColumns.find((c) => c.key === key)?.header ?? key;
const textOf = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

const SHIFT_BY_LABEL: Record<string, 'day' | 'night' | 'rotating' | 'flexible'> = {
  白班: 'day', 长白班: 'day', 夜班: 'night', 两班倒: 'rotating', 三班倒: 'rotating', 倒班: 'rotating', '两班倒/三班倒': 'rotating', 弹性: 'flexible', 弹性工作: 'flexible',
};

/** A date cell: a date, an Excel day number (1900 system), or YYYY-MM-DD / YYYY/M/D / YYYY年M月D日 text. */
export function dateOfCell(v: CellValue | undefined): string | null {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'number' && Number.isInteger(v) && v > 20000 && v < 80000) return new Date(Date.UTC(1899, 11, 30) + v * 86400_000).toISOString().slice(0, 10);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(textOf(v));
  if (!m) return null;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso ? null : iso;
}

const normaliseTown = (name: string) => name.replace(/(总工会|工会联合会|工联会|工会)$/, '');

/** "叉车:4:必备;电工:2" → [{ name 叉车, level 4, essential }, { name 电工, level 2 }], or the reason it cannot be read. */
export function parseSkillText(s: string): { key: string; level: number; essential: boolean }[] | string {
  const out: { key: string; level: number; essential: boolean }[] = [];
  for (const part of s.split(/[;；]/).map((p) => p.trim()).filter(Boolean)) {
    const [key = '', level = '', flag = ''] = part.split(/[:：]/).map((x) => x.trim());
    if (!key || !/^\d+$/.test(level)) return `“${part}”应写作 技能:等级[:必备]，如 叉车:4:必备`;
    if (flag && !['必备', '必须', '加分', '优先'].includes(flag)) return `“${part}”的第三项应为“必备”或留空`;
    out.push({ key, level: Number(level), essential: flag === '必备' || flag === '必须' });
  }
  return out;
}

interface ParsedJob {
  rowNo: number;
  insert: Omit<repo.JobInsert, 'orgId' | 'fairId' | 'createdBy'>;
  skills: JobSkillWant[];
}

interface Lookups {
  towns: Map<string, number>;
  skills: Map<string, repo.SkillRow>;
  /** employers of the enterprise file in the caller's scope, by their exact name */
  employers: Map<string, number>;
  today: string;
}

function parseRow(ctx: StaffContext, rowNo: number, cells: JobCells, lk: Lookups): ParsedJob | RowError[] {
  const errors: RowError[] = [];
  const fail = (key: JobImportColumn, message: string) => errors.push({ row: rowNo, column: headerOf(key), message });
  const employer = textOf(cells.employer);
  if ([...employer].length < 2 || [...employer].length > 100) fail('employer', '单位名称应为 2–100 个字');
  const title = textOf(cells.title);
  if ([...title].length < 2 || [...title].length > 40) fail('title', '岗位名称应为 2–40 个字');
  let occupationId: number | null = null;
  const occupation = textOf(cells.occupation);
  if (occupation) {
    const s = lk.skills.get(occupation);
    if (!s || s.rank !== 'occupation') fail('occupation', `职业目录中没有编码为“${occupation}”的职业`);
    else occupationId = s.id;
  }
  const skills: JobSkillWant[] = [];
  const parsed = parseSkillText(textOf(cells.skills));
  if (typeof parsed === 'string') fail('skills', parsed);
  else {
    for (const p of parsed) {
      const s = lk.skills.get(p.key);
      if (!s || (s.rank !== 'occupation' && s.rank !== 'free')) fail('skills', `技能目录中没有“${p.key}”`);
      else if (!isSkillLevel(p.level)) fail('skills', `“${p.key}”的等级应为 1–8 级（学徒工至首席技师）`);
      else if (skills.some((x) => x.skillId === s.id)) fail('skills', `“${p.key}”填写了两次`);
      else skills.push({ skillId: s.id, minLevel: p.level, essential: p.essential });
    }
    if (parsed.length === 0 || !parsed.some((p) => p.essential)) fail('skills', '至少填写一项必备技能，如 叉车:4:必备');
    if (parsed.length > 12) fail('skills', '技能要求最多 12 项');
  }
  const wageText = (k: 'wageMin' | 'wageMax') => textOf(cells[k]).replace(/[,，元\s]/g, '');
  const wageMin = Number(wageText('wageMin'));
  const wageMax = Number(wageText('wageMax'));
  const okWage = (n: number) => Number.isInteger(n) && n >= 1 && n <= 1_000_000;
  if (!okWage(wageMin)) fail('wageMin', '月薪下限应为 1–1,000,000 的整数（元）');
  if (!okWage(wageMax)) fail('wageMax', '月薪上限应为 1–1,000,000 的整数（元）');
  const shift = SHIFT_BY_LABEL[textOf(cells.shift)];
  if (!shift) fail('shift', '班次应为 白班、夜班、两班倒、三班倒 或 弹性');
  const headcount = Number(textOf(cells.headcount));
  if (!Number.isInteger(headcount) || headcount < 1 || headcount > 10_000) fail('headcount', '人数应为 1–10,000 的整数');
  const validUntil = dateOfCell(cells.validUntil);
  if (!validUntil) fail('validUntil', '有效期应为日期，如 2026-12-31');
  if (validUntil && okWage(wageMin) && okWage(wageMax)) {
    try {
      checkJobTerms({ wageMin, wageMax, validUntil }, lk.today);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      fail(err.code === 'job_wage_range_invalid' ? 'wageMax' : 'validUntil', err.message);
    }
  }
  const town = textOf(cells.town);
  const townId = lk.towns.get(town) ?? lk.towns.get(normaliseTown(town)) ?? null;
  if (townId === null) fail('town', town ? `“${town}”不在招聘会举办工会的管辖范围内` : '请填写镇街');
  const address = textOf(cells.address);
  if ([...address].length < 2 || [...address].length > 120) fail('address', '地址应为 2–120 个字');
  const contactName = textOf(cells.contactName);
  if ([...contactName].length > 30) fail('contactName', '联系人不超过 30 个字');
  const phone = textOf(cells.contactPhone).replace(/\s/g, '');
  if (phone && !contactPhone.safeParse(phone).success) fail('contactPhone', '电话应为 11 位手机号或带区号的固定电话');
  if (errors.length > 0) return errors;
  return {
    rowNo,
    insert: {
      enterpriseId: lk.employers.get(employer) ?? null,
      employerName: employer,
      title,
      occupationId,
      townId: townId!,
      lat: null,
      lng: null,
      address,
      wageMin,
      wageMax,
      wageUnit: 'month',
      shift: shift!,
      employment: 'fulltime',
      headcount,
      validUntil: validUntil!,
      ...sealContact(ctx.pii, { name: contactName || undefined, phone: phone || undefined }),
    },
    skills,
  };
}

interface CheckedFile {
  fair: { id: number; orgId: number; orgPath: string };
  sheet: JobSheet;
  parsed: ParsedJob[];
  errors: RowError[];
}

async function checkJobFile(ctx: StaffContext, fairId: number, file: Buffer): Promise<CheckedFile> {
  const fair = await getFairForImport(ctx, ctx.db, fairId);
  const sheet = await readJobSheet(file);
  const towns = new Map<string, number>();
  // a town by its full name, without 总工会, or without its city or county too (石湾街道)
  for (const t of await repo.findTownsOfArea(ctx.db, fair.orgPath as OrgPath)) {
    const short = normaliseTown(t.name);
    for (const name of [t.name, short, short.replace(/^.+?(市|县|区)(?=.)/, '')]) if (!towns.has(name)) towns.set(name, t.id);
  }
  const keys = new Set<string>();
  for (const r of sheet.rows) {
    const occ = textOf(r.cells.occupation);
    if (occ) keys.add(occ);
    const parsed = parseSkillText(textOf(r.cells.skills));
    if (typeof parsed !== 'string') for (const p of parsed) keys.add(p.key);
  }
  const skills = new Map<string, repo.SkillRow>();
  for (const s of await repo.findSkillsByCodeOrName(ctx.db, [...keys])) {
    if (!skills.has(s.code)) skills.set(s.code, s);
    if (!skills.has(s.name)) skills.set(s.name, s);
  }
  const employers = await enterprisesByNameInScope(ctx.db, ctx.scope, [...new Set(sheet.rows.map((r) => textOf(r.cells.employer)).filter(Boolean))]);
  const lk = { towns, skills, employers, today: beijingDay() };
  const parsed: ParsedJob[] = [];
  const errors: RowError[] = [];
  for (const r of sheet.rows) {
    const out = parseRow(ctx, r.rowNo, r.cells, lk);
    if (Array.isArray(out)) errors.push(...out);
    else parsed.push(out);
  }
  return { fair, sheet, parsed, errors };
}

/**
 * Imports a workbook of jobs into a fair of the scope, published by the fair's union: all rows or none.
 * With dryRun, checks without writing. Throws not_found (fair), fair_cancelled, roster_* (not a
 * readable xlsx), job_import_headers, job_import_empty, job_import_too_many_rows, idempotency_key_reused.
 */
export async function importFairJobs(ctx: StaffContext, input: { fairId: number; dryRun: boolean; file: Buffer; key: string }): Promise<IdempotentReply> {
  const { fair, sheet, parsed, errors } = await checkJobFile(ctx, input.fairId, input.file);
  const answer = (created: number): JobImportAnswer => ({ ok: errors.length === 0, rows: sheet.rows.length, created, errors: errors.slice(0, LIST_MAX), errorCount: errors.length });
  if (errors.length > 0 || input.dryRun) return { body: JSON.stringify(answer(0)), replayed: false };
  const digest = createHash('sha256').update(input.file).digest('hex');
  return jobWriteOnce(ctx, input.key, requestHashOf('job import', fair.id, digest), async (tx) => {
    // the fair is read again in the transaction: cancelled meanwhile, nothing is written
    await getFairForImport(ctx, tx, fair.id);
    for (const p of parsed) {
      const id = await repo.insertJob(tx, { ...p.insert, orgId: fair.orgId, fairId: fair.id, createdBy: ctx.actor.staffId });
      await repo.replaceJobSkills(tx, id, p.skills);
    }
    await audit(tx, ctx, 'job.import', { type: 'job_fair', id: fair.id, orgPath: fair.orgPath }, { jobsCreated: parsed.length });
    return answer(parsed.length);
  });
}

/**
 * The refused upload given back to fix (下载错误清单): the same checks, every row as uploaded with 错误 on
 * the bad ones and the bad cells highlighted. Nothing written. Throws what importFairJobs throws for the
 * file, and job_import_no_errors when every row is good.
 */
export async function jobImportErrors(ctx: StaffContext, input: { fairId: number; file: Buffer }): Promise<Buffer> {
  const { sheet, errors } = await checkJobFile(ctx, input.fairId, input.file);
  if (errors.length === 0) throw new AppError('job_import_no_errors');
  const faults = new Map<number, { reason: string; cells: number[] }>();
  for (const e of errors) {
    const f = faults.get(e.row) ?? { reason: '', cells: [] };
    f.reason = f.reason ? `${f.reason}；${e.column}：${e.message}` : `${e.column}：${e.message}`;
    const key = jobImportColumns.find((c) => c.header === e.column)?.key;
    const at = key ? sheet.columnOf.get(key) : undefined;
    if (at !== undefined && !f.cells.includes(at)) f.cells.push(at);
    faults.set(e.row, f);
  }
  return jobErrorWorkbook(input.file, faults);
}
