// The nearest places over HTTP and at the service: nearest first against a brute-force distance over
// random points, the kind / service / open-now filters, WGS-84 converted, the keeper's mark, one
// place (masked phone, merged → survivor, closed → 404) and its photos (in the staff's order, each
// readable by a worker only while the place is in service), the towns, and refusals (bad input, auth).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { distanceMeters, wgs84ToGcj02 } from '../../lib/geo.ts';
import { createRng } from '../../db/seed/people.ts';
import type { PlaceHours } from '../../../contracts/places.ts';
import { nearbyQuery } from '../../../contracts/places-nearby.ts';
import { nearest } from './nearby.service.ts';
import { randomUUID } from 'node:crypto';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { Raster } from '../../lib/png.ts';

let t: TestApp;
let admin: Session;
let worker: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  worker = await loginWorker(t, admin);
});
afterAll(async () => t.close());

const get = (url: string, as: Session | null = worker) => t.request('GET', url, { as: as ?? undefined });
const ids = (places: { id: number }[]) => places.map((p) => p.id);
type Answer = { from: { lat: number; lng: number }; radiusM: number; places: { id: number; distanceM: number; open: boolean; opensAt: string | null; closesAt: string | null; roundTheClock: boolean; live: unknown; problem: string | null }[] };

const DAY_HOURS = (from: string, to: string, nextDay = false): PlaceHours => ({
  week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from, to, ...(nextDay ? { nextDay } : {}) })),
  holidays: 'asUsual',
});

describe('nearest first', () => {
  it('answers the n nearest places in service in the order of a brute-force distance, from random points', async () => {
    const rng = createRng(1503);
    // a cluster of places around 乌鲁木齐 (far from the demo's), some closed or merged (never answered)
    const made: number[] = [];
    for (let i = 0; i < 60; i++) {
      const p = await t.make.place({ lat: 43.6 + rng() * 0.5, lng: 87.3 + rng() * 0.6, kind: i % 3 === 0 ? 'workersHome' : 'station' });
      made.push(p.id);
    }
    await t.db.query(`UPDATE place SET status = 'closed', closed_reason = '测试' WHERE id = ANY($1::bigint[])`, [made.slice(0, 5)]);
    await t.db.query(`UPDATE place SET merged_into = $2 WHERE id = ANY($1::bigint[])`, [made.slice(5, 8), made[10]]);
    const all = await t.db.query<{ id: number; lat: number; lng: number; kind: string }>(
      `SELECT id::int AS id, lat, lng, kind FROM place WHERE status = 'open' AND merged_into IS NULL`,
    );
    for (let k = 0; k < 25; k++) {
      const from = { lat: 43.5 + rng() * 0.7, lng: 87.2 + rng() * 0.8 };
      const limit = 1 + Math.floor(rng() * 20);
      const kind = k % 4 === 0 ? 'workersHome' : undefined;
      const res = await get(`/api/me/places/nearby?lat=${from.lat.toFixed(6)}&lng=${from.lng.toFixed(6)}&limit=${limit}${kind ? `&kind=${kind}` : ''}`);
      expect(res.statusCode).toBe(200);
      const body = res.json<Answer>();
      const at = { lat: Number(from.lat.toFixed(6)), lng: Number(from.lng.toFixed(6)) };
      const brute = all
        .filter((p) => !kind || p.kind === kind)
        .map((p) => ({ id: p.id, d: distanceMeters(at, p) }))
        .filter((p) => p.d <= body.radiusM)
        .sort((a, b) => a.d - b.d)
        .slice(0, limit);
      expect(ids(body.places)).toEqual(brute.map((b) => b.id));
      body.places.forEach((p, i) => expect(Math.abs(p.distanceM - brute[i]!.d)).toBeLessThanOrEqual(1));
    }
  });

  it('filters by service (every one asked for) and answers each row with its services, problem and bookable', async () => {
    const base = { lat: 45.75, lng: 126.6 }; // 哈尔滨
    const water = await t.make.place({ ...base, lng: base.lng + 0.01, services: ['water', 'rest'] });
    const both = await t.make.place({ ...base, lng: base.lng + 0.02, services: ['water', 'charging', 'toilet'], bookable: true });
    const charge = await t.make.place({ ...base, lng: base.lng + 0.005, services: ['charging'] });
    await t.db.query(`UPDATE place SET problems_open = 1, problem_latest = '没有水' WHERE id = $1`, [both.id]);
    const q = `lat=${base.lat}&lng=${base.lng}&limit=3`;
    expect(ids((await get(`/api/me/places/nearby?${q}`)).json<Answer>().places)).toEqual([charge.id, water.id, both.id]);
    expect(ids((await get(`/api/me/places/nearby?${q}&services=water`)).json<Answer>().places).slice(0, 2)).toEqual([water.id, both.id]);
    const only = (await get(`/api/me/places/nearby?${q}&services=water,charging`)).json<Answer>().places;
    expect(only[0]).toMatchObject({ id: both.id, problem: '没有水', bookable: true, services: ['water', 'charging', 'toilet'] });
    expect(only.every((p) => p.id !== water.id && p.id !== charge.id)).toBe(true);
  });

  it('looks no farther than the radius (30 km): a place beyond it is not answered', async () => {
    const far = await t.make.place({ lat: 31.2, lng: 121.47 }); // 上海
    const near = await t.make.place({ lat: 31.2 + 0.25, lng: 121.47 }); // ~28 km north
    const res = (await get('/api/me/places/nearby?lat=31.2&lng=121.47&limit=50')).json<Answer>();
    expect(res.radiusM).toBe(30_000);
    expect(ids(res.places)).toEqual([far.id, near.id]);
    const beyond = (await get('/api/me/places/nearby?lat=30.9&lng=121.47&limit=50')).json<Answer>();
    // 33 km from one and 61 km from the other: none within the radius
    expect(beyond.places.filter((p) => p.id === far.id || p.id === near.id)).toEqual([]);
  });

  it('converts the phone’s WGS-84 point to GCJ-02 and measures from it', async () => {
    const wgs = { lat: 30.6586, lng: 104.0648 }; // 成都
    const gcj = wgs84ToGcj02(wgs);
    const p = await t.make.place({ lat: gcj.lat, lng: gcj.lng });
    const res = (await get(`/api/me/places/nearby?lat=${wgs.lat}&lng=${wgs.lng}&system=wgs84&limit=1`)).json<Answer>();
    expect(res.from.lat).toBeCloseTo(gcj.lat, 9);
    expect(res.from.lng).toBeCloseTo(gcj.lng, 9);
    expect(res.places[0]).toMatchObject({ id: p.id, distanceM: 0 });
    // the same numbers taken as GCJ-02 are some hundreds of metres off
    const raw = (await get(`/api/me/places/nearby?lat=${wgs.lat}&lng=${wgs.lng}&limit=1`)).json<Answer>();
    expect(raw.places[0]!.distanceM).toBeGreaterThan(200);
  });
});

