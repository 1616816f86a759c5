// Routes of a ticket's documents and photos (材料): the worker uploads to and downloads from their own
// ticket; the holding union's staff upload, and staff of the scope download (audited). Uploads are
// multipart forms with one file (registered in this plugin only: every other route keeps refusing
// anything but JSON) and an Idempotency-Key.
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import { TICKET_ATTACHMENT_MAX_BYTES, attachmentFileQuery, ticketAttachment, ticketAttachmentUploadForm } from '../../../contracts/tickets.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { formValidator, readOneFile, sendStoredFile } from '../../http/upload.ts';
import * as attachments from './tickets.attachments.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;

const uploadErrors = { notMultipart: 'ticket_attachment_not_multipart', tooLarge: 'ticket_attachment_too_large', required: 'ticket_attachment_required' } as const;
const readFile = (req: FastifyRequest) => readOneFile(req, TICKET_ATTACHMENT_MAX_BYTES, uploadErrors);
const sendFile = sendStoredFile;

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
