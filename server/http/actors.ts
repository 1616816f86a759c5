// Who is acting, as the audit log records it, and the member behind a worker's session: the same
// few lines every module needs, in one place.
import { AppError } from '../errors.ts';
import type { MemberContext, StaffContext } from './context.ts';

/** The actor fields of an audit entry for a staff request. */
export function auditOf(ctx: StaffContext) {
  return { actorKind: 'staff' as const, actorId: ctx.actor.staffId, actorName: ctx.actor.username, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
}

/** The actor fields of an audit entry for a worker's (member app) request. */
export function memberAuditOf(ctx: MemberContext) {
  return { actorKind: 'member' as const, actorId: ctx.actor.workerId, actorName: null, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
}

/** The member id of a worker session; not_a_member for a worker who has not joined. */
export function requireMemberId(ctx: MemberContext): number {
  if (ctx.actor.memberId === null) throw new AppError('not_a_member');
  return ctx.actor.memberId;
}
