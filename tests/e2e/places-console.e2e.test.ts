// The register of places in the console: a 石湾 clerk adds a 职工书屋 with its hours and services,
// is warned of a likely duplicate when adding a second one at the same spot (saves it anyway), and
// merges the second into the first from its page; the first then shows the second's photos gone
// with it and no duplicate left. The merge was wrong: 撤销合并 from the first's 合并记录 brings the
// second back. An import with a bad row is refused, and 下载错误清单 gives the file back marked.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, inject, it } from 'vitest';
import { onFailure, phone, tick } from './browser.ts';
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
        await tick(form.getByLabel('图书'));
        await tick(form.getByLabel('Wi-Fi'));
        await tick(form.getByLabel('饮水'));
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

    await onFailure(staff, 'place-unmerge', async () => {
      // the merge was wrong: undone from the kept place's 合并记录, the second is back in the list
      await staff.goto(firstUrl);
      const history = staff.getByTestId('place-merges');
      await history.waitFor();
      expect(await history.textContent()).toContain(`${second} 并入 本阵地`);
      await staff.screenshot({ path: 'tmp/screenshots/places-merge-history-1440.png', fullPage: true });
      await history.getByRole('button', { name: '撤销合并' }).click();
      const modal = staff.locator('.ant-modal', { hasText: '撤销原因' });
      await modal.getByLabel('撤销原因').fill('两处是不同的书屋，误合并');
      await modal.getByRole('button', { name: '确认撤销' }).click();
      await history.getByText('已撤销').waitFor();
      expect(await history.textContent()).toContain('两处是不同的书屋，误合并');
      expect(await history.getByRole('button', { name: '撤销合并' }).count()).toBe(0);
      await staff.goto(`${baseUrl}/console/places`);
      await staff.getByRole('searchbox', { name: '名称或地址' }).fill(stamp);
      await staff.getByRole('searchbox', { name: '名称或地址' }).press('Enter');
      const rows = staff.getByTestId('places').locator('tbody tr', { hasText: stamp });
      await expect.poll(() => rows.count()).toBe(2);
    });

    let file = Buffer.alloc(0);
    await onFailure(staff, 'place-import-errors', async () => {
      // a file with a bad row is refused; its errors come back as the file itself, marked
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('阵地');
      ws.addRow(['名称', '类型', '地址', '所在镇街', '纬度', '经度', '坐标系', '开放时间', '服务项目', '站长', '电话', '可预约']);
      ws.addRow([`导入好的驿站${stamp}`, '爱心驿站', '化州市石湾街道', '', Number(lat) + 0.01, Number(lng), '', '24小时', '饮水', '', '', '']);
      ws.addRow([`导入填反的驿站${stamp}`, '爱心驿站', '化州市石湾街道', '', Number(lng), Number(lat), '', '随时欢迎', '', '', '', '']);
      file = Buffer.from(await wb.xlsx.writeBuffer());
      await staff.goto(`${baseUrl}/console/places/import`);
      await staff.getByRole('combobox', { name: '运营工会' }).fill('石湾街道工会联合会');
      await staff.locator('.ant-select-item-option', { hasText: '石湾街道工会联合会' }).first().click();
      await staff.getByLabel('选择 Excel 文件').setInputFiles({ name: '阵地.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
      await staff.getByRole('button', { name: /检\s*查/ }).click();
      const result = staff.getByTestId('import-result');
      await result.getByText('未写入任何数据').waitFor();
      await staff.screenshot({ path: 'tmp/screenshots/places-import-errors-1440.png', fullPage: true });
      const download = staff.waitForEvent('download');
      await result.getByRole('button', { name: '下载错误清单' }).click();
      const saved = await download;
      expect(saved.suggestedFilename()).toMatch(/^阵地导入错误清单-.*\.xlsx$/);
      const back = new ExcelJS.Workbook();
      await back.xlsx.load(readFileSync(await saved.path()) as unknown as ArrayBuffer);
      const sheet = back.worksheets[0]!;
      expect(((sheet.getRow(1).values as unknown[]) ?? []).slice(1)).toEqual(['名称', '类型', '地址', '所在镇街', '纬度', '经度', '坐标系', '开放时间', '服务项目', '站长', '电话', '可预约', '错误']);
      expect(sheet.getRow(2).getCell(13).value ?? '').toBe('');
      expect(String(sheet.getRow(3).getCell(13).value)).toMatch(/^纬度：.*；开放时间：/);
      expect(sheet.getRow(3).getCell(1).value).toBe(`导入填反的驿站${stamp}`);
    });
    await staff.context().close();

    // the same screens a clerk may open on a phone
    const mobile = await staffLogsIn(suite.browser, baseUrl, 'shiwan', phone);
    await onFailure(mobile, 'place-unmerge-390', async () => {
      await mobile.goto(firstUrl);
      await mobile.getByTestId('place-merges').waitFor();
      await mobile.screenshot({ path: 'tmp/screenshots/places-merge-history-390.png', fullPage: true });
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
    await onFailure(mobile, 'place-import-errors-390', async () => {
      await mobile.goto(`${baseUrl}/console/places/import`);
      await mobile.getByRole('combobox', { name: '运营工会' }).fill('石湾街道工会联合会');
      await mobile.locator('.ant-select-item-option', { hasText: '石湾街道工会联合会' }).first().click();
      await mobile.getByLabel('选择 Excel 文件').setInputFiles({ name: '阵地.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
      await mobile.getByRole('button', { name: /检\s*查/ }).click();
      await mobile.getByTestId('import-result').getByRole('button', { name: '下载错误清单' }).waitFor();
      await mobile.screenshot({ path: 'tmp/screenshots/places-import-errors-390.png', fullPage: true });
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    });
    await mobile.context().close();
  }, 360_000);
});
