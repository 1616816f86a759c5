// A payout by bank transfer (点对点发放, 银行转账) end to end: a new rider joins by SMS and records a
// bank card on the phone's 银行卡 page (shown masked); 深圳's staff publish a 金秋助学 paid in yuan by
// bank with a second-approval threshold below the award, the member applies, the city approves, the
// notice ends (moved into the past through the server's database handle) — set-up through the API;
// then in the console's 发放管理 one staff member runs the payout and cannot approve it, a second
// approves it; the maker generates the payment file and downloads it (an xlsx holding the full
// account, by design — the screen shows only the mask); the bank's return file marks the line failed,
// 重新发放 makes a new reference, the second file's return marks it paid (已到账), and the first file
// answered again as paid is refused whole; the member sees 已到账 with the amount in yuan and the
// masked card in 我的发放. The database holds at most one live attempt at every step and exactly one
// succeeded at the end. Unions and people are found by querying, never by generated demo names.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PAYMENT_FILE_HEADERS } from '../../contracts/payouts.ts';
import { buildReturnFile } from '../../server/modules/payouts/gateway.ts';
import { confirmWith, launchBrowser, onFailure, openPage, phone } from './browser.ts';
import { startCampaignServer, type CampaignServer } from './campaigns-server.ts';
import { DEMO_ORGS, findOrgId, joinAsApprovedMember, makeStaff, randomPhone, staffLogsIn, staffLogsInWith, staffToken, workerLogsIn } from './people.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CHECKER_PASSWORD = 'Finance-check-2026';
const CITY = DEMO_ORGS.shenzhen;

