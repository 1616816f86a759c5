// Aid campaigns (送温暖, 金秋助学, 夏送清凉, 求学圆梦 …): publishing, the review queue per level, the
// lottery, the public notice (公示) with objections, and the member's applications with their
// progress step by step. Shared by the server and the web apps.
//
// Amounts are integers in the campaign's budget unit: fen (分) when budgetUnit is 'yuan' (show ÷ 100),
// points for 'points', items for 'goods'.
import { z } from 'zod';
import { editBody, idString, listOf, paging, publishedListQuery, text } from './common.ts';
import { campaignKinds, budgetUnits, payoutChannels, campaignTargetGroups, applicationStatuses, type ApplicationStatus, reviewDecisions, campaignAvailabilityStates, type CampaignAvailabilityState, campaignPhases } from './campaign-terms.ts';

export * from './campaign-terms.ts';
export * from './campaign-notice.ts';

const isoTime = z.iso.datetime({ offset: true });
/** Control characters (line breaks and tabs allowed) and direction marks: refused in multi-line text. */
const UNSAFE_MULTILINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** A trimmed multi-line text (a statement, a description) of at most `max` characters. */
export function multilineText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((s) => !UNSAFE_MULTILINE.test(s), { message: '不能包含控制字符或文字方向控制符' });
}
const amount = z.number().int().min(1).max(1_000_000_000_000);

export const DOCUMENT_KEY = /^[a-z][a-z0-9_]{0,31}$/;
export const requiredDocument = z.strictObject({
  key: z.string().regex(DOCUMENT_KEY, '应为小写字母开头的字母、数字或下划线，最多 32 位').describe('材料代码，如 admission_letter'),
  label: text(1, 50).describe('材料名称，如“录取通知书”'),
});
export type RequiredDocument = z.infer<typeof requiredDocument>;

/** A level reviewed by the applicant's union at a tier (its town, county or city union). */
export const reviewerTiers = ['town', 'county', 'city'] as const;
export type ReviewerTier = (typeof reviewerTiers)[number];
export const reviewerTierLabels: Record<ReviewerTier, string> = {
  town: '申请人所在的镇（街道）工会',
  county: '申请人所在的县（市、区）总工会',
  city: '申请人所在的地级市总工会',
};

export const levelInput = z.strictObject({
  name: text(1, 50).describe('审核层级名称，如“基层工会初审”'),
  reviewerOrgId: z
    .number()
    .int()
    .positive()
    .nullable()
    .describe('审核单位：null 为申请人所在工会（基层初审）或按 reviewerTier；否则为发布单位或其下级组织'),
  reviewerTier: z
    .enum(reviewerTiers)
    .nullable()
    .optional()
    .describe('reviewerOrgId 为 null 时：由申请人所在的镇（街道）/县（市、区）/地级市工会审核（不高于发布单位）；不填为申请人所在工会'),
  deadlineDays: z.number().int().min(1).max(90).describe('本级审核时限（天），从申请进入本级起算'),
});
export type LevelInput = z.infer<typeof levelInput>;

const campaignFields = {
  title: text(2, 100).describe('活动名称，如“2026 年金秋助学”'),
  kind: z.enum(campaignKinds).describe('类别'),
  orgId: z.number().int().positive().describe('发布单位：该工会及其下级组织的会员可申请'),
  description: multilineText(8000).optional().describe('活动说明（纯文本，可换行）'),
  targetGroups: z.array(z.enum(campaignTargetGroups)).max(campaignTargetGroups.length).optional().describe('面向群体（属于其一即可）；不填为全体会员'),
  minMembershipMonths: z.number().int().min(0).max(600).optional().describe('入会满几个月'),
  minAge: z.number().int().min(0).max(120).optional(),
  maxAge: z.number().int().min(0).max(120).optional(),
  requiredDocuments: z.array(requiredDocument).max(6).optional().describe('申请须上传的材料（每项一个文件：图片或 PDF）'),
  applyOpensAt: isoTime.describe('申请开始'),
  applyClosesAt: isoTime.describe('申请截止'),
  quota: z.number().int().min(1).max(1_000_000).describe('资助名额'),
  awardAmount: amount.describe('每人资助金额（预算单位：元时以分计）'),
  budgetUnit: z.enum(budgetUnits).describe('预算单位'),
  budgetTotal: amount.describe('预算总额（同预算单位）'),
  payoutChannel: z.enum(payoutChannels).optional().describe('发放渠道；默认随预算单位（元 → 银行转账）'),
  secondApprovalAbove: z.number().int().min(0).max(1_000_000_000_000).nullable().optional().describe('单笔发放超过该金额须另一人复核；不填为无需复核'),
  lottery: z.boolean().optional().describe('审核通过人数超过名额时抽签（发布时公布种子承诺）'),
  noticeDays: z.number().int().min(1).max(30).describe('公示天数'),
  levels: z.array(levelInput).min(1).max(6).describe('审核层级，从第 1 级起逐级审核'),
};

