// The enterprise file over HTTP: the file and who may edit what, facts recorded through the forms'
// routes (a second size supersedes the first, a correction, a stale basedOn refused with nothing
// written, a replay under its key), the history of the employer and its union, town-only kinds,
// viewers and other subtrees, the alerts, and parked members moved into the new union with their
// events. On both engines.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EnterpriseFile, FactHistoryItem } from '../../../contracts/enterprise-facts.ts';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { beijingDay } from '../../lib/beijing-time.ts';

let t: TestApp;
const org: Record<string, number> = {};
const as: Record<string, Session> = {};

beforeAll(async () => {
  t = await startTestApp();
  const town = await t.make.org({ level: 'town', name: '档案测试街道总工会' });
  org.town = town.id;
  org.county = town.parentId!;
  org.union = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '档案测试电子有限公司工会' })).id;
  org.union2 = (await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '档案测试服装有限公司工会' })).id;
  org.federation = (await t.make.org({ parent: town, level: 'grassroots', kind: 'federation', name: '档案测试街道网上会员之家' })).id;
  org.elsewhere = (await t.make.org({ level: 'town', name: '别处街道总工会' })).id;
  for (const key of ['town', 'county', 'union', 'elsewhere'] as const) {
    as[key] = await t.login((await t.make.staff({ org: org[key], username: `file_${key}` })).username);
  }
  as.viewer = await t.login((await t.make.staff({ org: org.town, username: 'file_viewer', roles: ['viewer'] })).username);
});
afterAll(async () => t.close());

const errorOf = (res: { statusCode: number; json: () => { error: string } }) => ({ status: res.statusCode, error: res.json().error });
const key = () => ({ 'idempotency-key': randomUUID() });
const fileOf = async (id: number, who = as.town!) => {
  const res = await t.request('GET', `/api/enterprises/${id}`, { as: who });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<EnterpriseFile>();
};
const historyOf = async (id: number, q = '') => {
  const res = await t.request('GET', `/api/enterprises/${id}/history?pageSize=50${q}`, { as: as.town! });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: FactHistoryItem[]; total: number }>();
};
const record = (id: number, body: Record<string, unknown>, who = as.town!, headers = key()) =>
  t.request('POST', `/api/enterprises/${id}/facts`, { as: who, body, headers });
const recordUnion = (orgId: number, body: Record<string, unknown>, who = as.town!) =>
  t.request('POST', `/api/orgs/${orgId}/union-facts`, { as: who, body, headers: key() });
