// A member who changed phone number, and a worker in an area not open online, end to end on the
// phone (390×844) and on a desktop browser (1440×900): joining from the new phone is led to 更换手机号
// and ends a member again with the card; picking a county with no town open is told who takes the
// application and why. Then the console's staff-assisted 更换手机号 in the member drawer.
// SCREENSHOTS=1 also writes the screens to tmp/screenshots/ for looking at them.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserSuite } from './suite.ts';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { DEMO_ORGS, freshIdNumber, joinAsApprovedMember, randomPhone, staffLogsIn, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');
const shotsDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

async function shot(page: Page, name: string): Promise<void> {
  if (!process.env.SCREENSHOTS) return;
  mkdirSync(shotsDir, { recursive: true });
  await page.waitForTimeout(500); // let dialogs and sheets finish opening: only the picture waits
  await page.screenshot({ path: join(shotsDir, `${name}.png`) });
}

async function pickPlace(page: Page, ...steps: string[]): Promise<void> {
  await page.getByRole('button', { name: '选择工作地点' }).click();
  const sheet = page.locator('.adm-cascader-view');
  for (const step of steps) await sheet.getByText(step, { exact: true }).click();
  await sheet.waitFor({ state: 'hidden' });
}

/** The join form filled as a 美团 rider of the given place, consent given. */
async function fillJoin(page: Page, name: string, idNumber: string, place: string[]): Promise<void> {
  await page.getByPlaceholder('与身份证上的姓名一致').fill(name);
  await page.getByPlaceholder('18 位，末位可能是 X').fill(idNumber);
  await page.getByRole('switch', { name: '无固定单位（新就业形态）' }).click();
  await page.locator('.m-platforms').getByText('美团', { exact: true }).click();
  await pickPlace(page, ...place);
  await page.locator('.m-join-consent .adm-checkbox').click();
}

describe.each([
  ['phone', phone],
  ['desktop', desktop],
] as const)('on a %s browser', (size, viewport) => {
  const suite = browserSuite(baseUrl);

  it('a member with a new phone tries to join, is led to 更换手机号, and is a member again with the card', async () => {
    // The member, on the old phone.
    const old = await openPage(suite.browser, viewport);
    const oldTel = randomPhone('138');
    await workerLogsIn(old, baseUrl, suite.adminToken, oldTel);
    const idNumber = freshIdNumber();
    const name = size === 'phone' ? '冯换机' : '冯换号';
    const member = await joinAsApprovedMember(old, baseUrl, suite.adminToken, name, idNumber);

    // The new phone: joining again is refused, and the answer leads to moving the membership here.
    const page = await openPage(suite.browser, viewport);
    const newTel = randomPhone('139');
    await workerLogsIn(page, baseUrl, suite.adminToken, newTel);
    await onFailure(page, `phone-change-${size}`, async () => {
      await page.goto(`${baseUrl}/join`);
      await fillJoin(page, name, idNumber, ['深圳市', '南山区', '南山街道']);
      await page.getByRole('button', { name: '提交入会申请' }).click();
      const dialog = page.locator('.adm-dialog');
      await dialog.getByText('您已是工会会员').waitFor();
      expect(await dialog.innerText()).toContain('转到本手机号');
      expect(await dialog.innerText()).not.toContain('办理转接');
      await shot(page, `member-join-already-member-${size}`);
      await dialog.getByRole('button', { name: '转到本手机号', exact: true }).click();
      await page.waitForURL(/\/me\/phone$/);
      // What was typed on the join form is carried over.
      expect(await page.getByPlaceholder('与身份证上的姓名一致').inputValue()).toBe(name);
      expect(await page.getByPlaceholder('18 位，末位可能是 X').inputValue()).toBe(idNumber);
      await page.getByTestId('phone-help').getByText('12351').waitFor();
      await shot(page, `member-phone-change-${size}`);
      await page.getByRole('button', { name: '核验并转到本手机号' }).click();
      const done = page.getByTestId('phone-change-result');
      await done.getByText('会籍已转到本手机号').waitFor();
      expect(await done.innerText()).toContain(member.memberNo);
      await shot(page, `member-phone-change-done-${size}`);
      await done.getByRole('button', { name: '查看电子会员证' }).click();
      await page.waitForURL(/\/card$/);
      await page.getByTestId('card-member-no').filter({ hasText: member.memberNo }).waitFor();
      await page.getByTestId('card-qr').waitFor();
    });

    // The old phone's session has ended.
    await old.goto(`${baseUrl}/me`);
    await old.waitForURL(/\/login$/);
    await old.context().close();
    await page.context().close();
  });

  it('a wrong name is refused with what to do next', async () => {
    const page = await openPage(suite.browser, viewport);
    await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('137'));
    // The transfer page of a phone with no membership leads here too, not only to joining.
    await page.goto(`${baseUrl}/me/transfer`);
    await page.getByRole('button', { name: '转到本手机号', exact: true }).waitFor();
    await shot(page, `member-transfer-not-linked-${size}`);
    await page.getByRole('button', { name: '转到本手机号', exact: true }).click();
    await page.waitForURL(/\/me\/phone$/);
    await page.getByPlaceholder('与身份证上的姓名一致').fill('王不符');
    await page.getByPlaceholder('18 位，末位可能是 X').fill(freshIdNumber());
    await page.getByRole('button', { name: '核验并转到本手机号' }).click();
    const problem = page.getByTestId('phone-change-problem');
    await problem.getByText(/未能核验为会员本人/).waitFor();
    expect(await problem.innerText()).toContain('12351');
    await shot(page, `member-phone-change-refused-${size}`);
    await page.context().close();
  });

  it('a rider working in a county with no town open online picks it, is told 高州市总工会 takes it and why', async () => {
    const page = await openPage(suite.browser, viewport);
    await workerLogsIn(page, baseUrl, suite.adminToken, randomPhone('136'));
    await onFailure(page, `uncovered-${size}`, async () => {
      await page.goto(`${baseUrl}/join`);
      await page.getByRole('button', { name: '提交入会申请' }).waitFor();
      await page.getByRole('switch', { name: '无固定单位（新就业形态）' }).click();
      await page.getByRole('button', { name: '选择工作地点' }).click();
      const sheet = page.locator('.adm-cascader-view');
      await sheet.getByText('茂名市', { exact: true }).click();
      // Not greyed out: it says who takes the application.
      const gaozhou = sheet.getByText(`高州市（由${DEMO_ORGS.gaozhou}受理）`, { exact: true });
      await gaozhou.waitFor();
      await page.getByTestId('place-hint').getByText(/暂未开通镇（街道）工会线上入会/).waitFor();
      await shot(page, `member-place-uncovered-${size}`);
      await gaozhou.click();
      await sheet.waitFor({ state: 'hidden' });
      await page.getByText('茂名市 高州市', { exact: true }).waitFor();
      const note = page.getByTestId('uncovered-note');
      expect(await note.innerText()).toContain(DEMO_ORGS.gaozhou);
      await page.getByPlaceholder('与身份证上的姓名一致').fill('罗高州');
      await page.getByPlaceholder('18 位，末位可能是 X').fill(freshIdNumber());
      await page.locator('.m-platforms').getByText('美团', { exact: true }).click();
      await page.locator('.m-join-consent .adm-checkbox').click();
      await note.scrollIntoViewIfNeeded();
      await shot(page, `member-join-uncovered-${size}`);
      await page.getByRole('button', { name: '提交入会申请' }).click();
      const result = page.getByTestId('join-result');
      await result.waitFor();
      const text = await result.innerText();
      expect(text).toContain(`您将加入：${DEMO_ORGS.gaozhou}`);
      expect(text).toContain('暂未开通线上入会');
      expect(text).toContain('12351');
      await result.getByText('待审核').waitFor();
      await shot(page, `member-join-uncovered-result-${size}`);
    });
    await page.context().close();
  });
});

