import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../../contracts/common.ts';
import { notice, outboxQuery } from '../../../contracts/notices.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { listNotices } from './notices.service.ts';

export async function noticeRoutes(app: FastifyInstance): Promise<void> {
  app.withTypeProvider<ZodTypeProvider>().get('/api/outbox', {
    schema: {
      tags: ['notices'],
      summary: '通知发件箱（短信、微信），最新在前',
      description: '单位管理员查看本管理范围的通知；to 按完整手机号筛选。',
      querystring: outboxQuery,
      response: { 200: listOf(notice), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => listNotices(staffContext(req, 'admin'), req.query),
  });
}
