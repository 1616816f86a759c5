// The places import as Excel: the template (the columns, two example rows, the instructions),
// reading an upload row by row (streaming, guarded against zip bombs by the kit's xlsx-guard), its
// header row found by the column names, and the refused file given back with its errors marked.
import ExcelJS from 'exceljs';
import {
  PLACE_IMPORT_ERROR_HEADER,
  PLACE_IMPORT_MAX_ROWS,
  PLACE_IMPORT_SHEET,
  placeImportColumns,
  placeKindLabels,
  placeServiceLabels,
  type PlaceImportColumn,
} from '../../../contracts/places.ts';
import { AppError } from '../../errors.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import { keyedHeader, readKeyedSheet, uploadSheetRows, writeErrorWorkbook, type KeyedHeader, type RowFault } from '../../lib/xlsx-errors.ts';
import { inspectXlsx } from '../../lib/xlsx-guard.ts';

export const PLACE_HELP_SHEET = '填写说明';

const HEADER_ALIASES: Record<string, PlaceImportColumn> = {
  ...Object.fromEntries(placeImportColumns.map((c) => [c.header, c.key])),
  阵地名称: 'name',
  站点名称: 'name',
  阵地类型: 'kind',
  详细地址: 'address',
  镇街: 'town',
  所在镇街道: 'town',
  坐标类型: 'system',
  服务: 'services',
  站长姓名: 'keeper',
  管理员: 'keeper',
  联系电话: 'phone',
  站长电话: 'phone',
};

const normaliseHeader = (h: string) => h.replace(/[\s*＊]/g, '').replace(/[(（](可选|选填|必填)[)）]/g, '');

export type PlaceCells = Partial<Record<PlaceImportColumn, CellValue>>;
export interface PlaceSheetRow {
  rowNo: number;
  cells: PlaceCells;
}

type PlaceHeader = KeyedHeader<PlaceImportColumn>;

/** The header row: among the first 10 rows, the first naming at least three of the template's columns. */
const findHeader = (row: ExcelJS.Row): PlaceHeader | undefined => keyedHeader(row, HEADER_ALIASES, normaliseHeader, 3);

export interface PlaceSheet {
  rows: PlaceSheetRow[];
  /** where each of the template's columns is in the upload (1-based), for the error workbook */
  columnOf: Map<PlaceImportColumn, number>;
}

/** Reads the upload's rows (the first sheet that is not the instructions). Throws roster_* (the file), place_import_headers, place_import_empty, place_import_too_many_rows. */
export async function readPlaceSheet(buf: Buffer): Promise<PlaceSheet> {
  const sheet = await readKeyedSheet(buf, { skipSheet: PLACE_HELP_SHEET, findHeader, maxRows: PLACE_IMPORT_MAX_ROWS, tooManyRows: () => new AppError('place_import_too_many_rows') });
  const missing = placeImportColumns.filter((c) => c.required && !sheet.present.has(c.key)).map((c) => c.header);
  if (missing.length > 0) throw new AppError('place_import_headers', `缺少必填列：${missing.join('、')}。请使用最新模板，表头放在第一行`);
  if (sheet.rows.length === 0) throw new AppError('place_import_empty');
  return sheet;
}

/**
 * The refused workbook given back (the kit's error workbook): every row as uploaded, where it was,
 * with 错误 added on the bad rows and their bad cells highlighted — fixed in place and uploaded again.
 */
export function placeErrorWorkbook(buf: Buffer, faults: ReadonlyMap<number, RowFault>): Promise<Buffer> {
  return writeErrorWorkbook({
    rows: uploadSheetRows(buf, inspectXlsx(buf), { skipSheet: PLACE_HELP_SHEET, styles: 'cache' }),
    findHeader,
    faults,
    sheet: PLACE_IMPORT_SHEET,
    reasonHeader: PLACE_IMPORT_ERROR_HEADER,
    keep: 'all',
  });
}

/** The template: the columns in order, two example rows, and a sheet of instructions. */
export function placeTemplate(): Promise<Buffer> {
  const columns = xlsxColumns(Object.fromEntries(placeImportColumns.map((c) => [c.header, { width: c.key === 'hours' ? 40 : c.key === 'address' || c.key === 'services' ? 30 : 14, numFmt: '@' }])));
  return xlsxBook([
    {
      name: PLACE_IMPORT_SHEET,
      columns,
      rows: [
        ['石湾街道职工书屋', '职工书屋', '化州市石湾街道文化站二楼', '石湾街道', '21.6630', '110.6380', 'GCJ-02', '周一至周五 08:30-17:30；周六 09:00-12:00；节假日休息', '图书、Wi-Fi、饮水', '李站长', '13800138000', '是'],
        ['河西户外劳动者爱心驿站', '爱心驿站', '化州市河西街道北京路 12 号', '', '21.6540', '110.6210', 'WGS-84', '24小时', '饮水、休息、充电、热饭/微波炉', '', '0668-7321234', '否'],
      ],
    },
    {
      name: PLACE_HELP_SHEET,
      notes: true,
      columns: [{ header: '', width: 110 }],
      rows: [
        ['每行一个阵地；表头请勿修改。整个文件校验通过才会写入，有错误的行会逐行列出（行号、列、原因），一行也不会写入。'],
        [`类型：${Object.values(placeKindLabels).join('、')}（也可写“工会驿站”“户外劳动者服务站点”“文化宫”）。`],
        ['坐标：纬度 3.8–53.6、经度 73.4–135.1（中国境内）；坐标系写 GCJ-02（高德、腾讯、微信，默认）、WGS-84（GPS）或 BD-09（百度，自动换算）。'],
        ['开放时间：如“周一至周五 08:00-20:00；周六 09:00-17:00”“每天 22:00-次日06:00”“24小时”；节假日写“节假日休息”“节假日照常”或“节假日 09:00-17:00”。'],
        [`服务项目（用“、”分隔）：${Object.values(placeServiceLabels).join('、')}。`],
        ['所在镇街：填写镇（街道）工会的名称，可省略“总工会”“工会联合会”。电话：11 位手机号或带区号的固定电话，加密保存。可预约：是 / 否。'],
      ],
    },
  ]);
}
