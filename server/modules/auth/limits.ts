// Limits on log-in and SMS codes, counted in the database (attempt_bucket) so that they hold however
// many app processes serve the same database. Rules only; the SQL is in attempts.repo.ts.
import { isIPv4, isIPv6 } from 'node:net';
import type { Deps } from '../../http/context.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import {
  countInBuckets,
  countStreakFailure,
  deleteExpiredBuckets,
  isStreakLocked,
  uncountInBucket,
  type BucketCount,
  type BucketHit,
} from './attempts.repo.ts';

const MINUTE = 60;
const HOUR = 3600;
const DAY = 24 * HOUR;
/** Failed log-ins of one client address are counted in windows this long. */
export const LOGIN_CLIENT_WINDOW_SECONDS = 15 * MINUTE;

/**
 * The subject a client address is counted under: an IPv4 address as it is; an IPv6 address by its
 * /64 — one customer's network (a phone on a mobile network gets a whole /64 and may use any address
 * in it), so changing addresses within it changes nothing.
 */
export function clientKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped && isIPv4(mapped[1]!)) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const [head = '', tail] = ip.split('%')[0]!.toLowerCase().split('::');
  const groups = (part: string | undefined) => (part ? part.split(':') : []);
  const hextets = tail === undefined ? groups(head) : [...groups(head), ...Array<string>(8 - groups(head).length - groups(tail).length).fill('0'), ...groups(tail)];
  return `${hextets.slice(0, 4).map((h) => h.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

/** "明天" for a day's window (it ends at 00:00 Beijing time), else " N 分钟后" / " N 秒后". */
function retryPhrase(secondsLeft: number, windowSeconds: number): string {
  if (windowSeconds >= DAY) return '明天';
  if (secondsLeft < MINUTE) return ` ${Math.max(secondsLeft, 1)} 秒后`;
  return ` ${Math.ceil(secondsLeft / MINUTE)} 分钟后`;
}

interface Rule extends BucketHit {
  code: ErrorCode;
  /** The refusal, given when to try again. */
  message: (when: string) => string;
}

/**
 * Counts one hit in every rule's bucket, or in none: when any is at its limit, throws the refusal of
 * the one that ends last (the counts already made are rolled back by the caller's transaction, or
 * taken back here when `q` is not one).
 */
async function countOrRefuse(q: Queryable, rules: Rule[], inTransaction: boolean): Promise<BucketCount[]> {
  const counts = await countInBuckets(q, rules);
  const refused = counts
    .map((c, i) => ({ c, rule: rules[i]! }))
    .filter((x) => !x.c.isCounted)
    .sort((a, b) => b.c.secondsLeft - a.c.secondsLeft)[0];
  if (!refused) return counts;
  if (!inTransaction) for (const c of counts.filter((x) => x.isCounted)) await uncountInBucket(q, c);
  const { c, rule } = refused;
  throw new AppError(rule.code, rule.message(retryPhrase(c.secondsLeft, rule.windowSeconds)), {
    retryAfterSeconds: Math.max(c.secondsLeft, 1),
  });
}

/**
 * Counts a code about to be sent, in the sending transaction: per phone (hour, day), per client
 * address (hour, day) and for the platform (hour). Throws sms_too_frequent, sms_platform_limit.
 */
export async function countSmsCode(tx: Queryable, deps: Pick<Deps, 'config'>, phoneHash: Buffer, clientIp: string): Promise<void> {
  const l = deps.config.limits;
  const phone = phoneHash.toString('hex');
  const byPhone = (when: string) => `该手机号获取验证码次数过多，请${when}再试`;
  const byClient = (when: string) => `当前网络获取验证码次数过多，请${when}再试`;
  // Locked in this order by every request: the phone's rows, the client's, then the platform's one hot row last.
  await countOrRefuse(
    tx,
    [
      { kind: 'sms_phone_hour', subject: phone, windowSeconds: HOUR, limit: l.smsPerPhoneHour, code: 'sms_too_frequent', message: byPhone },
      { kind: 'sms_phone_day', subject: phone, windowSeconds: DAY, limit: l.smsPerPhoneDay, code: 'sms_too_frequent', message: (w) => `该手机号今日获取验证码次数已达上限，请${w}再试` },
      { kind: 'sms_client_hour', subject: clientKey(clientIp), windowSeconds: HOUR, limit: l.smsPerClientHour, code: 'sms_too_frequent', message: byClient },
      { kind: 'sms_client_day', subject: clientKey(clientIp), windowSeconds: DAY, limit: l.smsPerClientDay, code: 'sms_too_frequent', message: byClient },
      { kind: 'sms_platform_hour', subject: '', windowSeconds: HOUR, limit: l.smsPerHour, code: 'sms_platform_limit', message: (w) => `当前获取验证码的人数较多，请${w}再试` },
    ],
    true,
  );
}

export type LoginAttempt = BucketCount;

/**
 * Counts a log-in attempt of the client address before its password is hashed (so that a burst is
 * bounded too); a successful one is given back with releaseLoginAttempt, so the count is of failures.
 * Throws login_rate_limited.
 */
export async function reserveLoginAttempt(deps: Pick<Deps, 'db' | 'config'>, clientIp: string): Promise<LoginAttempt> {
  const [attempt] = await countOrRefuse(
    deps.db,
    [
      {
        kind: 'login_client',
        subject: clientKey(clientIp),
        windowSeconds: LOGIN_CLIENT_WINDOW_SECONDS,
        limit: deps.config.limits.loginFailuresPerClient,
        code: 'login_rate_limited',
        message: (w) => `当前网络登录失败次数过多，请${w}再试`,
      },
    ],
    false,
  );
  return attempt!;
}

export async function releaseLoginAttempt(deps: Pick<Deps, 'db'>, attempt: LoginAttempt): Promise<void> {
  await uncountInBucket(deps.db, attempt);
}

/*
 * A user name no account has is locked exactly as an account is (staff.failed_logins, locked_until):
 * the same number of failures, the same lock, the same answers — so the lock tells nobody which
 * names exist.
 */
const unknownNameKey = (deps: Pick<Deps, 'pii'>, username: string) => deps.pii.hash(`login-name:${username}`).toString('hex');

export function isUnknownNameLocked(deps: Pick<Deps, 'db' | 'pii' | 'config'>, username: string): Promise<boolean> {
  return isStreakLocked(deps.db, 'login_unknown_name', unknownNameKey(deps, username), deps.config.maxFailedLogins);
}

/** Returns whether the name is now locked. */
export function countUnknownNameFailure(deps: Pick<Deps, 'db' | 'pii' | 'config'>, username: string): Promise<boolean> {
  const { maxFailedLogins, lockSeconds } = deps.config;
  return countStreakFailure(deps.db, 'login_unknown_name', unknownNameKey(deps, username), maxFailedLogins, lockSeconds);
}

/** Deletes the buckets whose window or lock is over (main.ts runs it every few minutes); returns how many. */
export function pruneAttemptBuckets(deps: Pick<Deps, 'db'>): Promise<number> {
  return deleteExpiredBuckets(deps.db);
}
