// The environment, parsed once. Everything else receives a Config; nothing reads process.env.
import { z } from 'zod';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  /** demo: seeds demo data and demo accounts; production: refuses demo accounts, needs a key. */
  GONGHUI_MODE: z.enum(['demo', 'production']).optional(),
  /** base64 of 32 bytes: the key for personal data at rest; required in production. */
  GONGHUI_DATA_KEY: z.string().optional(),
  /** Scale of the demo seed: small (default), or 'test' for the fast test fixture. */
  GONGHUI_DEMO_SCALE: z.enum(['small', 'test']).default('small'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * Behind a reverse proxy: take the client address (audit, per-client limits) and the scheme
   * (Secure cookie) from X-Forwarded-For / X-Forwarded-Proto. `true`: one proxy, the peer; a number:
   * that many proxies in a chain; otherwise the proxies' addresses or CIDR ranges, comma-separated.
   */
  TRUST_PROXY: z
    .string()
    .default('false')
    .transform((v, ctx): TrustProxy => {
      const t = v.trim();
      if (t === 'false' || t === '' || t === '0') return false;
      if (t === 'true') return 1;
      if (/^[1-9][0-9]?$/.test(t)) return Number(t);
      const list = t.split(',').map((a) => a.trim());
      if (list.every((a) => /^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/[0-9]{1,3})?)$/.test(a))) return list;
      ctx.addIssue({ code: 'custom', message: 'TRUST_PROXY: true, false, a number of proxies, or proxy addresses' });
      return z.NEVER;
    }),
  /** Failed log-ins from one client address per 15 minutes before it must wait (spraying passwords over many names). */
  GONGHUI_LOGIN_FAILURES_PER_CLIENT: z.coerce.number().int().min(1).default(20),
  /** SMS codes one client address may have sent per hour and per (Beijing) day. */
  GONGHUI_SMS_PER_CLIENT_HOUR: z.coerce.number().int().min(1).default(10),
  GONGHUI_SMS_PER_CLIENT_DAY: z.coerce.number().int().min(1).default(20),
  /** SMS codes the whole platform sends per hour, so that nobody can run up the SMS bill. */
  GONGHUI_SMS_PER_HOUR: z.coerce.number().int().min(1).default(1000),
  /** Sign-ups of one activity arriving together are written together (off: each on its own — the benchmark's baseline). */
  GONGHUI_SIGNUP_BATCHING: z
    .enum(['on', 'off'])
    .default('on')
    .transform((v) => v === 'on'),
  /** A subtree issue of points to a subtree of more members than this (its member count) locks the accounts table for its few seconds instead of each account (see points.service.ts). */
  GONGHUI_POINTS_TABLE_LOCK_MEMBERS: z.coerce.number().int().min(0).default(10_000),
  /** Serve the built web apps from web/dist (off in API tests). */
  SERVE_WEB: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** false: no proxy; n: that many proxies in front; or the proxies' addresses / CIDR ranges. */
export type TrustProxy = false | number | string[];

/** Limits on log-in and SMS codes, counted in the database (attempt_bucket) across processes. */
export interface AuthLimits {
  /** Failed log-ins per client address per 15 minutes. */
  loginFailuresPerClient: number;
  /** SMS codes per phone: one a minute, then these per hour and per day, as SMS gateways allow. */
  smsPerPhoneHour: number;
  smsPerPhoneDay: number;
  smsPerClientHour: number;
  smsPerClientDay: number;
  /** SMS codes the platform sends per hour, all phones together. */
  smsPerHour: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  mode: 'demo' | 'production';
  dataKey: string | undefined;
  demoScale: 'small' | 'test';
  logLevel: string;
  serveWeb: boolean;
  trustProxy: TrustProxy;
  /** Sign-ups of one activity arriving together are written in one transaction (signup-batch.ts). */
  signupBatching: boolean;
  /**
   * A subtree issue of points to a subtree of more members than this (its member count) takes a table lock on the accounts
   * (every other points write waits for its few seconds) instead of locking each account in id order
   * (measured at 1,000,000 members: the ordered row lock alone was 5–10 s of the issue).
   */
  pointsTableLockMembers: number;
  /** Staff sessions end after this long without a request. */
  sessionIdleSeconds: number;
  /** Workers on phones stay logged in longer: an SMS code a day would keep riders away. */
  memberSessionIdleSeconds: number;
  /**
   * A user name (an account or not) locks for lockSeconds after maxFailedLogins failures in a row;
   * a run is forgotten after lockSeconds without a failure.
   */
  maxFailedLogins: number;
  lockSeconds: number;
  limits: AuthLimits;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = schema.parse(env);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    // The embedded default is the demo; a real server is production unless told otherwise.
    mode: e.GONGHUI_MODE ?? (e.DATABASE_URL ? 'production' : 'demo'),
    dataKey: e.GONGHUI_DATA_KEY,
    demoScale: e.GONGHUI_DEMO_SCALE,
    logLevel: e.LOG_LEVEL,
    serveWeb: e.SERVE_WEB,
    trustProxy: e.TRUST_PROXY,
    signupBatching: e.GONGHUI_SIGNUP_BATCHING,
    pointsTableLockMembers: e.GONGHUI_POINTS_TABLE_LOCK_MEMBERS,
    sessionIdleSeconds: 30 * 60,
    memberSessionIdleSeconds: 7 * 24 * 3600,
    maxFailedLogins: 5,
    lockSeconds: 15 * 60,
    limits: {
      loginFailuresPerClient: e.GONGHUI_LOGIN_FAILURES_PER_CLIENT,
      smsPerPhoneHour: 5,
      smsPerPhoneDay: 10,
      smsPerClientHour: e.GONGHUI_SMS_PER_CLIENT_HOUR,
      smsPerClientDay: e.GONGHUI_SMS_PER_CLIENT_DAY,
      smsPerHour: e.GONGHUI_SMS_PER_HOUR,
    },
  };
}
