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
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (audit records it). */
  TRUST_PROXY: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
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
  trustProxy: boolean;
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
  /** A staff account locks for lockSeconds after maxFailedLogins failures in a row. */
  maxFailedLogins: number;
  lockSeconds: number;
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
  };
}
