// A Db whose COPYs run in the background, one after another, so that Node generates and encrypts
// the next batch of members while PostgreSQL ingests the previous one (two cores: one busy each).
// loadMembers() itself is unchanged: it still awaits copyFrom(), which now resolves as soon as the
// COPY is queued (at most `depth` queued). Every other call (query, exec, transaction, close) first
// waits for the queue to drain, so statements after the load — ENABLE TRIGGER, setval, the recount —
// see every row. COPYs keep their order (a member batch lands before its member_identity rows).
// Only useful on PostgreSQL: PGlite runs in this thread, there is nothing to overlap.
import { performance } from 'node:perf_hooks';
import type { Db } from '../server/db/client.ts';

export interface PipelinedDb extends Db {
  /** Waits for every queued COPY; rethrows the first failure. */
  drain(): Promise<void>;
  readonly stats: { copies: number; copyMs: number; waitMs: number };
}

export function pipelineCopies(db: Db, depth = 4): PipelinedDb {
  let tail: Promise<void> = Promise.resolve();
  const pending: Promise<void>[] = [];
  let failure: unknown;
  const stats = { copies: 0, copyMs: 0, waitMs: 0 };

  const check = () => {
    if (failure !== undefined) throw failure;
  };
  const drain = async () => {
    await tail;
    check();
  };

  return {
    engine: db.engine,
    stats,
    drain,
    async copyFrom(table, columns, csv) {
      check();
      const w = performance.now();
      while (pending.length >= depth) await pending[0];
      stats.waitMs += performance.now() - w;
      check();
      const job = tail.then(async () => {
        if (failure !== undefined) return;
        const s = performance.now();
        try {
          await db.copyFrom(table, columns, csv);
        } catch (err) {
          failure ??= err;
        }
        stats.copyMs += performance.now() - s;
        stats.copies++;
      });
      tail = job;
      pending.push(job);
      void job.then(() => pending.splice(pending.indexOf(job), 1));
      return 0; // queued, not yet written
    },
    async query(text, params) {
      await drain();
      return db.query(text, params);
    },
    async exec(sql) {
      await drain();
      return db.exec(sql);
    },
    async transaction(fn) {
      await drain();
      return db.transaction(fn);
    },
    async close() {
      await tail;
      return db.close();
    },
  };
}
