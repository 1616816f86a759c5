// The member site on a phone: the home page and its services, and the SMS log-in form's checks
// (the whole log-in and join flow is in membership.e2e.test.ts).
import { describe, expect, inject, it } from 'vitest';
import { openPage, phone } from './browser.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

describe('member site', () => {
  const suite = browserSuite(baseUrl);

  it('renders the home page at 390×844 with the services grid', async () => {
    const page = await openPage(suite.browser, phone);
    await page.goto(`${baseUrl}/`);
    await page.locator('.m-banner', { hasText: '智慧工会' }).waitFor();
    const grid = page.locator('.m-services');
    for (const name of ['入会', '电子会员证', '普惠活动', '积分', '困难帮扶', '教育助推', '文化滋养', '修心健体']) {
      await grid.getByText(name, { exact: true }).waitFor();
    }
    // Nothing sticks out sideways on a phone, and no tile is a dead end (services.e2e.test.ts opens each).
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.getByText('即将开放').count()).toBe(0);
    await page.context().close();
  });

  it('checks the phone number on the log-in form', async () => {
    const page = await openPage(suite.browser, phone);
    await page.goto(`${baseUrl}/`);
    await page.getByRole('button', { name: '登录' }).first().click();
    await page.waitForURL(/\/login$/);
    const phoneInput = page.getByPlaceholder('请输入手机号码');
    await phoneInput.fill('12345');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('请输入正确的 11 位手机号码').waitFor();
    await page.getByText('请输入验证码').waitFor();

    // A good number gets a code and the button counts down to the next one.
    await phoneInput.fill('13800138000');
    await page.getByText('获取验证码').click();
    await page.getByText(/\d+ 秒后重发/).waitFor();
    expect(await page.getByText('即将开放').count()).toBe(0);
    // A wrong code is refused with the server's message.
    await page.getByPlaceholder('6 位数字').fill('000000');
    await page.locator('.m-consent .adm-checkbox-icon').first().click();
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(page.url()).toMatch(/\/login$/);
    await page.context().close();
  });
});
