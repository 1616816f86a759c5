// Jobs (岗位) and 春送岗位 fairs (招聘会): /api/jobs, /api/job-fairs and the member's /api/me/jobs (issue 17 §5;
// the skill picker reads the skills module's GET /api/skills). The Excel import of a fair's jobs is in jobs.files.routes.ts.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  JOB_WRITE_ROLES,
  createFairBody,
  createJobBody,
  fairDetail,
  fairListQuery,
  fairSummary,
  jobContact,
  jobDetail,
  jobListQuery,
  jobStatusBody,
  jobSummary,
  memberJob,
  memberJobListQuery,
  revealJobContactBody,
  updateFairBody,
  updateJobBody,
} from '../../../contracts/jobs.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as jobs from './jobs.service.ts';
import * as fairs from './fairs.service.ts';

const tags = ['jobs'];
const RULES = 'job_wage_range_invalid：工资下限高于上限；job_place_outside：镇街不在发布工会的管辖范围内；job_skills_required：没有必备技能；skill_level_invalid：等级不在 1–8；skill_not_found；job_valid_until_invalid：有效期不在今天至 180 天内；position_outside_china、position_swapped。';

export async function jobRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  // ── jobs ──
  r.get('/api/jobs', {
    schema: { tags, summary: '岗位列表（管理范围内的工会发布的）', querystring: jobListQuery, response: { 200: listOf(jobSummary), ...errorResponses(...staffErrors) } },
    handler: async (req) => jobs.listJobs(staffContext(req), req.query),
  });

  r.post('/api/jobs', {
    schema: {
      tags,
      summary: '发布岗位（代用人单位发布；联系人姓名、电话加密保存；请求头 Idempotency-Key 必填）',
      description: RULES,
      headers: idempotencyKeyHeader('发布'),
      body: createJobBody,
      response: { 201: jobDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...JOB_WRITE_ROLES);
      return sendIdempotent(reply as FastifyReply, await jobs.createJob(ctx, req.body, idempotencyKeyOf(req), fairs.fairCheckOf(ctx)));
    },
  });

  r.get('/api/jobs/:id', {
    schema: { tags, summary: '岗位详情：技能要求、地点、工资、联系人（已脱敏）', params: idParam, response: { 200: jobDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => jobs.getJob(staffContext(req), req.params.id),
  });

  r.patch('/api/jobs/:id', {
    schema: { tags, summary: '修改招聘中的岗位', description: `job_expired：岗位已结束或已撤回。${RULES}`, params: idParam, body: updateJobBody, response: { 200: jobDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => jobs.updateJob(staffContext(req, ...JOB_WRITE_ROLES), req.params.id, req.body),
  });

  for (const [action, to, what] of [['close', 'closed', '结束招聘（招满或不再招聘）'], ['withdraw', 'withdrawn', '撤回岗位（发布有误等）']] as const) {
    r.post(`/api/jobs/:id/${action}`, {
      schema: {
        tags,
        summary: `${what}：须填写原因，记入审计（请求头 Idempotency-Key 必填）`,
        description: 'job_expired：岗位已结束或已撤回。',
        headers: idempotencyKeyHeader(action === 'close' ? '结束' : '撤回'),
        params: idParam,
        body: jobStatusBody,
        response: { 200: jobDetail, ...errorResponses(...staffErrors, 409) },
      },
      handler: async (req, reply) => {
        const out = await jobs.endJob(staffContext(req, ...JOB_WRITE_ROLES), req.params.id, to, req.body.reason, idempotencyKeyOf(req));
        return sendIdempotent(reply as FastifyReply, out, 200);
      },
    });
  }

  r.post('/api/jobs/:id/contact/reveal', {
    schema: { tags, summary: '查看岗位联系人的完整姓名和电话（须填写原因，记入审计）', params: idParam, body: revealJobContactBody, response: { 200: jobContact, ...errorResponses(...staffErrors) } },
    handler: async (req) => jobs.revealJobContact(staffContext(req, ...JOB_WRITE_ROLES), req.params.id, req.body.reason),
  });

  // ── fairs ──
  r.get('/api/job-fairs', {
    schema: { tags, summary: '招聘会列表（管理范围内的工会举办的）', querystring: fairListQuery, response: { 200: listOf(fairSummary), ...errorResponses(...staffErrors) } },
    handler: async (req) => fairs.listFairs(staffContext(req), req.query),
  });

  r.post('/api/job-fairs', {
    schema: {
      tags,
      summary: '新建招聘会（春送岗位）：日期、时间（北京时间）、地点或直播链接',
      description: 'fair_live_url_invalid：直播链接须为 https:// 网址；fair_place_required：地点、地址、直播链接至少填一项。',
      body: createFairBody,
      response: { 201: fairDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await fairs.createFair(staffContext(req, ...JOB_WRITE_ROLES), req.body)),
  });

  r.get('/api/job-fairs/:id', {
    schema: { tags, summary: '招聘会详情：参会单位与岗位', params: idParam, response: { 200: fairDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => fairs.getFair(staffContext(req), req.params.id),
  });

  r.patch('/api/job-fairs/:id', {
    schema: { tags, summary: '修改招聘会', description: 'fair_cancelled、fair_live_url_invalid、fair_place_required。', params: idParam, body: updateFairBody, response: { 200: fairDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => fairs.updateFair(staffContext(req, ...JOB_WRITE_ROLES), req.params.id, req.body),
  });

  r.post('/api/job-fairs/:id/cancel', {
    schema: { tags, summary: '取消招聘会（须填写原因；岗位仍在招聘）', description: 'fair_cancelled：已取消。', params: idParam, body: jobStatusBody, response: { 200: fairDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => fairs.cancelFair(staffContext(req, ...JOB_WRITE_ROLES), req.params.id, req.body.reason),
  });

  // ── the member's ──
  r.get('/api/me/jobs', {
    schema: { tags, summary: '招聘中的岗位（本人所在工会及上级工会发布的，联系人已脱敏）', querystring: memberJobListQuery, response: { 200: listOf(jobSummary), ...errorResponses(401, 403) } },
    handler: async (req) => jobs.listMyJobs(memberContext(req), req.query),
  });

  r.get('/api/me/jobs/:id', {
    schema: { tags, summary: '岗位详情（联系人已脱敏，申请后可见）', params: idParam, response: { 200: memberJob, ...errorResponses(401, 403, 404) } },
    handler: async (req) => jobs.getMyJob(memberContext(req), req.params.id),
  });
}
