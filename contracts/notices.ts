// Notices to people, as staff admins read them in the outbox.
import { z } from 'zod';
import { paging } from './common.ts';
import { mobilePhone } from './members.ts';

/**
 * What each kind of notice is called in the outbox. The functions that queue a notice take a
 * `NoticeKind`, so a kind without a name here does not compile; the kinds written in SQL are read
 * from the sources by server/modules/notices/notice-kinds.test.ts.
 */
export const noticeKindLabels = {
  login_code: '登录验证码',
  join_submitted: '入会申请已提交',
  join_approved: '入会成功通知',
  join_rejected: '入会未通过通知',
  member_status: '会员状态变更通知',
  transfer: '会员关系转接通知',
  phone_changed: '会员手机号变更通知',
  points_issued: '积分到账通知',
  activity_signup: '活动报名结果通知',
  activity_signup_cancelled: '取消报名通知',
  activity_promoted: '候补递补成功通知',
  activity_draw: '活动抽签结果通知',
  activity_cancelled: '活动取消通知',
  payout: '帮扶发放通知',
  campaign_applied: '帮扶申请已提交',
  campaign_resubmitted: '帮扶申请重新提交',
  campaign_review_approve: '帮扶审核通过通知',
  campaign_review_return: '帮扶申请退回补充通知',
  campaign_review_reject: '帮扶审核未通过通知',
  campaign_drawn: '帮扶抽签中签通知',
  campaign_not_drawn: '帮扶抽签未中签通知',
  campaign_in_notice: '帮扶进入公示通知',
  campaign_disqualified: '异议成立、取消资助通知',
  campaign_awarded: '确定资助通知',
  campaign_cancelled: '帮扶活动取消通知',
  ticket_progress: '维权工单进度通知',
  ticket_closed: '维权工单办结评价通知',
  ticket_lawyer: '法律援助律师指派通知',
  place_problem_resolved: '阵地问题处理结果通知',
  place_booking: '场所预约通知',
  childcare_allocation: '托管录取结果通知',
  place_problem_overdue: '阵地问题超期提醒',
  course_completed: '培训结业、技能记入通知',
} as const satisfies Record<string, string>;

export type NoticeKind = keyof typeof noticeKindLabels;

/** The name of a kind as the outbox shows it (a kind from before a rename: 其他通知). */
export function noticeKindLabel(kind: string): string {
  return (noticeKindLabels as Record<string, string>)[kind] ?? '其他通知';
}

export const notice = z.object({
  id: z.number().int(),
  channel: z.enum(['sms', 'wechat']),
  to: z.string().describe('收件人（脱敏）'),
  body: z.string().describe('内容；演示模式下可读（含验证码），生产环境隐去验证码'),
  kind: z.string().describe('通知类型（见 noticeKindLabels）'),
  status: z.string().describe('pending 待发送 · sent 已发送 · failed 发送失败'),
  createdAt: z.string(),
});
export type Notice = z.infer<typeof notice>;

export const outboxQuery = z.strictObject({ ...paging, to: mobilePhone.optional().describe('完整手机号') });
