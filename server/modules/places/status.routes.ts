// Routes of a place's live life (issue 15 §3): the keeper's desk and live status, visits by card at
// the desk and by the door code on the phone; and (registered from here) the problem reports'
// routes (problems.routes.ts).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import { cardVisitAnswer, cardVisitBody, doorVisitBody, placeDesk, setLiveBody, visitAnswer } from '../../../contracts/place-status.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { placeProblemRoutes } from './problems.routes.ts';
import * as status from './status.service.ts';
import * as visits from './visits.service.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;

export async function placeStatusRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/api/places/:id/desk', {
    schema: {
      tags,
      summary: '阵地值守台：开放状态、门口签到二维码、今日到访、待处理问题（管理范围内）',
      params: idParam,
      response: { 200: placeDesk, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => status.getDesk(staffContext(req), req.params.id),
  });

  r.post('/api/places/:id/live', {
    schema: {
      tags,
      summary: '标记阵地现在开放或暂停开放、人多不多（运营工会及上级工会；记入审计日志）',
      description: '409 place_not_in_service（阵地已停用或已合并）。',
      params: idParam,
      body: setLiveBody,
      response: { 200: placeDesk, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => status.setLive(staffContext(req, ...WRITERS), req.params.id, req.body),
  });

  r.post('/api/places/:id/visits', {
    schema: {
      tags,
      summary: '值守台扫会员证登记到访（同一人 2 小时内只计一次，均答“已签到”）',
      description: '400 card_token_malformed、card_token_forged；409 card_token_expired、card_token_revoked、place_not_in_service。',
      params: idParam,
      body: cardVisitBody,
      response: { 200: cardVisitAnswer, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => visits.visitByCard(staffContext(req, ...WRITERS), req.params.id, req.body.token),
  });

  r.post('/api/me/place-visits', {
    schema: {
      tags,
      summary: '职工扫阵地门口二维码签到（同一人 2 小时内只计一次，均答“已签到”）',
      description: '400 place_door_code_invalid（伪造或残缺的签到码）；409 place_not_in_service。',
      body: doorVisitBody,
      response: { 200: visitAnswer, ...errorResponses(400, 401, 403, 409) },
    },
    handler: async (req) => visits.visitByDoor(memberContext(req), req.body.code),
  });

  await app.register(placeProblemRoutes);
}
