// Routes of the places figures (阵地数据): the figures of a subtree and period, and their xlsx report.
// Every staff role of the scope reads the figures; the report is for the export roles and audited.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { placeFigures, placeFiguresQuery } from '../../../contracts/place-figures.ts';
import { exportContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import { getPlaceFigures } from './figures.service.ts';
import { exportPlaceFigures } from './figures.xlsx.ts';

export async function placeFigureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/api/places/figures', {
    schema: {
      tags,
      summary: '阵地数据：阵地按类型和状态，到访（按月或按日、按渠道），预约与未到，问题报告与处理用时，托管，按下级工会',
      querystring: placeFiguresQuery,
      response: { 200: placeFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getPlaceFigures(staffContext(req), req.query),
  });

  r.get('/api/places/figures.xlsx', {
    schema: {
      tags,
      summary: '导出阵地数据（.xlsx：概览、按类型、到访、按下级工会；记入审计日志）',
      querystring: placeFiguresQuery,
      response: { 200: xlsxResponse('阵地数据报表'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await exportPlaceFigures(exportContext(req), req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });
}
