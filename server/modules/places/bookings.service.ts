// Bookings of places' time slots (预约): a member books a seat (once per Idempotency-Key; the last
// seat goes to exactly one member: repo.takeSeat), cancels before the place's deadline and sees their
// bookings; staff list bookings, approve or refuse those that need approval, and check members in by
// the member card. Slots and rules: bookings.slots.ts; the no-show sweep and figures: bookings.sweep.ts.
import {
  CHECKIN_OPENS_BEFORE_MINUTES,
  type BookingState,
  type MyBooking,
  myBooking,
} from '../../../contracts/place-bookings.ts';
import { registerConstraintErrors, violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit, requireMemberId } from '../../http/actors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { beijingDay, beijingMidnight, beijingWhen } from '../../lib/beijing-time.ts';
import { maskName } from '../../lib/pii.ts';
import { cardHolderOf } from '../cards/cards.service.ts';
import { bookingNoticeBody, tellMembers } from './bookings.notices.ts';
import * as repo from './bookings.repo.ts';

export { bookingFigures, runBookingSweep, sweepBookings } from './bookings.sweep.ts';
export { cancelSlot, createSlots, getBookingRule, listBookablePlaces, listSlots, putBookingRule, updateSlot } from './bookings.slots.ts';
import { ruleOf } from './bookings.slots.ts';

registerConstraintErrors('place-bookings', {
  place_slot_ends_after_start: 'booking_slot_ends_before_start',
  place_slot_booked_fits: 'booking_capacity_below_booked',
  place_booking_live: 'booking_already',
});

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));
type Paged = { page: number; pageSize: number };

function toMyBooking(r: repo.MyBookingRow): MyBooking {
  return {
    id: r.id,
    slotId: r.slotId,
    placeId: r.placeId,
    placeName: r.placeName,
    placeAddress: r.placeAddress,
    title: r.title,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    state: r.state,
    reason: r.reason,
    checkedInAt: isoOrNull(r.checkedInAt),
    cancelDeadline: iso(new Date(new Date(r.startsAt).getTime() - r.cancelBeforeMinutes * 60_000)),
    createdAt: iso(r.createdAt),
  };
}

const bookingStore: IdempotencyStore<MyBooking> = {
  find: async (q, owner, key) => {
    const r = await repo.findBookingByKey(q, owner.id, key);
    return r && { ...toMyBooking(r), hash: Buffer.from(r.requestHash).toString('hex') };
  },
  text: (b) => JSON.stringify(myBooking.parse(b)),
  isKeyTaken: (err) => violates(err, 'place_booking_idem_key'),
};

/**
 * Books one seat of a slot for the member, once per Idempotency-Key; a slot that needs approval
 * gives a pending booking. Throws not_found, place_not_bookable, booking_slot_cancelled,
 * booking_slot_past, booking_suspended (saying until when and why), booking_already,
 * booking_limit_upcoming, booking_limit_day, booking_slot_full, idempotency_key_reused.
 */
export async function bookSlot(ctx: MemberContext, slotId: number, idemKey: string, now = new Date()): Promise<IdempotentReply> {
  const memberId = requireMemberId(ctx);
  const ask = { owner: { kind: 'member' as const, id: memberId }, key: idemKey, hash: requestHashOf('place-booking', slotId) };
  return writeOnce(ctx.db, bookingStore, ask, async () => {
    const slot = await repo.getSlotForMember(ctx.db, slotId);
    if (!slot) throw new AppError('not_found');
    if (!slot.bookable || slot.placeStatus !== 'open') throw new AppError('place_not_bookable');
    if (slot.status === 'cancelled') throw new AppError('booking_slot_cancelled');
    if (new Date(slot.startsAt) <= now) throw new AppError('booking_slot_past');
    const rule = await ruleOf(ctx.db, slot.placeId);
    return ctx.db.transaction(async (tx) => {
      await repo.lockMemberAtPlace(tx, memberId, slot.placeId);
      const suspension = await repo.findSuspension(tx, memberId, slot.placeId, now);
      if (suspension) {
        throw new AppError(
          'booking_suspended',
          `您在该场所 ${suspension.windowDays} 天内已有 ${suspension.noShows} 次预约未到，${beijingWhen(suspension.until)}（北京时间）前暂停在此预约`,
        );
      }
      const dayFrom = beijingMidnight(beijingDay(slot.startsAt));
      const live = await repo.countLive(tx, memberId, slot.placeId, slotId, now, dayFrom, new Date(dayFrom.getTime() + 86_400_000));
      if (live.thisSlot > 0) throw new AppError('booking_already');
      if (live.upcoming >= rule.maxUpcoming) throw new AppError('booking_limit_upcoming', `每人在该场所最多同时有 ${rule.maxUpcoming} 个未到期的预约，请先使用或取消已有预约`);
      if (live.onDay >= rule.maxPerDay) throw new AppError('booking_limit_day', `每人每天在该场所最多预约 ${rule.maxPerDay} 个时段`);
      if (!(await repo.takeSeat(tx, slotId))) throw new AppError('booking_slot_full');
      const id = await repo.insertBooking(tx, {
        slotId,
        placeId: slot.placeId,
        memberId,
        startsAt: new Date(slot.startsAt),
        state: slot.needsApproval ? 'pending' : 'booked',
        idemKey,
        requestHash: ask.hash,
      });
      await audit(tx, ctx, 'place_booking.book', { type: 'place_booking', id, orgPath: slot.orgPath }, { slotId, placeId: slot.placeId });
      return toMyBooking((await repo.getMyBooking(tx, memberId, id))!);
    });
  });
}

