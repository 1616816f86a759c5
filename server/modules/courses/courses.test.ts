// Courses over HTTP (issue 17 slice B): a training activity set up as a course (a non-training activity,
// a level outside 1–8, an unknown skill refused, nothing written); results per row and from Excel (a
// bad row refuses the whole file — nothing written — and comes back marked in an error workbook;
// members matched by 会员号 or name + masked ID); completion writes each taught skill once per passed
// member across retries, re-runs and two concurrent calls, tells each member once, and gives a member
// who did not pass nothing; the member sees the courses they can take and the skill with its course.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activityBody } from '../../../tests/helpers/activities.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let viewer: Session;
let huazhouId: number;
let members: MemberLogin[];
let courseId: number;
let otherActivity: number;
const skillIds: Record<string, number> = {};

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const key = () => randomUUID();

async function publish(over: Record<string, unknown>): Promise<number> {
  const res = await t.request('POST', '/api/activities', { as: huazhou, body: activityBody(huazhouId, over) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: number }>().id;
}

async function workbook(rows: (string | number)[][], header = ['会员号', '姓名', '身份证号（脱敏）', '出勤率', '成绩']): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('成绩');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const upload = (path: string, file: Buffer, as: Session = huazhou) => {
  const form = multipart({}, { name: '成绩.xlsx', content: file });
  return t.request('POST', path, { as, body: form.payload, headers: form.headers });
};

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('huazhou-view')]);
  huazhouId = await t.demoOrg('huazhou');
  members = await newMemberSessions(t, admin, 4, { org: huazhouId });
  for (const r of await t.db.query<{ id: number; code: string }>(`SELECT id::int AS id, code FROM skill`)) skillIds[r.code] = r.id;
  courseId = await publish({ title: '叉车司机培训（第一期）', kind: 'training', places: 30 });
  otherActivity = await publish({ title: '职工疗休养（课程测试）', kind: 'retreat' });
});
afterAll(async () => t.close());

const courseBody = (over: Record<string, unknown> = {}) => ({ skills: [{ skillId: skillIds['F-0001'], level: 4 }], sessions: 3, minAttendancePct: 80, minMark: 60, ...over });

describe('setting up a course', () => {
  it('refuses a non-training activity, a level outside 1–8 and an unknown skill, writing nothing', async () => {
    const notTraining = await t.request('PUT', `/api/courses/${otherActivity}`, { as: huazhou, body: courseBody() });
    expect(notTraining.json()).toMatchObject({ statusCode: 400, error: 'course_not_training' });
    for (const level of [0, 9]) {
      const res = await t.request('PUT', `/api/courses/${courseId}`, { as: huazhou, body: courseBody({ skills: [{ skillId: skillIds['F-0001'], level }] }) });
      expect(res.json()).toMatchObject({ statusCode: 400, error: 'skill_level_invalid' });
    }
    const unknown = await t.request('PUT', `/api/courses/${courseId}`, { as: huazhou, body: courseBody({ skills: [{ skillId: 99_999_999, level: 3 }] }) });
    expect(unknown.json()).toMatchObject({ statusCode: 404, error: 'skill_not_found' });
    const major = await t.request('PUT', `/api/courses/${courseId}`, { as: huazhou, body: courseBody({ skills: [{ skillId: skillIds['4'], level: 3 }] }) });
    expect(major.json()).toMatchObject({ statusCode: 404, error: 'skill_not_found' });
    expect(await count('course')).toBe(0);
    expect((await t.request('PUT', `/api/courses/${courseId}`, { as: viewer, body: courseBody() })).statusCode).toBe(403);
    expect((await t.request('GET', `/api/courses/${courseId}`, { as: huazhou })).json()).toMatchObject({ statusCode: 404 });
  });

  it('sets up a training activity as a course teaching 叉车（三级） and 电工（四级）', async () => {
    const res = await t.request('PUT', `/api/courses/${courseId}`, {
      as: huazhou,
      body: courseBody({ skills: [{ skillId: skillIds['F-0001'], level: 4 }, { skillId: skillIds['F-0002'], level: 3 }] }),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: courseId, sessions: 3, minAttendancePct: 80, minMark: 60, completedAt: null });
    expect(res.json<{ skills: { label: string }[] }>().skills.map((s) => s.label).sort()).toEqual(['叉车（三级）', '电工（四级）'].sort());
    expect(await count(`audit_log WHERE action = 'course.save'`)).toBe(1);
  });
});

