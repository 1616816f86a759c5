// The register of places over HTTP, staff side: add (once per Idempotency-Key) with positions and
// hours checked, open, edit (audited with what changed), close and reopen, the keeper's phone sealed,
// masked and revealed with an audited reason, a date's own hours, the figures; scope and roles.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { shiftDay } from '../../lib/working-days.ts';
import { wgs84ToGcj02 } from '../../lib/geo.ts';
import { placeCounts } from './places.service.ts';
import type { StaffContext } from '../../http/context.ts';

let t: TestApp;
let huazhou: Session;
let shiwan: Session;
let yangjiang: Session;
let viewer: Session;
let huazhouId: number;
let shiwanId: number;
let yangjiangId: number;

beforeAll(async () => {
  t = await startTestApp();
  [huazhou, shiwan, yangjiang, viewer] = await Promise.all([t.login('huazhou'), t.login('shiwan'), t.login('yangjiang'), t.login('huazhou-view')]);
  [huazhouId, shiwanId, yangjiangId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('shiwan'), t.demoOrg('yangjiang')]);
});
afterAll(async () => t.close());

let spot = 0;
/** A fresh spot ~2 km from the last, so places of different tests never look like duplicates. */
const nextSpot = () => ({ lat: 21.5 + (++spot % 40) * 0.02, lng: 110.4 + Math.floor(spot / 40) * 0.02 });

