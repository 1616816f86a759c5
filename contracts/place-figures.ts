// The places figures (阵地数据) of any subtree and period of Beijing days: places by kind × status
// (in service / closed / merged) with the problems open now; visits (by month or day, by door code
// or member card); bookings and no-shows; problems reported and the hours to resolve them;
// childcare; and one row per union directly below the chosen one. Served as JSON
// (GET /api/places/figures) and as an xlsx report (GET /api/places/figures.xlsx).
import { z } from 'zod';
import { idString } from './common.ts';
import { orgLevels } from './orgs.ts';
import { placeKinds } from './places.ts';

/** The longest period counted at once (a year, leap day included). */
export const PLACE_FIGURES_MAX_DAYS = 366;

export const placeFiguresQuery = z
  .strictObject({
    orgId: idString('工会组织（含下级；须在管理范围内，默认本工会）').optional(),
    from: z.iso.date().optional().describe('统计起始日（北京时间，默认今年 1 月 1 日）'),
    to: z.iso.date().optional().describe('统计截止日（北京时间，含当天，默认今天）'),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: '开始日期不能晚于结束日期', path: ['to'] });
export type PlaceFiguresQuery = z.infer<typeof placeFiguresQuery>;

const ref = z.object({ id: z.number().int(), name: z.string() });
const count = z.number().int().min(0);
const rate = z.number().min(0).nullable();

export const placeKindRow = z.object({
  kind: z.enum(placeKinds),
  inService: count.describe('在用'),
  closed: count.describe('已停用'),
  merged: count.describe('已并入其他阵地（重复登记）'),
  problemsOpen: count.describe('当前未处理的问题报告'),
});
export type PlaceKindRow = z.infer<typeof placeKindRow>;

/** One row of the per-union table: the chosen union's own places, or a union below it with its subtree. */
export const placeUnionRow = z.object({
  org: ref,
  level: z.enum(orgLevels),
  isSelf: z.boolean().describe('true：所选工会本级；false：该直属下级工会及其下级'),
  places: count.describe('在用阵地'),
  visits: count,
  bookings: count,
  noShows: count,
  problems: count.describe('期间报告的问题'),
  problemsOpen: count.describe('当前未处理的问题'),
});
export type PlaceUnionRow = z.infer<typeof placeUnionRow>;

export const placeFigures = z.object({
  org: ref,
  from: z.string().describe('统计起始日（北京时间）'),
  to: z.string().describe('统计截止日（北京时间，含当天）'),
  places: z.object({
    inService: count,
    closed: count,
    merged: count,
    problemsOpen: count,
    byKind: z.array(placeKindRow),
  }),
  visits: z.object({
    count,
    distinctVisitors: count.describe('到访的不同职工'),
    door: count.describe('扫门口二维码'),
    card: count.describe('工作人员扫会员卡'),
    unit: z.enum(['day', 'month']).describe('按日（期间不超过 62 天）或按月'),
    series: z.array(z.object({ period: z.string().describe('YYYY-MM-DD 或 YYYY-MM'), count })),
  }),
  bookings: z.object({
    slots: count,
    capacity: count.describe('名额合计'),
    booked: count.describe('预约数（不含已取消、已拒绝）'),
    checkedIn: count,
    noShows: count,
    cancelled: count,
    rejected: count,
    utilisation: rate.describe('预约率：预约数 ÷ 名额'),
    checkinRate: rate.describe('到场率：已签到 ÷（已签到 + 未到）'),
  }),
  problems: z.object({
    reported: count.describe('期间报告的'),
    resolved: count.describe('期间处理的'),
    open: count.describe('当前未处理的（不限期间）'),
    overdue: count.describe('当前已超过处理期限的（不限期间）'),
    medianHoursToResolve: z.number().nullable().describe('期间处理的问题从报告到处理的小时数中位数'),
  }),
  childcare: z.object({
    programmes: count,
    enrolments: count.describe('报名的儿童（不含已取消）'),
    enrolled: count.describe('已录取'),
    places: count.describe('名额合计'),
    sessions: count,
    attendanceRate: rate.describe('出勤率（0–1）；没有点名记录时为 null'),
  }),
  byUnion: z.array(placeUnionRow).describe('所选工会本级一行，每个有阵地或期间有数据的直属下级工会（含其下级）一行'),
});
export type PlaceFigures = z.infer<typeof placeFigures>;
