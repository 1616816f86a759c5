// Production safety at start-up: the mode, the data key, and no demo account in production.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, refuseDemoAccountsInProduction } from '../server/db/seed/demo.ts';
import { loadDataKey } from '../server/lib/keys.ts';
import { hashPassword } from '../server/lib/password.ts';
import { testDbHooks } from './helpers/harness.ts';
import type { Db } from '../server/db/client.ts';

describe('loadConfig', () => {
  it('defaults to the embedded demo without DATABASE_URL', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      dataDir: './data',
      databaseUrl: undefined,
      mode: 'demo',
      dataKey: undefined,
      demoScale: 'small',
      logLevel: 'info',
      serveWeb: true,
      sessionIdleSeconds: 1800,
      maxFailedLogins: 5,
      lockSeconds: 900,
      trustProxy: false,
      limits: { loginFailuresPerClient: 20, smsPerPhoneHour: 5, smsPerPhoneDay: 10, smsPerClientHour: 10, smsPerClientDay: 20, smsPerHour: 1000 },
    });
  });

  it('reads TRUST_PROXY as one proxy, a number of proxies, or the proxies’ addresses', () => {
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(loadConfig({ TRUST_PROXY: 'loopback' }).trustProxy).toEqual(['loopback']);
    expect(loadConfig({ GONGHUI_SMS_PER_HOUR: '50', GONGHUI_LOGIN_FAILURES_PER_CLIENT: '7' }).limits).toMatchObject({ smsPerHour: 50, loginFailuresPerClient: 7 });
  });

  it('is production with a DATABASE_URL, unless told otherwise', () => {
    const url = 'postgres://gonghui@db.example:5432/gonghui';
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({ mode: 'production', databaseUrl: url });
    expect(loadConfig({ DATABASE_URL: url, GONGHUI_MODE: 'demo' }).mode).toBe('demo');
    expect(loadConfig({ GONGHUI_MODE: 'production' }).mode).toBe('production');
  });

  it('reads the environment it is given', () => {
    const c = loadConfig({ PORT: '8080', DATA_DIR: '/srv/gonghui', LOG_LEVEL: 'warn', SERVE_WEB: 'false', GONGHUI_DEMO_SCALE: 'test' });
    expect(c).toMatchObject({ port: 8080, dataDir: '/srv/gonghui', logLevel: 'warn', serveWeb: false, demoScale: 'test' });
  });

  it('refuses values it does not understand instead of guessing', () => {
    for (const env of [
      { PORT: 'eighty' },
      { PORT: '70000' },
      { GONGHUI_MODE: 'prod' },
      { DATABASE_URL: 'not a url' },
      { LOG_LEVEL: 'loud' },
      { SERVE_WEB: 'yes' },
      { TRUST_PROXY: 'yes' },
      { TRUST_PROXY: 'proxy.example' },
      { GONGHUI_SMS_PER_HOUR: '0' },
      { GONGHUI_LOGIN_FAILURES_PER_CLIENT: 'many' },
    ]) {
      expect(() => loadConfig(env), JSON.stringify(env)).toThrow();
    }
  });
});

