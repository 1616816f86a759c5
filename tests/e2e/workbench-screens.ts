// Screens of the console's 工作台 (desktop 1440×900 and phone 390×844): empty for a fresh union's
// staff, then busy for 化州 — a join waiting in 石湾, applications to a 化州 campaign of which two
// are past their level's deadline, goods payouts awaiting a second approval, an objection — and as
// the read-only account sees it. Its own in-process server (campaigns-server.ts) holds the database
// handle that moves deadlines into the past, as the API tests do.
//
//   npm run build:web && npx tsx tests/e2e/workbench-screens.ts   → tmp/screenshots/console-workbench-*.png
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { desktop, launchBrowser, phone } from './browser.ts';
import { startCampaignServer } from './campaigns-server.ts';
import { demoOrgId } from '../../server/db/seed/demo-keys.ts';
import { freshIdNumber, randomPhone, readLoginCode, staffLogsIn, staffToken } from './people.ts';

const outDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
  console.log(`tmp/screenshots/${name}.png`);
}

await mkdir(outDir, { recursive: true });
const server = await startCampaignServer();
const base = server.baseUrl;
const browser = await launchBrowser();
try {
  const db = server.db;
  const ctx = await browser.newContext();
  const huazhouToken = await staffToken(ctx.request, base, 'huazhou');
  const auth = { authorization: `Bearer ${huazhouToken}` };
  const [huazhouId, shiwanId] = [await demoOrgId(db, 'huazhou'), await demoOrgId(db, 'shiwan')];

  // a campaign of 化州 reviewed by each applicant's own union, three applications made in the database
  const now = Date.now();
  const c = await ctx.request.post(`${base}/api/campaigns`, {
    headers: auth,
    data: {
      title: '2026 年金秋助学', kind: 'tuition', orgId: huazhouId, description: '资助困难职工子女上大学',
      applyOpensAt: new Date(now - 3_600_000).toISOString(), applyClosesAt: new Date(now + 10 * 86_400_000).toISOString(),
      quota: 10, awardAmount: 200000, budgetUnit: 'yuan', budgetTotal: 2000000, noticeDays: 5, requiredDocuments: [],
      levels: [{ name: '基层工会审核', reviewerOrgId: null, deadlineDays: 5 }],
    },
  });
  if (!c.ok()) throw new Error(`campaign: ${c.status()} ${await c.text()}`);
  const campaignId = (await c.json()).id as number;
  await db.query(
    `INSERT INTO campaign_application (campaign_id, member_id, org_id, org_path, status, current_level, level_entered_at, award_amount)
     SELECT $1, m.id, m.org_id, g.path, 'in_review', 1, now() - (CASE WHEN row_number() OVER (ORDER BY m.id) <= 2 THEN interval '7 days' ELSE interval '1 day' END), 200000
       FROM member m JOIN org g ON g.id = m.org_id WHERE g.path <@ (SELECT path FROM org WHERE id = $2) AND m.status = 'active' ORDER BY m.id LIMIT 3`,
    [campaignId, shiwanId],
  );

  // an empty workbench first: a union far from all of it (深圳's staff)
  const empty = await staffLogsIn(browser, base, 'shenzhen');
  await empty.getByTestId('todo-member-applications').waitFor();
  await shoot(empty, 'console-workbench-empty');

  // a join waiting in 石湾 (auto-approval off), by a worker logged in through the API
  await db.query(`UPDATE org SET auto_approve = false WHERE path <@ (SELECT path FROM org WHERE id = $1)`, [shiwanId]);
  const adminToken = await staffToken(ctx.request, base, 'admin');
  const workerCtx = await browser.newContext(); // no staff session cookie beside the worker's
  const tel = randomPhone('139');
  await workerCtx.request.post(`${base}/api/auth/sms-code`, { data: { phone: tel } });
  const code = await readLoginCode(workerCtx.request, base, adminToken, tel);
  const login = await workerCtx.request.post(`${base}/api/auth/member-login`, { data: { phone: tel, code } });
  const workerToken = (await login.json()).token as string;
  const join = await workerCtx.request.post(`${base}/api/members/join`, {
    headers: { authorization: `Bearer ${workerToken}` },
    data: { name: '陈工作', idNumber: freshIdNumber(), gigPlatform: '美团', workOrgId: shiwanId, consent: true },
  });
  if (!join.ok()) throw new Error(`join: ${join.status()} ${await join.text()}`);

  for (const [viewport, suffix] of [[desktop, 'desktop'], [phone, 'phone']] as const) {
    const page = await staffLogsIn(browser, base, 'huazhou', viewport);
    await page.getByText('帮扶申请待审核（按活动）').waitFor();
    await shoot(page, `console-workbench-${suffix}`);
  }
  const viewer = await staffLogsIn(browser, base, 'huazhou-view');
  await viewer.getByText('帮扶申请待审核（按活动）').waitFor();
  await shoot(viewer, 'console-workbench-viewer');
} finally {
  await browser.close();
  await server.stop();
}
