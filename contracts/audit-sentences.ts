// The audit log as sentences: "黄主席（huazhou）于 2026-12-06 10:00 修改了普惠活动「冬至包饺子」的名额：100 → 120".
// Every action the server writes has a sentence and every detail it records has words
// (server/modules/audit/audit-labels.test.ts reads the server's sources to check both).
import { z } from 'zod';
import type { auditEntry } from './audit.ts';
import { auditTargetLabels } from './audit.ts';
import { activityKindLabels, allocationLabels } from './activities.ts';
import { applicationStatusLabels, budgetUnitLabels, campaignKindLabels, objectionStatusLabels } from './campaign-terms.ts';
import { factKindLabels } from './enterprise-facts-common.ts';
import { driveFieldLabels, driveStepLabels } from './drives.ts';
import { hardshipCauseLabels, hardshipStatusLabels } from './hardship.ts';
import { memberGroupLabels, memberStatusLabels } from './members.ts';
import { orgKindLabels, orgLevelLabels } from './orgs.ts';
import { payoutStateLabels } from './payouts.ts';
import { placeKindLabels } from './places.ts';
import { pointOperationLabels } from './points.ts';
import { liveBusyLabels, liveStateLabels, placeProblemKindLabels } from './place-status.ts';

type AuditEntry = z.infer<typeof auditEntry>;

/**
 * What each action did; `{target}` is the record it did it to, named (「冬至包饺子」) or numbered, and
 * `{key}` a value of the detail (said here, so not again after the sentence).
 */