describe('open now', () => {
  // Beijing time: 2026-12-08 is a Tuesday; 2026-10-01 … 07 is the National Day holiday (migration 029)
  const at = (beijing: string) => new Date(`${beijing}+08:00`);
  const base = { lat: 36.06, lng: 103.83 }; // 兰州
  const near = (extra: Record<string, string> = {}) => nearbyQuery.parse({ lat: String(base.lat), lng: String(base.lng), limit: '10', ...extra });
  let night: number;
  let day: number;
  let holidayClosed: number;
  let holidayOwn: number;

  beforeAll(async () => {
    night = (await t.make.place({ ...base, lng: base.lng + 0.001, hours: DAY_HOURS('22:00', '06:00', true) })).id;
    day = (await t.make.place({ ...base, lng: base.lng + 0.002, hours: DAY_HOURS('08:00', '20:00') })).id;
    holidayClosed = (await t.make.place({ ...base, lng: base.lng + 0.003, hours: { ...DAY_HOURS('08:00', '20:00'), holidays: 'closed' } })).id;
    holidayOwn = (await t.make.place({ ...base, lng: base.lng + 0.004, hours: { ...DAY_HOURS('08:00', '20:00'), holidays: [{ from: '10:00', to: '16:00' }] } })).id;
  });
  const mine = (places: { id: number }[]) => places.filter((p) => [night, day, holidayClosed, holidayOwn].includes(p.id));

  it('keeps a night station open after midnight by the day it opened, and tells when the day station opens', async () => {
    const q = near({ openNow: '1' });
    const late = await nearest(t.db, q, at('2026-12-08T02:30:00'));
    expect(ids(mine(late.places))).toEqual([night]);
    const all = await nearest(t.db, near(), at('2026-12-08T02:30:00'));
    const d = mine(all.places).find((p) => p.id === day)!;
    expect(d).toMatchObject({ open: false, closesAt: null, opensAt: at('2026-12-08T08:00:00').toISOString() });
    expect(mine(all.places).find((p) => p.id === night)).toMatchObject({ open: true, closesAt: at('2026-12-08T06:00:00').toISOString() });
    const noon = await nearest(t.db, q, at('2026-12-08T12:00:00'));
    expect(ids(mine(noon.places))).toEqual([day, holidayClosed, holidayOwn]);
  });

  it('follows the holiday rule: closed on holidays, its own holiday hours, or as usual', async () => {
    const q = near({ openNow: '1' });
    expect(ids(mine((await nearest(t.db, q, at('2026-10-02T09:00:00'))).places))).toEqual([day]);
    expect(ids(mine((await nearest(t.db, q, at('2026-10-02T12:00:00'))).places))).toEqual([day, holidayOwn]);
    const all = mine((await nearest(t.db, near(), at('2026-10-07T12:00:00'))).places);
    // closed through the holiday, it opens on the first day after it
    expect(all.find((p) => p.id === holidayClosed)).toMatchObject({ open: false, opensAt: at('2026-10-08T08:00:00').toISOString() });
    expect(all.find((p) => p.id === holidayOwn)).toMatchObject({ open: true, closesAt: at('2026-10-07T16:00:00').toISOString() });
  });

  it('honours a dated exception and the keeper’s fresh "closed" mark (an old mark no longer counts)', async () => {
    await t.db.query(
      `INSERT INTO place_hours_exception (place_id, day, own, spill, hours, note) VALUES ($1, '2026-12-09', '{}', '{}', '[]', '停电')`,
      [day],
    );
    const q = near({ openNow: '1' });
    expect(ids(mine((await nearest(t.db, q, at('2026-12-09T12:00:00'))).places))).toEqual([holidayClosed, holidayOwn]);
    // the row's own state reads the exception too: closed all that day, open again the next morning
    const that = mine((await nearest(t.db, near(), at('2026-12-08T21:00:00'))).places).find((p) => p.id === day);
    expect(that).toMatchObject({ open: false, opensAt: at('2026-12-10T08:00:00').toISOString() });
    const moment = at('2026-12-10T12:00:00');
    await t.db.query(`UPDATE place SET live_state = 'closed', live_busy = NULL, live_at = $2 WHERE id = $1`, [holidayClosed, new Date(moment.getTime() - 3_600_000)]);
    await t.db.query(`UPDATE place SET live_state = 'closed', live_at = $2 WHERE id = $1`, [holidayOwn, new Date(moment.getTime() - 13 * 3_600_000)]);
    expect(ids(mine((await nearest(t.db, q, moment)).places))).toEqual([day, holidayOwn]);
    const all = mine((await nearest(t.db, near(), moment)).places);
    expect(all.find((p) => p.id === holidayClosed)).toMatchObject({ open: false, closesAt: null, opensAt: null, live: { state: 'closed', busy: null } });
    expect(all.find((p) => p.id === holidayOwn)).toMatchObject({ open: true, live: null });
  });

  it('answers roundTheClock for a place open all week', async () => {
    const p = await t.make.place({ ...base, lat: base.lat + 0.001 });
    const all = (await nearest(t.db, near(), at('2026-12-08T03:00:00'))).places;
    expect(all.find((x) => x.id === p.id)).toMatchObject({ open: true, roundTheClock: true, closesAt: null });
    expect(all.find((x) => x.id === day)).toMatchObject({ roundTheClock: false });
  });
});

