// Rights work orders (维权工单, 12351): what a worker asks from the phone, what a hotline clerk enters,
// the staff queue and a ticket's detail with its clocks and trail, the step actions, and the time
// limits per federation. Terms: 工单 ticket; 受理 accept; 转办 assign; 退回 return; 挂起 pause;
// 延期 extend; 办结 close (../shared/GLOSSARY.md, docs/design/rights.md).
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';
import { gigPlatformNames, mobilePhone } from './members.ts';

export const ticketChannels = ['app', 'hotline', 'integration'] as const;
export const ticketChannelLabels: Record<(typeof ticketChannels)[number], string> = { app: '手机端', hotline: '12351 热线', integration: '系统对接' };
export const ticketTypes = ['consult', 'help', 'complaint', 'legal_aid'] as const;
export const ticketTypeLabels: Record<(typeof ticketTypes)[number], string> = { consult: '咨询', help: '求助', complaint: '投诉', legal_aid: '申请法律援助' };
export const ticketCategories = ['wage_arrears', 'labour_contract', 'social_insurance', 'work_injury', 'dismissal', 'occupational_disease', 'gig_rights', 'other'] as const;
export type TicketCategory = (typeof ticketCategories)[number];
export const ticketCategoryLabels: Record<TicketCategory, string> = {
  wage_arrears: '欠薪',
  labour_contract: '劳动合同',
  social_insurance: '社会保险',
  work_injury: '工伤',
  dismissal: '解除劳动关系',
  occupational_disease: '职业病',
  gig_rights: '新业态权益',
  other: '其他',
};
export const ticketDifficulties = ['normal', 'hard', 'complex'] as const;
export type TicketDifficulty = (typeof ticketDifficulties)[number];
export const ticketDifficultyLabels: Record<TicketDifficulty, string> = { normal: '一般', hard: '难点', complex: '特别复杂' };
export const ticketStates = ['pending', 'in_progress', 'paused', 'closed'] as const;
export type TicketState = (typeof ticketStates)[number];
export const ticketStateLabels: Record<TicketState, string> = { pending: '待受理', in_progress: '办理中', paused: '已挂起', closed: '已办结' };
export const ticketActions = [
  'create', 'accept', 'assign', 'assign_handler', 'return', 'pause', 'resume', 'extension_request', 'extension_approve', 'extension_reject', 'close',
  'remind', 'escalate', 'rate', 'reopen', 'callback', 'quality_pass', 'quality_return',
] as const;
export type TicketAction = (typeof ticketActions)[number];
export const ticketActionLabels: Record<TicketAction, string> = {
  create: '提交',
  accept: '受理',
  assign: '转办',
  assign_handler: '指定经办人',
  return: '退回',
  pause: '挂起',
  resume: '恢复办理',
  extension_request: '申请延期',
  extension_approve: '批准延期',
  extension_reject: '不批准延期',
  close: '办结',
  remind: '临期提醒',
  escalate: '超期提请上级督办',
  rate: '评价',
  reopen: '不满意，重新办理',
  callback: '回访',
  quality_pass: '质检通过',
  quality_return: '质检退回，重新办理',
};

/** The 12345 norms, in working days: a union's limits when neither it nor an ancestor has set its own. */
export const DEFAULT_TIME_LIMITS = { acceptDays: 1, finishDays: 5, maxExtensionDays: 10, returnDays: 2 } as const;

const ref = z.object({ id: z.number().int(), name: z.string() });

/** Who the ticket is about: an employer of the register, a typed one with its town, or a platform with the town worked in. */
const employerFields = {
  enterpriseId: z.number().int().positive().optional().describe('工作单位：从单位名录中选择（/api/enterprises/suggest）'),
  employerName: text(2, 100).optional().describe('工作单位名称（名录中没有时填写，并选择工作所在的镇街）'),
  gigPlatform: z.enum(gigPlatformNames).optional().describe('无固定单位的新就业形态劳动者：所在平台'),
  workOrgId: z.number().int().positive().optional().describe('工作所在的镇（街道）'),
  employerUnionConsent: z.boolean().optional().describe('同意由本单位工会办理（默认不同意：单位工会看不到本工单）'),
};

export const createMyTicketBody = z.strictObject({
  type: z.enum(ticketTypes),
  category: z.enum(ticketCategories),
  description: text(5, 2000).describe('发生了什么'),
  contactName: text(1, 50).optional().describe('称呼（非会员须填写；会员默认取会员姓名）'),
  ...employerFields,
});
export type CreateMyTicketInput = z.infer<typeof createMyTicketBody>;

