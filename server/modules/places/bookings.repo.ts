// Bookings of places' time slots: SQL of place_slot, place_booking, place_booking_rule and
// place_booking_suspension (migration 044), and the few reads of the place they need.
import type { BookingRule, BookingState } from '../../../contracts/place-bookings.ts';
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, withinSubtree, type OrgPath, type Scope } from '../../http/scope.ts';

export interface PlaceBrief {
  id: number;
  orgPath: string;
  name: string;
  kind: string;
  address: string;
  bookable: boolean;
  status: string;
}
const placeBrief = `p.id::int AS id, p.org_path::text AS "orgPath", p.name, p.kind, p.address, p.bookable, p.status`;

/** A place of the register in the scope (merged duplicates included: their slots stay theirs). */
export async function getPlaceInScope(q: Queryable, scope: Scope, placeId: number): Promise<PlaceBrief | undefined> {
  const [r] = await q.query<PlaceBrief>(`SELECT ${placeBrief} FROM place p WHERE p.id = $1 AND ${scopeFilter('p.org_path', 2)}`, [placeId, scope.path]);
  return r;
}

/** A place as members see it: in the register and not merged into another. */
export async function getPlaceForMember(q: Queryable, placeId: number): Promise<PlaceBrief | undefined> {
  const [r] = await q.query<PlaceBrief>(`SELECT ${placeBrief} FROM place p WHERE p.id = $1 AND p.merged_into IS NULL`, [placeId]);
  return r;
}

