import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { changePasswordBody, loginBody, loginResponse, memberLoginResponse, memberMe, staffMe } from '../../../contracts/auth.ts';
import { memberLoginBody, smsCodeBody, smsCodeResponse } from '../../../contracts/members.ts';
import { z } from 'zod';
import { okSchema } from '../../../contracts/common.ts';
import { memberContext, requestMeta, staffContext } from '../../http/context.ts';
import * as memberAuth from './member-auth.service.ts';
import { errorResponses, staffErrors } from '../../http/schemas.ts';
import { clearSessionCookie, hashToken, presentedToken, setSessionCookie } from '../../http/session.ts';
import * as service from './auth.service.ts';

/** The stored form of the session token the client presented, if any (a log-in replaces it, a log-out ends it). */
function presentedSessionHash(req: FastifyRequest) {
  const presented = presentedToken(req);
  return presented ? hashToken(presented.token) : undefined;
}

/** Logs in through `login` (told the session it replaces) and sets the session cookie. */
async function startSession<R extends { token: string }>(
  req: FastifyRequest,
  reply: FastifyReply,
  login: (previousSession: ReturnType<typeof presentedSessionHash>) => Promise<R>,
): Promise<R> {
  const result = await login(presentedSessionHash(req));
  setSessionCookie(req, reply, result.token);
  return result;
}

export async function authRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/auth/login', {
    schema: {
      tags: ['auth'],
      summary: '工会工作者登录',
      description:
        '成功后返回 Bearer 令牌并设置会话 Cookie（HttpOnly，SameSite=Strict；HTTPS 下加 Secure）。' +
        '同一用户名（无论账号是否存在）连续失败 5 次锁定 15 分钟（429 too_many_attempts）；' +
        '同一客户端地址 15 分钟内失败次数有上限（429 login_rate_limited，Retry-After 说明等待秒数）。',
      body: loginBody,
      response: { 200: loginResponse, ...errorResponses(401, 429) },
    },
    handler: (req, reply) =>
      startSession(req, reply, (previousSession) => service.loginStaff(req.server.deps, { ...req.body, previousSession }, requestMeta(req))),
  });

  r.post('/api/auth/logout', {
    schema: {
      tags: ['auth'],
      summary: '退出登录',
      description: '结束当前会话（Cookie 与 Bearer 令牌指向同一会话）。',
      response: { 200: okSchema, ...errorResponses(403) },
    },
    handler: async (req, reply) => {
      await service.logout(req.server.deps, req.actor, requestMeta(req), presentedSessionHash(req));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  });

  r.get('/api/me', {
    schema: {
      tags: ['auth'],
      summary: '当前登录者',
      description: '工会工作者：所属组织、角色与数据权限范围；职工：手机号（脱敏）与会员信息。',
      response: { 200: z.union([staffMe, memberMe]), ...errorResponses(401) },
    },
    handler: async (req) =>
      req.actor?.kind === 'member' ? memberAuth.getMemberContextMe(memberContext(req)) : service.getMe(staffContext(req)),
  });

  r.post('/api/auth/sms-code', {
    schema: {
      tags: ['auth'],
      summary: '职工：获取短信验证码',
      description:
        '6 位验证码，5 分钟内有效，只能使用一次；通过通知发件箱发送。同一手机号每分钟最多 1 条、每小时 5 条、每天（北京时间）10 条；' +
        '同一客户端地址每小时、每天及全平台每小时的发送量另有上限（429 sms_too_frequent / sms_platform_limit，Retry-After 说明等待秒数）。',
      body: smsCodeBody,
      response: { 200: smsCodeResponse, ...errorResponses(429) },
    },
    handler: async (req) => memberAuth.sendSmsCode(req.server.deps, req.body.phone, requestMeta(req)),
  });

  r.post('/api/auth/member-login', {
    schema: {
      tags: ['auth'],
      summary: '职工：手机号 + 验证码登录',
      description: '验证码最多尝试 5 次。成功后返回 Bearer 令牌并设置会话 Cookie。',
      body: memberLoginBody,
      response: { 200: memberLoginResponse, ...errorResponses(401, 429) },
    },
    handler: (req, reply) =>
      startSession(req, reply, (previousSession) => memberAuth.loginMember(req.server.deps, { ...req.body, previousSession }, requestMeta(req))),
  });

  r.post('/api/auth/password', {
    schema: {
      tags: ['auth'],
      summary: '修改本人密码',
      description: '原密码错误计入登录失败次数：连续 5 次锁定账号 15 分钟（429 too_many_attempts）。',
      body: changePasswordBody,
      response: { 200: okSchema, ...errorResponses(...staffErrors, 429) },
    },
    handler: async (req) => {
      await service.changeOwnPassword(staffContext(req), req.body.oldPassword, req.body.newPassword);
      return { ok: true as const };
    },
  });

}
