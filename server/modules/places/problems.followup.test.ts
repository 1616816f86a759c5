// After a report: staff of the place's union call the reporter back (the whole number revealed with a
// reason, audited; refused to other unions, to a viewer, without a reason); a report past its deadline
// reminds the running union once and a day later is escalated once to the level above, however many
// sweeps run; the worker's 我的报告 lists only their own, paged.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MyPlaceProblem, PlaceProblemDetail } from '../../../contracts/place-status.ts';
import type { Workbench } from '../../../contracts/workbench.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { multipart } from '../../../tests/helpers/rosters.ts';
import { loginWorker } from '../../../tests/helpers/workers.ts';
import { sweepPlaceProblems } from './problems.service.ts';

let t: TestApp;
let worker: Session & { phone: string };
let other: Session & { phone: string };
const as: Record<string, Session> = {};
let place = 0;
let countyName = '';
const KEEPER = '13912345678';
const HOUR = 3600_000;

beforeAll(async () => {
  t = await startTestApp();
  const admin = await t.login('admin');
  const town = await t.make.org({ level: 'town', name: '回访测试街道总工会' });
  const [county] = await t.db.query<{ name: string }>(`SELECT name FROM org WHERE id = $1`, [town.parentId]);
  countyName = county!.name;
  const elsewhere = await t.make.org({ level: 'town', name: '别处回访测试街道总工会' });
  place = (await t.make.place({ org: town, name: '回访测试户外劳动者驿站', keeperName: '李站长', keeperPhone: KEEPER })).id;
  as.town = await t.login((await t.make.staff({ org: town.id, username: 'ppf_town', roles: ['clerk'] })).username);
  as.county = await t.login((await t.make.staff({ org: town.parentId!, username: 'ppf_county' })).username);
  as.viewer = await t.login((await t.make.staff({ org: town.id, username: 'ppf_viewer', roles: ['viewer'] })).username);
  as.elsewhere = await t.login((await t.make.staff({ org: elsewhere.id, username: 'ppf_elsewhere' })).username);
  worker = await loginWorker(t, admin);
  other = await loginWorker(t, admin);
});
afterAll(async () => t.close());