export const createTicketBody = z.strictObject({
  type: z.enum(ticketTypes),
  category: z.enum(ticketCategories),
  difficulty: z.enum(ticketDifficulties).optional(),
  description: text(5, 2000),
  callerMemberId: z.number().int().positive().optional().describe('来电人是会员：会员 ID'),
  callerName: text(1, 50).optional().describe('来电人不是会员：姓名'),
  callerPhone: mobilePhone.optional().describe('来电人不是会员：手机号'),
  ...employerFields,
});
export type CreateTicketInput = z.infer<typeof createTicketBody>;
export type EmployerInput = Pick<CreateTicketInput, 'enterpriseId' | 'employerName' | 'gigPlatform' | 'workOrgId' | 'employerUnionConsent'>;

export const ticketQueueViews = ['mine', 'union', 'subtree', 'overdue', 'escalated', 'callback', 'quality'] as const;
export type TicketQueueView = (typeof ticketQueueViews)[number];
export const ticketQueueQuery = z.strictObject({
  view: z
    .enum(ticketQueueViews)
    .default('union')
    .describe('mine：指定我经办；union：本工会在办；subtree：本级及下级全部；overdue：本级及下级超期未办结；escalated：下级超期提请本工会督办；callback：本工会办结待回访（先办结的在前）；quality：下级办结待质检（新办结的在前）'),
  sample: z.coerce.number().int().min(1).max(50).optional().describe('只用于 quality：随机抽检这么多件'),
  orgId: idString('只看该组织及其下级（须在管理范围内）').optional(),
  state: z.enum(ticketStates).optional(),
  category: z.enum(ticketCategories).optional(),
  ...paging,
});
export type TicketQueueQuery = z.infer<typeof ticketQueueQuery>;

export const ticketSummary = z.object({
  id: z.number().int(),
  channel: z.enum(ticketChannels),
  type: z.enum(ticketTypes),
  category: z.enum(ticketCategories),
  difficulty: z.enum(ticketDifficulties),
  state: z.enum(ticketStates),
  org: ref.describe('当前办理的工会'),
  handler: ref.nullable().describe('指定的经办人'),
  callerName: z.string().describe('来电人/申请人（脱敏）'),
  callerPhone: z.string().nullable().describe('手机号（脱敏）'),
  employerName: z.string().nullable(),
  gigPlatform: z.string().nullable(),
  dueAt: z.string().nullable().describe('本级办结期限（挂起时为挂起前的期限；办结后为空）'),
  overdue: z.boolean(),
  workingDaysLeft: z.number().int().nullable().describe('距本级办结期限还剩的工作日（不含今天；超期、挂起、办结时为空）'),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TicketSummary = z.infer<typeof ticketSummary>;

export const ticketClock = z.object({
  id: z.number().int(),
  org: ref,
  receivedAt: z.string(),
  acceptDueAt: z.string(),
  returnDueAt: z.string(),
  dueAt: z.string(),
  maxExtensionDays: z.number().int(),
  acceptedAt: z.string().nullable(),
  pausedAt: z.string().nullable(),
  pausedDays: z.number().int().describe('挂起经过的工作日（已顺延到期限中）'),
  extension: z.object({ state: z.enum(['requested', 'approved', 'rejected']), days: z.number().int(), reason: z.string() }).nullable(),
  endedAt: z.string().nullable(),
  outcome: z.enum(['assigned', 'returned', 'closed']).nullable(),
  remindedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  escalatedTo: ref.nullable(),
});

export const ticketStep = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.enum(ticketActions),
  actorName: z.string(),
  org: ref,
  toOrg: ref.nullable(),
  toStaff: ref.nullable(),
  reason: z.string(),
});

/** Documents and photos on a ticket (材料): at most 9, each at most 10 MB, JPEG, PNG, WebP or PDF by their bytes. */
export const TICKET_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const TICKET_ATTACHMENTS_MAX = 9;
export const ticketAttachmentKinds = ['photo', 'document'] as const;
export const ticketAttachment = z.object({
  id: z.number().int(),
  kind: z.enum(ticketAttachmentKinds).describe('photo：照片（JPEG、PNG、WebP）；document：文件（PDF）'),
  fileName: z.string(),
  mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']).describe('按文件内容判断的类型'),
  size: z.number().int().describe('字节'),
  uploadedAt: z.string(),
  uploadedBy: z.enum(['worker', 'staff']).describe('worker：职工本人；staff：工会工作人员'),
});
export type TicketAttachment = z.infer<typeof ticketAttachment>;
/** GET …/ticket-attachments/:id: sent as a download; `inline=1` shows an image in the page (a thumbnail). */
export const attachmentFileQuery = z.strictObject({ inline: z.enum(['1']).optional().describe('1：在页面中显示（图片缩略图）；默认作为附件下载') });
export const ticketAttachmentUploadForm = z.object({
  file: z.string().meta({ format: 'binary' }).describe('照片（JPEG、PNG、WebP）或 PDF 文件，不超过 10 MB；每个工单最多 9 个'),
});