/** The bookable places in the scope (not merged), by name. */
export async function listBookablePlaces(q: Queryable, scope: Scope, limit: number, offset: number) {
  const where = `p.bookable AND p.merged_into IS NULL AND ${scopeFilter('p.org_path', 1)}`;
  const [items, [count]] = await Promise.all([
    q.query<{ id: number; name: string; kind: string; address: string; orgName: string; status: 'open' | 'closed' }>(
      `SELECT p.id::int AS id, p.name, p.kind, p.address, o.name AS "orgName", p.status FROM place p JOIN org o ON o.id = p.org_id
        WHERE ${where} ORDER BY p.status DESC, p.name, p.id LIMIT $2 OFFSET $3`,
      [scope.path, limit, offset],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place p WHERE ${where}`, [scope.path]),
  ]);
  return { items, total: count!.n };
}

// ── rules ──────────────────────────────────────────────────────────────────────────────────────

const ruleColumns = `max_upcoming AS "maxUpcoming", max_per_day AS "maxPerDay", cancel_before_minutes AS "cancelBeforeMinutes",
  no_show_limit AS "noShowLimit", no_show_window_days AS "noShowWindowDays", suspend_days AS "suspendDays"`;

export async function findRule(q: Queryable, placeId: number): Promise<BookingRule | undefined> {
  const [r] = await q.query<BookingRule>(`SELECT ${ruleColumns} FROM place_booking_rule WHERE place_id = $1`, [placeId]);
  return r;
}

export async function upsertRule(q: Queryable, placeId: number, r: BookingRule, staffId: number): Promise<void> {
  await q.query(
    `INSERT INTO place_booking_rule (place_id, max_upcoming, max_per_day, cancel_before_minutes, no_show_limit, no_show_window_days, suspend_days, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (place_id) DO UPDATE SET max_upcoming = $2, max_per_day = $3, cancel_before_minutes = $4, no_show_limit = $5,
       no_show_window_days = $6, suspend_days = $7, updated_by = $8, updated_at = now()`,
    [placeId, r.maxUpcoming, r.maxPerDay, r.cancelBeforeMinutes, r.noShowLimit, r.noShowWindowDays, r.suspendDays, staffId],
  );
}

// ── slots ──────────────────────────────────────────────────────────────────────────────────────

export interface SlotInsert {
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  needsApproval: boolean;
}

/** Writes slots of one place in one statement; one that exists already (same title and start) is skipped. Returns how many were written. */
export async function insertSlots(q: Queryable, place: { id: number; orgPath: string }, slots: readonly SlotInsert[], createdBy: number | null): Promise<number> {
  if (slots.length === 0) return 0;
  const rows = await q.query<{ id: number }>(
    `INSERT INTO place_slot (place_id, org_path, title, starts_at, ends_at, capacity, needs_approval, created_by)
     SELECT $1, $2::text::ltree, s.title, s.starts_at, s.ends_at, s.capacity, s.needs_approval, $8
       FROM unnest($3::text[], $4::timestamptz[], $5::timestamptz[], $6::int[], $7::boolean[]) AS s (title, starts_at, ends_at, capacity, needs_approval)
     ON CONFLICT (place_id, title, starts_at) WHERE status = 'open' DO NOTHING
     RETURNING id::int AS id`,
    [
      place.id,
      place.orgPath,
      slots.map((s) => s.title),
      slots.map((s) => s.startsAt.toISOString()),
      slots.map((s) => s.endsAt.toISOString()),
      slots.map((s) => s.capacity),
      slots.map((s) => s.needsApproval),
      createdBy,
    ],
  );
  return rows.length;
}

export interface SlotRow {
  id: number;
  placeId: number;
  orgPath: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  booked: number;
  pending: number;
  checkedIn: number;
  noShows: number;
  needsApproval: boolean;
  status: 'open' | 'cancelled';
  cancelledReason: string | null;
}
const slotColumns = `s.id::int AS id, s.place_id::int AS "placeId", s.org_path::text AS "orgPath", s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
  s.capacity, s.booked, s.needs_approval AS "needsApproval", s.status, s.cancelled_reason AS "cancelledReason",
  (SELECT count(*) FILTER (WHERE b.state = 'pending') FROM place_booking b WHERE b.slot_id = s.id)::int AS pending,
  (SELECT count(*) FILTER (WHERE b.state = 'checkedIn') FROM place_booking b WHERE b.slot_id = s.id)::int AS "checkedIn",
  (SELECT count(*) FILTER (WHERE b.state = 'noShow') FROM place_booking b WHERE b.slot_id = s.id)::int AS "noShows"`;

/** A place's slots starting in [from, to), earliest first, a page of them and how many there are. */
export async function listSlots(q: Queryable, placeId: number, from: Date, to: Date, limit: number, offset: number): Promise<{ items: SlotRow[]; total: number }> {
  const [items, [count]] = await Promise.all([
    q.query<SlotRow>(
      `SELECT ${slotColumns} FROM place_slot s WHERE s.place_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3
        ORDER BY s.starts_at, s.title, s.id LIMIT $4 OFFSET $5`,
      [placeId, from.toISOString(), to.toISOString(), limit, offset],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_slot s WHERE s.place_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3`, [placeId, from.toISOString(), to.toISOString()]),
  ]);
  return { items, total: count!.n };
}

/** A slot in the scope, locked when asked (a capacity change or cancellation). */
export async function getSlotInScope(q: Queryable, scope: Scope, slotId: number, lock = false): Promise<SlotRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM place_slot s WHERE s.id = $1 AND ${scopeFilter('s.org_path', 2)} FOR UPDATE`, [slotId, scope.path]);
  const [r] = await q.query<SlotRow>(`SELECT ${slotColumns} FROM place_slot s WHERE s.id = $1 AND ${scopeFilter('s.org_path', 2)}`, [slotId, scope.path]);
  return r;
}

/** A slot as a member books it, with its place. */
export async function getSlotForMember(q: Queryable, slotId: number): Promise<(SlotRow & { placeName: string; bookable: boolean; placeStatus: string }) | undefined> {
  const [r] = await q.query<SlotRow & { placeName: string; bookable: boolean; placeStatus: string }>(
    `SELECT ${slotColumns}, p.name AS "placeName", p.bookable, p.status AS "placeStatus"
       FROM place_slot s JOIN place p ON p.id = s.place_id WHERE s.id = $1 AND p.merged_into IS NULL`,
    [slotId],
  );
  return r;
}

/** Sets a slot's capacity unless fewer than its seats held; false when refused. */
export async function setCapacity(q: Queryable, slotId: number, capacity: number): Promise<boolean> {
  const rows = await q.query(`UPDATE place_slot SET capacity = $2 WHERE id = $1 AND booked <= $2 RETURNING id`, [slotId, capacity]);
  return rows.length > 0;
}

/** Cancels a slot and its live bookings; returns the members whose bookings were cancelled, with their sealed phones. */
export async function cancelSlot(q: Queryable, slotId: number, reason: string, now: Date): Promise<{ memberId: number; phoneEnc: Buffer | null }[]> {
  await q.query(`UPDATE place_slot SET status = 'cancelled', cancelled_reason = $2, booked = 0 WHERE id = $1`, [slotId, reason]);
  return q.query<{ memberId: number; phoneEnc: Buffer | null }>(
    `WITH c AS (
       UPDATE place_booking SET state = 'cancelled', reason = $2, cancelled_at = $3
        WHERE slot_id = $1 AND state IN ('booked', 'pending', 'checkedIn') RETURNING member_id)
     SELECT c.member_id::int AS "memberId", m.phone_enc AS "phoneEnc" FROM c JOIN member m ON m.id = c.member_id`,
    [slotId, reason, now.toISOString()],
  );
}

/** Takes one seat of an open slot if one is left (the one statement the last seat is decided by). */
export async function takeSeat(q: Queryable, slotId: number): Promise<boolean> {
  const rows = await q.query(`UPDATE place_slot SET booked = booked + 1 WHERE id = $1 AND status = 'open' AND booked < capacity RETURNING id`, [slotId]);
  return rows.length > 0;
}

export async function releaseSeat(q: Queryable, slotId: number): Promise<void> {
  await q.query(`UPDATE place_slot SET booked = booked - 1 WHERE id = $1 AND status = 'open' AND booked > 0`, [slotId]);
}

// ── bookings ───────────────────────────────────────────────────────────────────────────────────

/** Serialises one member's bookings at one place (the limits are counted, then a booking written). */
export async function lockMemberAtPlace(q: Queryable, memberId: number, placeId: number): Promise<void> {
  await q.query(`SELECT pg_advisory_xact_lock(hashtext('place_booking'), hashtext($1::text || ':' || $2::text))`, [memberId, placeId]);
}

export async function insertBooking(
  q: Queryable,
  b: { slotId: number; placeId: number; memberId: number; startsAt: Date; state: 'booked' | 'pending'; idemKey: string; requestHash: Buffer },
): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO place_booking (slot_id, place_id, member_id, starts_at, state, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int AS id`,
    [b.slotId, b.placeId, b.memberId, b.startsAt.toISOString(), b.state, b.idemKey, b.requestHash],
  );
  return r!.id;
}

