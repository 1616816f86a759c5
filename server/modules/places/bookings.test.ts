// Bookings of places' time slots over HTTP: publishing slots (one day, a weekly pattern, bad times),
// booking with its refusals (full, past, limits, already), idempotent retries, cancelling before the
// deadline, the last seat under a real race, approval, check-in by the member card, and scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { newKey } from '../../../tests/helpers/activities.ts';
import { MIN, beijingDayIn, insertSlot } from '../../../tests/helpers/place-bookings.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let huazhouId: number;
let m: MemberLogin[];

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang')]);
  huazhouId = await t.demoOrg('huazhou');
  m = await newMemberSessions(t, admin, 8, { org: huazhouId });
});
afterAll(async () => t.close());

const readingRoom = () => t.make.place({ org: huazhouId, kind: 'readingRoom', bookable: true, name: '测试职工书屋' });
const book = (as: Session, slotId: number, key = newKey()) => t.request('POST', `/api/place-slots/${slotId}/bookings`, { as, headers: { 'idempotency-key': key } });
const cardToken = async (x: Session) => (await t.request('GET', '/api/me/card', { as: x })).json().token as string;
const bookedOf = async (slotId: number) => (await t.db.query<{ booked: number }>(`SELECT booked FROM place_slot WHERE id = $1`, [slotId]))[0]!.booked;

