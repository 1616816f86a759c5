// Benefit activities end to end: staff publish an activity in the console for the union of a new
// member; the member (logged in by SMS, approved at once) finds it on the phone, opens it, signs up
// (with an Idempotency-Key) and sees 报名成功, then 我的报名 and the card QR; staff check the member
// in by that card's token (once: a second scan is refused); the figures page shows one visit and
// one participant for the activity, and its Excel export downloads.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { browserSuite, memberOnPhone } from './suite.ts';
import { staffLogsIn } from './people.ts';

const ONE_PIXEL_PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const baseUrl = inject('baseUrl');

const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** 'YYYY-MM-DD HH:mm' in Beijing time, `minutes` from now, as the form's pickers take it. */
function minutesFromNow(minutes: number): string {
  const p = Object.fromEntries(beijing.formatToParts(new Date(Date.now() + minutes * 60_000)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

/** Types a time into one end of a date-time picker (found by its placeholder) and confirms it. */
async function typePickerTime(page: Page, placeholder: string, text: string): Promise<void> {
  const input = page.getByPlaceholder(placeholder, { exact: true });
  await input.click();
  await input.press('ControlOrMeta+A');
  await input.pressSequentially(text);
  // confirmed with the picker's 确定 (Enter would submit the whole form), once the previous
  // picker's panel has finished closing
  const open = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  await expect.poll(() => open.count()).toBe(1);
  await open.locator('.ant-picker-ok button').click();
  await expect.poll(() => input.inputValue()).toBe(text);
}

describe('benefit activities', () => {
  const suite = browserSuite(baseUrl);

  it('staff publish; a member signs up on the phone and is confirmed; staff check in by card; the figures show 1 visit and 1 participant', async () => {
    // A worker logs in by SMS on the phone and becomes a member.
    const { mobile, member } = await memberOnPhone(suite, baseUrl, '139', '林活动');

    // Staff publish an activity for that member's union, picked by name in the org picker.
    const title = `骑手夏送清凉活动 ${Date.now() % 100000}`;
    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen');
    await onFailure(staff, 'activity-publish', async () => {
      await staff.getByRole('menuitem', { name: '发布活动' }).click();
      await staff.waitForURL(/\/console\/activities\/new$/);
      await staff.getByLabel('活动名称').fill(title);
      await staff.locator('.act-form').getByText('送清凉', { exact: true }).click();
      const org = staff.getByRole('combobox', { name: '发布单位' });
      // (the current value's label covers the input: type into it without a click)
      await org.fill(member.orgName.slice(0, 8));
      await staff.locator('.ant-select-item-option', { hasText: member.orgName }).first().click();
      await staff.getByLabel('名额', { exact: true }).fill('10');
      // Starting within the hour, so that check-in (open from 2 hours before the start) is open
      // when the member shows the card below: sign-up until 40 minutes from now, the activity at
      // 60 minutes for 2 hours.
      await typePickerTime(staff, '报名截止', minutesFromNow(40));
      await typePickerTime(staff, '活动开始', minutesFromNow(60));
      await typePickerTime(staff, '活动结束', minutesFromNow(180));
      await staff.getByLabel('活动地点').fill('南山区南山街道骑手驿站');
      await staff.getByRole('textbox', { name: '活动介绍' }).fill('免费领取防暑降温物资：凉茶、藿香正气水、毛巾。');
      // a cover image (a 1×1 PNG), previewed before it is sent
      await staff.locator('#act-cover-file').setInputFiles({ name: 'cover.png', mimeType: 'image/png', buffer: Buffer.from(ONE_PIXEL_PNG, 'base64') });
      await staff.getByAltText('封面预览').waitFor();
      await staff.getByRole('button', { name: '发布活动' }).last().click();
      await staff.waitForURL(/\/console\/activities\/\d+$/);
      await staff.getByTestId('activity-title').filter({ hasText: title }).waitFor();
    });
    const activityId = Number(/\/activities\/(\d+)$/.exec(staff.url())![1]);

    // The member finds it from the home page's services, opens it and signs up.
    const keys: string[] = [];
    mobile.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith(`/api/activities/${activityId}/signups`)) keys.push(req.headers()['idempotency-key'] ?? '');
    });
    await onFailure(mobile, 'activity-signup', async () => {
      await mobile.goto(`${baseUrl}/`);
      await mobile.locator('.m-services').getByText('普惠活动', { exact: true }).click();
      await mobile.waitForURL(/\/activities$/);
      const card = mobile.locator(`[data-activity="${activityId}"]`);
      await card.getByText('可报名').waitFor();
      expect(await card.innerText()).toContain(title);
      await card.click();
      await mobile.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      // the cover the staff uploaded, served to the member's session
      const cover = mobile.locator('.a-detail-cover');
      await cover.waitFor();
      await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
      expect(await mobile.getByRole('link', { name: '地图导航' }).getAttribute('href')).toMatch(/^https:\/\/uri\.amap\.com\//);
      await mobile.getByTestId('signup-button').click();
      const outcome = mobile.getByTestId('signup-outcome');
      await outcome.getByText('报名成功').waitFor();
      expect(await outcome.getAttribute('data-status')).toBe('confirmed');
      await mobile.getByTestId('my-signup').getByText('报名成功').waitFor();
    });
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    // 我的报名 lists it as confirmed, and leads to the card QR.
    await mobile.goto(`${baseUrl}/me/signups`);
    const item = mobile.getByTestId('my-signup-item').filter({ hasText: title });
    await item.getByText('报名成功').waitFor();
    await item.getByRole('button', { name: '出示会员证签到' }).click();
    await mobile.waitForURL(/\/card$/);
    const qr = mobile.getByTestId('card-qr');
    await qr.waitFor();
    const token = (await qr.getAttribute('data-token'))!;
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);

    // Staff check the member in with that token, once.
    await onFailure(staff, 'activity-checkin', async () => {
      await staff.getByRole('button', { name: /签\s*到/ }).first().click();
      await staff.waitForURL(new RegExp(`/console/activities/${activityId}/checkin$`));
      const checkIn = async (text: string) => {
        const before = await staff.getByTestId('checkin-result').getAttribute('data-at');
        await staff.getByTestId('checkin-token-input').fill(text);
        await staff.getByTestId('checkin-submit').click();
        await staff.waitForFunction((prev) => {
          const at = document.querySelector('[data-testid="checkin-result"]')?.getAttribute('data-at');
          return !!at && at !== prev;
        }, before);
        const result = staff.getByTestId('checkin-result');
        return { outcome: await result.getAttribute('data-outcome'), text: await result.innerText() };
      };
      const ok = await checkIn(token);
      expect(ok.outcome).toBe('ok');
      expect(ok.text).toContain('签到成功');
      expect(ok.text).toContain('林*动');
      expect(ok.text).toContain(member.memberNo);
      expect(ok.text).not.toContain('林活动');
      const again = await checkIn(token);
      expect(again.outcome).toBe('already_checked_in');
      expect(again.text).toContain('该会员已签到，请勿重复签到');
      const garbage = await checkIn('not-a-card');
      expect(garbage.text).toContain('不能签到');
      expect(garbage.text).toMatch(/二维码/);
      await staff.getByTestId('checkin-figures').getByText(/已签到\s*1\s*人/).waitFor();
    });

    // The phone now says 已签到.
    await mobile.goto(`${baseUrl}/activities/${activityId}`);
    await mobile.getByTestId('my-signup').getByText('已签到').first().waitFor();

    // The figures page: one visit and one participant for this activity; the export downloads.
    await onFailure(staff, 'activity-stats', async () => {
      await staff.getByRole('menuitem', { name: '活动数据' }).click();
      await staff.waitForURL(/\/console\/activity-stats$/);
      const row = staff.locator('.ant-table-row', { hasText: title });
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      // 活动名称 类别 发布单位 开始时间 名额 访问人数 参与人数 已签到
      expect(cells.slice(4)).toEqual(['10', '1', '1', '1']);
      await staff.getByTestId('chart-by-month').locator('canvas').first().waitFor();
      const download = staff.waitForEvent('download');
      await staff.getByRole('button', { name: /导出 Excel/ }).click();
      expect((await download).suggestedFilename()).toMatch(/^活动统计_.*\.xlsx$/);
    });

    await mobile.context().close();
    await staff.context().close();
  });
});
