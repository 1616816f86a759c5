// Who sees and edits an employer's file (一企一档), design §3 "Who sees and edits": an employer is in a
// staff account's scope when its town or its union is. Staff of a town or above with the town in scope
// record every fact; the employer's own union (its union in scope, the town not) records the union's
// facts, size, ownership, industry and platforms — not the identity, address or union link
// (enterprise_identity_town_only). Outside the scope: not_found, as a missing employer. Writers are
// admins and clerks (a viewer or reviewer gets forbidden from staffContext).
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope, isPathInScope, type Scope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { townOnlyFactKinds, type FactKind } from '../../../contracts/enterprise-facts-common.ts';
import * as repo from './access.repo.ts';

export type { EnterpriseRef } from './access.repo.ts';
export { enterpriseScopeFilter, ENTERPRISE_SCOPED_FROM } from './access.repo.ts';

/** The employer if it is in the scope; not_found otherwise (also for one that does not exist). */
export async function getEnterpriseInScope(q: Queryable, scope: Scope, id: number): Promise<repo.EnterpriseRef> {
  const e = await repo.findEnterpriseInScope(q, scope, id);
  if (!e) throw new AppError('not_found');
  return e;
}

/** The employers of the scope named exactly so (one employer per name; a name two employers share is left out), by name. */
export async function enterprisesByNameInScope(q: Queryable, scope: Scope, names: readonly string[]): Promise<Map<string, number>> {
  return new Map((await repo.findEnterprisesByNameInScope(q, scope, names)).map((e) => [e.name, e.id]));
}

/** 'town': the caller's scope holds the employer's town (edits everything); 'union': only its union. */
export function enterpriseRight(scope: Scope, e: Pick<repo.EnterpriseRef, 'townPath' | 'unionPath'>): 'town' | 'union' {
  return isPathInScope(scope, e.townPath) ? 'town' : 'union';
}

/**
 * May the caller record a fact of this kind on this employer (already read in scope)? Throws
 * enterprise_identity_town_only for the town-only kinds when the caller reaches it only through its
 * union, and enterprise_merged for a merged duplicate.
 */
export function assertMayRecordOnEnterprise(ctx: StaffContext, e: repo.EnterpriseRef, kind: FactKind): void {
  if (e.mergedInto !== null) throw new AppError('enterprise_merged');
  if ((townOnlyFactKinds as readonly string[]).includes(kind) && enterpriseRight(ctx.scope, e) !== 'town') {
    throw new AppError('enterprise_identity_town_only');
  }
}

/** A grassroots union whose file the caller may record (its own or one below it): not_found otherwise. */
export async function getUnionForFile(q: Queryable, scope: Scope, orgId: number) {
  const org = await getOrgInScope(q, scope, orgId);
  if (org.level !== 'grassroots') throw new AppError('fact_subject_invalid');
  return org;
}

/**
 * The enterprise file a union belongs to (the org tree's 工会档案 link): the employer it covers alone,
 * else the first it covers jointly, with how many it covers; null when it is no employer's union.
 * No scope check: the caller has read the union in its scope, and an employer whose union is in the
 * scope is in the scope (design §3).
 */
export async function enterpriseOfUnion(q: Queryable, unionOrgId: number): Promise<{ id: number; name: string; employers: number } | null> {
  return (await repo.findEnterpriseOfUnion(q, unionOrgId)) ?? null;
}
