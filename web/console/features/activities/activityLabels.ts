// Labels, colours and the small derived facts the activity pages share.
import dayjs from 'dayjs';
import type { ActivitySummary, SignupStatus } from '../../../../contracts/activities.ts';

export const signupStatusColors: Record<SignupStatus, string> = {
  confirmed: 'green',
  waitlisted: 'orange',
  entered: 'blue',
  cancelled: 'default',
};

export type Phase = 'cancelled' | 'upcoming' | 'open' | 'closed' | 'running' | 'ended';

export const phaseLabels: Record<Phase, string> = {
  cancelled: '已取消',
  upcoming: '未开始报名',
  open: '报名中',
  closed: '报名已截止',
  running: '进行中',
  ended: '已结束',
};
export const phaseColors: Record<Phase, string> = {
  cancelled: 'default',
  upcoming: 'purple',
  open: 'green',
  closed: 'orange',
  running: 'blue',
  ended: 'default',
};

/** Where an activity stands now, from its window and times (the server keeps only published/cancelled). */
export function phaseOf(a: Pick<ActivitySummary, 'status' | 'signupOpensAt' | 'signupClosesAt' | 'startsAt'> & { endsAt?: string | null }, now = Date.now()): Phase {
  if (a.status === 'cancelled') return 'cancelled';
  if (now < Date.parse(a.signupOpensAt)) return 'upcoming';
  if (now < Date.parse(a.signupClosesAt)) return 'open';
  if (now < Date.parse(a.startsAt)) return 'closed';
  const end = a.endsAt ? Date.parse(a.endsAt) : dayjs(a.startsAt).endOf('day').valueOf();
  return now < end ? 'running' : 'ended';
}

/** 2025-07-01T02:00:00Z → 7月1日 10:00 (the year only when it is not this year). */
export function formatWhen(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  return d.format(d.year() === dayjs().year() ? 'M月D日 HH:mm' : 'YYYY年M月D日 HH:mm');
}

/** A window as 7月1日 09:00 至 7月5日 18:00. */
export function formatSpan(from: string, to: string | null | undefined): string {
  return to ? `${formatWhen(from)} 至 ${formatWhen(to)}` : formatWhen(from);
}
