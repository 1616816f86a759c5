// One database interface over two engines: PGlite (embedded, one session) and PostgreSQL (pool).
// Repositories only ever see `Db` / `Tx`; the engine is chosen once, at start-up.
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite, parse as pgliteParse, protocol } from '@electric-sql/pglite';
import { ltree } from '@electric-sql/pglite/contrib/ltree';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { cube } from '@electric-sql/pglite/contrib/cube';
import { earthdistance } from '@electric-sql/pglite/contrib/earthdistance';
import pg from 'pg';

export type Engine = 'pglite' | 'postgres';
export type Row = Record<string, unknown>;

/** What a repository may do: run one statement. */
export interface Queryable {
  query<T = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
}

/** A transaction: statements run in it are isolated from every other request's. */
export interface Tx extends Queryable {
  /** Runs a script of several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly engine: Engine;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws.
   * On PGlite the transaction is exclusive — other requests wait — so keep it short.
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements (migrations); no parameters. */
  exec(sql: string): Promise<void>;
  /** Bulk load with COPY FROM STDIN (csv, as text or UTF-8 bytes); returns the rows written. */
  copyFrom(table: string, columns: readonly string[], csv: string | Uint8Array): Promise<number>;
  close(): Promise<void>;
}

// pg returns int8/numeric as strings; PGlite parses int8 as number. Parse both to JS numbers in pg
// so that both engines give repositories the same shapes (our ids and counts stay below 2^53).
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v); // date stays 'YYYY-MM-DD', as PGlite gives it

export interface OpenOptions {
  databaseUrl?: string | undefined;
  /** PGlite data folder; `memory://` for a throw-away database. */
  dataDir?: string | undefined;
  /** PGlite: start from a data-dir dump (fast test fixtures). */
  loadDataDir?: Blob | undefined;
  poolSize?: number | undefined;
}

export async function openDb(options: OpenOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openPglite(options.dataDir ?? 'memory://', options.loadDataDir);
}

async function openPglite(dataDir: string, loadDataDir?: Blob): Promise<Db> {
  return wrapPglite(await createPglite(dataDir, loadDataDir));
}

