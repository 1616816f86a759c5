import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../../contracts/common.ts';
import { auditEntry, auditQuery } from '../../../contracts/audit.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { listAudit } from './audit.service.ts';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: '审计日志（本管理范围内的登录、失败登录与写操作）',
      querystring: auditQuery,
      response: { 200: listOf(auditEntry), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => listAudit(staffContext(req, 'admin'), req.query),
  });
}
