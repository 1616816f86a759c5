// Number and time formats used on every screen, and the one place a time becomes text or a picker's
// value becomes a time. Every time a person reads or enters is Beijing time (Asia/Shanghai), whatever
// the browser's zone: an activity entered for 09:00 on a laptop set to UTC is 09:00 in Beijing.
import dayjs, { type Dayjs } from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

export const BEIJING = 'Asia/Shanghai';

type Instant = string | number | Date;

/** An instant on Beijing's clock. */
function beijing(at: Instant): Dayjs {
  return dayjs(at).tz(BEIJING);
}

const WALL = 'YYYY-MM-DDTHH:mm:ss.SSS';

/** 1066 → "1,066" (the zh-CN grouping). */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** A day (YYYY-MM-DD, or an instant's Beijing day) as 1958年2月19日; a dash when missing. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  return (value.length === 10 ? dayjs(value) : beijing(value)).format('YYYY年M月D日');
}

/** An instant in Beijing time, to the second: 2026-12-06 10:00:00. */
export function formatDateTime(iso: Instant | null | undefined): string {
  return iso ? beijing(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}

/** An instant in Beijing time, to the minute: 2026-12-06 10:00. */
export function formatMinute(iso: Instant | null | undefined): string {
  return iso ? beijing(iso).format('YYYY-MM-DD HH:mm') : '—';
}

/** An instant's Beijing day: 2026-12-06. */
export function formatDay(iso: Instant): string {
  return beijing(iso).format('YYYY-MM-DD');
}

/** An instant's Beijing clock: 09:00. */
export function formatClock(iso: Instant): string {
  return beijing(iso).format('HH:mm');
}

/**
 * 7月1日 09:00, with the weekday when asked (7月1日（周二）09:00); the year only when it is not this
 * year in Beijing. A dash when missing.
 */
export function formatWhen(iso: Instant | null | undefined, opts: { weekday?: boolean } = {}): string {
  if (!iso) return '—';
  const d = beijing(iso);
  const day = d.year() === beijing(Date.now()).year() ? 'M月D日' : 'YYYY年M月D日';
  return d.format(opts.weekday ? `${day}（周${'日一二三四五六'[d.day()]}）HH:mm` : `${day} HH:mm`);
}

/** A window: 7月1日 09:00 至 7月5日 18:00; on one Beijing day 7月1日 09:00–18:00. */
export function formatSpan(from: Instant, to: Instant | null | undefined, opts: { weekday?: boolean } = {}): string {
  if (!to) return formatWhen(from, opts);
  return isSameBeijingDay(from, to) ? `${formatWhen(from, opts)}–${formatClock(to)}` : `${formatWhen(from, opts)} 至 ${formatWhen(to, opts)}`;
}

export function isSameBeijingDay(a: Instant, b: Instant): boolean {
  return formatDay(a) === formatDay(b);
}

/** The last millisecond of an instant's Beijing day. */
export function endOfBeijingDay(iso: Instant): number {
  return beijing(iso).endOf('day').valueOf();
}

/** Today in Beijing: 2026-12-06. */
export function todayInBeijing(): string {
  return formatDay(Date.now());
}

/** Whole years between a birth date (YYYY-MM-DD) and a day (today in Beijing by default). */
export function ageOn(birthDate: string, today: string = todayInBeijing()): number {
  const [y, m, d] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

// Pickers (antd DatePicker, RangePicker) build their values in the browser's zone. Their values
// here carry Beijing's wall clock in that zone: they are made only by toPicker / pickerNow /
// dayToPicker and read only by fromPicker / pickerDay, so the browser's own zone never counts.

/** What a time picker shows for an instant: its Beijing date and clock. */
export function toPicker(iso: Instant): Dayjs {
  return dayjs(beijing(iso).format(WALL));
}

/** Now on Beijing's clock, for a picker's default and its "not after today" rule. */
export function pickerNow(): Dayjs {
  return toPicker(Date.now());
}

/** The instant a time picker's value means, read on Beijing's clock, as ISO (UTC). */
export function fromPicker(d: Dayjs): string {
  return dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), BEIJING).toISOString();
}

/** What a date picker shows for a day (YYYY-MM-DD). */
export function dayToPicker(day: string): Dayjs {
  return dayjs(day);
}

/** The day a date picker's value names: YYYY-MM-DD. */
export function pickerDay(d: Dayjs): string {
  return d.format('YYYY-MM-DD');
}

/** A picker day as people read it: 2026年12月6日. */
export function formatPickerDay(d: Dayjs): string {
  return d.format('YYYY年M月D日');
}
