// What the member's 法律援助 pages say about a request: the state's colour, money in yuan, deadlines.
import type { TicketState } from '../../../contracts/tickets.ts';
import { formatClock, formatCount } from '../../shared/format.ts';
import { when } from '../components/when.ts';

/** A state that is fine is not red (red reads as a refusal on this site); white on each at 7:1 or more (care mode's AAA). */
export const stateTagColors: Record<TicketState, string> = {
  pending: '#0a4a9e',
  in_progress: '#6b3500',
  paused: 'default',
  closed: 'success',
};

/** 8,600.00 元 from fen (whole yuan without decimals). */
export function yuanOf(fen: number): string {
  const yuan = fen / 100;
  return `${Number.isInteger(yuan) ? formatCount(yuan) : formatCount(Math.trunc(yuan)) + (yuan % 1).toFixed(2).slice(1)} 元`;
}

/** 2.4 MB, 350 KB */
export function sizeOf(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** The 1–5 rating in words, best first. */
export const ratingOptions = [
  { value: 5, label: '非常满意' },
  { value: 4, label: '满意' },
  { value: 3, label: '基本满意' },
  { value: 2, label: '不满意' },
  { value: 1, label: '很不满意' },
] as const;

export const ratingLabel = (n: number) => ratingOptions.find((o) => o.value === n)?.label ?? `${n} 分`;

/**
 * A deadline as a worker reads it: one that falls at Beijing midnight ends the day before, so it is
 * shown as that day's 23:59 (12月14日（周一）23:59), not as 00:00 of a day that is already too late.
 */
export function deadlineText(iso: string): string {
  return formatClock(iso) === '00:00' ? when(new Date(new Date(iso).getTime() - 60_000).toISOString()) : when(iso);
}
