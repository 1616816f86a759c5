// Routes of the nearest places (issue 15 §2), for any worker's session on the member site: the
// nearest of a kind, nearest first, with what is open now; one place; the towns to pick from when
// the worker refuses location. Reads only — nothing audited.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { listOf } from '../../../contracts/common.ts';
import { memberPlace, memberPlaceQuery, nearbyAnswer, nearbyQuery, placeIdParam, townPoint, townPointsQuery } from '../../../contracts/places-nearby.ts';
import { memberContext } from '../../http/context.ts';
import { errorResponses } from '../../http/schemas.ts';
import * as nearby from './nearby.service.ts';

const positionNote = '400 position_outside_china（不在中国境内）、position_swapped（经纬度填反）。';

export async function nearbyRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/api/me/places/nearby', {
    schema: {
      tags,
      summary: '离我最近的阵地（由近及远，含现在是否开放）',
      description: `职工（手机号登录，入会与否均可）。浏览器定位传 system=wgs84，自动换算为 GCJ-02。${positionNote}`,
      querystring: nearbyQuery,
      response: { 200: nearbyAnswer, ...errorResponses(400, 401, 403) },
    },
    handler: async (req) => nearby.nearestForWorker(memberContext(req), req.query),
  });

  r.get('/api/me/places/towns', {
    schema: {
      tags,
      summary: '有阵地的镇街（不愿定位时选镇街，每个镇街带一个位置）',
      querystring: townPointsQuery,
      response: { 200: listOf(townPoint), ...errorResponses(400, 401, 403) },
    },
    handler: async (req) => nearby.townPoints(memberContext(req), req.query),
  });

  r.get('/api/me/places/:id', {
    schema: {
      tags,
      summary: '阵地详情（站长电话脱敏；给出位置时带距离）',
      description: `已合并的重复阵地返回合并后的阵地（id 不同）；已关闭的阵地 404。400 position_incomplete（纬度、经度须同时给出）；${positionNote}`,
      params: placeIdParam,
      querystring: memberPlaceQuery,
      response: { 200: memberPlace, ...errorResponses(400, 401, 403, 404) },
    },
    handler: async (req) => nearby.placeForWorker(memberContext(req), Number(req.params.id), req.query),
  });
}
