// Courses that leave a trace (issue 17 slice B, docs/design/skills-jobs.md §4). A course is a training
// activity (培训) plus a `course` row: sign-up, check-in and figures stay the activities module's,
// reached through its service. Here: what the course teaches and its pass rules, results (per row or
// a workbook, all rows or none), and completion — every passed member gets each taught skill once
// (one INSERT … SELECT … ON CONFLICT DO NOTHING; retries, re-runs and concurrent runs write once) and
// one notice. A member who did not pass gets nothing automatic.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit, requireMemberId } from '../../http/actors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { maskName } from '../../lib/pii.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import type { RowFault } from '../../lib/xlsx-errors.ts';
import { courseResultColumns, type CourseBody, type CourseCompletion, type CourseDetail, type CourseResultBody, type CourseResultsImportAnswer, type MyCourse } from '../../../contracts/courses.ts';
import { skillAtLevel, type SkillLevel } from '../../../contracts/skills.ts';
import * as activities from '../activities/activities.service.ts';
import { queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import { assertSkillLevel, holdableSkill } from '../skills/skills.service.ts';
import * as repo from './courses.repo.ts';
import { readResultSheet, resultErrorWorkbook } from './courses.sheet.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const textOf = (v: CellValue | undefined): string => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v)).trim();

/** A training activity of the scope. Throws not_found, course_not_training. */
async function trainingOf(ctx: StaffContext, id: number) {
  const a = await activities.getActivityForStaff(ctx, id);
  if (a.kind !== 'training') throw new AppError('course_not_training');
  return a;
}

/** The course of a training activity of the scope. Throws not_found (no such activity in scope, or not set up as a course), course_not_training. */
async function courseOf(ctx: StaffContext, id: number) {
  const a = await trainingOf(ctx, id);
  const c = await repo.findCourse(ctx.db, id);
  if (!c) throw new AppError('not_found', '该培训活动尚未设置为课程');
  return { a, c };
}

function skillsOf(rows: repo.CourseSkillRow[]) {
  return rows.map((s) => ({ skill: { id: s.skillId, code: s.code, name: s.name, rank: s.rank }, level: s.level, label: skillAtLevel(s.name, s.level as SkillLevel) }));
}

/** A course with its results, for staff of the scope. Throws not_found, course_not_training. */
export async function getCourse(ctx: StaffContext, id: number): Promise<CourseDetail> {
  const { a, c } = await courseOf(ctx, id);
  const [taught, results] = await Promise.all([repo.findCourseSkills(ctx.db, [id]), repo.findResults(ctx.db, id)]);
  return {
    id,
    title: a.title,
    org: a.org,
    startsAt: a.startsAt,
    endsAt: a.endsAt,
    skills: skillsOf(taught),
    sessions: c.sessions,
    minAttendancePct: c.minAttendancePct,
    minMark: c.minMark,
    completedAt: c.completedAt ? iso(c.completedAt) : null,
    figures: { results: results.length, passed: results.filter((r) => r.passed).length, credited: results.filter((r) => r.skillsWritten).length },
    results: results.map((r) => ({
      member: { id: r.memberId, name: maskName(r.name), memberNo: r.memberNo },
      attendancePct: r.attendancePct,
      mark: r.mark,
      passed: r.passed,
      recordedAt: iso(r.recordedAt),
      skillsWritten: r.skillsWritten,
    })),
  };
}

/**
 * Sets up a training activity as a course, or changes it: the skills it teaches (each an occupation or
 * a free skill, at a level of the ladder), sessions and pass rules; results already recorded are judged
 * again. Throws not_found, course_not_training, skill_level_invalid, skill_not_found, validation_failed.
 */
export async function saveCourse(ctx: StaffContext, id: number, body: CourseBody): Promise<CourseDetail> {
  await trainingOf(ctx, id);
  for (const s of body.skills) assertSkillLevel(s.level);
  if (new Set(body.skills.map((s) => s.skillId)).size !== body.skills.length) throw new AppError('validation_failed', '同一技能只能填写一次');
  for (const s of body.skills) await holdableSkill(ctx.db, s.skillId);
  await ctx.db.transaction(async (tx) => {
    await repo.saveCourse(tx, { id, sessions: body.sessions, minAttendancePct: body.minAttendancePct, minMark: body.minMark, skills: body.skills, staffId: ctx.actor.staffId });
    const c = (await repo.findCourse(tx, id))!;
    await audit(tx, ctx, 'course.save', { type: 'activity', id, orgPath: c.orgPath }, { skills: body.skills.length, sessions: body.sessions });
  });
  return getCourse(ctx, id);
}

/** Records (or corrects) one member's result. Throws not_found (course; the member outside the scope). */
export async function recordResult(ctx: StaffContext, id: number, body: CourseResultBody): Promise<CourseDetail> {
  const { c } = await courseOf(ctx, id);
  if (!(await repo.isMemberIn(ctx.db, ctx.scope.path, body.memberId))) throw new AppError('not_found', '管理范围内没有该会员');
  await ctx.db.transaction(async (tx) => {
    const n = await repo.upsertResults(tx, id, [body], ctx.actor.staffId);
    await audit(tx, ctx, 'course.results', { type: 'activity', id, orgPath: c.orgPath }, { resultsRecorded: n.recorded, memberId: body.memberId });
  });
  return getCourse(ctx, id);
}

// ---- results from Excel ----

type RowError = CourseResultsImportAnswer['errors'][number];
const headerOf = (key: string) => courseResultColumns.find((c) => c.key === key)?.header ?? key;

function percentOf(text: string): number | null {
  const t = text.replace(/%$/, '').trim();
  if (!/^\d{1,3}(\.0+)?$/.test(t)) return null;
  const n = Number(t);
  return n >= 0 && n <= 100 ? n : null;
}

/** Every row checked against the members of the scope: the results to write, or the problems (nothing written). */
async function checkResults(ctx: StaffContext, file: Buffer) {
  const sheet = await readResultSheet(file);
  const cells = sheet.rows.map((r) => ({ rowNo: r.rowNo, memberNo: textOf(r.cells.memberNo), name: textOf(r.cells.name), idMasked: textOf(r.cells.idMasked).toUpperCase(), r: r.cells }));
  const members = await repo.findMembersForMatch(ctx.db, ctx.scope.path, cells.map((c) => c.memberNo).filter(Boolean), cells.map((c) => c.name).filter(Boolean));
  const byNo = new Map(members.filter((m) => m.memberNo).map((m) => [m.memberNo!, m]));
  const errors: RowError[] = [];
  const rows: (repo.ResultInput & { rowNo: number })[] = [];
  const seen = new Map<number, number>();
  for (const c of cells) {
    const fail = (key: string, message: string) => errors.push({ row: c.rowNo, column: headerOf(key), message });
    let memberId: number | undefined;
    if (c.memberNo) {
      memberId = byNo.get(c.memberNo)?.id;
      if (memberId === undefined) fail('memberNo', `管理范围内没有会员号为“${c.memberNo}”的会员`);
    } else if (c.name && c.idMasked) {
      const found = members.filter((m) => m.name === c.name && m.idMasked.toUpperCase() === c.idMasked);
      if (found.length === 1) memberId = found[0]!.id;
      else if (found.length === 0) fail('idMasked', `管理范围内没有姓名和身份证号（脱敏）都相符的会员“${c.name}”`);
      else fail('idMasked', `有 ${found.length} 名会员的姓名和脱敏身份证号都相符，请改填会员号`);
    } else fail('memberNo', '请填写会员号，或姓名和身份证号（脱敏）');
    if (memberId !== undefined) {
      const earlier = seen.get(memberId);
      if (earlier !== undefined) fail('memberNo', `与第 ${earlier} 行是同一名会员`);
      else seen.set(memberId, c.rowNo);
    }
    const attendance = percentOf(textOf(c.r.attendance));
    if (attendance === null) fail('attendance', '出勤率应为 0–100 的整数');
    const markText = textOf(c.r.mark);
    const mark = markText === '' ? null : percentOf(markText);
    if (markText !== '' && mark === null) fail('mark', '成绩应为 0–100 的整数，未考核可不填');
    if (memberId !== undefined && attendance !== null && (markText === '' || mark !== null) && !errors.some((e) => e.row === c.rowNo)) {
      rows.push({ rowNo: c.rowNo, memberId, attendancePct: attendance, mark });
    }
  }
  return { sheet, rows, errors };
}

/**
 * Records a course's results from a workbook: every row or none. A row is matched by 会员号, or by name
 * and masked ID number, among the members of the scope. Throws not_found, course_not_training,
 * roster_* (not a readable xlsx), course_results_invalid (any bad row: nothing is written; the file
 * comes back marked from courseResultErrors).
 */
export async function importResults(ctx: StaffContext, id: number, file: Buffer): Promise<CourseResultsImportAnswer> {
  const { c } = await courseOf(ctx, id);
  const { sheet, rows, errors } = await checkResults(ctx, file);
  if (errors.length > 0) {
    const first = errors.slice(0, 3).map((e) => `第 ${e.row} 行 ${e.column}：${e.message}`).join('；');
    throw new AppError('course_results_invalid', `成绩表有 ${errors.length} 处错误，一行也没有导入（${first}${errors.length > 3 ? '……' : ''}）。请下载错误清单，改正后整份重新上传`);
  }
  const digest = createHash('sha256').update(file).digest('hex').slice(0, 16);
  const n = await ctx.db.transaction(async (tx) => {
    const n = await repo.upsertResults(tx, id, rows, ctx.actor.staffId);
    await audit(tx, ctx, 'course.results_import', { type: 'activity', id, orgPath: c.orgPath }, { resultsRecorded: n.recorded, file: digest });
    return n;
  });
  return { ok: true, rows: sheet.rows.length, recorded: n.recorded, passed: n.passed, errors: [], errorCount: 0 };
}

/** The refused workbook back with 错误 on the bad rows. Throws what importResults throws for the file, and course_results_no_errors. */
export async function courseResultErrors(ctx: StaffContext, id: number, file: Buffer): Promise<Buffer> {
  await courseOf(ctx, id);
  const { sheet, errors } = await checkResults(ctx, file);
  if (errors.length === 0) throw new AppError('course_results_no_errors');
  const faults = new Map<number, RowFault & { cells: number[] }>();
  for (const e of errors) {
    const f = faults.get(e.row) ?? { reason: '', cells: [] };
    f.reason = f.reason ? `${f.reason}；${e.column}：${e.message}` : `${e.column}：${e.message}`;
    const key = courseResultColumns.find((col) => col.header === e.column)?.key;
    const at = key ? sheet.columnOf.get(key) : undefined;
    if (at !== undefined && !f.cells.includes(at)) f.cells.push(at);
    faults.set(e.row, f);
  }
  return resultErrorWorkbook(file, faults);
}

export { resultTemplate } from './courses.sheet.ts';

// ---- completion ----

const completionStore: IdempotencyStore<CourseCompletion> = {
  find: async (q, owner, key) => {
    const row = await repo.findCompletionByKey(q, owner.id, key);
    return row && { ...(row.answer as CourseCompletion), hash: row.hash };
  },
  text: (a) => JSON.stringify({ courseId: a.courseId, completedAt: a.completedAt, passed: a.passed, skillsWritten: a.skillsWritten, membersNotified: a.membersNotified }),
  isKeyTaken: (err) => violates(err, 'course_completion_idem_key'),
};

/** "您已完成《叉车司机培训》，技能「叉车（三级）」已记入您的技能档案" */
export function completionNotice(name: string, title: string, skillsAtLevel: string[]): string {
  return `【智慧工会】${name}，您已完成《${title}》，技能${skillsAtLevel.map((s) => `「${s}」`).join('')}已记入您的技能档案。`;
}

/** Writes the passed members' skills (once) and tells each member written now; in the caller's transaction. */
async function completeIn(tx: Queryable, ctx: StaffContext, id: number, title: string): Promise<CourseCompletion> {
  const c = await repo.findCourse(tx, id, true);
  if (!c) throw new AppError('not_found');
  const written = await repo.writeCourseSkills(tx, id, beijingDay());
  const completedAt = await repo.markCompleted(tx, id, ctx.actor.staffId);
  const names = new Map((await repo.findCourseSkills(tx, [id])).map((s) => [s.skillId, s.name]));
  const perMember = new Map<number, string[]>();
  for (const w of written) perMember.set(w.memberId, [...(perMember.get(w.memberId) ?? []), skillAtLevel(names.get(w.skillId) ?? '', w.level as SkillLevel)]);
  const targets = await repo.findNoticeTargets(tx, [...perMember.keys()]);
  const notices = targets.map((m) => sealNotice(ctx, m.phoneEnc, completionNotice(m.name, title, perMember.get(m.id)!)));
  if (notices.length > 0) await queueBulkSms(tx, notices, 'course_completed', c.orgPath, ctx.sender.deliversInOutbox === true);
  const passed = await repo.countPassed(tx, id);
  await audit(tx, ctx, 'course.complete', { type: 'activity', id, orgPath: c.orgPath }, { skillsWritten: written.length, passed });
  return { courseId: id, completedAt: iso(completedAt), passed, skillsWritten: written.length, membersNotified: notices.length };
}

/**
 * Completes a course, once per Idempotency-Key: every passed member gets each taught skill (written
 * once however often this runs — a later run credits only members passed since) and a notice. Throws
 * not_found, course_not_training, idempotency_key_reused.
 */
export async function completeCourse(ctx: StaffContext, id: number, key: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key, hash: requestHashOf('course complete', id) };
  return writeOnce(ctx.db, completionStore, ask, async () => {
    const { a } = await courseOf(ctx, id);
    return ctx.db.transaction(async (tx) => {
      const answer = await completeIn(tx, ctx, id, a.title);
      await repo.insertCompletionRequest(tx, { staffId: ctx.actor.staffId, key, hash: ask.hash, courseId: id, answer });
      return answer;
    });
  });
}

