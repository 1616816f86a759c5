// The member card end to end: a rider's phone shows the card with its QR code; staff of another
// city paste that code on 验证会员证 and see 有效会员; a forged code shows 伪造; with the network
// gone the page still verifies from the keys and revocations it synced.
import { mkdirSync } from 'node:fs';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { desktop, launchBrowser, openPage, phone } from './browser.ts';
import { DEMO_ORGS, freshIdNumber, townOf } from './people.ts';

const baseUrl = inject('baseUrl');


async function staffToken(request: APIRequestContext, username: string): Promise<string> {
  const res = await request.post(`${baseUrl}/api/auth/login`, { data: { username, password: 'gonghui-demo' } });
  expect(res.status()).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

/** Logs a worker in by SMS on the page's own context (cookie session) and joins as a 深圳 rider. */
async function joinAsRider(page: Page, adminToken: string): Promise<{ memberNo: string; memberId: number }> {
  const phoneNo = `199${String(Date.now()).slice(-8)}`;
  const r = page.request;
  expect((await r.post(`${baseUrl}/api/auth/sms-code`, { data: { phone: phoneNo } })).status()).toBe(200);
  const outbox = await r.get(`${baseUrl}/api/outbox?to=${phoneNo}`, { headers: { authorization: `Bearer ${adminToken}` } });
  const code = /验证码为 (\d{6})/.exec(((await outbox.json()) as { items: { body: string }[] }).items[0]!.body)![1]!;
  const login = await r.post(`${baseUrl}/api/auth/member-login`, { data: { phone: phoneNo, code } });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const townId = await townOf(r, baseUrl, adminToken, DEMO_ORGS.nanshan);
  const joined = await r.post(`${baseUrl}/api/members/join`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { name: '陈卡证', idNumber: freshIdNumber(), gigPlatform: '美团', workOrgId: townId, consent: true },
  });
  expect(joined.status(), await joined.text()).toBe(201);
  expect(((await joined.json()) as { status: string }).status).toBe('approved');
  const me = (await (await r.get(`${baseUrl}/api/me`)).json()) as { member: { memberNo: string; id: number } };
  return { memberNo: me.member.memberNo, memberId: me.member.id };
}

async function verifyOnPage(page: Page, token: string): Promise<{ verdict: string | null; source: string | null; text: string }> {
  const before = await page.getByTestId('verify-result').getAttribute('data-at');
  await page.getByTestId('verify-token-input').fill(token);
  await page.getByRole('button', { name: /验\s*证/ }).click();
  const result = page.getByTestId('verify-result');
  // wait for a new answer (the panel is re-made for each check)
  await page.waitForFunction(
    (prev) => {
      const el = document.querySelector('[data-testid="verify-result"]');
      const at = el?.getAttribute('data-at');
      return !!at && at !== prev;
    },
    before,
  );
  return { verdict: await result.getAttribute('data-verdict'), source: await result.getAttribute('data-source'), text: await result.innerText() };
}

