// Resolves the session of every request, from the bearer token or the session cookie, and
// enforces the idle timeout and cross-site request forgery protection (cookie sessions only).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { Db } from '../db/client.ts';
import { createBatcher } from '../lib/batcher.ts';
import { endSession, findLiveSessions, touchSessions, type SessionRow } from './session.repo.ts';
import type { StaffActor } from './context.ts';
import { makeScope } from './scope.ts';

export const SESSION_COOKIE = 'gh_sid';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** last_seen_at is written at most this often per session, not on every request. */
const TOUCH_EVERY_SECONDS = 60;

/**
 * Every request looks its session up: under load, the look-ups of requests arriving together are one
 * query (smart batching: at rest each runs alone, at once), and so are the touches of last_seen_at.
 */
const sessionAccess = new WeakMap<Db, { find: (hash: Buffer) => Promise<SessionRow | undefined>; touch: (hash: Buffer) => Promise<void> }>();
function sessionsOf(db: Db) {
  let access = sessionAccess.get(db);
  if (!access) {
    access = {
      find: createBatcher((hashes: Buffer[]) => findLiveSessions(db, hashes), { maxBatch: 100, concurrency: 4 }),
      touch: createBatcher(async (hashes: Buffer[]) => {
        await touchSessions(db, hashes);
        return hashes.map(() => undefined);
      }, { maxBatch: 100, concurrency: 2 }),
    };
    sessionAccess.set(db, access);
  }
  return access;
}

export function newToken(): { token: string; tokenHash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function newCsrfToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The token the request presents, and how. */
export function presentedToken(req: FastifyRequest): { token: string; via: 'bearer' | 'cookie' } | undefined {
  const auth = req.headers.authorization;
  if (typeof auth === 'string' && auth.startsWith('Bearer ')) {
    const token = auth.slice(7).trim();
    if (token) return { token, via: 'bearer' };
  }
  const cookie = req.cookies[SESSION_COOKIE];
  if (cookie) return { token: cookie, via: 'cookie' };
  return undefined;
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Routes that open a new session: the session the browser carried is replaced, not used. */
const LOGIN_ROUTES = new Set(['/api/auth/login', '/api/auth/member-login']);

/** onRequest hook: sets req.actor for a live session, or marks an idle one expired. */
export async function resolveSession(req: FastifyRequest): Promise<void> {
  // Logging in replaces whatever session the browser carried (the login service ends it), so the
  // old session's CSRF token is not asked for there. JSON-only bodies and SameSite=Strict cookies
  // keep other sites from logging a browser in.
  if (LOGIN_ROUTES.has(req.routeOptions.url ?? '')) return;
  const presented = presentedToken(req);
  if (!presented || presented.token.length > 200) return;
  const { db, config } = req.server.deps;
  const tokenHash = hashToken(presented.token);
  const sessions = sessionsOf(db);
  const s = await sessions.find(tokenHash);
  if (!s) return;
  const idleLimit = s.kind === 'staff' ? config.sessionIdleSeconds : config.memberSessionIdleSeconds;
  if (s.idleSeconds > idleLimit || (s.kind === 'staff' && !s.isActive)) {
    await endSession(db, tokenHash);
    req.sessionExpired = true;
    return;
  }
  if (presented.via === 'cookie' && !SAFE_METHODS.has(req.method)) {
    const header = req.headers[CSRF_HEADER];
    if (typeof header !== 'string' || !sameToken(header, s.csrfToken)) throw new AppError('csrf_failed');
  }
  if (s.idleSeconds >= TOUCH_EVERY_SECONDS) await sessions.touch(tokenHash);
  if (s.kind === 'member') {
    req.actor = { kind: 'member', workerId: s.workerId!, memberId: s.memberId, sessionHash: tokenHash, csrfToken: s.csrfToken };
    return;
  }
  const actor: StaffActor = {
    kind: 'staff',
    staffId: s.staffId!,
    username: s.username!,
    displayName: s.displayName!,
    orgId: s.orgId!,
    roles: s.roles!,
    scope: makeScope(s.orgId!, s.orgPath!),
    sessionHash: tokenHash,
    csrfToken: s.csrfToken,
  };
  req.actor = actor;
}
