// Labour-law supervision cases (劳动法律监督案件, 一函两书): a union's case against one employer, the
// ladder of letters — 提示函 → 意见书 → 建议书 (to the labour administration) → 移送 (to the
// procuratorate) — each a numbered PDF, delivered, with the reply due by the region's rule.
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';

/** The rungs of the ladder, in order. */
export const letterKinds = ['notice', 'opinion', 'recommendation', 'referral'] as const;
export type LetterKind = (typeof letterKinds)[number];
export const letterKindLabels: Record<LetterKind, string> = {
  notice: '提示函',
  opinion: '意见书',
  recommendation: '建议书',
  referral: '移送函',
};
/** The full title printed on each letter. */
export const letterTitles: Record<LetterKind, string> = {
  notice: '工会劳动法律监督提示函',
  opinion: '工会劳动法律监督意见书',
  recommendation: '工会劳动法律监督建议书',
  referral: '劳动者权益保障案件线索移送函',
};

export const caseStates = ['open', 'notice_issued', 'replied', 'rectified', 'opinion_issued', 'suggestion_issued', 'referred', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];
export const caseStateLabels: Record<CaseState, string> = {
  open: '待发函',
  notice_issued: '已发提示函',
  replied: '已答复',
  rectified: '已整改',
  opinion_issued: '已发意见书',
  suggestion_issued: '已发建议书',
  referred: '已移送检察院',
  closed: '已结案',
};

export const caseOutcomes = ['rectified', 'partly', 'not_rectified', 'withdrawn'] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];
export const caseOutcomeLabels: Record<CaseOutcome, string> = { rectified: '已整改', partly: '部分整改', not_rectified: '未整改', withdrawn: '撤回' };

export const caseSources = ['supervisor', 'staff', 'tickets'] as const;
export const caseSourceLabels: Record<(typeof caseSources)[number], string> = { supervisor: '监督员发现', staff: '工会工作人员发现', tickets: '维权工单' };

export const deliveryWays = ['direct', 'mail', 'electronic'] as const;
export const deliveryWayLabels: Record<(typeof deliveryWays)[number], string> = { direct: '直接送达', mail: '邮寄', electronic: '电子送达' };

export const rectifications = ['done', 'promised', 'none'] as const;
export const rectificationLabels: Record<(typeof rectifications)[number], string> = { done: '已整改', promised: '承诺整改', none: '拒不整改' };

/** Roles that open cases and act on them; every staff role of the scope reads them. */
export const SUPERVISION_WRITE_ROLES = ['admin', 'clerk'] as const;
/** The reply deadline where no union of the path has a rule: 15 working days. */
export const DEFAULT_REPLY_RULE = { replyDays: 15, dayKind: 'working' } as const;

const date = z.iso.date();
const ref = z.object({ id: z.number().int(), name: z.string() });
const ids = (what: string, max: number) => z.array(z.number().int().positive()).max(max).describe(what);

export const provision = text(2, 100).describe('违反的法律条款，如《劳动合同法》第三十条');

export const createCaseBody = z
  .strictObject({
    orgId: z.number().int().positive().describe('办案工会（发函单位）'),
    enterpriseId: z.number().int().positive().optional().describe('用人单位：从单位名录中选择'),
    employerName: text(2, 100).optional().describe('用人单位名称（名录中没有时填写，并选择所在镇街）'),
    employerTownId: z.number().int().positive().optional().describe('用人单位所在镇街（手填单位时必填）'),
    employerAddress: text(5, 200).optional().describe('用人单位地址（发函必需）'),
    provisions: z.array(provision).min(1).max(20).describe('违反的法律条款'),
    summary: text(5, 2000).describe('发现的问题（事实）'),
    workersCount: z.number().int().min(1).max(100000).describe('涉及职工人数'),
    supervisorIds: ids('承办的劳动法律监督员（办案工会及其下级工会在册、证书有效）', 10).default([]),
    ticketIds: ids('来源工单（同一用人单位）', 50).default([]),
    source: z.enum(['supervisor', 'staff']).default('supervisor').describe('发现人：监督员或工会工作人员（有来源工单时为工单）'),
  })
  .describe('新建劳动法律监督案件');
