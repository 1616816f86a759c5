// Benefit activities (普惠活动): publishing, the member's view with why-not reasons, sign-up,
// the lottery's draw record, check-in by card, figures. Shared by the server and the web apps.
import { z } from 'zod';
import { CARD_TOKEN_MAX_LENGTH } from './card-token.ts';
import { editBody, idString, paging, publishedListQuery, text } from './common.ts';
import { memberGroupLabels, memberGroups } from './members.ts';

export const activityKinds = ['benefit', 'retreat', 'family', 'training', 'culture', 'cooling', 'other'] as const;
export type ActivityKind = (typeof activityKinds)[number];
export const activityKindLabels: Record<ActivityKind, string> = {
  benefit: '普惠',
  retreat: '疗休养',
  family: '亲子',
  training: '培训',
  culture: '文体',
  cooling: '送清凉',
  other: '其他',
};

/** Who an activity is for: the member groups, and parents of children of an age range. */
export const targetGroups = [...memberGroups, 'parents'] as const;
export type TargetGroup = (typeof targetGroups)[number];
export const targetGroupLabels: Record<TargetGroup, string> = { ...memberGroupLabels, parents: '子女符合年龄的职工家长' };

export const allocations = ['first_come', 'lottery'] as const;
export const allocationLabels = { first_come: '先到先得', lottery: '抽签' } as const;

export const signupStatuses = ['confirmed', 'waitlisted', 'entered', 'cancelled'] as const;
export type SignupStatus = (typeof signupStatuses)[number];
export const signupStatusLabels: Record<SignupStatus, string> = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  entered: '已参加抽签',
  cancelled: '已取消',
};

/** Why a member may not sign up (the list shows it; a sign-up refused for it is 409 not_eligible). */
export const ineligibleReasons = {
  not_active_member: '会员状态不正常（暂停、转接中等），暂不能报名',
  too_young: '年龄低于活动要求',
  too_old: '年龄超过活动要求',
  membership_too_short: '入会时间未达到活动要求',
  same_kind_recently: '近期已参加过同类活动',
  not_target_group: '不属于本活动面向的群体',
  child_age_required: '请填写子女年龄',
  child_age_out_of_range: '子女年龄不符合活动要求',
  too_many_seats: '超过每人可报名额',
} as const;
export type IneligibleReason = keyof typeof ineligibleReasons;

/** The member list's state of an activity for me: may sign up now, or why not. */
export const availabilityStates = {
  open: '可报名',
  signed_up: '已报名',
  not_open_yet: '报名尚未开始',
  closed: '报名已截止',
  full: '名额已满',
  cancelled: '活动已取消',
  ...ineligibleReasons,
} as const;
export type AvailabilityState = keyof typeof availabilityStates;

const isoTime = z.iso.datetime({ offset: true });
const age = z.number().int().min(0).max(120);

export const batchInput = z.strictObject({
  places: z.number().int().min(1).max(100000),
  signupOpensAt: isoTime,
  signupClosesAt: isoTime,
});

const activityFields = {
  title: text(2, 100).describe('活动名称'),
  kind: z.enum(activityKinds).describe('类别'),
  orgId: z.number().int().positive().describe('发布单位：受众为该工会及其下级组织的会员'),
  places: z.number().int().min(1).max(100000).describe('名额'),
  allocation: z.enum(allocations).describe('first_come 先到先得（可候补）· lottery 抽签'),
  signupOpensAt: isoTime.describe('报名开始'),
  signupClosesAt: isoTime.describe('报名截止'),
  startsAt: isoTime.describe('活动开始'),
  location: text(2, 200).optional().describe('地点（地址）'),
  targetGroups: z.array(z.enum(targetGroups)).max(targetGroups.length).optional().describe('面向群体；不填为全体会员'),
  description: z.string().max(8000).optional().describe('活动介绍（富文本 HTML，服务端净化为安全子集）'),
  endsAt: isoTime.optional().describe('活动结束'),
  lat: z.number().min(-90).max(90).optional().describe('纬度（高德坐标）'),
  lng: z.number().min(-180).max(180).optional().describe('经度（高德坐标）'),
  minAge: age.optional(),
  maxAge: age.optional(),
  minMembershipMonths: z.number().int().min(0).max(600).optional().describe('入会满几个月'),
  sameKindGapMonths: z.number().int().min(1).max(120).optional().describe('几个月内参加过同类活动的不能报名（如疗休养一年一次：12）'),
  childMinAge: age.optional().describe('亲子活动：子女最小年龄'),
  childMaxAge: age.optional().describe('亲子活动：子女最大年龄'),
  perMemberLimit: z.number().int().min(1).max(10).optional().describe('每人最多可报名额（本人 + 家属），默认 1'),
  waitlistPlaces: z.number().int().min(0).max(100000).optional().describe('先到先得：候补名额，默认 0（不候补）'),
  batches: z.array(batchInput).min(1).max(20).optional().describe('分批报名：各批名额之和等于名额，报名时间不重叠'),
  cancelDeadline: isoTime.optional().describe('取消报名截止；不填为活动开始时'),
};