// ---- the member's side ----

/**
 * Courses the member can take: open (published, not yet started) training activities in reach that are
 * set up as courses, with what each teaches. Throws not_a_member.
 */
export async function listMyCourses(ctx: MemberContext, f: { page: number; pageSize: number }): Promise<{ items: MyCourse[]; total: number }> {
  requireMemberId(ctx);
  const { items } = await activities.listActivities(ctx, { kind: 'training', status: 'published', page: 1, pageSize: 200 });
  const now = Date.now();
  const open = items.filter((a) => new Date(a.startsAt).getTime() > now);
  const ids = new Set(await repo.findCourseIds(ctx.db, open.map((a) => a.id)));
  const courses = open.filter((a) => ids.has(a.id));
  const page = courses.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
  const taught = await repo.findCourseSkills(ctx.db, page.map((a) => a.id));
  const rules = new Map<number, repo.CourseRow>();
  for (const a of page) rules.set(a.id, (await repo.findCourse(ctx.db, a.id))!);
  return {
    total: courses.length,
    items: page.map((a) => {
      const c = rules.get(a.id)!;
      return {
        id: a.id,
        title: a.title,
        org: a.org,
        startsAt: a.startsAt,
        location: a.location,
        skills: skillsOf(taught.filter((s) => s.courseId === a.id)),
        sessions: c.sessions,
        minAttendancePct: c.minAttendancePct,
        minMark: c.minMark,
      };
    }),
  };
}
