// 关怀模式 (care mode) of the member site, issue 13: the switch on the home page turns it on and off,
// and the device remembers it (a reload, a new page); on, text is at least 18px, every control at
// least 48px high, text contrast AAA (axe's color-contrast-enhanced) on home, log-in, card, the
// activity list and an activity, phone and desktop; the home notice stands still; the log-in says how
// long a code stays valid; the card announces a new QR code politely, not its seconds. Every page of
// the member site is walked in care mode (sideways, text size, target size). Screenshots: tmp/care/.
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { SMS_CODE_TTL_SECONDS } from '../../server/modules/auth/member-auth.service.ts';
import { expectAccessible } from './a11y.ts';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { staffToken } from './people.ts';
import { browserSuite, memberOnPhone } from './suite.ts';

const baseUrl = inject('baseUrl');

/** The contract of care.ts: the device's memory and the document root's mark. */
const CARE_KEY = 'gonghui.careMode';

const careMark = (page: Page) => page.evaluate(() => document.documentElement.getAttribute('data-care'));
const stored = (page: Page) => page.evaluate((key) => window.localStorage.getItem(key), CARE_KEY);

/** Every page the context opens from now on starts in care mode, as a device that switched it on. */
async function careOnFor(context: BrowserContext): Promise<void> {
  await context.addInitScript((key) => window.localStorage.setItem(key, '1'), CARE_KEY);
}

function shoot(page: Page, name: string): Promise<Buffer> {
  mkdirSync('tmp/care', { recursive: true });
  return page.screenshot({ path: `tmp/care/${name}.png` });
}

/** Scrolls the page's scrolling body (.m-scroll) to the bottom, for a second screenshot. */
async function scrollDown(page: Page): Promise<void> {
  await page.evaluate(() => document.querySelector('.m-scroll')?.scrollTo(0, 100_000));
}

/**
 * What falls short of care mode on the page as it stands: visible text below 18px, and visible
 * controls (buttons, links, role=button/switch/tab, inputs) less than 48px high or cut off, each described.
 */
function shortfalls(page: Page): Promise<{ smallText: string[]; smallTargets: string[] }> {
  return page.evaluate(() => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none' && !el.closest('[aria-hidden="true"]');
    };
    const describe = (el: Element) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 16)}"`;
    const smallText: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || !shown(el)) continue;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 18) smallText.push(`${describe(el)} ${size}px`);
    }
    const smallTargets: string[] = [];
    const controls = document.querySelectorAll('button, a[href], [role="button"], [role="switch"], [role="tab"], input:not([type="hidden"]), textarea, select');
    for (const el of controls) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 48) smallTargets.push(`${describe(el)} ${Math.round(r.height)}px`);
      // cut off: its words wider than itself, or itself wider than the box that clips it
      if (el.scrollWidth > el.clientWidth + 1 && !['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)) smallTargets.push(`${describe(el)} cut off`);
      let clip = el.parentElement;
      while (clip && getComputedStyle(clip).overflowX === 'visible') clip = clip.parentElement;
      const box = clip?.getBoundingClientRect();
      if (box && (r.right > box.right + 1 || r.left < box.left - 1)) smallTargets.push(`${describe(el)} outside its box`);
    }
    return { smallText, smallTargets };
  });
}

async function expectCareSized(page: Page): Promise<void> {
  const found = await shortfalls(page);
  expect(found.smallText, 'text below 18px').toEqual([]);
  expect(found.smallTargets, 'controls below 48px').toEqual([]);
}

