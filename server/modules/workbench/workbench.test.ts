// 工作台: each count follows what is waiting in the caller's subtree and nothing outside it — a join
// waiting for approval, a transfer in, campaign applications at a level the union reviews (and those
// past the deadline), payouts awaiting a second approval (not one's own), open objections — and the
// roles that may act on them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workbench } from '../../../contracts/workbench.ts';
import { applyOk, campaignBody, campaignStaff, publishCampaign } from '../../../tests/helpers/campaigns.ts';
import { DEMO_ORGS, startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { makeAwardedCampaign, runPayouts } from '../../../tests/helpers/payouts.ts';
import { freshIdNumber, loginWorker, newMemberSessions } from '../../../tests/helpers/workers.ts';

let t: TestApp;
let s: Awaited<ReturnType<typeof campaignStaff>>;

beforeAll(async () => {
  t = await startTestApp();
  s = await campaignStaff(t);
});
afterAll(async () => t.close());

/** `n` new members of a new union under `parent` (the factories'). */
async function membersUnder(parent: number, n: number): Promise<number[]> {
  const org = await t.make.org({ parent });
  const ids: number[] = [];
  for (let i = 0; i < n; i++) ids.push((await t.make.member({ org })).id);
  return ids;
}

async function bench(as: Session): Promise<Workbench> {
  const res = await t.request('GET', '/api/workbench', { as });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Workbench>();
}

/** A worker applies to join, routed by platform to a town of `orgId`'s subtree (auto-approval off there). */
async function joinUnder(orgId: number): Promise<void> {
  const [town] = await t.db.query<{ id: number }>(
    `SELECT o.id FROM org o WHERE o.level = 'town' AND o.path <@ (SELECT path FROM org WHERE id = $1) ORDER BY o.id LIMIT 1`,
    [orgId],
  );
  await t.db.query(`UPDATE org SET auto_approve = false WHERE path <@ (SELECT path FROM org WHERE id = $1)`, [orgId]);
  const worker = await loginWorker(t, s.admin);
  const res = await t.request('POST', '/api/members/join', { as: worker, body: { name: '林工作台', idNumber: freshIdNumber(), gigPlatform: '美团', workOrgId: town!.id, consent: true } });
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('pending');
}

describe('the workbench', () => {
  it('names the caller’s union; a join waiting in 化州 counts for 化州 and the province, not for 阳江', async () => {
    const [h0, y0, p0] = await Promise.all([bench(s.huazhou), bench(s.yangjiang), bench(s.admin)]);
    expect(h0).toMatchObject({ orgId: s.huazhouId, orgName: DEMO_ORGS.huazhou });
    await joinUnder(s.huazhouId);
    const [h1, y1, p1] = await Promise.all([bench(s.huazhou), bench(s.yangjiang), bench(s.admin)]);
    expect(h1.memberApplications).toEqual({ count: h0.memberApplications.count + 1, canAct: true });
    expect(p1.memberApplications.count).toBe(p0.memberApplications.count + 1);
    expect(y1.memberApplications.count).toBe(y0.memberApplications.count);
  });

  it('a transfer into a union of 化州 waits for 化州, not for 阳江 where it comes from', async () => {
    const yBefore = await bench(s.yangjiang);
    const before = await bench(s.huazhou);
    const [member] = await membersUnder(s.yangjiangId, 1);
    const res = await t.request('POST', `/api/members/${member}/transfers`, { as: s.admin, body: { toOrgId: s.shiwanId, reason: '调动到化州' } });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().status).toBe('pending');
    expect((await bench(s.huazhou)).transfersIn.count).toBe(before.transfersIn.count + 1);
    expect((await bench(s.yangjiang)).transfersIn.count).toBe(yBefore.transfersIn.count);
  });

  it('applications at a level 化州 reviews, per campaign, with the overdue; the viewer sees them but may not act', async () => {
    const c = await publishCampaign(t, s.huazhou, campaignBody(s.huazhouId, null, { title: '2026 年金秋助学（工作台）', requiredDocuments: [] }));
    const members = await newMemberSessions(t, s.admin, 3, { org: await t.make.org({ parent: s.shiwanId }) });
    const ids: number[] = [];
    for (const m of members) ids.push(await applyOk(t, m, c.id, {}));
    let w = await bench(s.huazhou);
    expect(w.campaignReviews.campaigns.find((x) => x.campaignId === c.id)).toEqual({ campaignId: c.id, title: '2026 年金秋助学（工作台）', count: 3, overdue: 0 });
    expect(w.campaignReviews.canAct).toBe(true);
    // the level's deadline (5 days) passes for two of them
    await t.db.query(`UPDATE campaign_application SET level_entered_at = now() - interval '6 days' WHERE id = ANY($1::bigint[])`, [ids.slice(0, 2)]);
    w = await bench(s.huazhou);
    expect(w.campaignReviews.campaigns.find((x) => x.campaignId === c.id)).toMatchObject({ count: 3, overdue: 2 });
    expect(w.campaignReviews.overdue).toBeGreaterThanOrEqual(2);
    // 石湾 reviews its own members: it sees them; 阳江 sees nothing of it
    expect((await bench(s.shiwan)).campaignReviews.campaigns.find((x) => x.campaignId === c.id)).toMatchObject({ count: 3, overdue: 2 });
    const y = await bench(s.yangjiang);
    expect(y.campaignReviews.campaigns.map((x) => x.campaignId)).not.toContain(c.id);
    const viewer = await bench(s.viewer);
    expect(viewer.campaignReviews).toMatchObject({ canAct: false });
    expect(viewer.campaignReviews.campaigns.find((x) => x.campaignId === c.id)).toMatchObject({ count: 3 });
    // decided: no longer waiting
    const r = await t.request('POST', `/api/campaign-applications/${ids[0]}/review`, { as: s.huazhou, body: { decision: 'approve' } });
    expect(r.statusCode, r.body).toBe(200);
    expect((await bench(s.huazhou)).campaignReviews.campaigns.find((x) => x.campaignId === c.id)).toMatchObject({ count: 2, overdue: 1 });
  });

  it('payouts awaiting a second approval count for others in scope, not for the one who made them', async () => {
    const ids = await membersUnder(s.huazhouId, 2);
    const c = await makeAwardedCampaign(t, { orgName: DEMO_ORGS.huazhou, channel: 'goods', members: ids.map((memberId) => ({ memberId, amount: 5 })), secondApprovalAbove: 1 });
    const run = await runPayouts(t, s.huazhou, c.campaignId);
    expect(run.statusCode, run.body).toBe(201);
    const [maker, other, yj] = await Promise.all([bench(s.huazhou), bench(s.admin), bench(s.yangjiang)]);
    expect(maker.payoutApprovals.campaigns.map((x) => x.campaignId)).not.toContain(c.campaignId);
    expect(other.payoutApprovals.campaigns.find((x) => x.campaignId === c.campaignId)).toMatchObject({ count: 2 });
    expect(yj.payoutApprovals.campaigns.map((x) => x.campaignId)).not.toContain(c.campaignId);
  });

  it('open objections to a notice count for the publisher’s subtree', async () => {
    const before = await bench(s.huazhou);
    const ids = await membersUnder(s.huazhouId, 2);
    const c = await makeAwardedCampaign(t, { orgName: DEMO_ORGS.huazhou, channel: 'goods', members: [{ memberId: ids[0]!, amount: 5 }] });
    await t.db.query(
      `INSERT INTO campaign_objection (application_id, campaign_id, member_id, reason) VALUES ($1, $2, $3, '此人家庭条件较好')`,
      [c.applicationIds[0], c.campaignId, ids[1]],
    );
    const after = await bench(s.huazhou);
    expect(after.objections.count).toBe(before.objections.count + 1);
    expect(after.objections.campaigns.find((x) => x.campaignId === c.campaignId)).toMatchObject({ count: 1 });
    expect((await bench(s.yangjiang)).objections.campaigns.map((x) => x.campaignId)).not.toContain(c.campaignId);
  });

  it('members cannot open it; nobody logged in neither', async () => {
    const [m] = await newMemberSessions(t, s.admin, 1);
    expect((await t.request('GET', '/api/workbench', { as: m! })).json()).toMatchObject({ error: 'staff_only' });
    expect((await t.request('GET', '/api/workbench')).json()).toMatchObject({ error: 'not_logged_in' });
  });
});