describe('the console: 更换手机号 after checking documents', () => {
  const suite = browserSuite(baseUrl);

  it('the province admin changes a member\'s phone with a reason; the history shows it', async () => {
    const mobile = await openPage(suite.browser, phone);
    await workerLogsIn(mobile, baseUrl, suite.adminToken, randomPhone('135'));
    const name = '窗口换号';
    const member = await joinAsApprovedMember(mobile, baseUrl, suite.adminToken, name);

    const staff = await staffLogsIn(suite.browser, baseUrl, 'admin');
    await onFailure(staff, 'console-phone-change', async () => {
      await staff.locator('.app-sider').getByText('会员管理').click();
      await staff.getByPlaceholder('姓名，或完整手机号').fill(name);
      await staff.getByPlaceholder('姓名，或完整手机号').press('Enter');
      await staff.locator('.ant-table-row', { hasText: member.memberNo }).getByText(name).click();
      const drawer = staff.locator('.member-drawer');
      await drawer.getByRole('button', { name: /更换手机号/ }).click();
      const modal = staff.locator('.ant-modal', { hasText: `更换手机号：${name}` });
      const newTel = randomPhone('139');
      await modal.getByLabel('新手机号').fill(newTel);
      await modal.getByLabel('办理原因与核验的证件').fill('本人持身份证到窗口办理，原手机号已停用');
      await modal.getByRole('button', { name: /确认更换/ }).click();
      // The documents must be confirmed as checked first.
      await modal.getByText('请先核验本人身份证件', { exact: true }).waitFor();
      await modal.getByText(/已当面核验本人身份证件/).click();
      await shot(staff, 'console-member-phone-change');
      await modal.getByRole('button', { name: /确认更换/ }).click();
      await staff.locator('.ant-message').getByText('已更换手机号，原手机号已收到短信通知').waitFor();
      const history = drawer.locator('.member-history');
      await history.getByText('更换手机号').waitFor();
      expect(await history.innerText()).toContain('原手机号已停用');
      expect(await drawer.innerText()).toContain(`${newTel.slice(0, 3)}****${newTel.slice(7)}`);
      expect(await drawer.innerText()).not.toContain(newTel);
      await shot(staff, 'console-member-phone-changed');
    });
    // The old phone is no longer the member's.
    await mobile.goto(`${baseUrl}/me`);
    await mobile.waitForURL(/\/login$/);
    await staff.context().close();
    await mobile.context().close();
  });
});
