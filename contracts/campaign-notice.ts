// Aid campaigns: the lottery, the public notice (公示) and its objections. Re-exported by
// contracts/campaigns.ts, where the routes are listed.
import { z } from 'zod';
import { listOf, paging, text } from './common.ts';
import { budgetUnits, objectionStatuses } from './campaign-terms.ts';

export const drawResponse = z.object({
  campaignId: z.number().int(),
  algorithm: z.string().describe('算法说明：可据此复算'),
  label: z.string(),
  seedCommitment: z.string(),
  seed: z.string().nullable().describe('抽签后公布的种子（十六进制）'),
  places: z.number().int().describe('抽签时剩余的名额'),
  entryIds: z.array(z.number().int()).describe('参加抽签的申请 ID，升序'),
  winners: z.array(z.number().int()).describe('中签的申请 ID（按抽签顺序）'),
  drawnAt: z.string().nullable(),
});

export const noticeStartResponse = z.object({
  campaignId: z.number().int(),
  applications: z.number().int().describe('本次进入公示的申请数'),
  reserved: z.number().int().describe('本次占用的预算'),
  budgetReserved: z.number().int(),
  budgetTotal: z.number().int(),
  noticeEndsAt: z.string(),
});

export const noticeEntry = z.object({
  applicationId: z.number().int(),
  name: z.string().describe('姓名（脱敏，如 张*三）'),
  orgName: z.string(),
  awardAmount: z.number().int(),
  status: z.enum(['in_notice', 'awarded', 'disqualified']),
  statusLabel: z.string(),
  noticeEndsAt: z.string(),
  openObjections: z.number().int().nullable().describe('工作人员：待处理的异议数；会员为 null'),
  myObjection: z.enum(objectionStatuses).nullable().describe('会员：本人对该条提出的异议'),
});
export const noticeQuery = z.strictObject({ ...paging });
export const noticeResponse = z.object({
  campaignId: z.number().int(),
  title: z.string(),
  budgetUnit: z.enum(budgetUnits),
  noticeStartedAt: z.string().nullable(),
  items: z.array(noticeEntry).describe('本页的公示条目（按进入公示的先后）'),
  total: z.number().int().describe('公示名单的总条数'),
});

export const objectionBody = z.strictObject({ reason: text(5, 500).describe('异议理由（实名提出，工作人员核实；对外不公开提出人）') });
export const objectionSchema = z.object({
  id: z.number().int(),
  applicationId: z.number().int(),
  campaignId: z.number().int(),
  status: z.enum(objectionStatuses),
  statusLabel: z.string(),
  reason: z.string(),
  resolution: z.string().nullable(),
  lodgedAt: z.string(),
  resolvedAt: z.string().nullable(),
  /** staff only: who lodged it (masked) */
  lodgedBy: z.string().nullable(),
});
export const objectionQuery = z.strictObject({ ...paging, status: z.enum([...objectionStatuses, 'all']).default('open') });
export const objectionList = listOf(objectionSchema);

export const resolveObjectionBody = z.strictObject({
  outcome: z.enum(['upheld', 'dismissed']).describe('upheld 异议成立（取消资格，释放预算）· dismissed 异议不成立'),
  reason: text(2, 500).describe('处理意见'),
});

/** Start the notice (公示) for the campaign's approved applications, or only for those named. */
export const noticeBody = z
  .strictObject({
    applicationIds: z.array(z.number().int().positive()).min(1).max(10000).optional().describe('只公示这些审核通过的申请；不填为全部审核通过（或中签）的申请'),
  })
  .optional()
  .describe('可不填请求体（或 {}）');
