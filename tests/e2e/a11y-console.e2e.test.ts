// Issue 13 for the console: every entry of the menu (web/console/navigation.tsx) and a detail page of
// each feature, opened as the province admin. The sweep (a11y-sweep.ts) runs axe on each at 390×844
// and 1440×900 when the context closes; here each page must have its landmarks (one banner, the menu's
// navigation, one main), one <h1> and headings that skip no level; every chart must have a table of
// the same numbers the API gives; and a dialog must be named by its title, take the focus and give it
// back.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { activityKindLabels, type ActivityStats } from '../../contracts/activities.ts';
import { hardshipStatuses, hardshipStatusLabels, type HardshipFigures } from '../../contracts/hardship.ts';
import { expectAccessible } from './a11y.ts';
import { onFailure } from './browser.ts';
import { staffLogsIn } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

/** The menu's entries as navigation.tsx lists them: path and label. */
function navEntries(): { path: string; label: string }[] {
  const src = readFileSync('web/console/navigation.tsx', 'utf8');
  const body = src.slice(src.indexOf('export const navEntries'));
  return [...body.matchAll(/path: '([^']+)', label: '([^']+)'/g)].map((m) => ({ path: m[1]!, label: m[2]! }));
}

/** Reads the API with the page's own session cookie. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${baseUrl}${path}`);
  if (res.status() !== 200) throw new Error(`${path}: ${res.status()} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Waits for the page's data: no spinner or skeleton left. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
  await page.waitForFunction(() => !document.querySelector('.ant-spin-spinning, .ant-skeleton'), undefined, { timeout: 10_000 });
}

/** The page as a screen reader walks it: its landmarks, its level-one headings, its heading levels in order. */
async function structure(page: Page) {
  return page.evaluate(() => {
    const shown = (el: Element) => !el.closest('[hidden], [aria-hidden="true"]');
    const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role="heading"]')].filter(shown);
    return {
      mains: document.querySelectorAll('main, [role="main"]').length,
      banners: document.querySelectorAll('[role="banner"]').length,
      menus: [...document.querySelectorAll('nav, [role="navigation"]')].map((n) => n.getAttribute('aria-label')),
      h1: [...document.querySelectorAll('h1')].filter(shown).map((h) => (h.textContent ?? '').trim()),
      levels: headings.map((h) => Number(h.getAttribute('aria-level') ?? h.tagName.slice(1))),
    };
  });
}

/** Checks the structure of the page at `where`; soft, so the walk goes on and every page is reported. */
async function expectStructure(page: Page, where: string): Promise<void> {
  await settled(page);
  const s = await structure(page);
  expect.soft(s.mains, `${where}: main landmarks`).toBe(1);
  expect.soft(s.banners, `${where}: banner landmarks`).toBe(1);
  expect.soft(s.menus.filter((name) => name === '主菜单').length, `${where}: the menu's navigation landmark`).toBe(1);
  expect.soft(s.menus, `${where}: every navigation landmark is named`).not.toContain(null);
  expect.soft(s.h1.length, `${where}: level-one headings (${s.h1.join(' | ')})`).toBe(1);
  expect.soft(s.h1[0] ?? '', `${where}: the h1 has words`).not.toBe('');
  const skips = s.levels.filter((l, i) => l > (i === 0 ? 1 : s.levels[i - 1]! + 1));
  expect.soft(skips, `${where}: heading levels ${s.levels.join(',')} skip none`).toEqual([]);
}

/** A chart's table as the page shows it: the caption, and each row's label and numbers. */
async function chartTable(page: Page, testId: string): Promise<{ caption: string; rows: { label: string; values: number[] }[] }> {
  const table = page.getByTestId(`${testId}-table`);
  await table.waitFor({ state: 'attached' });
  return table.evaluate((t: HTMLTableElement) => ({
    caption: (t.caption?.textContent ?? '').trim(),
    rows: [...t.tBodies[0]!.rows].map((r) => ({
      label: (r.cells[0]!.textContent ?? '').trim(),
      values: [...r.cells].slice(1).map((c) => Number((c.textContent ?? '').replaceAll(',', ''))),
    })),
  }));
}

