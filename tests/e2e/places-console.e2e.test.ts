// The register of places in the console: a 石湾 clerk adds a 职工书屋 with its hours and services,
// is warned of a likely duplicate when adding a second one at the same spot (saves it anyway), and
// merges the second into the first from its page; the first then shows the second's photos gone
// with it and no duplicate left.
import { describe, expect, inject, it } from 'vitest';
import { onFailure } from './browser.ts';
import { browserSuite } from './suite.ts';
import { staffLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-6);
// a spot of its own for this run (so runs never warn of each other's places)
const lat = (21.5 + (Number(stamp) % 900) / 10000).toFixed(6);
const lng = (110.5 + (Number(stamp) % 700) / 10000).toFixed(6);

describe('places console', () => {
  const suite = browserSuite(baseUrl);

  it('a 石湾 clerk adds a reading room with hours and services, is warned of a duplicate, and merges it', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'shiwan');
    const first = `石湾职工书屋${stamp}`;
    const second = `石湾文化站书屋${stamp}`;

    async function addPlace(name: string, position: { lat: string; lng: string }, opts: { hours: boolean }) {
      await staff.goto(`${baseUrl}/console/places`);
      await staff.getByRole('button', { name: '登记阵地' }).click();
      const form = staff.locator('.ant-modal');
      await form.getByRole('combobox', { name: '运营工会' }).fill('石湾街道工会联合会');
      await staff.locator('.ant-select-item-option', { hasText: '石湾街道工会联合会' }).first().click();
      await form.getByRole('combobox', { name: '类型' }).click();
      await staff.locator('.ant-select-item-option', { hasText: '职工书屋' }).click();
      await form.getByLabel('名称').fill(name);
      await form.getByLabel('地址').fill('化州市石湾街道文化站二楼');
      await form.getByLabel('纬度').fill(position.lat);
      await form.getByLabel('经度').fill(position.lng);
      if (opts.hours) {
        // 工作日 9-18, then Saturday morning too, and closed on public holidays
        await form.getByRole('button', { name: '工作日 9-18' }).click();
        await form.getByRole('button', { name: '周六添加时段' }).click();
        await form.getByLabel('周六关门时间').fill('12:00');
        await form.getByLabel('图书').check();
        await form.getByLabel('Wi-Fi').check();
        await form.getByLabel('饮水').check();
      }
      await form.getByLabel('站长', { exact: true }).fill('李站长');
      await form.getByLabel('站长电话').fill('13800138000');
    }

    await onFailure(staff, 'place-add', async () => {
      await addPlace(first, { lat, lng }, { hours: true });
      await staff.screenshot({ path: 'tmp/screenshots/places-form-1440.png' });
      await staff.locator('.ant-modal-footer').getByRole('button', { name: /登\s*记/ }).click();
      await staff.waitForURL(/\/console\/places\/\d+$/);
      await staff.getByTestId('place-name').getByText(first).waitFor();
      await expect.poll(() => staff.getByTestId('keeper-phone').textContent()).toBe('138****8000');
      const hours = await staff.getByTestId('place-hours').textContent();
      expect(hours).toContain('周一09:00–18:00');
      expect(hours).toContain('周六09:00–12:00');
      expect(hours).toContain('周日闭馆');
      expect(hours).toContain('法定节假日闭馆');
      expect(await staff.content()).not.toContain('13800138000');
      await staff.screenshot({ path: 'tmp/screenshots/places-detail-1440.png', fullPage: true });
    });
    const firstUrl = staff.url();

    await onFailure(staff, 'place-duplicate', async () => {
      // ~20 m north of the first
      await addPlace(second, { lat: (Number(lat) + 0.00018).toFixed(6), lng }, { hours: false });
      await staff.locator('.ant-modal-footer').getByRole('button', { name: /登\s*记/ }).click();
      const warning = staff.getByTestId('duplicate-warning');
      await warning.waitFor();
      expect(await warning.textContent()).toMatch(new RegExp(`可能重复：${first}（职工书屋，相距 (19|20|21) 米）`));
      await staff.screenshot({ path: 'tmp/screenshots/places-duplicate-warning-1440.png' });
      await staff.locator('.ant-modal-footer').getByRole('button', { name: '仍然保存' }).click();
      await staff.waitForURL((u) => /\/console\/places\/\d+$/.test(u.pathname) && u.href !== firstUrl);
      await staff.getByTestId('place-name').getByText(second).waitFor();
    });

    await onFailure(staff, 'place-merge', async () => {
      const dup = staff.getByTestId('place-duplicates');
      await dup.waitFor();
      expect(await dup.textContent()).toContain(first);
      await dup.getByRole('button', { name: `并入“${first}”` }).click();
      await staff.locator('.ant-modal').getByText(`并入：${first}`).waitFor();
      await staff.getByRole('button', { name: '确认合并' }).click();
      await staff.getByText('本阵地已并入').waitFor();
      await staff.screenshot({ path: 'tmp/screenshots/places-merged-1440.png' });
      await staff.goto(firstUrl);
      await staff.getByTestId('place-name').getByText(first).waitFor();
      expect(await staff.getByTestId('place-duplicates').count()).toBe(0);
      // the list shows the kept one only
      await staff.goto(`${baseUrl}/console/places`);
      await staff.getByRole('searchbox', { name: '名称或地址' }).fill(stamp);
      await staff.getByRole('searchbox', { name: '名称或地址' }).press('Enter');
      const rows = staff.getByTestId('places').locator('tbody tr', { hasText: stamp });
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().textContent()).toContain(first);
      await staff.screenshot({ path: 'tmp/screenshots/places-list-1440.png' });
    });
    await staff.context().close();
  }, 240_000);
});
