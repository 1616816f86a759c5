// buildApp(): plugins and modules, no listen. Tests drive it with app.inject(); main.ts listens.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor, Deps } from './http/context.ts';
import { fastifyTrustProxy } from './http/proxy.ts';
import { resolveSession } from './http/session.ts';
import { PUBLIC_CACHE, securityHeaders } from './http/security-headers.ts';
import { AppError, errorBody } from './errors.ts';
import { translateDbError } from './db/errors.ts';
import { redactText } from './lib/redact.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { demoRoutes } from './modules/demo/demo.routes.ts';
import { healthRoutes } from './modules/health/health.routes.ts';
import { orgRoutes } from './modules/orgs/orgs.routes.ts';
import { staffRoutes } from './modules/staff/staff.routes.ts';
import { noticeRoutes } from './modules/notices/notices.routes.ts';
import { memberRoutes } from './modules/members/members.routes.ts';
import { enterpriseRoutes } from './modules/enterprises/enterprises.routes.ts';
import { rosterRoutes } from './modules/rosters/rosters.routes.ts';
import { cardRoutes } from './modules/cards/cards.routes.ts';
import { activityRoutes } from './modules/activities/activities.routes.ts';
import { pointRoutes } from './modules/points/points.routes.ts';
import { campaignRoutes } from './modules/campaigns/campaigns.routes.ts';
import { payoutRoutes } from './modules/payouts/payouts.routes.ts';
import { hardshipRoutes } from './modules/hardship/hardship.routes.ts';
import { legalRoutes } from './modules/legal/legal.routes.ts';
import { placeFileRoutes } from './modules/places/places.files.routes.ts';
import { placeRoutes } from './modules/places/places.routes.ts';
import { nearbyRoutes } from './modules/places/nearby.routes.ts';
import { childcareRoutes } from './modules/childcare/childcare.routes.ts';
import { workbenchRoutes } from './modules/workbench/workbench.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { ticketRoutes } from './modules/tickets/tickets.routes.ts';
import { ticketFollowupRoutes } from './modules/tickets/followup.routes.ts';
import { ticketFigureRoutes } from './modules/tickets/figures.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { placeBookingRoutes } from './modules/places/bookings.routes.ts';
import { ticketLawyerRoutes } from './modules/tickets/lawyers.routes.ts';
import { placeStatusRoutes } from './modules/places/status.routes.ts';
import { placeFigureRoutes } from './modules/places/figures.routes.ts';
import { enterpriseRegisterRoutes } from './modules/enterprises/register.routes.ts';

import { enterpriseFileRoutes } from './modules/enterprises/file.routes.ts';
import { evidenceRoutes } from './modules/enterprises/evidence.routes.ts';

import { memberSeriesRoutes } from './modules/members/series.routes.ts';

import { driveRoutes } from './modules/drives/drives.routes.ts';
import { courseRoutes } from './modules/courses/courses.routes.ts';
import { skillRoutes } from './modules/skills/skills.routes.ts';
import { jobRoutes } from './modules/jobs/jobs.routes.ts';
import { jobFileRoutes } from './modules/jobs/jobs.files.routes.ts';

import { strengtheningRoutes } from './modules/strengthening/strengthening.routes.ts';

import { dashboardTiles } from './dashboard-tiles.ts';
import type { DashboardTile } from './http/dashboard-tile.ts';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes.ts';

import { foundingRequestRoutes } from './modules/enterprises/requests.routes.ts';

// Validation messages in Chinese for people.
z.config(z.locales.zhCN());

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
  interface FastifyRequest {
    actor: Actor | undefined;
    sessionExpired: boolean;
  }
}

const webDist = join(dirname(fileURLToPath(import.meta.url)), '..', 'web', 'dist');

export interface BuildAppOptions extends Deps {
  logger?: FastifyServerOptions['logger'];
  /** the dashboard's tiles (default: the registry, server/dashboard-tiles.ts); a test hands its own */
  tiles?: readonly DashboardTile[];
}

