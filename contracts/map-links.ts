// The links that open a place in the map apps a worker already has (issue 15 §2): 高德, 百度, 腾讯.
// Each takes the place's GCJ-02 position as stored (contracts/places.ts) and says so — Amap by
// coordinate=gaode, Baidu by coord_type=gcj02 (its default would be BD-09), Tencent's default is
// GCJ-02 — so nothing is converted here. The forms are the apps' documented web URIs (see
// shared/research/NEXT-CAPABILITIES.md §4): they open the app on a phone that has it and the web
// map otherwise. Pure: the member site renders them, the tests check them.

/** Who is calling, as the apps ask (Amap src, Baidu src = webapp.{company}.{app}, Tencent referer). */
export const MAP_LINK_SOURCE = 'webapp.gonghui.member';
export const TENCENT_REFERER = 'gonghui';

export interface MapTarget {
  /** GCJ-02 latitude */
  lat: number;
  /** GCJ-02 longitude */
  lng: number;
  name: string;
  address?: string | undefined;
}

export type MapApp = 'amap' | 'baidu' | 'tencent';
export const mapAppLabels: Record<MapApp, string> = { amap: '高德地图', baidu: '百度地图', tencent: '腾讯地图' };
export const mapApps: readonly MapApp[] = ['amap', 'baidu', 'tencent'];

/** A coordinate as the URIs take it: at most 6 decimals (~0.1 m), no exponent, no trailing zeros. */
export function coord(n: number, what: 'lat' | 'lng'): string {
  const limit = what === 'lat' ? 90 : 180;
  if (!Number.isFinite(n) || Math.abs(n) > limit) throw new RangeError(`invalid ${what}: ${n}`);
  return String(Number(n.toFixed(6)));
}

const enc = encodeURIComponent;

/** 高德: https://uri.amap.com/marker?position={lng},{lat}&name=…&src=…&coordinate=gaode&callnative=1 (longitude first). */
export function amapLink(t: MapTarget): string {
  const position = `${coord(t.lng, 'lng')},${coord(t.lat, 'lat')}`;
  return `https://uri.amap.com/marker?position=${position}&name=${enc(t.name)}&src=${enc(MAP_LINK_SOURCE)}&coordinate=gaode&callnative=1`;
}

/** 百度: https://api.map.baidu.com/marker?location={lat},{lng}&title=…&content=…&output=html&coord_type=gcj02&src=… (latitude first). */
export function baiduLink(t: MapTarget): string {
  const location = `${coord(t.lat, 'lat')},${coord(t.lng, 'lng')}`;
  return (
    `https://api.map.baidu.com/marker?location=${location}&title=${enc(t.name)}&content=${enc(t.address || t.name)}` +
    `&output=html&coord_type=gcj02&src=${enc(MAP_LINK_SOURCE)}`
  );
}

/**
 * 腾讯: https://apis.map.qq.com/uri/v1/marker?marker=coord:{lat},{lng};title:…;addr:…&referer=…
 * (latitude first). The marker's parts are split by ";" and ":", so the words are encoded whole.
 */
export function tencentLink(t: MapTarget): string {
  const marker = `coord:${coord(t.lat, 'lat')},${coord(t.lng, 'lng')};title:${enc(t.name)};addr:${enc(t.address || t.name)}`;
  return `https://apis.map.qq.com/uri/v1/marker?marker=${marker}&referer=${enc(TENCENT_REFERER)}`;
}

/** The three links, in the order the buttons show them. */
export function mapLinks(t: MapTarget): Record<MapApp, string> {
  return { amap: amapLink(t), baidu: baiduLink(t), tencent: tencentLink(t) };
}
