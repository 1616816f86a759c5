// Routes of roster import (名册导入) and member export (导出). Multipart is registered here only:
// every other route keeps refusing anything but JSON.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  memberExportQuery,
  ROSTER_MAX_FILE_BYTES,
  ROSTER_MAX_ROWS,
  rosterJob,
  rosterJobList,
  rosterJobParams,
  rosterJobQuery,
  rosterRowErrors,
  rosterUploadForm,
} from '../../../contracts/rosters.ts';
import { exportContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { AppError } from '../../errors.ts';
import { exportMembers } from './export.service.ts';
import { RosterQueue } from './roster-import.ts';
import * as rosters from './rosters.service.ts';
import type { UploadForm } from './rosters.service.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';

/** Reads the upload form: the orgId field and one file, at most 20 MB (413 past it). */
async function readUploadForm(req: FastifyRequest): Promise<UploadForm> {
  let orgId: string | undefined;
  let file: { fileName: string; content: Buffer } | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: ROSTER_MAX_FILE_BYTES, files: 1, fields: 4, fieldSize: 200, parts: 6 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('validation_failed', '请求参数有误：文件字段应为 file');
        file = { fileName: part.filename, content: await part.toBuffer() };
      } else if (part.fieldname === 'orgId') {
        orgId = typeof part.value === 'string' ? part.value : undefined;
      } else {
        throw new AppError('validation_failed', `请求参数有误：不认识的字段 ${part.fieldname.slice(0, 30)}`);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('roster_too_large');
    throw new AppError('validation_failed', '请求参数有误：上传表单不完整或格式不正确');
  }
  if (!file) throw new AppError('roster_file_required');
  return { orgId, ...file };
}

export async function rosterRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const queue = new RosterQueue(app.deps, { log: (msg, detail) => app.log.error(detail ?? {}, msg) });
  app.addHook('onClose', async () => queue.close());

  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['rosters'];

  r.get('/api/rosters/template', {
    schema: {
      tags,
      summary: '下载会员名册模板（.xlsx）',
      description: '表头：姓名、身份证号、手机号、工作单位、入会日期(可选)、备注(可选)；另附“填写说明”工作表。',
      response: { 200: xlsxResponse('名册模板'), ...errorResponses(401, 403) },
    },
    handler: async (req, reply) => {
      // a blank form, the same for everyone: no records leave with it, so it is no export
      staffContext(req);
      return sendXlsx(reply, '会员名册模板.xlsx', await rosters.getRosterTemplate());
    },
  });

  r.post('/api/rosters', {
    schema: {
      tags,
      summary: '上传会员名册，导入到本管理范围内的一个工会（异步任务）',
      description:
        `multipart/form-data：orgId（工会 ID，先于文件）与 file（.xlsx，不超过 20 MB、${ROSTER_MAX_ROWS.toLocaleString('en-US')} 行）。` +
        '解析之前先检查文件：按内容（zip 结构与 [Content_Types].xml、xl/workbook.xml）判断是否为 xlsx，' +
        '读取 zip 中央目录检查条目数、解压后总大小与压缩比（压缩炸弹），被拒绝时不写入任何数据。' +
        '通过后返回 202 与导入任务，用 GET /api/rosters/{jobId} 查询进度。' +
        '导入规则（按行）：整个文件先读完并逐行校验；缺少必填列、超过 10 万行或没有数据行时整个文件被拒绝、不写入任何数据；' +
        '否则校验通过的行直接成为该工会会员（会员号、电子会员证、入会记录“导入名册”），有错误的行不导入，' +
        '可下载错误明细（原始列 + 错误原因）改正后重新上传。写入按批进行，每批一个事务。' +
        '按身份证号幂等：已是本工会会员的行跳过（重复上传同一文件不会重复导入）；曾退会的人重新入会（会员号不变）。' +
        `行错误代码：${Object.entries(rosterRowErrors).map(([c, m]) => `${c}（${m}）`).join('；')}。`,
      consumes: ['multipart/form-data'],
      body: rosterUploadForm,
      response: { 202: rosterJob, ...errorResponses(...staffErrors, 409, 413, 415, 429) },
    },
    // The form is read by the handler (streamed, with its limits); the body schema documents it.
    validatorCompiler: () => (data: unknown) => ({ value: data }),
    handler: async (req, reply) => {
      const ctx = staffContext(req, 'admin', 'clerk');
      if (!req.isMultipart()) throw new AppError('roster_not_multipart');
      if (Number(req.headers['content-length']) > ROSTER_MAX_FILE_BYTES + 64 * 1024) throw new AppError('roster_too_large');
      const form = await readUploadForm(req);
      return reply.code(202).send(await rosters.uploadRoster(ctx, queue, form));
    },
  });

  r.get('/api/rosters', {
    schema: {
      tags,
      summary: '名册导入任务（本管理范围内，最新的在前，分页）',
      querystring: rosterJobQuery,
      response: { 200: rosterJobList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => rosters.listRosterJobs(staffContext(req), req.query),
  });

  r.get('/api/rosters/:jobId', {
    schema: {
      tags,
      summary: '名册导入任务的进度与结果',
      description: 'status：queued 排队、reading 读取校验、importing 写入、done 完成、failed 整个文件被拒绝或中断（error 说明原因）。percent 供进度条使用。',
      params: rosterJobParams,
      response: { 200: rosterJob, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => rosters.getRosterJob(staffContext(req), req.params.jobId),
  });

  r.get('/api/rosters/:jobId/errors', {
    schema: {
      tags,
      summary: '下载错误明细（未导入的行：原始各列 + 错误原因，保留 24 小时；记入审计日志）',
      params: rosterJobParams,
      response: { 200: xlsxResponse('错误明细'), ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const file = await rosters.getRosterErrors(exportContext(req, ['admin', 'clerk']), req.params.jobId);
      return sendXlsx(reply, file.fileName, file.content);
    },
  });

  r.get('/api/members/export', {
    schema: {
      tags: ['members'],
      summary: '导出会员名册（.xlsx，个人信息脱敏，记入审计日志）',
      description:
        '导出本管理范围内（或 orgId 及其下级组织）的会员；身份证号、手机号仅为脱敏值；' +
        '以 = + - @ 或制表符、回车开头的单元格前加单引号，防止公式注入。',
      querystring: memberExportQuery,
      response: { 200: xlsxResponse('会员名册'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const ctx = exportContext(req);
      const out = await exportMembers(ctx, req.query, (msg) => req.log.error(msg));
      reply.header('x-export-rows', String(out.rows));
      return sendXlsx(reply, out.fileName, out.stream);
    },
  });
}