const WEEKDAYS = { week: [1, 2, 3, 4, 5].map((day) => ({ day, from: '08:30', to: '17:30' })), holidays: 'closed' as const };
const body = (over: Record<string, unknown> = {}) => ({
  orgId: shiwanId,
  kind: 'readingRoom',
  name: '石湾街道职工书屋',
  address: '化州市石湾街道文化站二楼',
  position: { ...nextSpot(), system: 'gcj02' },
  hours: WEEKDAYS,
  services: ['books', 'wifi', 'water'],
  keeperName: '李站长',
  keeperPhone: '13800138000',
  ...over,
});
const create = (as: Session, b: unknown, key = randomUUID()) => t.request('POST', '/api/places', { as, body: b, headers: { 'idempotency-key': key } });
const placeRows = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place`))[0]!.n;

describe('adding a place', () => {
  it('adds a place once per key, keeps GCJ-02 and the hours, seals the keeper phone', async () => {
    const b = body({ name: '石湾一号职工书屋' });
    const key = randomUUID();
    const res = await create(shiwan, b, key);
    expect(res.statusCode, res.body).toBe(201);
    const { place, duplicates } = res.json();
    expect(duplicates).toEqual([]);
    expect(place).toMatchObject({ name: '石湾一号职工书屋', kind: 'readingRoom', status: 'open', org: { id: shiwanId }, keeperPhoneMasked: '138****8000', services: ['books', 'wifi', 'water'], hours: WEEKDAYS, wgs: null, mergedInto: null });
    expect(res.body).not.toContain('13800138000');
    const [row] = await t.db.query<{ enc: Uint8Array; open_own: string; holiday_own: string }>(`SELECT keeper_phone_enc AS enc, open_own::text, holiday_own::text FROM place WHERE id = $1`, [place.id]);
    expect(t.pii.decrypt(Buffer.from(row!.enc))).toBe('13800138000');
    expect(row!.open_own).toBe('{[510,1050),[1950,2490),[3390,3930),[4830,5370),[6270,6810)}');
    expect(row!.holiday_own).toBe('{}');
    // the same key and body again: the same answer, no second row
    const n = await placeRows();
    const again = await create(shiwan, b, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json().place.id).toBe(place.id);
    expect(await placeRows()).toBe(n);
    const reused = await create(shiwan, { ...b, name: '另一个名字的书屋' }, key);
    expect(reused.json().error).toBe('idempotency_key_reused');
    const [entry] = await t.db.query<{ detail: { name: string } }>(`SELECT detail FROM audit_log WHERE action = 'place.create' AND target_id = $1`, [String(place.id)]);
    expect(entry!.detail.name).toBe('石湾一号职工书屋');
  });

  it('converts a WGS-84 reading to GCJ-02 and keeps both', async () => {
    const wgs = { lat: 21.6631, lng: 110.6381 };
    const res = await create(shiwan, body({ name: '石湾GPS驿站', kind: 'station', position: { ...wgs, system: 'wgs84' } }));
    expect(res.statusCode, res.body).toBe(201);
    const g = wgs84ToGcj02(wgs);
    const { place } = res.json();
    expect(place.wgs).toEqual(wgs);
    expect(place.lat).toBeCloseTo(g.lat, 9);
    expect(place.lng).toBeCloseTo(g.lng, 9);
    expect(Math.abs(place.lat - wgs.lat) + Math.abs(place.lng - wgs.lng)).toBeGreaterThan(0.001);
  });

  it('refuses positions outside China or swapped, bad hours, a town that is not a town, and writes nothing', async () => {
    const n = await placeRows();
    const cases: [Record<string, unknown>, string][] = [
      [{ position: { lat: 48.85, lng: 2.35, system: 'gcj02' } }, 'position_outside_china'],
      [{ position: { lat: 110.6, lng: 21.6, system: 'gcj02' } }, 'position_swapped'],
      [{ hours: { week: [{ day: 1, from: '18:00', to: '08:00' }], holidays: 'asUsual' } }, 'hours_end_before_start'],
      [{ hours: { week: [{ day: 1, from: '08:00', to: '12:00' }, { day: 1, from: '11:00', to: '14:00' }], holidays: 'asUsual' } }, 'hours_overlap'],
      [{ hours: { week: [{ day: 1, from: '08:00', to: '09:00', nextDay: true }], holidays: 'asUsual' } }, 'hours_too_long'],
      [{ hours: { week: [{ day: 7, from: '22:00', to: '09:00', nextDay: true }, { day: 1, from: '08:00', to: '12:00' }], holidays: 'asUsual' } }, 'hours_overlap'],
      [{ townId: huazhouId }, 'place_town_invalid'],
      [{ keeperPhone: '12345' }, 'validation_failed'],
      [{ services: ['water', 'spa'] }, 'validation_failed'],
      [{ kind: 'gym' }, 'validation_failed'],
    ];
    for (const [over, code] of cases) {
      const res = await create(huazhou, body(over));
      expect(res.statusCode, code).toBe(400);
      expect(res.json().error, JSON.stringify(over)).toBe(code);
      expect(res.json().message).toMatch(/\p{Script=Han}/u);
    }
    expect(await placeRows()).toBe(n);
  });

  it('takes a town of the scope, and refuses a union outside the scope as not found; the read-only role may not add', async () => {
    const ok = await create(huazhou, body({ name: '化州石湾镇街阵地', townId: shiwanId, kind: 'workersHome', orgId: huazhouId }));
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().place.town).toEqual({ id: shiwanId, name: expect.stringContaining('石湾') });
    expect((await create(huazhou, body({ orgId: yangjiangId }))).statusCode).toBe(404);
    expect((await create(shiwan, body({ orgId: huazhouId }))).statusCode).toBe(404);
    expect((await create(viewer, body())).statusCode).toBe(403);
    expect((await t.request('POST', '/api/places', { body: body(), headers: { 'idempotency-key': randomUUID() } })).statusCode).toBe(401);
  });

  it('a dry run answers the duplicates and writes nothing', async () => {
    const at = nextSpot();
    await create(shiwan, body({ name: '干跑测试书屋', position: { ...at, system: 'gcj02' } }));
    const n = await placeRows();
    const dry = await create(shiwan, body({ name: '干跑测试书屋二', position: { lat: at.lat + 0.0001, lng: at.lng, system: 'gcj02' }, dryRun: true }));
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().place).toBeNull();
    expect(dry.json().duplicates[0]).toMatchObject({ name: '干跑测试书屋', reason: 'near' });
    expect(await placeRows()).toBe(n);
  });
});

describe('the list, the detail, edits', () => {
  it('lists the subtree with filters and paging; another subtree sees none of it', async () => {
    const a = (await create(shiwan, body({ name: '列表测试爱心驿站', kind: 'station', hours: { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: 'asUsual' } }))).json().place;
    const b = (await create(shiwan, body({ name: '列表测试职工之家', kind: 'workersHome', hours: { week: [], holidays: 'closed' } }))).json().place;
    const all = (await t.request('GET', '/api/places/register?q=列表测试&pageSize=50', { as: huazhou })).json();
    expect(all.total).toBe(2);
    const byId = new Map(all.items.map((p: { id: number }) => [p.id, p]));
    expect(byId.get(a.id)).toMatchObject({ openNow: true, kind: 'station', org: { id: shiwanId } });
    expect(byId.get(b.id)).toMatchObject({ openNow: false });
    const stations = (await t.request('GET', '/api/places/register?q=列表测试&kind=station', { as: huazhou })).json();
    expect(stations.items.map((p: { id: number }) => p.id)).toEqual([a.id]);
    const page = (await t.request('GET', '/api/places/register?q=列表测试&page=2&pageSize=1', { as: huazhou })).json();
    expect(page.items).toHaveLength(1);
    expect(page.total).toBe(2);
    expect((await t.request('GET', '/api/places/register?q=列表测试', { as: yangjiang })).json().total).toBe(0);
    expect((await t.request('GET', `/api/places/register?orgId=${huazhouId}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/places/${a.id}`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('GET', `/api/places/${a.id}`, { as: viewer })).json().keeperPhoneMasked).toBe('138****8000');
  });

  it('edits a place, checks what it changes, and audits before and after', async () => {
    const p = (await create(shiwan, body({ name: '修改前的书屋' }))).json().place;
    const res = await t.request('PATCH', `/api/places/${p.id}`, { as: shiwan, body: { name: '修改后的书屋', services: ['books'], keeperPhone: '0668-7321234', bookable: true } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().place).toMatchObject({ name: '修改后的书屋', services: ['books'], keeperPhoneMasked: '0668-****234', bookable: true });
    const [entry] = await t.db.query<{ detail: { changes: Record<string, unknown> } }>(`SELECT detail FROM audit_log WHERE action = 'place.update' AND target_id = $1`, [String(p.id)]);
    expect(entry!.detail.changes.name).toEqual({ from: '修改前的书屋', to: '修改后的书屋' });
    expect(entry!.detail.changes.keeperPhone).toEqual({ from: '138****8000', to: '0668-****234' });
    expect(JSON.stringify(entry!.detail)).not.toContain('7321234');
    const bad = await t.request('PATCH', `/api/places/${p.id}`, { as: shiwan, body: { position: { lat: 0, lng: 0, system: 'gcj02' } } });
    expect(bad.json().error).toBe('position_outside_china');
    expect((await t.request('GET', `/api/places/${p.id}`, { as: shiwan })).json().name).toBe('修改后的书屋');
    expect((await t.request('PATCH', `/api/places/${p.id}`, { as: yangjiang, body: { name: '越权修改' } })).statusCode).toBe(404);
  });

  it('closes with a reason and reopens; closing twice is refused', async () => {
    const p = (await create(shiwan, body({ name: '将停用的驿站', kind: 'station' }))).json().place;
    const closed = await t.request('POST', `/api/places/${p.id}/close`, { as: shiwan, body: { reason: '场地拆迁' } });
    expect(closed.json()).toMatchObject({ status: 'closed', closedReason: '场地拆迁', openNow: false });
    expect((await t.request('POST', `/api/places/${p.id}/close`, { as: shiwan, body: { reason: '再次停用' } })).json().error).toBe('place_state_invalid');
    expect((await t.request('GET', `/api/places/register?status=closed&q=${encodeURIComponent('将停用')}`, { as: shiwan })).json().total).toBe(1);
    const open = await t.request('POST', `/api/places/${p.id}/reopen`, { as: shiwan });
    expect(open.json()).toMatchObject({ status: 'open', closedReason: null });
    const actions = await t.db.query<{ action: string }>(`SELECT action FROM audit_log WHERE target_type = 'place' AND target_id = $1 ORDER BY id`, [String(p.id)]);
    expect(actions.map((a) => a.action)).toEqual(['place.create', 'place.close', 'place.reopen']);
  });

  it('reveals the keeper phone to a permitted role with a reason, audited; not to the read-only role', async () => {
    const p = (await create(shiwan, body({ name: '查看电话的书屋' }))).json().place;
    const res = await t.request('POST', `/api/places/${p.id}/reveal`, { as: huazhou, body: { reason: '联系站长核实开放时间' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ phone: '13800138000' });
    expect(res.headers['cache-control']).toBe('no-store');
    const [entry] = await t.db.query<{ detail: { reason: string } }>(`SELECT detail FROM audit_log WHERE action = 'place.keeper_reveal' AND target_id = $1`, [String(p.id)]);
    expect(entry!.detail.reason).toBe('联系站长核实开放时间');
    expect((await t.request('POST', `/api/places/${p.id}/reveal`, { as: viewer, body: { reason: '只读账号查看' } })).statusCode).toBe(403);
    expect((await t.request('POST', `/api/places/${p.id}/reveal`, { as: yangjiang, body: { reason: '越权查看测试' } })).statusCode).toBe(404);
  });
});

describe("a date's own hours", () => {
  it('sets a closed day and a long day, shows them, removes one; refuses a past date and bad hours', async () => {
    const p = (await create(shiwan, body({ name: '例外日期书屋' }))).json().place;
    const tomorrow = shiftDay(beijingDay(), 1);
    const later = shiftDay(beijingDay(), 3);
    const closed = await t.request('PUT', `/api/places/${p.id}/exceptions/${tomorrow}`, { as: shiwan, body: { intervals: [], note: '设备检修' } });
    expect(closed.statusCode, closed.body).toBe(200);
    await t.request('PUT', `/api/places/${p.id}/exceptions/${later}`, { as: shiwan, body: { intervals: [{ from: '08:00', to: '22:00' }] } });
    const detail = (await t.request('GET', `/api/places/${p.id}`, { as: shiwan })).json();
    expect(detail.exceptions).toEqual([
      { day: tomorrow, intervals: [], note: '设备检修' },
      { day: later, intervals: [{ from: '08:00', to: '22:00' }], note: '' },
    ]);
    const [row] = await t.db.query<{ own: string }>(`SELECT own::text FROM place_hours_exception WHERE place_id = $1 AND day = $2`, [p.id, later]);
    expect(row!.own).toBe('{[480,1320)}');
    expect((await t.request('PUT', `/api/places/${p.id}/exceptions/${shiftDay(beijingDay(), -2)}`, { as: shiwan, body: { intervals: [] } })).json().error).toBe('place_exception_past');
    expect((await t.request('PUT', `/api/places/${p.id}/exceptions/${later}`, { as: shiwan, body: { intervals: [{ from: '20:00', to: '08:00' }] } })).json().error).toBe('hours_end_before_start');
    const removed = await t.request('DELETE', `/api/places/${p.id}/exceptions/${tomorrow}`, { as: shiwan });
    expect(removed.json().exceptions.map((e: { day: string }) => e.day)).toEqual([later]);
    expect((await t.request('DELETE', `/api/places/${p.id}/exceptions/${tomorrow}`, { as: shiwan })).statusCode).toBe(404);
    expect((await t.request('PUT', `/api/places/${p.id}/exceptions/2026-02-30`, { as: shiwan, body: { intervals: [] } })).statusCode).toBe(400);
  });

  it('an exception for today decides open now', async () => {
    const p = (await create(shiwan, body({ name: '今天闭馆的驿站', kind: 'station', hours: { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '00:00', to: '24:00' })), holidays: 'asUsual' } }))).json().place;
    expect(p.openNow).toBe(true);
    const res = await t.request('PUT', `/api/places/${p.id}/exceptions/${beijingDay()}`, { as: shiwan, body: { intervals: [], note: '临时闭馆' } });
    expect(res.json().openNow).toBe(false);
  });
});

describe('placeCounts (figures)', () => {
  it('counts places of the subtree by kind and status, merged ones left out', async () => {
    const town = await t.make.org({ parent: huazhouId, level: 'town', name: '计数测试镇总工会' });
    await t.make.place({ org: town, kind: 'station' });
    await t.make.place({ org: town, kind: 'station', lat: 23.0, lng: 113.0 });
    const closed = await t.make.place({ org: town, kind: 'readingRoom', lat: 23.1, lng: 113.1 });
    const merged = await t.make.place({ org: town, kind: 'readingRoom', lat: 23.2, lng: 113.2 });
    await t.db.query(`UPDATE place SET status = 'closed', closed_reason = '测试' WHERE id = $1`, [closed.id]);
    await t.db.query(`UPDATE place SET merged_into = $2 WHERE id = $1`, [merged.id, closed.id]);
    const [staff] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM staff WHERE username = 'huazhou'`);
    const ctx = { db: t.db, pii: t.pii, scope: { orgId: huazhouId, path: (await t.db.query<{ path: string }>(`SELECT path::text FROM org WHERE id = $1`, [huazhouId]))[0]!.path }, actor: { staffId: staff!.id } } as unknown as StaffContext;
    const counts = await placeCounts(ctx, town.id);
    expect(counts.byKind.find((k) => k.kind === 'station')).toEqual({ kind: 'station', open: 2, closed: 0 });
    expect(counts.byKind.find((k) => k.kind === 'readingRoom')).toEqual({ kind: 'readingRoom', open: 0, closed: 1 });
    expect(counts).toMatchObject({ openCount: 2, closedCount: 1 });
    expect(counts).not.toHaveProperty('total');
    await expect(placeCounts(ctx, yangjiangId)).rejects.toMatchObject({ code: 'not_found' });
  });
});
