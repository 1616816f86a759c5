// Skills (issue 17 slice A): the taxonomy picker (/api/skills, anyone logged in), the member's skills,
// certificates and job profile (/api/me/…), and the staff's skills register (/api/skill-register,
// /api/certificates: members of the caller's subtree only).
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  addCertificateBody,
  addSelfSkillBody,
  certificateItem,
  certificateRegisterQuery,
  certificateRegisterRow,
  jobProfile,
  jobProfileBody,
  myCertificateList,
  myListQuery,
  mySkillList,
  skillRegisterQuery,
  skillRegisterRow,
  skillSearchQuery,
  skillSearchResult,
} from '../../../contracts/member-skills.ts';
import { AppError } from '../../errors.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as skills from './skills.service.ts';

const tags = ['skills'];
const VERIFIERS = ['admin', 'clerk'] as const;
const memberErrors = [401, 403] as const;

/** Anyone logged in (a worker picking a skill, or staff). */
function loggedIn(req: FastifyRequest) {
  if (!req.actor) throw new AppError(req.sessionExpired ? 'session_expired' : 'not_logged_in');
  return req.server.deps;
}

export async function skillRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/skills', {
    schema: {
      tags,
      summary: '技能目录：按名称、别名或编码查找，或逐级浏览（职业分类大典 2022 与自由技能）',
      querystring: skillSearchQuery,
      response: { 200: skillSearchResult, ...errorResponses(401) },
    },
    handler: async (req) => skills.searchSkills(loggedIn(req), req.query),
  });

  // ── The member's side ──────────────────────────────────────────────────────────────────────────

  r.get('/api/me/skills', {
    schema: { tags, summary: '我的技能（按等级，含来源：工会培训、证书、自己填写）', querystring: myListQuery, response: { 200: mySkillList, ...errorResponses(...memberErrors) } },
    handler: async (req) => skills.listMySkills(memberContext(req), req.query),
  });

  r.post('/api/me/skills', {
    schema: {
      tags,
      summary: '填写我掌握的技能（再次填写同一技能即修改等级）',
      description: '400 skill_level_invalid（等级应为 1–8 级）；404 skill_not_found。',
      body: addSelfSkillBody,
      response: { 200: mySkillList, ...errorResponses(...memberErrors, 404) },
    },
    handler: async (req) => skills.addMySkill(memberContext(req), req.body),
  });

  r.delete('/api/me/skills/:id', {
    schema: { tags, summary: '删除自己填写的技能（培训和证书记入的技能不能删除）', params: idParam, response: { 200: mySkillList, ...errorResponses(...memberErrors, 404) } },
    handler: async (req) => skills.removeMySkill(memberContext(req), req.params.id),
  });

  r.get('/api/me/certificates', {
    schema: { tags, summary: '我的证书（编号隐藏；已核验的标明）', querystring: myListQuery, response: { 200: myCertificateList, ...errorResponses(...memberErrors) } },
    handler: async (req) => skills.listMyCertificates(memberContext(req), req.query),
  });

  r.post('/api/me/certificates', {
    schema: {
      tags,
      summary: '登记证书（职业资格证书或职业技能等级证书；工会核验后记入技能）',
      description: '400 certificate_number_invalid、skill_level_invalid；404 skill_not_found；409 certificate_exists（该编号已登记）。',
      body: addCertificateBody,
      response: { 201: certificateItem, ...errorResponses(...memberErrors, 404, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await skills.addMyCertificate(memberContext(req), req.body)),
  });

  r.get('/api/me/job-profile', {
    schema: { tags, summary: '我的求职意向与授权状态', response: { 200: jobProfile, ...errorResponses(...memberErrors) } },
    handler: async (req) => skills.getMyJobProfile(memberContext(req)),
  });

  r.put('/api/me/job-profile', {
    schema: { tags, summary: '保存求职意向（镇街最多 5 个、行业、月薪下限、班次、用工形式、岗位推送）', body: jobProfileBody, response: { 200: jobProfile, ...errorResponses(...memberErrors) } },
    handler: async (req) => skills.saveMyJobProfile(memberContext(req), req.body),
  });

  r.post('/api/me/job-profile/consent', {
    schema: { tags, summary: '单独同意向用人单位提供求职信息（个人信息保护法第十四条）', response: { 200: jobProfile, ...errorResponses(...memberErrors) } },
    handler: async (req) => skills.setMyJobConsent(memberContext(req), true),
  });

  r.post('/api/me/job-profile/withdraw', {
    schema: { tags, summary: '撤回同意：立即从所有岗位匹配和申请人名单中移除', response: { 200: jobProfile, ...errorResponses(...memberErrors) } },
    handler: async (req) => skills.setMyJobConsent(memberContext(req), false),
  });

  // ── The staff's register ───────────────────────────────────────────────────────────────────────

  r.get('/api/skill-register', {
    schema: { tags, summary: '技能名册：管理范围内会员的技能', querystring: skillRegisterQuery, response: { 200: listOf(skillRegisterRow), ...errorResponses(...staffErrors) } },
    handler: async (req) => skills.listSkillRegister(staffContext(req), req.query),
  });

  r.get('/api/certificates', {
    schema: { tags, summary: '证书名册：管理范围内会员登记的证书（待核验在前）', querystring: certificateRegisterQuery, response: { 200: listOf(certificateRegisterRow), ...errorResponses(...staffErrors) } },
    handler: async (req) => skills.listCertificates(staffContext(req), req.query),
  });

  r.post('/api/certificates/:id/verify', {
    schema: {
      tags,
      summary: '核验证书（已在技能人才评价证书全国联网查询核对）：记录核验人和时间，并记入会员技能',
      description: '仅单位管理员和经办人。已核验的再次核验不重复记入。',
      params: idParam,
      response: { 200: certificateRegisterRow, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => skills.verifyCertificate(staffContext(req, ...VERIFIERS), req.params.id),
  });
}
