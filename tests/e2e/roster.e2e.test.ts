// 名册导入 in the console as the 化州 clerk does it: pick 石湾's federation, drop a roster with one
// bad row, watch the progress, read the result, download the error workbook and an export.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { makeRosterXlsx, rosterPerson, rosterRows, workbookCells } from '../helpers/rosters.ts';
import { launchBrowser } from './browser.ts';
import { DEMO_ORGS, staffLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');
const shots = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

describe('名册导入', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
    mkdirSync(shots, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('imports a roster into a union picked by name, shows the result and gives back the bad row', async () => {
    const page = await staffLogsIn(browser, baseUrl, 'huazhou');
    await page.getByRole('menuitem', { name: '名册导入' }).click();
    await page.waitForURL(/\/console\/rosters/);

    const picker = page.getByRole('combobox', { name: '导入到的工会' });
    await picker.click();
    await picker.fill('石湾街道');
    await page.locator('.ant-select-item-option').filter({ hasText: DEMO_ORGS.shiwan }).first().click();

    const bad = rosterPerson(70_000);
    const file = await makeRosterXlsx([...rosterRows(70_001, 12), ['李4', bad.idNumber, bad.phone, bad.employer]]);
    await page.locator('.roster-drop input[type=file]').setInputFiles({ name: '石湾名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });

    await page.getByText('新入会').waitFor({ timeout: 30_000 });
    const result = page.locator('.roster-result');
    await expect.poll(async () => (await result.locator('.ant-statistic-content-value').allInnerTexts()).join(' ')).toBe('12 0 0 1');
    await page.screenshot({ path: join(shots, 'console-rosters.png'), fullPage: true });

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /下载错误明细/ }).click();
    const saved = await download;
    expect(saved.suggestedFilename()).toMatch(/^名册错误明细-\d+\.xlsx$/);
    const stream = await saved.createReadStream();
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    const [sheet] = await workbookCells(Buffer.concat(chunks));
    expect(sheet!.rows[1]!.slice(0, 2)).toEqual(['李4', bad.idNumber]);

    const exported = page.waitForEvent('download');
    await page.getByRole('button', { name: /导\s*出/ }).click();
    expect((await exported).suggestedFilename()).toMatch(new RegExp(`^会员名册-${DEMO_ORGS.shiwan}-\\d{8}\\.xlsx$`));
    await page.getByRole('cell', { name: '石湾名册.xlsx' }).waitFor();
    await page.context().close();
  });
});
