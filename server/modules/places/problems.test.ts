// Problems workers report on places, over HTTP: report (with a photo) → the place's flag → a task on
// the running union's 工作台 and its ancestors' → resolved with a note → the reporter told, the flag
// cleared; one open report per worker, place and kind; the bad input (no text, 20 MB photo, a PDF as
// the photo, an unknown place); staff of another subtree see nothing.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyPlaceProblem, PlaceProblemDetail } from '../../../contracts/place-status.ts';
import type { Workbench } from '../../../contracts/workbench.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { problemFigures } from './problems.service.ts';
import { makeScope } from '../../http/scope.ts';

let t: TestApp;
let admin: Session;
let worker: Session & { phone: string };
let other: Session & { phone: string };
const as: Record<string, Session> = {};
let place = 0;
let townId = 0;
let countyId = 0;

const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF 饮水机没有水的照片')]);
const PDF = Buffer.from('%PDF-1.4\n不是照片 1 0 obj\n%%EOF\n');

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '问题测试街道总工会' });
  townId = town.id;
  countyId = town.parentId!;
  const elsewhere = await t.make.org({ level: 'town', name: '别处问题测试街道总工会' });
  place = (await t.make.place({ org: town, name: '问题测试社区爱心驿站' })).id;
  as.town = await t.login((await t.make.staff({ org: townId, username: 'pp_town' })).username);
  as.county = await t.login((await t.make.staff({ org: countyId, username: 'pp_county' })).username);
  as.viewer = await t.login((await t.make.staff({ org: townId, username: 'pp_viewer', roles: ['viewer'] })).username);
  as.elsewhere = await t.login((await t.make.staff({ org: elsewhere.id, username: 'pp_elsewhere' })).username);
  worker = await loginWorker(t, admin);
  other = await loginWorker(t, admin);
});
afterAll(async () => t.close());

