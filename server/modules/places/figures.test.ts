// The places figures (阵地数据) over HTTP, counted from rows the slices' own routes make: places of
// each kind in service, closed and merged; visits by door code and by member card; bookings with a
// check-in and no-shows (the sweep's); a problem resolved 5 hours after it was reported and one
// overdue; a childcare programme with two children enrolled and a roll call. The per-union rows add
// up to the totals; another subtree's rows never count and its union is 404; the xlsx report holds
// the same numbers (audited, refused to the read-only role); a bad period is a clear 400.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceFigures } from '../../../contracts/place-figures.ts';
import type { PlaceDesk } from '../../../contracts/place-status.ts';
import { closeWindow, createProgramme, enrol, enrolBody, programmeBody } from '../../../tests/helpers/childcare.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { insertSlot } from '../../../tests/helpers/place-bookings.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { loginWorker, newMemberSessions } from '../../../tests/helpers/workers.ts';
import { sweepBookings } from './bookings.service.ts';

let t: TestApp;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};
const place: Record<string, number> = {};
const DAY = 86_400_000;
/** A Beijing day `days` from today. */
const dayIn = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
const FROM = dayIn(-1);
const TO = dayIn(45);
const PERIOD = `from=${FROM}&to=${TO}`;
const key = () => ({ 'idempotency-key': randomUUID() });
const ok = <T = unknown>(res: { statusCode: number; body: string; json: () => unknown }, what: string): T => {
  expect(res.statusCode, `${what}: ${res.body}`).toBeLessThan(300);
  return res.json() as T;
};

