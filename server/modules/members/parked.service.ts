// Parked members moved into a new union (单位建会后可整体转入): once an employer's union is linked, the
// members of that employer held by its town federation move into the union, each with a `transferred`
// member_event (from the federation to the union), as an approved transfer writes it. Called by the
// enterprise file (enterprises/file.service.ts) in its transaction; the caller checks scope and audits.
// Design: docs/design/enterprise-file.md §4.
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import * as repo from './members.repo.ts';
import * as parked from './parked.repo.ts';

/** Moves the employer's counted members held by `fromOrgIds` into `toOrgId`; returns how many moved. */
export async function transferParked(
  tx: Queryable,
  ctx: StaffContext,
  input: { enterpriseId: number; fromOrgIds: number[]; toOrgId: number },
): Promise<number> {
  const members = await parked.lockParked(tx, input.enterpriseId, input.fromOrgIds.filter((id) => id !== input.toOrgId));
  await parked.moveToOrg(tx, members.map((m) => m.id), input.toOrgId);
  for (const m of members) {
    await repo.insertEvent(tx, {
      memberId: m.id, kind: 'transferred', fromStatus: m.status, toStatus: m.status,
      fromOrgId: m.orgId, toOrgId: input.toOrgId, reason: '单位建会后整体转入', actorKind: 'staff', actorId: ctx.actor.staffId,
    });
  }
  return members.length;
}
