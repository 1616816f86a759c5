// Issue 13, item 4: the first journey by keyboard alone, read through the accessibility tree.
//
// On a phone-size page a new worker logs in by SMS code, joins (实名入会: name, ID number, no fixed
// employer → platform 美团, the place of work picked in the sheet — 深圳市 南山区, whose riders join
// the riders' federation of 深圳 at once —, the consent), opens the electronic card, goes back, finds
// an activity open to new 新就业形态 members (the province's, in the demo from day one) and signs
// up — with Tab, Shift+Tab, Enter, Space, Escape and typed text only: no click, no fill, no locator
// action; locators only read. At each step the test asserts where the focus is (the focused
// element's role and accessible name, as the browser's accessibility tree gives them), so a control
// the keyboard cannot reach, a broken order or a focus lost after a page change fails it; after each
// page change it reads the page through the accessibility snapshot: one main landmark, one level-1
// heading naming the page, a name on every button, link, textbox, checkbox, switch and option, and
// form errors read out (in an alert or live region, or as the description of their field).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, onFailure, openPage, phone } from './browser.ts';
import { freshIdNumber, randomPhone, readLoginCode, staffToken, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

/** Where the focus is, as a screen reader would say it. */
interface Stop {
  role: string;
  name: string;
  /** the focused element's line of the accessibility snapshot */
  line: string;
  /** drawn on the screen (not hidden, not zero-sized) */
  shown: boolean;
}

const NAMED_ROLES = 'button|link|textbox|searchbox|checkbox|radio|switch|option|tab|combobox|spinbutton|slider|menuitem';

async function focusedStop(page: Page): Promise<Stop> {
  const nothing = { role: 'none', name: '', line: '(the page itself: nothing has the focus)', shown: false };
  const el = page.locator(':focus');
  if ((await el.count()) === 0) return nothing;
  // the focus may move on while it is read (a page drawing): then read again
  const snapshot = await el.first().ariaSnapshot({ timeout: 1000 }).catch(() => undefined);
  if (snapshot === undefined) return focusedStop(page);
  const line = snapshot.split('\n')[0] ?? '';
  const m = /^- ([\w-]+)(?: "((?:[^"\\]|\\.)*)")?/.exec(line);
  const shown = await page.evaluate(() => {
    const a = document.activeElement;
    return !!a && a !== document.body && a.getClientRects().length > 0;
  });
  return { role: m?.[1] ?? '', name: m?.[2] ?? '', line: line || '(an element outside the accessibility tree)', shown };
}

/** `text` as a pattern that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function matches(name: string, want: string | RegExp): boolean {
  return typeof want === 'string' ? name === want : want.test(name);
}

/** A control that leads somewhere: a button or a link (as the page draws it). */
const GOES = /^(button|link)$/;

/** The focus is on `role` named `name` (waiting a little: a new page draws, then takes the focus). */
async function expectFocus(page: Page, role: string | RegExp, name: string | RegExp): Promise<Stop> {
  let stop = await focusedStop(page);
  for (let i = 0; i < 50 && !(matches(stop.role, role) && matches(stop.name, name)); i++) {
    await page.waitForTimeout(100);
    stop = await focusedStop(page);
  }
  expect(matches(stop.role, role), `the focus should be on ${String(role)} "${String(name)}", it is on ${stop.line}`).toBe(true);
  expect(matches(stop.name, name), `the focus should be on ${String(role)} "${String(name)}", it is on ${stop.line}`).toBe(true);
  expect(stop.shown, `the focused ${stop.line} is not on the screen`).toBe(true);
  return stop;
}

/**
 * Presses Tab (or Shift+Tab) until the focus is on `role` named `name`; every stop on the way must
 * be on the screen and named. Fails listing the stops when it is not reached in `max` presses.
 */
async function tabTo(page: Page, role: string | RegExp, name: string | RegExp, { max = 25, back = false } = {}): Promise<string[]> {
  const path: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const stop = await focusedStop(page);
    path.push(stop.line);
    if (stop.role === 'none') continue; // past the last control: the next Tab starts again at the top
    expect(stop.shown, `a tab stop that is not on the screen: ${stop.line}\n${path.join('\n')}`).toBe(true);
    expect(stop.name, `a tab stop with no name: ${stop.line}\n${path.join('\n')}`).not.toBe('');
    if (matches(stop.role, role) && matches(stop.name, name)) return path;
  }
  throw new Error(`${String(role)} "${String(name)}" not reached by ${back ? 'Shift+Tab' : 'Tab'} in ${max} presses:\n${path.join('\n')}`);
}

