// Opening hours of a place (阵地): the week as staff enter it (contracts/places.ts PlaceHours),
// checked, turned into the minute ranges the database keeps (migration 040), and asked "open at
// this moment? until when, or when does it open?" — in Beijing time, with the working-day
// calendar's public holidays and a place's own exceptions for a date.
//
// One rule everywhere (here and in SQL, server/modules/places): an overnight interval belongs to
// the day it starts. At minute m of Beijing day D the place is open when
//   (the rule of D)'s own part contains m, or (the rule of D-1)'s after-midnight part contains m,
// where the rule of a day is its exception if the place has one, else the holiday hours if the day
// is a public holiday and the place has holiday hours (closed = empty), else the weekday's hours.
import type { HoursInterval, PlaceHours } from '../../contracts/places.ts';
import { beijingDay, beijingMidnight } from './beijing-time.ts';
import { shiftDay, type WorkingCalendar } from './working-days.ts';

/** A half-open range of minutes [from, to). */
export type MinuteRange = readonly [number, number];

const DAY = 1440;
const WEEK = 7 * DAY;

/** The minutes of a day's rule: its own part (0…1439) and its after-midnight part on the next day (0…1439). */
export interface DayRule {
  own: MinuteRange[];
  spill: MinuteRange[];
}

/** What the database keeps (migration 040): the week in minutes of the week, a holiday in minutes of the day. */
export interface DerivedHours {
  openOwn: MinuteRange[];
  openSpill: MinuteRange[];
  /** null: a holiday keeps the weekday's hours */
  holiday: DayRule | null;
}

export type HoursProblem = 'hours_end_before_start' | 'hours_too_long' | 'hours_overlap';

export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One interval as [own part], [spill part], or the problem with it. */
function splitInterval(iv: HoursInterval): { own: MinuteRange; spill: MinuteRange | null } | HoursProblem {
  const from = minutesOf(iv.from);
  const to = minutesOf(iv.to);
  if (!iv.nextDay) {
    if (to <= from) return 'hours_end_before_start';
    return { own: [from, to], spill: null };
  }
  // overnight: ends on the next day, no later than it started (at most 24 hours); 24:00 is not "next day"
  if (to === DAY) return 'hours_too_long';
  if (to > from) return 'hours_too_long';
  return { own: [from, DAY], spill: to === 0 ? null : [0, to] };
}

function overlaps(ranges: MinuteRange[]): boolean {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < sorted.length; i++) if (sorted[i]![0] < sorted[i - 1]![1]) return true;
  return false;
}