describe('member card', () => {
  let browser: Browser;
  let adminToken: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const ctx = await (await openPage(browser, desktop)).context();
    adminToken = await staffToken(ctx.request, 'admin');
    await ctx.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('the phone shows the card and its QR; staff of another city verify it online and offline; a forged one is 伪造', async () => {
    mkdirSync('tmp', { recursive: true });
    const mobile = await openPage(browser, phone);
    const { memberNo } = await joinAsRider(mobile, adminToken);
    await mobile.goto(`${baseUrl}/card`);
    const qr = mobile.getByTestId('card-qr');
    await qr.waitFor().catch(async (e) => {
      await mobile.screenshot({ path: 'tmp/card-phone-fail.png', fullPage: true });
      throw e;
    });
    await mobile.getByTestId('card-member-no').filter({ hasText: memberNo }).waitFor();
    await mobile.getByText('陈*证').waitFor();
    await mobile.getByText(DEMO_ORGS.shenzhenRiders).first().waitFor();
    await mobile.getByText(/\d+ 秒后自动刷新/).waitFor();
    for (const s of ['困难帮扶', '教育助推', '文化滋养', '修心健体']) {
      await mobile.getByTestId('card-services').getByText(s, { exact: true }).waitFor();
    }
    expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 100)).toBe(true);
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await mobile.screenshot({ path: 'tmp/card-phone.png', fullPage: true });
    const token = (await qr.getAttribute('data-token'))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    const console_ = await openPage(browser, desktop);
    await console_.goto(`${baseUrl}/console/login`);
    await console_.getByLabel('用户名').fill('huazhou');
    await console_.getByLabel('密码', { exact: true }).fill('gonghui-demo');
    await console_.getByRole('button', { name: /登\s*录/ }).click();
    await console_.getByRole('menuitem', { name: '验证会员证' }).click();
    await console_.waitForURL(/\/console\/verify-card$/);
    await console_.getByTestId('verify-sync-status').filter({ hasText: /公钥 \d+ 个/ }).waitFor();

    const online = await verifyOnPage(console_, token);
    expect(online).toMatchObject({ verdict: 'valid', source: 'online' });
    expect(online.text).toContain('有效会员');
    expect(online.text).toContain(memberNo);
    expect(online.text).toContain(DEMO_ORGS.shenzhenRiders);
    await console_.screenshot({ path: 'tmp/card-verify-online.png' });

    const [head, sig] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    const forged = `${Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 3600 })).toString('base64url')}.${sig}`;
    const refused = await verifyOnPage(console_, forged);
    expect(refused).toMatchObject({ verdict: 'forged', source: 'online' });
    expect(refused.text).toContain('伪造');
    expect((await verifyOnPage(console_, 'hello')).text).toContain('无法识别');

    // the network goes: the page verifies from what it synced
    await console_.context().setOffline(true);
    const offline = await verifyOnPage(console_, token);
    expect(offline).toMatchObject({ verdict: 'valid', source: 'offline' });
    expect(offline.text).toContain('有效会员');
    expect(offline.text).toContain('陈*证');
    await console_.screenshot({ path: 'tmp/card-verify-offline.png' });
    expect(await verifyOnPage(console_, forged)).toMatchObject({ verdict: 'forged', source: 'offline' });
    await console_.context().setOffline(false);

    await mobile.context().close();
    await console_.context().close();
  });

  it('a card revoked after the last sync is 已注销 offline once synced again', async () => {
    const mobile = await openPage(browser, phone);
    const { memberId } = await joinAsRider(mobile, adminToken);
    await mobile.goto(`${baseUrl}/card`);
    const token = (await mobile.getByTestId('card-qr').getAttribute('data-token'))!;

    const staff = await openPage(browser, desktop);
    await staff.goto(`${baseUrl}/console/login`);
    await staff.getByLabel('用户名').fill('shenzhen');
    await staff.getByLabel('密码', { exact: true }).fill('gonghui-demo');
    await staff.getByRole('button', { name: /登\s*录/ }).click();
    await staff.getByRole('menuitem', { name: '验证会员证' }).click();
    await staff.getByTestId('verify-sync-status').filter({ hasText: /公钥 \d+ 个/ }).waitFor();

    // (through the province admin's bearer session: a second log-in as shenzhen would end the page's)
    const suspended = await staff.request.post(`${baseUrl}/api/members/${memberId}/status`, {
      headers: { authorization: `Bearer ${adminToken}` },
      data: { status: 'suspended', reason: '离线注销测试' },
    });
    expect(suspended.status()).toBe(200);
    await staff.getByRole('button', { name: /立即同步/ }).click();
    await staff.getByText('离线验证数据已同步').waitFor();
    await staff.context().setOffline(true);
    const result = await verifyOnPage(staff, token);
    expect(result).toMatchObject({ verdict: 'revoked', source: 'offline' });
    expect(result.text).toContain('已注销');
    await staff.context().close();
    await mobile.context().close();
  });
});
