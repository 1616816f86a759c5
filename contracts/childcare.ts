// Holiday and weekend childcare (职工亲子之家 / 小候鸟托管 / 周末课堂): programmes, sessions, children
// enrolled by their guardians with a separate consent (PIPL Art. 28, 31), the lottery when
// oversubscribed, attendance and pick-up. A child's data is sealed at rest and shown masked; the full
// data is revealed only to the running union's own staff, each reveal audited (docs/design/childcare.md).
import { z } from 'zod';
import { idString, listOf, paging, text } from './common.ts';

export const CHILDCARE_WRITE_ROLES = ['admin', 'clerk'] as const;
/** Who may reveal a child's full data — and only staff of the programme's own union. */
export const CHILDCARE_REVEAL_ROLES = ['admin', 'reviewer', 'clerk'] as const;

export const programmeKinds = ['holiday', 'weekend', 'family'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];
export const programmeKindLabels: Record<ProgrammeKind, string> = { holiday: '寒暑假托管', weekend: '周末课堂', family: '亲子活动' };

export const programmeStatuses = ['draft', 'published', 'closed'] as const;
export type ProgrammeStatus = (typeof programmeStatuses)[number];
export const programmeStatusLabels: Record<ProgrammeStatus, string> = { draft: '草稿', published: '已发布', closed: '已结束' };

export const enrolmentStatuses = ['pending', 'enrolled', 'waitlisted', 'not_drawn', 'cancelled'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];
export const enrolmentStatusLabels: Record<EnrolmentStatus, string> = {
  pending: '待抽签',
  enrolled: '已录取',
  waitlisted: '候补',
  not_drawn: '未中签',
  cancelled: '已取消',
};

/** The version of the consent text below; an enrolment records which one the guardian agreed to. */
export const CONSENT_VERSION = '2026-12';
/** What the guardian agrees to, separately from anything else (PIPL Art. 31: a minor's data; Art. 28: health data). */
export const CONSENT_TEXT =
  '本人作为儿童的监护人，单独同意工会为办理本次托管收集和使用以下儿童个人信息：姓名、出生年份、性别、学校和年级、过敏及健康情况、' +
  '监护人和紧急联系人的姓名与电话、可接送的成年人。用途：报名录取、安全照护、考勤和放学接送核对。' +
  '可见范围：仅举办托管的工会工作人员可查看完整信息，其他人员只能看到脱敏信息，每次查看完整信息都会记录。' +
  '保存期限：托管结束后 6 个月内删除。信息加密保存，不用于其他目的，不向第三方提供。';

const date = z.iso.date();
const isoTime = z.iso.datetime({ offset: true });
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间格式为 HH:MM');
const orgRef = z.object({ id: z.number().int(), name: z.string() });
const phone = z.string().trim().regex(/^1[3-9][0-9]{9}$/, '请输入 11 位手机号码');
const personName = text(2, 30);

/** A weekly pattern of sessions: every chosen weekday from firstDay to lastDay (Beijing dates), less skipDays. */
export const schedule = z
  .strictObject({
    firstDay: date.describe('第一次活动的日期'),
    lastDay: date.describe('最后一次活动的日期'),
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7).describe('每周哪几天（1 = 周一 … 7 = 周日）'),
    from: clock.describe('开始时间（北京时间）'),
    to: clock.describe('结束时间（北京时间）'),
    skipDays: z.array(date).max(100).default([]).describe('不上课的日期（节假日等）'),
  })
  .describe('活动时间：每周重复');
export type Schedule = z.infer<typeof schedule>;

const programmeFields = {
  orgId: z.number().int().positive().describe('举办工会'),
  placeId: z.number().int().positive().nullable().default(null).describe('活动阵地（职工之家等，可不填）'),
  title: text(2, 80).describe('名称'),
  kind: z.enum(programmeKinds),
  description: text(0, 2000).default('').describe('介绍'),
  ageMin: z.number().int().min(0).max(17).describe('最小年龄（按活动开始那年计算）'),
  ageMax: z.number().int().min(0).max(17).describe('最大年龄'),
  capacity: z.number().int().min(1).max(2000).describe('名额'),
  signupOpensAt: isoTime.describe('报名开始'),
  signupClosesAt: isoTime.describe('报名截止'),
  schedule,
};

export const createProgrammeBody = z.strictObject(programmeFields).describe('新建托管项目（草稿）');
export type CreateProgrammeInput = z.infer<typeof createProgrammeBody>;

export const updateProgrammeBody = z
  .strictObject({
    placeId: programmeFields.placeId.optional(),
    title: programmeFields.title.optional(),
    description: text(0, 2000).optional(),
    ageMin: programmeFields.ageMin.optional(),
    ageMax: programmeFields.ageMax.optional(),
    capacity: programmeFields.capacity.optional(),
    signupOpensAt: isoTime.optional(),
    signupClosesAt: isoTime.optional(),
    schedule: schedule.optional().describe('整体替换全部场次（仅草稿）'),
  })
  .refine((b) => Object.keys(b).length > 0, { message: '请至少修改一项' })
  .describe('修改托管项目');
