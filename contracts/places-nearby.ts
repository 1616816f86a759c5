// The nearest places for a worker, now (issue 15 §2): the phone's position (or a town picked from
// a list when the worker refuses it), the nearest places of a kind, nearest first, with distance,
// open now or when it opens, services, and the live status the keeper marked.
import { z } from 'zod';
import { idString, paging, text } from './common.ts';
import { placeHours, placeKinds, placeServices } from './places.ts';

const decimal = (min: number, max: number, what: string) =>
  z
    .string()
    .regex(/^-?[0-9]{1,3}(\.[0-9]{1,10})?$/, `${what}应为十进制度数`)
    .transform(Number)
    .pipe(z.number().min(min).max(max))
    .describe(what);

export const nearbyQuery = z.strictObject({
  // up to ±180 so that a longitude given as the latitude is answered position_swapped, not a bare validation_failed
  lat: decimal(-180, 180, '纬度'),
  lng: decimal(-180, 180, '经度'),
  system: z.enum(['gcj02', 'wgs84']).default('gcj02').describe('坐标系：浏览器定位为 wgs84，地图选点为 gcj02'),
  kind: z.enum(placeKinds).optional().describe('阵地类型'),
  /** comma-separated, every one required: water,charging */
  services: z
    .string()
    .max(200)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(placeServices)).max(placeServices.length))
    .optional()
    .describe('必须具备的服务，逗号分隔，如 water,charging'),
  openNow: z.enum(['1', '0']).optional().describe('1：只看现在开放的'),
  limit: z
    .string()
    .regex(/^[0-9]{1,2}$/)
    .transform(Number)
    .pipe(z.number().int().min(1).max(50))
    .default(10)
    .describe('最多几个，默认 10，最多 50'),
});
export type NearbyQuery = z.infer<typeof nearbyQuery>;

export const liveStatus = z
  .object({
    state: z.enum(['open', 'closed']).describe('站长标记：开放 / 暂停开放'),
    busy: z.enum(['quiet', 'normal', 'busy']).nullable().describe('人多不多'),
    at: z.string().describe('标记时间 ISO'),
  })
  .nullable();
export const busyLabels = { quiet: '空闲', normal: '适中', busy: '人多' } as const;

export const nearbyPlace = z.object({
  id: z.number().int(),
  kind: z.enum(placeKinds),
  name: z.string(),
  address: z.string(),
  /** GCJ-02 */
  lat: z.number(),
  lng: z.number(),
  distanceM: z.number().int().describe('直线距离（米）'),
  open: z.boolean().describe('现在是否开放（开放时间、节假日、站长标记合起来）'),
  closesAt: z.string().nullable().describe('开放中：几点关门（ISO）；全天开放为 null'),
  opensAt: z.string().nullable().describe('未开放：下次几点开门（ISO）'),
  roundTheClock: z.boolean().describe('24 小时开放'),
  services: z.array(z.enum(placeServices)),
  live: liveStatus,
  /** the latest unresolved report's words ("没有水"), null when none */
  problem: z.string().nullable().describe('有人报告的问题（未解决）'),
  bookable: z.boolean(),
});
export type NearbyPlace = z.infer<typeof nearbyPlace>;

export const nearbyAnswer = z.object({
  /** the search's origin, GCJ-02 (converted when the phone gave WGS-84) */
  from: z.object({ lat: z.number(), lng: z.number() }),
  /** how far the search looked (metres): nothing farther is answered */
  radiusM: z.number().int().describe('搜索半径（米），更远的不列出'),
  places: z.array(nearbyPlace).describe('由近及远'),
});

/** A place as a member sees it: the nearby fields, its week, its keeper (phone masked), its union, its photos. */
export const memberPlace = nearbyPlace.extend({
  distanceM: z.number().int().nullable().describe('直线距离（米）；未给位置时为 null'),
  hours: placeHours,
  intro: z.string(),
  keeperName: z.string().nullable(),
  keeperPhoneMasked: z.string().nullable().describe('站长电话（脱敏）'),
  orgName: z.string().describe('管理的工会'),
  townName: z.string().nullable(),
  photos: z
    .array(z.object({ id: z.number().int(), url: z.string().describe('照片地址（GET，需登录）') }))
    .describe('照片，按工作人员上传的顺序'),
});
export type MemberPlace = z.infer<typeof memberPlace>;

export const memberPlaceQuery = z.strictObject({
  lat: decimal(-180, 180, '纬度').optional(),
  lng: decimal(-180, 180, '经度').optional(),
  system: z.enum(['gcj02', 'wgs84']).default('gcj02'),
});

/** The towns a worker who refuses location picks from: each with a point (GCJ-02). */
export const townPointsQuery = z.strictObject({ ...paging, q: text(1, 20).optional().describe('镇街名称关键字') });
export const townPoint = z.object({
  id: z.number().int(),
  name: z.string(),
  county: z.string(),
  city: z.string(),
  lat: z.number(),
  lng: z.number(),
});

export const placeIdParam = z.strictObject({ id: idString('阵地 ID') });
