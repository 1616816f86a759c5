// A place's live status and its visits, over HTTP: staff of the scope mark it open/closed and how busy
// (audited; 404 for another subtree); the desk's door code counts a worker's visit once in 2 hours
// (a forged code refused); a card scanned at the desk counts too, and is the same person as the
// door scan of the member's phone; figures of a subtree and period.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PlaceDesk, VisitAnswer } from '../../../contracts/place-status.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { loginWorker, newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { visitFigures } from './visits.service.ts';

let t: TestApp;
let admin: Session;
const as: Record<string, Session> = {};
let place = 0;
let townId = 0;
let member: MemberLogin;
let worker: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '值守测试街道总工会' });
  townId = town.id;
  const elsewhere = await t.make.org({ level: 'town', name: '别处值守测试街道总工会' });
  place = (await t.make.place({ org: town, name: '值守测试爱心驿站' })).id;
  as.town = await t.login((await t.make.staff({ org: townId, username: 'desk_town' })).username);
  as.county = await t.login((await t.make.staff({ org: town.parentId!, username: 'desk_county' })).username);
  as.viewer = await t.login((await t.make.staff({ org: townId, username: 'desk_viewer', roles: ['viewer'] })).username);
  as.elsewhere = await t.login((await t.make.staff({ org: elsewhere.id, username: 'desk_elsewhere' })).username);
  member = (await newMemberSessions(t, admin, 1, { org: await t.make.org({ parent: town, level: 'grassroots' }) }))[0]!;
  worker = await loginWorker(t, admin);
});
afterAll(async () => t.close());

