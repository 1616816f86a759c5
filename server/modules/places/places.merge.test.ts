// Undoing a merge of places (撤销合并): the round trip returns every row the merge moved — photos,
// dated hours (also those the merge dropped), visits, problem reports and booking slots with their
// bookings (each with the union path it had), childcare programmes — reopens the retired place,
// recounts the problem flags, and is audited; refused when too late, when the kept place was merged
// again, when a moved slot was booked since, twice, and outside the scope. A merge may leave more
// than 9 photos: all are kept and shown, and no upload is taken until under 9.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { createProgramme, programmeBody } from '../../../tests/helpers/childcare.ts';
import { insertSlot } from '../../../tests/helpers/place-bookings.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { shiftDay } from '../../lib/working-days.ts';

let t: TestApp;
let admin: Session;
let shiwan: Session;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let shiwanId: number;
let workerId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, shiwan, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('shiwan'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  shiwanId = await t.demoOrg('shiwan');
  await loginWorker(t, admin);
  workerId = (await t.db.query<{ id: number }>(`SELECT id::int AS id FROM worker ORDER BY id DESC LIMIT 1`))[0]!.id;
});
afterAll(async () => t.close());

let spot = 0;
const nextSpot = () => ({ lat: 22.3 + (++spot % 40) * 0.02, lng: 111.3 + Math.floor(spot / 40) * 0.02 });
const north = (p: { lat: number; lng: number }, m: number) => ({ lat: p.lat + m / 111_320, lng: p.lng });
const ALWAYS = { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: 'asUsual' as const };
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5f5f6f70000000049454e44ae426082', 'hex');

