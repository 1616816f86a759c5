// Points (积分) end to end: staff issue points in the console (积分发放) to every member of a new
// member's union, after a confirmation naming the union and the points each, and see the result and
// the totals; the member (logged in by SMS, approved at once) opens 我的积分 from the services grid on
// the phone, sees the balance and the history line, is refused a redemption beyond the balance with
// the server's message, redeems some (the first answer lost: the retry keeps its key, nothing twice) and
// sees the new balance and the spending line; a mistaken issue is reversed in the console and the member
// sees both lines. Every write carries an Idempotency-Key. Names and numbers are read back, not assumed.
import { describe, expect, inject, it } from 'vitest';
import { confirmWith, onFailure } from './browser.ts';
import { browserSuite, memberOnPhone } from './suite.ts';
import { staffLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

/** "1,066" → 1066 */
const num = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

describe('points', () => {
  const suite = browserSuite(baseUrl);

  it('staff issue points to a union in the console; its member sees balance and history on the phone and redeems; a reversal shows', async () => {
    const { mobile, member } = await memberOnPhone(suite, baseUrl, '139', '梁积分');

    const each = 80 + (Date.now() % 20);
    const reason = `中秋节职工福利 ${Date.now() % 100000}`;
    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen');
    const issueKeys: string[] = [];
    staff.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/points/issues')) issueKeys.push(req.headers()['idempotency-key'] ?? '');
    });
    const issued = await onFailure(staff, 'points-issue', async () => {
      await staff.getByRole('menuitem', { name: '积分发放' }).click();
      await staff.waitForURL(/\/console\/points$/);
      const org = staff.getByRole('combobox', { name: '发放单位' });
      await org.fill(member.orgName.slice(0, 8));
      await staff.locator('.ant-select-item-option', { hasText: member.orgName }).first().click();
      await staff.getByText(/本单位及下级组织在册会员 [\d,]+ 人/).waitFor();
      const before = num(await staff.getByTestId('points-totals').locator('.ant-statistic').first().locator('.ant-statistic-content').textContent());
      await staff.getByLabel('每人积分').fill(String(each));
      await staff.getByLabel('发放事由').fill(reason);
      await staff.getByRole('button', { name: '发放积分' }).click();
      const confirm = staff.getByTestId('points-confirm');
      await confirm.waitFor();
      await expect(confirm.textContent()).resolves.toContain(member.orgName);
      await expect(confirm.textContent()).resolves.toContain(`每人发放 ${each} 积分`);
      await confirmWith(staff, /^确认发放$/);
      const result = staff.getByTestId('points-issue-result');
      await result.waitFor();
      const text = (await result.locator('.ant-alert-message').textContent()) ?? '';
      const m = /(\d[\d,]*) 名会员，共 (\d[\d,]*) 积分（操作编号 (\d+)）/.exec(text);
      expect(m, text).not.toBeNull();
      const members = num(m![1]!);
      expect(members).toBeGreaterThanOrEqual(1);
      expect(num(m![2]!)).toBe(members * each);
      // the totals follow: 已发放 grew by what was issued
      await expect
        .poll(async () => num(await staff.getByTestId('points-totals').locator('.ant-statistic').first().locator('.ant-statistic-content').textContent()))
        .toBe(before + members * each);
      // the operation is shown for look-up under its number
      await expect(staff.getByLabel('操作编号').inputValue()).resolves.toBe(m![3]);
      return { members, operationId: Number(m![3]) };
    });
    expect(issueKeys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(issued.operationId).toBeGreaterThan(0);

    // The member opens 我的积分 from the services grid.
    const redeemKeys: string[] = [];
    mobile.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/api/me/points/redemptions')) redeemKeys.push(req.headers()['idempotency-key'] ?? '');
    });
    await onFailure(mobile, 'points-member', async () => {
      await mobile.goto(`${baseUrl}/`);
      await mobile.locator('.m-services').getByText('积分', { exact: true }).click();
      await mobile.waitForURL(/\/me\/points$/);
      await expect.poll(async () => num(await mobile.getByTestId('points-balance').textContent())).toBe(each);
      const line = mobile.getByTestId('points-entry').filter({ hasText: reason });
      await expect(line.locator('.p-entry-amount').textContent()).resolves.toBe(`+${each}`);
      await expect(line.textContent()).resolves.toContain('发放');

      // beyond the balance: the server's Chinese refusal, nothing taken
      await mobile.getByRole('textbox', { name: '兑换内容' }).fill('职工体检套餐');
      await mobile.getByRole('textbox', { name: '商户' }).fill('南山工会服务站');
      await mobile.getByRole('spinbutton', { name: '所用积分' }).fill(String(each + 1000));
      await mobile.getByRole('button', { name: '兑换', exact: true }).click();
      await mobile.getByRole('button', { name: '确认兑换' }).click();
      await mobile.getByRole('alert').filter({ hasText: '积分余额不足' }).waitFor();
      expect(num(await mobile.getByTestId('points-balance').textContent())).toBe(each);

      // some of it, and the first answer is lost on the way back (the server did redeem): the page
      // says it is unsure, the retry sends the same key and gets the first answer, nothing twice
      const spend = 30;
      let dropped = false;
      await mobile.route('**/api/me/points/redemptions', async (route) => {
        if (dropped) return route.continue();
        dropped = true;
        await route.fetch();
        await route.abort('connectionreset');
      });
      await mobile.getByRole('spinbutton', { name: '所用积分' }).fill(String(spend));
      await mobile.getByRole('button', { name: '兑换', exact: true }).click();
      await mobile.getByRole('button', { name: '确认兑换' }).click();
      await mobile.getByRole('alert').filter({ hasText: '兑换结果未知' }).waitFor();
      await mobile.getByRole('button', { name: '兑换', exact: true }).click();
      await mobile.getByRole('button', { name: '确认兑换' }).click();
      await expect.poll(async () => num(await mobile.getByTestId('points-balance').textContent())).toBe(each - spend);
      const spent = mobile.getByTestId('points-entry').filter({ hasText: '职工体检套餐' });
      await expect(spent.count()).resolves.toBe(1);
      await expect(spent.locator('.p-entry-amount').textContent()).resolves.toBe(`−${spend}`);
      await expect(spent.textContent()).resolves.toContain('南山工会服务站');
    });
    // one key per attempt: the refused one and the accepted one differ; the retry kept its attempt's key
    expect(redeemKeys).toHaveLength(3);
    expect(redeemKeys[0]).not.toBe(redeemKeys[1]);
    expect(redeemKeys[2]).toBe(redeemKeys[1]);

    // Staff issue again by mistake and reverse it, looked up by its number, with a reason.
    const undo = `发放对象有误 ${Date.now() % 100000}`;
    await onFailure(staff, 'points-reverse', async () => {
      await staff.getByLabel('每人积分').fill('10');
      await staff.getByLabel('发放事由').fill(`${reason} 补发`);
      await staff.getByRole('button', { name: '发放积分' }).click();
      await confirmWith(staff, /^确认发放$/);
      await staff.getByTestId('points-issue-result').filter({ hasText: `${reason} 补发` }).waitFor();
      await staff.getByLabel('撤销原因').fill(undo);
      await staff.getByRole('button', { name: /^撤\s*销$/ }).click();
      await confirmWith(staff, /^确认撤销$/);
      await staff.getByTestId('points-issue-result').filter({ hasText: '已撤销的发放' }).waitFor();
    });
    expect(issueKeys).toHaveLength(2);

    // 我的 links to it too
    await onFailure(mobile, 'points-me-link', async () => {
      await mobile.goto(`${baseUrl}/me`);
      await mobile.getByRole('link', { name: /我的积分/ }).click();
      await mobile.waitForURL(/\/me\/points$/);
      // the mistaken issue and its reversal both show; the balance is as before
      await expect.poll(async () => num(await mobile.getByTestId('points-balance').textContent())).toBe(each - 30);
      const reversed = mobile.getByTestId('points-entry').filter({ hasText: undo });
      await expect(reversed.locator('.p-entry-amount').textContent()).resolves.toBe('−10');
      await expect(reversed.textContent()).resolves.toContain('撤销');
    });
    await mobile.context().close();
    await staff.context().close();
  });
});
