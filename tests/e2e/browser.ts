// Debian's Chromium driven by playwright-core; no browser is ever downloaded.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { sweepEnabled, sweepEveryPage } from './a11y-sweep.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Debian's Chromium, headless; `extraArgs` for what one test needs more (say, a fake camera). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium fonts-wqy-zenhei\``,
    );
  }
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
  // Inside the browser suite, axe checks every page the test visits when its context closes.
  return sweepEnabled() ? sweepEveryPage(browser) : browser;
}

export const desktop = { width: 1440, height: 900 };
export const phone = { width: 390, height: 844 };

/** A page in a fresh context (its own cookies), in Chinese, at the given size (the browser's clock in Beijing unless another zone is given). */
export async function openPage(browser: Browser, viewport: { width: number; height: number }, timezoneId = 'Asia/Shanghai'): Promise<Page> {
  const isPhone = viewport.width < 600;
  const context = await browser.newContext({
    viewport,
    locale: 'zh-CN',
    timezoneId,
    deviceScaleFactor: 1,
    isMobile: isPhone,
    hasTouch: isPhone,
  });
  context.setDefaultTimeout(15_000);
  return context.newPage();
}

/** Runs a step; when it fails, a full-page screenshot goes to tmp/<name>-fail.png before the error is rethrown. */
export async function onFailure<T>(page: Page, name: string, act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    mkdirSync('tmp', { recursive: true });
    await page.screenshot({ path: `tmp/${name}-fail.png`, fullPage: true }).catch(() => undefined);
    throw err;
  }
}

/** Clicks a confirmation dialog's button; a click landing while the dialog still zooms in can be lost, so again until it closes. */
export async function confirmWith(page: Page, button: RegExp): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm');
  const ok = dialog.getByRole('button', { name: button });
  for (let i = 0; i < 3; i++) {
    await ok.click({ timeout: 5000 }).catch(() => undefined);
    if (await dialog.waitFor({ state: 'hidden', timeout: 5000 }).then(() => true, () => false)) return;
  }
  throw new Error(`the dialog did not close after clicking ${button}`);
}

/**
 * Ticks a checkbox (or a radio). Under load a click can land while a dialog still zooms in or a form
 * re-renders, and Playwright's `check()` then fails at once; this waits a moment for the state to show
 * and clicks again only when it did not change.
 */
export async function tick(box: Locator): Promise<void> {
  for (let i = 0; i < 3; i++) {
    if (await box.isChecked()) return;
    await box.click({ timeout: 10_000 });
    for (let t = 0; t < 20; t++) {
      if (await box.isChecked()) return;
      await box.page().waitForTimeout(100);
    }
  }
  throw new Error(`the box ${box.toString()} stayed unticked after three clicks`);
}

/**
 * Opens a select and clicks an option of its own dropdown (by text, or the first). A dropdown closed just
 * before may still be fading out and match `:visible`, so the list is found through the select's
 * `aria-controls`, never by visibility alone.
 */
export async function pickOption(page: Page, combobox: Locator, text?: string | RegExp): Promise<void> {
  await combobox.click();
  const listId = await combobox.getAttribute('aria-controls');
  if (!listId) throw new Error(`${combobox.toString()} has no aria-controls after opening`);
  const dropdown = page.locator('.ant-select-dropdown').filter({ has: page.locator(`[id="${listId}"]`) });
  const options = dropdown.locator('.ant-select-item-option');
  await (text === undefined ? options.first() : options.filter({ hasText: text }).first()).click();
}
