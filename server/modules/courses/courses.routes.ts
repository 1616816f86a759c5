// Courses (issue 17 slice B): staff set up a training activity as a course, record its results (per
// row or from Excel: all rows or none, the refused file back marked) and complete it (Idempotency-Key);
// a member lists the courses they can take. A course's id is its activity's id.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam, listOf } from '../../../contracts/common.ts';
import { courseBody, courseCompletion, courseDetail, courseResultBody, courseResultsForm, courseResultsImportAnswer, myCourse } from '../../../contracts/courses.ts';
import { myListQuery } from '../../../contracts/member-skills.ts';
import { AppError } from '../../errors.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { sendXlsx, xlsxResponse } from '../../http/xlsx.ts';
import { beijingStamp } from '../../lib/beijing-time.ts';
import { MAX_FILE_BYTES } from '../../lib/xlsx-guard.ts';
import * as courses from './courses.service.ts';

const tags = ['courses'];
const WRITERS = ['admin', 'clerk'] as const;

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

export async function courseRoutes(app: FastifyInstance): Promise<void> {
  await app.register(courseJsonRoutes);
  await app.register(courseFileRoutes);
}

/** The uploads, in their own plugin: only these routes take a multipart form. */
async function courseFileRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/courses/results-template', {
    schema: { tags, summary: '课程成绩导入模板（Excel）', response: { 200: xlsxResponse('课程成绩导入模板'), ...errorResponses(...staffErrors) } },
    handler: async (req, reply) => {
      staffContext(req, ...WRITERS);
      return sendXlsx(reply as FastifyReply, '课程成绩导入模板.xlsx', await courses.resultTemplate());
    },
  });

  r.post('/api/courses/:id/results/import', {
    schema: {
      tags,
      summary: '从 Excel 导入成绩（整个文件校验通过才写入；一行出错则一行也不写入）',
      description:
        'multipart/form-data：file（.xlsx，按成绩模板，最多 2,000 行）。按会员号，或姓名加脱敏身份证号匹配管理范围内的会员。' +
        '400 course_results_invalid（有出错的行，什么也没有写入：下载错误清单改正后重新上传）、roster_corrupt；413 roster_too_large；415 roster_not_xlsx、roster_legacy_xls。',
      consumes: ['multipart/form-data'],
      params: idParam,
      body: courseResultsForm,
      response: { 200: courseResultsImportAnswer, ...errorResponses(...staffErrors, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req) => courses.importResults(staffContext(req, ...WRITERS), req.params.id, await readFile(req)),
  });

  r.post('/api/courses/:id/results/import/errors', {
    schema: {
      tags,
      summary: '下载成绩导入的错误清单：被拒绝的文件原样返回，加“错误”列并标出出错的单元格',
      description: 'multipart/form-data：file（与导入时相同的文件）。不写入。409 course_results_no_errors。',
      consumes: ['multipart/form-data'],
      params: idParam,
      body: courseResultsForm,
      response: { 200: xlsxResponse('课程成绩错误清单'), ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const wb = await courses.courseResultErrors(staffContext(req, ...WRITERS), req.params.id, await readFile(req));
      return sendXlsx(reply as FastifyReply, `课程成绩错误清单-${beijingStamp()}.xlsx`, wb);
    },
  });

}

async function courseJsonRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/courses/:id', {
    schema: { tags, summary: '课程：教授的技能、课时、结业要求、成绩与结业情况', description: '400 course_not_training；404 未设置为课程。', params: idParam, response: { 200: courseDetail, ...errorResponses(...staffErrors) } },
    handler: async (req) => courses.getCourse(staffContext(req), req.params.id),
  });

  r.put('/api/courses/:id', {
    schema: {
      tags,
      summary: '把培训活动设置为课程，或修改：教授的技能及等级、课时、最低出勤率、最低成绩（已录入的成绩按新要求重新判断）',
      description: '400 course_not_training（不是培训类活动）、skill_level_invalid（等级应为 1–8）；404 skill_not_found。',
      params: idParam,
      body: courseBody,
      response: { 200: courseDetail, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => courses.saveCourse(staffContext(req, ...WRITERS), req.params.id, req.body),
  });

  r.put('/api/courses/:id/results', {
    schema: {
      tags,
      summary: '录入或修改一名学员的成绩（出勤率、成绩；是否结业按课程要求自动判断）',
      params: idParam,
      body: courseResultBody,
      response: { 200: courseDetail, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => courses.recordResult(staffContext(req, ...WRITERS), req.params.id, req.body),
  });

  r.post('/api/courses/:id/complete', {
    schema: {
      tags,
      summary: '课程结业：结业（通过）的学员每人记入课程教授的技能，并收到通知（请求头 Idempotency-Key 必填；重试和再次结业不重复记入）',
      description: '未通过的学员不自动记入、不自动通知。409 idempotency_key_reused。',
      params: idParam,
      headers: idempotencyKeyHeader('结业'),
      response: { 200: courseCompletion, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      return sendIdempotent(reply as FastifyReply, await courses.completeCourse(ctx, req.params.id, idempotencyKeyOf(req)), 200);
    },
  });

  r.get('/api/me/courses', {
    schema: { tags, summary: '我可以参加的技能培训课程（管理范围内、尚未开始，标明教授的技能）', querystring: myListQuery, response: { 200: listOf(myCourse), ...errorResponses(401, 403) } },
    handler: async (req) => courses.listMyCourses(memberContext(req), req.query),
  });
}
