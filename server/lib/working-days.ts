// Working days (工作日) on China's calendar: Monday to Friday, except public holidays, plus the
// make-up working days (调休) the State Council announces, which fall on weekends. Pure arithmetic
// over a loaded calendar, on Beijing dates (YYYY-MM-DD); the table it is loaded from is the
// calendar module's (server/modules/calendar). Deadlines in working days are counted here only.
import { beijingDay, beijingMidnight } from './beijing-time.ts';

/** The exceptions to the week: holidays (off) and make-up working days (on). */
export interface WorkingCalendar {
  readonly holidays: ReadonlySet<string>;
  readonly workdays: ReadonlySet<string>;
}

export function makeCalendar(days: readonly { day: string; kind: 'holiday' | 'workday' }[]): WorkingCalendar {
  return {
    holidays: new Set(days.filter((d) => d.kind === 'holiday').map((d) => d.day)),
    workdays: new Set(days.filter((d) => d.kind === 'workday').map((d) => d.day)),
  };
}

const DAY_MS = 86_400_000;

/** The calendar day after (or `n` days after) a YYYY-MM-DD date. */
export function shiftDay(day: string, n = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whether the date is a working day: a 调休 day is, a holiday is not, else Monday to Friday. */
export function isWorkingDay(cal: WorkingCalendar, day: string): boolean {
  if (cal.workdays.has(day)) return true;
  if (cal.holidays.has(day)) return false;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** The longest run of days off the arithmetic will cross before it decides the calendar is broken. */
const MAX_DAYS_OFF = 60;

/**
 * The date on which the `n`-th working day after `from` falls (n ≥ 0; counting starts the day
 * after `from`, so 0 gives `from` itself). A limit of n working days received on `from` ends at
 * the end of that date.
 */
export function addWorkingDays(cal: WorkingCalendar, from: string, n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, not ${n}`);
  let day = from;
  let left = n;
  let off = 0;
  while (left > 0) {
    day = shiftDay(day);
    if (isWorkingDay(cal, day)) {
      left--;
      off = 0;
    } else if (++off > MAX_DAYS_OFF) {
      throw new RangeError(`addWorkingDays: more than ${MAX_DAYS_OFF} days off in a row after ${day}`);
    }
  }
  return day;
}

/**
 * Working days after `from` up to and including `to` (0 when `to` is not after `from`): the
 * inverse of addWorkingDays — workingDaysBetween(c, d, addWorkingDays(c, d, n)) === n.
 */
export function workingDaysBetween(cal: WorkingCalendar, from: string, to: string): number {
  if (to <= from) return 0;
  const total = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
  // whole weeks hold five weekdays; the calendar's exceptions inside the span are counted apart
  let count = Math.floor(total / 7) * 5;
  let day = shiftDay(from, Math.floor(total / 7) * 7);
  while (day < to) {
    day = shiftDay(day);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday !== 0 && weekday !== 6) count++;
  }
  for (const h of cal.holidays) {
    if (h > from && h <= to && !cal.workdays.has(h)) {
      const weekday = new Date(`${h}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) count--;
    }
  }
  for (const w of cal.workdays) {
    if (w > from && w <= to) {
      const weekday = new Date(`${w}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) count++;
    }
  }
  return count;
}

/**
 * The deadline of a limit of `n` working days that starts at the moment `at`: the end (Beijing
 * midnight) of the n-th working day after the Beijing date of `at`.
 */
export function deadlineAfter(cal: WorkingCalendar, at: Date, n: number): Date {
  return beijingMidnight(shiftDay(addWorkingDays(cal, beijingDay(at), n)));
}

/** Working days from the Beijing date of `from` to that of `to` (after the first, up to and including the last). */
export function workingDaysBetweenMoments(cal: WorkingCalendar, from: Date, to: Date): number {
  return workingDaysBetween(cal, beijingDay(from), beijingDay(to));
}

/** A deadline (a Beijing midnight ending a working day) moved on by `n` more working days. */
export function extendDeadline(cal: WorkingCalendar, deadline: Date, n: number): Date {
  if (n === 0) return deadline;
  const lastDay = shiftDay(beijingDay(deadline), -1);
  return beijingMidnight(shiftDay(addWorkingDays(cal, lastDay, n)));
}

/**
 * A deadline moved on by a pause: the working days that passed between the Beijing dates of the
 * pause and the resumption are added to it (a clock stopped on a working day restarts with the
 * same number of working days left).
 */
export function deadlineAfterPause(cal: WorkingCalendar, deadline: Date, pausedAt: Date, resumedAt: Date): Date {
  return extendDeadline(cal, deadline, workingDaysBetweenMoments(cal, pausedAt, resumedAt));
}
