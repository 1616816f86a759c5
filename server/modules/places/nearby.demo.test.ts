// The demo's places (server/db/seed/places.ts) as the nearby routes find them: the seed pages' places
// under their names and unions with their photos, every place in Guangdong with valid hours, and the
// bulk loader of the benchmark (stations around the towns, found nearest first like the rest).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { DEMO_PLACES } from '../../db/seed/demo-keys.ts';
import { loadScaleStations } from '../../db/seed/places.ts';
import { createRng } from '../../db/seed/people.ts';
import { distanceMeters } from '../../lib/geo.ts';
import { sniffImage } from '../../lib/sniff-image.ts';

let t: TestApp;
let worker: Session;
beforeAll(async () => {
  t = await startTestApp();
  worker = await loginWorker(t, await t.login('admin'));
});
afterAll(async () => t.close());

const GUANGDONG = { lat: [20.1, 25.6], lng: [109.6, 117.4] } as const;

describe('demo places', () => {
  it('has the seed pages’ places once each, under their unions, in Guangdong', async () => {
    const rows = await t.db.query<{ name: string; kind: string; org: string; bookable: boolean; lat: number; lng: number }>(
      `SELECT p.name, p.kind, o.name AS org, p.bookable, p.lat, p.lng FROM place p JOIN org o ON o.id = p.org_id WHERE p.name = ANY($1::text[])`,
      [Object.values(DEMO_PLACES)],
    );
    expect(rows.map((r) => r.name).sort()).toEqual(Object.values(DEMO_PLACES).sort());
    const by = new Map(rows.map((r) => [r.name, r]));
    expect(by.get(DEMO_PLACES.shiwanReadingRoom)).toMatchObject({ kind: 'readingRoom', bookable: true, org: '化州市石湾街道石湾社区工会联合会' });
    expect(by.get(DEMO_PLACES.shiwanHome)).toMatchObject({ kind: 'workersHome', org: '化州市石湾街道工会联合会' });
    expect(by.get(DEMO_PLACES.lianhua)!.org).toMatch(/^榕城区/);
    expect(by.get(DEMO_PLACES.nansha)!.org).toMatch(/^南沙区/);
    expect(by.get(DEMO_PLACES.datang)!.org).toMatch(/三水区|大塘镇/);
  });

  it('places every demo place in Guangdong, and a courier in 揭阳 finds 莲花社区 open with water, nearest first', async () => {
    const [box] = await t.db.query<{ n: number; minLat: number; maxLat: number; minLng: number; maxLng: number }>(
      `SELECT count(*)::int AS n, min(lat) AS "minLat", max(lat) AS "maxLat", min(lng) AS "minLng", max(lng) AS "maxLng" FROM place WHERE source = 'demo'`,
    );
    expect(box!.n).toBeGreaterThan(20);
    expect(box!.minLat).toBeGreaterThan(GUANGDONG.lat[0]);
    expect(box!.maxLat).toBeLessThan(GUANGDONG.lat[1]);
    expect(box!.minLng).toBeGreaterThan(GUANGDONG.lng[0]);
    expect(box!.maxLng).toBeLessThan(GUANGDONG.lng[1]);
    const res = await t.request('GET', '/api/me/places/nearby?lat=23.5440&lng=116.3770&services=water&openNow=1&limit=5', { as: worker });
    expect(res.statusCode).toBe(200);
    const first = res.json<{ places: { name: string; open: boolean; roundTheClock: boolean; distanceM: number }[] }>().places[0]!;
    expect(first).toMatchObject({ name: DEMO_PLACES.lianhua, open: true, roundTheClock: true });
    expect(first.distanceM).toBeLessThan(300);
  });
});

describe('demo places’ photos', () => {
  it('shows each seed page’s place to a worker with two photos (its front, then inside), real PNGs of a few kilobytes', async () => {
    const rows = await t.db.query<{ id: number; name: string }>(`SELECT id::int AS id, name FROM place WHERE name = ANY($1::text[]) AND merged_into IS NULL`, [Object.values(DEMO_PLACES)]);
    const seen = new Set<string>();
    for (const r of rows) {
      const place = (await t.request('GET', `/api/me/places/${r.id}`, { as: worker })).json<{ photos: { id: number; url: string }[] }>();
      expect(place.photos, r.name).toHaveLength(2);
      for (const ph of place.photos) {
        const res = await t.request('GET', ph.url, { as: worker });
        expect(res.statusCode).toBe(200);
        const bytes = Buffer.from(res.rawPayload);
        expect(sniffImage(bytes)).toBe('image/png');
        expect(res.headers['content-type']).toBe('image/png');
        expect(bytes.length).toBeGreaterThan(2000);
        expect(bytes.length).toBeLessThan(40_000);
        expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([640, 428]);
        seen.add(bytes.toString('base64'));
      }
    }
    // no two places share a picture
    expect(seen.size).toBe(rows.length * 2);
  });
});

describe('bulk stations (the benchmark’s loader)', () => {
  it('adds stations around the towns and cities of the tree, found nearest first as brute force says', async () => {
    const [before] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place`);
    expect(await loadScaleStations(t.db, 3000)).toBe(3000);
    const all = await t.db.query<{ id: number; lat: number; lng: number; services: string[] }>(
      `SELECT id::int AS id, lat, lng, services FROM place WHERE status = 'open' AND merged_into IS NULL`,
    );
    expect(all.length).toBe(before!.n + 3000);
    const bulk = await t.db.query<{ n: number; named: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE name LIKE '%号工会爱心驿站' OR name LIKE '%号户外劳动者服务站')::int AS named
         FROM place WHERE source = 'demo' AND lat BETWEEN $1 AND $2 AND lng BETWEEN $3 AND $4`,
      [GUANGDONG.lat[0], GUANGDONG.lat[1], GUANGDONG.lng[0], GUANGDONG.lng[1]],
    );
    expect(bulk[0]!.named).toBe(3000);
    const rng = createRng(77);
    for (let k = 0; k < 10; k++) {
      const from = { lat: Number((21 + rng() * 3.5).toFixed(5)), lng: Number((110 + rng() * 6.5).toFixed(5)) };
      const res = await t.request('GET', `/api/me/places/nearby?lat=${from.lat}&lng=${from.lng}&services=charging&limit=10`, { as: worker });
      const got = res.json<{ places: { id: number }[] }>().places.map((p) => p.id);
      const want = all
        .filter((p) => p.services.includes('charging'))
        .map((p) => ({ id: p.id, d: distanceMeters(from, p) }))
        .filter((p) => p.d <= 30_000)
        .sort((a, b) => a.d - b.d)
        .slice(0, 10)
        .map((p) => p.id);
      expect(got).toEqual(want);
    }
  });
});
