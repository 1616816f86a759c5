// What the bookings tests share: a slot written at an exact time (the API publishes only future
// slots by Beijing day and HH:MM; a test needs one that started an hour ago or starts in 5 minutes).
import type { TestApp } from './harness.ts';

export const MIN = 60_000;

/** Writes an open slot of `placeId` from `startsAt` for `minutes`; returns its id. */
export async function insertSlot(t: Pick<TestApp, 'db'>, placeId: number, startsAt: Date, o: { minutes?: number; capacity?: number; needsApproval?: boolean; title?: string } = {}): Promise<number> {
  const [r] = await t.db.query<{ id: number }>(
    `INSERT INTO place_slot (place_id, org_path, title, starts_at, ends_at, capacity, needs_approval)
     SELECT p.id, p.org_path, $2, $3, $4, $5, $6 FROM place p WHERE p.id = $1 RETURNING id::int AS id`,
    [placeId, o.title ?? '阅览座位', startsAt.toISOString(), new Date(startsAt.getTime() + (o.minutes ?? 60) * MIN).toISOString(), o.capacity ?? 10, o.needsApproval ?? false],
  );
  return r!.id;
}

/** A Beijing day `days` from today: 2026-12-08. */
export function beijingDayIn(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}
