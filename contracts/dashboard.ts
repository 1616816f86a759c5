// The subtree dashboard (一屏总览): every tile of a subtree for a period of whole Beijing months with the
// period just before, the children side by side, the upward report, and the official figures (官方统计数)
// beside the platform's own. Design: docs/design/enterprise-file.md §7.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';
import { calendarMonth } from './member-figures.ts';

/** The longest period counted at once, in months. */
export const DASHBOARD_MAX_MONTHS = 36;

export const tileAreas = ['members', 'unions', 'services', 'aid', 'rights', 'strengthening'] as const;
export type DashboardArea = (typeof tileAreas)[number];
export const tileAreaNames: Record<DashboardArea, string> = {
  members: '会员',
  unions: '组织',
  services: '服务',
  aid: '帮扶',
  rights: '维权',
  strengthening: '强基',
};

export const dashboardQuery = z.strictObject({
  orgId: idString('统计的组织（含下级；须在管理范围内，默认本工会）').optional(),
  from: calendarMonth.optional().describe('起始月份 YYYY-MM（北京时间，默认今年 1 月）'),
  to: calendarMonth.optional().describe('截止月份 YYYY-MM（含该月，默认本月）；最多 36 个月'),
});
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const dashboardChildrenQuery = dashboardQuery.extend({
  sort: z
    .string()
    .regex(/^-?[a-z]+(\.[A-Za-z]+)?$/, '应为看板卡片的编号（如 activities.count，降序加 -）或 name')
    .max(60)
    .optional()
    .describe('排序：name 或看板卡片编号（如 -tickets.filed 为降序）'),
  ...paging,
});
export type DashboardChildrenQuery = z.infer<typeof dashboardChildrenQuery>;

const ref = z.object({ id: z.number().int(), name: z.string() });

export const dashboardPeriod = z.object({
  from: z.string().describe('YYYY-MM'),
  to: z.string().describe('YYYY-MM'),
  months: z.number().int(),
  previousFrom: z.string().describe('上期起始月份：紧接本期之前、同样长的月份'),
  previousTo: z.string(),
});

export const dashboardTile = z.object({
  id: z.string(),
  area: z.enum(tileAreas),
  label: z.string(),
  unit: z.enum(['count', 'fen', 'ratio', 'score']),
  kind: z.enum(['stock', 'flow']),
  value: z.number().nullable(),
  previous: z.number().nullable(),
  target: z.number().nullable().optional(),
});
export type DashboardTileValue = z.infer<typeof dashboardTile>;

export const officialFigureKeys = ['unions', 'members', 'gigMembers', 'modelHomes'] as const;
export type OfficialFigureKey = (typeof officialFigureKeys)[number];
export const officialFigureLabels: Record<OfficialFigureKey, string> = {
  unions: '工会组织数',
  members: '会员数',
  gigMembers: '新业态劳动者会员数',
  modelHomes: '模范职工之家',
};
/** The platform's tile each official figure stands beside (absent: not on the platform yet). */
export const officialFigureTiles: Record<OfficialFigureKey, string> = {
  unions: 'unions.grassroots',
  members: 'members.now',
  gigMembers: 'members.gig',
  modelHomes: 'strengthening.modelHomes',
};
export const OFFICIAL_CAPTION = '口径不同：官方数为年度统计报表数，平台数为在本平台登记的数';

export const officialYear = z.object({
  year: z.number().int(),
  unions: z.number().int().nullable(),
  members: z.number().int().nullable(),
  gigMembers: z.number().int().nullable(),
  modelHomes: z.number().int().nullable(),
  source: z.string().nullable(),
  recordedAt: z.string().nullable(),
});
export type OfficialYear = z.infer<typeof officialYear>;

export const dashboard = z.object({
  org: ref.extend({ level: z.string() }),
  period: dashboardPeriod,
  tiles: z.array(dashboardTile),
  official: z.object({ caption: z.string(), years: z.array(officialYear) }),
  children: z.number().int().describe('直属下级工会数'),
  computedAt: z.string(),
});
export type Dashboard = z.infer<typeof dashboard>;

export const dashboardChildCell = z.object({
  value: z.number().nullable(),
  previous: z.number().nullable(),
  target: z.number().nullable(),
  /** below its target (a flow tile: value < target) */
  behind: z.boolean(),
});
export const dashboardChild = z.object({
  org: ref.extend({ level: z.string() }),
  cells: z.record(z.string(), dashboardChildCell).describe('看板卡片编号 → 本期、上期、目标、落后于目标'),
  behind: z.boolean().describe('落后于目标：任一有目标的卡片未达到目标'),
});
export type DashboardChild = z.infer<typeof dashboardChild>;
export const dashboardChildren = z.object({
  tiles: z.array(dashboardTile.pick({ id: true, area: true, label: true, unit: true, kind: true })),
  items: z.array(dashboardChild),
  total: z.number().int(),
});
export type DashboardChildren = z.infer<typeof dashboardChildren>;

export const officialFiguresQuery = z.strictObject({
  orgId: idString('工会组织（默认本工会）').optional(),
});
export const officialFigures = z.object({ org: ref, caption: z.string(), years: z.array(officialYear) });
export type OfficialFigures = z.infer<typeof officialFigures>;

export const officialFigureParams = z.strictObject({
  orgId: idString('工会组织'),
  year: z.string().regex(/^[0-9]{4}$/, '应为四位年份').transform(Number).describe('统计年度'),
});
const figure = z.number().int().min(0).max(1_000_000_000).nullable().optional();
export const officialFigureBody = z.strictObject({
  unions: figure.describe('工会组织数（空：不登记）'),
  members: figure.describe('会员数'),
  gigMembers: figure.describe('新业态劳动者会员数'),
  modelHomes: figure.describe('模范职工之家数'),
  source: text(2, 100).describe('来源（如：2024 年工会统计年报）'),
});
export type OfficialFigureBody = z.infer<typeof officialFigureBody>;
