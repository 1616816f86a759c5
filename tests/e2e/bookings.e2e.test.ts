// Bookings end to end: 化州's staff publish a reading-room slot starting in a few minutes at the
// demo's 石湾社区职工书屋; a member on the phone (390×844) opens the reading room's page, taps 预约,
// books a seat (confirmed in a dialog, with an Idempotency-Key) and finds it under 我的预约 as 已预约, then shows
// the member card; the staff at the desk (1440×900) check the member in with that card's token
// (once: a second scan says 已签到过); the phone then says 已签到.
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { DEMO_PLACES } from '../../server/db/seed/demo-keys.ts';
import { browserSuite, memberOnPhone } from './suite.ts';
import { staffLogsIn, staffToken } from './people.ts';

const baseUrl = inject('baseUrl');
const beijing = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const beijingParts = (at: Date) => Object.fromEntries(beijing.formatToParts(at).map((x) => [x.type, x.value]));

describe('bookings of a place', () => {
  const suite = browserSuite(baseUrl);

  it('a member books a reading-room seat on the phone, sees it under 我的预约, and is checked in by card at the desk', async () => {
    // 化州's staff publish a slot at the reading room from a few minutes from now (check-in opens 15 minutes before the start).
    const ctx = await suite.browser.newContext();
    const token = await staffToken(ctx.request, baseUrl, 'huazhou');
    const auth = { authorization: `Bearer ${token}` };
    const places = (await (await ctx.request.get(`${baseUrl}/api/place-bookings/places?pageSize=200`, { headers: auth })).json()) as { items: { id: number; name: string }[] };
    const room = places.items.find((p) => p.name === DEMO_PLACES.shiwanReadingRoom);
    expect(room, 'the demo has 石湾社区职工书屋 as a bookable place').toBeDefined();
    const start = beijingParts(new Date(Date.now() + 5 * 60_000));
    const end = beijingParts(new Date(Date.now() + 65 * 60_000));
    const title = `阅览座位 ${Date.now() % 100000}`;
    const created = await ctx.request.post(`${baseUrl}/api/places/${room!.id}/slots`, {
      headers: auth,
      data: { title, capacity: 5, fromDate: `${start.year}-${start.month}-${start.day}`, times: [{ from: `${start.hour}:${start.minute}`, to: end.day === start.day ? `${end.hour}:${end.minute}` : '24:00' }] },
    });
    expect(created.status(), await created.text()).toBe(201);
    await ctx.close();

    // The member books it on the phone.
    const { mobile, member } = await memberOnPhone(suite, baseUrl, '137', '林预约');
    mobile.setDefaultTimeout(20_000);
    await onFailure(mobile, 'booking-book', async () => {
      // from the reading room's page (as a worker who found it nearby or scanned its code), 预约
      await mobile.goto(`${baseUrl}/places/${room!.id}`);
      expect(await mobile.getByTestId('place-title').textContent()).toBe(DEMO_PLACES.shiwanReadingRoom);
      await mobile.getByTestId('place-book').click();
      await mobile.waitForURL(new RegExp(`/places/${room!.id}/book$`));
      await mobile.getByRole('heading', { name: DEMO_PLACES.shiwanReadingRoom }).waitFor();
      const slot = mobile.getByTestId('booking-slot').filter({ hasText: title });
      await slot.getByText('剩余 5 / 5').waitFor();
      await slot.getByRole('button', { name: /预约/ }).click();
      const dialog = mobile.locator('.adm-dialog');
      await dialog.getByText('确认预约？').waitFor();
      await dialog.getByRole('button', { name: '预约' }).click();
      await slot.getByText('已预约').waitFor();
      await slot.getByText('剩余 4 / 5').waitFor();
      const overflow = await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    // 我的预约 lists it as 已预约 and leads to the card QR.
    let cardToken = '';
    await onFailure(mobile, 'booking-mine', async () => {
      await mobile.goto(`${baseUrl}/me`);
      await mobile.getByRole('link', { name: /我的预约/ }).click();
      await mobile.waitForURL(/\/me\/bookings$/);
      const item = mobile.getByTestId('my-booking-item').filter({ hasText: title });
      await item.getByText('已预约').waitFor();
      expect(await item.innerText()).toContain(DEMO_PLACES.shiwanReadingRoom);
      await item.getByRole('button', { name: '出示会员证签到' }).click();
      await mobile.waitForURL(/\/card$/);
      const qr = mobile.getByTestId('card-qr');
      await qr.waitFor();
      cardToken = (await qr.getAttribute('data-token'))!;
      expect(cardToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    });

    // The staff at the desk check the member in with the card's token, once.
    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    staff.setDefaultTimeout(20_000);
    await onFailure(staff, 'booking-checkin', async () => {
      await staff.getByRole('menuitem', { name: '场所预约' }).click();
      await staff.waitForURL(/\/console\/place-bookings/);
      await staff.goto(`${baseUrl}/console/place-bookings?place=${room!.id}&tab=checkin`);
      const result = staff.getByTestId('booking-checkin-result');
      await result.waitFor();
      const checkIn = async (text: string, want: string) => {
        await staff.getByTestId('booking-checkin-token').fill(text);
        await staff.getByTestId('booking-checkin-submit').click();
        await expect.poll(() => result.getAttribute('data-outcome')).toBe(want);
        return result.innerText();
      };
      const ok = await checkIn(cardToken, 'ok');
      expect(ok).toContain('签到成功');
      expect(ok).toContain('林*约');
      expect(ok).toContain(member.memberNo);
      expect(ok).toContain(title);
      expect(ok).not.toContain('林预约');
      const again = await checkIn(cardToken, 'booking_already_checked_in');
      expect(again).toContain('已签到过');
      // the calendar of the day shows the check-in
      await staff.getByRole('tab', { name: '时段日历' }).click();
      const row = staff.locator('.ant-table-row', { hasText: title });
      await row.waitFor();
      const cells = await row.locator('td').allInnerTexts();
      // 时间 时段 已约/名额 待审批 已签到 未到 操作
      expect(cells.slice(2, 6)).toEqual(['1 / 5', '0', '1', '0']);
    });

    // The phone now says 已签到.
    await mobile.goto(`${baseUrl}/me/bookings`);
    await mobile.getByTestId('my-booking-item').filter({ hasText: title }).getByText('已签到').waitFor();

    await mobile.context().close();
    await staff.context().close();
  }, 180_000);
});
