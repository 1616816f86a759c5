// Bookings' periodic work and figures. The sweep: slots that ended turn their bookings not checked in
// into no-shows, once (repo.sweepEnded marks each slot swept in the statement that does it), and a
// member who reaches the place's limit of no-shows within its window is suspended from booking there
// (told by a notice). The figures: bookings, check-ins, no-shows, cancellations and utilisation of a
// subtree (or one place) over a period — for the place calendar and the figures screen.
import type { BookingFigures } from '../../../contracts/place-bookings.ts';
import { AppError } from '../../errors.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { beijingMidnight } from '../../lib/beijing-time.ts';
import { onePassAtATime } from '../../lib/one-pass.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import { bookingNoticeBody, tellMembers } from './bookings.notices.ts';
import * as repo from './bookings.repo.ts';
import { ruleOf } from './bookings.slots.ts';

const DAY_MS = 86_400_000;
/** One pass at a time; never rejects (what fails is tried again on the next pass). Run by server/main.ts. */
export const runBookingSweep: (deps: Deps) => Promise<void> = onePassAtATime((deps: Deps) => sweepBookings(deps));

/**
 * Turns bookings of slots ended by `now` that were not checked in into no-shows, and suspends the
 * members who reach their place's limit (no-shows within the window, counted since their last
 * suspension) for the place's suspension days. Each slot is swept once, however many passes run.
 */
export async function sweepBookings(deps: Pick<Deps, 'db' | 'pii' | 'sender'>, now = new Date()): Promise<{ noShows: number; suspended: number }> {
  const out = await deps.db.transaction(async (tx) => {
    const missed = await repo.sweepEnded(tx, now);
    let suspended = 0;
    for (const m of missed) {
      const rule = await ruleOf(tx, m.placeId);
      if (await repo.findSuspension(tx, m.memberId, m.placeId, now)) continue;
      const windowStart = new Date(now.getTime() - rule.noShowWindowDays * DAY_MS);
      const last = await repo.latestSuspensionStart(tx, m.memberId, m.placeId);
      const since = last && new Date(last) > windowStart ? new Date(last) : windowStart;
      const noShows = await repo.countNoShows(tx, m.memberId, m.placeId, since);
      if (noShows < rule.noShowLimit) continue;
      const until = new Date(now.getTime() + rule.suspendDays * DAY_MS);
      await repo.insertSuspension(tx, { memberId: m.memberId, placeId: m.placeId, until, noShows, windowDays: rule.noShowWindowDays, at: now });
      const place = await repo.placeNameOf(tx, m.placeId);
      const phones = await repo.phonesOf(tx, [m.memberId]);
      await tellMembers(tx, deps, [phones.get(m.memberId) ?? null], bookingNoticeBody(place.name, null, { what: 'suspended', until, noShows, windowDays: rule.noShowWindowDays }), place.orgPath);
      suspended++;
    }
    return { noShows: missed.length, suspended };
  });
  if (out.suspended > 0 && 'config' in deps) void dispatchNotices(deps as Deps);
  return out;
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 1000 : null);

/**
 * Bookings of the subtree of `orgId` (the caller's own when absent), or of one place, over the Beijing
 * days [from, to], by the slots' start: bookings held (booked, pending, checked in, no-show), check-ins,
 * no-shows, cancellations, refusals, and utilisation (held ÷ capacity, checked in ÷ (checked in + no-shows)).
 * Throws not_found (org or place outside the scope), booking_period_invalid.
 */
export async function bookingFigures(ctx: StaffContext, q: { orgId?: number | undefined; placeId?: number | undefined; from: string; to: string }): Promise<BookingFigures> {
  const from = beijingMidnight(q.from);
  const to = new Date(beijingMidnight(q.to).getTime() + DAY_MS);
  if (to <= from || to.getTime() - from.getTime() > 366 * DAY_MS) throw new AppError('booking_period_invalid');
  let root = ctx.scope.path;
  if (q.orgId !== undefined) root = (await getOrgInScope(ctx.db, ctx.scope, q.orgId)).path;
  if (q.placeId !== undefined && !(await repo.getPlaceInScope(ctx.db, ctx.scope, q.placeId))) throw new AppError('not_found');
  const f = await repo.figuresOf(ctx.db, root, q.placeId ?? null, from, to);
  const bookings = f.booked + f.pending + f.checkedIn + f.noShows;
  return {
    from: q.from,
    to: q.to,
    slots: f.slots,
    capacity: f.capacity,
    bookings,
    checkedIn: f.checkedIn,
    noShows: f.noShows,
    cancellations: f.cancellations,
    rejected: f.rejected,
    bookedRate: ratio(bookings, f.capacity),
    checkinRate: ratio(f.checkedIn, f.checkedIn + f.noShows),
  };
}
