// Number and date formats used on every screen.
import dayjs from 'dayjs';

/** 1066 → "1,066" (the zh-CN grouping). */
export function formatCount(n: number): string {
  return n.toLocaleString('zh-CN');
}

/** An ISO date (YYYY-MM-DD) as 1958年2月19日; a dash when missing. */
export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY年M月D日') : '—';
}

/** An ISO instant in local time, to the second. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';
}
