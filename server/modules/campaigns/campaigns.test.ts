// Campaigns end to end: publishing, the workflow grassroots → city → province with deadlines, returns and
// resubmission, the reproducible lottery, the notice (公示) with masked names, objections upheld and
// dismissed, the award when the period ends, staff applying for a member, cancelling, and the budget
// that concurrent notices cannot overspend.
import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memberSessions, type MemberSession } from '../../../tests/helpers/activities.ts';
import {
  apply,
  applyOk,
  campaignBody,
  campaignStaff,
  digestCampaignTables,
  doc,
  endNotice,
  fullDocs,
  inHours,
  newKey,
  PDF,
  PNG,
  publishCampaign,
  review,
  reviewOk,
} from '../../../tests/helpers/campaigns.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { drawWinners } from '../activities/draw.ts';
import { campaignDrawLabel } from './notice.service.ts';

let t: TestApp;
let s: Awaited<ReturnType<typeof campaignStaff>>;
let members: MemberSession[];
let next = 0;
const member = () => members[next++]!;

beforeAll(async () => {
  t = await startTestApp();
  s = await campaignStaff(t);
  members = await memberSessions(t, s.admin, '化州市石湾街道工会联合会', 50);
});
afterAll(async () => t.close());

const levels = () => ({ topId: s.provinceId });

async function outboxFor(m: MemberSession, kind: string): Promise<string[]> {
  const rows = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1 AND kind = $2 ORDER BY id`, [t.pii.hash(m.phone), kind]);
  return rows.map((r) => r.body);
}

async function myApplication(m: MemberSession, id: number) {
  const res = await t.request('GET', '/api/me/campaign-applications?pageSize=200', { as: m });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: number; status: string; lastReason: string | null; steps: { step: string; levelNo: number | null; state: string; deadline: string | null; overdue: boolean; decisions: { decision: string; reason: string | null; by: string | null }[] }[]; documents: { key: string; contentType: string }[]; canResubmit: boolean; appliedByStaff: boolean }[] }>().items.find((a) => a.id === id)!;
}

describe('publishing', () => {
  it('publishes with levels, documents and the budget; audit record; staff of the reach see it', async () => {
    const c = await publishCampaign(t, s.admin, campaignBody(s.provinceId, levels()));
    const detail = (await t.request('GET', `/api/campaigns/${c.id}`, { as: s.admin })).json();
    expect(detail).toMatchObject({
      kind: 'tuition', phase: 'open', budgetUnit: 'yuan', payoutChannel: 'bank', budgetTotal: 2000000, budgetReserved: 0, lottery: false, seedCommitment: null,
      levels: [
        { levelNo: 1, name: '基层工会初审', reviewerOrg: null, deadlineDays: 5 },
        { levelNo: 2, reviewerOrg: null, reviewerTier: 'county' },
        { levelNo: 3, reviewerOrg: { id: s.provinceId, name: '广东省总工会' }, reviewerTier: null },
      ],
      requiredDocuments: [{ key: 'admission_letter', label: '录取通知书' }, { key: 'hardship_proof', label: '困难证明' }],
    });
    expect(detail.counts.in_review).toBe(0);
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'campaign.publish' AND target_id = $1`, [String(c.id)]);
    expect(audit).toHaveLength(1);
    // a province campaign reaches 石湾: its staff see it (to review their members' applications)
    expect((await t.request('GET', `/api/campaigns/${c.id}`, { as: s.shiwan })).statusCode).toBe(200);
    const list = (await t.request('GET', '/api/campaigns?pageSize=200', { as: s.shiwan })).json<{ items: { id: number }[] }>();
    expect(list.items.map((x) => x.id)).toContain(c.id);
  });

  it('refuses levels outside the publisher, a second own-union level, a channel that does not fit, a viewer, an org out of scope', async () => {
    const bad = async (as: typeof s.admin, body: Record<string, unknown>, status: number, code: string) => {
      const res = await t.request('POST', '/api/campaigns', { as, body });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json().error).toBe(code);
    };
    await bad(s.huazhou, campaignBody(s.huazhouId, { topId: s.provinceId }), 400, 'invalid_levels');
    await bad(s.huazhou, campaignBody(s.huazhouId, null, { levels: [{ name: '一', reviewerOrgId: null, deadlineDays: 3 }, { name: '市级', reviewerOrgId: null, reviewerTier: 'city', deadlineDays: 3 }] }), 400, 'invalid_levels');
    await bad(s.huazhou, campaignBody(s.huazhouId, null, { levels: [{ name: '一', reviewerOrgId: s.shiwanId, reviewerTier: 'town', deadlineDays: 3 }] }), 400, 'invalid_levels');
    await bad(s.huazhou, campaignBody(s.huazhouId, null, { levels: [{ name: '一', reviewerOrgId: null, deadlineDays: 3 }, { name: '二', reviewerOrgId: null, deadlineDays: 3 }] }), 400, 'invalid_levels');
    await bad(s.huazhou, campaignBody(s.huazhouId, null, { payoutChannel: 'points' }), 400, 'validation_failed');
    await bad(s.huazhou, campaignBody(s.huazhouId, null, { applyClosesAt: inHours(-2) }), 400, 'validation_failed');
    await bad(s.viewer, campaignBody(s.huazhouId, null), 403, 'forbidden');
    await bad(s.huazhou, campaignBody(s.yangjiangId, null), 404, 'not_found');
  });

  it('edits before the window opens; locked once it opens', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { applyOpensAt: inHours(2) }));
    const ok = await t.request('PATCH', `/api/campaigns/${c.id}`, { as: s.huazhou, body: { quota: 12, title: '2026 年金秋助学（修订）' } });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ quota: 12, title: '2026 年金秋助学（修订）', phase: 'upcoming' });
    const open = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null));
    const locked = await t.request('PATCH', `/api/campaigns/${open.id}`, { as: s.huazhou, body: { quota: 12 } });
    expect(locked.statusCode).toBe(409);
    expect(locked.json().error).toBe('campaign_locked');
  });
});

