// Staff screens that must speak Chinese, at desktop size (1440×900): 积分发放 to named members (the
// member search open), 通知发件箱 (notice kinds named), 审计日志 (entries as sentences) and a campaign's
// 审核 queue (every column visible), as 化州 staff on the small demo.
//   npm run build:web && npx tsx tests/e2e/staff-screens.ts     (starts its own server)
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { confirmWith, desktop, launchBrowser } from './browser.ts';
import { staffLogsIn } from './people.ts';
import { startServer } from './server.ts';

const outDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400); // let animations settle
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`tmp/screenshots/${name}.png`);
}

await mkdir(outDir, { recursive: true });
const server = process.env.BASE_URL ? undefined : await startServer();
const base = process.env.BASE_URL ?? server!.baseUrl;
const browser = await launchBrowser();
try {
  const page = await staffLogsIn(browser, base, 'huazhou', desktop);
  const one = (await (await page.request.get(`${base}/api/members?status=active&pageSize=1`)).json()) as { items: { name: string }[] };

  await page.goto(`${base}/console/points`);
  await page.getByTestId('points-totals').waitFor();
  await page.getByText('指定会员', { exact: true }).click();
  const pick = page.getByRole('combobox', { name: '选择会员' });
  await pick.click();
  await page.keyboard.type(one.items[0]!.name.slice(0, 2));
  await page.locator('.ant-select-item-option').first().waitFor();
  await shoot(page, 'console-points-pick-members');
  await page.locator('.ant-select-item-option').first().click();
  await page.getByLabel('每人积分').fill('30');
  await page.getByLabel('发放事由').fill('劳动竞赛奖励');
  await page.getByRole('button', { name: '发放积分' }).click();
  await page.getByTestId('points-confirm').waitFor();
  await shoot(page, 'console-points-confirm');
  await confirmWith(page, /^确认发放$/);
  await page.getByTestId('points-issue-result').waitFor();
  await shoot(page, 'console-points-issued');
  await page.request.post(`${base}/api/auth/sms-code`, { data: { phone: '13912345678' } });

  // the province's admin: the demo's notices and audit entries are the whole tree's
  const admin = await staffLogsIn(browser, base, 'admin', desktop);
  await admin.goto(`${base}/console/outbox`);
  await admin.locator('.ant-table-row').first().waitFor();
  await shoot(admin, 'console-outbox');

  await admin.goto(`${base}/console/audit`);
  await admin.locator('.ant-table-row').first().waitFor();
  await shoot(admin, 'console-audit');

  const campaigns = (await (await page.request.get(`${base}/api/campaigns?pageSize=50`)).json()) as { items: { id: number; title: string }[] };
  const c = campaigns.items.find((x) => x.title.includes('金秋助学')) ?? campaigns.items[0]!;
  await page.goto(`${base}/console/campaigns/${c.id}`);
  await page.getByText('全部', { exact: true }).first().click().catch(() => undefined);
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-campaign-review');
} finally {
  await browser.close();
  await server?.stop();
}
