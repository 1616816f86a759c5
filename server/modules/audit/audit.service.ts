// Reading the audit log: an admin sees the events that concern its own subtree.
import type { StaffContext } from '../../http/context.ts';
import { getStaffDisplayNames } from '../staff/staff.service.ts';
import { findAuditEntries } from './audit.repo.ts';

/** Events of the scope, newest first, each staff actor with the name of the person. */
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
  const names = await getStaffDisplayNames(ctx, items.flatMap((e) => (e.actorKind === 'staff' && e.actorId !== null ? [e.actorId] : [])));
  return {
    items: items.map((e) => ({
      ...e,
      at: new Date(e.at).toISOString(),
      actorDisplayName: e.actorKind === 'staff' && e.actorId !== null ? (names.get(Number(e.actorId)) ?? null) : null,
    })),
    total,
  };
}