/** The chart is an image named by a summary starting with its table's caption. */
async function expectChartNamed(page: Page, testId: string, caption: string): Promise<void> {
  const chart = page.getByTestId(testId);
  expect(await chart.getAttribute('role')).toBe('img');
  expect(await chart.getAttribute('aria-label')).toMatch(new RegExp(`^${caption}（`));
}

/** Opens a dialog with `open` (a button), checks it, closes it with Escape; the focus must come back to the button. */
async function expectDialog(page: Page, open: ReturnType<Page['getByRole']>, title: string | RegExp): Promise<void> {
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  // antd moves the focus in once its zoom-in has ended
  await expect.poll(() => dialog.evaluate((d) => d.contains(document.activeElement)), { message: `focus inside the dialog ${title}`, timeout: 5000 }).toBe(true);
  await expectAccessible(page, `dialog ${title}`);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'hidden' });
  await expect.poll(() => open.evaluate((b) => b === document.activeElement), { message: `focus back on the button that opened ${title}`, timeout: 5000 }).toBe(true);
}

describe('console accessibility (every menu entry and a detail page of each feature)', () => {
  const suite = browserSuite(baseUrl);

  it('every menu entry: named by its words alone, landmarks, one h1, headings in order (axe at both sizes by the sweep)', async () => {
    const page = await staffLogsIn(suite.browser, baseUrl, 'admin');
    const entries = navEntries();
    expect(entries.length).toBeGreaterThan(15);
    const menu = page.getByRole('navigation', { name: '主菜单' });
    for (const e of entries) {
      await onFailure(page, `a11y-console-${e.path.replaceAll('/', '_')}`, async () => {
        // the page shown now is marked, so the check waits for the next one
        await page.evaluate(() => document.querySelector('main')?.firstElementChild?.setAttribute('data-left', ''));
        // exact: the menu's icons add nothing to the entry's name
        await menu.getByRole('menuitem', { name: e.label, exact: true }).click();
        await page.waitForURL((u) => u.pathname === `/console${e.path}`);
        await page.waitForFunction(() => !document.querySelector('[data-left]'));
        await expectStructure(page, e.path);
      });
    }
    await page.context().close();
  }, 600_000);

  it('a detail page of each feature, and a page that does not exist: landmarks, one h1, headings in order', async () => {
    const page = await staffLogsIn(suite.browser, baseUrl, 'admin');
    const first = async (path: string) => (await apiGet<{ items: { id: number }[] }>(page, path)).items[0];
    const [activity, campaign, file] = await Promise.all([first('/api/activities?pageSize=1'), first('/api/campaigns?pageSize=1'), first('/api/hardship/files?pageSize=1')]);
    expect(activity && campaign && file, 'the demo has an activity, a campaign and a hardship file').toBeTruthy();
    const details = [
      `/activities/${activity!.id}`,
      `/activities/${activity!.id}/checkin`,
      `/campaigns/${campaign!.id}`,
      `/campaigns/${campaign!.id}/payouts`,
      `/hardship/${file!.id}`,
      `/hardship/${file!.id}/edit`,
      `/hardship/new`,
      `/no-such-page`,
    ];
    for (const path of details) {
      await page.goto(`${baseUrl}/console${path}`);
      await expectStructure(page, path);
    }
    await page.context().close();
  }, 600_000);

  it('each chart of 活动数据 and 解困脱困数据 has a table with the numbers the API gives, shown on demand', async () => {
    const page = await staffLogsIn(suite.browser, baseUrl, 'admin');

    await page.goto(`${baseUrl}/console/activity-stats`);
    await settled(page);
    const stats = await apiGet<ActivityStats>(page, '/api/activities/stats?page=1&pageSize=20');
    expect(stats.byMonth.length, 'the demo has activities').toBeGreaterThan(0);
    const byMonth = await chartTable(page, 'chart-by-month');
    expect(byMonth.rows).toEqual(stats.byMonth.map((m) => ({ label: `${Number(m.month.slice(0, 4))}年${Number(m.month.slice(5))}月`, values: [m.visits, m.participants] })));
    await expectChartNamed(page, 'chart-by-month', byMonth.caption);
    const byKind = await chartTable(page, 'chart-by-kind');
    expect(byKind.rows).toEqual(stats.byKind.map((k) => ({ label: `${activityKindLabels[k.kind]}（${k.activities}）`, values: [k.visits, k.participants] })));
    await expectChartNamed(page, 'chart-by-kind', byKind.caption);

    // hidden from the eye until asked for, then a table on the page
    const table = page.getByTestId('chart-by-month-table');
    const shownWidth = () => table.evaluate((t) => t.parentElement!.getBoundingClientRect().width);
    expect(await shownWidth()).toBeLessThanOrEqual(1);
    const toggle = page.getByRole('button', { name: '显示数据表' }).first();
    await toggle.click();
    expect(await page.getByRole('button', { name: '隐藏数据表' }).first().getAttribute('aria-expanded')).toBe('true');
    expect(await shownWidth()).toBeGreaterThan(100);
    await expectAccessible(page, '活动数据 with its table shown');

    await page.goto(`${baseUrl}/console/hardship-figures`);
    await settled(page);
    const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
    const fig = await apiGet<HardshipFigures>(page, `/api/hardship/figures?year=${year}`);
    const months = await chartTable(page, 'chart-hardship-month');
    expect(months.rows).toEqual(
      Array.from({ length: 12 }, (_, i) => {
        const m = fig.byMonth.find((x) => x.month === `${year}-${String(i + 1).padStart(2, '0')}`);
        return { label: `${i + 1}月`, values: [m?.entered ?? 0, m?.exited ?? 0] };
      }),
    );
    expect(months.rows.some((r) => r.values.some((v) => v > 0)), 'the demo has files entered this year').toBe(true);
    await expectChartNamed(page, 'chart-hardship-month', months.caption);
    const statuses = await chartTable(page, 'chart-hardship-status');
    expect(statuses.rows).toEqual(hardshipStatuses.map((s) => ({ label: hardshipStatusLabels[s], values: [fig.byStatus[s]] })));
    await expectChartNamed(page, 'chart-hardship-status', statuses.caption);
    await page.context().close();
  }, 300_000);

  it('a dialog is named by its title, takes the focus, passes axe and gives the focus back when closed', async () => {
    const page = await staffLogsIn(suite.browser, baseUrl, 'admin');
    // FormModal: a new staff account (a union picker, fields, a group of role checkboxes)
    await page.goto(`${baseUrl}/console/staff`);
    await settled(page);
    await expectDialog(page, page.getByRole('button', { name: '新建账号' }), '新建工作人员账号');
    // ReasonModal: cancelling an activity (not confirmed)
    const activity = (await apiGet<{ items: { id: number; status: string }[] }>(page, '/api/activities?pageSize=50')).items.find((a) => a.status !== 'cancelled');
    expect(activity, 'an activity that is not cancelled').toBeDefined();
    await page.goto(`${baseUrl}/console/activities/${activity!.id}`);
    await settled(page);
    await expectDialog(page, page.getByRole('button', { name: '取消活动' }), '取消活动');
    // a Drawer: a member's details, named by the member
    await page.goto(`${baseUrl}/console/members`);
    await settled(page);
    await expectDialog(page, page.getByRole('button', { name: '详情' }).first(), /（.+）$/);
    // the account menu opens from the keyboard, and 修改密码's dialog is named
    const account = page.getByRole('banner').getByRole('button', { name: /账号菜单/ });
    await account.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('menuitem', { name: '修改密码' }).click();
    await page.getByRole('dialog', { name: '修改密码' }).waitFor();
    await page.waitForTimeout(400);
    await expectAccessible(page, 'dialog 修改密码');
    await page.context().close();
  }, 300_000);
});
