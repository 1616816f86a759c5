// A fair's jobs as Excel: the template (the columns, two example rows, the instructions), reading an
// upload (the kit's readKeyedSheet: guarded by xlsx-guard, header found by its column names) and the
// refused file given back with its errors marked (the kit's error workbook), as the places import does.
import type ExcelJS from 'exceljs';
import { JOB_IMPORT_ERROR_HEADER, JOB_IMPORT_MAX_ROWS, JOB_IMPORT_SHEET, jobImportColumns, type JobImportColumn } from '../../../contracts/jobs.ts';
import { AppError } from '../../errors.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import { keyedHeader, readKeyedSheet, uploadSheetRows, writeErrorWorkbook, type KeyedHeader, type KeyedSheet, type RowFault } from '../../lib/xlsx-errors.ts';
import { inspectXlsx } from '../../lib/xlsx-guard.ts';

export const JOB_HELP_SHEET = '填写说明';

const HEADER_ALIASES: Record<string, JobImportColumn> = {
  ...Object.fromEntries(jobImportColumns.map((c) => [c.header, c.key])),
  用人单位: 'employer',
  单位名称: 'employer',
  岗位名称: 'title',
  职业: 'occupation',
  职业代码: 'occupation',
  技能: 'skills',
  工资下限: 'wageMin',
  工资上限: 'wageMax',
  招聘人数: 'headcount',
  有效期至: 'validUntil',
  所在镇街: 'town',
  工作地点: 'address',
  联系电话: 'contactPhone',
};

const normaliseHeader = (h: string) => h.replace(/[\s*＊]/g, '').replace(/[(（](可选|选填|必填|元)[)）]/g, '');

const findHeader = (row: ExcelJS.Row): KeyedHeader<JobImportColumn> | undefined => keyedHeader(row, HEADER_ALIASES, normaliseHeader, 3);

export type JobCells = Partial<Record<JobImportColumn, CellValue>>;
export type JobSheet = KeyedSheet<JobImportColumn>;

/** Reads the upload's rows. Throws roster_* (the file), job_import_headers, job_import_empty, job_import_too_many_rows. */
export async function readJobSheet(buf: Buffer): Promise<JobSheet> {
  const sheet = await readKeyedSheet(buf, { skipSheet: JOB_HELP_SHEET, findHeader, maxRows: JOB_IMPORT_MAX_ROWS, tooManyRows: () => new AppError('job_import_too_many_rows') });
  const missing = jobImportColumns.filter((c) => c.required && !sheet.present.has(c.key)).map((c) => c.header);
  if (missing.length > 0) throw new AppError('job_import_headers', `缺少必填列：${missing.join('、')}。请使用最新模板，表头放在第一行`);
  if (sheet.rows.length === 0) throw new AppError('job_import_empty');
  return sheet;
}

/** The refused workbook: every row as uploaded, 错误 added on the bad rows, their bad cells highlighted. */
export function jobErrorWorkbook(buf: Buffer, faults: ReadonlyMap<number, RowFault>): Promise<Buffer> {
  return writeErrorWorkbook({
    rows: uploadSheetRows(buf, inspectXlsx(buf), { skipSheet: JOB_HELP_SHEET, styles: 'cache' }),
    findHeader,
    faults,
    sheet: JOB_IMPORT_SHEET,
    reasonHeader: JOB_IMPORT_ERROR_HEADER,
    keep: 'all',
  });
}

/** The template: the columns in order, two example rows, and the instructions. */
export function jobTemplate(): Promise<Buffer> {
  const wide = new Set<JobImportColumn>(['employer', 'skills', 'address']);
  const columns = xlsxColumns(Object.fromEntries(jobImportColumns.map((c) => [c.header, { width: wide.has(c.key) ? 28 : 12, numFmt: '@' }])));
  return xlsxBook([
    {
      name: JOB_IMPORT_SHEET,
      columns,
      rows: [
        ['化州市示例物流有限公司', '叉车司机', '', '叉车:4:必备;电工:2', '5000', '7000', '白班', '5', '2026-12-31', '石湾街道', '化州市石湾街道工业园 8 号', '李经理', '13800138000'],
        ['化州市示例食品厂', '包装工', '', '包装:1:必备', '3800', '4500', '两班倒', '20', '2026-12-31', '河西街道', '化州市河西街道北京路 12 号', '', '0668-7321234'],
      ],
    },
    {
      name: JOB_HELP_SHEET,
      notes: true,
      columns: [{ header: '', width: 110 }],
      rows: [
        ['每行一个岗位，表头请勿修改。整个文件校验通过才会写入；有错误的行会逐行列出（行号、列、原因），一行也不会写入，可下载错误清单改正后整份重新上传。'],
        ['技能要求：技能名称或编码:等级:必备，多项用“;”分隔，如“叉车:4:必备;电工:2”。等级 1–8：1 学徒工、2 初级工（五级）、3 中级工（四级）、4 高级工（三级）、5 技师（二级）、6 高级技师（一级）、7 特级技师、8 首席技师。至少一项必备，最多 12 项。'],
        ['职业编码：《中华人民共和国职业分类大典（2022年版）》的职业编码，如 4-02-06-01，可不填。'],
        ['月薪：元，1–1,000,000，上限不低于下限。班次：白班、夜班、两班倒/三班倒/倒班、弹性。人数：1–10,000。有效期：今天起 180 天内的日期（如 2026-12-31）。'],
        ['镇街：发布工会管辖范围内的镇（街道），可省略“总工会”。电话：11 位手机号或带区号的固定电话，加密保存，对会员脱敏显示。'],
      ],
    },
  ]);
}
