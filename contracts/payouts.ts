// Payouts, point to point (点对点发放): runs, maker-checker approval, payment files and the bank's
// return file, retries, the member's payouts and bank account.
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';

export const payoutChannels = ['points', 'bank', 'goods'] as const;
export type PayoutChannel = (typeof payoutChannels)[number];
export const payoutChannelLabels: Record<PayoutChannel, string> = { points: '积分', bank: '银行转账', goods: '实物' };

export const payoutStates = ['pending', 'approved', 'sent', 'confirmed', 'failed', 'returned'] as const;
export type PayoutState = (typeof payoutStates)[number];
export const payoutStateLabels: Record<PayoutState, string> = {
  pending: '待发放',
  approved: '已复核',
  sent: '已发出',
  confirmed: '已到账',
  failed: '发放失败',
  returned: '已退回',
};
/** What a member sees for goods: handed over and received, not "arrived". */
export const goodsStateLabels: Partial<Record<PayoutState, string>> = { sent: '待领取', confirmed: '已领取' };

const grouped = (digits: string) => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** An amount in its budget unit as people read it: 1234567 fen → "12,345.67 元", 500 → "500 积分", 2 → "2 件". */
export function formatAmount(amount: number, channel: PayoutChannel): string {
  if (channel === 'bank') {
    const [whole, cents] = (amount / 100).toFixed(2).split('.') as [string, string];
    return `${grouped(whole)}.${cents} 元`;
  }
  if (channel === 'points') return `${grouped(String(amount))} 积分`;
  return `${grouped(String(amount))} 件`;
}

/** A bank account number as typed: spaces allowed, 12–25 digits (Luhn checked on the server where it applies). */
export const bankAccountNumber = z
  .string()
  .max(40)
  .transform((s) => s.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[0-9]{12,25}$/, '银行账号应为 12–25 位数字'));

export const bankAccountBody = z.strictObject({
  bankName: text(2, 60).describe('开户行，如 中国工商银行化州支行'),
  accountNumber: bankAccountNumber.describe('收款账号（本人名下的银行卡或账户）'),
});
export type BankAccountInput = z.infer<typeof bankAccountBody>;

export const bankAccount = z.object({
  bankName: z.string(),
  accountMasked: z.string().describe('如 6222****0128'),
  updatedAt: z.string(),
});
export const myBankAccount = z.object({ account: bankAccount.nullable() });
export const revealBankAccountBody = z.strictObject({ reason: text(4, 200).describe('查看完整账号的事由（记入审计日志）') });
export const revealedBankAccount = z.object({ bankName: z.string(), accountNumber: z.string() });

export const runPayoutsResult = z.object({
  runId: z.number().int(),
  campaignId: z.number().int(),
  created: z.number().int().describe('本次新建的发放记录数（重复执行为 0）'),
  createdAmount: z.number().int().describe('本次新建发放的金额合计（预算单位：分/积分/件）'),
  credited: z.number().int().describe('积分渠道：已入账的笔数'),
  awaitingApproval: z.number().int().describe('超过复核金额、等待第二人复核的笔数'),
  createdAt: z.string(),
});

export const payoutAttempt = z.object({
  attemptNo: z.number().int(),
  reference: z.string().describe('业务参考号'),
  state: z.enum(['live', 'succeeded', 'failed', 'returned']),
  paymentFileId: z.number().int().nullable(),
  bankName: z.string().nullable(),
  accountMasked: z.string().nullable(),
  reason: z.string().nullable(),
  createdAt: z.string(),
  settledAt: z.string().nullable(),
});

export const payoutItem = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  applicationId: z.number().int(),
  memberId: z.number().int(),
  memberName: z.string(),
  memberNo: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  channel: z.enum(payoutChannels),
  amount: z.number().int(),
  amountText: z.string(),
  state: z.enum(payoutStates),
  stateLabel: z.string(),
  needsApproval: z.boolean(),
  madeBy: z.string(),
  madeById: z.number().int().describe('经办人账号 ID：复核人须是另一人'),
  approvedBy: z.string().nullable(),
  attempts: z.number().int(),
  reference: z.string().nullable().describe('当前（最近一次）尝试的业务参考号'),
  accountMasked: z.string().nullable().describe('银行渠道：最近一次尝试的收款账号，或会员登记的账号（脱敏）'),
  hasBankAccount: z.boolean(),
  lastReason: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type PayoutItem = z.infer<typeof payoutItem>;

export const payoutDetail = payoutItem.extend({ attemptList: z.array(payoutAttempt) });

export const payoutListQuery = z.strictObject({
  state: z.enum(payoutStates).optional(),
  q: text(1, 50).optional().describe('会员姓名、会员号或业务参考号'),
  ...paging,
});

