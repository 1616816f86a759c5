// Routes of holiday and weekend childcare (职工亲子之家 / 托管): staff create, edit, publish, close and
// allocate programmes (admins and clerks), read the masked enrolments, reveal a child's data (own
// union only, audited), tick attendance, record pick-ups and download a session's roster; members see
// the programmes of their unions, enrol a child with the guardian's consent (Idempotency-Key) and cancel.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import {
  CHILDCARE_REVEAL_ROLES,
  CHILDCARE_WRITE_ROLES,
  allocationResult,
  attendanceBody,
  createProgrammeBody,
  enrolBody,
  memberProgrammeDetail,
  memberProgrammeList,
  memberProgrammeQuery,
  myEnrolment,
  myEnrolmentList,
  pickupBody,
  programmeDetail,
  programmeList,
  programmeListQuery,
  purgeBody,
  revealBody,
  revealedChild,
  sessionRoster,
  staffEnrolmentList,
  staffEnrolmentQuery,
  updateProgrammeBody,
} from '../../../contracts/childcare.ts';
import { exportContext, memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import * as childcare from './childcare.service.ts';
import * as enrolments from './enrolments.service.ts';
import * as sessions from './sessions.service.ts';

export async function childcareRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['childcare'];
  const write = CHILDCARE_WRITE_ROLES;

  r.get('/api/childcare/programmes', {
    schema: { tags, summary: '托管项目（举办工会在管理范围内）', querystring: programmeListQuery, response: { 200: programmeList, ...errorResponses(...staffErrors) } },
    handler: async (req) => childcare.listProgrammes(staffContext(req), req.query),
  });

  r.post('/api/childcare/programmes', {
    schema: {
      tags,
      summary: '新建托管项目（草稿，按每周规律生成场次）',
      description: '仅单位管理员和经办人。400 childcare_schedule_invalid、childcare_age_range_invalid、childcare_window_invalid、childcare_place_outside。',
      headers: idempotencyKeyHeader('新建'),
      body: createProgrammeBody,
      response: { 201: programmeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => sendIdempotent(reply as FastifyReply, await childcare.createProgramme(staffContext(req, ...write), req.body, idempotencyKeyOf(req))),
  });

  r.get('/api/childcare/programmes/:id', {
    schema: { tags, summary: '托管项目详情与场次', params: idParam, response: { 200: programmeDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => childcare.getProgramme(staffContext(req), req.params.id),
  });

  r.patch('/api/childcare/programmes/:id', {
    schema: {
      tags,
      summary: '修改托管项目（发布后只能改介绍、阵地、名额和报名截止时间）',
      params: idParam,
      body: updateProgrammeBody,
      response: { 200: programmeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => childcare.updateProgramme(staffContext(req, ...write), req.params.id, req.body),
  });

  r.post('/api/childcare/programmes/:id/allocate', {
    schema: {
      tags,
      summary: '报名截止后立即录取：人数不超过名额全部录取，否则公开抽签（种子发布时已承诺），通知每个家庭',
      description: '报名截止后系统会在一分钟内自动录取；此接口供工作人员在截止时立即录取。409 childcare_window_open、childcare_already_allocated（已由系统或他人录取）、childcare_not_published。',
      params: idParam,
      response: { 200: allocationResult, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => childcare.allocateProgramme(staffContext(req, ...write), req.params.id),
  });

  r.post('/api/childcare/programmes/:id/close', {
    schema: { tags, summary: '结束托管项目', params: idParam, response: { 200: programmeDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => childcare.closeProgramme(staffContext(req, ...write), req.params.id),
  });

  r.post('/api/childcare/programmes/:id/purge', {
    schema: {
      tags,
      summary: '立即删除儿童信息（托管结束后；仅举办工会的管理员，须填原因，记入审计日志；否则结束 180 天后自动删除）',
      description: '403 childcare_purge_own_union_only（上级工会）；409 childcare_not_ended、childcare_purged。',
      params: idParam,
      body: purgeBody,
      response: { 200: programmeDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => childcare.purgeProgramme(staffContext(req, 'admin'), req.params.id, req.body.reason),
  });

  r.get('/api/childcare/programmes/:id/enrolments', {
    schema: {
      tags,
      summary: '托管报名名单（儿童姓名和电话脱敏）',
      params: idParam,
      querystring: staffEnrolmentQuery,
      response: { 200: staffEnrolmentList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => enrolments.listEnrolments(staffContext(req), req.params.id, req.query),
  });

  r.post('/api/childcare/programmes/:id/publish', {
    schema: { tags, summary: '发布托管项目（会员可在报名时间内报名）', params: idParam, response: { 200: programmeDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => childcare.publishProgramme(staffContext(req, ...write), req.params.id),
  });

  r.post('/api/childcare/enrolments/:id/reveal', {
    schema: {
      tags,
      summary: '查看儿童的完整信息（仅举办工会的工作人员，须填原因，记入审计日志）',
      description: '403 childcare_reveal_own_union_only（上级工会）。',
      params: idParam,
      body: revealBody,
      response: { 200: revealedChild, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await enrolments.revealEnrolment(staffContext(req, ...CHILDCARE_REVEAL_ROLES), req.params.id, req.body.reason);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });

  r.get('/api/childcare/sessions/:id', {
    schema: { tags, summary: '场次点名册：出勤与接送（脱敏）', params: idParam, response: { 200: sessionRoster, ...errorResponses(...staffErrors) } },
    handler: async (req) => sessions.getSessionRoster(staffContext(req), req.params.id),
  });

  r.put('/api/childcare/sessions/:id/attendance', {
    schema: { tags, summary: '点名：为录取的儿童登记出勤或缺勤', params: idParam, body: attendanceBody, response: { 200: sessionRoster, ...errorResponses(...staffErrors) } },
    handler: async (req) => sessions.markAttendance(staffContext(req, ...write), req.params.id, req.body),
  });

  r.post('/api/childcare/sessions/:id/pickups', {
    schema: {
      tags,
      summary: '登记接走孩子的成年人（监护人登记的接送人之一，或其他成年人并说明）与时间',
      params: idParam,
      body: pickupBody,
      response: { 200: sessionRoster, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => sessions.recordPickup(staffContext(req, ...write), req.params.id, req.body),
  });

  r.get('/api/childcare/sessions/:id/roster.xlsx', {
    schema: {
      tags,
      summary: '下载场次点名册（.xlsx，可打印；举办工会可见儿童全名和过敏情况，上级工会脱敏；记入审计日志）',
      params: idParam,
      response: { 200: xlsxResponse('托管点名册'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await sessions.exportSessionRoster(exportContext(req), req.params.id);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });

  // ── The member's side ──────────────────────────────────────────────────────────────────────────

  r.get('/api/me/childcare/enrolments', {
    schema: { tags, summary: '我为子女的托管报名', querystring: memberProgrammeQuery, response: { 200: myEnrolmentList, ...errorResponses(401, 403) } },
    handler: async (req) => enrolments.listMyEnrolments(memberContext(req), req.query),
  });

  r.post('/api/me/childcare/enrolments/:id/cancel', {
    schema: { tags, summary: '取消托管报名（已录取的名额由候补第一位递补）', params: idParam, response: { 200: myEnrolment, ...errorResponses(401, 403, 404, 409) } },
    handler: async (req) => enrolments.cancelMyEnrolment(memberContext(req), req.params.id),
  });

  r.get('/api/me/childcare/programmes', {
    schema: { tags, summary: '可报名的托管项目（本人所在工会及上级工会举办）', querystring: memberProgrammeQuery, response: { 200: memberProgrammeList, ...errorResponses(401, 403) } },
    handler: async (req) => enrolments.listProgrammesForMember(memberContext(req), req.query),
  });

  r.get('/api/me/childcare/programmes/:id', {
    schema: { tags, summary: '托管项目：场次、年龄范围、名额和儿童信息收集说明', params: idParam, response: { 200: memberProgrammeDetail, ...errorResponses(401, 403, 404) } },
    handler: async (req) => enrolments.getProgrammeForMember(memberContext(req), req.params.id),
  });

  r.post('/api/me/childcare/programmes/:id/enrolments', {
    schema: {
      tags,
      summary: '为子女报名托管（须监护人单独同意收集儿童信息；请求头 Idempotency-Key 必填）',
      description: '400 childcare_consent_required、childcare_age_out_of_range；409 childcare_window_closed、childcare_child_already_enrolled、childcare_too_many_children。',
      params: idParam,
      headers: idempotencyKeyHeader('报名'),
      body: enrolBody,
      response: { 201: myEnrolment, ...errorResponses(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      const ctx = memberContext(req);
      return sendIdempotent(reply as FastifyReply, await enrolments.enrolChild(ctx, req.params.id, req.body, idempotencyKeyOf(req)));
    },
  });
}
