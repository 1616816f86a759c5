// The member's 法律援助 screens as steps another browser test can chain: ask for help on the phone
// (from the home tile, with photos), and rate a closed request; and the staff side through the API
// (a handler at the holding union, accept, close with money recovered) for tests that do not drive
// the console's ticket screens.
import { expect } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { makeStaff } from './people.ts';

/** A tiny real JPEG (the server sniffs the bytes): what a phone's camera would send, much smaller. */
export const PHOTO_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

export interface AskOnPhone {
  /** 咨询 / 求助 / 投诉 / 申请法律援助 */
  type: string;
  /** 欠薪, 劳动合同 … */
  category: string;
  description: string;
  /** a gig worker: the platform and the place worked [city, county, town] */
  gig?: { platform: string; place: [string, string, string] };
  /** a contact name, asked when the worker is not a member */
  contactName?: string;
  photos?: { name: string; buffer: Buffer; mimeType?: string }[];
}

export interface Asked {
  ticketId: number;
  union: string;
  deadline: string;
}

async function pickPlace(page: Page, [city, county, town]: [string, string, string]): Promise<void> {
  await page.getByRole('button', { name: '选择工作地点' }).click();
  const sheet = page.locator('.adm-cascader-view');
  await sheet.getByText(city, { exact: true }).click();
  await sheet.getByText(county, { exact: true }).click();
  await sheet.getByText(town, { exact: true }).click();
  await sheet.waitFor({ state: 'hidden' });
}

/**
 * On the member site's home page of `page` (logged in): 法律援助 → 我要求助, the form filled and sent,
 * the photos uploaded; answers the new request's id, its union and its deadline as the result shows them.
 */
export async function askForHelpOnPhone(page: Page, base: string, ask: AskOnPhone, shoot?: (name: string) => Promise<void>): Promise<Asked> {
  await page.goto(`${base}/`);
  await page.locator('[data-service="legalAid"]').first().click();
  await page.waitForURL(/\/rights$/);
  await page.getByTestId('hotline-link').waitFor();
  expect(await page.getByTestId('hotline-link').getAttribute('href')).toBe('tel:12351');
  await shoot?.('rights-landing');
  await page.getByTestId('ask-button').click();
  await page.waitForURL(/\/rights\/ask$/);
  const form = page.locator('.r-ask-form');
  await form.locator('.r-selector').first().getByText(ask.type, { exact: true }).click();
  await form.locator('.r-selector').nth(1).getByText(ask.category, { exact: true }).click();
  await page.getByLabel('发生了什么').fill(ask.description);
  if (ask.contactName) await page.getByPlaceholder('如：李师傅').fill(ask.contactName);
  if (ask.gig) {
    await page.getByRole('switch', { name: '无固定单位（新就业形态）' }).click();
    await page.locator('.m-platforms').getByText(ask.gig.platform, { exact: true }).click();
    await pickPlace(page, ask.gig.place);
  }
  if (ask.photos?.length) {
    await page.getByLabel('添加照片或文件').setInputFiles(ask.photos.map((p) => ({ name: p.name, mimeType: p.mimeType ?? 'image/jpeg', buffer: p.buffer })));
    await expect.poll(() => page.getByTestId('picked-file').count()).toBe(ask.photos.length);
  }
  await shoot?.('rights-ask');
  await page.getByRole('button', { name: '提交求助' }).click();
  await page.getByTestId('ask-result').waitFor();
  if (ask.photos?.length) {
    await expect.poll(() => page.locator('[data-testid="picked-file"][data-state="done"]').count(), { timeout: 15_000 }).toBe(ask.photos.length);
  }
  await shoot?.('rights-asked');
  const union = (await page.getByTestId('result-union').textContent())!.trim();
  const deadline = (await page.getByTestId('result-deadline').textContent())!.trim();
  await page.getByTestId('open-ticket').click();
  await page.waitForURL(/\/rights\/\d+$/);
  const ticketId = Number(/\/rights\/(\d+)$/.exec(page.url())![1]);
  await page.getByTestId('ticket-detail').waitFor();
  return { ticketId, union, deadline };
}

/** On the request's page: rates it `rating` (1–5) with a comment; the form goes and the rating shows. */
export async function rateOnPhone(page: Page, base: string, ticketId: number, rating: number, comment = '', shoot?: (name: string) => Promise<void>): Promise<void> {
  await page.goto(`${base}/rights/${ticketId}`);
  const form = page.getByTestId('rating-form');
  await form.waitFor();
  await form.locator('.r-rating').getByText(new RegExp(`^${rating} 分`)).click();
  if (comment) await form.locator('textarea').fill(comment);
  await shoot?.('rights-rate');
  await form.getByTestId('rate-button').click();
  await page.getByTestId('detail-rating').waitFor();
  await expect.poll(() => page.getByTestId('rating-form').count()).toBe(0);
}