/** Cancels the member's own booking before the place's deadline. Throws not_found, booking_not_cancellable, booking_cancel_too_late. */
export async function cancelMyBooking(ctx: MemberContext, id: number, now = new Date()): Promise<MyBooking> {
  const memberId = requireMemberId(ctx);
  return ctx.db.transaction(async (tx) => {
    const b = await repo.getMyBooking(tx, memberId, id, true);
    if (!b) throw new AppError('not_found');
    if (b.state !== 'booked' && b.state !== 'pending') throw new AppError('booking_not_cancellable');
    const deadline = new Date(new Date(b.startsAt).getTime() - b.cancelBeforeMinutes * 60_000);
    if (now >= deadline) {
      throw new AppError('booking_cancel_too_late', `该场所须在开始前 ${b.cancelBeforeMinutes} 分钟取消，截止时间 ${beijingWhen(deadline)}（北京时间）已过，不能再取消`);
    }
    await repo.setMyBookingCancelled(tx, id, now);
    await repo.releaseSeat(tx, b.slotId);
    await audit(tx, ctx, 'place_booking.cancel', { type: 'place_booking', id, orgPath: b.orgPath }, { slotId: b.slotId });
    return toMyBooking((await repo.getMyBooking(tx, memberId, id))!);
  });
}

/** The member's bookings, upcoming first. */
export async function listMyBookings(ctx: MemberContext, q: Paged, now = new Date()) {
  const memberId = requireMemberId(ctx);
  const page = await repo.listMyBookings(ctx.db, memberId, now, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: page.items.map(toMyBooking), total: page.total };
}

/** A bookable place's open slots for 14 days from `from` (today), with the member's own state and suspension. Throws not_found, place_not_bookable. */
export async function getBookingBoard(ctx: MemberContext, placeId: number, q: { from?: string | undefined }, now = new Date()) {
  const memberId = requireMemberId(ctx);
  const place = await repo.getPlaceForMember(ctx.db, placeId);
  if (!place) throw new AppError('not_found');
  if (!place.bookable || place.status !== 'open') throw new AppError('place_not_bookable');
  const from = beijingMidnight(q.from ?? beijingDay(now));
  const [rule, suspension, slots] = await Promise.all([
    ruleOf(ctx.db, placeId),
    repo.findSuspension(ctx.db, memberId, placeId, now),
    repo.listBoard(ctx.db, placeId, memberId, now, from, new Date(from.getTime() + 14 * 86_400_000)),
  ]);
  return {
    place: { id: place.id, name: place.name, kind: place.kind as never, address: place.address },
    rule,
    suspendedUntil: suspension ? iso(suspension.until) : null,
    slots: slots.map((s) => ({
      id: s.id,
      title: s.title,
      startsAt: iso(s.startsAt),
      endsAt: iso(s.endsAt),
      capacity: s.capacity,
      left: s.capacity - s.booked,
      needsApproval: s.needsApproval,
      mine: s.mine,
    })),
  };
}

// ── staff ──────────────────────────────────────────────────────────────────────────────────────

