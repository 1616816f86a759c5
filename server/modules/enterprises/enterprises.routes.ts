import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../../contracts/common.ts';
import { enterpriseSuggestion, foundingTarget, foundingTargetQuery, place, placesQuery, suggestQuery } from '../../../contracts/members.ts';
import { staffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as service from './enterprises.service.ts';

/** Anyone logged in (a worker filling in the join form, or staff). */
function loggedIn(req: FastifyRequest) {
  if (!req.actor) throw new AppError(req.sessionExpired ? 'session_expired' : 'not_logged_in');
  return req.server.deps;
}

export async function enterpriseRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/enterprises/suggest', {
    schema: { tags: ['enterprises'], summary: '入会表单：按名称提示工作单位', querystring: suggestQuery, response: { 200: listOf(enterpriseSuggestion), ...errorResponses(401) } },
    handler: async (req) => service.suggestEmployers(loggedIn(req), req.query),
  });

  r.get('/api/places', {
    schema: {
      tags: ['enterprises'],
      summary: '入会表单：选择工作地点（市 → 区县 → 镇街）',
      querystring: placesQuery,
      response: { 200: listOf(place), ...errorResponses(401, 404) },
    },
    handler: async (req) => service.listPlaces(loggedIn(req), req.query),
  });

  r.get('/api/enterprises/founding-targets', {
    schema: {
      tags: ['enterprises'],
      summary: '建会目标：尚未建会、已有较多职工入会的单位（kind=employer），或镇街的平台从业人员群体（kind=gig）',
      querystring: foundingTargetQuery,
      response: { 200: listOf(foundingTarget), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => service.listFoundingTargets(staffContext(req), req.query),
  });
}
