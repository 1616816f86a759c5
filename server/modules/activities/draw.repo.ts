// The lottery's draw: SQL only. Entries, the draw written, the batches due, the seed, and what
// the notice of results (公示) shows.
import type { Queryable } from '../../db/client.ts';

export interface EntryRow {
  id: number;
  seats: number;
  memberId: number;
  phoneEnc: Buffer | Uint8Array | null;
  name: string;
}

/** A lottery batch's entries, ascending by id; `lock` takes them for the draw. */
export async function findEntries(q: Queryable, activityId: number, batchNo: number, lock = false): Promise<EntryRow[]> {
  return q.query<EntryRow>(
    `SELECT s.id, s.seats, s.member_id AS "memberId", m.phone_enc AS "phoneEnc", m.name
       FROM activity_signup s JOIN member m ON m.id = s.member_id
      WHERE s.activity_id = $1 AND s.batch_no = $2 AND s.status = 'entered'
      ORDER BY s.id ${lock ? 'FOR UPDATE OF s' : ''}`,
    [activityId, batchNo],
  );
}

/** Writes a batch's draw: winners confirmed on slot 0, the rest waitlisted in drawn order. */
export async function writeDraw(
  q: Queryable,
  activityId: number,
  batchNo: number,
  d: { winners: number[]; waitlist: number[]; order: number[]; seatsTaken: number },
): Promise<boolean> {
  const [locked] = await q.query<{ ok: boolean }>(
    `UPDATE activity_batch SET drawn_at = now(), drawn_winners = $3 WHERE activity_id = $1 AND batch_no = $2 AND drawn_at IS NULL RETURNING true AS ok`,
    [activityId, batchNo, d.winners],
  );
  if (!locked) return false;
  const pos = new Map(d.order.map((id, i) => [id, i + 1]));
  await q.query(
    `UPDATE activity_signup s SET status = 'confirmed', slot = 0, queue_pos = x.pos, decided_at = now()
       FROM unnest($1::bigint[], $2::int[]) AS x(id, pos) WHERE s.id = x.id`,
    [d.winners, d.winners.map((id) => pos.get(id)!)],
  );
  await q.query(
    `UPDATE activity_signup s SET status = 'waitlisted', queue_pos = x.pos, decided_at = now()
       FROM unnest($1::bigint[], $2::int[]) AS x(id, pos) WHERE s.id = x.id`,
    [d.waitlist, d.waitlist.map((id) => pos.get(id)!)],
  );
  await q.query(`UPDATE activity_slot SET taken = $3 WHERE activity_id = $1 AND batch_no = $2 AND slot = 0`, [activityId, batchNo, d.seatsTaken]);
  return true;
}

/** Lottery batches whose window has closed and which are not drawn yet. */
export async function findDueDraws(q: Queryable, activityId?: number): Promise<{ activityId: number; batchNo: number }[]> {
  return q.query(
    `SELECT b.activity_id AS "activityId", b.batch_no AS "batchNo" FROM activity_batch b JOIN activity a ON a.id = b.activity_id
      WHERE a.allocation = 'lottery' AND a.status = 'published' AND b.drawn_at IS NULL AND b.signup_closes_at <= now()
        AND ($1::bigint IS NULL OR a.id = $1)
      ORDER BY b.activity_id, b.batch_no LIMIT 100`,
    [activityId ?? null],
  );
}

export async function getSeed(q: Queryable, activityId: number): Promise<Buffer | undefined> {
  const rows = await q.query<{ seed: Buffer | Uint8Array | null }>(`SELECT draw_seed AS seed FROM activity WHERE id = $1`, [activityId]);
  const s = rows[0]?.seed;
  return s ? Buffer.from(s) : undefined;
}

/** The entries each drawn batch took in (queue_pos is set by the draw), ascending, with seats. */
export async function findDrawnEntries(q: Queryable, activityId: number): Promise<{ id: number; batchNo: number; seats: number; queuePos: number | null }[]> {
  return q.query(
    `SELECT id, batch_no AS "batchNo", seats, queue_pos AS "queuePos" FROM activity_signup
      WHERE activity_id = $1 AND queue_pos IS NOT NULL ORDER BY id`,
    [activityId],
  );
}

export async function findBatchDraws(q: Queryable, activityId: number): Promise<{ batchNo: number; places: number; drawnAt: Date | null; winners: number[] | null }[]> {
  return q.query(
    `SELECT batch_no AS "batchNo", places, drawn_at AS "drawnAt", to_json(drawn_winners) AS winners
       FROM activity_batch WHERE activity_id = $1 ORDER BY batch_no`,
    [activityId],
  );
}

/** Confirmed sign-ups for the public notice (公示), masked by the service. */
export async function findConfirmedForNotice(q: Queryable, activityId: number): Promise<{ name: string; memberNo: string | null; seats: number }[]> {
  return q.query(
    `SELECT m.name, m.member_no AS "memberNo", s.seats FROM activity_signup s JOIN member m ON m.id = s.member_id
      WHERE s.activity_id = $1 AND s.status = 'confirmed' ORDER BY s.queue_pos NULLS LAST, s.id`,
    [activityId],
  );
}

export async function countWaitlisted(q: Queryable, activityId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity_signup WHERE activity_id = $1 AND status = 'waitlisted'`, [activityId]);
  return r!.n;
}
