// The in-process "full" flag of an activity: set when a sign-up found no place and no waitlist
// place in the open batch, so that the refusals after it are one small read — no write, no lock.
// The database alone decides every confirmation; the flag only spares it attempts bound to fail.
// It is cleared when this process frees a place (a cancellation, a cancelled activity), and lapses
// after FULL_FLAG_MS so that a place freed by another process is seen within that time.
// Kept per database (a process serving two databases — tests do — never mixes their activities).
import type { Db } from '../../db/client.ts';

const FULL_FLAG_MS = 1000;
const flags = new WeakMap<Db, Map<number, number>>();

function flagsOf(db: Db): Map<number, number> {
  let m = flags.get(db);
  if (!m) {
    m = new Map();
    flags.set(db, m);
  }
  return m;
}

export function markFull(db: Db, activityId: number): void {
  const fullUntil = flagsOf(db);
  if (fullUntil.size > 10_000) fullUntil.clear();
  fullUntil.set(activityId, Date.now() + FULL_FLAG_MS);
}

export function isKnownFull(db: Db, activityId: number): boolean {
  const fullUntil = flagsOf(db);
  const until = fullUntil.get(activityId);
  if (until === undefined) return false;
  if (until > Date.now()) return true;
  fullUntil.delete(activityId);
  return false;
}

/** A place was freed: the next sign-up asks the database again. */
export function clearFull(db: Db, activityId: number): void {
  flagsOf(db).delete(activityId);
}