async function report(who: Session, kind: string, text: string): Promise<MyPlaceProblem> {
  const form = multipart({ kind, text });
  const res = await t.request('POST', `/api/me/places/${place}/problems`, { as: who, body: form.payload, headers: { ...form.headers, 'idempotency-key': randomUUID() } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<MyPlaceProblem>();
}
const errorOf = (res: { statusCode: number; json: () => { error: string } }) => ({ status: res.statusCode, error: res.json().error });
const audits = async (action: string, id: number) =>
  (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND target_id = $2`, [action, String(id)]))[0]!.n;
const marks = async (id: number) =>
  (await t.db.query<{ due: Date; reminded: Date | null; escalated: Date | null; to: number | null }>(
    `SELECT due_at AS due, reminded_at AS reminded, escalated_at AS escalated, escalated_to_org_id::int AS to FROM place_problem WHERE id = $1`,
    [id],
  ))[0]!;
const keeperSms = async () =>
  t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1 AND kind = 'place_problem_overdue' ORDER BY id`, [t.pii.hash(KEEPER)]);

let calledBack = 0;

describe('calling the reporter back', () => {
  let id = 0;
  beforeAll(async () => {
    id = calledBack = (await report(worker, 'closed', '下午三点门锁着，没人值班')).id;
  });

  it('refuses another union, a viewer, and a missing or unfit reason — revealing and auditing nothing', async () => {
    const url = `/api/place-problems/${id}/reveal`;
    expect(errorOf(await t.request('POST', url, { as: as.elsewhere, body: { reason: '回电核实情况' } }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('POST', url, { as: as.viewer, body: { reason: '回电核实情况' } }))).toEqual({ status: 403, error: 'forbidden' });
    for (const body of [{}, { reason: '' }, { reason: '回电' }, { reason: '回电\n核实情况' }]) {
      expect(errorOf(await t.request('POST', url, { as: as.town, body })), JSON.stringify(body)).toEqual({ status: 400, error: 'validation_failed' });
    }
    expect(errorOf(await t.request('POST', '/api/place-problems/99999999/reveal', { as: as.town, body: { reason: '回电核实情况' } }))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await t.request('POST', url, { as: worker, body: { reason: '回电核实情况' } }))).toEqual({ status: 403, error: 'staff_only' });
    expect(await audits('place.problem_reporter_reveal', id)).toBe(0);
  });

  it('shows the running union (and the level above) the whole number, with the reason in the audit log', async () => {
    const res = await t.request('POST', `/api/place-problems/${id}/reveal`, { as: as.town, body: { reason: '回电核实关门情况' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: worker.phone });
    expect(res.headers['cache-control']).toBe('no-store');
    const [entry] = await t.db.query<{ detail: { reason: string; fields: string[] }; actor: string }>(
      `SELECT detail, actor_kind AS actor FROM audit_log WHERE action = 'place.problem_reporter_reveal' AND target_id = $1`,
      [String(id)],
    );
    expect(entry).toMatchObject({ actor: 'staff', detail: { reason: '回电核实关门情况', fields: ['reporterPhone'] } });
    expect((await t.request('POST', `/api/place-problems/${id}/reveal`, { as: as.county, body: { reason: '督办前先联系职工' } })).json()).toEqual({ phone: worker.phone });
    expect(await audits('place.problem_reporter_reveal', id)).toBe(2);
    // the detail itself stays masked
    expect((await t.request('GET', `/api/place-problems/${id}`, { as: as.town })).json<PlaceProblemDetail>().reporterPhone).toBe(`${worker.phone.slice(0, 3)}****${worker.phone.slice(7)}`);
  });
});

describe('the overdue sweep', () => {
  let id = 0;
  let done = 0;
  let due = new Date();

  beforeAll(async () => {
    id = (await report(worker, 'noWater', '饮水机一直没有水')).id;
    done = (await report(worker, 'dirty', '卫生间很脏没人打扫')).id;
    due = (await marks(id)).due;
    await t.db.query(`UPDATE place_problem SET due_at = $2 WHERE id = ANY($1::bigint[])`, [[done, calledBack], due]);
    for (const [resolved, note] of [[done, '已打扫干净'], [calledBack, '已联系站长按时开门']] as const) {
      expect((await t.request('POST', `/api/place-problems/${resolved}/resolve`, { as: as.town, body: { note } })).statusCode).toBe(200);
    }
  });

  it('leaves a report alone before its deadline', async () => {
    await sweepPlaceProblems(t.app.deps, new Date(due.getTime() - 60_000));
    expect(await marks(id)).toMatchObject({ reminded: null, escalated: null });
    expect(await keeperSms()).toEqual([]);
  });

  it('reminds the running union once past the deadline, however many sweeps run at once or again', async () => {
    const at = new Date(due.getTime() + 60_000);
    await Promise.all([sweepPlaceProblems(t.app.deps, at), sweepPlaceProblems(t.app.deps, at)]);
    await sweepPlaceProblems(t.app.deps, new Date(at.getTime() + HOUR));
    expect((await marks(id)).reminded?.getTime()).toBe(at.getTime());
    expect(await audits('place.problem_remind', id)).toBe(1);
    const sms = await keeperSms();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain('回访测试户外劳动者驿站');
    expect(sms[0]!.body).toContain('没有水');
    expect(sms[0]!.body).not.toContain(worker.phone);
    // the resolved reports are never reminded
    expect(await marks(done)).toMatchObject({ reminded: null, escalated: null });
    expect(await marks(calledBack)).toMatchObject({ reminded: null, escalated: null });
    const d = (await t.request('GET', `/api/place-problems/${id}`, { as: as.town })).json<PlaceProblemDetail>();
    expect(d).toMatchObject({ remindedAt: at.toISOString(), escalatedAt: null, escalatedToOrgName: null });
  });

  it('escalates it once to the level above a day after the reminder', async () => {
    const reminded = (await marks(id)).reminded!;
    await sweepPlaceProblems(t.app.deps, new Date(reminded.getTime() + 23 * HOUR));
    expect((await marks(id)).escalated).toBeNull();
    const at = new Date(reminded.getTime() + 24 * HOUR);
    await Promise.all([sweepPlaceProblems(t.app.deps, at), sweepPlaceProblems(t.app.deps, at)]);
    await sweepPlaceProblems(t.app.deps, new Date(at.getTime() + 48 * HOUR));
    const m = await marks(id);
    expect(m.escalated?.getTime()).toBe(at.getTime());
    expect(await audits('place.problem_escalate', id)).toBe(1);
    expect(await audits('place.problem_remind', id)).toBe(1);
    expect(await keeperSms()).toHaveLength(1);
    expect((await t.request('GET', `/api/place-problems/${id}`, { as: as.county })).json<PlaceProblemDetail>()).toMatchObject({ escalatedToOrgName: countyName });
    expect((await t.request('GET', '/api/workbench', { as: as.county })).json<Workbench>().placeProblems.escalated).toBe(1);
    expect((await t.request('GET', '/api/workbench', { as: as.town })).json<Workbench>().placeProblems.escalated).toBe(0);
    // resolved, it leaves the level above's count
    expect((await t.request('POST', `/api/place-problems/${id}/resolve`, { as: as.county, body: { note: '已督促送水' } })).statusCode).toBe(200);
    expect((await t.request('GET', '/api/workbench', { as: as.county })).json<Workbench>().placeProblems.escalated).toBe(0);
  });
});

describe('我的报告', () => {
  it('lists only the worker’s own reports, newest first, paged', async () => {
    await report(other, 'broken', '充电插座坏了');
    const all = (await t.request('GET', '/api/me/place-problems', { as: worker })).json<{ items: MyPlaceProblem[]; total: number }>();
    expect(all.total).toBe(3);
    expect(all.items.map((p) => p.kind)).toEqual(['dirty', 'noWater', 'closed']);
    expect(all.items[1]).toMatchObject({ placeName: '回访测试户外劳动者驿站', state: 'resolved', resolutionNote: '已督促送水' });
    const first = (await t.request('GET', '/api/me/place-problems?page=1&pageSize=2', { as: worker })).json<{ items: MyPlaceProblem[]; total: number }>();
    const second = (await t.request('GET', '/api/me/place-problems?page=2&pageSize=2', { as: worker })).json<{ items: MyPlaceProblem[]; total: number }>();
    expect([first.total, second.total]).toEqual([3, 3]);
    expect([...first.items, ...second.items].map((p) => p.id)).toEqual(all.items.map((p) => p.id));
    const theirs = (await t.request('GET', '/api/me/place-problems', { as: other })).json<{ items: MyPlaceProblem[]; total: number }>();
    expect(theirs).toMatchObject({ total: 1, items: [{ kind: 'broken', text: '充电插座坏了' }] });
    expect(errorOf(await t.request('GET', '/api/me/place-problems?pageSize=0', { as: worker }))).toEqual({ status: 400, error: 'validation_failed' });
    expect(errorOf(await t.request('GET', '/api/me/place-problems', { as: as.town }))).toEqual({ status: 403, error: 'member_only' });
  });
});