export const createActivityBody = z.strictObject(activityFields);
export type CreateActivityInput = z.infer<typeof createActivityBody>;

// the publishing union and the allocation stay as published (a lottery's seed is committed then)
export const updateActivityBody = editBody(activityFields, ['orgId', 'allocation']);
export type UpdateActivityInput = z.infer<typeof updateActivityBody>;

export const cancelActivityBody = z.strictObject({ reason: text(2, 200).describe('取消原因（将通知已报名会员）') });

export const coverBody = z.strictObject({
  imageBase64: z.string().min(1).max(900_000).regex(/^[A-Za-z0-9+/]+={0,2}$/, '应为 base64').describe('封面图片（PNG、JPEG 或 WebP，不超过 600 KB）的 base64'),
});

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const batchSchema = z.object({
  batchNo: z.number().int(),
  places: z.number().int(),
  signupOpensAt: z.string(),
  signupClosesAt: z.string(),
  drawnAt: z.string().nullable(),
  placesLeft: z.number().int().nullable().describe('先到先得：本批剩余名额（不含候补）；抽签为 null'),
});

export const activityFigures = z.object({
  visits: z.number().int().describe('访问人数（查看详情的不同会员）'),
  participants: z.number().int().describe('参与人数（报名成功，含已签到）'),
  checkedIn: z.number().int().describe('已签到'),
  waitlisted: z.number().int(),
  entered: z.number().int().describe('抽签：参加抽签的人数（开奖前）'),
  placesTaken: z.number().int().describe('已占名额（含家属）'),
});

export const availabilitySchema = z.object({
  state: z.enum(Object.keys(availabilityStates) as [AvailabilityState, ...AvailabilityState[]]),
  canSignUp: z.boolean(),
  message: z.string().describe('中文说明'),
});

export const mySignupSchema = z.object({
  id: z.number().int(),
  status: z.enum(signupStatuses),
  seats: z.number().int(),
  checkedInAt: z.string().nullable(),
});

export const activitySummary = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(activityKinds),
  org: orgRef,
  places: z.number().int(),
  placesLeft: z.number().int().nullable().describe('先到先得：剩余名额（各批合计，不含候补）；抽签为 null'),
  allocation: z.enum(allocations),
  signupOpensAt: z.string(),
  signupClosesAt: z.string(),
  startsAt: z.string(),
  location: z.string().nullable(),
  targetGroups: z.array(z.enum(targetGroups)),
  status: z.enum(['published', 'cancelled']),
  hasCover: z.boolean(),
  /** staff only */
  figures: activityFigures.nullable(),
  /** members only */
  availability: availabilitySchema.nullable(),
  mySignup: mySignupSchema.nullable(),
});
export type ActivitySummary = z.infer<typeof activitySummary>;

export const activityDetail = activitySummary.extend({
  description: z.string().describe('净化后的 HTML'),
  endsAt: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  mapUrl: z.string().nullable().describe('高德地图链接'),
  minAge: z.number().int().nullable(),
  maxAge: z.number().int().nullable(),
  minMembershipMonths: z.number().int().nullable(),
  sameKindGapMonths: z.number().int().nullable(),
  childMinAge: z.number().int().nullable(),
  childMaxAge: z.number().int().nullable(),
  perMemberLimit: z.number().int(),
  waitlistPlaces: z.number().int(),
  cancelDeadline: z.string(),
  batches: z.array(batchSchema),
  seedCommitment: z.string().nullable().describe('抽签：发布时公布的种子承诺 sha256(seed)（十六进制）'),
  cancelReason: z.string().nullable(),
  createdAt: z.string(),
});
export type ActivityDetail = z.infer<typeof activityDetail>;

export const activityQuery = publishedListQuery(activityKinds);

export const signupBody = z
  .strictObject({
    seats: z.number().int().min(1).max(10).optional().describe('报名人数（本人 + 家属），默认 1'),
    childAge: z.number().int().min(0).max(30).optional().describe('亲子活动：子女年龄（周岁）'),
  })
  .nullish()
  .describe('可不填请求体');
export type SignupInput = NonNullable<z.infer<typeof signupBody>>;

