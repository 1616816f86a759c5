// The slots a bookable place publishes (one day or a weekly pattern: weekdays × times × weeks), their
// capacity, their cancellation (bookers told), the staff's calendar of them, and the place's rules.
import { DEFAULT_BOOKING_RULE, type BookingRule, type CreateSlotsInput, type Slot } from '../../../contracts/place-bookings.ts';
import type { PlaceKind } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { bookingNoticeBody, tellMembers } from './bookings.notices.ts';
import * as repo from './bookings.repo.ts';

const DAY_MS = 86_400_000;
const MAX_SLOTS_AT_ONCE = 500;
const iso = (d: Date | string) => new Date(d).toISOString();

/** The place's rules, or the defaults when staff set none. */
export async function ruleOf(q: Queryable, placeId: number): Promise<BookingRule> {
  return (await repo.findRule(q, placeId)) ?? DEFAULT_BOOKING_RULE;
}

function toSlot(r: repo.SlotRow): Slot {
  return {
    id: r.id,
    placeId: r.placeId,
    title: r.title,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    capacity: r.capacity,
    booked: r.booked,
    pending: r.pending,
    checkedIn: r.checkedIn,
    noShows: r.noShows,
    needsApproval: r.needsApproval,
    status: r.status,
    cancelledReason: r.cancelledReason,
  };
}

async function placeInScope(ctx: StaffContext, placeId: number) {
  const place = await repo.getPlaceInScope(ctx.db, ctx.scope, placeId);
  if (!place) throw new AppError('not_found');
  return place;
}

/** ISO weekday (Monday 1 … Sunday 7) of a date YYYY-MM-DD. */
function isoWeekday(day: string): number {
  return ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

const minutesOf = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));

/**
 * The starts and ends a pattern gives, Beijing time: each of `weeks` weeks from `fromDate`, the
 * chosen weekdays (or `fromDate`'s own) at each time. Throws booking_slot_ends_before_start.
 */
export function slotTimes(input: CreateSlotsInput): { startsAt: Date; endsAt: Date }[] {
  const weekdays = new Set(input.weekdays ?? [isoWeekday(input.fromDate)]);
  const first = beijingMidnight(input.fromDate).getTime();
  const out: { startsAt: Date; endsAt: Date }[] = [];
  for (const t of input.times) {
    if (minutesOf(t.to) <= minutesOf(t.from)) throw new AppError('booking_slot_ends_before_start', `时段 ${t.from}–${t.to} 的结束时间应晚于开始时间`);
  }
  for (let d = 0; d < 7 * (input.weeks ?? 1); d++) {
    const midnight = first + d * DAY_MS;
    const day = new Date(midnight + 8 * 3600_000).toISOString().slice(0, 10);
    if (!weekdays.has(isoWeekday(day))) continue;
    for (const t of input.times) out.push({ startsAt: new Date(midnight + minutesOf(t.from) * 60_000), endsAt: new Date(midnight + minutesOf(t.to) * 60_000) });
  }
  return out;
}

/**
 * Publishes slots at a bookable place; a slot of the same title and start that exists is skipped.
 * Throws not_found, place_not_bookable, booking_slot_ends_before_start, booking_slot_in_past,
 * booking_slot_too_many.
 */
export async function createSlots(ctx: StaffContext, placeId: number, input: CreateSlotsInput, now = new Date()) {
  const place = await placeInScope(ctx, placeId);
  if (!place.bookable || place.status !== 'open') throw new AppError('place_not_bookable');
  const times = slotTimes(input);
  if (times.length > MAX_SLOTS_AT_ONCE) throw new AppError('booking_slot_too_many');
  const past = times.find((t) => t.startsAt <= now);
  if (past) throw new AppError('booking_slot_in_past', '不能发布已经开始的时段，请从今天稍后或以后的日期开始');
  return ctx.db.transaction(async (tx) => {
    const created = await repo.insertSlots(
      tx,
      { id: placeId, orgPath: place.orgPath },
      times.map((t) => ({ title: input.title, ...t, capacity: input.capacity, needsApproval: input.needsApproval ?? false })),
      ctx.actor.staffId,
    );
    if (created > 0) {
      await audit(tx, ctx, 'place_slot.create', { type: 'place', id: placeId, orgPath: place.orgPath }, { title: input.title, created, capacity: input.capacity, from: input.fromDate, weeks: input.weeks ?? 1 });
    }
    return { created, skipped: times.length - created };
  });
}

