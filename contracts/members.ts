// Membership: worker log-in by SMS, joining, applications, members, transfers.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';

export const memberStatuses = ['active', 'transferring', 'suspended', 'left', 'deceased'] as const;
export type MemberStatus = (typeof memberStatuses)[number];
export const memberStatusLabels: Record<MemberStatus, string> = {
  active: '正常',
  transferring: '转接中',
  suspended: '暂停',
  left: '已退会',
  deceased: '已故',
};
export const memberGroups = ['gig', 'women', 'modelWorker', 'craftsman', 'hardship'] as const;
export type MemberGroup = (typeof memberGroups)[number];
export const memberGroupLabels: Record<MemberGroup, string> = {
  gig: '新就业形态',
  women: '女职工',
  modelWorker: '劳动模范',
  craftsman: '工匠',
  hardship: '困难职工',
};

/** Platforms of new-employment-form workers, and the industry whose federation takes them. */
export const gigPlatforms = [
  { name: '美团', industry: '外卖配送' },
  { name: '饿了么', industry: '外卖配送' },
  { name: '滴滴出行', industry: '网约车' },
  { name: '货拉拉', industry: '货运' },
  { name: '满帮', industry: '货运' },
  { name: '顺丰速运', industry: '快递' },
  { name: '京东物流', industry: '快递' },
  { name: '中通快递', industry: '快递' },
  { name: '闪送', industry: '快递' },
  { name: '其他平台', industry: '' },
] as const;
export const gigPlatformNames = gigPlatforms.map((p) => p.name) as [string, ...string[]];

export const mobilePhone = z
  .string()
  .trim()
  .regex(/^1[3-9][0-9]{9}$/, '请输入 11 位手机号码');

