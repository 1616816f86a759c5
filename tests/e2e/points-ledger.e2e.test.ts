// 积分流水 end to end: 深圳 staff issue points to one new member (by member ID) in 积分发放, open
// 积分流水 from the menu, find the operation (filtered to 发放) with the union and who did it, open it
// and see the member with member number and points; export the list as Excel; and expire by rule after
// a confirmation, which then shows at the top of the list. Names and numbers are read back, not assumed.
import { describe, expect, inject, it } from 'vitest';
import { confirmWith, onFailure } from './browser.ts';
import { browserSuite, memberOnPhone } from './suite.ts';
import { DEMO_ORGS, staffLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

describe('points ledger', () => {
  const suite = browserSuite(baseUrl);

  it('staff issue points, find the operation in 积分流水, open it and see the member; export; expire by rule', async () => {
    const { mobile, member } = await memberOnPhone(suite, baseUrl, '139', '冼流水');
    await mobile.context().close();

    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen');
    const found = (await (await staff.request.get(`${baseUrl}/api/members?q=${encodeURIComponent(member.name)}&pageSize=200`)).json()) as { items: { id: number; memberNo: string | null }[] };
    const memberId = found.items.find((m) => m.memberNo === member.memberNo)?.id;
    expect(memberId, JSON.stringify(found)).toBeGreaterThan(0);
    const reason = `劳动竞赛奖励 ${Date.now() % 100000}`;
    const each = 60 + (Date.now() % 30);

    const operationId = await onFailure(staff, 'points-ledger-issue', async () => {
      await staff.getByRole('menuitem', { name: '积分发放' }).click();
      await staff.waitForURL(/\/console\/points$/);
      await staff.getByLabel('每人积分').fill(String(each));
      await staff.getByLabel('发放事由').fill(reason);
      await staff.getByText('指定会员', { exact: true }).click();
      // picked as a clerk knows the member: by member number, shown with name and masked phone
      await staff.getByRole('combobox', { name: '选择会员' }).click();
      await staff.keyboard.type(member.memberNo);
      await staff.locator('.ant-select-item-option', { hasText: `${member.name} · ${member.memberNo}` }).click();
      await staff.getByRole('button', { name: '发放积分' }).click();
      await confirmWith(staff, /^确认发放$/);
      const result = staff.getByTestId('points-issue-result');
      await result.waitFor();
      const m = /操作编号 (\d+)/.exec((await result.locator('.ant-alert-message').textContent()) ?? '');
      expect(m).not.toBeNull();
      return Number(m![1]);
    });

    await onFailure(staff, 'points-ledger-list', async () => {
      await staff.getByRole('menuitem', { name: '积分流水' }).click();
      await staff.waitForURL(/\/console\/points\/ledger$/);
      await staff.getByRole('combobox', { name: '类型' }).click();
      await staff.locator('.ant-select-item-option', { hasText: '发放' }).click();
      const row = staff.getByTestId('points-ledger').locator('tr', { hasText: reason });
      await row.waitFor();
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toBe(String(operationId));
      expect(cells).toContain('发放');
      expect(cells).toContain(String(each));
      expect(cells).toContain(DEMO_ORGS.shenzhen);
      await row.getByRole('button', { name: '查看' }).click();
      await staff.waitForURL(new RegExp(`/console/points/ledger\\?op=${operationId}$`));
      const drawer = staff.locator('.pt-drawer');
      await drawer.getByText(`积分操作 ${operationId}`).waitFor();
      await expect(drawer.getByTestId('points-operation').textContent()).resolves.toContain(reason);
      const entry = drawer.getByTestId('points-entries').locator('tbody tr', { hasText: member.name });
      await entry.waitFor();
      const entryCells = await entry.locator('td').allTextContents();
      expect(entryCells).toEqual([member.name, member.memberNo, member.orgName, `+${each}`]);
      await expect(drawer.getByRole('button', { name: /^撤\s*销$/ }).isVisible()).resolves.toBe(true);
      await staff.keyboard.press('Escape');
      await staff.waitForURL(/\/console\/points\/ledger$/);
    });

    await onFailure(staff, 'points-ledger-export', async () => {
      const download = staff.waitForEvent('download');
      await staff.getByRole('button', { name: /导出 Excel/ }).click();
      expect((await download).suggestedFilename()).toBe(`积分流水_${DEMO_ORGS.shenzhen}_发放.xlsx`);
      await staff.getByText('已导出 Excel').waitFor();
    });

    await onFailure(staff, 'points-ledger-expire', async () => {
      const expireReason = `年度积分清理 ${Date.now() % 100000}`;
      await staff.getByLabel('发放早于').click();
      await staff.getByLabel('发放早于').fill('2000-01-01');
      await staff.keyboard.press('Enter');
      await staff.getByLabel('过期事由').fill(expireReason);
      await staff.getByRole('button', { name: '执行过期' }).click();
      const confirm = staff.getByTestId('points-expire-confirm');
      await confirm.waitFor();
      await expect(confirm.textContent()).resolves.toContain('2000年1月1日');
      await expect(confirm.textContent()).resolves.toContain(DEMO_ORGS.shenzhen);
      await staff.getByRole('button', { name: '确认过期' }).click();
      await staff.getByTestId('points-expire-result').waitFor();
      await staff.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
      await staff.locator('.ant-select', { has: staff.getByRole('combobox', { name: '类型' }) }).click();
      await staff.locator('.ant-select-item-option', { hasText: '过期' }).click();
      const first = staff.getByTestId('points-ledger').locator('tbody tr.ant-table-row').first();
      await expect.poll(async () => (await first.locator('td').allTextContents()).join('|')).toContain(expireReason);
      await expect(first.textContent()).resolves.toContain('过期');
    });
    await staff.context().close();
  });
});
