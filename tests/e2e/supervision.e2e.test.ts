// 一函两书 end to end: a staff member of 从化区总工会 (where the first certified supervisors are) opens a
// labour-law supervision case in the console, issues the 提示函, opens its PDF — fetched in the page,
// a PDF whose text holds the union's name and 提示函 in Chinese — records its delivery, and the case
// shows the written reply's deadline.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, inject, it } from 'vitest';
import { onFailure, pickOption } from './browser.ts';
import { browserSuite } from './suite.ts';
import { findOrgId, makeStaff, staffLogsInWith } from './people.ts';

const baseUrl = inject('baseUrl');
const stamp = String(Date.now()).slice(-8);
const PASSWORD = 'Conghua-supervise-2026';

describe('一函两书', () => {
  const suite = browserSuite(baseUrl);

  it('a 从化 supervisor opens a case, issues a 提示函, opens its PDF and records delivery; the reply deadline shows', async () => {
    const ctx = await suite.browser.newContext();
    const conghua = await findOrgId(ctx.request, baseUrl, suite.adminToken, '从化区总工会');
    const username = `conghua${stamp}`;
    await makeStaff(ctx.request, baseUrl, suite.adminToken, { orgId: conghua, username, displayName: '从化区总工会法律工作部', roles: ['admin', 'clerk'], password: PASSWORD });
    await ctx.close();
    const staff = await staffLogsInWith(suite.browser, baseUrl, username, PASSWORD);
    const employer = `广州市从化区鸿运${stamp}五金制品有限公司`;

    await onFailure(staff, 'supervision-open', async () => {
      await staff.getByRole('menuitem', { name: '一函两书' }).click();
      await staff.waitForURL(/\/console\/supervision$/);
      await staff.getByTestId('supervision-figures').getByText('新建案件').waitFor();
      await staff.screenshot({ path: 'tmp/screenshots/supervision-list-1440.png' });
      await staff.getByRole('button', { name: '新建案件' }).click();
      const form = staff.locator('.ant-modal');
      await form.getByLabel('用人单位名称').fill(employer);
      await form.getByRole('combobox', { name: '用人单位所在镇街' }).fill('从化区总工会');
      await staff.locator('.ant-select-item-option', { hasText: '从化区总工会' }).first().click();
      await form.getByLabel('用人单位地址').fill('广州市从化区太平镇工业大道 18 号');
      const provisions = form.getByRole('combobox', { name: '违反的法律条款' });
      await provisions.fill('《劳动合同法》第三十条');
      await provisions.press('Enter');
      await form.getByLabel('发现的问题').fill('拖欠 12 名职工 9 月至 10 月工资共计 18 万元');
      await form.getByLabel('涉及职工人数').fill('12');
      await pickOption(staff, form.getByRole('combobox', { name: '承办监督员' }));
      await staff.keyboard.press('Escape');
      await staff.screenshot({ path: 'tmp/screenshots/supervision-new-1440.png' });
      await staff.locator('.ant-modal-footer').getByRole('button', { name: /新\s*建/ }).click();
      await staff.waitForURL(/\/console\/supervision\/\d+$/);
      await expect.poll(() => staff.getByTestId('case-employer').textContent()).toBe(employer);
    });

    await onFailure(staff, 'supervision-issue', async () => {
      await staff.getByRole('button', { name: '发出提示函' }).first().click();
      await staff.locator('.ant-modal-footer').getByRole('button', { name: '发出并生成 PDF' }).click();
      await staff.getByTestId('letter-notice').waitFor();
      await expect.poll(() => staff.getByTestId('letter-notice').textContent()).toMatch(/〔\d{4}〕从工监提字第\d+号/);
    });

    const href = await staff.getByTestId('letter-notice').getByRole('link', { name: /打开 PDF/ }).getAttribute('href');
    expect(href).toMatch(/^\/api\/supervision\/cases\/\d+\/letters\/\d+\/pdf$/);
    const fetched = await staff.evaluate(async (url) => {
      const res = await fetch(url, { credentials: 'same-origin' });
      return { status: res.status, type: res.headers.get('content-type'), bytes: Array.from(new Uint8Array(await res.arrayBuffer())) };
    }, href!);
    expect(fetched.status).toBe(200);
    expect(fetched.type).toBe('application/pdf');
    const data = new Uint8Array(fetched.bytes);
    expect(new TextDecoder().decode(data.slice(0, 5))).toBe('%PDF-');
    const doc = await getDocument({ data }).promise;
    const text = (await (await doc.getPage(1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    await doc.destroy();
    for (const part of ['从化区总工会', '工会劳动法律监督提示函', `${employer}：`, '《劳动合同法》第三十条']) expect(text).toContain(part);

    await onFailure(staff, 'supervision-deliver', async () => {
      await staff.getByTestId('letter-notice').getByRole('button', { name: '记录送达' }).click();
      const form = staff.locator('.ant-modal');
      await form.getByLabel('签收人').fill('人事行政部 李经理');
      await staff.locator('.ant-modal-footer').getByRole('button', { name: /保\s*存/ }).click();
      await staff.locator('.ant-modal').waitFor({ state: 'hidden' });
      const due = staff.getByTestId('letter-notice').getByTestId('reply-due');
      await expect.poll(() => due.textContent()).toMatch(/\d{4}年\d{1,2}月\d{1,2}日剩 15 个工作日/);
      await expect.poll(() => staff.getByTestId('letter-notice').textContent()).toContain('直接送达，签收人 人事行政部 李经理');
      await staff.screenshot({ path: 'tmp/screenshots/supervision-case-1440.png', fullPage: true });
    });

    // the list shows the case with its deadline
    await staff.getByRole('button', { name: '返回一函两书' }).first().click();
    const row = staff.getByTestId('supervision-cases').locator('tr', { hasText: employer });
    await row.waitFor();
    await expect.poll(() => row.textContent()).toContain('已发提示函');
    await staff.context().close();
  }, 300_000);
});
