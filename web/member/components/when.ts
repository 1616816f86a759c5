// Times as the member pages show them, with the weekday (activities and campaigns alike).
import { formatSpan, formatWhen } from '../../shared/format.ts';

/** 7月1日（周二）09:00 in Beijing time; the year only when it is not this year. */
export function when(iso: string | null | undefined): string {
  return formatWhen(iso, { weekday: true });
}

/** A window: 7月1日 09:00 至 7月5日 18:00 (the second date only when it is another day). */
export function span(from: string, to: string | null | undefined): string {
  return formatSpan(from, to, { weekday: true });
}