function report(who: Session, id: number, fields: Record<string, string>, photo?: { name: string; content: Buffer }, key = randomUUID()) {
  const form = multipart(fields, photo ? { ...photo, type: 'image/jpeg' } : undefined);
  return t.request('POST', `/api/me/places/${id}/problems`, { as: who, body: form.payload, headers: { ...form.headers, 'idempotency-key': key } });
}
const flag = async () => (await t.db.query<{ n: number; latest: string | null }>(`SELECT problems_open AS n, problem_latest AS latest FROM place WHERE id = $1`, [place]))[0]!;
const count = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM place_problem`))[0]!.n;
const errorOf = (res: { statusCode: number; json: () => { error: string } }) => ({ status: res.statusCode, error: res.json().error });

describe('a report and its resolution', () => {
  let id = 0;

  it('takes a report with a photo: the place shows it, the union has 2 working days', async () => {
    const info = await t.request('GET', `/api/me/places/${place}/report`, { as: worker });
    expect(info.json()).toMatchObject({ name: '问题测试社区爱心驿站', problemsOpen: 0, myOpenKinds: [] });
    const res = await report(worker, place, { kind: 'noWater', text: '饮水机没有水了，桶装水也没有' }, { name: 'water.jpg', content: JPEG });
    expect(res.statusCode, res.body).toBe(201);
    const p = res.json<MyPlaceProblem>();
    expect(p).toMatchObject({ placeName: '问题测试社区爱心驿站', kind: 'noWater', hasPhoto: true, state: 'open', created: true });
    id = p.id;
    expect(await flag()).toEqual({ n: 1, latest: '没有水' });
    const [row] = await t.db.query<{ due: Date; created: Date; photo: Buffer }>(`SELECT due_at AS due, created_at AS created, photo_enc AS photo FROM place_problem WHERE id = $1`, [id]);
    // two working days: at least two whole days later, and the photo sealed at rest
    expect(row!.due.getTime() - row!.created.getTime()).toBeGreaterThan(2 * 86400_000 - 86400_000);
    expect(row!.photo.includes(JPEG)).toBe(false);
    expect((await t.request('GET', `/api/me/places/${place}/report`, { as: worker })).json().myOpenKinds).toEqual(['noWater']);
  });

  it('answers the open report when the same worker reports the same kind again, and replays a key', async () => {
    const key = randomUUID();
    const again = await report(worker, place, { kind: 'noWater', text: '还是没有水' }, undefined, key);
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ id, created: false, text: '饮水机没有水了，桶装水也没有' });
    const replay = await report(worker, place, { kind: 'noWater', text: '还是没有水' }, undefined, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(again.body);
    expect(errorOf(await report(worker, place, { kind: 'noWater', text: '换了内容' }, undefined, key))).toEqual({ status: 409, error: 'idempotency_key_reused' });
    expect(await flag()).toEqual({ n: 1, latest: '没有水' });
  });

  it('counts another worker’s report; the latest words show', async () => {
    const res = await report(other, place, { kind: 'broken', text: '微波炉坏了' });
    expect(res.statusCode).toBe(201);
    expect(await flag()).toEqual({ n: 2, latest: '设施坏了' });
    expect((await t.request('GET', '/api/me/place-problems', { as: other })).json()).toMatchObject({ total: 1, items: [{ kind: 'broken' }] });
  });

  it('is a task on the running union’s 工作台 and its ancestors’, not elsewhere', async () => {
    for (const who of [as.town!, as.county!]) {
      const wb = (await t.request('GET', '/api/workbench', { as: who })).json<Workbench>();
      expect(wb.placeProblems).toMatchObject({ open: 2, overdue: 0, canAct: true });
      expect(wb.placeProblems.next.map((n) => n.kind).sort()).toEqual(['broken', 'noWater']);
    }
    expect((await t.request('GET', '/api/workbench', { as: as.viewer })).json<Workbench>().placeProblems).toMatchObject({ open: 2, canAct: false });
    expect((await t.request('GET', '/api/workbench', { as: as.elsewhere })).json<Workbench>().placeProblems).toMatchObject({ open: 0, next: [] });
  });

  it('lists the scope’s reports with filters; the detail masks the phone; the photo view is audited', async () => {
    const list = await t.request('GET', '/api/place-problems?state=open', { as: as.county });
    expect(list.json()).toMatchObject({ total: 2 });
    expect((await t.request('GET', '/api/place-problems?state=resolved', { as: as.county })).json()).toEqual({ items: [], total: 0 });
    expect((await t.request('GET', '/api/place-problems?state=overdue', { as: as.county })).json().total).toBe(0);
    expect((await t.request('GET', '/api/place-problems', { as: as.elsewhere })).json()).toEqual({ items: [], total: 0 });
    const d = (await t.request('GET', `/api/place-problems/${id}`, { as: as.town })).json<PlaceProblemDetail>();
    expect(d).toMatchObject({ placeName: '问题测试社区爱心驿站', kind: 'noWater', hasPhoto: true, canResolve: true });
    expect(d.reporterPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(JSON.stringify(d)).not.toContain(worker.phone);
    const photo = await t.request('GET', `/api/place-problems/${id}/photo`, { as: as.town });
    expect(photo.statusCode).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
    expect(photo.rawPayload.equals(JPEG)).toBe(true);
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'place.problem_photo_view' AND target_id = $1`, [String(id)]);
    expect(a!.n).toBe(1);
  });

  it('keeps another subtree out: 404 on the detail, the photo and resolving', async () => {
    for (const [m, url, body] of [
      ['GET', `/api/place-problems/${id}`, undefined],
      ['GET', `/api/place-problems/${id}/photo`, undefined],
      ['POST', `/api/place-problems/${id}/resolve`, { note: '越权处理' }],
    ] as const) {
      expect(errorOf(await t.request(m, url, { as: as.elsewhere, body })), url).toEqual({ status: 404, error: 'not_found' });
    }
    expect(errorOf(await t.request('POST', `/api/place-problems/${id}/resolve`, { as: as.viewer, body: { note: '只读不能处理' } }))).toEqual({ status: 403, error: 'forbidden' });
  });

  it('resolves with a note: the reporter is told, the flag recounts, then clears with the last', async () => {
    const res = await t.request('POST', `/api/place-problems/${id}/resolve`, { as: as.town, body: { note: '已送来两桶水' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'resolved', resolutionNote: '已送来两桶水', canResolve: false });
    expect(await flag()).toEqual({ n: 1, latest: '设施坏了' });
    const sms = await t.db.query<{ body: string; kind: string }>(`SELECT body, kind FROM outbox WHERE to_hash = $1 ORDER BY id DESC LIMIT 1`, [t.pii.hash(worker.phone)]);
    expect(sms[0]).toMatchObject({ kind: 'place_problem_resolved', body: expect.stringContaining('已送来两桶水') });
    expect(sms[0]!.body).toContain('没有水');
    expect(errorOf(await t.request('POST', `/api/place-problems/${id}/resolve`, { as: as.town, body: { note: '再处理一次' } }))).toEqual({ status: 409, error: 'place_problem_resolved' });
    const [b] = (await t.request('GET', '/api/place-problems?state=open', { as: as.county })).json<{ items: { id: number }[] }>().items;
    expect((await t.request('POST', `/api/place-problems/${b!.id}/resolve`, { as: as.county, body: { note: '微波炉已更换' } })).statusCode).toBe(200);
    expect(await flag()).toEqual({ n: 0, latest: null });
    expect((await t.request('GET', '/api/workbench', { as: as.town })).json<Workbench>().placeProblems).toMatchObject({ open: 0 });
    const mine = (await t.request('GET', '/api/me/place-problems', { as: worker })).json<{ items: MyPlaceProblem[] }>();
    expect(mine.items[0]).toMatchObject({ state: 'resolved', resolutionNote: '已送来两桶水' });
    // once resolved, the same kind may be reported again as a new report
    expect((await report(worker, place, { kind: 'noWater', text: '又没有水了' })).json()).toMatchObject({ created: true });
  });

  it('gives figures for the subtree and a period', async () => {
    const [c] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [countyId]);
    const f = await problemFigures({ db: t.db }, makeScope(countyId, c!.path), new Date(Date.now() - 3600_000), new Date(Date.now() + 3600_000));
    expect(f).toMatchObject({ reported: 3, resolved: 2, open: 1 });
    expect(f.medianHoursToResolve).toBeGreaterThanOrEqual(0);
    expect(f.avgHoursToResolve).toBeGreaterThanOrEqual(0);
    const none = await problemFigures({ db: t.db }, makeScope(countyId, c!.path), new Date(Date.now() - 7200_000), new Date(Date.now() - 3600_000));
    expect(none).toEqual({ reported: 0, resolved: 0, open: 1, medianHoursToResolve: null, avgHoursToResolve: null });
  });
});

