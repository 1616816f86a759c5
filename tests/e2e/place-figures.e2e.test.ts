// The places figures (阵地数据) in the console at 1440×900: the county's staff (化州) register two
// places through the register's API (one of the county, one of a town below it), open 阵地数据 from
// the 数据 menu, see the cards and the four charts for their subtree and the per-union table, and
// download the Excel report.
import { randomUUID } from 'node:crypto';
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { staffLogsIn, staffToken, townOf } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

describe('places figures', () => {
  const suite = browserSuite(baseUrl);

  it('a county opens 阵地数据 from the menu: cards, charts and the per-union table; the Excel report downloads', async () => {
    const ctx = await suite.browser.newContext();
    const token = await staffToken(ctx.request, baseUrl, 'huazhou');
    const auth = { authorization: `Bearer ${token}` };
    const me = (await (await ctx.request.get(`${baseUrl}/api/me`, { headers: auth })).json()) as { org: { id: number } };
    const town = await townOf(ctx.request, baseUrl, suite.adminToken, '化州市总工会');
    const spot = () => ({ lat: 21.6 + Math.random() * 0.1, lng: 110.6 + Math.random() * 0.1, system: 'gcj02' });
    const hours = { week: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, from: '08:00', to: '20:00' })), holidays: 'asUsual' };
    for (const [orgId, kind, name] of [
      [me.org.id, 'workersHome', '化州市职工之家（统计测试）'],
      [town, 'station', '化州街道户外劳动者爱心驿站（统计测试）'],
    ] as const) {
      const res = await ctx.request.post(`${baseUrl}/api/places`, {
        headers: { ...auth, 'idempotency-key': randomUUID() },
        data: { orgId, kind, name, address: '化州市河西街道人民路 1 号', position: spot(), hours, services: ['water', 'rest'] },
      });
      expect(res.status(), await res.text()).toBe(201);
    }
    await ctx.close();

    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    await onFailure(staff, 'place-figures', async () => {
      // the 数据 submenu may open by itself (it remembers what was open): open it only when shut
      const item = staff.getByRole('menuitem', { name: '阵地数据' });
      await staff.getByRole('menuitem', { name: '数据', exact: true }).waitFor();
      if (!(await item.isVisible())) await staff.getByRole('menuitem', { name: '数据', exact: true }).click();
      await item.click();
      await staff.waitForURL(/\/console\/place-figures$/);
      const totals = staff.getByTestId('place-figures-totals');
      await totals.waitFor();
      await expect.poll(async () => Number((await totals.locator('.ant-statistic').first().locator('.ant-statistic-content-value').innerText()).replace(/,/g, ''))).toBeGreaterThanOrEqual(2);
      await staff.getByText('化州市总工会及下级组织的阵地').waitFor();
      for (const chart of ['chart-place-kind', 'chart-place-visits', 'chart-place-bookings', 'chart-place-problems']) {
        await staff.getByTestId(chart).locator('canvas').first().waitFor();
      }
      await staff.locator('.ant-table-row', { hasText: '（本级）' }).waitFor();
      await staff.locator('.ant-table-row', { hasText: '（含下级）' }).first().waitFor();
      await staff.waitForTimeout(600);
      await staff.screenshot({ path: 'tmp/screenshots/place-figures-1440.png', fullPage: true });

      const download = staff.waitForEvent('download');
      await staff.getByRole('button', { name: /导出 Excel/ }).click();
      expect((await download).suggestedFilename()).toMatch(/^阵地数据_化州市总工会_.*\.xlsx$/);
      await staff.getByText('已导出 Excel').waitFor();
      // a clerk on a narrow screen: the cards and the charts stack
      await staff.setViewportSize({ width: 390, height: 844 });
      await staff.waitForTimeout(600);
      await staff.screenshot({ path: 'tmp/screenshots/place-figures-390.png', fullPage: true });
    });
    await staff.context().close();
  });
});
