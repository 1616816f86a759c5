// Routes of benefit activities (普惠活动): publishing and editing (staff), the list and detail (staff
// and members alike, each their own view), sign-up with Idempotency-Key, cancellation, the draw and
// its public record, the notice of results, check-in by card, figures and their xlsx.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  activityDetail,
  activityQuery,
  activitySummary,
  cancelActivityBody,
  checkinBody,
  checkinResponse,
  coverBody,
  createActivityBody,
  drawRecord,
  memberSignupSchema,
  resultsSchema,
  signupBody,
  signupQuery,
  signupResponse,
  staffSignupSchema,
  statsPageQuery,
  statsQuery,
  statsResponse,
  updateActivityBody,
} from '../../../contracts/activities.ts';
import { idParam, listOf, paging } from '../../../contracts/common.ts';
import { exportContext, memberContext, staffContext, type MemberContext, type StaffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import * as activities from './activities.service.ts';
import * as draws from './draw.service.ts';
import * as signups from './signups.service.ts';
import { exportActivityStats, getActivityStats } from './stats.service.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';

/** Staff or member, whoever is logged in (routes both may call); 401 for nobody. */
function anyContext(req: FastifyRequest): StaffContext | MemberContext {
  return req.actor?.kind === 'member' ? memberContext(req) : staffContext(req);
}

const PUBLISHERS = ['admin', 'clerk'] as const;
const bothErrors = [401, 403, 404] as const;

export async function activityRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];

  r.post('/api/activities', {
    schema: {
      tags,
      summary: '发布普惠活动（受众为发布单位及其下级组织的会员）',
      description: '先到先得可设候补名额；抽签活动在发布时公布种子承诺 sha256(seed)，报名截止后抽签并公开种子。分批报名时各批名额之和等于名额。',
      body: createActivityBody,
      response: { 201: activityDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await activities.publishActivity(staffContext(req, ...PUBLISHERS), req.body)),
  });

  r.get('/api/activities', {
    schema: {
      tags,
      summary: '活动列表：工作人员看本管理范围发布的活动及数据；会员看可参加的活动，不能报名的说明原因',
      querystring: activityQuery,
      response: { 200: listOf(activitySummary), ...errorResponses(...bothErrors) },
    },
    handler: async (req) => activities.listActivities(anyContext(req), req.query),
  });

  r.get('/api/activities/stats', {
    schema: {
      tags,
      summary: '活动统计：访问人数、参与人数（任一下级组织、任一时段）；各活动分页',
      querystring: statsPageQuery,
      response: { 200: statsResponse, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => getActivityStats(staffContext(req), req.query),
  });

  r.get('/api/activities/stats/export', {
    schema: {
      tags,
      summary: '导出活动统计（.xlsx，记入审计日志）',
      querystring: statsQuery,
      response: { 200: xlsxResponse('活动统计'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await exportActivityStats(exportContext(req), req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });

  r.get('/api/activities/:id', {
    schema: {
      tags,
      summary: '活动详情：工作人员含数据；会员含能否报名及原因（记为一次访问）',
      params: idParam,
      response: { 200: activityDetail, ...errorResponses(...bothErrors) },
    },
    handler: async (req) => {
      const ctx = anyContext(req);
      return ctx.actor.kind === 'staff' ? activities.getActivityForStaff(ctx as StaffContext, req.params.id) : activities.getActivityForMember(ctx as MemberContext, req.params.id);
    },
  });

  r.patch('/api/activities/:id', {
    schema: {
      tags,
      summary: '修改活动（仅限报名开始前）',
      params: idParam,
      body: updateActivityBody,
      response: { 200: activityDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => activities.updateActivity(staffContext(req, ...PUBLISHERS), req.params.id, req.body),
  });

  r.post('/api/activities/:id/cancel', {
    schema: {
      tags,
      summary: '取消活动（已报名的会员将收到通知）',
      params: idParam,
      body: cancelActivityBody,
      response: { 200: activityDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => activities.cancelActivity(staffContext(req, ...PUBLISHERS), req.params.id, req.body.reason),
  });

  r.put('/api/activities/:id/cover', {
    schema: {
      tags,
      summary: '上传封面图片（PNG、JPEG、WebP，按文件内容判断，不超过 600 KB）',
      params: idParam,
      body: coverBody,
      response: { 200: activityDetail, ...errorResponses(...staffErrors, 413) },
    },
    handler: async (req) => activities.setCover(staffContext(req, ...PUBLISHERS), req.params.id, req.body.imageBase64),
  });

  r.get('/api/activities/:id/cover', {
    schema: {
      tags,
      summary: '活动封面图片',
      params: idParam,
      response: { 200: { description: '图片', content: { 'image/png': { schema: z.string().meta({ format: 'binary' }) } } }, ...errorResponses(...bothErrors) },
    },
    handler: async (req, reply: FastifyReply) => {
      const cover = await activities.getCover(anyContext(req), req.params.id);
      return reply.header('content-type', cover.type).header('cache-control', 'private, max-age=300').send(cover.image);
    },
  });

  r.post('/api/activities/:id/signups', {
    schema: {
      tags,
      summary: '会员报名（请求头 Idempotency-Key 必填；重试沿用同一个值将得到第一次的结果）',
      description:
        '201 status：confirmed 报名成功 · waitlisted 候补 · entered 已参加抽签。' +
        '409：activity_full、already_signed_up、not_eligible、signup_closed、idempotency_key_reused（同一个值用于不同的请求）。',
      params: idParam,
      headers: idempotencyKeyHeader('报名'),
      body: signupBody,
      response: { 201: signupResponse, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await signups.signUp(memberContext(req), req.params.id, key, req.body ?? {}));
    },
  });

  r.get('/api/activities/:id/signups', {
    schema: {
      tags,
      summary: '活动的报名名单（姓名脱敏）',
      params: idParam,
      querystring: signupQuery,
      response: { 200: listOf(staffSignupSchema), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => signups.listActivitySignups(staffContext(req), req.params.id, req.query),
  });

  r.get('/api/me/signups', {
    schema: {
      tags,
      summary: '会员：我的报名及状态',
      querystring: z.strictObject({ ...paging }),
      response: { 200: listOf(memberSignupSchema), ...errorResponses(401, 403) },
    },
    handler: async (req) => signups.listMySignups(memberContext(req), req.query),
  });

  r.post('/api/me/signups/:id/cancel', {
    schema: {
      tags,
      summary: '会员：取消报名（取消截止前；空出的名额自动由候补递补）',
      params: idParam,
      response: { 200: memberSignupSchema, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req) => signups.cancelMySignup(memberContext(req), req.params.id),
  });

  r.post('/api/activities/:id/draw', {
    schema: {
      tags,
      summary: '抽签：对报名已截止、尚未抽签的批次公开抽签',
      params: idParam,
      response: { 200: drawRecord, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => draws.drawActivity(staffContext(req, ...PUBLISHERS), req.params.id),
  });

  r.get('/api/activities/:id/draw', {
    schema: {
      tags,
      summary: '抽签记录：种子承诺、公开的种子、升序的报名 ID 与中签结果（可据此复算）',
      params: idParam,
      response: { 200: drawRecord, ...errorResponses(...bothErrors, 409) },
    },
    handler: async (req) => draws.getDrawRecord(anyContext(req), req.params.id),
  });

  r.get('/api/activities/:id/results', {
    schema: {
      tags,
      summary: '结果公示：报名成功（中签）名单，姓名与会员号脱敏',
      params: idParam,
      response: { 200: resultsSchema, ...errorResponses(...bothErrors) },
    },
    handler: async (req) => draws.getResults(anyContext(req), req.params.id),
  });

  r.post('/api/activities/:id/checkins', {
    schema: {
      tags,
      summary: '签到：扫描会员电子会员证二维码，每人一次',
      description: '令牌过期、伪造、无法识别或会员证停用时拒绝并说明原因；未报名、报名未确认（候补、未中签）或已签到时 409。',
      params: idParam,
      body: checkinBody,
      response: { 200: checkinResponse, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => signups.checkIn(staffContext(req, 'admin', 'clerk', 'reviewer'), req.params.id, req.body.token),
  });
}
