// 工作台: GET /api/workbench — what waits in the caller's subtree.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { workbench } from '../../../contracts/workbench.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { getWorkbench } from './workbench.service.ts';

export async function workbenchRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/workbench', {
    schema: {
      tags: ['workbench'],
      summary: '工作台：本单位及下级组织待办（入会审核、转入确认、帮扶申请待审核及超期、发放待复核、公示异议）',
      response: { 200: workbench, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getWorkbench(staffContext(req)),
  });
}
