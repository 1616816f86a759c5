// 强基工程: indicator sets (评价指标), score cards (评分卡), self-assessments (自评) and their review,
// rankings (排名) and 模范职工之家. Design: docs/design/enterprise-file.md §6.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';

/** The metrics computed from data (each one statement over the unions of a subtree, in its owning module). */
export const indicatorMetrics = [
  'membershipRate',
  'legalPerson',
  'auditCommittee',
  'womenCommittee',
  'collectiveContract',
  'wageContract',
  'openAffairs',
  'workersCongress',
  'participation',
  'ticketsOnTime',
  'workersHome',
] as const;
export type IndicatorMetric = (typeof indicatorMetrics)[number];

export const indicatorMetricLabels: Record<IndicatorMetric, string> = {
  membershipRate: '入会率',
  legalPerson: '法人资格登记',
  auditCommittee: '经审委员会',
  womenCommittee: '女职工委员会',
  collectiveContract: '集体合同在有效期内',
  wageContract: '工资专项集体合同',
  openAffairs: '厂务公开',
  workersCongress: '一年内召开职代会',
  participation: '会员活动参与率',
  ticketsOnTime: '维权工单按期办结率',
  workersHome: '职工之家',
};

/** The unit each metric answers in: a share 0–1, or yes/no (1/0). */
export const indicatorMetricUnits: Record<IndicatorMetric, 'ratio' | 'bool'> = {
  membershipRate: 'ratio',
  legalPerson: 'bool',
  auditCommittee: 'bool',
  womenCommittee: 'bool',
  collectiveContract: 'bool',
  wageContract: 'bool',
  openAffairs: 'bool',
  workersCongress: 'bool',
  participation: 'ratio',
  ticketsOnTime: 'ratio',
  workersHome: 'bool',
};

export const indicatorMeasures = ['computed', 'self'] as const;
export const indicatorMeasureLabels = { computed: '系统计算', self: '自评（上传材料，上级审核）' } as const;
export const indicatorSetStatuses = ['draft', 'published'] as const;
export const indicatorSetStatusLabels = { draft: '草稿', published: '已发布' } as const;
export const cardStates = ['met', 'not_met', 'pending', 'na'] as const;
export type CardState = (typeof cardStates)[number];
export const cardStateLabels: Record<CardState, string> = { met: '达标', not_met: '未达标', pending: '待审核', na: '不适用' };
export const assessmentStates = ['pending', 'approved', 'rejected'] as const;
export const assessmentStateLabels = { pending: '待审核', approved: '已通过', rejected: '已退回' } as const;
export const modelHomeLevels = ['county', 'city', 'province'] as const;
export const modelHomeLevelLabels = { county: '县级', city: '市级', province: '省级' } as const;

/** Who writes sets (an admin of a town or above) and who reviews self-assessments. */
export const INDICATOR_SET_ROLES = ['admin'] as const;
export const ASSESSMENT_SUBMIT_ROLES = ['admin', 'clerk'] as const;
export const ASSESSMENT_REVIEW_ROLES = ['admin', 'reviewer'] as const;
export const MODEL_HOME_ROLES = ['admin'] as const;

const share = z.number().min(0).max(1);
const year = z.number().int().min(2000).max(2200);

export const indicatorTier = z.strictObject({
  at: share.describe('达到该值（0–1）'),
  share: share.describe('得该项权重的比例（0–1）'),
});

export const indicatorInput = z
  .strictObject({
    code: z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/, '代码为字母开头的字母数字').describe('指标代码'),
    name: text(2, 40).describe('指标名称'),
    weight: z.number().int().min(1).max(100).describe('权重（各项之和须为 100）'),
    measure: z.enum(indicatorMeasures),
    metric: z.enum(indicatorMetrics).nullable().default(null).describe('系统计算的指标：计算方法'),
    unit: z.enum(['ratio', 'bool']),
    target: share.describe('本工会达标线：比例 0–1；是否类为 1'),
    areaTarget: share.nullable().default(null).describe('区域内须达标的工会比例（0–1），无则为空'),
    tiers: z.array(indicatorTier).max(5).default([]).describe('未达标时的分档得分'),
    evidenceHint: text(0, 100).nullable().default(null).describe('自评须上传的材料'),
  })
  .refine((i) => (i.measure === 'computed') === (i.metric !== null), { message: '系统计算的指标须选择计算方法，自评指标不选', path: ['metric'] });
