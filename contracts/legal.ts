// Legal aid and labour-law supervision registers (法律援助律师, 工会劳动法律监督员): each entry kept by a
// union, managed by the staff of that union's subtree. A lawyer's phone is personal data: sealed at
// rest, shown masked, revealed only with a reason (audited). The PDF letter preview of a supervisor.
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';
import { ticketCategories, ticketCategoryLabels, type TicketCategory } from './tickets.ts';

/**
 * What a lawyer takes on: the categories of a rights request (维权工单), one code list with the
 * tickets' (a ticket's category picks the lawyers serving it).
 */
export const legalAreas = ticketCategories;
export type LegalArea = TicketCategory;
export const legalAreaLabels: Record<LegalArea, string> = ticketCategoryLabels;

/** Roles that add and edit entries; every staff role of the scope reads them. */
export const LEGAL_WRITE_ROLES = ['admin', 'clerk'] as const;
/** Roles that may reveal a lawyer's full phone number (with a reason, audited). */
export const LEGAL_REVEAL_ROLES = ['admin', 'reviewer', 'clerk'] as const;

const date = z.iso.date();
const orgRef = z.object({ id: z.number().int(), name: z.string() });
const activeFilter = z.enum(['active', 'inactive', 'all']).default('active').describe('在册（默认）、已停用或全部');

export const lawyerPhone = z
  .string()
  .trim()
  .regex(/^1[3-9][0-9]{9}$/, '请输入 11 位手机号码')
  .describe('手机号（加密保存，显示时脱敏）');
export const licenceNo = z.string().trim().regex(/^[0-9]{17}$/, '律师执业证号为 17 位数字').describe('律师执业证号（17 位数字）');

const lawyerFields = {
  orgId: z.number().int().positive().describe('登记单位：该工会及其上级工会的工作人员可管理'),
  name: text(2, 30).describe('姓名'),
  firm: text(2, 100).describe('律师事务所'),
  licenceNo,
  areas: z.array(z.enum(legalAreas)).min(1).max(legalAreas.length).describe('擅长领域（可多选）'),
  servedOrgIds: z.array(z.number().int().positive()).max(50).describe('服务的工会（登记单位本身或其下级工会）'),
  phone: lawyerPhone,
  note: text(0, 200).optional().describe('备注'),
};

export const createLawyerBody = z.strictObject(lawyerFields).describe('登记法律援助律师');
export type CreateLawyerInput = z.infer<typeof createLawyerBody>;

export const updateLawyerBody = z
  .strictObject({
    name: lawyerFields.name.optional(),
    firm: lawyerFields.firm.optional(),
    licenceNo: licenceNo.optional(),
    areas: lawyerFields.areas.optional(),
    servedOrgIds: lawyerFields.servedOrgIds.optional().describe('服务的工会（整体替换）'),
    phone: lawyerPhone.optional(),
    note: text(0, 200).nullable().optional(),
    active: z.boolean().optional().describe('false：停用（不再接受指派）；true：恢复'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' })
  .describe('修改或停用法律援助律师');
export type UpdateLawyerInput = z.infer<typeof updateLawyerBody>;

export const lawyerListQuery = z.strictObject({
  orgId: idString('登记单位（含下级）').optional(),
  q: text(1, 30).optional().describe('姓名、律师事务所或执业证号'),
  area: z.enum(legalAreas).optional(),
  status: activeFilter,
  ...paging,
});
export type LawyerListQuery = z.infer<typeof lawyerListQuery>;

export const lawyerView = z.object({
  id: z.number().int(),
  org: orgRef.describe('登记单位'),
  name: z.string(),
  firm: z.string(),
  licenceNo: z.string(),
  areas: z.array(z.enum(legalAreas)),
  servedUnions: z.array(orgRef),
  phoneMasked: z.string().describe('脱敏手机号'),
  note: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LawyerView = z.infer<typeof lawyerView>;
export const lawyerList = listOf(lawyerView);

export const revealLawyerBody = z.strictObject({ reason: text(4, 200).describe('查看原因（记入审计日志）') });
export const revealedLawyerPhone = z.object({ phone: z.string() });

const supervisorFields = {
  orgId: z.number().int().positive().describe('所属工会'),
  name: text(2, 30).describe('姓名'),
  certificateNo: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{4,32}$/, '证书编号为 4–32 位字母、数字或 -')
    .describe('《工会劳动法律监督员证》编号'),
  trainedOn: date.describe('培训日期'),
  validUntil: date.describe('证书有效期至'),
  workplace: text(0, 100).optional().describe('工作单位或职务'),
};

export const createSupervisorBody = z.strictObject(supervisorFields).describe('登记工会劳动法律监督员');
export type CreateSupervisorInput = z.infer<typeof createSupervisorBody>;

export const updateSupervisorBody = z
  .strictObject({
    name: supervisorFields.name.optional(),
    certificateNo: supervisorFields.certificateNo.optional(),
    trainedOn: date.optional(),
    validUntil: date.optional(),
    workplace: text(0, 100).nullable().optional(),
    active: z.boolean().optional().describe('false：停用；true：恢复'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' })
  .describe('修改或停用劳动法律监督员');
export type UpdateSupervisorInput = z.infer<typeof updateSupervisorBody>;

export const supervisorListQuery = z.strictObject({
  orgId: idString('所属工会（含下级）').optional(),
  q: text(1, 30).optional().describe('姓名或证书编号'),
  status: activeFilter,
  ...paging,
});
export type SupervisorListQuery = z.infer<typeof supervisorListQuery>;

export const supervisorView = z.object({
  id: z.number().int(),
  org: orgRef.describe('所属工会'),
  name: z.string(),
  certificateNo: z.string(),
  trainedOn: z.string(),
  validUntil: z.string(),
  /** the certificate is still valid today (Beijing) */
  certificateValid: z.boolean(),
  workplace: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SupervisorView = z.infer<typeof supervisorView>;
export const supervisorList = listOf(supervisorView);

/** A sample 提示函 of a supervisor's union to an employer, as a PDF (no number is taken). */
export const letterPreviewQuery = z.strictObject({
  employer: text(2, 100).optional().describe('用人单位名称（必填；缺少时 400 letter_employer_required）'),
  matter: text(0, 300).optional().describe('发现的问题（不填则用示例文字）'),
});
