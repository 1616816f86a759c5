// Every time a person enters or reads is Beijing time, whatever the browser's zone: with the browser
// on UTC, staff enter an activity for 09:00 in the console's picker; the API holds 01:00Z, the console
// list and detail read 09:00, the member (also on UTC, on the phone) reads 09:00, the sign-up SMS in
// 通知发件箱 says 09:00 under its kind's Chinese name, and a picker's 此刻 is Beijing's now. With the
// browser in New York, a seeded campaign's window and the audit log's times read as Beijing reads them.
import { describe, expect, inject, it } from 'vitest';
import { desktop, onFailure, openPage, phone } from './browser.ts';
import { browserSuite } from './suite.ts';
import { joinAsApprovedMember, randomPhone, staffLogsIn, workerLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');
const DAY = 86_400_000;

/** An instant as Beijing reads it, by the test's own clock-free formatter. */
function beijing(iso: string, parts: 'date' | 'md-hm'): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return parts === 'date' ? `${p.year}-${p.month}-${p.day}` : `${Number(p.month)}月${Number(p.day)}日 ${p.hour}:${p.minute}`;
}

describe('Beijing time in every browser zone', () => {
  const suite = browserSuite(baseUrl);

  it('an activity entered for 09:00 on a UTC browser is 09:00 in the console, on the phone and in the SMS', async () => {
    const mobile = await openPage(suite.browser, phone, 'UTC');
    const tel = randomPhone('139');
    await workerLogsIn(mobile, baseUrl, suite.adminToken, tel);
    const member = await joinAsApprovedMember(mobile, baseUrl, suite.adminToken, '钟北京');

    // a day three weeks on, as Beijing counts days (UTC's date differs from 16:00 to midnight)
    const day = beijing(new Date(Date.now() + 21 * DAY).toISOString(), 'date');
    const title = `北京时间活动 ${Date.now() % 100000}`;
    const staff = await staffLogsIn(suite.browser, baseUrl, 'shenzhen', desktop, 'UTC');
    expect(await staff.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
    await onFailure(staff, 'beijing-publish', async () => {
      await staff.getByRole('menuitem', { name: '发布活动' }).click();
      await staff.waitForURL(/\/console\/activities\/new$/);
      // the activity's time first (Enter in a picker submits a complete form), typed as a person types,
      // the end first: the picker keeps start before end, and the form's default start is a week earlier
      for (const [placeholder, clock] of [['活动结束', '11:00'], ['活动开始', '09:00']] as const) {
        await staff.getByPlaceholder(placeholder, { exact: true }).click();
        await staff.keyboard.press('Control+A');
        await staff.keyboard.type(`${day} ${clock}`);
        await staff.keyboard.press('Enter');
      }
      await staff.getByLabel('活动名称').fill(title);
      const org = staff.getByRole('combobox', { name: '发布单位' });
      await org.fill(member.orgName.slice(0, 8));
      await staff.locator('.ant-select-item-option', { hasText: member.orgName }).first().click();
      await staff.getByLabel('名额', { exact: true }).fill('10');
      await staff.getByLabel('活动地点').fill('南山区南山街道骑手驿站');
      // the picker shows what was typed, on Beijing's clock: 09:00 to 11:00
      expect(await staff.getByPlaceholder('活动开始', { exact: true }).inputValue()).toBe(`${day} 09:00`);
      expect(await staff.getByPlaceholder('活动结束', { exact: true }).inputValue()).toBe(`${day} 11:00`);
      await staff.getByRole('button', { name: '发布活动' }).last().click();
      await staff.waitForURL(/\/console\/activities\/\d+$/);
      await staff.getByTestId('activity-title').filter({ hasText: title }).waitFor();
    });
    const activityId = Number(/\/activities\/(\d+)$/.exec(staff.url())![1]);
    const saved = (await (await staff.request.get(`${baseUrl}/api/activities/${activityId}`)).json()) as { startsAt: string; endsAt: string };
    // 09:00 in Beijing is 01:00 UTC
    expect(saved.startsAt).toBe(new Date(`${day}T09:00:00+08:00`).toISOString());
    expect(saved.endsAt).toBe(new Date(`${day}T11:00:00+08:00`).toISOString());
    const when = beijing(saved.startsAt, 'md-hm');
    expect(when).toMatch(/ 09:00$/);

    // the console's detail and list
    await staff.getByRole('tab', { name: '活动信息' }).click();
    await staff.getByText(`${when}–11:00`).first().waitFor();
    await staff.getByRole('menuitem', { name: '普惠活动' }).click();
    await staff.waitForURL(/\/console\/activities$/);
    const row = staff.locator('tr', { hasText: title });
    await row.getByText(when).waitFor();

    // the member's phone, on UTC too
    await onFailure(mobile, 'beijing-member', async () => {
      await mobile.goto(`${baseUrl}/activities/${activityId}`);
      await mobile.getByTestId('activity-title').filter({ hasText: title }).waitFor();
      const shown = await mobile.locator('body').innerText();
      expect(shown).toMatch(new RegExp(`${when.split(' ')[0]}（周.）09:00–11:00`));
      expect(shown).not.toContain('01:00');
      await mobile.getByTestId('signup-button').click();
      await mobile.getByTestId('signup-outcome').getByText('报名成功').waitFor();
    });

    // the sign-up SMS in the outbox: its time and its kind, in Chinese
    await onFailure(staff, 'beijing-outbox', async () => {
      await staff.goto(`${baseUrl}/console/outbox`);
      await staff.getByLabel('按手机号筛选').fill(tel);
      await staff.getByLabel('按手机号筛选').press('Enter');
      const sms = staff.locator('tr', { hasText: title });
      await sms.waitFor();
      const cells = await sms.locator('td').allTextContents();
      expect(cells.join('|')).toContain(`时间：${when}`);
      expect(cells).toContain('活动报名结果通知');
      expect(cells.join('|')).not.toContain('activity_signup');
    });

    // the pickers' own "now" (此刻) is Beijing's too
    await onFailure(staff, 'beijing-now', async () => {
      await staff.goto(`${baseUrl}/console/activities/new`);
      await staff.getByPlaceholder('默认：活动开始时').click();
      await staff.locator('.ant-picker-dropdown:visible').getByText('此刻').click();
      const picked = await staff.getByPlaceholder('默认：活动开始时').inputValue();
      const asBeijing = new Date(`${picked.replace(' ', 'T')}:00+08:00`).getTime();
      expect(Math.abs(asBeijing - Date.now())).toBeLessThan(3 * 60_000);
    });
    await staff.context().close();
    await mobile.context().close();
  });

  it('a browser in New York reads seeded times and the audit log as Beijing does', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou', desktop, 'America/New_York');
    expect(await staff.evaluate(() => new Date().getTimezoneOffset())).toBeGreaterThanOrEqual(240);
    const list = (await (await staff.request.get(`${baseUrl}/api/campaigns?pageSize=50`)).json()) as { items: { id: number; title: string; applyOpensAt: string; applyClosesAt: string }[] };
    const c = list.items.find((x) => x.title.includes('金秋助学'))!;
    expect(c).toBeDefined();
    await onFailure(staff, 'beijing-newyork', async () => {
      await staff.goto(`${baseUrl}/console/campaigns/${c.id}`);
      const header = staff.getByText(/^.*发布 · 申请 /).first();
      await header.waitFor();
      const said = await header.innerText();
      expect(said).toContain(beijing(c.applyOpensAt, 'md-hm'));
      expect(said).toContain(beijing(c.applyClosesAt, 'md-hm'));

      await staff.goto(`${baseUrl}/console/audit`);
      const first = staff.locator('.ant-table-row').first();
      await first.waitFor();
      const audit = (await (await staff.request.get(`${baseUrl}/api/audit?pageSize=1`)).json()) as { items: { at: string }[] };
      const at = audit.items[0]!.at;
      // the sentence: huazhou 于 2026-12-06 22:11 登录了管理后台
      const text = await first.innerText();
      expect(text).toContain(`于 ${beijing(at, 'date')} ${beijing(at, 'md-hm').split(' ')[1]}`);
      expect(text).toMatch(/^\S+ 于 \d{4}-\d\d-\d\d \d\d:\d\d [^{}"]+$/m);
    });
    await staff.context().close();
  });
});