describe('publishing slots', () => {
  it('publishes a weekly pattern once, lists it as a calendar, and skips what exists', async () => {
    const p = await readingRoom();
    const body = { title: '阅览座位', capacity: 20, fromDate: beijingDayIn(1), weeks: 2, weekdays: [1, 2, 3, 4, 5, 6, 7], times: [{ from: '09:00', to: '11:00' }, { from: '14:00', to: '17:00' }] };
    const res = await t.request('POST', `/api/places/${p.id}/slots`, { as: huazhou, body });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ created: 28, skipped: 0 });
    const again = await t.request('POST', `/api/places/${p.id}/slots`, { as: huazhou, body });
    expect(again.json()).toEqual({ created: 0, skipped: 28 });
    const day = await t.request('GET', `/api/places/${p.id}/slots?from=${beijingDayIn(1)}&to=${beijingDayIn(1)}`, { as: huazhou });
    expect(day.json().total).toBe(2);
    expect(day.json().items[0]).toMatchObject({ title: '阅览座位', capacity: 20, booked: 0, pending: 0, checkedIn: 0, noShows: 0, status: 'open' });
    // 09:00 Beijing is 01:00 UTC
    expect(day.json().items[0].startsAt).toBe(`${beijingDayIn(1)}T01:00:00.000Z`);
    const week = await t.request('GET', `/api/places/${p.id}/slots?from=${beijingDayIn(1)}&to=${beijingDayIn(7)}&pageSize=200`, { as: huazhou });
    expect(week.json().total).toBe(14);
  });

  it('takes only the chosen weekdays of each week', async () => {
    const p = await readingRoom();
    const res = await t.request('POST', `/api/places/${p.id}/slots`, { as: huazhou, body: { title: '心理咨询', capacity: 1, fromDate: beijingDayIn(1), weeks: 3, weekdays: [2, 4], times: [{ from: '19:00', to: '20:00' }] } });
    expect(res.json()).toEqual({ created: 6, skipped: 0 });
  });

  it('refuses a slot that ends before it starts, one in the past, and a place that takes no bookings, writing nothing', async () => {
    const p = await readingRoom();
    const before = await t.db.query(`SELECT count(*)::int AS n FROM place_slot`);
    const bad = await t.request('POST', `/api/places/${p.id}/slots`, { as: huazhou, body: { title: '阅览座位', capacity: 5, fromDate: beijingDayIn(1), times: [{ from: '09:00', to: '11:00' }, { from: '15:00', to: '14:00' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'booking_slot_ends_before_start', message: expect.stringContaining('15:00–14:00') });
    const past = await t.request('POST', `/api/places/${p.id}/slots`, { as: huazhou, body: { title: '阅览座位', capacity: 5, fromDate: beijingDayIn(-1), times: [{ from: '09:00', to: '11:00' }] } });
    expect(past.json().error).toBe('booking_slot_in_past');
    const station = await t.make.place({ org: huazhouId });
    const notBookable = await t.request('POST', `/api/places/${station.id}/slots`, { as: huazhou, body: { title: '阅览座位', capacity: 5, fromDate: beijingDayIn(1), times: [{ from: '09:00', to: '11:00' }] } });
    expect(notBookable.json().error).toBe('place_not_bookable');
    const zero = await t.request('POST', `/api/places/${p.id}/slots`, { as: huazhou, body: { title: '阅览座位', capacity: 0, fromDate: beijingDayIn(1), times: [{ from: '09:00', to: '11:00' }] } });
    expect(zero.json().error).toBe('validation_failed');
    expect(await t.db.query(`SELECT count(*)::int AS n FROM place_slot`)).toEqual(before);
  });

  it('keeps capacity at or above the seats held, and cancelling a slot cancels its bookings and tells the bookers', async () => {
    const p = await readingRoom();
    const slot = await insertSlot(t, p.id, new Date(Date.now() + 48 * 60 * MIN), { capacity: 3 });
    expect((await book(m[0]!, slot)).statusCode).toBe(201);
    expect((await book(m[1]!, slot)).statusCode).toBe(201);
    const low = await t.request('PATCH', `/api/place-slots/${slot}`, { as: huazhou, body: { capacity: 1 } });
    expect(low.json()).toMatchObject({ error: 'booking_capacity_below_booked', message: expect.stringContaining('已占用 2 个名额') });
    const ok = await t.request('PATCH', `/api/place-slots/${slot}`, { as: huazhou, body: { capacity: 2 } });
    expect(ok.json()).toMatchObject({ capacity: 2, booked: 2 });
    const outbox = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'place_booking'`))[0]!.n;
    const sent = await outbox();
    const cancel = await t.request('POST', `/api/place-slots/${slot}/cancel`, { as: huazhou, body: { reason: '书屋临时检修' } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ told: 2, slot: { status: 'cancelled', cancelledReason: '书屋临时检修' } });
    expect(await outbox()).toBe(sent + 2);
    const mine = await t.request('GET', '/api/me/place-bookings', { as: m[0]! });
    expect(mine.json().items.find((b: { slotId: number }) => b.slotId === slot)).toMatchObject({ state: 'cancelled', reason: '书屋临时检修' });
    expect((await book(m[2]!, slot)).json().error).toBe('booking_slot_cancelled');
  });
});

describe('booking', () => {
  it('books a seat once per key, shows it on the board and under my bookings, and cancels before the deadline', async () => {
    const p = await readingRoom();
    const slot = await insertSlot(t, p.id, new Date(Date.now() + 24 * 60 * MIN), { capacity: 5 });
    const key = newKey();
    const first = await book(m[0]!, slot, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ slotId: slot, placeId: p.id, placeName: '测试职工书屋', state: 'booked', title: '阅览座位' });
    const retry = await book(m[0]!, slot, key);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(first.body);
    expect(await bookedOf(slot)).toBe(1);
    const board = await t.request('GET', `/api/me/places/${p.id}/booking-board`, { as: m[0]! });
    expect(board.statusCode, board.body).toBe(200);
    expect(board.json()).toMatchObject({ place: { id: p.id, kind: 'readingRoom' }, suspendedUntil: null, rule: { maxUpcoming: 2, cancelBeforeMinutes: 120 } });
    expect(board.json().slots).toEqual([expect.objectContaining({ id: slot, left: 4, mine: 'booked' })]);
    const again = await book(m[0]!, slot);
    expect(again.json().error).toBe('booking_already');
    const mine = await t.request('GET', '/api/me/place-bookings', { as: m[0]! });
    expect(mine.json().items[0]).toMatchObject({ id: first.json().id, state: 'booked' });
    const cancel = await t.request('POST', `/api/me/place-bookings/${first.json().id}/cancel`, { as: m[0]! });
    expect(cancel.json()).toMatchObject({ state: 'cancelled' });
    expect(await bookedOf(slot)).toBe(0);
    // another member's booking is not theirs to cancel
    const other = await book(m[1]!, slot);
    expect((await t.request('POST', `/api/me/place-bookings/${other.json().id}/cancel`, { as: m[0]! })).statusCode).toBe(404);
  });

  it('refuses a full slot, a past slot, and cancelling after the deadline (saying when it was)', async () => {
    const p = await readingRoom();
    const one = await insertSlot(t, p.id, new Date(Date.now() + 30 * 60 * MIN), { capacity: 1 });
    expect((await book(m[0]!, one)).statusCode).toBe(201);
    const full = await book(m[1]!, one);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toEqual({ error: 'booking_slot_full', message: '该时段已约满', statusCode: 409 });
    const past = await insertSlot(t, p.id, new Date(Date.now() - 60 * MIN));
    expect((await book(m[1]!, past)).json().error).toBe('booking_slot_past');
    const soon = await insertSlot(t, p.id, new Date(Date.now() + 60 * MIN), { title: '自习' });
    const b = await book(m[2]!, soon);
    expect(b.statusCode, b.body).toBe(201);
    const late = await t.request('POST', `/api/me/place-bookings/${b.json().id}/cancel`, { as: m[2]! });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ error: 'booking_cancel_too_late', message: expect.stringContaining('开始前 120 分钟') });
    expect(await bookedOf(soon)).toBe(1);
  });

  it('holds the per-day and upcoming limits of the place', async () => {
    const p = await readingRoom();
    const day = (d: number, h: number) => new Date(Date.now() + (d * 24 + h) * 60 * MIN);
    const a = await insertSlot(t, p.id, day(1, 0), { title: 'A' });
    const a2 = await insertSlot(t, p.id, day(1, 2), { title: 'A2' });
    const b = await insertSlot(t, p.id, day(3, 0), { title: 'B' });
    const c = await insertSlot(t, p.id, day(5, 0), { title: 'C' });
    expect((await book(m[3]!, a)).statusCode).toBe(201);
    const sameDay = await book(m[3]!, a2);
    // a2 may fall on the next Beijing day when a starts late in the evening: then the upcoming limit is what refuses
    expect(['booking_limit_day', 'booking_limit_upcoming', undefined]).toContain(sameDay.json().error);
    if (sameDay.statusCode === 201) await t.request('POST', `/api/me/place-bookings/${sameDay.json().id}/cancel`, { as: m[3]! });
    expect((await book(m[3]!, b)).statusCode).toBe(201);
    const third = await book(m[3]!, c);
    expect(third.json()).toMatchObject({ error: 'booking_limit_upcoming', message: expect.stringContaining('最多同时有 2 个') });
    const rule = await t.request('PUT', `/api/places/${p.id}/booking-rule`, { as: huazhou, body: { maxUpcoming: 3, maxPerDay: 1, cancelBeforeMinutes: 60, noShowLimit: 3, noShowWindowDays: 90, suspendDays: 30 } });
    expect(rule.json()).toMatchObject({ maxUpcoming: 3, cancelBeforeMinutes: 60 });
    expect((await book(m[3]!, c)).statusCode).toBe(201);
  });

  it('refuses two bookings on one Beijing day when the place allows one a day', async () => {
    const p = await readingRoom();
    const day = beijingDayIn(2);
    const morning = await insertSlot(t, p.id, new Date(`${day}T09:00:00+08:00`), { title: '上午' });
    const evening = await insertSlot(t, p.id, new Date(`${day}T19:00:00+08:00`), { title: '晚上' });
    expect((await book(m[4]!, morning)).statusCode).toBe(201);
    const res = await book(m[4]!, evening);
    expect(res.json()).toMatchObject({ error: 'booking_limit_day', message: expect.stringContaining('每天在该场所最多预约 1 个') });
  });

  it('gives the last seat to exactly one of two members booking at once', async () => {
    const p = await readingRoom();
    for (let round = 0; round < 3; round++) {
      const slot = await insertSlot(t, p.id, new Date(Date.now() + (30 + round) * 60 * MIN), { capacity: 1, title: `抢座${round}` });
      const answers = await Promise.all([book(m[5]!, slot), book(m[6]!, slot), book(m[7]!, slot)]);
      const codes = answers.map((r) => r.statusCode).sort();
      expect(codes).toEqual([201, 409, 409]);
      expect(answers.filter((r) => r.statusCode === 409).map((r) => r.json().error)).toEqual(['booking_slot_full', 'booking_slot_full']);
      expect(await bookedOf(slot)).toBe(1);
      const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_booking WHERE slot_id = $1`, [slot])) as [{ n: number }];
      expect(n).toBe(1);
      // free the winner's upcoming limit for the next round
      const won = answers.find((r) => r.statusCode === 201)!.json();
      await t.db.query(`UPDATE place_booking SET state = 'cancelled' WHERE id = $1`, [won.id]);
    }
  });
});

