// Screens of benefit activities for tests/e2e/screenshots.ts (ONLY=activities): the console's
// 普惠活动 list, 发布活动 (empty, with errors, with batches and a lottery), 修改 (prefilled, and
// refused once sign-up opened), the detail with its sign-ups, the draw and 公示, 取消活动, 活动签到
// (waiting, 签到成功, refused), 活动数据; the phone's
// activity list with why-not reasons, a detail before and after 报名, a lottery entry, a refusal,
// 我的报名. Phone (390×844) and desktop (1440×900) for each side. Data is made through the API
// as 深圳 staff and two fresh members, so nothing depends on generated demo names.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { APIRequestContext, Browser, Page } from 'playwright-core';
import { desktop, openPage, phone, tick } from './browser.ts';
import { joinAsApprovedMember, randomPhone, readLoginCode, staffLogsIn, staffToken, type Member } from './people.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

// every time from one instant, so that a batch's window and its activity's agree to the millisecond
let t0 = Date.now();
const iso = (msFromT0: number) => new Date(t0 + msFromT0).toISOString();
const DAY = 86_400_000;

async function memberPage(browser: Browser, base: string, adminToken: string, name: string): Promise<{ page: Page; member: Member }> {
  const page = await openPage(browser, phone);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  const tel = randomPhone('139');
  await page.request.post(`${base}/api/auth/sms-code`, { data: { phone: tel } });
  const code = await readLoginCode(page.request, base, adminToken, tel);
  const res = await page.request.post(`${base}/api/auth/member-login`, { data: { phone: tel, code } });
  if (!res.ok()) throw new Error(`member log-in: ${res.status()}`);
  return { page, member: await joinAsApprovedMember(page, base, adminToken, name) };
}

async function publish(r: APIRequestContext, base: string, token: string, body: Record<string, unknown>): Promise<number> {
  const res = await r.post(`${base}/api/activities`, { headers: { authorization: `Bearer ${token}` }, data: body });
  if (res.status() !== 201) throw new Error(`publish: ${res.status()} ${await res.text()}`);
  return ((await res.json()) as { id: number }).id;
}