/** The raw embedded engine with the extensions the migrations need (tests dump and load it). */
export async function createPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  return PGlite.create(dataDir, {
    extensions: { ltree, pg_trgm, cube, earthdistance },
    // The buffer pool lives in this process and is touched whole at start: 128 MB by initdb's default.
    // 32 MB takes ~100 MB off every PGlite server (a seeded data dir opened: 373–385 → 276–283 MB RSS,
    // bench/pglite-open.ts) with no change to a roster import's speed; the OS still caches the files.
    startParams: [...PGlite.defaultStartParams, '-c', 'shared_buffers=32MB'],
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/** A statement kept prepared in an embedded engine's one session: its name and its parameters' types. */
interface PglitePrepared {
  name: string;
  paramTypes: number[];
}
/** One cache and one naming per engine (its session holds the statements), however many times it is wrapped. */
const pglitePrepared = new WeakMap<PGlite, { statements: Map<string, PglitePrepared>; nameOf: StatementNames }>();

function concatMessages(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * A statement run as a named prepared statement on PGlite, as on PostgreSQL (openPostgres): the text is
 * parsed and described once per engine, then every run is one round trip into the engine — bind,
 * describe, execute, sync — where PGlite's own query() makes six and parses and plans the text
 * each time (bench/places.ts: planning was ~1.5 ms of a 6 ms nearest-places search). Runs under
 * PGlite's own locks: the query lock always, and the transaction lock too outside a transaction, so
 * statements of other requests never interleave with a transaction's.
 */
async function runPglitePrepared<T>(pgl: PGlite, inTransaction: boolean, text: string, params: readonly unknown[] | undefined): Promise<T[] | undefined> {
  let session = pglitePrepared.get(pgl);
  if (!session) pglitePrepared.set(pgl, (session = { statements: new Map(), nameOf: statementNames() }));
  const { statements, nameOf } = session;
  const run = async (): Promise<T[] | undefined> => {
    let st = statements.get(text);
    if (!st) {
      const name = nameOf(text);
      if (name === undefined) return undefined;
      const described = await pgl.execProtocolStream(concatMessages([protocol.serialize.parse({ name, text }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]), { syncToFs: false });
      st = { name, paramTypes: pgliteParse.parseDescribeStatementResults(described) };
      statements.set(text, st);
    }
    const types = st.paramTypes;
    const values = (params ?? []).map((v, i) => {
      if (v === null || v === undefined) return null;
      const serialize = pgl.serializers[types[i]!];
      return serialize ? serialize(v) : String(v);
    });
    const messages = await pgl.execProtocolStream(
      concatMessages([protocol.serialize.bind({ statement: st.name, values }), protocol.serialize.describe({ type: 'P' }), protocol.serialize.execute({}), protocol.serialize.sync()]),
      { syncToFs: false },
    );
    if (!inTransaction && !pgl.isInTransaction()) await pgl.syncToFs();
    return (pgliteParse.parseResults(messages, pgl.parsers)[0]?.rows ?? []) as T[];
  };
  const locked = async (): Promise<T[] | undefined> => {
    try {
      return await run();
    } catch (e) {
      const st = statements.get(text);
      if (!st || !isStaleStatement(e)) throw e;
      // a table it reads changed shape (a migration): the text is prepared afresh — now outside a
      // transaction; inside one the error has aborted it, so the caller gets the error
      statements.delete(text);
      nameOf.renew(text);
      await pgl.execProtocolStream(concatMessages([protocol.serialize.close({ type: 'S', name: st.name }), protocol.serialize.sync()]), { syncToFs: false });
      if (inTransaction) throw e;
      return run();
    }
  };
  if (inTransaction) return pgl._runExclusiveQuery(locked);
  await pgl._checkReady();
  return pgl._runExclusiveTransaction(() => pgl._runExclusiveQuery(locked));
}

export function wrapPglite(pgl: PGlite): Db {
  const run = async <T>(q: { query: PGlite['query'] }, inTransaction: boolean, text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await runPglitePrepared<T>(pgl, inTransaction, text, params)) ?? (await q.query<T>(text, params as unknown[] | undefined)).rows;
  return {
    engine: 'pglite',
    query: (text, params) => run(pgl, false, text, params),
    // PGlite's transaction() holds its transaction lock: statements from other requests queue
    // behind it instead of running inside it (a raw BEGIN via exec would not keep them apart).
    transaction: (fn) =>
      pgl.transaction((t) =>
        fn({
          query: (text, params) => run(t, true, text, params),
          exec: async (sql) => {
            await t.exec(sql);
          },
        }),
      ),
    exec: async (sql) => {
      await pgl.exec(sql);
    },
    copyFrom: async (table, columns, csv) => {
      const res = await pgl.query(
        `COPY ${table} (${columns.join(', ')}) FROM '/dev/blob' WITH (FORMAT csv)`,
        [],
        { blob: new Blob([csv as BlobPart]) },
      );
      return res.affectedRows ?? 0;
    },
    close: () => pgl.close(),
  };
}

/** Distinct statement texts kept prepared on every PostgreSQL connection (and in a PGlite session). */
const PREPARED_STATEMENTS_CAP = 2000;

/**
 * The name of a statement's text (from its hash), up to the cap: texts beyond it (generated SQL gone
 * wild) run unnamed rather than grow every session's cache without bound.
 */
interface StatementNames {
  (text: string): string | undefined;
  /** A new name for a text whose statement the server refuses to reuse (its table changed shape). */
  renew(text: string): void;
}

function statementNames(): StatementNames {
  const names = new Map<string, string>();
  const generation = new Map<string, number>();
  const nameOf = (text: string): string | undefined => {
    let name = names.get(text);
    if (name === undefined && names.size < PREPARED_STATEMENTS_CAP) {
      const g = generation.get(text);
      name = `gh_${createHash('sha1').update(text).digest('base64url')}${g ? `_${g}` : ''}`;
      names.set(text, name);
    }
    return name;
  };
  nameOf.renew = (text: string) => {
    names.delete(text);
    generation.set(text, (generation.get(text) ?? 0) + 1);
  };
  return nameOf;
}

/**
 * PostgreSQL refuses to run a prepared statement whose result columns changed since it was prepared
 * (`ALTER TABLE … ADD COLUMN` under a `SELECT *`, a migration applied while nodes run).
 */
function isStaleStatement(e: unknown): boolean {
  return (e as { code?: unknown }).code === '0A000' && /cached plan must not change result type/.test((e as Error).message ?? '');
}

async function openPostgres(url: string, max: number): Promise<Db> {
  // JIT compilation costs ~47 ms on queries the planner overestimates (a page of children with
  // their totals) and saves nothing on the API's short queries: off for the API's sessions.
  const pool = new pg.Pool({ connectionString: url, max, options: '-c jit=off' });
  // An idle client that loses its server emits 'error' on the pool; without a listener it crashes.
  pool.on('error', () => undefined);
  await pool.query('SELECT 1');
  // Every statement is a named prepared statement: each connection parses and plans a text once and
  // then only binds and executes it (measured: parse and planning were a third of PostgreSQL's time
  // per join). The names come from the text; texts beyond the cap (generated SQL gone wild) run
  // unnamed rather than grow every connection's cache without bound.
  const nameOf = statementNames();
  const run = async <T>(c: pg.Pool | pg.PoolClient, text: string, params?: readonly unknown[], inTransaction = false): Promise<T[]> => {
    try {
      return (await c.query({ name: nameOf(text), text, values: params as unknown[] | undefined })).rows as T[];
    } catch (e) {
      if (!isStaleStatement(e)) throw e;
      // the connection's statement predates a change of its table: a new name is prepared afresh on
      // every connection (the stale one stays unused); inside a transaction the error has aborted it
      nameOf.renew(text);
      if (inTransaction) throw e;
      return (await c.query({ name: nameOf(text), text, values: params as unknown[] | undefined })).rows as T[];
    }
  };
  return {
    engine: 'postgres',
    query: (text, params) => run(pool, text, params),
    transaction: async (fn) => {
      const client = await pool.connect();
      // One connection runs one statement at a time: calls made together inside a transaction
      // (Promise.all over a detail's parts) wait their turn here, in order, rather than in pg's own
      // queue — which pg 8 deprecates and pg 9 removes.
      let tail: Promise<unknown> = Promise.resolve();
      const inTurn = <T>(f: () => Promise<T>): Promise<T> => {
        const next = tail.then(f, f);
        tail = next.catch(() => undefined);
        return next;
      };
      try {
        await client.query('BEGIN');
        const result = await fn({
          query: (text, params) => inTurn(() => run(client, text, params, true)),
          exec: (sql) =>
            inTurn(async () => {
              await client.query(sql);
            }),
        });
        await tail;
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    copyFrom: async (table, columns, csv) => {
      const { from } = await import('pg-copy-streams');
      const client = await pool.connect();
      try {
        const stream = client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN WITH (FORMAT csv)`));
        await new Promise<void>((resolve, reject) => {
          stream.on('error', reject);
          stream.on('finish', () => resolve());
          stream.end(typeof csv === 'string' ? csv : Buffer.from(csv.buffer, csv.byteOffset, csv.byteLength));
        });
        return stream.rowCount ?? 0;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
