// Screens of aid campaigns (帮扶活动) at desktop (1440×900) and phone (390×844) size: the console's
// list, 发布帮扶活动 (empty with errors, filled), a campaign's 审核 queue (one overdue), 退回 with a
// reason, an application's progress, 代为申请, 抽签, 公示 with an objection to resolve, 发放, 活动信息;
// the phone's list with why-not reasons, a campaign with the apply form and its documents, the
// answer, my applications (in review, returned with the resubmit form, in notice, paid), the notice
// with 提出异议. Data is made through the API as 深圳 staff and fresh members (nothing depends on
// generated demo names); the notice period of one application is ended in the database.
//   npm run build:web && npx tsx tests/e2e/campaigns-screens.ts     (starts its own server in-process)
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { desktop, launchBrowser, openPage, phone, tick } from './browser.ts';
import { startCampaignServer } from './campaigns-server.ts';
import { joinAsApprovedMember, randomPhone, readLoginCode, staffLogsIn, staffToken, type Member } from './people.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

const DAY = 86_400_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const doc = (key: string, fileName: string) => ({ key, fileName, contentBase64: PNG.toString('base64') });

async function memberPage(browser: Browser, base: string, adminToken: string, name: string, viewport = phone): Promise<{ page: Page; member: Member }> {
  const page = await openPage(browser, viewport);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const tel = randomPhone('137');
  await page.request.post(`${base}/api/auth/sms-code`, { data: { phone: tel } });
  const code = await readLoginCode(page.request, base, adminToken, tel);
  const res = await page.request.post(`${base}/api/auth/member-login`, { data: { phone: tel, code } });
  if (!res.ok()) throw new Error(`member log-in: ${res.status()}`);
  return { page, member: await joinAsApprovedMember(page, base, adminToken, name) };
}

