// Merging a duplicate employer into the one kept (design §2 "Dedup"): an employer known by name only
// (from a join) that turns out to be one already registered. Everything that names the duplicate moves
// to the kept one through its owning module's service — members, applications and transfers
// (members.service), tickets (tickets.service), supervision cases (supervision.service), drive targets
// (drives.service) and members' founding requests (requests.service); the duplicate
// keeps its facts and is marked merged_into; the kept one gains the duplicate's union link and size only
// where it has none (through recordFact, so its history says so). One transaction, audited.
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { MergeEnterpriseAnswer } from '../../../contracts/enterprises-register.ts';
import { reassignEnterprise as reassignMembers } from '../members/members.service.ts';
import { reassignEnterprise as reassignCases } from '../supervision/supervision.service.ts';
import { reassignEnterprise as reassignTickets } from '../tickets/tickets.service.ts';
import { reassignEnterprise as reassignDriveTargets } from '../drives/drives.service.ts';
import { reassignEnterprise as reassignRequests } from './requests.service.ts';
import { enterpriseRight, getEnterpriseInScope } from './access.service.ts';
import { factWriterOf, recordFact } from './facts.service.ts';
import * as repo from './register.repo.ts';
import { summaryOf } from './register.service.ts';

/**
 * Merges employer `id` (the duplicate) into `intoId`. Both must be in the scope by their town (staff of
 * the town or above). Throws not_found, merge_into_self, enterprise_merged (either already merged),
 * enterprise_identity_town_only (one reached only through its union).
 */
export async function mergeEnterprise(ctx: StaffContext, id: number, intoId: number): Promise<MergeEnterpriseAnswer> {
  const from = await getEnterpriseInScope(ctx.db, ctx.scope, id);
  if (intoId === id) throw new AppError('merge_into_self');
  const into = await getEnterpriseInScope(ctx.db, ctx.scope, intoId);
  if (from.mergedInto !== null || into.mergedInto !== null) throw new AppError('enterprise_merged');
  if (enterpriseRight(ctx.scope, from) !== 'town' || enterpriseRight(ctx.scope, into) !== 'town') throw new AppError('enterprise_identity_town_only');

  return ctx.db.transaction(async (tx) => {
    const locked = await repo.lockPair(tx, from.id, into.id);
    const dup = locked.find((r) => r.id === from.id)!;
    const kept = locked.find((r) => r.id === into.id)!;
    if (dup.mergedInto !== null || kept.mergedInto !== null) throw new AppError('enterprise_merged');

    const people = await reassignMembers(tx, from.id, into.id);
    const tickets = await reassignTickets(tx, from.id, into.id);
    const supervisionCases = await reassignCases(tx, from.id, into.id);
    const driveTargets = await reassignDriveTargets(tx, from.id, into.id);
    const foundingRequests = await reassignRequests(tx, from.id, into.id);

    const writer = factWriterOf(ctx);
    if (kept.unionOrgId === null && dup.unionOrgId !== null) {
      await recordFact(tx, writer, {
        enterpriseId: into.id,
        kind: 'union',
        value: { orgId: dup.unionOrgId, ...(dup.unionCoverage ? { coverage: dup.unionCoverage } : {}) },
        asOf: beijingDay(),
        note: `合并重复单位（编号 ${from.id}）时带入`,
        source: 'staff',
        audit: false,
      });
    }
    if (kept.employees === null && dup.employees !== null) {
      await recordFact(tx, writer, {
        enterpriseId: into.id,
        kind: 'size',
        value: { employees: dup.employees },
        asOf: dup.employeesAsOf ?? beijingDay(),
        note: `合并重复单位（编号 ${from.id}）时带入`,
        source: 'staff',
        audit: false,
      });
    }
    await repo.markMerged(tx, from.id, into.id);
    const moved = { ...people, tickets, supervisionCases, driveTargets, foundingRequests };
    await audit(tx, ctx, 'enterprise.merge', { type: 'enterprise', id: from.id, orgPath: from.townPath }, { intoEnterprise: into.id, intoName: into.name, moved });
    return { kept: summaryOf((await repo.findRegisterRow(tx, into.id))!), mergedId: from.id, moved };
  });
}
