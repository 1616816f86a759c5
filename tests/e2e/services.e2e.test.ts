// What a newcomer hits on the member site, on a phone (390×844) and on a desktop (1440×900): the log-in
// page of the demo tells how to get in (the code shown, demo members listed) and has its own user
// agreement; every tile of the home and card grids opens a working page ("即将开放" nowhere); a worker
// whose application is under review sees 审核中 on the home and card pages and behind every tile, never
// 立即入会, and a refused one the reason and the way to apply again.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { memberServices, memberServicesOn, type MemberService, type MemberServiceEntry } from '../../contracts/member-services.ts';
import { browserSuite } from './suite.ts';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { DEMO_ORGS, findOrgId, freshIdNumber, randomPhone, staffToken } from './people.ts';

const baseUrl = inject('baseUrl');

/** What each tile's page shows when it works (the tile's own list is contracts/member-services.ts). */
const landmarks: Record<MemberService['key'], { url: RegExp; sees: (p: Page) => Promise<unknown> }> = {
  // a member has joined: 入会 shows the membership
  join: { url: /\/me$/, sees: (p) => p.getByTestId('membership').waitFor() },
  // offered only to a member whose employer has no union (issue 16); not in memberServicesOn's default list
  founding: { url: /\/founding$/, sees: (p) => p.getByTestId('founding-employer').waitFor() },
  card: { url: /\/card$/, sees: (p) => p.getByTestId('card-qr').waitFor() },
  activities: { url: /\/activities$/, sees: (p) => p.getByTestId('activity-card').first().waitFor() },
  hardshipAid: { url: /\/campaigns$/, sees: (p) => p.getByTestId('campaign-card').first().waitFor() },
  education: { url: /\/campaigns\?kind=tuition$/, sees: (p) => kindShown(p, 'campaign-card', '金秋助学') },
  culture: { url: /\/activities\?kind=culture$/, sees: (p) => kindShown(p, 'activity-card', '文体') },
  fitness: { url: /\/activities\?kind=retreat$/, sees: (p) => kindShown(p, 'activity-card', '疗休养') },
  legalAid: { url: /\/rights$/, sees: (p) => p.getByTestId('ask-button').waitFor() },
  // places are for every worker: no permission to locate in this browser, so the page asks first
  stations: { url: /\/places\?kind=station$/, sees: (p) => p.getByTestId('places-page').and(p.locator('[data-of="stations"]')).waitFor() },
  workersHomes: { url: /\/places$/, sees: (p) => p.getByTestId('places-page').and(p.locator('[data-of="homes"]')).waitFor() },
  childcare: { url: /\/childcare$/, sees: (p) => p.getByRole('link', { name: '我的托管报名' }).waitFor() },
  // 技能培训: the demo member's skills (the seed gives the first 化州 member 叉车 with a verified certificate)
  skills: { url: /\/skills$/, sees: (p) => p.getByTestId('skills-page').waitFor() },
  points: { url: /\/me\/points$/, sees: (p) => p.locator('.adm-nav-bar', { hasText: '我的积分' }).waitFor() },
};

/** The list is filtered to one kind: its tab is active, and every card there is of that kind. */
async function kindShown(page: Page, card: string, label: string): Promise<void> {
  await page.getByTestId('kind-tabs').getByRole('button', { name: label, pressed: true }).waitFor();
  await page.getByTestId(card).first().waitFor();
  const tags = await page.getByTestId(card).evaluateAll((els) => els.map((e) => e.querySelector('.adm-tag')?.textContent ?? ''));
  expect(tags.length).toBeGreaterThan(0);
  expect(tags.every((t) => t === label)).toBe(true);
}

