// Founding drives (建会行动): a drive with goals; targets (an employer, a platform cluster, an area); the four
// steps in order (out of order refused, nothing written); the 成立大会 founds the union with its facts
// and audit in one transaction; the registration checks the 81 code; figures rise with joins; gig
// clusters are listed among the founding targets and added; scope and a closed drive. Both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newKey } from '../../../tests/helpers/points.ts';
import { makeCreditCode } from '../../../contracts/china-codes.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import type { DriveDetail, DriveTarget } from '../../../contracts/drives.ts';
import { drivesFoundedTile, drivesMembersAddedTile } from './tiles.service.ts';

let t: TestApp;
let taishan: Session;
let taishanId: number;
let town: { id: number; path: string };
const today = beijingDay();
const year = today.slice(0, 4);

beforeAll(async () => {
  t = await startTestApp();
  taishan = await t.login('taishan');
  taishanId = await t.demoOrg('taishan');
  const [row] = await t.db.query<{ id: number; path: string }>(
    `SELECT id::int AS id, path::text AS path FROM org WHERE parent_id = $1 AND level = 'town' ORDER BY id LIMIT 1`, [taishanId]);
  town = row!;
});
afterAll(async () => t.close());

async function newDrive(goals: unknown[] = [{ key: 'unions', target: 3 }, { key: 'members', target: 100 }, { key: 'group', industry: '货运', target: 5 }]) {
  const res = await t.request('POST', '/api/drives', { as: taishan, body: { orgId: taishanId, title: `${year}年台山市建会行动（测试）`, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, goals } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<DriveDetail>();
}

async function employerTarget(driveId: number) {
  const e = await t.make.enterprise({ town: town.id, name: `台山市测试${Math.random().toString(36).slice(2, 8)}五金有限公司` });
  const res = await t.request('POST', `/api/drives/${driveId}/targets`, { as: taishan, body: { enterpriseId: e.id, contactName: '李晓红', contactPhone: '13800138000' } });
  expect(res.statusCode, res.body).toBe(201);
  const target = res.json<DriveDetail>().targetList.find((x) => x.enterprise?.id === e.id)!;
  return { e, target };
}

const step = (targetId: number, body: unknown, key = newKey()) =>
  t.request('POST', `/api/drive-targets/${targetId}/steps`, { as: taishan, body, headers: { 'idempotency-key': key } });

const daysAgo = (n: number) => beijingDay(new Date(Date.now() - n * 86400_000));

describe('drives', () => {
  it('creates a drive with goals; an end before the start is refused with nothing written', async () => {
    const d = await newDrive();
    expect(d.goals.map((g) => [g.key, g.industry, g.target])).toEqual([['unions', '', 3], ['members', '', 100], ['group', '货运', 5]]);
    const [before] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive`);
    const bad = await t.request('POST', '/api/drives', { as: taishan, body: { orgId: taishanId, title: '日期错误的行动', startsOn: '2026-06-01', endsOn: '2026-05-01' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('drive_dates_invalid');
    const [after] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive`);
    expect(after!.n).toBe(before!.n);
    const list = await t.request('GET', '/api/drives', { as: taishan });
    expect(list.json<{ items: { id: number }[] }>().items.some((x) => x.id === d.id)).toBe(true);
  });

  it('a target added twice is refused (drive_target_exists); its contact is masked, revealed with a reason and audited', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    expect(target.contactName).not.toBe('李晓红');
    expect(target.contactPhone).toBe('138****8000');
    const again = await t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body: { enterpriseId: e.id } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('drive_target_exists');
    const reveal = await t.request('POST', `/api/drive-targets/${target.id}/contact/reveal`, { as: taishan, body: { reason: '电话联系筹备事宜' } });
    expect(reveal.json()).toEqual({ contactName: '李晓红', contactPhone: '13800138000' });
    const [a] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'drive.contact_reveal' AND target_id = $1`, [String(target.id)]);
    expect(a!.n).toBe(1);
  });

  it('steps out of order or dated before the previous one are refused, nothing written; a future date is fact_date_invalid', async () => {
    const d = await newDrive();
    const { target } = await employerTarget(d.id);
    const skip = await step(target.id, { step: 'preparatory', doneOn: daysAgo(5) });
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toBe('drive_step_out_of_order');
    expect((await step(target.id, { step: 'contact', doneOn: daysAgo(5) })).statusCode).toBe(201);
    const earlier = await step(target.id, { step: 'preparatory', doneOn: daysAgo(6) });
    expect(earlier.json().error).toBe('drive_step_out_of_order');
    const future = await step(target.id, { step: 'preparatory', doneOn: daysAgo(-2) });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toBe('fact_date_invalid');
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive_step WHERE target_id = $1`, [target.id]);
    expect(n!.n).toBe(1);
  });

  it('the meeting founds the union in the tree with the union and founded facts, audited; registration checks the 81 code', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    const key = newKey();
    expect((await step(target.id, { step: 'contact', doneOn: daysAgo(20) })).statusCode).toBe(201);
    expect((await step(target.id, { step: 'preparatory', doneOn: daysAgo(15) })).statusCode).toBe(201);
    const meeting = await step(target.id, { step: 'meeting', doneOn: daysAgo(10), unionName: `${e.name}工会委员会`, chairName: '陈建国' }, key);
    expect(meeting.statusCode, meeting.body).toBe(201);
    const founded = meeting.json<DriveTarget>();
    expect(founded.state).toBe('founded');
    expect(founded.nextStep).toBe('registration');
    const unionId = founded.foundedOrg!.id;
    // a retry with the same key answers the same, writes nothing more
    const replay = await step(target.id, { step: 'meeting', doneOn: daysAgo(10), unionName: `${e.name}工会委员会`, chairName: '陈建国' }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(meeting.body);

    const [org] = await t.db.query<{ parentId: number; level: string; kind: string; foundedOn: string; chair: string }>(
      `SELECT parent_id::int AS "parentId", level, kind, to_char(founded_on, 'YYYY-MM-DD') AS "foundedOn", chair_name AS chair FROM org WHERE id = $1`, [unionId]);
    expect(org).toEqual({ parentId: town.id, level: 'grassroots', kind: 'enterprise', foundedOn: daysAgo(10), chair: '陈建国' });
    const [ent] = await t.db.query<{ unionOrgId: number; coverage: string }>(`SELECT union_org_id::int AS "unionOrgId", union_coverage AS coverage FROM enterprise WHERE id = $1`, [e.id]);
    expect(ent).toEqual({ unionOrgId: unionId, coverage: 'own' });
    const facts = await t.db.query<{ kind: string; source: string }>(
      `SELECT kind, source FROM enterprise_fact WHERE enterprise_id = $1 OR org_id = $2 ORDER BY id`, [e.id, unionId]);
    expect(facts.map((f) => f.kind)).toEqual(['union', 'founded', 'chair']);
    expect(new Set(facts.map((f) => f.source))).toEqual(new Set(['drive']));
    const audits = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE (target_type = 'org' AND target_id = $1) OR (action = 'drive.step' AND target_id = $2) ORDER BY id`, [String(unionId), String(target.id)]);
    expect(audits.map((a) => a.action)).toEqual(['drive.step', 'drive.step', 'org.found', 'enterprise.fact', 'enterprise.fact', 'drive.step']);

    const bad = await step(target.id, { step: 'registration', doneOn: daysAgo(3), number: '911234567890123456' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('union_legal_number_invalid');
    const number = makeCreditCode('81', '440781', 'MA5TDRW1');
    const reg = await step(target.id, { step: 'registration', doneOn: daysAgo(3), number, registeredOn: daysAgo(4) });
    expect(reg.statusCode, reg.body).toBe(201);
    expect(reg.json<DriveTarget>().nextStep).toBeNull();
    const [code] = await t.db.query<{ code: string }>(`SELECT credit_code AS code FROM org WHERE id = $1`, [unionId]);
    expect(code!.code).toBe(number);
  });

  it('a meeting without a union to found or link founds nothing and records no step', async () => {
    const d = await newDrive();
    const { target } = await employerTarget(d.id);
    await step(target.id, { step: 'contact', doneOn: daysAgo(9) });
    await step(target.id, { step: 'preparatory', doneOn: daysAgo(8) });
    const [orgs] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM org`);
    const res = await step(target.id, { step: 'meeting', doneOn: daysAgo(7) });
    expect(res.statusCode).toBe(400);
    const [after] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM org`);
    expect(after!.n).toBe(orgs!.n);
    const [steps] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive_step WHERE target_id = $1`, [target.id]);
    expect(steps!.n).toBe(2);
  });

  it('figures rise with joins: members added, of which in founded unions, per group goal', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    await step(target.id, { step: 'contact', doneOn: daysAgo(3) });
    await step(target.id, { step: 'preparatory', doneOn: daysAgo(2) });
    const m = await step(target.id, { step: 'meeting', doneOn: daysAgo(1), unionName: `${e.name}工会` });
    const unionId = m.json<DriveTarget>().foundedOrg!.id;
    const before = (await t.request('GET', `/api/drives/${d.id}`, { as: taishan })).json<DriveDetail>();
    expect(before.figures.unionsFounded).toBe(1);
    await t.make.member({ org: unionId, joinedOn: today });
    await t.make.member({ org: unionId, joinedOn: today });
    await t.make.member({ org: town.id, joinedOn: today, gigPlatform: '货拉拉' });
    await t.make.member({ org: town.id, joinedOn: `${Number(year) - 1}-06-01` }); // before the drive: not counted
    const after = (await t.request('GET', `/api/drives/${d.id}`, { as: taishan })).json<DriveDetail>();
    expect(after.figures.membersAdded - before.figures.membersAdded).toBe(3);
    expect(after.figures.membersInFounded - before.figures.membersInFounded).toBe(2);
    const group = (x: DriveDetail) => x.goals.find((g) => g.key === 'group')!.value;
    expect(group(after) - group(before)).toBe(1);
    expect(after.goals.find((g) => g.key === 'unions')!.value).toBe(1);
    expect(after.figures.stepsDone).toBe(3);
  });

  it('gig clusters are listed among the founding targets, added to a drive and founded as a platform federation', async () => {
    const [tw2] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE parent_id = $1 AND level = 'town' ORDER BY id OFFSET 1 LIMIT 1`, [taishanId]);
    for (let i = 0; i < 3; i++) await t.make.member({ org: tw2!.id, gigPlatform: '满帮', joinedOn: today });
    const list = await t.request('GET', '/api/enterprises/founding-targets?kind=gig&threshold=3', { as: taishan });
    expect(list.statusCode, list.body).toBe(200);
    const cluster = list.json<{ items: { kind: string; gig: { platform: string; industry: string }; town: { id: number }; members: number }[] }>().items
      .find((x) => x.town.id === tw2!.id && x.gig.platform === '满帮');
    expect(cluster).toMatchObject({ kind: 'gig', gig: { platform: '满帮', industry: '货运' }, members: 3 });
    const employers = await t.request('GET', '/api/enterprises/founding-targets', { as: taishan });
    expect(employers.json<{ items: { kind: string }[] }>().items.every((x) => x.kind === 'employer')).toBe(true);

    const d = await newDrive();
    const added = await t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body: { townId: tw2!.id, platform: '满帮' } });
    expect(added.statusCode, added.body).toBe(201);
    const target = added.json<DriveDetail>().targetList.find((x) => x.kind === 'gig')!;
    expect(target.gig).toEqual({ platform: '满帮', industry: '货运' });
    const twice = await t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body: { townId: tw2!.id, platform: '满帮' } });
    expect(twice.json().error).toBe('drive_target_exists');
    await step(target.id, { step: 'contact', doneOn: daysAgo(3) });
    await step(target.id, { step: 'preparatory', doneOn: daysAgo(2) });
    const m = await step(target.id, { step: 'meeting', doneOn: daysAgo(1), unionName: '台山市满帮司机工会联合会（测试）' });
    expect(m.statusCode, m.body).toBe(201);
    const [fed] = await t.db.query<{ kind: string; federationType: string; industry: string }>(
      `SELECT kind, federation_type AS "federationType", industry FROM org WHERE id = $1`, [m.json<DriveTarget>().foundedOrg!.id]);
    expect(fed).toEqual({ kind: 'federation', federationType: 'platform', industry: '货运' });
    // the city has a 货运 federation now: the cluster is no longer a target
    const later = await t.request('GET', '/api/enterprises/founding-targets?kind=gig&threshold=3', { as: taishan });
    expect(later.json<{ items: { gig: { platform: string }; town: { id: number } }[] }>().items.some((x) => x.town.id === tw2!.id && x.gig.platform === '满帮')).toBe(false);
  });

  it('an area target (村社、园区: 化州 三个一批) is added once and founded as a federation of its type under its town; bad areas refused, nothing written', async () => {
    const d = await newDrive();
    const count = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive_target WHERE drive_id = $1`, [d.id]))[0]!.n;
    const add = (body: unknown) => t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body });
    const added = await add({ townId: town.id, areaType: 'community', areaName: '测试社区', contactName: '梁小燕', contactPhone: '13800138001' });
    expect(added.statusCode, added.body).toBe(201);
    const target = added.json<DriveDetail>().targetList.find((x) => x.kind === 'area')!;
    expect(target).toMatchObject({ area: { type: 'community', name: '测试社区' }, town: { id: town.id }, enterprise: null, gig: null, contactName: '梁*燕' });
    expect((await add({ townId: town.id, areaType: 'park', areaName: '测试社区' })).json().error).toBe('drive_target_exists');
    // half an area, an area with a platform or an employer, an area under no town, a county as the town: refused
    for (const body of [
      { townId: town.id, areaName: '半个社区' },
      { townId: town.id, areaType: 'village' },
      { townId: town.id, platform: '满帮', areaType: 'park', areaName: '园区' },
      { enterpriseId: 1, areaType: 'park', areaName: '园区' },
      { areaType: 'park', areaName: '没有镇街的园区' },
      { townId: town.id, areaType: 'city', areaName: '不是村社' },
      { townId: taishanId, areaType: 'park', areaName: '县里的园区' },
    ]) {
      const res = await add(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
    expect(await count()).toBe(1);
    // a union of the area cannot be "linked" (it has no employer): the founding meeting founds it
    const link = await t.request('POST', `/api/drive-targets/${target.id}/link-union`, { as: taishan, body: { orgId: town.id, linkedOn: today }, headers: { 'idempotency-key': newKey() } });
    expect(link.json().error).toBe('validation_failed');
    await step(target.id, { step: 'contact', doneOn: daysAgo(3) });
    await step(target.id, { step: 'preparatory', doneOn: daysAgo(2) });
    const m = await step(target.id, { step: 'meeting', doneOn: daysAgo(1), unionName: '台山市测试社区工会联合会', chairName: '梁小燕' });
    expect(m.statusCode, m.body).toBe(201);
    const founded = m.json<DriveTarget>();
    expect(founded.state).toBe('founded');
    const [fed] = await t.db.query<{ kind: string; federationType: string; parentId: number; level: string }>(
      `SELECT kind, federation_type AS "federationType", parent_id::int AS "parentId", level FROM org WHERE id = $1`, [founded.foundedOrg!.id]);
    expect(fed).toEqual({ kind: 'federation', federationType: 'community', parentId: town.id, level: 'grassroots' });
    const after = (await t.request('GET', `/api/drives/${d.id}`, { as: taishan })).json<DriveDetail>();
    expect(after.figures.unionsFounded).toBe(1);
    expect(after.goals.find((g) => g.key === 'unions')!.value).toBe(1);
  });

  it('another county cannot see or write the drive (404); a closed drive refuses changes (drive_closed)', async () => {
    const d = await newDrive();
    const { target } = await employerTarget(d.id);
    const yj = await t.login('yangjiang');
    expect((await t.request('GET', `/api/drives/${d.id}`, { as: yj })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/drive-targets/${target.id}/steps`, { as: yj, body: { step: 'contact', doneOn: today }, headers: { 'idempotency-key': newKey() } })).statusCode).toBe(404);
    expect((await t.request('GET', '/api/drives', { as: yj })).json<{ items: { id: number }[] }>().items.some((x) => x.id === d.id)).toBe(false);
    const closed = await t.request('PATCH', `/api/drives/${d.id}`, { as: taishan, body: { status: 'closed' } });
    expect(closed.json().status).toBe('closed');
    const again = await t.request('PATCH', `/api/drives/${d.id}`, { as: taishan, body: { title: '改个名字' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('drive_closed');
    const s = await step(target.id, { step: 'contact', doneOn: today });
    expect(s.json().error).toBe('drive_closed');
  });

  it('the tiles count unions founded by drives and joins into them, root and children, as a direct count does', async () => {
    const [root] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [taishanId]);
    const children = await t.db.query<{ id: number; path: string }>(`SELECT id::int AS id, path::text AS path FROM org WHERE parent_id = $1`, [taishanId]);
    const at = {
      root: root!.path as never,
      rootId: taishanId,
      children: children as never,
      period: { from: `${year}-01`, to: today.slice(0, 7), start: new Date(`${year}-01-01T00:00:00+08:00`), end: new Date(Date.now() + 86400_000) },
    };
    const founded = await drivesFoundedTile.compute(t.db, at);
    const [direct] = await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT o.id)::int AS n FROM drive_target dt JOIN org o ON o.id = dt.founded_org_id WHERE o.path <@ $1::ltree AND o.founded_on >= $2::date`,
      [root!.path, `${year}-01-01`]);
    expect(founded.root).toBe(direct!.n);
    expect(founded.root).toBeGreaterThanOrEqual(3);
    expect(founded.byChild.get(town.id)).toBe((await t.db.query<{ n: number }>(
      `SELECT count(DISTINCT o.id)::int AS n FROM drive_target dt JOIN org o ON o.id = dt.founded_org_id WHERE o.path <@ $1::ltree AND o.founded_on >= $2::date`,
      [town.path, `${year}-01-01`]))[0]!.n);
    const joins = await drivesMembersAddedTile.compute(t.db, at);
    expect(joins.root).toBeGreaterThanOrEqual(2);
    // the direct count: every join event of the period into a union under one the drives founded
    const [directJoins] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member_event e JOIN org o ON o.id = e.to_org_id
        WHERE e.kind IN ('joined', 'rejoined') AND e.at >= $2 AND e.at < $3 AND o.path <@ $1::ltree
          AND EXISTS (SELECT 1 FROM drive_target dt JOIN org f ON f.id = dt.founded_org_id WHERE dt.state = 'founded' AND o.path <@ f.path)`,
      [root!.path, at.period.start, at.period.end]);
    expect(joins.root).toBe(directJoins!.n);
    expect([...joins.byChild.values()].reduce<number>((a, b) => a + (b ?? 0), 0)).toBe(joins.root);
  });
});

describe('dropping a target (移出)', () => {
  const drop = (targetId: number, body: unknown, key = newKey(), as = taishan) =>
    t.request('POST', `/api/drive-targets/${targetId}/drop`, { as, body, headers: { 'idempotency-key': key } });
  const rowOf = async (id: number) => (await t.db.query<{ state: string; reason: string | null; by: number | null; at: Date | null }>(
    `SELECT state, drop_reason AS reason, dropped_by::int AS by, dropped_at AS at FROM drive_target WHERE id = $1`, [id]))[0]!;

  it('drops an open target with a reason, once per key: it leaves the list and the figures, the row kept with who, when and why, audited', async () => {
    const d = await newDrive();
    const { target } = await employerTarget(d.id);
    const other = await employerTarget(d.id);
    await step(target.id, { step: 'contact', doneOn: daysAgo(3) });
    const key = newKey();
    const res = await drop(target.id, { reason: '企业已停产，暂不具备建会条件' }, key);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DriveTarget>()).toMatchObject({ state: 'dropped', nextStep: null, dropped: { by: expect.any(String), reason: '企业已停产，暂不具备建会条件' } });
    const replay = await drop(target.id, { reason: '企业已停产，暂不具备建会条件' }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(res.body);
    expect((await drop(target.id, { reason: '另一个原因' }, key)).json().error).toBe('idempotency_key_reused');
    const again = await drop(target.id, { reason: '再移出一次' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('drive_target_dropped');

    const detail = (await t.request('GET', `/api/drives/${d.id}`, { as: taishan })).json<DriveDetail>();
    expect(detail.targetList.map((x) => x.id)).toEqual([other.target.id]);
    expect(detail.targets).toBe(1);
    expect(detail.figures.targetsByState).toEqual({ open: 1, founded: 0, linked: 0, dropped: 1 });
    expect(detail.figures.stepsDone).toBe(0);
    const list = (await t.request('GET', '/api/drives?pageSize=200', { as: taishan })).json<{ items: { id: number; targets: number }[] }>();
    expect(list.items.find((x) => x.id === d.id)!.targets).toBe(1);

    const row = await rowOf(target.id);
    expect(row).toMatchObject({ state: 'dropped', reason: '企业已停产，暂不具备建会条件' });
    expect(row.by).toBeGreaterThan(0);
    const [steps] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive_step WHERE target_id = $1`, [target.id]);
    expect(steps!.n).toBe(1);
    const audits = await t.db.query<{ detail: { reason: string; driveId: number } }>(
      `SELECT detail FROM audit_log WHERE action = 'drive.target_drop' AND target_id = $1`, [String(target.id)]);
    expect(audits.map((a) => a.detail)).toEqual([{ driveId: d.id, reason: '企业已停产，暂不具备建会条件' }]);
    // a dropped target takes no more steps
    expect((await step(target.id, { step: 'preparatory', doneOn: daysAgo(1) })).json().error).toBe('drive_step_out_of_order');
  });

  it('a dropped employer added again reopens its row: listed and counted once more, its steps kept, the drop still in the audit log', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    await step(target.id, { step: 'contact', doneOn: daysAgo(3) });
    expect((await drop(target.id, { reason: '误操作移出' })).statusCode).toBe(200);
    const again = await t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body: { enterpriseId: e.id } });
    expect(again.statusCode, again.body).toBe(201);
    const back = again.json<DriveDetail>().targetList.find((x) => x.id === target.id)!;
    expect(back).toMatchObject({ state: 'open', dropped: null, nextStep: 'preparatory' });
    expect(again.json<DriveDetail>().figures.targetsByState).toMatchObject({ open: 1, dropped: 0 });
    expect((await rowOf(target.id)).reason).toBeNull();
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive_target WHERE drive_id = $1`, [d.id]);
    expect(n!.n).toBe(1);
    const [dropAudit] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'drive.target_drop' AND target_id = $1`, [String(target.id)]);
    expect(dropAudit!.n).toBe(1);
    // an open target added again is still refused
    const twice = await t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body: { enterpriseId: e.id } });
    expect(twice.json().error).toBe('drive_target_exists');
  });

  it('refuses a founded target with a clear code, a reason not in Chinese or too short, no key, a viewer and another county; nothing written', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    await step(target.id, { step: 'contact', doneOn: daysAgo(3) });
    await step(target.id, { step: 'preparatory', doneOn: daysAgo(2) });
    await step(target.id, { step: 'meeting', doneOn: daysAgo(1), unionName: `${e.name}工会` });
    const founded = await drop(target.id, { reason: '不需要了' });
    expect(founded.statusCode).toBe(409);
    expect(founded.json()).toEqual({ error: 'drive_target_founded', message: expect.stringMatching(/已建会.*不能移出.*一企一档/), statusCode: 409 });
    expect((await rowOf(target.id)).state).toBe('founded');

    const open = (await employerTarget(d.id)).target;
    for (const body of [{ reason: 'closed down' }, { reason: '停' }, { reason: '' }, {}, { reason: '停产了', extra: 1 }]) {
      const res = await drop(open.id, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error).toBe('validation_failed');
    }
    const noKey = await t.request('POST', `/api/drive-targets/${open.id}/drop`, { as: taishan, body: { reason: '企业已搬迁' } });
    expect(noKey.json().error).toBe('idempotency_key_required');
    const viewer = await t.login((await t.make.staff({ org: taishanId, username: 'drive_viewer', roles: ['viewer'] })).username);
    expect((await drop(open.id, { reason: '企业已搬迁' }, newKey(), viewer)).statusCode).toBe(403);
    const yj = await t.login('yangjiang');
    expect((await drop(open.id, { reason: '企业已搬迁' }, newKey(), yj)).statusCode).toBe(404);
    expect((await rowOf(open.id))).toMatchObject({ state: 'open', reason: null, by: null, at: null });
    const [n] = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'drive.target_drop' AND target_id = $1`, [String(open.id)]);
    expect(n!.n).toBe(0);
  });
});

describe('linking an existing union (关联已有工会)', () => {
  const link = (targetId: number, body: unknown, key = newKey()) =>
    t.request('POST', `/api/drive-targets/${targetId}/link-union`, { as: taishan, body, headers: { 'idempotency-key': key } });

  it('links the employer to a grassroots union of its town through the file; the target counts as linked, apart from the unions founded', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    const union = await t.make.org({ parent: town.id, level: 'grassroots', kind: 'enterprise', name: `${e.name}工会委员会（平台外成立）` });
    const before = (await t.request('GET', `/api/drives/${d.id}`, { as: taishan })).json<DriveDetail>();
    const key = newKey();
    const res = await link(target.id, { orgId: union.id, linkedOn: daysAgo(2) }, key);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<DriveTarget>()).toMatchObject({ state: 'linked', foundedOrg: { id: union.id }, linkedOn: daysAgo(2), nextStep: null });
    const replay = await link(target.id, { orgId: union.id, linkedOn: daysAgo(2) }, key);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(replay.body).toBe(res.body);

    const [ent] = await t.db.query<{ unionOrgId: number; coverage: string }>(`SELECT union_org_id::int AS "unionOrgId", union_coverage AS coverage FROM enterprise WHERE id = $1`, [e.id]);
    expect(ent).toEqual({ unionOrgId: union.id, coverage: 'own' });
    const facts = await t.db.query<{ kind: string; source: string }>(`SELECT kind, source FROM enterprise_fact WHERE enterprise_id = $1 AND kind = 'union'`, [e.id]);
    expect(facts).toEqual([{ kind: 'union', source: 'drive' }]);
    const audits = await t.db.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE (action = 'drive.target_link' AND target_id = $1) OR (action = 'enterprise.fact' AND target_type = 'enterprise' AND target_id = $2) ORDER BY id`,
      [String(target.id), String(e.id)]);
    expect(audits.map((a) => a.action)).toEqual(['enterprise.fact', 'drive.target_link']);

    await t.make.member({ org: union.id, joinedOn: today });
    const after = (await t.request('GET', `/api/drives/${d.id}`, { as: taishan })).json<DriveDetail>();
    expect(after.figures.unionsLinked).toBe(1);
    expect(after.figures.unionsFounded).toBe(before.figures.unionsFounded);
    expect(after.goals.find((g) => g.key === 'unions')!.value).toBe(0);
    expect(after.figures.membersInFounded).toBe(before.figures.membersInFounded);
    // a linked target is not dropped either: its union is in the file
    const dropped = await t.request('POST', `/api/drive-targets/${target.id}/drop`, { as: taishan, body: { reason: '重复对象' }, headers: { 'idempotency-key': newKey() } });
    expect(dropped.json().error).toBe('drive_target_founded');
    expect((await link(target.id, { orgId: union.id, linkedOn: daysAgo(1) })).json().error).toBe('drive_target_not_open');
  });

  it('refuses a union of another town, a town itself, a future date and a platform cluster; nothing written', async () => {
    const d = await newDrive();
    const { e, target } = await employerTarget(d.id);
    const [tw2] = await t.db.query<{ id: number }>(`SELECT id::int AS id FROM org WHERE parent_id = $1 AND level = 'town' ORDER BY id OFFSET 1 LIMIT 1`, [taishanId]);
    const elsewhere = await t.make.org({ parent: tw2!.id, level: 'grassroots', kind: 'enterprise', name: '台山市别镇测试工会' });
    const mine = await t.make.org({ parent: town.id, level: 'grassroots', kind: 'enterprise', name: '台山市本镇测试工会' });
    const yjUnion = (await t.db.query<{ id: number }>(`SELECT o.id::int AS id FROM org o WHERE o.level = 'grassroots' AND o.path <@ (SELECT path FROM org WHERE id = $1) LIMIT 1`, [await t.demoOrg('yangjiang')]))[0]!;
    const facts = async () => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_fact WHERE enterprise_id = $1 AND kind = 'union'`, [e.id]))[0]!.n;
    for (const orgId of [elsewhere.id, town.id, yjUnion.id]) {
      const res = await link(target.id, { orgId, linkedOn: daysAgo(1) });
      expect(res.statusCode, String(orgId)).toBe(400);
      expect(res.json().error).toBe('union_link_invalid');
    }
    expect((await link(target.id, { orgId: mine.id, linkedOn: daysAgo(-3) })).json().error).toBe('fact_date_invalid');
    expect(await facts()).toBe(0);
    const [row] = await t.db.query<{ state: string }>(`SELECT state FROM drive_target WHERE id = $1`, [target.id]);
    expect(row!.state).toBe('open');
    const gig = await t.request('POST', `/api/drives/${d.id}/targets`, { as: taishan, body: { townId: town.id, platform: '美团' } });
    const cluster = gig.json<DriveDetail>().targetList.find((x) => x.kind === 'gig')!;
    expect((await link(cluster.id, { orgId: mine.id, linkedOn: daysAgo(1) })).json().error).toBe('validation_failed');
  });
});
