// Routes of legal-aid lawyers on tickets: the holding union's staff list the lawyers who may take a
// ticket, assign one and end the assignment; the lawyer (signed in on the member site with the
// phone of the register) lists the tickets assigned to them, opens one (the caller's contact,
// audited), records entries and the outcome. Writes carry an Idempotency-Key.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import {
  assignLawyerBody,
  endLawyerBody,
  lawyerCandidates,
  lawyerCandidatesQuery,
  lawyerEntryBody,
  lawyerMe,
  lawyerOutcomeBody,
  lawyerTicketDetail,
  lawyerTicketList,
  lawyerTicketQuery,
  ticketLawyers,
  ticketLawyerWrite,
} from '../../../contracts/ticket-lawyers.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as lawyers from './tickets.lawyers.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;
const keyHeader = idempotencyKeyHeader('操作');

export async function ticketLawyerRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];

  r.get('/api/tickets/:id/lawyers', {
    schema: { tags, summary: '工单的法律援助律师：正在代理的、已结束的，及其办案记录', params: idParam, response: { 200: ticketLawyers, ...errorResponses(...staffErrors) } },
    handler: async (req) => lawyers.getTicketLawyers(staffContext(req), req.params.id),
  });

  r.get('/api/tickets/:id/lawyer-candidates', {
    schema: {
      tags,
      summary: '可指派的律师：在册、为办理工会（或其上级）提供服务，默认按工单类别筛选',
      params: idParam,
      querystring: lawyerCandidatesQuery,
      response: { 200: lawyerCandidates, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => lawyers.listLawyerCandidates(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/tickets/:id/lawyer', {
    schema: {
      tags,
      summary: '指派法律援助律师（仅当前办理工会；改派时结束原律师的代理；请求头 Idempotency-Key 必填）',
      description: '403 ticket_not_holder；409 ticket_state_invalid（已办结）、lawyer_inactive、lawyer_not_serving、ticket_lawyer_same。通知在手机端提交求助的职工。',
      params: idParam,
      headers: keyHeader,
      body: assignLawyerBody,
      response: { 201: ticketLawyerWrite, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      return sendIdempotent(reply as FastifyReply, await lawyers.assignLawyer(ctx, req.params.id, idempotencyKeyOf(req), req.body));
    },
  });

  r.post('/api/tickets/:id/lawyer/end', {
    schema: {
      tags,
      summary: '结束律师代理（律师不再看到本工单；填写原因）',
      description: '403 ticket_not_holder；409 ticket_lawyer_none。',
      params: idParam,
      body: endLawyerBody,
      response: { 200: ticketLawyers, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => lawyers.endLawyer(staffContext(req, ...WRITERS), req.params.id, req.body.reason),
  });

  r.get('/api/lawyer/me', {
    schema: { tags, summary: '登录手机号是否为在册的法律援助律师', response: { 200: lawyerMe, ...errorResponses(401, 403) } },
    handler: async (req) => lawyers.getLawyerMe(memberContext(req)),
  });

  r.get('/api/lawyer/tickets', {
    schema: { tags, summary: '我代理的案件（仅指派给我且未结束代理的工单）', description: '403 lawyer_only。', querystring: lawyerTicketQuery, response: { 200: lawyerTicketList, ...errorResponses(401, 403) } },
    handler: async (req) => lawyers.listLawyerTickets(memberContext(req), req.query),
  });

  r.get('/api/lawyer/tickets/:id', {
    schema: {
      tags,
      summary: '我代理的一件案件：当事人姓名和手机号（每次查看记入审计日志）、案情、办案记录',
      description: '403 lawyer_only；不是指派给我的或代理已结束：404。',
      params: idParam,
      response: { 200: lawyerTicketDetail, ...errorResponses(401, 403, 404) },
    },
    handler: async (req, reply) => {
      const out = await lawyers.getLawyerTicket(memberContext(req), req.params.id);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });

  r.post('/api/lawyer/tickets/:id/entries', {
    schema: {
      tags,
      summary: '记录办案情况：咨询、文书、庭审/调解会、备注（内容加密保存；请求头 Idempotency-Key 必填）',
      description: '403 lawyer_only；404；400 lawyer_entry_in_future。',
      params: idParam,
      headers: keyHeader,
      body: lawyerEntryBody,
      response: { 201: ticketLawyerWrite, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await lawyers.addLawyerEntry(memberContext(req), req.params.id, idempotencyKeyOf(req), req.body)),
  });

  r.post('/api/lawyer/tickets/:id/outcome', {
    schema: {
      tags,
      summary: '记录办案结果：调解、仲裁、诉讼或未进入程序，追回金额（分）（请求头 Idempotency-Key 必填）',
      description: '403 lawyer_only；404。再次记录覆盖上一次的结果。',
      params: idParam,
      headers: keyHeader,
      body: lawyerOutcomeBody,
      response: { 200: ticketLawyerWrite, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await lawyers.setLawyerOutcome(memberContext(req), req.params.id, idempotencyKeyOf(req), req.body), 200),
  });
}
