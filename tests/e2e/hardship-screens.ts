// Screens of hardship files (困难职工档案) at desktop (1440×900) and phone (390×844) size: the list,
// a file as a read-only account sees it (reasons locked), the same file opened by an admin (an
// audited read) on each tab, a change of status, the new-file form with its errors, the figures.
//   npm run build:web && npx tsx tests/e2e/hardship-screens.ts            (starts its own server)
//   BASE_URL=http://127.0.0.1:3000 npx tsx tests/e2e/hardship-screens.ts  (uses a running one)
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, phone } from './browser.ts';
import { staffLogsIn, staffToken } from './people.ts';
import { startServer, type RunningServer } from './server.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

async function openFile(page: Page, base: string, id: number): Promise<void> {
  await page.goto(`${base}/console/hardship/${id}`);
  await page.getByRole('tab', { name: '基本情况' }).waitFor();
}

export async function hardshipScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  const ctx = await browser.newContext();
  const token = await staffToken(ctx.request, base, 'huazhou');
  const list = (await (await ctx.request.get(`${base}/api/hardship/files?status=in_relief&pageSize=1`, { headers: { authorization: `Bearer ${token}` } })).json()) as { items: { id: number }[] };
  const fileId = list.items[0]?.id;
  if (!fileId) throw new Error('no demo hardship file in relief under 化州');
  await ctx.close();

  // a read-only account: the list and the file, the reasons locked
  const viewer = await staffLogsIn(browser, base, 'huazhou-view');
  viewer.on('pageerror', (e) => console.error('page error:', e.message));
  await viewer.getByRole('menuitem', { name: '困难职工档案' }).click();
  await viewer.locator('.ant-table-row').first().waitFor();
  await shoot(viewer, 'console-hardship-list-viewer');
  await openFile(viewer, base, fileId);
  await viewer.getByRole('tab', { name: '家庭成员' }).click();
  await shoot(viewer, 'console-hardship-locked-viewer');
  await viewer.context().close();

  // an admin: the list, the file before and after 查看详情, each tab, a change of status
  const admin = await staffLogsIn(browser, base, 'huazhou');
  admin.on('pageerror', (e) => console.error('page error:', e.message));
  await admin.goto(`${base}/console/hardship`);
  await admin.locator('.ant-table-row').first().waitFor();
  await shoot(admin, 'console-hardship-list');
  await openFile(admin, base, fileId);
  await shoot(admin, 'console-hardship-detail-locked');
  await admin.getByRole('button', { name: '查看详情（将记录审计）' }).first().click();
  await admin.getByText('本次查看已记入审计日志').waitFor();
  await shoot(admin, 'console-hardship-detail');
  for (const [tab, name] of [['家庭成员', 'household'], ['帮扶记录/走访', 'aid'], ['解困计划', 'plan'], ['状态历程', 'history']] as const) {
    await admin.getByRole('tab', { name: tab }).click();
    await admin.waitForTimeout(200);
    await shoot(admin, `console-hardship-detail-${name}`);
  }
  await admin.getByRole('button', { name: '登记脱困' }).click();
  await admin.locator('.ant-modal').waitFor();
  await admin.locator('.ant-modal-footer').getByRole('button', { name: /确\s*定/ }).click();
  await admin.locator('.ant-form-item-explain-error').first().waitFor();
  await shoot(admin, 'console-hardship-exit-errors');
  await admin.locator('.ant-modal-footer').getByRole('button', { name: /取\s*消/ }).click();

  await admin.goto(`${base}/console/hardship/new`);
  await admin.getByRole('button', { name: '建立档案' }).click();
  await admin.locator('.ant-form-item-explain-error').first().waitFor();
  await shoot(admin, 'console-hardship-new-errors');

  await admin.goto(`${base}/console/hardship-figures`);
  await admin.getByTestId('hardship-totals').waitFor();
  await admin.waitForTimeout(800);
  await shoot(admin, 'console-hardship-figures');

  // the same pages on a phone
  await admin.setViewportSize(phone);
  await admin.goto(`${base}/console/hardship`);
  await admin.locator('.ant-table-row').first().waitFor();
  await shoot(admin, 'console-hardship-list-phone');
  await openFile(admin, base, fileId);
  await admin.getByRole('button', { name: '查看详情（将记录审计）' }).first().click();
  await admin.getByText('本次查看已记入审计日志').waitFor();
  await shoot(admin, 'console-hardship-detail-phone');
  await admin.goto(`${base}/console/hardship/${fileId}/edit`);
  await admin.getByText('致困原因（可多选）').waitFor();
  await admin.waitForTimeout(400);
  await shoot(admin, 'console-hardship-edit-phone');
  await admin.goto(`${base}/console/hardship-figures`);
  await admin.getByTestId('hardship-totals').waitFor();
  await admin.waitForTimeout(800);
  await shoot(admin, 'console-hardship-figures-phone');
  await admin.context().close();
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');
  await mkdir(outDir, { recursive: true });
  const shoot: Shoot = async (page, name) => {
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(outDir, `${name}.png`) });
    console.log(`tmp/screenshots/${name}.png`);
  };
  let server: RunningServer | undefined;
  const base = process.env.BASE_URL ?? (server = await startServer()).baseUrl;
  const browser = await launchBrowser();
  try {
    await hardshipScreens(browser, base, shoot);
  } finally {
    await browser.close();
    await server?.stop();
  }
}
