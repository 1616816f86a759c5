// Who sees a child's data, and a session's roster: staff of the running union and above see the
// enrolments masked; the full data is revealed only to the running union's own staff, with a reason,
// audited; another subtree gets 404 and the data never leaks. Attendance ticked per child, the
// pick-up recorded by a named adult (a listed one, or another with a note); the Excel roster; figures.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { closeWindow, createProgramme, enrol, enrolBody, programmeBody } from '../../../tests/helpers/childcare.ts';
import { makeScope } from '../../http/scope.ts';
import type { StaffContext } from '../../http/context.ts';
import { childcareFigures } from './childcare.service.ts';

let t: TestApp;
let admin: Session;
let shiwan: Session;
let huazhou: Session;
let yangjiang: Session;
let shiwanId: number;
let huazhouId: number;
let parents: MemberLogin[];
let programmeId: number;
let sessionId: number;
const enrolled: number[] = [];

beforeAll(async () => {
  t = await startTestApp();
  [admin, shiwan, huazhou, yangjiang] = await Promise.all([t.login('admin'), t.login('shiwan'), t.login('huazhou'), t.login('yangjiang')]);
  [shiwanId, huazhouId] = await Promise.all([t.demoOrg('shiwan'), t.demoOrg('huazhou')]);
  parents = await newMemberSessions(t, admin, 3, { org: shiwanId });
  const p = await createProgramme(t, shiwan, programmeBody(shiwanId, { title: '石湾周六课堂', capacity: 10 }));
  programmeId = p.id;
  sessionId = p.sessions[0]!.id;
  for (const [i, parent] of parents.entries()) {
    const res = await enrol(t, parent, programmeId, enrolBody({ childName: ['黄子涵', '周雨桐', '吴浩然'][i] }));
    enrolled.push(res.json().id);
  }
  await closeWindow(t, programmeId);
  await t.request('POST', `/api/childcare/programmes/${programmeId}/allocate`, { as: shiwan });
  // the session has begun (its start moved to an hour ago), so pick-ups can be recorded now
  await t.db.query(`UPDATE childcare_session SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 minute' WHERE id = $1`, [sessionId]);
});
afterAll(async () => t.close());

const audits = async (action: string) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]))[0]!.n;

describe('who sees a child’s data', () => {
  it('the running union and the unions above see the list masked; another subtree gets 404', async () => {
    for (const as of [shiwan, huazhou]) {
      const res = await t.request('GET', `/api/childcare/programmes/${programmeId}/enrolments`, { as });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.map((e: { childNameMasked: string }) => e.childNameMasked).sort()).toEqual(['吴*然', '周*桐', '黄*涵']);
      expect(res.body).not.toContain('黄子涵');
      expect(res.body).not.toContain('13800138002');
      expect(res.body).not.toContain('花生');
    }
    const other = await t.request('GET', `/api/childcare/programmes/${programmeId}/enrolments`, { as: yangjiang });
    expect(other.statusCode).toBe(404);
    expect((await t.request('GET', `/api/childcare/sessions/${sessionId}`, { as: yangjiang })).statusCode).toBe(404);
  });

  it('the running union’s staff reveal the full data with a reason, audited; a union above may not; another subtree 404', async () => {
    const before = await audits('childcare.reveal');
    const res = await t.request('POST', `/api/childcare/enrolments/${enrolled[0]}/reveal`, { as: shiwan, body: { reason: '核对过敏情况' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ childName: '黄子涵', allergies: '花生过敏', pickupAdults: [{ name: '王秀兰' }, { name: '李大山' }] });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(await audits('childcare.reveal')).toBe(before + 1);
    const above = await t.request('POST', `/api/childcare/enrolments/${enrolled[0]}/reveal`, { as: huazhou, body: { reason: '上级查看' } });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toBe('childcare_reveal_own_union_only');
    const other = await t.request('POST', `/api/childcare/enrolments/${enrolled[0]}/reveal`, { as: yangjiang, body: { reason: '越权查看' } });
    expect(other.statusCode).toBe(404);
    expect(await audits('childcare.reveal')).toBe(before + 1);
    // nothing of the child in the audit log's details
    const [row] = await t.db.query<{ d: string }>(`SELECT detail::text AS d FROM audit_log WHERE action = 'childcare.reveal' ORDER BY id DESC LIMIT 1`);
    expect(row!.d).not.toContain('黄子涵');
  });
});

