import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { idParam } from '../../../contracts/common.ts';
import {
  bankCardBody,
  cardSummary,
  myCardResponse,
  revocationQuery,
  revocationsResponse,
  rotateKeyBody,
  rotateKeyResponse,
  signingKeysResponse,
  verifyBody,
  verifyResponse,
} from '../../../contracts/cards.ts';
import { memberContext, staffContext } from '../../http/context.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { PUBLIC_CACHE } from '../../http/security-headers.ts';
import * as cards from './cards.service.ts';

export async function cardRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['cards'];

  r.get('/api/me/card', {
    schema: {
      tags,
      summary: '会员：我的电子会员证（卡号与当前二维码令牌）',
      description: '令牌为 Ed25519 签名，最长有效 2 分钟；手机每 60 秒重新获取。未入会 403 not_a_member，会员证停用 403 card_revoked。',
      response: { 200: myCardResponse, ...errorResponses(401, 403) },
    },
    handler: async (req) => cards.getMyCard(memberContext(req)),
  });

  r.post('/api/cards/verify', {
    schema: {
      tags,
      summary: '工作人员：验证会员出示的二维码',
      description:
        '任何工会的工作人员都可验证全省任一会员的会员证（只返回会员号、脱敏姓名与所在工会）。' +
        '无效时 reason 为 expired（已过期）、forged（伪造）、revoked（已注销）或 malformed（无法识别）。',
      body: verifyBody,
      response: { 200: verifyResponse, ...errorResponses(401, 403) },
    },
    handler: async (req) => cards.verifyCard(staffContext(req), req.body.token),
  });

  r.get('/api/cards/keys', {
    schema: {
      tags,
      summary: '验证会员证的公钥（供离线验证同步）',
      description: '公开：只含公钥。停用的密钥保留一天，其签发的令牌早已过期。',
      response: { 200: signingKeysResponse },
    },
    handler: async (_req, reply) => {
      reply.header('cache-control', PUBLIC_CACHE);
      return cards.listSigningKeys(app.deps);
    },
  });

  r.post('/api/cards/keys/rotate', {
    schema: {
      tags,
      summary: '轮换签名密钥（仅省总工会管理员）',
      description: '停用当前密钥并启用新密钥；停用前签发的令牌在 2 分钟内仍可验证。',
      body: rotateKeyBody,
      response: { 201: rotateKeyResponse, ...errorResponses(...staffErrors) },
    },
    handler: async (req, reply) => reply.code(201).send(await cards.rotateKeys(staffContext(req, 'admin'))),
  });

  r.get('/api/cards/revocations', {
    schema: {
      tags,
      summary: '已注销的会员证（供离线验证增量同步）',
      description: '不带 since：近 30 天内注销、目前仍为注销状态的全部会员证（full=true，整体替换）；带上次的 cursor：此后的注销与恢复（按顺序应用）。',
      querystring: revocationQuery,
      response: { 200: revocationsResponse, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => cards.listRevocations(staffContext(req), req.query.since),
  });

  r.post('/api/members/:id/bank-card', {
    schema: {
      tags,
      summary: '关联联名银行卡（只保存发卡银行与掩码卡号）',
      description: '卡号经 Luhn 校验后只保存前 4 位与后 4 位（如 6222****1234），完整卡号不保存、不记录。',
      params: idParam,
      body: bankCardBody,
      response: { 200: cardSummary, ...errorResponses(...staffErrors) },
    },
    handler: async (req) => cards.linkBankCard(staffContext(req, 'admin', 'clerk'), req.params.id, req.body),
  });
}