describe('the workflow grassroots → 化州 → province', () => {
  let campaignId: number;
  let a1: MemberSession;
  let a2: MemberSession;
  let a3: MemberSession;
  let app1: number;
  let app2: number;
  let app3: number;

  beforeAll(async () => {
    campaignId = (await publishCampaign(t, s.admin, campaignBody(s.provinceId, levels()))).id;
    [a1, a2, a3] = [member(), member(), member()];
  });

  it('members see the campaign as open, apply with their documents, and are told', async () => {
    const list = (await t.request('GET', '/api/me/campaigns?pageSize=200', { as: a1 })).json<{ items: { id: number; availability: { state: string; canApply: boolean; message: string } }[] }>();
    expect(list.items.find((c) => c.id === campaignId)!.availability).toEqual({ state: 'open', canApply: true, message: '可申请' });
    app1 = await applyOk(t, a1, campaignId, { statement: '孩子考上大学，家庭困难', documents: fullDocs() });
    app2 = await applyOk(t, a2, campaignId);
    app3 = await applyOk(t, a3, campaignId);
    const mine = await myApplication(a1, app1);
    expect(mine.status).toBe('in_review');
    expect(mine.documents.map((d) => [d.key, d.contentType])).toEqual([['admission_letter', 'image/png'], ['hardship_proof', 'application/pdf']]);
    expect(mine.steps.map((x) => [x.step, x.state])).toEqual([['submitted', 'done'], ['level', 'current'], ['level', 'pending'], ['level', 'pending'], ['notice', 'pending'], ['award', 'pending']]);
    expect(mine.steps[1]!.deadline).not.toBeNull();
    expect(await outboxFor(a1, 'campaign_applied')).toHaveLength(1);
    const after = (await t.request('GET', `/api/campaigns/${campaignId}`, { as: a1 })).json();
    expect(after.availability.state).toBe('applied');
    expect(after.myApplication).toMatchObject({ id: app1, status: 'in_review' });
  });

  it('the queue of each level shows its deadline and flags the overdue', async () => {
    await t.db.query(`UPDATE campaign_application SET level_entered_at = now() - interval '6 days' WHERE id = $1`, [app3]);
    const q = (await t.request('GET', `/api/campaigns/${campaignId}/applications?mine=true&pageSize=200`, { as: s.shiwan })).json<{ items: { id: number; overdue: boolean; deadline: string; canReview: boolean; name: string; levelName: string; reviewerOrgName: string }[] }>();
    const ids = q.items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([app1, app2, app3]));
    const row1 = q.items.find((i) => i.id === app1)!;
    expect(row1).toMatchObject({ overdue: false, canReview: true, levelName: '基层工会初审' });
    expect(row1.name).toContain('*');
    expect(q.items.find((i) => i.id === app3)!.overdue).toBe(true);
    // 化州 reviews level 2: nothing waits for it yet
    const hz = (await t.request('GET', `/api/campaigns/${campaignId}/applications?mine=true&level=2`, { as: s.huazhou })).json<{ total: number }>();
    expect(hz.total).toBe(0);
  });

  it('passes level by level; out of turn and the same person twice are refused', async () => {
    expect(await reviewOk(t, s.shiwan, app1)).toMatchObject({ status: 'in_review', currentLevel: 2 });
    // 石湾 is not the reviewer of level 2
    const outOfTurn = await review(t, s.shiwan, app1, 'approve');
    expect(outOfTurn.statusCode).toBe(403);
    expect(outOfTurn.json().error).toBe('review_not_your_level');
    expect(outOfTurn.json().message).toContain('化州市总工会');
    // a stale screen (level 1 shown) is refused
    const stale = await review(t, s.huazhou, app1, 'approve', undefined, 1);
    expect(stale.json().error).toBe('review_level_changed');
    expect(await reviewOk(t, s.huazhou, app1)).toMatchObject({ status: 'in_review', currentLevel: 3 });
    const cityAtProvince = await review(t, s.huazhou, app1, 'approve');
    expect(cityAtProvince.statusCode).toBe(403);
    expect(cityAtProvince.json().error).toBe('review_not_your_level');
    expect(await reviewOk(t, s.admin, app1)).toMatchObject({ status: 'approved', currentLevel: null });
    // the province admin covers every level, but one person may not approve two levels of one application
    expect(await reviewOk(t, s.shiwan, app2)).toMatchObject({ currentLevel: 2 });
    const app4 = await applyOk(t, member(), campaignId);
    expect(await reviewOk(t, s.admin, app4)).toMatchObject({ currentLevel: 2 });
    const twice = await review(t, s.admin, app4, 'approve');
    expect(twice.statusCode).toBe(403);
    expect(twice.json().error).toBe('review_same_person');
    const mine = await myApplication(a1, app1);
    expect(mine.status).toBe('approved');
    expect(mine.steps.filter((x) => x.step === 'level').map((x) => [x.state, x.decisions[0]!.by])).toEqual([
      ['done', expect.any(String)], ['done', '化州市总工会'], ['done', '广东省总工会'],
    ]);
    expect(await outboxFor(a1, 'campaign_review_approve')).toHaveLength(3);
  });

  it('a return goes back to the member with the reason; the resubmission returns to that level', async () => {
    await reviewOk(t, s.huazhou, app2, 'return', '困难证明不清晰，请重新上传');
    let mine = await myApplication(a2, app2);
    expect(mine).toMatchObject({ status: 'returned', lastReason: '困难证明不清晰，请重新上传', canResubmit: true });
    expect(mine.steps[2]!.decisions.at(-1)).toMatchObject({ decision: 'return', reason: '困难证明不清晰，请重新上传', by: '化州市总工会' });
    expect((await outboxFor(a2, 'campaign_review_return'))[0]).toContain('困难证明不清晰');
    const notReturned = await t.request('POST', `/api/me/campaign-applications/${app1}/resubmit`, { as: a1, body: {} });
    expect(notReturned.json().error).toBe('not_returned');
    const res = await t.request('POST', `/api/me/campaign-applications/${app2}/resubmit`, { as: a2, body: { statement: '已重新开具证明', documents: [doc('hardship_proof', PNG, '新证明.png')] } });
    expect(res.statusCode, res.body).toBe(200);
    mine = res.json();
    expect(mine).toMatchObject({ status: 'in_review', canResubmit: false });
    expect(mine.steps[2]).toMatchObject({ state: 'current' });
    expect(mine.documents.find((d) => d.key === 'hardship_proof')!.contentType).toBe('image/png');
    expect(await reviewOk(t, s.huazhou, app2)).toMatchObject({ currentLevel: 3 });
    await reviewOk(t, s.admin, app2);
  });

  it('a rejection ends the application with the reason', async () => {
    await reviewOk(t, s.shiwan, app3, 'reject', '不符合困难职工认定条件');
    const mine = await myApplication(a3, app3);
    expect(mine).toMatchObject({ status: 'rejected', lastReason: '不符合困难职工认定条件', canResubmit: false });
    expect(mine.steps.filter((x) => x.step === 'level').map((x) => x.state)).toEqual(['failed', 'skipped', 'skipped']);
    const again = await review(t, s.huazhou, app3, 'approve');
    expect(again.json().error).toBe('application_not_in_review');
  });

  it('the notice reserves the budget, shows masked names to members of the reach; objections upheld and dismissed; then awarded', async () => {
    const started = await t.request('POST', `/api/campaigns/${campaignId}/notice`, { as: s.admin });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ applications: 2, reserved: 400000, budgetReserved: 400000, budgetTotal: 2000000 });
    const again = await t.request('POST', `/api/campaigns/${campaignId}/notice`, { as: s.admin });
    expect(again.json().error).toBe('nothing_to_notice');

    const watcher = member();
    const pub = (await t.request('GET', `/api/campaigns/${campaignId}/notice`, { as: watcher })).json<{ items: { applicationId: number; name: string; awardAmount: number; status: string; openObjections: number | null }[] }>();
    expect(pub.items.map((i) => i.applicationId).sort()).toEqual([app1, app2].sort());
    for (const i of pub.items) {
      expect(i.name).toContain('*');
      expect(i).toMatchObject({ awardAmount: 200000, status: 'in_notice', openObjections: null });
    }
    expect(pub.items.some((i) => i.name === a1.name)).toBe(false);

    const o1 = await t.request('POST', `/api/campaign-applications/${app1}/objections`, { as: watcher, body: { reason: '申请人家庭并不困难，有两套房产' } });
    expect(o1.statusCode, o1.body).toBe(201);
    const o2 = await t.request('POST', `/api/campaign-applications/${app2}/objections`, { as: watcher, body: { reason: '怀疑录取通知书有误' } });
    expect(o2.statusCode).toBe(201);
    const dup = await t.request('POST', `/api/campaign-applications/${app2}/objections`, { as: watcher, body: { reason: '再提一次异议看看' } });
    expect(dup.json().error).toBe('objection_already_lodged');

    const listed = (await t.request('GET', `/api/campaigns/${campaignId}/objections`, { as: s.admin })).json<{ total: number; items: { lodgedBy: string }[] }>();
    expect(listed.total).toBe(2);
    expect(listed.items[0]!.lodgedBy).toContain('*');
    // 化州 does not run a province campaign's objections
    expect((await t.request('POST', `/api/campaign-objections/${o1.json().id}/resolve`, { as: s.huazhou, body: { outcome: 'upheld', reason: '核实' } })).statusCode).toBe(404);

    const upheld = await t.request('POST', `/api/campaign-objections/${o1.json().id}/resolve`, { as: s.admin, body: { outcome: 'upheld', reason: '经核实有房产两套，不符合条件' } });
    expect(upheld.statusCode, upheld.body).toBe(200);
    expect(upheld.json()).toMatchObject({ status: 'upheld', resolution: '经核实有房产两套，不符合条件' });
    const resolvedTwice = await t.request('POST', `/api/campaign-objections/${o1.json().id}/resolve`, { as: s.admin, body: { outcome: 'dismissed', reason: '改判' } });
    expect(resolvedTwice.json().error).toBe('objection_resolved');
    expect((await myApplication(a1, app1)).status).toBe('disqualified');
    expect(await outboxFor(a1, 'campaign_disqualified')).toHaveLength(1);
    let c = (await t.request('GET', `/api/campaigns/${campaignId}`, { as: s.admin })).json();
    expect(c.budgetReserved).toBe(200000);

    // the period ends with app2's objection still open: not awarded until it is resolved
    await endNotice(t, campaignId);
    expect((await myApplication(a2, app2)).status).toBe('in_notice');
    const late = await t.request('POST', `/api/campaign-applications/${app2}/objections`, { as: member(), body: { reason: '公示期满后的异议' } });
    expect(late.json().error).toBe('not_in_notice');
    const dismissed = await t.request('POST', `/api/campaign-objections/${o2.json().id}/resolve`, { as: s.admin, body: { outcome: 'dismissed', reason: '已核对录取通知书原件' } });
    expect(dismissed.statusCode).toBe(200);
    const mine = await myApplication(a2, app2);
    expect(mine.status).toBe('awarded');
    expect(mine.steps.filter((x) => x.step !== 'submitted').every((x) => x.state === 'done')).toBe(true);
    expect(await outboxFor(a2, 'campaign_awarded')).toHaveLength(1);
    c = (await t.request('GET', `/api/campaigns/${campaignId}`, { as: s.admin })).json();
    expect(c).toMatchObject({ budgetReserved: 200000, phase: 'open' });
    expect(c.counts).toMatchObject({ awarded: 1, disqualified: 1, rejected: 1 });
  });

  it('exports the applications the staff see as xlsx: masked names, the level and its deadline, audited', async () => {
    const res = await t.request('GET', `/api/campaigns/${campaignId}/applications/export?status=all`, { as: s.shiwan });
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
    const ids = rows.map((r) => r[1]);
    expect(ids).toEqual(expect.arrayContaining([app1, app2, app3]));
    const row2 = rows.find((r) => r[1] === app2)!;
    expect(String(row2[3])).toContain('*');
    expect(row2[10]).toBe(2000);
    expect(String(JSON.stringify(rows))).not.toContain(a2.name);
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'campaign.applications_export' AND target_id = $1`, [String(campaignId)])).length).toBe(1);
  });

  it('documents: the applicant and staff in sight read them (staff reads audited); others do not', async () => {
    const own = await t.request('GET', `/api/campaign-applications/${app2}/documents?key=admission_letter`, { as: a2 });
    expect(own.statusCode).toBe(200);
    expect(own.headers['content-type']).toBe('image/png');
    expect(Buffer.from(own.rawPayload).equals(PNG)).toBe(true);
    expect((await t.request('GET', `/api/campaign-applications/${app2}/documents?key=admission_letter`, { as: a1 })).statusCode).toBe(404);
    const staff = await t.request('GET', `/api/campaign-applications/${app2}/documents?key=hardship_proof`, { as: s.huazhou });
    expect(staff.statusCode).toBe(200);
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'campaign.document_read' AND target_id = $1`, [String(app2)])).length).toBe(1);
    expect((await t.request('GET', `/api/campaign-applications/${app2}/documents?key=hardship_proof`, { as: s.yangjiang })).statusCode).toBe(404);
  });
});

