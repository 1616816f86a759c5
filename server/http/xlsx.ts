// An xlsx download: its OpenAPI response, and the reply — the file name in Chinese for browsers that
// read RFC 5987 (filename*) and as ASCII for those that do not, never cached (exports hold members' names).
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { XLSX_MIME } from '../../contracts/rosters.ts';

export const xlsxResponse = (description: string) => ({
  description,
  content: { [XLSX_MIME]: { schema: z.string().meta({ format: 'binary' }) } },
});

export function sendXlsx(reply: FastifyReply, fileName: string, body: Buffer | NodeJS.ReadableStream) {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return reply
    .header('content-type', XLSX_MIME)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .header('cache-control', 'no-store')
    .send(body);
}