export const signupResponse = z.object({
  id: z.number().int(),
  activityId: z.number().int(),
  batchNo: z.number().int(),
  status: z.enum(['confirmed', 'waitlisted', 'entered']),
  seats: z.number().int(),
  createdAt: z.string(),
});
export type SignupAnswer = z.infer<typeof signupResponse>;

export const memberSignupSchema = z.object({
  id: z.number().int(),
  activity: z.object({ id: z.number().int(), title: z.string(), kind: z.enum(activityKinds), startsAt: z.string(), location: z.string().nullable(), status: z.enum(['published', 'cancelled']) }),
  batchNo: z.number().int(),
  status: z.enum(signupStatuses),
  statusLabel: z.string(),
  seats: z.number().int(),
  waitlistPosition: z.number().int().nullable().describe('候补：前面还有几人（从 1 起）'),
  checkedInAt: z.string().nullable(),
  canCancel: z.boolean(),
  cancelDeadline: z.string(),
  createdAt: z.string(),
});

export const staffSignupSchema = z.object({
  id: z.number().int(),
  memberNo: z.string().nullable(),
  name: z.string().describe('姓名（脱敏）'),
  orgName: z.string(),
  batchNo: z.number().int(),
  status: z.enum(signupStatuses),
  seats: z.number().int(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
});
export const signupQuery = z.strictObject({
  ...paging,
  status: z.enum([...signupStatuses, 'all']).default('all'),
});

export const drawBatchSchema = z.object({
  batchNo: z.number().int(),
  label: z.string().describe('抽签标签：参与随机数流的计算'),
  places: z.number().int(),
  entryIds: z.array(z.number().int()).describe('参加抽签的报名 ID，升序'),
  seats: z.array(z.number().int()).describe('与 entryIds 一一对应的报名人数'),
  winners: z.array(z.number().int()).describe('中签的报名 ID（按抽签顺序）'),
  waitlist: z.array(z.number().int()).describe('未中签，按抽签顺序候补'),
  drawnAt: z.string().nullable(),
});
export const drawRecord = z.object({
  activityId: z.number().int(),
  algorithm: z.string().describe('算法说明：可据此复算'),
  seedCommitment: z.string(),
  seed: z.string().nullable().describe('抽签后公布的种子（十六进制）；sha256(seed) 应等于 seedCommitment'),
  batches: z.array(drawBatchSchema),
});
export type DrawRecord = z.infer<typeof drawRecord>;

export const resultsSchema = z.object({
  activityId: z.number().int(),
  title: z.string(),
  allocation: z.enum(allocations),
  published: z.boolean().describe('是否已公示（抽签完成或先到先得报名截止）'),
  confirmed: z.array(z.object({ name: z.string().describe('姓名（脱敏，如 张*三）'), memberNo: z.string().describe('会员号（脱敏）'), seats: z.number().int() })),
  waitlisted: z.number().int(),
});

export const checkinBody = z.strictObject({
  token: z
    .string()
    .min(1)
    .max(CARD_TOKEN_MAX_LENGTH)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), { message: '不能包含控制字符' })
    .describe('会员出示的会员证二维码内容'),
});
export const checkinResponse = z.object({
  signupId: z.number().int(),
  memberNo: z.string(),
  name: z.string().describe('姓名（脱敏）'),
  seats: z.number().int(),
  checkedInAt: z.string(),
});

export const statsQuery = z.strictObject({
  orgId: idString('统计该组织及其下级组织发布的活动；默认本管理范围').optional(),
  from: z.iso.date().optional().describe('活动开始日期不早于'),
  to: z.iso.date().optional().describe('活动开始日期不晚于'),
});
/** The figures with one page of the activities behind them. */
export const statsPageQuery = statsQuery.extend(paging);
export const statsRow = z.object({
  id: z.number().int(),
  title: z.string(),
  kind: z.enum(activityKinds),
  orgName: z.string(),
  startsAt: z.string(),
  places: z.number().int(),
  visits: z.number().int(),
  participants: z.number().int(),
  checkedIn: z.number().int(),
});
export const statsResponse = z.object({
  org: orgRef,
  from: z.string().nullable(),
  to: z.string().nullable(),
  totals: z.object({ activities: z.number().int(), places: z.number().int(), visits: z.number().int(), participants: z.number().int(), checkedIn: z.number().int() }),
  byKind: z.array(z.object({ kind: z.enum(activityKinds), activities: z.number().int(), visits: z.number().int(), participants: z.number().int() })),
  byMonth: z.array(z.object({ month: z.string(), activities: z.number().int(), visits: z.number().int(), participants: z.number().int() })),
  items: z.array(statsRow).describe('本页的活动（按开始时间）；合计与分类、分月数字为全部活动的'),
  total: z.number().int().describe('活动总数'),
});
export type ActivityStats = z.infer<typeof statsResponse>;
