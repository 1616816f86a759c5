// The register of places (阵地): what a place is, the fixed list of its services, and its opening
// hours as staff enter them. Coordinates are GCJ-02 (Amap, Tencent, WeChat); see server/lib/geo.ts.
import { z } from 'zod';

export const placeKinds = ['station', 'workersHome', 'modelWorkersHome', 'readingRoom', 'counselling', 'culturalPalace', 'hall'] as const;
export type PlaceKind = (typeof placeKinds)[number];
export const placeKindLabels: Record<PlaceKind, string> = {
  station: '爱心驿站',
  workersHome: '职工之家',
  modelWorkersHome: '模范职工之家',
  readingRoom: '职工书屋',
  counselling: '心灵驿站',
  culturalPalace: '工人文化宫',
  hall: '工会场馆',
};

/** The fixed list of what a place offers (the worker filters by these; icons on the member site). */
export const placeServices = [
  'water',
  'rest',
  'microwave',
  'charging',
  'toilet',
  'firstAid',
  'aircon',
  'books',
  'wifi',
  'nursing',
  'umbrella',
  'meals',
  'batterySwap',
  'legal',
  'counselling',
] as const;
export type PlaceService = (typeof placeServices)[number];
export const placeServiceLabels: Record<PlaceService, string> = {
  water: '饮水',
  rest: '休息',
  microwave: '热饭/微波炉',
  charging: '充电',
  toilet: '卫生间',
  firstAid: '急救药箱',
  aircon: '空调/取暖',
  books: '图书',
  wifi: 'Wi-Fi',
  nursing: '母婴',
  umbrella: '雨具',
  meals: '爱心餐',
  batterySwap: '换电',
  legal: '法律服务',
  counselling: '心理咨询',
};

/** A time of day as people write it: HH:MM, 00:00 … 23:59 (24:00 only as the end of a day). */
const clock = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, '时间应为 HH:MM，如 08:30');
const clockEnd = z.string().regex(/^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$/, '时间应为 HH:MM，如 20:00（全天到 24:00）');

/**
 * One opening interval. `to` is on the same day, after `from` — or, with `nextDay`, on the next day
 * (a night station open 22:00 → 06:00), not later than `from`. 00:00 → 24:00 is a whole day.
 */
export const hoursInterval = z.strictObject({
  from: clock.describe('开门时间 HH:MM'),
  to: clockEnd.describe('关门时间 HH:MM'),
  nextDay: z.boolean().optional().describe('关门时间在次日（跨午夜）'),
});
export type HoursInterval = z.infer<typeof hoursInterval>;

/** The weekdays, Monday 1 … Sunday 7 (ISO). */
export const weekdayLabels = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'] as const;

/**
 * A place's opening hours: its week (intervals per weekday, ISO 1–7; a day with none is closed), and
 * what a public holiday of the working-day calendar does — keep the weekday's hours, close, or open
 * by its own intervals. Checked further by server/lib/opening-hours.ts (overlaps, end before start).
 */
export const placeHours = z.strictObject({
  week: z
    .array(z.strictObject({ day: z.number().int().min(1).max(7).describe('星期几，周一 1 … 周日 7'), ...hoursInterval.shape }))
    .max(50)
    .describe('每周开放时段'),
  holidays: z
    .union([z.enum(['asUsual', 'closed']), z.array(hoursInterval).min(1).max(6)])
    .describe('法定节假日：asUsual 照常开放，closed 闭馆，或节假日自己的时段'),
});
export type PlaceHours = z.infer<typeof placeHours>;

/** A position: GCJ-02 unless `system` says it came from a phone's GPS (WGS-84). */
export const position = z.strictObject({
  lat: z.number().min(-90).max(90).describe('纬度'),
  lng: z.number().min(-180).max(180).describe('经度'),
  system: z.enum(['gcj02', 'wgs84']).default('gcj02').describe('坐标系：gcj02（高德/腾讯/微信），wgs84（GPS 原始坐标）'),
});
export type Position = z.infer<typeof position>;