export const createCampaignBody = z.strictObject(campaignFields);
export type CreateCampaignInput = z.infer<typeof createCampaignBody>;

// the publishing union, the budget's unit and the lottery stay as published (the seed is committed then)
export const updateCampaignBody = editBody(campaignFields, ['orgId', 'budgetUnit', 'lottery']);
export type UpdateCampaignInput = z.infer<typeof updateCampaignBody>;

export const cancelCampaignBody = z.strictObject({ reason: text(2, 200).describe('取消原因（将通知已申请的会员）') });

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const campaignLevel = z.object({
  levelNo: z.number().int(),
  name: z.string(),
  reviewerOrg: orgRef.nullable().describe('null：申请人所在工会，或按 reviewerTier'),
  reviewerTier: z.enum(reviewerTiers).nullable().describe('由申请人所在的该级工会审核'),
  deadlineDays: z.number().int(),
});

export const applicationCounts = z.object(
  Object.fromEntries(applicationStatuses.map((s) => [s, z.number().int()])) as Record<ApplicationStatus, z.ZodNumber>,
);

export const campaignSummary = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(campaignKinds),
  org: orgRef,
  phase: z.enum(campaignPhases),
  status: z.enum(['published', 'cancelled']),
  applyOpensAt: z.string(),
  applyClosesAt: z.string(),
  quota: z.number().int(),
  awardAmount: z.number().int(),
  budgetUnit: z.enum(budgetUnits),
  budgetTotal: z.number().int(),
  budgetReserved: z.number().int().describe('已占用预算：公示中与已确定资助的申请'),
  payoutChannel: z.enum(payoutChannels),
  lottery: z.boolean(),
  noticeDays: z.number().int(),
  targetGroups: z.array(z.enum(campaignTargetGroups)),
  /** staff only */
  counts: applicationCounts.nullable().describe('工作人员：各状态申请数（本管理范围内的申请）'),
  /** members only */
  availability: z
    .object({
      state: z.enum(Object.keys(campaignAvailabilityStates) as [CampaignAvailabilityState, ...CampaignAvailabilityState[]]),
      canApply: z.boolean(),
      message: z.string().describe('中文说明'),
    })
    .nullable(),
  myApplication: z.object({ id: z.number().int(), status: z.enum(applicationStatuses), statusLabel: z.string() }).nullable(),
});
export type CampaignSummary = z.infer<typeof campaignSummary>;