async function figures(who: Session, query = PERIOD): Promise<PlaceFigures> {
  return ok<PlaceFigures>(await t.request('GET', `/api/places/figures?${query}`, { as: who }), 'figures');
}

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  const county = await t.make.org({ level: 'county', name: '阵地统计测试区总工会' });
  org.county = county.id;
  const townA = await t.make.org({ level: 'town', parent: county, name: '阵地统计甲街道总工会' });
  const townB = await t.make.org({ level: 'town', parent: county, name: '阵地统计乙街道总工会' });
  org.townA = townA.id;
  org.townB = townB.id;
  const elsewhere = await t.make.org({ level: 'county', name: '阵地统计别处区总工会' });
  org.elsewhere = elsewhere.id;
  for (const k of ['county', 'townA', 'townB', 'elsewhere'] as const) as[k] = await t.login((await t.make.staff({ org: org[k], username: `pf_${k.toLowerCase()}` })).username);
  as.viewer = await t.login((await t.make.staff({ org: org.county, username: 'pf_viewer', roles: ['viewer'] })).username);

  // places: the county's own hall; townA's station and bookable reading room; townB's workers' home,
  // one closed and one merged into it; elsewhere a station (never counted here)
  place.hall = (await t.make.place({ org: county, kind: 'hall', name: '阵地统计区工人文化活动中心' })).id;
  place.station = (await t.make.place({ org: townA, kind: 'station', name: '阵地统计甲社区爱心驿站' })).id;
  place.reading = (await t.make.place({ org: townA, kind: 'readingRoom', name: '阵地统计甲职工书屋', bookable: true })).id;
  place.home = (await t.make.place({ org: townB, kind: 'workersHome', name: '阵地统计乙职工之家' })).id;
  place.closed = (await t.make.place({ org: townB, kind: 'station', name: '阵地统计乙旧驿站' })).id;
  place.dup = (await t.make.place({ org: townB, kind: 'workersHome', name: '阵地统计乙职工之家（重复）' })).id;
  place.far = (await t.make.place({ org: elsewhere, kind: 'station', name: '阵地统计别处驿站' })).id;
  ok(await t.request('POST', `/api/places/${place.closed}/close`, { as: as.townB, body: { reason: '场地拆迁' } }), 'close');
  ok(await t.request('POST', `/api/places/${place.dup}/merge`, { as: as.townB, body: { into: place.home } }), 'merge');

  // visits: a worker scans the station's door code; the desk scans a member's card; one elsewhere
  const worker = await loginWorker(t, admin);
  const desk = ok<PlaceDesk>(await t.request('GET', `/api/places/${place.station}/desk`, { as: as.townA }), 'desk');
  ok(await t.request('POST', '/api/me/place-visits', { as: worker, body: { code: desk.doorCode } }), 'door visit');
  const members = await newMemberSessions(t, admin, 3, { org: await t.make.org({ parent: townA, level: 'grassroots' }) });
  const token = ok<{ token: string }>(await t.request('GET', '/api/me/card', { as: members[0] }), 'card').token;
  ok(await t.request('POST', `/api/places/${place.station}/visits`, { as: as.townA, body: { token } }), 'card visit');
  const farDesk = ok<PlaceDesk>(await t.request('GET', `/api/places/${place.far}/desk`, { as: as.elsewhere }), 'far desk');
  ok(await t.request('POST', '/api/me/place-visits', { as: worker, body: { code: farDesk.doorCode } }), 'far visit');

  // bookings at the reading room in 3 days: three booked at 09:00 (one checked in, two no-shows by
  // the sweep), one booked at 14:00 and cancelled
  ok(await t.request('PUT', `/api/places/${place.reading}/booking-rule`, { as: as.townA, body: { maxUpcoming: 10, maxPerDay: 10, cancelBeforeMinutes: 0, noShowLimit: 9, noShowWindowDays: 90, suspendDays: 30 } }), 'rule');
  const day = dayIn(3);
  const s1 = await insertSlot(t, place.reading, new Date(`${day}T09:00:00+08:00`), { capacity: 4 });
  const s2 = await insertSlot(t, place.reading, new Date(`${day}T14:00:00+08:00`), { capacity: 4, title: '下午' });
  const book = (i: number, slot: number) => t.request('POST', `/api/place-slots/${slot}/bookings`, { as: members[i], headers: key() });
  const b = [await book(0, s1), await book(1, s1), await book(2, s1), await book(0, s2)].map((r) => ok<{ id: number }>(r, 'book'));
  await t.db.query(`UPDATE place_booking SET state = 'checkedIn', checked_in_at = now() WHERE id = $1`, [b[0]!.id]);
  ok(await t.request('POST', `/api/me/place-bookings/${b[3]!.id}/cancel`, { as: members[0] }), 'cancel');
  await sweepBookings(t.app.deps, new Date(`${day}T23:00:00+08:00`));

  // problems at the station: one resolved 5 hours after it was reported, one open past its deadline
  const report = async (who: Session, kind: string, text: string) => {
    const form = multipart({ kind, text });
    return ok<{ id: number }>(await t.request('POST', `/api/me/places/${place.station}/problems`, { as: who, body: form.payload, headers: { ...form.headers, ...key() } }), 'report').id;
  };
  const resolved = await report(worker, 'noWater', '饮水机没有水了');
  ok(await t.request('POST', `/api/place-problems/${resolved}/resolve`, { as: as.townA, body: { note: '已送来两桶水' } }), 'resolve');
  await t.db.query(`UPDATE place_problem SET created_at = resolved_at - interval '5 hours' WHERE id = $1`, [resolved]);
  const overdue = await report(members[1]!, 'broken', '微波炉坏了');
  await t.db.query(`UPDATE place_problem SET due_at = now() - interval '1 day' WHERE id = $1`, [overdue]);

  // childcare at townB: two children enrolled, allocated, one present and one absent at the first session
  const parents = await newMemberSessions(t, admin, 2, { org: await t.make.org({ parent: townB, level: 'grassroots' }) });
  const programme = await createProgramme(t, as.townB!, programmeBody(org.townB, { capacity: 5 }));
  const enrolments = [];
  for (const [i, p] of parents.entries()) enrolments.push(ok<{ id: number }>(await enrol(t, p, programme.id, enrolBody({ childName: ['陈小雨', '黄小强'][i] })), 'enrol').id);
  await closeWindow(t, programme.id);
  ok(await t.request('POST', `/api/childcare/programmes/${programme.id}/allocate`, { as: as.townB }), 'allocate');
  const marks = [{ enrolmentId: enrolments[0]!, present: true }, { enrolmentId: enrolments[1]!, present: false }];
  ok(await t.request('PUT', `/api/childcare/sessions/${programme.sessions[0]!.id}/attendance`, { as: as.townB, body: { marks } }), 'attendance');
});
afterAll(async () => t.close());