const errorOf = (res: { statusCode: number; json: () => { error: string } }) => ({ status: res.statusCode, error: res.json().error });
const visits = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_visit WHERE place_id = $1`, [place]))[0]!.n;

describe('live status', () => {
  it('is marked by staff of the place’s union or above, audited; closed drops the busy', async () => {
    const desk0 = (await t.request('GET', `/api/places/${place}/desk`, { as: as.town })).json<PlaceDesk>();
    expect(desk0).toMatchObject({ name: '值守测试爱心驿站', live: null, visitsToday: 0, problemsOpen: 0 });
    const res = await t.request('POST', `/api/places/${place}/live`, { as: as.town, body: { state: 'open', busy: 'busy' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<PlaceDesk>().live).toMatchObject({ state: 'open', busy: 'busy' });
    const [row] = await t.db.query<{ state: string; busy: string; at: Date | null }>(`SELECT live_state AS state, live_busy AS busy, live_at AS at FROM place WHERE id = $1`, [place]);
    expect(row).toMatchObject({ state: 'open', busy: 'busy' });
    expect(row!.at).not.toBeNull();
    const closed = await t.request('POST', `/api/places/${place}/live`, { as: as.county, body: { state: 'closed', busy: 'quiet' } });
    expect(closed.json<PlaceDesk>().live).toMatchObject({ state: 'closed', busy: null });
    const audits = await t.db.query<{ detail: { liveState: string } }>(`SELECT detail FROM audit_log WHERE action = 'place.live_set' AND target_id = $1 ORDER BY id`, [String(place)]);
    expect(audits.map((a) => a.detail.liveState)).toEqual(['open', 'closed']);
  });

  it('is refused to another subtree (404), a viewer (403), bad states (400), a place out of service (409)', async () => {
    expect(errorOf(await t.request('POST', `/api/places/${place}/live`, { as: as.elsewhere, body: { state: 'open' } }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('GET', `/api/places/${place}/desk`, { as: as.elsewhere }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('POST', `/api/places/${place}/live`, { as: as.viewer, body: { state: 'open' } }))).toEqual({ status: 403, error: 'forbidden' });
    expect(errorOf(await t.request('POST', `/api/places/${place}/live`, { as: as.town, body: { state: 'half' } }))).toEqual({ status: 400, error: 'validation_failed' });
    expect(errorOf(await t.request('POST', `/api/places/99999999/live`, { as: as.town, body: { state: 'open' } }))).toEqual({ status: 404, error: 'not_found' });
    const gone = await t.make.place({ org: townId });
    await t.db.query(`UPDATE place SET status = 'closed', closed_reason = '拆除' WHERE id = $1`, [gone.id]);
    expect(errorOf(await t.request('POST', `/api/places/${gone.id}/live`, { as: as.town, body: { state: 'open' } }))).toEqual({ status: 409, error: 'place_not_in_service' });
  });
});

describe('visits', () => {
  let code = '';

  it('counts a worker’s door scan once in 2 hours, answering 已签到 either way', async () => {
    const desk = (await t.request('GET', `/api/places/${place}/desk`, { as: as.town })).json<PlaceDesk>();
    code = desk.doorCode;
    expect(desk.doorPath).toBe(`/places/visit?code=${encodeURIComponent(code)}`);
    const first = await t.request('POST', '/api/me/place-visits', { as: worker, body: { code } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<VisitAnswer>()).toMatchObject({ placeId: place, placeName: '值守测试爱心驿站', counted: true });
    const again = await t.request('POST', '/api/me/place-visits', { as: worker, body: { code } });
    expect(again.json<VisitAnswer>()).toMatchObject({ counted: false, at: first.json<VisitAnswer>().at });
    expect(await visits()).toBe(1);
    // three hours later it counts again
    await t.db.query(`UPDATE place_visit SET at = at - interval '3 hours' WHERE place_id = $1`, [place]);
    expect((await t.request('POST', '/api/me/place-visits', { as: worker, body: { code } })).json<VisitAnswer>().counted).toBe(true);
    expect(await visits()).toBe(2);
  });

  it('refuses a forged or garbled door code, and writes nothing', async () => {
    const [id, sig] = code.split('.') as [string, string];
    const forged = [`${Number(id) + 1}.${sig}`, `${id}.${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, `${id}.short`, `99999999.${sig}`];
    for (const c of forged) expect(errorOf(await t.request('POST', '/api/me/place-visits', { as: worker, body: { code: c } })), c).toEqual({ status: 400, error: 'place_door_code_invalid' });
    expect(errorOf(await t.request('POST', '/api/me/place-visits', { as: worker, body: { code: '<script>' } }))).toEqual({ status: 400, error: 'validation_failed' });
    expect(errorOf(await t.request('POST', '/api/me/place-visits', { as: as.town, body: { code } }))).toEqual({ status: 403, error: 'member_only' });
    expect(await visits()).toBe(2);
  });

  it('counts a member card scanned at the desk; the member’s phone scan within 2 hours is the same visit', async () => {
    const token = (await t.request('GET', '/api/me/card', { as: member })).json<{ token: string }>().token;
    const res = await t.request('POST', `/api/places/${place}/visits`, { as: as.town, body: { token } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ placeId: place, counted: true, name: expect.stringContaining('*') });
    expect((await t.request('POST', '/api/me/place-visits', { as: member, body: { code } })).json<VisitAnswer>().counted).toBe(false);
    const token2 = (await t.request('GET', '/api/me/card', { as: member })).json<{ token: string }>().token;
    expect((await t.request('POST', `/api/places/${place}/visits`, { as: as.town, body: { token: token2 } })).json().counted).toBe(false);
    expect(await visits()).toBe(3);
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'place.visit_card' AND target_id = $1`, [String(place)]);
    expect(a!.n).toBe(1);
    // today's (Beijing) visits: the one moved 3 hours back may fall on yesterday
    const [today] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_visit WHERE place_id = $1 AND at >= $2`, [place, beijingMidnight(beijingDay())]);
    expect(today!.n).toBeGreaterThanOrEqual(2);
    expect((await t.request('GET', `/api/places/${place}/desk`, { as: as.town })).json<PlaceDesk>().visitsToday).toBe(today!.n);
  });

  it('refuses a bad card and another subtree', async () => {
    expect(errorOf(await t.request('POST', `/api/places/${place}/visits`, { as: as.town, body: { token: 'not a token' } }))).toEqual({ status: 400, error: 'card_token_malformed' });
    const token = (await t.request('GET', '/api/me/card', { as: member })).json<{ token: string }>().token;
    const forged = `${token.split('.')[0]}.${'A'.repeat(86)}`;
    expect(errorOf(await t.request('POST', `/api/places/${place}/visits`, { as: as.town, body: { token: forged } }))).toEqual({ status: 409, error: 'card_token_forged' });
    expect(errorOf(await t.request('POST', `/api/places/${place}/visits`, { as: as.elsewhere, body: { token } }))).toEqual({ status: 404, error: 'not_found' });
    expect(await visits()).toBe(3);
  });

  it('gives figures: visits, distinct visitors, by Beijing day', async () => {
    const [town] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [townId]);
    const f = await visitFigures({ db: t.db }, makeScope(townId, town!.path), new Date(Date.now() - 86400_000), new Date(Date.now() + 60_000));
    expect(f.visits).toBe(3);
    expect(f.distinctVisitors).toBe(2);
    expect(f.byDay.reduce((n, d) => n + d.visits, 0)).toBe(3);
    expect(f.byDay[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [other] = await t.db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE name = '别处值守测试街道总工会'`);
    expect((await visitFigures({ db: t.db }, makeScope(other!.id, other!.path), new Date(0), new Date(Date.now() + 60_000))).visits).toBe(0);
  });
});
