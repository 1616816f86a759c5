// Routes of labour-law supervision cases (劳动法律监督案件, 一函两书): every staff role of the scope
// reads; admins and clerks open cases and act on them (opening and issuing a letter carry an
// Idempotency-Key); admins set the reply rule. A letter's PDF is served inline as stored.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import {
  SUPERVISION_WRITE_ROLES,
  addTicketsBody,
  caseDetail,
  caseList,
  caseListQuery,
  closeCaseBody,
  createCaseBody,
  createdCase,
  deliveryBody,
  escalateBody,
  escalatedCase,
  figuresQuery,
  issueLetterBody,
  issuedLetter,
  letterParams,
  putRuleBody,
  replyBody,
  ruleQuery,
  ruleView,
  supervisionFigures,
  updateCaseBody,
} from '../../../contracts/supervision.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as supervision from './supervision.service.ts';

const replayNote = '409 idempotency_key_reused（同一个值用于不同的请求）；重试（同一个 Idempotency-Key 与相同内容）得到与第一次完全相同的回答，并带 Idempotent-Replayed: true。';

export async function supervisionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['supervision'];
  const write = (req: Parameters<typeof staffContext>[0]) => staffContext(req, ...SUPERVISION_WRITE_ROLES);

  r.get('/api/supervision/cases', {
    schema: { tags, summary: '劳动法律监督案件（办案工会在管理范围内；按状态、文书级别、用人单位、逾期筛选）', querystring: caseListQuery, response: { 200: caseList, ...errorResponses(...staffErrors) } },
    handler: async (req) => supervision.listCases(staffContext(req), req.query),
  });

  r.post('/api/supervision/cases', {
    schema: {
      tags,
      summary: '新建劳动法律监督案件（可由同一用人单位的多张维权工单发起）',
      description: `仅单位管理员和经办人。400 supervision_employer_required、supervision_supervisor_invalid；404 工单不在范围内；409 supervision_ticket_other_employer、${replayNote}`,
      headers: idempotencyKeyHeader('新建案件'),
      body: createCaseBody,
      response: { 201: createdCase, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await supervision.createCase(write(req), req.body, idempotencyKeyOf(req))),
  });

  r.get('/api/supervision/cases/:id', {
    schema: { tags, summary: '案件详情：事实、监督员、关联工单、各级文书及答复期限、下一步', params: idParam, response: { 200: caseDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => supervision.getCase(staffContext(req), req.params.id),
  });

  r.patch('/api/supervision/cases/:id', {
    schema: {
      tags,
      summary: '补充或修改案件事实（如用人单位地址）',
      description: '仅单位管理员和经办人。409 supervision_case_closed。',
      params: idParam,
      body: updateCaseBody,
      response: { 200: caseDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => supervision.updateCase(write(req), req.params.id, req.body),
  });

  r.post('/api/supervision/cases/:id/tickets', {
    schema: {
      tags,
      summary: '关联同一用人单位的维权工单',
      description: '仅单位管理员和经办人。404 工单不在范围内；409 supervision_case_closed、supervision_ticket_other_employer。',
      params: idParam,
      body: addTicketsBody,
      response: { 200: caseDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => supervision.addTickets(write(req), req.params.id, req.body.ticketIds),
  });

  r.post('/api/supervision/cases/:id/letters', {
    schema: {
      tags,
      summary: '发出下一级文书（提示函、意见书、建议书、移送函）：编号、生成 PDF 并保存',
      description: `仅单位管理员和经办人。409 supervision_wrong_rung、supervision_too_early（附答复期限）、supervision_referral_level、supervision_employer_no_address、supervision_case_closed、${replayNote}`,
      params: idParam,
      headers: idempotencyKeyHeader('发函'),
      body: issueLetterBody,
      response: { 201: issuedLetter, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await supervision.issueLetter(write(req), req.params.id, req.body, idempotencyKeyOf(req))),
  });

  r.get('/api/supervision/cases/:id/letters/:letterId/pdf', {
    schema: {
      tags,
      summary: '文书 PDF（发出时保存的原件）',
      params: letterParams,
      response: {
        200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } },
        ...errorResponses(...staffErrors),
      },
    },
    handler: async (req, reply) => {
      const out = await supervision.getLetterPdf(staffContext(req), req.params.id, req.params.letterId);
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="letter-${req.params.letterId}.pdf"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(out.pdf);
    },
  });

  r.post('/api/supervision/cases/:id/letters/:letterId/delivery', {
    schema: {
      tags,
      summary: '记录送达（方式、日期、签收人）；答复期限自送达日起算',
      description: '仅单位管理员和经办人。400 supervision_delivery_date_invalid；409 supervision_already_delivered、supervision_letter_superseded、supervision_case_closed。',
      params: letterParams,
      body: deliveryBody,
      response: { 200: caseDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => supervision.recordDelivery(write(req), req.params.id, req.params.letterId, req.body),
  });

  r.post('/api/supervision/cases/:id/letters/:letterId/reply', {
    schema: {
      tags,
      summary: '记录书面答复（日期、摘要、整改情况）',
      description: '仅单位管理员和经办人。400 supervision_reply_date_invalid；409 supervision_not_delivered、supervision_already_replied、supervision_letter_superseded、supervision_case_closed。',
      params: letterParams,
      body: replyBody,
      response: { 200: caseDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => supervision.recordReply(write(req), req.params.id, req.params.letterId, req.body),
  });

  r.post('/api/supervision/cases/:id/escalate', {
    schema: {
      tags,
      summary: '提级监督：案件交由上一级工会办理',
      description: '仅单位管理员和经办人。409 supervision_no_parent、supervision_case_closed。',
      params: idParam,
      body: escalateBody,
      response: { 200: escalatedCase, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => supervision.escalateCase(write(req), req.params.id, req.body.reason),
  });

  r.post('/api/supervision/cases/:id/close', {
    schema: {
      tags,
      summary: '结案（结果、追回工资、惠及职工）',
      description: '仅单位管理员和经办人。409 supervision_case_closed。',
      params: idParam,
      body: closeCaseBody,
      response: { 200: caseDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => supervision.closeCase(write(req), req.params.id, req.body),
  });

  r.get('/api/supervision/rules', {
    schema: { tags, summary: '答复期限规则（本工会的，或最近上级的，或默认 15 个工作日）和文号前缀', querystring: ruleQuery, response: { 200: ruleView, ...errorResponses(...staffErrors) } },
    handler: async (req) => supervision.getRule(staffContext(req), req.query.orgId),
  });

  r.put('/api/supervision/rules', {
    schema: { tags, summary: '设置本工会及下级的答复期限和本工会的文号前缀（管理员；记入审计日志）', body: putRuleBody, response: { 200: ruleView, ...errorResponses(...staffErrors) } },
    handler: async (req) => supervision.putRule(staffContext(req, 'admin'), req.body),
  });

  r.get('/api/supervision/figures', {
    schema: {
      tags,
      summary: '一函两书统计：案件按状态和结果、发出文书、按期答复、追回工资（本工会及下级，期间内）',
      description: '400 supervision_period_invalid。',
      querystring: figuresQuery,
      response: { 200: supervisionFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => supervision.getFigures(staffContext(req), req.query),
  });
}
