// The fields of a record as its form calls them, and an edit's changes said field by field
// (名额：100 → 120；标题改为 …), for the audit sentences (audit-sentences.ts).
import { valueText, type Fmt } from './audit-sentences-words.ts';

/** A field of a record, as its form calls it (the fields an edit changed). */
export const auditFieldLabels: Record<string, string> = {
  title: '标题',
  name: '名称',
  shortName: '简称',
  kind: '类型',
  level: '层级',
  places: '名额',
  waitlistPlaces: '候补名额',
  allocation: '名额分配方式',
  signupOpensAt: '报名开始时间',
  signupClosesAt: '报名截止时间',
  batches: '分批报名',
  startsAt: '活动开始时间',
  endsAt: '活动结束时间',
  cancelDeadline: '取消报名截止时间',
  location: '活动地点',
  lat: '纬度',
  lng: '经度',
  targetGroups: '面向群体',
  childMinAge: '子女最小年龄',
  childMaxAge: '子女最大年龄',
  minAge: '最小年龄',
  maxAge: '最大年龄',
  minMembershipMonths: '入会月数要求',
  sameKindGapMonths: '同类活动间隔',
  perMemberLimit: '每人名额',
  description: '活动介绍',
  applyOpensAt: '申请开始时间',
  applyClosesAt: '申请截止时间',
  quota: '资助名额',
  budgetTotal: '预算总额',
  budgetUnit: '预算单位',
  awardAmount: '资助标准',
  payoutChannel: '发放方式',
  secondApprovalAbove: '双人复核起点',
  lottery: '超额抽签',
  noticeDays: '公示天数',
  levels: '审核层级',
  documents: '申请材料',
  eligibility: '申请条件',
  displayName: '姓名',
  roles: '角色',
  isActive: '账号启用',
  creditCode: '统一社会信用代码',
  regionCode: '行政区划',
  industry: '行业',
  federationType: '工联会类型',
  foundedOn: '成立日期',
  chairName: '工会主席',
  contactPhone: '联系电话',
  address: '地址',
  householdSize: '家庭人口',
  incomeBand: '家庭人均月收入',
  causes: '致困原因',
  household: '家庭成员',
  planMeasures: '帮扶措施',
  notes: '备注',
  position: '位置',
  hours: '开放时间',
  services: '服务项目',
  intro: '简介',
  keeperName: '站长',
  keeperPhone: '站长电话',
  bookable: '可预约',
  townId: '所在镇街',
  orgId: '运营工会',
};

/** The fields an edit changed: 名额：100 → 120；标题改为 …. */
export function changesText(changes: unknown, fmt: Fmt): string | null {
  if (!changes || typeof changes !== 'object') return null;
  const parts = Object.entries(changes as Record<string, unknown>).map(([field, c]) => {
    const label = auditFieldLabels[field] ?? '其他信息';
    if (c && typeof c === 'object' && !Array.isArray(c) && 'to' in c) {
      const { from, to } = c as { from?: unknown; to: unknown };
      return `${label}：${valueText(from, fmt)} → ${valueText(to, fmt)}`;
    }
    return `${label}改为 ${valueText(c, fmt)}`;
  });
  return parts.length ? parts.join('；') : null;
}
