// Routes of the register of employers (企业档案): the list, adding one (Idempotency-Key), merging a
// duplicate, the Excel import (template, upload, the bad rows back) and the export. Multipart is
// registered in this plugin only: every other route keeps refusing anything but JSON.
// Design: docs/design/enterprise-file.md §8.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  ENTERPRISE_WRITE_ROLES,
  createEnterpriseBody,
  enterpriseExportQuery,
  enterpriseImportAnswer,
  enterpriseImportErrorsQuery,
  enterpriseImportForm,
  enterpriseListQuery,
  enterpriseSummary,
  mergeEnterpriseAnswer,
  mergeEnterpriseBody,
} from '../../../contracts/enterprises-register.ts';
import { AppError } from '../../errors.ts';
import { exportContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import { beijingStamp } from '../../lib/beijing-time.ts';
import { MAX_FILE_BYTES } from '../../lib/xlsx-guard.ts';
import { enterpriseImportErrors, enterpriseTemplate, importEnterprises } from './import.ts';
import { mergeEnterprise } from './merge.service.ts';
import { createEnterprise, exportEnterprises, listEnterprises } from './register.service.ts';

/** The form is read by the handler (streamed, with its limits; the body schema documents it). */
const formValidator: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route));

/** Reads the form's one file (field `file`), at most 20 MB. */
async function readFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('roster_not_multipart', '请以 multipart/form-data 表单上传 Excel 文件');
  if (Number(req.headers['content-length']) > MAX_FILE_BYTES + 64 * 1024) throw new AppError('roster_too_large');
  let file: Buffer | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw new AppError('validation_failed', '请求参数有误：文件字段应为 file');
      file = await part.toBuffer();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('roster_too_large');
    throw new AppError('validation_failed', '请求参数有误：上传表单不完整或格式不正确');
  }
  if (!file) throw new AppError('roster_file_required', '请选择要上传的 Excel 文件（.xlsx）');
  return file;
}

export async function enterpriseRegisterRoutes(app: FastifyInstance): Promise<void> {
  await app.register(enterpriseJsonRoutes);
  await app.register(enterpriseFileRoutes);
}

/** The JSON routes: multipart is not registered here, so they refuse it (415) as every other route. */
async function enterpriseJsonRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.get('/api/enterprises', {
    schema: {
      tags,
      summary: '企业档案：管理范围内的用人单位（按所在镇街或所属工会），已合并的重复单位不列出',
      querystring: enterpriseListQuery,
      response: { 200: listOf(enterpriseSummary), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => listEnterprises(staffContext(req), req.query),
  });

  r.post('/api/enterprises', {
    schema: {
      tags,
      summary: '新增单位（镇街及以上工会；请求头 Idempotency-Key 必填）',
      description:
        '同时记录首批档案事项（名称和信用代码、行业、登记注册类型、职工人数、地址、平台）。409 enterprise_exists（信用代码或名称已有单位）；' +
        '400 invalid_credit_code、credit_code_is_union、enterprise_town_invalid、fact_date_invalid。',
      headers: idempotencyKeyHeader('新增'),
      body: createEnterpriseBody,
      response: { 201: enterpriseSummary, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...ENTERPRISE_WRITE_ROLES);
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await createEnterprise(ctx, req.body, key));
    },
  });

  r.post('/api/enterprises/:id/merge', {
    schema: {
      tags,
      summary: '合并重复单位：会员、入会申请、转会、维权工单、监督案件转到保留的单位；重复单位的档案事项保留',
      description: '两个单位都须在管理范围内（按所在镇街）。409 merge_into_self、enterprise_merged；403 enterprise_identity_town_only。',
      params: idParam,
      body: mergeEnterpriseBody,
      response: { 200: mergeEnterpriseAnswer, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => mergeEnterprise(staffContext(req, ...ENTERPRISE_WRITE_ROLES), req.params.id, req.body.intoId),
  });

  r.get('/api/enterprises/export.xlsx', {
    schema: {
      tags,
      summary: '导出企业档案（与列表相同的筛选条件，最多 100,000 个单位）',
      querystring: enterpriseExportQuery,
      response: { 200: xlsxResponse('企业档案'), ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => sendXlsx(reply as FastifyReply, `企业档案-${beijingStamp()}.xlsx`, await exportEnterprises(exportContext(req), req.query)),
  });
}

/** The Excel routes: the template, the upload and the errors file (multipart registered here only). */
async function enterpriseFileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.get('/api/enterprises/import-template', {
    schema: { tags, summary: '单位导入模板（Excel）', response: { 200: xlsxResponse('单位导入模板'), ...errorResponses(...staffErrors) } },
    handler: async (req, reply) => {
      staffContext(req, ...ENTERPRISE_WRITE_ROLES);
      return sendXlsx(reply as FastifyReply, '单位导入模板.xlsx', await enterpriseTemplate());
    },
  });

  r.post('/api/enterprises/import', {
    schema: {
      tags,
      summary: '从 Excel 导入单位（校验通过的行写入，有错误的行逐行列出；请求头 Idempotency-Key 必填）',
      description:
        'multipart/form-data：file（.xlsx，按模板，最多 20,000 行）。已在档案中、或文件中重复的信用代码和名称列为错误，不更新原有档案。' +
        '400 enterprise_import_headers、enterprise_import_empty、enterprise_import_too_many_rows、roster_corrupt；413 roster_too_large；415 roster_not_xlsx、roster_legacy_xls。',
      consumes: ['multipart/form-data'],
      headers: idempotencyKeyHeader('导入'),
      body: enterpriseImportForm,
      response: { 200: enterpriseImportAnswer, 201: enterpriseImportAnswer, ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...ENTERPRISE_WRITE_ROLES);
      const key = idempotencyKeyOf(req);
      const out = await importEnterprises(ctx, await readFile(req), key);
      return sendIdempotent(reply as FastifyReply, { body: JSON.stringify(out.answer), replayed: out.replayed }, out.answer.created > 0 ? 201 : 200);
    },
  });

  r.post('/api/enterprises/import/errors', {
    schema: {
      tags,
      summary: '下载错误清单：未导入的行及原因（改正后重新上传这些行）',
      description:
        'multipart/form-data：file（与导入时相同的文件）；key：导入时的 Idempotency-Key（已导入的行不列出）。不写入、不保存任何内容。' +
        '409 enterprise_import_no_errors；400 enterprise_import_headers、enterprise_import_empty；413 roster_too_large；415 roster_not_xlsx。',
      consumes: ['multipart/form-data'],
      querystring: enterpriseImportErrorsQuery,
      body: enterpriseImportForm,
      response: { 200: xlsxResponse('单位导入错误清单'), ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...ENTERPRISE_WRITE_ROLES);
      const workbook = await enterpriseImportErrors(ctx, await readFile(req), req.query.key);
      return sendXlsx(reply as FastifyReply, `单位导入错误清单-${beijingStamp()}.xlsx`, workbook);
    },
  });
}