describe('refusals', () => {
  it('asks for a session, and a worker’s one (staff: member_only)', async () => {
    expect((await get('/api/me/places/nearby?lat=23.1&lng=113.3', null)).statusCode).toBe(401);
    const staff = await get('/api/me/places/nearby?lat=23.1&lng=113.3', admin);
    expect([staff.statusCode, staff.json().error]).toEqual([403, 'member_only']);
    expect((await get('/api/me/places/towns', null)).statusCode).toBe(401);
    expect((await get('/api/me/places/1', null)).statusCode).toBe(401);
  });

  it('refuses swapped or foreign coordinates, bad numbers and a limit over 50', async () => {
    const code = async (qs: string) => {
      const res = await get(`/api/me/places/nearby?${qs}`);
      return [res.statusCode, res.json().error];
    };
    expect(await code('lat=113.3&lng=23.1')).toEqual([400, 'position_swapped']);
    expect(await code('lat=48.85&lng=2.35')).toEqual([400, 'position_outside_china']);
    expect(await code('lat=0&lng=0&system=wgs84')).toEqual([400, 'position_outside_china']);
    expect(await code('lat=abc&lng=113.3')).toEqual([400, 'validation_failed']);
    expect(await code('lat=1e1&lng=113.3')).toEqual([400, 'validation_failed']);
    expect(await code('lat=181&lng=113.3')).toEqual([400, 'validation_failed']);
    expect(await code('lat=95&lng=113.3')).toEqual([400, 'position_outside_china']);
    expect(await code('lat=23.1&lng=113.3&limit=51')).toEqual([400, 'validation_failed']);
    expect(await code('lat=23.1&lng=113.3&limit=0')).toEqual([400, 'validation_failed']);
    expect(await code('lat=23.1&lng=113.3&services=water,gold')).toEqual([400, 'validation_failed']);
    expect(await code('lat=23.1&lng=113.3&kind=castle')).toEqual([400, 'validation_failed']);
    expect(await code('lat=23.1')).toEqual([400, 'validation_failed']);
    expect(await code('lat=23.1&lng=113.3&extra=1')).toEqual([400, 'validation_failed']);
  });
});

