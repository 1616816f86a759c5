// Routes of a place's files: photos (multipart upload by staff of the subtree, with an
// Idempotency-Key; shown at GET /api/place-photos/:id to staff of the subtree and, while the place is
// in service, to any signed-in worker) and the Excel import (template, upload, the refused file back with its errors). Multipart is
// registered in this plugin only: every other route keeps refusing anything but JSON.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import {
  PLACE_PHOTO_MAX_BYTES,
  PLACE_WRITE_ROLES,
  placeImportAnswer,
  placeImportErrorsQuery,
  placeImportForm,
  placeImportQuery,
  placePhoto,
  placePhotoUploadForm,
} from '../../../contracts/places.ts';
import { beijingStamp } from '../../lib/beijing-time.ts';
import { MAX_FILE_BYTES } from '../../lib/xlsx-guard.ts';
import { AppError } from '../../errors.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import { importPlaces, placeImportErrors } from './places.import.ts';
import { placeTemplate } from './places.import.sheet.ts';
import { getPlacePhotoFile, uploadPlacePhoto } from './places.photos.ts';

/** The form is read by the handler (streamed, with its limits; the body schema documents it). */
const formValidator: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route));

/** Reads the form's one file (field `file`), at most `max` bytes. */
async function readFile(req: FastifyRequest, max: number, tooLarge: 'place_photo_too_large' | 'roster_too_large'): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('place_file_not_multipart');
  if (Number(req.headers['content-length']) > max + 64 * 1024) throw new AppError(tooLarge);
  let file: Buffer | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: max, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw new AppError('validation_failed', '请求参数有误：文件字段应为 file');
      file = await part.toBuffer();
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(tooLarge);
    throw new AppError('validation_failed', '请求参数有误：上传表单不完整或格式不正确');
  }
  if (!file) throw new AppError('place_file_required');
  return file;
}

const imageResponse = { description: '照片', content: { 'image/*': { schema: z.string().meta({ format: 'binary' }) } } };

export async function placeFileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/api/places/import-template', {
    schema: { tags, summary: '阵地导入模板（Excel）', response: { 200: xlsxResponse('阵地导入模板'), ...errorResponses(...staffErrors) } },
    handler: async (req, reply) => {
      staffContext(req, ...PLACE_WRITE_ROLES);
      return sendXlsx(reply as FastifyReply, '阵地导入模板.xlsx', await placeTemplate());
    },
  });

  r.post('/api/places/import', {
    schema: {
      tags,
      summary: '从 Excel 导入阵地（整个文件校验通过才写入，一行出错则一行也不写入并逐行列出原因；请求头 Idempotency-Key 必填）',
      description:
        'multipart/form-data：file（.xlsx，按模板，最多 20,000 行）。ok=false：errors 列出每个出错的行、列和原因，什么也没有写入。' +
        'ok=true：全部写入（dryRun=1 时只检查），warnings 列出可能重复的阵地（文件内、与已登记的）。' +
        '400 place_import_headers、place_import_empty、place_import_too_many_rows、roster_corrupt；413 roster_too_large；415 roster_not_xlsx、roster_legacy_xls。',
      consumes: ['multipart/form-data'],
      querystring: placeImportQuery,
      headers: idempotencyKeyHeader('导入'),
      body: placeImportForm,
      response: { 200: placeImportAnswer, 201: placeImportAnswer, ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...PLACE_WRITE_ROLES);
      const key = idempotencyKeyOf(req);
      const file = await readFile(req, MAX_FILE_BYTES, 'roster_too_large');
      const out = await importPlaces(ctx, { orgId: req.query.orgId, dryRun: req.query.dryRun === '1', file, key });
      const ok = (JSON.parse(out.body) as { ok: boolean }).ok;
      return sendIdempotent(reply as FastifyReply, out, ok && req.query.dryRun !== '1' ? 201 : 200);
    },
  });

  r.post('/api/places/import/errors', {
    schema: {
      tags,
      summary: '下载错误清单：被拒绝的导入文件原样返回，加“错误”列并标出出错的单元格（改正后整份重新上传）',
      description:
        'multipart/form-data：file（与导入时相同的文件）。校验与导入相同，不写入、不保存任何内容。409 place_import_no_errors（没有出错的行，可以直接导入）；' +
        '400 place_import_headers、place_import_empty、place_import_too_many_rows、roster_corrupt；413 roster_too_large；415 roster_not_xlsx、roster_legacy_xls。',
      consumes: ['multipart/form-data'],
      querystring: placeImportErrorsQuery,
      body: placeImportForm,
      response: { 200: xlsxResponse('阵地导入错误清单'), ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...PLACE_WRITE_ROLES);
      const file = await readFile(req, MAX_FILE_BYTES, 'roster_too_large');
      const workbook = await placeImportErrors(ctx, { orgId: req.query.orgId, file });
      return sendXlsx(reply as FastifyReply, `阵地导入错误清单-${beijingStamp()}.xlsx`, workbook);
    },
  });

  r.post('/api/places/:id/photos', {
    schema: {
      tags,
      summary: '上传阵地照片（请求头 Idempotency-Key 必填；最多 9 张）',
      description: 'multipart/form-data：file（JPEG、PNG 或 WebP，按文件内容判断类型，不超过 5 MB）。400 place_photo_type；413 place_photo_too_large；409 place_photos_full、place_merged。',
      consumes: ['multipart/form-data'],
      params: idParam,
      headers: idempotencyKeyHeader('上传'),
      body: placePhotoUploadForm,
      response: { 201: placePhoto, ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...PLACE_WRITE_ROLES);
      const { id } = req.params;
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await uploadPlacePhoto(ctx, id, key, await readFile(req, PLACE_PHOTO_MAX_BYTES, 'place_photo_too_large')));
    },
  });

  r.get('/api/place-photos/:id', {
    schema: {
      tags,
      summary: '阵地照片（工作人员：管理范围内的阵地；职工：在用的阵地）',
      params: idParam,
      response: { 200: imageResponse, ...errorResponses(401, 404) },
    },
    handler: async (req, reply) => {
      if (!req.actor) throw new AppError(req.sessionExpired ? 'session_expired' : 'not_logged_in');
      const viewer = req.actor.kind === 'staff' ? { scope: req.actor.scope } : null;
      const f = await getPlacePhotoFile(req.server.deps, viewer, req.params.id);
      return (reply as FastifyReply)
        .header('content-type', f.mime)
        .header('cache-control', 'no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(f.bytes);
    },
  });
}
