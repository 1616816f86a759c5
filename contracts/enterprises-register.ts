// The register of employers (企业档案): the list, adding one, merging a duplicate, the Excel import and
// export. The file of one employer (its facts, history, evidence) is contracts/enterprise-facts.ts.
// Design: docs/design/enterprise-file.md §2, §4, §8, §9.
import { z } from 'zod';
import { IDEMPOTENCY_KEY, idString, paging, text } from './common.ts';
import { enterpriseSourceLabels, industrySection, ownership, unionCoverage } from './enterprise-facts-common.ts';
import { gigPlatformNames } from './members.ts';

/** Who adds, merges and imports employers (a viewer or reviewer reads only). */
export const ENTERPRISE_WRITE_ROLES = ['admin', 'clerk'] as const;

export const enterpriseSorts = ['name', 'membershipRate', 'employees'] as const;
export const enterpriseSortLabels = { name: '按名称', membershipRate: '按入会率（低的在前）', employees: '按职工人数（多的在前）' } as const;

/** The workbench's file alerts as a list filter (the same rules as its counts: alerts.repo.ts). */
export const enterpriseAlerts = ['contractExpiring', 'noCongress', 'membersOverEmployees'] as const;
export type EnterpriseAlert = (typeof enterpriseAlerts)[number];
export const enterpriseAlertLabels: Record<EnterpriseAlert, string> = {
  contractExpiring: '集体合同 60 天内到期',
  noCongress: '12 个月未召开职代会',
  membersOverEmployees: '会员数超过申报职工数',
};

/** The list's filters (also the export's, without paging). */
const filters = {
  q: z.string().trim().min(1).max(100).optional().describe('单位名称（至少两个字）或 18 位统一社会信用代码'),
  orgId: idString('只看该组织（管理范围内）下的单位').optional(),
  hasUnion: z.enum(['1', '0']).optional().describe('1：已建会；0：未建会'),
  section: industrySection.optional().describe('行业门类（GB/T 4754，A–T）'),
  ownership: ownership.optional().describe('登记注册类型'),
  alert: z
    .enum(enterpriseAlerts, { error: '提醒类型无效：应为 contractExpiring、noCongress 或 membersOverEmployees' })
    .optional()
    .describe('工作台提醒：contractExpiring 工会的集体合同（综合、工资专项、女职工专项）60 天内到期；noCongress 基层工会有档案而 12 个月未召开职代会；membersOverEmployees 会员数超过申报职工数'),
  sort: z.enum(enterpriseSorts).default('name').describe('name 名称；membershipRate 入会率由低到高（无职工人数的在后）；employees 职工人数由多到少'),
};
export const enterpriseListQuery = z.strictObject({ ...filters, ...paging });
export const enterpriseExportQuery = z.strictObject(filters);
export type EnterpriseListQuery = z.output<typeof enterpriseListQuery>;
export type EnterpriseExportQuery = z.output<typeof enterpriseExportQuery>;

const ref = z.object({ id: z.number().int(), name: z.string() });
const sourceEnum = z.enum(Object.keys(enterpriseSourceLabels) as [keyof typeof enterpriseSourceLabels, ...(keyof typeof enterpriseSourceLabels)[]]);

export const enterpriseSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  town: ref,
  union: ref.nullable().describe('所属工会；null：未建会'),
  unionCoverage: unionCoverage.nullable(),
  industrySection: industrySection.nullable(),
  industry: z.string().nullable().describe('行业细类（文字）'),
  ownership: ownership.nullable(),
  employees: z.number().int().nullable(),
  employeesAsOf: z.string().nullable(),
  memberCount: z.number().int(),
  membershipRate: z.number().nullable().describe('会员数 ÷ 职工人数（0–1 以上均可能；无职工人数时为 null）'),
  source: sourceEnum,
});
export type EnterpriseSummary = z.infer<typeof enterpriseSummary>;

export const createEnterpriseBody = z.strictObject({
  name: text(2, 100),
  creditCode: z.string().trim().max(18).optional().describe('统一社会信用代码（18 位，校验位正确；81 开头的是工会的代码）'),
  townId: z.number().int().positive().describe('所在镇（街道）工会'),
  industrySection: industrySection.optional(),
  industryDetail: text(1, 40).optional(),
  ownership: ownership.optional(),
  employees: z.number().int().min(0).max(1_000_000).optional(),
  employeesAsOf: z.iso.date().optional().describe('职工人数截至日期（北京时间），缺省为今天'),
  address: text(2, 120).optional(),
  platforms: z.array(z.enum(gigPlatformNames)).max(10).optional(),
});
export type CreateEnterpriseBody = z.infer<typeof createEnterpriseBody>;

export const mergeEnterpriseBody = z.strictObject({ intoId: z.number().int().positive().describe('保留的单位') });
export const mergeEnterpriseAnswer = z.object({
  kept: enterpriseSummary,
  mergedId: z.number().int(),
  moved: z.object({ members: z.number().int(), applications: z.number().int(), transfers: z.number().int(), tickets: z.number().int(), supervisionCases: z.number().int(), driveTargets: z.number().int(), foundingRequests: z.number().int() }),
});
export type MergeEnterpriseAnswer = z.infer<typeof mergeEnterpriseAnswer>;

// ── Excel import ───────────────────────────────────────────────────────────────────────────────

export const ENTERPRISE_IMPORT_MAX_ROWS = 20000;
export const ENTERPRISE_IMPORT_SHEET = '单位';
export const ENTERPRISE_IMPORT_ERROR_HEADER = '错误';
/** The import's columns, in template order. */
export const enterpriseImportColumns = [
  { key: 'name', header: '单位名称', required: true },
  { key: 'creditCode', header: '统一社会信用代码', required: false },
  { key: 'town', header: '所在镇街', required: true },
  { key: 'section', header: '行业门类', required: false },
  { key: 'ownership', header: '登记注册类型', required: false },
  { key: 'employees', header: '职工人数', required: false },
  { key: 'employeesAsOf', header: '人数截至日期', required: false },
  { key: 'address', header: '地址', required: false },
] as const;
export type EnterpriseImportColumn = (typeof enterpriseImportColumns)[number]['key'];

export const enterpriseImportForm = z.object({ file: z.unknown().describe('Excel 文件（.xlsx，按模板，最多 20,000 行）') });
export const enterpriseImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const enterpriseImportAnswer = z.object({
  rows: z.number().int().describe('文件中的数据行数'),
  created: z.number().int().describe('写入的单位数'),
  errors: z.array(enterpriseImportError).describe('未写入的行及原因（最多 500 条；完整清单用“下载错误清单”）'),
  errorRows: z.number().int().describe('未写入的行数'),
});
export type EnterpriseImportAnswer = z.infer<typeof enterpriseImportAnswer>;
export const enterpriseImportErrorsQuery = z.strictObject({
  key: z.string().regex(IDEMPOTENCY_KEY).optional().describe('导入时的 Idempotency-Key：该次已导入的行不列入错误清单'),
});
