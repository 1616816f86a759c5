// Where the demo's places stand (GCJ-02, degrees): the centres of Guangdong's 21 cities and of the
// counties whose towns the demo builds (tree.ts NAMED_COUNTIES), read off a map to about a hundred
// metres; a town's centre is placed near its county's (or city's) by a fixed offset drawn from its
// code — plausible, not surveyed: the divisions data the tree is built from has no coordinates.
// Streets (街道) keep close to the county seat, towns (镇) lie further out.
import { createRng } from './people.ts';

export interface Point {
  lat: number;
  lng: number;
}

/** City centres by the first four digits of the division code. */
export const CITY_CENTRES: Record<string, Point> = {
  '4401': { lat: 23.1291, lng: 113.2644 }, // 广州
  '4402': { lat: 24.8104, lng: 113.5972 }, // 韶关
  '4403': { lat: 22.5431, lng: 114.0579 }, // 深圳
  '4404': { lat: 22.2710, lng: 113.5767 }, // 珠海
  '4405': { lat: 23.3541, lng: 116.6820 }, // 汕头
  '4406': { lat: 23.0218, lng: 113.1219 }, // 佛山
  '4407': { lat: 22.5787, lng: 113.0819 }, // 江门
  '4408': { lat: 21.2707, lng: 110.3594 }, // 湛江
  '4409': { lat: 21.6629, lng: 110.9255 }, // 茂名
  '4412': { lat: 23.0472, lng: 112.4651 }, // 肇庆
  '4413': { lat: 23.1115, lng: 114.4161 }, // 惠州
  '4414': { lat: 24.2884, lng: 116.1225 }, // 梅州
  '4415': { lat: 22.7862, lng: 115.3750 }, // 汕尾
  '4416': { lat: 23.7435, lng: 114.7007 }, // 河源
  '4417': { lat: 21.8580, lng: 111.9822 }, // 阳江
  '4418': { lat: 23.6820, lng: 113.0560 }, // 清远
  '4419': { lat: 23.0207, lng: 113.7518 }, // 东莞
  '4420': { lat: 22.5176, lng: 113.3926 }, // 中山
  '4451': { lat: 23.6567, lng: 116.6226 }, // 潮州
  '4452': { lat: 23.5497, lng: 116.3728 }, // 揭阳
  '4453': { lat: 22.9152, lng: 112.0444 }, // 云浮
};

/** County seats of the counties whose towns the demo builds. */
export const COUNTY_CENTRES: Record<string, Point> = {
  '440982': { lat: 21.6640, lng: 110.6390 }, // 化州市
  '440305': { lat: 22.5333, lng: 113.9305 }, // 南山区
  '440303': { lat: 22.5484, lng: 114.1315 }, // 罗湖区
  '440115': { lat: 22.8016, lng: 113.5253 }, // 南沙区
  '440111': { lat: 23.1648, lng: 113.2731 }, // 白云区
  '440117': { lat: 23.5485, lng: 113.5862 }, // 从化区
  '440105': { lat: 23.0839, lng: 113.3172 }, // 海珠区
  '440113': { lat: 22.9379, lng: 113.3844 }, // 番禺区
  '440229': { lat: 24.3503, lng: 114.1305 }, // 翁源县
  '440203': { lat: 24.7921, lng: 113.5879 }, // 武江区
  '440205': { lat: 24.6822, lng: 113.6048 }, // 曲江区
  '440233': { lat: 24.0596, lng: 114.2070 }, // 新丰县
  '441402': { lat: 24.3101, lng: 116.1168 }, // 梅江区
  '440513': { lat: 23.2650, lng: 116.6015 }, // 潮阳区
  '440781': { lat: 22.2515, lng: 112.7940 }, // 台山市
  '440402': { lat: 22.2665, lng: 113.5434 }, // 香洲区
  '445202': { lat: 23.5252, lng: 116.3667 }, // 榕城区
  '441621': { lat: 23.6359, lng: 115.1840 }, // 紫金县
  '440607': { lat: 23.1561, lng: 112.8966 }, // 三水区
  '441204': { lat: 23.0254, lng: 112.4578 }, // 高要区
  '441702': { lat: 21.8620, lng: 111.9550 }, // 江城区
};

/** Where a division code's place stands: a town near its county (or city), a county at its seat or near its city. */
export function centreOf(regionCode: string | null, isStreet = false): Point | null {
  if (!regionCode) return null;
  const county = COUNTY_CENTRES[regionCode.slice(0, 6)];
  const city = CITY_CENTRES[regionCode.slice(0, 4)];
  const base = county ?? city;
  if (!base) return null;
  if (regionCode.length === 6 && county) return county;
  if (regionCode.length === 6 && regionCode.endsWith('00')) return city ?? null;
  // a town (9 digits), or a county without a seat of its own here: a fixed offset drawn from the code
  const rng = createRng(Number(regionCode) % 2147483647);
  const far = regionCode.length === 9 ? (isStreet ? 0.012 + rng() * 0.025 : 0.05 + rng() * 0.1) : 0.15 + rng() * 0.3;
  const angle = rng() * 2 * Math.PI;
  return { lat: base.lat + far * Math.sin(angle), lng: base.lng + (far * Math.cos(angle)) / Math.cos((base.lat * Math.PI) / 180) };
}

/** A point within `radiusDeg` of `p` (uniform over the disc). */
export function scatter(rng: () => number, p: Point, radiusDeg: number): Point {
  const r = radiusDeg * Math.sqrt(rng());
  const a = rng() * 2 * Math.PI;
  return { lat: p.lat + r * Math.sin(a), lng: p.lng + (r * Math.cos(a)) / Math.cos((p.lat * Math.PI) / 180) };
}