async function place(name: string, at: { lat: number; lng: number }, kind = 'workersHome'): Promise<number> {
  const res = await t.request('POST', '/api/places', {
    as: shiwan,
    body: { orgId: shiwanId, kind, name, address: '化州市石湾街道', position: { ...at, system: 'gcj02' }, hours: ALWAYS, bookable: true },
    headers: { 'idempotency-key': randomUUID() },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().place.id;
}
const photo = async (placeId: number) => {
  const form = multipart({}, { name: 'p.png', content: PNG, type: 'image/png' });
  return t.request('POST', `/api/places/${placeId}/photos`, { as: shiwan, body: form.payload, headers: { ...form.headers, 'idempotency-key': randomUUID() } });
};
const merge = (from: number, into: number, as = shiwan) => t.request('POST', `/api/places/${from}/merge`, { as, body: { into } });
const undo = (mergeId: number, as = shiwan, reason = '两处是不同的阵地，合并错了') => t.request('POST', `/api/place-merges/${mergeId}/undo`, { as, body: { reason } });
const detail = async (id: number) => (await t.request('GET', `/api/places/${id}`, { as: shiwan })).json();
const book = async (slotId: number, placeId: number, state: string, at?: string) => {
  const member = await t.make.member({ org: shiwanId });
  const [b] = await t.db.query<{ id: number }>(
    `INSERT INTO place_booking (slot_id, place_id, member_id, starts_at, state, idem_key, request_hash, created_at)
     SELECT s.id, $2, $3, s.starts_at, $4, $5, '\\x00', COALESCE($6::timestamptz, now()) FROM place_slot s WHERE s.id = $1 RETURNING id::int AS id`,
    [slotId, placeId, member.id, state, randomUUID(), at ?? null],
  );
  return b!.id;
};

/** Where each kind of row is, and with which union path. */
async function whereabouts(ids: { photos: number[]; visits: number[]; problems: number[]; slots: number[]; bookings: number[]; programmes: number[] }) {
  const q = (table: string, list: number[], path: boolean) =>
    t.db.query<{ id: number; placeId: number; path: string | null }>(
      `SELECT id::int AS id, place_id::int AS "placeId", ${path ? 'org_path::text' : 'NULL'} AS path FROM ${table} WHERE id = ANY($1::bigint[]) ORDER BY id`,
      [list],
    );
  return {
    photos: await q('place_photo', ids.photos, false),
    visits: await q('place_visit', ids.visits, true),
    problems: await q('place_problem', ids.problems, true),
    slots: await q('place_slot', ids.slots, true),
    bookings: await q('place_booking', ids.bookings, false),
    programmes: await q('childcare_programme', ids.programmes, false),
  };
}

describe('undoing a merge', () => {
  it('moves back every row the merge moved, with the path each had, restores the dated hours, reopens the place, recounts flags, audits', async () => {
    const at = nextSpot();
    const keep = await place('撤销测试保留的职工之家', at);
    const dup = await place('撤销测试并入的职工之家', north(at, 8));
    const [dupRow] = await t.db.query<{ path: string }>(`SELECT org_path::text AS path FROM place WHERE id = $1`, [dup]);
    const huazhouPath = (await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [await t.demoOrg('huazhou')]))[0]!.path;

    const photos = [(await photo(dup)).json().id as number, (await photo(dup)).json().id as number];
    const ownDay = shiftDay(beijingDay(), 3);
    const clashDay = shiftDay(beijingDay(), 4);
    await t.request('PUT', `/api/places/${dup}/exceptions/${ownDay}`, { as: shiwan, body: { intervals: [], note: '停电' } });
    await t.request('PUT', `/api/places/${dup}/exceptions/${clashDay}`, { as: shiwan, body: { intervals: [{ from: '09:00', to: '12:00' }], note: '半天' } });
    await t.request('PUT', `/api/places/${keep}/exceptions/${clashDay}`, { as: shiwan, body: { intervals: [], note: '保留的阵地闭馆' } });
    const member = await t.make.member({ org: shiwanId });
    // a visit recorded under another path (the union that ran the place then): it must come back with that path
    const visits = (
      await t.db.query<{ id: number }>(
        `INSERT INTO place_visit (place_id, org_path, member_id, via, at) VALUES ($1, $2::ltree, $3, 'door', now() - interval '2 days'), ($1, $4::ltree, $3, 'door', now()) RETURNING id::int AS id`,
        [dup, dupRow!.path, member.id, huazhouPath],
      )
    ).map((r) => r.id);
    const problems = (
      await t.db.query<{ id: number }>(
        `INSERT INTO place_problem (place_id, org_id, org_path, worker_id, kind, text, due_at)
         SELECT p.id, p.org_id, p.org_path, $2, 'noWater', '饮水机没有水了', now() + interval '2 days' FROM place p WHERE p.id = $1 RETURNING id::int AS id`,
        [dup, workerId],
      )
    ).map((r) => r.id);
    await t.db.query(`UPDATE place SET problems_open = 1, problem_latest = '没有水' WHERE id = $1`, [dup]);
    const slot = await insertSlot(t, dup, new Date(Date.now() + 3 * 86_400_000), { title: '撤销测试座位' });
    const before = await book(slot, dup, 'booked');
    const programme = await createProgramme(t, shiwan, programmeBody(shiwanId, { placeId: dup, title: '撤销测试托管' }), false);

    const merged = await merge(dup, keep);
    expect(merged.statusCode, merged.body).toBe(200);
    expect((await detail(keep)).problemsOpen).toBe(1);
    // a booking made after the merge and cancelled since: history, it goes back with its slot
    const after = await book(slot, keep, 'cancelled');
    const ids = { photos, visits, problems, slots: [slot], bookings: [before, after], programmes: [programme.id] };
    const moved = await whereabouts(ids);
    for (const rows of Object.values(moved)) for (const r of rows) expect(r.placeId).toBe(keep);

    const kept = await detail(keep);
    expect(kept.merges).toHaveLength(1);
    const record = kept.merges[0];
    expect(record).toMatchObject({
      from: { id: dup, name: '撤销测试并入的职工之家' },
      into: { id: keep },
      mergedBy: expect.any(String),
      moved: { photos: 2, exceptions: 1, visits: 2, problems: 1, slots: 1, bookings: 1, childcare: 1 },
      undoable: true,
      undoneAt: null,
    });
    expect(new Date(record.undoUntil).getTime() - new Date(record.mergedAt).getTime()).toBe(30 * 86_400_000);
    expect((await detail(dup)).merges.map((m: { id: number }) => m.id)).toEqual([record.id]);

    // the read-only role may not; another union's staff cannot see it
    expect((await undo(record.id, viewer)).statusCode).toBe(403);
    expect((await undo(record.id, yangjiang)).statusCode).toBe(404);
    expect((await t.request('POST', `/api/place-merges/${record.id}/undo`, { as: shiwan, body: {} })).json().error).toBe('validation_failed');

    const res = await undo(record.id, huazhou);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: dup, mergedInto: null, mergedIntoPlace: null, status: 'open', problemsOpen: 1 });
    const back = await whereabouts(ids);
    for (const rows of Object.values(back)) for (const r of rows) expect(r.placeId).toBe(dup);
    expect(back.visits.map((v) => v.path)).toEqual([dupRow!.path, huazhouPath]);
    expect(back.problems.map((p) => p.path)).toEqual([dupRow!.path]);
    expect(back.slots.map((s) => s.path)).toEqual([dupRow!.path]);
    // both of its dated hours again (the one the merge dropped too); the kept place keeps only its own
    expect(res.json().exceptions).toEqual([
      { day: ownDay, intervals: [], note: '停电' },
      { day: clashDay, intervals: [{ from: '09:00', to: '12:00' }], note: '半天' },
    ]);
    const keptAfter = await detail(keep);
    expect(keptAfter.exceptions).toEqual([{ day: clashDay, intervals: [], note: '保留的阵地闭馆' }]);
    expect(keptAfter.photos).toEqual([]);
    expect(keptAfter.problemsOpen).toBe(0);
    expect(keptAfter.merges[0]).toMatchObject({ id: record.id, undoable: false, undoneBy: expect.any(String), undoReason: '两处是不同的阵地，合并错了' });
    // in the register again, and its duplicate warning back
    expect((await t.request('GET', `/api/places/register?q=${encodeURIComponent('撤销测试并入')}`, { as: shiwan })).json().total).toBe(1);
    expect(res.json().duplicates.map((d: { id: number }) => d.id)).toEqual([keep]);

    const [entry] = await t.db.query<{ detail: Record<string, unknown>; orgPath: string }>(
      `SELECT detail, org_path::text AS "orgPath" FROM audit_log WHERE action = 'place.unmerge' AND target_id = $1`,
      [String(dup)],
    );
    expect(entry!.orgPath).toBe(dupRow!.path);
    expect(entry!.detail).toMatchObject({
      mergeId: record.id,
      into: keep,
      reason: '两处是不同的阵地，合并错了',
      returned: { photos: 2, exceptions: 2, visits: 2, problems: 1, slots: 1, bookings: 2, childcare: 1 },
    });

    // once only; and the place can be merged again (a new record)
    expect((await undo(record.id)).json().error).toBe('place_unmerge_undone');
    expect((await merge(dup, keep)).statusCode).toBe(200);
    expect((await detail(keep)).merges.map((m: { undoable: boolean }) => m.undoable)).toEqual([true, false]);
  });

  it('refuses after 30 days, when the kept place was merged again, or when a moved slot was booked since — and changes nothing', async () => {
    const at = nextSpot();
    const keep = await place('拒绝测试保留的书屋', at, 'readingRoom');
    const dup = await place('拒绝测试并入的书屋', north(at, 6), 'readingRoom');
    const third = await place('拒绝测试第三个书屋', north(at, 12), 'readingRoom');
    const slot = await insertSlot(t, dup, new Date(Date.now() + 2 * 86_400_000), { title: '晚间阅览' });
    expect((await merge(dup, keep)).statusCode).toBe(200);
    const mergeId = (await detail(keep)).merges[0].id as number;

    // a member booked the moved slot after the merge (at the kept place): they would go to the wrong door
    const live = await book(slot, keep, 'booked');
    const blocked = await undo(mergeId);
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json().error).toBe('place_unmerge_blocked');
    expect(blocked.json().message).toContain('晚间阅览');
    expect(blocked.json().message).toContain('取消');
    const [still] = await t.db.query<{ merged: number | null; slotPlace: number }>(
      `SELECT (SELECT merged_into::int FROM place WHERE id = $1) AS merged, (SELECT place_id::int FROM place_slot WHERE id = $2) AS "slotPlace"`,
      [dup, slot],
    );
    expect(still).toEqual({ merged: keep, slotPlace: keep });
    await t.db.query(`UPDATE place_booking SET state = 'cancelled', cancelled_at = now() WHERE id = $1`, [live]);

    // the kept place merged into a third since
    expect((await merge(keep, third)).statusCode).toBe(200);
    expect((await detail(dup)).merges[0].undoable).toBe(false);
    const changed = await undo(mergeId);
    expect(changed.json().error).toBe('place_unmerge_changed');
    expect(changed.json().message).toContain('拒绝测试保留的书屋');
    const laterId = (await detail(third)).merges[0].id as number;
    expect((await undo(laterId)).statusCode).toBe(200);

    // 31 days on
    await t.db.query(`UPDATE place_merge SET merged_at = merged_at - interval '31 days' WHERE id = $1`, [mergeId]);
    await t.db.query(`UPDATE place SET updated_at = updated_at - interval '31 days' WHERE id = $1`, [dup]);
    expect((await detail(dup)).merges[0].undoable).toBe(false);
    const late = await undo(mergeId);
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toBe('place_unmerge_too_late');
    expect(late.json().message).toContain('30 天');
    expect((await t.db.query<{ merged: number | null }>(`SELECT merged_into::int AS merged FROM place WHERE id = $1`, [dup]))[0]!.merged).toBe(keep);
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'place.unmerge' AND target_id = $1`, [String(dup)]))[0]!.n).toBe(0);
  });
});

describe('a merge over the 9-photo limit', () => {
  it('keeps and shows every photo, takes no upload until under 9, says how many to remove', async () => {
    const at = nextSpot();
    const keep = await place('照片合并保留的驿站', at, 'station');
    const dup = await place('照片合并并入的驿站', north(at, 5), 'station');
    for (let i = 0; i < 6; i++) expect((await photo(keep)).statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await photo(dup)).statusCode).toBe(201);
    expect((await merge(dup, keep)).statusCode).toBe(200);
    const kept = await detail(keep);
    expect(kept.photos).toHaveLength(11);
    const full = await photo(keep);
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ error: 'place_photos_full' });
    expect(full.json().message).toContain('11 张');
    expect(full.json().message).toContain('删除 3 张');
    for (const p of kept.photos.slice(0, 3)) expect((await t.request('DELETE', `/api/places/${keep}/photos/${p.id}`, { as: shiwan })).statusCode).toBe(200);
    expect((await photo(keep)).statusCode).toBe(201);
    expect((await photo(keep)).json()).toMatchObject({ error: 'place_photos_full', message: '每个阵地最多 9 张照片，请先删除再上传' });
    // the members' photo of the kept place is served; the retired place's photos moved with it
    expect((await detail(keep)).photos).toHaveLength(9);
    expect((await detail(dup)).photos).toEqual([]);
  });
});
