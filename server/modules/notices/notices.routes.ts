import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listOf, paging } from '../../../contracts/common.ts';
import { mobilePhone } from '../../../contracts/members.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { listNotices } from './notices.service.ts';

const notice = z.object({
  id: z.number().int(),
  channel: z.enum(['sms', 'wechat']),
  to: z.string().describe('收件人（脱敏）'),
  body: z.string().describe('内容；演示模式下可读（含验证码），生产环境隐去验证码'),
  kind: z.string(),
  status: z.string(),
  createdAt: z.string(),
});

export async function noticeRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/outbox', {
    schema: {
      tags: ['notices'],
      summary: '通知发件箱（短信、微信），最新在前',
      description: '单位管理员查看本管理范围的通知；to 按完整手机号筛选。',
      querystring: z.strictObject({ ...paging, to: mobilePhone.optional() }),
      response: { 200: listOf(notice), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => listNotices(staffContext(req, 'admin'), req.query),
  });
}