/** A place's slots between two Beijing days (inclusive), with booked, pending, checked-in and no-show counts: the staff's day and week calendar. Throws not_found, booking_period_invalid. */
export async function listSlots(ctx: StaffContext, placeId: number, q: { from?: string | undefined; to?: string | undefined; page: number; pageSize: number }, now = new Date()) {
  await placeInScope(ctx, placeId);
  const from = beijingMidnight(q.from ?? beijingDay(now));
  const to = q.to === undefined ? new Date(from.getTime() + 7 * DAY_MS) : new Date(beijingMidnight(q.to).getTime() + DAY_MS);
  if (to <= from || to.getTime() - from.getTime() > 366 * DAY_MS) throw new AppError('booking_period_invalid');
  const page = await repo.listSlots(ctx.db, placeId, from, to, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: page.items.map(toSlot), total: page.total };
}

/** Changes a slot's capacity, never below the seats held. Throws not_found, booking_slot_cancelled, booking_capacity_below_booked. */
export async function updateSlot(ctx: StaffContext, slotId: number, input: { capacity: number }) {
  return ctx.db.transaction(async (tx) => {
    const slot = await repo.getSlotInScope(tx, ctx.scope, slotId, true);
    if (!slot) throw new AppError('not_found');
    if (slot.status === 'cancelled') throw new AppError('booking_slot_cancelled');
    if (!(await repo.setCapacity(tx, slotId, input.capacity))) throw new AppError('booking_capacity_below_booked', `已占用 ${slot.booked} 个名额，可预约人数不能少于 ${slot.booked}`);
    await audit(tx, ctx, 'place_slot.update', { type: 'place_slot', id: slotId, orgPath: slot.orgPath }, { capacity: { from: slot.capacity, to: input.capacity } });
    return toSlot((await repo.getSlotInScope(tx, ctx.scope, slotId))!);
  });
}

/** Cancels a slot and its bookings, each booker told by a notice. Throws not_found, booking_slot_cancelled. */
export async function cancelSlot(ctx: StaffContext, slotId: number, input: { reason: string }, now = new Date()) {
  return ctx.db.transaction(async (tx) => {
    const slot = await repo.getSlotInScope(tx, ctx.scope, slotId, true);
    if (!slot) throw new AppError('not_found');
    if (slot.status === 'cancelled') throw new AppError('booking_slot_cancelled');
    const bookers = await repo.cancelSlot(tx, slotId, input.reason, now);
    const { name } = await repo.placeNameOf(tx, slot.placeId);
    const body = bookingNoticeBody(name, { title: slot.title, startsAt: new Date(slot.startsAt) }, { what: 'slotCancelled', reason: input.reason });
    const told = await tellMembers(tx, ctx, bookers.map((b) => b.phoneEnc), body, slot.orgPath);
    await audit(tx, ctx, 'place_slot.cancel', { type: 'place_slot', id: slotId, orgPath: slot.orgPath }, { reason: input.reason, bookings: bookers.length });
    return { slot: toSlot((await repo.getSlotInScope(tx, ctx.scope, slotId))!), told };
  });
}

/** The bookable places of the caller's subtree (the staff's place picker). */
export async function listBookablePlaces(ctx: StaffContext, q: { page: number; pageSize: number }) {
  const page = await repo.listBookablePlaces(ctx.db, ctx.scope, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: page.items.map((p) => ({ ...p, kind: p.kind as PlaceKind })), total: page.total };
}

/** The place's booking rules (the defaults when none were set). Throws not_found. */
export async function getBookingRule(ctx: StaffContext, placeId: number): Promise<BookingRule> {
  await placeInScope(ctx, placeId);
  return ruleOf(ctx.db, placeId);
}

/** Sets the place's booking rules. Throws not_found. */
export async function putBookingRule(ctx: StaffContext, placeId: number, rule: BookingRule): Promise<BookingRule> {
  const place = await placeInScope(ctx, placeId);
  return ctx.db.transaction(async (tx) => {
    await repo.upsertRule(tx, placeId, rule, ctx.actor.staffId);
    await audit(tx, ctx, 'place_booking.rule', { type: 'place', id: placeId, orgPath: place.orgPath }, { ...rule });
    return ruleOf(tx, placeId);
  });
}