describe('one place, and the towns', () => {
  it('shows a place with its hours, masked keeper phone and distance; a merged one answers its survivor; a closed one 404', async () => {
    const town = await t.make.org({ level: 'town', name: '测试县新民镇总工会' });
    const p = await t.make.place({ org: town, townId: town.id, lat: 39.9, lng: 116.4, keeperPhone: '13812345678', name: '新民镇爱心驿站' });
    const res = await get(`/api/me/places/${p.id}?lat=39.91&lng=116.4`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ id: p.id, name: '新民镇爱心驿站', keeperPhoneMasked: '138****5678', orgName: '测试县新民镇总工会', townName: '新民镇' });
    expect(JSON.stringify(body)).not.toContain('13812345678');
    expect(Math.abs(body.distanceM - distanceMeters({ lat: 39.91, lng: 116.4 }, p))).toBeLessThanOrEqual(1);
    expect((await get(`/api/me/places/${p.id}`)).json().distanceM).toBeNull();
    expect((await get(`/api/me/places/${p.id}?lat=39.91`)).json().error).toBe('position_incomplete');

    const dup = await t.make.place({ lat: 39.9001, lng: 116.4 });
    await t.db.query(`UPDATE place SET merged_into = $2 WHERE id = $1`, [dup.id, p.id]);
    expect((await get(`/api/me/places/${dup.id}`)).json().id).toBe(p.id);
    await t.db.query(`UPDATE place SET status = 'closed', closed_reason = '拆除' WHERE id = $1`, [p.id]);
    expect((await get(`/api/me/places/${p.id}`)).statusCode).toBe(404);
    expect((await get(`/api/me/places/${dup.id}`)).statusCode).toBe(404);
    expect((await get('/api/me/places/99999999')).statusCode).toBe(404);
  });

  it('lists the towns with places at the centroid of their places, found by name, paged', async () => {
    const county = await t.make.org({ level: 'county', name: '测试县总工会' });
    const town = await t.make.org({ level: 'town', parent: county, name: '测试县青松镇总工会' });
    await t.make.place({ org: town, townId: town.id, lat: 40.0, lng: 100.0 });
    await t.make.place({ org: town, townId: town.id, lat: 40.2, lng: 100.4 });
    const res = await get('/api/me/places/towns?q=青松');
    expect(res.statusCode).toBe(200);
    const body = res.json<{ items: { id: number; name: string; county: string; lat: number; lng: number }[]; total: number }>();
    expect(body.total).toBe(1);
    expect(body.items[0]).toMatchObject({ id: town.id, name: '青松镇', county: '测试县' });
    expect(body.items[0]!.lat).toBeCloseTo(40.1, 9);
    expect(body.items[0]!.lng).toBeCloseTo(100.2, 9);
    const page = (await get('/api/me/places/towns?pageSize=1&page=1')).json<{ items: unknown[]; total: number }>();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBeGreaterThanOrEqual(1);
    expect((await get('/api/me/places/towns?q=没有这个镇')).json()).toEqual({ items: [], total: 0 });
  });
});