function toStaffBooking(r: repo.StaffBookingRow) {
  return {
    id: r.id,
    slotId: r.slotId,
    placeId: r.placeId,
    placeName: r.placeName,
    title: r.title,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    memberNo: r.memberNo,
    memberName: maskName(r.memberName),
    state: r.state,
    reason: r.reason,
    checkedInAt: isoOrNull(r.checkedInAt),
    createdAt: iso(r.createdAt),
  };
}

/** Bookings in the caller's subtree, by place, slot or state (待审批: state=pending). Throws not_found for a place or slot outside the scope. */
export async function listBookings(ctx: StaffContext, q: Paged & { placeId?: number | undefined; slotId?: number | undefined; state?: BookingState | undefined }) {
  if (q.placeId !== undefined && !(await repo.getPlaceInScope(ctx.db, ctx.scope, q.placeId))) throw new AppError('not_found');
  if (q.slotId !== undefined && !(await repo.getSlotInScope(ctx.db, ctx.scope, q.slotId))) throw new AppError('not_found');
  const page = await repo.listBookings(ctx.db, ctx.scope, q, q.pageSize, (q.page - 1) * q.pageSize);
  return { items: page.items.map(toStaffBooking), total: page.total };
}

/** Approves (the seat stays held) or refuses (the seat freed) a pending booking; the member is told. Throws not_found, booking_not_pending. */
export async function decideBooking(ctx: StaffContext, id: number, decision: { approve: true } | { approve: false; reason: string }, now = new Date()) {
  return ctx.db.transaction(async (tx) => {
    const b = await repo.getBookingInScope(tx, ctx.scope, id, true);
    if (!b) throw new AppError('not_found');
    const reason = decision.approve ? null : decision.reason;
    if (!(await repo.decideBooking(tx, id, decision.approve ? 'booked' : 'rejected', reason, ctx.actor.staffId, now))) throw new AppError('booking_not_pending');
    if (!decision.approve) await repo.releaseSeat(tx, b.slotId);
    await audit(tx, ctx, decision.approve ? 'place_booking.approve' : 'place_booking.reject', { type: 'place_booking', id, orgPath: b.orgPath }, reason ? { reason } : undefined);
    const body = bookingNoticeBody(b.placeName, { title: b.title, startsAt: new Date(b.startsAt) }, decision.approve ? { what: 'approved' } : { what: 'rejected', reason: decision.reason });
    await tellMembers(tx, ctx, [b.phoneEnc], body, b.orgPath);
    return toStaffBooking((await repo.getBookingInScope(tx, ctx.scope, id))!);
  });
}

/**
 * Checks in the member whose card staff scanned at the place: their booking of a slot of this
 * place whose window (from 15 minutes before the start to the end) holds now. Throws not_found,
 * card_token_*, booking_checkin_none, booking_checkin_pending, booking_already_checked_in.
 */
export async function checkInByCard(ctx: StaffContext, placeId: number, token: string, now = new Date()) {
  const place = await repo.getPlaceInScope(ctx.db, ctx.scope, placeId);
  if (!place) throw new AppError('not_found');
  const holder = await cardHolderOf(ctx, token);
  return ctx.db.transaction(async (tx) => {
    const b = await repo.findCheckinBooking(tx, placeId, holder.memberId, now, CHECKIN_OPENS_BEFORE_MINUTES * 60_000);
    if (!b) throw new AppError('booking_checkin_none', `${holder.name}此时在“${place.name}”没有可签到的预约（开始前 ${CHECKIN_OPENS_BEFORE_MINUTES} 分钟至结束可签到）`);
    if (b.state === 'pending') throw new AppError('booking_checkin_pending');
    if (b.state === 'checkedIn') throw new AppError('booking_already_checked_in');
    const at = await repo.checkInBooking(tx, b.id, ctx.actor.staffId, now);
    if (!at) throw new AppError('booking_already_checked_in');
    await audit(tx, ctx, 'place_booking.checkin', { type: 'place_booking', id: b.id, orgPath: b.orgPath }, { placeId, memberNo: holder.memberNo, nonce: holder.nonce });
    return { bookingId: b.id, memberNo: holder.memberNo, name: holder.name, title: b.title, startsAt: iso(b.startsAt), endsAt: iso(b.endsAt), checkedInAt: iso(at) };
  });
}
