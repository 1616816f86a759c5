// Campaigns: what staff and members outside the reach cannot see or do, why a member may not apply,
// and bad input — a clear code and a Chinese message, and nothing written.
import { describe, expect, it } from 'vitest';
import { memberSessions } from '../../../tests/helpers/activities.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';
import { apply, applyOk, campaignBody, campaignSuiteHooks, digestCampaignTables, doc, fullDocs, inHours, newKey, PDF, PNG, publishCampaign, review, reviewOk, type CampaignStaff } from '../../../tests/helpers/campaigns.ts';
import type { TestApp } from '../../../tests/helpers/harness.ts';
import { DOCUMENT_MAX_BYTES } from '../../../contracts/campaigns.ts';

// The suite's app and staff, handed over once it has started.
let t: TestApp, s: CampaignStaff;
const { member } = campaignSuiteHooks((c) => ({ t, s } = c));

const levels = () => ({ topId: s.provinceId });

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
    const [yj] = await memberSessions(t, s.admin, s.yangjiangId, 1);
    expect((await t.request('GET', `/api/campaigns/${c.id}`, { as: yj! })).statusCode).toBe(404);
    expect((await apply(t, yj!, c.id, {})).statusCode).toBe(404);
    const mine = (await t.request('GET', '/api/me/campaigns?pageSize=200', { as: yj! })).json<{ items: { id: number }[] }>();
    expect(mine.items.map((x) => x.id)).not.toContain(c.id);
  });

  it("a province campaign's county level is each applicant's own county: 阳江's applicant is reviewed in 阳江, unseen by 化州", async () => {
    const c = await publishCampaign(t, s.admin, campaignBody(s.provinceId, levels(), { requiredDocuments: [] }));
    const [yj] = await memberSessions(t, s.admin, s.yangjiangId, 1);
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
    const [m] = await memberSessions(t, s.admin, s.shiwanId, 1, `NOT ('modelWorker' = ANY(m.groups))`);
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

  it('the Idempotency-Key of both ways of applying: missing or malformed, refused before anything is written', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null));
    const m = member();
    for (const headers of [{}, { 'idempotency-key': 'short' }, { 'idempotency-key': 'not a key!' }] as Record<string, string>[]) {
      const code = 'idempotency-key' in headers ? 'idempotency_key_invalid' : 'idempotency_key_required';
      await refused(() => t.request('POST', `/api/campaigns/${c.id}/applications`, { as: m, headers, body: { documents: fullDocs() } }), 400, code);
      await refused(() => t.request('POST', `/api/campaigns/${c.id}/applications-on-behalf`, { as: s.huazhou, headers, body: { memberId: 1 } }), 400, code);
    }
  });

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
    await refused(() => apply(t, other, c.id, { documents: [doc('admission_letter', Buffer.concat([PNG, Buffer.alloc(DOCUMENT_MAX_BYTES)])), doc('hardship_proof', PDF)] }), 413, 'document_too_large', /超过 4 MB/);
    // past the body limit of a request carrying documents (12 MB): refused before it is read
    await refused(() => apply(t, other, c.id, { documents: [doc('admission_letter', Buffer.alloc(9.5 * 1024 * 1024, 1))] }), 413, 'payload_too_large');
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
    await refused(() => review(t, s.shiwan, id, 'approve'), 403, 'review_not_your_level', new RegExp(DEMO_ORGS.huazhou));
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

