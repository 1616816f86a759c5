// Routes of rights work orders (维权工单): the worker's own (ask, list, detail), the staff queue and
// detail, the 12351 desk's entry, the steps, revealing the caller, and the time limits. Every write
// carries an Idempotency-Key; a ticket about an employer answers 404 to its own union's staff.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import {
  acceptTicketBody,
  assignTicketBody,
  closeTicketBody,
  createMyTicketBody,
  createIntegrationAccountBody,
  createTicketBody,
  createdIntegrationAccount,
  integrationAccount,
  integrationAccountList,
  integrationAccountQuery,
  integrationTicket,
  integrationTicketBody,
  decideExtensionBody,
  myTicket,
  myTicketList,
  myTicketQuery,
  pauseTicketBody,
  rateTicketBody,
  requestExtensionBody,
  resumeTicketBody,
  returnTicketBody,
  revealTicketBody,
  setTimeLimitBody,
  ticketContact,
  ticketDetail,
  ticketList,
  ticketQueueQuery,
  timeLimits,
  timeLimitsQuery,
} from '../../../contracts/tickets.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { presentedToken } from '../../http/session.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as tickets from './tickets.service.ts';
import { ticketAttachmentRoutes } from './attachments.routes.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;
const keyHeader = idempotencyKeyHeader('操作');

