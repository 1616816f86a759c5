// What the member pages say about an activity: the state tag, the rules in plain words (times: components/when.ts).
import { ageAndMembership } from '../components/conditions.ts';
import { targetGroupLabels, type ActivityDetail, type AvailabilityState, type SignupStatus } from '../../../contracts/activities.ts';

/** Not the site's red for a state that is fine (a lottery entry): red reads as a refusal. */
export const signupTagColors: Record<SignupStatus, string> = {
  confirmed: 'success',
  waitlisted: 'warning',
  entered: '#1f5fbf',
  cancelled: 'default',
};

/** The colour of an availability: open green, signed up blue, anything else grey. */
export function availabilityColor(state: AvailabilityState | undefined): 'success' | 'primary' | 'default' {
  if (state === 'open') return 'success';
  if (state === 'signed_up') return 'primary';
  return 'default';
}

/** Who may sign up, in words: 全体会员, or the groups (新就业形态会员、女职工会员 …). */
export function audienceOf(a: Pick<ActivityDetail, 'targetGroups'>): string {
  if (!a.targetGroups.length) return '全体会员';
  return a.targetGroups.map((g) => (g === 'parents' ? targetGroupLabels[g] : `${targetGroupLabels[g]}会员`)).join('、');
}

export function rulesOf(a: ActivityDetail): string[] {
  const out = ageAndMembership(a);
  if (a.sameKindGapMonths !== null) out.push(`${a.sameKindGapMonths} 个月内未参加过同类活动`);
  if (a.childMinAge !== null || a.childMaxAge !== null) out.push(`子女 ${a.childMinAge ?? 0}–${a.childMaxAge ?? 18} 周岁`);
  if (a.perMemberLimit > 1) out.push(`每人最多报 ${a.perMemberLimit} 个名额（含家属）`);
  return out;
}