/** The lines of an accessibility snapshot naming a control without a name. */
function unnamedControls(snapshot: string): string[] {
  return snapshot.split('\n').filter((l) => new RegExp(`^\\s*- (${NAMED_ROLES})(:|\\s\\[|\\s*$)`).test(l));
}

/**
 * Reads the page as a screen reader does: one main landmark, one level-1 heading naming the page,
 * every control named. Returns the snapshot.
 */
async function readPage(page: Page, heading: string | RegExp): Promise<string> {
  const snapshot = await page.locator('body').ariaSnapshot();
  const lines = snapshot.split('\n');
  expect(lines.filter((l) => /^\s*- main\b/.test(l)), `one main landmark\n${snapshot}`).toHaveLength(1);
  const h1 = lines.filter((l) => /^\s*- heading .*\[level=1\]/.test(l));
  expect(h1, `one level-1 heading\n${snapshot}`).toHaveLength(1);
  const h1Name = /- heading "((?:[^"\\]|\\.)*)"/.exec(h1[0] ?? '')?.[1] ?? '';
  expect(matches(h1Name, heading), `the level-1 heading "${h1Name}" should name the page (${String(heading)})`).toBe(true);
  expect(unnamedControls(snapshot), `controls without a name\n${snapshot}`).toEqual([]);
  return snapshot;
}

/** A dialog as a screen reader meets it: named, its controls named. */
async function readDialog(page: Page, name: string | RegExp): Promise<string> {
  const dialog = page.getByRole('dialog', { name });
  const snapshot = await dialog.ariaSnapshot();
  expect(unnamedControls(snapshot), `controls without a name in the dialog\n${snapshot}`).toEqual([]);
  return snapshot;
}

/**
 * The error `text` is on the screen and read out: inside an alert or a live region, or the
 * description (aria-describedby, aria-errormessage) of a control.
 */
async function expectReadOut(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: true }).first().waitFor();
  const how = await page.evaluate((text) => {
    const holders = Array.from(document.querySelectorAll<HTMLElement>('body *')).filter(
      (el) => el.textContent?.trim() === text && el.getClientRects().length > 0,
    );
    for (const el of holders) {
      const live = el.closest('[role="alert"], [role="status"], [aria-live="polite"], [aria-live="assertive"]');
      if (live) return `in ${live.getAttribute('role') ?? 'aria-live'}`;
      for (const ref of Array.from(document.querySelectorAll('[aria-describedby], [aria-errormessage]'))) {
        const ids = `${ref.getAttribute('aria-describedby') ?? ''} ${ref.getAttribute('aria-errormessage') ?? ''}`.split(/\s+/);
        if (ids.some((id) => id && document.getElementById(id)?.contains(el))) return 'described';
      }
    }
    return null;
  }, text);
  expect(how, `the error "${text}" is shown but not read out (no alert, live region or description)`).not.toBeNull();
}