describe('the lottery', () => {
  it('draws the quota among the approved, reproducibly from the seed committed at publication', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { lottery: true, quota: 2, budgetTotal: 400000, requiredDocuments: [] }));
    expect(c.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    const who = [member(), member(), member(), member(), member()];
    const ids: number[] = [];
    for (const m of who) ids.push(await applyOk(t, m, c.id, {}));
    for (const id of ids.slice(0, 4)) await reviewOk(t, s.shiwan, id);
    // still open: too early; then one still in review blocks the draw
    expect((await t.request('POST', `/api/campaigns/${c.id}/draw`, { as: s.huazhou })).json().error).toBe('draw_not_due');
    await t.db.query(`UPDATE campaign SET apply_closes_at = now() - interval '1 minute', apply_opens_at = now() - interval '2 days' WHERE id = $1`, [c.id]);
    expect((await t.request('POST', `/api/campaigns/${c.id}/draw`, { as: s.huazhou })).json().error).toBe('reviews_pending');
    await reviewOk(t, s.shiwan, ids[4]!, 'reject', '材料不全');
    expect((await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou })).json().error).toBe('draw_required');

    const drawn = await t.request('POST', `/api/campaigns/${c.id}/draw`, { as: s.huazhou });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const d = drawn.json<{ seed: string; seedCommitment: string; entryIds: number[]; winners: number[]; label: string; places: number }>();
    expect(d.seedCommitment).toBe(c.seedCommitment);
    expect(createHash('sha256').update(Buffer.from(d.seed, 'hex')).digest('hex')).toBe(c.seedCommitment);
    expect(d.entryIds).toEqual(ids.slice(0, 4));
    expect(d.label).toBe(campaignDrawLabel(c.id));
    const again = drawWinners(Buffer.from(d.seed, 'hex'), d.label, new Map(d.entryIds.map((e) => [e, 1])), 2);
    expect(again.winners).toEqual(d.winners);
    expect(d.winners).toHaveLength(2);
    expect((await t.request('POST', `/api/campaigns/${c.id}/draw`, { as: s.huazhou })).json().error).toBe('already_drawn');
    // members of the reach read the same record
    const pub = (await t.request('GET', `/api/campaigns/${c.id}/draw`, { as: who[0]! })).json();
    expect(pub.winners).toEqual(d.winners);

    const loser = ids.slice(0, 4).find((id) => !d.winners.includes(id))!;
    const loserSession = who[ids.indexOf(loser)]!;
    const mine = await myApplication(loserSession, loser);
    expect(mine.status).toBe('not_drawn');
    expect(mine.steps.find((x) => x.step === 'draw')!.state).toBe('failed');
    const notice = await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou });
    expect(notice.statusCode, notice.body).toBe(200);
    expect(notice.json()).toMatchObject({ applications: 2, budgetReserved: 400000 });
  });
});

