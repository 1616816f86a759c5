// SQL of merging a duplicate place into the one kept, recorded (migration 048) so it can be undone:
// each move writes the ids it moved (and the union path each row had) into place_merge_row in the
// same statement; the undo moves exactly those rows back.
import type { Queryable } from '../../db/client.ts';

export type MovedKind = 'photo' | 'visit' | 'problem' | 'slot' | 'booking' | 'programme';

/** Opens the record of a merge, with the retired place's dated hours as they are (and whether each will move). */
export async function insertMerge(q: Queryable, m: { placeId: number; intoId: number; staffId: number }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO place_merge (place_id, into_id, merged_by, exceptions)
     SELECT $1, $2, $3, COALESCE(jsonb_agg(jsonb_build_object(
              'day', e.day::text, 'own', e.own::text, 'spill', e.spill::text, 'hours', e.hours, 'note', e.note,
              'createdBy', e.created_by, 'createdAt', e.created_at,
              'moved', NOT EXISTS (SELECT 1 FROM place_hours_exception k WHERE k.place_id = $2 AND k.day = e.day)) ORDER BY e.day), '[]'::jsonb)
       FROM place_hours_exception e WHERE e.place_id = $1
     RETURNING id::int AS id`,
    [m.placeId, m.intoId, m.staffId],
  );
  return row!.id;
}

/** Photos and dated hours (those the kept place lacks; the rest are dropped, kept in the record) move. */
export async function moveOwnRows(q: Queryable, mergeId: number, fromId: number, intoId: number): Promise<{ photos: number; exceptions: number }> {
  const photos = await q.query(
    `WITH moved AS (UPDATE place_photo SET place_id = $3 WHERE place_id = $2 RETURNING id)
     INSERT INTO place_merge_row (merge_id, kind, row_id) SELECT $1, 'photo', id FROM moved RETURNING row_id`,
    [mergeId, fromId, intoId],
  );
  const exceptions = await q.query(
    `INSERT INTO place_hours_exception (place_id, day, own, spill, hours, note, created_by, created_at)
     SELECT $2, day, own, spill, hours, note, created_by, created_at FROM place_hours_exception WHERE place_id = $1
     ON CONFLICT (place_id, day) DO NOTHING RETURNING day`,
    [fromId, intoId],
  );
  await q.query(`DELETE FROM place_hours_exception WHERE place_id = $1`, [fromId]);
  return { photos: photos.length, exceptions: exceptions.length };
}

/**
 * What workers did at the retired place moves to the kept one, under the kept place's union: visits,
 * problem reports (an open report the same worker also has open there of the same kind stays behind),
 * the slots not already offered there at the same title and start, and those slots' bookings.
 */
export async function moveWorkerRows(q: Queryable, mergeId: number, fromId: number, intoId: number): Promise<{ visits: number; problems: number; slots: number; bookings: number }> {
  const moveWithPath = (table: string, kind: MovedKind, extra = '') =>
    q.query(
      `WITH moved AS (
         UPDATE ${table} t SET place_id = $3, org_path = (SELECT org_path FROM place WHERE id = $3)
           FROM (SELECT id, org_path FROM ${table} WHERE place_id = $2) o
          WHERE t.id = o.id ${extra}
          RETURNING t.id, o.org_path AS old)
       INSERT INTO place_merge_row (merge_id, kind, row_id, org_path) SELECT $1, '${kind}', id, old FROM moved RETURNING row_id`,
      [mergeId, fromId, intoId],
    );
  const visits = await moveWithPath('place_visit', 'visit');
  const problems = await moveWithPath(
    'place_problem',
    'problem',
    `AND NOT (t.state = 'open' AND EXISTS (SELECT 1 FROM place_problem k WHERE k.place_id = $3 AND k.state = 'open' AND k.worker_id = t.worker_id AND k.kind = t.kind))`,
  );
  const slots = await moveWithPath(
    'place_slot',
    'slot',
    `AND NOT EXISTS (SELECT 1 FROM place_slot k WHERE k.place_id = $3 AND k.title = t.title AND k.starts_at = t.starts_at AND k.status = 'open')`,
  );
  // a booking's place is its slot's (the per-place limits and the check-in desk read it)
  const bookings = await q.query(
    `WITH moved AS (
       UPDATE place_booking SET place_id = $3
        WHERE place_id = $2 AND slot_id IN (SELECT row_id FROM place_merge_row WHERE merge_id = $1 AND kind = 'slot')
        RETURNING id)
     INSERT INTO place_merge_row (merge_id, kind, row_id) SELECT $1, 'booking', id FROM moved RETURNING row_id`,
    [mergeId, fromId, intoId],
  );
  return { visits: visits.length, problems: problems.length, slots: slots.length, bookings: bookings.length };
}

/** Records rows another module moved (childcare programmes). */
export async function recordMoved(q: Queryable, mergeId: number, kind: MovedKind, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await q.query(`INSERT INTO place_merge_row (merge_id, kind, row_id) SELECT $1, $2, unnest($3::bigint[])`, [mergeId, kind, ids]);
}

export interface MergeRow {
  id: number;
  placeId: number;
  placeName: string;
  intoId: number;
  intoName: string;
  mergedAt: Date;
  mergedBy: string | null;
  undoneAt: Date | null;
  undoneBy: string | null;
  undoReason: string | null;
  moved: Record<string, number>;
}

const mergeColumns = `m.id::int AS id, m.place_id::int AS "placeId", p.name AS "placeName", m.into_id::int AS "intoId", i.name AS "intoName",
  m.merged_at AS "mergedAt", ms.display_name AS "mergedBy", m.undone_at AS "undoneAt", us.display_name AS "undoneBy", m.undo_reason AS "undoReason",
  COALESCE((SELECT jsonb_object_agg(c.kind, c.n) FROM (SELECT kind, count(*)::int AS n FROM place_merge_row WHERE merge_id = m.id GROUP BY kind) c), '{}'::jsonb)
    || jsonb_build_object('exception', (SELECT count(*)::int FROM jsonb_array_elements(m.exceptions) x WHERE (x ->> 'moved')::boolean)) AS moved`;
const mergeFrom = `place_merge m JOIN place p ON p.id = m.place_id JOIN place i ON i.id = m.into_id
  LEFT JOIN staff ms ON ms.id = m.merged_by LEFT JOIN staff us ON us.id = m.undone_by`;

/** The merges a place took part in (either side), latest first. */
export async function findMergesOf(q: Queryable, placeId: number, limit = 20): Promise<MergeRow[]> {
  return q.query<MergeRow>(`SELECT ${mergeColumns} FROM ${mergeFrom} WHERE m.place_id = $1 OR m.into_id = $1 ORDER BY m.merged_at DESC, m.id DESC LIMIT $2`, [placeId, limit]);
}

export async function getMerge(q: Queryable, id: number, lock = false): Promise<MergeRow | undefined> {
  if (lock) await q.query(`SELECT id FROM place_merge WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<MergeRow>(`SELECT ${mergeColumns} FROM ${mergeFrom} WHERE m.id = $1`, [id]);
  return row;
}