export const ticketFollowup = z.object({
  id: z.number().int(),
  kind: z.enum(['callback', 'quality']),
  at: z.string(),
  closedAt: z.string().describe('所跟进的那次办结的时间'),
  org: ref,
  staffName: z.string(),
  reached: z.boolean().nullable().describe('回访：是否联系上来电人'),
  satisfaction: z.number().int().nullable().describe('回访：满意度 1–5'),
  note: z.string().nullable(),
  pass: z.boolean().nullable().describe('质检：通过或退回'),
  reason: z.string().nullable(),
});

export const ticketDetail = ticketSummary.extend({
  description: z.string(),
  routeReason: z.string(),
  employerUnionConsent: z.boolean(),
  result: z.string().nullable(),
  recoveredFen: z.number().int().nullable(),
  rating: z.number().int().nullable().describe('职工评价 1–5'),
  ratingComment: z.string().nullable(),
  clocks: z.array(ticketClock),
  steps: z.array(ticketStep),
  attachments: z.array(ticketAttachment).describe('材料：照片与文件（下载记入审计日志）'),
  followups: z.array(ticketFollowup).describe('回访与质检记录（每次办结各一次）'),
  lawyer: z
    .object({ id: z.number().int(), name: z.string(), firm: z.string(), assignedAt: z.string(), outcome: z.string().nullable().describe('调解 mediation · 仲裁 arbitration · 诉讼 litigation · 未进入程序 none') })
    .nullable()
    .describe('正在代理的法律援助律师（详见 GET /api/tickets/{id}/lawyers）'),
  /** what the caller may do: act as the holding union, decide an extension as the level above */
  canAct: z.boolean(),
  canDecideExtension: z.boolean(),
  /** record the phone callback of this closing (the closing union's staff) */
  canCallback: z.boolean(),
  /** check this closing (an admin or reviewer of a union above it, not the closer) */
  canQualityCheck: z.boolean(),
  /** reveal the caller's full name and phone (the named handler, or the holding union with none named) */
  canReveal: z.boolean(),
});
export type TicketDetail = z.infer<typeof ticketDetail>;
export const ticketList = listOf(ticketSummary);

export const myTicket = z.object({
  id: z.number().int(),
  type: z.enum(ticketTypes),
  category: z.enum(ticketCategories),
  state: z.enum(ticketStates),
  orgName: z.string().describe('办理的工会'),
  routeReason: z.string(),
  description: z.string(),
  employerName: z.string().nullable(),
  dueAt: z.string().nullable(),
  result: z.string().nullable(),
  recoveredFen: z.number().int().nullable(),
  closedAt: z.string().nullable(),
  rating: z.number().int().nullable(),
  canRate: z.boolean().describe('已办结且尚未评价'),
  createdAt: z.string(),
  steps: z.array(z.object({ at: z.string(), action: z.enum(ticketActions), orgName: z.string() })),
  attachments: z.array(ticketAttachment),
});
export type MyTicket = z.infer<typeof myTicket>;
export const myTicketList = listOf(myTicket.omit({ steps: true, description: true, routeReason: true, attachments: true }));
export const myTicketQuery = z.strictObject({ ...paging });

