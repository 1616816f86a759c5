// The enterprise file (一企一档) as the console reads and writes it: the file of one employer (基本情况,
// 工会, members live and 入会率, alerts, who may edit what, the current fact of each key), the history of
// its facts and its union's, the fact forms' bodies, moving parked members, and evidence (证明材料).
// Design: docs/design/enterprise-file.md §3, §4, §8, §9.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';
import { contractType, factKind, ownership, unionCoverage } from './enterprise-facts-common.ts';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_PER_OWNER = 9;
/** A collective contract this many days from expiry or fewer raises an alert. */
export const CONTRACT_ALERT_DAYS = 60;

const day = z.string().describe('北京时间日期 YYYY-MM-DD');

export const evidenceSummary = z.object({
  id: z.number().int(),
  fileName: z.string(),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']).describe('按文件内容判断的类型'),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type EvidenceSummary = z.infer<typeof evidenceSummary>;

export const contractState = z.object({
  type: contractType,
  signedOn: day.nullable(),
  startsOn: day.nullable(),
  expiresOn: day.nullable(),
  covered: z.number().int().nullable(),
  /** days from today (Beijing) to expiry; negative: expired */
  daysToExpiry: z.number().int().nullable(),
});

export const fileUnion = z.object({
  id: z.number().int(),
  name: z.string(),
  active: z.boolean(),
  coverage: unionCoverage.nullable(),
  chair: z.string().nullable(),
  foundedOn: day.nullable(),
  legalRegistered: z.boolean(),
  legalRegisteredOn: day.nullable(),
  legalNumber: z.string().nullable(),
  committees: z.object({
    audit: day.nullable(),
    women: day.nullable(),
    labourSupervision: day.nullable(),
    mediation: day.nullable(),
  }).describe('各委员会成立日期（未成立为 null）'),
  contracts: z.array(contractState),
  openAffairsSince: day.nullable(),
  lastCongressOn: day.nullable(),
  congressDelegates: z.number().int().nullable(),
  fundsYear: z.number().int().nullable(),
  fundsRemittedFen: z.number().int().nullable(),
});

export const fileAlertKinds = ['contractExpiring', 'contractExpired', 'noCongress', 'membersOverSize', 'noUnion'] as const;
export const fileAlert = z.object({
  kind: z.enum(fileAlertKinds),
  text: z.string().describe('提醒的中文说明'),
});

export const enterpriseFile = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  town: z.object({ id: z.number().int(), name: z.string() }),
  address: z.string().nullable(),
  industrySection: z.string().nullable(),
  industry: z.string().nullable(),
  ownership: ownership.nullable(),
  employees: z.number().int().nullable(),
  employeesAsOf: day.nullable(),
  platforms: z.array(z.string()),
  source: z.string(),
  mergedInto: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  union: fileUnion.nullable(),
  memberCount: z.number().int().describe('计入会员数（在册、不含已退会、已故）'),
  /** 入会率 in per cent, one decimal; null without a size */
  joinRate: z.number().nullable(),
  /** counted members with this employer parked in the town federation (or a town-level federation) */
  parkedMembers: z.number().int(),
  alerts: z.array(fileAlert),
  canEdit: z.object({ town: z.boolean().describe('可记录全部事项（镇街及以上）'), union: z.boolean().describe('可记录工会事项、人数、行业等') }),
  /** key (kind or kind:sub) → the id of its current fact; a form sends it as basedOn */
  currentFacts: z.record(z.string(), z.number().int()),
});
export type EnterpriseFile = z.infer<typeof enterpriseFile>;

export const historyQuery = z.strictObject({
  key: z.string().regex(/^[A-Za-z]{2,30}(:[A-Za-z0-9]{1,20})?$/, '事项键不正确').optional().describe('只看一个事项，如 size、collectiveContract:wage'),
  ...paging,
});

export const factHistoryItem = z.object({
  id: z.number().int(),
  subject: z.enum(['enterprise', 'union']),
  kind: factKind,
  key: z.string(),
  value: z.record(z.string(), z.unknown()),
  asOf: day,
  recordedAt: z.string(),
  recordedBy: z.string().nullable().describe('记录人姓名（系统记录为 null）'),
  recordedByOrg: z.string().nullable(),
  source: z.string(),
  isCorrection: z.boolean(),
  supersedesId: z.number().int().nullable(),
  current: z.boolean(),
  note: z.string().nullable(),
  evidence: z.array(evidenceSummary),
});
export type FactHistoryItem = z.infer<typeof factHistoryItem>;
export const factHistory = z.object({ items: z.array(factHistoryItem), total: z.number().int() });

export const recordFactBody = z.strictObject({
  kind: factKind,
  value: z.record(z.string(), z.unknown()).describe('按事项种类的内容（见 enterprise-facts-common.ts factValues）'),
  asOf: z.iso.date().describe('该情况自哪一天起（北京时间）'),
  note: text(1, 200).optional(),
  isCorrection: z.boolean().optional().describe('true：更正错误的记录（而非情况变化）'),
  basedOn: z.number().int().positive().nullable().optional().describe('表单打开时该事项的当前记录编号（无则 null）；期间他人已更新则 409 fact_changed'),
});
export type RecordFactBody = z.infer<typeof recordFactBody>;

export const recordedFact = z.object({
  id: z.number().int(),
  key: z.string(),
  supersedesId: z.number().int().nullable(),
});

export const moveParkedResult = z.object({ moved: z.number().int(), toOrgId: z.number().int() });

export const evidenceQuery = z.strictObject({
  factId: idString().optional(),
  assessmentId: idString().optional(),
  stepId: idString().optional(),
});
export const evidenceListQuery = evidenceQuery;
export const evidenceUploadForm = z.object({
  file: z.string().meta({ format: 'binary' }).describe('照片（JPEG、PNG、WebP）或 PDF 文件，不超过 10 MB；每项最多 9 份'),
});
export const evidenceList = z.object({ items: z.array(evidenceSummary) });
export const evidenceFileQuery = z.strictObject({ inline: z.enum(['1']).optional().describe('1：在页面中显示（图片缩略图）；默认作为附件下载') });
