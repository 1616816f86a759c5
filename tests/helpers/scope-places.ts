// The scope gate's test, for the places (issue 15): the records of 阳江 that 化州's staff must not
// reach — a place of the register with a photo (and one of 化州 to merge into), a bookable reading
// room with a slot and a pending booking, a rest station of a town with a worker's problem report, a
// merge of two of its places —
// and how to aim each place route at them (tests/scope.test.ts spreads it into its map).
import type { TestApp } from './harness.ts';
import { newKey } from './points.ts';
import { multipart } from './rosters.ts';
import { loginWorker } from './workers.ts';

type Ids = Record<string, number>;
export interface Aim {
  id?: () => number;
  day?: () => string;
  photoId?: () => number;
  query?: () => string;
  body?: () => unknown;
  headers?: () => Record<string, string>;
}

const withKey = () => ({ 'idempotency-key': newKey() });
const placeImportForm = multipart({}, { name: '阵地.xlsx', content: Buffer.from('PK not really a workbook') });
const placePhotoForm = multipart({}, { name: 'p.png', content: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), type: 'image/png' });

/** Makes the places of 阳江 (ids.yangjiang, ids.yangjiangTown, ids.yangjiangMember, ids.huazhou set) and records their ids. */
export async function makeOutOfScopePlaces(t: TestApp, ids: Ids): Promise<void> {
  const place = await t.make.place({ org: ids.yangjiang!, kind: 'station', name: '阳江越权测试驿站', lat: 21.86, lng: 111.98 });
  ids.yangjiangPlace = place.id;
  const [photo] = await t.db.query<{ id: number }>(`INSERT INTO place_photo (place_id, mime, bytes) VALUES ($1, 'image/png', '\\x89504e47'::bytea) RETURNING id::int AS id`, [place.id]);
  ids.yangjiangPlacePhoto = photo!.id;
  ids.huazhouPlace = (await t.make.place({ org: ids.huazhou!, kind: 'station', name: '化州越权测试驿站', lat: 21.66, lng: 110.63 })).id;

  const room = await t.make.place({ org: ids.yangjiang!, kind: 'readingRoom', bookable: true, name: '阳江职工书屋' });
  ids.yangjiangRoom = room.id;
  const [slot] = await t.db.query<{ id: number }>(
    `INSERT INTO place_slot (place_id, org_path, title, starts_at, ends_at, capacity, booked, needs_approval)
     SELECT id, org_path, '阅览座位', now() + interval '1 day', now() + interval '1 day 2 hours', 5, 1, true FROM place WHERE id = $1 RETURNING id`,
    [room.id],
  );
  ids.yangjiangSlot = slot!.id;
  const [booking] = await t.db.query<{ id: number }>(
    `INSERT INTO place_booking (slot_id, place_id, member_id, starts_at, state, idem_key, request_hash)
     SELECT s.id, s.place_id, $2, s.starts_at, 'pending', 'scope-test-key', '\\x00' FROM place_slot s WHERE s.id = $1 RETURNING id`,
    [ids.yangjiangSlot, ids.yangjiangMember],
  );
  ids.yangjiangBooking = booking!.id;

  ids.yangjiangStation = (await t.make.place({ org: ids.yangjiangTown!, name: '阳江越权测试爱心驿站' })).id;
  await loginWorker(t, await t.login('admin'));
  const [worker] = await t.db.query<{ id: number }>(`SELECT id FROM worker ORDER BY id DESC LIMIT 1`);
  const [problem] = await t.db.query<{ id: number }>(
    `INSERT INTO place_problem (place_id, org_id, org_path, worker_id, kind, text, photo_enc, photo_mime, photo_size, due_at)
     SELECT p.id, p.org_id, p.org_path, $2, 'noWater', '阳江驿站没有水（越权测试用）', $3, 'image/jpeg', 4, now() + interval '2 days' FROM place p WHERE p.id = $1
     RETURNING id`,
    [ids.yangjiangStation, worker!.id, t.pii.encrypt(Buffer.from([0xff, 0xd8, 0xff, 0xe0]).toString('base64'))],
  );
  ids.yangjiangPlaceProblem = problem!.id;

  // a merge of two places of 阳江, recorded as the register writes it (the undo's target)
  const kept = await t.make.place({ org: ids.yangjiang!, kind: 'station', name: '阳江越权测试保留驿站', lat: 21.87, lng: 111.99 });
  const retired = await t.make.place({ org: ids.yangjiang!, kind: 'station', name: '阳江越权测试并入驿站', lat: 21.8701, lng: 111.99 });
  await t.db.query(`UPDATE place SET merged_into = $2 WHERE id = $1`, [retired.id, kept.id]);
  const [merge] = await t.db.query<{ id: number }>(`INSERT INTO place_merge (place_id, into_id) VALUES ($1, $2) RETURNING id::int AS id`, [retired.id, kept.id]);
  ids.yangjiangPlaceMerge = merge!.id;
}

