// A newcomer's first journey on the fresh 'test' demo, at phone size: a 美团 rider with a new phone
// logs in by SMS code, joins in 化州市石湾街道, is approved by 化州 (as a union would, through the API),
// opens the card, signs up for an activity open that day and applies to a campaign open that day —
// each step reached by tapping what the home page offers, each step's result on screen, and never a
// tile or page that says 即将开放 or a refusal at the end.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { idNumberCheckChar } from '../../contracts/china-codes.ts';
import { launchBrowser, onFailure, openPage, phone } from './browser.ts';
import { randomPhone, readLoginCode, staffToken } from './people.ts';

const baseUrl = inject('baseUrl');

/** A valid ID number of a man born in 1996 in 化州 (440982), with a random sequence. */
function riderIdNumber(): string {
  const first17 = `44098219960612${String(1 + 2 * Math.floor(Math.random() * 450)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** Nothing on the page says a service is not there yet. */
async function noComingSoon(page: Page): Promise<void> {
  expect(await page.getByText('即将开放').count()).toBe(0);
}

async function tapService(page: Page, name: string): Promise<void> {
  await page.locator('.m-services').getByText(name, { exact: true }).click();
}

describe('first journey of a new member', () => {
  let browser: Browser;
  let adminToken: string;
  let huazhouToken: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    // one context each: a log-in ends the session the context's cookie carries
    for (const username of ['admin', 'huazhou'] as const) {
      const ctx = await browser.newContext();
      const token = await staffToken(ctx.request, baseUrl, username);
      if (username === 'admin') adminToken = token;
      else huazhouToken = token;
      await ctx.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a 美团 rider in 化州 logs in, joins, is approved, opens the card, signs up for an activity and applies to a campaign', async () => {
    const page = await openPage(browser, phone);
    const tel = randomPhone('138');
    const name = '吴骑手';

    // Home, then log in with the code the SMS carries (read from the outbox, as the demo allows).
    await page.goto(`${baseUrl}/`);
    await page.locator('.m-banner', { hasText: '智慧工会' }).waitFor();
    await noComingSoon(page);
    await onFailure(page, 'journey-login', async () => {
      await page.getByRole('button', { name: '登录 / 注册' }).first().click();
      await page.waitForURL(/\/login$/);
      await page.getByPlaceholder('请输入手机号码').fill(tel);
      await page.getByText('获取验证码').click();
      await page.getByText(/\d+ 秒后重发/).waitFor();
      await page.getByPlaceholder('6 位数字').fill(await readLoginCode(page.request, baseUrl, adminToken, tel));
      await page.locator('.m-consent .adm-checkbox-icon').first().click();
      await page.getByRole('button', { name: '登录', exact: true }).click();
      await page.waitForURL((u) => !u.pathname.endsWith('/login'));
    });

    // Not a member yet: to the join form (where log-in leads, or by the 入会 tile).
    await onFailure(page, 'journey-join', async () => {
      if (!page.url().endsWith('/join')) {
        await page.goto(`${baseUrl}/`);
        await tapService(page, '入会');
        await page.waitForURL(/\/join$/);
      }
      await page.getByRole('button', { name: '提交入会申请' }).waitFor();
      await noComingSoon(page);
      await page.getByPlaceholder('与身份证上的姓名一致').fill(name);
      await page.getByPlaceholder('18 位，末位可能是 X').fill(riderIdNumber());
      await page.getByRole('switch', { name: '无固定单位（新就业形态）' }).click();
      await page.locator('.m-platforms').getByText('美团', { exact: true }).click();
      await page.getByRole('button', { name: '选择工作地点' }).click();
      const sheet = page.locator('.adm-cascader-view');
      await sheet.getByText('茂名市', { exact: true }).click();
      await sheet.getByText('化州市', { exact: true }).click();
      await sheet.getByText('石湾街道', { exact: true }).click();
      await sheet.waitFor({ state: 'hidden' });
      await page.locator('.m-join-consent .adm-checkbox').click();
    });
    const [joinAnswer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/members/join')),
      page.getByRole('button', { name: '提交入会申请' }).click(),
    ]);
    expect(joinAnswer.status()).toBe(201);
    const joined = (await joinAnswer.json()) as { applicationId: number; status: 'pending' | 'approved'; org: { name: string } };
    const result = page.getByTestId('join-result');
    await result.waitFor();
    expect(await result.innerText()).toContain(`您将加入：${joined.org.name}`);
    expect(joined.org.name).toMatch(/^化州市/);

    // 化州's staff approve the application (石湾 lies in 化州's scope), as the union would.
    if (joined.status === 'pending') {
      await result.getByText('待审核').waitFor();
      const approve = await page.request.post(`${baseUrl}/api/members/applications/${joined.applicationId}/approve`, {
        headers: { authorization: `Bearer ${huazhouToken}` },
        data: {},
      });
      expect(approve.status(), await approve.text()).toBe(200);
    }

    // Back on the home page, reopened: welcomed as a member of that union.
    await page.goto(`${baseUrl}/`);
    await page.locator('.m-login-card', { hasText: `${joined.org.name}会员` }).waitFor();
    await noComingSoon(page);

    // 电子会员证: the card with its QR code.
    await onFailure(page, 'journey-card', async () => {
      await tapService(page, '电子会员证');
      await page.waitForURL(/\/card$/);
      await page.getByTestId('card-qr').waitFor();
      expect(await page.getByTestId('card-member-no').innerText()).toMatch(/^GH\d+$/);
      expect(await page.getByTestId('member-card').innerText()).toContain(joined.org.name);
      await noComingSoon(page);
    });

    // 普惠活动: an activity open today, signed up for.
    await page.goBack();
    await page.waitForURL((u) => u.pathname === '/');
    const activityTitle = await onFailure(page, 'journey-activity', async () => {
      await tapService(page, '普惠活动');
      await page.waitForURL(/\/activities$/);
      const open = page.getByTestId('activity-card').filter({ hasText: '可报名' });
      await open.first().waitFor();
      await noComingSoon(page);
      const title = await open.first().locator('.a-card-title').innerText();
      await open.first().click();
      await page.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      await page.getByTestId('signup-button').click();
      const outcome = page.getByTestId('signup-outcome');
      await outcome.getByText('报名成功').waitFor();
      expect(await outcome.getAttribute('data-status')).toBe('confirmed');
      await noComingSoon(page);
      return title;
    });
    expect(activityTitle.length).toBeGreaterThan(0);

    // 困难帮扶: a campaign open today, applied to.
    await page.goto(`${baseUrl}/`);
    await onFailure(page, 'journey-campaign', async () => {
      await tapService(page, '困难帮扶');
      await page.waitForURL(/\/campaigns$/);
      const open = page.getByTestId('campaign-card').filter({ hasText: '可申请' });
      await open.first().waitFor();
      await noComingSoon(page);
      const title = await open.first().locator('.a-card-title').innerText();
      await open.first().click();
      await page.getByTestId('campaign-title').filter({ hasText: title }).waitFor();
      await page.getByTestId('apply-button').click();
      const outcome = page.getByTestId('apply-outcome');
      await outcome.getByText('申请已提交').waitFor();
      expect(await outcome.getAttribute('data-status')).toBe('in_review');
      await noComingSoon(page);
    });

    // Nothing sticks out sideways on the phone at the end of it.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