export const campaignDetail = campaignSummary.extend({
  description: z.string(),
  minMembershipMonths: z.number().int().nullable(),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  requiredDocuments: z.array(z.object({ key: z.string(), label: z.string() })),
  secondApprovalAbove: z.number().int().nullable(),
  levels: z.array(campaignLevel),
  seedCommitment: z.string().nullable().describe('抽签：发布时公布的种子承诺 sha256(seed)（十六进制）'),
  drawnAt: z.string().nullable(),
  noticeStartedAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export type CampaignDetail = z.infer<typeof campaignDetail>;

export const campaignQuery = publishedListQuery(campaignKinds);
export const campaignList = listOf(campaignSummary);

export const myCampaignQuery = z.strictObject({ ...paging, kind: z.enum(campaignKinds).optional() });

// ---------------------------------------------------------------------------------------------
// Applying

/**
 * Files: PNG, JPEG, WebP or PDF judged by content, each at most 4 MB — a scanned admission letter or
 * a hospital's PDF as people have them; the routes that carry documents (apply, apply on behalf,
 * resubmit) take a request of up to 12 MB (every other route: 1 MB), so the files of one request come
 * to 8 MB together (base64 adds a third). The phone page shrinks photos over their share.
 */
export const DOCUMENT_MAX_BYTES = 4 * 1024 * 1024;
/** All files of one request together, decoded. */
export const DOCUMENTS_REQUEST_MAX_BYTES = 8 * 1024 * 1024;
/** The body of a request carrying documents (base64 of DOCUMENTS_REQUEST_MAX_BYTES and the JSON around it). */
export const DOCUMENT_REQUEST_BODY_LIMIT = 12 * 1024 * 1024;
export const documentUpload = z.strictObject({
  key: z.string().regex(DOCUMENT_KEY, '材料代码有误').describe('活动要求的材料代码'),
  fileName: text(1, 100).optional().describe('原文件名（仅用于显示）'),
  contentBase64: z
    .string()
    .min(1)
    .max(5_600_000)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, '应为 base64')
    .describe('文件内容（PNG、JPEG、WebP 图片或 PDF，每份不超过 4 MB；一次请求的材料合计不超过 8 MB）的 base64'),
});
export type DocumentUpload = z.infer<typeof documentUpload>;

export const applyBody = z
  .strictObject({
    statement: multilineText(2000).optional().describe('申请说明（家庭情况、申请理由等）'),
    documents: z.array(documentUpload).max(6).optional().describe('活动要求的每项材料各一个文件'),
  })
  .nullish()
  .describe('可不填请求体（活动不要求材料时）');
export type ApplyInput = NonNullable<z.infer<typeof applyBody>>;

export const applyOnBehalfBody = z
  .strictObject({
    memberNo: z.string().trim().min(1).max(32).optional().describe('会员号'),
    memberId: z.number().int().positive().optional().describe('会员 ID'),
    statement: multilineText(2000).optional().describe('申请说明（如走访情况）'),
    documents: z.array(documentUpload).max(6).optional(),
  })
  .refine((b) => (b.memberNo === undefined) !== (b.memberId === undefined), { message: '请填写会员号或会员 ID（二选一）' });
export type ApplyOnBehalfInput = z.infer<typeof applyOnBehalfBody>;

export const resubmitBody = z.strictObject({
  statement: multilineText(2000).optional().describe('补充说明；不填则保留原说明'),
  documents: z.array(documentUpload).max(6).optional().describe('替换的材料（按材料代码替换）'),
});
export type ResubmitInput = z.infer<typeof resubmitBody>;

export const documentInfo = z.object({
  key: z.string(),
  label: z.string(),
  fileName: z.string().nullable(),
  contentType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.string(),
});

/** One step of the progress: a level's review, or the lottery, the notice, the award. */
export const progressStep = z.object({
  step: z.enum(['submitted', 'level', 'draw', 'notice', 'award']),
  levelNo: z.number().int().nullable(),
  name: z.string().describe('步骤名称，如“基层工会初审”“公示”'),
  state: z.enum(['done', 'current', 'pending', 'failed', 'skipped']),
  deadline: z.string().nullable().describe('本级审核时限（进行中时）'),
  overdue: z.boolean(),
  decisions: z.array(
    z.object({
      decision: z.enum([...reviewDecisions, 'resubmit']),
      decisionLabel: z.string(),
      reason: z.string().nullable(),
      by: z.string().nullable().describe('审核单位名称（不显示个人）'),
      at: z.string(),
    }),
  ),
  at: z.string().nullable().describe('完成时间'),
});

export const applicationSchema = z.object({
  id: z.number().int(),
  campaign: z.object({
    id: z.number().int(),
    title: z.string(),
    kind: z.enum(campaignKinds),
    budgetUnit: z.enum(budgetUnits),
    payoutChannel: z.enum(payoutChannels),
  }),
  status: z.enum(applicationStatuses),
  statusLabel: z.string(),
  currentLevel: z.number().int().nullable(),
  awardAmount: z.number().int(),
  statement: z.string(),
  lastReason: z.string().nullable().describe('退回、不通过或取消资格的原因'),
  appliedByStaff: z.boolean().describe('由工作人员代为申请（如走访送温暖）'),
  canResubmit: z.boolean(),
  canWithdraw: z.boolean().optional().describe('可撤回（确定资助前）'),
  noticeEndsAt: z.string().nullable(),
  documents: z.array(documentInfo),
  steps: z.array(progressStep),
  createdAt: z.string(),
});
export type CampaignApplication = z.infer<typeof applicationSchema>;
export const myApplicationsQuery = z.strictObject({ ...paging });
export const myApplicationList = listOf(applicationSchema);

// ---------------------------------------------------------------------------------------------
// The review queue (staff)

export const applicationQuery = z.strictObject({
  ...paging,
  status: z.enum([...applicationStatuses, 'all']).default('in_review'),
  level: z
    .string()
    .regex(/^[1-6]$/, '应为 1–6')
    .transform(Number)
    .optional()
    .describe('只看该审核层级'),
  mine: z.enum(['true', 'false']).default('false').describe('true：只看待本人所在单位审核的（审核队列）'),
});

export const staffApplicationSchema = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  memberNo: z.string().nullable(),
  name: z.string().describe('姓名（脱敏）'),
  orgName: z.string().describe('申请时所在工会'),
  status: z.enum(applicationStatuses),
  statusLabel: z.string(),
  currentLevel: z.number().int().nullable(),
  levelName: z.string().nullable(),
  reviewerOrgName: z.string().nullable().describe('本级审核单位'),
  deadline: z.string().nullable().describe('本级审核时限'),
  overdue: z.boolean(),
  canReview: z.boolean().describe('本人可以审核本级'),
  awardAmount: z.number().int(),
  statement: z.string(),
  appliedByStaff: z.boolean(),
  documents: z.array(documentInfo),
  drawPosition: z.number().int().nullable(),
  noticeEndsAt: z.string().nullable(),
  createdAt: z.string(),
});
export const staffApplicationList = listOf(staffApplicationSchema);

