// Routes of hardship files (困难职工档案) and relief-and-exit (解困脱困). Every staff role of the scope
// sees the list and a file's status line; the details (why, who, the plan, visit notes) are for
// admins and reviewers, each read audited.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import {
  addHardshipAidBody,
  addHardshipVisitBody,
  changeHardshipStatusBody,
  createHardshipFileBody,
  hardshipExportQuery,
  hardshipFigures,
  hardshipFiguresQuery,
  hardshipFileDetails,
  hardshipFileList,
  hardshipFileView,
  hardshipListQuery,
  hardshipTarget,
  setHardshipTargetBody,
  updateHardshipFileBody,
} from '../../../contracts/hardship.ts';
import { exportContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as figures from './figures.service.ts';
import * as hardship from './hardship.service.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';

const detailNote = '仅单位管理员（admin）和审核员（reviewer）；其他角色 403 hardship_details_forbidden。';

export async function hardshipRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['hardship'];

  r.get('/api/hardship/files', {
    schema: {
      tags,
      summary: '困难职工档案列表（脱敏，不含致困原因）',
      description: '按致困原因筛选（cause）仅限管理员和审核员。',
      querystring: hardshipListQuery,
      response: { 200: hardshipFileList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => hardship.listFiles(staffContext(req), req.query),
  });

  r.get('/api/hardship/files/export', {
    schema: {
      tags,
      summary: '导出困难职工档案列表（.xlsx，脱敏，记入审计日志）',
      querystring: hardshipExportQuery,
      response: { 200: xlsxResponse('档案列表'), ...errorResponses(...staffErrors, 413) },
    },
    handler: async (req, reply) => {
      const out = await figures.exportFiles(exportContext(req), req.query);
      return sendXlsx(reply as FastifyReply, out.fileName, out.buffer);
    },
  });

  r.post('/api/hardship/files', {
    schema: {
      tags,
      summary: '建立困难职工档案（同一会员只能有一份未脱困的档案）',
      description: `${detailNote} 409 hardship_file_open、member_not_active。`,
      body: createHardshipFileBody,
      response: { 201: hardshipFileView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const out = await hardship.createFile(staffContext(req), req.body);
      return reply.code(201).send(out);
    },
  });

  r.get('/api/hardship/files/:id', {
    schema: {
      tags,
      summary: '档案概况：状态历程（不含原因）、帮扶金额',
      params: idParam,
      response: { 200: hardshipFileView, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => hardship.getFile(staffContext(req), req.params.id),
  });

  r.get('/api/hardship/files/:id/details', {
    schema: {
      tags,
      summary: '档案详情：致困原因、家庭成员、收入、解困计划、走访记录（每次查看记入审计日志）',
      description: detailNote,
      params: idParam,
      response: { 200: hardshipFileDetails, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await hardship.readFileDetails(staffContext(req), req.params.id);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });

  r.patch('/api/hardship/files/:id', {
    schema: {
      tags,
      summary: '修改档案（致困原因、家庭成员、收入、解困计划）',
      description: detailNote,
      params: idParam,
      body: updateHardshipFileBody,
      response: { 200: hardshipFileView, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => hardship.updateFile(staffContext(req), req.params.id, req.body),
  });

  r.post('/api/hardship/files/:id/status', {
    schema: {
      tags,
      summary: '变更档案状态：帮扶中、已脱困（须填原因和日期）、已回访（须填回访情况）',
      description: `${detailNote} 409 hardship_status_invalid；400 hardship_reason_required、hardship_date_invalid。`,
      params: idParam,
      body: changeHardshipStatusBody,
      response: { 200: hardshipFileView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => hardship.changeStatus(staffContext(req), req.params.id, req.body),
  });

  r.post('/api/hardship/files/:id/visits', {
    schema: {
      tags,
      summary: '记录走访',
      description: detailNote,
      params: idParam,
      body: addHardshipVisitBody,
      response: { 201: hardshipFileView, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => reply.code(201).send(await hardship.addVisit(staffContext(req), req.params.id, req.body)),
  });

  r.post('/api/hardship/files/:id/aid', {
    schema: {
      tags,
      summary: '记录帮扶（金额、日期、来源；可关联点对点发放记录）',
      description: '管理员、审核员、经办人。409 hardship_payout_mismatch。',
      params: idParam,
      body: addHardshipAidBody,
      response: { 201: hardshipFileView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await hardship.addAid(staffContext(req, 'admin', 'reviewer', 'clerk'), req.params.id, req.body)),
  });

  r.get('/api/hardship/figures', {
    schema: {
      tags,
      summary: '解困脱困数据：按状态、按月建档与脱困、脱困率、帮扶金额、目标与完成情况',
      querystring: hardshipFiguresQuery,
      response: { 200: hardshipFigures, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => figures.getFigures(staffContext(req), req.query),
  });

  r.put('/api/hardship/targets', {
    schema: {
      tags,
      summary: '设置某工会某年的脱困目标户数（含下级组织）',
      description: '单位管理员。',
      body: setHardshipTargetBody,
      response: { 200: hardshipTarget, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => hardship.setTarget(staffContext(req, 'admin'), req.body),
  });
}
