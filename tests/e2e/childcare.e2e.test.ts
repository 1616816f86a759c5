// Holiday childcare end to end, on a phone (390×844): a migrant worker in 佛山 三水区 大塘 joins the
// union, opens 亲子托管 from the home page, finds 大塘's Saturday tutoring, enrols a child with the
// guardian's separate consent ticked (without it the form is not sent), and sees the child under
// 我的托管报名 as 待抽签. The programme's own union's staff then see the enrolment on the console,
// the child's name masked. Then a programme's life after the window: the sweep allocates at the close
// and, once the last session is over, tells the family whose child stayed on the waiting list 未中签;
// an admin of the running union deletes the children's data (立即删除儿童信息) and both screens say so.
import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { findOrgId, freshIdNumber, makeStaff, randomPhone, staffLogsInWith, workerLogsIn } from './people.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');
const DATANG_TITLE = '大塘镇工业园“160工程”周六免费辅导';
const CLERK_PASSWORD = 'Datang-clerk-2026';

/** The union running 大塘's programme in this demo tree: the town's where the tree has it, else 三水区总工会. */
async function datangUnion(r: APIRequestContext, admin: string): Promise<number> {
  return findOrgId(r, baseUrl, admin, '三水区大塘镇总工会').catch(() => findOrgId(r, baseUrl, admin, '三水区总工会'));
}

/** A worker logs in on the phone and joins as a worker of a factory in 大塘's industrial park; the union approves. Answers the session's CSRF token. */
async function joinsDatang(mobile: Page, r: APIRequestContext, admin: string, union: number, name: string, phonePrefix: string): Promise<string> {
  await workerLogsIn(mobile, baseUrl, admin, randomPhone(phonePrefix));
  const me = (await (await mobile.request.get(`${baseUrl}/api/me`)).json()) as { csrfToken: string };
  const joined = await mobile.request.post(`${baseUrl}/api/members/join`, {
    headers: { 'x-csrf-token': me.csrfToken },
    data: { name, idNumber: freshIdNumber(), employerName: '大塘镇联创五金有限公司', workOrgId: union, consent: true },
  });
  expect(joined.status(), await joined.text()).toBe(201);
  const application = (await joined.json()) as { applicationId: number; status: string };
  if (application.status === 'pending') {
    const ok = await r.post(`${baseUrl}/api/members/applications/${application.applicationId}/approve`, { headers: { authorization: `Bearer ${admin}` } });
    expect(ok.status(), await ok.text()).toBe(200);
  }
  return me.csrfToken;
}

/** The screen at phone and desktop size (tmp/<name>-phone.png, -desktop.png), to be looked at; the page is left at `back`. */
async function shootBoth(page: Page, name: string, back: { width: number; height: number }): Promise<void> {
  for (const [size, viewport] of [['phone', phone], ['desktop', desktop]] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: `tmp/${name}-${size}.png`, fullPage: true });
  }
  await page.setViewportSize(back);
}

