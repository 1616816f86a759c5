// The results workbook of a course (成绩): the template, reading an upload with the xlsx kit (guarded,
// streamed, header found by the column names) and the refused file given back with its errors marked.
import type ExcelJS from 'exceljs';
import {
  COURSE_RESULTS_ERROR_HEADER,
  COURSE_RESULTS_MAX_ROWS,
  COURSE_RESULTS_SHEET,
  courseResultColumns,
  type CourseResultColumn,
} from '../../../contracts/courses.ts';
import { AppError } from '../../errors.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import { keyedHeader, readKeyedSheet, uploadSheetRows, writeErrorWorkbook, type KeyedHeader, type RowFault } from '../../lib/xlsx-errors.ts';
import { inspectXlsx } from '../../lib/xlsx-guard.ts';

export const COURSE_HELP_SHEET = '填写说明';

const HEADER_ALIASES: Record<string, CourseResultColumn> = {
  ...Object.fromEntries(courseResultColumns.map((c) => [c.header, c.key])),
  身份证号: 'idMasked',
  身份证: 'idMasked',
  出勤: 'attendance',
  '出勤率(%)': 'attendance',
  '出勤率（%）': 'attendance',
  考核成绩: 'mark',
  分数: 'mark',
};
const normaliseHeader = (h: string) => h.replace(/[\s*＊]/g, '').replace(/[(（](可选|选填|必填)[)）]/g, '');
const findHeader = (row: ExcelJS.Row): KeyedHeader<CourseResultColumn> | undefined => keyedHeader(row, HEADER_ALIASES, normaliseHeader, 2);

export type ResultCells = Partial<Record<CourseResultColumn, CellValue>>;
export interface ResultSheet {
  rows: { rowNo: number; cells: ResultCells }[];
  columnOf: Map<CourseResultColumn, number>;
}

/** Reads the upload's rows. Throws roster_* (the file), course_results_invalid (no 出勤率 column, no member column, no rows, too many). */
export async function readResultSheet(buf: Buffer): Promise<ResultSheet> {
  const sheet = await readKeyedSheet(buf, {
    skipSheet: COURSE_HELP_SHEET,
    findHeader,
    maxRows: COURSE_RESULTS_MAX_ROWS,
    tooManyRows: () => new AppError('course_results_invalid', `成绩表最多 ${COURSE_RESULTS_MAX_ROWS} 行`),
  });
  if (!sheet.present.has('attendance')) throw new AppError('course_results_invalid', '缺少“出勤率”列，请使用成绩模板');
  if (!sheet.present.has('memberNo') && !(sheet.present.has('name') && sheet.present.has('idMasked'))) {
    throw new AppError('course_results_invalid', '请填写“会员号”列，或“姓名”和“身份证号（脱敏）”两列');
  }
  if (sheet.rows.length === 0) throw new AppError('course_results_invalid', '成绩表没有数据行');
  return sheet;
}

/** The refused upload, every row as uploaded, 错误 on the bad ones and their bad cells highlighted. */
export function resultErrorWorkbook(buf: Buffer, faults: ReadonlyMap<number, RowFault>): Promise<Buffer> {
  return writeErrorWorkbook({
    rows: uploadSheetRows(buf, inspectXlsx(buf), { skipSheet: COURSE_HELP_SHEET, styles: 'cache' }),
    findHeader,
    faults,
    sheet: COURSE_RESULTS_SHEET,
    reasonHeader: COURSE_RESULTS_ERROR_HEADER,
    keep: 'all',
  });
}

/** The template: the columns, two example rows, and the instructions. */
export function resultTemplate(): Promise<Buffer> {
  return xlsxBook([
    {
      name: COURSE_RESULTS_SHEET,
      columns: xlsxColumns(Object.fromEntries(courseResultColumns.map((c) => [c.header, { width: c.key === 'idMasked' ? 24 : 14, numFmt: '@' }]))),
      rows: [
        ['GH0000000001', '张素芬', '', '100', '86'],
        ['', '李明', '440882********1234', '75', ''],
      ],
    },
    {
      name: COURSE_HELP_SHEET,
      notes: true,
      columns: [{ header: '', width: 110 }],
      rows: [
        ['每行一名学员。会员号优先；没有会员号时填写姓名和脱敏身份证号（前 6 位、后 4 位，如 440882********1234），须与会员信息一致。'],
        ['出勤率：0–100 的整数（%）；成绩：0–100 的整数，未考核的课程可不填。是否结业按课程设置的出勤率和成绩要求自动判断。'],
        ['整个文件校验通过才会写入；有一行出错则一行也不写入，可下载错误清单，改正后整份重新上传。'],
      ],
    },
  ]);
}