export type CreateCaseInput = z.infer<typeof createCaseBody>;

export const updateCaseBody = z
  .strictObject({
    employerAddress: text(5, 200).optional(),
    provisions: z.array(provision).min(1).max(20).optional(),
    summary: text(5, 2000).optional(),
    workersCount: z.number().int().min(1).max(100000).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' })
  .describe('补充或修改案件事实（结案前）');
export type UpdateCaseInput = z.infer<typeof updateCaseBody>;

export const caseListQuery = z.strictObject({
  orgId: idString('办案工会（含下级）').optional(),
  state: z.enum(caseStates).optional(),
  stage: z.enum([...letterKinds, 'none']).optional().describe('已发出的最高一级文书（none：尚未发函）'),
  q: text(1, 50).optional().describe('用人单位名称'),
  overdue: z.enum(['true', 'false']).optional().describe('true：答复已逾期'),
  ...paging,
});
export type CaseListQuery = z.infer<typeof caseListQuery>;

export const addTicketsBody = z.strictObject({ ticketIds: z.array(z.number().int().positive()).min(1).max(50) }).describe('关联维权工单');

export const issueLetterBody = z
  .strictObject({
    kind: z.enum(letterKinds).describe('文书：须是下一级'),
    addressee: text(2, 100).optional().describe('收文单位（建议书、移送函可改；提示函、意见书为用人单位）'),
  })
  .describe('发出文书');
export type IssueLetterInput = z.infer<typeof issueLetterBody>;

export const deliveryBody = z
  .strictObject({
    via: z.enum(deliveryWays).describe('送达方式'),
    deliveredOn: date.describe('送达日期（北京时间）'),
    receiptSigner: text(1, 50).describe('签收人'),
  })
  .describe('记录送达');
export type DeliveryInput = z.infer<typeof deliveryBody>;

export const replyBody = z
  .strictObject({
    repliedOn: date.describe('书面答复日期（北京时间）'),
    summary: text(2, 1000).describe('答复内容摘要'),
    rectification: z.enum(rectifications).describe('整改情况'),
  })
  .describe('记录答复');
export type ReplyInput = z.infer<typeof replyBody>;

export const escalateBody = z.strictObject({ reason: text(4, 200).describe('提级原因') }).describe('提级监督：由上一级工会办理');

export const closeCaseBody = z
  .strictObject({
    outcome: z.enum(caseOutcomes),
    wagesRecoveredFen: z.number().int().min(0).max(100_000_000_000).describe('追回工资（分）'),
    workersCovered: z.number().int().min(0).max(100000).describe('惠及职工人数'),
    note: text(0, 500).optional(),
  })
  .describe('结案');
export type CloseCaseInput = z.infer<typeof closeCaseBody>;

export const letterParams = z.strictObject({ id: idString('案件 ID'), letterId: idString('文书 ID') });

export const letterView = z.object({
  id: z.number().int(),
  kind: z.enum(letterKinds),
  number: z.string().describe('文号'),
  addressee: z.string(),
  issuedOn: z.string(),
  replyDays: z.number().int(),
  dayKind: z.enum(['working', 'calendar']),
  statedDueOn: z.string().describe('函中写明的答复期限'),
  deliveredVia: z.enum(deliveryWays).nullable(),
  deliveredOn: z.string().nullable(),
  receiptSigner: z.string().nullable(),
  replyDueOn: z.string().nullable().describe('答复期限（北京日期）'),
  daysLeft: z.number().int().nullable().describe('距答复期限还剩几天（按规则的工作日或自然日；逾期为负）'),
  overdue: z.boolean(),
  repliedOn: z.string().nullable(),
  replySummary: z.string().nullable(),
  rectification: z.enum(rectifications).nullable(),
  pdfUrl: z.string(),
});
export type LetterView = z.infer<typeof letterView>;

export const caseSummary = z.object({
  id: z.number().int(),
  org: ref.describe('办案工会'),
  employerName: z.string(),
  state: z.enum(caseStates),
  stage: z.enum(letterKinds).nullable(),
  workersCount: z.number().int(),
  replyDueOn: z.string().nullable().describe('当前文书的答复期限'),
  overdue: z.boolean(),
  createdAt: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummary>;
export const caseList = listOf(caseSummary);

export const nextAction = z.object({
  kind: z.enum(letterKinds).nullable().describe('下一级文书（没有则为 null）'),
  allowed: z.boolean(),
  reason: z.string().nullable().describe('不能发出时的原因'),
});

export const caseDetail = caseSummary.extend({
  enterpriseId: z.number().int().nullable(),
  employerTown: ref.nullable(),
  employerAddress: z.string().nullable(),
  provisions: z.array(z.string()),
  summary: z.string(),
  source: z.enum(caseSources),
  supervisors: z.array(z.object({ id: z.number().int(), name: z.string(), certificateNo: z.string(), org: ref })),
  tickets: z.array(z.object({ id: z.number().int(), category: z.string(), state: z.string(), employerName: z.string().nullable(), createdAt: z.string() })),
  letters: z.array(letterView),
  next: nextAction,
  canEscalate: z.boolean().describe('可提级到上一级工会'),
  outcome: z.enum(caseOutcomes).nullable(),
  wagesRecoveredFen: z.number().int().nullable(),
  workersCovered: z.number().int().nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
});
export type CaseDetail = z.infer<typeof caseDetail>;

export const ruleQuery = z.strictObject({ orgId: idString('工会').optional() });
export const ruleView = z.object({
  org: ref,
  replyDays: z.number().int(),
  dayKind: z.enum(['working', 'calendar']),
  source: z.enum(['own', 'inherited', 'default']),
  fromOrg: ref.nullable(),
  prefix: z.string().describe('文号前缀，如“从工监”'),
  prefixIsDefault: z.boolean(),
});
export type RuleView = z.infer<typeof ruleView>;
export const putRuleBody = z
  .strictObject({
    orgId: z.number().int().positive(),
    replyDays: z.number().int().min(1).max(120).describe('答复期限天数'),
    dayKind: z.enum(['working', 'calendar']).describe('working：工作日；calendar：自然日'),
    prefix: z
      .string()
      .trim()
      .regex(/^\p{Script=Han}{1,8}$/u, '文号前缀为 1–8 个汉字')
      .optional()
      .describe('文号前缀（如“从工监”，1–8 个汉字）'),
  })
  .describe('设置本工会及下级的答复期限和本工会的文号前缀');
export type PutRuleInput = z.infer<typeof putRuleBody>;

export const figuresQuery = z.strictObject({
  orgId: idString('工会（含下级）').optional(),
  from: date.optional().describe('起始日期（北京时间，含）'),
  to: date.optional().describe('截止日期（北京时间，含）'),
});
export const supervisionFigures = z.object({
  org: ref,
  from: z.string(),
  to: z.string(),
  casesOpened: z.number().int(),
  byState: z.array(z.object({ state: z.enum(caseStates), count: z.number().int() })),
  byOutcome: z.array(z.object({ outcome: z.enum(caseOutcomes), count: z.number().int() })),
  lettersIssued: z.array(z.object({ kind: z.enum(letterKinds), count: z.number().int() })),
  replies: z.object({ delivered: z.number().int().describe('期间内送达的文书'), replied: z.number().int().describe('其中已答复'), onTime: z.number().int().describe('其中按期答复') }),
  wagesRecoveredFen: z.number().int(),
  workersCovered: z.number().int(),
});
export type SupervisionFigures = z.infer<typeof supervisionFigures>;

/** What creating a case answers (and replays): the new case's id. */
export const createdCase = z.object({ id: z.number().int(), employerName: z.string(), createdAt: z.string() });
/** What issuing a letter answers (and replays): the letter as issued. */
export const issuedLetter = z.object({
  id: z.number().int(),
  caseId: z.number().int(),
  kind: z.enum(letterKinds),
  number: z.string(),
  addressee: z.string(),
  issuedOn: z.string(),
  statedDueOn: z.string().describe('函中写明的答复期限（按发文当日送达计）'),
  pdfUrl: z.string(),
});
export const escalatedCase = z.object({ id: z.number().int(), org: ref.describe('现办案工会') });
