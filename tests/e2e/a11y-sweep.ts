// Issue 13: axe-core on every page the browser tests visit, in both apps, at phone and desktop size,
// and for the member site with care mode (关怀模式) off and on.
//
// How: every context of a browser from launchBrowser() records the URLs its pages navigate to (the
// SPA's pushState navigations included). When the context closes — or the browser, for contexts
// still open — each URL whose route was not checked yet in this run is opened again in a fresh page
// of the same context (its cookies, so the same person sees the same screen), at 390×844 and
// 1440×900, and for member pages once more with care mode on; axe runs on each. A serious or
// critical violation fails the close, so the test that visited the page fails, naming it.
//
// A route is checked once per run: ids in a path become `:id`, the query is ignored, and the routes
// already checked are kept in tmp/a11y-routes.json (files run one after another, each in its own
// process; global-setup empties the file). The file is also the record of what was checked.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { axeViolations, describeViolations, type A11yViolation } from './a11y.ts';

export const CARE_MODE_KEY = 'gonghui.careMode';
export const ROUTES_FILE = 'tmp/a11y-routes.json';

export interface CheckedRoute {
  route: string;
  url: string;
  views: string[];
}

const VIEWS = [
  { name: '390x844', viewport: { width: 390, height: 844 }, care: false },
  { name: '1440x900', viewport: { width: 1440, height: 900 }, care: false },
  { name: '390x844-care', viewport: { width: 390, height: 844 }, care: true },
  { name: '1440x900-care', viewport: { width: 1440, height: 900 }, care: true },
] as const;

/** The route of a URL: its path with ids (numbers, uuids, long hex or digit-bearing tokens) as `:id`. */
export function routeOf(url: string): string {
  const { pathname } = new URL(url);
  const path = pathname
    .split('/')
    .map((seg) => (/^\d+$/.test(seg) || /^[0-9a-f-]{16,}$/i.test(seg) || (/\d/.test(seg) && seg.length >= 12) ? ':id' : seg))
    .join('/');
  return path.length > 1 ? path.replace(/\/$/, '') : path;
}

/** Pages worth checking: the apps' own screens, not the API, files or blank pages. */
function isScreen(url: string): boolean {
  if (!/^https?:/.test(url)) return false;
  const { pathname } = new URL(url);
  return !pathname.startsWith('/api/') && !/\.[a-z0-9]{2,5}$/i.test(pathname);
}

function readChecked(): CheckedRoute[] {
  if (!existsSync(ROUTES_FILE)) return [];
  try {
    return JSON.parse(readFileSync(ROUTES_FILE, 'utf8')) as CheckedRoute[];
  } catch {
    return [];
  }
}

function recordChecked(entry: CheckedRoute): void {
  mkdirSync('tmp', { recursive: true });
  const all = readChecked().filter((r) => r.route !== entry.route);
  all.push(entry);
  all.sort((a, b) => a.route.localeCompare(b.route));
  writeFileSync(ROUTES_FILE, JSON.stringify(all, null, 2));
}

/** Empties the record: called once before the browser suite. */
export function resetCheckedRoutes(): void {
  mkdirSync('tmp', { recursive: true });
  writeFileSync(ROUTES_FILE, '[]');
}

