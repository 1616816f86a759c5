// The enterprise file (一企一档) in the console: 化州's staff open an employer's file (the demo's
// employer with a collective contract 45 days from expiry), see its alert, record a new size through
// the size form, see it in the history timeline, and upload a photo as evidence to it; screenshots at
// 1440×900 and 390×844 in /tmp/shots-b/. Then a clerk follows the workbench's 去查看 on an alert to the
// filtered list (its total the tile's count), removes the filter, opens the file's members (the employer
// as a removable filter) and the union's 工会档案 link in the org tree; screenshots in /tmp/shots-h1/.
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { staffLogsIn, staffToken } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');
const SHOTS = '/tmp/shots-b';
// a real 1×1 PNG, so the thumbnail shows
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

describe('enterprise file', () => {
  const suite = browserSuite(baseUrl);

  it('化州 opens a file with an alert, records a size, sees the history and uploads evidence', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const ctx = await suite.browser.newContext();
    const token = await staffToken(ctx.request, baseUrl, 'huazhou');
    // the seeded employer of 化州 whose general contract expires within 60 days
    let id = 0;
    for (let i = 1; i <= 200 && !id; i++) {
      const res = await ctx.request.get(`${baseUrl}/api/enterprises/${i}`, { headers: { authorization: `Bearer ${token}` } });
      if (res.status() !== 200) continue;
      const file = (await res.json()) as { alerts: { kind: string }[] };
      if (file.alerts.some((a) => a.kind === 'contractExpiring')) id = i;
    }
    await ctx.close();
    expect(id).toBeGreaterThan(0);

    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    await onFailure(staff, 'enterprise-file', async () => {
      await staff.goto(`${baseUrl}/console/enterprises/${id}`);
      await staff.getByTestId('enterprise-file-title').waitFor();
      await staff.getByText('已建会').waitFor();
      await staff.getByRole('tab', { name: /提醒/ }).click();
      await staff.getByText(/综合性集体合同 45 天后到期/).waitFor();
      await staff.getByRole('tab', { name: '工会' }).click();
      await staff.getByTestId('file-union').waitFor();
      await staff.screenshot({ path: `${SHOTS}/file-union-1440.png`, fullPage: true });

      // record a new size
      await staff.getByRole('tab', { name: '基本情况' }).click();
      await staff.getByRole('button', { name: '记录职工人数' }).click();
      const dialog = staff.getByRole('dialog', { name: '记录新情况' });
      await dialog.getByLabel('职工人数').fill('87');
      await dialog.getByLabel('说明').fill('年度统计核实');
      await dialog.getByRole('button', { name: /记\s*录/ }).click();
      await staff.getByText('已记录：职工人数').waitFor();
      await staff.getByTestId('file-basic').getByText(/^87 人/).waitFor();
      await staff.screenshot({ path: `${SHOTS}/file-basic-1440.png`, fullPage: true });

      // its history, and a photo as evidence
      await staff.getByRole('button', { name: '职工人数的历史' }).click();
      const drawer = staff.getByRole('dialog', { name: /历史记录：职工人数/ });
      const newest = drawer.getByTestId('fact-history-item').first();
      await newest.getByText('职工 87 人').waitFor();
      await newest.getByText('说明：年度统计核实').waitFor();
      await expect.poll(() => drawer.getByTestId('fact-history-item').count()).toBeGreaterThanOrEqual(2);
      await newest.locator('input[type=file]').setInputFiles({ name: '花名册.png', mimeType: 'image/png', buffer: PNG });
      await staff.getByText('已上传：花名册.png').waitFor();
      await newest.getByRole('img', { name: '证明材料：花名册.png' }).waitFor();
      await staff.screenshot({ path: `${SHOTS}/file-history-1440.png` });
      await drawer.getByRole('button', { name: 'Close' }).click().catch(() => staff.keyboard.press('Escape'));

      await staff.setViewportSize({ width: 390, height: 844 });
      await staff.waitForTimeout(500);
      await staff.screenshot({ path: `${SHOTS}/file-basic-390.png`, fullPage: true });
      await staff.getByRole('tab', { name: '工会' }).click();
      await staff.waitForTimeout(300);
      await staff.screenshot({ path: `${SHOTS}/file-union-390.png`, fullPage: true });
    });
    await staff.context().close();
  }, 300_000);

  it('a clerk follows 去查看 on an alert to the filtered list, then the file’s members and the union’s 工会档案 link', async () => {
    const shots = '/tmp/shots-h1';
    mkdirSync(shots, { recursive: true });
    const ctx = await suite.browser.newContext();
    const token = await staffToken(ctx.request, baseUrl, 'huazhou');
    const get = async <T,>(path: string): Promise<T> => {
      const res = await ctx.request.get(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status(), path).toBe(200);
      return (await res.json()) as T;
    };
    const bench = await get<{ fileAlerts: { contractsExpiring: { count: number } } }>('/api/workbench');
    const expiring = bench.fileAlerts.contractsExpiring.count;
    expect(expiring).toBeGreaterThan(0);
    const listed = await get<{ items: { id: number; name: string; union: { id: number; name: string } | null }[]; total: number }>('/api/enterprises?alert=contractExpiring&pageSize=100');
    expect(listed.total).toBe(expiring);
    const all = await get<{ total: number }>('/api/enterprises?pageSize=1');
    const employer = listed.items.find((e) => e.union !== null)!;
    await ctx.close();

    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    await onFailure(staff, 'enterprise-alerts', async () => {
      // the workbench: the alert's tile offers 去查看
      const tile = staff.getByTestId('todo-contracts-expiring');
      await tile.getByRole('button', { name: '去查看' }).waitFor();
      await staff.screenshot({ path: `${shots}/workbench-1440.png`, fullPage: true });
      await tile.getByRole('button', { name: '去查看' }).click();
      await staff.waitForURL(/\/console\/enterprises\?alert=contractExpiring/);
      await staff.getByText(`共 ${expiring.toLocaleString('zh-CN')} 个单位`).waitFor();
      await staff.getByTestId('enterprises-alert-intro').getByText(/集体合同 60 天内到期/).waitFor();
      await staff.getByTestId('enterprises').getByRole('button', { name: employer.name }).waitFor();
      await staff.screenshot({ path: `${shots}/enterprises-alert-1440.png`, fullPage: true });

      // removing the filter shows every employer again, and the address forgets the alert
      const select = staff.getByLabel('提醒');
      await select.locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').hover();
      await staff.locator('.ant-select-clear').first().click();
      await staff.getByText(`共 ${all.total.toLocaleString('zh-CN')} 个单位`).waitFor();
      expect(staff.url()).not.toContain('alert=');

      // the file's member count opens the employer's members, its name a removable filter
      await staff.goto(`${baseUrl}/console/enterprises/${employer.id}`);
      await staff.getByTestId('enterprise-file-title').waitFor();
      await staff.getByRole('tab', { name: '会员与入会率' }).click();
      await staff.getByTestId('file-members-link').click();
      await staff.waitForURL(new RegExp(`/console/members\\?enterpriseId=${employer.id}`));
      const chip = staff.getByTestId('members-employer-filter');
      await chip.getByText(`工作单位：${employer.name}`).waitFor();
      await staff.screenshot({ path: `${shots}/members-employer-1440.png`, fullPage: true });
      await chip.click();
      await chip.waitFor({ state: 'detached' });
      expect(staff.url()).not.toContain('enterpriseId');

      // the union in the org tree links to the file
      await staff.goto(`${baseUrl}/console/orgs?org=${employer.union!.id}`);
      const link = staff.getByTestId('org-enterprise-file');
      await link.getByRole('button', { name: /工会档案/ }).waitFor();
      await staff.screenshot({ path: `${shots}/org-enterprise-link-1440.png`, fullPage: true });
      await link.getByRole('button', { name: /工会档案/ }).click();
      await staff.waitForURL(/\/console\/enterprises\/\d+$/);
      await staff.getByTestId('enterprise-file-title').waitFor();

      // the same screens on a phone
      await staff.setViewportSize({ width: 390, height: 844 });
      await staff.goto(`${baseUrl}/console/workbench`);
      await staff.getByTestId('todo-contracts-expiring').getByRole('button', { name: '去查看' }).waitFor();
      await staff.screenshot({ path: `${shots}/workbench-390.png`, fullPage: true });
      await staff.goto(`${baseUrl}/console/enterprises?alert=contractExpiring`);
      await staff.getByText(`共 ${expiring.toLocaleString('zh-CN')} 个单位`).waitFor();
      await staff.screenshot({ path: `${shots}/enterprises-alert-390.png`, fullPage: true });
      await staff.goto(`${baseUrl}/console/members?enterpriseId=${employer.id}`);
      await staff.getByTestId('members-employer-filter').getByText(`工作单位：${employer.name}`).waitFor();
      await staff.screenshot({ path: `${shots}/members-employer-390.png`, fullPage: true });
      await staff.goto(`${baseUrl}/console/orgs?org=${employer.union!.id}`);
      await staff.getByTestId('org-enterprise-file').waitFor();
      await staff.screenshot({ path: `${shots}/org-enterprise-link-390.png`, fullPage: true });
    });
    await staff.context().close();
  }, 300_000);
});
