// A member's skills, certificates and job profile (issue 17 slice A, docs/design/skills-jobs.md §3):
// the taxonomy picker, the member's own routes (/api/me/skills, /api/me/certificates,
// /api/me/job-profile) and the staff's skills register. Codes and the ladder are contracts/skills.ts.
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';
import { industrySection } from './enterprise-facts-common.ts';
import { skillLevelInput, skillRanks } from './skills.ts';

const isoDate = z.iso.date().describe('YYYY-MM-DD');
const positiveId = z.number().int().positive();

export const skillRef = z.object({ id: z.number().int(), code: z.string(), name: z.string(), rank: z.enum(skillRanks) });
export type SkillRef = z.infer<typeof skillRef>;

// ---- the taxonomy, for pickers ----

export const skillSearchQuery = z.strictObject({
  q: text(1, 40).optional().describe('名称、别名或编码（如 叉车、4-02-07、F-0001）'),
  parentId: idString('只看该类别之下的一层（浏览目录）').optional(),
  rank: z.enum(['occupation', 'skill']).optional().describe('occupation：只查职业；skill：职业与自由技能（可持有的技能）；不填：全部目录'),
  ...paging,
});
export const skillItem = skillRef.extend({
  parentId: z.number().int().nullable(),
  synonyms: z.array(z.string()),
  tags: z.array(z.string()),
  hasChildren: z.boolean(),
});
export type SkillItem = z.infer<typeof skillItem>;
export const skillSearchResult = listOf(skillItem);

// ---- the member's skills ----

export const skillSources = ['course', 'certificate', 'self'] as const;
export type SkillSource = (typeof skillSources)[number];
export const skillSourceLabels: Record<SkillSource, string> = { course: '工会培训', certificate: '证书', self: '自己填写' };

export const mySkillSource = z.object({
  id: z.number().int(),
  source: z.enum(skillSources),
  level: z.number().int(),
  levelLabel: z.string(),
  acquiredOn: z.string(),
  certificateId: z.number().int().nullable(),
  courseId: z.number().int().nullable(),
  courseTitle: z.string().nullable().describe('工会培训：课程名称'),
});
/** one skill with the member's effective (highest) level and every way they came by it */
export const mySkill = z.object({
  skill: skillRef,
  level: z.number().int(),
  label: z.string().describe('如「叉车（三级）」'),
  sources: z.array(mySkillSource),
});
export type MySkill = z.infer<typeof mySkill>;
/** the member's own lists: a page of them (a member holds few; the default page holds them all) */
export const myListQuery = z.strictObject({ ...paging, pageSize: paging.pageSize.default(200) });
export const mySkillList = listOf(mySkill);

export const addSelfSkillBody = z.strictObject({
  skillId: positiveId.describe('技能目录中的职业或技能'),
  level: skillLevelInput,
});
export type AddSelfSkillBody = z.infer<typeof addSelfSkillBody>;

// ---- certificates ----

export const certificateFamilies = ['qualification', 'skillLevel'] as const;
export type CertificateFamily = (typeof certificateFamilies)[number];
export const certificateFamilyLabels: Record<CertificateFamily, string> = { qualification: '职业资格证书', skillLevel: '职业技能等级证书' };
/** 4–30 characters of A–Z, 0–9 and '-' (after trimming and upper-casing); anything else is certificate_number_invalid */
export const CERTIFICATE_NUMBER = /^[A-Z0-9-]{4,30}$/;

export const addCertificateBody = z.strictObject({
  family: z.enum(certificateFamilies),
  skillId: positiveId.describe('证书上的职业（工种）'),
  level: skillLevelInput,
  number: z.string().max(60).describe('证书编号（4–30 位大写字母、数字或连字符）'),
  issuer: text(1, 60).describe('发证（评价）机构'),
  issuedOn: isoDate.describe('发证日期（不晚于今天）'),
});
export type AddCertificateBody = z.infer<typeof addCertificateBody>;

export const certificateItem = z.object({
  id: z.number().int(),
  family: z.enum(certificateFamilies),
  skill: skillRef,
  level: z.number().int(),
  levelLabel: z.string(),
  numberMasked: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  isVerified: z.boolean(),
  verifiedAt: z.string().nullable(),
});
export type CertificateItem = z.infer<typeof certificateItem>;
export const myCertificateList = listOf(certificateItem);

// ---- the job profile and consent ----

export const jobShifts = ['day', 'night', 'rotating', 'flexible'] as const;
export const jobShiftLabels: Record<(typeof jobShifts)[number], string> = { day: '白班', night: '夜班', rotating: '倒班', flexible: '弹性' };
export const employmentKinds = ['fulltime', 'parttime', 'gig'] as const;
export const employmentKindLabels: Record<(typeof employmentKinds)[number], string> = { fulltime: '全职', parttime: '兼职', gig: '灵活就业（零工）' };

export const jobProfileBody = z.strictObject({
  towns: z.array(positiveId).max(5).describe('意向镇街（最多 5 个）'),
  industrySections: z.array(industrySection).max(20).describe('意向行业门类'),
  wageFloorYuan: z.number().int().min(0).max(100_000).nullable().describe('期望月薪下限（元）'),
  shifts: z.array(z.enum(jobShifts)).max(4),
  employment: z.array(z.enum(employmentKinds)).max(3),
  pushOptIn: z.boolean().describe('接收岗位推送'),
});
export type JobProfileBody = z.infer<typeof jobProfileBody>;

export const jobProfile = z.object({
  isConsenting: z.boolean().describe('已同意向用人单位提供求职信息'),
  consentedAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  towns: z.array(z.object({ id: z.number().int(), name: z.string() })),
  industrySections: z.array(z.string()),
  wageFloorYuan: z.number().int().nullable(),
  shifts: z.array(z.enum(jobShifts)),
  employment: z.array(z.enum(employmentKinds)),
  pushOptIn: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type JobProfile = z.infer<typeof jobProfile>;

/** what the member agrees to, shown on the consent page and recorded with the act */
export const JOB_CONSENT_TEXT =
  '我同意工会将我的技能、证书（编号隐藏）和求职意向提供给我申请或与我匹配的岗位的用人单位，用于招聘联系。我可以随时撤回同意，撤回后用人单位不再看到我的信息。';

// ---- the staff's skills register ----

const memberRef = z.object({ id: z.number().int(), name: z.string(), memberNo: z.string().nullable() });
const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const skillRegisterQuery = z.strictObject({
  ...paging,
  orgId: idString('只看该组织及其下级组织的会员').optional(),
  skillId: idString('只看持有该技能的会员').optional(),
  source: z.enum(skillSources).optional(),
});
export const skillRegisterRow = z.object({
  id: z.number().int(),
  member: memberRef,
  org: orgRef,
  skill: skillRef,
  level: z.number().int(),
  label: z.string(),
  source: z.enum(skillSources),
  acquiredOn: z.string(),
});

export const certificateRegisterQuery = z.strictObject({
  ...paging,
  orgId: idString('只看该组织及其下级组织的会员').optional(),
  status: z.enum(['pending', 'verified']).optional().describe('pending 待核验；verified 已核验'),
});
export const certificateRegisterRow = certificateItem.extend({
  member: memberRef,
  org: orgRef,
  verifiedBy: z.string().nullable().describe('核验人'),
});
export type CertificateRegisterRow = z.infer<typeof certificateRegisterRow>;
