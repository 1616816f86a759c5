import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  applicationQuery,
  applicationSchema,
  approveManyBody,
  approveManyResponse,
  changeStatusBody,
  joinBody,
  joinResponse,
  memberDetail,
  memberQuery,
  memberSummary,
  memberTransferBody,
  myApplicationsQuery,
  myTransfersQuery,
  phoneChangeBody,
  rejectBody,
  revealBody,
  revealResponse,
  staffPhoneChangeBody,
  staffTransferBody,
  transferQuery,
  transferSchema,
} from '../../../contracts/members.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as join from './join.service.ts';
import * as members from './members.service.ts';
import * as phoneChange from './phone-change.service.ts';
import { memberMe } from '../../../contracts/auth.ts';
import * as transfers from './transfers.service.ts';

export async function memberRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];

  r.post('/api/members/join', {
    schema: {
      tags,
      summary: '职工：实名申请入会（自动匹配所属工会）',
      description:
        '校验身份证号（GB 11643）与单位统一社会信用代码（GB 32100），按单位、平台与工作地点自动匹配工会，并说明原因。' +
        '所选工会设置为自动审核时直接入会，否则等待审核。',
      body: joinBody,
      response: { 201: joinResponse, ...errorResponses(401, 403, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await join.joinAsWorker(memberContext(req), req.body)),
  });

  r.get('/api/me/applications', {
    schema: {
      tags,
      summary: '职工：我的入会申请及进度（最新的在前）',
      querystring: myApplicationsQuery,
      response: { 200: listOf(applicationSchema), ...errorResponses(401, 403) },
    },
    handler: async (req) => join.listMyApplications(memberContext(req), req.query),
  });

  r.post('/api/me/transfer', {
    schema: {
      tags,
      summary: '会员：更换工作单位，申请会员关系转接',
      description: '按新单位（或平台与工作地点）匹配转入的工会；会员号、历史与电子会员证不变。',
      body: memberTransferBody,
      response: { 201: transferSchema, ...errorResponses(401, 403, 409) },
    },
    handler: async (req, reply) => reply.code(201).send(await transfers.requestTransferByMember(memberContext(req), req.body)),
  });

  r.post('/api/me/phone-change', {
    schema: {
      tags,
      summary: '会员：更换手机号后，核验身份将会籍转到当前登录的手机号',
      description:
        '以新手机号（短信验证码）登录后，填写姓名与完整身份证号；与在册会员一致时，会籍转到本手机号，原手机号收到短信通知且其登录失效。' +
        '核验不通过时，无论身份证号是否存在，回答都相同（identity_not_matched）；24 小时内失败 5 次（按手机号或身份证号）即暂停在线办理（phone_change_locked）。',
      body: phoneChangeBody,
      response: { 200: memberMe, ...errorResponses(401, 403, 409, 429) },
    },
    handler: async (req) => phoneChange.changePhoneBySelf(memberContext(req), req.body),
  });

  r.get('/api/me/transfers', {
    schema: {
      tags,
      summary: '会员：我的会员关系转接及进度（最新的在前）',
      querystring: myTransfersQuery,
      response: { 200: listOf(transferSchema), ...errorResponses(401, 403) },
    },
    handler: async (req) => transfers.listMyTransfers(memberContext(req), req.query),
  });

  r.get('/api/members/applications', {
    schema: { tags, summary: '入会申请（默认：待审核，最早的在前）', querystring: applicationQuery, response: { 200: listOf(applicationSchema), ...errorResponses(...staffErrors) } },
    handler: async (req) => join.listApplications(staffContext(req), req.query),
  });

  r.post('/api/members/applications/approve', {
    schema: { tags, summary: '批量通过入会申请', body: approveManyBody, response: { 200: approveManyResponse, ...errorResponses(...staffErrors) } },
    handler: async (req) => join.approveApplications(staffContext(req, 'admin', 'reviewer'), req.body.ids),
  });

  r.post('/api/members/applications/:id/approve', {
    schema: { tags, summary: '通过入会申请：发放会员号与电子会员证', params: idParam, response: { 200: applicationSchema, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => join.approveApplication(staffContext(req, 'admin', 'reviewer'), req.params.id),
  });

  r.post('/api/members/applications/:id/reject', {
    schema: { tags, summary: '驳回入会申请（原因将告知职工）', params: idParam, body: rejectBody, response: { 200: applicationSchema, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => join.rejectApplication(staffContext(req, 'admin', 'reviewer'), req.params.id, req.body.reason),
  });

  r.get('/api/members/transfers', {
    schema: { tags, summary: '会员关系转接：转入（in）或转出（out）本管理范围', querystring: transferQuery, response: { 200: listOf(transferSchema), ...errorResponses(...staffErrors) } },
    handler: async (req) => transfers.listTransfers(staffContext(req), req.query),
  });

  r.post('/api/members/transfers/:id/accept', {
    schema: { tags, summary: '接收转入的会员', params: idParam, response: { 200: transferSchema, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => transfers.decideTransfer(staffContext(req, 'admin', 'reviewer'), req.params.id, { accept: true }),
  });

  r.post('/api/members/transfers/:id/reject', {
    schema: { tags, summary: '拒绝转入（原因将告知会员）', params: idParam, body: rejectBody, response: { 200: transferSchema, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => transfers.decideTransfer(staffContext(req, 'admin', 'reviewer'), req.params.id, { accept: false, reason: req.body.reason }),
  });

  r.get('/api/members', {
    schema: {
      tags,
      summary: '本管理范围内的会员（个人信息脱敏）',
      description: 'q 为姓名（可部分）或完整手机号；按状态、群体、入会日期筛选。',
      querystring: memberQuery,
      response: { 200: listOf(memberSummary), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => members.listMembers(staffContext(req), req.query),
  });

  r.get('/api/members/:id', {
    schema: { tags, summary: '会员详情（脱敏）：会员证、历史记录、转接', params: idParam, response: { 200: memberDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => members.getMemberDetail(staffContext(req), req.params.id),
  });

  r.post('/api/members/:id/reveal', {
    schema: {
      tags,
      summary: '查看完整身份证号与手机号（须填写原因，记入审计日志）',
      params: idParam,
      body: revealBody,
      response: { 200: revealResponse, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => members.revealMember(staffContext(req, 'admin', 'reviewer'), req.params.id, req.body.reason),
  });

  r.post('/api/members/:id/status', {
    schema: { tags, summary: '变更会员状态（暂停、恢复、退会、身故），保留历史', params: idParam, body: changeStatusBody, response: { 200: memberDetail, ...errorResponses(...staffErrors, 409) } },
    handler: async (req) => members.changeMemberStatus(staffContext(req, 'admin', 'clerk'), req.params.id, req.body.status, req.body.reason),
  });

  r.post('/api/members/:id/phone', {
    schema: {
      tags,
      summary: '工作人员核验证件后为会员更换手机号（须填写原因，记入会员历史和审计日志）',
      description: '原手机号收到短信通知，其登录失效；新手机号登录即为该会员。',
      params: idParam,
      body: staffPhoneChangeBody,
      response: { 200: memberDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => {
      const ctx = staffContext(req, 'admin', 'reviewer');
      await phoneChange.changePhoneByStaff(ctx, req.params.id, req.body);
      return members.getMemberDetail(ctx, req.params.id);
    },
  });

  r.post('/api/members/:id/transfers', {
    schema: { tags, summary: '工作人员发起会员关系转接（转入本管理范围内的工会）', params: idParam, body: staffTransferBody, response: { 201: transferSchema, ...errorResponses(...staffErrors, 409) } },
    handler: async (req, reply) =>
      reply.code(201).send(await transfers.requestTransferByStaff(staffContext(req, 'admin', 'clerk'), req.params.id, req.body.toOrgId, req.body.reason)),
  });
}
