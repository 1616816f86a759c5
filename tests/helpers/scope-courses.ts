// The scope gate's test, for courses (issue 17 slice B): a training activity of 阳江 set up as a course
// teaching 叉车, with a result of 阳江's member, that 化州's staff must not read, change, import into or
// complete — and how to aim each course route at it (tests/scope.test.ts spreads it into its map).
// The template and the member's own course list name no record: listed in `coursesUnscoped`.
import type { Session, TestApp } from './harness.ts';
import { activityBody } from './activities.ts';
import { newKey } from './points.ts';
import { multipart } from './rosters.ts';

type Ids = Record<string, number>;

const resultsForm = multipart({}, { name: '成绩.xlsx', content: Buffer.from('PK not really a workbook') });

/** A course of 阳江 (ids.yangjiang, ids.yangjiangMember set), set up through 阳江's own routes. */
export async function makeOutOfScopeCourses(t: TestApp, ids: Ids, yangjiang: Session): Promise<void> {
  const activity = await t.request('POST', '/api/activities', { as: yangjiang, body: activityBody(ids.yangjiang!, { title: '阳江叉车司机培训', kind: 'training' }) });
  ids.yangjiangCourse = activity.json<{ id: number }>().id;
  const [forklift] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM skill WHERE code = 'F-0001'`);
  const course = await t.request('PUT', `/api/courses/${ids.yangjiangCourse}`, { as: yangjiang, body: { skills: [{ skillId: forklift!.id, level: 4 }], sessions: 3, minAttendancePct: 80, minMark: null } });
  const result = await t.request('PUT', `/api/courses/${ids.yangjiangCourse}/results`, { as: yangjiang, body: { memberId: ids.yangjiangMember, attendancePct: 100, mark: null } });
  if (course.statusCode !== 200 || result.statusCode !== 200) throw new Error(`阳江's course not set up: ${course.body} ${result.body}`);
}

export function coursesOutOfScope(ids: Ids) {
  return {
    'GET /api/courses/{id}': { id: () => ids.yangjiangCourse! },
    'PUT /api/courses/{id}': { id: () => ids.yangjiangCourse!, body: () => ({ skills: [{ skillId: 1, level: 4 }], sessions: 2, minAttendancePct: 50, minMark: null }) },
    'PUT /api/courses/{id}/results': { id: () => ids.yangjiangCourse!, body: () => ({ memberId: ids.yangjiangMember!, attendancePct: 50, mark: null }) },
    'POST /api/courses/{id}/results/import': { id: () => ids.yangjiangCourse!, body: () => resultsForm.payload, headers: () => resultsForm.headers },
    'POST /api/courses/{id}/results/import/errors': { id: () => ids.yangjiangCourse!, body: () => resultsForm.payload, headers: () => resultsForm.headers },
    'POST /api/courses/{id}/complete': { id: () => ids.yangjiangCourse!, headers: () => ({ 'idempotency-key': newKey() }) },
  };
}

/** The results template (the same for everyone) and the member's own list of courses in reach. */
export const coursesUnscoped = ['GET /api/courses/results-template', 'GET /api/me/courses'];