describe('the first journey by keyboard alone', () => {
  let browser: Browser;
  let adminToken: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    const ctx = await browser.newContext();
    adminToken = await staffToken(ctx.request, baseUrl, 'admin');
    await ctx.close();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('a new worker logs in by code, joins as a 美团 rider, opens the card and signs up for an activity, by keyboard, and every page reads sensibly', async () => {
    const page = await openPage(browser, phone);
    const key = (k: string) => page.keyboard.press(k);
    const tel = randomPhone('137');

    // Home: read as a page; the welcome card's 登录 / 注册 reached by Tab and pressed.
    await page.goto(`${baseUrl}/`);
    await page.getByRole('heading', { name: '智慧工会', level: 1 }).waitFor();
    await onFailure(page, 'keyboard-home', async () => {
      await readPage(page, '智慧工会');
      await tabTo(page, GOES, '登录 / 注册');
      await key('Enter');
    });

    // Log-in: the focus on the new page's heading; the phone, a mistake read out, the code.
    await onFailure(page, 'keyboard-login', async () => {
      await page.waitForURL(/\/login$/);
      await expectFocus(page, 'heading', '登录 / 注册');
      await readPage(page, '登录 / 注册');
      await tabTo(page, 'textbox', /^手机号/);
      await page.keyboard.type('1380013');
      await key('Tab');
      await expectFocus(page, 'textbox', /^验证码/);
      await expectReadOut(page, '请输入正确的 11 位手机号码');
      await key('Shift+Tab');
      await expectFocus(page, 'textbox', /^手机号/);
      await key('ControlOrMeta+a');
      await page.keyboard.type(tel);
      await expect.poll(() => page.getByText('请输入正确的 11 位手机号码').count()).toBe(0);
      await tabTo(page, 'button', '获取验证码');
      await key('Enter');
      // sent: the button waits out its countdown, and the focus is on the code, the next thing to type
      await page.getByRole('button', { name: /\d+ 秒后重发/ }).waitFor();
      await expectFocus(page, 'textbox', /^验证码/);
      await page.keyboard.type(await readLoginCode(page.request, baseUrl, adminToken, tel));

      // 登录 before agreeing: refused, the reason read out, the focus on the box to tick
      await tabTo(page, 'button', '登录');
      await key('Enter');
      await expectReadOut(page, '请先阅读并同意用户服务协议和个人信息处理告知');
      await expectFocus(page, 'checkbox', /^我已阅读并同意/);
      await key('Space');
      await expect.poll(async () => (await focusedStop(page)).line).toContain('[checked]');

      // the agreement opens in a dialog that takes the focus, closes, and gives it back
      await tabTo(page, GOES, '《用户服务协议》');
      await key('Enter');
      await expectFocus(page, 'dialog', '用户服务协议');
      expect(await readDialog(page, '用户服务协议')).toContain('账号与登录');
      await tabTo(page, 'button', '我已阅读');
      await key('Enter');
      await expectFocus(page, GOES, '《用户服务协议》');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      // the box is still ticked: opening the agreement did not untick it
      await tabTo(page, 'checkbox', /^我已阅读并同意/, { back: true });
      expect((await focusedStop(page)).line).toContain('[checked]');

      await tabTo(page, 'button', '登录');
      await key('Enter');
      await page.waitForURL(/\/join$/);
    });

    // Joining: who I am, where I work, the place picked in a sheet, the consent, sent.
    const join = await onFailure(page, 'keyboard-join', async () => {
      await expectFocus(page, 'heading', '申请入会');
      await readPage(page, '申请入会');
      await tabTo(page, 'textbox', /^姓名/);
      await page.keyboard.type('骆键盘');
      await key('Tab');
      await expectFocus(page, 'textbox', /^身份证号/);
      await page.keyboard.type(freshIdNumber());
      await page.getByTestId('id-derived').waitFor();

      await tabTo(page, 'switch', '无固定单位（新就业形态）');
      await key('Space');
      await expect.poll(async () => (await focusedStop(page)).line).toContain('[checked]');
      await tabTo(page, 'option', '美团');
      await key('Space');
      await expect.poll(async () => (await focusedStop(page)).line).toContain('[selected]');

      // 工作地点: the sheet takes the focus; city, district, then the first town; it closes and
      // gives the focus back to the field, which now says the place
      await tabTo(page, 'button', /^选择工作地点/);
      await key('Enter');
      await expectFocus(page, 'dialog', '选择工作地点');
      await readDialog(page, '选择工作地点');
      // Escape closes it as a tap beside it would, and the focus is back on the field; again
      await key('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expectFocus(page, 'button', /^选择工作地点/);
      await key('Enter');
      await expectFocus(page, 'dialog', '选择工作地点');
      await tabTo(page, 'button', '深圳市', { max: 40 });
      await key('Enter');
      // the picked city's options go with its tab: the focus moves to the districts, once loaded
      await expectFocus(page, 'button', /区/);
      await tabTo(page, 'button', '南山区', { max: 40 });
      await key('Enter');
      const town = (await expectFocus(page, 'button', /(街道|镇)$/)).name;
      await key('Enter');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expectFocus(page, 'button', /^选择工作地点/);
      expect(await page.locator('.m-picker-value').innerText()).toBe(`深圳市 南山区 ${town}`);

      // the consent, then 提交入会申请
      await tabTo(page, 'checkbox', /^我同意工会按上述方式处理/);
      await key('Space');
      await expect.poll(async () => (await focusedStop(page)).line).toContain('[checked]');
      await tabTo(page, 'button', '提交入会申请');
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/api/members/join')),
        key('Enter'),
      ]);
      expect(answer.status()).toBe(201);
      const joined = (await answer.json()) as { status: string; org: { name: string } };
      expect(joined.status).toBe('approved');

      // the answer takes the focus (the form and its button are gone) and is read in words
      await expectFocus(page, 'heading', '入会成功');
      const snapshot = await readPage(page, '申请入会');
      expect(snapshot).toContain(joined.org.name);
      await tabTo(page, GOES, '返回首页');
      await key('Enter');
      await page.waitForURL((u) => u.pathname === '/');
      return joined;
    });

    // Home again, as a member: the card, opened from its tile and read; back by the bar's 返回.
    await onFailure(page, 'keyboard-card', async () => {
      await expectFocus(page, 'heading', '智慧工会');
      expect(await readPage(page, '智慧工会')).toContain(`${join.org.name}会员`);
      await tabTo(page, GOES, /^电子会员证/);
      await key('Enter');
      await page.waitForURL(/\/card$/);
      await expectFocus(page, 'heading', '电子会员证');
      await page.getByTestId('card-qr').waitFor();
      const card = await readPage(page, '电子会员证');
      expect(card).toContain(join.org.name);
      expect(card).toMatch(/img "会员证二维码/);
      expect(card).toMatch(/GH\d+/);
      await tabTo(page, 'button', '返回', { back: true });
      await key('Enter');
      await page.waitForURL((u) => u.pathname === '/');
    });

    // 普惠活动: the list, an activity open to me, its page, 立即报名, the answer read out.
    const title = await onFailure(page, 'keyboard-activity', async () => {
      await expectFocus(page, 'heading', '智慧工会');
      await tabTo(page, GOES, /^普惠活动/);
      await key('Enter');
      await page.waitForURL(/\/activities$/);
      await expectFocus(page, 'heading', '普惠活动');
      await page.getByTestId('activity-card').first().waitFor();
      await readPage(page, '普惠活动');
      await tabTo(page, GOES, /可报名/, { max: 40 });
      const card = (await focusedStop(page)).name;
      await key('Enter');
      await page.waitForURL(/\/activities\/\d+$/);
      const activityTitle = (await page.getByTestId('activity-title').innerText()).trim();
      expect(card).toContain(activityTitle);
      // the page's heading: the activity's title, or the bar's 活动详情 above it
      const named = new RegExp(`^(活动详情|${literal(activityTitle)})$`);
      await expectFocus(page, 'heading', named);
      await readPage(page, named);
      await tabTo(page, 'button', '立即报名', { max: 40 });
      await key('Enter');
      await expectFocus(page, 'heading', '报名成功');
      expect(await page.getByTestId('signup-outcome').getAttribute('data-status')).toBe('confirmed');
      await readPage(page, named);
      return activityTitle;
    });
    expect(title.length).toBeGreaterThan(0);
    // closing the context runs axe on each page visited, at two sizes: more than the default minute
    await page.context().close();
  }, 180_000);

  it('a worker with an employer picks it from the suggestions by keyboard, and the focus comes back to the field', async () => {
    const page = await openPage(browser, phone);
    const key = (k: string) => page.keyboard.press(k);
    // logged in as the helpers do (the log-in by keyboard is the journey above); on to joining
    await workerLogsIn(page, baseUrl, adminToken, randomPhone('137'));
    await page.waitForURL(/\/join$/);

    // an employer the suggestions offer for a few characters of its name (the seed makes the names)
    const offered = async (q: string) =>
      ((await (await page.request.get(`${baseUrl}/api/enterprises/suggest`, { params: { q } })).json()) as { items: { name: string }[] }).items;
    const employer = (await offered('有限公司'))[0]?.name;
    if (!employer) throw new Error('the demo suggests no employer for 有限公司');
    const typed = employer.replace(/有限公司$/, '').slice(-4);
    expect((await offered(typed)).map((e) => e.name)).toContain(employer);

    await onFailure(page, 'keyboard-employer', async () => {
      await expectFocus(page, 'heading', '申请入会');
      await tabTo(page, 'textbox', '工作单位');
      await page.keyboard.type(typed);
      const list = page.locator('.m-suggest');
      await list.getByRole('button', { name: new RegExp(`^${literal(employer)}`) }).waitFor();
      await readPage(page, '申请入会');
      // Tab leaves the field for the suggestions, and the list stays while a person reads it
      await tabTo(page, 'button', new RegExp(`^${literal(employer)}`), { max: 12 });
      await page.waitForTimeout(600);
      expect(await list.isVisible()).toBe(true);
      await expectFocus(page, 'button', new RegExp(`^${literal(employer)}`));
      await key('Enter');
      await page.getByText(`已选择：${employer}`).waitFor();
      await expect.poll(() => list.count()).toBe(0);
      await expectFocus(page, 'textbox', '工作单位');
      expect(await page.getByRole('textbox', { name: '工作单位' }).inputValue()).toBe(employer);
    });
    await page.context().close();
  });
});
