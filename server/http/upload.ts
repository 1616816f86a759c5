// The multipart reader kit: one file (field `file`) read from a multipart form with its limits, and the
// validator that lets a route's body schema document the form while the handler reads it (streamed).
// Routes that take a file register @fastify/multipart in their own plugin (every other route keeps
// refusing anything but JSON) and call readOneFile with their own error codes. Used by ticket
// attachments and the enterprise file's evidence.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { AppError, type ErrorCode } from '../errors.ts';

/** An uploaded file as read from the form. */
export interface UploadedFile {
  fileName: string | undefined;
  content: Buffer;
}

/** The codes a route answers for a form that is not multipart, too large, or carries no file. */
export interface UploadErrors {
  notMultipart: ErrorCode;
  tooLarge: ErrorCode;
  required: ErrorCode;
}

/** The form is read by the handler (streamed, with its limits; the body schema documents it); params and headers are checked as everywhere. */
export const formValidator: typeof validatorCompiler = (route) => (route.httpPart === 'body' ? (data: unknown) => ({ value: data }) : validatorCompiler(route));

/** Reads the form's one file (field `file`), at most `maxBytes` (errors.tooLarge past it). */
export async function readOneFile(req: FastifyRequest, maxBytes: number, errors: UploadErrors): Promise<UploadedFile> {
  if (!req.isMultipart()) throw new AppError(errors.notMultipart);
  if (Number(req.headers['content-length']) > maxBytes + 64 * 1024) throw new AppError(errors.tooLarge);
  let file: UploadedFile | undefined;
  try {
    for await (const part of req.parts({ limits: { fileSize: maxBytes, files: 1, fields: 0, parts: 1 } })) {
      if (part.type !== 'file' || part.fieldname !== 'file') throw new AppError('validation_failed', '请求参数有误：文件字段应为 file');
      file = { fileName: part.filename, content: await part.toBuffer() };
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(errors.tooLarge);
    throw new AppError('validation_failed', '请求参数有误：上传表单不完整或格式不正确');
  }
  if (!file) throw new AppError(errors.required);
  return file;
}

/** A stored file to send back. */
export interface SentFile {
  content: Buffer;
  mime: string;
  fileName: string;
}

/** Sends a stored file: an image may be shown in the page (inline), anything else is a download; never cached, sandboxed. */
export function sendStoredFile(reply: FastifyReply, f: SentFile, inline: boolean) {
  const ascii = f.fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const disposition = inline && f.mime.startsWith('image/') ? 'inline' : 'attachment';
  return reply
    .header('content-type', f.mime)
    .header('content-disposition', `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(f.fileName)}`)
    .header('cache-control', 'private, no-store')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(f.content);
}
