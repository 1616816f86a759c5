// Routes of a ticket's documents and photos (材料): the worker uploads to and downloads from their own
// ticket; the holding union's staff upload, and staff of the scope download (audited). Uploads are
// multipart forms with one file (registered in this plugin only: every other route keeps refusing
// anything but JSON) and an Idempotency-Key.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import { TICKET_ATTACHMENT_MAX_BYTES, attachmentFileQuery, ticketAttachment, ticketAttachmentUploadForm } from '../../../contracts/tickets.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { AppError } from '../../errors.ts';
import * as attachments from './tickets.attachments.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;

/** The form is read by the handler (streamed, with its limits; the body schema documents it); params and headers are checked as everywhere. */
const formValidator: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route));

/** Reads the form's one file (field `file`), at most 10 MB (413 past it). */
async function readFile(req: FastifyRequest): Promise<attachments.UploadedFile> {
  if (!req.isMultipart()) throw new AppError('ticket_attachment_not_multipart');
  if (Number(req.headers['content-length']) > TICKET_ATTACHMENT_MAX_BYTES + 64 * 1024) throw new AppError('ticket_attachment_too_large');
  let file: attachments.UploadedFile | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: TICKET_ATTACHMENT_MAX_BYTES, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw new AppError('validation_failed', '请求参数有误：文件字段应为 file');
      file = { fileName: part.filename, content: await part.toBuffer() };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('ticket_attachment_too_large');
    throw new AppError('validation_failed', '请求参数有误：上传表单不完整或格式不正确');
  }
  if (!file) throw new AppError('ticket_attachment_required');
  return file;
}

function sendFile(reply: FastifyReply, f: attachments.AttachmentFile, inline: boolean) {
  const ascii = f.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  // an image may be shown in the page (a thumbnail); anything else is always a download
  const disposition = inline && f.mime.startsWith('image/') ? 'inline' : 'attachment';
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(f.content);
}

const fileResponse = { description: '文件（按内容判断的类型）', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } };
const uploadDescription =
  'multipart/form-data：file（照片 JPEG、PNG、WebP 或 PDF 文件，按文件内容判断类型，不超过 10 MB；每个工单最多 9 个）。' +
  '400 ticket_attachment_required、ticket_attachment_type；413 ticket_attachment_too_large；409 ticket_attachments_full、ticket_state_invalid（已办结）。' +
  '重试（同一个 Idempotency-Key 与相同文件）得到与第一次完全相同的回答，并带 Idempotent-Replayed: true。';

export async function ticketAttachmentRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tickets'];
  const keyHeader = idempotencyKeyHeader('上传');

  r.post('/api/me/tickets/:id/attachments', {
    schema: {
      tags,
      summary: '为我的维权求助上传照片或文件（请求头 Idempotency-Key 必填）',
      description: uploadDescription,
      consumes: ['multipart/form-data'],
      params: idParam,
      headers: keyHeader,
      body: ticketAttachmentUploadForm,
      response: { 201: ticketAttachment, ...errorResponses(401, 403, 404, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = memberContext(req);
      const { id } = req.params;
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await attachments.uploadMyAttachment(ctx, id, key, await readFile(req)));
    },
  });

  r.get('/api/me/ticket-attachments/:id', {
    schema: { tags, summary: '下载我的维权求助的材料', params: idParam, querystring: attachmentFileQuery, response: { 200: fileResponse, ...errorResponses(401, 403, 404) } },
    handler: async (req, reply) => sendFile(reply as FastifyReply, await attachments.getMyAttachmentFile(memberContext(req), req.params.id), req.query.inline === '1'),
  });

  r.post('/api/tickets/:id/attachments', {
    schema: {
      tags,
      summary: '为工单上传照片或文件（当前办理工会的工作人员；请求头 Idempotency-Key 必填）',
      description: `403 ticket_not_holder。${uploadDescription}`,
      consumes: ['multipart/form-data'],
      params: idParam,
      headers: keyHeader,
      body: ticketAttachmentUploadForm,
      response: { 201: ticketAttachment, ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      const { id } = req.params;
      const key = idempotencyKeyOf(req);
      return sendIdempotent(reply as FastifyReply, await attachments.uploadStaffAttachment(ctx, id, key, await readFile(req)));
    },
  });

  r.get('/api/ticket-attachments/:id', {
    schema: {
      tags,
      summary: '下载工单材料（管理范围内、且不对被反映单位工会保密的工单；记入审计日志）',
      description: 'inline=1 时图片在页面中显示（缩略图），同样记入审计日志。',
      params: idParam,
      querystring: attachmentFileQuery,
      response: { 200: fileResponse, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const inline = req.query.inline === '1';
      return sendFile(reply as FastifyReply, await attachments.getStaffAttachmentFile(staffContext(req), req.params.id, inline), inline);
    },
  });
}
