import { describe, expect, it } from 'vitest';
import type { PlaceHours } from '../../contracts/places.ts';
import { deriveHours, isOpenAt, openState, type DerivedHours } from './opening-hours.ts';
import { makeCalendar } from './working-days.ts';

const cal = makeCalendar([{ day: '2026-10-01', kind: 'holiday' }]);
const at = (s: string) => new Date(`${s}+08:00`);

function derive(h: PlaceHours): DerivedHours {
  const d = deriveHours(h);
  if (typeof d === 'string') throw new Error(d);
  return d;
}

const weekdays = [1, 2, 3, 4, 5];

describe('opening hours', () => {
  it('refuses an interval ending before it starts, one over a day, and overlaps (a night spilling into the next morning too)', () => {
    expect(deriveHours({ week: [{ day: 1, from: '18:00', to: '09:00' }], holidays: 'asUsual' })).toBe('hours_end_before_start');
    expect(deriveHours({ week: [{ day: 1, from: '09:00', to: '10:00', nextDay: true }], holidays: 'asUsual' })).toBe('hours_too_long');
    expect(deriveHours({ week: [{ day: 1, from: '09:00', to: '12:00' }, { day: 1, from: '11:00', to: '14:00' }], holidays: 'asUsual' })).toBe('hours_overlap');
    expect(deriveHours({ week: [{ day: 7, from: '22:00', to: '08:00', nextDay: true }, { day: 1, from: '07:00', to: '12:00' }], holidays: 'asUsual' })).toBe('hours_overlap');
    expect(deriveHours({ week: [], holidays: [{ from: '10:00', to: '09:00' }] })).toBe('hours_end_before_start');
  });

  it('is open across midnight by the night that started the day before, Sunday into Monday too', () => {
    const s = { hours: derive({ week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '22:00', to: '06:00', nextDay: true })), holidays: 'asUsual' }) };
    expect(isOpenAt(s, cal, at('2026-12-07T23:30:00'))).toBe(true); // Monday night
    expect(isOpenAt(s, cal, at('2026-12-08T05:59:00'))).toBe(true); // Tuesday early
    expect(isOpenAt(s, cal, at('2026-12-08T06:00:00'))).toBe(false);
    expect(isOpenAt(s, cal, at('2026-12-07T03:00:00'))).toBe(true); // Monday early: Sunday's night
    const st = openState(s, cal, at('2026-12-08T12:00:00'));
    expect(st.open).toBe(false);
    expect(st.opensAt?.toISOString()).toBe(at('2026-12-08T22:00:00').toISOString());
  });

  it('follows the holiday rule on a public holiday, and the night begun before it keeps its own day', () => {
    const s = {
      hours: derive({ week: [...weekdays.map((day) => ({ day, from: '09:00', to: '18:00' })), { day: 3, from: '20:00', to: '02:00', nextDay: true }], holidays: 'closed' }),
    };
    // 2026-10-01 is a Thursday and a holiday: closed at 10:00, though a Thursday
    expect(isOpenAt(s, cal, at('2026-10-01T10:00:00'))).toBe(false);
    // Wednesday 30 Sep's night runs into the holiday until 02:00
    expect(isOpenAt(s, cal, at('2026-10-01T01:00:00'))).toBe(true);
    expect(isOpenAt(s, cal, at('2026-10-02T10:00:00'))).toBe(true);
    const st = openState(s, cal, at('2026-10-01T10:00:00'));
    expect(st.opensAt?.toISOString()).toBe(at('2026-10-02T09:00:00').toISOString());
    const dated = { ...s, exceptions: new Map([['2026-10-02', { own: [], spill: [] }]]) };
    expect(isOpenAt(dated, cal, at('2026-10-02T10:00:00'))).toBe(false);
  });

  it('says when an open place closes, and that a 24-hour one does not', () => {
    const s = { hours: derive({ week: weekdays.map((day) => ({ day, from: '08:30', to: '20:00' })), holidays: 'asUsual' }) };
    const st = openState(s, cal, at('2026-12-07T10:00:00'));
    expect(st).toMatchObject({ open: true, opensAt: null });
    expect(st.closesAt?.toISOString()).toBe(at('2026-12-07T20:00:00').toISOString());
    const always = { hours: derive({ week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: 'asUsual' }) };
    expect(openState(always, cal, at('2026-12-07T10:00:00'))).toEqual({ open: true, closesAt: null, opensAt: null });
  });
});
