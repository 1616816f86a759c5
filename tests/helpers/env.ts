// Which engine a test run uses, and the fixed data key of the test fixtures.
export type TestEngine = 'pglite' | 'postgres';

export function testEngine(): TestEngine {
  const e = process.env.TEST_DB ?? 'pglite';
  if (e !== 'pglite' && e !== 'postgres') throw new Error(`TEST_DB must be pglite or postgres, not ${e}`);
  return e;
}

/** The server that holds the test databases (each test file gets its own database). */
export const TEST_PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fixed key: the template's ciphertexts must decrypt in every test file. */
export const TEST_DATA_KEY = Buffer.alloc(32, 7);

export function pgUrlFor(database: string): string {
  const u = new URL(TEST_PG_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Every request of a test comes from one address: the per-client and platform limits are raised out
 * of the way (limits.test.ts sets its own). Per-phone and per-name limits stay as in production.
 */
export const UNTHROTTLED = {
  GONGHUI_LOGIN_FAILURES_PER_CLIENT: '1000000',
  GONGHUI_SMS_PER_CLIENT_HOUR: '1000000',
  GONGHUI_SMS_PER_CLIENT_DAY: '1000000',
  GONGHUI_SMS_PER_HOUR: '1000000',
};
