// Routes of evidence (证明材料): upload one photo or PDF to a fact, an assessment or a founding step
// (multipart, registered in this plugin only), and download one (audited).
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import { EVIDENCE_MAX_BYTES, evidenceFileQuery, evidenceQuery, evidenceSummary, evidenceUploadForm } from '../../../contracts/enterprise-facts.ts';
import { staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { formValidator, readOneFile, sendStoredFile } from '../../http/upload.ts';
import * as service from './evidence.service.ts';

const WRITERS = ['admin', 'clerk'] as const;
const uploadErrors = { notMultipart: 'evidence_not_multipart', tooLarge: 'evidence_too_large', required: 'evidence_required' } as const;
const fileResponse = { description: '文件（按内容判断的类型）', content: { 'application/octet-stream': { schema: z.string().meta({ format: 'binary' }) } } };

export async function evidenceRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifyMultipart, { throwFileSizeLimit: true });
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];

  r.post('/api/file-evidence', {
    schema: {
      tags,
      summary: '上传证明材料（档案事项、自评或建会步骤；每次一个文件；请求头 Idempotency-Key 必填）',
      description:
        '查询参数 factId、assessmentId、stepId 三选一。multipart/form-data：file（照片 JPEG、PNG、WebP 或 PDF 文件，按文件内容判断类型，不超过 10 MB；每项最多 9 份）。' +
        '400 evidence_required、evidence_type；413 evidence_too_large；415 evidence_not_multipart；409 evidence_full、idempotency_key_reused；403 enterprise_identity_town_only。' +
        '重试（同一个 Idempotency-Key 与相同文件）得到与第一次完全相同的回答，并带 Idempotent-Replayed: true，只存一份。',
      consumes: ['multipart/form-data'],
      querystring: evidenceQuery,
      headers: idempotencyKeyHeader('上传'),
      body: evidenceUploadForm,
      response: { 201: evidenceSummary, ...errorResponses(...staffErrors, 409, 413, 415) },
    },
    validatorCompiler: formValidator as never,
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...WRITERS);
      const owner = service.ownerOfQuery(req.query);
      const key = idempotencyKeyOf(req);
      const file = await readOneFile(req, EVIDENCE_MAX_BYTES, uploadErrors);
      return sendIdempotent(reply as FastifyReply, await service.uploadEvidence(ctx, owner, file, key));
    },
  });

  r.get('/api/file-evidence/:id', {
    schema: {
      tags,
      summary: '查看或下载证明材料（管理范围内；记入审计日志）',
      description: 'inline=1 时图片在页面中显示（缩略图），同样记入审计日志。',
      params: idParam,
      querystring: evidenceFileQuery,
      response: { 200: fileResponse, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const inline = req.query.inline === '1';
      return sendStoredFile(reply as FastifyReply, await service.getEvidenceFile(staffContext(req), req.params.id, inline), inline);
    },
  });
}
