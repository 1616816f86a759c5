// What the member site needs to know about the demo: whether this server is one (the log-in page
// then says how to get in), a few demo members to log in as, and the code just "sent" to a phone —
// the demo sends no SMS; its codes wait in the outbox. A production server answers `demo: false`
// and nothing else, and has no code to give.
import { z } from 'zod';
import { mobilePhone } from './members.ts';

export const demoMemberSchema = z.object({
  phone: z.string().describe('演示会员的手机号（演示号段 140，不属于真实用户）'),
  name: z.string().describe('姓名（已脱敏）'),
  orgName: z.string().describe('所在工会'),
});
export type DemoMember = z.infer<typeof demoMemberSchema>;

export const demoInfoResponse = z.object({
  demo: z.boolean().describe('是否为演示环境；正式环境为 false'),
  members: z.array(demoMemberSchema).describe('可直接登录的演示会员；正式环境为空'),
});
export type DemoInfo = z.infer<typeof demoInfoResponse>;

export const demoLoginCodeQuery = z.strictObject({ phone: mobilePhone });
export const demoLoginCodeResponse = z.object({
  code: z.string().describe('刚发送到该手机号的 6 位登录验证码'),
  sentAt: z.string(),
});