/** The member's live bookings at a place: of this slot, starting after `after`, and starting in [dayFrom, dayTo). */
export async function countLive(q: Queryable, memberId: number, placeId: number, slotId: number, after: Date, dayFrom: Date, dayTo: Date): Promise<{ thisSlot: number; upcoming: number; onDay: number }> {
  const [r] = await q.query<{ thisSlot: number; upcoming: number; onDay: number }>(
    `SELECT count(*) FILTER (WHERE slot_id = $3)::int AS "thisSlot", count(*) FILTER (WHERE starts_at > $4)::int AS upcoming,
            count(*) FILTER (WHERE starts_at >= $5 AND starts_at < $6)::int AS "onDay"
       FROM place_booking WHERE member_id = $1 AND place_id = $2 AND state IN ('booked', 'pending', 'checkedIn')`,
    [memberId, placeId, slotId, after.toISOString(), dayFrom.toISOString(), dayTo.toISOString()],
  );
  return r!;
}

/** The latest suspension of the member's booking at a place still running at `now`. */
export async function findSuspension(q: Queryable, memberId: number, placeId: number, now: Date): Promise<{ until: Date; noShows: number; windowDays: number } | undefined> {
  const [r] = await q.query<{ until: Date; noShows: number; windowDays: number }>(
    `SELECT until, no_shows AS "noShows", window_days AS "windowDays" FROM place_booking_suspension
      WHERE member_id = $1 AND place_id = $2 AND until > $3 ORDER BY until DESC LIMIT 1`,
    [memberId, placeId, now.toISOString()],
  );
  return r;
}

export interface MyBookingRow {
  id: number;
  slotId: number;
  placeId: number;
  placeName: string;
  placeAddress: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  state: BookingState;
  reason: string | null;
  checkedInAt: Date | null;
  cancelBeforeMinutes: number;
  createdAt: Date;
  requestHash: Buffer;
  orgPath: string;
}
const myColumns = `b.id::int AS id, b.slot_id::int AS "slotId", b.place_id::int AS "placeId", p.name AS "placeName", p.address AS "placeAddress",
  s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", b.state, b.reason, b.checked_in_at AS "checkedInAt",
  coalesce(r.cancel_before_minutes, 120) AS "cancelBeforeMinutes", b.created_at AS "createdAt", b.request_hash AS "requestHash", s.org_path::text AS "orgPath"`;
