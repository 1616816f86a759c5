// The register of places (阵地): what a place is, the fixed list of its services, and its opening
// hours as staff enter them. Coordinates are GCJ-02 (Amap, Tencent, WeChat); see server/lib/geo.ts.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';

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
  // not bounded to ±90: a latitude and longitude typed the other way round gets position_swapped, not a bare validation error
  lat: z.number().min(-180).max(180).describe('纬度'),
  lng: z.number().min(-180).max(180).describe('经度'),
  system: z.enum(['gcj02', 'wgs84']).default('gcj02').describe('坐标系：gcj02（高德/腾讯/微信），wgs84（GPS 原始坐标）'),
});
export type Position = z.infer<typeof position>;

// ── the register, staff side (issue 15 §1) ─────────────────────────────────────────────────────

/** Roles that add, edit, close, merge and import places; every staff role reads. */
export const PLACE_WRITE_ROLES = ['admin', 'reviewer', 'clerk'] as const;
/** Roles that may reveal a keeper's full phone (with a reason, audited). */
export const PLACE_REVEAL_ROLES = ['admin', 'reviewer', 'clerk'] as const;
export const PLACE_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const PLACE_PHOTOS_MAX = 9;
/** Same kind this close: likely the same place entered twice. */
export const DUPLICATE_NEAR_M = 50;
/** A similar name this close: likely the same place under another spelling. */
export const DUPLICATE_NAME_M = 500;

export const placeStatuses = ['open', 'closed'] as const;
export const placeStatusLabels = { open: '在用', closed: '已停用' } as const;

const dayString = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), '日期无效')
  .describe('日期 YYYY-MM-DD（北京时间）');

/** A keeper's phone: a mobile (13812345678) or a landline with its area code (0668-7321234). */
export const keeperPhone = z
  .string()
  .trim()
  .regex(/^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-?[0-9]{7,8})$/, '请填写 11 位手机号或带区号的固定电话')
  .describe('站长（管理员）电话：手机号或带区号的固定电话');

const orgRef = z.object({ id: z.number().int(), name: z.string() });

export const placeListQuery = z.strictObject({
  ...paging,
  orgId: idString('运营工会（含下级）').optional(),
  kind: z.enum(placeKinds).optional(),
  status: z.enum([...placeStatuses, 'merged']).optional().describe('open 在用，closed 已停用，merged 已合并；默认在用和已停用（不含已合并）'),
  townId: idString('所在镇街').optional(),
  q: text(1, 50).optional().describe('名称或地址'),
  problems: z.enum(['1']).optional().describe('1：只看有未解决问题的'),
});
export type PlaceListQuery = z.infer<typeof placeListQuery>;

export const placeSummary = z.object({
  id: z.number().int(),
  kind: z.enum(placeKinds),
  name: z.string(),
  address: z.string(),
  org: orgRef.describe('运营工会'),
  town: orgRef.nullable().describe('所在镇街'),
  status: z.enum(placeStatuses),
  mergedInto: z.number().int().nullable(),
  openNow: z.boolean().describe('按开放时间、节假日和例外日期，现在是否开放'),
  problemsOpen: z.number().int().describe('未解决的问题数'),
  lat: z.number(),
  lng: z.number(),
});
export type PlaceSummary = z.infer<typeof placeSummary>;

/** A likely duplicate of a place: the other place and why (same kind close by, or a similar name nearby). */
export const placeDuplicate = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(placeKinds),
  address: z.string(),
  distanceM: z.number().int().describe('相距（米）'),
  reason: z.enum(['near', 'similarName']).describe('near：同类阵地相距 50 米内；similarName：500 米内名称相近'),
});
export type PlaceDuplicate = z.infer<typeof placeDuplicate>;

export const hoursException = z.object({
  day: z.string(),
  intervals: z.array(hoursInterval).describe('当天开放时段；空：全天闭馆'),
  note: z.string(),
});

export const placePhoto = z.object({ id: z.number().int(), createdAt: z.string() });

/** How long a merge can be undone (撤销合并). */
export const PLACE_UNMERGE_DAYS = 30;

