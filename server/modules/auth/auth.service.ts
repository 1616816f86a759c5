// Staff log-in, log-out, who am I, password change.
import type { Actor, Deps, RequestMeta, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { getDummyHash, hashPassword, isStrongPassword, verifyPassword } from '../../lib/password.ts';
import { newCsrfToken, newToken } from '../../http/session.ts';
import { insertAudit } from '../../http/audit.ts';
import type { StaffMe } from '../../../contracts/auth.ts';
import { endSession, endSessionsOfStaff, insertSession } from '../../http/session.repo.ts';
import { findStaffCredential, recordFailedLogin, recordSuccessfulLogin } from './auth.repo.ts';
import { getStaffMe, setStaffPasswordHash } from '../staff/staff.service.ts';
import { countUnknownNameFailure, isUnknownNameLocked, releaseLoginAttempt, reserveLoginAttempt } from './limits.ts';

/**
 * Checks the password and opens a new session (a fresh id; any session the request carried is
 * ended). A user name no account has fails, locks and costs a hash exactly as an account does.
 * Throws invalid_credentials, too_many_attempts, login_rate_limited, login_busy.
 */
export async function loginStaff(
  deps: Deps,
  input: { username: string; password: string; previousSession?: Buffer | undefined },
  meta: RequestMeta,
): Promise<{ token: string; csrfToken: string; me: StaffMe }> {
  const { db, config } = deps;
  const attempt = await reserveLoginAttempt(deps, meta.ip);
  const cred = await findStaffCredential(db, input.username);
  const audit = { ip: meta.ip, userAgent: meta.userAgent };
  const who = cred
    ? { actorKind: 'staff' as const, actorId: cred.id, actorName: cred.username, orgPath: cred.orgPath }
    : { actorKind: 'anonymous' as const };
  const unknown = cred ? {} : { username: input.username, reason: 'unknown_user' };
  if (cred ? cred.isLocked : await isUnknownNameLocked(deps, input.username)) {
    await insertAudit(db, { ...audit, ...who, action: 'login', outcome: 'denied', detail: { ...unknown, reason: 'locked' } });
    throw new AppError('too_many_attempts');
  }
  let ok: boolean;
  try {
    ok = await verifyPassword(input.password, cred?.passwordHash ?? getDummyHash());
  } catch (err) {
    await releaseLoginAttempt(deps, attempt); // login_busy: nothing was tried
    throw err;
  }
  if (!cred || !ok || !cred.isActive) {
    let locked = false;
    if (!cred) locked = await countUnknownNameFailure(deps, input.username);
    else if (!ok) locked = await recordFailedLogin(db, cred.id, config.maxFailedLogins, config.lockSeconds);
    await insertAudit(db, {
      ...audit,
      ...who,
      action: 'login',
      outcome: 'failed',
      detail: cred ? { reason: ok ? 'inactive' : 'wrong_password', locked } : { ...unknown, locked },
    });
    throw new AppError(locked ? 'too_many_attempts' : 'invalid_credentials');
  }
  await releaseLoginAttempt(deps, attempt);
  const { token, tokenHash } = newToken();
  const csrfToken = newCsrfToken();
  await db.transaction(async (tx) => {
    if (input.previousSession) await endSession(tx, input.previousSession);
    await recordSuccessfulLogin(tx, cred.id);
    await insertSession(tx, { tokenHash, staffId: cred.id, csrfToken, ip: meta.ip, userAgent: meta.userAgent });
    await insertAudit(tx, { ...audit, ...who, action: 'login' });
  });
  const me = await getStaffMe(db, cred.id, csrfToken, config.sessionIdleSeconds);
  return { token, csrfToken, me };
}

/** Ends the session the request presented (staff or worker). */
export async function logout(deps: Deps, actor: Actor | undefined, meta: RequestMeta, sessionHash: Buffer | undefined): Promise<void> {
  if (!sessionHash) return;
  await deps.db.transaction(async (tx) => {
    await endSession(tx, sessionHash);
    if (!actor) return;
    await insertAudit(tx, {
      ...(actor.kind === 'staff'
        ? { actorKind: 'staff' as const, actorId: actor.staffId, actorName: actor.username, orgPath: actor.scope.path }
        : { actorKind: 'member' as const, actorId: actor.workerId }),
      action: 'logout',
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
  });
}

export function getMe(ctx: StaffContext): Promise<StaffMe> {
  return getStaffMe(ctx.db, ctx.actor.staffId, ctx.actor.csrfToken, ctx.config.sessionIdleSeconds);
}

const PASSWORD_CHECK_LOCKED = '原密码错误次数过多，账号已锁定 15 分钟，请稍后再试';

/**
 * Changes one's own password; ends every other session. A wrong current password counts towards the
 * account's log-in lock. Throws wrong_password, too_many_attempts, weak_password, login_busy.
 */
export async function changeOwnPassword(ctx: StaffContext, oldPassword: string, newPassword: string): Promise<void> {
  const cred = await findStaffCredential(ctx.db, ctx.actor.username);
  if (!cred) throw new AppError('not_logged_in');
  const refused = { action: 'staff.change_password', targetType: 'staff', targetId: cred.id, orgPath: cred.orgPath };
  const who = { actorKind: 'staff' as const, actorId: cred.id, actorName: cred.username, ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
  if (cred.isLocked) {
    await insertAudit(ctx.db, { ...who, ...refused, outcome: 'denied', detail: { reason: 'locked' } });
    throw new AppError('too_many_attempts', PASSWORD_CHECK_LOCKED);
  }
  if (!(await verifyPassword(oldPassword, cred.passwordHash))) {
    const locked = await recordFailedLogin(ctx.db, cred.id, ctx.config.maxFailedLogins, ctx.config.lockSeconds);
    await insertAudit(ctx.db, { ...who, ...refused, outcome: 'failed', detail: { reason: 'wrong_password', locked } });
    if (locked) throw new AppError('too_many_attempts', PASSWORD_CHECK_LOCKED);
    throw new AppError('wrong_password');
  }
  if (!isStrongPassword(newPassword)) throw new AppError('weak_password');
  const hash = await hashPassword(newPassword);
  await ctx.db.transaction(async (tx) => {
    await setStaffPasswordHash(tx, cred.id, hash);
    await endSessionsOfStaff(tx, cred.id, ctx.actor.sessionHash);
    await insertAudit(tx, {
      actorKind: 'staff',
      actorId: cred.id,
      actorName: cred.username,
      action: 'staff.change_password',
      targetType: 'staff',
      targetId: cred.id,
      orgPath: cred.orgPath,
      ip: ctx.meta.ip,
      userAgent: ctx.meta.userAgent,
    });
  });
}