export const auditActionSentences: Record<string, string> = {
  login: '登录了管理后台',
  logout: '退出了登录',
  member_login: '用短信验证码登录了会员服务',
  'sms_code.send': '获取了登录验证码',
  'org.found': '新建了工会组织{target}',
  'org.update': '修改了工会组织{target}',
  'org.move': '调整了工会组织{target}的隶属关系',
  'org.close': '撤销了工会组织{target}',
  'staff.create': '新建了工作人员账号{target}',
  'staff.update': '修改了工作人员账号{target}',
  'staff.reset_password': '重置了工作人员账号{target}的密码',
  'staff.change_password': '修改了本人的登录密码',
  'member.apply': '提交了入会申请{target}',
  'member.approve': '通过了入会申请{target}',
  'member.reject': '驳回了入会申请{target}',
  'member.reveal': '查看了会员{target}的完整身份证号和手机号',
  'member.status': '变更了会员{target}的会籍状态',
  'member.export': '导出了会员名册',
  'member.import': '完成了名册导入{target}',
  'member.transfer_request': '发起了会员关系转接{target}',
  'member.transfer_accept': '接收了会员关系转接{target}',
  'member.transfer_reject': '拒绝了会员关系转接{target}',
  'member.phone_change': '将会员{target}的会籍转到新手机号',
  'roster.upload': '上传了会员名册{target}',
  'roster.errors_download': '下载了名册导入{target}的错误行',
  'card.verify': '验证了电子会员证',
  'card.bank_link': '关联了联名银行卡',
  'card.keys_rotate': '轮换了会员证签名密钥',
  'activity.publish': '发布了普惠活动{target}',
  'activity.update': '修改了普惠活动{target}',
  'activity.cover': '上传了普惠活动{target}的封面',
  'activity.cancel': '取消了普惠活动{target}',
  'activity.draw': '为普惠活动{target}抽签',
  'activity.checkin': '为活动报名{target}办理了签到',
  'activity.stats_export': '导出了活动数据',
  'points.issue': '向 {members} 名会员每人发放了 {amount} 积分{target}',
  'points.expire': '将 {issuedBefore} 以前发放、未使用的积分过期清零{target}',
  'points.reverse': '撤销了积分操作 {reverses}',
  'points.operations_export': '导出了积分流水',
  'campaign.publish': '发布了帮扶活动{target}',
  'campaign.update': '修改了帮扶活动{target}',
  'campaign.cancel': '取消了帮扶活动{target}',
  'campaign.apply': '提交了帮扶申请{target}',
  'campaign.apply_on_behalf': '代会员提交了帮扶申请{target}',
  'campaign.resubmit': '重新提交了帮扶申请{target}',
  'campaign.withdraw': '撤回了帮扶申请{target}',
  'campaign.document_read': '查看了帮扶申请{target}的材料',
  'campaign.review_approve': '审核通过了帮扶申请{target}',
  'campaign.review_return': '退回了帮扶申请{target}，要求补充',
  'campaign.review_reject': '审核不通过帮扶申请{target}',
  'campaign.draw': '为帮扶活动{target}抽签',
  'campaign.notice': '发布了帮扶活动{target}的公示',
  'campaign.objection': '对公示提出了异议{target}',
  'campaign.objection_upheld': '认定公示异议{target}成立',
  'campaign.objection_dismissed': '认定公示异议{target}不成立',
  'campaign.award': '确认了帮扶活动{target}公示期满的受助名单',
  'campaign.applications_export': '导出了帮扶活动{target}的申请',
  'payout.run': '为帮扶活动{target}生成了发放',
  'payout.approve': '复核了帮扶活动{target}的发放',
  'payout.confirm': '确认领取了发放{target}',
  'payout.retry': '重新发放{target}',
  'payout.result': '登记了发放{target}的结果',
  'payout.payment_file': '生成了付款文件{target}',
  'payout.payment_file_download': '下载了付款文件{target}',
  'payout.payment_return': '导入了付款文件{target}的银行回单',
  'payout.bank_account_set': '登记了会员{target}的银行账户',
  'payout.bank_account_reveal': '查看了会员{target}的完整银行账号',
  'hardship.create': '建立了困难职工档案{target}',
  'hardship.update': '修改了困难职工档案{target}',
  'hardship.details_read': '查看了困难职工档案{target}的详情',
  'hardship.status': '变更了困难职工档案{target}的帮扶状态',
  'hardship.visit': '登记了困难职工档案{target}的走访',
  'hardship.aid': '登记了困难职工档案{target}的帮扶',
  'hardship.target': '设定了解困脱困目标',
  'hardship.export': '导出了困难职工档案',
  'legal.lawyer_create': '登记了法律援助律师{target}',
  'legal.lawyer_update': '修改了法律援助律师{target}',
  'legal.lawyer_reveal': '查看了法律援助律师{target}的完整手机号',
  'legal.supervisor_create': '登记了劳动法律监督员{target}',
  'legal.supervisor_update': '修改了劳动法律监督员{target}',
  'place.create': '登记了阵地{target}',
  'place.update': '修改了阵地{target}',
  'place.close': '停用了阵地{target}',
  'place.reopen': '恢复了阵地{target}',
  'place.keeper_reveal': '查看了阵地{target}的站长完整电话',
  'place.exception_set': '设置了阵地{target}某一天的开放时间',
  'place.exception_remove': '取消了阵地{target}某一天的例外开放时间',
  'place.merge': '把重复的阵地{target}并入另一个阵地',
  'place.photo_add': '上传了阵地{target}的照片',
  'place.photo_remove': '删除了阵地{target}的一张照片',
  'place.import': '从 Excel 导入了阵地',
  'place.figures_export': '导出了阵地数据',
  'place.unmerge': '撤销了阵地{target}的合并，把它移回名册',
  'enterprise.create': '登记了单位{target}',
  'enterprise.fact': '记录了{target}的档案事项',
  'enterprise.merge': '把重复的单位{target}并入另一单位',
  'enterprise.import': '从 Excel 导入了单位',
  'enterprise.export': '导出了单位档案',
  'enterprise.move_parked': '把挂靠在镇街的会员整体转入单位{target}的工会',
  'evidence.upload': '上传了证明材料{target}',
  'evidence.download': '查看了证明材料{target}',
  'drive.create': '新建了建会行动{target}',
  'drive.update': '修改了建会行动{target}',
  'drive.target_add': '把建会对象加入行动{target}',
  'drive.step': '记录了建会对象{target}的建会步骤',
  'drive.contact_reveal': '查看了建会对象{target}联系人的完整信息',
  'drive.target_drop': '把建会对象{target}移出了行动',
  'drive.target_link': '为建会对象{target}关联了已有工会',
  'indicator_set.create': '新建了指标体系{target}',
  'indicator_set.update': '修改了指标体系{target}',
  'indicator_set.adapt': '改编上级的指标体系，新建了{target}',
  'indicator_set.publish': '发布了指标体系{target}',
  'assessment.submit': '提交了自评{target}',
  'assessment.review': '审核了自评{target}',
  'model_home.designate': '把{target}评定为模范职工之家',
  'official_figure.update': '登记了{target}的官方统计数',
  'dashboard.export': '导出了一屏总览的统计报表',
  'founding_request.create': '提出了所在单位建会的意愿（{target}）',
  'childcare.programme_create': '新建了托管项目{target}',
  'childcare.programme_update': '修改了托管项目{target}',
  'childcare.programme_publish': '发布了托管项目{target}',
  'childcare.programme_close': '结束了托管项目{target}',
  'childcare.programme_allocate': '为托管项目{target}完成了录取（抽签）',
  'childcare.enrol': '为子女报名了托管（{target}）',
  'childcare.cancel': '取消了托管报名{target}',
  'childcare.reveal': '查看了托管报名{target}中儿童的完整信息',
  'childcare.attendance': '为托管场次{target}点名',
  'childcare.pickup': '登记了托管场次{target}的接送人',
  'childcare.roster_export': '下载了托管场次{target}的点名册',
  'childcare.waitlist_drop': '托管项目{target}结束，仍在候补的报名改为未中签并通知了家庭',
  'childcare.purge': '按约定删除了托管项目{target}的儿童信息',
  'supervision.case_create': '新建了劳动法律监督案件{target}',
  'supervision.case_update': '修改了劳动法律监督案件{target}的事实',
  'supervision.tickets_add': '为劳动法律监督案件{target}关联了维权工单',
  'supervision.letter_issue': '在劳动法律监督案件{target}中发出了文书',
  'supervision.letter_deliver': '记录了劳动法律监督案件{target}的文书送达',
  'supervision.letter_reply': '记录了劳动法律监督案件{target}的用人单位答复',
  'supervision.case_escalate': '将劳动法律监督案件{target}提级到上一级工会',
  'supervision.case_close': '为劳动法律监督案件{target}结案',
  'supervision.rule_set': '设置了{target}的劳动法律监督答复期限',
  'place_slot.create': '在{target}发布了预约时段',
  'place_slot.update': '修改了预约时段{target}的可预约人数',
  'place_slot.cancel': '取消了预约时段{target}',
  'place_booking.rule': '设置了{target}的预约规则',
  'place_booking.book': '预约了场所时段（{target}）',
  'place_booking.cancel': '取消了自己的预约（{target}）',
  'place_booking.approve': '同意了预约{target}',
  'place_booking.reject': '不同意预约{target}',
  'place_booking.checkin': '为预约{target}扫会员证签到',
  'ticket.create': '登记了维权工单{target}',
  'ticket.accept': '受理了维权工单{target}',
  'ticket.assign': '转办了维权工单{target}',
  'ticket.return': '退回了维权工单{target}',
  'ticket.pause': '挂起了维权工单{target}',
  'ticket.resume': '恢复办理维权工单{target}',
  'ticket.extension_request': '申请了维权工单{target}的延期',
  'ticket.extension_decide': '审批了维权工单{target}的延期',
  'ticket.close': '办结了维权工单{target}',
  'ticket.rate': '评价了维权工单{target}',
  'ticket.reopen': '因不满意重新办理维权工单{target}',
  'ticket.remind': '提醒了维权工单{target}即将到期',
  'ticket.escalate': '将超期的维权工单{target}上报上级工会',
  'ticket.attachment_upload': '为维权工单{target}上传了材料',
  'ticket.attachment_download': '查看了维权工单{target}的材料',
  'ticket.reveal': '查看了维权工单{target}来电人的完整信息',
  'ticket.time_limit_set': '设定了工单办理时限',
  'ticket.integration_create': '开通了工单对接账号{target}',
  'ticket.integration_revoke': '停用了工单对接账号{target}',
  'ticket.callback': '回访了维权工单{target}的来电人',
  'ticket.quality_pass': '质检通过了维权工单{target}',
  'ticket.quality_return': '质检退回了维权工单{target}，由办结工会重新办理',
  'ticket.figures_export': '导出了维权统计',
  'ticket.lawyer_assign': '为维权工单{target}指派了法律援助律师',
  'ticket.lawyer_end': '结束了律师对维权工单{target}的代理',
  'ticket.lawyer_view': '以代理律师身份查看了维权工单{target}及当事人联系方式',
  'ticket.lawyer_entry': '以代理律师身份记录了维权工单{target}的办案情况',
  'ticket.lawyer_outcome': '以代理律师身份记录了维权工单{target}的办案结果',
  'calendar.day_set': '设定了工作日历的节假日或调休日{target}',
  'calendar.day_removed': '删除了工作日历的节假日或调休日{target}',
  'place.live_set': '标记了阵地{target}的开放状态',
  'place.problem_report': '报告了阵地问题{target}',
  'place.problem_photo_view': '查看了阵地问题{target}的照片',
  'place.problem_resolve': '处理了阵地问题{target}',
  'place.visit_card': '在阵地{target}刷会员证登记了到访',
  'place.problem_reporter_reveal': '查看了阵地问题{target}报告人的完整手机号',
  'place.problem_remind': '提醒运营工会阵地问题{target}已超过处理期限',
  'place.problem_escalate': '把超期未处理的阵地问题{target}提请上一级工会督办',
};

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

