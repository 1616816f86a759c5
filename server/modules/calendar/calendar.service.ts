// The working-day calendar (工作日历), shared kit: any module counting a limit in working days loads
// the calendar here and does the arithmetic with server/lib/working-days.ts. Every staff role reads
// it; the province's staff admins change it, each change audited.
import type { CalendarDay, SetCalendarDayInput } from '../../../contracts/calendar.ts';
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { AppError } from '../../errors.ts';
import { isWorkingDay, makeCalendar, shiftDay, type WorkingCalendar } from '../../lib/working-days.ts';
import * as repo from './calendar.repo.ts';

/** The calendar as it stands, for counting working days (a few dozen rows a year, read whole). */
export async function loadCalendar(q: Queryable): Promise<WorkingCalendar> {
  return makeCalendar(await repo.findAllDays(q));
}

/** The holidays and 调休 days of a year, and how many working days it has. */
export async function getYear(ctx: StaffContext, year: number): Promise<{ year: number; days: CalendarDay[]; workingDays: number }> {
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const items = await repo.findDaysBetween(ctx.db, from, to);
  const cal = makeCalendar(items);
  let workingDays = 0;
  for (let d = from; d <= to; d = shiftDay(d)) if (isWorkingDay(cal, d)) workingDays++;
  return { year, days: items, workingDays };
}

/** The province's staff admins (the root of the federation) only. Throws calendar_admin_only. */
function requireProvinceAdmin(ctx: StaffContext): void {
  if (!ctx.actor.roles.includes('admin') || ctx.scope.path.includes('.')) throw new AppError('calendar_admin_only');
}

const isWeekend = (day: string) => [0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay());

/**
 * Adds or changes one day. A 调休 working day is a Saturday or Sunday worked; a holiday may fall on
 * any day. Throws calendar_admin_only, calendar_workday_not_weekend.
 */
export async function setDay(ctx: StaffContext, day: string, input: SetCalendarDayInput): Promise<CalendarDay> {
  requireProvinceAdmin(ctx);
  if (input.kind === 'workday' && !isWeekend(day)) throw new AppError('calendar_workday_not_weekend');
  const row: CalendarDay = { day, kind: input.kind, name: input.name, note: input.note ?? '' };
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findDay(tx, day);
    await repo.upsertDay(tx, row);
    await audit(tx, ctx, 'calendar.day_set', { type: 'calendar_day', id: day, orgPath: ctx.scope.path }, { before: before ?? null, after: row });
    return row;
  });
}

/** Removes one day (it becomes an ordinary weekday or weekend again). Throws calendar_admin_only, not_found. */
export async function removeDay(ctx: StaffContext, day: string, reason: string): Promise<{ ok: true }> {
  requireProvinceAdmin(ctx);
  return ctx.db.transaction(async (tx) => {
    const before = await repo.findDay(tx, day);
    if (!before || !(await repo.deleteDay(tx, day))) throw new AppError('not_found');
    await audit(tx, ctx, 'calendar.day_removed', { type: 'calendar_day', id: day, orgPath: ctx.scope.path }, { before, reason });
    return { ok: true as const };
  });
}