export const reviewBody = z
  .strictObject({
    decision: z.enum(reviewDecisions).describe('approve 通过 · return 退回补充 · reject 不通过'),
    reason: text(2, 500).optional().describe('原因（退回、不通过必填；会员可见）'),
    level: z.number().int().min(1).max(6).optional().describe('审核人所见的当前层级；与实际不符（已被他人审核）时拒绝'),
  })
  .refine((b) => b.decision === 'approve' || b.reason !== undefined, { message: '退回或不通过须填写原因', path: ['reason'] });
export type ReviewInput = z.infer<typeof reviewBody>;

export const reviewResponse = z.object({
  applicationId: z.number().int(),
  status: z.enum(applicationStatuses),
  currentLevel: z.number().int().nullable(),
});

export const documentParams = z.strictObject({ id: idString('申请 ID'), key: z.string().regex(DOCUMENT_KEY, '材料代码有误') });
/** GET /api/campaign-applications/:id/documents?key=… */
export const documentQuery = z.strictObject({ key: z.string().regex(DOCUMENT_KEY, '材料代码有误').optional().describe('材料代码（必填；缺少时 400）') });

// ---------------------------------------------------------------------------------------------
// Added after the first commit (additive only)

/** The answer to an application (and to its retry under the same Idempotency-Key, byte for byte). */
export const applyResponse = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  memberId: z.number().int(),
  status: z.literal('in_review'),
  currentLevel: z.number().int(),
  createdAt: z.string(),
});

/** An application for staff, with its progress step by step. */
export const staffApplicationDetail = staffApplicationSchema.extend({
  steps: z.array(progressStep),
  lastReason: z.string().nullable(),
  campaign: z.object({ id: z.number().int(), title: z.string(), budgetUnit: z.enum(budgetUnits) }),
});

/*
 * Routes (all JSON; errors { error, message, statusCode }):
 *   staff   POST   /api/campaigns                                  createCampaignBody → campaignDetail (admin, clerk)
 *           GET    /api/campaigns?page&pageSize&orgId&kind&status  → campaignList (published in scope, or reaching into it)
 *           GET    /api/campaigns/:id                              → campaignDetail (staff: counts; member: availability)
 *           PATCH  /api/campaigns/:id                              updateCampaignBody → campaignDetail (before the window opens)
 *           POST   /api/campaigns/:id/cancel                       cancelCampaignBody → campaignDetail
 *           GET    /api/campaigns/:id/applications?status&level&mine   → staffApplicationList (the review queue)
 *           GET    /api/campaigns/:id/applications/export?status&level&mine → .xlsx (masked names; audited)
 *           GET    /api/campaign-applications/:id                  → staffApplicationDetail
 *           GET    /api/campaign-applications/:id/documents?key=   → the file (staff in scope, or the applicant)
 *           POST   /api/campaign-applications/:id/review           reviewBody → reviewResponse (reviewer, admin)
 *           POST   /api/campaigns/:id/draw                         → drawResponse;  GET /api/campaigns/:id/draw (anyone who sees it)
 *           POST   /api/campaigns/:id/notice                       noticeBody → noticeStartResponse
 *           GET    /api/campaigns/:id/notice?page&pageSize         → noticeResponse (staff and members in the reach)
 *           GET    /api/campaigns/:id/objections?status            → objectionList
 *           POST   /api/campaign-objections/:id/resolve            resolveObjectionBody → objectionSchema
 *           POST   /api/campaigns/:id/applications-on-behalf       applyOnBehalfBody (+ Idempotency-Key) → 201 applyResponse
 *   member  GET    /api/me/campaigns?page&pageSize&kind            → campaignList (with availability, why not, in Chinese)
 *           POST   /api/campaigns/:id/applications                 applyBody (+ Idempotency-Key) → 201 applyResponse
 *           GET    /api/me/campaign-applications                   → myApplicationList (progress step by step)
 *           POST   /api/me/campaign-applications/:id/resubmit      resubmitBody → applicationSchema
 *           POST   /api/me/campaign-applications/:id/withdraw      → applicationSchema (before the award; may apply again while open)
 *           POST   /api/campaign-applications/:id/objections       objectionBody → 201 objectionSchema
 */
