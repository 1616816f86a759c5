// What the end-to-end benchmarks share: a database of their own, the real server (`server/main.ts`)
// in a process of its own on it, workers and members with live sessions written straight into the
// database (as the SMS log-in leaves them), and the CPU each party used.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openDb, type Db } from '../server/db/client.ts';
import { createPiiCipher, maskPhone, type PiiCipher } from '../server/lib/pii.ts';
import { pgUrl } from './common.ts';

export type BenchEngine = 'postgres' | 'pglite';

export interface BenchTarget {
  engine: BenchEngine;
  /** PostgreSQL: the database's URL; PGlite: the server's DATA_DIR. */
  where: string;
  key: Buffer;
  pii: PiiCipher;
}

/** A fresh, empty database (PostgreSQL) or data folder (PGlite) named `name`. */
export async function freshTarget(engine: BenchEngine, name: string, pgBase = 'postgres://postgres@127.0.0.1:5432'): Promise<BenchTarget> {
  const key = randomBytes(32);
  if (engine === 'pglite') {
    const dir = `tmp/${name}`;
    rmSync(dir, { recursive: true, force: true });
    return { engine, where: dir, key, pii: createPiiCipher(key) };
  }
  const admin = new pg.Client({ connectionString: pgUrl(pgBase, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return { engine, where: pgUrl(pgBase, name), key, pii: createPiiCipher(key) };
}

/** The target's database, for setting up and checking (PGlite: only while no server holds it). */
export function openTarget(t: BenchTarget): Promise<Db> {
  return t.engine === 'postgres' ? openDb({ databaseUrl: t.where, poolSize: 2 }) : openDb({ dataDir: `${t.where}/pglite` });
}

export interface BenchServer {
  base: string;
  pid: number;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `server/main.ts` on the target (the first start migrates and seeds the small demo) and
 * waits until it answers. `profile` writes a V8 CPU profile to tmp/prof.
 */
export async function startServer(t: BenchTarget, port: number, opts: { profile?: boolean; env?: Record<string, string> } = {}): Promise<BenchServer> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, [...(opts.profile ? ['--cpu-prof', '--cpu-prof-dir=tmp/prof'] : []), '--import', 'tsx', 'server/main.ts'], {
    env: {
      ...env,
      ...(t.engine === 'postgres' ? { DATABASE_URL: t.where, DATA_DIR: 'tmp/bench-server' } : { DATA_DIR: t.where }),
      GONGHUI_MODE: 'demo',
      GONGHUI_DATA_KEY: t.key.toString('base64'),
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      SERVE_WEB: 'false',
      ...opts.env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('the server exited');
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      // not yet listening
    }
    if (i > 1200) {
      await stop();
      throw new Error('the server did not start');
    }
    await sleep(250);
  }
  return { base, pid: child.pid!, process: child, stop };
}

/** A JSON call to the benchmark's server, as `token` (bearer); throws on any status but 2xx. */
export async function callApi<T>(base: string, method: string, path: string, token: string | null, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as T;
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

function sessionToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: createHash('sha256').update(token).digest() };
}

/**
 * Logged-in phones (workers) for `count` new people, or for existing members when `memberIds` is
 * given (the worker linked to the member, as after an approved join). Phones 1995xxxxxxx, by `offset`
 * (the demo's own workers use 199000xxxxx: the places' problem reports).
 */
export async function workerSessions(db: Db, pii: PiiCipher, opts: { count?: number; memberIds?: number[]; offset?: number }): Promise<string[]> {
  const n = opts.memberIds?.length ?? opts.count ?? 0;
  const tokens: string[] = [];
  for (let i = 0; i < n; i += 1000) {
    const size = Math.min(1000, n - i);
    const phones = Array.from({ length: size }, (_, k) => `199${String(50_000_000 + (opts.offset ?? 0) + i + k).padStart(8, '0')}`);
    const members = opts.memberIds?.slice(i, i + size) ?? phones.map(() => null);
    const workers = await db.query<{ id: number }>(
      `INSERT INTO worker (phone_enc, phone_hash, phone_masked, member_id)
       SELECT * FROM unnest($1::bytea[], $2::bytea[], $3::text[], $4::bigint[]) RETURNING id`,
      [phones.map((p) => pii.encrypt(p)), phones.map((p) => pii.hash(p)), phones.map(maskPhone), members],
    );
    const batch = workers.map(() => sessionToken());
    await db.query(
      `INSERT INTO session (token_hash, kind, worker_id, csrf_token) SELECT h, 'member', w, 'bench' FROM unnest($1::bytea[], $2::bigint[]) AS x(h, w)`,
      [batch.map((b) => b.hash), workers.map((w) => w.id)],
    );
    tokens.push(...batch.map((b) => b.token));
  }
  return tokens;
}

/**
 * CPU seconds so far of the server, of PostgreSQL's processes serving `database` (its backends, and
 * the shared WAL writer, checkpointer and background writer), and of this client (Linux /proc).
 * Backends of other databases — other engineers' tests on the same server — are not counted.
 */
export function cpuNow(serverPid: number, database?: string) {
  const tick = 100; // USER_HZ
  const read = (pid: string, file: string) => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, 'utf8');
    } catch {
      return '';
    }
  };
  const cpuOf = (stat: string) => {
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(rest[11]) + Number(rest[12])) / tick;
  };
  let postgres = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const stat = read(pid, 'stat');
    if (!stat.includes('(postgres)')) continue;
    const title = read(pid, 'cmdline').replaceAll('\0', ' ');
    const shared = /walwriter|checkpointer|background writer/.test(title);
    if (shared || database === undefined || title.includes(` ${database} `)) postgres += cpuOf(stat);
  }
  const c = process.cpuUsage();
  return { server: cpuOf(read(String(serverPid), 'stat') || '() 0 0 0 0 0 0 0 0 0 0 0 0 0'), postgres, client: (c.user + c.system) / 1e6 };
}

/** CPU per operation (µs) between two readings of `cpuNow`. */
export function cpuPer(a: ReturnType<typeof cpuNow>, b: ReturnType<typeof cpuNow>, ops: number) {
  const per = (x: number, y: number) => Math.round(((y - x) * 1e6) / ops);
  return { server: per(a.server, b.server), postgres: per(a.postgres, b.postgres), client: per(a.client, b.client) };
}
