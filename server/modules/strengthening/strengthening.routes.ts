// Routes of 强基工程: indicator sets, score cards, rankings, self-assessments and their review, 模范职工之家.
// Design: docs/design/enterprise-file.md §6, §8.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  ASSESSMENT_REVIEW_ROLES,
  ASSESSMENT_SUBMIT_ROLES,
  INDICATOR_SET_ROLES,
  MODEL_HOME_ROLES,
  adaptIndicatorSetBody,
  assessmentListQuery,
  assessmentSummary,
  cardParams,
  cardQuery,
  createIndicatorSetBody,
  designateModelHomeBody,
  exampleIndicatorSet,
  indicatorSetDetail,
  indicatorSetListQuery,
  indicatorSetSummary,
  modelHome,
  modelHomeListQuery,
  ranking,
  rankingQuery,
  reviewAssessmentBody,
  scoreCard,
  submitAssessmentBody,
  updateIndicatorSetBody,
} from '../../../contracts/strengthening.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as svc from './strengthening.service.ts';

export async function strengtheningRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['strengthening'];

  r.get('/api/indicator-sets', {
    schema: { tags, summary: '指标体系（本工会制定的，与上级已发布的）', querystring: indicatorSetListQuery, response: { 200: listOf(indicatorSetSummary), ...errorResponses(...staffErrors) } },
    handler: async (req) => svc.listSets(staffContext(req), req.query),
  });
  r.post('/api/indicator-sets', {
    schema: { tags, summary: '新建指标体系草稿（镇街及以上工会的管理员；默认以示例指标为起点）', body: createIndicatorSetBody, response: { 201: indicatorSetDetail, ...errorResponses(...staffErrors) } },
    handler: async (req, reply) => reply.code(201).send(await svc.createSet(staffContext(req, ...INDICATOR_SET_ROLES), req.body)),
  });
  r.get('/api/indicator-sets/example', {
    schema: { tags, summary: '示例指标体系（模板，不是广东省总工会的正式指标）', response: { 200: exampleIndicatorSet, ...errorResponses(...staffErrors) } },
    handler: async (req) => {
      staffContext(req);
      return svc.exampleSet();
    },
  });
  r.get('/api/indicator-sets/:id', {
    schema: { tags, summary: '指标体系详情', params: idParam, response: { 200: indicatorSetDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => svc.getSet(staffContext(req), req.params.id),
  });
  r.put('/api/indicator-sets/:id', {
    schema: {
      tags,
      summary: '修改指标体系草稿（指标整体写入；权重之和须为 100）',
      description: '400 indicator_weights_invalid（权重之和不是 100）；409 indicator_set_published（已发布，只读）',
      params: idParam,
      body: updateIndicatorSetBody,
      response: { 200: indicatorSetDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => svc.updateSet(staffContext(req, ...INDICATOR_SET_ROLES), req.params.id, req.body),
  });
  r.post('/api/indicator-sets/:id/adapt', {
    schema: { tags, summary: '改编上级的指标体系：为本工会复制一份草稿', params: idParam, body: adaptIndicatorSetBody, response: { 201: indicatorSetDetail, ...errorResponses(...staffErrors) } },
    handler: async (req, reply) => reply.code(201).send(await svc.adaptSet(staffContext(req, ...INDICATOR_SET_ROLES), req.params.id, req.body)),
  });
  r.post('/api/indicator-sets/:id/publish', {
    schema: {
      tags,
      summary: '发布指标体系（本工会该年度只能有一个已发布的）',
      description: '409 indicator_set_exists；409 indicator_set_published',
      params: idParam,
      response: { 200: indicatorSetDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => svc.publishSet(staffContext(req, ...INDICATOR_SET_ROLES), req.params.id),
  });

  r.get('/api/strengthening/cards/:orgId', {
    schema: { tags, summary: '基层工会的评分卡（实时计算）', params: cardParams, querystring: cardQuery, response: { 200: scoreCard, ...errorResponses(...staffErrors) } },
    handler: async (req) => svc.getCard(staffContext(req), req.params.orgId, req.query.year),
  });
  r.get('/api/strengthening/rankings', {
    schema: { tags, summary: '排名：镇街排其基层工会，县级及以上排其下级（下级所属基层工会得分的平均）', querystring: rankingQuery, response: { 200: ranking, ...errorResponses(...staffErrors) } },
    handler: async (req) => svc.getRanking(staffContext(req), req.query),
  });
  r.get('/api/strengthening/assessments', {
    schema: { tags, summary: '管理范围内的自评（默认待审核）', querystring: assessmentListQuery, response: { 200: listOf(assessmentSummary), ...errorResponses(...staffErrors) } },
    handler: async (req) => svc.listAssessments(staffContext(req), req.query),
  });
  r.post('/api/strengthening/assessments', {
    schema: {
      tags,
      summary: '提交自评（本工会的工作人员；退回的可再次提交）；证明材料随后上传到 /api/file-evidence?assessmentId=',
      body: submitAssessmentBody,
      response: { 201: assessmentSummary, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.submitAssessment(staffContext(req, ...ASSESSMENT_SUBMIT_ROLES), req.body)),
  });
  r.post('/api/strengthening/assessments/:id/review', {
    schema: {
      tags,
      summary: '审核自评：通过或退回（上级工会的管理员或审核员）',
      description: '403 review_own_union；409 assessment_decided；400 assessment_reason_required、evidence_required',
      params: idParam,
      body: reviewAssessmentBody,
      response: { 200: assessmentSummary, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => svc.reviewAssessment(staffContext(req, ...ASSESSMENT_REVIEW_ROLES), req.params.id, req.body),
  });
  r.get('/api/strengthening/model-homes', {
    schema: { tags, summary: '模范职工之家（管理范围内，按年度）', querystring: modelHomeListQuery, response: { 200: listOf(modelHome), ...errorResponses(...staffErrors) } },
    handler: async (req) => svc.listModelHomes(staffContext(req), req.query),
  });
  r.post('/api/strengthening/model-homes', {
    schema: {
      tags,
      summary: '按评分卡评定模范职工之家（县级及以上上级工会的管理员；保存评定时的评分卡）',
      description: '409 model_home_score_too_low',
      body: designateModelHomeBody,
      response: { 201: modelHome, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await svc.designateModelHome(staffContext(req, ...MODEL_HOME_ROLES), req.body)),
  });
}
