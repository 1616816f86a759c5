// Reading the audit log: an admin sees the events that concern its own subtree.
import type { StaffContext } from '../../http/context.ts';
import { findAuditEntries } from './audit.repo.ts';

/** Events of the scope, newest first. */
export async function listAudit(
  ctx: StaffContext,
  f: { action?: string | undefined; actorName?: string | undefined; page: number; pageSize: number },
) {
  const { items, total } = await findAuditEntries(ctx.db, ctx.scope, {
    action: f.action,
    actorName: f.actorName,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return { items: items.map((e) => ({ ...e, at: new Date(e.at).toISOString() })), total };
}
