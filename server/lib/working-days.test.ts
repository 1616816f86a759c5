import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  deadlineAfter,
  deadlineAfterPause,
  isWorkingDay,
  makeCalendar,
  shiftDay,
  workingDaysBetween,
  workingDaysBetweenMoments,
} from './working-days.ts';
import { beijingDay } from './beijing-time.ts';

const weekdayOf = (day: string) => new Date(`${day}T00:00:00Z`).getUTCDay();
const isWeekend = (day: string) => weekdayOf(day) === 0 || weekdayOf(day) === 6;

/** A date between 2025-01-01 and 2028-12-31. */
const dayArb = fc.integer({ min: 0, max: 4 * 365 }).map((n) => shiftDay('2025-01-01', n));
/** A calendar of random holidays and random make-up working days (some of them on weekdays, some clashing with holidays). */
const calendarArb = fc
  .record({ holidays: fc.uniqueArray(dayArb, { maxLength: 80 }), workdays: fc.uniqueArray(dayArb, { maxLength: 30 }) })
  .map(({ holidays, workdays }) => makeCalendar([...holidays.map((day) => ({ day, kind: 'holiday' as const })), ...workdays.map((day) => ({ day, kind: 'workday' as const }))]));

/** The State Council's 2026 schedule (国办发明电〔2025〕7号), as the migration seeds it. */
const y2026 = makeCalendar([
  ...['2026-01-01', '2026-01-02', '2026-01-03', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'].map((day) => ({ day, kind: 'holiday' as const })),
  ...['2026-01-04', '2026-09-20', '2026-10-10'].map((day) => ({ day, kind: 'workday' as const })),
]);

/** The reference count: one day at a time. */
function countByWalking(cal: ReturnType<typeof makeCalendar>, from: string, to: string): number {
  let n = 0;
  for (let d = shiftDay(from); d <= to; d = shiftDay(d)) if (isWorkingDay(cal, d)) n++;
  return n;
}

describe('working days', () => {
  it('adding n working days then counting back gives n, and the day reached is the first with n working days', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: 0, max: 40 }), (cal, from, n) => {
        const to = addWorkingDays(cal, from, n);
        expect(workingDaysBetween(cal, from, to)).toBe(n);
        if (n > 0) {
          expect(isWorkingDay(cal, to)).toBe(true);
          expect(workingDaysBetween(cal, from, shiftDay(to, -1))).toBe(n - 1);
        } else {
          expect(to).toBe(from);
        }
      }),
    );
  });

  it('counting agrees with walking the days one by one, holidays and 调休 days included', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: 0, max: 120 }), (cal, from, span) => {
        const to = shiftDay(from, span);
        expect(workingDaysBetween(cal, from, to)).toBe(countByWalking(cal, from, to));
        expect(workingDaysBetween(cal, to, from)).toBe(0);
      }),
    );
  });

  it('a holiday is off, a 调休 day is on, and a weekend is off unless it is a 调休 day', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, (cal, day) => {
        const expected = cal.workdays.has(day) ? true : cal.holidays.has(day) ? false : !isWeekend(day);
        expect(isWorkingDay(cal, day)).toBe(expected);
      }),
    );
  });

  it('crosses the 2026 National Day holiday and its 调休 days as announced', () => {
    // Friday 18 September + 1 → Sunday 20 September, a make-up working day
    expect(addWorkingDays(y2026, '2026-09-18', 1)).toBe('2026-09-20');
    // received on 30 September: the holiday runs 1–7 October; 8 October is the first working day
    expect(addWorkingDays(y2026, '2026-09-30', 1)).toBe('2026-10-08');
    // 8, 9 (Fri), 10 (Sat, 调休), 12 (Mon), 13 → five working days end on Tuesday 13 October
    expect(addWorkingDays(y2026, '2026-09-30', 5)).toBe('2026-10-13');
    expect(workingDaysBetween(y2026, '2026-09-30', '2026-10-13')).toBe(5);
    // New Year: 1–3 January off, Sunday 4 January on
    expect(addWorkingDays(y2026, '2025-12-31', 1)).toBe('2026-01-04');
    // the same dates on an empty calendar: plain weekdays
    expect(addWorkingDays(makeCalendar([]), '2026-09-30', 1)).toBe('2026-10-01');
  });

  it('a deadline ends at Beijing midnight after the last working day, whatever the hour of receipt', () => {
    // 23:30 Beijing on Wednesday 30 September 2026 is 15:30 UTC the same day; 00:30 Beijing on 1 October is still 30 September in UTC
    expect(deadlineAfter(y2026, new Date('2026-09-30T15:30:00Z'), 1).toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(deadlineAfter(y2026, new Date('2026-09-30T16:30:00Z'), 1).toISOString()).toBe('2026-10-08T16:00:00.000Z');
    expect(workingDaysBetweenMoments(y2026, new Date('2026-09-30T02:00:00Z'), new Date('2026-10-08T03:00:00Z'))).toBe(1);
  });

  it('a pause moves the deadline by the working days it lasted, and a pause within one day does not', () => {
    fc.assert(
      fc.property(calendarArb, dayArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 30 }), (cal, from, n, pauseLength) => {
        const received = new Date(`${from}T02:00:00Z`);
        const deadline = deadlineAfter(cal, received, n);
        const pausedAt = new Date(`${from}T03:00:00Z`);
        const resumedAt = new Date(`${shiftDay(from, pauseLength)}T04:00:00Z`);
        const moved = deadlineAfterPause(cal, deadline, pausedAt, resumedAt);
        const paused = workingDaysBetween(cal, from, shiftDay(from, pauseLength));
        expect(workingDaysBetween(cal, from, shiftDay(beijingDay(moved), -1))).toBe(n + paused);
      }),
    );
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(y2026, '2026-01-05', -1)).toThrow(RangeError);
    expect(() => addWorkingDays(y2026, '2026-01-05', 1.5)).toThrow(RangeError);
  });
});
