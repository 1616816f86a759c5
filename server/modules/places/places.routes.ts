// Routes of the register of places (阵地), staff side: the list of the subtree (GET
// /api/places/register — GET /api/places is the member join form's town picker), add (with an
// Idempotency-Key), open, edit, close and reopen, reveal the keeper's phone (audited), a date's own
// hours, likely duplicates, merging and undoing a merge, removing a photo. Uploading photos, showing them and the Excel
// import: places.files.routes.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf, okSchema } from '../../../contracts/common.ts';
import {
  PLACE_REVEAL_ROLES,
  PLACE_WRITE_ROLES,
  closePlaceBody,
  createPlaceBody,
  duplicatePair,
  duplicatePairQuery,
  mergePlaceBody,
  placeDayParams,
  placeDetail,
  placeListQuery,
  placePhotoParams,
  placeSummary,
  placeWriteAnswer,
  revealKeeperBody,
  revealedKeeperPhone,
  setExceptionBody,
  undoMergeBody,
  updatePlaceBody,
} from '../../../contracts/places.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { deletePlacePhoto } from './places.photos.ts';
import * as places from './places.service.ts';

const positionCodes = '400 position_outside_china（坐标不在中国境内）、position_swapped（经纬度填反）';
const hoursCodes = 'hours_end_before_start、hours_too_long、hours_overlap';

export async function placeRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/api/places/register', {
    schema: {
      tags,
      summary: '阵地名册（运营工会在管理范围内；按类型、状态、镇街、名称或地址、有未解决问题筛选）',
      querystring: placeListQuery,
      response: { 200: listOf(placeSummary), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => places.listPlaces(staffContext(req), req.query),
  });

  r.post('/api/places', {
    schema: {
      tags,
      summary: '登记阵地（请求头 Idempotency-Key 必填；回答附可能重复的阵地；dryRun 只检查不保存）',
      description: `${positionCodes}、${hoursCodes}、place_town_invalid；404 运营工会不在管理范围内。重试（同一个 Idempotency-Key 与相同内容）得到与第一次相同的回答，并带 Idempotent-Replayed: true。`,
      headers: idempotencyKeyHeader('登记'),
      body: createPlaceBody,
      response: { 200: placeWriteAnswer, 201: placeWriteAnswer, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...PLACE_WRITE_ROLES);
      const out = await places.createPlace(ctx, req.body, idempotencyKeyOf(req));
      return sendIdempotent(reply as FastifyReply, out, req.body.dryRun ? 200 : 201);
    },
  });

  r.get('/api/places/duplicates', {
    schema: {
      tags,
      summary: '可能重复的阵地（同类 50 米内，或 500 米内名称相近），由近及远',
      querystring: duplicatePairQuery,
      response: { 200: listOf(duplicatePair), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => places.listDuplicatePairs(staffContext(req), req.query),
  });

  r.get('/api/places/:id', {
    schema: { tags, summary: '阵地详情（站长电话脱敏；开放时间、例外日期、照片、可能重复的阵地）', params: idParam, response: { 200: placeDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => places.getPlace(staffContext(req), req.params.id),
  });

  r.patch('/api/places/:id', {
    schema: {
      tags,
      summary: '修改阵地（回答附可能重复的阵地；dryRun 只检查不保存）',
      description: `${positionCodes}、${hoursCodes}、place_town_invalid；409 place_merged（已合并的阵地不能修改）。`,
      params: idParam,
      body: updatePlaceBody,
      response: { 200: placeWriteAnswer, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => places.updatePlace(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.body),
  });

  r.post('/api/places/:id/close', {
    schema: {
      tags,
      summary: '停用阵地（填写原因；职工端不再显示）',
      description: '409 place_state_invalid（已停用）、place_merged。',
      params: idParam,
      body: closePlaceBody,
      response: { 200: placeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => places.closePlace(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.body.reason),
  });

  r.post('/api/places/:id/reopen', {
    schema: { tags, summary: '恢复已停用的阵地', description: '409 place_state_invalid（在用）、place_merged。', params: idParam, response: { 200: placeDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => places.reopenPlace(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id),
  });

  r.post('/api/places/:id/reveal', {
    schema: {
      tags,
      summary: '查看站长的完整电话（须填原因，记入审计日志）',
      description: '409 place_no_keeper_phone。',
      params: idParam,
      body: revealKeeperBody,
      response: { 200: revealedKeeperPhone, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const out = await places.revealKeeperPhone(staffContext(req, ...PLACE_REVEAL_ROLES), req.params.id, req.body.reason);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });

  r.put('/api/places/:id/exceptions/:day', {
    schema: {
      tags,
      summary: '设置某一天的开放时间（不同于每周的安排；时段为空即当天闭馆）',
      description: `${hoursCodes}；400 place_exception_past（不能设置已过去的日期）；409 place_merged。`,
      params: placeDayParams,
      body: setExceptionBody,
      response: { 200: placeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => places.setException(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.params.day, req.body),
  });

  r.delete('/api/places/:id/exceptions/:day', {
    schema: { tags, summary: '取消某一天的例外开放时间（恢复每周的安排）', params: placeDayParams, response: { 200: placeDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => places.removeException(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.params.day),
  });

  // (in this plugin, not the files one: multipart is parsed there, and this route takes no form)
  r.delete('/api/places/:id/photos/:photoId', {
    schema: { tags, summary: '删除阵地照片', params: placePhotoParams, response: { 200: okSchema, ...errorResponses(...staffErrors) } },
    handler: async (req) => deletePlacePhoto(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.params.photoId),
  });

  r.post('/api/places/:id/merge', {
    schema: {
      tags,
      summary: '把重复的阵地并入另一个（照片、例外日期及预约、到访、问题等随之转移；本阵地不再显示）',
      description: '400 place_merge_self；409 place_merged（本阵地已合并）、place_merge_target_merged（目标已合并到别处）；404 任一阵地不在管理范围内。',
      params: idParam,
      body: mergePlaceBody,
      response: { 200: placeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => places.mergePlace(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.body.into),
  });

  r.post('/api/place-merges/:id/undo', {
    schema: {
      tags,
      summary: '撤销合并（30 天内；转移的照片、例外日期、到访、问题、预约时段、托管项目原样移回，被并入的阵地恢复显示）',
      description:
        '须填原因，记入审计日志；两个阵地都须在管理范围内（与合并相同）。409 place_unmerge_undone（已撤销）、place_unmerge_too_late（超过 30 天）、' +
        'place_unmerge_changed（保留的阵地此后又并入别处，或被并入的阵地有变动）、place_unmerge_blocked（转移的时段合并后有人预约，说明怎么办）。',
      params: idParam,
      body: undoMergeBody,
      response: { 200: placeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => places.undoMerge(staffContext(req, ...PLACE_WRITE_ROLES), req.params.id, req.body.reason),
  });
}
