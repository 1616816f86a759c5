// Hardship files (困难职工档案) end to end: a new member joins on the phone; the province admin files
// the household in the console (member found by name, a cause, a household member), starts the relief,
// records a visit and aid, opens the details (an audited read), registers the exit with its reason,
// and sees the year's exits on 解困脱困数据 go up by one. Figures are read before and after, not assumed.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { onFailure, openPage, phone, tick } from './browser.ts';
import { browserSuite } from './suite.ts';
import { joinAsApprovedMember, randomPhone, staffLogsIn, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

async function exitsThisYear(page: Page): Promise<number> {
  await page.goto(`${baseUrl}/console/hardship-figures`);
  const totals = page.getByTestId('hardship-totals');
  await totals.waitFor();
  const stat = totals.locator('.ant-statistic').filter({ hasText: /年脱困/ });
  await stat.locator('.ant-statistic-content-value').waitFor();
  return num(await stat.locator('.ant-statistic-content-value').textContent());
}

async function okModal(page: Page): Promise<void> {
  await page.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定|保\s*存/ }).click();
  await page.locator('.ant-modal').waitFor({ state: 'hidden' });
}

describe('hardship files', () => {
  const suite = browserSuite(baseUrl);

  it('files a household, records a visit and aid, exits it, and the figures count the exit', async () => {
    const mobile = await openPage(suite.browser, phone);
    await workerLogsIn(mobile, baseUrl, suite.adminToken, randomPhone('137'));
    const name = `甘帮扶${'一二三四五六七八九'[Date.now() % 9]}`;
    const member = await joinAsApprovedMember(mobile, baseUrl, suite.adminToken, name);
    await mobile.context().close();

    const staff = await staffLogsIn(suite.browser, baseUrl, 'admin');
    const before = await onFailure(staff, 'hardship-figures-before', () => exitsThisYear(staff));

    await onFailure(staff, 'hardship-new', async () => {
      await staff.goto(`${baseUrl}/console/hardship/new`);
      const picker = staff.getByRole('combobox', { name: '会员' });
      await picker.fill(name);
      await staff.locator('.ant-select-item-option', { hasText: member.orgName }).first().click();
      await tick(staff.getByLabel('因病'));
      await staff.getByLabel('致困情况说明').fill('配偶患病住院，医疗费用负担重');
      await staff.getByRole('button', { name: '添加家庭成员' }).click();
      await staff.getByPlaceholder('关系，如 配偶').fill('配偶');
      await staff.getByPlaceholder('姓名', { exact: true }).fill('甘秀兰');
      await staff.getByRole('button', { name: '建立档案' }).click();
      await staff.waitForURL(/\/console\/hardship\/\d+$/);
      await staff.locator('.ant-tag', { hasText: '已建档' }).first().waitFor();
    });

    await onFailure(staff, 'hardship-relief', async () => {
      await staff.getByRole('button', { name: '开始帮扶' }).click();
      await okModal(staff);
      await staff.locator('.ant-tag', { hasText: '帮扶中' }).first().waitFor();
      await staff.getByRole('tab', { name: '帮扶记录/走访' }).click();
      await staff.getByRole('button', { name: '记录走访' }).click();
      await staff.getByLabel('走访人员').fill('省总帮扶组');
      await staff.getByLabel('走访情况').fill('入户核实，配偶仍在住院');
      await okModal(staff);
      await staff.getByRole('button', { name: '记录帮扶' }).click();
      await staff.getByLabel('金额（元）').fill('800');
      await staff.getByLabel('来源').fill('送温暖');
      await okModal(staff);
      await staff.getByRole('cell', { name: '800.00' }).waitFor();
    });

    await onFailure(staff, 'hardship-details', async () => {
      await staff.getByRole('button', { name: '查看详情（将记录审计）' }).first().click();
      await staff.getByText('本次查看已记入审计日志').waitFor();
      await staff.getByRole('tab', { name: '家庭成员' }).click();
      await staff.getByRole('cell', { name: '甘秀兰' }).waitFor();
      await staff.getByRole('tab', { name: '帮扶记录/走访' }).click();
      await staff.getByRole('tabpanel', { name: '帮扶记录/走访' }).getByText('入户核实，配偶仍在住院').waitFor();
    });

    await onFailure(staff, 'hardship-exit', async () => {
      await staff.getByRole('button', { name: '登记脱困' }).click();
      await staff.getByLabel('脱困原因').fill('配偶出院，本人收入稳定');
      await okModal(staff);
      await staff.locator('.ant-tag', { hasText: '已脱困' }).first().waitFor();
      await staff.getByRole('tab', { name: '状态历程' }).click();
      await staff.getByRole('tabpanel', { name: '状态历程' }).getByText('配偶出院，本人收入稳定').waitFor();
    });

    const after = await onFailure(staff, 'hardship-figures-after', () => exitsThisYear(staff));
    expect(after).toBe(before + 1);
    await staff.context().close();
  });
});
