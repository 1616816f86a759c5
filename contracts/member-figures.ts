// The members' month-by-month figures of a subtree (the 24-month growth line of the dashboard, 一屏总览):
// the shape served (`GET /api/dashboard/series`, kept by 050's member_month tally) and the
// dashboard screen draws. Design: docs/design/enterprise-file.md §7.
import { z } from 'zod';
import { idString } from './common.ts';

/** A Beijing calendar month, YYYY-MM. */
export const calendarMonth = z.string().regex(/^(19[5-9][0-9]|2[01][0-9]{2})-(0[1-9]|1[0-2])$/, '应为 YYYY-MM 格式的月份');

export const memberSeriesQuery = z.strictObject({
  orgId: idString('统计的组织（默认本组织）').optional(),
  to: calendarMonth.optional().describe('最后一个月（默认本月）；共 24 个月'),
});

export const memberSeriesMonth = z.object({
  month: z.string().describe('YYYY-MM'),
  /** counted members at the end of the month */
  members: z.number().int(),
  /** joined + rejoined in the month */
  joins: z.number().int(),
  departures: z.number().int(),
  transfersIn: z.number().int(),
  transfersOut: z.number().int(),
});

export const memberSeries = z.object({
  orgId: z.number().int(),
  orgName: z.string(),
  months: z.array(memberSeriesMonth).describe('24 个月，从早到晚'),
});
export type MemberSeries = z.infer<typeof memberSeries>;