describe('loadDataKey', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gonghui-keys-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('needs GONGHUI_DATA_KEY in production and writes no key file', () => {
    const dataDir = join(dir, 'prod');
    const config = loadConfig({ GONGHUI_MODE: 'production', DATA_DIR: dataDir });
    expect(() => loadDataKey(config)).toThrow(/GONGHUI_DATA_KEY is required/);
    expect(() => statSync(join(dataDir, 'data.key'))).toThrow();
  });

  it('takes a 32-byte key from the environment, in either mode', () => {
    const key = randomBytes(32);
    for (const mode of ['production', 'demo']) {
      const config = loadConfig({ GONGHUI_MODE: mode, GONGHUI_DATA_KEY: key.toString('base64'), DATA_DIR: join(dir, 'env') });
      expect(loadDataKey(config).equals(key)).toBe(true);
    }
  });

  it('refuses a key of the wrong length', () => {
    for (const bad of [randomBytes(16), randomBytes(31), randomBytes(33), randomBytes(64)]) {
      const config = loadConfig({ GONGHUI_MODE: 'production', GONGHUI_DATA_KEY: bad.toString('base64') });
      expect(() => loadDataKey(config), `${bad.length} bytes`).toThrow(/32 bytes/);
    }
    const hex = loadConfig({ GONGHUI_MODE: 'production', GONGHUI_DATA_KEY: randomBytes(32).toString('hex') });
    expect(() => loadDataKey(hex)).toThrow(/32 bytes/);
    // an empty variable is no key at all
    expect(() => loadDataKey(loadConfig({ GONGHUI_MODE: 'production', GONGHUI_DATA_KEY: '' }))).toThrow(/required/);
  });

  it('in the demo, creates a key file readable by the owner only, and reuses it', () => {
    const dataDir = join(dir, 'demo', 'nested');
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config.mode).toBe('demo');
    const first = loadDataKey(config);
    expect(first).toHaveLength(32);
    const file = join(dataDir, 'data.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64').equals(first)).toBe(true);
    expect(loadDataKey(config).equals(first)).toBe(true);
    expect(loadDataKey(loadConfig({ DATA_DIR: dataDir })).equals(first)).toBe(true);
  });

  it('in the demo, refuses a key file that does not hold 32 bytes', () => {
    const dataDir = join(dir, 'corrupt');
    loadDataKey(loadConfig({ DATA_DIR: dataDir }));
    writeFileSync(join(dataDir, 'data.key'), randomBytes(12).toString('base64'));
    expect(() => loadDataKey(loadConfig({ DATA_DIR: dataDir }))).toThrow(/32 bytes/);
  });
});

describe('refuseDemoAccountsInProduction', () => {
  let db: Db;
  testDbHooks((d) => {
    db = d;
  });

  /**
   * Deletes staff accounts (and their sessions) only: the demo's records that name them (campaigns
   * published, reviews made) are left as they are, foreign keys not enforced for this one transaction.
   */
  const deleteStaff = (where: string) =>
    db.transaction(async (tx) => {
      await tx.query(`SET LOCAL session_replication_role = replica`);
      await tx.query(`DELETE FROM session WHERE staff_id IN (SELECT id FROM staff WHERE ${where})`);
      await tx.query(`DELETE FROM staff WHERE ${where}`);
    });

  it('refuses while a demo account is present, and passes once they are made real accounts', async () => {
    const demo = await db.query<{ username: string }>(`SELECT username FROM staff WHERE is_demo ORDER BY username`);
    expect(demo.map((r) => r.username)).toEqual(DEMO_ACCOUNTS.map((a) => a.username).sort());
    await expect(refuseDemoAccountsInProduction(db)).rejects.toThrow(/demo account/);

    // Flagged but with a new password: still a demo account.
    const realHash = await hashPassword('A-real-secret-2026');
    await db.query(`UPDATE staff SET password_hash = $1`, [realHash]);
    await expect(refuseDemoAccountsInProduction(db)).rejects.toThrow(/demo account/);

    // No longer flagged, every password changed: a real installation.
    await db.query(`UPDATE staff SET is_demo = false`);
    await expect(refuseDemoAccountsInProduction(db)).resolves.toBeUndefined();

    // Not flagged, but one of the contract's demo names still opens with the demo password.
    const demoHash = await hashPassword(DEMO_PASSWORD);
    await db.query(`UPDATE staff SET password_hash = $1 WHERE username = 'yangjiang'`, [demoHash]);
    await expect(refuseDemoAccountsInProduction(db)).rejects.toThrow(/"yangjiang"/);
    await db.query(`UPDATE staff SET password_hash = $1 WHERE username = 'yangjiang'`, [realHash]);
    await expect(refuseDemoAccountsInProduction(db)).resolves.toBeUndefined();
  });

  it('passes once the demo accounts are removed', async () => {
    await db.query(`UPDATE staff SET is_demo = true WHERE username = 'shiwan'`);
    await expect(refuseDemoAccountsInProduction(db)).rejects.toThrow(/"shiwan"/);
    await deleteStaff(`is_demo`);
    await expect(refuseDemoAccountsInProduction(db)).resolves.toBeUndefined();
  });

  it('passes on a database with no staff at all', async () => {
    await deleteStaff(`true`);
    await expect(refuseDemoAccountsInProduction(db)).resolves.toBeUndefined();
  });
});
