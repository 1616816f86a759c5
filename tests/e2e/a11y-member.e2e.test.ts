// Issue 13 on the member site: every route of web/member/MemberApp.tsx is visited by a browser test,
// so the axe sweep (a11y-sweep.ts: when a context closes, each route it visited is checked at
// 390×844 and 1440×900) covers all of them; and each page, once loaded, has exactly one <main> and
// one <h1>. A worker who has not joined sees /join and the phone-change form; a joined member
// (memberOnPhone) every other page, an activity and an aid campaign in reach included; nobody logged
// in, the home and log-in pages. The join form is also checked in the states a sweep of its address
// does not open (its errors, the place sheet, a dialog), with the ties the kit makes for them.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './a11y.ts';
import { onFailure, openPage, phone } from './browser.ts';
import { randomPhone, workerLogsIn } from './people.ts';
import { browserSuite, memberOnPhone } from './suite.ts';

const baseUrl = inject('baseUrl');

/** Waits until the page has drawn its data: no spinner or loading card left. */
async function loaded(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.adm-dot-loading, .adm-spin-loading, .adm-skeleton, [aria-busy="true"]'));
}

/** Opens `path`, waits for `ready` (text or a test id the page shows once loaded) and counts its landmarks and headings. */
async function visit(page: Page, path: string, ready: string): Promise<void> {
  await onFailure(page, `a11y-member${path.replace(/\W+/g, '-')}`, async () => {
    await page.goto(`${baseUrl}${path}`);
    await page.waitForURL((u) => u.pathname === path.split('?')[0]);
    await (ready.startsWith('#') ? page.getByTestId(ready.slice(1)) : page.getByText(ready, { exact: false })).first().waitFor();
    await loaded(page);
    expect(new URL(page.url()).pathname, `${path} stayed on its own route`).toBe(path.split('?')[0]);
    expect(await page.locator('main').count(), `${path}: main landmarks`).toBe(1);
    expect(await page.locator('h1').count(), `${path}: level-one headings`).toBe(1);
  });
}

describe('member site accessibility: every route', () => {
  const suite = browserSuite(baseUrl);

  it('nobody logged in: the home and log-in pages have one main and one h1', async () => {
    const page = await openPage(suite.browser, phone);
    await visit(page, '/', '#home-services');
    await visit(page, '/login', '获取验证码');
    await page.context().close();
  });

  it('a worker who has not joined: the join form and the phone-change form', async () => {
    const page = await openPage(suite.browser, phone);
    await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('137'));
    await visit(page, '/join', '提交入会申请');
    await visit(page, '/me/phone', '核验并转到本手机号');
    await page.context().close();
  });

  it('the join form in the states the sweep does not open: errors tied to their fields, the place sheet and a dialog named, modal, giving the focus back', async () => {
    const page = await openPage(suite.browser, phone);
    await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('137'));
    await page.goto(`${baseUrl}/join`);
    await onFailure(page, 'a11y-member-join-states', async () => {
      // Sent empty: each error is announced (role=alert) and described on its field, which is marked invalid.
      await page.getByRole('button', { name: '提交入会申请' }).click();
      // (its label, tied to it, reads 姓名* with the required mark)
      const name = page.getByLabel(/^姓名\*?$/);
      await expect.poll(() => name.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await name.getAttribute('aria-describedby')) ?? '';
      const error = page.locator(`[id="${describedBy}"]`);
      expect(await error.getAttribute('role')).toBe('alert');
      expect(await error.textContent()).toBe('请填写真实姓名');
      await expectAccessible(page, 'join form with its errors');
      // Fixed, the field is no longer invalid.
      await name.fill('陆无障');
      await name.blur();
      await expect.poll(() => name.getAttribute('aria-invalid')).toBeNull();

      // No fixed employer: the platforms and the place picker; the place sheet is a named modal dialog holding the focus.
      await page.getByRole('switch', { name: /无固定单位/ }).click();
      const picker = page.getByRole('button', { name: /选择工作地点/ });
      await picker.click();
      const sheet = page.getByRole('dialog', { name: '选择工作地点' });
      await sheet.waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('选择工作地点');
      // its options are buttons a keyboard presses: Enter on the first city opens its counties, the focus staying in the sheet
      const city = sheet.locator('.adm-cascader-view-content').getByRole('button').first();
      await city.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => sheet.locator('.adm-tabs-tab').count()).toBe(2);
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('[role="dialog"]')?.getAttribute('aria-label'))).toBe('选择工作地点');
      await expectAccessible(page, 'join form with the place sheet open');
      await page.keyboard.press('Escape');
      await sheet.waitFor({ state: 'detached' });
      await expect.poll(() => picker.evaluate((el) => el === document.activeElement)).toBe(true);

      // The privacy notice: a named modal dialog, the focus on its button, given back to the link after.
      const link = page.getByRole('button', { name: '阅读《个人信息处理告知》全文' });
      await link.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: '个人信息处理告知' });
      await dialog.waitFor();
      await expect.poll(() => dialog.getAttribute('aria-modal')).toBe('true');
      const read = dialog.getByRole('button', { name: '我已阅读' });
      await expect.poll(() => read.evaluate((el) => el === document.activeElement)).toBe(true);
      await expectAccessible(page, 'join form with the privacy notice open');
      await read.click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(() => link.evaluate((el) => el === document.activeElement)).toBe(true);
    });
    await page.context().close();
  });

  it('a joined member: every other member page, an activity and an aid campaign included', async () => {
    const { mobile } = await memberOnPhone(suite, baseUrl, '136', '陆无障');
    const activities = (await (await mobile.request.get(`${baseUrl}/api/activities`, { params: { status: 'published', pageSize: 100 } })).json()) as { items: { id: number }[] };
    const campaigns = (await (await mobile.request.get(`${baseUrl}/api/me/campaigns`, { params: { pageSize: 100 } })).json()) as { items: { id: number }[] };
    expect(activities.items.length, 'the demo has an activity in the new member’s reach').toBeGreaterThan(0);
    expect(campaigns.items.length, 'the demo has an aid campaign in the new member’s reach').toBeGreaterThan(0);

    const pages: [path: string, ready: string][] = [
      ['/', '#welcome-card'],
      ['/me', '#membership'],
      ['/card', '#card-qr'],
      ['/activities', '#activity-card'],
      [`/activities/${activities.items[0]!.id}`, '#activity-title'],
      ['/me/signups', '还没有报名'],
      ['/me/points', '#points-balance'],
      ['/campaigns', '#campaign-card'],
      [`/campaigns/${campaigns.items[0]!.id}`, '#campaign-title'],
      ['/me/campaign-applications', '还没有申请'],
      ['/me/payouts', '#my-payouts'],
      ['/me/bank-account', '#bank-account-form'],
      ['/me/transfer', '申请转接'],
      ['/me/phone', '无需更换'],
    ];
    for (const [path, ready] of pages) await visit(mobile, path, ready);
    await mobile.context().close();
  }, 300_000);
});
