// The points ledger (积分): issue, redeem, expire, reverse; balances, history and totals.
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';
import { memberGroups } from './members.ts';

export const pointOperationKinds = ['issue', 'redeem', 'expire', 'reverse'] as const;
export type PointOperationKind = (typeof pointOperationKinds)[number];
export const pointOperationLabels: Record<PointOperationKind, string> = { issue: '发放', redeem: '兑换', expire: '过期', reverse: '撤销' };

const points = z.number().int().min(1).max(1_000_000);

export const issuePointsBody = z
  .strictObject({
    orgId: z.number().int().positive().describe('发放单位：积分从该单位的发放账户记出；接收的会员须在其下级组织中'),
    amount: points.describe('每人积分'),
    reason: text(2, 200).describe('发放事由，如“中秋节职工福利”'),
    memberIds: z.array(z.number().int().positive()).min(1).max(1000).optional().describe('指定会员（不超过 1000 人）；不填则发给该单位及下级组织的全部在册会员'),
    group: z.enum(memberGroups).optional().describe('只发给该群体的会员（与全部在册会员一起使用）'),
  })
  .describe('发放积分');
export type IssuePointsInput = z.infer<typeof issuePointsBody>;

export const expirePointsBody = z.strictObject({
  orgId: z.number().int().positive().describe('该单位及下级组织的会员'),
  issuedBefore: z.iso.date().describe('该日（北京时间零点）之前发放、至今未使用的积分过期：余额减到该日起发放的积分为止'),
  reason: text(2, 200).describe('过期事由'),
});
export type ExpirePointsInput = z.infer<typeof expirePointsBody>;

export const reversePointsBody = z.strictObject({ reason: text(2, 200).describe('撤销原因') });

export const redeemPointsBody = z.strictObject({
  amount: points.describe('兑换所用积分'),
  item: text(1, 100).describe('兑换的商品或服务'),
  merchant: text(1, 100).optional().describe('商户'),
});
export type RedeemPointsInput = z.infer<typeof redeemPointsBody>;

/** The answer to a write, rebuilt byte for byte on a retry with the same Idempotency-Key. */
export const pointOperation = z.object({
  id: z.number().int(),
  kind: z.enum(pointOperationKinds),
  orgId: z.number().int().describe('发放或过期的单位；兑换为会员所在工会'),
  amount: z.number().int().describe('涉及会员账户的积分合计（绝对值）'),
  memberCount: z.number().int().describe('涉及的会员人数'),
  reason: z.string(),
  reversesOperationId: z.number().int().nullable(),
  createdAt: z.string(),
  reversedByOperationId: z.number().int().nullable().optional().describe('已被撤销时：撤销操作的 ID（查询时给出）'),
});

export const pointTotalsQuery = z.strictObject({
  orgId: idString('统计该组织及其下级组织会员的积分；默认本管理范围').optional(),
});
export const pointTotals = z.object({
  orgId: z.number().int(),
  issued: z.number().int().describe('已发放（扣除撤销）'),
  redeemed: z.number().int().describe('已兑换'),
  expired: z.number().int().describe('已过期'),
  outstanding: z.number().int().describe('未使用余额 = 已发放 − 已兑换 − 已过期'),
  membersWithBalance: z.number().int(),
});

export const myPointEntry = z.object({
  operationId: z.number().int(),
  kind: z.enum(pointOperationKinds),
  kindLabel: z.string(),
  amount: z.number().int().describe('正数为收入，负数为支出'),
  reason: z.string(),
  createdAt: z.string(),
});
export const myPointsQuery = z.strictObject({ ...paging });
export const myPoints = listOf(myPointEntry).extend({ balance: z.number().int() });

/** 积分流水: the operations of a subtree, newest first. */
export const pointOperationFilters = {
  orgId: idString('该组织及其下级组织的操作；默认本管理范围').optional(),
  kind: z.enum(pointOperationKinds).optional().describe('操作类型'),
  from: z.iso.date().optional().describe('操作日期不早于（北京时间）'),
  to: z.iso.date().optional().describe('操作日期不晚于（北京时间）'),
};
export const pointOperationsQuery = z.strictObject({ ...paging, ...pointOperationFilters });
export const pointOperationsExportQuery = z.strictObject(pointOperationFilters);
export type PointOperationFilters = { orgId?: number | undefined; kind?: PointOperationKind | undefined; from?: string | undefined; to?: string | undefined };

export const pointOperationListItem = pointOperation.extend({
  orgName: z.string().describe('发放或过期的单位；兑换为会员所在工会'),
  actorName: z.string().describe('经办人（工作人员姓名）；会员兑换为“会员本人”'),
  reversedByOperationId: z.number().int().nullable().describe('已被撤销时：撤销操作的 ID'),
});
export const pointOperationList = listOf(pointOperationListItem);

/** One member's entry of an operation: no ID number, no phone. */
export const pointOperationEntry = z.object({
  memberId: z.number().int(),
  memberNo: z.string().nullable().describe('会员号'),
  name: z.string(),
  orgName: z.string().nullable().describe('会员现在所在工会；已转出本管理范围时为空'),
  amount: z.number().int().describe('正数为记入会员账户，负数为从会员账户记出'),
});
export const pointOperationEntriesQuery = z.strictObject({ ...paging });
export const pointOperationEntries = listOf(pointOperationEntry).describe('total 为该操作涉及的会员人数');
