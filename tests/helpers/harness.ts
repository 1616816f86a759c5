// A real app on a real database for one test file: a private copy of the fixture (PGlite: loaded
// from the dumped data dir; PostgreSQL: CREATE DATABASE … TEMPLATE). Tests talk HTTP via inject().
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyServerOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';
import { createPglite, openDb, wrapPglite, type Db } from '../../server/db/client.ts';
import type { DashboardTile } from '../../server/http/dashboard-tile.ts';
import { DEMO_PASSWORD } from '../../server/db/seed/demo.ts';
import { demoOrgId, factories, type DemoOrgKey, type Factories } from '../../server/db/seed/factories.ts';

/** The demo's unions by key: their names, for assertions on what the demo shows. */
export { DEMO_ORGS, demoOrgId, type DemoOrgKey } from '../../server/db/seed/factories.ts';
import { createPiiCipher, type PiiCipher } from '../../server/lib/pii.ts';
import { outboxSender } from '../../server/modules/notices/notices.service.ts';
import { TEST_DATA_KEY, TEST_PG_URL, UNTHROTTLED, pgUrlFor, testEngine } from './env.ts';

export interface Session {
  token: string;
  csrfToken: string;
  cookie: string;
}

export interface RequestOptions {
  as?: Session | undefined;
  /** Send the session as the cookie (web app) instead of the bearer token. */
  viaCookie?: boolean;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  pii: PiiCipher;
  config: Config;
  /**
   * Another app over the same database, as a second server process would be: on PostgreSQL its own
   * connection pool (closed with close()); on PGlite, which one process opens once, the same Db.
   */
  startSibling(env?: Record<string, string>): Promise<FastifyInstance>;
  login(username: string, password?: string): Promise<Session>;
  request(method: string, url: string, opts?: RequestOptions): Promise<LightMyRequestResponse>;
  /** The id of an org by its name: for orgs a test made itself (the demo's: demoOrg). */
  orgId(name: string): Promise<number>;
  /** The id of the demo's union `key` (DEMO_ORGS). */
  demoOrg(key: DemoOrgKey): Promise<number>;
  /** Rows a test needs, parents included (server/db/seed/factories.ts). */
  make: Factories;
  close(): Promise<void>;
}

/** The test app for the enclosing file or describe block: started before its tests (`setUp` gets it), closed after them. */
export function testAppHooks(setUp: (t: TestApp) => void | Promise<void>): void {
  let t: TestApp | undefined;
  beforeAll(async () => {
    t = await startTestApp();
    await setUp(t);
  });
  afterAll(async () => t?.close());
}

/**
 * A fixture database for the enclosing file or describe block: opened before its tests (`use` gets it
 * and may prepare it), closed and dropped after them.
 */
export function testDbHooks(use: (db: Db) => void | Promise<void>): void {
  let opened: Awaited<ReturnType<typeof openTestDb>> | undefined;
  beforeAll(async () => {
    opened = await openTestDb();
    await use(opened.db);
  });
  afterAll(async () => {
    await opened?.db.close();
    await opened?.drop();
  });
}

export async function openTestDb(): Promise<{ db: Db; drop: () => Promise<void>; databaseUrl?: string }> {
  const fixture = inject('fixture');
  if (testEngine() === 'pglite') {
    const pgl = await createPglite('memory://', new Blob([readFileSync(fixture)]));
    return { db: wrapPglite(pgl), drop: async () => undefined };
  }
  const name = `${fixture}_f${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${fixture}`);
  await admin.end();
  const db = await openDb({ databaseUrl: pgUrlFor(name), poolSize: 8 });
  return {
    db,
    databaseUrl: pgUrlFor(name),
    drop: async () => {
      const c = new pg.Client({ connectionString: TEST_PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** `opts.tiles`: the dashboard's tiles instead of the registry's (a test of a tile that fails). */
export async function startTestApp(env: Record<string, string> = {}, logger?: FastifyServerOptions['logger'], opts: { tiles?: readonly DashboardTile[] } = {}): Promise<TestApp> {
  const { db, drop, databaseUrl } = await openTestDb();
  const pii = createPiiCipher(TEST_DATA_KEY);
  const config = loadConfig({ GONGHUI_MODE: 'demo', SERVE_WEB: 'false', LOG_LEVEL: 'silent', ...UNTHROTTLED, ...env });
  const app = await buildApp({ db, pii, config, sender: outboxSender, ...(logger ? { logger } : {}), ...(opts.tiles ? { tiles: opts.tiles } : {}) });

  const request: TestApp['request'] = (method, url, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.as) {
      if (opts.viaCookie) {
        headers.cookie = opts.as.cookie;
        if (!['GET', 'HEAD'].includes(method) && headers['x-csrf-token'] === undefined) {
          headers['x-csrf-token'] = opts.as.csrfToken;
        }
      } else {
        headers.authorization = `Bearer ${opts.as.token}`;
      }
    }
    return app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(opts.body !== undefined ? { payload: opts.body as object } : {}),
    });
  };

  const siblings: { app: FastifyInstance; db: Db }[] = [];
  const startSibling: TestApp['startSibling'] = async (siblingEnv = env) => {
    const own = databaseUrl ? await openDb({ databaseUrl, poolSize: 8 }) : db;
    const sibling = await buildApp({
      db: own,
      pii,
      config: loadConfig({ GONGHUI_MODE: 'demo', SERVE_WEB: 'false', LOG_LEVEL: 'silent', ...UNTHROTTLED, ...siblingEnv }),
      sender: outboxSender,
    });
    siblings.push({ app: sibling, db: own });
    return sibling;
  };

  return {
    app,
    db,
    pii,
    config,
    startSibling,
    request,
    async login(username, password = DEMO_PASSWORD) {
      const res = await request('POST', '/api/auth/login', { body: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const body = res.json<{ token: string; csrfToken: string }>();
      const cookie = res.cookies.find((c) => c.name === 'gh_sid');
      return { token: body.token, csrfToken: body.csrfToken, cookie: `gh_sid=${cookie?.value ?? ''}` };
    },
    demoOrg: (key) => demoOrgId(db, key),
    make: factories(db, pii),
    async orgId(name) {
      const rows = await db.query<{ id: number }>('SELECT id FROM org WHERE name = $1', [name]);
      if (!rows[0]) throw new Error(`no org named ${name}`);
      return rows[0].id;
    },
    async close() {
      for (const s of siblings) {
        await s.app.close();
        if (s.db !== db) await s.db.close();
      }
      await app.close();
      await db.close();
      await drop();
    },
  };
}