export const smsCodeBody = z.strictObject({ phone: mobilePhone });
export const smsCodeResponse = z.object({
  sent: z.literal(true),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export const memberLoginBody = z.strictObject({
  phone: mobilePhone,
  code: z.string().trim().regex(/^[0-9]{6}$/, '验证码为 6 位数字'),
});

export const joinBody = z.strictObject({
  name: text(2, 30).describe('真实姓名'),
  idNumber: z.string().trim().max(32).describe('身份证号（18 位，GB 11643 校验）'),
  employerName: text(2, 100).optional().describe('工作单位名称（可从建议中选择）'),
  employerCreditCode: z.string().trim().max(32).optional().describe('单位统一社会信用代码（GB 32100）'),
  gigPlatform: z.enum(gigPlatformNames).optional().describe('无固定单位的新就业形态劳动者：所在平台'),
  workOrgId: z.number().int().positive().optional().describe('工作所在的镇（街道）：选择的镇街工会'),
  consent: z.boolean().describe('同意处理敏感个人信息（个人信息保护法第二十九条）'),
});
export type JoinInput = z.infer<typeof joinBody>;

export const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const joinResponse = z.object({
  applicationId: z.number().int(),
  status: z.enum(['pending', 'approved']),
  org: orgRef,
  reason: z.string().describe('为什么是这个工会（中文）'),
});

export const applicationStatuses = ['pending', 'approved', 'rejected'] as const;
export const applicationSchema = z.object({
  id: z.number().int(),
  status: z.enum(applicationStatuses),
  name: z.string(),
  idNumberMasked: z.string(),
  phoneMasked: z.string().nullable(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string(),
  org: orgRef,
  routeRule: z.string(),
  routeReason: z.string(),
  employerName: z.string().nullable(),
  gigPlatform: z.string().nullable(),
  channel: z.string(),
  rejectReason: z.string().nullable(),
  memberNo: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type Application = z.infer<typeof applicationSchema>;

export const applicationQuery = z.strictObject({
  ...paging,
  status: z.enum([...applicationStatuses, 'all']).default('pending'),
  orgId: idString('只看该组织及其下级组织').optional(),
});
/** The worker's own applications, newest first (GET /api/me/applications). */
export const myApplicationsQuery = z.strictObject({ ...paging });
export const rejectBody = z.strictObject({ reason: text(2, 200) });
export const approveManyBody = z.strictObject({ ids: z.array(z.number().int().positive()).min(1).max(200) });
export const approveManyResponse = z.object({
  approved: z.array(z.number().int()),
  skipped: z.array(z.object({ id: z.number().int(), error: z.string(), message: z.string() })),
});

export const memberSummary = z.object({
  id: z.number().int(),
  memberNo: z.string().nullable(),
  name: z.string(),
  sex: z.enum(['male', 'female']),
  birthDate: z.string().describe('出生日期'),
  idNumberMasked: z.string().describe('身份证号（脱敏）'),
  phoneMasked: z.string().nullable().describe('手机号（脱敏）'),
  org: orgRef,
  employerName: z.string().nullable(),
  gigPlatform: z.string().nullable(),
  groups: z.array(z.enum(memberGroups)),
  status: z.enum(memberStatuses),
  joinedOn: z.string(),
});
export type MemberSummary = z.infer<typeof memberSummary>;

export const memberEvent = z.object({
  id: z.number().int(),
  at: z.string(),
  kind: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  fromOrg: orgRef.nullable(),
  toOrg: orgRef.nullable(),
  reason: z.string().nullable(),
  actorKind: z.string(),
});

export const memberDetail = memberSummary.extend({
  card: z.object({ cardNo: z.string(), status: z.string(), bankName: z.string().nullable(), bankCardMasked: z.string().nullable() }).nullable(),
  history: z.array(memberEvent),
  openTransfer: z
    .object({ id: z.number().int(), toOrg: orgRef, fromOrg: orgRef, status: z.string(), createdAt: z.string() })
    .nullable(),
});
export type MemberDetail = z.infer<typeof memberDetail>;

export const memberQuery = z.strictObject({
  ...paging,
  orgId: idString('只看该组织及其下级组织').optional(),
  q: text(1, 30).optional().describe('姓名、会员号（如 GH0000001234，或其中的数字），或完整手机号'),
  status: z.enum([...memberStatuses, 'all']).default('all'),
  group: z.enum(memberGroups).optional(),
  joinedFrom: z.iso.date().optional(),
  joinedTo: z.iso.date().optional(),
  enterpriseId: idString('只看以该单位为工作单位的会员（单位须在管理范围内）').optional(),
});

export const changeStatusBody = z.strictObject({
  status: z.enum(['active', 'suspended', 'left', 'deceased']),
  reason: text(2, 200),
});

export const revealBody = z.strictObject({ reason: text(4, 200).describe('查看原因（记入审计日志）') });
export const revealResponse = z.object({ idNumber: z.string(), phone: z.string().nullable() });

/** 更换手机号 (self-service): the logged-in phone proves who it is with name and full ID number. */
export const phoneChangeBody = z.strictObject({
  name: text(2, 30).describe('真实姓名'),
  idNumber: z.string().trim().max(32).describe('身份证号（18 位）'),
});
/** 更换手机号 (staff-assisted, at the union desk after checking the person's ID card). */
export const staffPhoneChangeBody = z.strictObject({
  phone: mobilePhone.describe('新手机号'),
  reason: text(4, 200).describe('办理原因与核验的证件（记入会员历史和审计日志）'),
  documentsChecked: z.literal(true).describe('已当面核验本人身份证件'),
});

export const staffTransferBody = z.strictObject({ toOrgId: z.number().int().positive(), reason: text(2, 200) });
export const memberTransferBody = z.strictObject({
  employerName: text(2, 100).optional(),
  employerCreditCode: z.string().trim().max(32).optional(),
  gigPlatform: z.enum(gigPlatformNames).optional(),
  workOrgId: z.number().int().positive().optional(),
  reason: text(2, 200).optional(),
});
export const transferSchema = z.object({
  id: z.number().int(),
  member: z.object({ id: z.number().int(), name: z.string(), memberNo: z.string().nullable() }),
  fromOrg: orgRef,
  toOrg: orgRef,
  status: z.enum(['pending', 'accepted', 'rejected', 'cancelled']),
  requestedBy: z.enum(['member', 'staff']),
  reason: z.string().nullable(),
  routeReason: z.string().nullable(),
  rejectReason: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});
export const transferQuery = z.strictObject({
  ...paging,
  direction: z.enum(['in', 'out']).default('in'),
  status: z.enum(['pending', 'accepted', 'rejected', 'cancelled', 'all']).default('pending'),
});

/** The member's own transfers, newest first (GET /api/me/transfers). */
export const myTransfersQuery = z.strictObject({ ...paging });

export const enterpriseSuggestion = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string().nullable(),
  hasUnion: z.boolean(),
  townName: z.string(),
});
export const suggestQuery = z.strictObject({ ...paging, q: text(2, 50) });
export const placesQuery = z.strictObject({ ...paging, parentId: idString('上级地区工会').optional() });
export const place = z.object({
  id: z.number().int(),
  name: z.string(),
  level: z.string(),
  hasChildren: z.boolean().describe('下级已开通区县或镇（街道）；区县或市为 false 时，可直接选择，由该地工会受理'),
});

export const foundingTarget = z.object({
  kind: z.enum(['employer', 'gig']).describe('employer 尚未建会的单位；gig 镇街的平台从业人员群体'),
  enterprise: z.object({ id: z.number().int(), name: z.string(), creditCode: z.string().nullable() }).nullable(),
  gig: z.object({ platform: z.string(), industry: z.string() }).nullable(),
  town: orgRef,
  members: z.number().int().describe('该单位尚未建会、挂靠在镇街工联会的会员数；平台群体：在镇街工会的该平台会员数'),
});
export const foundingTargetQuery = z.strictObject({
  ...paging,
  threshold: z.string().regex(/^[0-9]{1,5}$/).transform(Number).default(25),
  kind: z.enum(['employer', 'gig']).default('employer'),
});