/** A merge the place took part in (either side): who, when, what moved, whether it can still be undone. */
export const placeMerge = z.object({
  id: z.number().int(),
  from: orgRef.describe('被并入（不再显示）的阵地'),
  into: orgRef.describe('保留的阵地'),
  mergedAt: z.string(),
  mergedBy: z.string().nullable(),
  moved: z.object({
    photos: z.number().int(),
    exceptions: z.number().int(),
    visits: z.number().int(),
    problems: z.number().int(),
    slots: z.number().int(),
    bookings: z.number().int(),
    childcare: z.number().int(),
  }).describe('随合并转移的记录数'),
  undoUntil: z.string().describe('可撤销到此时刻（合并后 30 天）'),
  undoable: z.boolean().describe('尚未撤销、未超过 30 天、两个阵地此后未再合并'),
  undoneAt: z.string().nullable(),
  undoneBy: z.string().nullable(),
  undoReason: z.string().nullable(),
});
export type PlaceMerge = z.infer<typeof placeMerge>;

export const placeDetail = placeSummary.extend({
  wgs: z.object({ lat: z.number(), lng: z.number() }).nullable().describe('录入时的 WGS-84 坐标（如有）'),
  hours: placeHours,
  services: z.array(z.enum(placeServices)),
  intro: z.string(),
  keeperName: z.string().nullable(),
  keeperPhoneMasked: z.string().nullable(),
  bookable: z.boolean(),
  closedReason: z.string().nullable(),
  mergedIntoPlace: orgRef.nullable().describe('已合并到的阵地'),
  live: z.object({ state: z.enum(['open', 'closed']), busy: z.enum(['quiet', 'normal', 'busy']).nullable(), at: z.string() }).nullable(),
  problemLatest: z.string().nullable(),
  source: z.enum(['staff', 'import', 'demo']),
  exceptions: z.array(hoursException).describe('今天起的例外日期'),
  photos: z.array(placePhoto),
  duplicates: z.array(placeDuplicate).describe('可能重复的阵地'),
  merges: z.array(placeMerge).describe('合并记录（本阵地被并入或并入了别的阵地），最近的在前'),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlaceDetail = z.infer<typeof placeDetail>;

const placeFields = {
  orgId: z.number().int().positive().describe('运营工会（管理范围内）'),
  kind: z.enum(placeKinds).describe('阵地类型'),
  name: text(2, 100).describe('名称'),
  address: text(2, 200).describe('地址'),
  townId: z.number().int().positive().nullable().optional().describe('所在镇街（镇街级工会组织）'),
  position,
  hours: placeHours,
  services: z.array(z.enum(placeServices)).max(placeServices.length).default([]).describe('服务项目'),
  intro: text(0, 1000).default('').describe('简介（一段文字，不换行）'),
  keeperName: text(1, 30).nullable().optional().describe('站长（管理员）姓名'),
  keeperPhone: keeperPhone.nullable().optional(),
  bookable: z.boolean().default(false).describe('可预约'),
};

/** dryRun: check and find duplicates, write nothing (the form asks before saving). */
const dryRun = z.boolean().optional().describe('true：只检查并返回可能重复的阵地，不保存');

export const createPlaceBody = z.strictObject({ ...placeFields, dryRun });
export type CreatePlaceInput = z.infer<typeof createPlaceBody>;

export const updatePlaceBody = z.strictObject({
  orgId: placeFields.orgId.optional(),
  kind: placeFields.kind.optional(),
  name: placeFields.name.optional(),
  address: placeFields.address.optional(),
  townId: placeFields.townId,
  position: position.optional(),
  hours: placeHours.optional(),
  services: z.array(z.enum(placeServices)).max(placeServices.length).optional(),
  intro: text(0, 1000).optional(),
  keeperName: placeFields.keeperName,
  keeperPhone: placeFields.keeperPhone,
  bookable: z.boolean().optional(),
  dryRun,
});
export type UpdatePlaceInput = z.infer<typeof updatePlaceBody>;

/** The answer of a create or an edit: the place as saved (null on a dry run) and its likely duplicates. */
export const placeWriteAnswer = z.object({ place: placeDetail.nullable(), duplicates: z.array(placeDuplicate) });
export type PlaceWriteAnswer = z.infer<typeof placeWriteAnswer>;

export const closePlaceBody = z.strictObject({ reason: text(2, 200).describe('停用原因') });
export const revealKeeperBody = z.strictObject({ reason: text(4, 200).describe('查看原因（记入审计日志）') });
export const revealedKeeperPhone = z.object({ phone: z.string() });

export const placeDayParams = z.strictObject({ id: idString('阵地 ID'), day: dayString });
export const setExceptionBody = z.strictObject({
  intervals: z.array(hoursInterval).max(6).describe('当天开放时段；空数组：全天闭馆'),
  note: z.string().trim().max(100).default('').describe('说明，如“设备检修”'),
});

export const mergePlaceBody = z.strictObject({ into: z.number().int().positive().describe('保留的阵地 ID（本阵地并入它）') });

export const undoMergeBody = z.strictObject({ reason: text(2, 200).describe('撤销原因（记入审计日志）') });

export const duplicatePairQuery = z.strictObject({ ...paging, orgId: idString('运营工会（含下级）').optional() });
const pairSide = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(placeKinds), address: z.string(), org: orgRef });
export const duplicatePair = z.object({
  a: pairSide,
  b: pairSide,
  distanceM: z.number().int(),
  reason: z.enum(['near', 'similarName']),
});
export type DuplicatePair = z.infer<typeof duplicatePair>;

