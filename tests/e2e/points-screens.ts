// Screens of points (积分) for tests/e2e/screenshots.ts (ONLY=points): the console's 积分发放 (empty,
// with errors, the confirmation, the result, a reversed operation looked up) and the phone's
// 我的积分 (no points yet, after issue and reversal, a refused and an accepted 兑换). Phone
// (390×844) and desktop (1440×900) for each side. A fresh member is made through the API and 深圳
// staff issue to that member's union, so nothing depends on generated demo names. Then 积分流水
// (the list, filtered, an operation's drawer with its members, 按规则过期 and its confirmation) at both sizes.
import type { Browser, Page } from 'playwright-core';
import { confirmWith, desktop, openPage, phone } from './browser.ts';
import { joinAsApprovedMember, randomPhone, readLoginCode, staffLogsIn, staffToken } from './people.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

async function issueInConsole(staff: Page, orgName: string, each: number, reason: string, shoot?: Shoot): Promise<void> {
  await staff.getByLabel('每人积分').fill(String(each));
  await staff.getByLabel('发放事由').fill(reason);
  await staff.getByRole('button', { name: '发放积分' }).click();
  await staff.getByTestId('points-confirm').waitFor();
  if (shoot) await shoot(staff, 'console-points-confirm');
  await confirmWith(staff, /^确认发放$/);
  await staff.getByTestId('points-issue-result').filter({ hasText: reason }).waitFor();
  void orgName;
}

export async function pointScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  const admin = await browser.newContext();
  const adminToken = await staffToken(admin.request, base, 'admin');

  const mobile = await openPage(browser, phone);
  mobile.on('pageerror', (e) => console.error('page error:', e.message));
  const tel = randomPhone('139');
  await mobile.request.post(`${base}/api/auth/sms-code`, { data: { phone: tel } });
  const code = await readLoginCode(mobile.request, base, adminToken, tel);
  const res = await mobile.request.post(`${base}/api/auth/member-login`, { data: { phone: tel, code } });
  if (!res.ok()) throw new Error(`member log-in: ${res.status()}`);
  const member = await joinAsApprovedMember(mobile, base, adminToken, '欧阳积分');

  await mobile.goto(`${base}/me/points`);
  await mobile.getByTestId('points-balance').waitFor();
  await shoot(mobile, 'member-points-empty');

  const staff = await staffLogsIn(browser, base, 'shenzhen');
  staff.on('pageerror', (e) => console.error('page error:', e.message));
  await staff.getByRole('menuitem', { name: '积分发放' }).click();
  await staff.getByTestId('points-totals').waitFor();
  await staff.waitForTimeout(600);
  await shoot(staff, 'console-points');
  await staff.getByRole('button', { name: '发放积分' }).click();
  await staff.locator('.ant-form-item-explain-error').first().waitFor();
  await shoot(staff, 'console-points-errors');

  const org = staff.getByRole('combobox', { name: '发放单位' });
  await org.fill(member.orgName.slice(0, 8));
  await staff.locator('.ant-select-item-option', { hasText: member.orgName }).first().waitFor();
  await shoot(staff, 'console-points-org');
  await staff.locator('.ant-select-item-option', { hasText: member.orgName }).first().click();
  await staff.getByText(/本单位及下级组织在册会员/).waitFor();
  await issueInConsole(staff, member.orgName, 200, '2026年中秋节职工福利积分', shoot);
  await shoot(staff, 'console-points-result');

  // a second issue, reversed: 撤销 looked up by its number
  await issueInConsole(staff, member.orgName, 50, '高温慰问积分（误发）');
  await staff.getByLabel('撤销原因').fill('发放对象有误，撤回重发');
  await staff.getByRole('button', { name: /^撤\s*销$/ }).click();
  await confirmWith(staff, /^确认撤销$/);
  await staff.getByText(/已撤销（撤销操作/).first().waitFor();
  await staff.getByTestId('points-operation').last().scrollIntoViewIfNeeded();
  await shoot(staff, 'console-points-reversed');

  // the list form, empty
  await staff.getByText('指定会员', { exact: true }).click();
  await staff.getByTestId('points-totals').scrollIntoViewIfNeeded();
  await shoot(staff, 'console-points-list');
  await staff.context().close();

  const small = await staffLogsIn(browser, base, 'shenzhen');
  await small.setViewportSize(phone);
  await small.goto(`${base}/console/points`);
  await small.getByTestId('points-totals').waitFor();
  await small.waitForTimeout(600);
  await shoot(small, 'console-points-phone');
  await small.context().close();

  await mobile.goto(`${base}/me/points`);
  await mobile.getByTestId('points-entry').first().waitFor();
  await shoot(mobile, 'member-points');
  await mobile.getByRole('textbox', { name: '兑换内容' }).fill('职工体检套餐（含胃镜、甲状腺彩超）');
  await mobile.getByRole('textbox', { name: '商户' }).fill('深圳市南山区职工服务中心工会服务站');
  await mobile.getByRole('spinbutton', { name: '所用积分' }).fill('5000');
  await mobile.getByRole('button', { name: '兑换', exact: true }).click();
  await mobile.getByRole('button', { name: '确认兑换' }).waitFor();
  await shoot(mobile, 'member-points-confirm');
  await mobile.getByRole('button', { name: '确认兑换' }).click();
  await mobile.getByRole('alert').waitFor();
  await shoot(mobile, 'member-points-refused');
  await mobile.getByRole('spinbutton', { name: '所用积分' }).fill('120');
  await mobile.getByRole('button', { name: '兑换', exact: true }).click();
  await mobile.getByRole('button', { name: '确认兑换' }).click();
  await mobile.getByTestId('points-entry').filter({ hasText: '职工体检套餐' }).waitFor();
  await shoot(mobile, 'member-points-redeemed');
  await mobile.getByTestId('points-history').scrollIntoViewIfNeeded();
  await shoot(mobile, 'member-points-history');

  // the same member on a desktop browser
  await mobile.setViewportSize(desktop);
  await mobile.reload();
  await mobile.getByTestId('points-entry').first().waitFor();
  await shoot(mobile, 'member-points-desktop');
  await mobile.context().close();
  await admin.close();
  await ledgerScreens(browser, base, shoot);
}

