// Campaigns: the reproducible lottery, the budget that concurrent notices cannot overspend, the award
// read by many at once, concurrent decisions and keys; staff applying on a member's behalf, withdrawal
// and cancelling.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apply, applyOk, campaignBody, campaignSuiteHooks, endNotice, newKey, publishCampaign, review, reviewOk, type CampaignStaff } from '../../../tests/helpers/campaigns.ts';
import type { TestApp } from '../../../tests/helpers/harness.ts';
import { drawWinners } from '../activities/activities.service.ts';
import { campaignDrawLabel } from './notice.service.ts';

// The suite's app and staff, handed over once it has started.
let t: TestApp, s: CampaignStaff;
const { member, outboxFor, myApplication } = campaignSuiteHooks((c) => ({ t, s } = c));

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
    const [far] = await t.db.query<{ id: number }>(`SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) LIMIT 1`, [s.yangjiangId]);
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