describe('approval', () => {
  it('makes bookings of a hall pending; staff approve or refuse with a reason, and the member is told', async () => {
    const hall = await t.make.place({ org: huazhouId, kind: 'hall', bookable: true, name: '测试工会会议厅' });
    const slot = await insertSlot(t, hall.id, new Date(Date.now() + 72 * 60 * MIN), { capacity: 1, needsApproval: true, title: '会议厅' });
    const first = await book(m[0]!, slot);
    expect(first.json()).toMatchObject({ state: 'pending' });
    expect((await book(m[1]!, slot)).json().error).toBe('booking_slot_full');
    const pending = await t.request('GET', `/api/place-bookings?placeId=${hall.id}&state=pending`, { as: huazhou });
    expect(pending.json()).toMatchObject({ total: 1, items: [{ id: first.json().id, state: 'pending', placeName: '测试工会会议厅' }] });
    expect(pending.json().items[0].memberName).toContain('*');
    const reject = await t.request('POST', `/api/place-bookings/${first.json().id}/reject`, { as: huazhou, body: { reason: '当天已安排全委会' } });
    expect(reject.json()).toMatchObject({ state: 'rejected', reason: '当天已安排全委会' });
    expect(await bookedOf(slot)).toBe(0);
    const [told] = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE kind = 'place_booking' ORDER BY id DESC LIMIT 1`);
    expect(told!.body).toContain('未通过审批：当天已安排全委会');
    const second = await book(m[1]!, slot);
    const approve = await t.request('POST', `/api/place-bookings/${second.json().id}/approve`, { as: huazhou });
    expect(approve.json()).toMatchObject({ state: 'booked' });
    expect((await t.request('POST', `/api/place-bookings/${second.json().id}/approve`, { as: huazhou })).json().error).toBe('booking_not_pending');
    const mine = await t.request('GET', '/api/me/place-bookings', { as: m[1]! });
    expect(mine.json().items.find((b: { id: number }) => b.id === second.json().id)).toMatchObject({ state: 'booked' });
    // another subtree's staff see nothing of it
    expect((await t.request('POST', `/api/place-bookings/${second.json().id}/reject`, { as: yangjiang, body: { reason: '越权' } })).statusCode).toBe(404);
  });
});

describe('check-in by card', () => {
  it('checks in the booking of a slot of this place now, once; refuses who has none', async () => {
    const p = await readingRoom();
    const slot = await insertSlot(t, p.id, new Date(Date.now() + 5 * MIN), { capacity: 5 });
    const later = await insertSlot(t, p.id, new Date(Date.now() + 5 * 60 * MIN), { capacity: 5, title: '晚场' });
    expect((await book(m[2]!, slot)).statusCode).toBe(201);
    expect((await book(m[4]!, later)).statusCode).toBe(201);
    const checkin = async (who: Session, as = huazhou) => t.request('POST', `/api/places/${p.id}/checkins`, { as, body: { token: await cardToken(who) } });
    const ok = await checkin(m[2]!);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ title: '阅览座位', name: expect.stringContaining('*') });
    expect((await checkin(m[2]!)).json().error).toBe('booking_already_checked_in');
    // a booking 5 hours away is not open for check-in yet
    const early = await checkin(m[4]!);
    expect(early.json()).toMatchObject({ error: 'booking_checkin_none', message: expect.stringContaining('开始前 15 分钟') });
    expect((await checkin(m[2]!, yangjiang)).statusCode).toBe(404);
    const bad = await t.request('POST', `/api/places/${p.id}/checkins`, { as: huazhou, body: { token: 'not-a-card' } });
    expect(bad.json().error).toBe('card_token_malformed');
    const mine = await t.request('GET', '/api/me/place-bookings', { as: m[2]! });
    expect(mine.json().items.find((b: { slotId: number }) => b.slotId === slot)).toMatchObject({ state: 'checkedIn', checkedInAt: expect.any(String) });
  });
});

describe('scope', () => {
  it('answers 404 to staff of another subtree on every route naming a place, slot or booking', async () => {
    const p = await readingRoom();
    const slot = await insertSlot(t, p.id, new Date(Date.now() + 24 * 60 * MIN));
    const b = await book(m[0]!, slot);
    const as = yangjiang;
    const calls: [string, string, unknown?][] = [
      ['GET', `/api/places/${p.id}/slots?from=${beijingDayIn(0)}&to=${beijingDayIn(7)}`],
      ['POST', `/api/places/${p.id}/slots`, { title: '越权', capacity: 1, fromDate: beijingDayIn(1), times: [{ from: '09:00', to: '10:00' }] }],
      ['GET', `/api/places/${p.id}/booking-rule`],
      ['PUT', `/api/places/${p.id}/booking-rule`, { maxUpcoming: 9, maxPerDay: 9, cancelBeforeMinutes: 0, noShowLimit: 9, noShowWindowDays: 9, suspendDays: 9 }],
      ['PATCH', `/api/place-slots/${slot}`, { capacity: 50 }],
      ['POST', `/api/place-slots/${slot}/cancel`, { reason: '越权取消' }],
      ['GET', `/api/place-bookings?placeId=${p.id}`],
      ['GET', `/api/place-bookings?slotId=${slot}`],
      ['GET', `/api/place-bookings/figures?placeId=${p.id}&from=${beijingDayIn(0)}&to=${beijingDayIn(7)}`],
      ['GET', `/api/place-bookings/figures?orgId=${huazhouId}&from=${beijingDayIn(0)}&to=${beijingDayIn(7)}`],
      ['POST', `/api/place-bookings/${b.json().id}/approve`],
    ];
    for (const [method, url, body] of calls) {
      const res = await t.request(method, url, { as, body });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect((await t.request('GET', '/api/place-bookings', { as })).json().items.some((x: { placeId: number }) => x.placeId === p.id)).toBe(false);
    expect((await t.request('GET', '/api/place-bookings/places?pageSize=200', { as })).json().items.some((x: { id: number }) => x.id === p.id)).toBe(false);
    const own = await t.request('GET', '/api/place-bookings/places?pageSize=200', { as: huazhou });
    expect(own.json().items).toContainEqual(expect.objectContaining({ id: p.id, name: '测试职工书屋', kind: 'readingRoom', status: 'open' }));
    expect(await bookedOf(slot)).toBe(1);
  });

  it('keeps the member routes for members and the staff routes for staff', async () => {
    const p = await readingRoom();
    expect((await t.request('GET', `/api/me/places/${p.id}/booking-board`, { as: huazhou })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/places/${p.id}/slots?from=${beijingDayIn(0)}&to=${beijingDayIn(1)}`, { as: m[0]! })).statusCode).toBe(403);
    expect((await t.request('GET', '/api/me/place-bookings')).statusCode).toBe(401);
    const station = await t.make.place({ org: huazhouId });
    expect((await t.request('GET', `/api/me/places/${station.id}/booking-board`, { as: m[0]! })).json().error).toBe('place_not_bookable');
  });
});
