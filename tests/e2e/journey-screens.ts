// Screens of what a newcomer hits on the member site, for tests/e2e/screenshots.ts (ONLY=journey): the
// home page before log-in, the demo's log-in page (demo members, the code shown), the user agreement,
// the home, card and 我的 pages of a worker whose application is under review and then refused, and
// of a demo member, and a list opened by a tile already filtered by kind.
import type { Browser, Page } from 'playwright-core';
import { desktop, openPage, phone } from './browser.ts';
import { DEMO_ORGS, findOrgId, freshIdNumber, randomPhone, staffToken } from './people.ts';

type Shoot = (page: Page, name: string) => Promise<void>;

/** Logs in on the demo's log-in page with the code it shows: as a new number, or as the demo's `nth` member. */
async function logIn(page: Page, base: string, who: string | number): Promise<void> {
  await page.goto(`${base}/login`);
  const hint = page.getByTestId('demo-hint');
  await hint.waitFor();
  if (typeof who === 'string') await page.getByPlaceholder('请输入手机号码').fill(who);
  else await hint.locator('[data-phone]').nth(who).click();
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByTestId('demo-code').getByRole('button', { name: '填入' }).click();
  await page.locator('.m-consent .adm-checkbox-icon').first().click();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
}

export async function journeyScreens(browser: Browser, base: string, shoot: Shoot): Promise<void> {
  const page = await openPage(browser, phone);
  page.on('pageerror', (e) => console.error('page error:', e.message));
  await page.goto(`${base}/`);
  await page.getByTestId('home-services').waitFor();
  await shoot(page, 'journey-home');
  await page.goto(`${base}/login`);
  await page.getByTestId('demo-hint').waitFor();
  await shoot(page, 'journey-login');
  await page.getByTestId('demo-hint').locator('[data-phone]').first().click();
  await page.getByRole('button', { name: '获取验证码' }).click();
  await page.getByTestId('demo-code').waitFor();
  await shoot(page, 'journey-login-code');
  await page.getByTestId('agreement-link').click();
  await page.getByTestId('user-agreement').waitFor();
  await shoot(page, 'journey-agreement');
  await page.getByRole('button', { name: '我已阅读' }).click();
  await page.getByTestId('privacy-link').click();
  await page.getByText('谁处理您的信息').waitFor();
  await shoot(page, 'journey-privacy');
  await page.context().close();

  // A demo member of 化州 (not the first: a phone gets one code a minute): home, card, a tile's filtered list.
  const member = await openPage(browser, phone);
  await logIn(member, base, 1);
  await member.goto(`${base}/`);
  await member.getByTestId('welcome-card').waitFor();
  await shoot(member, 'journey-home-member');
  await member.goto(`${base}/card`);
  await member.getByTestId('card-qr').waitFor();
  await member.evaluate(() => document.querySelector('.m-scroll')?.scrollTo(0, 10_000));
  await shoot(member, 'journey-card-services');
  await member.getByTestId('card-services').locator('[data-service="culture"]').click();
  await member.getByTestId('activity-card').first().waitFor();
  await shoot(member, 'journey-activities-culture');
  await member.goto(`${base}/campaigns?kind=tuition`);
  await member.getByTestId('campaign-card').first().waitFor();
  await shoot(member, 'journey-campaigns-tuition');
  await member.context().close();

  // A worker whose application is under review, then refused.
  const worker = await openPage(browser, phone);
  await logIn(worker, base, randomPhone('198'));
  const staff = await browser.newContext();
  const admin = await staffToken(staff.request, base);
  const shiwan = await findOrgId(staff.request, base, admin, DEMO_ORGS.shiwan);
  const me = (await (await worker.request.get(`${base}/api/me`)).json()) as { csrfToken: string };
  const joined = await worker.request.post(`${base}/api/members/join`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { name: '梁嘉欣', idNumber: freshIdNumber(), gigPlatform: '滴滴出行', workOrgId: shiwan, consent: true },
  });
  const { applicationId } = (await joined.json()) as { applicationId: number };
  await worker.goto(`${base}/`);
  await worker.getByTestId('application-state').waitFor();
  await shoot(worker, 'journey-home-pending');
  await worker.goto(`${base}/card`);
  await worker.getByTestId('application-state').waitFor();
  await shoot(worker, 'journey-card-pending');
  await worker.setViewportSize(desktop);
  await worker.goto(`${base}/`);
  await worker.getByTestId('application-state').waitFor();
  await shoot(worker, 'journey-home-pending-desktop');
  await worker.setViewportSize(phone);
  await worker.goto(`${base}/me`);
  await worker.getByTestId('application-progress').waitFor();
  await shoot(worker, 'journey-me-pending');
  await staff.request.post(`${base}/api/members/applications/${applicationId}/reject`, {
    headers: { authorization: `Bearer ${admin}` },
    data: { reason: '工作地点与所选街道不符，请重新选择' },
  });
  await worker.goto(`${base}/`);
  await worker.getByTestId('application-state').getByText('未通过', { exact: true }).waitFor();
  await shoot(worker, 'journey-home-rejected');
  await staff.close();
  await worker.context().close();
}