describe('the budget under concurrency', () => {
  it('many notices at once reserve at most the budget: the rest are refused whole', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { quota: 10, budgetTotal: 600000, requiredDocuments: [] }));
    const who = Array.from({ length: 6 }, () => member());
    const ids: number[] = [];
    for (const m of who) ids.push(await applyOk(t, m, c.id, {}));
    await Promise.all(ids.map((id) => reviewOk(t, s.shiwan, id)));
    // all six at once do not fit (3 awards of budget): refused whole, nothing changed
    const all = await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou });
    expect(all.statusCode).toBe(409);
    expect(all.json().error).toBe('budget_exhausted');
    expect((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_application WHERE campaign_id = $1 AND status = 'in_notice'`, [c.id]))[0]!.n).toBe(0);
    const results = await Promise.all(ids.map((id) => t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou, body: { applicationIds: [id] } })));
    const ok = results.filter((r) => r.statusCode === 200);
    expect(ok).toHaveLength(3);
    expect(results.filter((r) => r.statusCode === 409).every((r) => r.json().error === 'budget_exhausted')).toBe(true);
    const [row] = await t.db.query<{ reserved: number; inNotice: number }>(
      `SELECT c.budget_reserved AS reserved, (SELECT count(*)::int FROM campaign_application a WHERE a.campaign_id = c.id AND a.status = 'in_notice') AS "inNotice" FROM campaign c WHERE c.id = $1`,
      [c.id],
    );
    expect(row).toEqual({ reserved: 600000, inNotice: 3 });
  });

  it('the award when the period ends, read by many at once: each application awarded once, each member told once', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    const who = [member(), member(), member()];
    const ids: number[] = [];
    for (const m of who) ids.push(await applyOk(t, m, c.id, {}));
    for (const id of ids) await reviewOk(t, s.shiwan, id);
    expect((await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou })).statusCode).toBe(200);
    await endNotice(t, c.id);
    const reads = await Promise.all([
      ...who.map((m) => t.request('GET', '/api/me/campaign-applications', { as: m })),
      t.request('GET', `/api/campaigns/${c.id}/notice`, { as: s.huazhou }),
      t.request('GET', `/api/campaigns/${c.id}`, { as: s.huazhou }),
      t.request('GET', '/api/campaigns', { as: s.shiwan }),
    ]);
    expect(reads.every((r) => r.statusCode === 200)).toBe(true);
    await t.request('GET', `/api/campaigns/${c.id}`, { as: s.huazhou });
    for (const [i, m] of who.entries()) {
      expect((await myApplication(m, ids[i]!)).status).toBe('awarded');
      expect(await outboxFor(m, 'campaign_awarded')).toHaveLength(1);
    }
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'campaign.award' AND target_id = $1`, [String(c.id)])).length).toBeGreaterThanOrEqual(1);
  });

  it('the CHECK is the last guard: the budget cannot be raised past the total even by hand', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    await expect(t.db.query(`UPDATE campaign SET budget_reserved = budget_total + 1 WHERE id = $1`, [c.id])).rejects.toThrow();
  });

  it('two decisions on one application at once: one wins, the other is refused', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    const id = await applyOk(t, member(), c.id, {});
    const [x, y] = await Promise.all([review(t, s.shiwan, id, 'approve'), review(t, s.huazhou, id, 'reject', '重复审核')]);
    expect([x.statusCode, y.statusCode].sort()).toEqual([200, 409]);
    expect((await t.db.query(`SELECT 1 FROM campaign_review WHERE application_id = $1`, [id])).length).toBe(1);
  });

  it('the same Idempotency-Key sent twice at once makes one application; both get its answer', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    const m = member();
    const key = newKey();
    const [x, y] = await Promise.all([apply(t, m, c.id, {}, key), apply(t, m, c.id, {}, key)]);
    expect([x.statusCode, y.statusCode]).toEqual([201, 201]);
    expect(x.body).toBe(y.body);
    expect((await t.db.query(`SELECT 1 FROM campaign_application WHERE campaign_id = $1`, [c.id])).length).toBe(1);
  });
});

