// Aid campaigns end to end (issue 5): 深圳's staff publish a 金秋助学 campaign in the console, paid in
// points, reviewed at two levels — the applicant's own union, then 深圳市总工会; a new member (a rider,
// logged in by SMS, approved at once) finds it from the home page's 困难帮扶 tile, applies on the
// phone with the admission letter (an Idempotency-Key on the request) and follows the progress;
// the reviewer of the member's own union approves level 1 in the console, the city approves level 2;
// the city starts the notice (公示) and the member sees the masked list; the notice period ends
// (moved into the past in the database, as the API tests do); the payout is made (积分 channel) and
// the member sees it on the phone, with the points in 我的积分. Unions and people are found by
// querying, never by generated demo names.
//
// This file runs its own server in-process (campaigns-server.ts) to hold the database handle.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmWith, launchBrowser, onFailure, openPage, phone, tick } from './browser.ts';
import { startCampaignServer, type CampaignServer } from './campaigns-server.ts';
import { joinAsApprovedMember, randomPhone, staffLogsIn, staffLogsInWith, staffToken, workerLogsIn } from './people.ts';

/** A 1×1 PNG: the photo of the admission letter. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const REVIEWER_PASSWORD = 'Review2026check';

/** Opens the campaign's 审核 tab with the queue of the caller's union and approves the member's application. */
async function approveInConsole(page: Page, base: string, campaignId: number, maskedName: string, level: number): Promise<void> {
  await page.goto(`${base}/console/campaigns`);
  await page.locator(`.ant-table-row`).first().waitFor();
  await page.goto(`${base}/console/campaigns/${campaignId}`);
  await page.getByTestId('campaign-title').waitFor();
  const row = page.locator('.ant-table-row', { hasText: maskedName });
  await row.getByText(`第 ${level} 级`).waitFor();
  await row.getByRole('button', { name: /^通\s*过$/ }).click();
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.locator('.ant-modal-confirm-title', { hasText: `通过第 ${level} 级审核？` }).waitFor();
  await confirmWith(page, /^通\s*过$/);
  // approved: the application leaves this union's queue
  await row.waitFor({ state: 'detached', timeout: 30_000 });
}