export type UpdateProgrammeInput = z.infer<typeof updateProgrammeBody>;

export const programmeListQuery = z.strictObject({
  orgId: idString('举办工会（含下级）').optional(),
  status: z.enum(programmeStatuses).optional(),
  ...paging,
});
export type ProgrammeListQuery = z.infer<typeof programmeListQuery>;

export const sessionView = z.object({ id: z.number().int(), startsAt: z.string(), endsAt: z.string() });
export type SessionView = z.infer<typeof sessionView>;

export const programmeCounts = z.object({
  pending: z.number().int(),
  enrolled: z.number().int(),
  waitlisted: z.number().int(),
  notDrawn: z.number().int().describe('未中签（项目结束时仍在候补）'),
  cancelled: z.number().int(),
});

export const programmeView = z.object({
  id: z.number().int(),
  org: orgRef,
  place: z.object({ id: z.number().int(), name: z.string(), address: z.string() }).nullable(),
  title: z.string(),
  kind: z.enum(programmeKinds),
  description: z.string(),
  ageMin: z.number().int(),
  ageMax: z.number().int(),
  capacity: z.number().int(),
  signupOpensAt: z.string(),
  signupClosesAt: z.string(),
  status: z.enum(programmeStatuses),
  seedCommitment: z.string().describe('抽签种子的 SHA-256 承诺（发布时公布）'),
  allocatedAt: z.string().nullable().describe('录取（抽签）完成的时间'),
  firstSessionAt: z.string().nullable(),
  lastSessionAt: z.string().nullable(),
  lastSessionEndsAt: z.string().nullable().describe('最后一次活动的结束时间（之后项目即告结束）'),
  sessionCount: z.number().int(),
  counts: programmeCounts,
  purgedAt: z.string().nullable().describe('儿童信息删除的时间（托管结束 180 天后自动删除，或由举办工会管理员提前删除）'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProgrammeView = z.infer<typeof programmeView>;
export const programmeDetail = programmeView.extend({ sessions: z.array(sessionView) });
export type ProgrammeDetail = z.infer<typeof programmeDetail>;
export const programmeList = listOf(programmeView);

export const allocationResult = z.object({
  programme: programmeDetail,
  drawn: z.boolean().describe('是否抽签（报名人数超过名额时）'),
  seed: z.string().nullable().describe('抽签种子（十六进制，抽签后公开，可复核）'),
  enrolled: z.number().int(),
  waitlisted: z.number().int(),
});

// ── Enrolments ─────────────────────────────────────────────────────────────────────────────────────

export const authorisedAdult = z.strictObject({ name: personName, relation: text(1, 10).describe('与儿童关系'), phone });

export const enrolBody = z
  .strictObject({
    childName: personName.describe('儿童姓名'),
    birthYear: z.number().int().min(2000).max(2100).describe('出生年份'),
    sex: z.enum(['male', 'female']).nullable().default(null),
    school: text(0, 60).default(''),
    grade: text(0, 20).default(''),
    guardianName: personName.optional().describe('监护人姓名（默认本人）'),
    guardianPhone: phone.optional().describe('监护人手机号（默认本人）'),
    allergies: text(0, 200).default('').describe('过敏情况'),
    healthNotes: text(0, 300).default('').describe('健康情况和注意事项'),
    emergencyName: personName.describe('紧急联系人'),
    emergencyPhone: phone.describe('紧急联系人手机号'),
    pickupAdults: z.array(authorisedAdult).min(1).max(4).describe('可接送的成年人'),
    consent: z.boolean().describe('监护人单独同意收集儿童个人信息（必须为 true）'),
  })
  .describe('为子女报名托管');
export type EnrolInput = z.infer<typeof enrolBody>;

/** A child's data in full: sealed at rest, shown only to the programme's own union (revealed) and to the guardian. */
export const childDetails = z.object({
  childName: z.string(),
  birthYear: z.number().int(),
  sex: z.enum(['male', 'female']).nullable(),
  school: z.string(),
  grade: z.string(),
  guardianName: z.string(),
  guardianPhone: z.string(),
  allergies: z.string(),
  healthNotes: z.string(),
  emergencyName: z.string(),
  emergencyPhone: z.string(),
  pickupAdults: z.array(z.object({ name: z.string(), relation: z.string(), phone: z.string() })),
});
export type ChildDetails = z.infer<typeof childDetails>;

export const myEnrolment = z.object({
  id: z.number().int(),
  programme: z.object({ id: z.number().int(), title: z.string(), orgName: z.string(), firstSessionAt: z.string().nullable() }),
  status: z.enum(enrolmentStatuses),
  waitlistNo: z.number().int().nullable(),
  childNameMasked: z.string().describe('脱敏姓名；儿童信息删除后为“儿童信息已按约定删除”'),
  birthYear: z.number().int().nullable().describe('儿童信息删除后为 null'),
  createdAt: z.string(),
  purgedAt: z.string().nullable().describe('儿童信息按约定删除的时间'),
});
export type MyEnrolment = z.infer<typeof myEnrolment>;
export const myEnrolmentList = listOf(myEnrolment);

export const staffEnrolment = z.object({
  id: z.number().int(),
  status: z.enum(enrolmentStatuses),
  waitlistNo: z.number().int().nullable(),
  childNameMasked: z.string().describe('脱敏姓名；儿童信息删除后为“信息已删除”'),
  guardianPhoneMasked: z.string(),
  consentAt: z.string(),
  createdAt: z.string(),
  purgedAt: z.string().nullable().describe('儿童信息按约定删除的时间'),
});
export type StaffEnrolment = z.infer<typeof staffEnrolment>;
export const staffEnrolmentQuery = z.strictObject({ status: z.enum(enrolmentStatuses).optional(), ...paging });
export const staffEnrolmentList = listOf(staffEnrolment);

export const revealBody = z.strictObject({ reason: text(4, 200).describe('查看原因（记入审计日志）') });
export const revealedChild = childDetails.extend({ id: z.number().int() });

/** The consent text's promise: the children's data is deleted this many days after the programme's last day (Beijing dates). */
export const RETENTION_DAYS = 180;
/** What staff screens show in place of a child's masked name once the data is deleted; the guardian's screen says more. */
export const PURGED_LABEL = '信息已删除';
export const PURGED_MEMBER_LABEL = '儿童信息已按约定删除';
export const purgeBody = z.strictObject({ reason: text(4, 200).describe('提前删除的原因（记入审计日志）') }).describe('立即删除儿童信息');

// ── Member side ────────────────────────────────────────────────────────────────────────────────────

export const memberProgrammeQuery = z.strictObject({ ...paging });
export const memberProgramme = programmeView
  .omit({ counts: true, seedCommitment: true, allocatedAt: true, createdAt: true, updatedAt: true, purgedAt: true })
  .extend({ signupOpen: z.boolean(), myEnrolments: z.number().int() });
export const memberProgrammeList = listOf(memberProgramme);
export const memberProgrammeDetail = memberProgramme.extend({
  sessions: z.array(sessionView),
  seedCommitment: z.string(),
  consentText: z.string(),
  consentVersion: z.string(),
  guardianDefault: z.object({ name: z.string().nullable(), phoneMasked: z.string() }),
});
export type MemberProgrammeDetail = z.infer<typeof memberProgrammeDetail>;

// ── Sessions: attendance and pick-up ───────────────────────────────────────────────────────────────

export const rosterRow = z.object({
  enrolmentId: z.number().int(),
  childNameMasked: z.string(),
  present: z.boolean().nullable(),
  pickedUpAt: z.string().nullable(),
  pickupNameMasked: z.string().nullable(),
  pickupAuthorised: z.boolean().nullable(),
  pickupNote: z.string().nullable(),
  /** the authorised adults as masked names, in the guardian's order (the pick-up form's choices) */
  authorisedAdults: z.array(z.object({ index: z.number().int(), nameMasked: z.string(), relation: z.string() })),
});
export const sessionRoster = z.object({
  session: sessionView,
  programme: z.object({ id: z.number().int(), title: z.string(), orgName: z.string() }),
  /** every child enrolled (at most the capacity): a roster, not a paged list */
  children: z.array(rosterRow),
});
export type SessionRoster = z.infer<typeof sessionRoster>;

export const attendanceBody = z
  .strictObject({
    marks: z.array(z.strictObject({ enrolmentId: z.number().int().positive(), present: z.boolean() })).min(1).max(2000),
  })
  .describe('点名：出勤或缺勤');
export type AttendanceInput = z.infer<typeof attendanceBody>;

export const pickupBody = z
  .strictObject({
    enrolmentId: z.number().int().positive(),
    adultIndex: z.number().int().min(0).max(3).optional().describe('监护人登记的可接送成年人之一（序号）'),
    otherName: personName.optional().describe('其他接送人姓名（须填写说明）'),
    note: text(0, 200).default('').describe('说明'),
    at: isoTime.optional().describe('接走时间（默认现在）'),
  })
  .refine((b) => (b.adultIndex === undefined) !== (b.otherName === undefined), { message: '请选择登记的接送人，或填写其他接送人姓名' })
  .describe('登记接走孩子的成年人');
export type PickupInput = z.infer<typeof pickupBody>;

// ── Figures (for the places dashboard) ────────────────────────────────────────────────────────────

export const childcareFigures = z.object({
  programmes: z.number().int(),
  enrolments: z.number().int().describe('报名的儿童（不含已取消）'),
  enrolled: z.number().int(),
  places: z.number().int().describe('名额合计'),
  sessions: z.number().int(),
  attendanceMarks: z.number().int(),
  attendanceRate: z.number().nullable().describe('出勤率（0–1）；没有点名记录时为 null'),
});
export type ChildcareFigures = z.infer<typeof childcareFigures>;
