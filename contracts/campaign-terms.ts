// Aid campaigns: the kinds, units, channels, statuses and phases, with their Chinese labels. Shared by
// contracts/campaigns.ts (which re-exports them) and contracts/campaign-notice.ts.
import { memberGroupLabels, memberGroups } from './members.ts';

export const campaignKinds = ['warmth', 'tuition', 'cooling', 'degree', 'other'] as const;
export type CampaignKind = (typeof campaignKinds)[number];
export const campaignKindLabels: Record<CampaignKind, string> = {
  warmth: '送温暖',
  tuition: '金秋助学',
  cooling: '夏送清凉',
  degree: '求学圆梦',
  other: '其他帮扶',
};

export const budgetUnits = ['yuan', 'points', 'goods'] as const;
export type BudgetUnit = (typeof budgetUnits)[number];
export const budgetUnitLabels: Record<BudgetUnit, string> = { yuan: '元', points: '积分', goods: '件（物资）' };

export const payoutChannels = ['points', 'bank', 'goods'] as const;
export type PayoutChannel = (typeof payoutChannels)[number];
export const payoutChannelLabels: Record<PayoutChannel, string> = { points: '积分到账', bank: '银行转账', goods: '物资发放（本人签收）' };
/** The channel a budget unit is paid by: points ↔ points, goods ↔ goods, yuan → bank. */
export const channelOfUnit: Record<BudgetUnit, PayoutChannel> = { yuan: 'bank', points: 'points', goods: 'goods' };

export const campaignTargetGroups = memberGroups;
export const campaignTargetGroupLabels = memberGroupLabels;

export const applicationStatuses = [
  'in_review',
  'returned',
  'rejected',
  'approved',
  'not_drawn',
  'in_notice',
  'awarded',
  'disqualified',
  'withdrawn',
  'cancelled',
] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  in_review: '审核中',
  returned: '已退回，待补充材料',
  rejected: '未通过',
  approved: '审核通过',
  not_drawn: '未抽中',
  in_notice: '公示中',
  awarded: '已确定资助',
  disqualified: '公示有异议，已取消资格',
  withdrawn: '已撤回',
  cancelled: '活动已取消',
};

export const reviewDecisions = ['approve', 'return', 'reject'] as const;
export type ReviewDecision = (typeof reviewDecisions)[number];
export const reviewDecisionLabels: Record<ReviewDecision | 'resubmit', string> = {
  approve: '通过',
  return: '退回补充',
  reject: '不通过',
  resubmit: '重新提交',
};

export const objectionStatuses = ['open', 'upheld', 'dismissed'] as const;
export type ObjectionStatus = (typeof objectionStatuses)[number];
export const objectionStatusLabels: Record<ObjectionStatus, string> = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' };

/** Why a member may not apply (the list shows it; an application refused for it is 409 campaign_not_eligible). */
export const campaignIneligibleReasons = {
  not_active_member: '会员状态不正常（暂停、转接中等），暂不能申请',
  outside_reach: '您所在的工会不在本次活动的范围内',
  too_young: '年龄低于申请条件',
  too_old: '年龄超过申请条件',
  membership_too_short: '入会时间未达到申请条件',
  not_target_group: '不属于本次活动面向的群体',
} as const;
export type CampaignIneligibleReason = keyof typeof campaignIneligibleReasons;

/** The member list's state of a campaign for me: may apply now, or why not. */
export const campaignAvailabilityStates = {
  open: '可申请',
  applied: '已申请',
  not_open_yet: '申请尚未开始',
  closed: '申请已截止',
  cancelled: '活动已取消',
  ...campaignIneligibleReasons,
} as const;
export type CampaignAvailabilityState = keyof typeof campaignAvailabilityStates;

/** The phase of a campaign, derived from its dates and its applications. */
export const campaignPhases = ['upcoming', 'open', 'reviewing', 'notice', 'finished', 'cancelled'] as const;
export type CampaignPhase = (typeof campaignPhases)[number];
export const campaignPhaseLabels: Record<CampaignPhase, string> = {
  upcoming: '未开始',
  open: '申请中',
  reviewing: '审核中',
  notice: '公示中',
  finished: '已结束',
  cancelled: '已取消',
};