export type IndicatorInput = z.output<typeof indicatorInput>;

export const indicator = z.object({
  id: z.number().int(),
  code: z.string(),
  name: z.string(),
  weight: z.number().int(),
  measure: z.enum(indicatorMeasures),
  metric: z.enum(indicatorMetrics).nullable(),
  unit: z.enum(['ratio', 'bool']),
  target: z.number(),
  areaTarget: z.number().nullable(),
  tiers: z.array(z.object({ at: z.number(), share: z.number() })),
  evidenceHint: z.string().nullable(),
  position: z.number().int(),
});
export type Indicator = z.infer<typeof indicator>;

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const indicatorSetSummary = z.object({
  id: z.number().int(),
  org: orgRef.describe('制定的工会'),
  year: z.number().int(),
  name: z.string(),
  description: z.string().nullable(),
  status: z.enum(indicatorSetStatuses),
  isExample: z.boolean(),
  basedOnSetId: z.number().int().nullable(),
  modelHomeMinScore: z.number(),
  publishedAt: z.string().nullable(),
  indicatorCount: z.number().int(),
  weightTotal: z.number().int(),
  own: z.boolean().describe('本工会制定的（可修改、发布）'),
});
export type IndicatorSetSummary = z.infer<typeof indicatorSetSummary>;

export const indicatorSetDetail = indicatorSetSummary.extend({ indicators: z.array(indicator) });
export type IndicatorSetDetail = z.infer<typeof indicatorSetDetail>;

export const indicatorSetListQuery = z.strictObject({
  ...paging,
  year: z
    .string()
    .regex(/^[0-9]{4}$/, '应为四位年份')
    .transform(Number)
    .pipe(year)
    .optional(),
});

export const createIndicatorSetBody = z.strictObject({
  year,
  name: text(2, 60),
  description: text(0, 300).nullable().default(null),
  fromExample: z.boolean().default(true).describe('以示例指标为起点'),
});

export const updateIndicatorSetBody = z.strictObject({
  name: text(2, 60),
  description: text(0, 300).nullable().default(null),
  modelHomeMinScore: z.number().min(0).max(100).multipleOf(0.1),
  indicators: z.array(indicatorInput).min(1).max(30),
});

export const adaptIndicatorSetBody = z.strictObject({
  year: year.optional().describe('改编后的年度，默认与上级相同'),
  name: text(2, 60).optional(),
});

export const exampleIndicatorSet = z.object({
  name: z.string(),
  description: z.string(),
  modelHomeMinScore: z.number(),
  indicators: z.array(indicatorInput),
});

