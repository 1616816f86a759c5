// Races staged in order, not by timing: a latch holds one side at a chosen point, and the test lets
// it go once the other side is seen where the race needs it (waiting on a lock, queued).
import type { Db } from '../../server/db/client.ts';

export interface Latch<T = void> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

/** A promise the test resolves by hand: awaited by the code it holds, resolved when the test is ready. */
export function latch<T = void>(): Latch<T> {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Resolves once another session of `db` is waiting for a lock in a statement whose text contains
 * `statementPart` (PostgreSQL). On PGlite, whose one session runs a transaction alone, the other
 * request's statement queues behind the transaction instead: there is no second session to watch,
 * and the statement cannot run before the transaction ends, which is what the race needs.
 */
export async function lockWaitSeen(db: Db, statementPart: string): Promise<void> {
  if (db.engine !== 'postgres') return;
  // A bounded poll on the server's own view of its sessions; each look is one round trip.
  for (let i = 0; i < 20_000; i++) {
    const [r] = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid() AND wait_event_type = 'Lock'
          AND strpos(query, $1) > 0`,
      [statementPart],
    );
    if (r!.n > 0) return;
  }
  throw new Error(`no session was seen waiting for a lock in a statement with "${statementPart}"`);
}

