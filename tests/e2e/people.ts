// The people of the activity browser tests and screenshots: staff logging in to the console, and
// a worker logging in on a phone by SMS (the code read from the outbox by the province admin, as the
// demo allows) who then becomes an approved member. Nothing here depends on generated demo names:
// the member's union is whatever routing gives and is read back from GET /api/me.
import { randomInt } from 'node:crypto';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { idNumberCheckChar } from '../../contracts/china-codes.ts';
import { desktop, openPage } from './browser.ts';
import { DEMO_ORGS } from '../../server/db/seed/demo-keys.ts';

/** The demo's unions by key (their names, as the pages show them and the org search finds them). */
export { DEMO_ORGS };

/**
 * A valid ID number born in 1992 in 南山区 (440305), different on each call: the birthday and the
 * serial are random (336,000 combinations, so the suite's few hundred workers do not meet).
 */
export function freshIdNumber(): string {
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  const first17 = `4403051992${month}${day}${String(randomInt(1000)).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function randomPhone(prefix = '139'): string {
  return prefix + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

/** A bearer token of a demo staff account, for reading the outbox without touching any page's cookies. */
export async function staffToken(request: APIRequestContext, base: string, username = 'admin'): Promise<string> {
  const res = await request.post(`${base}/api/auth/login`, { data: { username, password: 'gonghui-demo' } });
  if (res.status() !== 200) throw new Error(`log-in as ${username}: ${res.status()}`);
  return ((await res.json()) as { token: string }).token;
}

/** The newest login code sent to a phone. */
export async function readLoginCode(request: APIRequestContext, base: string, adminToken: string, tel: string): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const res = await request.get(`${base}/api/outbox`, { params: { to: tel }, headers: { authorization: `Bearer ${adminToken}` } });
    const { items } = (await res.json()) as { items: { body: string; kind: string }[] };
    const code = items.find((n) => n.kind === 'login_code')?.body.match(/\d{6}/)?.[0];
    if (code) return code;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no login code in the outbox for ${tel}`);
}

/** Logs a worker in on the phone site by SMS code, through the log-in page. */
export async function workerLogsIn(page: Page, base: string, adminToken: string, tel: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByPlaceholder('请输入手机号码').fill(tel);
  await page.getByText('获取验证码').click();
  await page.getByText(/\d+ 秒后重发/).waitFor();
  const code = await readLoginCode(page.request, base, adminToken, tel);
  await page.getByPlaceholder('6 位数字').fill(code);
  await page.locator('.m-consent .adm-checkbox-icon').first().click();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}

/** A town of the county whose union is named `countyUnion` (南山区: 美团 riders go to the riders' federation of 深圳, approved at once). */
export async function townOf(r: APIRequestContext, base: string, adminToken: string, countyUnion: string): Promise<number> {
  const auth = { authorization: `Bearer ${adminToken}` };
  const found = (await (await r.get(`${base}/api/orgs`, { params: { q: countyUnion }, headers: auth })).json()) as { items: { id: number; name: string }[] };
  const county = found.items.find((o) => o.name === countyUnion);
  if (!county) throw new Error(`no ${countyUnion}`);
  const children = (await (await r.get(`${base}/api/orgs/${county.id}/children?pageSize=200`, { headers: auth })).json()) as { items: { id: number; level: string }[] };
  const town = children.items.find((o) => o.level === 'town');
  if (!town) throw new Error(`no town under ${countyUnion}`);
  return town.id;
}

export interface Member {
  memberNo: string;
  name: string;
  orgId: number;
  orgName: string;
}

/**
 * The logged-in worker of `page` joins as a 美团 rider working in 南山区 (through the API: the join
 * form has its own tests) and is a member at once. Returns the membership as GET /api/me gives it.
 */
export async function joinAsApprovedMember(page: Page, base: string, adminToken: string, name: string, idNumber = freshIdNumber()): Promise<Member> {
  const r = page.request;
  const me = (await (await r.get(`${base}/api/me`)).json()) as { csrfToken: string };
  const joined = await r.post(`${base}/api/members/join`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { name, idNumber, gigPlatform: '美团', workOrgId: await townOf(r, base, adminToken, DEMO_ORGS.nanshan), consent: true },
  });
  if (joined.status() !== 201) throw new Error(`join: ${joined.status()} ${await joined.text()}`);
  const after = (await (await r.get(`${base}/api/me`)).json()) as { member: { memberNo: string; status: string; org: { id: number; name: string } } | null };
  if (after.member?.status !== 'active') throw new Error(`not an active member after joining: ${JSON.stringify(after.member)}`);
  return { memberNo: after.member.memberNo, name, orgId: after.member.org.id, orgName: after.member.org.name };
}

/** A console page logged in as a demo staff account, landed on the 工作台. */
export function staffLogsIn(browser: Browser, base: string, username: string, viewport = desktop, timezoneId?: string): Promise<Page> {
  return staffLogsInWith(browser, base, username, 'gonghui-demo', viewport, timezoneId);
}

/** The id of the union named exactly `name`, found by the console's own search (GET /api/orgs?q=). */
export async function findOrgId(request: APIRequestContext, base: string, token: string, name: string): Promise<number> {
  const res = await request.get(`${base}/api/orgs`, { params: { q: name }, headers: { authorization: `Bearer ${token}` } });
  const found = (await res.json()) as { items: { id: number; name: string }[] };
  const org = found.items.find((o) => o.name === name);
  if (!org) throw new Error(`no union named ${name}`);
  return org.id;
}

/** A staff account made through the API by an admin whose scope holds `orgId`. */
export async function makeStaff(
  request: APIRequestContext,
  base: string,
  adminToken: string,
  account: { orgId: number; username: string; displayName: string; roles: string[]; password: string },
): Promise<void> {
  const res = await request.post(`${base}/api/staff`, { headers: { authorization: `Bearer ${adminToken}` }, data: account });
  if (res.status() !== 201) throw new Error(`staff ${account.username}: ${res.status()} ${await res.text()}`);
}

/** A console page logged in as a staff account (the demo's, or one the test made with its own password), landed on the 工作台. */
export async function staffLogsInWith(browser: Browser, base: string, username: string, password: string, viewport = desktop, timezoneId?: string): Promise<Page> {
  const page = await openPage(browser, viewport, timezoneId);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/console/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/console\/workbench/);
  return page;
}
