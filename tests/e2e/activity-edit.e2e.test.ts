// 修改活动 end to end: staff open a published activity whose sign-up has not opened, change its
// title and place in the prefilled form (only those two fields are sent), and see them on the
// detail page; the member sees them in the phone's activity list. An activity whose sign-up has
// opened is refused by the server, and its Chinese message is shown above the form.
import type { Browser, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, onFailure, openPage, phone } from './browser.ts';
import { DEMO_ORGS, joinAsApprovedMember, randomPhone, staffLogsIn, staffToken, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describe('editing a benefit activity', () => {
  let browser: Browser;
  let adminToken: string;
  let shenzhenToken: string;

  /** Publishes an activity of the given union through the API, as 深圳's admin. */
  async function publish(orgId: number, title: string, opensInDays: number): Promise<number> {
    const ctx = await browser.newContext();
    try {
      const res = await ctx.request.post(`${baseUrl}/api/activities`, {
        headers: { authorization: `Bearer ${shenzhenToken}` },
        data: {
          title,
          kind: 'culture',
          orgId,
          places: 20,
          allocation: 'first_come',
          signupOpensAt: inDays(opensInDays),
          signupClosesAt: inDays(opensInDays + 3),
          startsAt: inDays(opensInDays + 7),
          location: '南山区南山街道职工之家',
        },
      });
      expect(res.status()).toBe(201);
      return ((await res.json()) as { id: number }).id;
    } finally {
      await ctx.close();
    }
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    // (one context each: a log-in ends the session its context's cookie holds)
    for (const [username, set] of [['admin', (t: string) => (adminToken = t)], ['shenzhen', (t: string) => (shenzhenToken = t)]] as const) {
      const ctx = await browser.newContext();
      set(await staffToken(ctx.request, baseUrl, username));
      await ctx.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('staff change the title and place before sign-up opens; the detail and the member list show them', async () => {
    const mobile = await openPage(browser, phone);
    await workerLogsIn(mobile, baseUrl, adminToken, randomPhone('138'));
    const member = await joinAsApprovedMember(mobile, baseUrl, adminToken, '郑修改');
    const stamp = Date.now() % 100000;
    const before = `职工书法讲座 ${stamp}`;
    const after = `职工书画交流会 ${stamp}`;
    const place = '南山区粤海街道职工服务中心三楼';
    const id = await publish(member.orgId, before, 2);

    const staff = await staffLogsIn(browser, baseUrl, 'shenzhen');
    const patches: Request[] = [];
    staff.on('request', (req) => {
      if (req.method() === 'PATCH' && req.url().endsWith(`/api/activities/${id}`)) patches.push(req);
    });
    await onFailure(staff, 'activity-edit', async () => {
      await staff.goto(`${baseUrl}/console/activities/${id}`);
      await staff.getByTestId('activity-title').filter({ hasText: before }).waitFor();
      await staff.getByRole('button', { name: '修改' }).click();
      const drawer = staff.locator('.act-edit-drawer');
      await drawer.getByText('报名开始').first().waitFor();
      // prefilled with the activity as published; the union is shown but locked
      expect(await drawer.getByLabel('活动名称').inputValue()).toBe(before);
      expect(await drawer.getByLabel('活动地点').inputValue()).toBe('南山区南山街道职工之家');
      expect(await drawer.getByLabel('名额', { exact: true }).inputValue()).toBe('20');
      expect(await drawer.getByLabel('发布单位').inputValue()).toBe(member.orgName);
      expect(await drawer.getByLabel('发布单位').isDisabled()).toBe(true);
      await drawer.getByLabel('活动名称').fill(after);
      await drawer.getByLabel('活动地点').fill(place);
      await drawer.getByRole('button', { name: '保存修改' }).click();
      await staff.locator('.ant-message').getByText(`已保存修改：${after}`).waitFor();
      await staff.getByTestId('activity-title').filter({ hasText: after }).waitFor();
      await staff.getByRole('tab', { name: '活动信息' }).click();
      await staff.locator('.act-desc').getByText(place).waitFor();
    });
    expect(patches).toHaveLength(1);
    expect(patches[0]!.postDataJSON()).toEqual({ title: after, location: place });

    // The member's list shows the new title and place.
    await onFailure(mobile, 'activity-edit-member', async () => {
      await mobile.goto(`${baseUrl}/activities`);
      const card = mobile.locator(`[data-activity="${id}"]`);
      await card.getByText(after).waitFor();
      const text = await card.innerText();
      expect(text).toContain(place);
      expect(text).not.toContain(before);
    });
    await mobile.context().close();
    await staff.context().close();
  });

  it('a change after sign-up opened is refused, with the server’s reason shown above the form', async () => {
    const ctx = await browser.newContext();
    const orgs = (await (await ctx.request.get(`${baseUrl}/api/orgs`, { params: { q: DEMO_ORGS.shenzhenCouriers }, headers: { authorization: `Bearer ${shenzhenToken}` } })).json()) as {
      items: { id: number; name: string }[];
    };
    await ctx.close();
    const union = orgs.items.find((o) => o.name === DEMO_ORGS.shenzhenCouriers)!;
    const title = `快递小哥观影活动 ${Date.now() % 100000}`;
    const id = await publish(union.id, title, -1);

    const staff = await staffLogsIn(browser, baseUrl, 'shenzhen');
    await onFailure(staff, 'activity-edit-refused', async () => {
      await staff.goto(`${baseUrl}/console/activities/${id}`);
      await staff.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      await staff.getByRole('button', { name: '修改' }).click();
      const drawer = staff.locator('.act-edit-drawer');
      await drawer.getByText(/报名已于 .* 开始，活动内容不能再修改/).waitFor();
      await drawer.getByLabel('活动名称').fill(`${title}（改）`);
      await drawer.getByRole('button', { name: '保存修改' }).click();
      const problem = drawer.getByTestId('activity-form-problem');
      await problem.getByText('未能保存修改').waitFor();
      expect(await problem.innerText()).toContain('报名已开始，活动内容不能再修改；如需变更请取消活动后重新发布');
      await drawer.getByRole('button', { name: /^取\s*消$/ }).click();
      await drawer.waitFor({ state: 'hidden' });
    });
    expect(await staff.getByTestId('activity-title').innerText()).toBe(title);
    await staff.context().close();
  });
});