/** Each place route aimed at 阳江, with an otherwise valid request. */
export function placesOutOfScope(ids: Ids): Record<string, Aim> {
  return {
    'GET /api/places/register': { query: () => `orgId=${ids.yangjiang}` },
    'POST /api/places': {
      headers: withKey,
      body: () => ({ orgId: ids.yangjiang, kind: 'station', name: '越权登记驿站', address: '阳江市某路', position: { lat: 21.86, lng: 111.98 }, hours: { week: [], holidays: 'asUsual' } }),
    },
    'GET /api/places/duplicates': { query: () => `orgId=${ids.yangjiang}` },
    'POST /api/places/import': {
      query: () => `orgId=${ids.yangjiang}`,
      body: () => placeImportForm.payload,
      headers: () => ({ ...placeImportForm.headers, ...withKey() }),
    },
    'GET /api/places/{id}': { id: () => ids.yangjiangPlace! },
    'PATCH /api/places/{id}': { id: () => ids.yangjiangPlace!, body: () => ({ name: '越权修改驿站' }) },
    'POST /api/places/{id}/close': { id: () => ids.yangjiangPlace!, body: () => ({ reason: '越权停用' }) },
    'POST /api/places/{id}/reopen': { id: () => ids.yangjiangPlace! },
    'POST /api/places/{id}/reveal': { id: () => ids.yangjiangPlace!, body: () => ({ reason: '越权查看测试' }) },
    'PUT /api/places/{id}/exceptions/{day}': { id: () => ids.yangjiangPlace!, day: () => '2099-01-01', body: () => ({ intervals: [] }) },
    'DELETE /api/places/{id}/exceptions/{day}': { id: () => ids.yangjiangPlace!, day: () => '2099-01-01' },
    'POST /api/places/{id}/merge': { id: () => ids.yangjiangPlace!, body: () => ({ into: ids.huazhouPlace }) },
    'POST /api/places/{id}/photos': { id: () => ids.yangjiangPlace!, body: () => placePhotoForm.payload, headers: () => ({ ...placePhotoForm.headers, ...withKey() }) },
    'DELETE /api/places/{id}/photos/{photoId}': { id: () => ids.yangjiangPlace!, photoId: () => ids.yangjiangPlacePhoto! },
    'GET /api/places/figures': { query: () => `orgId=${ids.yangjiang}` },
    'GET /api/places/figures.xlsx': { query: () => `orgId=${ids.yangjiang}` },
    'GET /api/places/{id}/desk': { id: () => ids.yangjiangStation! },
    'POST /api/places/{id}/live': { id: () => ids.yangjiangStation!, body: () => ({ state: 'closed' }) },
    'POST /api/places/{id}/visits': { id: () => ids.yangjiangStation!, body: () => ({ token: 'eyJ2IjoxfQ.c2lnbmF0dXJl' }) },
    'GET /api/place-problems': { query: () => `placeId=${ids.yangjiangStation}` },
    'GET /api/place-problems/{id}': { id: () => ids.yangjiangPlaceProblem! },
    'GET /api/place-problems/{id}/photo': { id: () => ids.yangjiangPlaceProblem! },
    'POST /api/place-problems/{id}/resolve': { id: () => ids.yangjiangPlaceProblem!, body: () => ({ note: '越权处理阵地问题' }) },
    'POST /api/place-problems/{id}/reveal': { id: () => ids.yangjiangPlaceProblem!, body: () => ({ reason: '越权查看报告人电话' }) },
    'GET /api/places/{id}/slots': { id: () => ids.yangjiangRoom!, query: () => 'from=2026-12-01&to=2026-12-07' },
    'POST /api/places/{id}/slots': { id: () => ids.yangjiangRoom!, body: () => ({ title: '越权时段', capacity: 1, fromDate: '2099-01-05', times: [{ from: '09:00', to: '10:00' }] }) },
    'GET /api/places/{id}/booking-rule': { id: () => ids.yangjiangRoom! },
    'PUT /api/places/{id}/booking-rule': { id: () => ids.yangjiangRoom!, body: () => ({ maxUpcoming: 9, maxPerDay: 9, cancelBeforeMinutes: 0, noShowLimit: 9, noShowWindowDays: 9, suspendDays: 9 }) },
    'POST /api/places/{id}/checkins': { id: () => ids.yangjiangRoom!, body: () => ({ token: 'x.y.z' }) },
    'PATCH /api/place-slots/{id}': { id: () => ids.yangjiangSlot!, body: () => ({ capacity: 50 }) },
    'POST /api/place-slots/{id}/cancel': { id: () => ids.yangjiangSlot!, body: () => ({ reason: '越权取消' }) },
    'GET /api/place-bookings': { query: () => `placeId=${ids.yangjiangRoom}` },
    'GET /api/place-bookings/figures': { query: () => `orgId=${ids.yangjiang}&from=2026-12-01&to=2026-12-07` },
    'POST /api/place-bookings/{id}/approve': { id: () => ids.yangjiangBooking! },
    'POST /api/place-bookings/{id}/reject': { id: () => ids.yangjiangBooking!, body: () => ({ reason: '越权拒绝' }) },
    'POST /api/places/import/errors': { query: () => `orgId=${ids.yangjiang}`, body: () => placeImportForm.payload, headers: () => placeImportForm.headers },
    'POST /api/place-merges/{id}/undo': { id: () => ids.yangjiangPlaceMerge!, body: () => ({ reason: '越权撤销合并' }) },
  };
}
