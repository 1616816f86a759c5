// Coordinates in China: WGS-84 (what a phone's GPS gives) ↔ GCJ-02 (what Amap, Tencent and WeChat
// use and what the register of places stores), the distance between two points, and the check
// that a point is in China with latitude and longitude the right way round.
//
// The conversion is the public-domain formula every map SDK reimplements (the offset is a fixed
// function of the WGS-84 point; Krasovsky 1940 ellipsoid). WGS → GCJ is exact to the formula;
// GCJ → WGS has no closed form and is solved by fixed-point iteration to under 1 cm.

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as the formula uses it
const EE = 0.006693421622965943; // its first eccentricity squared

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

export interface LatLng {
  lat: number;
  lng: number;
}

/** The GCJ-02 point of a WGS-84 point in China (outside China the two systems agree). */
export function wgs84ToGcj02(p: LatLng): LatLng {
  if (!insideChina(p)) return { lat: p.lat, lng: p.lng };
  const dLat0 = offsetLat(p.lng - 105.0, p.lat - 35.0);
  const dLng0 = offsetLng(p.lng - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (dLng0 * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lat: p.lat + dLat, lng: p.lng + dLng };
}

/** The WGS-84 point whose GCJ-02 point is `p`: iterated until the round trip is within ~1e-9°. */
export function gcj02ToWgs84(p: LatLng): LatLng {
  if (!insideChina(p)) return { lat: p.lat, lng: p.lng };
  let w = { lat: p.lat, lng: p.lng };
  for (let i = 0; i < 30; i++) {
    const g = wgs84ToGcj02(w);
    const dLat = g.lat - p.lat;
    const dLng = g.lng - p.lng;
    w = { lat: w.lat - dLat, lng: w.lng - dLng };
    if (Math.abs(dLat) < 1e-10 && Math.abs(dLng) < 1e-10) break;
  }
  return w;
}

/** The earth's radius earthdistance uses (earth() = 6378168 m), so our distances match the database's. */
export const EARTH_RADIUS_M = 6378168;

/** Great-circle distance in metres (haversine on a sphere of EARTH_RADIUS_M, as earth_distance). */
export function distanceMeters(a: LatLng, b: LatLng): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Inside the box that holds mainland China, Hainan and the South China Sea islands (3.8–53.6°N,
 * 73.4–135.1°E) — the same box the database's CHECK on place.lat/lng holds. A box, not a border:
 * it refuses a point in Europe or at sea off Africa (a swapped or zeroed coordinate), which is what
 * a register of union places needs.
 */
export function insideChina(p: LatLng): boolean {
  return p.lat >= 3.8 && p.lat <= 53.6 && p.lng >= 73.4 && p.lng <= 135.1;
}

export type PositionProblem = 'position_outside_china' | 'position_swapped';

/**
 * Checks a point given for China: in the box, or the reason it is not — `position_swapped` when
 * the point is outside but latitude and longitude the other way round would be inside (a
 * spreadsheet column mix-up, 113.3, 23.1), `position_outside_china` otherwise.
 */
export function checkChinaPosition(p: LatLng): PositionProblem | null {
  if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) return 'position_outside_china';
  if (insideChina(p)) return null;
  if (insideChina({ lat: p.lng, lng: p.lat })) return 'position_swapped';
  return 'position_outside_china';
}
