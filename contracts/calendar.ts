// The working-day calendar (工作日历): the public holidays and 调休 make-up working days of the year,
// which every deadline counted in working days honours. Read by every staff role; changed by the
// province's staff admins only.
import { z } from 'zod';
import { text } from './common.ts';

export const calendarDayKinds = ['holiday', 'workday'] as const;
export type CalendarDayKind = (typeof calendarDayKinds)[number];
export const calendarDayKindLabels: Record<CalendarDayKind, string> = { holiday: '节假日（休息）', workday: '调休上班' };

/** A date as people write it, YYYY-MM-DD, a real day of the calendar. */
export const calendarDate = z.iso.date().describe('日期 YYYY-MM-DD');

export const calendarDay = z.object({
  day: z.string().describe('YYYY-MM-DD'),
  kind: z.enum(calendarDayKinds).describe('holiday：节假日，休息；workday：调休上班日（周末上班）'),
  name: z.string().describe('节日名称，如 国庆节、国庆节调休'),
  note: z.string(),
});
export type CalendarDay = z.infer<typeof calendarDay>;

export const calendarQuery = z.strictObject({
  year: z
    .string()
    .regex(/^20[0-9]{2}$/, '应为四位年份')
    .transform(Number)
    .describe('年份，如 2026'),
});

export const calendarYear = z.object({
  year: z.number().int(),
  days: z.array(calendarDay).describe('节假日和调休上班日（不分页：一年几十天）'),
  /** working days in the year, as the calendar counts them */
  workingDays: z.number().int(),
});

export const calendarDayParams = z.strictObject({ day: calendarDate });

export const setCalendarDayBody = z.strictObject({
  kind: z.enum(calendarDayKinds),
  name: text(1, 30),
  note: text(0, 200).optional(),
});
export type SetCalendarDayInput = z.infer<typeof setCalendarDayBody>;

export const removeCalendarDayBody = z.strictObject({ reason: text(2, 200).describe('删除原因（记入审计日志）') });
