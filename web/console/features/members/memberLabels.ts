// How membership records read in the console: status colours, history events, routing rules.
import type { MemberStatus } from '../../../../contracts/members.ts';

export { memberGroupLabels, memberStatusLabels } from '../../../../contracts/members.ts';

export const memberStatusColors: Record<MemberStatus, string> = {
  active: 'success',
  transferring: 'processing',
  suspended: 'warning',
  left: 'default',
  deceased: 'default',
};

export const applicationStatusLabels: Record<string, string> = { pending: '待审核', approved: '已通过', rejected: '已驳回' };
export const applicationStatusColors: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red' };

export const transferStatusLabels: Record<string, string> = { pending: '待接收', accepted: '已转入', rejected: '已拒绝', cancelled: '已撤回' };
export const transferStatusColors: Record<string, string> = { pending: 'gold', accepted: 'green', rejected: 'red', cancelled: 'default' };

/** member_event.kind → what happened. */
export const eventKindLabels: Record<string, string> = {
  joined: '入会',
  rejoined: '重新入会',
  status: '状态变更',
  transfer_requested: '申请转接',
  transferred: '转接完成',
  transfer_rejected: '转接被拒绝',
  transfer_cancelled: '转接撤回',
  card_issued: '发放会员证',
  card_revoked: '会员证停用',
  updated: '信息更新',
  phone_changed: '更换手机号',
};

export const actorKindLabels: Record<string, string> = { staff: '工作人员', member: '会员本人', system: '系统' };

/** How an application was routed (routing.service.ts RouteRule). */
export const routeRuleLabels: Record<string, string> = {
  employer_union: '单位已建会',
  employer_town: '单位未建会 → 镇街工联会',
  new_employer_town: '新登记单位 → 镇街工联会',
  gig_industry: '新业态 → 行业工联会',
  gig_town: '新业态 → 镇街工联会',
  uncovered_area: '所在地未开通镇街 → 区县（市）总工会受理',
};

export const channelLabels: Record<string, string> = { self: '本人线上申请', roster: '名册导入', event: '现场登记', staff: '工作人员代办' };