describe('counts', () => {
  it('counts the county\'s places, visits, bookings, problems and childcare from the slices\' rows', async () => {
    const f = await figures(as.county!);
    expect(f.org).toEqual({ id: org.county, name: '阵地统计测试区总工会' });
    expect(f).toMatchObject({ from: FROM, to: TO });
    expect(f.places).toMatchObject({ inService: 4, closed: 1, merged: 1, problemsOpen: 1 });
    const kind = (k: string) => f.places.byKind.find((r) => r.kind === k);
    expect(f.places.byKind).toHaveLength(7);
    expect(kind('station')).toEqual({ kind: 'station', inService: 1, closed: 1, merged: 0, problemsOpen: 1 });
    expect(kind('workersHome')).toEqual({ kind: 'workersHome', inService: 1, closed: 0, merged: 1, problemsOpen: 0 });
    expect(kind('readingRoom')).toMatchObject({ inService: 1 });
    expect(kind('hall')).toMatchObject({ inService: 1 });
    expect(f.visits).toMatchObject({ count: 2, distinctVisitors: 2, door: 1, card: 1, unit: 'day' });
    expect(f.visits.series).toHaveLength(47);
    expect(f.visits.series[0]!.period).toBe(FROM);
    expect(f.visits.series.reduce((s, p) => s + p.count, 0)).toBe(2);
    expect(f.bookings).toEqual({ slots: 2, capacity: 8, booked: 3, checkedIn: 1, noShows: 2, cancelled: 1, rejected: 0, utilisation: 0.375, checkinRate: 0.333 });
    expect(f.problems).toEqual({ reported: 2, resolved: 1, open: 1, overdue: 1, medianHoursToResolve: 5 });
    expect(f.childcare).toMatchObject({ programmes: 1, enrolments: 2, enrolled: 2, places: 5, attendanceRate: 0.5 });
    expect(f.childcare.sessions).toBeGreaterThanOrEqual(1);
    expect(f).not.toHaveProperty('total');
  });

  it('gives the county\'s own row and one per town below it, adding up to the totals', async () => {
    const f = await figures(as.county!);
    expect(f.byUnion.map((r) => [r.org.name, r.isSelf, r.places, r.visits, r.bookings, r.noShows, r.problems, r.problemsOpen])).toEqual([
      ['阵地统计测试区总工会', true, 1, 0, 0, 0, 0, 0],
      ['阵地统计甲街道总工会', false, 2, 2, 3, 2, 2, 1],
      ['阵地统计乙街道总工会', false, 1, 0, 0, 0, 0, 0],
    ]);
    expect(f.byUnion[1]!.level).toBe('town');
    const sum = (pick: (r: PlaceFigures['byUnion'][number]) => number) => f.byUnion.reduce((s, r) => s + pick(r), 0);
    expect(sum((r) => r.places)).toBe(f.places.inService);
    expect(sum((r) => r.visits)).toBe(f.visits.count);
    expect(sum((r) => r.bookings)).toBe(f.bookings.booked);
    expect(sum((r) => r.noShows)).toBe(f.bookings.noShows);
    expect(sum((r) => r.problems)).toBe(f.problems.reported);
  });

  it('counts a town\'s subtree alone, and draws a year by month', async () => {
    const b = await figures(as.townB!);
    expect(b.places).toMatchObject({ inService: 1, closed: 1, merged: 1 });
    expect(b.visits.count).toBe(0);
    expect(b.childcare.enrolments).toBe(2);
    expect(b.byUnion.map((r) => r.org.name)).toEqual(['阵地统计乙街道总工会']);
    const a = await figures(as.county!, `orgId=${org.townA}&${PERIOD}`);
    expect(a.childcare.programmes).toBe(0);
    expect(a.bookings.noShows).toBe(2);
    const year = dayIn(0).slice(0, 4);
    const byMonth = await figures(as.county!, `from=${year}-01-01&to=${year}-12-31`);
    expect(byMonth.visits.unit).toBe('month');
    expect(byMonth.visits.series.map((s) => s.period)).toEqual(Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`));
    expect(byMonth.visits.series.reduce((s, p) => s + p.count, 0)).toBe(2);
  });

  it('defaults to this year up to today (Beijing)', async () => {
    const f = await figures(as.county!, '');
    expect(f).toMatchObject({ from: `${dayIn(0).slice(0, 4)}-01-01`, to: dayIn(0) });
    // today's visits count; the bookings in 3 days do not yet
    expect(f.visits.count).toBe(2);
    expect(f.bookings.booked).toBe(0);
  });

  it('counts nothing of a period with no rows, and the problems open now whatever the period', async () => {
    const f = await figures(as.county!, 'from=2020-01-01&to=2020-12-31');
    expect(f.visits.count).toBe(0);
    expect(f.problems).toMatchObject({ reported: 0, resolved: 0, open: 1, overdue: 1, medianHoursToResolve: null });
    expect(f.bookings).toMatchObject({ booked: 0, utilisation: null, checkinRate: null });
    expect(f.childcare).toMatchObject({ programmes: 0, attendanceRate: null });
  });
});

describe('scope and bad input', () => {
  it('answers 404 for a union of another subtree or none; the other subtree counts only its own', async () => {
    for (const q of [`orgId=${org.county}`, `orgId=${org.townA}`, 'orgId=99999999']) {
      for (const url of ['/api/places/figures', '/api/places/figures.xlsx']) {
        const res = await t.request('GET', `${url}?${q}&${PERIOD}`, { as: as.elsewhere });
        expect(res.statusCode, `${url} ${q}`).toBe(404);
        expect(res.json().error).toBe('not_found');
      }
    }
    const far = await figures(as.elsewhere!);
    expect(far.places.inService).toBe(1);
    expect(far.visits.count).toBe(1);
    expect(far.problems.open).toBe(0);
    // a town sees its own subtree only, never the county above it
    expect((await t.request('GET', `/api/places/figures?orgId=${org.county}`, { as: as.townA })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/places/figures')).statusCode).toBe(401);
  });

  it('refuses a reversed, too long or malformed period with a clear code', async () => {
    const bad = async (q: string) => {
      const res = await t.request('GET', `/api/places/figures?${q}`, { as: as.county });
      expect(res.statusCode, q).toBe(400);
      return res.json<{ error: string; message: string }>();
    };
    expect((await bad(`from=${dayIn(2)}&to=${dayIn(1)}`)).error).toBe('validation_failed');
    expect(await bad('from=2024-01-01&to=2025-06-30')).toMatchObject({ error: 'place_figures_period_invalid', message: expect.stringContaining('366 天') });
    expect((await bad(`from=${dayIn(30)}`)).error).toBe('place_figures_period_invalid');
    expect((await bad('from=2026-02-30&to=2026-03-01')).error).toBe('validation_failed');
    expect((await bad('from=20260101')).error).toBe('validation_failed');
    expect((await bad('orgId=abc')).error).toBe('validation_failed');
    expect((await bad('size=3')).error).toBe('validation_failed');
  });
});

describe('the xlsx report', () => {
  it('holds the same numbers under Chinese headers, and is audited', async () => {
    const res = await t.request('GET', `/api/places/figures.xlsx?${PERIOD}`, { as: as.county });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain(`阵地数据_阵地统计测试区总工会_${FROM}至${TO}.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['概览', '按类型', '到访', '按下级工会']);
    const pairs = new Map<string, unknown>();
    wb.getWorksheet('概览')!.eachRow((row) => pairs.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(pairs.get('在用阵地')).toBe(4);
    expect(pairs.get('到访人次')).toBe(2);
    expect(pairs.get('预约未到')).toBe(2);
    expect(pairs.get('处理用时中位数（小时）')).toBe(5);
    expect(pairs.get('托管出勤率')).toBe('50.0%');
    const units = wb.getWorksheet('按下级工会')!;
    expect(units.getRow(1).values).toEqual([undefined, '工会组织', '层级', '范围', '在用阵地', '到访人次', '预约数', '预约未到', '报告问题', '未处理问题']);
    expect(units.getRow(3).values).toEqual([undefined, '阵地统计甲街道总工会', '镇街总工会', '含下级', 2, 2, 3, 2, 2, 1]);
    expect(units.getRow(5).values).toEqual([undefined, '合计', '', '', 4, 2, 3, 2, 2, 1]);
    const kinds = wb.getWorksheet('按类型')!;
    expect(kinds.getRow(2).values).toEqual([undefined, '爱心驿站', 1, 1, 0, 1]);
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'place.figures_export' AND target_id = $1`, [String(org.county)]);
    expect(a!.n).toBe(1);
  });

  it('is refused to a read-only account, which still reads the figures', async () => {
    expect((await t.request('GET', `/api/places/figures.xlsx?${PERIOD}`, { as: as.viewer })).statusCode).toBe(403);
    expect((await figures(as.viewer!)).places.inService).toBe(4);
  });
});
