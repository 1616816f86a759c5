// Screenshots of every screen at phone (390×844) and desktop (1440×900) size, for looking at them
// as their users would. Writes tmp/screenshots/*.png (gitignored).
//   npm run build:web && npx tsx tests/e2e/screenshots.ts            (starts its own server)
//   BASE_URL=http://127.0.0.1:3000 npx tsx tests/e2e/screenshots.ts  (uses a running one)
//   ONLY=membership npx tsx tests/e2e/screenshots.ts                  (one group: membership, activities, points, journey, http)
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { desktop, launchBrowser, openPage, phone } from './browser.ts';
import { DEMO_ORGS } from './people.ts';
import { activityScreens } from './activities-screens.ts';
import { journeyScreens } from './journey-screens.ts';
import { httpScreens } from './http-screens.ts';
import { membershipScreens } from './membership-screens.ts';
import { pointScreens } from './points-screens.ts';
import { startServer, type RunningServer } from './server.ts';

const outDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let animations settle
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`tmp/screenshots/${name}.png`);
}

async function logIn(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/console/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill('gonghui-demo');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL(/\/console\/workbench/);
  await page.locator('.app-sider').getByText('组织架构').click();
  await page.waitForURL(/\/console\/orgs/);
  await page.locator('.org-detail-name').waitFor();
}

async function closeModal(page: Page): Promise<void> {
  await page.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();
  await page.locator('.ant-modal').waitFor({ state: 'hidden' });
}

async function consoleScreens(browser: Browser, base: string): Promise<void> {
  const page = await openPage(browser, desktop);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/console/login`);
  await shoot(page, 'console-login');
  await page.getByLabel('用户名').fill('huazhou');
  await page.getByLabel('密码', { exact: true }).fill('wrong-password-1');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByRole('alert').waitFor();
  await shoot(page, 'console-login-error');

  await logIn(page, base, 'huazhou');
  await shoot(page, 'console-tree');
  const search = page.getByRole('combobox', { name: '查找单位' });
  await search.click();
  await search.fill('石湾');
  await page.locator('.ant-select-item-option').first().waitFor();
  await shoot(page, 'console-tree-search');
  await page.locator('.ant-select-item-option', { hasText: DEMO_ORGS.shiwan }).first().click();
  await page.locator('.org-detail-name', { hasText: DEMO_ORGS.shiwan }).waitFor();
  await shoot(page, 'console-tree-shiwan');

  await page.getByRole('button', { name: /建\s*会/ }).click();
  await page.locator('.ant-modal').waitFor();
  await page.locator('.ant-modal').getByRole('button', { name: '确认建会' }).click();
  await shoot(page, 'console-found-errors');
  await page.getByLabel('工会名称').fill('化州市石湾街道测试物流有限公司工会委员会');
  await page.getByLabel('统一社会信用代码').fill('8144');
  await page.getByLabel('工会名称').click();
  await shoot(page, 'console-found-form');
  await closeModal(page);

  await page.getByRole('button', { name: /修\s*改/ }).click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-edit');
  await closeModal(page);

  await page.getByRole('button', { name: '调整隶属' }).click();
  await page.locator('.ant-modal').waitFor();
  const parent = page.getByRole('combobox', { name: '新的上级组织' });
  await parent.click();
  await parent.fill('化州');
  await page.locator('.ant-select-item-option').first().waitFor();
  await shoot(page, 'console-move');
  await page.keyboard.press('Escape');
  await closeModal(page);

  // 撤销 is offered only for an empty union: pick a leaf with no members.
  const empty = page.locator('.org-tree .org-node', { hasText: '会员 0' }).first();
  await empty.click();
  await page.waitForTimeout(500);
  const close = page.getByRole('button', { name: /撤\s*销/ });
  if (await close.isEnabled()) {
    await close.click();
    await page.locator('.ant-modal').waitFor();
    await shoot(page, 'console-close');
    await closeModal(page);
  }

  await page.locator('.app-header-user').click();
  await page.getByText('修改密码').click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-password');
  await closeModal(page);

  await page.locator('.app-sider').getByText('工作人员账号').click();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-staff');
  await page.getByRole('button', { name: '新建账号' }).click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-staff-create');
  await closeModal(page);
  await page.locator('.ant-table-row').first().getByRole('button', { name: /编\s*辑/ }).click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-staff-edit');
  await closeModal(page);

  await page.locator('.app-sider').getByText('审计日志').click();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-audit');
  await page.context().close();

  for (const username of ['huazhou-view', 'shiwan']) {
    const p = await openPage(browser, desktop);
    await logIn(p, base, username);
    await shoot(p, `console-user-${username}`);
    await p.context().close();
  }

  const small = await openPage(browser, phone);
  await small.goto(`${base}/console/login`);
  await shoot(small, 'console-login-phone');
  await logIn(small, base, 'huazhou');
  await shoot(small, 'console-tree-phone');
  await small.context().close();
}

async function memberScreens(browser: Browser, base: string): Promise<void> {
  const page = await openPage(browser, phone);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/`);
  await page.locator('.m-services').waitFor();
  await shoot(page, 'member-home');
  await page.getByRole('button', { name: '登录' }).first().click();
  await page.waitForURL(/\/login$/);
  await shoot(page, 'member-login');
  await page.getByPlaceholder('请输入手机号码').fill('1380013');
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.getByText('请输入正确的 11 位手机号码').waitFor();
  await shoot(page, 'member-login-errors');
  await page.getByPlaceholder('请输入手机号码').fill('13800138000');
  await page.getByText('获取验证码').click();
  await page.waitForTimeout(800);
  await shoot(page, 'member-login-sms');
  await page.context().close();

  const wide = await openPage(browser, desktop);
  await wide.goto(`${base}/`);
  await wide.locator('.m-services').waitFor();
  await shoot(wide, 'member-home-desktop');
  await wide.context().close();
}

await mkdir(outDir, { recursive: true });
let server: RunningServer | undefined;
const base = process.env.BASE_URL ?? (server = await startServer()).baseUrl;
const browser = await launchBrowser();
try {
  if (!process.env.ONLY) {
    await memberScreens(browser, base);
    await consoleScreens(browser, base);
  }
  if (!process.env.ONLY || process.env.ONLY === 'membership') await membershipScreens(browser, base, shoot);
  if (!process.env.ONLY || process.env.ONLY === 'activities') await activityScreens(browser, base, shoot);
  if (!process.env.ONLY || process.env.ONLY === 'points') await pointScreens(browser, base, shoot);
  if (!process.env.ONLY || process.env.ONLY === 'journey') await journeyScreens(browser, base, shoot);
  if (!process.env.ONLY || process.env.ONLY === 'http') await httpScreens(browser, base, shoot);
} finally {
  await browser.close();
  await server?.stop();
}
