// The union tree: reading within the scope, founding, changing, moving and closing unions.
import type { Queryable, Tx } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { isValidCreditCode } from '../../../contracts/china-codes.ts';
import { pinyinKey } from '../../lib/pinyin.ts';
import { canBeChildOf, type OrgDetail, type OrgLevel, type OrgSummary } from '../../../contracts/orgs.ts';
import * as repo from './orgs.repo.ts';
import { enterpriseOfUnion } from '../enterprises/access.service.ts';
import { audit } from '../../http/actors.ts';

// what the unique constraints of unions mean to the one who broke them (server/db/errors.ts)
registerConstraintErrors('orgs', { org_credit_code_key: 'credit_code_taken' });

type Level = OrgLevel;

/** The members of an org's subtree (not left or deceased), from the subtree totals, in the caller's transaction; 0 for an unknown org. No scope check: the caller has checked the org. */
export function countSubtreeMembers(q: Queryable, orgId: number): Promise<number> {
  return repo.subtreeMemberCount(q, orgId);
}

/** One org of the scope with its figures and the enterprise file it is the union of. Throws not_found. */
export async function getOrg(ctx: StaffContext, id: number): Promise<OrgDetail> {
  const [org, enterprise] = await Promise.all([repo.getOrgDetail(ctx.db, ctx.scope, id), enterpriseOfUnion(ctx.db, id)]);
  if (!org) throw new AppError('not_found');
  return { ...org, enterprise };
}

