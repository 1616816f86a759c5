// What a service receives: the database, who is acting, within which scope, and from where.
import type { FastifyRequest } from 'fastify';
import type { Db } from '../db/client.ts';
import type { PiiCipher } from '../lib/pii.ts';
import type { Config } from '../config.ts';
import { exportRoles, type StaffRole } from '../../contracts/auth.ts';
import { AppError } from '../errors.ts';
import type { Scope } from './scope.ts';
import type { NoticeSender } from './notice-sender.ts';

export interface Deps {
  db: Db;
  pii: PiiCipher;
  config: Config;
  /** Delivers notices from the outbox (the built-in one keeps them there to be read). */
  sender: NoticeSender;
}

export interface RequestMeta {
  ip: string;
  userAgent: string | undefined;
}

export interface StaffActor {
  kind: 'staff';
  staffId: number;
  username: string;
  displayName: string;
  orgId: number;
  roles: StaffRole[];
  scope: Scope;
  sessionHash: Buffer;
  csrfToken: string;
}

/** A worker logged in by phone; a member once an application is approved. */
export interface MemberActor {
  kind: 'member';
  workerId: number;
  memberId: number | null;
  sessionHash: Buffer;
  csrfToken: string;
}

export type Actor = StaffActor | MemberActor;

export interface MemberContext extends Deps {
  actor: MemberActor;
  meta: RequestMeta;
}

export interface StaffContext extends Deps {
  actor: StaffActor;
  scope: Scope;
  meta: RequestMeta;
}

export function requestMeta(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return { ip: req.ip, userAgent: typeof ua === 'string' ? ua.slice(0, 300) : undefined };
}

/** The staff context of a request; 401 when nobody is logged in, 403 without one of the roles. */
export function staffContext(req: FastifyRequest, ...anyOfRoles: StaffRole[]): StaffContext {
  const actor = req.actor;
  if (!actor) throw new AppError(req.sessionExpired ? 'session_expired' : 'not_logged_in');
  if (actor.kind !== 'staff') throw new AppError('staff_only');
  if (anyOfRoles.length > 0 && !anyOfRoles.some((r) => actor.roles.includes(r))) {
    throw new AppError('forbidden');
  }
  return { ...req.server.deps, actor, scope: actor.scope, meta: requestMeta(req) };
}

/**
 * The staff context of an export or download of records (the one rule: contracts/auth.ts
 * exportRoles); 401 when nobody is logged in, 403 forbidden for the read-only role. A route may
 * narrow it further (`among`), never widen it.
 */
export function exportContext(req: FastifyRequest, among: readonly (typeof exportRoles)[number][] = exportRoles): StaffContext {
  return staffContext(req, ...among);
}

/** The worker's context; 401 when nobody is logged in, 403 for a staff session. */
export function memberContext(req: FastifyRequest): MemberContext {
  const actor = req.actor;
  if (!actor) throw new AppError(req.sessionExpired ? 'session_expired' : 'not_logged_in');
  if (actor.kind !== 'member') throw new AppError('member_only');
  return { ...req.server.deps, actor, meta: requestMeta(req) };
}