describe('results', () => {
  it('records one result per row, judged by the course’s rules', async () => {
    const pass = await t.request('PUT', `/api/courses/${courseId}/results`, { as: huazhou, body: { memberId: members[0]!.memberId, attendancePct: 100, mark: 86 } });
    expect(pass.statusCode, pass.body).toBe(200);
    const fail = await t.request('PUT', `/api/courses/${courseId}/results`, { as: huazhou, body: { memberId: members[1]!.memberId, attendancePct: 60, mark: 90 } });
    const results = fail.json<{ results: { member: { id: number }; passed: boolean }[] }>().results;
    expect(results.find((r) => r.member.id === members[0]!.memberId)?.passed).toBe(true);
    expect(results.find((r) => r.member.id === members[1]!.memberId)?.passed).toBe(false);
    const outside = await t.request('PUT', `/api/courses/${courseId}/results`, { as: huazhou, body: { memberId: 99_999_999, attendancePct: 60, mark: 90 } });
    expect(outside.statusCode).toBe(404);
  });

  it('refuses a workbook with any bad row, writing nothing, and gives it back marked', async () => {
    const [a, b] = await t.db.query<{ memberNo: string; name: string; idMasked: string }>(
      `SELECT member_no AS "memberNo", name, id_number_masked AS "idMasked" FROM member WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [[members[2]!.memberId, members[3]!.memberId]],
    );
    const before = await t.db.query(`SELECT member_id, attendance_pct, mark, passed FROM course_result ORDER BY member_id`);
    const bad = await workbook([
      [a!.memberNo, '', '', '100', '95'],
      ['', b!.name, b!.idMasked, '120', ''],
      ['GH-NOBODY', '', '', '90', '70'],
    ]);
    const res = await upload(`/api/courses/${courseId}/results/import`, bad);
    expect(res.json()).toMatchObject({ statusCode: 400, error: 'course_results_invalid' });
    expect(await t.db.query(`SELECT member_id, attendance_pct, mark, passed FROM course_result ORDER BY member_id`)).toEqual(before);
    const marked = await upload(`/api/courses/${courseId}/results/import/errors`, bad);
    expect(marked.statusCode, marked.body).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(marked.rawPayload as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as unknown[]).map(String);
    const errorCol = header.indexOf('错误');
    expect(errorCol).toBeGreaterThan(0);
    expect(String(ws.getRow(3).getCell(errorCol).value)).toContain('出勤率');
    expect(String(ws.getRow(4).getCell(errorCol).value)).toContain('会员号');
    expect(ws.getRow(2).getCell(errorCol).value ?? '').toBe('');

    const good = await workbook([
      [a!.memberNo, '', '', '100', '95'],
      ['', b!.name, b!.idMasked, '90', '59'],
    ]);
    const ok = await upload(`/api/courses/${courseId}/results/import`, good);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ ok: true, rows: 2, recorded: 2, passed: 1 });
    expect((await upload(`/api/courses/${courseId}/results/import/errors`, good)).json()).toMatchObject({ statusCode: 409, error: 'course_results_no_errors' });
  });
});

describe('completion', () => {
  it('writes each taught skill once per passed member across retries, re-runs and two concurrent calls; one notice each; nothing for who did not pass', async () => {
    const passed = [members[0]!.memberId, members[2]!.memberId];
    const failed = [members[1]!.memberId, members[3]!.memberId];
    const k = key();
    const [one, two] = await Promise.all([
      t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou, headers: { 'idempotency-key': k } }),
      t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou, headers: { 'idempotency-key': key() } }),
    ]);
    expect(one.statusCode, one.body).toBe(200);
    expect(two.statusCode, two.body).toBe(200);
    const written = one.json<{ skillsWritten: number }>().skillsWritten + two.json<{ skillsWritten: number }>().skillsWritten;
    expect(written).toBe(4);
    const retry = await t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou, headers: { 'idempotency-key': k } });
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.body).toBe(one.body);
    const rerun = await t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou, headers: { 'idempotency-key': key() } });
    expect(rerun.json()).toMatchObject({ skillsWritten: 0, membersNotified: 0, passed: 2 });

    expect(await count(`member_skill WHERE course_id = $1 AND member_id = ANY($2::bigint[])`, [courseId, passed])).toBe(4);
    expect(await count(`member_skill WHERE member_id = ANY($1::bigint[])`, [failed])).toBe(0);
    expect(await count(`member_skill_best WHERE member_id = ANY($1::bigint[]) AND ((skill_id = $2 AND level = 4) OR (skill_id = $3 AND level = 3))`, [passed, skillIds['F-0001'], skillIds['F-0002']])).toBe(4);
    const notices = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE kind = 'course_completed' ORDER BY id`);
    expect(notices).toHaveLength(2);
    for (const n of notices) {
      expect(n.body).toContain('您已完成《叉车司机培训（第一期）》，技能');
      expect(n.body).toContain('「叉车（三级）」');
      expect(n.body).toContain('已记入您的技能档案');
    }
    expect((await t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou, headers: { 'idempotency-key': k } })).statusCode).toBe(200);
    expect((await t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou })).json()).toMatchObject({ error: 'idempotency_key_required' });

    // the member sees the skill with its course
    const mine = (await t.request('GET', '/api/me/skills', { as: members[0] })).json<{ items: { label: string; sources: { source: string; courseId: number; courseTitle: string }[] }[] }>();
    const forklift = mine.items.find((s) => s.label === '叉车（三级）');
    expect(forklift?.sources).toEqual([expect.objectContaining({ source: 'course', courseId, courseTitle: '叉车司机培训（第一期）' })]);
  });

  it('a member who passes later is credited by the next completion, the others not again', async () => {
    await t.request('PUT', `/api/courses/${courseId}/results`, { as: huazhou, body: { memberId: members[1]!.memberId, attendancePct: 90, mark: 70 } });
    const res = await t.request('POST', `/api/courses/${courseId}/complete`, { as: huazhou, headers: { 'idempotency-key': key() } });
    expect(res.json()).toMatchObject({ skillsWritten: 2, membersNotified: 1, passed: 3 });
    expect(await count(`outbox WHERE kind = 'course_completed'`)).toBe(2 + 1);
  });
});

describe('the member’s courses', () => {
  it('lists open training activities in reach set up as courses, with what each teaches', async () => {
    const res = await t.request('GET', '/api/me/courses', { as: members[0] });
    expect(res.statusCode, res.body).toBe(200);
    const item = res.json<{ items: { id: number; skills: { label: string }[] }[] }>().items.find((c) => c.id === courseId);
    expect(item?.skills.map((s) => s.label)).toContain('叉车（三级）');
    expect(res.json<{ items: { id: number }[] }>().items.some((c) => c.id === otherActivity)).toBe(false);
    expect((await t.request('GET', '/api/me/courses', { as: huazhou })).statusCode).toBe(403);
  });
});
