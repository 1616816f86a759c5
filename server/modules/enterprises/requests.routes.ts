// 我要建会: the member's employer and their request that the town help found a union there; the
// town's leads for staff (in scope, the member masked).
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../../contracts/common.ts';
import { createFoundingRequestBody, foundingRequest, foundingRequestsQuery, myEmployer, myFoundingRequest } from '../../../contracts/founding-requests.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as service from './requests.service.ts';

export async function foundingRequestRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.get('/api/me/employer', {
    schema: { tags, summary: '会员：我的工作单位（所在镇街、是否已建会、已入会同事人数）', response: { 200: myEmployer, ...errorResponses(401, 403) } },
    handler: async (req) => service.getMyEmployer(memberContext(req)),
  });

  r.post('/api/me/founding-requests', {
    schema: {
      tags,
      summary: '会员：我要建会（请所在镇街工会帮助本单位建立工会，每人每单位一次）',
      description:
        '409：founding_request_exists（已提出过）、founding_request_has_union（单位已建会）、founding_request_no_employer（会员信息中没有单位档案）、idempotency_key_reused。重试（同一个 Idempotency-Key 与相同内容）得到与第一次完全相同的回答。',
      headers: idempotencyKeyHeader('提交'),
      body: createFoundingRequestBody,
      response: { 201: myFoundingRequest, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await service.createFoundingRequest(memberContext(req), idempotencyKeyOf(req), req.body)),
  });

  r.get('/api/enterprises/founding-requests', {
    schema: {
      tags,
      summary: '建会意愿：会员提出的本单位建会意愿（本级及下级镇街，会员姓名已遮盖）',
      querystring: foundingRequestsQuery,
      response: { 200: listOf(foundingRequest), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.listFoundingRequests(staffContext(req), req.query),
  });
}
