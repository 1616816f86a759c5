// Jobs (岗位) and 春送岗位 fairs (招聘会), issue 17 slice C (docs/design/skills-jobs.md §5): a union's
// posting on behalf of an employer with the skills it needs (新八级 levels), its place, wage range,
// shift, headcount and how long it stays open; a fair of a union with its employers' jobs; the import
// of a fair's jobs from Excel; the skill picker's search.
import { z } from 'zod';
import { editBody, idString, paging, text } from './common.ts';
import { orgRef } from './members.ts';
import { skillLevelInput } from './skills.ts';

const isoDate = z.iso.date().describe('YYYY-MM-DD');
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间格式应为 HH:MM').describe('北京时间 HH:MM');

export const jobStatuses = ['open', 'closed', 'withdrawn'] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const jobStatusLabels: Record<JobStatus, string> = { open: '招聘中', closed: '已结束', withdrawn: '已撤回' };
export const wageUnits = ['month', 'day', 'hour', 'piece'] as const;
export const wageUnitLabels: Record<(typeof wageUnits)[number], string> = { month: '元/月', day: '元/天', hour: '元/小时', piece: '元/件' };
export const jobShifts = ['day', 'night', 'rotating', 'flexible'] as const;
export const jobShiftLabels: Record<(typeof jobShifts)[number], string> = { day: '白班', night: '夜班', rotating: '两班倒/三班倒', flexible: '弹性' };
export const jobEmployments = ['fulltime', 'parttime', 'gig'] as const;
export const jobEmploymentLabels: Record<(typeof jobEmployments)[number], string> = { fulltime: '全职', parttime: '兼职', gig: '灵活用工' };
export const fairStatuses = ['planned', 'cancelled'] as const;
export const fairStatusLabels: Record<(typeof fairStatuses)[number], string> = { planned: '已安排', cancelled: '已取消' };

/** at most this many skills a job names; a job stays open at most this many days ahead */
export const JOB_SKILLS_MAX = 12;
export const JOB_VALID_DAYS_MAX = 180;
/** who writes jobs and fairs */
export const JOB_WRITE_ROLES = ['admin', 'clerk'] as const;

/** A contact phone: a mobile, or a landline with its area code. */
export const contactPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$/, '请输入 11 位手机号或带区号的固定电话');

export const jobSkillInput = z.strictObject({
  skillId: z.number().int().positive(),
  minLevel: skillLevelInput,
  essential: z.boolean().default(true).describe('必备（true）或加分项（false）'),
});

const jobFields = {
  orgId: z.number().int().positive().describe('发布岗位的工会（管理范围内）'),
  enterpriseId: z.number().int().positive().optional().describe('用人单位（一企一档中的单位）；与 employerName 二选一'),
  employerName: text(2, 100).optional().describe('用人单位名称（未建档的单位）'),
  title: text(2, 40),
  occupationId: z.number().int().positive().optional().describe('职业（职业分类大典中的职业）'),
  townId: z.number().int().positive().describe('工作地点所在镇（街道），须在发布工会的管辖范围内'),
  lat: z.number().min(-180).max(180).optional().describe('纬度（GCJ-02；与经度填反时答 position_swapped）'),
  lng: z.number().min(-180).max(180).optional().describe('经度（GCJ-02）'),
  address: text(2, 120),
  wageMin: z.number().int().min(1).max(1_000_000).describe('工资下限（元）'),
  wageMax: z.number().int().min(1).max(1_000_000).describe('工资上限（元）'),
  wageUnit: z.enum(wageUnits).default('month'),
  shift: z.enum(jobShifts),
  employment: z.enum(jobEmployments),
  headcount: z.number().int().min(1).max(10_000),
  validUntil: isoDate.describe(`有效期至（今天起 ${JOB_VALID_DAYS_MAX} 天内）`),
  contactName: text(1, 30).optional(),
  contactPhone: contactPhone.optional(),
  fairId: z.number().int().positive().optional().describe('所属招聘会'),
  skills: z.array(jobSkillInput).max(JOB_SKILLS_MAX).describe(`技能要求（至少一项必备，最多 ${JOB_SKILLS_MAX} 项）`),
};
export const createJobBody = z.strictObject(jobFields);
export type CreateJobBody = z.infer<typeof createJobBody>;
export const updateJobBody = editBody(jobFields, ['orgId', 'enterpriseId', 'employerName', 'fairId']).refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });
export type UpdateJobBody = z.infer<typeof updateJobBody>;
export const jobStatusBody = z.strictObject({ reason: text(2, 200).describe('原因') });
export const revealJobContactBody = z.strictObject({ reason: text(2, 200).describe('查看原因（记入审计）') });

export const jobListQuery = z.strictObject({
  ...paging,
  orgId: idString('只看该组织及其下级组织发布的岗位').optional(),
  status: z.enum([...jobStatuses, 'all']).default('all'),
  fairId: idString('招聘会').optional(),
  townId: idString('工作地点所在镇（街道）').optional(),
  q: text(1, 40).optional().describe('岗位名称或单位名称'),
});
export const memberJobListQuery = z.strictObject({
  ...paging,
  fairId: idString('招聘会').optional(),
  q: text(1, 40).optional().describe('岗位名称或单位名称'),
});

