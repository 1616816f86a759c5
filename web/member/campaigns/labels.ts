// What the member pages say about a campaign: amounts in its unit, state colours, who it is for.
import { campaignTargetGroupLabels, type ApplicationStatus, type BudgetUnit, type CampaignDetail } from '../../../contracts/campaigns.ts';
import { formatCount } from '../../shared/format.ts';
import { ageAndMembership } from '../components/conditions.ts';

/** 2,000 元 (fen ÷ 100), 500 积分, 1 件 */
export function amountText(amount: number, unit: BudgetUnit): string {
  if (unit === 'yuan') {
    const yuan = amount / 100;
    return `${Number.isInteger(yuan) ? formatCount(yuan) : yuan.toFixed(2)} 元`;
  }
  return `${formatCount(amount)} ${unit === 'points' ? '积分' : '件'}`;
}

/** A state that is fine is not red (red reads as a refusal on this site). */
export const applicationTagColors: Record<ApplicationStatus, string> = {
  in_review: '#1f5fbf',
  returned: 'warning',
  rejected: 'default',
  approved: 'success',
  not_drawn: 'default',
  in_notice: '#d48806',
  awarded: 'success',
  disqualified: 'default',
  withdrawn: 'default',
  cancelled: 'default',
};

export function audienceOf(c: Pick<CampaignDetail, 'targetGroups'>): string {
  if (!c.targetGroups.length) return '全体会员';
  return c.targetGroups.map((g) => campaignTargetGroupLabels[g]).join('、');
}

export function conditionsOf(c: CampaignDetail): string[] {
  return ageAndMembership(c);
}
