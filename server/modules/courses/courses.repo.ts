// Courses (issue 17 slice B): SQL of course, course_skill, course_result, course_completion_request
// (061) and the completion's one write into member_skill. The activity itself (sign-up, check-in,
// figures) is reached through the activities service, never here.
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type OrgPath } from '../../http/scope.ts';
import type { SkillRank } from '../../../contracts/skills.ts';

export interface CourseRow {
  id: number;
  sessions: number;
  minAttendancePct: number;
  minMark: number | null;
  completedAt: Date | null;
  orgPath: string;
}
export interface CourseSkillRow {
  courseId: number;
  skillId: number;
  code: string;
  name: string;
  rank: SkillRank;
  level: number;
}

/** The course of an activity, or undefined; `lock` takes the row for the transaction. */
export async function findCourse(q: Queryable, id: number, lock = false): Promise<CourseRow | undefined> {
  const [row] = await q.query<CourseRow>(
    `SELECT c.activity_id::int AS id, c.sessions, c.min_attendance_pct AS "minAttendancePct", c.min_mark AS "minMark",
            c.completed_at AS "completedAt", o.path::text AS "orgPath"
       FROM course c JOIN activity a ON a.id = c.activity_id JOIN org o ON o.id = a.org_id
      WHERE c.activity_id = $1${lock ? ' FOR UPDATE OF c' : ''}`,
    [id],
  );
  return row;
}

/** The skills these courses teach, by course then skill code. */
export async function findCourseSkills(q: Queryable, ids: number[]): Promise<CourseSkillRow[]> {
  if (ids.length === 0) return [];
  return q.query<CourseSkillRow>(
    `SELECT cs.course_id::int AS "courseId", s.id::int AS "skillId", s.code, s.name, s.rank, cs.level
       FROM course_skill cs JOIN skill s ON s.id = cs.skill_id
      WHERE cs.course_id = ANY($1::bigint[]) ORDER BY cs.course_id, s.code`,
    [ids],
  );
}

/** Which of these activities are courses. */
export async function findCourseIds(q: Queryable, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: number }>(`SELECT activity_id::int AS id FROM course WHERE activity_id = ANY($1::bigint[])`, [ids]);
  return rows.map((r) => r.id);
}

/** Sets up or changes a course and what it teaches; results already recorded are judged again by the new rules. */
export async function saveCourse(
  q: Queryable,
  c: { id: number; sessions: number; minAttendancePct: number; minMark: number | null; skills: { skillId: number; level: number }[]; staffId: number },
): Promise<void> {
  await q.query(
    `INSERT INTO course (activity_id, sessions, min_attendance_pct, min_mark, created_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (activity_id) DO UPDATE SET sessions = EXCLUDED.sessions, min_attendance_pct = EXCLUDED.min_attendance_pct,
       min_mark = EXCLUDED.min_mark, updated_at = now()`,
    [c.id, c.sessions, c.minAttendancePct, c.minMark, c.staffId],
  );
  await q.query(`DELETE FROM course_skill WHERE course_id = $1`, [c.id]);
  await q.query(
    `INSERT INTO course_skill (course_id, skill_id, level) SELECT $1, s, l FROM unnest($2::bigint[], $3::smallint[]) AS t (s, l)`,
    [c.id, c.skills.map((s) => s.skillId), c.skills.map((s) => s.level)],
  );
  await q.query(
    `UPDATE course_result r SET passed = r.attendance_pct >= c.min_attendance_pct AND (c.min_mark IS NULL OR coalesce(r.mark, -1) >= c.min_mark)
       FROM course c WHERE c.activity_id = $1 AND r.course_id = c.activity_id`,
    [c.id],
  );
}

export interface ResultInput {
  memberId: number;
  attendancePct: number;
  mark: number | null;
}

/** Records results (a new one, or a correction), each judged by the course's rules in the same statement; the count written. */
export async function upsertResults(q: Queryable, courseId: number, rows: ResultInput[], staffId: number): Promise<{ recorded: number; passed: number }> {
  const out = await q.query<{ passed: boolean }>(
    `INSERT INTO course_result (course_id, member_id, attendance_pct, mark, passed, recorded_by)
     SELECT c.activity_id, t.m, t.a, t.k, t.a >= c.min_attendance_pct AND (c.min_mark IS NULL OR coalesce(t.k, -1) >= c.min_mark), $5
       FROM course c, unnest($2::bigint[], $3::smallint[], $4::smallint[]) AS t (m, a, k)
      WHERE c.activity_id = $1
     ON CONFLICT (course_id, member_id) DO UPDATE SET attendance_pct = EXCLUDED.attendance_pct, mark = EXCLUDED.mark,
       passed = EXCLUDED.passed, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
     RETURNING passed`,
    [courseId, rows.map((r) => r.memberId), rows.map((r) => r.attendancePct), rows.map((r) => r.mark), staffId],
  );
  return { recorded: out.length, passed: out.filter((r) => r.passed).length };
}

