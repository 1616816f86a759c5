// Issue 13's first step: the member home page, the member log-in and the console log-in have no
// serious or critical axe violations, on a phone and on a desktop.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { expectAccessible } from './a11y.ts';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

const screens: { name: string; path: string; ready: (page: Page) => Promise<void> }[] = [
  { name: 'member-home', path: '/', ready: (page) => page.locator('.m-services').waitFor() },
  { name: 'member-login', path: '/login', ready: (page) => page.getByPlaceholder('请输入手机号码').waitFor() },
  { name: 'console-login', path: '/console/login', ready: (page) => page.getByLabel('用户名').waitFor() },
];

describe('accessibility (axe-core)', () => {
  const suite = browserSuite(baseUrl);

  for (const screen of screens) {
    for (const [size, viewport] of [['390x844', phone], ['1440x900', desktop]] as const) {
      it(`${screen.name} at ${size} has no serious or critical violations`, async () => {
        const page = await openPage(suite.browser, viewport);
        await page.goto(`${baseUrl}${screen.path}`);
        await screen.ready(page);
        await onFailure(page, `a11y-${screen.name}-${size}`, () => expectAccessible(page, `${screen.name} ${size}`));
        // axe rates these two only moderate, but issue 13 asks for them on every page.
        expect(await page.locator('main').count(), 'main landmarks').toBe(1);
        expect(await page.locator('h1').count(), 'level-one headings').toBe(1);
        await page.context().close();
      });
    }
  }
});
