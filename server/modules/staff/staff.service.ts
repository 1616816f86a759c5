// Staff accounts of the caller's subtree: list, create, change, reset password. Admins only write.
import type { StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { hashPassword, isStrongPassword } from '../../lib/password.ts';
import { endSessionsOfStaff } from '../../http/session.repo.ts';
import type { Queryable } from '../../db/client.ts';
import type { StaffMe, StaffRole } from '../../../contracts/auth.ts';
import type { StaffAccount } from '../../../contracts/staff.ts';
import { findDisplayNames, findStaff, findStaffInScope, getStaffMe as findStaffMe, insertStaff, setPasswordHash, updateStaff } from './staff.repo.ts';
import { audit } from '../../http/actors.ts';

// what the unique constraints of accounts mean to the one who broke them (server/db/errors.ts)
registerConstraintErrors('staff', { staff_username_key: 'username_taken' });

/** A logged-in staff member's own view (account, org, roles, the session's CSRF token and idle limit). Throws not_logged_in when the account is gone. */
export function getStaffMe(q: Queryable, staffId: number, csrfToken: string, idleSeconds: number): Promise<StaffMe> {
  return findStaffMe(q, staffId, csrfToken, idleSeconds);
}

/** Stores a new password hash and clears failed log-ins and the lock, in the caller's transaction; the caller checks and audits. */
export function setStaffPasswordHash(q: Queryable, staffId: number, passwordHash: string): Promise<void> {
  return setPasswordHash(q, staffId, passwordHash);
}

/** Adds an account whose password is already hashed: no scope check, no audit — for the demo seed only. Returns its id. */
export function addSeedStaffAccount(q: Queryable, s: Parameters<typeof insertStaff>[1]): Promise<number> {
  return insertStaff(q, s);
}

/** The names of the staff accounts with these ids (those the caller's audit entries name as actors). */
export async function getStaffDisplayNames(ctx: StaffContext, ids: number[]): Promise<Map<number, string>> {
  return findDisplayNames(ctx.db, [...new Set(ids)]);
}

/** Accounts in the scope, optionally under one org of it. Throws not_found for an org outside it. */
export async function listStaff(
  ctx: StaffContext,
  f: { orgId?: number | undefined; q?: string | undefined; page: number; pageSize: number },
): Promise<{ items: StaffAccount[]; total: number }> {
  const under = f.orgId ? (await getOrgInScope(ctx.db, ctx.scope, f.orgId)).path : undefined;
  return findStaff(ctx.db, ctx.scope, {
    underPath: under,
    text: f.q,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
}

/** One account in the scope. Throws not_found. */
export async function getStaff(ctx: StaffContext, id: number): Promise<StaffAccount> {
  const s = await findStaffInScope(ctx.db, ctx.scope, id);
  if (!s) throw new AppError('not_found');
  const { orgPath: _, ...account } = s;
  return account;
}

/** Creates an account at an org in the scope. Throws not_found, weak_password, username_taken. */
export async function createStaff(
  ctx: StaffContext,
  input: { orgId: number; username: string; displayName: string; roles: StaffRole[]; password: string },
): Promise<StaffAccount> {
  if (!isStrongPassword(input.password)) throw new AppError('weak_password');
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  if (org.status !== 'active') throw new AppError('org_closed');
  const passwordHash = await hashPassword(input.password);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await insertStaff(tx, { ...input, passwordHash });
    await audit(tx, ctx, 'staff.create', { type: 'staff', id: newId, orgPath: org.path }, { username: input.username, roles: input.roles });
    return newId;
  });
  return getStaff(ctx, id);
}

/** Changes name, roles or active state. Throws not_found, cannot_change_self. */
export async function changeStaff(
  ctx: StaffContext,
  id: number,
  patch: { displayName?: string | undefined; roles?: StaffRole[] | undefined; isActive?: boolean | undefined },
): Promise<StaffAccount> {
  const target = await findStaffInScope(ctx.db, ctx.scope, id);
  if (!target) throw new AppError('not_found');
  if (id === ctx.actor.staffId && (patch.roles !== undefined || patch.isActive === false)) {
    throw new AppError('cannot_change_self');
  }
  await ctx.db.transaction(async (tx) => {
    await updateStaff(tx, id, patch);
    if (patch.isActive === false) await endSessionsOfStaff(tx, id);
    await audit(tx, ctx, 'staff.update', { type: 'staff', id, orgPath: target.orgPath }, { ...patch });
  });
  return getStaff(ctx, id);
}

/** Sets a new password chosen by an admin; unlocks the account and ends its sessions. */
export async function resetStaffPassword(ctx: StaffContext, id: number, password: string): Promise<void> {
  const target = await findStaffInScope(ctx.db, ctx.scope, id);
  if (!target) throw new AppError('not_found');
  // One's own password is changed with the old one (POST /api/auth/password), not reset.
  if (id === ctx.actor.staffId) throw new AppError('cannot_change_self', '不能重置自己的密码，请使用“修改密码”');
  if (!isStrongPassword(password)) throw new AppError('weak_password');
  const hash = await hashPassword(password);
  await ctx.db.transaction(async (tx) => {
    await setPasswordHash(tx, id, hash);
    await endSessionsOfStaff(tx, id);
    await audit(tx, ctx, 'staff.reset_password', { type: 'staff', id, orgPath: target.orgPath });
  });
}