export const payoutTotals = z.object({
  state: z.enum(payoutStates),
  count: z.number().int(),
  amount: z.number().int(),
});
export const payoutList = listOf(payoutItem).extend({
  totals: z.array(payoutTotals).describe('各状态的笔数与金额（本管理范围内）'),
  budget: z.object({
    unit: z.enum(['yuan', 'points', 'goods']),
    total: z.number().int(),
    reserved: z.number().int(),
    paid: z.number().int().describe('已生成发放的金额（不超过已预留）'),
  }),
  channel: z.enum(payoutChannels),
  secondApprovalAbove: z.number().int().nullable(),
  awardedWithoutPayout: z.number().int().describe('已公示无异议、尚未生成发放的申请数'),
  bankReady: z.number().int().describe('可写入下一个付款文件的笔数（已登记银行账号）'),
  bankMissingAccount: z.number().int().describe('待发放但会员尚未登记银行账号的笔数'),
});

export const approvePayoutsBody = z.strictObject({
  payoutIds: z.array(z.number().int().positive()).min(1).max(500).describe('待复核的发放记录（全部通过或全部不通过）'),
});
export const approvePayoutsResult = z.object({ approved: z.number().int(), credited: z.number().int() });

export const payoutResultBody = z.strictObject({
  outcome: z.enum(['confirmed', 'failed', 'returned']).describe('confirmed 已到账/已领取；failed 失败；returned 退回（退票）'),
  reason: text(2, 200).optional().describe('失败或退回的原因（必填）；到账可填备注'),
});

export const paymentFileBody = z.strictObject({
  payerName: text(2, 60).describe('付款户名，如 化州市总工会'),
  payerAccount: z.string().regex(/^[0-9]{8,32}$/, '付款账号应为 8–32 位数字').describe('付款账号'),
  payerBank: text(2, 60).describe('付款开户行'),
  purpose: text(2, 30).optional().describe('用途，默认为活动名称'),
  payoutIds: z.array(z.number().int().positive()).min(1).max(5000).optional().describe('只写入这些发放；默认全部可发放的'),
});

export const paymentFile = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  fileName: z.string(),
  payerName: z.string(),
  payerAccount: z.string(),
  payerBank: z.string(),
  purpose: z.string(),
  lineCount: z.number().int(),
  totalAmount: z.number().int().describe('分'),
  sha256: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  downloadedCount: z.number().int(),
  settledCount: z.number().int(),
  succeededCount: z.number().int().describe('银行回单登记为成功的笔数'),
  failedCount: z.number().int().describe('登记为失败或退票的笔数'),
  returnCount: z.number().int(),
});
export const paymentFileQuery = z.strictObject({ ...paging });
export const paymentFileList = listOf(paymentFile);

export const paymentReturnBody = z.strictObject({
  fileName: text(1, 200),
  fileBase64: z.string().min(4).max(1_040_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, '应为 base64').describe('银行回单文件（.xlsx，不超过 750 KB）的 base64'),
});
export const paymentReturnResult = z.object({
  paymentFileId: z.number().int(),
  lines: z.number().int(),
  confirmed: z.number().int(),
  failed: z.number().int(),
  returned: z.number().int(),
  unchanged: z.number().int().describe('与已记录结果相同的行（重复上传同一回单）'),
});

/** The columns of the payment file (付款文件) and of the bank's return file (回单). */
export const PAYMENT_FILE_HEADERS = ['序号', '付款账号', '付款户名', '付款开户行', '收款人', '收款账号', '开户行', '金额（元）', '用途', '业务参考号'] as const;
export const RETURN_FILE_HEADERS = ['业务参考号', '收款账号', '金额（元）', '处理结果', '失败原因'] as const;
export const RETURN_OUTCOMES = { 成功: 'confirmed', 失败: 'failed', 退票: 'returned' } as const;

export const myPayout = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  campaignTitle: z.string(),
  orgName: z.string().describe('发放单位'),
  channel: z.enum(payoutChannels),
  channelLabel: z.string(),
  amount: z.number().int(),
  amountText: z.string(),
  state: z.enum(payoutStates),
  stateLabel: z.string(),
  accountMasked: z.string().nullable(),
  reason: z.string().nullable().describe('失败或退回的原因'),
  canConfirm: z.boolean().describe('实物：可确认已领取'),
  needsBankAccount: z.boolean().describe('银行转账：尚未登记收款账号'),
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
});
export const myPayoutsQuery = z.strictObject({ ...paging });
export const myPayouts = listOf(myPayout);

export const campaignIdParam = z.strictObject({ id: idString('活动（campaign）ID') });