/** A UnionPay debit card number (62…, 19 digits) whose last digit is the Luhn check digit, different each run. */
function demoCardNumber(): string {
  const body = `622202${String(Math.floor(Math.random() * 1e12)).padStart(12, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** The first sheet of a workbook as rows of text. */
async function sheetRows(content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push(((row.values as unknown[]) ?? []).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return rows;
}

async function downloaded(d: Download): Promise<Buffer> {
  const path = await d.path();
  return readFileSync(path);
}

describe('bank payouts', () => {
  let server: CampaignServer;
  let browser: Browser;
  let base: string;
  let adminToken: string;
  let cityToken: string;

  beforeAll(async () => {
    server = await startCampaignServer();
    base = server.baseUrl;
    browser = await launchBrowser();
    // one context each: a log-in from a browser holding a session ends that session
    for (const [username, keep] of [['admin', (t: string) => (adminToken = t)], ['shenzhen', (t: string) => (cityToken = t)]] as const) {
      const ctx = await browser.newContext();
      keep(await staffToken(ctx.request, base, username));
      await ctx.close();
    }
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a rider records a bank card; one staff member runs the payout, a second approves it; the payment file goes to the bank; a failed line is paid once on the retry; the member sees it arrive', async () => {
    const db = server.db;
    const card = demoCardNumber();
    const masked = `${card.slice(0, 4)}****${card.slice(-4)}`;
    const grouped = card.replace(/(\d{4})(?=\d)/g, '$1 ');
    const bankName = '中国工商银行深圳南山支行';

    // A worker logs in by SMS and becomes a member (a 美团 rider; the union is whatever routing gives).
    const mobile = await openPage(browser, phone);
    await workerLogsIn(mobile, base, adminToken, randomPhone('137'));
    const member = await joinAsApprovedMember(mobile, base, adminToken, '梁志远');

    // 我的 → 银行卡: the card is recorded and shown masked only.
    await onFailure(mobile, 'bank-card', async () => {
      await mobile.goto(`${base}/me`);
      await mobile.getByRole('link', { name: /^银行卡/ }).click();
      await mobile.waitForURL(/\/me\/bank-account$/);
      await mobile.getByTestId('bank-account-form').getByText('登记收款银行卡').waitFor();
      await mobile.getByRole('textbox', { name: '开户行' }).fill(bankName);
      await mobile.getByRole('textbox', { name: '银行卡号' }).fill(card);
      await mobile.getByRole('button', { name: '保存' }).click();
      // the confirmation shows the number as typed, grouped, for the member to check
      await mobile.locator('.adm-dialog').getByText(grouped).waitFor();
      await mobile.getByRole('button', { name: '确认保存' }).click();
      const saved = mobile.getByTestId('bank-account');
      await saved.getByText(masked).waitFor();
      expect(await saved.innerText()).toContain(bankName);
      await mobile.getByRole('button', { name: '更换银行卡' }).waitFor();
      await mobile.locator('.adm-dialog').waitFor({ state: 'detached' });
      const shown = await mobile.locator('body').innerText();
      expect(shown).not.toContain(card);
      expect(shown).not.toContain(grouped);
    });

    // Set-up through the API: 深圳 publishes a campaign in yuan, paid by bank, 1,500.00 元 each, a
    // second person approving any payout above 1,000.00 元; one review level, the city itself.
    const cityId = await findOrgId(mobile.request, base, adminToken, CITY);
    const asCity = { authorization: `Bearer ${cityToken}` };
    const title = `金秋助学（银行转账）${Date.now() % 100000}`;
    const hour = 3600_000;
    const published = await mobile.request.post(`${base}/api/campaigns`, {
      headers: asCity,
      data: {
        title, kind: 'tuition', orgId: cityId, description: '资助会员子女今年考入全日制普通高校，每人 1500 元，转账到本人银行卡。',
        applyOpensAt: new Date(Date.now() - hour).toISOString(), applyClosesAt: new Date(Date.now() + 240 * hour).toISOString(),
        quota: 10, awardAmount: 150_000, budgetUnit: 'yuan', budgetTotal: 1_500_000, payoutChannel: 'bank', secondApprovalAbove: 100_000,
        noticeDays: 5, levels: [{ name: '市总工会审核', reviewerOrgId: cityId, deadlineDays: 5 }],
      },
    });
    expect(published.status(), await published.text()).toBe(201);
    const campaignId = ((await published.json()) as { id: number }).id;
    const csrf = ((await (await mobile.request.get(`${base}/api/me`)).json()) as { csrfToken: string }).csrfToken;
    const applied = await mobile.request.post(`${base}/api/campaigns/${campaignId}/applications`, {
      headers: { 'x-csrf-token': csrf, 'idempotency-key': crypto.randomUUID() },
      data: { statement: '孩子今年考上深圳大学，家里靠我一人送外卖。' },
    });
    expect(applied.status(), await applied.text()).toBe(201);
    const applicationId = ((await applied.json()) as { id: number }).id;
    const reviewed = await mobile.request.post(`${base}/api/campaign-applications/${applicationId}/review`, { headers: asCity, data: { decision: 'approve', level: 1 } });
    expect(reviewed.status(), await reviewed.text()).toBe(200);
    const notice = await mobile.request.post(`${base}/api/campaigns/${campaignId}/notice`, { headers: asCity, data: {} });
    expect(notice.status(), await notice.text()).toBe(200);
    // the notice period ends; nothing else reads the campaign before 发放管理 does
    expect(await server.endNotice(campaignId)).toBe(1);

    // A second staff member of the city, for the second approval (a reviewer: approves, makes no files).
    const checkerName = `sz-check-${Date.now() % 1_000_000}`;
    await makeStaff(mobile.request, base, adminToken, { orgId: cityId, username: checkerName, displayName: '市总财务复核', roles: ['reviewer'], password: CHECKER_PASSWORD });

    const liveAttempts = async () =>
      db.query<{ reference: string }>(
        `SELECT a.reference FROM payout_attempt a JOIN payout p ON p.id = a.payout_id WHERE p.campaign_id = $1 AND a.state = 'live'`,
        [campaignId],
      );

    // 发放管理: the maker picks the campaign and runs the payout; it waits for a second person.
    const maker = await staffLogsIn(browser, base, 'shenzhen');
    const payoutRow = maker.locator('.ant-card', { hasText: '发放记录' }).locator('.ant-table-row', { hasText: member.name });
    await onFailure(maker, 'bank-run', async () => {
      await maker.getByRole('menuitem', { name: '发放管理' }).click();
      await maker.getByTestId('payout-campaign-picker').click();
      await maker.keyboard.type(title.slice(0, 12));
      await maker.locator('.ant-select-item-option', { hasText: title }).click();
      await maker.waitForURL(new RegExp(`/console/campaigns/${campaignId}/payouts$`));
      await maker.locator('.po-title').getByText('超过 1,000.00 元 须第二人复核').waitFor();
      await maker.locator('.po-title').getByText('银行转账', { exact: true }).waitFor();
      await maker.getByTestId('run-payouts').filter({ hasText: '1 人' }).click();
      await confirmWith(maker, /^执行发放$/);
      await maker.locator('.ant-message').getByText('已生成 1 笔发放，1 笔等待复核').waitFor();
      await payoutRow.getByText('待第二人复核').waitFor();
      const row = await payoutRow.innerText();
      expect(row).toContain('1,500.00 元');
      expect(row).toContain('待发放');
      expect(row).toContain(masked);
      // the maker cannot approve their own payout, nor send it to the bank before the second person has
      const approve = maker.getByTestId('approve-payouts');
      expect(await approve.innerText()).toContain('复核全部待复核（0 笔）');
      expect(await approve.isDisabled()).toBe(true);
      expect(await payoutRow.locator('.ant-checkbox-input').isDisabled()).toBe(true);
      const make = maker.getByTestId('make-payment-file');
      expect(await make.innerText()).toContain('生成付款文件（0 笔）');
      expect(await make.isDisabled()).toBe(true);
    });
    expect(await liveAttempts()).toEqual([]);

    // the member follows the progress: the award decided
    await mobile.goto(`${base}/me/campaign-applications`);
    await mobile.getByTestId('my-application-item').filter({ hasText: title }).getByTestId('application-status').getByText('已确定资助').waitFor();

    // The second person approves it.
    const checker = await staffLogsInWith(browser, base, checkerName, CHECKER_PASSWORD);
    await onFailure(checker, 'bank-approve', async () => {
      await checker.goto(`${base}/console/campaigns/${campaignId}/payouts`);
      const approve = checker.getByTestId('approve-payouts').filter({ hasText: '复核全部待复核（1 笔）' });
      await approve.click();
      await checker.locator('.ant-message').getByText('已复核 1 笔', { exact: true }).waitFor();
      const row = checker.locator('.ant-table-row', { hasText: member.name });
      await row.getByText('已复核', { exact: true }).waitFor();
      expect(await row.innerText()).toContain('市总财务复核');
    });

    // The maker makes the payment file and downloads it for the bank.
    const makeFile = async (nth: number): Promise<number> => {
      await maker.getByTestId('make-payment-file').filter({ hasText: '生成付款文件（1 笔）' }).click();
      const form = maker.locator('.ant-modal', { hasText: '生成付款文件' });
      await form.getByLabel('付款账号').fill('44001510040052526897');
      await form.getByLabel('付款开户行').fill('中国工商银行深圳分行');
      await form.getByRole('button', { name: /生\s*成/ }).click();
      await form.waitFor({ state: 'hidden' });
      await maker.locator('.ant-message').getByText('已生成付款文件：1 笔，合计 1,500.00 元。请下载后交银行办理。').first().waitFor();
      const files = await db.query<{ id: number }>(`SELECT id FROM payment_file WHERE campaign_id = $1 ORDER BY id`, [campaignId]);
      expect(files).toHaveLength(nth);
      await maker.locator('.po-files .ant-table-row').nth(nth - 1).waitFor();
      return files[nth - 1]!.id;
    };
    const fileRow = (fileId: number) => maker.locator(`.po-files tr[data-row-key="${fileId}"]`);
    const download = async (fileId: number): Promise<string[][]> => {
      const started = maker.waitForEvent('download');
      await fileRow(fileId).getByRole('link', { name: /下\s*载/ }).click();
      const d = await started;
      expect(d.suggestedFilename()).toMatch(/^付款文件-.*\.xlsx$/);
      const content = await downloaded(d);
      expect(content.subarray(0, 2).toString('latin1')).toBe('PK');
      return sheetRows(content);
    };
    const uploadReturn = async (fileId: number, name: string, content: Buffer) => {
      await fileRow(fileId).locator('input[type=file]').setInputFiles({ name, mimeType: XLSX, buffer: content });
    };

    let firstFile = 0;
    let firstRef = '';
    await onFailure(maker, 'bank-file', async () => {
      await maker.reload();
      await payoutRow.getByText('已复核', { exact: true }).waitFor();
      firstFile = await makeFile(1);
      await payoutRow.getByText('已发出', { exact: true }).waitFor();
      const rows = await download(firstFile);
      expect(rows[0]).toEqual([...PAYMENT_FILE_HEADERS]);
      // the bank needs the full account: the file holds it; the screen never does
      const [line] = rows.slice(1, 2);
      expect(line!.slice(4, 8)).toEqual([member.name, card, bankName, '1500']);
      firstRef = line![9]!;
      expect(firstRef).toMatch(/^GH\d{8}-1$/);
      expect(await payoutRow.innerText()).toContain(firstRef);
      expect(await maker.locator('body').innerText()).not.toContain(card);
    });
    expect((await liveAttempts()).map((a) => a.reference)).toEqual([firstRef]);
    expect(await db.query(`SELECT actor_name FROM audit_log WHERE action = 'payout.payment_file_download' AND target_id = $1`, [String(firstFile)])).toEqual([{ actor_name: 'shenzhen' }]);

    // The bank's return file: the line failed.
    await onFailure(maker, 'bank-return-failed', async () => {
      await uploadReturn(firstFile, '回单-1.xlsx', await buildReturnFile([{ reference: firstRef, account: card, amount: '1500.00', outcome: '失败', reason: '户名与账号不符' }]));
      await maker.locator('.ant-message').getByText('回单已登记：到账 0 笔，失败 1 笔，退票 0 笔').waitFor();
      await payoutRow.getByText('发放失败', { exact: true }).waitFor();
      expect(await payoutRow.innerText()).toContain('户名与账号不符');
    });
    expect(await liveAttempts()).toEqual([]);

    // The member is told on the phone why, with the card to check.
    const mine = mobile.getByTestId('payout-item').filter({ hasText: title });
    await onFailure(mobile, 'bank-phone-failed', async () => {
      await mobile.goto(`${base}/me/payouts`);
      await mine.getByText('发放失败', { exact: true }).waitFor();
      expect(await mine.innerText()).toContain('原因：户名与账号不符');
    });

    // 重新发放: a new attempt in the next payment file, under a new reference; then the bank pays it.
    let secondFile = 0;
    let secondRef = '';
    await onFailure(maker, 'bank-retry', async () => {
      await payoutRow.getByRole('button', { name: '重新发放' }).click();
      await maker.locator('.ant-message').getByText('已重新排入下一个付款文件（新的业务参考号）').waitFor();
      await payoutRow.getByText('已复核', { exact: true }).waitFor();
      secondFile = await makeFile(2);
      const rows = await download(secondFile);
      secondRef = rows[1]![9]!;
      expect(secondRef).toBe(firstRef.replace(/-1$/, '-2'));
      expect(rows[1]![5]).toBe(card);
    });
    expect((await liveAttempts()).map((a) => a.reference)).toEqual([secondRef]);

    await onFailure(maker, 'bank-return-paid', async () => {
      // the bank prints the account masked on its return file; that is accepted
      await uploadReturn(secondFile, '回单-2.xlsx', await buildReturnFile([{ reference: secondRef, account: masked, amount: 150_000, outcome: '成功' }]));
      await maker.locator('.ant-message').getByText('回单已登记：到账 1 笔，失败 0 笔，退票 0 笔').waitFor();
      await payoutRow.getByText('已到账', { exact: true }).waitFor();
      expect(await payoutRow.innerText()).toContain(secondRef);
      // the first file answered again, now as paid, contradicts what was recorded: refused whole
      await uploadReturn(firstFile, '回单-1-更正.xlsx', await buildReturnFile([{ reference: firstRef, account: card, amount: 150_000, outcome: '成功' }]));
      const refused = maker.locator('.ant-alert', { hasText: '回单未登记（整份回单未做任何处理）' });
      await refused.waitFor();
      expect(await refused.innerText()).toContain('处理结果与此前登记的结果矛盾');
      await maker.reload();
      await payoutRow.getByText('已到账', { exact: true }).waitFor();
      expect(await maker.locator('.po-states').innerText()).toContain('已到账 1 笔 · 1,500.00 元');
      expect(await maker.locator('body').innerText()).not.toContain(card);
    });

    // Paid once: one payout, its first attempt failed, its second succeeded, nothing live.
    expect(await liveAttempts()).toEqual([]);
    const attempts = await db.query<{ reference: string; state: string }>(
      `SELECT a.reference, a.state FROM payout_attempt a JOIN payout p ON p.id = a.payout_id WHERE p.campaign_id = $1 ORDER BY a.attempt_no`,
      [campaignId],
    );
    expect(attempts).toEqual([{ reference: firstRef, state: 'failed' }, { reference: secondRef, state: 'succeeded' }]);
    expect(await db.query(`SELECT state, attempts FROM payout WHERE campaign_id = $1`, [campaignId])).toEqual([{ state: 'confirmed', attempts: 2 }]);

    // 我的 → 我的发放: arrived, in yuan, to the masked card.
    await onFailure(mobile, 'bank-phone-paid', async () => {
      await mobile.goto(`${base}/me`);
      await mobile.getByRole('link', { name: /^我的发放/ }).click();
      await mobile.waitForURL(/\/me\/payouts$/);
      await mine.getByText('已到账', { exact: true }).waitFor();
      const text = await mine.innerText();
      expect(text).toContain('1,500.00 元');
      expect(text).toContain('银行转账');
      expect(text).toContain(`收款账号 ${masked}`);
      expect(text).toContain(CITY);
      expect(text).not.toContain('原因');
      expect(await mobile.locator('body').innerText()).not.toContain(card);
      expect(await mobile.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    });

    await mobile.context().close();
    await checker.context().close();
    await maker.context().close();
  }, 300_000);
});
