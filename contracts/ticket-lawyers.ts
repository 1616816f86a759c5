// Legal-aid lawyers on tickets (法律援助律师办案): the holding union's staff assign a lawyer of the
// register who serves the union; the lawyer, signed in on the member site with the phone of the
// register, sees only the tickets assigned to them, records consultations, documents and hearings,
// and the outcome (调解, 仲裁, 诉讼; the amount recovered). See docs/design/rights.md.
import { z } from 'zod';
import { listOf, paging, text } from './common.ts';
import { lawyerView } from './legal.ts';
import { ticketCategories, ticketStates, ticketTypes } from './tickets.ts';

export const lawyerOutcomes = ['mediation', 'arbitration', 'litigation', 'none'] as const;
export type LawyerOutcome = (typeof lawyerOutcomes)[number];
export const lawyerOutcomeLabels: Record<LawyerOutcome, string> = { mediation: '调解', arbitration: '仲裁', litigation: '诉讼', none: '未进入程序' };

export const lawyerEntryKinds = ['consultation', 'document', 'hearing', 'note'] as const;
export type LawyerEntryKind = (typeof lawyerEntryKinds)[number];
export const lawyerEntryKindLabels: Record<LawyerEntryKind, string> = { consultation: '咨询', document: '文书', hearing: '庭审/调解会', note: '备注' };

const ref = z.object({ id: z.number().int(), name: z.string() });

// ── staff: candidates, assign, end ────────────────────────────────────────────────────────────

export const lawyerCandidatesQuery = z.strictObject({
  area: z.enum([...ticketCategories, 'all']).optional().describe('擅长领域（默认：工单的类别；all：全部领域）'),
  ...paging,
});
export const lawyerCandidates = z.object({
  area: z.enum([...ticketCategories, 'all']),
  items: z.array(lawyerView).describe('为办理工会（或其上级）提供服务的在册律师'),
  total: z.number().int(),
});

export const assignLawyerBody = z.strictObject({
  lawyerId: z.number().int().positive().describe('法律援助律师（须为办理工会提供服务且在册）'),
  note: text(0, 500).optional().describe('指派说明'),
});
export const endLawyerBody = z.strictObject({ reason: text(2, 500).describe('结束代理的原因') });

export const lawyerEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.enum(lawyerEntryKinds),
  text: z.string(),
  documentTitle: z.string().nullable(),
  createdAt: z.string(),
});

export const ticketLawyerAssignment = z.object({
  id: z.number().int(),
  lawyer: z.object({ id: z.number().int(), name: z.string(), firm: z.string(), phoneMasked: z.string() }),
  org: ref.describe('指派的工会'),
  assignedBy: z.string(),
  assignedAt: z.string(),
  note: z.string(),
  endedAt: z.string().nullable(),
  endReason: z.string().nullable(),
  outcome: z.enum(lawyerOutcomes).nullable(),
  recoveredFen: z.number().int().nullable(),
  outcomeNote: z.string().nullable(),
  closedAt: z.string().nullable().describe('记录办案结果的时间'),
  entries: z.array(lawyerEntry),
});
export type TicketLawyerAssignment = z.infer<typeof ticketLawyerAssignment>;

export const ticketLawyers = z.object({
  current: ticketLawyerAssignment.nullable().describe('正在代理的律师'),
  past: z.array(ticketLawyerAssignment).describe('已结束的代理'),
  canAssign: z.boolean().describe('当前办理工会的工作人员、工单未办结'),
});
export type TicketLawyers = z.infer<typeof ticketLawyers>;

// ── the lawyer (member site) ───────────────────────────────────────────────────────────────────

export const lawyerMe = z.object({
  lawyer: z.object({ name: z.string(), firm: z.string() }).nullable().describe('登录手机号对应的在册法律援助律师；不是律师为 null'),
});

export const lawyerTicketQuery = z.strictObject({ ...paging });
export const lawyerTicketSummary = z.object({
  id: z.number().int(),
  type: z.enum(ticketTypes),
  category: z.enum(ticketCategories),
  state: z.enum(ticketStates),
  org: ref.describe('办理工会'),
  callerName: z.string().describe('当事人（脱敏；详情中显示完整信息）'),
  employerName: z.string().nullable(),
  gigPlatform: z.string().nullable(),
  assignedAt: z.string(),
  outcome: z.enum(lawyerOutcomes).nullable(),
});
export const lawyerTicketList = listOf(lawyerTicketSummary);

export const lawyerTicketDetail = lawyerTicketSummary.extend({
  callerName: z.string().describe('当事人姓名（完整；每次查看记入审计日志）'),
  callerPhone: z.string().nullable().describe('当事人手机号（完整）'),
  description: z.string(),
  handlerName: z.string().nullable().describe('工会经办人'),
  assignmentNote: z.string(),
  recoveredFen: z.number().int().nullable(),
  outcomeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  entries: z.array(lawyerEntry),
});
export type LawyerTicketDetail = z.infer<typeof lawyerTicketDetail>;

export const lawyerEntryBody = z.strictObject({
  kind: z.enum(lawyerEntryKinds),
  text: text(2, 2000).describe('内容（加密保存）'),
  at: z.iso.datetime({ offset: true }).optional().describe('发生时间（默认现在；不能晚于现在）'),
  documentTitle: text(1, 100).optional().describe('文书名称，如 仲裁申请书'),
});
export type LawyerEntryInput = z.infer<typeof lawyerEntryBody>;

export const lawyerOutcomeBody = z.strictObject({
  outcome: z.enum(lawyerOutcomes),
  recoveredFen: z.number().int().min(0).max(100_000_000_000).describe('追回金额（分），没有为 0'),
  note: text(0, 1000).optional().describe('结果说明'),
});
export type LawyerOutcomeInput = z.infer<typeof lawyerOutcomeBody>;

/**
 * The answer of a write on a ticket's lawyer (assign, an entry, the outcome): ids only. The answer
 * is stored with its Idempotency-Key, and the case's text and the caller's contact are sealed at
 * rest — so they are read again from the detail, never kept in the store.
 */
export const ticketLawyerWrite = z.object({
  ticketId: z.number().int(),
  assignmentId: z.number().int(),
  entryId: z.number().int().nullable(),
});
export type TicketLawyerWrite = z.infer<typeof ticketLawyerWrite>;
