// 强基工程 in the console: a grassroots union's clerk opens its 评分卡, submits a self-assessment
// (提交自评) and uploads its evidence (上传材料); the street federation above approves it (自评审核 →
// 通过); the card's row turns green. Screenshots at 1440×900 and 390×844 into /tmp/shots-e/.
// The upload goes to POST /api/file-evidence?assessmentId=; the test waits for its row.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { factories } from '../../server/db/seed/factories.ts';
import { desktop, launchBrowser, onFailure, phone } from './browser.ts';
import { startCampaignServer, type CampaignServer } from './campaigns-server.ts';
import { DEMO_ORGS, staffLogsInWith } from './people.ts';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]), Buffer.alloc(32)]);

describe('strengthening', () => {
  let server: CampaignServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await startCampaignServer();
    browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a union submits a self-assessment with evidence, the street federation approves it, the row turns green', async () => {
    const { db, pii, baseUrl } = server;
    const make = factories(db, pii);
    const [town] = await db.query<{ id: number; path: string }>(`SELECT id, path::text AS path FROM org WHERE name = $1`, [DEMO_ORGS.shiwan]);
    const union = await make.org({ parent: town!.id, name: '强基测试精工电子有限公司工会', kind: 'enterprise' });
    const clerk = await make.staff({ org: union, roles: ['admin', 'clerk'], username: 'qiangji-union' });
    const reviewer = await make.staff({ org: town!.id, roles: ['admin', 'reviewer'], username: 'qiangji-town' });
    const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));

    const page = await staffLogsInWith(browser, baseUrl, clerk.username, clerk.password);
    await onFailure(page, 'strengthening-union', async () => {
      await page.goto(`${baseUrl}/console/strengthening/cards?orgId=${union.id}&year=${year}`);
      const card = page.getByTestId('score-card');
      await card.waitFor();
      const row = card.locator('.ant-table-row', { hasText: '工会经费按时足额上缴' });
      await row.getByRole('button', { name: '提交自评' }).click();
      await page.getByText('已提交自评').waitFor();
      await row.getByRole('button', { name: '上传材料' }).waitFor();
      const chooser = page.waitForEvent('filechooser');
      await row.getByRole('button', { name: '上传材料' }).click();
      await (await chooser).setFiles({ name: '缴费凭证.png', mimeType: 'image/png', buffer: PNG });
      await expect
        .poll(
          async () =>
            (
              await db.query<{ n: number }>(
                `SELECT count(e.id)::int AS n FROM assessment a JOIN file_evidence e ON e.assessment_id = a.id WHERE a.org_id = $1`,
                [union.id],
              )
            )[0]!.n,
          { timeout: 15_000 },
        )
        .toBe(1);
      await page.reload();
      await card.waitFor();
      expect(await card.locator('.card-row-pending', { hasText: '工会经费按时足额上缴' }).count()).toBe(1);
      await page.screenshot({ path: '/tmp/shots-e/card-pending-1440.png', fullPage: true });
    });

    const town1 = await staffLogsInWith(browser, baseUrl, reviewer.username, reviewer.password);
    await onFailure(town1, 'strengthening-review', async () => {
      await town1.goto(`${baseUrl}/console/strengthening/review`);
      const row = town1.getByTestId('assessments').locator('.ant-table-row', { hasText: '强基测试精工电子有限公司工会' });
      await row.waitFor();
      await town1.screenshot({ path: '/tmp/shots-e/review-1440.png', fullPage: true });
      await row.getByRole('button', { name: /通\s*过/ }).click();
      await town1.getByText(/已通过：/).waitFor();
    });
    await town1.context().close();

    await onFailure(page, 'strengthening-green', async () => {
      await page.reload();
      const card = page.getByTestId('score-card');
      await card.waitFor();
      await card.locator('.card-row-met', { hasText: '工会经费按时足额上缴' }).waitFor();
      await page.screenshot({ path: '/tmp/shots-e/card-met-1440.png', fullPage: true });
    });
    await page.context().close();

    const mobile = await staffLogsInWith(browser, baseUrl, clerk.username, clerk.password, phone);
    await mobile.goto(`${baseUrl}/console/strengthening/cards?orgId=${union.id}&year=${year}`);
    await mobile.getByTestId('score-card').waitFor();
    await mobile.screenshot({ path: '/tmp/shots-e/card-390.png', fullPage: true });
    await mobile.goto(`${baseUrl}/console/strengthening/sets`);
    await mobile.getByText('强基工程评价指标（示例）').first().waitFor();
    await mobile.screenshot({ path: '/tmp/shots-e/sets-390.png', fullPage: true });
    await mobile.context().close();
    expect(desktop.width).toBe(1440);
  }, 600_000);
});
