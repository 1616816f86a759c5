// Routes of the enterprise file (一企一档): the file, the history of its facts, recording a fact of the
// employer or of a grassroots union (Idempotency-Key), and moving parked members into the new union.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import { enterpriseFile, factHistory, historyQuery, moveParkedResult, recordFactBody, recordedFact } from '../../../contracts/enterprise-facts.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as service from './file.service.ts';

const WRITERS = ['admin', 'clerk'] as const;
const factRefusals =
  '400 validation_failed、fact_date_invalid、collective_contract_dates_invalid、invalid_credit_code、credit_code_is_union、union_legal_number_invalid、fact_subject_invalid；' +
  '409 fact_changed（他人刚更新了该事项：请刷新后重试）、enterprise_merged、enterprise_exists、credit_code_taken。重试（同一个 Idempotency-Key）得到与第一次完全相同的回答。';

export async function enterpriseFileRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.get('/api/enterprises/:id', {
    schema: {
      tags,
      summary: '单位档案（一企一档）：基本情况、工会、会员与入会率、提醒',
      params: idParam,
      response: { 200: enterpriseFile, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.getFile(staffContext(req), req.params.id),
  });

  r.get('/api/enterprises/:id/history', {
    schema: {
      tags,
      summary: '单位档案的历史记录（单位及其工会的事项，新的在前）',
      params: idParam,
      querystring: historyQuery,
      response: { 200: factHistory, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.getHistory(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/enterprises/:id/facts', {
    schema: {
      tags,
      summary: '记录单位的新情况（请求头 Idempotency-Key 必填）',
      description: `镇街及以上工会可记录全部事项；单位工会不能修改名称、信用代码、地址和所属工会（403 enterprise_identity_town_only）。400 fact_union_invalid、fact_town_invalid；${factRefusals}`,
      params: idParam,
      headers: idempotencyKeyHeader('记录'),
      body: recordFactBody,
      response: { 201: recordedFact, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await service.recordEnterpriseFact(ctx, req.params.id, req.body, key));
    },
  });

  r.post('/api/orgs/:id/union-facts', {
    schema: {
      tags,
      summary: '记录基层工会的新情况：主席、法人登记、委员会、集体合同、厂务公开、职代会、经费（请求头 Idempotency-Key 必填）',
      description: `409 org_closed。${factRefusals}`,
      params: idParam,
      headers: idempotencyKeyHeader('记录'),
      body: recordFactBody,
      response: { 201: recordedFact, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await service.recordUnionFact(ctx, req.params.id, req.body, key));
    },
  });

  r.post('/api/enterprises/:id/move-parked', {
    schema: {
      tags,
      summary: '建会后把挂靠在镇街的本单位会员整体转入本单位工会（镇街及以上工会）',
      description: '409 enterprise_no_union（尚未关联工会）、enterprise_merged；403 enterprise_identity_town_only。没有挂靠会员时转入 0 人。',
      params: idParam,
      response: { 200: moveParkedResult, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => service.moveParked(staffContext(req, ...WRITERS), req.params.id),
  });
}