/** Waits until the screen has loaded its data: no skeleton, spinner or busy region left. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page
    .waitForFunction(
      () =>
        !document.querySelector('.adm-skeleton, .ant-skeleton, .ant-spin-spinning, .adm-spin-loading, [aria-busy="true"]') &&
        document.querySelector('#root, #app, body > div') !== null,
      undefined,
      { timeout: 10_000 },
    )
    .catch(() => undefined);
  // Let entrance transitions (antd's fade and zoom) finish, so colours are read at rest.
  await page.waitForTimeout(400);
}

interface Finding {
  url: string;
  view: string;
  violations: A11yViolation[];
}

/** Checks one URL in every view; returns the findings and the route it ended on. */
async function checkUrl(context: BrowserContext, url: string): Promise<{ findings: Finding[]; landed: string; views: string[] }> {
  const findings: Finding[] = [];
  const views: string[] = [];
  const page = await context.newPage();
  let landed = routeOf(url);
  const origin = new URL(url).origin;
  const member = !new URL(url).pathname.startsWith('/console');
  let careBefore: string | null = null;
  try {
    for (const view of VIEWS) {
      if (view.care && (!member || process.env.A11Y_CARE === 'off')) continue;
      await page.setViewportSize(view.viewport);
      if (page.url() === 'about:blank') await page.goto(url);
      if (member) {
        // Care mode is a device setting: set (or clear) it, then load the page as the person would.
        careBefore ??= await page.evaluate((key) => localStorage.getItem(key) ?? '', CARE_MODE_KEY);
        await page.evaluate(([key, on]) => (on ? localStorage.setItem(key, '1') : localStorage.removeItem(key)), [CARE_MODE_KEY, view.care] as const);
      }
      await page.goto(url);
      await settle(page);
      landed = routeOf(page.url());
      if (new URL(page.url()).origin !== origin) break;
      if (view.care && !(await page.evaluate(() => document.documentElement.dataset.care === 'on'))) {
        throw new Error(`care mode did not switch on at ${page.url()}: localStorage['${CARE_MODE_KEY}'] = '1' must set <html data-care="on">`);
      }
      const violations = await axeViolations(page, { care: view.care });
      views.push(view.name);
      if (violations.length > 0) findings.push({ url: page.url(), view: view.name, violations });
    }
  } finally {
    if (member && careBefore !== null) {
      await page
        .evaluate(([key, value]) => (value ? localStorage.setItem(key, value) : localStorage.removeItem(key)), [CARE_MODE_KEY, careBefore] as const)
        .catch(() => undefined);
    }
    await page.close().catch(() => undefined);
  }
  return { findings, landed, views };
}

/** Checks every not-yet-checked route the context's pages visited; throws naming each violation. */
async function sweepContext(context: BrowserContext, visited: string[]): Promise<void> {
  const findings: Finding[] = [];
  const seen = new Set(readChecked().map((r) => r.route));
  // A test may have left the context offline (the card's offline check): the pages load online.
  if (visited.length > 0) await context.setOffline(false);
  for (const url of visited) {
    const route = routeOf(url);
    if (seen.has(route)) continue;
    const checked = await checkUrl(context, url);
    findings.push(...checked.findings);
    // A page that sent this person elsewhere (say, to log in) was not checked as itself.
    if (checked.landed === route) {
      seen.add(route);
      if (checked.findings.length === 0) recordChecked({ route, url: new URL(url).pathname, views: checked.views });
    }
  }
  if (findings.length > 0) {
    throw new Error(
      `accessibility (axe-core): serious or critical violations on pages this test visited\n` +
        findings.map((f) => `— ${f.url} at ${f.view}\n${describeViolations(f.violations)}`).join('\n'),
    );
  }
}

const sweeping = new WeakSet<BrowserContext>();

/** Records where the context's pages go, and sweeps them when it closes. */
function instrument(context: BrowserContext): void {
  const visited: string[] = [];
  const note = (url: string) => {
    if (isScreen(url) && !visited.includes(url)) visited.push(url);
  };
  const watch = (page: Page) => {
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame() && !sweeping.has(context)) note(frame.url());
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  const close = context.close.bind(context);
  let swept = false;
  context.close = async (options?: { reason?: string }) => {
    try {
      if (!swept) {
        swept = true;
        sweeping.add(context);
        await sweepContext(context, visited);
      }
    } finally {
      await close(options);
    }
  };
}

/** Whether the sweep is on: inside the vitest browser suite, unless A11Y_SWEEP=off (A11Y_CARE=off skips only the care-mode views). */
export function sweepEnabled(): boolean {
  return Boolean(process.env.VITEST) && process.env.A11Y_SWEEP !== 'off';
}

/** Makes every context of the browser record and sweep its pages; closing the browser sweeps those left open. */
export function sweepEveryPage(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    instrument(context);
    return context;
  };
  const newPage = browser.newPage.bind(browser);
  browser.newPage = async (options) => {
    const page = await newPage(options);
    instrument(page.context());
    return page;
  };
  const closeBrowser = browser.close.bind(browser);
  browser.close = async (options) => {
    const errors: unknown[] = [];
    for (const context of browser.contexts()) {
      await context.close().catch((err: unknown) => errors.push(err));
    }
    await closeBrowser(options);
    if (errors.length > 0) throw errors[0];
  };
  return browser;
}