export interface ResultRow {
  memberId: number;
  name: string;
  memberNo: string | null;
  attendancePct: number;
  mark: number | null;
  passed: boolean;
  recordedAt: Date;
  skillsWritten: boolean;
}

/** A course's results, by member number. */
export async function findResults(q: Queryable, courseId: number): Promise<ResultRow[]> {
  return q.query<ResultRow>(
    `SELECT r.member_id::int AS "memberId", m.name, m.member_no AS "memberNo", r.attendance_pct AS "attendancePct", r.mark, r.passed,
            r.recorded_at AS "recordedAt",
            EXISTS (SELECT 1 FROM member_skill ms WHERE ms.member_id = r.member_id AND ms.course_id = r.course_id AND ms.source = 'course') AS "skillsWritten"
       FROM course_result r JOIN member m ON m.id = r.member_id
      WHERE r.course_id = $1 ORDER BY m.member_no NULLS LAST, r.member_id`,
    [courseId],
  );
}

export interface ScopeMember {
  id: number;
  name: string;
  memberNo: string | null;
  idMasked: string;
}

/** Members of a subtree by member number or by name (for matching an import's rows), at most a few per name. */
export async function findMembersForMatch(q: Queryable, root: OrgPath | string, memberNos: string[], names: string[]): Promise<ScopeMember[]> {
  return q.query<ScopeMember>(
    `SELECT m.id::int AS id, m.name, m.member_no AS "memberNo", m.id_number_masked AS "idMasked"
       FROM member m JOIN org o ON o.id = m.org_id
      WHERE ${scopeFilter('o.path', 1)} AND (m.member_no = ANY($2::text[]) OR m.name = ANY($3::text[]))`,
    [root, memberNos, names],
  );
}

/** Whether the member belongs to the subtree. */
export async function isMemberIn(q: Queryable, root: string, memberId: number): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $2 AND ${scopeFilter('o.path', 1)}`, [root, memberId]);
  return rows.length > 0;
}

/**
 * The completion's one write: each passed member gets each taught skill, once — a retry, a re-run or a
 * concurrent run meets the unique index (member_skill_course_once) and writes nothing. The rows
 * written now, with what the notices need.
 */
export async function writeCourseSkills(q: Queryable, courseId: number, on: string): Promise<{ memberId: number; skillId: number; level: number }[]> {
  return q.query(
    `INSERT INTO member_skill (member_id, skill_id, level, source, course_id, acquired_on)
     SELECT r.member_id, cs.skill_id, cs.level, 'course', r.course_id, $2::date
       FROM course_result r JOIN course_skill cs ON cs.course_id = r.course_id
      WHERE r.course_id = $1 AND r.passed
     ON CONFLICT (member_id, skill_id, course_id) WHERE source = 'course' DO NOTHING
     RETURNING member_id::int AS "memberId", skill_id::int AS "skillId", level`,
    [courseId, on],
  );
}

/** Marks the course completed (the first completion's time stays). */
export async function markCompleted(q: Queryable, courseId: number, staffId: number): Promise<Date> {
  const [row] = await q.query<{ at: Date }>(
    `UPDATE course SET completed_at = coalesce(completed_at, now()), completed_by = coalesce(completed_by, $2) WHERE activity_id = $1 RETURNING completed_at AS at`,
    [courseId, staffId],
  );
  return row!.at;
}

export async function countPassed(q: Queryable, courseId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM course_result WHERE course_id = $1 AND passed`, [courseId]);
  return row?.n ?? 0;
}

/** The members to tell, with their phone (sealed) — those without a phone are not told. */
export async function findNoticeTargets(q: Queryable, memberIds: number[]): Promise<{ id: number; name: string; phoneEnc: Buffer }[]> {
  if (memberIds.length === 0) return [];
  return q.query(`SELECT id::int AS id, name, phone_enc AS "phoneEnc" FROM member WHERE id = ANY($1::bigint[]) AND phone_enc IS NOT NULL`, [memberIds]);
}

// ---- the completion's idempotency store ----

export async function findCompletionByKey(q: Queryable, staffId: number, key: string): Promise<{ answer: unknown; hash: string } | undefined> {
  const [row] = await q.query<{ answer: unknown; hash: string }>(
    `SELECT answer, encode(request_hash, 'hex') AS hash FROM course_completion_request WHERE staff_id = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return row;
}

export async function insertCompletionRequest(q: Queryable, r: { staffId: number; key: string; hash: Buffer; courseId: number; answer: unknown }): Promise<void> {
  await q.query(`INSERT INTO course_completion_request (staff_id, idem_key, request_hash, course_id, answer) VALUES ($1, $2, $3, $4, $5::jsonb)`, [
    r.staffId,
    r.key,
    r.hash,
    r.courseId,
    JSON.stringify(r.answer),
  ]);
}