describe('attendance and pick-up', () => {
  it('ticks present and absent for the enrolled children only', async () => {
    const res = await t.request('PUT', `/api/childcare/sessions/${sessionId}/attendance`, {
      as: shiwan,
      body: { marks: [{ enrolmentId: enrolled[0], present: true }, { enrolmentId: enrolled[1], present: true }, { enrolmentId: enrolled[2], present: false }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const byId = new Map(res.json<{ children: { enrolmentId: number; present: boolean }[] }>().children.map((r) => [r.enrolmentId, r.present]));
    expect([byId.get(enrolled[0]!), byId.get(enrolled[1]!), byId.get(enrolled[2]!)]).toEqual([true, true, false]);
    const stranger = await t.request('PUT', `/api/childcare/sessions/${sessionId}/attendance`, { as: shiwan, body: { marks: [{ enrolmentId: 99999999, present: true }] } });
    expect(stranger.json().error).toBe('childcare_not_enrolled');
    expect(await audits('childcare.attendance')).toBe(1);
  });

  it('records the pick-up by a listed adult, or by another adult with a note; refuses the rest', async () => {
    const listed = await t.request('POST', `/api/childcare/sessions/${sessionId}/pickups`, { as: shiwan, body: { enrolmentId: enrolled[0], adultIndex: 0 } });
    expect(listed.statusCode, listed.body).toBe(200);
    const row = listed.json<{ children: { enrolmentId: number; pickupNameMasked: string; pickupAuthorised: boolean; pickedUpAt: string }[] }>().children.find((r) => r.enrolmentId === enrolled[0])!;
    expect(row).toMatchObject({ pickupNameMasked: '王*兰', pickupAuthorised: true });
    expect(Date.now() - new Date(row.pickedUpAt).getTime()).toBeLessThan(600_000);
    expect(listed.body).not.toContain('王秀兰');

    const bad = async (body: Record<string, unknown>) => (await t.request('POST', `/api/childcare/sessions/${sessionId}/pickups`, { as: shiwan, body })).json().error;
    expect(await bad({ enrolmentId: enrolled[1], adultIndex: 3 })).toBe('childcare_pickup_adult_unknown');
    expect(await bad({ enrolmentId: enrolled[1], otherName: '张叔叔' })).toBe('childcare_pickup_note_required');
    expect(await bad({ enrolmentId: enrolled[2], adultIndex: 0 })).toBe('childcare_not_present');
    expect(await bad({ enrolmentId: enrolled[1], adultIndex: 0, at: new Date(Date.now() + 3_600_000).toISOString() })).toBe('childcare_pickup_time_invalid');
    expect(await bad({ enrolmentId: enrolled[1] })).toBe('validation_failed');

    const other = await t.request('POST', `/api/childcare/sessions/${sessionId}/pickups`, {
      as: shiwan,
      body: { enrolmentId: enrolled[1], otherName: '张志强', note: '邻居代接，已电话联系母亲确认' },
    });
    expect(other.statusCode, other.body).toBe(200);
    expect(other.json().children.find((r: { enrolmentId: number }) => r.enrolmentId === enrolled[1])).toMatchObject({ pickupNameMasked: '张*强', pickupAuthorised: false, pickupNote: '邻居代接，已电话联系母亲确认' });
    const [sealed] = await t.db.query<{ enc: Buffer }>(`SELECT pickup_name_enc AS enc FROM childcare_attendance WHERE enrolment_id = $1`, [enrolled[1]]);
    expect(t.pii.decrypt(sealed!.enc)).toBe('张志强');
  });

  it('downloads the roster: full names for the running union, masked for the union above; audited', async () => {
    const read = async (as: Session) => {
      const res = await t.request('GET', `/api/childcare/sessions/${sessionId}/roster.xlsx`, { as });
      expect(res.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      const cells: string[] = [];
      book.worksheets[0]!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value))));
      return cells.join('|');
    };
    const own = await read(shiwan);
    expect(own).toContain('黄子涵');
    expect(own).toContain('花生过敏');
    expect(own).toContain('出勤');
    const above = await read(huazhou);
    expect(above).not.toContain('黄子涵');
    expect(above).toContain('黄*涵');
    expect(above).not.toContain('花生');
    expect(await audits('childcare.roster_export')).toBe(2);
  });

  it('figures for a subtree and period: programmes, enrolments, places and the attendance rate', async () => {
    const ctx = { ...t.app.deps, actor: { kind: 'staff', staffId: 1, roles: ['admin'] }, scope: makeScope(huazhouId, (await t.db.query<{ p: string }>(`SELECT path::text AS p FROM org WHERE id = $1`, [huazhouId]))[0]!.p) } as unknown as StaffContext;
    const from = new Date(Date.now() - 86_400_000);
    const f = await childcareFigures(ctx, { from, to: new Date(Date.now() + 120 * 86_400_000) });
    expect(f).toMatchObject({ programmes: 1, enrolments: 3, enrolled: 3, places: 10, attendanceMarks: 3 });
    expect(f.attendanceRate).toBeCloseTo(2 / 3);
    expect(f.sessions).toBeGreaterThanOrEqual(5);
    const none = await childcareFigures(ctx, { from: new Date('2020-01-01'), to: new Date('2020-02-01') });
    expect(none).toMatchObject({ programmes: 0, enrolments: 0, attendanceRate: null });
    expect(Object.keys(f)).not.toContain('total');
  });
});