describe('staff apply on behalf, cancelling', () => {
  it('a 送温暖 visit: 石湾 applies for a member of its subtree by member number; not for one outside it', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { kind: 'warmth', title: '冬送温暖', budgetUnit: 'goods', awardAmount: 1, budgetTotal: 100, requiredDocuments: [] }));
    const m = member();
    const [row] = await t.db.query<{ memberNo: string }>(`SELECT member_no AS "memberNo" FROM member WHERE id = $1`, [m.memberId]);
    const res = await t.request('POST', `/api/campaigns/${c.id}/applications-on-behalf`, { as: s.shiwan, headers: { 'idempotency-key': newKey() }, body: { memberNo: row!.memberNo, statement: '走访慰问' } });
    expect(res.statusCode, res.body).toBe(201);
    const mine = await myApplication(m, res.json().id);
    expect(mine).toMatchObject({ appliedByStaff: true, status: 'in_review' });
    expect((await outboxFor(m, 'campaign_applied'))[0]).toContain('工作人员已为您代为提交');
    const [far] = await t.db.query<{ id: number }>(`SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE name = '阳江市总工会') LIMIT 1`);
    const out = await t.request('POST', `/api/campaigns/${c.id}/applications-on-behalf`, { as: s.shiwan, headers: { 'idempotency-key': newKey() }, body: { memberId: far!.id } });
    expect(out.statusCode).toBe(404);
  });

  it('a member withdraws before the award (in notice: the award released) and may apply again; not once awarded', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    const [m1, m2] = [member(), member()];
    const x1 = await applyOk(t, m1, c.id, {});
    const w = await t.request('POST', `/api/me/campaign-applications/${x1}/withdraw`, { as: m1 });
    expect(w.statusCode, w.body).toBe(200);
    expect(w.json()).toMatchObject({ status: 'withdrawn', canWithdraw: false });
    expect((await t.request('POST', `/api/me/campaign-applications/${x1}/withdraw`, { as: m1 })).json().error).toBe('cannot_withdraw');
    expect((await t.request('POST', `/api/me/campaign-applications/${x1}/withdraw`, { as: m2 })).statusCode).toBe(404);
    const again = await applyOk(t, m1, c.id, {});
    await reviewOk(t, s.shiwan, again);
    const x2 = await applyOk(t, m2, c.id, {});
    await reviewOk(t, s.shiwan, x2);
    await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou, body: {} });
    expect((await t.request('GET', `/api/campaigns/${c.id}`, { as: s.huazhou })).json().budgetReserved).toBe(400000);
    expect((await t.request('POST', `/api/me/campaign-applications/${again}/withdraw`, { as: m1 })).statusCode).toBe(200);
    expect((await t.request('GET', `/api/campaigns/${c.id}`, { as: s.huazhou })).json().budgetReserved).toBe(200000);
    await endNotice(t, c.id);
    expect((await myApplication(m2, x2)).status).toBe('awarded');
    expect((await t.request('POST', `/api/me/campaign-applications/${x2}/withdraw`, { as: m2 })).json().error).toBe('cannot_withdraw');
  });

  it('cancelling cancels live applications, releases the notice budget, keeps the awarded, tells the members', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    const [m1, m2, m3] = [member(), member(), member()];
    const [x1, x2, x3] = [await applyOk(t, m1, c.id, {}), await applyOk(t, m2, c.id, {}), await applyOk(t, m3, c.id, {})];
    await reviewOk(t, s.shiwan, x1);
    await reviewOk(t, s.shiwan, x2);
    await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou, body: { applicationIds: [x1] } });
    await endNotice(t, c.id);
    await t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou, body: { applicationIds: [x2] } });
    const res = await t.request('POST', `/api/campaigns/${c.id}/cancel`, { as: s.huazhou, body: { reason: '上级统一安排' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', phase: 'cancelled', budgetReserved: 200000 });
    expect((await myApplication(m1, x1)).status).toBe('awarded');
    expect((await myApplication(m2, x2)).status).toBe('cancelled');
    expect((await myApplication(m3, x3)).status).toBe('cancelled');
    expect((await outboxFor(m3, 'campaign_cancelled'))[0]).toContain('上级统一安排');
    const late = await apply(t, member(), c.id, {});
    expect(late.json().error).toBe('campaign_cancelled');
  });
});