describe('holiday childcare', () => {
  const suite = browserSuite(baseUrl);

  it('a parent in 大塘 enrols a child with the consent ticked and sees it under 我的托管报名; the union’s staff see it masked', async () => {
    const admin = suite.adminToken;
    const api = await suite.browser.newContext();
    const union = await datangUnion(api.request, admin);
    const mobile = await openPage(suite.browser, phone);
    await onFailure(mobile, 'childcare-enrol', async () => {
      await joinsDatang(mobile, api.request, admin, union, '常星', '135');

      await mobile.goto(`${baseUrl}/`);
      await mobile.locator('[data-service="childcare"]').click();
      await mobile.waitForURL(/\/childcare$/);
      await mobile.getByTestId('childcare-programme').filter({ hasText: DATANG_TITLE }).click();
      await mobile.getByRole('heading', { name: DATANG_TITLE }).waitFor();
      await mobile.getByText('7–10 岁').first().waitFor();
      await mobile.getByTestId('enrol-button').click();
      await mobile.waitForURL(/\/childcare\/\d+\/enrol$/);

      await mobile.getByLabel('孩子姓名').fill('常小雨');
      await mobile.getByLabel('出生年份').fill('2018');
      await mobile.getByLabel('年级（可不填）').fill('二年级');
      await mobile.getByLabel('过敏情况（没有可不填）').fill('芒果过敏');
      await mobile.getByLabel('紧急联系人').first().fill('常大山');
      await mobile.getByLabel('紧急联系人手机号').fill('13800138011');
      await mobile.getByLabel('接送人姓名').first().fill('李秀兰');
      await mobile.getByLabel('与孩子关系').first().fill('母亲');
      await mobile.getByLabel('接送人手机号').first().fill('13800138012');
      await expect.poll(() => mobile.getByTestId('consent-text').textContent()).toContain('保存期限');
      // without the consent the form is not sent
      await mobile.getByRole('button', { name: '提交报名' }).click();
      await mobile.getByText('请监护人勾选同意').first().waitFor();
      await mobile.getByText('我是孩子的监护人，已阅读并单独同意').click();
      await mobile.getByRole('button', { name: '提交报名' }).click();
      await mobile.getByText('报名已提交').waitFor();

      await mobile.getByTestId('to-my-enrolments').click();
      await mobile.waitForURL(/\/me\/childcare$/);
      const card = mobile.getByTestId('my-enrolment').filter({ hasText: DATANG_TITLE });
      await expect.poll(() => card.getByTestId('enrolment-status').textContent()).toBe('待抽签');
      expect(await card.textContent()).toContain('常*雨');
    });

    // the running union's clerk on the console: the child is listed masked, never in full
    const username = `datang-${randomUUID().slice(0, 8)}`;
    await makeStaff(api.request, baseUrl, admin, { orgId: union, username, displayName: '大塘托管经办人', roles: ['clerk'], password: CLERK_PASSWORD });
    const console = await staffLogsInWith(suite.browser, baseUrl, username, CLERK_PASSWORD, desktop);
    await onFailure(console, 'childcare-console', async () => {
      await console.goto(`${baseUrl}/console/childcare`);
      await console.getByRole('button', { name: DATANG_TITLE }).click();
      await console.waitForURL(/\/childcare\/\d+$/);
      const names = console.getByTestId('childcare-enrolments').getByTestId('child-name');
      await expect.poll(() => names.allTextContents()).toContain('常*雨');
      expect(await console.getByTestId('childcare-enrolments').textContent()).not.toContain('常小雨');
    });
    await api.close();
  });

  it('the sweep allocates at the close and turns the waiting list into 未中签 at the end; an admin of the running union then deletes the children’s data', async () => {
    const admin = suite.adminToken;
    const api = await suite.browser.newContext();
    const auth = { authorization: `Bearer ${admin}` };
    const union = await datangUnion(api.request, admin);
    // one place, one session that starts about two minutes from now and lasts a minute; the window closes in 20 s
    const start = new Date(Math.ceil((Date.now() + 100_000) / 60_000) * 60_000);
    const end = new Date(start.getTime() + 60_000);
    const beijing = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString();
    const day = beijing(start).slice(0, 10);
    const title = `大塘寒假一日托管体验（${beijing(start).slice(11, 16)}）`;
    const created = await api.request.post(`${baseUrl}/api/childcare/programmes`, {
      headers: { ...auth, 'idempotency-key': randomUUID() },
      data: {
        orgId: union, title, kind: 'holiday', description: '报名截止后系统自动录取，名额 1 个。', ageMin: 3, ageMax: 14, capacity: 1,
        signupOpensAt: new Date(Date.now() - 3_600_000).toISOString(), signupClosesAt: new Date(Date.now() + 20_000).toISOString(),
        schedule: { firstDay: day, lastDay: day, weekdays: [((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1], from: beijing(start).slice(11, 16), to: beijing(end).slice(11, 16), skipDays: [] },
      },
    });
    expect(created.status(), await created.text()).toBe(201);
    const programmeId = ((await created.json()) as { id: number }).id;
    expect((await api.request.post(`${baseUrl}/api/childcare/programmes/${programmeId}/publish`, { headers: auth })).status()).toBe(200);

    // a parent enrols two children for the one place
    const mobile = await openPage(suite.browser, phone);
    const csrfToken = await joinsDatang(mobile, api.request, admin, union, '梁海燕', '136');
    for (const childName of ['梁小松', '梁小柏']) {
      const res = await mobile.request.post(`${baseUrl}/api/me/childcare/programmes/${programmeId}/enrolments`, {
        headers: { 'x-csrf-token': csrfToken, 'idempotency-key': randomUUID() },
        data: {
          childName, birthYear: Number(day.slice(0, 4)) - 8, sex: 'male', emergencyName: '梁大海', emergencyPhone: '13800138021',
          pickupAdults: [{ name: '梁大海', relation: '父亲', phone: '13800138021' }], consent: true,
        },
      });
      expect(res.status(), await res.text()).toBe(201);
    }

    // the sweep (every minute) allocates after the close and drops the waiting list once the session is over
    const programme = async () => (await (await api.request.get(`${baseUrl}/api/childcare/programmes/${programmeId}`, { headers: auth })).json()) as { allocatedAt: string | null; counts: { enrolled: number; notDrawn: number } };
    await expect.poll(async () => (await programme()).counts, { timeout: 300_000, interval: 5_000 }).toEqual(expect.objectContaining({ enrolled: 1, notDrawn: 1 }));

    await onFailure(mobile, 'childcare-not-drawn', async () => {
      await mobile.goto(`${baseUrl}/me/childcare`);
      const card = mobile.getByTestId('my-enrolment').filter({ hasText: title }).filter({ has: mobile.getByText('未中签', { exact: true }) });
      await card.getByText('候补期间没有名额空出').waitFor();
      await shootBoth(mobile, 'childcare-not-drawn', phone);
    });

    // an admin of the running union deletes the children's data now (the programme has ended)
    const username = `datang-admin-${randomUUID().slice(0, 8)}`;
    await makeStaff(api.request, baseUrl, admin, { orgId: union, username, displayName: '大塘托管管理员', roles: ['admin'], password: CLERK_PASSWORD });
    const console = await staffLogsInWith(suite.browser, baseUrl, username, CLERK_PASSWORD, desktop);
    await onFailure(console, 'childcare-purge', async () => {
      await console.goto(`${baseUrl}/console/childcare/${programmeId}`);
      const retention = console.getByTestId('retention');
      await expect.poll(() => retention.textContent()).toContain('托管结束 180 天后自动删除');
      await console.getByRole('button', { name: '立即删除儿童信息' }).click();
      const dialog = console.getByRole('dialog', { name: '立即删除儿童信息' });
      await dialog.getByLabel('删除原因').fill('家长要求提前删除');
      // antd spaces a two-character label (删 除); 不删除 closes the dialog
      await dialog.getByRole('button', { name: /^删\s*除$/ }).click();
      await expect.poll(() => retention.textContent()).toContain('已按约定于');
      const names = console.getByTestId('childcare-enrolments').getByTestId('child-name');
      await expect.poll(() => names.allTextContents()).toEqual(['信息已删除', '信息已删除']);
      expect(await console.getByRole('button', { name: '立即删除儿童信息' }).count()).toBe(0);
      await shootBoth(console, 'childcare-purged-console', desktop);
    });

    await onFailure(mobile, 'childcare-purged-member', async () => {
      await mobile.reload();
      const cards = mobile.getByTestId('my-enrolment').filter({ hasText: title });
      await expect.poll(() => cards.getByTestId('enrolment-child').allTextContents()).toEqual(['儿童信息已按约定删除', '儿童信息已按约定删除']);
      expect(await cards.first().textContent()).toContain('按约定删除，报名记录保留');
      await shootBoth(mobile, 'childcare-purged-member', phone);
    });
    // closed here, so the accessibility sweep of these screens runs within this test's time
    await Promise.all([mobile.context().close(), console.context().close(), api.close()]);
  }, 420_000); // the sweep runs once a minute: the close, then the session's end, each wait up to a pass
});
