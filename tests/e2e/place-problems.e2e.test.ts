// A worker's problem report on a place, end to end: a courier on the phone (390×844) in 揭阳 opens the
// report page of the demo's 莲花社区工会爱心驿站, reports "没有水" with a photo and finds it under 我的报告
// (处理中); the staff of the union that runs it (1440×900) see it on 工作台, open it (the photo shown,
// the phone masked, 查看完整号码 with a reason to call back) and resolve it with a note; the station no
// longer says 有人报告, and the courier's 我的报告 (reached from 我的) shows the union's note.
import { mkdirSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { openPage, onFailure, phone } from './browser.ts';
import { DEMO_PLACES } from '../../server/db/seed/demo-keys.ts';
import { findOrgId, makeStaff, randomPhone, staffLogsInWith, workerLogsIn } from './people.ts';
import { PHOTO_JPEG } from './rights-screens.ts';
import { browserSuite } from './suite.ts';

const baseUrl = inject('baseUrl');

describe('阵地问题: reported on the phone, resolved on the 工作台', () => {
  const suite = browserSuite(baseUrl);

  it('a courier reports 没有水 with a photo at 莲花社区工会爱心驿站; the running union resolves it', async () => {
    mkdirSync('tmp/screenshots', { recursive: true });
    const mobile = await openPage(suite.browser, phone);
    const tel = randomPhone('135');
    await workerLogsIn(mobile, baseUrl, suite.adminToken, tel);

    // the station, as the nearest-places list finds it near its own door
    const near = await mobile.request.get(`${baseUrl}/api/me/places/nearby`, { params: { lat: '23.5436', lng: '116.378', kind: 'station', limit: '5' } });
    const station = ((await near.json()) as { places: { id: number; name: string }[] }).places.find((p) => p.name === DEMO_PLACES.lianhua);
    expect(station, 'the demo station in 揭阳').toBeDefined();
    const placeId = station!.id;

    const report = await onFailure(mobile, 'place-report', async () => {
      await mobile.goto(`${baseUrl}/places/${placeId}/report`);
      await mobile.getByText(DEMO_PLACES.lianhua).first().waitFor();
      await mobile.screenshot({ path: 'tmp/screenshots/place-report-390.png', fullPage: true });
      await mobile.getByText('没有水', { exact: true }).click();
      await mobile.getByPlaceholder(/饮水机没有水/).fill('饮水机没有水了，桶装水也用完了，中午很多外卖骑手来接水。');
      await mobile.getByLabel('拍照或选择照片').setInputFiles({ name: '饮水机.jpg', mimeType: 'image/jpeg', buffer: PHOTO_JPEG });
      await mobile.getByTestId('picked-photo').waitFor();
      await mobile.getByRole('button', { name: '提交报告' }).click();
      const done = mobile.getByTestId('report-done');
      await done.waitFor();
      expect(await done.textContent()).toContain('已提交');
      expect(await done.textContent()).toContain('没有水');
      await mobile.screenshot({ path: 'tmp/screenshots/place-report-done-390.png', fullPage: true });
      await mobile.getByRole('button', { name: '查看我的报告' }).click();
      await mobile.waitForURL(/\/me\/place-problems$/);
      const mine = mobile.getByTestId('my-report').first();
      await mine.waitFor();
      expect(await mine.getAttribute('data-state')).toBe('open');
      expect(await mine.textContent()).toContain(DEMO_PLACES.lianhua);
      expect(await mine.textContent()).toContain('处理中');
      const info = (await (await mobile.request.get(`${baseUrl}/api/me/places/${placeId}/report`)).json()) as { orgName: string; problemLatest: string | null; myOpenKinds: string[] };
      expect(info.problemLatest).toBe('没有水');
      expect(info.myOpenKinds).toEqual(['noWater']);
      return info;
    });

    // the staff of the union that runs the station (an account made for it by the province admin)
    const apiContext = await suite.browser.newContext();
    const orgId = await findOrgId(apiContext.request, baseUrl, suite.adminToken, report.orgName);
    const username = `pp_e2e_${Date.now().toString(36)}`;
    await makeStaff(apiContext.request, baseUrl, suite.adminToken, { orgId, username, displayName: '阵地经办人', roles: ['clerk'], password: 'Zhendi-e2e-2026' });
    await apiContext.close();
    const staffPage = await staffLogsInWith(suite.browser, baseUrl, username, 'Zhendi-e2e-2026');

    await onFailure(staffPage, 'place-problem-resolve', async () => {
      const tile = staffPage.getByTestId('todo-place-problems');
      await expect.poll(async () => Number((await tile.locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(1);
      const row = staffPage.getByTestId('place-problem-list').getByText(`${DEMO_PLACES.lianhua}：没有水`);
      await row.waitFor();
      await staffPage.screenshot({ path: 'tmp/screenshots/place-problem-workbench-1440.png', fullPage: true });
      await row.click();
      await staffPage.waitForURL(/\/console\/place-problems\/\d+$/);
      await staffPage.getByText('饮水机没有水了').waitFor();
      await staffPage.getByTestId('problem-photo').waitFor();
      expect(await staffPage.getByText(tel).count()).toBe(0);
      expect(await staffPage.getByText(`${tel.slice(0, 3)}****${tel.slice(-4)}`).count()).toBe(1);
      await staffPage.screenshot({ path: 'tmp/screenshots/place-problem-detail-1440.png', fullPage: true });
      // calling the courier back: the whole number after a reason
      await staffPage.getByTestId('reveal-reporter').click();
      await staffPage.getByLabel('查看原因').fill('回电核实饮水机情况');
      await staffPage.getByRole('button', { name: '确认查看' }).click();
      await staffPage.getByTestId('reporter-phone-full').waitFor();
      expect(await staffPage.getByTestId('reporter-phone-full').textContent()).toBe(tel);
      await staffPage.screenshot({ path: 'tmp/screenshots/place-problem-reveal-1440.png' });
      await staffPage.getByRole('button', { name: /^关\s*闭$/ }).click();
      await staffPage.getByTestId('reporter-phone-full').waitFor({ state: 'detached' });
      await staffPage.getByTestId('resolve-problem').click();
      await staffPage.getByLabel('处理情况').fill('已联系社区补充桶装水，下午两点前送到。');
      await staffPage.getByRole('button', { name: '确认已处理' }).click();
      await staffPage.getByTestId('resolution-note').waitFor();
      expect(await staffPage.getByTestId('resolution-note').textContent()).toContain('补充桶装水');
      await staffPage.screenshot({ path: 'tmp/screenshots/place-problem-resolved-1440.png', fullPage: true });
    });

    // the station's flag is gone, and the courier has their answer
    const after = (await (await mobile.request.get(`${baseUrl}/api/me/places/${placeId}/report`)).json()) as { problemLatest: string | null; myOpenKinds: string[] };
    expect(after.myOpenKinds).toEqual([]);
    expect(after.problemLatest).toBeNull();
    await onFailure(mobile, 'my-place-reports', async () => {
      await mobile.goto(`${baseUrl}/me`);
      await mobile.getByRole('link', { name: /我的报告/ }).click();
      await mobile.waitForURL(/\/me\/place-problems$/);
      const mine = mobile.getByTestId('my-report').first();
      await mine.waitFor();
      expect(await mine.getAttribute('data-state')).toBe('resolved');
      expect(await mine.getByTestId('my-report-resolution').textContent()).toContain('已联系社区补充桶装水，下午两点前送到。');
      await mobile.screenshot({ path: 'tmp/screenshots/my-place-reports-390.png', fullPage: true });
      await mobile.setViewportSize({ width: 1440, height: 900 });
      await mobile.screenshot({ path: 'tmp/screenshots/my-place-reports-1440.png', fullPage: true });
    });

    // the console's list of problems on a phone
    await onFailure(staffPage, 'place-problems-390', async () => {
      await staffPage.setViewportSize({ width: 390, height: 844 });
      await staffPage.goto(`${baseUrl}/console/place-problems?state=all`);
      await staffPage.getByTestId('place-problem-table').getByText(DEMO_PLACES.lianhua).first().waitFor();
      await staffPage.screenshot({ path: 'tmp/screenshots/place-problems-list-390.png', fullPage: true });
      await staffPage.goto(`${baseUrl}/console/place-problems`);
      await staffPage.getByText('阵地问题', { exact: true }).first().waitFor();
    });
    await staffPage.context().close();
    // closing the contexts runs the axe sweep over every page visited
    await mobile.context().close();
  }, 300_000);
});