const myFrom = `place_booking b JOIN place_slot s ON s.id = b.slot_id JOIN place p ON p.id = b.place_id LEFT JOIN place_booking_rule r ON r.place_id = b.place_id`;

export async function findBookingByKey(q: Queryable, memberId: number, key: string): Promise<MyBookingRow | undefined> {
  const [r] = await q.query<MyBookingRow>(`SELECT ${myColumns} FROM ${myFrom} WHERE b.member_id = $1 AND b.idem_key = $2`, [memberId, key]);
  return r;
}

export async function getMyBooking(q: Queryable, memberId: number, id: number, lock = false): Promise<MyBookingRow | undefined> {
  const [r] = await q.query<MyBookingRow>(`SELECT ${myColumns} FROM ${myFrom} WHERE b.member_id = $1 AND b.id = $2 ${lock ? 'FOR UPDATE OF b' : ''}`, [memberId, id]);
  return r;
}

/** The member's bookings, the next ones first, then the past ones latest first. */
export async function listMyBookings(q: Queryable, memberId: number, now: Date, limit: number, offset: number): Promise<{ items: MyBookingRow[]; total: number }> {
  const [items, [count]] = await Promise.all([
    q.query<MyBookingRow>(
      `SELECT ${myColumns} FROM ${myFrom} WHERE b.member_id = $1
        ORDER BY (s.ends_at > $2) DESC, CASE WHEN s.ends_at > $2 THEN s.starts_at END ASC, s.starts_at DESC, b.id DESC LIMIT $3 OFFSET $4`,
      [memberId, now.toISOString(), limit, offset],
    ),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_booking WHERE member_id = $1`, [memberId]),
  ]);
  return { items, total: count!.n };
}

export async function setMyBookingCancelled(q: Queryable, id: number, now: Date): Promise<void> {
  await q.query(`UPDATE place_booking SET state = 'cancelled', cancelled_at = $2 WHERE id = $1`, [id, now.toISOString()]);
}

export interface StaffBookingRow {
  id: number;
  slotId: number;
  placeId: number;
  placeName: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  memberId: number;
  memberNo: string | null;
  memberName: string;
  phoneEnc: Buffer | null;
  state: BookingState;
  reason: string | null;
  checkedInAt: Date | null;
  createdAt: Date;
  orgPath: string;
}
const staffColumns = `b.id::int AS id, b.slot_id::int AS "slotId", b.place_id::int AS "placeId", p.name AS "placeName", s.title,
  s.starts_at AS "startsAt", s.ends_at AS "endsAt", b.member_id::int AS "memberId", m.member_no AS "memberNo", m.name AS "memberName",
  m.phone_enc AS "phoneEnc", b.state, b.reason, b.checked_in_at AS "checkedInAt", b.created_at AS "createdAt", s.org_path::text AS "orgPath"`;
const staffFrom = `place_booking b JOIN place_slot s ON s.id = b.slot_id JOIN place p ON p.id = b.place_id JOIN member m ON m.id = b.member_id`;

export async function listBookings(
  q: Queryable,
  scope: Scope,
  f: { placeId?: number | undefined; slotId?: number | undefined; state?: BookingState | undefined },
  limit: number,
  offset: number,
): Promise<{ items: StaffBookingRow[]; total: number }> {
  const where = `${scopeFilter('s.org_path', 1)} AND ($2::bigint IS NULL OR b.place_id = $2) AND ($3::bigint IS NULL OR b.slot_id = $3) AND ($4::text IS NULL OR b.state = $4)`;
  const params = [scope.path, f.placeId ?? null, f.slotId ?? null, f.state ?? null];
  const [items, [count]] = await Promise.all([
    q.query<StaffBookingRow>(`SELECT ${staffColumns} FROM ${staffFrom} WHERE ${where} ORDER BY s.starts_at, b.id LIMIT $5 OFFSET $6`, [...params, limit, offset]),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_booking b JOIN place_slot s ON s.id = b.slot_id WHERE ${where}`, params),
  ]);
  return { items, total: count!.n };
}

export async function getBookingInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<StaffBookingRow | undefined> {
  const [r] = await q.query<StaffBookingRow>(`SELECT ${staffColumns} FROM ${staffFrom} WHERE b.id = $1 AND ${scopeFilter('s.org_path', 2)} ${lock ? 'FOR UPDATE OF b' : ''}`, [id, scope.path]);
  return r;
}

