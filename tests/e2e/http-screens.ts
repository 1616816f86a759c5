// Screens of the read-only role where exports are refused (the export buttons greyed, saying why),
// and of the lists now paged by the server (名册导入's recent imports, 活动数据's activities), for
// tests/e2e/screenshots.ts (ONLY=http).
import type { Browser, Page } from 'playwright-core';
import { staffLogsIn } from './people.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

export async function httpScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  const viewer = await staffLogsIn(browser, base, 'huazhou-view');
  // the page's own cookie session: the read-only account may list campaigns
  const campaigns = (await (await viewer.request.get(`${base}/api/campaigns`)).json()) as { items: { id: number }[] };
  await viewer.goto(`${base}/console/campaigns/${campaigns.items[0]!.id}`);
  const exportButton = viewer.getByRole('button', { name: /导出 Excel/ });
  await exportButton.waitFor();
  await shoot(viewer, 'console-campaign-review-viewer');
  await viewer.goto(`${base}/console/activity-stats`);
  await viewer.locator('.ant-table-row').first().waitFor();
  await shoot(viewer, 'console-activity-stats-viewer');
  await viewer.context().close();

  const hz = await staffLogsIn(browser, base, 'huazhou');
  await hz.goto(`${base}/console/rosters`);
  await hz.getByText('最近的导入').waitFor();
  await shoot(hz, 'console-rosters');
  await hz.goto(`${base}/console/activity-stats`);
  await hz.locator('.ant-table-row').first().waitFor();
  await hz.locator('.ant-pagination').last().scrollIntoViewIfNeeded();
  await shoot(hz, 'console-activity-stats-paged');
  await hz.context().close();
}
