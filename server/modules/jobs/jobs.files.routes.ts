// The Excel import of a fair's jobs (template, upload, the refused file back with its errors). Multipart
// is registered in this plugin only: every other route keeps refusing anything but JSON.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import { JOB_WRITE_ROLES, jobImportAnswer, jobImportForm, jobImportQuery } from '../../../contracts/jobs.ts';
import { beijingStamp } from '../../lib/beijing-time.ts';
import { MAX_FILE_BYTES } from '../../lib/xlsx-guard.ts';
import { AppError } from '../../errors.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import { importFairJobs, jobImportErrors } from './jobs.import.ts';
import { jobTemplate } from './jobs.import.sheet.ts';

/** The form is read by the handler (streamed, with its limits; the body schema documents it). */
const formValidator: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route));

/** Reads the form's one file (field `file`), at most MAX_FILE_BYTES. */
async function readFile(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('job_file_not_multipart');
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
  if (!file) throw new AppError('job_file_required');
  return file;
}

export async function jobFileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['jobs'];

  r.get('/api/job-fairs/import-template', {
    schema: { tags, summary: '招聘会岗位导入模板（Excel）', response: { 200: xlsxResponse('招聘会岗位导入模板'), ...errorResponses(...staffErrors) } },
    handler: async (req, reply) => {
      staffContext(req, ...JOB_WRITE_ROLES);
      return sendXlsx(reply as FastifyReply, '招聘会岗位导入模板.xlsx', await jobTemplate());
    },
  });

  r.post('/api/job-fairs/:id/import', {
    schema: {
      tags,
      summary: '从 Excel 导入招聘会的岗位（整个文件校验通过才写入，一行出错则一行也不写入并逐行列出原因；请求头 Idempotency-Key 必填）',
      description:
        'multipart/form-data：file（.xlsx，按模板，最多 2,000 行）。ok=false：errors 列出每个出错的行、列和原因，什么也没有写入。ok=true：全部写入（dryRun=1 时只检查）。' +
        '岗位由招聘会的举办工会发布。400 job_import_headers、job_import_empty、job_import_too_many_rows、roster_corrupt；409 fair_cancelled；413 roster_too_large；415 roster_not_xlsx、roster_legacy_xls。',
      consumes: ['multipart/form-data'],
      params: idParam,
      querystring: jobImportQuery,
      headers: idempotencyKeyHeader('导入'),
      body: jobImportForm,
      response: { 200: jobImportAnswer, 201: jobImportAnswer, ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...JOB_WRITE_ROLES);
      const key = idempotencyKeyOf(req);
      const file = await readFile(req);
      const dryRun = req.query.dryRun === '1';
      const out = await importFairJobs(ctx, { fairId: req.params.id, dryRun, file, key });
      const ok = (JSON.parse(out.body) as { ok: boolean }).ok;
      return sendIdempotent(reply as FastifyReply, out, ok && !dryRun ? 201 : 200);
    },
  });

  r.post('/api/job-fairs/:id/import/errors', {
    schema: {
      tags,
      summary: '下载错误清单：被拒绝的导入文件原样返回，加“错误”列并标出出错的单元格（改正后整份重新上传）',
      description: 'multipart/form-data：file（与导入时相同的文件）。不写入、不保存任何内容。409 job_import_no_errors（没有出错的行，可以直接导入）。',
      consumes: ['multipart/form-data'],
      params: idParam,
      body: jobImportForm,
      response: { 200: xlsxResponse('招聘会岗位导入错误清单'), ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...JOB_WRITE_ROLES);
      const workbook = await jobImportErrors(ctx, { fairId: req.params.id, file: await readFile(req) });
      return sendXlsx(reply as FastifyReply, `招聘会岗位导入错误清单-${beijingStamp()}.xlsx`, workbook);
    },
  });
}