describe('bad input', () => {
  it('refuses a report without text, a 20 MB photo, a PDF as the photo, an unknown place — writing nothing', async () => {
    const before = await count();
    const flagBefore = await flag();
    expect(errorOf(await report(worker, place, { kind: 'dirty' }))).toEqual({ status: 400, error: 'validation_failed' });
    const short = await report(worker, place, { kind: 'dirty', text: '脏' });
    expect(short.json()).toMatchObject({ error: 'validation_failed', message: expect.stringContaining('2–200') });
    expect(errorOf(await report(worker, place, { kind: 'smelly', text: '不知道什么问题' }))).toEqual({ status: 400, error: 'validation_failed' });
    const big = Buffer.concat([JPEG, Buffer.alloc(20 * 1024 * 1024)]);
    expect(errorOf(await report(worker, place, { kind: 'dirty', text: '卫生很差' }, { name: 'big.jpg', content: big }))).toEqual({ status: 413, error: 'place_problem_photo_too_large' });
    const pdf = await report(worker, place, { kind: 'dirty', text: '卫生很差' }, { name: 'photo.jpg', content: PDF });
    expect(pdf.json()).toMatchObject({ error: 'place_problem_photo_type', message: expect.stringContaining('图片') });
    expect(errorOf(await report(worker, 99999999, { kind: 'dirty', text: '卫生很差' }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('GET', '/api/me/places/99999999/report', { as: worker }))).toEqual({ status: 404, error: 'not_found' });
    const noKey = multipart({ kind: 'dirty', text: '卫生很差' });
    expect(errorOf(await t.request('POST', `/api/me/places/${place}/problems`, { as: worker, body: noKey.payload, headers: noKey.headers }))).toEqual({ status: 400, error: 'idempotency_key_required' });
    expect(errorOf(await t.request('POST', `/api/me/places/${place}/problems`, { as: worker, body: { kind: 'dirty', text: '卫生很差' }, headers: { 'idempotency-key': randomUUID() } }))).toEqual({
      status: 415,
      error: 'place_problem_not_multipart',
    });
    expect(errorOf(await t.request('POST', `/api/place-problems/1/resolve`, { as: as.town, body: { note: '' } }))).toEqual({ status: 400, error: 'validation_failed' });
    expect(await count()).toBe(before);
    expect(await flag()).toEqual(flagBefore);
  });

  it('refuses staff on the worker’s routes and a worker on the staff’s', async () => {
    expect(errorOf(await report(as.town!, place, { kind: 'dirty', text: '卫生很差' }))).toEqual({ status: 403, error: 'member_only' });
    expect(errorOf(await t.request('GET', '/api/place-problems', { as: worker }))).toEqual({ status: 403, error: 'staff_only' });
  });

  it('refuses a report on a place taken out of service', async () => {
    const closed = await t.make.place({ org: townId });
    await t.db.query(`UPDATE place SET status = 'closed', closed_reason = '拆除' WHERE id = $1`, [closed.id]);
    expect(errorOf(await report(worker, closed.id, { kind: 'closed', text: '门关着' }))).toEqual({ status: 409, error: 'place_not_in_service' });
  });
});
