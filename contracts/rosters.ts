// Roster import (名册导入) and member export (导出): the template's columns, the limits, the job
// the console polls, the export filter. Shared by the server and the console.
import { z } from 'zod';
import { idString, listOf, paging } from './common.ts';
import { memberGroups, memberStatuses } from './members.ts';

/** Rows of one file, files of at most 20 MB. */
export const ROSTER_MAX_ROWS = 100_000;
export const ROSTER_MAX_FILE_BYTES = 20 * 1024 * 1024;

/** The template's columns, in order; `optional` columns may be left empty or left out. */
export const rosterColumns = [
  { key: 'name', header: '姓名', optional: false, width: 12, hint: '与身份证一致，2–30 个字' },
  { key: 'idNumber', header: '身份证号', optional: false, width: 22, hint: '18 位，末位可为 X；本列为文本格式' },
  { key: 'phone', header: '手机号', optional: false, width: 15, hint: '11 位手机号码' },
  { key: 'employer', header: '工作单位', optional: false, width: 30, hint: '单位全称' },
  { key: 'joinedOn', header: '入会日期(可选)', optional: true, width: 16, hint: '如 2024-05-01；不填则为导入当天' },
  { key: 'note', header: '备注(可选)', optional: true, width: 24, hint: '仅供核对，不导入' },
] as const;
export type RosterColumnKey = (typeof rosterColumns)[number]['key'];
export const ROSTER_SHEET = '会员名册';
export const ROSTER_HELP_SHEET = '填写说明';
/** The column added to the error workbook. */
export const ROSTER_REASON_HEADER = '错误原因';

export const rosterJobStatuses = ['queued', 'reading', 'importing', 'done', 'failed'] as const;
export const rosterJobStatusLabels: Record<(typeof rosterJobStatuses)[number], string> = {
  queued: '排队中',
  reading: '读取校验中',
  importing: '导入中',
  done: '已完成',
  failed: '失败',
};

/** Why a row was not imported: a stable code for each, the Chinese reason is in the workbook. */
export const rosterRowErrors = {
  name_missing: '姓名不能为空',
  invalid_name: '姓名应为 2–30 个汉字或字母（可含间隔号“·”），不能含数字或符号',
  id_missing: '身份证号不能为空',
  id_as_number: '身份证号被 Excel 存成了数字，末几位已丢失：请把该列设为“文本”格式后重新填写',
  invalid_id_number: '身份证号不正确（校验位或出生日期不对）',
  under_age: '未满 16 周岁，不能入会',
  phone_missing: '手机号不能为空',
  invalid_phone: '手机号应为 11 位数字，以 1 开头',
  employer_missing: '工作单位不能为空',
  invalid_employer: '工作单位应为 2–100 个字，且不能含控制字符',
  invalid_joined_on: '入会日期应写成 2024-05-01，不能晚于今天，也不能早于年满 16 周岁之日',
  note_too_long: '备注不超过 200 字',
  duplicate_in_file: '与本文件中另一行的身份证号相同（同一人只能出现一次）',
  already_member_elsewhere: '已是其他工会的会员（一人一会籍）；如需转入本工会，请办理会员关系转接',
  application_pending: '该职工已提交入会申请、正在审核，请在入会审核中处理',
  member_deceased: '该身份证号的会员已登记为身故，请核实',
} as const;
export type RosterRowError = keyof typeof rosterRowErrors;

export const rosterJob = z.object({
  id: z.number().int(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  fileName: z.string(),
  fileSize: z.number().int(),
  status: z.enum(rosterJobStatuses),
  /** 0–100: reading counts for the first 30, importing for the rest. */
  percent: z.number().int().min(0).max(100),
  totalRows: z.number().int().nullable().describe('文件中的数据行数（读完后才有）'),
  readRows: z.number().int().describe('已读取并校验的行数'),
  processedRows: z.number().int().describe('已写入数据库（或判定跳过）的有效行数'),
  imported: z.number().int().describe('新入会的会员'),
  rejoined: z.number().int().describe('曾退会、本次重新入会的会员（会员号不变）'),
  skipped: z.number().int().describe('已是本工会会员，未重复导入'),
  errorRows: z.number().int().describe('有错误、未导入的行'),
  errorCounts: z.record(z.string(), z.number().int()).describe('错误代码 → 行数'),
  hasErrorFile: z.boolean().describe('可下载错误明细（原始列 + 错误原因）'),
  error: z.object({ error: z.string(), message: z.string() }).nullable().describe('整个文件被拒绝的原因（此时未写入任何数据）'),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RosterJob = z.infer<typeof rosterJob>;

export const rosterJobParams = z.strictObject({ jobId: idString('导入任务 ID') });

export const rosterJobQuery = z.strictObject({
  ...paging,
  orgId: idString('只看导入到该组织（及其下级）的任务').optional(),
});
export const rosterJobList = listOf(rosterJob);

/** The multipart form of an upload, for the OpenAPI document (the handler reads the parts). */
export const rosterUploadForm = z.object({
  orgId: z.string().describe('导入到的工会（本管理范围内的基层工会或镇街工会/工联会）'),
  file: z.string().meta({ format: 'binary' }).describe('名册文件（.xlsx，不超过 20 MB、10 万行）'),
});

export const memberExportQuery = z.strictObject({
  orgId: idString('导出该组织及其全部下级组织的会员').optional(),
  status: z.enum([...memberStatuses, 'all']).default('active'),
  group: z.enum(memberGroups).optional(),
  enterpriseId: idString('只导出以该单位为工作单位的会员（单位须在管理范围内）').optional(),
});

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