const factCount = async (id: number) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_fact WHERE enterprise_id = $1`, [id]))[0]!.n;

describe('facts through the file', () => {
  it('a second size supersedes the first; both in the history, the file shows the second; a correction is flagged', async () => {
    const e = await t.make.enterprise({ town: org.town!, union: org.union! });
    const first = await record(e.id, { kind: 'size', value: { employees: 120 }, asOf: '2025-06-30', basedOn: null });
    expect(first.statusCode, first.body).toBe(201);
    const second = await record(e.id, { kind: 'size', value: { employees: 150 }, asOf: '2026-06-30', basedOn: first.json().id });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().supersedesId).toBe(first.json().id);
    let file = await fileOf(e.id);
    expect(file.employees).toBe(150);
    expect(file.employeesAsOf).toBe('2026-06-30');
    expect(file.currentFacts.size).toBe(second.json().id);

    const fixed = await record(e.id, { kind: 'size', value: { employees: 105 }, asOf: '2026-06-30', isCorrection: true, note: '误将 105 录为 150', basedOn: second.json().id });
    expect(fixed.statusCode, fixed.body).toBe(201);
    file = await fileOf(e.id);
    expect(file.employees).toBe(105);
    const h = await historyOf(e.id, '&key=size');
    expect(h.total).toBe(3);
    expect(h.items.map((f) => [f.value.employees, f.isCorrection, f.current])).toEqual([[105, true, true], [150, false, false], [120, false, false]]);
    expect(h.items[0]!.recordedBy).toBeTruthy();
    expect(h.items[0]!.recordedByOrg).toBe('档案测试街道总工会');
    expect(h.items[0]!.note).toBe('误将 105 录为 150');
  });

  it('a stale basedOn (someone recorded meanwhile) is refused with fact_changed, nothing written', async () => {
    const e = await t.make.enterprise({ town: org.town!, union: org.union! });
    const a = await record(e.id, { kind: 'ownership', value: { ownership: 'private' }, asOf: '2026-01-01', basedOn: null });
    expect(a.statusCode).toBe(201);
    const before = await factCount(e.id);
    const b = await record(e.id, { kind: 'ownership', value: { ownership: 'foreign' }, asOf: '2026-01-01', basedOn: null }, as.union!);
    expect(errorOf(b)).toEqual({ status: 409, error: 'fact_changed' });
    expect(await factCount(e.id)).toBe(before);
    expect((await fileOf(e.id)).ownership).toBe('private');
  });

  it('two writes racing on one key: one 201, one fact_changed', async () => {
    const e = await t.make.enterprise({ town: org.town!, union: org.union! });
    const results = await Promise.all([
      record(e.id, { kind: 'industry', value: { section: 'C', detail: '电子' }, asOf: '2026-01-01', basedOn: null }),
      record(e.id, { kind: 'industry', value: { section: 'F' }, asOf: '2026-01-01', basedOn: null }, as.county!),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(await factCount(e.id)).toBe(1);
  });

  it('a retry under the same key gets the first answer; the same key with another body is refused', async () => {
    const e = await t.make.enterprise({ town: org.town!, union: org.union! });
    const headers = key();
    const body = { kind: 'platforms', value: { platforms: ['货拉拉'] }, asOf: '2026-01-01' };
    const a = await record(e.id, body, as.town!, headers);
    const b = await record(e.id, body, as.town!, headers);
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    expect(b.body).toBe(a.body);
    expect(b.headers['idempotent-replayed']).toBe('true');
    expect(await factCount(e.id)).toBe(1);
    const c = await record(e.id, { ...body, asOf: '2026-02-01' }, as.town!, headers);
    expect(errorOf(c)).toEqual({ status: 409, error: 'idempotency_key_reused' });
  });

  it('the history holds the employer and its union; union facts go to the union', async () => {
    const union = await t.make.org({ parent: org.town!, level: 'grassroots', kind: 'enterprise', name: '档案测试历史有限公司工会' });
    const e = await t.make.enterprise({ town: org.town!, union });
    expect((await record(e.id, { kind: 'size', value: { employees: 80 }, asOf: '2026-03-01' })).statusCode).toBe(201);
    const chair = await recordUnion(union.id, { kind: 'chair', value: { name: '李红梅' }, asOf: '2026-03-02' });
    expect(chair.statusCode, chair.body).toBe(201);
    const wrongPlace = await recordUnion(union.id, { kind: 'size', value: { employees: 80 }, asOf: '2026-03-02' });
    expect(errorOf(wrongPlace)).toEqual({ status: 400, error: 'fact_subject_invalid' });
    const h = await historyOf(e.id);
    expect(h.items.map((f) => [f.subject, f.kind])).toEqual([['union', 'chair'], ['enterprise', 'size']]);
    const file = await fileOf(e.id);
    expect(file.union?.chair).toBe('李红梅');
    expect(file.currentFacts.chair).toBe(chair.json().id);
  });
});

describe('who edits', () => {
  it('the town records everything; its own union records size but not the identity, address or union link', async () => {
    const e = await t.make.enterprise({ town: org.town!, union: org.union! });
    const town = await fileOf(e.id, as.town!);
    expect(town.canEdit).toEqual({ town: true, union: true });
    const own = await fileOf(e.id, as.union!);
    expect(own.canEdit).toEqual({ town: false, union: true });
    expect((await record(e.id, { kind: 'size', value: { employees: 60 }, asOf: '2026-01-01' }, as.union!)).statusCode).toBe(201);
    for (const body of [
      { kind: 'identity', value: { name: '改名测试有限公司' }, asOf: '2026-01-01' },
      { kind: 'address', value: { address: '某路 1 号', townId: org.town }, asOf: '2026-01-01' },
      { kind: 'union', value: { orgId: null }, asOf: '2026-01-01' },
    ]) {
      expect(errorOf(await record(e.id, body, as.union!))).toEqual({ status: 403, error: 'enterprise_identity_town_only' });
    }
    expect((await record(e.id, { kind: 'identity', value: { name: '改名测试有限公司' }, asOf: '2026-01-01' }, as.town!)).statusCode).toBe(201);
    expect((await fileOf(e.id)).name).toBe('改名测试有限公司');
  });

  it('a viewer reads but may not record; another subtree gets 404 as for a missing employer', async () => {
    const e = await t.make.enterprise({ town: org.town!, union: org.union! });
    expect((await fileOf(e.id, as.viewer!)).canEdit).toEqual({ town: false, union: false });
    expect(errorOf(await record(e.id, { kind: 'size', value: { employees: 9 }, asOf: '2026-01-01' }, as.viewer!))).toEqual({ status: 403, error: 'forbidden' });
    for (const [method, url] of [['GET', `/api/enterprises/${e.id}`], ['GET', `/api/enterprises/${e.id}/history`], ['POST', `/api/enterprises/${e.id}/move-parked`]] as const) {
      expect(errorOf(await t.request(method, url, { as: as.elsewhere! }))).toEqual({ status: 404, error: 'not_found' });
    }
    expect(errorOf(await record(e.id, { kind: 'size', value: { employees: 9 }, asOf: '2026-01-01' }, as.elsewhere!))).toEqual({ status: 404, error: 'not_found' });
    expect(errorOf(await recordUnion(org.union!, { kind: 'chair', value: { name: '王五' }, asOf: '2026-01-01' }, as.elsewhere!))).toEqual({ status: 404, error: 'not_found' });
    expect(await factCount(e.id)).toBe(0);
  });

  it('the union link names a grassroots union in scope, the address a town in scope', async () => {
    const e = await t.make.enterprise({ town: org.town! });
    const outside = await t.make.org({ parent: org.elsewhere!, level: 'grassroots', kind: 'enterprise' });
    expect(errorOf(await record(e.id, { kind: 'union', value: { orgId: outside.id, coverage: 'own' }, asOf: '2026-01-01' }))).toEqual({ status: 400, error: 'fact_union_invalid' });
    expect(errorOf(await record(e.id, { kind: 'union', value: { orgId: org.town, coverage: 'own' }, asOf: '2026-01-01' }))).toEqual({ status: 400, error: 'fact_union_invalid' });
    expect(errorOf(await record(e.id, { kind: 'address', value: { address: '某路 2 号', townId: org.elsewhere }, asOf: '2026-01-01' }))).toEqual({ status: 400, error: 'fact_town_invalid' });
    expect(await factCount(e.id)).toBe(0);
    expect((await record(e.id, { kind: 'union', value: { orgId: org.union2, coverage: 'own' }, asOf: '2026-01-01' })).statusCode).toBe(201);
    expect((await fileOf(e.id)).union?.id).toBe(org.union2);
  });
});

describe('alerts', () => {
  const inDays = (n: number) => new Date(Date.parse(`${beijingDay()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  it('a contract 45 days from expiry, no congress in 12 months, more members than the size', async () => {
    const union = await t.make.org({ parent: org.town!, level: 'grassroots', kind: 'enterprise', name: '档案测试提醒有限公司工会' });
    const e = await t.make.enterprise({ town: org.town!, union, employees: 10 });
    const res = await recordUnion(union.id, { kind: 'collectiveContract', value: { type: 'wage', signedOn: '2024-01-01', startsOn: '2024-01-01', expiresOn: inDays(45), coveredWorkers: 10 }, asOf: '2024-01-01' });
    expect(res.statusCode, res.body).toBe(201);
    await t.db.query(`UPDATE enterprise SET member_count = 12 WHERE id = $1`, [e.id]);
    const file = await fileOf(e.id);
    expect(file.alerts.map((a) => a.kind).sort()).toEqual(['contractExpiring', 'membersOverSize', 'noCongress']);
    expect(file.alerts.find((a) => a.kind === 'contractExpiring')!.text).toBe('工资专项集体合同 45 天后到期');
    expect(file.joinRate).toBe(120);
    expect(file.union!.contracts[0]!.daysToExpiry).toBe(45);

    const congress = await recordUnion(union.id, { kind: 'workersCongress', value: { heldOn: beijingDay(), delegates: 30 }, asOf: beijingDay() });
    expect(congress.statusCode).toBe(201);
    expect((await fileOf(e.id)).alerts.map((a) => a.kind).sort()).toEqual(['contractExpiring', 'membersOverSize']);
  });

  it('contract dates out of order are refused, nothing written', async () => {
    const union = await t.make.org({ parent: org.town!, level: 'grassroots', kind: 'enterprise' });
    const res = await recordUnion(union.id, { kind: 'collectiveContract', value: { type: 'general', signedOn: '2025-01-01', startsOn: '2025-01-01', expiresOn: '2024-12-31', coveredWorkers: 5 }, asOf: '2025-01-01' });
    expect(errorOf(res)).toEqual({ status: 400, error: 'collective_contract_dates_invalid' });
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_fact WHERE org_id = $1`, [union.id]))[0]!.n).toBe(0);
  });
});

describe('move-parked', () => {
  it('moves the counted members parked in the town and its federation into the union, a transferred event each', async () => {
    const e = await t.make.enterprise({ town: org.town! });
    const parked = [
      await t.make.member({ org: org.town!, enterpriseId: e.id }),
      await t.make.member({ org: org.federation!, enterpriseId: e.id }),
      await t.make.member({ org: org.town!, enterpriseId: e.id, status: 'suspended' }),
    ];
    const left = await t.make.member({ org: org.town!, enterpriseId: e.id, status: 'left' });
    const other = await t.make.member({ org: org.town! });
    expect((await fileOf(e.id)).parkedMembers).toBe(3);
    expect((await fileOf(e.id)).alerts.find((a) => a.kind === 'noUnion')!.text).toContain('3 名会员');
    expect(errorOf(await t.request('POST', `/api/enterprises/${e.id}/move-parked`, { as: as.town! }))).toEqual({ status: 409, error: 'enterprise_no_union' });

    expect((await record(e.id, { kind: 'union', value: { orgId: org.union2, coverage: 'own' }, asOf: '2026-01-01' })).statusCode).toBe(201);
    expect(errorOf(await t.request('POST', `/api/enterprises/${e.id}/move-parked`, { as: as.viewer! }))).toEqual({ status: 403, error: 'forbidden' });
    const res = await t.request('POST', `/api/enterprises/${e.id}/move-parked`, { as: as.town! });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ moved: 3, toOrgId: org.union2 });
    const rows = await t.db.query<{ id: number; orgId: number }>(`SELECT id::int AS id, org_id::int AS "orgId" FROM member WHERE id = ANY($1::bigint[]) ORDER BY id`, [[...parked, left, other].map((m) => m.id)]);
    expect(rows.map((r) => r.orgId)).toEqual([org.union2, org.union2, org.union2, org.town, org.town]);
    const events = await t.db.query<{ memberId: number; fromOrgId: number; toOrgId: number }>(
      `SELECT member_id::int AS "memberId", from_org_id::int AS "fromOrgId", to_org_id::int AS "toOrgId" FROM member_event
        WHERE kind = 'transferred' AND member_id = ANY($1::bigint[]) ORDER BY member_id`, [parked.map((m) => m.id)]);
    expect(events).toEqual(parked.map((m, i) => ({ memberId: m.id, fromOrgId: i === 1 ? org.federation : org.town, toOrgId: org.union2 })));
    const [audit] = await t.db.query<{ detail: { members: number } }>(`SELECT detail FROM audit_log WHERE action = 'enterprise.move_parked' AND target_id = $1`, [String(e.id)]);
    expect(audit?.detail.members).toBe(3);
    expect((await fileOf(e.id)).parkedMembers).toBe(0);
    // again: nobody left to move
    expect((await t.request('POST', `/api/enterprises/${e.id}/move-parked`, { as: as.town! })).json()).toEqual({ moved: 0, toOrgId: org.union2 });
  });
});