export const skillRef = z.object({ id: z.number().int(), code: z.string(), name: z.string() });
export const jobSkill = z.object({
  skill: skillRef,
  minLevel: z.number().int(),
  levelLabel: z.string().describe('如 高级工（三级）'),
  essential: z.boolean(),
});
export const jobSummary = z.object({
  id: z.number().int(),
  org: orgRef,
  employer: z.object({ enterpriseId: z.number().int().nullable(), name: z.string() }),
  title: z.string(),
  occupation: skillRef.nullable(),
  town: orgRef,
  wageMin: z.number().int(),
  wageMax: z.number().int(),
  wageUnit: z.enum(wageUnits),
  shift: z.enum(jobShifts),
  employment: z.enum(jobEmployments),
  headcount: z.number().int(),
  validUntil: z.string(),
  isExpired: z.boolean().describe('已过有效期'),
  status: z.enum(jobStatuses),
  fair: z.object({ id: z.number().int(), title: z.string() }).nullable(),
});
export type JobSummary = z.infer<typeof jobSummary>;
export const jobDetail = jobSummary.extend({
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  address: z.string(),
  contactName: z.string().nullable().describe('联系人（已脱敏）'),
  contactPhone: z.string().nullable().describe('联系电话（已脱敏）'),
  skills: z.array(jobSkill),
  statusReason: z.string().nullable(),
  createdAt: z.string(),
});
export type JobDetail = z.infer<typeof jobDetail>;
/** what a member sees of a job: no status reason; the contact stays masked until they apply */
export const memberJob = jobDetail.omit({ statusReason: true });
export const jobContact = z.object({ contactName: z.string().nullable(), contactPhone: z.string().nullable() });


// ── fairs ───────────────────────────────────────────────────────────────────────────────────────

const fairFields = {
  orgId: z.number().int().positive().describe('举办招聘会的工会（管理范围内）'),
  title: text(2, 60),
  heldOn: isoDate,
  startsAt: clock,
  endsAt: clock,
  placeId: z.number().int().positive().optional().describe('举办地点（阵地）'),
  address: text(2, 120).optional(),
  liveUrl: z.string().trim().max(500).optional().describe('直播链接（https://）'),
};
export const createFairBody = z.strictObject(fairFields);
export type CreateFairBody = z.infer<typeof createFairBody>;
export const updateFairBody = editBody(fairFields, ['orgId']).refine((b) => Object.keys(b).length > 0, { message: '至少修改一项' });
export type UpdateFairBody = z.infer<typeof updateFairBody>;
export const fairListQuery = z.strictObject({
  ...paging,
  orgId: idString('只看该组织及其下级组织举办的招聘会').optional(),
  status: z.enum([...fairStatuses, 'all']).default('all'),
});
export const fairSummary = z.object({
  id: z.number().int(),
  org: orgRef,
  title: z.string(),
  heldOn: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  address: z.string().nullable(),
  liveUrl: z.string().nullable(),
  status: z.enum(fairStatuses),
  employers: z.number().int(),
  jobs: z.number().int(),
  headcount: z.number().int(),
});
export type FairSummary = z.infer<typeof fairSummary>;
export const fairEmployer = z.object({ enterpriseId: z.number().int().nullable(), name: z.string(), jobs: z.number().int(), headcount: z.number().int() });
export const fairDetail = fairSummary.extend({
  cancelReason: z.string().nullable(),
  employerList: z.array(fairEmployer),
  jobList: z.array(jobSummary),
});
export type FairDetail = z.infer<typeof fairDetail>;

// ── the import of a fair's jobs ────────────────────────────────────────────────────────────────

export const JOB_IMPORT_SHEET = '岗位';
export const JOB_IMPORT_ERROR_HEADER = '错误';
export const JOB_IMPORT_MAX_ROWS = 2000;
/** The import's columns, in template order. */
export const jobImportColumns = [
  { key: 'employer', header: '单位', required: true },
  { key: 'title', header: '岗位', required: true },
  { key: 'occupation', header: '职业编码', required: false },
  { key: 'skills', header: '技能要求', required: true },
  { key: 'wageMin', header: '月薪下限', required: true },
  { key: 'wageMax', header: '月薪上限', required: true },
  { key: 'shift', header: '班次', required: true },
  { key: 'headcount', header: '人数', required: true },
  { key: 'validUntil', header: '有效期', required: true },
  { key: 'town', header: '镇街', required: true },
  { key: 'address', header: '地址', required: true },
  { key: 'contactName', header: '联系人', required: false },
  { key: 'contactPhone', header: '电话', required: false },
] as const;
export type JobImportColumn = (typeof jobImportColumns)[number]['key'];
export const jobImportQuery = z.strictObject({ dryRun: z.enum(['1', '0']).optional().describe('1：只检查，不写入') });
export const jobImportForm = z.object({ file: z.unknown().describe('Excel 文件（.xlsx，按模板）') });
export const jobImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const jobImportAnswer = z.object({
  ok: z.boolean().describe('false：有错误的行，什么也没有写入'),
  rows: z.number().int(),
  created: z.number().int(),
  errors: z.array(jobImportError).describe('出错的行（最多 500 条）'),
  errorCount: z.number().int(),
});
export type JobImportAnswer = z.infer<typeof jobImportAnswer>;