/** Adjacent or touching ranges joined (what a multirange would store). */
export function mergeRanges(ranges: readonly MinuteRange[]): MinuteRange[] {
  const sorted = [...ranges].filter((r) => r[1] > r[0]).sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** A day's intervals (a holiday's, an exception's) checked and split. */
export function deriveDayRule(intervals: readonly HoursInterval[]): DayRule | HoursProblem {
  const own: MinuteRange[] = [];
  const spill: MinuteRange[] = [];
  for (const iv of intervals) {
    const part = splitInterval(iv);
    if (typeof part === 'string') return part;
    own.push(part.own);
    if (part.spill) spill.push(part.spill);
  }
  if (overlaps(own) || overlaps(spill)) return 'hours_overlap';
  return { own: mergeRanges(own), spill: mergeRanges(spill) };
}

/**
 * Checks a place's hours and derives what the database keeps. Refuses an interval ending before it
 * starts (hours_end_before_start), one longer than a day (hours_too_long), and two that cover the
 * same minute — on one day, or a night's spill over the next day's opening (hours_overlap).
 */
export function deriveHours(hours: PlaceHours): DerivedHours | HoursProblem {
  const own: MinuteRange[] = [];
  const spill: MinuteRange[] = [];
  for (const iv of hours.week) {
    const part = splitInterval(iv);
    if (typeof part === 'string') return part;
    const base = (iv.day - 1) * DAY;
    own.push([base + part.own[0], base + part.own[1]]);
    if (part.spill) {
      const next = (iv.day % 7) * DAY; // Sunday's night spills onto Monday
      spill.push([next + part.spill[0], next + part.spill[1]]);
    }
  }
  if (overlaps([...own, ...spill])) return 'hours_overlap';
  let holiday: DayRule | null = null;
  if (hours.holidays === 'closed') holiday = { own: [], spill: [] };
  else if (Array.isArray(hours.holidays)) {
    const rule = deriveDayRule(hours.holidays);
    if (typeof rule === 'string') return rule;
    holiday = rule;
  }
  return { openOwn: mergeRanges(own), openSpill: mergeRanges(spill), holiday };
}

/** A multirange literal for SQL ('{[480,1200),[1920,2640)}'::int4multirange; '{}' is empty). */
export function multirangeLiteral(ranges: readonly MinuteRange[]): string {
  return `{${ranges.map(([a, b]) => `[${a},${b})`).join(',')}}`;
}

/** Parses a multirange as the database returns it ('{[480,1200),[1920,2640)}'). */
export function parseMultirange(text: string): MinuteRange[] {
  return [...text.matchAll(/\[(\d+),(\d+)\)/g)].map((m) => [Number(m[1]), Number(m[2])] as const);
}

/** ISO weekday of a Beijing date, Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** A place's hours as this module reasons about them: derived hours and its dated exceptions. */
export interface PlaceSchedule {
  hours: DerivedHours;
  /** YYYY-MM-DD → that day's rule */
  exceptions?: ReadonlyMap<string, DayRule>;
}

function within(ranges: readonly MinuteRange[], m: number): boolean {
  return ranges.some(([a, b]) => m >= a && m < b);
}

function weekDayRule(h: DerivedHours, day: string): DayRule {
  const base = (isoWeekday(day) - 1) * DAY;
  const next = (isoWeekday(day) % 7) * DAY;
  const own = h.openOwn.filter(([a, b]) => a < base + DAY && b > base).map(([a, b]) => [Math.max(a, base) - base, Math.min(b, base + DAY) - base] as const);
  // the spill that belongs to this day is the part of open_spill on the next day
  const spill = h.openSpill.filter(([a, b]) => a < next + DAY && b > next).map(([a, b]) => [Math.max(a, next) - next, Math.min(b, next + DAY) - next] as const);
  return { own, spill };
}

/** The rule that governs a Beijing date for a place: its exception, else a holiday's, else the weekday's. */
export function ruleOfDay(s: PlaceSchedule, cal: WorkingCalendar, day: string): DayRule {
  const ex = s.exceptions?.get(day);
  if (ex) return ex;
  if (s.hours.holiday && cal.holidays.has(day)) return s.hours.holiday;
  return weekDayRule(s.hours, day);
}

/** The moment's Beijing date and minute of the day (0…1439), minute of the week, and its day before. */
export function beijingClock(at: Date): { day: string; yesterday: string; minute: number; weekMinute: number } {
  const day = beijingDay(at);
  const minute = Math.floor((at.getTime() - beijingMidnight(day).getTime()) / 60_000);
  return { day, yesterday: shiftDay(day, -1), minute, weekMinute: (isoWeekday(day) - 1) * DAY + minute };
}

/** Whether the place is open at the moment. */
export function isOpenAt(s: PlaceSchedule, cal: WorkingCalendar, at: Date): boolean {
  const c = beijingClock(at);
  return within(ruleOfDay(s, cal, c.day).own, c.minute) || within(ruleOfDay(s, cal, c.yesterday).spill, c.minute);
}

export interface OpenState {
  open: boolean;
  /** open: when it closes (null: not within the next 8 days — open round the clock) */
  closesAt: Date | null;
  /** closed: when it next opens (null: not within the next 8 days) */
  opensAt: Date | null;
}

/** Open or not at the moment, and when that changes next — scanned over the coming 8 days. */
export function openState(s: PlaceSchedule, cal: WorkingCalendar, at: Date): OpenState {
  const c = beijingClock(at);
  // absolute minutes from midnight of day D-1
  const covered: MinuteRange[] = [];
  for (let i = -1; i <= 8; i++) {
    const day = shiftDay(c.day, i);
    const rule = ruleOfDay(s, cal, day);
    const base = (i + 1) * DAY;
    for (const [a, b] of rule.own) covered.push([base + a, base + b]);
    for (const [a, b] of rule.spill) covered.push([base + DAY + a, base + DAY + b]);
  }
  const merged = mergeRanges(covered);
  const now = DAY + c.minute;
  const dayStart = beijingMidnight(shiftDay(c.day, -1)).getTime();
  const toDate = (m: number) => new Date(dayStart + m * 60_000);
  const horizon = 10 * DAY;
  const current = merged.find(([a, b]) => now >= a && now < b);
  if (current) return { open: true, closesAt: current[1] >= horizon ? null : toDate(current[1]), opensAt: null };
  const next = merged.find(([a]) => a > now);
  return { open: false, closesAt: null, opensAt: next ? toDate(next[0]) : null };
}

/** Whether a week is open round the clock (24 小时). */
export function roundTheClock(h: DerivedHours): boolean {
  const all = mergeRanges([...h.openOwn, ...h.openSpill]);
  return all.length === 1 && all[0]![0] === 0 && all[0]![1] === WEEK && (h.holiday === null || (h.holiday.own.length === 1 && h.holiday.own[0]![0] === 0 && h.holiday.own[0]![1] === DAY));
}