describe('a place’s photos, for a worker', () => {
  /** A real PNG of one colour (the upload sniffs the bytes). */
  const picture = (r: number, g: number, b: number) => new Raster(8, 6, [r, g, b]).png();
  const upload = async (placeId: number, content: Buffer) => {
    const form = multipart({}, { name: 'x.png', content, type: 'image/png' });
    const res = await t.request('POST', `/api/places/${placeId}/photos`, { as: admin, body: form.payload, headers: { ...form.headers, 'idempotency-key': randomUUID() } });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: number }>().id;
  };
  const photosOf = async (placeId: number) => (await get(`/api/me/places/${placeId}`)).json<{ id: number; photos: { id: number; url: string }[] }>();
  const staffPhotos = async (placeId: number) => (await t.request('GET', `/api/places/${placeId}`, { as: admin })).json<{ photos: { id: number }[] }>().photos.map((p) => p.id);

  it('lists them in the order staff see them, each one readable by the worker at its url', async () => {
    const p = await t.make.place({ org: await t.orgId('化州市总工会'), lat: 38.91, lng: 115.41, name: '有照片的爱心驿站' });
    expect((await photosOf(p.id)).photos).toEqual([]);
    const pictures = [picture(200, 30, 30), picture(30, 160, 60), picture(30, 60, 200)];
    const ids: number[] = [];
    for (const content of pictures) ids.push(await upload(p.id, content));
    // staff remove the second: the worker sees the first and the third, in that order
    expect((await t.request('DELETE', `/api/places/${p.id}/photos/${ids[1]}`, { as: admin })).statusCode).toBe(200);
    const body = await photosOf(p.id);
    expect(body.photos.map((x) => x.id)).toEqual(await staffPhotos(p.id));
    expect(body.photos).toEqual([ids[0], ids[2]].map((id) => ({ id, url: `/api/place-photos/${id}` })));
    for (const [i, ph] of body.photos.entries()) {
      const res = await get(ph.url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('image/png');
      expect(Buffer.from(res.rawPayload).equals(pictures[i === 0 ? 0 : 2]!)).toBe(true);
    }
    expect((await get(`/api/place-photos/${ids[1]}`)).statusCode).toBe(404);
    expect((await t.request('GET', body.photos[0]!.url)).statusCode).toBe(401);
  });

  it('answers a merged place with its survivor’s photos (its own moved there); a photo of a merged or closed place is not found for a worker, staff still see it', async () => {
    const huazhou = await t.orgId('化州市总工会');
    const keep = await t.make.place({ org: huazhou, lat: 38.95, lng: 115.45, name: '留下的职工之家', kind: 'workersHome' });
    const dup = await t.make.place({ org: huazhou, lat: 38.9501, lng: 115.45, name: '重复的职工之家', kind: 'workersHome' });
    const kept = await upload(keep.id, picture(10, 10, 10));
    const moved = await upload(dup.id, picture(250, 250, 250));
    const merged = await t.request('POST', `/api/places/${dup.id}/merge`, { as: admin, body: { into: keep.id } });
    expect(merged.statusCode, merged.body).toBe(200);
    const survivor = await photosOf(dup.id);
    expect(survivor.id).toBe(keep.id);
    expect(survivor.photos.map((x) => x.id)).toEqual(await staffPhotos(keep.id));
    expect(survivor.photos.map((x) => x.id).sort((a, b) => a - b)).toEqual([kept, moved].sort((a, b) => a - b));
    expect((await get(`/api/place-photos/${moved}`)).statusCode).toBe(200);

    // a photo still on a merged place (not moved): the worker is told not found
    const stray = await upload(keep.id, picture(90, 90, 0));
    await t.db.query(`UPDATE place_photo SET place_id = $2 WHERE id = $1`, [stray, dup.id]);
    expect((await get(`/api/place-photos/${stray}`)).statusCode).toBe(404);
    expect((await t.request('GET', `/api/place-photos/${stray}`, { as: admin })).statusCode).toBe(200);

    // taken out of service: neither the place nor its photos, for the worker
    const closed = await t.request('POST', `/api/places/${keep.id}/close`, { as: admin, body: { reason: '场地收回' } });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await get(`/api/me/places/${keep.id}`)).statusCode).toBe(404);
    for (const id of [kept, moved]) {
      const res = await get(`/api/place-photos/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toBe('not_found');
      expect((await t.request('GET', `/api/place-photos/${id}`, { as: admin })).statusCode).toBe(200);
    }
  });
});
