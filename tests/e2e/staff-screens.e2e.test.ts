// Staff screens speak Chinese, at 1440×900: 积分发放 picks a member by full phone number (no internal
// id to type); the 审计日志 says the issue as a sentence and 通知发件箱 names the notice's kind; a
// campaign's 审核 table shows every column, 材料 included, with nothing to scroll.
import { describe, expect, inject, it } from 'vitest';
import { confirmWith, desktop, onFailure, openPage, phone } from './browser.ts';
import { browserSuite } from './suite.ts';
import { joinAsApprovedMember, randomPhone, staffLogsIn, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

describe('staff screens in Chinese', () => {
  const suite = browserSuite(baseUrl);

  it('points go to a member picked by phone; the audit log and the outbox say so in words', async () => {
    const mobile = await openPage(suite.browser, phone);
    const tel = randomPhone('138');
    await workerLogsIn(mobile, baseUrl, suite.adminToken, tel);
    const member = await joinAsApprovedMember(mobile, baseUrl, suite.adminToken, '邝名字');
    await mobile.context().close();

    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen', desktop);
    const each = 40 + (Date.now() % 50);
    await onFailure(staff, 'staff-points-by-phone', async () => {
      await staff.getByRole('menuitem', { name: '积分发放' }).click();
      await staff.waitForURL(/\/console\/points$/);
      await staff.getByLabel('每人积分').fill(String(each));
      await staff.getByLabel('发放事由').fill('优秀骑手奖励');
      await staff.getByText('指定会员', { exact: true }).click();
      await staff.getByRole('combobox', { name: '选择会员' }).click();
      await staff.keyboard.type(tel);
      // the option names the member as a clerk knows them, the phone masked
      const option = staff.locator('.ant-select-item-option', { hasText: `${member.name} · ${member.memberNo} · ${tel.slice(0, 3)}****${tel.slice(-4)}` });
      await option.click();
      await staff.getByRole('button', { name: '发放积分' }).click();
      // the confirmation names who gets the points
      await staff.getByTestId('points-confirm').getByText(`向${member.name}（${member.memberNo}）每人发放`).waitFor();
      await confirmWith(staff, /^确认发放$/);
      await staff.getByTestId('points-issue-result').getByText(/发放成功：1 名会员/).waitFor();
    });

    await onFailure(staff, 'staff-audit-sentence', async () => {
      await staff.getByRole('menuitem', { name: '审计日志' }).click();
      const row = staff.locator('.ant-table-row', { hasText: '发放了' }).first();
      await row.waitFor();
      const text = await row.innerText();
      expect(text).toMatch(new RegExp(`^\\S+（shenzhen） 于 \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d 向 1 名会员每人发放了 ${each} 积分（编号 \\d+）`));
      expect(text).not.toMatch(/[{}"]|point_operation|points\.issue/);
    });

    await onFailure(staff, 'staff-outbox-kind', async () => {
      await staff.getByRole('menuitem', { name: '通知发件箱' }).click();
      await staff.getByLabel('按手机号筛选').fill(tel);
      await staff.getByLabel('按手机号筛选').press('Enter');
      const row = staff.locator('tr', { hasText: `${each} 积分` });
      await row.waitFor();
      expect(await row.locator('td').allTextContents()).toContain('积分到账通知');
      expect(await staff.locator('.ant-table').innerText()).not.toMatch(/points_issued|login_code|join_approved/);
    });
    await staff.context().close();
  });

  it('the campaign review table shows every column, 材料 included, at 1440×900', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou', desktop);
    const list = (await (await staff.request.get(`${baseUrl}/api/campaigns?pageSize=50`)).json()) as { items: { id: number; title: string }[] };
    const c = list.items.find((x) => x.title.includes('金秋助学'))!;
    await onFailure(staff, 'staff-review-columns', async () => {
      await staff.goto(`${baseUrl}/console/campaigns/${c.id}`);
      await staff.locator('.cmp-segmented').getByText('全部', { exact: true }).click();
      const table = staff.locator('.ant-table').first();
      await table.locator('.ant-table-row').first().waitFor();
      const box = (await table.boundingBox())!;
      const headers = ['编号', '申请人', '所在工会', '当前层级 / 审核单位', '审核时限', '状态', '材料', '操作'];
      const boxes = [];
      for (const h of headers) {
        const b = (await table.locator('th', { hasText: h }).first().boundingBox())!;
        expect(b.x, h).toBeGreaterThanOrEqual(box.x - 1);
        expect(b.x + b.width, h).toBeLessThanOrEqual(box.x + box.width + 1);
        boxes.push(b);
      }
      // side by side, none under another (a fixed column over 材料 was the fault)
      for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.x, headers[i]).toBeGreaterThanOrEqual(boxes[i - 1]!.x + boxes[i - 1]!.width - 1);
      const scroll = await table.locator('.ant-table-content').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(scroll).toBeLessThanOrEqual(0);
      // and a document of an application can be opened from its row
      await table.locator('.ant-table-row').locator('a', { hasText: /./ }).first().waitFor();
    });
    await staff.context().close();
  });
});
