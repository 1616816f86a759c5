// What most browser tests open first: one browser for the describe block and the province admin's
// bearer token (it reads the outbox for SMS codes), and a worker who has joined on a phone.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser, openPage, phone } from './browser.ts';
import { joinAsApprovedMember, randomPhone, staffToken, workerLogsIn, type Member } from './people.ts';

export interface BrowserSuite {
  browser: Browser;
  adminToken: string;
}

/** Launches the browser before the block's tests and closes it after them; call inside `describe`. */
export function browserSuite(base: string): BrowserSuite {
  const suite = {} as BrowserSuite;
  beforeAll(async () => {
    suite.browser = await launchBrowser();
    const ctx = await suite.browser.newContext();
    suite.adminToken = await staffToken(ctx.request, base, 'admin');
    await ctx.close();
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}

/** A worker logged in by SMS on a phone page (a fresh number starting `prefix`) who has joined as `name`. */
export async function memberOnPhone(suite: BrowserSuite, base: string, prefix: string, name: string): Promise<{ mobile: Page; member: Member }> {
  const mobile = await openPage(suite.browser, phone);
  await workerLogsIn(mobile, base, suite.adminToken, randomPhone(prefix));
  return { mobile, member: await joinAsApprovedMember(mobile, base, suite.adminToken, name) };
}
