// Routes of the rights figures (维权统计): the figures of a subtree and period, and their xlsx report.
// Every staff role of the scope reads the figures; the report is for the export roles and audited.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ticketFigures, ticketFiguresQuery } from '../../../contracts/ticket-figures.ts';
import { exportContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import * as figures from './tickets.figures.ts';

export async function ticketFigureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  r.get('/api/tickets/figures', {
    schema: {
      tags,
      summary: '维权统计：期间登记的工单按渠道、类别、状态，按级按期办结率，满意度，追回金额，当前超期',
      description: '单位工会（及其下级）的工作人员不计入针对本单位、未经职工同意的工单。',
      querystring: ticketFiguresQuery,
      response: { 200: ticketFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => figures.getTicketFigures(staffContext(req), req.query),
  });

  r.get('/api/tickets/figures.xlsx', {
    schema: {
      tags,
      summary: '导出维权统计（.xlsx：概览、按渠道、按类别、按下级工会；记入审计日志）',
      querystring: ticketFiguresQuery,
      response: { 200: xlsxResponse('维权统计报表'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await figures.exportTicketFigures(exportContext(req), req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });
}