const roleLabels: Record<string, string> = { admin: '管理员', reviewer: '审核员', clerk: '经办人', viewer: '查看' };
const loginReasons: Record<string, string> = {
  wrong_password: '密码错误',
  unknown_user: '用户名不存在',
  locked: '账号已锁定',
  inactive: '账号已停用',
  no_code: '没有有效的验证码',
  wrong_code: '验证码错误',
};
const routeRules: Record<string, string> = {
  employer_union: '单位已建会',
  employer_town: '单位未建会，转镇街工联会',
  new_employer_town: '新登记单位，转镇街工联会',
  gig_industry: '新业态，转行业工联会',
  gig_town: '新业态，转镇街工联会',
};

/** Codes a detail may hold, in words (statuses, kinds, levels …). */
const valueLabels: Record<string, string> = {
  ...memberStatusLabels,
  ...hardshipStatusLabels,
  ...applicationStatusLabels,
  ...objectionStatusLabels,
  ...payoutStateLabels,
  all: '全部',
  valid: '有效',
  revoked: '已注销',
  self: '本人申请',
  succeeded: '成功',
  failed: '失败',
};

type Fmt = (iso: string) => string;
type Part = (v: unknown, d: Record<string, unknown>, fmt: Fmt) => string | null;

const isInstant = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(v);
const count = (v: unknown) => (Array.isArray(v) ? v.length : typeof v === 'number' ? v : null);
const n = (render: (x: number) => string): Part => (v) => {
  const x = count(v);
  return x === null ? null : render(x);
};
const words = (labels: Record<string, string>, prefix = ''): Part => (v) => (typeof v === 'string' ? `${prefix}${labels[v] ?? v}` : null);

