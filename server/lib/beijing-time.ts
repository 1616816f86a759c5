// Times as people read them: every text the server writes (SMS and notice bodies, workbooks, file
// names) is on Beijing's clock (Asia/Shanghai), whatever zone the machine runs in.

export const BEIJING = 'Asia/Shanghai';

const clock = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

type Instant = Date | string | number;

function partsOf(at: Instant): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', string> {
  const p = Object.fromEntries(clock.formatToParts(new Date(at)).map((x) => [x.type, x.value]));
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** The Beijing day of an instant: 2026-12-06. */
export function beijingDay(at: Instant = new Date()): string {
  const p = partsOf(at);
  return `${p.year}-${p.month}-${p.day}`;
}

/** 2026-12-06 09:00, or to the second: 2026-12-06 09:00:00. */
export function beijingDateTime(at: Instant, precision: 'minute' | 'second' = 'minute'): string {
  const p = partsOf(at);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}${precision === 'second' ? `:${p.second}` : ''}`;
}

/** 7月15日 09:00, as an SMS says it. */
export function beijingWhen(at: Instant): string {
  const p = partsOf(at);
  return `${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

/** 20261206-090000, for file names. */
export function beijingStamp(at: Instant = new Date()): string {
  const p = partsOf(at);
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}

/** The instant a Beijing day (YYYY-MM-DD) begins. */
export function beijingMidnight(day: string): Date {
  return new Date(`${day}T00:00:00+08:00`);
}