/**
 * A handler at the union `orgId` (an account made for the test), logged in through the API: its bearer
 * token. Use a request context of its own: the log-in sets a session cookie on the context.
 */
export async function handlerToken(request: APIRequestContext, base: string, adminToken: string, orgId: number, username: string): Promise<string> {
  const password = 'Rights-handler-2026';
  await makeStaff(request, base, adminToken, { orgId, username, displayName: '维权经办人', roles: ['clerk'], password });
  const res = await request.post(`${base}/api/auth/login`, { data: { username, password } });
  if (res.status() !== 200) throw new Error(`log-in as ${username}: ${res.status()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The holding union's staff accept the ticket and close it with `result` and `recoveredFen`, through the API. */
export async function acceptAndCloseThroughApi(request: APIRequestContext, base: string, token: string, ticketId: number, result: string, recoveredFen: number): Promise<void> {
  const headers = () => ({ authorization: `Bearer ${token}`, 'idempotency-key': `e2e-${ticketId}-${Math.random().toString(16).slice(2)}` });
  const accepted = await request.post(`${base}/api/tickets/${ticketId}/accept`, { headers: headers(), data: {} });
  if (accepted.status() !== 200) throw new Error(`accept: ${accepted.status()} ${await accepted.text()}`);
  const closed = await request.post(`${base}/api/tickets/${ticketId}/close`, { headers: headers(), data: { result, recoveredFen } });
  if (closed.status() !== 200) throw new Error(`close: ${closed.status()} ${await closed.text()}`);
}

// Run alone, this file takes the screenshots of the member's 法律援助 screens (390×844, care mode too)
// as the log-in page's first demo member sees them (the demo seed gives them a closed request to rate):
//   npm run build:web && npx tsx tests/e2e/rights-screens.ts   → tmp/screenshots/member-rights-*.png
if (process.argv[1]?.endsWith('rights-screens.ts')) {
  const { mkdir } = await import('node:fs/promises');
  const { startServer } = await import('./server.ts');
  const { launchBrowser, openPage, phone } = await import('./browser.ts');
  const { staffToken, workerLogsIn } = await import('./people.ts');
  await mkdir('tmp/screenshots', { recursive: true });
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const base = server.baseUrl;
    const ctx = await browser.newContext();
    const admin = await staffToken(ctx.request, base, 'admin');
    const page = await openPage(browser, phone);
    const shoot = async (name: string) => {
      await page.waitForTimeout(300);
      await page.screenshot({ path: `tmp/screenshots/member-rights-${name}.png` });
      console.log(`tmp/screenshots/member-rights-${name}.png`);
    };
    const demoPhone = ((await (await ctx.request.get(`${base}/api/demo`)).json()) as { members: { phone: string }[] }).members[0]!.phone;
    await workerLogsIn(page, base, admin, demoPhone);
    await page.goto(`${base}/rights`);
    await page.getByTestId('my-ticket').first().waitFor();
    await shoot('landing');
    await page.getByTestId('my-ticket').filter({ hasText: '请评价' }).first().click();
    await page.getByTestId('rating-form').waitFor();
    await shoot('closed');
    await page.locator('.r-rating').getByText(/^2 分/).click();
    await page.getByTestId('rating-form').scrollIntoViewIfNeeded();
    await shoot('rate-unhappy');
    await page.goto(`${base}/rights/ask`);
    await page.getByRole('textbox', { name: '工作单位' }).pressSequentially('大鹏机械', { delay: 50 });
    await page.getByRole('list', { name: '单位建议' }).locator('button').first().click();
    await page.locator('.r-consent').waitFor();
    await page.locator('.r-consent').scrollIntoViewIfNeeded();
    await shoot('ask-employer');
    await page.evaluate(() => {
      localStorage.setItem('gonghui.careMode', '1');
    });
    await page.goto(`${base}/rights`);
    await page.getByTestId('my-ticket').first().waitFor();
    await shoot('landing-care');
    await page.goto(`${base}/rights/ask`);
    await page.getByLabel('发生了什么').waitFor();
    await shoot('ask-care');
  } finally {
    await browser.close();
    await server.stop();
  }
}
