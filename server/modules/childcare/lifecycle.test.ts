// A programme's life after the window (lifecycle.ts): the sweep allocates at the close once, however
// many nodes run it at the same moment (the system named as the actor); when the last session is over
// the waiting list becomes 未中签 and each family is told once; 180 days (Beijing dates) after the last
// day every personal column of the children is cleared (asserted on the raw rows), reveals are refused
// with the day, the lists say 信息已删除, and the figures do not move. An admin of the running union may
// delete earlier, once the programme has ended, with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { newMemberSessions, type MemberLogin } from '../../../tests/helpers/workers.ts';
import { closeWindow, createProgramme, enrol, enrolBody, programmeBody } from '../../../tests/helpers/childcare.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import { makeScope } from '../../http/scope.ts';
import { beijingMidnight } from '../../lib/beijing-time.ts';
import { shiftDay } from '../../lib/working-days.ts';
import { childcareFigures, sweepChildcare } from './childcare.service.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let viewer: Session;
let huazhouId: number;
let parents: MemberLogin[];

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('huazhou-view')]);
  huazhouId = await t.demoOrg('huazhou');
  parents = await newMemberSessions(t, admin, 4, { org: huazhouId });
});
afterAll(async () => t.close());

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params))[0]!.n;
const statuses = async (programmeId: number) =>
  (await t.db.query<{ status: string }>(`SELECT status FROM childcare_enrolment WHERE programme_id = $1 ORDER BY id`, [programmeId])).map((r) => r.status);

