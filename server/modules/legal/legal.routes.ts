// Routes of the legal-aid lawyers (法律援助律师) and labour-law supervisors (劳动法律监督员) registers:
// every staff role of the scope reads them; admins and clerks add and edit (adding carries an
// Idempotency-Key); a lawyer's full phone is revealed with a reason, audited; a supervisor's sample
// 提示函 is a PDF in the official layout.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idParam } from '../../../contracts/common.ts';
import {
  LEGAL_REVEAL_ROLES,
  LEGAL_WRITE_ROLES,
  createLawyerBody,
  createSupervisorBody,
  lawyerList,
  lawyerListQuery,
  lawyerView,
  letterPreviewQuery,
  revealLawyerBody,
  revealedLawyerPhone,
  supervisorList,
  supervisorListQuery,
  supervisorView,
  updateLawyerBody,
  updateSupervisorBody,
} from '../../../contracts/legal.ts';
import { staffContext } from '../../http/context.ts';
import { idempotencyKeyHeader, idempotencyKeyOf, sendIdempotent } from '../../http/idempotency.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import * as legal from './legal.service.ts';

const keyHeader = idempotencyKeyHeader('登记');
const replayNote = 'idempotency_key_reused（同一个值用于不同的请求）。重试（同一个 Idempotency-Key 与相同内容）得到与第一次完全相同的回答，并带 Idempotent-Replayed: true。';

export async function legalRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['legal'];

  r.get('/api/legal/lawyers', {
    schema: {
      tags,
      summary: '法律援助律师名册（登记单位在管理范围内，手机号脱敏）',
      querystring: lawyerListQuery,
      response: { 200: lawyerList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => legal.listLawyers(staffContext(req), req.query),
  });

  r.post('/api/legal/lawyers', {
    schema: {
      tags,
      summary: '登记法律援助律师（手机号加密保存）',
      description: `仅单位管理员和经办人。400 lawyer_union_outside；409 lawyer_licence_taken、${replayNote}`,
      headers: keyHeader,
      body: createLawyerBody,
      response: { 201: lawyerView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...LEGAL_WRITE_ROLES);
      return sendIdempotent(reply as FastifyReply, await legal.createLawyer(ctx, req.body, idempotencyKeyOf(req)));
    },
  });

  r.get('/api/legal/lawyers/:id', {
    schema: { tags, summary: '法律援助律师详情（手机号脱敏）', params: idParam, response: { 200: lawyerView, ...errorResponses(...staffErrors) } },
    handler: async (req) => legal.getLawyer(staffContext(req), req.params.id),
  });

  r.patch('/api/legal/lawyers/:id', {
    schema: {
      tags,
      summary: '修改、停用（active: false）或恢复法律援助律师',
      description: '仅单位管理员和经办人。400 lawyer_union_outside；409 lawyer_licence_taken。',
      params: idParam,
      body: updateLawyerBody,
      response: { 200: lawyerView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => legal.updateLawyer(staffContext(req, ...LEGAL_WRITE_ROLES), req.params.id, req.body),
  });

  r.post('/api/legal/lawyers/:id/reveal', {
    schema: {
      tags,
      summary: '查看律师的完整手机号（须填原因，记入审计日志）',
      params: idParam,
      body: revealLawyerBody,
      response: { 200: revealedLawyerPhone, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => {
      const out = await legal.revealLawyerPhone(staffContext(req, ...LEGAL_REVEAL_ROLES), req.params.id, req.body.reason);
      return (reply as FastifyReply).header('cache-control', 'no-store').send(out);
    },
  });

  r.get('/api/legal/supervisors', {
    schema: {
      tags,
      summary: '工会劳动法律监督员名册（所属工会在管理范围内）',
      querystring: supervisorListQuery,
      response: { 200: supervisorList, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => legal.listSupervisors(staffContext(req), req.query),
  });

  r.post('/api/legal/supervisors', {
    schema: {
      tags,
      summary: '登记工会劳动法律监督员',
      description: `仅单位管理员和经办人。400 supervisor_dates_invalid；409 supervisor_certificate_taken、${replayNote}`,
      headers: keyHeader,
      body: createSupervisorBody,
      response: { 201: supervisorView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req, reply) => {
      const ctx = staffContext(req, ...LEGAL_WRITE_ROLES);
      return sendIdempotent(reply as FastifyReply, await legal.createSupervisor(ctx, req.body, idempotencyKeyOf(req)));
    },
  });

  r.get('/api/legal/supervisors/:id', {
    schema: { tags, summary: '劳动法律监督员详情', params: idParam, response: { 200: supervisorView, ...errorResponses(...staffErrors) } },
    handler: async (req) => legal.getSupervisor(staffContext(req), req.params.id),
  });

  r.patch('/api/legal/supervisors/:id', {
    schema: {
      tags,
      summary: '修改、停用（active: false）或恢复劳动法律监督员',
      description: '仅单位管理员和经办人。400 supervisor_dates_invalid；409 supervisor_certificate_taken。',
      params: idParam,
      body: updateSupervisorBody,
      response: { 200: supervisorView, ...errorResponses(...staffErrors, 409) },
    },
    handler: async (req) => legal.updateSupervisor(staffContext(req, ...LEGAL_WRITE_ROLES), req.params.id, req.body),
  });

  r.get('/api/legal/supervisors/:id/letter-preview', {
    schema: {
      tags,
      summary: '预览监督员所属工会致用人单位的《劳动法律监督提示函》样稿（PDF，不编号、不保存）',
      params: idParam,
      querystring: letterPreviewQuery,
      response: {
        200: { description: 'PDF', content: { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } },
        ...errorResponses(...staffErrors),
      },
    },
    handler: async (req, reply) => {
      const out = await legal.previewNoticeLetter(staffContext(req), req.params.id, req.query);
      return (reply as FastifyReply)
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="letter-preview.pdf"; filename*=UTF-8''${encodeURIComponent(out.fileName)}`)
        .header('cache-control', 'private, no-store')
        .send(out.pdf);
    },
  });
}
