// The working-day calendar over HTTP: the seeded 2026 schedule, a year's working days as the
// calendar counts them, and changes by the province's staff admins only, each audited; the loaded
// calendar honours a change at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { addWorkingDays, isWorkingDay } from '../../lib/working-days.ts';
import { loadCalendar } from './calendar.service.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let viewer: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  huazhou = await t.login('huazhou');
  viewer = await t.login('huazhou-view');
});
afterAll(async () => t.close());

const auditsOf = async (action: string) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]))[0]!.n;

describe('the working-day calendar', () => {
  it('holds the 2026 schedule: the National Day holiday and its two 调休 weekend days', async () => {
    const res = await t.request('GET', '/api/calendar/days?year=2026', { as: viewer });
    expect(res.statusCode, res.body).toBe(200);
    const year = res.json<{ days: { day: string; kind: string }[]; workingDays: number }>();
    const kindOf = new Map(year.days.map((d) => [d.day, d.kind]));
    expect(kindOf.get('2026-10-07')).toBe('holiday');
    expect(kindOf.get('2026-09-20')).toBe('workday');
    expect(kindOf.get('2026-10-10')).toBe('workday');
    // every item lies in the year asked for
    expect(year.days.every((d) => d.day.startsWith('2026-'))).toBe(true);
    // weekdays of the year, less the holidays on weekdays, plus the 调休 weekend days
    let weekdays = 0;
    for (let d = new Date('2026-01-01T00:00:00Z'); d.getUTCFullYear() === 2026; d = new Date(d.getTime() + 86_400_000)) {
      if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) weekdays++;
    }
    const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());
    const offWeekdays = year.days.filter((d) => d.kind === 'holiday' && !isWeekend(d.day)).length;
    const onWeekends = year.days.filter((d) => d.kind === 'workday' && isWeekend(d.day)).length;
    expect(year.workingDays).toBe(weekdays - offWeekdays + onWeekends);
  });

  it('2027 holds the statutory holidays, marked as waiting for the announced schedule', async () => {
    const year = (await t.request('GET', '/api/calendar/days?year=2027', { as: huazhou })).json<{ days: { day: string; kind: string; note: string }[] }>();
    expect(year.days.map((d) => d.day)).toContain('2027-02-06');
    expect(year.days.every((d) => d.kind === 'holiday' && d.note.includes('待国务院公布'))).toBe(true);
  });

  it('a province admin adds a 调休 day, the loaded calendar counts it, and removing it restores the weekend; both audited', async () => {
    const before = await loadCalendar(t.db);
    expect(isWorkingDay(before, '2027-02-20')).toBe(false); // a Saturday
    const set = await t.request('PUT', '/api/calendar/days/2027-02-20', { as: admin, body: { kind: 'workday', name: '春节调休' } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ day: '2027-02-20', kind: 'workday', name: '春节调休', note: '' });
    const after = await loadCalendar(t.db);
    expect(isWorkingDay(after, '2027-02-20')).toBe(true);
    // Friday 19 February + 1 working day: the Saturday now
    expect(addWorkingDays(after, '2027-02-19', 1)).toBe('2027-02-20');
    expect(await auditsOf('calendar.day_set')).toBe(1);

    const removed = await t.request('POST', '/api/calendar/days/2027-02-20/remove', { as: admin, body: { reason: '录入错误' } });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(isWorkingDay(await loadCalendar(t.db), '2027-02-20')).toBe(false);
    expect(await auditsOf('calendar.day_removed')).toBe(1);
    const again = await t.request('POST', '/api/calendar/days/2027-02-20/remove', { as: admin, body: { reason: '录入错误' } });
    expect(again.json().error).toBe('not_found');
  });

  it('refuses a 调休 day on a weekday, and changes by anyone but a province admin; nothing changes', async () => {
    const snapshot = () => t.db.query(`SELECT day::text, kind, name FROM calendar_day ORDER BY day`);
    const before = await snapshot();
    const weekday = await t.request('PUT', '/api/calendar/days/2027-03-03', { as: admin, body: { kind: 'workday', name: '调休' } });
    expect(weekday.statusCode).toBe(400);
    expect(weekday.json()).toEqual({ error: 'calendar_workday_not_weekend', message: '调休上班日只能设在周六或周日', statusCode: 400 });
    for (const as of [huazhou, viewer]) {
      const res = await t.request('PUT', '/api/calendar/days/2027-03-06', { as, body: { kind: 'workday', name: '调休' } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toBe('calendar_admin_only');
      expect((await t.request('POST', '/api/calendar/days/2026-10-07/remove', { as, body: { reason: '越权删除' } })).json().error).toBe('calendar_admin_only');
    }
    expect((await t.request('PUT', '/api/calendar/days/2027-02-30', { as: admin, body: { kind: 'holiday', name: '不存在' } })).statusCode).toBe(400);
    expect((await t.request('GET', '/api/calendar/days?year=2026')).statusCode).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});
