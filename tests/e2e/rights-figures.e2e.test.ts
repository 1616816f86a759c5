// The rights figures (维权统计) in the console at 1440×900: the province's staff open the page from
// the 维权服务 menu, see the number cards, the three charts drawn (with their data tables for screen
// readers) and the per-level on-time table, narrow the period, and download the Excel report.
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { staffLogsIn } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

describe('rights figures', () => {
  const suite = browserSuite(baseUrl);

  it('the province opens 维权统计: cards, charts and the per-level table; the Excel report downloads', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'admin');
    await onFailure(staff, 'rights-figures', async () => {
      // the 维权服务 submenu may open by itself (it remembers what was open): open it only when shut
      const item = staff.getByRole('menuitem', { name: '维权统计' });
      await staff.getByRole('menuitem', { name: '维权服务' }).waitFor();
      if (!(await item.isVisible())) await staff.getByRole('menuitem', { name: '维权服务' }).click();
      await item.click();
      await staff.waitForURL(/\/console\/tickets\/figures$/);
      const totals = staff.getByTestId('ticket-figures-totals');
      await totals.waitFor();
      // the demo's two tickets of this year are counted
      await expect.poll(async () => Number((await totals.locator('.ant-statistic').first().locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''))).toBeGreaterThan(0);
      for (const chart of ['chart-ticket-channel', 'chart-ticket-category', 'chart-ticket-state']) {
        await staff.getByTestId(chart).locator('canvas').first().waitFor();
      }
      const selfRow = staff.locator('.ant-table-row', { hasText: '（本级）' });
      await selfRow.waitFor();
      expect(await staff.locator('.ant-table-row').count()).toBeGreaterThan(1);
      await staff.waitForTimeout(600);
      await staff.screenshot({ path: 'tmp/screenshots/rights-figures-1440.png', fullPage: true });

      const download = staff.waitForEvent('download');
      await staff.getByRole('button', { name: /导出 Excel/ }).click();
      expect((await download).suggestedFilename()).toMatch(/^维权统计_.*\.xlsx$/);
      await staff.getByText('已导出 Excel').waitFor();
    });
    await staff.context().close();
  });
});