describe('aid campaigns', () => {
  let server: CampaignServer;
  let browser: Browser;
  let base: string;
  let adminToken: string;

  beforeAll(async () => {
    server = await startCampaignServer();
    base = server.baseUrl;
    browser = await launchBrowser();
    const ctx = await browser.newContext();
    adminToken = await staffToken(ctx.request, base, 'admin');
    await ctx.close();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a member applies to a 金秋助学 on the phone; two levels approve in the console; the notice is published; the payout is made and the member sees it', async () => {
    // A worker logs in by SMS and becomes a member; their union is whatever routing gives.
    const mobile = await openPage(browser, phone);
    await workerLogsIn(mobile, base, adminToken, randomPhone('138'));
    const member = await joinAsApprovedMember(mobile, base, adminToken, '何助学');
    const masked = '何*学';

    // A reviewer account at the member's own union (the grassroots level), made by the province admin.
    const auth = { authorization: `Bearer ${adminToken}` };
    const reviewerName = `rv${Date.now() % 1_000_000}`;
    const made = await mobile.request.post(`${base}/api/staff`, {
      headers: auth,
      data: { orgId: member.orgId, username: reviewerName, displayName: '基层工会审核员', roles: ['reviewer'], password: REVIEWER_PASSWORD },
    });
    expect(made.status(), await made.text()).toBe(201);

    // 深圳's staff publish the campaign in the console: 积分, two levels (own union → 深圳市总工会).
    const title = `金秋助学 ${Date.now() % 100000}`;
    const city = await staffLogsIn(browser, base, 'shenzhen');
    const cityOrg = (await city.locator('.app-header-orgname').innerText()).trim();
    await onFailure(city, 'campaign-publish', async () => {
      await city.getByRole('menuitem', { name: '发布帮扶活动' }).click();
      await city.waitForURL(/\/console\/campaigns\/new$/);
      await city.getByLabel('活动名称').fill(title);
      await city.locator('.cmp-form').getByText('金秋助学', { exact: true }).click();
      await city.getByLabel('活动说明').fill('资助会员子女今年考入全日制普通高校，每人 500 积分。');
      await tick(city.getByRole('checkbox', { name: '录取通知书' }));
      await city.locator('.cmp-form').getByText('积分', { exact: true }).click();
      await city.getByLabel('资助名额').fill('10');
      await city.getByLabel('每人资助').fill('500');
      await city.getByLabel('预算总额').fill('5000');
      // the default levels: the applicant's own union, then the publishing union itself
      const levels = city.getByTestId('level-row');
      expect(await levels.count()).toBe(2);
      expect(await levels.nth(1).innerText()).toContain(cityOrg);
      await city.getByRole('button', { name: '发布帮扶活动' }).last().click();
      await city.waitForURL(/\/console\/campaigns\/\d+$/);
      await city.getByTestId('campaign-title').filter({ hasText: title }).waitFor();
    });
    const campaignId = Number(/\/campaigns\/(\d+)$/.exec(city.url())![1]);

    // The member finds it from the home page's 困难帮扶 tile and applies with the admission letter.
    const keys: string[] = [];
    mobile.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/campaigns/${campaignId}/applications`)) keys.push(req.headers()['idempotency-key'] ?? '');
    });
    await onFailure(mobile, 'campaign-apply', async () => {
      await mobile.goto(`${base}/`);
      await mobile.locator('.m-services').getByText('困难帮扶', { exact: true }).click();
      await mobile.waitForURL(/\/campaigns$/);
      const card = mobile.locator(`[data-campaign="${campaignId}"]`);
      await card.getByText('可申请').waitFor();
      expect(await card.innerText()).toContain('每人 500 积分');
      await card.click();
      await mobile.getByTestId('campaign-title').filter({ hasText: title }).waitFor();
      await mobile.getByRole('textbox', { name: /申请说明/ }).fill('孩子今年考上广东工业大学，家里靠我一人送外卖。');
      // submitting without the document is stopped on the page, with what is missing
      await mobile.getByTestId('apply-button').click();
      await mobile.getByText('请上传：录取通知书').waitFor();
      await mobile.getByLabel('上传录取通知书').setInputFiles({ name: '录取通知书.png', mimeType: 'image/png', buffer: PHOTO });
      await mobile.getByAltText('录取通知书预览').waitFor();
      await mobile.getByTestId('apply-button').click();
      await mobile.getByTestId('apply-outcome').getByText('申请已提交').waitFor();
    });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

    // Progress, step by step: submitted, level 1 under way at the member's union.
    await mobile.getByRole('button', { name: '查看审核进度' }).click();
    await mobile.waitForURL(/\/me\/campaign-applications$/);
    const item = mobile.getByTestId('my-application-item').filter({ hasText: title });
    await item.getByTestId('application-status').getByText('审核中').waitFor();
    await expect.poll(() => item.getByTestId('progress-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual(['done', 'current', 'pending', 'pending', 'pending']);

    // Level 1: the reviewer of the member's own union approves in the console.
    const grassroots = await staffLogsInWith(browser, base, reviewerName, REVIEWER_PASSWORD);
    await onFailure(grassroots, 'campaign-review-1', () => approveInConsole(grassroots, base, campaignId, masked, 1));
    // Level 2: the city approves (its queue now holds the application).
    await onFailure(city, 'campaign-review-2', async () => {
      await approveInConsole(city, base, campaignId, masked, 2);
      // the list as shown, as a spreadsheet
      const download = city.waitForEvent('download');
      await city.getByRole('button', { name: /导出 Excel/ }).click();
      expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
    });

    // The member sees both levels passed, with the city's name.
    await mobile.reload();
    await item.getByTestId('application-status').getByText('审核通过').waitFor();
    expect(await item.innerText()).toContain(`${cityOrg} 通过`);

    // The city starts the notice (公示): the masked list, the budget reserved.
    await onFailure(city, 'campaign-notice', async () => {
      await city.goto(`${base}/console/campaigns/${campaignId}?tab=notice`);
      await city.getByTestId('start-notice').click();
      await confirmWith(city, /^开始公示$/);
      await city.locator('.ant-table-row', { hasText: masked }).getByText('公示中').waitFor();
      expect(await city.getByTestId('budget-used').innerText()).toContain('500 积分 / 5,000 积分');
    });

    // The member sees the notice on the campaign's page, names masked, with 提出异议 on it.
    await mobile.goto(`${base}/campaigns/${campaignId}`);
    const row = mobile.getByTestId('notice-row').filter({ hasText: masked });
    await row.waitFor();
    expect(await mobile.getByTestId('notice-list').innerText()).not.toContain('何助学');
    await row.getByRole('button', { name: '提出异议' }).waitFor();

    // The notice period ends (days, moved into the past) with no objection: awarded.
    expect(await server.endNotice(campaignId)).toBe(1);
    await mobile.goto(`${base}/me/campaign-applications`);
    await item.getByTestId('application-status').getByText('已确定资助').waitFor();

    // The payout: 发放 shows one awarded without a payout and leads to 发放管理, where the run pays it in points.
    const runs: string[] = [];
    city.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/campaigns/${campaignId}/payouts/run`)) runs.push(req.headers()['idempotency-key'] ?? '');
    });
    await onFailure(city, 'campaign-payout', async () => {
      await city.goto(`${base}/console/campaigns/${campaignId}?tab=payouts`);
      const panel = city.getByTestId('payouts-panel');
      await panel.getByText('确定资助、待发放').waitFor();
      await panel.getByRole('button', { name: '前往发放管理' }).click();
      await city.waitForURL(new RegExp(`/console/campaigns/${campaignId}/payouts$`));
      await city.getByTestId('run-payouts').filter({ hasText: '1 人' }).click();
      await confirmWith(city, /^执行发放$/);
      await city.locator('.ant-message').getByText(/已生成 1 笔发放，1 笔积分已入账/).waitFor();
    });
    expect(runs).toHaveLength(1);

    // The member sees the payout on the application, and the points in 我的积分.
    await onFailure(mobile, 'campaign-payout-phone', async () => {
      await mobile.reload();
      const payout = item.getByTestId('application-payout');
      await payout.waitFor();
      expect(await payout.innerText()).toContain('500 积分');
      await payout.click();
      await mobile.waitForURL(/\/me\/payouts$/);
      const paid = mobile.getByTestId('payout-item').filter({ hasText: title });
      await paid.waitFor();
      expect(await paid.innerText()).toContain('500');
      await mobile.goto(`${base}/me/points`);
      await mobile.getByTestId('points-balance').getByText('500').waitFor();
      expect(await mobile.getByTestId('points-history').innerText()).toContain(title);
    });

    await mobile.context().close();
    await grassroots.context().close();
    await city.context().close();
  }, 300_000);
});
