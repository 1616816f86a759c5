import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../../contracts/common.ts';
import { auditEntry, auditQuery } from '../../../contracts/audit.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { findAuditEntries } from './audit.repo.ts';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: '审计日志（本管理范围内的登录、失败登录与写操作）',
      querystring: auditQuery,
      response: { 200: listOf(auditEntry), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => {
      const ctx = staffContext(req, 'admin');
      const { items, total } = await findAuditEntries(ctx.db, ctx.scope, {
        action: req.query.action,
        actorName: req.query.actorName,
        limit: req.query.pageSize,
        offset: (req.query.page - 1) * req.query.pageSize,
      });
      return { items: items.map((e) => ({ ...e, at: new Date(e.at).toISOString() })), total };
    },
  });
}