export const acceptTicketBody = z.strictObject({ difficulty: z.enum(ticketDifficulties).optional().describe('受理时确定难易程度（改变办理期限）') });
export const assignTicketBody = z.strictObject({
  toOrgId: z.number().int().positive().optional().describe('转办给下级工会'),
  toStaffId: z.number().int().positive().optional().describe('或指定本工会的经办人'),
  reason: text(0, 500).optional(),
});
export const returnTicketBody = z.strictObject({ reason: text(2, 500).describe('退回原因') });
export const pauseTicketBody = z.strictObject({ reason: text(2, 500).describe('挂起原因，如 等待职工补充材料') });
export const resumeTicketBody = z.strictObject({});
export const requestExtensionBody = z.strictObject({ days: z.number().int().min(1).max(60).describe('延长的工作日'), reason: text(2, 500) });
export const decideExtensionBody = z.strictObject({ approve: z.boolean(), reason: text(0, 500).optional() });
export const closeTicketBody = z.strictObject({
  result: text(0, 2000).describe('办理结果'),
  recoveredFen: z.number().int().min(0).max(100_000_000_000).describe('追回金额（分），没有为 0'),
});
export const callbackTicketBody = z.strictObject({
  reached: z.boolean().describe('是否联系上来电人'),
  satisfaction: z.number().int().min(1).max(5).optional().describe('来电人的满意度 1–5（联系上时）'),
  note: text(0, 500).default('').describe('回访记录'),
});
export const qualityCheckTicketBody = z.strictObject({
  pass: z.boolean().describe('true 质检通过；false 退回办结工会重新办理（须填原因，每次办结仅一次）'),
  reason: text(0, 500).optional(),
});
export const ticketCounts = z.object({
  mine: z.number().int(),
  union: z.number().int(),
  subtree: z.number().int(),
  overdue: z.number().int(),
  escalated: z.number().int(),
  callback: z.number().int(),
  quality: z.number().int(),
  waiting: z.number().int().describe('等我处理：指定我经办的在办工单，加本工会待受理的'),
});
export type TicketCounts = z.infer<typeof ticketCounts>;
export const ticketHandlers = z.object({
  items: z.array(ref).describe('当前办理工会在岗、可办理的工作人员（只读账号除外），转办给经办人时选择'),
  total: z.number().int(),
});
export const ticketHandlersQuery = z.strictObject({ ...paging });

export const revealTicketBody = z.strictObject({ reason: text(4, 200).describe('查看原因（记入审计日志）') });
export const ticketContact = z.object({ callerName: z.string(), callerPhone: z.string().nullable() });

export const timeLimitsQuery = z.strictObject({ orgId: idString('工会（默认本工会）').optional() });
export const timeLimit = z.object({
  category: z.enum(ticketCategories),
  difficulty: z.enum(ticketDifficulties),
  acceptDays: z.number().int(),
  finishDays: z.number().int(),
  maxExtensionDays: z.number().int(),
  returnDays: z.number().int(),
  source: z.enum(['own', 'inherited', 'default']).describe('本工会设置、沿用上级、默认（12345 标准）'),
  fromOrg: ref.nullable(),
});
export const timeLimits = z.object({ org: ref, limits: z.array(timeLimit).describe('8 类 × 3 种难易程度，共 24 项（不分页）') });
export const setTimeLimitBody = z.strictObject({
  orgId: z.number().int().positive(),
  category: z.enum(ticketCategories),
  difficulty: z.enum(ticketDifficulties),
  acceptDays: z.number().int().min(1).max(10),
  finishDays: z.number().int().min(1).max(60),
  maxExtensionDays: z.number().int().min(0).max(60),
  returnDays: z.number().int().min(1).max(10),
});
export type SetTimeLimitInput = z.infer<typeof setTimeLimitBody>;

export const rateTicketBody = z.strictObject({
  rating: z.number().int().min(1).max(5).describe('满意度 1–5（1–2 为不满意：工单由上一级工会重新办理，仅一次）'),
  comment: text(0, 500).optional(),
});

/** What a partner system (or the 12351 platform) pushes: a call, its caller a person on the ticket. */
export const integrationTicketBody = createTicketBody.omit({ callerMemberId: true });
export type IntegrationTicketInput = z.infer<typeof integrationTicketBody>;
export const integrationTicket = z.object({
  id: z.number().int(),
  state: z.enum(ticketStates),
  org: ref.describe('分派到的工会'),
  routeReason: z.string(),
  dueAt: z.string().nullable(),
  createdAt: z.string(),
});
export const integrationAccount = z.object({ id: z.number().int(), name: z.string(), org: ref, createdAt: z.string(), revokedAt: z.string().nullable() });
export const integrationAccountList = listOf(integrationAccount);
export const integrationAccountQuery = z.strictObject({ orgId: idString('工会（默认本工会）').optional(), ...paging });
export const createIntegrationAccountBody = z.strictObject({ orgId: z.number().int().positive(), name: text(2, 50).describe('对接系统名称，如 12351 省级平台') });
export const createdIntegrationAccount = integrationAccount.extend({ token: z.string().describe('访问令牌：只显示这一次，请妥善保存') });
