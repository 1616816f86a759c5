// "Open now" in SQL (nearby.repo.ts openNowSql) and in TypeScript (server/lib/opening-hours.ts
// isOpenAt) are one rule: random weeks (overnight intervals, holiday hours, closed on holidays), random
// dated exceptions, random moments of 2026 (its holidays from migration 029) — the same answer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import type { HoursInterval, PlaceHours } from '../../../contracts/places.ts';
import { createRng } from '../../db/seed/people.ts';
import { clockOf, deriveDayRule, deriveHours, isOpenAt, multirangeLiteral, type DayRule, type PlaceSchedule } from '../../lib/opening-hours.ts';
import { shiftDay } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { openAmong } from './nearby.repo.ts';
import { openMoment } from './nearby.service.ts';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

/** Up to three non-overlapping intervals of a day, the last one maybe overnight (ending no later than `spillCap`). */
function randomDay(rng: () => number): HoursInterval[] {
  const out: HoursInterval[] = [];
  let m = Math.floor(rng() * 8) * 60;
  const n = Math.floor(rng() * 4);
  for (let i = 0; i < n && m < 1380; i++) {
    const from = m + Math.floor(rng() * 4) * 30;
    if (from >= 1410) break;
    const overnight = i === n - 1 && rng() < 0.35;
    if (overnight) {
      out.push({ from: clockOf(from), to: clockOf(Math.floor(rng() * 6) * 60), nextDay: true });
      break;
    }
    const to = Math.min(1440, from + 30 + Math.floor(rng() * 16) * 30);
    out.push({ from: clockOf(from), to: to === 1440 ? '24:00' : clockOf(to) });
    m = to;
  }
  return out;
}

function randomHours(rng: () => number): PlaceHours {
  for (;;) {
    const week: PlaceHours['week'] = [];
    for (let day = 1; day <= 7; day++) if (rng() < 0.85) for (const iv of randomDay(rng)) week.push({ day, ...iv });
    const r = rng();
    const holidays: PlaceHours['holidays'] = r < 0.4 ? 'asUsual' : r < 0.7 ? 'closed' : randomDay(rng).slice(0, 2);
    const hours = { week, holidays: Array.isArray(holidays) && holidays.length === 0 ? 'closed' : holidays } as PlaceHours;
    // a night spilling over the next day's early opening is refused by deriveHours: draw again
    if (typeof deriveHours(hours) !== 'string') return hours;
  }
}

describe('open now: SQL and isOpenAt agree', () => {
  it('on random hours × random moments of 2026, with holidays and dated exceptions', async () => {
    const rng = createRng(20261207);
    const cal = await loadCalendar(t.db);
    const places: { id: number; schedule: PlaceSchedule }[] = [];
    // moments cluster on a few days (holidays, the days around them, ordinary weeks) so exceptions bite
    const days = ['2026-01-01', '2026-01-04', '2026-02-14', '2026-02-23', '2026-05-05', '2026-05-06', '2026-10-01', '2026-10-07', '2026-10-08', '2026-12-07', '2026-12-13', '2026-12-14'];
    for (let i = 0; i < 40; i++) {
      const hours = randomHours(rng);
      const derived = deriveHours(hours);
      if (typeof derived === 'string') throw new Error(derived);
      const p = await t.make.place({ lat: 27 + rng(), lng: 90 + rng(), hours });
      const exceptions = new Map<string, DayRule>();
      for (const day of days) {
        if (rng() >= 0.15) continue;
        const ivs = rng() < 0.3 ? [] : randomDay(rng);
        const rule = deriveDayRule(ivs);
        if (typeof rule === 'string') continue;
        exceptions.set(day, rule);
        await t.db.query(
          `INSERT INTO place_hours_exception (place_id, day, own, spill, hours) VALUES ($1, $2, $3::int4multirange, $4::int4multirange, $5::jsonb)`,
          [p.id, day, multirangeLiteral(rule.own), multirangeLiteral(rule.spill), JSON.stringify(ivs)],
        );
      }
      places.push({ id: p.id, schedule: { hours: derived, exceptions } });
    }
    // a keeper's mark far in the past never closes a place (LIVE_FRESH_HOURS)
    await t.db.query(`UPDATE place SET live_state = 'closed', live_at = '2020-01-01' WHERE id = $1`, [places[0]!.id]);
    const ids = places.map((p) => p.id);
    let opens = 0;
    for (let k = 0; k < 150; k++) {
      const day = k % 3 === 0 ? shiftDay('2026-01-01', Math.floor(rng() * 365)) : days[Math.floor(rng() * days.length)]!;
      // whole and half hours (interval edges) as often as arbitrary minutes
      const minute = rng() < 0.5 ? Math.floor(rng() * 48) * 30 : Math.floor(rng() * 1440);
      const at = new Date(Date.parse(`${day}T00:00:00+08:00`) + minute * 60_000);
      const sql = await openAmong(t.db, ids, await openMoment(t.db, cal, at));
      const ts = places.filter((p) => isOpenAt(p.schedule, cal, at)).map((p) => p.id);
      expect(sql, `at ${at.toISOString()}`).toEqual(ts);
      opens += ts.length;
    }
    // the sample is not degenerate: places are open at some moments and closed at others
    expect(opens).toBeGreaterThan(150 * 40 * 0.1);
    expect(opens).toBeLessThan(150 * 40 * 0.9);
  });
});