/** Figures of places in a subtree: by kind × status (no field named total: the figures rule). */
export const placeCountsSchema = z.object({
  byKind: z.array(z.object({ kind: z.enum(placeKinds), open: z.number().int(), closed: z.number().int() })),
  openCount: z.number().int(),
  closedCount: z.number().int(),
});
export type PlaceCounts = z.infer<typeof placeCountsSchema>;

// ── Excel import ───────────────────────────────────────────────────────────────────────────────

export const PLACE_IMPORT_MAX_ROWS = 20000;
export const PLACE_IMPORT_SHEET = '阵地';
/** The import's columns, in template order: key, header, required. */
export const placeImportColumns = [
  { key: 'name', header: '名称', required: true },
  { key: 'kind', header: '类型', required: true },
  { key: 'address', header: '地址', required: true },
  { key: 'town', header: '所在镇街', required: false },
  { key: 'lat', header: '纬度', required: true },
  { key: 'lng', header: '经度', required: true },
  { key: 'system', header: '坐标系', required: false },
  { key: 'hours', header: '开放时间', required: true },
  { key: 'services', header: '服务项目', required: false },
  { key: 'keeper', header: '站长', required: false },
  { key: 'phone', header: '电话', required: false },
  { key: 'bookable', header: '可预约', required: false },
] as const;
export type PlaceImportColumn = (typeof placeImportColumns)[number]['key'];

export const placeImportQuery = z.strictObject({
  orgId: idString('导入到的运营工会（管理范围内）'),
  dryRun: z.enum(['1', '0']).optional().describe('1：只检查，不写入'),
});
export const placeImportError = z.object({ row: z.number().int(), column: z.string(), message: z.string() });
export const placeImportWarning = z.object({ row: z.number().int(), name: z.string(), other: z.string().describe('可能重复的阵地（或文件中的第几行）'), distanceM: z.number().int() });
export const placeImportAnswer = z.object({
  ok: z.boolean().describe('false：有错误的行，什么也没有写入'),
  rows: z.number().int(),
  created: z.number().int(),
  errors: z.array(placeImportError).describe('出错的行（最多 500 条）'),
  errorCount: z.number().int(),
  warnings: z.array(placeImportWarning).describe('可能重复（最多 500 条）'),
  warningCount: z.number().int(),
});
export type PlaceImportAnswer = z.infer<typeof placeImportAnswer>;
export const placeImportErrorsQuery = z.strictObject({ orgId: idString('导入到的运营工会（管理范围内）') });
/** The errors workbook's added column: what is wrong with the row (the bad cells are highlighted). */
export const PLACE_IMPORT_ERROR_HEADER = '错误';
export const placeImportForm = z.object({ file: z.unknown().describe('Excel 文件（.xlsx，按模板）') });
export const placePhotoParams = z.strictObject({ id: idString('阵地 ID'), photoId: idString('照片 ID') });
export const placePhotoUploadForm = z.object({ file: z.unknown().describe('照片（JPEG、PNG 或 WebP，按内容判断，不超过 5 MB）') });
