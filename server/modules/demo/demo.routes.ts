import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { demoInfoResponse, demoLoginCodeQuery, demoLoginCodeResponse } from '../../../contracts/demo.ts';
import { errorResponses } from '../../http/schemas.ts';
import * as demo from './demo.service.ts';

export async function demoRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['demo'];

  r.get('/api/demo', {
    schema: {
      tags,
      summary: '是否为演示环境，及可登录的演示会员（公开）',
      description: '会员站登录页据此在演示环境说明如何获取验证码；正式环境只回答 demo: false。',
      response: { 200: demoInfoResponse },
    },
    handler: async (req) => demo.getDemoInfo(req.server.deps),
  });

  r.get('/api/demo/login-code', {
    schema: {
      tags,
      summary: '演示环境：刚发送到该手机号的登录验证码（公开）',
      description: '演示环境不发短信，验证码存放在通知发件箱中。正式环境一律回答 404 not_found。',
      querystring: demoLoginCodeQuery,
      response: { 200: demoLoginCodeResponse, ...errorResponses(404) },
    },
    handler: async (req) => demo.getDemoLoginCode(req.server.deps, req.query.phone),
  });
}