async function noDeadEnds(page: Page): Promise<void> {
  expect(await page.getByText('即将开放').count()).toBe(0);
  expect(await page.getByText('加载失败').count()).toBe(0);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Logs in on the demo's log-in page as a newcomer would: the code is shown there, 填入 fills it. */
async function logInWithShownCode(page: Page, tel?: string): Promise<string> {
  await page.goto(`${baseUrl}/login`);
  const hint = page.getByTestId('demo-hint');
  await hint.waitFor();
  let phoneNo = tel;
  if (!phoneNo) {
    // a demo member, picked from the list the page shows
    const first = hint.locator('[data-phone]').first();
    phoneNo = (await first.getAttribute('data-phone'))!;
    await first.click();
    expect(await page.getByPlaceholder('请输入手机号码').inputValue()).toBe(phoneNo);
  } else {
    await page.getByPlaceholder('请输入手机号码').fill(phoneNo);
  }
  await page.getByRole('button', { name: '获取验证码' }).click();
  const code = page.getByTestId('demo-code');
  await code.waitFor();
  expect(await code.locator('strong').textContent()).toMatch(/^\d{6}$/);
  await code.getByRole('button', { name: '填入' }).click();
  await page.locator('.m-consent .adm-checkbox-icon').first().click();
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((u) => !u.pathname.endsWith('/login'));
  return phoneNo;
}

describe.each([
  ['phone', phone],
  ['desktop', desktop],
])('member site at %s size', (label, viewport) => {
  const suite = browserSuite(baseUrl);

  it('the demo log-in page shows how to get in, and the user agreement is its own text', async () => {
    const page = await openPage(suite.browser, viewport);
    await onFailure(page, `services-login-${label}`, async () => {
      await page.goto(`${baseUrl}/login`);
      const hint = page.getByTestId('demo-hint');
      await hint.getByText('演示环境').waitFor();
      await hint.getByText(/不发送真实短信/).waitFor();
      expect(await hint.locator('[data-phone]').count()).toBeGreaterThan(0);
      await page.getByTestId('agreement-link').click();
      const agreement = page.getByTestId('user-agreement');
      await agreement.getByText('一、协议的范围').waitFor();
      await agreement.getByText('三、实名入会').waitFor();
      await page.getByRole('button', { name: '我已阅读' }).click();
      await agreement.waitFor({ state: 'detached' });
      await page.getByTestId('privacy-link').click();
      await page.getByText('谁处理您的信息').waitFor();
      await noDeadEnds(page);
    });
    await page.context().close();
  });

  it('every tile of the home and card grids opens a working page', async () => {
    const page = await openPage(suite.browser, viewport);
    await onFailure(page, `services-tiles-${label}`, async () => {
      // 化州's demo member: the demo's activities and campaigns are 化州's
      await logInWithShownCode(page, label === 'phone' ? undefined : await secondDemoMember(page));
      for (const [place, from] of [['home', '/'], ['card', '/card']] as const) {
        for (const s of memberServicesOn(place)) {
          await page.goto(`${baseUrl}${from}`);
          const grid = page.getByTestId(`${place}-services`);
          await grid.waitFor();
          // a conditional tile (我要建会) may follow, for the member it concerns
          const conditional = new Set(memberServices.filter((x: MemberServiceEntry) => x.when).map((x) => x.key as string));
          expect((await grid.locator('[data-service]').evaluateAll((els) => els.map((e) => e.getAttribute('data-service')))).filter((k) => !conditional.has(k ?? ''))).toEqual(
            memberServicesOn(place).map((x) => x.key),
          );
          await noDeadEnds(page);
          await grid.locator(`[data-service="${s.key}"]`).click();
          await page.waitForURL(landmarks[s.key].url);
          await landmarks[s.key].sees(page);
          await noDeadEnds(page);
        }
      }
    });
    await page.context().close();
  }, 180_000); // the sweep checks each page the tiles opened when the context closes, inside the test

  it('an application under review shows 审核中 on home and card pages, never 立即入会; a refused one the reason and 重新申请', async () => {
    const page = await openPage(suite.browser, viewport);
    await onFailure(page, `services-pending-${label}`, async () => {
      await logInWithShownCode(page, randomPhone('198'));
      // Before applying: offered to join.
      await page.goto(`${baseUrl}/`);
      await page.getByTestId('welcome-card').getByText('立即入会').waitFor();

      const shiwan = await findOrgId(page.request, baseUrl, suite.adminToken, DEMO_ORGS.shiwan);
      const me = (await (await page.request.get(`${baseUrl}/api/me`)).json()) as { csrfToken: string };
      const joined = await page.request.post(`${baseUrl}/api/members/join`, {
        headers: { 'x-csrf-token': me.csrfToken },
        data: { name: '梁嘉欣', idNumber: freshIdNumber(), gigPlatform: '滴滴出行', workOrgId: shiwan, consent: true },
      });
      expect(joined.status()).toBe(201);
      const application = (await joined.json()) as { applicationId: number; status: string };
      expect(application.status).toBe('pending');

      await page.goto(`${baseUrl}/`);
      const state = page.getByTestId('application-state');
      await state.getByText('审核中', { exact: true }).waitFor();
      await state.getByText(DEMO_ORGS.shiwan).waitFor();
      await state.getByText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/).waitFor();
      expect(await page.getByText('立即入会').count()).toBe(0);
      await noDeadEnds(page);

      await page.goto(`${baseUrl}/card`);
      await page.getByTestId('application-state').getByText('审核中', { exact: true }).waitFor();
      expect(await page.getByText('立即入会').count()).toBe(0);
      await noDeadEnds(page);
      await page.getByRole('button', { name: '查看审核进度' }).click();
      await page.waitForURL(/\/me$/);
      await page.getByTestId('application-progress').getByText('审核中', { exact: true }).waitFor();
      expect(await page.getByText('立即入会').count()).toBe(0);
      // Every tile a worker under review taps says where the application stands, none offers joining.
      // (法律援助 and the places are for every worker, member or not: they open their pages, with no offer to join either)
      for (const s of memberServicesOn('home')) {
        await page.goto(`${baseUrl}/`);
        await page.getByTestId('home-services').locator(`[data-service="${s.key}"]`).click();
        if (s.key === 'legalAid' || s.key === 'stations' || s.key === 'workersHomes') await landmarks[s.key].sees(page);
        else await page.getByTestId(s.key === 'join' ? 'application-progress' : 'application-state').getByText('审核中', { exact: true }).waitFor();
        expect(await page.getByText('立即入会').count()).toBe(0);
        await noDeadEnds(page);
      }

      // Refused: the reason, and the way to apply again.
      // (staff log in from their own browser: a log-in ends the session the browser carried)
      const staff = await suite.browser.newContext();
      const huazhou = await staffToken(staff.request, baseUrl, 'huazhou');
      const rejected = await staff.request.post(`${baseUrl}/api/members/applications/${application.applicationId}/reject`, {
        headers: { authorization: `Bearer ${huazhou}` },
        data: { reason: '工作地点与所选街道不符，请重新选择' },
      });
      expect(rejected.status()).toBe(200);
      await staff.close();
      await page.goto(`${baseUrl}/`);
      const refused = page.getByTestId('application-state');
      await refused.getByText('未通过', { exact: true }).waitFor();
      await refused.getByText('工作地点与所选街道不符，请重新选择').waitFor();
      await refused.getByRole('button', { name: '重新申请' }).click();
      await page.waitForURL(/\/join$/);
      await page.getByPlaceholder('与身份证上的姓名一致').waitFor();
    });
    await page.context().close();
  });
});

/** The second demo member the demo lists (the first is used at the other size, and a phone gets one code a minute). */
async function secondDemoMember(page: Page): Promise<string> {
  const info = (await (await page.request.get(`${baseUrl}/api/demo`)).json()) as { members: { phone: string }[] };
  expect(info.members.length).toBeGreaterThan(1);
  return info.members[1]!.phone;
}