/** The example set: a template any federation can adopt — not Guangdong's official indicators. */
export const EXAMPLE_INDICATOR_SET: z.input<typeof exampleIndicatorSet> = {
  name: '强基工程评价指标（示例）',
  description:
    '参照上海梅陇镇工会工作考核细则、衢州合格职工之家考核细则、温州先进职工之家考核表等公开资料编制，仅为示例，不是广东省总工会的正式评价指标（正式指标未公开）。',
  modelHomeMinScore: 90,
  indicators: [
    { code: 'membershipRate', name: '入会率', weight: 15, measure: 'computed', metric: 'membershipRate', unit: 'ratio', target: 0.9, areaTarget: null, tiers: [], evidenceHint: null },
    { code: 'legalPerson', name: '法人资格登记', weight: 10, measure: 'computed', metric: 'legalPerson', unit: 'bool', target: 1, areaTarget: 0.9, tiers: [], evidenceHint: null },
    { code: 'auditCommittee', name: '经审委员会同步组建', weight: 10, measure: 'computed', metric: 'auditCommittee', unit: 'bool', target: 1, areaTarget: 0.98, tiers: [], evidenceHint: null },
    { code: 'womenCommittee', name: '女职工委员会（女会员 ≥ 10 人）', weight: 10, measure: 'computed', metric: 'womenCommittee', unit: 'bool', target: 1, areaTarget: 0.98, tiers: [], evidenceHint: null },
    { code: 'collectiveContract', name: '集体合同在有效期内', weight: 10, measure: 'computed', metric: 'collectiveContract', unit: 'bool', target: 1, areaTarget: 0.8, tiers: [], evidenceHint: null },
    { code: 'wageContract', name: '工资专项集体合同', weight: 5, measure: 'computed', metric: 'wageContract', unit: 'bool', target: 1, areaTarget: null, tiers: [], evidenceHint: null },
    { code: 'openAffairs', name: '厂务公开', weight: 10, measure: 'computed', metric: 'openAffairs', unit: 'bool', target: 1, areaTarget: 0.8, tiers: [], evidenceHint: null },
    { code: 'workersCongress', name: '一年内召开职代会', weight: 10, measure: 'computed', metric: 'workersCongress', unit: 'bool', target: 1, areaTarget: null, tiers: [], evidenceHint: null },
    { code: 'participation', name: '会员活动参与率', weight: 5, measure: 'computed', metric: 'participation', unit: 'ratio', target: 0.3, areaTarget: null, tiers: [], evidenceHint: null },
    { code: 'ticketsOnTime', name: '维权工单按期办结', weight: 5, measure: 'computed', metric: 'ticketsOnTime', unit: 'ratio', target: 0.9, areaTarget: null, tiers: [], evidenceHint: null },
    { code: 'funds', name: '工会经费按时足额上缴', weight: 5, measure: 'self', metric: null, unit: 'bool', target: 1, areaTarget: null, tiers: [], evidenceHint: '上传经费缴纳凭证（照片或 PDF）' },
    { code: 'ledgers', name: '会员登记建档（七簿三档三册）', weight: 5, measure: 'self', metric: null, unit: 'bool', target: 1, areaTarget: null, tiers: [], evidenceHint: '上传台账照片' },
  ],
};

// ── score cards ─────────────────────────────────────────────────────────────────────────────
export const cardParams = z.strictObject({ orgId: idString('基层工会 ID') });
export const yearQuery = z
  .string()
  .regex(/^[0-9]{4}$/, '应为四位年份')
  .transform(Number)
  .pipe(year);
export const cardQuery = z.strictObject({ year: yearQuery.optional().describe('年度，默认今年（北京时间）') });

export const cardAssessment = z.object({
  id: z.number().int(),
  state: z.enum(assessmentStates),
  claimNote: z.string().nullable(),
  reviewReason: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  evidenceCount: z.number().int(),
});

export const cardRow = z.object({
  indicatorId: z.number().int(),
  code: z.string(),
  name: z.string(),
  weight: z.number().int(),
  measure: z.enum(indicatorMeasures),
  metric: z.enum(indicatorMetrics).nullable(),
  unit: z.enum(['ratio', 'bool']),
  target: z.number(),
  value: z.number().nullable().describe('比例 0–1，或 1/0；无数据为空'),
  state: z.enum(cardStates),
  credit: z.number().describe('得到该项权重的比例 0–1'),
  evidenceHint: z.string().nullable(),
  assessment: cardAssessment.nullable(),
});
export type CardRow = z.infer<typeof cardRow>;

