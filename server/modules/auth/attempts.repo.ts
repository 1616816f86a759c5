// Attempt buckets (log-in failures, SMS codes sent): SQL only. See migration 023.
import type { Queryable } from '../../db/client.ts';

/** Beijing time is UTC+8 all year: windows of a day start at 00:00 there. */
const BEIJING_OFFSET_SECONDS = 8 * 3600;

export interface BucketHit {
  kind: string;
  subject: string;
  windowSeconds: number;
  /** Hits the window allows. */
  limit: number;
}

export interface BucketCount {
  kind: string;
  subject: string;
  windowStart: Date;
  /** False when the bucket was already at its limit: nothing was counted in it. */
  isCounted: boolean;
  /** Until the window ends. */
  secondsLeft: number;
}

/**
 * Counts one hit in each bucket that is below its limit, in one statement (buckets locked in the
 * order given); a bucket at its limit is left as it is. Inside a transaction the counts and their
 * row locks last until it ends, so a caller that is refused by any bucket rolls all of them back.
 */
export async function countInBuckets(q: Queryable, hits: BucketHit[]): Promise<BucketCount[]> {
  return q.query<BucketCount>(
    `WITH input AS (
       SELECT kind, subject, window_seconds, max_hits, ord,
              to_timestamp(floor((extract(epoch FROM now()) + $5::int) / window_seconds) * window_seconds - $5::int) AS window_start
         FROM unnest($1::text[], $2::text[], $3::int[], $4::int[]) WITH ORDINALITY
              AS t(kind, subject, window_seconds, max_hits, ord)
     ), counted AS (
       INSERT INTO attempt_bucket AS b (kind, subject, window_start, hits, expires_at)
       SELECT kind, subject, window_start, 1, window_start + make_interval(secs => window_seconds)
         FROM input ORDER BY ord
       ON CONFLICT (kind, subject, window_start) DO UPDATE SET hits = b.hits + 1
        WHERE b.hits < (SELECT i.max_hits FROM input i WHERE i.kind = b.kind AND i.subject = b.subject)
       RETURNING b.kind, b.subject
     )
     SELECT i.kind, i.subject, i.window_start AS "windowStart", c.kind IS NOT NULL AS "isCounted",
            ceil(extract(epoch FROM i.window_start + make_interval(secs => i.window_seconds) - now()))::int AS "secondsLeft"
       FROM input i LEFT JOIN counted c ON c.kind = i.kind AND c.subject = i.subject
      ORDER BY i.ord`,
    [hits.map((h) => h.kind), hits.map((h) => h.subject), hits.map((h) => h.windowSeconds), hits.map((h) => h.limit), BEIJING_OFFSET_SECONDS],
  );
}

/** Takes back one hit counted by countInBuckets (an attempt that turned out not to count). */
export async function uncountInBucket(q: Queryable, b: Pick<BucketCount, 'kind' | 'subject' | 'windowStart'>): Promise<void> {
  await q.query(
    `UPDATE attempt_bucket SET hits = hits - 1 WHERE kind = $1 AND subject = $2 AND window_start = $3 AND hits > 0`,
    [b.kind, b.subject, b.windowStart],
  );
}

/*
 * Streaks: failures in a row of one subject, one row (window_start = epoch). A failure more than
 * `seconds` after the last starts a new run; the failure that makes `max` locks the subject for
 * `seconds`. The same rule as staff.failed_logins / locked_until (auth.repo recordFailedLogin).
 */

export async function isStreakLocked(q: Queryable, kind: string, subject: string, max: number): Promise<boolean> {
  const rows = await q.query<{ locked: boolean }>(
    `SELECT hits >= $3 AND expires_at > now() AS locked
       FROM attempt_bucket WHERE kind = $1 AND subject = $2 AND window_start = 'epoch'`,
    [kind, subject, max],
  );
  return rows[0]?.locked ?? false;
}

/** Counts a failure of the subject; returns whether it is now locked. */
export async function countStreakFailure(q: Queryable, kind: string, subject: string, max: number, seconds: number): Promise<boolean> {
  const [r] = await q.query<{ locked: boolean }>(
    `INSERT INTO attempt_bucket AS b (kind, subject, window_start, hits, expires_at)
     VALUES ($1, $2, 'epoch', 1, now() + make_interval(secs => $4))
     ON CONFLICT (kind, subject, window_start) DO UPDATE SET
       hits = CASE WHEN b.expires_at > now() AND b.hits < $3 THEN b.hits + 1 ELSE 1 END,
       expires_at = now() + make_interval(secs => $4)
     RETURNING hits >= $3 AS locked`,
    [kind, subject, max, seconds],
  );
  return r?.locked ?? false;
}

/** Deletes the buckets whose window or streak is over; returns how many. */
export async function deleteExpiredBuckets(q: Queryable): Promise<number> {
  const rows = await q.query(`DELETE FROM attempt_bucket WHERE expires_at <= now() RETURNING 1`);
  return rows.length;
}
