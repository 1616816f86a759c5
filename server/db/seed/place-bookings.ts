// The demo's bookable slots (预约, issue 15 §4): the next 14 days at 石湾社区职工书屋 — reading-room
// seats three times a day on its opening days, a counselling session (one person) on Tuesday and
// Thursday evenings, and its activity room for an enterprise union's meeting, which needs approval —
// and evening counselling sessions at the nearest bookable 心灵驿站 of 化州 when the demo has one.
// Made through the bookings service, as the community union's staff would, so the audit is the real one.
// Nothing is made when the demo has no such reading room (places seeded by seed/places.ts).
import type { CreateSlotsInput } from '../../../contracts/place-bookings.ts';
import type { StaffContext } from '../../http/context.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import { createSlots } from '../../modules/places/bookings.service.ts';
import type { Db } from '../client.ts';
import { DEMO_ORGS, DEMO_PLACES } from './demo-keys.ts';

const DAY_MS = 86_400_000;
const dayIn = (now: Date, days: number) => beijingDay(new Date(now.getTime() + days * DAY_MS));

/** Creates the demo's slots; returns how many. */
export async function loadDemoPlaceBookings(db: Db, pii: PiiCipher, now = new Date()): Promise<number> {
  const [room] = await db.query<{ id: number; orgId: number; path: string }>(
    `SELECT p.id::int AS id, o.id::int AS "orgId", o.path::text AS path FROM place p JOIN org o ON o.id = p.org_id WHERE p.name = $1 AND p.bookable ORDER BY p.id LIMIT 1`,
    [DEMO_PLACES.shiwanReadingRoom],
  );
  const [admin] = await db.query<{ id: number; username: string }>(`SELECT s.id::int AS id, s.username FROM staff s JOIN org o ON o.id = s.org_id WHERE o.parent_id IS NULL ORDER BY s.id LIMIT 1`);
  if (!room || !admin) return 0;
  const [huazhou] = await db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE name = $1`, [DEMO_ORGS.huazhou]);
  const scopeOrg = huazhou ?? { id: room.orgId, path: room.path };
  // the staff of 化州, as the seed acts: the province admin's account, scoped to 化州
  const ctx = {
    db,
    pii,
    config: undefined as never,
    sender: undefined as never,
    actor: { kind: 'staff', staffId: admin.id, username: admin.username, displayName: '化州市总工会（演示）', orgId: scopeOrg.id, roles: ['admin', 'clerk'], scope: makeScope(scopeOrg.id, scopeOrg.path), sessionHash: Buffer.alloc(0), csrfToken: '' },
    scope: makeScope(scopeOrg.id, scopeOrg.path),
    meta: { ip: '127.0.0.1', userAgent: 'demo seed' },
  } satisfies StaffContext;

  let n = 0;
  /** Today's still-future times, then the pattern from tomorrow for two weeks. */
  const publish = async (placeId: number, input: Omit<CreateSlotsInput, 'fromDate' | 'weeks'>) => {
    const today = dayIn(now, 0);
    const todays = input.times.filter((t) => new Date(`${today}T${t.from}:00+08:00`).getTime() > now.getTime() + 10 * 60_000);
    const weekday = ((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
    if (todays.length > 0 && (input.weekdays ?? [weekday]).includes(weekday)) {
      n += (await createSlots(ctx, placeId, { ...input, fromDate: today, weekdays: [weekday], times: todays })).created;
    }
    n += (await createSlots(ctx, placeId, { ...input, fromDate: dayIn(now, 1), weeks: 2 })).created;
  };
  // open Tuesday to Sunday, 09:00–21:00 (seed/places.ts HOURS.reading)
  const openDays = [2, 3, 4, 5, 6, 7];
  await publish(room.id, { title: '阅览座位', capacity: 20, weekdays: openDays, times: [{ from: '09:00', to: '12:00' }, { from: '14:00', to: '17:30' }, { from: '18:30', to: '21:00' }] });
  await publish(room.id, { title: '心理咨询（一对一）', capacity: 1, weekdays: [2, 4], times: [{ from: '19:00', to: '20:00' }] });
  await publish(room.id, { title: '多功能活动室（企业工会会议，需审批）', capacity: 1, needsApproval: true, weekdays: [3, 5, 6], times: [{ from: '14:00', to: '17:00' }] });

  const [counselling] = await db.query<{ id: number }>(
    `SELECT p.id::int AS id FROM place p WHERE p.kind = 'counselling' AND p.bookable AND p.status = 'open' AND p.merged_into IS NULL AND p.org_path <@ $1::ltree ORDER BY p.id LIMIT 1`,
    [scopeOrg.path],
  );
  if (counselling) await publish(counselling.id, { title: '心理咨询', capacity: 1, weekdays: [1, 3, 5], times: [{ from: '18:30', to: '19:30' }, { from: '19:30', to: '20:30' }] });
  return n;
}
