// Courses (issue 17 slice B, docs/design/skills-jobs.md §4): a training activity (培训) set up as a
// course — the skills it teaches with their levels, its sessions and pass rules — its results (per row
// or from Excel), and its completion, which writes each passed member's skills once. A course's id is
// its activity's id.
import { z } from 'zod';
import { idString, listOf } from './common.ts';
import { skillRef } from './member-skills.ts';
import { skillLevelInput } from './skills.ts';

const pct = (what: string) => z.number().int().min(0).max(100).describe(what);

export const courseSkillInput = z.strictObject({
  skillId: z.number().int().positive().describe('技能目录中的职业或技能'),
  level: skillLevelInput,
});
export const courseBody = z.strictObject({
  skills: z.array(courseSkillInput).min(1).max(12).describe('课程教授的技能及结业记入的等级（1–12 项）'),
  sessions: z.number().int().min(1).max(200).describe('课时（次数）'),
  minAttendancePct: pct('结业所需最低出勤率（%）'),
  minMark: pct('结业所需最低考核成绩；null：不考核').nullable(),
});
export type CourseBody = z.infer<typeof courseBody>;

export const courseSkill = z.object({ skill: skillRef, level: z.number().int(), label: z.string().describe('如「叉车（三级）」') });
export const courseResult = z.object({
  member: z.object({ id: z.number().int(), name: z.string().describe('姓名（脱敏）'), memberNo: z.string().nullable() }),
  attendancePct: z.number().int(),
  mark: z.number().int().nullable(),
  passed: z.boolean(),
  recordedAt: z.string(),
  skillsWritten: z.boolean().describe('技能已记入会员技能档案'),
});
export type CourseResult = z.infer<typeof courseResult>;
export const courseDetail = z.object({
  id: z.number().int().describe('课程 ID（即活动 ID）'),
  title: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  skills: z.array(courseSkill),
  sessions: z.number().int(),
  minAttendancePct: z.number().int(),
  minMark: z.number().int().nullable(),
  completedAt: z.string().nullable(),
  figures: z.object({ results: z.number().int(), passed: z.number().int(), credited: z.number().int().describe('已记入技能的会员数') }),
  results: z.array(courseResult),
});
export type CourseDetail = z.infer<typeof courseDetail>;

export const courseResultBody = z.strictObject({
  memberId: z.number().int().positive(),
  attendancePct: pct('出勤率（%）'),
  mark: pct('考核成绩；null：未考核').nullable(),
});
export type CourseResultBody = z.infer<typeof courseResultBody>;

export const courseCompletion = z.object({
  courseId: z.number().int(),
  completedAt: z.string(),
  passed: z.number().int().describe('结业（通过）的会员数'),
  skillsWritten: z.number().int().describe('本次新记入的技能条数（重试和再次结业不重复记入）'),
  membersNotified: z.number().int(),
});
export type CourseCompletion = z.infer<typeof courseCompletion>;

// ---- results from Excel ----

export const COURSE_RESULTS_SHEET = '成绩';
export const COURSE_RESULTS_ERROR_HEADER = '错误';
export const COURSE_RESULTS_MAX_ROWS = 2000;
export const courseResultColumns = [
  { key: 'memberNo', header: '会员号', required: false },
  { key: 'name', header: '姓名', required: false },
  { key: 'idMasked', header: '身份证号（脱敏）', required: false },
  { key: 'attendance', header: '出勤率', required: true },
  { key: 'mark', header: '成绩', required: false },
] as const;
export type CourseResultColumn = (typeof courseResultColumns)[number]['key'];
export const courseResultsForm = z.object({ file: z.unknown().describe('Excel 文件（.xlsx，按成绩模板）') });
export const courseResultsImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const courseResultsImportAnswer = z.object({
  ok: z.boolean(),
  rows: z.number().int(),
  recorded: z.number().int(),
  passed: z.number().int(),
  errors: z.array(courseResultsImportError),
  errorCount: z.number().int(),
});
export type CourseResultsImportAnswer = z.infer<typeof courseResultsImportAnswer>;

// ---- the member's side ----

export const myCourse = z.object({
  id: z.number().int(),
  title: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  startsAt: z.string(),
  location: z.string().nullable(),
  skills: z.array(courseSkill),
  sessions: z.number().int(),
  minAttendancePct: z.number().int(),
  minMark: z.number().int().nullable(),
});
export type MyCourse = z.infer<typeof myCourse>;
export const myCourseList = listOf(myCourse);
export const courseIdParam = z.strictObject({ id: idString('课程 ID（即培训活动 ID）') });
