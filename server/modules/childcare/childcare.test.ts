// Childcare over HTTP: a programme created once per key with its weekly sessions, published; a member
// of the running union's subtree enrols a child with the guardian's consent (without it nothing is
// stored), within the age range and the window, once per child; the places allocated after the window
// closes (all when they fit, else the reproducible draw with the committed seed), the waiting list
// promoted on a cancellation; members of another subtree never see the programme.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { birthYearFor, closeWindow, createProgramme, enrol, enrolBody, programmeBody } from '../../../tests/helpers/childcare.ts';
import { drawWinners } from '../activities/activities.service.ts';
import { sessionsOfSchedule } from './childcare.service.ts';

let t: TestApp;
let admin: Session;
let shiwan: Session;
let yangjiang: Session;
let viewer: Session;
let shiwanId: number;
let yangjiangId: number;
let parents: MemberLogin[];
let outsider: MemberLogin;

beforeAll(async () => {
  t = await startTestApp();
  [admin, shiwan, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('shiwan'), t.login('yangjiang'), t.login('huazhou-view')]);
  [shiwanId, yangjiangId] = await Promise.all([t.demoOrg('shiwan'), t.demoOrg('yangjiang')]);
  const community = await t.demoOrg('shiwanCommunity');
  parents = await newMemberSessions(t, admin, 5, { org: community });
  outsider = (await newMemberSessions(t, admin, 1, { org: yangjiangId }))[0]!;
});
afterAll(async () => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;

describe('programmes', () => {
  it('generates the weekly sessions in Beijing time, less the skipped days', () => {
    const s = sessionsOfSchedule({ firstDay: '2026-09-05', lastDay: '2027-01-30', weekdays: [6], from: '09:00', to: '11:30', skipDays: ['2026-10-03'] });
    expect(s).toHaveLength(21);
    expect(s[0]!.startsAt.toISOString()).toBe('2026-09-05T01:00:00.000Z');
    expect(s[0]!.endsAt.toISOString()).toBe('2026-09-05T03:30:00.000Z');
    expect(s.map((x) => x.startsAt.toISOString())).not.toContain('2026-10-03T01:00:00.000Z');
    expect(s.every((x) => x.startsAt.getUTCDay() === 6)).toBe(true);
  });

  it('creates a draft once per Idempotency-Key, audited; publishing shows the seed commitment', async () => {
    const body = programmeBody(shiwanId);
    const key = randomUUID();
    const first = await t.request('POST', '/api/childcare/programmes', { as: shiwan, body, headers: { 'idempotency-key': key } });
    expect(first.statusCode, first.body).toBe(201);
    const again = await t.request('POST', '/api/childcare/programmes', { as: shiwan, body, headers: { 'idempotency-key': key } });
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const p = first.json<{ id: number; status: string; sessionCount: number; sessions: unknown[]; seedCommitment: string }>();
    expect(p).toMatchObject({ status: 'draft', sessionCount: 5 });
    expect(p.sessions).toHaveLength(5);
    expect(p.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(await count(`audit_log WHERE action = 'childcare.programme_create' AND target_id = $1`, [p.id])).toBe(1);
    // a draft is not shown to members
    expect((await t.request('GET', `/api/me/childcare/programmes/${p.id}`, { as: parents[0] })).statusCode).toBe(404);
    const pub = await t.request('POST', `/api/childcare/programmes/${p.id}/publish`, { as: shiwan });
    expect(pub.json()).toMatchObject({ status: 'published' });
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/publish`, { as: shiwan })).json().error).toBe('childcare_not_draft');
    // once published, the sessions and age range stay as published
    const edit = await t.request('PATCH', `/api/childcare/programmes/${p.id}`, { as: shiwan, body: { ageMax: 12 } });
    expect(edit.json().error).toBe('childcare_not_editable');
    const ok = await t.request('PATCH', `/api/childcare/programmes/${p.id}`, { as: shiwan, body: { capacity: 40, title: '周六课业辅导（秋季）' } });
    expect(ok.json()).toMatchObject({ capacity: 40, title: '周六课业辅导（秋季）' });
  });

  it('refuses bad programmes with a clear code and writes nothing', async () => {
    const before = await count('childcare_programme');
    const bad = async (over: Record<string, unknown>) =>
      (await t.request('POST', '/api/childcare/programmes', { as: shiwan, body: programmeBody(shiwanId, over), headers: { 'idempotency-key': randomUUID() } })).json().error;
    expect(await bad({ ageMin: 11, ageMax: 7 })).toBe('childcare_age_range_invalid');
    expect(await bad({ signupClosesAt: new Date(Date.now() - 7_200_000).toISOString() })).toBe('childcare_window_invalid');
    expect(await bad({ schedule: { firstDay: '2027-01-10', lastDay: '2027-01-01', weekdays: [6], from: '09:00', to: '11:00' } })).toBe('childcare_schedule_invalid');
    expect(await bad({ schedule: { firstDay: '2027-01-04', lastDay: '2027-01-08', weekdays: [6], from: '09:00', to: '11:00' } })).toBe('childcare_schedule_invalid');
    expect(await bad({ schedule: { firstDay: '2027-01-09', lastDay: '2027-01-30', weekdays: [6], from: '11:00', to: '09:00' } })).toBe('childcare_schedule_invalid');
    const yjPlace = await t.make.place({ org: yangjiangId, kind: 'workersHome', name: '阳江职工之家' });
    expect(await bad({ placeId: yjPlace.id })).toBe('childcare_place_outside');
    expect(await bad({ orgId: yangjiangId })).toBe('not_found');
    const asViewer = await t.request('POST', '/api/childcare/programmes', { as: viewer, body: programmeBody(shiwanId), headers: { 'idempotency-key': randomUUID() } });
    expect(asViewer.statusCode).toBe(403);
    expect(await count('childcare_programme')).toBe(before);
  });
});

describe('enrolment', () => {
  let programmeId: number;
  beforeAll(async () => {
    programmeId = (await createProgramme(t, shiwan, programmeBody(shiwanId, { title: '寒假托管（报名测试）' }))).id;
  });

  it('lists the programme to members of the subtree, not to another subtree', async () => {
    const mine = await t.request('GET', '/api/me/childcare/programmes', { as: parents[0] });
    expect(mine.json<{ items: { id: number; signupOpen: boolean }[] }>().items).toContainEqual(expect.objectContaining({ id: programmeId, signupOpen: true }));
    const theirs = await t.request('GET', '/api/me/childcare/programmes', { as: outsider });
    expect(theirs.json<{ items: { id: number }[] }>().items.map((p) => p.id)).not.toContain(programmeId);
    expect((await t.request('GET', `/api/me/childcare/programmes/${programmeId}`, { as: outsider })).statusCode).toBe(404);
    expect((await enrol(t, outsider, programmeId, enrolBody())).statusCode).toBe(404);
    const detail = await t.request('GET', `/api/me/childcare/programmes/${programmeId}`, { as: parents[0] });
    expect(detail.json()).toMatchObject({ consentText: expect.stringContaining('保存期限'), guardianDefault: { name: parents[0]!.name } });
  });

  it('without the guardian’s consent stores nothing', async () => {
    const before = await count('childcare_enrolment');
    const res = await enrol(t, parents[0]!, programmeId, enrolBody({ consent: false }));
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'childcare_consent_required' });
    expect(await count('childcare_enrolment')).toBe(before);
  });

  it('refuses a child outside the age range, with the range in the message', async () => {
    const res = await enrol(t, parents[0]!, programmeId, enrolBody({ birthYear: birthYearFor(12) }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('childcare_age_out_of_range');
    expect(res.json().message).toContain('7–10 岁');
    expect((await enrol(t, parents[0]!, programmeId, enrolBody({ birthYear: birthYearFor(6) }))).json().error).toBe('childcare_age_out_of_range');
  });

  it('enrols a child (pending the allocation), once per key and once per child; the data sealed at rest', async () => {
    const key = randomUUID();
    const body = enrolBody({ childName: '陈思远' });
    const res = await enrol(t, parents[0]!, programmeId, body, key);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'pending', childNameMasked: '陈*远', birthYear: birthYearFor(8) });
    const replay = await enrol(t, parents[0]!, programmeId, body, key);
    expect(replay.body).toBe(res.body);
    const dup = await enrol(t, parents[0]!, programmeId, body);
    expect(dup.json().error).toBe('childcare_child_already_enrolled');
    const [row] = await t.db.query<{ details: Buffer; masked: string; consent: string }>(
      `SELECT details_enc AS details, child_name_masked AS masked, consent_version AS consent FROM childcare_enrolment WHERE id = $1`,
      [res.json().id],
    );
    expect(Buffer.from(row!.details).includes(Buffer.from('陈思远'))).toBe(false);
    expect(Buffer.from(row!.details).includes(Buffer.from('花生'))).toBe(false);
    expect(JSON.parse(t.pii.decrypt(row!.details))).toMatchObject({ childName: '陈思远', allergies: '花生过敏', guardianName: parents[0]!.name });
    const mine = await t.request('GET', '/api/me/childcare/enrolments', { as: parents[0] });
    expect(mine.json().items[0]).toMatchObject({ id: res.json().id, status: 'pending', programme: { id: programmeId } });
  });

  it('refuses enrolment once the window has closed', async () => {
    const p = await createProgramme(t, shiwan, programmeBody(shiwanId, { title: '已截止的托管' }));
    await closeWindow(t, p.id);
    const res = await enrol(t, parents[1]!, p.id, enrolBody());
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('childcare_window_closed');
  });
});

describe('allocation', () => {
  it('draws when oversubscribed: reproducible from the published seed, winners enrolled, the rest waitlisted, each family told', async () => {
    const p = await createProgramme(t, shiwan, programmeBody(shiwanId, { title: '抽签托管', capacity: 3 }));
    const ids: number[] = [];
    for (const [i, parent] of parents.entries()) {
      const res = await enrol(t, parent, p.id, enrolBody({ childName: `抽签儿童${'甲乙丙丁戊'[i]}` }));
      expect(res.statusCode, res.body).toBe(201);
      ids.push(res.json().id);
    }
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: shiwan })).json().error).toBe('childcare_window_open');
    await closeWindow(t, p.id);
    const res = await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: shiwan });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<{ drawn: boolean; seed: string; enrolled: number; waitlisted: number; programme: { seedCommitment: string; counts: Record<string, number> } }>();
    expect(out).toMatchObject({ drawn: true, enrolled: 3, waitlisted: 2 });
    expect(createHash('sha256').update(Buffer.from(out.seed, 'hex')).digest('hex')).toBe(out.programme.seedCommitment);
    const again = drawWinners(Buffer.from(out.seed, 'hex'), `gonghui-childcare:${p.id}`, new Map(ids.map((id) => [id, 1])), 3);
    const rows = await t.db.query<{ id: number; status: string; waitlistNo: number | null }>(
      `SELECT id::int AS id, status, waitlist_no AS "waitlistNo" FROM childcare_enrolment WHERE programme_id = $1 ORDER BY id`,
      [p.id],
    );
    expect(rows.filter((r) => r.status === 'enrolled').map((r) => r.id).sort()).toEqual([...again.winners].sort());
    expect(again.waitlist.map((id) => rows.find((r) => r.id === id)!.waitlistNo)).toEqual([1, 2]);
    expect(await count(`outbox WHERE kind = 'childcare_allocation'`)).toBeGreaterThanOrEqual(5);
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: shiwan })).json().error).toBe('childcare_already_allocated');

    // an enrolled child cancelled: the first on the waiting list takes the place
    const winner = rows.find((r) => r.id === again.winners[0])!;
    const parent = parents[ids.indexOf(winner.id)]!;
    const cancel = await t.request('POST', `/api/me/childcare/enrolments/${winner.id}/cancel`, { as: parent });
    expect(cancel.json()).toMatchObject({ status: 'cancelled' });
    const promoted = await t.db.query<{ status: string }>(`SELECT status FROM childcare_enrolment WHERE id = $1`, [again.waitlist[0]]);
    expect(promoted[0]!.status).toBe('enrolled');
    expect((await t.request('POST', `/api/me/childcare/enrolments/${winner.id}/cancel`, { as: parent })).json().error).toBe('childcare_cannot_cancel');
    // another guardian's enrolment is not found
    const notOwner = parents.find((x) => x !== parents[ids.indexOf(again.waitlist[1]!)])!;
    expect((await t.request('POST', `/api/me/childcare/enrolments/${again.waitlist[1]}/cancel`, { as: notOwner })).statusCode).toBe(404);
  });

  it('enrols everyone when the children fit in the places, with no draw', async () => {
    const p = await createProgramme(t, shiwan, programmeBody(shiwanId, { title: '名额充足的托管', capacity: 10 }));
    await enrol(t, parents[0]!, p.id, enrolBody({ childName: '名额充足甲' }));
    await enrol(t, parents[1]!, p.id, enrolBody({ childName: '名额充足乙' }));
    await closeWindow(t, p.id);
    const res = await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: shiwan });
    expect(res.json()).toMatchObject({ drawn: false, seed: null, enrolled: 2, waitlisted: 0 });
    const mine = await t.request('GET', '/api/me/childcare/enrolments', { as: parents[1] });
    expect(mine.json().items[0]).toMatchObject({ status: 'enrolled' });
  });

  it('the draw is fair: over many seeds each child wins about capacity/entries of the time', () => {
    const entries = new Map([11, 12, 13, 14, 15].map((id) => [id, 1]));
    const wins = new Map<number, number>();
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const seed = createHash('sha256').update(`fairness-${i}`).digest();
      for (const w of drawWinners(seed, 'gonghui-childcare:1', entries, 2).winners) wins.set(w, (wins.get(w) ?? 0) + 1);
    }
    for (const id of entries.keys()) expect(Math.abs(wins.get(id)! / runs - 0.4)).toBeLessThan(0.05);
    const seed = Buffer.alloc(32, 7);
    expect(drawWinners(seed, 'x', entries, 2)).toEqual(drawWinners(seed, 'x', entries, 2));
  });

  it('only staff of the scope allocate; another subtree gets 404', async () => {
    const p = await createProgramme(t, shiwan, programmeBody(shiwanId, { title: '越权录取测试' }));
    await closeWindow(t, p.id);
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: yangjiang })).statusCode).toBe(404);
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: viewer })).statusCode).toBe(403);
  });
});
