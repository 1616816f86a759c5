// Screens of payouts (点对点发放) at phone (390×844) and desktop (1440×900) size: the console's 发放管理
// (a bank campaign before and after a run, the payment-file form, a refused and an accepted bank
// return file, the second person's approval) and the phone's 我的发放 and 银行卡. The awarded
// applications are made in the database (their workflow has its own screens), so this runs the app
// in this process on its own embedded database:
//   npm run build:web && npx tsx tests/e2e/payouts-screens.ts   → tmp/screenshots/*payouts*.png, *bank*.png
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_ORGS, demoOrgId } from '../../server/db/seed/demo-keys.ts';
import { buildReturnFile } from '../../server/modules/payouts/gateway.ts';
import { makeAwardedCampaign } from '../helpers/payouts.ts';
import { desktop, launchBrowser, openPage, phone } from './browser.ts';
import { readLoginCode, staffLogsIn, staffLogsInWith, staffToken } from './people.ts';
import { startCampaignServer } from './campaigns-server.ts';

const outDir = join(import.meta.dirname, '..', '..', 'tmp', 'screenshots');

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(outDir, `${name}.png`) });
  console.log(`tmp/screenshots/${name}.png`);
}

async function main(): Promise<void> {
  await mkdir(outDir, { recursive: true });
  const server = await startCampaignServer();
  const { db, pii } = server;
  const base = server.baseUrl;
  const browser = await launchBrowser();
  try {
    const huazhouId = await demoOrgId(db, 'huazhou');
    const members = await db.query<{ id: number; name: string; phoneEnc: Buffer }>(
      `SELECT m.id, m.name, m.phone_enc AS "phoneEnc" FROM member m JOIN org o ON o.id = m.org_id
        WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' AND m.phone_enc IS NOT NULL ORDER BY m.id LIMIT 6`,
      [huazhouId],
    );
    const [me, noAccount, big, other] = members as [(typeof members)[number], (typeof members)[number], (typeof members)[number], (typeof members)[number]];
    for (const [m, card, bank] of [[other, '6228480402564890018', '中国农业银行化州支行'], [big, '6217002870001234564', '中国建设银行化州支行']] as const) {
      await db.query(`INSERT INTO member_bank_account (member_id, bank_name, account_enc, account_hash, account_masked) VALUES ($1, $2, $3, $4, $5)`, [m.id, bank, pii.encrypt(card), pii.hash(card), `${card.slice(0, 4)}****${card.slice(-4)}`]);
    }
    const bankCampaign = await makeAwardedCampaign({ db }, {
      orgId: huazhouId, channel: 'bank', title: '2026年金秋助学（大学新生）', secondApprovalAbove: 300_000,
      members: [{ memberId: me.id, amount: 200_000 }, { memberId: noAccount.id, amount: 200_000 }, { memberId: big.id, amount: 500_000 }, { memberId: other.id, amount: 200_000 }],
    });
    const goods = await makeAwardedCampaign({ db }, { orgId: huazhouId, channel: 'goods', title: '2026年夏送清凉（防暑降温用品）', members: [{ memberId: me.id, amount: 2 }] });
    const points = await makeAwardedCampaign({ db }, { orgId: huazhouId, channel: 'points', title: '中秋节职工福利积分', members: [{ memberId: me.id, amount: 500 }] });

    const adminCtx = await browser.newContext();
    const adminToken = await staffToken(adminCtx.request, base, 'admin');
    const huazhouCtx = await browser.newContext();
    const huazhouToken = await staffToken(huazhouCtx.request, base, 'huazhou');
    const auth = { authorization: `Bearer ${huazhouToken}` };
    for (const c of [goods, points]) {
      await adminCtx.request.post(`${base}/api/campaigns/${c.campaignId}/payouts/run`, { headers: { ...auth, 'idempotency-key': `screens-run-${c.campaignId}` } });
    }
    await adminCtx.request.post(`${base}/api/staff`, {
      headers: auth,
      data: { orgId: huazhouId, username: 'hz-finance-check', displayName: `${DEMO_ORGS.huazhou}财务复核`, roles: ['reviewer'], password: 'Checker-pass-2026' },
    });

    // the console: before the run, the run, the payment-file form and file
    const staff = await staffLogsIn(browser, base, 'huazhou');
    staff.on('pageerror', (e) => console.error('page error:', e.message));
    await staff.getByRole('menuitem', { name: '发放管理' }).click();
    await staff.getByTestId('payout-campaign-picker').waitFor();
    await shoot(staff, 'console-payouts-picker');
    await staff.goto(`${base}/console/campaigns/${bankCampaign.campaignId}/payouts`);
    await staff.getByTestId('run-payouts').waitFor();
    await shoot(staff, 'console-payouts-before-run');
    await staff.getByTestId('run-payouts').click();
    await staff.locator('.ant-modal-confirm').waitFor();
    await shoot(staff, 'console-payouts-run-confirm');
    await staff.locator('.ant-modal-confirm').getByRole('button', { name: '执行发放' }).click();
    await staff.getByText('已生成 4 笔发放').waitFor();
    await shoot(staff, 'console-payouts-after-run');
    await staff.getByTestId('make-payment-file').click();
    await staff.locator('.ant-modal').getByLabel('付款账号').waitFor();
    await staff.locator('.ant-modal').getByLabel('付款账号').fill('44001510040052526897');
    await staff.locator('.ant-modal').getByLabel('付款开户行').fill('中国工商银行化州支行');
    await shoot(staff, 'console-payouts-file-form');
    await staff.locator('.ant-modal').getByRole('button', { name: /生\s*成/ }).click();
    await staff.getByText(/已生成付款文件/).waitFor();
    await shoot(staff, 'console-payouts-file');

    // a bad return file is refused whole; a good one settles the lines
    const [file] = await db.query<{ id: number }>(`SELECT id FROM payment_file WHERE campaign_id = $1`, [bankCampaign.campaignId]);
    const lines = await db.query<{ reference: string; amount: number; memberId: number }>(
      `SELECT t.reference, p.amount, p.member_id AS "memberId" FROM payout_attempt t JOIN payout p ON p.id = t.payout_id WHERE t.payment_file_id = $1 ORDER BY t.line_no`,
      [file!.id],
    );
    const input = staff.locator('input[type=file]').first();
    await input.setInputFiles({ name: '回单-有误.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await buildReturnFile(lines.map((l) => ({ reference: l.reference, account: '6222****0000', amount: l.amount + 1, outcome: '成功' }))) });
    await staff.getByText('回单未登记（整份回单未做任何处理）').waitFor();
    await shoot(staff, 'console-payouts-return-refused');
    await input.setInputFiles({
      name: '回单.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await buildReturnFile(lines.map((l, i) => ({ reference: l.reference, account: l.memberId === other.id ? '6228****0018' : '6222****0128', amount: l.amount, outcome: i === 0 ? '失败' : '成功', reason: i === 0 ? '户名与账号不符' : '' }))),
    });
    await staff.getByText(/回单已登记/).waitFor();
    await shoot(staff, 'console-payouts-returned');
    await staff.setViewportSize(phone);
    await shoot(staff, 'console-payouts-phone');
    await staff.context().close();

    // the second person approves the large payout
    const checker = await staffLogsInWith(browser, base, 'hz-finance-check', 'Checker-pass-2026');
    await checker.goto(`${base}/console/campaigns/${bankCampaign.campaignId}/payouts`);
    await checker.getByTestId('approve-payouts').waitFor();
    await shoot(checker, 'console-payouts-checker');
    await checker.getByTestId('approve-payouts').click();
    await checker.getByText('已复核 1 笔', { exact: true }).waitFor();
    await shoot(checker, 'console-payouts-approved');
    await checker.context().close();

    // the phone: 我的发放 and 银行卡
    const mobile = await openPage(browser, phone);
    mobile.on('pageerror', (e) => console.error('page error:', e.message));
    const tel = pii.decrypt(me.phoneEnc);
    await mobile.request.post(`${base}/api/auth/sms-code`, { data: { phone: tel } });
    const code = await readLoginCode(mobile.request, base, adminToken, tel);
    const res = await mobile.request.post(`${base}/api/auth/member-login`, { data: { phone: tel, code } });
    if (!res.ok()) throw new Error(`member log-in: ${res.status()}`);
    await mobile.goto(`${base}/me`);
    await mobile.getByText('我的发放').waitFor();
    await mobile.getByText('我的发放').scrollIntoViewIfNeeded();
    await shoot(mobile, 'member-me-payouts-entry');
    await mobile.getByText('我的发放').click();
    await mobile.getByTestId('payout-item').first().waitFor();
    await shoot(mobile, 'member-payouts');
    await mobile.getByRole('button', { name: '确认已领取' }).click();
    await mobile.getByRole('button', { name: '已领取', exact: true }).waitFor();
    await shoot(mobile, 'member-payouts-confirm');
    await mobile.getByRole('button', { name: '已领取', exact: true }).click();
    await mobile.getByText('已确认领取').waitFor();
    await mobile.getByTestId('payout-item').last().scrollIntoViewIfNeeded();
    await shoot(mobile, 'member-payouts-after');
    await mobile.goto(`${base}/me/bank-account`);
    await mobile.getByTestId('bank-account-form').waitFor().catch(async (err: unknown) => {
      await shoot(mobile, 'debug-bank-account');
      throw err;
    });
    await shoot(mobile, 'member-bank-account-empty');
    await mobile.getByRole('textbox', { name: '开户行' }).fill('中国工商银行化州支行');
    await mobile.getByRole('textbox', { name: '银行卡号' }).fill('6222021234567890127');
    await mobile.getByRole('button', { name: '保存' }).click();
    await mobile.getByRole('alert').waitFor();
    await shoot(mobile, 'member-bank-account-error');
    await mobile.getByRole('textbox', { name: '银行卡号' }).fill('6222021234567890128');
    await mobile.getByRole('button', { name: '保存' }).click();
    await mobile.getByRole('button', { name: '确认保存' }).waitFor();
    await shoot(mobile, 'member-bank-account-confirm');
    await mobile.getByRole('button', { name: '确认保存' }).click();
    await mobile.getByTestId('bank-account').waitFor();
    await shoot(mobile, 'member-bank-account');
    await mobile.setViewportSize(desktop);
    await mobile.goto(`${base}/me/payouts`);
    await mobile.getByTestId('payout-item').first().waitFor();
    await shoot(mobile, 'member-payouts-desktop');
    await mobile.context().close();
    await adminCtx.close();
    await huazhouCtx.close();
  } finally {
    await browser.close();
    await server.stop();
  }
}

await main();