/** A programme of 化州 with capacity 2 and four children enrolled, its window closed. */
async function oversubscribed(title: string): Promise<{ id: number; sessions: { id: number }[]; enrolments: number[] }> {
  const p = await createProgramme(t, huazhou, programmeBody(huazhouId, { title, capacity: 2 }));
  const ids: number[] = [];
  for (const [i, parent] of parents.entries()) {
    const res = await enrol(t, parent, p.id, enrolBody({ childName: `${title.slice(0, 2)}儿童${'甲乙丙丁'[i]}` }));
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  await closeWindow(t, p.id);
  return { ...p, enrolments: ids };
}

/** Moves every session of the programme 60 days back: its last session is over. */
async function endProgramme(programmeId: number): Promise<void> {
  await t.db.query(`UPDATE childcare_session SET starts_at = starts_at - interval '60 days', ends_at = ends_at - interval '60 days' WHERE programme_id = $1`, [programmeId]);
}

async function lastSessionDay(programmeId: number): Promise<string> {
  const [r] = await t.db.query<{ at: Date }>(`SELECT max(starts_at) AS at FROM childcare_session WHERE programme_id = $1`, [programmeId]);
  return new Date(new Date(r!.at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

describe('allocation at the close', () => {
  it('the sweep allocates once even when two nodes run it at the same moment; the system is the actor; staff then get already_allocated', async () => {
    const p = await oversubscribed('自动录取托管');
    const sibling = await t.startSibling();
    const at = new Date();
    const [a, b] = await Promise.all([sweepChildcare(t.app.deps, at), sweepChildcare(sibling.deps as Deps, at)]);
    expect(a.allocated + b.allocated).toBe(1);
    expect((await statuses(p.id)).sort()).toEqual(['enrolled', 'enrolled', 'waitlisted', 'waitlisted']);
    const audits = await t.db.query<{ actor: string; detail: { drawn: boolean; enrolled: number } }>(
      `SELECT actor_kind AS actor, detail FROM audit_log WHERE action = 'childcare.programme_allocate' AND target_id = $1`,
      [String(p.id)],
    );
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actor: 'system', detail: { drawn: true, enrolled: 2 } });
    // each family told once
    const told = await count(`outbox WHERE kind = 'childcare_allocation' AND body LIKE $1`, [`%自动录取托管%`]);
    expect(told).toBe(4);
    // a later pass and the staff button find nothing to do
    expect((await sweepChildcare(t.app.deps, new Date())).allocated).toBe(0);
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/allocate`, { as: huazhou })).json().error).toBe('childcare_already_allocated');
    await sibling.close();
  });

  it('leaves a programme whose window is still open, and one already allocated by staff', async () => {
    const open = await createProgramme(t, huazhou, programmeBody(huazhouId, { title: '报名中的托管' }));
    const byStaff = await oversubscribed('人工录取托管');
    const res = await t.request('POST', `/api/childcare/programmes/${byStaff.id}/allocate`, { as: huazhou });
    expect(res.statusCode, res.body).toBe(200);
    await sweepChildcare(t.app.deps, new Date());
    expect(await count(`childcare_programme WHERE id = $1 AND allocated_at IS NULL`, [open.id])).toBe(1);
    const audits = await t.db.query<{ actor: string }>(`SELECT actor_kind AS actor FROM audit_log WHERE action = 'childcare.programme_allocate' AND target_id = $1`, [String(byStaff.id)]);
    expect(audits).toEqual([{ actor: 'staff' }]);
  });
});

describe('未中签 at the end', () => {
  it('when the last session is over, the still-waitlisted children become not_drawn and each family is told once', async () => {
    const p = await oversubscribed('候补结束托管');
    await sweepChildcare(t.app.deps, new Date());
    const waiting = (await t.db.query<{ id: number; member: number }>(
      `SELECT id::int AS id, member_id::int AS member FROM childcare_enrolment WHERE programme_id = $1 AND status = 'waitlisted'`,
      [p.id],
    ));
    expect(waiting).toHaveLength(2);
    // not before the end
    expect((await sweepChildcare(t.app.deps, new Date())).waitlistsDropped).toBe(0);
    expect(await count(`childcare_enrolment WHERE programme_id = $1 AND status = 'not_drawn'`, [p.id])).toBe(0);

    await endProgramme(p.id);
    const first = await sweepChildcare(t.app.deps, new Date());
    expect(first.waitlistsDropped).toBeGreaterThanOrEqual(1);
    expect((await statuses(p.id)).sort()).toEqual(['enrolled', 'enrolled', 'not_drawn', 'not_drawn']);
    const notice = `outbox WHERE kind = 'childcare_allocation' AND body LIKE '%候补结束托管%已结束%未中签%'`;
    expect(await count(notice)).toBe(2);
    await sweepChildcare(t.app.deps, new Date());
    expect(await count(notice)).toBe(2);
    expect(await count(`audit_log WHERE action = 'childcare.waitlist_drop' AND target_id = $1 AND actor_kind = 'system'`, [String(p.id)])).toBe(1);

    const parent = parents.find((m) => m.memberId === waiting[0]!.member)!;
    const mine = await t.request('GET', '/api/me/childcare/enrolments', { as: parent });
    expect(mine.json().items).toContainEqual(expect.objectContaining({ id: waiting[0]!.id, status: 'not_drawn', waitlistNo: expect.any(Number) }));
    // a not_drawn enrolment cannot be cancelled any more
    expect((await t.request('POST', `/api/me/childcare/enrolments/${waiting[0]!.id}/cancel`, { as: parent })).json().error).toBe('childcare_cannot_cancel');
    const detail = await t.request('GET', `/api/childcare/programmes/${p.id}`, { as: huazhou });
    expect(detail.json().counts).toMatchObject({ enrolled: 2, waitlisted: 0, notDrawn: 2 });
  });
});

describe('deleting the children’s data', () => {
  let p: { id: number; sessions: { id: number }[]; enrolments: number[] };
  let sessionId: number;
  let enrolledIds: number[];

  beforeAll(async () => {
    p = await oversubscribed('删除信息托管');
    await sweepChildcare(t.app.deps, new Date());
    await endProgramme(p.id);
    sessionId = p.sessions[0]!.id;
    enrolledIds = (await t.db.query<{ id: number }>(`SELECT id::int AS id FROM childcare_enrolment WHERE programme_id = $1 AND status = 'enrolled' ORDER BY id`, [p.id])).map((r) => r.id);
    const marks = await t.request('PUT', `/api/childcare/sessions/${sessionId}/attendance`, { as: huazhou, body: { marks: enrolledIds.map((id) => ({ enrolmentId: id, present: true })) } });
    expect(marks.statusCode, marks.body).toBe(200);
    const at = new Date(Date.now() - 60_000).toISOString();
    const listed = await t.request('POST', `/api/childcare/sessions/${sessionId}/pickups`, { as: huazhou, body: { enrolmentId: enrolledIds[0], adultIndex: 0, at } });
    expect(listed.statusCode, listed.body).toBe(200);
    const other = await t.request('POST', `/api/childcare/sessions/${sessionId}/pickups`, { as: huazhou, body: { enrolmentId: enrolledIds[1], otherName: '赵叔叔', note: '已电话联系监护人确认', at } });
    expect(other.statusCode, other.body).toBe(200);
  });

  const figures = async () => {
    const [{ path }] = (await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [huazhouId])) as [{ path: string }];
    const ctx = { ...t.app.deps, actor: { kind: 'staff', staffId: 1, roles: ['admin'] }, scope: makeScope(huazhouId, path) } as unknown as StaffContext;
    return childcareFigures(ctx, { from: new Date(Date.now() - 120 * 86_400_000), to: new Date(Date.now() + 120 * 86_400_000) });
  };

  it('an admin of the running union only, with a reason, once the programme has ended', async () => {
    const running = await createProgramme(t, huazhou, programmeBody(huazhouId, { title: '未结束的托管' }));
    const notEnded = await t.request('POST', `/api/childcare/programmes/${running.id}/purge`, { as: huazhou, body: { reason: '家长要求删除' } });
    expect(notEnded.statusCode).toBe(409);
    expect(notEnded.json()).toMatchObject({ error: 'childcare_not_ended', message: expect.stringContaining('尚未结束') });
    const above = await t.request('POST', `/api/childcare/programmes/${p.id}/purge`, { as: admin, body: { reason: '上级工会删除' } });
    expect(above.statusCode).toBe(403);
    expect(above.json().error).toBe('childcare_purge_own_union_only');
    expect((await t.request('POST', `/api/childcare/programmes/${p.id}/purge`, { as: viewer, body: { reason: '只读账号删除' } })).statusCode).toBe(403);
    // bad input changes nothing
    for (const body of [{}, { reason: '短' }, { reason: '原因\n第二行' }, { reason: '正当原因说明', extra: 1 }]) {
      const res = await t.request('POST', `/api/childcare/programmes/${p.id}/purge`, { as: huazhou, body });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await count(`childcare_enrolment WHERE programme_id = $1 AND purged_at IS NOT NULL`, [p.id])).toBe(0);
    expect(await count(`audit_log WHERE action = 'childcare.purge'`)).toBe(0);
  });

  it('the sweep deletes 180 days (Beijing dates) after the last day: every personal column cleared, reveals refused, lists say 信息已删除, figures unchanged', async () => {
    const before = await figures();
    const revealBefore = await t.request('POST', `/api/childcare/enrolments/${enrolledIds[0]}/reveal`, { as: huazhou, body: { reason: '核对过敏情况' } });
    expect(revealBefore.statusCode, revealBefore.body).toBe(200);

    const last = await lastSessionDay(p.id);
    // the 179th day after, at 23:59 Beijing: kept
    const dayBefore = new Date(beijingMidnight(shiftDay(last, 180)).getTime() - 60_000);
    await sweepChildcare(t.app.deps, dayBefore);
    expect(await count(`childcare_enrolment WHERE programme_id = $1 AND purged_at IS NOT NULL`, [p.id])).toBe(0);
    // the 180th day, at 00:00 Beijing: deleted
    const due = beijingMidnight(shiftDay(last, 180));
    const out = await sweepChildcare(t.app.deps, due);
    expect(out.purged).toBeGreaterThanOrEqual(1);

    const rows = await t.db.query<Record<string, unknown>>(
      `SELECT status, details_enc, child_hash, child_name_masked, guardian_phone_masked, request_hash, purged_at, consent_version, worker_id
         FROM childcare_enrolment WHERE programme_id = $1`,
      [p.id],
    );
    expect(rows).toHaveLength(4);
    for (const r of rows) {
      expect(r).toMatchObject({ details_enc: null, child_hash: null, child_name_masked: null, guardian_phone_masked: null, request_hash: null });
      expect(new Date(r.purged_at as string).getTime()).toBe(due.getTime());
      expect(r.consent_version).toBeTruthy();
    }
    expect(rows.map((r) => r.status).sort()).toEqual(['enrolled', 'enrolled', 'not_drawn', 'not_drawn']);
    const marks = await t.db.query<Record<string, unknown>>(
      `SELECT present, pickup_name_enc, pickup_name_masked, pickup_authorised, pickup_note, picked_up_at, pickup_by FROM childcare_attendance WHERE session_id = $1`,
      [sessionId],
    );
    expect(marks).toHaveLength(2);
    for (const m of marks) expect(m).toEqual({ present: true, pickup_name_enc: null, pickup_name_masked: null, pickup_authorised: null, pickup_note: null, picked_up_at: null, pickup_by: null });
    const purgeAudits = await t.db.query<{ actor: string; detail: { children: number } }>(
      `SELECT actor_kind AS actor, detail FROM audit_log WHERE action = 'childcare.purge' AND target_id = $1`,
      [String(p.id)],
    );
    expect(purgeAudits).toEqual([{ actor: 'system', detail: { children: 4, retentionDays: 180 } }]);

    const reveal = await t.request('POST', `/api/childcare/enrolments/${enrolledIds[0]}/reveal`, { as: huazhou, body: { reason: '核对过敏情况' } });
    expect(reveal.statusCode).toBe(409);
    expect(reveal.json()).toMatchObject({ error: 'childcare_purged', message: `该儿童信息已按约定于 ${shiftDay(last, 180)} 删除` });

    const list = await t.request('GET', `/api/childcare/programmes/${p.id}/enrolments`, { as: huazhou });
    expect(list.json().items.map((e: { childNameMasked: string }) => e.childNameMasked)).toEqual(['信息已删除', '信息已删除', '信息已删除', '信息已删除']);
    const roster = await t.request('GET', `/api/childcare/sessions/${sessionId}`, { as: huazhou });
    expect(roster.statusCode, roster.body).toBe(200);
    expect(roster.json().children).toEqual(
      expect.arrayContaining([expect.objectContaining({ childNameMasked: '信息已删除', present: true, pickupNameMasked: null, authorisedAdults: [] })]),
    );
    const xlsx = await t.request('GET', `/api/childcare/sessions/${sessionId}/roster.xlsx`, { as: huazhou });
    expect(xlsx.statusCode).toBe(200);
    const mine = await t.request('GET', '/api/me/childcare/enrolments', { as: parents[0] });
    const purgedMine = mine.json().items.find((e: { programme: { id: number } }) => e.programme.id === p.id);
    expect(purgedMine).toMatchObject({ childNameMasked: '儿童信息已按约定删除', birthYear: null, purgedAt: due.toISOString() });

    expect(await figures()).toEqual(before);
    // once: a later pass and the staff button find it done
    await sweepChildcare(t.app.deps, new Date(due.getTime() + 86_400_000));
    expect(await count(`audit_log WHERE action = 'childcare.purge' AND target_id = $1`, [String(p.id)])).toBe(1);
    const again = await t.request('POST', `/api/childcare/programmes/${p.id}/purge`, { as: huazhou, body: { reason: '再次删除儿童信息' } });
    expect(again.json()).toMatchObject({ error: 'childcare_purged', message: expect.stringContaining('该项目的儿童信息已按约定于') });
  });

  it('立即删除儿童信息: an admin of the running union deletes an ended programme’s data now, audited with the reason', async () => {
    const q = await oversubscribed('提前删除托管');
    await sweepChildcare(t.app.deps, new Date());
    await endProgramme(q.id);
    const res = await t.request('POST', `/api/childcare/programmes/${q.id}/purge`, { as: huazhou, body: { reason: '家长委员会决定提前删除' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().purgedAt).toEqual(expect.any(String));
    expect(res.json().counts).toMatchObject({ enrolled: 2, notDrawn: 2 });
    expect(await count(`childcare_enrolment WHERE programme_id = $1 AND details_enc IS NULL AND child_name_masked IS NULL AND purged_at IS NOT NULL`, [q.id])).toBe(4);
    // the waiting list was dropped first, so those families were told
    expect(await count(`outbox WHERE body LIKE '%提前删除托管%已结束%未中签%'`)).toBe(2);
    const audits = await t.db.query<{ actor: string; detail: { children: number; reason: string } }>(
      `SELECT actor_kind AS actor, detail FROM audit_log WHERE action = 'childcare.purge' AND target_id = $1`,
      [String(q.id)],
    );
    expect(audits).toEqual([{ actor: 'staff', detail: { children: 4, reason: '家长委员会决定提前删除' } }]);
  });
});