async function signUp(page: Page, base: string, id: number): Promise<void> {
  const me = (await (await page.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
  const res = await page.request.post(`${base}/api/activities/${id}/signups`, { headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': randomUUID() }, data: {} });
  if (res.status() !== 201) throw new Error(`sign-up: ${res.status()} ${await res.text()}`);
}

const description =
  '<h4>活动内容</h4><p>为坚守在高温一线的快递小哥、外卖骑手送上<strong>防暑降温物资</strong>：凉茶、藿香正气水、冰袖和毛巾。</p>' +
  '<ul><li>凭电子会员证二维码签到领取</li><li>每人一份，先到先得</li></ul><p>咨询电话：0755-12351</p>';

export async function activityScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  // one context per account: a log-in ends the session its browser context carried
  const admin = await browser.newContext();
  const adminToken = await staffToken(admin.request, base, 'admin');
  const sz = await browser.newContext();
  const szToken = await staffToken(sz.request, base, 'shenzhen');

  const { page: mobile, member } = await memberPage(browser, base, adminToken, '林骑手');
  const { page: other } = await memberPage(browser, base, adminToken, '欧阳小雨');
  const orgId = member.orgId;
  t0 = Date.now();
  const published = t0;
  const r = admin.request;
  const cooling = await publish(r, base, szToken, {
    title: '2025 年深圳新就业形态劳动者“夏送清凉”专场', kind: 'cooling', orgId, places: 200, allocation: 'first_come', waitlistPlaces: 50,
    // starting in 90 minutes, so that check-in (open from 2 hours before the start) is open for the 签到 shots
    signupOpensAt: iso(-DAY), signupClosesAt: iso(60 * 60_000), startsAt: iso(90 * 60_000), endsAt: iso(90 * 60_000 + 4 * 3_600_000),
    location: '深圳市南山区南山街道南山大道 1088 号 工会爱心驿站', lat: 22.5205, lng: 113.9237, targetGroups: ['gig'], description,
  });
  const retreat = await publish(r, base, szToken, {
    title: '一线职工疗休养（从化温泉 · 四批共 400 人）', kind: 'retreat', orgId, places: 400, allocation: 'lottery',
    signupOpensAt: iso(-60_000), signupClosesAt: iso(70_000), startsAt: iso(30 * DAY), endsAt: iso(33 * DAY),
    batches: [
      { places: 100, signupOpensAt: iso(-60_000), signupClosesAt: iso(12_000) },
      { places: 100, signupOpensAt: iso(20_000), signupClosesAt: iso(30_000) },
      { places: 100, signupOpensAt: iso(40_000), signupClosesAt: iso(50_000) },
      { places: 100, signupOpensAt: iso(60_000), signupClosesAt: iso(70_000) },
    ],
    location: '广州市从化区温泉镇职工疗休养基地', sameKindGapMonths: 12, minMembershipMonths: 0,
    description: '<p>每批 100 人，报名截止后公开抽签。近 12 个月参加过疗休养的会员不能报名。</p>',
  });
  const family = await publish(r, base, szToken, {
    title: '“小候鸟”暑期亲子营（6–12 岁）', kind: 'family', orgId, places: 60, allocation: 'first_come', perMemberLimit: 2,
    signupOpensAt: iso(3 * DAY), signupClosesAt: iso(10 * DAY), startsAt: iso(15 * DAY), targetGroups: ['parents'], childMinAge: 6, childMaxAge: 12,
    location: '南山区职工亲子之家',
  });
  await publish(r, base, szToken, {
    title: '劳模工匠创新工作室开放日', kind: 'training', orgId, places: 30, allocation: 'first_come',
    signupOpensAt: iso(-DAY), signupClosesAt: iso(5 * DAY), startsAt: iso(7 * DAY), targetGroups: ['modelWorker', 'craftsman'],
  });
  const draw = await publish(r, base, szToken, {
    title: '劳动节职工疗休养（一日游，抽签）', kind: 'retreat', orgId, places: 1, allocation: 'lottery',
    signupOpensAt: iso(-60_000), signupClosesAt: iso(12_000), startsAt: iso(20 * DAY), location: '深圳市大鹏新区较场尾',
  });
  const full = await publish(r, base, szToken, {
    title: '周末观影：职工电影专场', kind: 'culture', orgId, places: 1, allocation: 'first_come',
    signupOpensAt: iso(-DAY), signupClosesAt: iso(60 * 60_000), startsAt: iso(100 * 60_000), location: '南山文体中心',
  });
  await signUp(other, base, full);
  await signUp(other, base, retreat);
  await signUp(other, base, cooling);
  await signUp(other, base, draw);
  await signUp(mobile, base, draw);

  // ---- the phone
  await mobile.goto(`${base}/activities`);
  await mobile.getByTestId('activity-card').first().waitFor();
  await shoot(mobile, 'member-activities');
  await mobile.evaluate(() => document.querySelector('.m-scroll')?.scrollTo(0, 10_000));
  await shoot(mobile, 'member-activities-more');
  await mobile.goto(`${base}/activities/${cooling}`);
  await mobile.getByTestId('signup-button').waitFor();
  await shoot(mobile, 'member-activity');
  await mobile.getByTestId('signup-button').click();
  await mobile.getByTestId('signup-outcome').waitFor();
  await mobile.getByTestId('my-signup').waitFor();
  await shoot(mobile, 'member-activity-confirmed');
  await mobile.goto(`${base}/activities/${retreat}`);
  await mobile.getByTestId('signup-button').click();
  await mobile.getByTestId('signup-outcome').waitFor();
  await shoot(mobile, 'member-activity-lottery');
  await mobile.goto(`${base}/activities/${full}`);
  await mobile.getByTestId('availability').waitFor();
  await shoot(mobile, 'member-activity-full');
  await mobile.goto(`${base}/activities`);
  await mobile.getByText('劳模工匠创新工作室开放日').click();
  await mobile.getByTestId('availability').waitFor();
  await shoot(mobile, 'member-activity-not-for-me');
  await mobile.goto(`${base}/me/signups`);
  await mobile.getByTestId('my-signup-item').first().waitFor();
  await shoot(mobile, 'member-my-signups');
  await mobile.goto(`${base}/me`);
  await mobile.getByTestId('membership').waitFor();
  await shoot(mobile, 'member-me-with-signups');
  const token = ((await (await mobile.request.get(`${base}/api/me/card`)).json()) as { token: string }).token;

  const wide = await openPage(browser, desktop);
  await wide.context().addCookies(await mobile.context().cookies());
  await wide.goto(`${base}/activities/${cooling}`);
  await wide.getByTestId('my-signup').waitFor();
  await shoot(wide, 'member-activity-desktop');
  await wide.context().close();

  // ---- the console, at desk size
  const page = await staffLogsIn(browser, base, 'shenzhen');
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.getByRole('menuitem', { name: '普惠活动' }).click();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-activities');
  await page.getByRole('menuitem', { name: '发布活动' }).click();
  await page.getByLabel('活动名称').waitFor();
  await shoot(page, 'console-activity-publish');
  await page.getByLabel('活动名称').fill('一');
  await page.getByRole('button', { name: '发布活动' }).last().click();
  await page.locator('.ant-form-item-explain-error').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shoot(page, 'console-activity-publish-errors');
  await page.getByLabel('活动名称').fill('2025 年一线职工疗休养（第一批）');
  await tick(page.getByRole('radio', { name: /^抽签/ }));
  await page.getByRole('switch', { name: /分批/ }).click();
  await page.getByRole('textbox', { name: '活动介绍' }).fill('疗休养安排：往返大巴、住宿三晚、体检一次。');
  await page.locator('.act-batches').scrollIntoViewIfNeeded();
  await shoot(page, 'console-activity-publish-batches');
  await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'tmp', 'screenshots', 'console-activity-publish-full.png'), fullPage: true });

  await page.goto(`${base}/console/activities/${cooling}`);
  await page.getByTestId('activity-figures').waitFor();
  await page.locator('.ant-table-row').first().waitFor();
  await shoot(page, 'console-activity');
  await page.getByRole('tab', { name: '活动信息' }).click();
  await page.locator('.act-description').waitFor();
  await shoot(page, 'console-activity-info');

  // 修改: the form prefilled before sign-up opens; after it opened, the warning and the server's refusal
  await page.goto(`${base}/console/activities/${family}`);
  await page.getByRole('button', { name: '修改' }).click();
  const editor = page.locator('.act-edit-drawer');
  await editor.getByLabel('活动名称').waitFor();
  await shoot(page, 'console-activity-edit');
  await editor.getByRole('button', { name: /^取\s*消$/ }).click();
  await editor.waitFor({ state: 'hidden' });
  await page.goto(`${base}/console/activities/${cooling}`);
  await page.getByRole('button', { name: '修改' }).click();
  await editor.getByLabel('活动名称').fill('2025 年深圳新就业形态劳动者“夏送清凉”专场（第二场）');
  await editor.getByRole('button', { name: '保存修改' }).click();
  await editor.getByTestId('activity-form-problem').waitFor();
  // (the drawer scrolls smoothly back up to the refusal)
  await page.waitForFunction(() => document.querySelector('.act-edit-drawer .ant-drawer-body')?.scrollTop === 0);
  await shoot(page, 'console-activity-edit-refused');
  await editor.getByRole('button', { name: /^取\s*消$/ }).click();
  await editor.waitFor({ state: 'hidden' });

  // the lottery of four batches before any draw; the one-batch lottery drawn once its window closed
  await page.goto(`${base}/console/activities/${retreat}`);
  await page.getByRole('tab', { name: '抽签' }).click();
  await page.getByText('种子承诺（发布时公布）').waitFor();
  await shoot(page, 'console-activity-draw-before');
  await page.goto(`${base}/console/activities/${draw}`);
  await page.waitForTimeout(Math.max(0, published + 13_000 - Date.now()));
  await page.reload();
  await page.getByRole('tab', { name: '抽签' }).click();
  await page.getByText('种子承诺（发布时公布）').waitFor();
  const drawButton = page.getByRole('button', { name: /^抽\s*签$/ });
  if (await drawButton.isVisible().catch(() => false)) {
    await shoot(page, 'console-activity-draw-due');
    await drawButton.click();
    await page.getByRole('button', { name: '开始抽签' }).click();
  }
  await page.getByTestId('draw-seed').waitFor();
  await shoot(page, 'console-activity-drawn');
  await page.getByRole('tab', { name: '结果公示' }).click();
  await page.waitForTimeout(500);
  await shoot(page, 'console-activity-results');

  await page.goto(`${base}/console/activities/${full}`);
  await page.getByRole('button', { name: '取消活动' }).click();
  await page.locator('.ant-modal').waitFor();
  await shoot(page, 'console-activity-cancel');
  await page.keyboard.press('Escape');

  await page.getByRole('menuitem', { name: '活动签到' }).click();
  await page.getByTestId('checkin-result').waitFor();
  await shoot(page, 'console-checkin-pick');
  await page.goto(`${base}/console/activities/${cooling}/checkin`);
  await page.getByTestId('checkin-figures').waitFor();
  await shoot(page, 'console-checkin');
  await page.getByTestId('checkin-token-input').fill(token);
  await page.getByTestId('checkin-submit').click();
  await page.locator('[data-testid="checkin-result"][data-outcome="ok"]').waitFor();
  await shoot(page, 'console-checkin-ok');
  await page.getByTestId('checkin-token-input').fill(token);
  await page.getByTestId('checkin-submit').click();
  await page.locator('[data-testid="checkin-result"][data-outcome="already_checked_in"]').waitFor();
  await shoot(page, 'console-checkin-again');
  await page.goto(`${base}/console/activities/${full}/checkin`);
  await page.getByTestId('checkin-token-input').fill(token);
  await page.getByTestId('checkin-submit').click();
  await page.locator('[data-testid="checkin-result"][data-outcome="not_signed_up"]').waitFor();
  await shoot(page, 'console-checkin-refused');
  // two weeks early: check-in opens 2 hours before the start, and the refusal says when
  await page.goto(`${base}/console/activities/${family}/checkin`);
  await page.getByTestId('checkin-token-input').fill(token);
  await page.getByTestId('checkin-submit').click();
  await page.locator('[data-testid="checkin-result"][data-outcome="checkin_not_open"]').waitFor();
  await shoot(page, 'console-checkin-not-open');

  await page.getByRole('menuitem', { name: '活动数据' }).click();
  await page.getByTestId('chart-by-month').locator('canvas').first().waitFor();
  await page.waitForTimeout(800);
  await shoot(page, 'console-activity-stats');
  await page.context().close();

  // ---- the demo's own figures, as 化州 sees them
  const hz = await staffLogsIn(browser, base, 'huazhou');
  await hz.goto(`${base}/console/activity-stats`);
  await hz.getByTestId('stats-totals').waitFor();
  await hz.waitForTimeout(1200);
  await shoot(hz, 'console-activity-stats-huazhou');
  await hz.goto(`${base}/console/activities`);
  await hz.waitForTimeout(1200);
  await shoot(hz, 'console-activities-huazhou');
  await hz.context().close();

  // ---- the console on a phone
  const small = await staffLogsIn(browser, base, 'shenzhen').then(async (p) => {
    await p.setViewportSize(phone);
    return p;
  });
  await small.goto(`${base}/console/activities`);
  await small.locator('.ant-table-row').first().waitFor();
  await shoot(small, 'console-activities-phone');
  await small.goto(`${base}/console/activities/new`);
  await small.getByLabel('活动名称').waitFor();
  await shoot(small, 'console-activity-publish-phone');
  await small.goto(`${base}/console/activities/${cooling}`);
  await small.getByTestId('activity-figures').waitFor();
  await shoot(small, 'console-activity-phone');
  await small.goto(`${base}/console/activities/${family}`);
  await small.getByRole('button', { name: '修改' }).click();
  await small.locator('.act-edit-drawer').getByLabel('活动名称').waitFor();
  await shoot(small, 'console-activity-edit-phone');
  await small.goto(`${base}/console/activities/${cooling}/checkin`);
  await small.getByTestId('checkin-figures').waitFor();
  await shoot(small, 'console-checkin-phone');
  await small.goto(`${base}/console/activity-stats`);
  await small.getByTestId('chart-by-month').locator('canvas').first().waitFor();
  await small.waitForTimeout(800);
  await shoot(small, 'console-activity-stats-phone');
  await small.context().close();

  await mobile.context().close();
  await other.context().close();
  await admin.close();
  await sz.close();
}