export const scoreCard = z.object({
  org: orgRef.extend({ level: z.string() }),
  year: z.number().int(),
  set: z
    .object({ id: z.number().int(), name: z.string(), org: orgRef, isExample: z.boolean(), modelHomeMinScore: z.number() })
    .nullable()
    .describe('适用的指标体系：本工会最近的上级已发布的'),
  score: z.number().nullable().describe('得分 0–100，一位小数'),
  rows: z.array(cardRow),
  mayAssess: z.boolean().describe('可提交自评（本工会的工作人员）'),
  mayReview: z.boolean().describe('可审核（上级工会的管理员或审核员）'),
  mayDesignate: z.boolean().describe('可评定模范职工之家（县级及以上上级的管理员）'),
  modelHomes: z.array(z.object({ level: z.enum(modelHomeLevels), designatedOn: z.string(), score: z.number() })),
});
export type ScoreCard = z.infer<typeof scoreCard>;

// ── rankings ────────────────────────────────────────────────────────────────────────────────
export const rankingQuery = z.strictObject({
  ...paging,
  orgId: idString('排名的地区：镇街排其基层工会，县级及以上排其下级'),
  year: yearQuery.optional(),
});

export const rankingItem = z.object({
  rank: z.number().int(),
  org: orgRef.extend({ level: z.string() }),
  score: z.number().nullable(),
  unions: z.number().int().describe('参与计分的基层工会数'),
});

export const areaRate = z.object({
  code: z.string(),
  name: z.string(),
  areaTarget: z.number().nullable(),
  applicable: z.number().int(),
  met: z.number().int(),
  share: z.number().nullable(),
  reached: z.boolean().nullable().describe('达到区域目标；无区域目标为空'),
});

export const ranking = z.object({
  items: z.array(rankingItem),
  total: z.number().int(),
  org: orgRef.extend({ level: z.string() }),
  year: z.number().int(),
  ranks: z.enum(['unions', 'children']),
  set: z.object({ id: z.number().int(), name: z.string(), org: orgRef }).nullable(),
  areaRates: z.array(areaRate),
});

// ── self-assessments ────────────────────────────────────────────────────────────────────────
export const submitAssessmentBody = z.strictObject({
  orgId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  indicatorId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  claimNote: text(0, 200).nullable().default(null),
});

export const reviewAssessmentBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: text(2, 200).nullable().default(null).describe('退回须填写原因'),
});

export const assessmentSummary = z.object({
  id: z.number().int(),
  org: orgRef,
  indicator: z.object({ id: z.number().int(), code: z.string(), name: z.string(), evidenceHint: z.string().nullable() }),
  setId: z.number().int(),
  year: z.number().int(),
  state: z.enum(assessmentStates),
  claimNote: z.string().nullable(),
  reviewReason: z.string().nullable(),
  submittedAt: z.string(),
  reviewedAt: z.string().nullable(),
  evidenceCount: z.number().int(),
});
export type AssessmentSummary = z.infer<typeof assessmentSummary>;

export const assessmentListQuery = z.strictObject({
  ...paging,
  state: z.enum([...assessmentStates, 'all']).default('pending'),
});

// ── 模范职工之家 ─────────────────────────────────────────────────────────────────────────────
export const modelHomeListQuery = z.strictObject({ ...paging, year: yearQuery.optional() });

export const designateModelHomeBody = z.strictObject({
  orgId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  year,
});

export const modelHome = z.object({
  org: orgRef,
  year: z.number().int(),
  level: z.enum(modelHomeLevels),
  designatedBy: orgRef,
  designatedOn: z.string(),
  score: z.number(),
});

/** What a metric provider answers for each grassroots union of a subtree: a share 0–1, 1/0, or null (不适用). */
export interface MetricRow {
  orgId: number;
  values: Partial<Record<IndicatorMetric, number | null>>;
}
/** Where a metric provider computes: the unions under `root` (a path read through the scope gate), in year `year`. */
export interface MetricAt {
  root: string;
  year: number;
  /** today, YYYY-MM-DD Beijing */
  today: string;
  /** [start, end) of the year, Beijing */
  start: Date;
  end: Date;
}