describe('scope', () => {
  it('staff outside the reach see nothing of a campaign; members outside it neither', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    const id = await applyOk(t, member(), c.id, {});
    for (const url of [`/api/campaigns/${c.id}`, `/api/campaigns/${c.id}/applications`, `/api/campaigns/${c.id}/notice`, `/api/campaign-applications/${id}`]) {
      const res = await t.request('GET', url, { as: s.yangjiang });
      expect(res.statusCode, url).toBe(404);
    }
    const list = (await t.request('GET', '/api/campaigns?pageSize=200', { as: s.yangjiang })).json<{ items: { id: number }[] }>();
    expect(list.items.map((x) => x.id)).not.toContain(c.id);
    const r = await review(t, s.yangjiang, id, 'approve');
    expect(r.statusCode).toBe(404);
    const [yj] = await memberSessions(t, s.admin, '阳江市总工会', 1);
    expect((await t.request('GET', `/api/campaigns/${c.id}`, { as: yj! })).statusCode).toBe(404);
    expect((await apply(t, yj!, c.id, {})).statusCode).toBe(404);
    const mine = (await t.request('GET', '/api/me/campaigns?pageSize=200', { as: yj! })).json<{ items: { id: number }[] }>();
    expect(mine.items.map((x) => x.id)).not.toContain(c.id);
  });

  it("a province campaign's county level is each applicant's own county: 阳江's applicant is reviewed in 阳江, unseen by 化州", async () => {
    const c = await publishCampaign(t, s.admin, campaignBody(s.provinceId, levels(), { requiredDocuments: [] }));
    const [yj] = await memberSessions(t, s.admin, '阳江市总工会', 1);
    const id = await applyOk(t, yj!, c.id, {});
    expect(await reviewOk(t, s.yangjiang, id)).toMatchObject({ currentLevel: 2 });
    const detail = await t.request('GET', `/api/campaign-applications/${id}`, { as: s.admin });
    expect(detail.statusCode, detail.body).toBe(200);
    const [county] = await t.db.query<{ name: string }>(
      `SELECT o.name FROM org o WHERE o.level = 'county' AND o.path @> (SELECT org_path FROM campaign_application WHERE id = $1)`,
      [id],
    );
    expect(detail.json()).toMatchObject({ currentLevel: 2, levelName: '县级总工会复审', reviewerOrgName: county!.name, canReview: true });
    expect(detail.json().steps[1]).toMatchObject({ state: 'done', decisions: [{ decision: 'approve', by: expect.any(String) }] });
    expect((await t.request('GET', `/api/campaign-applications/${id}`, { as: s.huazhou })).statusCode).toBe(404);
    expect((await review(t, s.huazhou, id, 'approve')).statusCode).toBe(404);
  });

  it('a member sees why not: a target group they are not in, in Chinese', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { targetGroups: ['modelWorker'], requiredDocuments: [] }));
    const [m] = await memberSessions(t, s.admin, '化州市石湾街道工会联合会', 1, `NOT ('modelWorker' = ANY(m.groups))`);
    const list = (await t.request('GET', '/api/me/campaigns?pageSize=200', { as: m! })).json<{ items: { id: number; availability: { state: string; canApply: boolean; message: string } }[] }>();
    expect(list.items.find((x) => x.id === c.id)!.availability).toEqual({ state: 'not_target_group', canApply: false, message: '不属于本次活动面向的群体' });
    const res = await apply(t, m!, c.id, {});
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'campaign_not_eligible', message: '不符合申请条件：不属于本次活动面向的群体' });
  });
});

