// The members' 24-month series of a subtree (一屏总览's growth line): every staff role of the scope.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { memberSeries, memberSeriesQuery } from '../../../contracts/member-figures.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { getMemberSeries } from './series.service.ts';

export async function memberSeriesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/dashboard/series', {
    schema: {
      tags: ['dashboard'],
      summary: '会员 24 个月走势：各月末会员数、入会、退会、转入、转出（本下级范围）',
      querystring: memberSeriesQuery,
      response: { 200: memberSeries, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getMemberSeries(staffContext(req), req.query),
  });
}
