// The legal registers end to end: a staff member registers a legal-aid lawyer in the console, finds
// them in the list by firm, and sees the phone masked everywhere until revealed with a reason; then
// registers a labour-law supervisor and opens the sample 提示函 of the supervisor's union, a PDF that
// carries the union's name, the employer and the supervisor in Chinese text.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, inject, it } from 'vitest';
import { onFailure, tick } from './browser.ts';
import { browserSuite } from './suite.ts';
import { staffLogsIn } from './people.ts';

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-8);

describe('legal registers', () => {
  const suite = browserSuite(baseUrl);

  it('a staff member adds a lawyer, finds them in the list with the phone masked, and reveals it with a reason', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    const firm = `化州正平${stamp}律师事务所`;
    await onFailure(staff, 'lawyer-add', async () => {
      await staff.goto(`${baseUrl}/console/legal/lawyers`);
      await staff.getByRole('button', { name: '登记律师' }).click();
      const form = staff.locator('.ant-modal');
      const picker = form.getByRole('combobox', { name: '登记单位' });
      await picker.fill('化州市总工会');
      await staff.locator('.ant-select-item-option', { hasText: '化州市总工会' }).first().click();
      await form.getByLabel('姓名').fill('欧阳正');
      await form.getByLabel('律师事务所').fill(firm);
      await form.getByLabel('律师执业证号').fill(`144092019${stamp}`);
      await form.getByLabel('手机号').fill('13912345678');
      await tick(form.getByLabel('欠薪'));
      await tick(form.getByLabel('工伤'));
      await staff.screenshot({ path: 'tmp/screenshots/legal-lawyer-form-1440.png' });
      await staff.locator('.ant-modal-footer').getByRole('button', { name: /登\s*记/ }).click();
      await staff.waitForURL(/\/console\/legal\/lawyers\/\d+$/);
      await expect.poll(() => staff.getByTestId('lawyer-phone').textContent()).toBe('139****5678');
    });
    await onFailure(staff, 'lawyer-list', async () => {
      await staff.goto(`${baseUrl}/console/legal/lawyers`);
      await staff.getByRole('searchbox', { name: '姓名、律所或执业证号' }).fill(firm);
      await staff.getByRole('searchbox', { name: '姓名、律所或执业证号' }).press('Enter');
      const row = staff.getByTestId('lawyers').locator('tr', { hasText: firm });
      await row.waitFor();
      await expect.poll(() => row.textContent()).toContain('139****5678');
      expect(await staff.content()).not.toContain('13912345678');
      await staff.screenshot({ path: 'tmp/screenshots/legal-lawyers-1440.png' });
      await row.getByRole('button', { name: '欧阳正' }).click();
      await staff.getByRole('button', { name: '查看完整号码' }).click();
      await staff.getByLabel('查看原因').fill('联系律师承办欠薪案件');
      await staff.getByRole('button', { name: '确认查看' }).click();
      await staff.locator('.ant-modal').getByText('13912345678').waitFor();
      await staff.screenshot({ path: 'tmp/screenshots/legal-lawyer-detail-1440.png' });
    });
    await staff.context().close();
  });

  it('a staff member adds a supervisor and opens the sample 提示函: a PDF with Chinese text', async () => {
    const staff = await staffLogsIn(suite.browser, baseUrl, 'huazhou');
    const certificate = `HZ-${stamp}`;
    await onFailure(staff, 'supervisor-add', async () => {
      await staff.goto(`${baseUrl}/console/legal/supervisors`);
      await staff.getByRole('button', { name: '登记监督员' }).click();
      const form = staff.locator('.ant-modal');
      await form.getByRole('combobox', { name: '所属工会' }).fill('化州市总工会');
      await staff.locator('.ant-select-item-option', { hasText: '化州市总工会' }).first().click();
      await form.getByLabel('姓名').fill('诸葛监');
      await form.getByLabel('《工会劳动法律监督员证》编号').fill(certificate);
      await form.getByRole('textbox', { name: '培训日期' }).fill('2026-08-16');
      await form.getByRole('textbox', { name: '培训日期' }).press('Enter');
      await form.getByRole('textbox', { name: '有效期至' }).fill('2029-08-15');
      await form.getByRole('textbox', { name: '有效期至' }).press('Enter');
      await staff.locator('.ant-modal-footer').getByRole('button', { name: /登\s*记/ }).click();
      await staff.locator('.ant-modal').waitFor({ state: 'hidden' });
      await staff.getByTestId('supervisors').locator('tr', { hasText: certificate }).waitFor();
      await staff.screenshot({ path: 'tmp/screenshots/legal-supervisors-1440.png' });
    });
    const pdfUrl = await onFailure(staff, 'supervisor-letter', async () => {
      const row = staff.getByTestId('supervisors').locator('tr', { hasText: certificate });
      await row.getByRole('button', { name: '提示函样稿' }).click();
      await staff.getByLabel('用人单位名称').fill('化州市鸿运五金制品有限公司');
      const opened = staff.context().waitForEvent('page');
      await staff.getByRole('button', { name: '生成 PDF' }).click();
      const tab = await opened;
      return tab.url();
    });
    const res = await staff.request.get(pdfUrl);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    const doc = await getDocument({ data: new Uint8Array(await res.body()) }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    for (const part of ['化州市总工会', '化州市鸿运五金制品有限公司：', '诸葛监', certificate, '劳动法律监督提示函']) expect(text).toContain(part);
    await staff.context().close();
  });
});