/** The children of an org of the scope. Throws not_found. */
export async function listChildren(
  ctx: StaffContext,
  id: number,
  f: { status: 'active' | 'closed' | 'all'; page: number; pageSize: number },
): Promise<{ items: OrgSummary[]; total: number }> {
  await getOrgInScope(ctx.db, ctx.scope, id);
  return repo.findChildren(ctx.db, ctx.scope, id, {
    status: f.status,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}

/** Searches the scope (or a subtree of it) by name and attributes. Throws not_found for rootId. */
export async function searchOrgs(
  ctx: StaffContext,
  f: {
    q?: string | undefined;
    rootId?: number | undefined;
    level?: string | undefined;
    kind?: string | undefined;
    status: 'active' | 'closed' | 'all';
    page: number;
    pageSize: number;
  },
): Promise<{ items: OrgSummary[]; total: number }> {
  const under = f.rootId ? (await getOrgInScope(ctx.db, ctx.scope, f.rootId)).path : undefined;
  return repo.searchOrgs(ctx.db, ctx.scope, {
    text: f.q,
    underPath: under,
    level: f.level,
    kind: f.kind,
    status: f.status,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}

export interface FoundOrgInput {
  parentId: number;
  name: string;
  level: Level;
  kind: string;
  federationType?: string | undefined;
  regionCode?: string | undefined;
  industry?: string | undefined;
  creditCode?: string | undefined;
  chairName?: string | undefined;
  foundedOn?: string | undefined;
}

/** Founds (建会) a union under a parent in the scope. Throws not_found, org_closed, invalid_parent_level, invalid_credit_code, credit_code_taken. */
export async function foundOrg(ctx: StaffContext, input: FoundOrgInput): Promise<OrgDetail> {
  const id = await ctx.db.transaction((tx) => foundOrgInTx(tx, ctx, input));
  return getOrg(ctx, id);
}

/**
 * Founds a union in the caller's transaction (a drive's 成立大会 founds it with its facts in one
 * transaction), audited `org.found`; answers the new org's id. Throws as foundOrg.
 */
export async function foundOrgInTx(tx: Tx, ctx: StaffContext, input: FoundOrgInput): Promise<number> {
  if (input.creditCode && !isValidCreditCode(input.creditCode)) throw new AppError('invalid_credit_code');
  const parent = await getOrgInScope(tx, ctx.scope, input.parentId);
  const [locked] = await repo.lockOrgs(tx, [parent.id]);
  if (locked?.status !== 'active') throw new AppError('org_closed');
  if (!canBeChildOf(input.level, parent.level as Level)) throw new AppError('invalid_parent_level');
  const newId = await repo.nextOrgId(tx);
  const path = `${parent.path}.${newId}`;
  await repo.insertOrg(tx, { ...input, id: newId, path, namePinyin: pinyinKey(input.name) });
  await audit(tx, ctx, 'org.found', { type: 'org', id: newId, orgPath: path }, { name: input.name, parentId: parent.id, level: input.level, kind: input.kind });
  return newId;
}

export type UpdateOrgInput = Partial<{
  name: string;
  kind: string;
  federationType: string | null;
  regionCode: string | null;
  industry: string | null;
  creditCode: string | null;
  chairName: string | null;
  foundedOn: string | null;
}>;

/** Changes an org's attributes (not its place in the tree). Throws not_found, org_closed, invalid_credit_code, credit_code_taken. */
export async function changeOrg(ctx: StaffContext, id: number, patch: UpdateOrgInput): Promise<OrgDetail> {
  if (patch.creditCode && !isValidCreditCode(patch.creditCode)) throw new AppError('invalid_credit_code');
  await ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, id);
    if (org.status !== 'active') throw new AppError('org_closed');
    await repo.updateOrg(tx, id, {
      ...patch,
      ...(patch.name !== undefined ? { namePinyin: pinyinKey(patch.name) } : {}),
    });
    await audit(tx, ctx, 'org.update', { type: 'org', id, orgPath: org.path }, { before: { name: org.name }, changes: patch });
  });
  return getOrg(ctx, id);
}

/**
 * Moves an org and its whole subtree under another parent, in one transaction. Throws not_found,
 * cannot_change_scope_root, move_into_own_subtree, invalid_parent_level, org_closed.
 */
export async function moveOrg(ctx: StaffContext, id: number, newParentId: number): Promise<OrgDetail> {
  await ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, id);
    const parent = await getOrgInScope(tx, ctx.scope, newParentId);
    if (org.id === ctx.scope.orgId) throw new AppError('cannot_change_scope_root');
    const locked = await repo.lockOrgs(tx, [org.id, parent.id]);
    const o = locked.find((r) => r.id === org.id)!;
    const p = locked.find((r) => r.id === parent.id)!;
    if (p.path === o.path || p.path.startsWith(`${o.path}.`)) throw new AppError('move_into_own_subtree');
    if (o.status !== 'active' || p.status !== 'active') throw new AppError('org_closed');
    if (!canBeChildOf(o.level as Level, p.level as Level)) throw new AppError('invalid_parent_level');
    if (org.parentId === parent.id) return;
    const moved = await repo.moveSubtree(tx, o.id, o.path, p.id, p.path);
    await audit(tx, ctx, 'org.move', { type: 'org', id, orgPath: `${p.path}.${o.id}` }, { fromParentId: org.parentId, toParentId: p.id, orgsMoved: moved });
  });
  return getOrg(ctx, id);
}

/** Closes (撤销) an empty union. Throws not_found, cannot_change_scope_root, org_closed, org_not_empty. */
export async function closeOrg(ctx: StaffContext, id: number, reason: string): Promise<OrgDetail> {
  await ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, id);
    if (org.id === ctx.scope.orgId) throw new AppError('cannot_change_scope_root');
    const [locked] = await repo.lockOrgs(tx, [org.id]);
    if (locked?.status !== 'active') throw new AppError('org_closed');
    const contents = await repo.countSubtreeContents(tx, org.id);
    if (contents.activeChildren > 0 || contents.members > 0) throw new AppError('org_not_empty');
    await repo.closeOrg(tx, id, reason);
    await audit(tx, ctx, 'org.close', { type: 'org', id, orgPath: org.path }, { reason });
  });
  return getOrg(ctx, id);
}
