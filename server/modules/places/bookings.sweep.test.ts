// The no-show sweep (each slot once; three no-shows within the window suspend booking at the place
// for the configured days, and booking while suspended says until when and why) and the figures of
// a subtree or a place over a period (bookings, check-ins, no-shows, cancellations, utilisation).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { newKey } from '../../../tests/helpers/activities.ts';
import { MIN, beijingDayIn, insertSlot } from '../../../tests/helpers/place-bookings.ts';
import { beijingWhen } from '../../lib/beijing-time.ts';
import { sweepBookings } from './bookings.service.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let huazhouId: number;
let m: MemberLogin[];

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou] = await Promise.all([t.login('admin'), t.login('huazhou')]);
  huazhouId = await t.demoOrg('huazhou');
  m = await newMemberSessions(t, admin, 3, { org: huazhouId });
});
afterAll(async () => t.close());

const book = (as: Session, slotId: number) => t.request('POST', `/api/place-slots/${slotId}/bookings`, { as, headers: { 'idempotency-key': newKey() } });
const deps = () => t.app.deps;
const HOUR = 60 * MIN;

describe('the no-show sweep', () => {
  it('turns bookings not checked in into no-shows once, and the third within the window suspends booking there', async () => {
    const p = await t.make.place({ org: huazhouId, kind: 'readingRoom', bookable: true });
    await t.request('PUT', `/api/places/${p.id}/booking-rule`, { as: huazhou, body: { maxUpcoming: 10, maxPerDay: 10, cancelBeforeMinutes: 0, noShowLimit: 3, noShowWindowDays: 90, suspendDays: 30 } });
    const base = Date.now() + 2 * HOUR;
    const slots = [];
    for (let i = 0; i < 4; i++) slots.push(await insertSlot(t, p.id, new Date(base + i * 24 * HOUR), { title: `第${i}场` }));
    for (const s of slots) expect((await book(m[0]!, s)).statusCode).toBe(201);
    expect((await book(m[1]!, slots[0]!)).statusCode).toBe(201);
    await t.db.query(`UPDATE place_booking SET state = 'checkedIn', checked_in_at = now() WHERE member_id = $1`, [m[1]!.memberId]);

    // after the first two slots: two no-shows, no suspension
    const afterTwo = new Date(base + 24 * HOUR + 2 * HOUR);
    expect(await sweepBookings(deps(), afterTwo)).toEqual({ noShows: 1, suspended: 0 });
    expect(await sweepBookings(deps(), afterTwo)).toEqual({ noShows: 0, suspended: 0 });
    const states = async () => (await t.db.query<{ state: string }>(`SELECT state FROM place_booking WHERE member_id = $1 ORDER BY starts_at`, [m[0]!.memberId])).map((r) => r.state);
    expect(await states()).toEqual(['noShow', 'noShow', 'booked', 'booked']);
    // the one checked in is no no-show
    expect((await t.db.query<{ state: string }>(`SELECT state FROM place_booking WHERE member_id = $1`, [m[1]!.memberId]))[0]!.state).toBe('checkedIn');

    // the third: suspended for 30 days from the sweep, told by a notice; sweeping again changes nothing
    const afterThree = new Date(base + 2 * 24 * HOUR + 2 * HOUR);
    const [a, b] = await Promise.all([sweepBookings(deps(), afterThree), sweepBookings(deps(), afterThree)]);
    expect([a, b].map((x) => x.suspended).sort()).toEqual([0, 1]);
    expect(a.noShows + b.noShows).toBe(1);
    const [s] = await t.db.query<{ until: Date; n: number }>(`SELECT until, no_shows AS n FROM place_booking_suspension WHERE member_id = $1 AND place_id = $2`, [m[0]!.memberId, p.id]);
    expect(new Date(s!.until).getTime()).toBe(afterThree.getTime() + 30 * 24 * HOUR);
    expect(s!.n).toBe(3);
    const [told] = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE kind = 'place_booking' ORDER BY id DESC LIMIT 1`);
    expect(told!.body).toContain('3 次预约未到');

    // booking there while suspended: the code, until when and why
    const next = await insertSlot(t, p.id, new Date(base + 10 * 24 * HOUR), { title: '下一场' });
    const refused = await book(m[0]!, next);
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: 'booking_suspended',
      message: `您在该场所 90 天内已有 3 次预约未到，${beijingWhen(s!.until)}（北京时间）前暂停在此预约`,
      statusCode: 409,
    });
    const board = await t.request('GET', `/api/me/places/${p.id}/booking-board`, { as: m[0]! });
    expect(board.json().suspendedUntil).toBe(new Date(s!.until).toISOString());
    // another place is not affected
    const other = await t.make.place({ org: huazhouId, kind: 'readingRoom', bookable: true });
    expect((await book(m[0]!, await insertSlot(t, other.id, new Date(base + 24 * HOUR)))).statusCode).toBe(201);
    expect((await book(m[1]!, next)).statusCode).toBe(201);
  });

  it('counts only no-shows within the window, and a pending booking never decided is cancelled, not a no-show', async () => {
    const p = await t.make.place({ org: huazhouId, kind: 'hall', bookable: true });
    await t.request('PUT', `/api/places/${p.id}/booking-rule`, { as: huazhou, body: { maxUpcoming: 10, maxPerDay: 10, cancelBeforeMinutes: 0, noShowLimit: 2, noShowWindowDays: 7, suspendDays: 5 } });
    const base = Date.now() + HOUR;
    const first = await insertSlot(t, p.id, new Date(base));
    const late = await insertSlot(t, p.id, new Date(base + 10 * 24 * HOUR));
    const hall = await insertSlot(t, p.id, new Date(base + 11 * 24 * HOUR), { needsApproval: true, title: '会议厅' });
    for (const s of [first, late, hall]) expect((await book(m[2]!, s)).statusCode).toBe(201);
    expect(await sweepBookings(deps(), new Date(base + 2 * HOUR))).toMatchObject({ suspended: 0 });
    // the second no-show is 10 days after the first: outside the 7-day window
    expect(await sweepBookings(deps(), new Date(base + 10 * 24 * HOUR + 2 * HOUR))).toMatchObject({ suspended: 0 });
    await sweepBookings(deps(), new Date(base + 11 * 24 * HOUR + 2 * HOUR));
    const [h] = await t.db.query<{ state: string; reason: string }>(`SELECT state, reason FROM place_booking WHERE slot_id = $1`, [hall]);
    expect(h).toEqual({ state: 'cancelled', reason: '开始前未获审批' });
    expect((await t.db.query(`SELECT 1 FROM place_booking_suspension WHERE member_id = $1 AND place_id = $2`, [m[2]!.memberId, p.id])).length).toBe(0);
  });
});

describe('figures', () => {
  it('counts a subtree\'s bookings, check-ins, no-shows and cancellations with utilisation over a period', async () => {
    const town = await t.make.org({ level: 'town', parent: huazhouId });
    const p = await t.make.place({ org: town.id, kind: 'readingRoom', bookable: true });
    await t.request('PUT', `/api/places/${p.id}/booking-rule`, { as: huazhou, body: { maxUpcoming: 10, maxPerDay: 10, cancelBeforeMinutes: 0, noShowLimit: 9, noShowWindowDays: 90, suspendDays: 30 } });
    const day = beijingDayIn(3);
    const s1 = await insertSlot(t, p.id, new Date(`${day}T09:00:00+08:00`), { capacity: 4 });
    const s2 = await insertSlot(t, p.id, new Date(`${day}T14:00:00+08:00`), { capacity: 4, title: '下午' });
    const b = await Promise.all([book(m[0]!, s1), book(m[1]!, s1), book(m[2]!, s1), book(m[0]!, s2)]);
    expect(b.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    await t.db.query(`UPDATE place_booking SET state = 'checkedIn' WHERE id = $1`, [b[0]!.json().id]);
    await t.request('POST', `/api/me/place-bookings/${b[3]!.json().id}/cancel`, { as: m[0]! });
    await sweepBookings(deps(), new Date(`${day}T23:00:00+08:00`));
    const res = await t.request('GET', `/api/place-bookings/figures?orgId=${town.id}&from=${day}&to=${day}`, { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ from: day, to: day, slots: 2, capacity: 8, bookings: 3, checkedIn: 1, noShows: 2, cancellations: 1, rejected: 0, bookedRate: 0.375, checkinRate: 0.333 });
    const place = await t.request('GET', `/api/place-bookings/figures?placeId=${p.id}&from=${day}&to=${day}`, { as: huazhou });
    expect(place.json()).toMatchObject({ bookings: 3 });
    const before = await t.request('GET', `/api/place-bookings/figures?orgId=${town.id}&from=${beijingDayIn(0)}&to=${beijingDayIn(1)}`, { as: huazhou });
    expect(before.json()).toMatchObject({ slots: 0, bookings: 0, bookedRate: null, checkinRate: null });
    const bad = await t.request('GET', `/api/place-bookings/figures?from=${day}&to=${beijingDayIn(1)}`, { as: huazhou });
    expect(bad.json().error).toBe('booking_period_invalid');
    const slots = await t.request('GET', `/api/places/${p.id}/slots?from=${day}&to=${day}`, { as: huazhou });
    expect(slots.json().items.map((s: { booked: number; checkedIn: number; noShows: number }) => [s.booked, s.checkedIn, s.noShows])).toEqual([[3, 1, 2], [0, 0, 0]]);
  });
});
