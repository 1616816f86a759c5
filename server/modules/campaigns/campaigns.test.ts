// Campaigns end to end: publishing, and the workflow grassroots → city → province with deadlines,
// returns and resubmission, the notice (公示) with masked names, objections upheld and dismissed, the
// award when the period ends, the export and the documents. The lottery, the budget under concurrency
// and staff applying for a member: campaigns-concurrency.test.ts; scope and bad input: campaigns-scope.test.ts.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemberSession } from '../../../tests/helpers/activities.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';
import { applyOk, campaignBody, campaignSuiteHooks, doc, endNotice, fullDocs, inHours, PDF, PNG, publishCampaign, review, reviewOk, type CampaignStaff } from '../../../tests/helpers/campaigns.ts';
import type { TestApp } from '../../../tests/helpers/harness.ts';

// The suite's app and staff, handed over once it has started.
let t: TestApp, s: CampaignStaff;
const { member, outboxFor, myApplication } = campaignSuiteHooks((c) => ({ t, s } = c));

const levels = () => ({ topId: s.provinceId });

describe('publishing', () => {
  it('publishes with levels, documents and the budget; audit record; staff of the reach see it', async () => {
    const c = await publishCampaign(t, s.admin, campaignBody(s.provinceId, levels()));
    const detail = (await t.request('GET', `/api/campaigns/${c.id}`, { as: s.admin })).json();
    expect(detail).toMatchObject({
      kind: 'tuition', phase: 'open', budgetUnit: 'yuan', payoutChannel: 'bank', budgetTotal: 2000000, budgetReserved: 0, lottery: false, seedCommitment: null,
      levels: [
        { levelNo: 1, name: '基层工会初审', reviewerOrg: null, deadlineDays: 5 },
        { levelNo: 2, reviewerOrg: null, reviewerTier: 'county' },
        { levelNo: 3, reviewerOrg: { id: s.provinceId, name: DEMO_ORGS.province }, reviewerTier: null },
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
    expect(outOfTurn.json().message).toContain(DEMO_ORGS.huazhou);
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
      ['done', expect.any(String)], ['done', DEMO_ORGS.huazhou], ['done', DEMO_ORGS.province],
    ]);
    expect(await outboxFor(a1, 'campaign_review_approve')).toHaveLength(3);
  });

  it('a return goes back to the member with the reason; the resubmission returns to that level', async () => {
    await reviewOk(t, s.huazhou, app2, 'return', '困难证明不清晰，请重新上传');
    let mine = await myApplication(a2, app2);
    expect(mine).toMatchObject({ status: 'returned', lastReason: '困难证明不清晰，请重新上传', canResubmit: true });
    expect(mine.steps[2]!.decisions.at(-1)).toMatchObject({ decision: 'return', reason: '困难证明不清晰，请重新上传', by: DEMO_ORGS.huazhou });
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
    const pub = (await t.request('GET', `/api/campaigns/${campaignId}/notice`, { as: watcher })).json<{ total: number; items: { applicationId: number; name: string; awardAmount: number; status: string; openObjections: number | null }[] }>();
    expect(pub.items.map((i) => i.applicationId).sort()).toEqual([app1, app2].sort());
    expect(pub.total).toBe(2);
    const second = (await t.request('GET', `/api/campaigns/${campaignId}/notice?page=2&pageSize=1`, { as: watcher })).json();
    expect(second).toMatchObject({ total: 2, items: [pub.items[1]] });
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

  it('documents as people have them: a 3.5 MB scanned PDF and a 3 MB photo in one application, read back whole', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null));
    const scan = Buffer.concat([PDF, Buffer.alloc(3.5 * 1024 * 1024 - PDF.length, 0x20)]);
    const photo = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024 - PNG.length, 7)]);
    const m = member();
    const id = await applyOk(t, m, c.id, { documents: [doc('admission_letter', scan, '录取通知书扫描件.pdf'), doc('hardship_proof', photo, '困难证明.png')] });
    const back = await t.request('GET', `/api/campaign-applications/${id}/documents?key=admission_letter`, { as: m });
    expect(back.headers['content-type']).toBe('application/pdf');
    expect(Buffer.from(back.rawPayload).equals(scan)).toBe(true);
  });
});