async function call<T>(r: APIRequestContext, base: string, token: string, method: 'GET' | 'POST', path: string, data?: unknown, expect = method === 'POST' ? [200, 201] : [200]): Promise<T> {
  const res = await r.fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }, ...(data !== undefined ? { data } : {}) });
  if (!expect.includes(res.status())) throw new Error(`${method} ${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

async function applyAs(page: Page, base: string, campaignId: number, body: unknown): Promise<number> {
  const me = (await (await page.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
  const res = await page.request.post(`${base}/api/campaigns/${campaignId}/applications`, { headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': randomUUID() }, data: body });
  if (res.status() !== 201) throw new Error(`apply: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

/** SQL on the server's database: what the screens need that days would otherwise bring (a notice period over, a deadline passed). */
type Sql = (text: string, params: unknown[]) => Promise<unknown>;

export async function campaignScreens(browser: Browser, base: string, shoot: Shoot, sql: Sql): Promise<void> {
  const endNotice = (campaignId: number) => sql(`UPDATE campaign_application SET notice_ends_at = now() - interval '1 second' WHERE campaign_id = $1 AND status = 'in_notice'`, [campaignId]);
  const overdue = (applicationId: number) => sql(`UPDATE campaign_application SET level_entered_at = now() - interval '6 days' WHERE id = $1`, [applicationId]);
  // one context per account: a log-in ends the session its browser context carried
  const adminCtx = await browser.newContext();
  const adminToken = await staffToken(adminCtx.request, base, 'admin');
  const ctx = await browser.newContext();
  const r = ctx.request;
  const sz = await staffToken(r, base, 'shenzhen');
  const szOrg = (await call<{ org: { id: number; name: string } }>(r, base, sz, 'GET', '/api/me')).org;

  const { page: mobile, member } = await memberPage(browser, base, adminToken, '何助学');
  const { page: m2 } = await memberPage(browser, base, adminToken, '欧阳小雨');
  const { page: m3 } = await memberPage(browser, base, adminToken, '陈志强');
  const { page: m4 } = await memberPage(browser, base, adminToken, '黎秀英');

  const levels = [
    { name: '基层工会初审', reviewerOrgId: null, deadlineDays: 5 },
    { name: `${szOrg.name}复审`, reviewerOrgId: szOrg.id, deadlineDays: 7 },
  ];
  const tuition = await call<{ id: number }>(r, base, sz, 'POST', '/api/campaigns', {
    title: '2026 年深圳市新就业形态劳动者金秋助学', kind: 'tuition', orgId: szOrg.id,
    description: '资助会员子女今年考入全日制普通高校（含高职），每人 500 积分，可在工会服务站兑换学习用品。\n咨询电话：0755-12351',
    applyOpensAt: at(-DAY), applyClosesAt: at(20 * DAY), quota: 50, awardAmount: 500, budgetUnit: 'points', budgetTotal: 25000, noticeDays: 5,
    requiredDocuments: [{ key: 'admission_letter', label: '录取通知书' }, { key: 'hardship_proof', label: '困难证明' }], levels,
  });
  const lottery = await call<{ id: number }>(r, base, sz, 'POST', '/api/campaigns', {
    title: '求学圆梦 · 职工学历提升资助（抽签）', kind: 'degree', orgId: szOrg.id, applyOpensAt: at(-DAY), applyClosesAt: at(10 * DAY),
    quota: 1, awardAmount: 300000, budgetUnit: 'yuan', budgetTotal: 300000, lottery: true, noticeDays: 7, secondApprovalAbove: 100000,
    levels: [{ name: '基层工会审核', reviewerOrgId: null, deadlineDays: 5 }],
  });
  await call(r, base, sz, 'POST', '/api/campaigns', {
    title: '冬送温暖 · 女职工关爱', kind: 'warmth', orgId: szOrg.id, targetGroups: ['women'], applyOpensAt: at(-DAY), applyClosesAt: at(30 * DAY),
    quota: 100, awardAmount: 1, budgetUnit: 'goods', budgetTotal: 100, noticeDays: 3, levels: [{ name: '基层工会审核', reviewerOrgId: null, deadlineDays: 5 }],
  });
  await call(r, base, sz, 'POST', '/api/campaigns', {
    title: '夏送清凉 · 高温补贴', kind: 'cooling', orgId: szOrg.id, applyOpensAt: at(5 * DAY), applyClosesAt: at(25 * DAY),
    quota: 200, awardAmount: 20000, budgetUnit: 'yuan', budgetTotal: 4000000, noticeDays: 3, levels: [{ name: '基层工会审核', reviewerOrgId: null, deadlineDays: 5 }],
  });

  // m2: returned at level 1 with a reason; m3 in notice; m4 paid; m1 (the phone) applies on screen.
  const full = { statement: '孩子今年考上大学，家里靠我一人送外卖。', documents: [doc('admission_letter', '录取通知书.png'), doc('hardship_proof', '困难证明.png')] };
  const a2 = await applyAs(m2, base, tuition.id, full);
  const a3 = await applyAs(m3, base, tuition.id, full);
  const a4 = await applyAs(m4, base, tuition.id, full);
  await call(r, base, sz, 'POST', `/api/campaign-applications/${a2}/review`, { decision: 'return', reason: '困难证明不清晰，请重新拍照上传（需有村居委会盖章）' });
  for (const a of [a3, a4]) {
    await call(r, base, sz, 'POST', `/api/campaign-applications/${a}/review`, { decision: 'approve' });
    await call(adminCtx.request, base, adminToken, 'POST', `/api/campaign-applications/${a}/review`, { decision: 'approve' });
  }
  await call(r, base, sz, 'POST', `/api/campaigns/${tuition.id}/notice`, { applicationIds: [a4] });
  await endNotice(tuition.id);
  await call(r, base, sz, 'GET', `/api/campaigns/${tuition.id}`);
  await call(r, base, sz, 'POST', `/api/campaigns/${tuition.id}/payouts/run`);
  await call(r, base, sz, 'POST', `/api/campaigns/${tuition.id}/notice`, { applicationIds: [a3] });
  for (const p of [m2, m3, m4]) await applyAs(p, base, lottery.id, {});
  const entries = await call<{ items: { id: number }[] }>(r, base, sz, 'GET', `/api/campaigns/${lottery.id}/applications?status=in_review&pageSize=50`);
  for (const e of entries.items) await call(r, base, sz, 'POST', `/api/campaign-applications/${e.id}/review`, { decision: 'approve' });
  await sql(`UPDATE campaign SET apply_closes_at = now() - interval '1 minute' WHERE id = $1`, [lottery.id]);
  await call(r, base, sz, 'POST', `/api/campaigns/${lottery.id}/draw`);

  // ---- the phone ----
  await mobile.goto(`${base}/`);
  await mobile.locator('.m-services').getByText('困难帮扶', { exact: true }).click();
  await mobile.getByTestId('campaign-card').first().waitFor();
  await shoot(mobile, 'member-campaigns');
  await mobile.locator(`[data-campaign="${tuition.id}"]`).click();
  await mobile.getByTestId('campaign-title').waitFor();
  await shoot(mobile, 'member-campaign');
  await mobile.getByTestId('apply-button').click();
  await mobile.getByText('请上传：').waitFor();
  await mobile.getByTestId('apply-form').scrollIntoViewIfNeeded();
  await shoot(mobile, 'member-campaign-apply-missing');
  await mobile.getByRole('textbox', { name: /申请说明/ }).fill('孩子今年考上广东工业大学，家中老人长期患病，靠我一人送外卖维持。');
  await mobile.getByLabel('上传录取通知书').setInputFiles({ name: '录取通知书.png', mimeType: 'image/png', buffer: PNG });
  await mobile.getByLabel('上传困难证明').setInputFiles({ name: '困难证明.png', mimeType: 'image/png', buffer: PNG });
  await mobile.getByAltText('困难证明预览').waitFor();
  await mobile.getByTestId('apply-form').scrollIntoViewIfNeeded();
  await shoot(mobile, 'member-campaign-apply-filled');
  await mobile.getByTestId('apply-button').click();
  await mobile.getByTestId('apply-outcome').waitFor();
  await shoot(mobile, 'member-campaign-applied');
  // the notice, with an objection
  await mobile.getByTestId('notice-list').scrollIntoViewIfNeeded();
  await shoot(mobile, 'member-campaign-notice');
  await mobile.getByRole('button', { name: '提出异议' }).first().click();
  await mobile.getByRole('textbox', { name: '异议理由' }).fill('据了解其家庭有两套住房，经济条件较好，不属困难家庭。');
  await shoot(mobile, 'member-campaign-objection');
  await mobile.getByRole('button', { name: '提交异议' }).click();
  await mobile.getByText('已提出异议').waitFor();
  // my applications: in review (one level overdue)
  const mine = await call<{ items: { id: number }[] }>(r, base, sz, 'GET', `/api/campaigns/${tuition.id}/applications?status=in_review&pageSize=50`);
  for (const a of mine.items) if (![a2, a3, a4].includes(a.id)) await overdue(a.id);
  await mobile.goto(`${base}/me/campaign-applications`);
  await mobile.getByTestId('my-application-item').first().waitFor();
  await shoot(mobile, 'member-campaign-applications');
  for (const [p, name] of [[m2, 'returned'], [m3, 'notice'], [m4, 'paid']] as const) {
    await p.goto(`${base}/me/campaign-applications`);
    await p.getByTestId('my-application-item').first().waitFor();
    await shoot(p, `member-campaign-applications-${name}`);
  }
  await m2.getByTestId('resubmit-form').scrollIntoViewIfNeeded();
  await shoot(m2, 'member-campaign-resubmit');
  const wide = await memberPage(browser, base, adminToken, '司马文静', desktop);
  await wide.page.goto(`${base}/campaigns`);
  await wide.page.getByTestId('campaign-card').first().waitFor();
  await shoot(wide.page, 'member-campaigns-desktop');
  await wide.page.goto(`${base}/campaigns/${tuition.id}`);
  await wide.page.getByTestId('campaign-title').waitFor();
  await shoot(wide.page, 'member-campaign-desktop');

  // ---- the console ----
  const page = await staffLogsIn(browser, base, 'shenzhen');
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.locator('.app-sider').getByText('帮扶活动', { exact: true }).click();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-campaigns');
  await page.locator('.app-sider').getByText('发布帮扶活动').click();
  await page.getByLabel('活动名称').waitFor();
  await shoot(page, 'console-campaign-publish');
  await page.getByRole('button', { name: '发布帮扶活动' }).last().click();
  await page.waitForTimeout(600);
  await shoot(page, 'console-campaign-publish-errors');
  await page.getByLabel('活动名称').fill('2026 年深圳市金秋助学（第二批）');
  await tick(page.getByRole('checkbox', { name: '录取通知书' }));
  await tick(page.getByRole('checkbox', { name: '困难证明' }));
  await page.getByLabel('资助名额').fill('100');
  await page.getByLabel('每人资助').fill('2000');
  await page.getByLabel('预算总额').fill('150000');
  await page.getByText('名额 × 每人资助').scrollIntoViewIfNeeded();
  await shoot(page, 'console-campaign-publish-filled');
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'tmp', 'screenshots', 'console-campaign-publish-full.png'), fullPage: true });

  await page.goto(`${base}/console/campaigns/${tuition.id}`);
  await page.getByTestId('campaign-title').waitFor();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-campaign-review');
  await page.locator('.ant-table-row').first().getByRole('button', { name: /^退\s*回$/ }).click();
  await page.locator('.ant-modal').getByLabel('原因（会员可见）').fill('请补充村（居）委会盖章的困难证明');
  await shoot(page, 'console-campaign-return');
  await page.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
  await page.locator('.ant-table-row').first().getByRole('button', { name: '进度' }).click();
  await page.getByTestId('application-detail').waitFor();
  await shoot(page, 'console-campaign-progress');
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: '代为申请' }).click();
  await page.locator('.ant-modal').getByLabel('会员号').fill(member.memberNo);
  await shoot(page, 'console-campaign-on-behalf');
  await page.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
  await page.goto(`${base}/console/campaigns/${tuition.id}?tab=notice`);
  await page.getByTestId('notice-table').waitFor();
  await shoot(page, 'console-campaign-notice');
  await page.getByRole('button', { name: '处理异议' }).first().click();
  await page.locator('.ant-modal').getByLabel('处理意见').fill('经入户核实，家庭情况属实，异议不成立');
  await shoot(page, 'console-campaign-objection');
  await page.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
  await page.goto(`${base}/console/campaigns/${tuition.id}?tab=payouts`);
  await page.getByTestId('payouts-panel').getByText('预算总额').waitFor();
  await shoot(page, 'console-campaign-payouts');
  await page.goto(`${base}/console/campaigns/${tuition.id}?tab=info`);
  await page.getByText('审核层级').waitFor();
  await shoot(page, 'console-campaign-info');
  await page.goto(`${base}/console/campaigns/${lottery.id}?tab=draw`);
  await page.getByText('中签申请编号').waitFor();
  await shoot(page, 'console-campaign-draw');
  await page.context().close();

  const small = await staffLogsIn(browser, base, 'shenzhen');
  await small.setViewportSize(phone);
  await small.goto(`${base}/console/campaigns`);
  await small.locator('.ant-table-row').first().waitFor();
  await shoot(small, 'console-campaigns-phone');
  await small.goto(`${base}/console/campaigns/${tuition.id}`);
  await small.locator('.ant-table-row').first().waitFor();
  await shoot(small, 'console-campaign-review-phone');
  await small.goto(`${base}/console/campaigns/new`);
  await small.getByLabel('活动名称').waitFor();
  await shoot(small, 'console-campaign-publish-phone');
  await small.context().close();

  for (const p of [mobile, m2, m3, m4, wide.page]) await p.context().close();
  await ctx.close();
  await adminCtx.close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');
  await mkdir(outDir, { recursive: true });
  const shoot: Shoot = async (page, name) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    console.log(`tmp/screenshots/${name}.png`);
  };
  const server = await startCampaignServer();
  const browser = await launchBrowser();
  try {
    await campaignScreens(browser, server.baseUrl, shoot, (text, params) => server.db.query(text, params));
  } finally {
    await browser.close();
    await server.stop();
  }
}
