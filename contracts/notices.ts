// Notices to people, as staff admins read them in the outbox.
import { z } from 'zod';
import { paging } from './common.ts';
import { mobilePhone } from './members.ts';

export const noticeKindLabels: Record<string, string> = {
  login_code: '登录验证码',
  join_submitted: '入会申请已提交',
  join_approved: '入会成功',
  join_rejected: '入会未通过',
  member_status: '会员状态变更',
  transfer: '会员关系转接',
};

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
