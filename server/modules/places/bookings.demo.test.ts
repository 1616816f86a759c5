// The demo's bookings (server/db/seed/place-bookings.ts) as a fresh demo shows them: the reading
// room's last fortnight (seats used by card, missed ones turned into no-shows by the sweep, one
// cancelled) in the staff's calendar and figures, a meeting room waiting for approval, and the
// log-in page's first demo member with one seat coming up that he can cancel — nobody suspended.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { DEMO_PLACES } from '../../db/seed/demo-keys.ts';
import { findDemoMembers } from '../../db/seed/demo-members.ts';
import { beijingDayIn } from '../../../tests/helpers/place-bookings.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let roomId: number;
beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou] = await Promise.all([t.login('admin'), t.login('huazhou')]);
  const [room] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM place WHERE name = $1`, [DEMO_PLACES.shiwanReadingRoom]);
  roomId = room!.id;
});
afterAll(async () => t.close());

interface Booking {
  id: number;
  state: string;
  startsAt: string;
  title: string;
  cancelDeadline?: string;
}

describe('the demo’s bookings', () => {
  it('fills the reading room’s last fortnight: seats used by card and missed, counted in 化州’s figures, one pending approval', async () => {
    const all = (await t.request('GET', `/api/place-bookings?placeId=${roomId}&pageSize=200`, { as: huazhou })).json<{ items: Booking[]; total: number }>();
    const states = new Map<string, number>();
    for (const b of all.items) states.set(b.state, (states.get(b.state) ?? 0) + 1);
    expect(states.get('checkedIn') ?? 0).toBeGreaterThanOrEqual(5);
    expect(states.get('noShow') ?? 0).toBeGreaterThanOrEqual(1);
    expect(states.get('cancelled')).toBe(1);
    expect(states.get('pending')).toBe(1);
    expect(states.get('booked') ?? 0).toBeGreaterThanOrEqual(2);
    const now = Date.now();
    // the past is settled (no seat of a slot that ended still "booked"); nothing upcoming starts within three days
    for (const b of all.items) {
      if (new Date(b.startsAt).getTime() < now) expect(['checkedIn', 'noShow']).toContain(b.state);
      else expect(new Date(b.startsAt).getTime()).toBeGreaterThan(now + 3 * 86_400_000 - 3_600_000);
    }
    const pending = (await t.request('GET', `/api/place-bookings?placeId=${roomId}&state=pending`, { as: huazhou })).json<{ items: Booking[] }>();
    expect(pending.items[0]!.title).toContain('需审批');

    const figures = (await t.request('GET', `/api/place-bookings/figures?placeId=${roomId}&from=${beijingDayIn(-14)}&to=${beijingDayIn(-1)}`, { as: huazhou })).json<{ bookings: number; checkedIn: number; noShows: number; checkinRate: number }>();
    expect(figures.checkedIn).toBe(states.get('checkedIn'));
    expect(figures.noShows).toBe(states.get('noShow'));
    expect(figures.checkinRate).toBeGreaterThan(0.5);
    expect(figures.checkinRate).toBeLessThan(1);
    expect((await t.db.query(`SELECT 1 FROM place_booking_suspension`)).length).toBe(0);
  });

  it('gives the log-in page’s first demo member one seat coming up, which he cancels from the phone, and one he used last week', async () => {
    const [first] = await findDemoMembers(t.db, t.pii, 1);
    const phone = await loginWorker(t, admin, first!.phone);
    const mine = (await t.request('GET', '/api/me/place-bookings', { as: phone })).json<{ items: (Booking & { placeName: string })[] }>();
    const upcoming = mine.items.filter((b) => b.state === 'booked');
    expect(upcoming).toHaveLength(1);
    expect(upcoming[0]!.placeName).toBe(DEMO_PLACES.shiwanReadingRoom);
    expect(new Date(upcoming[0]!.cancelDeadline!).getTime()).toBeGreaterThan(Date.now());
    expect(mine.items.filter((b) => b.state === 'checkedIn')).toHaveLength(1);
    const cancelled = await t.request('POST', `/api/me/place-bookings/${upcoming[0]!.id}/cancel`, { as: phone });
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json().state).toBe('cancelled');
  });
});