/** Nothing sticks out sideways (the page is not wider than the window). */
async function expectNoSideways(page: Page, what: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${what} sticks out sideways`).toBeLessThanOrEqual(0);
}

describe('care mode (关怀模式)', () => {
  const suite = browserSuite(baseUrl);
  let member: { page: Page; orgId: number };
  let activityId: number;

  beforeAll(async () => {
    // A member on a phone who switched care mode on, and an open activity of the member's union.
    const { mobile, member: m } = await memberOnPhone(suite, baseUrl, '137', '关怀测');
    await careOnFor(mobile.context());
    member = { page: mobile, orgId: m.orgId };
    const ctx = await suite.browser.newContext();
    const szToken = await staffToken(ctx.request, baseUrl, 'shenzhen');
    const at = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const res = await ctx.request.post(`${baseUrl}/api/activities`, {
      headers: { authorization: `Bearer ${szToken}` },
      data: {
        title: '“夏送清凉”关怀专场：环卫工人、保安员防暑物资发放', kind: 'cooling', orgId: m.orgId, places: 100, allocation: 'first_come',
        signupOpensAt: at(-60), signupClosesAt: at(24 * 60), startsAt: at(48 * 60), endsAt: at(50 * 60),
        location: '深圳市南山区南山街道南山大道 1088 号 工会爱心驿站',
        description: '<p>为高温下坚守岗位的环卫工人、保安员送上凉茶、藿香正气水和毛巾，凭电子会员证领取。</p>',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    activityId = ((await res.json()) as { id: number }).id;
    await ctx.close();
  });

  it('the switch on the home page turns it on; a reload and a new page keep it; it turns off', async () => {
    const page = await openPage(suite.browser, phone);
    await onFailure(page, 'care-switch', async () => {
      await page.goto(`${baseUrl}/`);
      const toggle = page.getByRole('switch', { name: /关怀模式/ });
      expect(await toggle.getAttribute('aria-checked')).toBe('false');
      expect(await careMark(page)).toBeNull();
      const before = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
      expect(before).toBeLessThan(18);
      await shoot(page, 'home-390-plain');

      // by keyboard: focus stays on the switch while the page turns into one column around it
      await toggle.focus();
      await page.keyboard.press('Space');
      expect(await toggle.getAttribute('aria-checked')).toBe('true');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('care-switch');
      expect(await careMark(page)).toBe('on');
      expect(await stored(page)).toBe('1');
      // the grid became big rows, the hotline a call button
      await page.locator('.m-service-rows').first().waitFor();
      await page.getByRole('link', { name: /拨打职工服务热线 12351/ }).waitFor();

      // A reload: the root is marked before the page's DOM is even done, so nothing flashes small.
      await page.reload({ waitUntil: 'domcontentloaded' });
      expect(await careMark(page)).toBe('on');
      expect(await page.getByRole('switch', { name: /关怀模式/ }).getAttribute('aria-checked')).toBe('true');

      // A new page of the same device, on another route.
      const other = await page.context().newPage();
      await other.goto(`${baseUrl}/login`, { waitUntil: 'domcontentloaded' });
      expect(await careMark(other)).toBe('on');
      await other.getByPlaceholder('请输入手机号码').waitFor();
      expect(await other.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize))).toBeGreaterThanOrEqual(18);
      await other.close();

      // Off again, and it stays off.
      await page.getByRole('switch', { name: /关怀模式/ }).click();
      expect(await careMark(page)).toBeNull();
      expect(await stored(page)).toBeNull();
      await page.reload();
      await page.locator('.m-services').waitFor();
      expect(await careMark(page)).toBeNull();
      expect(await page.locator('.m-service-rows').count()).toBe(0);
    });
    await page.context().close();
  });

  it('我的 has the switch; the page and its confirmation dialog are care-sized', async () => {
    const page = member.page;
    await page.goto(`${baseUrl}/me`);
    const toggle = page.getByRole('switch', { name: /关怀模式/ });
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    await expectNoSideways(page, '我的');
    await expectCareSized(page);
    // a confirmation dialog follows the care variables too
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.locator('.adm-dialog').getByText('确定退出登录吗？').waitFor();
    // measured once its zoom-in has ended (mid-animation its boxes are scaled down)
    await expect.poll(async () => (await shortfalls(page)).smallTargets, { timeout: 3000 }).toEqual([]);
    await expectCareSized(page);
    await shoot(page, 'me-390-dialog');
    await page.locator('.adm-dialog').getByRole('button', { name: '取消' }).click();
    await page.locator('.adm-dialog').waitFor({ state: 'hidden' });
  });

  it('the home notice stands still in care mode (and moves outside it)', async () => {
    const plain = await openPage(suite.browser, phone);
    await plain.goto(`${baseUrl}/`);
    const inner = (p: Page) => p.locator('.m-notice .adm-notice-bar-content-inner');
    // antd-mobile starts its marquee after 2 seconds: outside care mode the text then moves
    await expect.poll(() => inner(plain).evaluate((el) => getComputedStyle(el).transform), { timeout: 8000 }).not.toBe('none');
    await plain.context().close();

    const page = await openPage(suite.browser, phone);
    await careOnFor(page.context());
    await page.goto(`${baseUrl}/`);
    const start = await inner(page).boundingBox();
    await page.waitForTimeout(3500);
    expect(await inner(page).evaluate((el) => getComputedStyle(el).transform)).toBe('none');
    expect(await inner(page).boundingBox()).toEqual(start);
    // the whole sentence is on screen, wrapped
    const [textWidth, barWidth] = await inner(page).evaluate((el) => [el.scrollWidth, el.parentElement!.clientWidth]);
    expect(textWidth).toBeLessThanOrEqual(barWidth!);
    await page.context().close();
  });

  it('home, card and an activity: text at least 18px, controls at least 48px high, nothing sideways', async () => {
    const page = member.page;
    await onFailure(page, 'care-sizes', async () => {
      await page.goto(`${baseUrl}/`);
      await page.locator('.m-service-rows').first().waitFor();
      await expectNoSideways(page, 'home');
      await expectCareSized(page);
      await shoot(page, 'home-390');
      await scrollDown(page);
      await shoot(page, 'home-390-bottom');

      await page.goto(`${baseUrl}/card`);
      await page.getByTestId('card-qr').waitFor();
      await expectNoSideways(page, 'card');
      await expectCareSized(page);
      await shoot(page, 'card-390');
      await scrollDown(page);
      await shoot(page, 'card-390-bottom');

      await page.goto(`${baseUrl}/activities/${activityId}`);
      await page.getByTestId('signup-button').waitFor();
      await expectNoSideways(page, 'activity');
      await expectCareSized(page);
      await shoot(page, 'activity-390');
      await scrollDown(page);
      await shoot(page, 'activity-390-bottom');

      // signed up: the answer and the member's sign-up, in care mode too
      await page.getByTestId('signup-button').click();
      await page.getByTestId('signup-outcome').waitFor();
      await page.getByTestId('my-signup').waitFor();
      await expectNoSideways(page, 'activity signed up');
      await expectCareSized(page);
      await shoot(page, 'activity-390-signed');
    });
  });

  it('the card announces each new QR code once, in a polite live region; its seconds are not live', async () => {
    const page = member.page;
    await page.goto(`${baseUrl}/card`);
    const qr = page.getByTestId('card-qr');
    await qr.waitFor();
    const announce = page.getByTestId('card-qr-announce');
    expect(await announce.getAttribute('aria-live')).toBe('polite');
    expect((await announce.textContent())?.trim()).toBe('');
    // the countdown is neither a live region nor inside one
    expect(await page.getByTestId('card-countdown').evaluate((el) => el.closest('[aria-live], [role="status"], [role="timer"], [role="alert"]') === null)).toBe(true);

    const first = await qr.getAttribute('data-token');
    await page.getByRole('button', { name: '立即刷新' }).click();
    await expect.poll(() => qr.getAttribute('data-token')).not.toBe(first);
    await expect.poll(() => announce.textContent()).toBe('二维码已刷新');
  });

  it('the log-in says how long the code stays valid, under the code, in both modes', async () => {
    for (const care of [true, false]) {
      const page = await openPage(suite.browser, phone);
      if (care) await careOnFor(page.context());
      await page.goto(`${baseUrl}/login`);
      await page.getByPlaceholder('请输入手机号码').fill(`136${String(Date.now()).slice(-8)}`);
      const note = page.getByTestId('code-validity');
      // the status region is there before the code is sent, empty, so that its words are announced
      expect(await note.getAttribute('role')).toBe('status');
      expect((await note.textContent())?.trim()).toBe('');
      await page.getByRole('button', { name: '获取验证码' }).click();
      await expect.poll(() => note.textContent()).toContain(`验证码已发送，${SMS_CODE_TTL_SECONDS / 60} 分钟内有效`);
      // right under the code field, before the consent
      // (the three boxes read at one instant: the page may still be scrolling the field into view)
      const [field, line, consent] = await page.evaluate(() =>
        ['input[placeholder="6 位数字"]', '[data-testid="code-validity"]', '.m-consent'].map((q) => {
          const r = document.querySelector(q)!.getBoundingClientRect();
          return { top: r.top, bottom: r.bottom };
        }),
      );
      expect(line!.top).toBeGreaterThanOrEqual(field!.bottom);
      expect(line!.bottom).toBeLessThanOrEqual(consent!.top + 1);
      await expectNoSideways(page, 'log-in');
      await onFailure(page, `care-login-sent-${care}`, () => expectAccessible(page, `login with the code sent (care ${care})`, { care }));
      await note.scrollIntoViewIfNeeded();
      await shoot(page, care ? 'login-390-sent' : 'login-390-sent-plain');
      await page.context().close();
    }
  });

  describe('axe with AAA contrast: no serious or critical violation', () => {
    const screens: { name: string; path: () => string; member: boolean; ready: (page: Page) => Promise<void> }[] = [
      { name: 'home', path: () => '/', member: false, ready: (p) => p.locator('.m-service-rows').first().waitFor() },
      { name: 'login', path: () => '/login', member: false, ready: (p) => p.getByPlaceholder('请输入手机号码').waitFor() },
      { name: 'member-home', path: () => '/', member: true, ready: (p) => p.getByText(/关怀测/).first().waitFor() },
      { name: 'card', path: () => '/card', member: true, ready: (p) => p.getByTestId('card-qr').waitFor() },
      { name: 'activities', path: () => '/activities', member: true, ready: (p) => p.getByTestId('activity-card').first().waitFor() },
      { name: 'activity', path: () => `/activities/${activityId}`, member: true, ready: (p) => p.locator('.a-detail-title').waitFor() },
    ];
    for (const screen of screens) {
      for (const [size, viewport] of [['390x844', phone], ['1440x900', desktop]] as const) {
        it(`${screen.name} at ${size}`, async () => {
          // the member's session carried into a context of this size
          const context = await suite.browser.newContext({
            viewport,
            locale: 'zh-CN',
            timezoneId: 'Asia/Shanghai',
            isMobile: viewport.width < 600,
            hasTouch: viewport.width < 600,
            ...(screen.member ? { storageState: await member.page.context().storageState() } : {}),
          });
          await careOnFor(context);
          const page = await context.newPage();
          await page.goto(`${baseUrl}${screen.path()}`);
          await screen.ready(page);
          expect(await careMark(page)).toBe('on');
          await onFailure(page, `care-a11y-${screen.name}-${size}`, () => expectAccessible(page, `${screen.name} ${size} (care)`, { care: true }));
          await expectNoSideways(page, screen.name);
          if (screen.name === 'member-home' && size === '1440x900') await shoot(page, 'home-1440');
          await context.close();
        });
      }
    }
  });

  it('every page of the member site in care mode at 390×844: nothing sideways, text at least 18px, controls at least 48px', async () => {
    const page = member.page;
    const routes = [
      '/me', '/me/transfer', '/me/phone', '/join', '/activities', `/activities/${activityId}`, '/me/signups', '/me/points',
      '/campaigns', '/me/campaign-applications', '/me/payouts', '/me/bank-account',
    ];
    await page.goto(`${baseUrl}/campaigns`);
    const campaign = page.getByTestId('campaign-card').first();
    await campaign.waitFor();
    await campaign.click();
    await page.waitForURL(/\/campaigns\/\d+$/);
    routes.push(new URL(page.url()).pathname);
    // every route looked at before failing, so that one run lists everything that falls short
    const problems: string[] = [];
    for (const route of routes) {
      await page.goto(`${baseUrl}${route}`);
      await page.locator('.m-page').first().waitFor();
      await page.waitForLoadState('networkidle');
      const name = `walk${route.replace(/\//g, '-')}`;
      expect(await careMark(page), route).toBe('on');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) problems.push(`${route}: ${overflow}px sideways`);
      const { smallText, smallTargets } = await shortfalls(page);
      problems.push(...smallText.map((t) => `${route}: text ${t}`), ...smallTargets.map((t) => `${route}: target ${t}`));
      await shoot(page, name);
      await scrollDown(page);
      await shoot(page, `${name}-bottom`);
    }
    expect(problems).toEqual([]);
  });
});
