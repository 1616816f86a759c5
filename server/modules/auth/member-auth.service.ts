// Worker log-in by phone: a one-time SMS code (6 digits, 5 minutes, single use, 5 tries; per phone
// one a minute, 5 an hour, 10 a day; per client address and for the platform as configured — see
// limits.ts) sent through the outbox, then a member session.
import { randomInt } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import type { Deps, MemberContext, RequestMeta } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { maskPhone } from '../../lib/pii.ts';
import { newCsrfToken, newToken } from '../../http/session.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices, queueSms } from '../notices/notices.service.ts';
import { endSession, insertSession } from '../../http/session.repo.ts';
import * as repo from './member-auth.repo.ts';
import { countSmsCode } from './limits.ts';

export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_RESEND_SECONDS = 60;
export const SMS_MAX_TRIES = 5;

const codeHash = (deps: Pick<Deps, 'pii'>, phone: string, code: string) => deps.pii.hash(`sms-code:${phone}:${code}`);

/**
 * Sends a code to the phone. Throws sms_too_frequent (within a minute of the last one, or past the
 * phone's or the client address's hourly or daily count), sms_platform_limit (the platform's hourly count).
 */
export async function sendSmsCode(deps: Deps, phone: string, meta: RequestMeta) {
  const phoneHash = deps.pii.hash(phone);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await deps.db.transaction(async (tx) => {
    // Counted first: the phone's bucket rows stay locked until this transaction ends, so a second
    // request for the phone (in any process) reads the code inserted here before its minute check.
    await countSmsCode(tx, deps, phoneHash, meta.ip);
    const last = await repo.findLatestSmsCode(tx, phoneHash);
    if (last && last.ageSeconds < SMS_RESEND_SECONDS) {
      const wait = SMS_RESEND_SECONDS - last.ageSeconds;
      throw new AppError('sms_too_frequent', `验证码发送过于频繁，请 ${wait} 秒后再试`, { retryAfterSeconds: wait });
    }
    await repo.insertSmsCode(tx, phoneHash, codeHash(deps, phone, code), SMS_CODE_TTL_SECONDS);
    await queueSms(tx, deps, {
      to: phone,
      body: `【智慧工会】您的登录验证码为 ${code}，5 分钟内有效。如非本人操作，请忽略本短信。`,
      bodyRedacted: '【智慧工会】您的登录验证码为 ******，5 分钟内有效。如非本人操作，请忽略本短信。',
      kind: 'login_code',
      orgPath: null,
    });
    await insertAudit(tx, {
      actorKind: 'anonymous',
      action: 'sms_code.send',
      ip: meta.ip,
      userAgent: meta.userAgent,
      detail: { phone: maskPhone(phone) },
    });
  });
  void dispatchNotices(deps);
  return { sent: true as const, expiresInSeconds: SMS_CODE_TTL_SECONDS, resendAfterSeconds: SMS_RESEND_SECONDS };
}

/**
 * Checks the code and opens a member session (a fresh id; the session the request carried ends).
 * Throws invalid_sms_code, sms_code_locked.
 */
export async function loginMember(
  deps: Deps,
  input: { phone: string; code: string; previousSession?: Buffer | undefined },
  meta: RequestMeta,
) {
  const phoneHash = deps.pii.hash(input.phone);
  const last = await repo.findLatestSmsCode(deps.db, phoneHash);
  const audit = { ip: meta.ip, userAgent: meta.userAgent };
  if (!last || last.isUsed || last.isExpired) {
    await insertAudit(deps.db, { ...audit, actorKind: 'anonymous', action: 'member_login', outcome: 'failed', detail: { phone: maskPhone(input.phone), reason: 'no_code' } });
    throw new AppError('invalid_sms_code');
  }
  if (last.attempts >= SMS_MAX_TRIES) throw new AppError('sms_code_locked');
  if (!codeHash(deps, input.phone, input.code).equals(last.codeHash)) {
    const tries = await repo.countSmsAttempt(deps.db, last.id);
    await insertAudit(deps.db, { ...audit, actorKind: 'anonymous', action: 'member_login', outcome: 'failed', detail: { phone: maskPhone(input.phone), reason: 'wrong_code', tries } });
    throw new AppError(tries >= SMS_MAX_TRIES ? 'sms_code_locked' : 'invalid_sms_code');
  }
  const { token, tokenHash } = newToken();
  const csrfToken = newCsrfToken();
  const worker = await deps.db.transaction(async (tx) => {
    if (!(await repo.useSmsCode(tx, last.id))) throw new AppError('invalid_sms_code');
    if (input.previousSession) await endSession(tx, input.previousSession);
    const w = await repo.upsertWorker(tx, {
      phoneEnc: deps.pii.encrypt(input.phone),
      phoneHash,
      phoneMasked: maskPhone(input.phone),
    });
    await insertSession(tx, { tokenHash, workerId: w.id, csrfToken, ip: meta.ip, userAgent: meta.userAgent });
    await insertAudit(tx, { ...audit, actorKind: 'member', actorId: w.id, action: 'member_login', detail: { phone: maskPhone(input.phone) } });
    return w;
  });
  return { token, csrfToken, me: await getMemberMe(deps, worker.id, csrfToken) };
}

export async function getMemberMe(deps: Pick<Deps, 'db' | 'config'>, workerId: number, csrfToken: string) {
  const r = await repo.getWorkerMe(deps.db, workerId);
  if (!r) throw new AppError('not_logged_in');
  return {
    kind: 'member' as const,
    workerId: r.workerId,
    phoneMasked: r.phoneMasked,
    member:
      r.memberId == null
        ? null
        : {
            id: r.memberId,
            memberNo: r.memberNo,
            name: r.name!,
            status: r.status!,
            org: { id: r.orgId!, name: r.orgName! },
            joinedOn: r.joinedOn!,
          },
    csrfToken,
    sessionIdleSeconds: deps.config.memberSessionIdleSeconds,
  };
}

export function getMemberContextMe(ctx: MemberContext) {
  return getMemberMe(ctx, ctx.actor.workerId, ctx.actor.csrfToken);
}

/** Ends a worker's sessions in the caller's transaction (a membership moved to another phone). */
export async function endWorkerSessions(q: Queryable, workerId: number): Promise<number> {
  return repo.endSessionsOfWorker(q, workerId);
}
