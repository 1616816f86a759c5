// 一屏总览 in the console at 1440×900: the province (admin), 化州 (huazhou) and 石湾 (shiwan) each open
// the dashboard from the 数据 menu and see their own union's figures — tiles by area, the children side
// by side, the official figures beside the platform's for the province — and the big screen at
// 1920×1080. Screenshots in /tmp/shots-f/. axe checks every page visited (browser.ts).
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { staffLogsIn, staffToken } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots-f';
mkdirSync(SHOTS, { recursive: true });

describe('dashboard (一屏总览)', () => {
  const suite = browserSuite(baseUrl);

  for (const [username, orgName] of [
    ['admin', '广东省总工会'],
    ['huazhou', '化州市总工会'],
    ['shiwan', '化州市石湾街道工会联合会'],
  ] as const) {
    it(`${username} opens 一屏总览 from the menu and sees ${orgName}'s own figures`, async () => {
      if (username === 'admin') {
        const ctx = await suite.browser.newContext();
        const token = await staffToken(ctx.request, baseUrl, 'admin');
        const auth = { authorization: `Bearer ${token}` };
        const me = (await (await ctx.request.get(`${baseUrl}/api/me`, { headers: auth })).json()) as { org: { id: number } };
        const year = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4);
        const res = await ctx.request.put(`${baseUrl}/api/official-figures/${me.org.id}/${year}`, {
          headers: auth,
          data: { unions: 155_000, members: 22_147_000, gigMembers: 1_560_000, modelHomes: 799, source: '测试：沿用 2024 年工会统计年报' },
        });
        expect(res.status(), await res.text()).toBe(200);
        await ctx.close();
      }
      const staff = await staffLogsIn(suite.browser, baseUrl, username);
      await onFailure(staff, `dashboard-${username}`, async () => {
        const item = staff.getByRole('menuitem', { name: '一屏总览' });
        await staff.getByRole('menuitem', { name: '数据', exact: true }).waitFor();
        if (!(await item.isVisible())) await staff.getByRole('menuitem', { name: '数据', exact: true }).click();
        await item.click();
        await staff.waitForURL(/\/console\/dashboard$/);
        await expect.poll(async () => staff.locator('.fig-filters').innerText(), { timeout: 30_000 }).toContain(`${orgName}及下级组织`);
        for (const area of ['unions', 'services', 'aid', 'rights']) await staff.getByTestId(`dash-area-${area}`).waitFor();
        await staff.getByTestId('tile-unions.grassroots').waitFor();
        await staff.getByText('直属下级工会对比').waitFor();
        // the members' 24-month line is there (not its empty state)
        await expect.poll(async () => staff.locator('.dash-page').innerText(), { timeout: 30_000 }).toContain('会员数（近 24 个月）');
        expect(await staff.locator('.dash-page').innerText()).not.toContain('会员月度数据暂不可用');
        if (username === 'admin') {
          // this year's official figures, recorded by the province's admin, stand beside the platform's
          await staff.getByTestId('dash-official').getByText('口径不同：官方数为年度统计报表数，平台数为在本平台登记的数').waitFor();
          await staff.getByTestId('dash-official').getByText('22,147,000').waitFor();
        }
        await staff.waitForTimeout(800);
        await staff.screenshot({ path: `${SHOTS}/dashboard-${username}-1440.png`, fullPage: true });
        if (username === 'huazhou') {
          await staff.setViewportSize({ width: 390, height: 844 });
          await staff.waitForTimeout(600);
          await staff.screenshot({ path: `${SHOTS}/dashboard-${username}-390.png`, fullPage: true });
        }
      });
      await staff.context().close();
    }, 240_000);
  }

  it('the big screen shows the union on a dark 1920×1080 page with 数据更新于', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou-view', { width: 1920, height: 1080 });
    await onFailure(staff, 'dashboard-screen', async () => {
      await staff.goto(`${baseUrl}/console/dashboard/screen`);
      await staff.getByTestId('big-screen').waitFor();
      await staff.getByRole('heading', { name: '化州市总工会 · 一屏总览' }).waitFor();
      const updated = await staff.getByTestId('big-screen-updated').innerText();
      expect(updated).toMatch(/^数据更新于 .+（北京时间）$/);
      expect(await staff.getByRole('navigation').count()).toBe(0);
      await staff.waitForTimeout(600);
      await staff.screenshot({ path: `${SHOTS}/dashboard-screen-1920.png` });
    });
    await staff.context().close();
  }, 240_000);
});
