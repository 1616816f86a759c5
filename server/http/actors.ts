// Who is acting, as the audit log records it, and the member behind a worker's session: the same
// few lines every module needs, in one place.
import { AppError } from '../errors.ts';
import type { Queryable } from '../db/client.ts';
import { insertAudit } from './audit.ts';
import type { MemberContext, StaffContext } from './context.ts';

/** The actor fields of an audit entry for a staff request. */
export function auditOf(ctx: StaffContext) {
  return { actorKind: 'staff' as const, actorId: ctx.actor.staffId, actorName: ctx.actor.username, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
}

/** The actor fields of an audit entry for a worker's (member app) request. */
export function memberAuditOf(ctx: MemberContext) {
  return { actorKind: 'member' as const, actorId: ctx.actor.workerId, actorName: null, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
}

/** What an audit entry is about; its org path decides who may read the entry. */
export interface AuditTarget {
  type: string;
  id: string | number | null;
  orgPath: string | null;
}

/** Writes the audit entry of a staff or worker request (the actor taken from `ctx`) with `q`, usually the transaction doing it. */
export function audit(q: Queryable, ctx: StaffContext | MemberContext, action: string, target: AuditTarget, detail?: Record<string, unknown>): Promise<void> {
  const actor = ctx.actor.kind === 'staff' ? auditOf(ctx as StaffContext) : memberAuditOf(ctx as MemberContext);
  return insertAudit(q, { ...actor, action, targetType: target.type, targetId: target.id, orgPath: target.orgPath, ...(detail ? { detail } : {}) });
}

/** The member id of a worker session; not_a_member for a worker who has not joined. */
export function requireMemberId(ctx: MemberContext): number {
  if (ctx.actor.memberId === null) throw new AppError('not_a_member');
  return ctx.actor.memberId;
}
