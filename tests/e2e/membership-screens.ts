// Screens of joining and membership for tests/e2e/screenshots.ts: the worker's join form in its
// states, the answer, 我的 (pending, member, rejected), the transfer; the console's 会员管理 with its
// drawer and modals, 入会审核, 会员转接, 建会目标, 通知发件箱, as admin, reviewer-clerk and viewer.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { idNumberCheckChar } from '../../contracts/china-codes.ts';
import { openPage, phone, tick } from './browser.ts';
import { staffLogsIn } from './people.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

function idNumber(region6: string, birth8: string): string {
  const first17 = `${region6}${birth8}${String(100 + Math.floor(Math.random() * 800))}`;
  return first17 + idNumberCheckChar(first17);
}

function randomPhone(prefix: string): string {
  return prefix + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
}

async function adminContext(browser: Browser, base: string, username = 'admin'): Promise<BrowserContext> {
  const ctx = await browser.newContext();
  const res = await ctx.request.post(`${base}/api/auth/login`, { data: { username, password: 'gonghui-demo' } });
  if (!res.ok()) throw new Error(`log-in as ${username}: ${res.status()}`);
  return ctx;
}

/** A phone page whose worker is logged in through the API (code read from the outbox by admin). */
async function workerPage(browser: Browser, base: string, admin: BrowserContext, tel: string): Promise<Page> {
  const page = await openPage(browser, phone);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.request.post(`${base}/api/auth/sms-code`, { data: { phone: tel } });
  const outbox = (await (await admin.request.get(`${base}/api/outbox`, { params: { to: tel } })).json()) as { items: { body: string }[] };
  const code = outbox.items[0]?.body.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no code for ${tel}`);
  const res = await page.request.post(`${base}/api/auth/member-login`, { data: { phone: tel, code } });
  if (!res.ok()) throw new Error(`member log-in: ${res.status()}`);
  return page;
}


async function pickPlace(page: Page, city: string, county: string, town?: string): Promise<void> {
  await page.getByRole('button', { name: '选择工作地点' }).click();
  const sheet = page.locator('.adm-cascader-view');
  await sheet.getByText(city, { exact: true }).click();
  await sheet.getByText(county, { exact: true }).click();
  if (town) {
    await sheet.getByText(town, { exact: true }).click();
    await sheet.waitFor({ state: 'hidden' });
  }
}

async function memberScreens(browser: Browser, base: string, admin: BrowserContext, shoot: Shoot): Promise<{ pendingName: string }> {
  // A 滴滴 driver in 石湾: the form in each state, then the answer and 我的 while pending.
  const pendingName = '梁石湾';
  const page = await workerPage(browser, base, admin, randomPhone('136'));
  await page.goto(`${base}/`);
  await page.locator('.m-services').waitFor();
  await shoot(page, 'member-home-worker');
  await page.goto(`${base}/join`);
  await page.getByRole('button', { name: '提交入会申请' }).waitFor();
  await shoot(page, 'member-join');
  await page.getByRole('button', { name: '提交入会申请' }).click();
  await page.locator('.adm-form-item-feedback-error').first().waitFor();
  await page.evaluate(() => document.querySelector('.m-scroll')?.scrollTo(0, 0));
  await shoot(page, 'member-join-errors');
  await page.getByPlaceholder('与身份证上的姓名一致').fill(pendingName);
  await page.getByPlaceholder('18 位，末位可能是 X').fill('440982199001011230');
  await page.getByPlaceholder('与身份证上的姓名一致').click();
  await shoot(page, 'member-join-bad-id');
  await page.getByPlaceholder('18 位，末位可能是 X').fill(idNumber('440982', '19880315'));
  await page.getByRole('textbox', { name: '工作单位' }).pressSequentially('嘉华', { delay: 50 });
  await page.getByRole('list', { name: '单位建议' }).waitFor();
  await shoot(page, 'member-join-suggest');
  await page.getByRole('list', { name: '单位建议' }).locator('button').first().click();
  await shoot(page, 'member-join-employer');
  await page.getByRole('textbox', { name: '工作单位' }).fill('化州市某某新开物流有限公司');
  await page.getByRole('button', { name: '选择工作地点' }).waitFor();
  await page.locator('.m-scroll').evaluate((el) => el.scrollTo(0, 200));
  await shoot(page, 'member-join-unknown-employer');
  await page.getByRole('switch', { name: '无固定单位（新就业形态）' }).click();
  await page.locator('.m-platforms').getByText('滴滴出行', { exact: true }).click();
  await pickPlace(page, '茂名市', '化州市');
  await shoot(page, 'member-join-place');
  await page.locator('.adm-cascader-view').getByText('石湾街道', { exact: true }).click();
  await page.locator('.adm-cascader-view').waitFor({ state: 'hidden' });
  await page.locator('.m-join-consent .adm-checkbox-icon').click();
  await page.locator('.m-scroll').evaluate((el) => el.scrollTo(0, 200));
  await shoot(page, 'member-join-gig');
  await page.getByText('阅读《个人信息处理告知》全文').click();
  await page.getByText('谁处理您的信息').waitFor();
  await shoot(page, 'member-join-privacy');
  await page.getByRole('button', { name: '我已阅读' }).click();
  await page.getByRole('button', { name: '提交入会申请' }).click();
  await page.getByTestId('join-result').waitFor();
  await shoot(page, 'member-join-result');
  await page.getByRole('button', { name: '查看审核进度' }).click();
  await page.getByTestId('application-progress').waitFor();
  await shoot(page, 'member-me-pending');
  await page.context().close();

  // A 美团 rider in 南山: member at once; 我的; then changes job (transfer) to a 化州 employer.
  const rider = await workerPage(browser, base, admin, randomPhone('135'));
  await rider.goto(`${base}/join`);
  await rider.getByPlaceholder('与身份证上的姓名一致').fill('周骑手');
  await rider.getByPlaceholder('18 位，末位可能是 X').fill(idNumber('440305', '19990709'));
  await rider.getByRole('switch', { name: '无固定单位（新就业形态）' }).click();
  await rider.locator('.m-platforms').getByText('美团', { exact: true }).click();
  await pickPlace(rider, '深圳市', '南山区', '南山街道');
  await rider.locator('.m-join-consent .adm-checkbox-icon').click();
  await rider.getByRole('button', { name: '提交入会申请' }).click();
  await rider.getByTestId('join-result').waitFor();
  await shoot(rider, 'member-join-approved');
  await rider.getByRole('button', { name: '查看我的会员信息' }).click();
  await rider.getByTestId('membership').waitFor();
  await shoot(rider, 'member-me-member');
  await rider.getByText('更换工作单位（会员关系转接）').click();
  await rider.getByRole('button', { name: '申请转接' }).waitFor();
  await shoot(rider, 'member-transfer');
  await rider.getByRole('textbox', { name: '工作单位' }).pressSequentially('嘉华印刷', { delay: 50 });
  await rider.getByRole('list', { name: '单位建议' }).locator('button').first().click();
  await rider.getByPlaceholder('如：换了工作').fill('换了工作');
  await rider.getByRole('button', { name: '申请转接' }).click();
  await rider.getByTestId('transfer-result').waitFor();
  await shoot(rider, 'member-transfer-result');
  await rider.goto(`${base}/me`);
  await rider.getByTestId('membership').waitFor();
  await shoot(rider, 'member-me-transferring');
  await rider.context().close();

  // A worker rejected by 化州: the reason on 我的.
  const tel = randomPhone('137');
  const rejected = await workerPage(browser, base, admin, tel);
  const me = (await (await rejected.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
  const huazhou = await adminContext(browser, base, 'huazhou');
  // An employer of 化州 with its own union (the seed generates their names).
  const unions = (await (await huazhou.request.get(`${base}/api/orgs`, { params: { level: 'grassroots', kind: 'enterprise', q: '有限公司工会' } })).json()) as { items: { name: string }[] };
  const employerName = unions.items.find((o) => /有限公司工会$/.test(o.name))?.name.replace(/工会$/, '');
  if (!employerName) throw new Error('no employer of 化州 with its own union in the demo');
  const join = await rejected.request.post(`${base}/api/members/join`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { name: '陈嘉华', idNumber: idNumber('440982', '19950620'), employerName, consent: true },
  });
  const { applicationId } = (await join.json()) as { applicationId: number };
  const hzMe = (await (await huazhou.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
  await huazhou.request.post(`${base}/api/members/applications/${applicationId}/reject`, {
    headers: { 'x-csrf-token': hzMe.csrfToken },
    data: { reason: '单位工会核对无此职工，请确认工作单位后重新申请' },
  });
  await huazhou.close();
  await rejected.goto(`${base}/me`);
  await rejected.getByText('未通过审核').waitFor();
  await shoot(rejected, 'member-me-rejected');
  await rejected.context().close();
  return { pendingName };
}

async function consoleScreens(browser: Browser, base: string, pendingName: string, shoot: Shoot): Promise<void> {
  const page = await staffLogsIn(browser, base, 'huazhou');
  const menu = page.locator('.app-sider');

  await menu.getByText('入会审核').click();
  const row = page.locator('.ant-table-row', { hasText: pendingName });
  await row.waitFor();
  await shoot(page, 'console-applications');
  await tick(row.locator('.ant-checkbox-input'));
  await row.getByRole('button', { name: '驳回' }).click();
  await page.locator('.ant-modal').waitFor();
  await page.locator('.ant-modal').getByRole('button', { name: '确认驳回' }).click();
  await page.locator('.ant-modal .ant-form-item-explain-error').waitFor();
  await shoot(page, 'console-application-reject');
  await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();

  await menu.getByText('会员管理').click();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-members');
  await page.getByRole('combobox', { name: '状态' }).click({ force: true });
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '正常' }).click();
  await page.getByRole('combobox', { name: '群体' }).click({ force: true });
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: '女职工' }).click();
  await page.getByPlaceholder('姓名，或完整手机号').fill('1380');
  await page.getByPlaceholder('姓名，或完整手机号').press('Enter');
  await page.waitForTimeout(500);
  await shoot(page, 'console-members-filtered');
  await page.getByPlaceholder('姓名，或完整手机号').fill('');
  await page.getByPlaceholder('姓名，或完整手机号').press('Enter');
  await page.locator('.ant-table-row').first().getByRole('button', { name: '详情' }).click();
  await page.locator('.member-history').waitFor();
  await shoot(page, 'console-member-drawer');
  await page.getByRole('button', { name: '变更状态' }).click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-member-status');
  await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
  await page.getByRole('button', { name: '查看完整身份证号' }).click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-member-reveal');
  await page.locator('.ant-modal').getByLabel('查看原因').fill('办理困难帮扶需核对身份');
  await page.locator('.ant-modal').getByRole('button', { name: '确认查看' }).click();
  await page.locator('.reveal-result').waitFor();
  await shoot(page, 'console-member-revealed');
  await page.locator('.ant-modal').getByRole('button', { name: /关\s*闭/ }).click();
  await page.getByRole('button', { name: '发起转接' }).click();
  await page.locator('.ant-modal').waitFor();
  const to = page.getByRole('combobox', { name: '转入工会' });
  await to.click();
  await to.fill('石湾');
  await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').first().waitFor();
  await shoot(page, 'console-member-transfer');
  await page.keyboard.press('Escape');
  await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
  await page.locator('.ant-drawer-close').click();

  await menu.getByText('会员转接').click();
  await page.waitForTimeout(800);
  await shoot(page, 'console-transfers-in');
  await page.getByRole('tab', { name: '转出本单位' }).click();
  await page.waitForTimeout(800);
  await shoot(page, 'console-transfers-out');

  await menu.getByText('建会目标').click();
  await page.waitForTimeout(800);
  await shoot(page, 'console-founding-targets');
  await menu.getByText('通知发件箱').click();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-outbox');
  await page.context().close();

  // 石湾's reviewer-clerk: the queue of its own union, no 发件箱; approves the driver.
  const shiwan = await staffLogsIn(browser, base, 'shiwan');
  await shiwan.locator('.app-sider').getByText('入会审核').click();
  const mine = shiwan.locator('.ant-table-row', { hasText: pendingName });
  await mine.waitFor();
  await shoot(shiwan, 'console-applications-shiwan');
  await mine.getByRole('button', { name: '通过' }).click();
  await shiwan.locator('.ant-message').getByText(/已通过/).waitFor();
  await shoot(shiwan, 'console-applications-approved');
  await shiwan.context().close();

  // The viewer: everything readable, no action offered.
  const viewer = await staffLogsIn(browser, base, 'huazhou-view');
  await viewer.locator('.app-sider').getByText('会员管理').click();
  await viewer.locator('.ant-table-row').first().getByRole('button', { name: '详情' }).click();
  await viewer.locator('.member-history').waitFor();
  await shoot(viewer, 'console-member-drawer-viewer');
  await viewer.locator('.ant-drawer-close').click();
  await viewer.locator('.app-sider').getByText('入会审核').click();
  await viewer.waitForTimeout(800);
  await shoot(viewer, 'console-applications-viewer');
  await viewer.context().close();
}

export async function membershipScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  const admin = await adminContext(browser, base);
  try {
    const { pendingName } = await memberScreens(browser, base, admin, shoot);
    await consoleScreens(browser, base, pendingName, shoot);
  } finally {
    await admin.close();
  }
}