export async function ticketRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];
  // documents and photos, in a plugin of their own (the only ticket routes reading multipart forms)
  await app.register(ticketAttachmentRoutes);

  r.post('/api/me/tickets', {
    schema: {
      tags,
      summary: '职工提交维权求助（咨询、求助、投诉、申请法律援助；请求头 Idempotency-Key 必填）',
      description: '按工作单位或平台、工作地点分派到工会；未同意由单位工会办理时，单位工会看不到本工单。400 employer_required、work_place_required、ticket_contact_name_required。',
      headers: keyHeader,
      body: createMyTicketBody,
      response: { 201: myTicket, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await tickets.createMyTicket(memberContext(req), key, req.body));
    },
  });

  r.get('/api/me/tickets', {
    schema: { tags, summary: '我的维权求助', querystring: myTicketQuery, response: { 200: myTicketList, ...errorResponses(401, 403) } },
    handler: async (req) => tickets.listMyTickets(memberContext(req), req.query),
  });

  r.get('/api/me/tickets/:id', {
    schema: { tags, summary: '我的一件维权求助：办理工会、每一步、期限、结果', params: idParam, response: { 200: myTicket, ...errorResponses(401, 403, 404) } },
    handler: async (req) => tickets.getMyTicket(memberContext(req), req.params.id),
  });

  r.post('/api/me/tickets/:id/rating', {
    schema: {
      tags,
      summary: '评价已办结的维权求助（1–5 分，仅一次；1–2 分由上一级工会重新办理，仅一次；请求头 Idempotency-Key 必填）',
      description: '409 ticket_not_closed、ticket_already_rated。',
      params: idParam,
      headers: keyHeader,
      body: rateTicketBody,
      response: { 200: myTicket, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await tickets.rateMyTicket(memberContext(req), req.params.id, key, req.body), 200);
    },
  });

  r.post('/api/tickets', {
    schema: {
      tags,
      summary: '12351 热线登记来电工单（来电人为会员，或只登记姓名和手机号；请求头 Idempotency-Key 必填）',
      description: '分派到的工会须在管理范围内（否则 404）。400 ticket_caller_required、employer_required、work_place_required。',
      headers: keyHeader,
      body: createTicketBody,
      response: { 201: ticketDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      return sendIdempotent(reply as FastifyReply, await tickets.createTicket(ctx, idempotencyKeyOf(req), req.body));
    },
  });

  r.post('/api/integration/tickets', {
    schema: {
      tags,
      summary: '对接系统推送来电工单（Authorization: Bearer 对接令牌；请求头 Idempotency-Key 必填，重放返回同一工单）',
      description: '分派到的工会须在对接账号所属工会的范围内（否则 404）。401 integration_token_invalid；400 ticket_caller_required。',
      headers: keyHeader,
      body: integrationTicketBody,
      response: { 201: integrationTicket, ...errorResponses(401, 404, 409) },
    },
    handler: async (req, reply) => {
      const presented = presentedToken(req);
      const token = presented?.via === 'bearer' ? presented.token : undefined;
      return sendIdempotent(reply as FastifyReply, await tickets.createIntegrationTicket(req.server.deps, token, idempotencyKeyOf(req), req.body));
    },
  });

  r.get('/api/tickets/integrations', {
    schema: { tags, summary: '对接账号列表（本级及下级）', querystring: integrationAccountQuery, response: { 200: integrationAccountList, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.listIntegrationAccounts(staffContext(req, 'admin'), req.query),
  });

  r.post('/api/tickets/integrations', {
    schema: {
      tags,
      summary: '新建对接账号（管理员；令牌只显示一次；记入审计日志）',
      body: createIntegrationAccountBody,
      response: { 201: createdIntegrationAccount, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await tickets.createIntegrationAccount(staffContext(req, 'admin'), req.body);
      return (reply as FastifyReply).code(201).header('cache-control', 'no-store').send(out);
    },
  });

  r.post('/api/tickets/integrations/:id/revoke', {
    schema: { tags, summary: '停用对接账号（立即生效；管理员；记入审计日志）', params: idParam, response: { 200: integrationAccount, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.revokeIntegrationAccount(staffContext(req, 'admin'), req.params.id),
  });

  r.get('/api/tickets', {
    schema: { tags, summary: '维权工单队列：我经办的、本工会在办的、本级及下级、超期的', querystring: ticketQueueQuery, response: { 200: ticketList, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.listQueue(staffContext(req), req.query),
  });

  r.get('/api/tickets/time-limits', {
    schema: { tags, summary: '工单办理时限（按类别 × 难易程度；未设置的沿用上级或 12345 标准）', querystring: timeLimitsQuery, response: { 200: timeLimits, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.getTimeLimits(staffContext(req), req.query.orgId),
  });

  r.put('/api/tickets/time-limits', {
    schema: { tags, summary: '设置本工会（或下级）的工单办理时限（管理员；记入审计日志）', body: setTimeLimitBody, response: { 200: timeLimits, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.setTimeLimit(staffContext(req, 'admin'), req.body),
  });

  r.get('/api/tickets/:id', {
    schema: { tags, summary: '工单详情：每一级的时钟与期限、办理轨迹（来电人信息脱敏）', params: idParam, response: { 200: ticketDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => tickets.getTicket(staffContext(req), req.params.id),
  });

  r.post('/api/tickets/:id/reveal', {
    schema: {
      tags,
      summary: '查看来电人完整姓名和手机号（仅经办人；记入审计日志）',
      params: idParam,
      body: revealTicketBody,
      response: { 200: ticketContact, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await tickets.revealCaller(staffContext(req, ...WRITERS), req.params.id, req.body.reason);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });

  const step = <B extends z.ZodType>(path: string, summary: string, description: string, body: B, toInput: (b: z.infer<B>) => Parameters<typeof tickets.takeStep>[3]) =>
    r.post(path, {
      schema: { tags, summary: `${summary}（请求头 Idempotency-Key 必填）`, description, params: idParam, headers: keyHeader, body, response: { 200: ticketDetail, ...errorResponses(...staffErrors, 409) } },
      handler: async (req, reply) => {
        const ctx = staffContext(req, ...WRITERS);
        const { id } = req.params as { id: number };
        return sendIdempotent(reply as FastifyReply, await tickets.takeStep(ctx, id, idempotencyKeyOf(req), toInput(req.body as z.infer<B>)), 200);
      },
    });

  const holder = '仅当前办理工会（403 ticket_not_holder）。';
  step('/api/tickets/:id/accept', '受理工单', `${holder}可同时确定难易程度（重新计算期限）。`, acceptTicketBody, (b) => ({ action: 'accept', difficulty: b.difficulty }));
  step('/api/tickets/:id/assign', '转办：给下级工会，或指定本工会经办人', `${holder}409 ticket_assign_not_below、ticket_assign_employer_union、ticket_handler_invalid。`, assignTicketBody, (b) => ({ action: 'assign', ...b }));
  step('/api/tickets/:id/return', '退回上级（须在退回时限内，填写原因）', `${holder}409 ticket_return_too_late、ticket_cannot_return。`, returnTicketBody, (b) => ({ action: 'return', reason: b.reason }));
  step('/api/tickets/:id/pause', '挂起（时钟停止；填写原因）', holder, pauseTicketBody, (b) => ({ action: 'pause', reason: b.reason }));
  step('/api/tickets/:id/resume', '恢复办理（挂起的工作日顺延到期限）', holder, resumeTicketBody, () => ({ action: 'resume' }));
  step('/api/tickets/:id/extension', '申请延期（每级一次，须在期限内，不超过时限表的上限）', `${holder}409 ticket_extension_used、ticket_extension_too_late。`, requestExtensionBody, (b) => ({ action: 'extension_request', days: b.days, reason: b.reason }));
  step('/api/tickets/:id/extension/decide', '审批延期（上级工会的管理员或审核员）', '403 ticket_not_level_above；409 ticket_extension_not_requested。', decideExtensionBody, (b) => ({ action: 'extension_decide', approve: b.approve, reason: b.reason }));
  step('/api/tickets/:id/close', '办结：办理结果、追回金额（分）', `${holder}400 ticket_result_required。`, closeTicketBody, (b) => ({ action: 'close', result: b.result, recoveredFen: b.recoveredFen }));
}