describe('bad input: a clear code and Chinese message, and nothing written', () => {
  const HAN = /\p{Script=Han}/u;
  async function refused(run: () => Promise<{ statusCode: number; json: () => { error: string; message: string } }>, status: number, code: string, message?: RegExp) {
    const before = await digestCampaignTables(t);
    const res = await run();
    expect(res.statusCode, JSON.stringify(res.json())).toBe(status);
    expect(res.json().error).toBe(code);
    expect(res.json().message).toMatch(message ?? HAN);
    expect(await digestCampaignTables(t), `${code} wrote something`).toBe(before);
  }

  it('applying: twice, before and after the window, ineligible, documents missing, not images, too large, not asked for, twice the same key', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null));
    const m = member();
    const key = newKey();
    expect((await apply(t, m, c.id, { documents: fullDocs() }, key)).statusCode).toBe(201);
    await refused(() => apply(t, m, c.id), 409, 'already_applied');
    await refused(() => apply(t, m, c.id, { statement: '换了内容', documents: fullDocs() }, key), 409, 'idempotency_key_reused');
    const replay = await apply(t, m, c.id, { documents: fullDocs() }, key);
    expect(replay.statusCode).toBe(201);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    const other = member();
    await refused(() => t.request('POST', `/api/campaigns/${c.id}/applications`, { as: other, body: { documents: fullDocs() } }), 400, 'idempotency_key_required');
    await refused(() => apply(t, other, c.id, { documents: [doc('admission_letter')] }), 400, 'documents_missing', /困难证明/);
    await refused(() => apply(t, other, c.id, { documents: [doc('admission_letter', Buffer.from('不是图片也不是 PDF')), doc('hardship_proof', PDF)] }), 400, 'invalid_document', /录取通知书/);
    await refused(() => apply(t, other, c.id, { documents: [doc('admission_letter', Buffer.concat([PNG, Buffer.alloc(701 * 1024)])), doc('hardship_proof', PDF)] }), 413, 'document_too_large');
    await refused(() => apply(t, other, c.id, { documents: [...fullDocs(), doc('bank_card')] }), 400, 'document_not_required');
    await refused(() => apply(t, other, c.id, { documents: [...fullDocs(), doc('hardship_proof')] }), 400, 'validation_failed');
    await refused(() => apply(t, other, c.id, { statement: '含\u0000控制字符', documents: fullDocs() }), 400, 'validation_failed');
    const soon = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { applyOpensAt: inHours(3), requiredDocuments: [] }));
    await refused(() => apply(t, other, soon.id, {}), 409, 'campaign_not_open');
    const past = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { requiredDocuments: [] }));
    await t.db.query(`UPDATE campaign SET apply_opens_at = now() - interval '3 days', apply_closes_at = now() - interval '1 day' WHERE id = $1`, [past.id]);
    await refused(() => apply(t, other, past.id, {}), 409, 'campaign_closed');
    const older = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { minMembershipMonths: 600, requiredDocuments: [] }));
    await refused(() => apply(t, other, older.id, {}), 409, 'campaign_not_eligible', /入会时间/);
  });

  it('reviewing: out of turn, outside scope, without a reason, a viewer; resubmitting what was not returned; objecting outside the notice', async () => {
    const c = await publishCampaign(t, s.admin, campaignBody(s.provinceId, levels(), { requiredDocuments: [] }));
    const m = member();
    const id = await applyOk(t, m, c.id, {});
    await reviewOk(t, s.shiwan, id);
    await refused(() => review(t, s.shiwan, id, 'approve'), 403, 'review_not_your_level', /化州市总工会/);
    await refused(() => review(t, s.yangjiang, id, 'approve'), 404, 'not_found');
    await refused(() => review(t, s.huazhou, id, 'return'), 400, 'validation_failed');
    await refused(() => review(t, s.viewer, id, 'approve'), 403, 'forbidden');
    await refused(() => t.request('POST', `/api/me/campaign-applications/${id}/resubmit`, { as: m, body: {} }), 409, 'not_returned');
    await refused(() => t.request('POST', `/api/campaign-applications/${id}/objections`, { as: member(), body: { reason: '不在公示期的异议' } }), 409, 'not_in_notice');
    await refused(() => t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.admin }), 409, 'nothing_to_notice');
  });

  it('the notice: beyond the budget, beyond the quota', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { budgetTotal: 200000, requiredDocuments: [] }));
    const ids = [await applyOk(t, member(), c.id, {}), await applyOk(t, member(), c.id, {})];
    for (const id of ids) await reviewOk(t, s.shiwan, id);
    await refused(() => t.request('POST', `/api/campaigns/${c.id}/notice`, { as: s.huazhou }), 409, 'budget_exhausted', /剩余预算 2000 元/);
    const q = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { quota: 1, requiredDocuments: [] }));
    const qs = [await applyOk(t, member(), q.id, {}), await applyOk(t, member(), q.id, {})];
    for (const id of qs) await reviewOk(t, s.shiwan, id);
    await refused(() => t.request('POST', `/api/campaigns/${q.id}/notice`, { as: s.huazhou }), 409, 'quota_exceeded');
    await refused(() => t.request('POST', `/api/campaigns/${q.id}/notice`, { as: s.huazhou, body: { applicationIds: [qs[0]!, 2_000_000_000] } }), 409, 'nothing_to_notice');
  });
});
