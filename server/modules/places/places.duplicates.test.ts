// Likely duplicates in the register and merging them: same kind within 50 m, a similar name within
// 500 m, never a different kind far away; the pairs page; merge moves photos and exceptions, hides
// the merged place, refuses itself and merged places; photos typed by their bytes, shown to members
// while the place is in service.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { memberSessions } from '../../../tests/helpers/activities.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { shiftDay } from '../../lib/working-days.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let shiwan: Session;
let yangjiang: Session;
let shiwanId: number;
let yangjiangId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, shiwan, yangjiang] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('shiwan'), t.login('yangjiang')]);
  [shiwanId, yangjiangId] = await Promise.all([t.demoOrg('shiwan'), t.demoOrg('yangjiang')]);
});
afterAll(async () => t.close());

let spot = 0;
const nextSpot = () => ({ lat: 22.0 + (++spot % 40) * 0.02, lng: 111.0 + Math.floor(spot / 40) * 0.02 });
/** ~metres north of a point */
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / 111_320, lng: p.lng });

const ALWAYS = { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: 'asUsual' as const };
const body = (name: string, kind: string, at: { lat: number; lng: number }, over: Record<string, unknown> = {}) => ({
  orgId: shiwanId,
  kind,
  name,
  address: '化州市石湾街道',
  position: { ...at, system: 'gcj02' },
  hours: ALWAYS,
  ...over,
});
const create = async (as: Session, b: unknown) => {
  const res = await t.request('POST', '/api/places', { as, body: b, headers: { 'idempotency-key': randomUUID() } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { place: { id: number; name: string }; duplicates: { id: number; name: string; distanceM: number; reason: string }[] };
};

// 1×1 PNG
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f5f6f70000000049454e44ae426082', 'hex');

describe('duplicate warnings', () => {
  it('warns of the same kind within 50 m, with the distance', async () => {
    const at = nextSpot();
    const first = await create(shiwan, body('石湾文化站职工书屋', 'readingRoom', at));
    const second = await create(shiwan, body('书屋（文化站二楼）', 'readingRoom', north(at, 23)));
    expect(second.duplicates).toEqual([{ id: first.place.id, name: '石湾文化站职工书屋', kind: 'readingRoom', address: '化州市石湾街道', distanceM: 23, reason: 'near' }]);
    // the place's page shows it too, both ways
    const detail = (await t.request('GET', `/api/places/${first.place.id}`, { as: shiwan })).json();
    expect(detail.duplicates.map((d: { id: number }) => d.id)).toEqual([second.place.id]);
  });

  it('warns of a similar name within 500 m, whatever the kind', async () => {
    const at = nextSpot();
    const first = await create(shiwan, body('莲花社区工会爱心驿站', 'station', at));
    const second = await create(shiwan, body('莲花社区爱心驿站', 'workersHome', north(at, 300)));
    expect(second.duplicates).toMatchObject([{ id: first.place.id, reason: 'similarName' }]);
    expect(second.duplicates[0]!.distanceM).toBeGreaterThan(290);
  });

  it('does not warn of a different kind nearby with another name, nor the same kind 80 m away, nor a similar name 2 km away', async () => {
    const at = nextSpot();
    await create(shiwan, body('河西户外劳动者驿站', 'station', at));
    expect((await create(shiwan, body('河西职工书屋', 'readingRoom', north(at, 10)))).duplicates).toEqual([]);
    expect((await create(shiwan, body('北京路环卫工人休息点', 'station', north(at, 80)))).duplicates).toEqual([]);
    expect((await create(shiwan, body('河西户外劳动者驿站', 'station', north(at, 2000)))).duplicates).toEqual([]);
  });

  it('lists likely pairs of the subtree, closest first; another subtree sees none', async () => {
    const at = nextSpot();
    const a = await create(shiwan, body('配对测试心灵驿站', 'counselling', at));
    const b = await create(shiwan, body('配对心理咨询室', 'counselling', north(at, 12)));
    const res = await t.request('GET', '/api/places/duplicates?pageSize=200', { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    const pair = res.json().items.find((p: { a: { id: number } }) => p.a.id === a.place.id);
    expect(pair).toMatchObject({ a: { id: a.place.id, org: { id: shiwanId } }, b: { id: b.place.id }, distanceM: 12, reason: 'near' });
    const ds = res.json().items.map((p: { distanceM: number }) => p.distanceM);
    expect(ds).toEqual([...ds].sort((x, y) => x - y));
    expect(res.json().total).toBe(res.json().items.length);
    expect((await t.request('GET', '/api/places/duplicates', { as: yangjiang })).json().items).toEqual([]);
    expect((await t.request('GET', `/api/places/duplicates?orgId=${shiwanId}`, { as: yangjiang })).statusCode).toBe(404);
  });
});

describe('merging', () => {
  it('moves photos, exceptions and visits, hides the merged place, and audits', async () => {
    const at = nextSpot();
    const keep = await create(shiwan, body('合并保留的职工之家', 'workersHome', at));
    const dup = await create(shiwan, body('合并掉的职工之家', 'workersHome', north(at, 5)));
    const form = multipart({}, { name: 'p.png', content: PNG, type: 'image/png' });
    const photo = await t.request('POST', `/api/places/${dup.place.id}/photos`, { as: shiwan, body: form.payload, headers: { ...form.headers, 'idempotency-key': randomUUID() } });
    expect(photo.statusCode, photo.body).toBe(201);
    const day = shiftDay(beijingDay(), 2);
    await t.request('PUT', `/api/places/${dup.place.id}/exceptions/${day}`, { as: shiwan, body: { intervals: [], note: '停电' } });

    // a visit at the duplicate's door: it belongs to the place kept after the merge
    const visitor = await t.make.member({ org: shiwanId });
    const [dupRow] = await t.db.query<{ path: string }>(`SELECT org_path::text AS path FROM place WHERE id = $1`, [dup.place.id]);
    await t.db.query(`INSERT INTO place_visit (place_id, org_path, member_id, via, at) VALUES ($1, $2::ltree, $3, 'door', now())`, [dup.place.id, dupRow!.path, visitor.id]);

    expect((await t.request('POST', `/api/places/${dup.place.id}/merge`, { as: shiwan, body: { into: dup.place.id } })).json().error).toBe('place_merge_self');
    const res = await t.request('POST', `/api/places/${dup.place.id}/merge`, { as: shiwan, body: { into: keep.place.id } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ mergedInto: keep.place.id, mergedIntoPlace: { id: keep.place.id, name: '合并保留的职工之家' }, photos: [], exceptions: [] });
    const kept = (await t.request('GET', `/api/places/${keep.place.id}`, { as: shiwan })).json();
    expect(kept.photos.map((p: { id: number }) => p.id)).toEqual([photo.json().id]);
    expect(kept.exceptions).toEqual([{ day, intervals: [], note: '停电' }]);
    expect(kept.duplicates).toEqual([]);
    // hidden from the list, shown under 已合并
    const list = (await t.request('GET', `/api/places/register?q=${encodeURIComponent('合并掉的')}`, { as: shiwan })).json();
    expect(list.total).toBe(0);
    expect((await t.request('GET', `/api/places/register?status=merged&q=${encodeURIComponent('合并掉的')}`, { as: shiwan })).json().total).toBe(1);
    const [entry] = await t.db.query<{ detail: { into: number; moved: Record<string, number> } }>(`SELECT detail FROM audit_log WHERE action = 'place.merge' AND target_id = $1`, [String(dup.place.id)]);
    expect(entry!.detail).toMatchObject({ into: keep.place.id, moved: { photos: 1, exceptions: 1, visits: 1, problems: 0, slots: 0, childcare: 0, bookings: 0 } });
    const visits = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_visit WHERE place_id = $1`, [keep.place.id]);
    expect(visits[0]!.n).toBe(1);

    // no second merge, nothing into a merged place, no edits of a merged place
    const third = await create(shiwan, body('第三个职工之家', 'workersHome', north(at, 9)));
    expect((await t.request('POST', `/api/places/${dup.place.id}/merge`, { as: shiwan, body: { into: third.place.id } })).json().error).toBe('place_merged');
    expect((await t.request('POST', `/api/places/${third.place.id}/merge`, { as: shiwan, body: { into: dup.place.id } })).json().error).toBe('place_merge_target_merged');
    expect((await t.request('PATCH', `/api/places/${dup.place.id}`, { as: shiwan, body: { name: '改个名' } })).json().error).toBe('place_merged');
  });

  it('refuses a place of another subtree as not found, and writes nothing', async () => {
    const mine = await create(shiwan, body('本辖区的爱心驿站', 'station', nextSpot()));
    const theirs = await t.make.place({ org: yangjiangId, kind: 'station', name: '阳江的爱心驿站', lat: 21.86, lng: 111.98 });
    expect((await t.request('POST', `/api/places/${mine.place.id}/merge`, { as: shiwan, body: { into: theirs.id } })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/places/${theirs.id}/merge`, { as: shiwan, body: { into: mine.place.id } })).statusCode).toBe(404);
    const [row] = await t.db.query<{ merged: number | null }>(`SELECT merged_into AS merged FROM place WHERE id = $1`, [mine.place.id]);
    expect(row!.merged).toBeNull();
  });
});

describe('photos', () => {
  it('takes images by their bytes, at most 9, shows them to staff and to members while the place is in service', async () => {
    const p = await create(shiwan, body('有照片的驿站', 'station', nextSpot()));
    const upload = (content: Buffer, name = 'x.jpg') => {
      const form = multipart({}, { name, content, type: 'image/jpeg' });
      return t.request('POST', `/api/places/${p.place.id}/photos`, { as: shiwan, body: form.payload, headers: { ...form.headers, 'idempotency-key': randomUUID() } });
    };
    expect((await upload(Buffer.from('not an image at all, just text'))).json().error).toBe('place_photo_type');
    expect((await upload(Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)]))).statusCode).toBe(413);
    const ids: number[] = [];
    for (let i = 0; i < 9; i++) ids.push((await upload(PNG)).json().id);
    expect((await upload(PNG)).json().error).toBe('place_photos_full');

    const staffView = await t.request('GET', `/api/place-photos/${ids[0]}`, { as: shiwan });
    expect(staffView.statusCode).toBe(200);
    expect(staffView.headers['content-type']).toBe('image/png');
    expect(Buffer.from(staffView.rawPayload).equals(PNG)).toBe(true);
    const [worker] = await memberSessions(t, admin, shiwanId, 1);
    expect((await t.request('GET', `/api/place-photos/${ids[0]}`, { as: worker })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/place-photos/${ids[0]}`)).statusCode).toBe(401);
    // another subtree's staff see it while the place is in service (members do too), not once it is closed
    expect((await t.request('GET', `/api/place-photos/${ids[0]}`, { as: yangjiang })).statusCode).toBe(200);
    await t.request('POST', `/api/places/${p.place.id}/close`, { as: shiwan, body: { reason: '暂停使用' } });
    expect((await t.request('GET', `/api/place-photos/${ids[0]}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/place-photos/${ids[0]}`, { as: worker })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/place-photos/${ids[0]}`, { as: shiwan })).statusCode).toBe(200);

    expect((await t.request('DELETE', `/api/places/${p.place.id}/photos/${ids[1]}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('DELETE', `/api/places/${p.place.id}/photos/${ids[1]}`, { as: shiwan })).json()).toEqual({ ok: true });
    expect((await t.request('GET', `/api/places/${p.place.id}`, { as: shiwan })).json().photos).toHaveLength(8);
  });
});
