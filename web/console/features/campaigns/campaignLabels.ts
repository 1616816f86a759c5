// Labels, colours and amounts the console's campaign pages share.
import type { ApplicationStatus, BudgetUnit, CampaignPhase } from '../../../../contracts/campaigns.ts';
import { formatCount } from '../../../shared/format.ts';

export const phaseColors: Record<CampaignPhase, string> = {
  upcoming: 'purple',
  open: 'green',
  reviewing: 'blue',
  notice: 'gold',
  finished: 'default',
  cancelled: 'default',
};

export const statusColors: Record<ApplicationStatus, string> = {
  in_review: 'blue',
  returned: 'orange',
  rejected: 'red',
  approved: 'cyan',
  not_drawn: 'default',
  in_notice: 'gold',
  awarded: 'green',
  disqualified: 'red',
  withdrawn: 'default',
  cancelled: 'default',
};

/** An amount in the campaign's budget unit as people say it: 2,000 元 (fen ÷ 100), 500 积分, 3 件. */
export function formatAmount(amount: number, unit: BudgetUnit): string {
  if (unit === 'yuan') {
    const yuan = amount / 100;
    return `${Number.isInteger(yuan) ? formatCount(yuan) : yuan.toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`;
  }
  return `${formatCount(amount)} ${unit === 'points' ? '积分' : '件'}`;
}

/** The unit's word after an input: 元, 积分, 件. */
export const unitSuffix: Record<BudgetUnit, string> = { yuan: '元', points: '积分', goods: '件' };

/** The form's number (元 may have fen) to the API's integer in the budget unit. */
export function toApiAmount(n: number, unit: BudgetUnit): number {
  return unit === 'yuan' ? Math.round(n * 100) : Math.round(n);
}
