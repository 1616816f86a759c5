// Labels, colours and the small derived facts the activity pages share.
import { endOfBeijingDay } from '../../../shared/format.ts';
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
  const end = a.endsAt ? Date.parse(a.endsAt) : endOfBeijingDay(a.startsAt);
  return now < end ? 'running' : 'ended';
}