export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const { logger, tiles, ...deps } = options;
  const app = Fastify({
    logger: logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: fastifyTrustProxy(deps.config.trustProxy),
    // Ids in paths are validated by the route schemas; this only bounds what is parsed.
    routerOptions: { maxParamLength: 200 },
    // A request Node's HTTP parser refuses (say, raw non-ASCII in the URL) never reaches Fastify's
    // routing: answer it with the same error body, in Chinese.
    clientErrorHandler: (err, socket) => {
      if ((err as { code?: string }).code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
      const body = JSON.stringify(errorBody('validation_failed', '请求地址或请求头有误（地址中的中文等字符需经 URL 编码）'));
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // Errors the router raises before any handler: the same error body as everything else.
    frameworkErrors: (err, _req, reply) => {
      const code = (err as { code?: string }).code;
      const body = code === 'FST_ERR_MAX_PARAM_LENGTH' || code === 'FST_ERR_BAD_URL'
        ? errorBody('validation_failed', '请求地址有误')
        : errorBody('validation_failed');
      void (reply as unknown as FastifyReply).code(body.statusCode).send(body);
    },
  });
  // Bodies are JSON only: a text/plain body is refused (415), as forms are.
  app.removeContentTypeParser('text/plain');
  app.decorate('deps', deps);
  app.decorateRequest('actor', undefined);
  app.decorateRequest('sessionExpired', false);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const known = toKnownError(err);
    if (err instanceof AppError && err.retryAfterSeconds !== undefined) reply.header('retry-after', String(err.retryAfterSeconds));
    if (known) return reply.code(known.statusCode).send(known);
    req.log.error({ err: { message: redactText(err.message), stack: redactText(err.stack ?? '') } }, 'unhandled error');
    return reply.code(500).send(errorBody('internal_error'));
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '';
    if (deps.config.serveWeb && req.method === 'GET' && !path.startsWith('/api/') && existsSync(webDist)) {
      // The web apps route on the client: unknown paths get their app's page.
      return reply.sendFile(path.startsWith('/console') ? 'console/index.html' : 'index.html');
    }
    return reply.code(404).send(errorBody('route_not_found'));
  });

  app.addHook('onSend', securityHeaders);

  await app.register(fastifyCookie);
  app.addHook('onRequest', resolveSession);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: '智慧工会 Gonghui API',
        version: '0.1.0',
        description:
          '工会组织、会员、服务的开放接口。错误统一为 { error, message, statusCode }。' +
          '网页端使用会话 Cookie（写操作需带 X-CSRF-Token），其他客户端使用 Authorization: Bearer <token>。',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'gh_sid' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  // Tags start folded: with every one of ~130 operations open at once, Swagger UI 5.34 stops drawing after the first
  // few tags in Chromium (tests/e2e/csp.e2e.test.ts); folded, every tag shows and opens on a click.
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { docExpansion: 'none' } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('cache-control', PUBLIC_CACHE);
    return app.swagger();
  });

  await app.register(healthRoutes);
  await app.register(demoRoutes);
  await app.register(authRoutes);
  await app.register(orgRoutes);
  await app.register(staffRoutes);
  await app.register(auditRoutes);
  await app.register(noticeRoutes);
  await app.register(memberRoutes);
  await app.register(enterpriseRoutes);
  await app.register(rosterRoutes);
  await app.register(cardRoutes);
  await app.register(activityRoutes);
  await app.register(pointRoutes);
  await app.register(campaignRoutes);
  await app.register(payoutRoutes);
  await app.register(hardshipRoutes);
  await app.register(legalRoutes);
  await app.register(childcareRoutes);
  await app.register(workbenchRoutes);
  await app.register(calendarRoutes);
  await app.register(ticketRoutes);
  await app.register(ticketFollowupRoutes);
  await app.register(ticketFigureRoutes);
  await app.register(supervisionRoutes);
  await app.register(placeBookingRoutes);
  await app.register(ticketLawyerRoutes);
  await app.register(placeRoutes);
  await app.register(placeFileRoutes);
  await app.register(placeStatusRoutes);
  await app.register(nearbyRoutes);
  await app.register(placeFigureRoutes);
  await app.register(enterpriseRegisterRoutes);

  await app.register(enterpriseFileRoutes);
  await app.register(evidenceRoutes);

  await app.register(memberSeriesRoutes);

  await app.register(driveRoutes);
  await app.register(jobRoutes);
  await app.register(jobFileRoutes);

  await app.register(skillRoutes);
  await app.register(courseRoutes);

  await app.register(strengtheningRoutes);

  await app.register(dashboardRoutes, { tiles: tiles ?? dashboardTiles });

  await app.register(foundingRequestRoutes);

  if (deps.config.serveWeb && existsSync(webDist)) {
    await app.register(fastifyStatic, { root: webDist, prefix: '/', wildcard: true, index: 'index.html' });
  }
  return app;
}

/** Maps every error that is the caller's fault to its catalog entry; undefined for real faults. */
function toKnownError(err: FastifyError): ReturnType<typeof errorBody> | undefined {
  if (err instanceof AppError) return errorBody(err.code, err.message);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const details = err.validation
      .slice(0, 3)
      .map((v) => {
        const field = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
        return field ? `${field}：${v.message}` : v.message;
      })
      .join('；');
    return errorBody('validation_failed', `请求参数有误：${details}`);
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return errorBody('invalid_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return errorBody('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return errorBody('unsupported_media_type');
  }
  const db = translateDbError(err);
  if (db) return errorBody(db.code, db.message);
  if (err.statusCode === 404) return errorBody('route_not_found');
  if (err.statusCode === 405) return errorBody('method_not_allowed');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return errorBody('validation_failed');
  return undefined;
}
