// Routes of the problems workers report on places: the worker reports (a multipart form: kind, text
// and an optional photo; the multipart parser is registered for that route only), reads their own;
// staff of the scope list, open (the photo audited) and resolve.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import {
  PLACE_PROBLEM_PHOTO_MAX_BYTES,
  myPlaceProblem,
  myPlaceProblemsQuery,
  placeProblem,
  placeProblemDetail,
  placeProblemQuery,
  placeReportInfo,
  reportProblemForm,
  resolveProblemBody,
  revealReporterBody,
  revealedReporterPhone,
} from '../../../contracts/place-status.ts';
import { PLACE_REVEAL_ROLES } from '../../../contracts/places.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { AppError } from '../../errors.ts';
import * as problems from './problems.service.ts';

/** The form is read by the handler (streamed, with its limits; the body schema documents it). */
const formValidator: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route));

/** Reads the form: the text fields kind and text, and at most one file `file` of at most 5 MB (413 past it). */
async function readForm(req: FastifyRequest): Promise<{ fields: Record<string, string>; photo: problems.UploadedPhoto | undefined }> {
  if (!req.isMultipart()) throw new AppError('place_problem_not_multipart');
  if (Number(req.headers['content-length']) > PLACE_PROBLEM_PHOTO_MAX_BYTES + 64 * 1024) throw new AppError('place_problem_photo_too_large');
  const fields: Record<string, string> = {};
  let photo: problems.UploadedPhoto | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: PLACE_PROBLEM_PHOTO_MAX_BYTES, files: 1, fields: 2, parts: 3, fieldSize: 2000 } })) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw new AppError('validation_failed', '请求参数有误：照片字段应为 file');
        const content = await part.toBuffer();
        if (content.length > 0) photo = { content };
      } else {
        if (part.fieldname !== 'kind' && part.fieldname !== 'text') throw new AppError('validation_failed', `请求参数有误：未知字段 ${part.fieldname.slice(0, 20)}`);
        fields[part.fieldname] = String(part.value);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('place_problem_photo_too_large');
    throw new AppError('validation_failed', '请求参数有误：上传表单不完整或格式不正确');
  }
  return { fields, photo };
}

/** The report's route, in a plugin of its own: only it reads multipart forms (every other route keeps refusing them). */
async function reportRoute(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.post('/api/me/places/:id/problems', {
    schema: {
      tags,
      summary: '报告阵地问题（关门了、没有水、设施坏了、卫生差、其他；请求头 Idempotency-Key 必填）',
      description:
        'multipart/form-data：kind、text（2–200 字），可选 file（照片 JPEG、PNG、WebP，按文件内容判断类型，不超过 5 MB）。' +
        '同一职工对同一阵地的同类问题未处理前再报，答复那条未处理的报告（created=false），不重复计入。' +
        '400 validation_failed、place_problem_photo_type；413 place_problem_photo_too_large；409 place_not_in_service。',
      consumes: ['multipart/form-data'],
      params: idParam,
      headers: idempotencyKeyHeader('报告'),
      body: reportProblemForm,
      response: { 201: myPlaceProblem, ...errorResponses(400, 401, 403, 404, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = memberContext(req);
      const { id } = req.params;
      const key = idempotencyKeyOf(req);
      const form = await readForm(req);
      return sendIdempotent(reply as FastifyReply, await problems.reportProblem(ctx, id, key, form.fields, form.photo));
    },
  });
}

export async function placeProblemRoutes(app: FastifyInstance): Promise<void> {
  await app.register(reportRoute);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['places'];

  r.get('/api/me/places/:id/report', {
    schema: { tags, summary: '报告问题页：阵地名称、已有的问题报告、我尚未处理的报告类型', params: idParam, response: { 200: placeReportInfo, ...errorResponses(401, 403, 404) } },
    handler: async (req) => problems.getReportInfo(memberContext(req), req.params.id),
  });

  r.get('/api/me/place-problems', {
    schema: { tags, summary: '我报告的阵地问题', querystring: myPlaceProblemsQuery, response: { 200: listOf(myPlaceProblem), ...errorResponses(400, 401, 403) } },
    handler: async (req) => problems.listMyProblems(memberContext(req), req.query),
  });

  r.get('/api/place-problems', {
    schema: {
      tags,
      summary: '阵地问题报告（管理范围内；待处理的按期限先后）',
      querystring: placeProblemQuery,
      response: { 200: listOf(placeProblem), ...errorResponses(...staffErrors) },
    },
    handler: async (req) => problems.listProblems(staffContext(req), req.query),
  });

  r.get('/api/place-problems/:id', {
    schema: { tags, summary: '阵地问题报告详情（报告人手机号脱敏）', params: idParam, response: { 200: placeProblemDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => problems.getProblem(staffContext(req), req.params.id),
  });

  r.get('/api/place-problems/:id/photo', {
    schema: {
      tags,
      summary: '阵地问题报告的照片（记入审计日志）',
      params: idParam,
      response: { 200: { description: '图片', content: { 'image/jpeg': { schema: z.string().meta({ format: 'binary' }) } } }, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const photo = await problems.getProblemPhoto(staffContext(req), req.params.id);
      return (reply as FastifyReply)
        .header('content-type', photo.mime)
        .header('content-disposition', 'inline')
        .header('cache-control', 'private, no-store')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .send(photo.content);
    },
  });

  r.post('/api/place-problems/:id/resolve', {
    schema: {
      tags,
      summary: '处理阵地问题并告知报告人（运营工会及上级工会）',
      description: '409 place_problem_resolved（已处理）。',
      params: idParam,
      body: resolveProblemBody,
      response: { 200: placeProblemDetail, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => problems.resolveProblem(staffContext(req), req.params.id, req.body.note),
  });

  r.post('/api/place-problems/:id/reveal', {
    schema: {
      tags,
      summary: '查看阵地问题报告人的完整手机号（便于回电；须填原因，记入审计日志）',
      params: idParam,
      body: revealReporterBody,
      response: { 200: revealedReporterPhone, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await problems.revealReporterPhone(staffContext(req, ...PLACE_REVEAL_ROLES), req.params.id, req.body.reason);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });
}