/** 积分流水 as 深圳 staff, after the issues, the reversal and the redemption above. */
async function ledgerScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  const staff = await staffLogsIn(browser, base, 'shenzhen');
  staff.on('pageerror', (e) => console.error('page error:', e.message));
  await staff.getByRole('menuitem', { name: '积分流水' }).click();
  const rows = staff.getByTestId('points-ledger').locator('tbody tr.ant-table-row');
  await rows.first().waitFor();
  await shoot(staff, 'console-points-ledger');
  await rows.filter({ hasText: '2026年中秋节职工福利积分' }).first().click();
  await staff.getByTestId('points-entries').locator('tbody tr.ant-table-row').first().waitFor();
  await shoot(staff, 'console-points-ledger-drawer');
  await staff.keyboard.press('Escape');
  await staff.locator('.pt-drawer').waitFor({ state: 'hidden' });
  await staff.locator('.ant-select', { has: staff.getByRole('combobox', { name: '类型' }) }).click();
  await staff.locator('.ant-select-item-option', { hasText: '撤销' }).click();
  await rows.first().filter({ hasText: '撤销' }).waitFor();
  await shoot(staff, 'console-points-ledger-filtered');
  await staff.getByRole('button', { name: '执行过期' }).click();
  await staff.locator('.ant-form-item-explain-error').first().waitFor();
  await staff.getByRole('button', { name: '执行过期' }).scrollIntoViewIfNeeded();
  await shoot(staff, 'console-points-expire-errors');
  await staff.getByLabel('发放早于').click();
  await staff.getByLabel('发放早于').fill('2025-01-01');
  await staff.keyboard.press('Enter');
  await staff.getByLabel('过期事由').fill('2024 年度积分到期清理');
  await staff.getByRole('button', { name: '执行过期' }).click();
  await staff.getByTestId('points-expire-confirm').waitFor();
  await shoot(staff, 'console-points-expire-confirm');
  await staff.getByRole('button', { name: /^取\s*消$/ }).click();
  await staff.context().close();

  const small = await staffLogsIn(browser, base, 'shenzhen');
  await small.setViewportSize(phone);
  await small.goto(`${base}/console/points/ledger`);
  const smallRows = small.getByTestId('points-ledger').locator('tbody tr.ant-table-row');
  await smallRows.first().waitFor();
  await shoot(small, 'console-points-ledger-phone');
  await smallRows.first().click();
  await small.getByTestId('points-entries').locator('tbody tr.ant-table-row').first().waitFor();
  await shoot(small, 'console-points-ledger-drawer-phone');
  await small.keyboard.press('Escape');
  await small.getByRole('button', { name: '执行过期' }).scrollIntoViewIfNeeded();
  await shoot(small, 'console-points-expire-phone');
  await small.context().close();
}
