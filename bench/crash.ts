// What the SIGKILL crash tests (signup-crash.ts, points-crash.ts) share: waiting for a killed
// server's database sessions to end, reading how PGlite's data dir was left, and requests whose
// fate (sent or not, answered or not) is known exactly.
import { existsSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { BenchTarget } from './bench-server.ts';

/** PostgreSQL: waits until the killed server's backends are gone (a COMMIT under way finishes first). */
export async function settlePostgres(target: BenchTarget): Promise<number> {
  if (target.engine !== 'postgres') return 0;
  const c = new pg.Client({ connectionString: target.where });
  await c.connect();
  const t0 = performance.now();
  try {
    for (let i = 0; i < 600; i++) {
      const { rows } = await c.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'`,
      );
      if (rows[0]!.n === 0) break;
      await sleep(50);
    }
  } finally {
    await c.end();
  }
  return Math.round(performance.now() - t0);
}

/**
 * PGlite: what the data dir says of its last shutdown — pg_control's DBState (the int32 after the
 * system identifier and two version numbers) and whether postmaster.pid was left behind.
 */
export function pgliteDirState(target: BenchTarget): string {
  const dir = `${target.where}/pglite`;
  const states = ['starting up', 'shut down', 'shut down in recovery', 'shutting down', 'in crash recovery', 'in archive recovery', 'in production'];
  const state = readFileSync(`${dir}/global/pg_control`).readInt32LE(16);
  return `pg_control: ${states[state] ?? state}${existsSync(`${dir}/postmaster.pid`) ? ', postmaster.pid left' : ''}`;
}

// HTTP: one request, knowing whether it was sent (written to a socket) and what came back.

export interface Answer {
  status: number;
  body: Buffer;
  replayed: boolean;
}
export interface Sent {
  sent: boolean;
  answer?: Answer;
  error?: string;
}

export function post(agent: http.Agent, base: string, path: string, token: string, key: string): Promise<Sent> {
  return new Promise((resolve) => {
    let sent = false;
    const req = http.request(new URL(path, base), {
      method: 'POST',
      agent,
      timeout: 60_000,
      headers: { 'content-type': 'application/json', 'content-length': 2, authorization: `Bearer ${token}`, 'idempotency-key': key },
    });
    req.on('finish', () => (sent = true));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ sent: true, answer: { status: res.statusCode ?? 0, body: Buffer.concat(chunks), replayed: res.headers['idempotent-replayed'] === 'true' } }));
      res.on('error', (err) => resolve({ sent, error: (err as NodeJS.ErrnoException).code ?? err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ sent, error: (err as NodeJS.ErrnoException).code ?? err.message }));
    req.end('{}');
  });
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}
