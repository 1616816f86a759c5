// The rights figures (维权统计): tickets of a subtree filed in a period of Beijing days — by channel,
// category and state; the on-time rate of the clocks per level (the chosen union itself and each
// union directly below it with its subtree); satisfaction, money recovered, overdue now, reopened.
// Served as JSON (GET /api/tickets/figures) and as an xlsx report (GET /api/tickets/figures.xlsx).
import { z } from 'zod';
import { idString } from './common.ts';
import { orgLevels } from './orgs.ts';
import { ticketCategories, ticketChannels, ticketStates } from './tickets.ts';

const ref = z.object({ id: z.number().int(), name: z.string() });

export const ticketFiguresQuery = z
  .strictObject({
    orgId: idString('工会组织（含下级；须在管理范围内，默认本工会）').optional(),
    from: z.iso.date().optional().describe('登记日期不早于（北京时间，默认今年 1 月 1 日）'),
    to: z.iso.date().optional().describe('登记日期不晚于（北京时间，默认今天）'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type TicketFiguresQuery = z.infer<typeof ticketFiguresQuery>;

const count = z.number().int().min(0);

/** One row of the on-time table: the clocks of a union (or of a union's whole subtree). */
export const ticketOnTimeRow = z.object({
  org: ref,
  level: z.enum(orgLevels).describe('组织层级'),
  isSelf: z.boolean().describe('true：所选工会本级的时钟；false：该下级工会及其下级的时钟'),
  clocks: count.describe('计入的时钟数：本级已办结或转办的，以及仍在办理但已超期的'),
  onTime: count.describe('在本级办结期限内（含挂起顺延、批准的延期）办结或转办的'),
  late: count.describe('超过本级期限才办结或转办的，以及仍在办理且已超期的'),
  onTimeRate: z.number().min(0).max(1).nullable().describe('按期办结率（无计入的时钟为 null）'),
});
export type TicketOnTimeRow = z.infer<typeof ticketOnTimeRow>;

export const ticketFigures = z.object({
  org: ref,
  from: z.string().describe('统计起始日（北京时间）'),
  to: z.string().describe('统计截止日（北京时间，含当天）'),
  tickets: count.describe('期间登记的工单数'),
  byChannel: z.array(z.object({ channel: z.enum(ticketChannels), count })),
  byCategory: z.array(z.object({ category: z.enum(ticketCategories), count })),
  byState: z.array(z.object({ state: z.enum(ticketStates), count })),
  onTime: z.object({ clocks: count, onTime: count, late: count, onTimeRate: z.number().min(0).max(1).nullable() }).describe('全部计入的时钟合计'),
  byLevel: z.array(ticketOnTimeRow).describe('所选工会本级一行，每个有时钟的直属下级工会（含其下级）一行'),
  ratedCount: count.describe('已评价的工单数'),
  averageRating: z.number().min(1).max(5).nullable().describe('平均满意度（1–5 分，无评价为 null）'),
  recoveredFen: z.number().int().min(0).describe('办结追回金额合计（分）'),
  closed: count.describe('期间登记且已办结的工单数'),
  reopened: count.describe('因不满意重新办理过的工单数'),
  overdueNow: count.describe('当前超期未办结的工单数（不限登记期间）'),
});
export type TicketFigures = z.infer<typeof ticketFigures>;