/** The slots the merge moved that have bookings made since which people will still come for. */
export async function findSlotsBookedSince(q: Queryable, mergeId: number, since: Date, now: Date): Promise<{ title: string; startsAt: Date; n: number }[]> {
  return q.query(
    `SELECT s.title, s.starts_at AS "startsAt", count(*)::int AS n
       FROM place_merge_row r JOIN place_slot s ON s.id = r.row_id JOIN place_booking b ON b.slot_id = s.id
      WHERE r.merge_id = $1 AND r.kind = 'slot' AND b.created_at > $2
        AND (b.state IN ('booked', 'pending') OR (b.state = 'checkedIn' AND s.ends_at > $3))
      GROUP BY s.id, s.title, s.starts_at ORDER BY s.starts_at, s.id`,
    [mergeId, since, now],
  );
}

/** The ids of one kind of rows the merge moved. */
export async function movedIds(q: Queryable, mergeId: number, kind: MovedKind): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`SELECT row_id::int AS id FROM place_merge_row WHERE merge_id = $1 AND kind = $2 ORDER BY row_id`, [mergeId, kind]);
  return rows.map((r) => r.id);
}

/**
 * Moves back what the merge moved and is still at the kept place: photos; visits, problems and slots
 * with the union path each had; every booking of those slots (a booking's place is its slot's); the
 * retired place's dated hours as they were (the copies the merge made at the kept place removed,
 * unless staff have set that day again since).
 */
export async function moveBack(q: Queryable, mergeId: number, fromId: number, intoId: number): Promise<Record<string, number>> {
  const back = (table: string, kind: MovedKind, withPath: boolean) =>
    q.query(
      `UPDATE ${table} t SET place_id = $2${withPath ? ', org_path = r.org_path' : ''}
         FROM place_merge_row r WHERE r.merge_id = $1 AND r.kind = '${kind}' AND t.id = r.row_id AND t.place_id = $3 RETURNING t.id`,
      [mergeId, fromId, intoId],
    );
  const photos = await back('place_photo', 'photo', false);
  const visits = await back('place_visit', 'visit', true);
  const problems = await back('place_problem', 'problem', true);
  const slots = await back('place_slot', 'slot', true);
  const bookings = await q.query(
    `UPDATE place_booking SET place_id = $2
      WHERE place_id = $3 AND slot_id IN (SELECT row_id FROM place_merge_row WHERE merge_id = $1 AND kind = 'slot') RETURNING id`,
    [mergeId, fromId, intoId],
  );
  const recorded = `jsonb_to_recordset(m.exceptions) AS x(day text, own text, spill text, hours jsonb, note text, "createdBy" bigint, "createdAt" timestamptz, moved boolean)`;
  await q.query(
    `DELETE FROM place_hours_exception k USING place_merge m, ${recorded}
      WHERE m.id = $1 AND x.moved AND k.place_id = $2 AND k.day = x.day::date AND k.created_at = x."createdAt"`,
    [mergeId, intoId],
  );
  const exceptions = await q.query(
    `INSERT INTO place_hours_exception (place_id, day, own, spill, hours, note, created_by, created_at)
     SELECT $2, x.day::date, x.own::int4multirange, x.spill::int4multirange, x.hours, x.note, x."createdBy", x."createdAt" FROM place_merge m, ${recorded}
      WHERE m.id = $1
     ON CONFLICT (place_id, day) DO NOTHING RETURNING day`,
    [mergeId, fromId],
  );
  return { photos: photos.length, exceptions: exceptions.length, visits: visits.length, problems: problems.length, slots: slots.length, bookings: bookings.length };
}

export async function markUndone(q: Queryable, mergeId: number, staffId: number, reason: string): Promise<void> {
  await q.query(`UPDATE place_merge SET undone_at = now(), undone_by = $2, undo_reason = $3 WHERE id = $1`, [mergeId, staffId, reason]);
}

/** The retired place's last change (the merge itself sets it). */
export async function placeUpdatedAt(q: Queryable, placeId: number): Promise<Date> {
  const [row] = await q.query<{ at: Date }>(`SELECT updated_at AS at FROM place WHERE id = $1`, [placeId]);
  return row!.at;
}
