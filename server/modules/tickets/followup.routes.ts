// Routes after closing (回访, 质检), the queue's tab counts and the handlers a ticket may be given to. Both writes carry an
// Idempotency-Key; a ticket about an employer answers 404 to its own union's staff.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import { callbackTicketBody, qualityCheckTicketBody, ticketCounts, ticketDetail, ticketHandlers, ticketHandlersQuery } from '../../../contracts/tickets.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as tickets from './tickets.service.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;
const keyHeader = idempotencyKeyHeader('操作');

export async function ticketFollowupRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  r.get('/api/tickets/counts', {
    schema: { tags, summary: '维权工单队列各页签的件数（我的、本工会、下级、超期、督办、待回访、待质检、等我处理）', response: { 200: ticketCounts, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.countTicketViews(staffContext(req)),
  });

  r.get('/api/tickets/:id/handlers', {
    schema: { tags, summary: '可指定为经办人的工作人员（当前办理工会在岗的，只读账号除外）', params: idParam, querystring: ticketHandlersQuery, response: { 200: ticketHandlers, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.listTicketHandlers(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/tickets/:id/callback', {
    schema: {
      tags,
      summary: '记录电话回访（办结工会的工作人员；每次办结一次；请求头 Idempotency-Key 必填）',
      description: '403 ticket_not_holder；409 ticket_followup_not_closed、ticket_callback_done；400 ticket_callback_unreached_rating。',
      params: idParam,
      headers: keyHeader,
      body: callbackTicketBody,
      response: { 200: ticketDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) =>
      sendIdempotent(reply as FastifyReply, await tickets.recordCallback(staffContext(req, ...WRITERS), req.params.id, idempotencyKeyOf(req), req.body), 200),
  });

  r.post('/api/tickets/:id/quality', {
    schema: {
      tags,
      summary: '质检：通过，或退回办结工会重新办理（上级工会的管理员或审核员，非办结人；每次办结一次；请求头 Idempotency-Key 必填）',
      description: '403 ticket_quality_not_above；409 ticket_followup_not_closed、ticket_quality_same_person、ticket_quality_done；400 ticket_quality_reason_required。',
      params: idParam,
      headers: keyHeader,
      body: qualityCheckTicketBody,
      response: { 200: ticketDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) =>
      sendIdempotent(reply as FastifyReply, await tickets.checkQuality(staffContext(req, 'admin', 'reviewer'), req.params.id, idempotencyKeyOf(req), req.body), 200),
  });
}