/** Records an approval (booked) or refusal (rejected) of a pending booking; false when it is no longer pending. */
export async function decideBooking(q: Queryable, id: number, state: 'booked' | 'rejected', reason: string | null, staffId: number, now: Date): Promise<boolean> {
  const rows = await q.query(
    `UPDATE place_booking SET state = $2, reason = $3, decided_by = $4, decided_at = $5 WHERE id = $1 AND state = 'pending' RETURNING id`,
    [id, state, reason, staffId, now.toISOString()],
  );
  return rows.length > 0;
}

/** The member's live booking at the place whose check-in window (from `opensBefore` before the start to the end) holds `now`, earliest first. */
export async function findCheckinBooking(q: Queryable, placeId: number, memberId: number, now: Date, opensBeforeMs: number): Promise<{ id: number; slotId: number; state: BookingState; title: string; startsAt: Date; endsAt: Date; orgPath: string } | undefined> {
  const [r] = await q.query<{ id: number; slotId: number; state: BookingState; title: string; startsAt: Date; endsAt: Date; orgPath: string }>(
    `SELECT b.id::int AS id, b.slot_id::int AS "slotId", b.state, s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.org_path::text AS "orgPath"
       FROM place_booking b JOIN place_slot s ON s.id = b.slot_id
      WHERE b.place_id = $1 AND b.member_id = $2 AND b.state IN ('booked', 'pending', 'checkedIn') AND s.status = 'open'
        AND s.starts_at - make_interval(secs => $4::double precision / 1000) <= $3 AND s.ends_at > $3
      ORDER BY (b.state = 'booked') DESC, s.starts_at LIMIT 1`,
    [placeId, memberId, now.toISOString(), opensBeforeMs],
  );
  return r;
}

export async function checkInBooking(q: Queryable, id: number, staffId: number, now: Date): Promise<Date | undefined> {
  const [r] = await q.query<{ at: Date }>(
    `UPDATE place_booking SET state = 'checkedIn', checked_in_at = $3, checked_in_by = $2 WHERE id = $1 AND state = 'booked' RETURNING checked_in_at AS at`,
    [id, staffId, now.toISOString()],
  );
  return r?.at;
}

/** Sealed phones of members, for notices. */
export async function phonesOf(q: Queryable, memberIds: readonly number[]): Promise<Map<number, Buffer>> {
  const rows = await q.query<{ id: number; phoneEnc: Buffer | null }>(`SELECT id::int AS id, phone_enc AS "phoneEnc" FROM member WHERE id = ANY($1::bigint[])`, [memberIds]);
  return new Map(rows.filter((r) => r.phoneEnc).map((r) => [r.id, r.phoneEnc!]));
}

// ── the member's board ─────────────────────────────────────────────────────────────────────────

export interface BoardRow {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  capacity: number;
  booked: number;
  needsApproval: boolean;
  mine: BookingState | null;
}

/** A place's open slots starting in [from, to) and not yet started at `now`, with the member's own booking state of each. */
export async function listBoard(q: Queryable, placeId: number, memberId: number, now: Date, from: Date, to: Date): Promise<BoardRow[]> {
  return q.query<BoardRow>(
    `SELECT s.id::int AS id, s.title, s.starts_at AS "startsAt", s.ends_at AS "endsAt", s.capacity, s.booked, s.needs_approval AS "needsApproval",
            (SELECT b.state FROM place_booking b WHERE b.slot_id = s.id AND b.member_id = $2 ORDER BY b.id DESC LIMIT 1) AS mine
       FROM place_slot s
      WHERE s.place_id = $1 AND s.status = 'open' AND s.starts_at > $3 AND s.starts_at >= $4 AND s.starts_at < $5
      ORDER BY s.starts_at, s.title LIMIT 500`,
    [placeId, memberId, now.toISOString(), from.toISOString(), to.toISOString()],
  );
}

// ── the no-show sweep ──────────────────────────────────────────────────────────────────────────

/**
 * Marks the slots that ended by `now` as swept, once (the UPDATE … WHERE swept_at IS NULL decides
 * which pass does it), and in the same statement turns their bookings not checked in into no-shows
 * (pending ones, never decided, into cancelled; a data-modifying WITH runs whether read or not). Returns the members and places given a no-show.
 */