/** A value in words: a time in the reader's (Beijing) clock, yes/no, lists joined, codes named. */
function valueText(v: unknown, fmt: Fmt): string {
  if (v === null || v === undefined || v === '') return '（空）';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (typeof v === 'number') return v.toLocaleString('zh-CN');
  if (isInstant(v)) return fmt(v);
  if (typeof v === 'string') return valueLabels[v] ?? roleLabels[v] ?? memberGroupLabels[v as keyof typeof memberGroupLabels] ?? v;
  if (Array.isArray(v)) return v.every((x) => typeof x !== 'object') ? v.map((x) => valueText(x, fmt)).join('、') || '（空）' : `${v.length} 项`;
  return '（已修改）';
}

/** The fields an edit changed: 名额：100 → 120；标题改为 …. */
function changesText(changes: unknown, fmt: Fmt): string | null {
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

/**
 * The words for each key a detail may hold (null: kept in the record, not worth a reader's time —
 * internal ids, nonces, hashes, or the name already said as the target).
 */
const officialLabels: Record<string, string> = { unions: '工会组织数', members: '会员数', gigMembers: '新业态劳动者会员数', modelHomes: '模范职工之家' };
/** 会员数：空 → 22,147,000 — the official figures' old and new values, as recorded. */
function officialChanges(before: unknown, after: unknown): string | null {
  if (!after || typeof after !== 'object') return null;
  const old = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const shown = (x: unknown) => (typeof x === 'number' ? x.toLocaleString('zh-CN') : '空');
  const parts = Object.entries(after as Record<string, unknown>).map(([k, v]) => `${officialLabels[k] ?? k}：${shown(old[k])} → ${shown(v)}`);
  return parts.length ? parts.join('，') : null;
}

export const auditDetailParts: Record<string, Part | null> = {
  changes: null, // said after the target: 「…」的名额：100 → 120
  fields: (v) => (Array.isArray(v) && v.length ? `修改了${v.map((f) => auditFieldLabels[String(f)] ?? '其他信息').join('、')}` : null),
  before: null,
  title: null,
  name: null,
  reason: (v) => (typeof v === 'string' ? (loginReasons[v] ?? `原因：${v}`) : null),
  locked: (v) => (v === true ? '已触发账号锁定' : null),
  tries: n((x) => `已错 ${x} 次`),
  failures: n((x) => `24 小时内第 ${x} 次核验未通过`),
  endedSessions: n((x) => (x > 0 ? `原手机号的 ${x} 个登录已失效` : '')),
  username: (v, d) => (typeof v === 'string' && !d.roles ? `尝试的用户名 ${v}` : null),
  roles: (v) => (Array.isArray(v) ? `角色：${v.map((r) => roleLabels[String(r)] ?? r).join('、')}` : null),
  displayName: (v) => (typeof v === 'string' ? `姓名改为 ${v}` : null),
  isActive: (v) => (typeof v === 'boolean' ? (v ? '启用账号' : '停用账号') : null),
  phone: (v) => (typeof v === 'string' ? `手机号 ${v}` : null),
  rows: n((x) => `共 ${x.toLocaleString('zh-CN')} 行`),
  imported: n((x) => `新增 ${x} 人`),
  rejoined: n((x) => `重新入会 ${x} 人`),
  skipped: n((x) => `跳过 ${x} 人`),
  errorRows: n((x) => `错误 ${x} 行`),
  error: (v) => (typeof v === 'string' ? `未完成：${v}` : null),
  fileName: (v) => (typeof v === 'string' ? `文件「${v}」` : null),
  fileSize: n((x) => `${Math.max(1, Math.round(x / 1024)).toLocaleString('zh-CN')} KB`),
  bytes: n((x) => `${Math.max(1, Math.round(x / 1024)).toLocaleString('zh-CN')} KB`),
  type: null,
  orgName: (v) => (typeof v === 'string' ? `范围：${v}` : null),
  status: (v) => (typeof v === 'string' ? `状态：${valueLabels[v] ?? v}` : null),
  group: words(memberGroupLabels, '群体：'),
  parentId: null,
  level: (v) => (typeof v === 'number' ? `第 ${v} 级审核` : typeof v === 'string' ? `层级：${orgLevelLabels[v as keyof typeof orgLevelLabels] ?? v}` : null),
  kind: (v) =>
    typeof v === 'string'
      ? `类型：${orgKindLabels[v as keyof typeof orgKindLabels] ?? campaignKindLabels[v as keyof typeof campaignKindLabels] ?? activityKindLabels[v as keyof typeof activityKindLabels] ?? pointOperationLabels[v as keyof typeof pointOperationLabels] ?? placeKindLabels[v as keyof typeof placeKindLabels] ?? v}`
      : null,
  fromParentId: null,
  toParentId: null,
  orgsMoved: n((x) => `连同下级共 ${x} 个组织`),
  memberNo: (v) => (typeof v === 'string' ? `会员号 ${v}` : null),
  result: (v) => (typeof v === 'string' ? `结果：${valueLabels[v] ?? v}` : null),
  nonce: null,
  retired: n((x) => `停用旧密钥 ${x} 个`),
  bankName: (v) => (typeof v === 'string' ? v : null),
  bankCardMasked: (v) => (typeof v === 'string' ? `卡号 ${v}` : null),
  accountMasked: (v) => (typeof v === 'string' ? `账号 ${v}` : null),
  from: (v, d, fmt) => (d.to !== undefined ? `${valueText(v, fmt)} → ${valueText(d.to, fmt)}` : v ? `自 ${valueText(v, fmt)}` : null),
  to: (v, d, fmt) => (d.from === undefined && v ? `至 ${valueText(v, fmt)}` : null),
  total: n((x) => `共 ${x.toLocaleString('zh-CN')} 条`),
  amount: n((x) => `数额 ${x.toLocaleString('zh-CN')}`),
  members: n((x) => `${x.toLocaleString('zh-CN')} 名会员`),
  issuedBefore: (v) => (typeof v === 'string' ? `${v} 以前发放的` : null),
  reverses: (v) => (v == null ? null : `撤销的是积分操作 ${String(v)}`),
  activityId: null,
  batchNo: n((x) => `第 ${x} 批`),
  entries: n((x) => `${x} 人参加抽签`),
  winners: n((x) => `${x} 人中签`),
  places: n((x) => `名额 ${x}`),
  allocation: words(allocationLabels, ''),
  batches: n((x) => (x > 1 ? `分 ${x} 批报名` : '一次报名')),
  signups: n((x) => `${x} 个报名随之取消，已通知会员`),
  activities: n((x) => `${x} 个活动`),
  rule: words(routeRules, '分配：'),
  channel: words({ self: '本人线上申请', roster: '名册导入', event: '现场登记', staff: '工作人员代办' }),
  toOrgId: null,
  campaignId: null,
  lines: n((x) => `${x} 笔`),
  totalAmount: n((x) => `合计 ${x.toLocaleString('zh-CN')}`),
  sha256: null,
  confirmed: n((x) => `成功 ${x} 笔`),
  failed: n((x) => `失败 ${x} 笔`),
  returned: n((x) => `退回 ${x} 笔`),
  unchanged: n((x) => `未变 ${x} 笔`),
  runId: null,
  created: n((x) => `${x} 笔`),
  duplicatesWarned: n((x) => `提示了 ${x} 个可能重复的阵地`),
  day: (v) => (typeof v === 'string' ? `日期 ${v}` : null),
  intervals: n((x) => (x === 0 ? '当天闭馆' : `${x} 个开放时段`)),
  note: (v) => (typeof v === 'string' && v ? `说明：${v}` : null),
  photoId: null,
  into: (v) => (v == null ? null : `并入阵地 ${String(v)}`),
  intoName: (v) => (typeof v === 'string' ? `「${v}」` : null),
  moved: (v) => (v && typeof v === 'object' ? `转移 ${Object.values(v as Record<string, number>).reduce((a, b) => a + b, 0)} 条相关记录` : null),
  placesCreated: n((x) => `新增 ${x.toLocaleString('zh-CN')} 个阵地`),
  duplicateWarnings: n((x) => `其中 ${x} 个可能重复`),
  credited: n((x) => `已入账 ${x} 笔`),
  awaitingApproval: n((x) => `待复核 ${x} 笔`),
  payoutIds: n((x) => `${x} 笔`),
  outcome: (v) => (typeof v === 'string' ? `结果：${valueLabels[v] ?? v}` : null),
  reference: (v) => (typeof v === 'string' ? `凭证号 ${v}` : null),
  attempts: n((x) => `第 ${x} 次发放`),
  memberId: null,
  aidId: null,
  placeId: null,
  liveState: words(liveStateLabels, '标记为'),
  busy: words(liveBusyLabels, '人流：'),
  problemKind: words(placeProblemKindLabels, '问题：'),
  photo: (v) => (v === true ? '附照片' : null),
  amountFen: n((x) => `${(x / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} 元`),
  visitedOn: (v) => (typeof v === 'string' ? `走访日期 ${v}` : null),
  on: (v) => (typeof v === 'string' ? `日期 ${v}` : null),
  year: n((x) => `${x} 年`),
  exits: n((x) => `目标脱困 ${x} 户`),
  cause: words(hardshipCauseLabels, '致困原因：'),
  documents: n((x) => `材料 ${x} 份`),
  was: (v) => (typeof v === 'string' ? `撤回前：${valueLabels[v] ?? v}` : null),
  key: null,
  applications: n((x) => `${x} 份申请`),
  reserved: n((x) => `预留 ${x.toLocaleString('zh-CN')}`),
  applicationId: (v) => (v == null ? null : `针对申请 ${String(v)}`),
  quota: n((x) => `资助名额 ${x}`),
  budgetTotal: n((x) => `预算 ${x.toLocaleString('zh-CN')}`),
  budgetUnit: words(budgetUnitLabels, '单位：'),
  levels: n((x) => `${x} 级审核`),
  lottery: (v) => (v === true ? '超额时抽签' : null),
  drawn: (v) => (v === true ? '报名超过名额，公开抽签' : v === false ? '报名未超过名额，全部录取' : null),
  enrolled: n((x) => `录取 ${x} 人`),
  waitlisted: n((x) => `候补 ${x} 人`),
  notDrawn: n((x) => `${x} 人未中签`),
  children: n((x) => `涉及 ${x} 名儿童`),
  retentionDays: n((x) => `托管结束 ${x} 天后自动删除`),
  factId: null,
  factKind: words(factKindLabels, '事项：'),
  factKey: null,
  basedOnSetId: null,
  indicatorCode: null,
  decision: (v) => (v === 'approve' ? '通过' : v === 'reject' ? '退回' : null),
  score: (v) => (typeof v === 'number' ? `得分 ${v}` : null),
  correction: (v) => (v === true ? '更正了错误的记录' : null),
  firstFacts: n((x) => `同时记录 ${x} 项档案事项`),
  intoEnterprise: (v) => (v == null ? null : `并入单位 ${String(v)}`),
  enterprisesCreated: n((x) => `新增 ${x.toLocaleString('zh-CN')} 个单位`),
  evidenceId: null,
  evidenceOwnerKind: words({ fact: '档案事项', assessment: '自评', step: '建会步骤' }, '材料属于：'),
  evidenceOwnerId: null,
  inline: (v) => (v === true ? '在页面中查看' : null),
  driveId: null,
  driveGoals: n((x) => `目标 ${x} 项`),
  driveChanges: (v) => (Array.isArray(v) ? `修改了${v.map((k) => driveFieldLabels[String(k)] ?? String(k)).join('、')}` : null),
  drivePlatform: (v) => (typeof v === 'string' ? `平台群体：${v}` : null),
  driveStep: words(driveStepLabels, '步骤：'),
  driveStepId: null,
  driveLinkedOrgId: null,
  // the dashboard's report and the official figures (old → new)
  childUnions: n((x) => `含 ${x} 个直属下级工会`),
  figuresBefore: null,
  figuresAfter: (v, d) => officialChanges(d.figuresBefore, v),
  officialSource: (v) => (typeof v === 'string' ? `来源：${v}` : null),
  enterpriseId: null,
  mayContact: (v) => (v === true ? '同意工会联系本人' : v === false ? '暂不希望工会联系' : null),
};

/** The record an action concerns: 「its name」 when the detail says it, else its kind and number. */
function targetText(e: AuditEntry): string {
  const d = e.detail;
  const name = [d.title, d.name, (d.before as { name?: unknown } | undefined)?.name, e.targetType === 'staff' ? d.username : undefined].find((x): x is string => typeof x === 'string' && x !== '');
  if (name) return `「${name}」`;
  return e.targetId ? `（编号 ${e.targetId}）` : '';
}

/** Who did it: the person and the account (张三（huazhou）), 未登录用户, or 会员. */
export function auditActor(e: AuditEntry): string {
  if (e.actorDisplayName && e.actorName) return `${e.actorDisplayName}（${e.actorName}）`;
  if (e.actorName) return e.actorName;
  if (e.actorKind === 'anonymous') return '未登录用户';
  if (e.actorKind === 'member') return '会员';
  if (e.actorKind === 'system') return '系统';
  return '工作人员';
}

/** What was done, in one sentence without who and when: 修改了普惠活动「…」的名额：100 → 120（…）. */
export function auditWhat(e: AuditEntry, fmt: Fmt): string {
  const template = auditActionSentences[e.action] ?? `进行了操作（${auditTargetLabels[e.targetType ?? ''] ?? '记录'}）{target}`;
  const said = new Set<string>();
  let s = template.replace(/\{(\w+)\}/g, (_, key: string) => {
    if (key === 'target') return targetText(e);
    said.add(key);
    const v = e.detail[key];
    return typeof v === 'number' && key === 'reverses' ? String(v) : valueText(v, fmt); // a number, not a quantity
  });
  const changes = changesText(e.detail.changes, fmt);
  if (changes) s += `的${changes}`;
  const rest = Object.entries(e.detail)
    .map(([k, v]) => (said.has(k) ? null : (auditDetailParts[k]?.(v, e.detail, fmt) ?? null)))
    .filter((x): x is string => !!x);
  if (rest.length) s += `（${rest.join('，')}）`;
  if (e.outcome === 'failed') s += '，未成功';
  if (e.outcome === 'denied') s += '，被拒绝';
  return s;
}

/** The whole line: huazhou 于 2026-12-06 10:00 修改了普惠活动「…」的名额：100 → 120. */
export function auditSentence(e: AuditEntry, fmt: Fmt): string {
  return `${auditActor(e)} 于 ${fmt(e.at)} ${auditWhat(e, fmt)}`;
}
