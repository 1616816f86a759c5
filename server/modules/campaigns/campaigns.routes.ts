// Routes of aid campaigns (送温暖, 金秋助学, 夏送清凉, 求学圆梦 …): publishing (staff), the member's list
// with why-not reasons, applying with Idempotency-Key (or on a member's behalf), the review queue and
// decisions level by level, the lottery, the public notice with objections, the member's progress.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationQuery,
  applicationSchema,
  applyBody,
  DOCUMENT_REQUEST_BODY_LIMIT,
  applyOnBehalfBody,
  applyResponse,
  campaignDetail,
  campaignList,
  campaignQuery,
  cancelCampaignBody,
  createCampaignBody,
  documentQuery,
  drawResponse,
  myApplicationList,
  myApplicationsQuery,
  myCampaignQuery,
  noticeBody,
  noticeQuery,
  noticeResponse,
  noticeStartResponse,
  objectionBody,
  objectionList,
  objectionQuery,
  objectionSchema,
  resolveObjectionBody,
  resubmitBody,
  reviewBody,
  reviewResponse,
  staffApplicationDetail,
  staffApplicationList,
  updateCampaignBody,
} from '../../../contracts/campaigns.ts';
import { idParam } from '../../../contracts/common.ts';
import { exportContext, memberContext, staffContext, type MemberContext, type StaffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import * as applications from './applications.service.ts';
import { applyAsMember, applyOnBehalf } from './apply.service.ts';
import * as campaigns from './campaigns.service.ts';
import { exportApplications } from './export.service.ts';
import * as notices from './notice.service.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';

function anyContext(req: FastifyRequest): StaffContext | MemberContext {
  return req.actor?.kind === 'member' ? memberContext(req) : staffContext(req);
}

const PUBLISHERS = ['admin', 'clerk'] as const;
const REVIEWERS = ['admin', 'reviewer'] as const;
const bothErrors = [401, 403, 404] as const;
const keyHeader = idempotencyKeyHeader('申请');
const applyErrors =
  '409：already_applied、campaign_not_open、campaign_closed、campaign_not_eligible（说明原因）、campaign_cancelled、idempotency_key_reused；' +
  '400：documents_missing、document_not_required、invalid_document；413：document_too_large。重试（同一个 Idempotency-Key 与相同内容）得到与第一次完全相同的回答，并带 Idempotent-Replayed: true。';

export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['campaigns'];

  r.post('/api/campaigns', {
    schema: {
      tags,
      summary: '发布帮扶活动（送温暖、金秋助学、夏送清凉、求学圆梦等；发布单位及其下级组织的会员可申请）',
      description: '逐级审核（如基层工会 → 市总 → 省总，各有时限）；抽签活动在发布时公布种子承诺 sha256(seed)。金额为整数：预算单位为元时以分计。',
      body: createCampaignBody,
      response: { 201: campaignDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await campaigns.publishCampaign(staffContext(req, ...PUBLISHERS), req.body)),
  });

  r.get('/api/campaigns', {
    schema: {
      tags,
      summary: '帮扶活动列表（本管理范围发布的，及上级发布、覆盖本范围的），含各状态申请数（本范围内）与预算占用',
      querystring: campaignQuery,
      response: { 200: campaignList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => campaigns.listCampaignsForStaff(staffContext(req), req.query),
  });

  r.get('/api/campaigns/:id', {
    schema: {
      tags,
      summary: '帮扶活动详情：工作人员含申请数；会员含能否申请及原因',
      params: idParam,
      response: { 200: campaignDetail, ...errorResponses(...bothErrors) },
    },
    handler: async (req) => {
      const ctx = anyContext(req);
      return ctx.actor.kind === 'staff' ? campaigns.getCampaignForStaff(ctx as StaffContext, req.params.id) : campaigns.getCampaignForMember(ctx as MemberContext, req.params.id);
    },
  });

  r.patch('/api/campaigns/:id', {
    schema: {
      tags,
      summary: '修改帮扶活动（仅限申请开始前、尚无申请时）',
      params: idParam,
      body: updateCampaignBody,
      response: { 200: campaignDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => campaigns.updateCampaign(staffContext(req, ...PUBLISHERS), req.params.id, req.body),
  });

  r.post('/api/campaigns/:id/cancel', {
    schema: {
      tags,
      summary: '取消帮扶活动（进行中的申请一并取消并通知会员，公示中的释放预算；已确定资助的不变）',
      params: idParam,
      body: cancelCampaignBody,
      response: { 200: campaignDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => campaigns.cancelCampaign(staffContext(req, ...PUBLISHERS), req.params.id, req.body.reason),
  });

  r.get('/api/campaigns/:id/applications', {
    schema: {
      tags,
      summary: '申请列表与审核队列（mine=true：待本单位审核的；显示本级时限，超时标出）',
      params: idParam,
      querystring: applicationQuery,
      response: { 200: staffApplicationList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => applications.listApplications(staffContext(req), req.params.id, req.query),
  });

  r.get('/api/campaigns/:id/applications/export', {
    schema: {
      tags,
      summary: '导出申请名单（.xlsx，筛选同申请列表，姓名脱敏，记入审计日志）',
      params: idParam,
      querystring: applicationQuery.omit({ page: true, pageSize: true }),
      response: { 200: xlsxResponse('申请名单'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await exportApplications(exportContext(req), req.params.id, req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });

  r.get('/api/campaign-applications/:id', {
    schema: {
      tags,
      summary: '申请详情（工作人员）：逐级审核进度、材料',
      params: idParam,
      response: { 200: staffApplicationDetail, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => applications.getApplicationForStaff(staffContext(req), req.params.id),
  });

  r.get('/api/campaign-applications/:id/documents', {
    schema: {
      tags,
      summary: '申请材料文件（工作人员查看记入审计日志；申请人本人可查看）',
      params: idParam,
      querystring: documentQuery,
      response: { 200: { description: '文件', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } }, ...errorResponses(...bothErrors) },
    },
    handler: async (req, reply: FastifyReply) => {
      const doc = await applications.getDocumentFile(anyContext(req), req.params.id, req.query.key);
      return reply.header('content-type', doc.contentType).header('cache-control', 'private, no-store').header('content-disposition', 'inline').send(doc.content);
    },
  });

  r.post('/api/campaign-applications/:id/review', {
    schema: {
      tags,
      summary: '审核：在申请当前所在层级通过、退回补充或不通过（须为本级审核单位或其上级的审核员、管理员）',
      description: '403 review_not_your_level（不在本单位审核的层级）、review_same_person（同一人审核两个层级）；409 application_not_in_review、review_level_changed。',
      params: idParam,
      body: reviewBody,
      response: { 200: reviewResponse, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => applications.review(staffContext(req, ...REVIEWERS), req.params.id, req.body),
  });

  r.post('/api/campaigns/:id/draw', {
    schema: {
      tags,
      summary: '抽签：审核通过人数超过名额时，在申请截止、审核完毕后公开抽签',
      params: idParam,
      response: { 200: drawResponse, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => notices.drawCampaign(staffContext(req, ...PUBLISHERS), req.params.id),
  });

  r.get('/api/campaigns/:id/draw', {
    schema: {
      tags,
      summary: '抽签记录：种子承诺、抽签后公开的种子、升序的申请 ID 与中签结果（可据此复算）',
      params: idParam,
      response: { 200: drawResponse, ...errorResponses(...bothErrors, 409) },
    },
    handler: async (req) => notices.getDraw(anyContext(req), req.params.id),
  });

  r.post('/api/campaigns/:id/notice', {
    // no request body at all means {} (all approved); a JSON null is refused like any other non-object
    preValidation: async (req) => {
      if ((req.body === undefined || req.body === null) && req.headers['content-type'] === undefined) req.body = {};
    },
    schema: {
      tags,
      summary: '开始公示：审核通过（或中签）的申请进入公示并占用预算——全部成功或全部不变',
      description: '409 budget_exhausted（预算不足，未做任何变更）、draw_required、quota_exceeded、nothing_to_notice。',
      params: idParam,
      body: noticeBody,
      response: { 200: noticeStartResponse, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => notices.startNotice(staffContext(req, ...PUBLISHERS), req.params.id, req.body?.applicationIds ?? null),
  });

  r.get('/api/campaigns/:id/notice', {
    schema: {
      tags,
      summary: '公示名单：姓名脱敏、资助金额、公示截止（活动范围内的会员可查看）',
      params: idParam,
      querystring: noticeQuery,
      response: { 200: noticeResponse, ...errorResponses(...bothErrors) },
    },
    handler: async (req) => notices.getNotice(anyContext(req), req.params.id, req.query),
  });

  r.post('/api/campaign-applications/:id/objections', {
    schema: {
      tags,
      summary: '会员：公示期内对公示名单中的申请提出异议（实名，对外不公开提出人）',
      params: idParam,
      body: objectionBody,
      response: { 201: objectionSchema, ...errorResponses(...bothErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await notices.lodgeObjection(memberContext(req), req.params.id, req.body.reason)),
  });

  r.get('/api/campaigns/:id/objections', {
    schema: {
      tags,
      summary: '公示异议列表',
      params: idParam,
      querystring: objectionQuery,
      response: { 200: objectionList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => notices.listObjections(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/campaign-objections/:id/resolve', {
    schema: {
      tags,
      summary: '处理异议：成立（取消资助资格、释放预算）或不成立',
      params: idParam,
      body: resolveObjectionBody,
      response: { 200: objectionSchema, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => notices.resolveObjection(staffContext(req, ...PUBLISHERS, 'reviewer'), req.params.id, req.body.outcome, req.body.reason),
  });

  r.post('/api/campaigns/:id/applications', {
    bodyLimit: DOCUMENT_REQUEST_BODY_LIMIT,
    schema: {
      tags,
      summary: '会员申请（请求头 Idempotency-Key 必填；材料为图片或 PDF，按内容判断，每份不超过 4 MB，一次合计不超过 8 MB）',
      description: applyErrors,
      params: idParam,
      headers: keyHeader,
      body: applyBody,
      response: { 201: applyResponse, ...errorResponses(401, 403, 404, 409, 413) },
    },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await applyAsMember(memberContext(req), req.params.id, key, req.body ?? {}));
    },
  });

  r.post('/api/campaigns/:id/applications-on-behalf', {
    bodyLimit: DOCUMENT_REQUEST_BODY_LIMIT,
    schema: {
      tags,
      summary: '工作人员代会员申请（如走访送温暖；会员须在本管理范围内；请求头 Idempotency-Key 必填）',
      description: applyErrors,
      params: idParam,
      headers: keyHeader,
      body: applyOnBehalfBody,
      response: { 201: applyResponse, ...errorResponses(...staffErrors, 409, 413) },
    },
    handler: async (req, reply) => {
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await applyOnBehalf(staffContext(req, ...PUBLISHERS, 'reviewer'), req.params.id, key, req.body));
    },
  });

  r.get('/api/me/campaigns', {
    schema: {
      tags,
      summary: '会员：可申请的帮扶活动（本人所在工会在其范围内），不能申请的说明原因',
      querystring: myCampaignQuery,
      response: { 200: campaignList, ...errorResponses(401, 403) },
    },
    handler: async (req) => campaigns.listCampaignsForMember(memberContext(req), req.query),
  });

  r.get('/api/me/campaign-applications', {
    schema: {
      tags,
      summary: '会员：我的申请及逐级进度（每级的决定、原因、时间）',
      querystring: myApplicationsQuery,
      response: { 200: myApplicationList, ...errorResponses(401, 403) },
    },
    handler: async (req) => applications.listMyApplications(memberContext(req), req.query),
  });

  r.post('/api/me/campaign-applications/:id/withdraw', {
    schema: {
      tags,
      summary: '会员：撤回申请（确定资助前；公示中的释放预算；申请期内可重新申请）',
      params: idParam,
      response: { 200: applicationSchema, ...errorResponses(401, 403, 404, 409) },
    },
    handler: async (req) => applications.withdraw(memberContext(req), req.params.id),
  });

  r.post('/api/me/campaign-applications/:id/resubmit', {
    bodyLimit: DOCUMENT_REQUEST_BODY_LIMIT,
    schema: {
      tags,
      summary: '会员：补充材料后重新提交被退回的申请（回到退回的审核层级）',
      params: idParam,
      body: resubmitBody,
      response: { 200: applicationSchema, ...errorResponses(401, 403, 404, 409, 413) },
    },
    handler: async (req) => applications.resubmit(memberContext(req), req.params.id, req.body),
  });
}