export async function sweepEnded(q: Queryable, now: Date): Promise<{ memberId: number; placeId: number }[]> {
  return q.query<{ memberId: number; placeId: number }>(
    `WITH swept AS (
       UPDATE place_slot SET swept_at = $1 WHERE id IN (
         SELECT id FROM place_slot WHERE swept_at IS NULL AND status = 'open' AND ends_at <= $1 ORDER BY ends_at LIMIT 1000 FOR UPDATE SKIP LOCKED)
       AND swept_at IS NULL RETURNING id),
     undecided AS (
       UPDATE place_booking SET state = 'cancelled', reason = '开始前未获审批', cancelled_at = $1
        WHERE slot_id IN (SELECT id FROM swept) AND state = 'pending' RETURNING id),
     missed AS (
       UPDATE place_booking SET state = 'noShow' WHERE slot_id IN (SELECT id FROM swept) AND state = 'booked'
       RETURNING member_id, place_id)
     SELECT DISTINCT member_id::int AS "memberId", place_id::int AS "placeId" FROM missed`,
    [now.toISOString()],
  );
}

/** The member's no-shows at a place in slots that ended after `since`. */
export async function countNoShows(q: Queryable, memberId: number, placeId: number, since: Date): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM place_booking b JOIN place_slot s ON s.id = b.slot_id
      WHERE b.member_id = $1 AND b.place_id = $2 AND b.state = 'noShow' AND s.ends_at > $3`,
    [memberId, placeId, since.toISOString()],
  );
  return r!.n;
}

/** The start of the member's latest suspension at a place (no-shows before it are spent). */
export async function latestSuspensionStart(q: Queryable, memberId: number, placeId: number): Promise<Date | undefined> {
  const [r] = await q.query<{ at: Date }>(`SELECT max(created_at) AS at FROM place_booking_suspension WHERE member_id = $1 AND place_id = $2`, [memberId, placeId]);
  return r?.at ?? undefined;
}

export async function insertSuspension(q: Queryable, s: { memberId: number; placeId: number; until: Date; noShows: number; windowDays: number; at: Date }): Promise<void> {
  await q.query(
    `INSERT INTO place_booking_suspension (place_id, member_id, until, no_shows, window_days, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
    [s.placeId, s.memberId, s.until.toISOString(), s.noShows, s.windowDays, s.at.toISOString()],
  );
}

export async function placeNameOf(q: Queryable, placeId: number): Promise<{ name: string; orgPath: string }> {
  const [r] = await q.query<{ name: string; orgPath: string }>(`SELECT name, org_path::text AS "orgPath" FROM place WHERE id = $1`, [placeId]);
  return r!;
}

// ── figures ────────────────────────────────────────────────────────────────────────────────────

/** Slots (not cancelled) of the subtree `root`, optionally one place, starting in [from, to), and their bookings by state. */
export async function figuresOf(q: Queryable, root: OrgPath, placeId: number | null, from: Date, to: Date) {
  const [r] = await q.query<{ slots: number; capacity: number; booked: number; checkedIn: number; noShows: number; cancellations: number; rejected: number; pending: number }>(
    `WITH s AS (SELECT id, capacity FROM place_slot
                 WHERE ${withinSubtree('org_path', 1)} AND ($2::bigint IS NULL OR place_id = $2) AND starts_at >= $3 AND starts_at < $4 AND status = 'open'),
          b AS (SELECT b.state FROM place_booking b JOIN place_slot ps ON ps.id = b.slot_id
                 WHERE ${withinSubtree('ps.org_path', 1)} AND ($2::bigint IS NULL OR b.place_id = $2) AND ps.starts_at >= $3 AND ps.starts_at < $4)
     SELECT (SELECT count(*) FROM s)::int AS slots, (SELECT coalesce(sum(capacity), 0) FROM s)::int AS capacity,
            (SELECT count(*) FROM b WHERE state = 'booked')::int AS booked,
            (SELECT count(*) FROM b WHERE state = 'pending')::int AS pending,
            (SELECT count(*) FROM b WHERE state = 'checkedIn')::int AS "checkedIn",
            (SELECT count(*) FROM b WHERE state = 'noShow')::int AS "noShows",
            (SELECT count(*) FROM b WHERE state = 'cancelled')::int AS cancellations,
            (SELECT count(*) FROM b WHERE state = 'rejected')::int AS rejected`,
    [root, placeId, from.toISOString(), to.toISOString()],
  );
  return r!;
}
