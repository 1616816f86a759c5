// Payouts over HTTP: the member's bank account (masked, revealed with an audit record), runs by
// channel, maker-checker, payment files and the bank's return file, retries without paying twice,
// a budget that cannot be overspent under concurrent runs, scope, and a refusal changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.ts';
import { memberSessions, type MemberSession } from '../../../tests/helpers/activities.ts';
import { balanceOf } from '../../../tests/helpers/points.ts';
import { PAYER, makeAwardedCampaign, membersOf, newKey, payoutDigest, runPayouts, sheetRows } from '../../../tests/helpers/payouts.ts';
import { checkPointInvariants } from '../points/points.service.ts';
import { buildReturnFile } from './gateway.ts';

let t: TestApp;
let admin: Session;
let huazhou: Session;
let yangjiang: Session;
let viewer: Session;
let checker: Session;
let huazhouId: number;
let m: MemberSession[];

const CARD_A = '6222021234567890128';
const CARD_B = '6217002870001234564';
const CARD_C = '6228480402564890018';

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  huazhouId = await t.demoOrg('huazhou');
  const made = await t.request('POST', '/api/staff', {
    as: huazhou,
    body: { orgId: huazhouId, username: 'hz-checker', displayName: '化州复核员', roles: ['reviewer'], password: 'Checker-pass-2026' },
  });
  expect(made.statusCode, made.body).toBe(201);
  checker = await t.login('hz-checker', 'Checker-pass-2026');
  m = await memberSessions(t, admin, huazhouId, 12);
});
afterAll(async () => {
  const inv = await checkPointInvariants(t.db);
  expect(inv.violations).toEqual([]);
  await t.close();
});

const setAccount = (s: Session, accountNumber: string, bankName = '中国工商银行化州支行') => t.request('PUT', '/api/me/bank-account', { as: s, body: { bankName, accountNumber } });
const list = (as: Session, campaignId: number, query = '') => t.request('GET', `/api/campaigns/${campaignId}/payouts?pageSize=200${query}`, { as });
const payoutOf = async (campaignId: number, memberId: number) => {
  const [p] = await t.db.query<{ id: number; state: string; attempts: number }>(`SELECT id, state, attempts FROM payout WHERE campaign_id = $1 AND member_id = $2`, [campaignId, memberId]);
  return p!;
};

describe('the member\'s bank account', () => {
  it('is checked (Luhn), sealed at rest and shown masked to the member and to staff', async () => {
    const bad = await setAccount(m[0]!, '6222021234567890127');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'invalid_bank_card', message: '银行卡号不正确，请核对后重新输入', statusCode: 400 });
    expect((await setAccount(m[0]!, '62220212')).statusCode).toBe(400);
    expect((await t.request('GET', '/api/me/bank-account', { as: m[0] })).json()).toEqual({ account: null });

    const ok = await setAccount(m[0]!, '6222 0212 3456 7890 128');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().account).toMatchObject({ bankName: '中国工商银行化州支行', accountMasked: '6222****0128' });
    expect(ok.body).not.toContain(CARD_A);
    const [row] = await t.db.query<{ enc: Buffer; masked: string }>(`SELECT account_enc AS enc, account_masked AS masked FROM member_bank_account WHERE member_id = $1`, [m[0]!.memberId]);
    expect(row!.enc.toString('latin1')).not.toContain(CARD_A);
    expect(t.pii.decrypt(row!.enc)).toBe(CARD_A);

    const staff = await t.request('GET', `/api/members/${m[0]!.memberId}/bank-account`, { as: huazhou });
    expect(staff.json().account).toMatchObject({ accountMasked: '6222****0128' });
    expect(staff.body).not.toContain(CARD_A);
    // a passbook account of another length carries no Luhn digit
    expect((await setAccount(m[1]!, '440982001234567', '化州农村商业银行')).statusCode).toBe(200);
  });

  it('is revealed in full only to an admin of the scope with a reason, audited', async () => {
    const url = `/api/members/${m[0]!.memberId}/bank-account/reveal`;
    expect((await t.request('POST', url, { as: checker, body: { reason: '核对退票原因' } })).statusCode).toBe(403);
    expect((await t.request('POST', url, { as: viewer, body: { reason: '核对退票原因' } })).statusCode).toBe(403);
    expect((await t.request('POST', url, { as: yangjiang, body: { reason: '核对退票原因' } })).statusCode).toBe(404);
    expect((await t.request('POST', url, { as: huazhou, body: {} })).statusCode).toBe(400);
    expect(await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'payout.bank_account_reveal'`)).toEqual([]);
    const res = await t.request('POST', url, { as: huazhou, body: { reason: '核对退票原因' } });
    expect(res.json()).toEqual({ bankName: '中国工商银行化州支行', accountNumber: CARD_A });
    const audit = await t.db.query(`SELECT actor_name, detail->>'reason' AS reason FROM audit_log WHERE action = 'payout.bank_account_reveal' AND target_id = $1`, [String(m[0]!.memberId)]);
    expect(audit).toEqual([{ actor_name: 'huazhou', reason: '核对退票原因' }]);
    expect((await t.request('GET', `/api/members/${m[0]!.memberId}/bank-account`, { as: yangjiang })).statusCode).toBe(404);
  });
});

describe('points payouts', () => {
  it('a run credits each awarded member once through the ledger; a retry of the key answers the same; a re-run makes nothing', async () => {
    const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'points', members: [{ memberId: m[2]!.memberId, amount: 300 }, { memberId: m[3]!.memberId, amount: 300 }] });
    const before = await balanceOf(t, m[2]!);
    const key = newKey();
    const res = await runPayouts(t, huazhou, c.campaignId, key);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ campaignId: c.campaignId, created: 2, createdAmount: 600, credited: 2, awaitingApproval: 0 });
    expect(await balanceOf(t, m[2]!)).toBe(before + 300);
    const again = await runPayouts(t, huazhou, c.campaignId, key);
    expect(again.body).toBe(res.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const rerun = await runPayouts(t, huazhou, c.campaignId);
    expect(rerun.json()).toMatchObject({ created: 0, credited: 0 });
    expect(await balanceOf(t, m[2]!)).toBe(before + 300);
    const reused = await runPayouts(t, huazhou, c.campaignId + 100000, key);
    expect(reused.json().error).toBe('idempotency_key_reused');

    const body = (await list(huazhou, c.campaignId)).json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { state: string }) => i.state)).toEqual(['confirmed', 'confirmed']);
    expect(body.totals).toEqual([{ state: 'confirmed', count: 2, amount: 600 }]);
    expect(body.budget).toEqual({ unit: 'points', total: 1200, reserved: 600, paid: 600 });
    const ops = await t.db.query(`SELECT idem_key FROM point_operation WHERE idem_key LIKE 'payout:%' AND reason LIKE '%点对点发放%' ORDER BY id DESC LIMIT 2`);
    expect(ops).toHaveLength(2);

    const sms = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1 AND kind = 'payout'`, [t.pii.hash(m[2]!.phone)]);
    expect(sms.map((x) => x.body)).toEqual([expect.stringMatching(/^【智慧工会】.+，“金秋助学（测试 .+）”的 300 积分已发放到您的积分账户，可在“我的积分”查看。$/)]);
    const mine = (await t.request('GET', '/api/me/payouts', { as: m[2] })).json();
    expect(mine.items[0]).toMatchObject({ campaignId: c.campaignId, channel: 'points', channelLabel: '积分', amount: 300, amountText: '300 积分', state: 'confirmed', stateLabel: '已到账', canConfirm: false });
  });

  it('maker-checker: a payout above the threshold waits for a second person; the maker cannot approve it', async () => {
    const c = await makeAwardedCampaign(t, {
      orgId: huazhouId, channel: 'points', secondApprovalAbove: 500,
      members: [{ memberId: m[4]!.memberId, amount: 200 }, { memberId: m[5]!.memberId, amount: 800 }],
    });
    const before = await balanceOf(t, m[5]!);
    const run = await runPayouts(t, huazhou, c.campaignId);
    expect(run.json()).toMatchObject({ created: 2, credited: 1, awaitingApproval: 1 });
    const big = await payoutOf(c.campaignId, m[5]!.memberId);
    expect(big.state).toBe('pending');
    expect(await balanceOf(t, m[5]!)).toBe(before);

    const snapshot = await payoutDigest(t);
    const approve = (as: Session, ids = [big.id]) => t.request('POST', `/api/campaigns/${c.campaignId}/payouts/approve`, { as, body: { payoutIds: ids } });
    const self = await approve(huazhou);
    expect(self.statusCode).toBe(403);
    expect(self.json().error).toBe('maker_cannot_approve');
    expect((await approve(viewer)).json().error).toBe('forbidden');
    expect((await approve(yangjiang)).statusCode).toBe(404);
    const small = await payoutOf(c.campaignId, m[4]!.memberId);
    expect((await approve(checker, [big.id, small.id])).json().error).toBe('payout_state_invalid');
    expect(await payoutDigest(t)).toEqual(snapshot);

    const ok = await approve(checker);
    expect(ok.json()).toEqual({ approved: 1, credited: 1 });
    expect(await balanceOf(t, m[5]!)).toBe(before + 800);
    const detail = (await t.request('GET', `/api/payouts/${big.id}`, { as: huazhou })).json();
    const [maker] = await t.db.query<{ id: number }>(`SELECT id FROM staff WHERE username = 'huazhou'`);
    // the maker by id, so that the console can tell the maker from a colleague of the same display name
    expect(detail).toMatchObject({ state: 'confirmed', needsApproval: true, madeBy: DEMO_ACCOUNTS.find((a) => a.username === 'huazhou')!.displayName, madeById: maker!.id, approvedBy: '化州复核员', attempts: 1 });
    expect((await approve(checker)).json().error).toBe('payout_state_invalid');
    expect(await balanceOf(t, m[5]!)).toBe(before + 800);
  });
});

describe('bank payouts', () => {
  it('payment file, the bank\'s return file, retry with a new reference, never two live attempts, a later 退票', async () => {
    // m[0] has an account; m[6] has none yet; m[7]'s payout is above the threshold
    await setAccount(m[7]!, CARD_C, '中国农业银行化州支行');
    const c = await makeAwardedCampaign(t, {
      orgId: huazhouId, channel: 'bank', secondApprovalAbove: 100_000,
      members: [{ memberId: m[0]!.memberId, amount: 50_000 }, { memberId: m[6]!.memberId, amount: 50_000 }, { memberId: m[7]!.memberId, amount: 150_000 }],
    });
    expect((await runPayouts(t, huazhou, c.campaignId)).json()).toMatchObject({ created: 3, credited: 0, awaitingApproval: 1 });
    const pa = await payoutOf(c.campaignId, m[0]!.memberId);
    const pc = await payoutOf(c.campaignId, m[7]!.memberId);
    let body = (await list(huazhou, c.campaignId)).json();
    expect(body).toMatchObject({ channel: 'bank', bankReady: 1, bankMissingAccount: 1, awardedWithoutPayout: 0 });
    expect(JSON.stringify(body)).not.toContain(CARD_A);

    const files = `/api/campaigns/${c.campaignId}/payment-files`;
    const named = await t.request('POST', files, { as: huazhou, body: { ...PAYER, payoutIds: [pc.id] } });
    expect(named.json().error).toBe('second_approver_required');
    expect((await t.request('POST', files, { as: viewer, body: PAYER })).statusCode).toBe(403);
    const made = await t.request('POST', files, { as: huazhou, body: PAYER });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ lineCount: 1, totalAmount: 50_000, purpose: expect.stringContaining('金秋助学') });
    expect((await t.request('POST', files, { as: huazhou, body: PAYER })).json().error).toBe('no_payable_payouts');
    const fileId = made.json().id;
    expect((await t.request('GET', files, { as: huazhou })).json()).toMatchObject({ items: [{ id: fileId }], total: 1 });
    expect((await t.request('GET', `${files}?page=2&pageSize=1`, { as: huazhou })).json()).toEqual({ items: [], total: 1 });

    const dl = await t.request('GET', `/api/payment-files/${fileId}/download`, { as: huazhou });
    expect(dl.statusCode).toBe(200);
    expect(dl.headers['content-type']).toContain('spreadsheetml');
    const rows = await sheetRows(dl.rawPayload);
    expect(rows[0]).toEqual(['序号', '付款账号', '付款户名', '付款开户行', '收款人', '收款账号', '开户行', '金额（元）', '用途', '业务参考号']);
    const ref1 = `GH${String(pa.id).padStart(8, '0')}-1`;
    expect(rows[1]).toEqual(['1', PAYER.payerAccount, PAYER.payerName, PAYER.payerBank, m[0]!.name, CARD_A, '中国工商银行化州支行', '500', expect.stringContaining('金秋助学'), ref1]);
    expect(await t.db.query(`SELECT actor_name FROM audit_log WHERE action = 'payout.payment_file_download' AND target_id = $1`, [String(fileId)])).toEqual([{ actor_name: 'huazhou' }]);
    expect((await t.request('GET', `/api/payment-files/${fileId}/download`, { as: yangjiang })).statusCode).toBe(404);
    expect((await payoutOf(c.campaignId, m[0]!.memberId)).state).toBe('sent');

    // a malformed return file changes nothing
    const returns = `/api/payment-files/${fileId}/returns`;
    const upload = (content: Buffer, as = huazhou) => t.request('POST', returns, { as, body: { fileName: '回单.xlsx', fileBase64: content.toString('base64') } });
    const snapshot = await payoutDigest(t);
    const cases: [Buffer, string][] = [
      [Buffer.from('not a workbook at all'), '不是有效的 .xlsx'],
      [await buildReturnFile([{ reference: 'GH99999999-1', account: CARD_A, amount: 50_000, outcome: '成功' }]), '不在该付款文件中'],
      [await buildReturnFile([{ reference: ref1, account: CARD_A, amount: 49_999, outcome: '成功' }]), '金额 499.99 与付款文件的 500.00 不符'],
      [await buildReturnFile([{ reference: ref1, account: '6222****9999', amount: 50_000, outcome: '成功' }]), '收款账号与付款文件不符'],
      [await buildReturnFile([{ reference: ref1, account: CARD_A, amount: 50_000, outcome: '已处理' }]), '处理结果应为'],
      [await buildReturnFile([{ reference: ref1, account: CARD_A, amount: 50_000, outcome: '失败' }]), '须写明失败原因'],
      [await buildReturnFile([{ reference: ref1, account: CARD_A, amount: '五百', outcome: '成功' }]), '金额应为'],
      [await buildReturnFile([{ reference: ref1, account: CARD_A, amount: 50_000, outcome: '成功' }, { reference: ref1, account: CARD_A, amount: 50_000, outcome: '成功' }]), '业务参考号重复'],
      [await buildReturnFile([]), '没有数据行'],
    ];
    for (const [content, says] of cases) {
      const res = await upload(content);
      expect(res.statusCode, says).toBe(400);
      expect(res.json().error).toBe('payment_return_invalid');
      expect(res.json().message).toContain(says);
    }
    expect((await t.request('POST', returns, { as: huazhou, body: { fileName: 'x', fileBase64: '***' } })).json().error).toBe('validation_failed');
    expect((await upload(await buildReturnFile([{ reference: ref1, account: CARD_A, amount: 50_000, outcome: '成功' }]), yangjiang)).statusCode).toBe(404);
    expect(await payoutDigest(t)).toEqual(snapshot);

    // the bank failed the line: the payout fails; a retry waits for the next file under a new reference
    const failed = await upload(await buildReturnFile([{ reference: ref1, account: '6222****0128', amount: 50_000, outcome: '失败', reason: '户名与账号不符' }]));
    expect(failed.json()).toEqual({ paymentFileId: fileId, lines: 1, confirmed: 0, failed: 1, returned: 0, unchanged: 0 });
    const told = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1 AND kind = 'payout'`, [t.pii.hash(m[0]!.phone)]);
    expect(told.map((x) => x.body)).toEqual([expect.stringContaining('500.00 元未能发放（户名与账号不符），请在“我的—银行卡”中核对收款账户')]);
    expect((await t.request('GET', '/api/me/payouts', { as: m[0] })).json().items[0]).toMatchObject({ state: 'failed', stateLabel: '发放失败', reason: '户名与账号不符', accountMasked: '6222****0128' });
    expect((await upload(await buildReturnFile([{ reference: ref1, account: CARD_A, amount: 50_000, outcome: '成功' }]))).json().message).toContain('矛盾');

    await setAccount(m[0]!, CARD_B, '中国建设银行化州支行');
    const retried = await t.request('POST', `/api/payouts/${pa.id}/retry`, { as: huazhou });
    expect(retried.json()).toMatchObject({ state: 'pending', attempts: 1 });
    expect((await t.request('POST', `/api/payouts/${pa.id}/retry`, { as: huazhou })).json().error).toBe('payout_state_invalid');
    const second = await t.request('POST', files, { as: huazhou, body: PAYER });
    expect(second.json().lineCount).toBe(1);
    const ref2 = `GH${String(pa.id).padStart(8, '0')}-2`;
    const rows2 = await sheetRows((await t.request('GET', `/api/payment-files/${second.json().id}/download`, { as: huazhou })).rawPayload);
    expect(rows2[1]!.slice(5, 7).concat(rows2[1]![9]!)).toEqual([CARD_B, '中国建设银行化州支行', ref2]);
    // the database itself refuses a second live attempt
    await expect(t.db.query(`INSERT INTO payout_attempt (payout_id, attempt_no, reference, state) VALUES ($1, 9, 'GH-DUPLICATE-LIVE', 'live')`, [pa.id])).rejects.toThrow();

    const paid = await t.request('POST', `/api/payment-files/${second.json().id}/returns`, {
      as: huazhou, body: { fileName: '回单2.xlsx', fileBase64: (await buildReturnFile([{ reference: ref2, account: CARD_B, amount: '500.00', outcome: '成功' }])).toString('base64') },
    });
    expect(paid.json()).toMatchObject({ confirmed: 1 });
    const sameAgain = await t.request('POST', `/api/payment-files/${second.json().id}/returns`, {
      as: huazhou, body: { fileName: '回单2.xlsx', fileBase64: (await buildReturnFile([{ reference: ref2, account: CARD_B, amount: '500.00', outcome: '成功' }])).toString('base64') },
    });
    expect(sameAgain.json()).toMatchObject({ confirmed: 0, unchanged: 1 });
    const detail = (await t.request('GET', `/api/payouts/${pa.id}`, { as: huazhou })).json();
    expect(detail).toMatchObject({ state: 'confirmed', attempts: 2, reference: ref2, accountMasked: '6217****4564' });
    expect(detail.attemptList.map((a: { state: string }) => a.state)).toEqual(['failed', 'succeeded']);
    // the list of files tells the failed one from the paid one
    const listed = (await t.request('GET', files, { as: huazhou })).json<{ items: { id: number; settledCount: number; succeededCount: number; failedCount: number }[] }>().items;
    expect(listed.find((f) => f.id === fileId)).toMatchObject({ settledCount: 1, succeededCount: 0, failedCount: 1 });
    expect(listed.find((f) => f.id === second.json().id)).toMatchObject({ settledCount: 1, succeededCount: 1, failedCount: 0 });

    // the second person approves the large one; then staff record a paid line, and later a 退票
    expect((await t.request('POST', `/api/campaigns/${c.campaignId}/payouts/approve`, { as: checker, body: { payoutIds: [pc.id] } })).json()).toEqual({ approved: 1, credited: 0 });
    const third = await t.request('POST', files, { as: huazhou, body: { ...PAYER, payoutIds: [pc.id] } });
    expect(third.json()).toMatchObject({ lineCount: 1, totalAmount: 150_000 });
    const result = (outcome: string, reason?: string) => t.request('POST', `/api/payouts/${pc.id}/result`, { as: huazhou, body: { outcome, ...(reason ? { reason } : {}) } });
    expect((await result('returned')).json().error).toBe('payout_reason_required');
    expect((await result('confirmed')).json()).toMatchObject({ state: 'confirmed' });
    expect((await result('failed', '重复登记')).json().error).toBe('payout_state_invalid');
    expect((await result('returned', '账户已冻结，银行退票')).json()).toMatchObject({ state: 'returned', lastReason: '账户已冻结，银行退票' });

    body = (await list(huazhou, c.campaignId)).json();
    expect(body.budget).toMatchObject({ unit: 'yuan', reserved: 250_000, paid: 250_000 });
    expect(body.totals).toEqual(expect.arrayContaining([{ state: 'confirmed', count: 1, amount: 50_000 }, { state: 'returned', count: 1, amount: 150_000 }, { state: 'pending', count: 1, amount: 50_000 }]));
    expect(JSON.stringify(body)).not.toMatch(new RegExp(`${CARD_A}|${CARD_B}|${CARD_C}`));
    const mine = await t.request('GET', '/api/me/payouts', { as: m[6] });
    expect(mine.json().items[0]).toMatchObject({ channel: 'bank', state: 'pending', needsBankAccount: true, amountText: '500.00 元' });
  });
});

describe('goods payouts', () => {
  it('wait for the recipient to confirm on the phone or staff to record it; a failed hand-over is retried', async () => {
    const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'goods', members: [{ memberId: m[8]!.memberId, amount: 1 }, { memberId: m[9]!.memberId, amount: 1 }] });
    expect((await runPayouts(t, huazhou, c.campaignId)).json()).toMatchObject({ created: 2, credited: 0 });
    const mine = (await t.request('GET', '/api/me/payouts', { as: m[8] })).json();
    expect(mine.items[0]).toMatchObject({ channel: 'goods', state: 'sent', stateLabel: '待领取', canConfirm: true, amountText: '1 件' });
    const id = mine.items[0].id;
    const confirm = await t.request('POST', `/api/me/payouts/${id}/confirm`, { as: m[8] });
    expect(confirm.json()).toMatchObject({ state: 'confirmed', stateLabel: '已领取', canConfirm: false });
    expect((await t.request('POST', `/api/me/payouts/${id}/confirm`, { as: m[8] })).json()).toMatchObject({ state: 'confirmed' });
    expect((await t.request('POST', `/api/me/payouts/${id}/confirm`, { as: m[9] })).statusCode).toBe(404);

    const other = await payoutOf(c.campaignId, m[9]!.memberId);
    expect((await t.request('POST', `/api/payouts/${other.id}/result`, { as: huazhou, body: { outcome: 'failed', reason: '本人未到场领取' } })).json()).toMatchObject({ state: 'failed' });
    expect((await t.request('POST', `/api/me/payouts/${other.id}/confirm`, { as: m[9] })).json().error).toBe('payout_state_invalid');
    const retried = await t.request('POST', `/api/payouts/${other.id}/retry`, { as: huazhou });
    expect(retried.json()).toMatchObject({ state: 'sent', attempts: 2, reference: `GH${String(other.id).padStart(8, '0')}-2` });
    expect((await t.request('POST', `/api/payouts/${other.id}/result`, { as: huazhou, body: { outcome: 'confirmed', reason: '工会代领后转交' } })).json()).toMatchObject({ state: 'confirmed' });
  });
});

describe('the end of the notice', () => {
  it('an application whose notice period is just over is shown and paid without waiting for the sweep', async () => {
    // still in notice, its period over a second ago: the minute's sweep has not come round yet
    const due = async (amount: number) => {
      const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'bank', members: [{ memberId: m[0]!.memberId, amount }] });
      await t.db.query(`UPDATE campaign_application SET status = 'in_notice', awarded_at = NULL, notice_ends_at = now() - interval '1 second' WHERE campaign_id = $1`, [c.campaignId]);
      return c.campaignId;
    };
    const shown = await due(30_000);
    expect((await list(huazhou, shown)).json()).toMatchObject({ awardedWithoutPayout: 1, totals: [] });
    expect((await runPayouts(t, huazhou, shown)).json()).toMatchObject({ created: 1, createdAmount: 30_000 });

    const run = await due(40_000);
    expect((await runPayouts(t, huazhou, run)).json()).toMatchObject({ created: 1, createdAmount: 40_000 });
    expect(await t.db.query(`SELECT status FROM campaign_application WHERE campaign_id = $1`, [run])).toEqual([{ status: 'awarded' }]);
    expect((await list(huazhou, run)).json()).toMatchObject({ awardedWithoutPayout: 0, totals: [{ state: 'pending', count: 1, amount: 40_000 }] });
  });
});

describe('budget', () => {
  it('a run that would pay beyond the reserved budget is refused and makes nothing', async () => {
    const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'points', reserved: 100, members: [{ memberId: m[10]!.memberId, amount: 80 }, { memberId: m[11]!.memberId, amount: 80 }] });
    const before = await payoutDigest(t);
    const res = await runPayouts(t, huazhou, c.campaignId);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'payout_budget_exceeded', message: '发放金额将超过该活动已预留的预算，本次未生成任何发放', statusCode: 409 });
    expect(await payoutDigest(t)).toEqual(before);
  });

  it('concurrent runs make each payout once and never pass the reserved budget', async () => {
    const members = await t.db.query<{ id: number }>(
      `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.member_id = m.id) ORDER BY m.id DESC LIMIT 20`,
      [huazhouId],
    );
    const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'points', members: members.map((r) => ({ memberId: r.id, amount: 10 })) });
    const runs = await Promise.all([huazhou, huazhou, admin, huazhou].map((s) => runPayouts(t, s, c.campaignId)));
    expect(runs.map((r) => r.statusCode)).toEqual([201, 201, 201, 201]);
    expect(runs.reduce((s, r) => s + r.json().created, 0)).toBe(members.length);
    const [row] = await t.db.query<{ paid: number; reserved: number; n: number; ops: number }>(
      `SELECT c.budget_paid AS paid, c.budget_reserved AS reserved, (SELECT count(*)::int FROM payout WHERE campaign_id = c.id) AS n,
              (SELECT count(*)::int FROM point_operation o JOIN payout p ON o.idem_key = 'payout:' || p.id WHERE p.campaign_id = c.id) AS ops
         FROM campaign c WHERE c.id = $1`,
      [c.campaignId],
    );
    expect(row).toEqual({ paid: members.length * 10, reserved: members.length * 10, n: members.length, ops: members.length });
  });
});

describe('scope and bad input', () => {
  it('staff of another subtree see nothing of a campaign\'s payouts and change nothing', async () => {
    const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'goods', members: [] });
    const before = await payoutDigest(t);
    for (const [method, url, body] of [
      ['POST', `/api/campaigns/${c.campaignId}/payouts/run`, undefined],
      ['GET', `/api/campaigns/${c.campaignId}/payouts`, undefined],
      ['POST', `/api/campaigns/${c.campaignId}/payouts/approve`, { payoutIds: [1] }],
      ['POST', `/api/campaigns/${c.campaignId}/payment-files`, PAYER],
      ['GET', `/api/campaigns/${c.campaignId}/payment-files`, undefined],
    ] as const) {
      const res = await t.request(method, url, { as: yangjiang, body, headers: { 'idempotency-key': newKey() } });
      expect(res.statusCode, url).toBe(404);
    }
    expect(await payoutDigest(t)).toEqual(before);
  });

  it('a union within the campaign\'s reach sees only its own members\' payouts and cannot act on them', async () => {
    const shiwan = await t.login('shiwan');
    const shiwanId = await t.demoOrg('shiwan');
    const [inShiwan] = await membersOf(t, shiwanId, 1);
    const [elsewhere] = await t.db.query<{ id: number }>(
      `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1)
          AND NOT o.path <@ (SELECT path FROM org WHERE id = $2) AND m.status = 'active' ORDER BY m.id DESC LIMIT 1`,
      [huazhouId, shiwanId],
    );
    const c = await makeAwardedCampaign(t, { orgId: huazhouId, channel: 'goods', members: [{ memberId: inShiwan!, amount: 1 }, { memberId: elsewhere!.id, amount: 1 }] });
    expect((await runPayouts(t, shiwan, c.campaignId)).statusCode).toBe(404);
    expect((await runPayouts(t, huazhou, c.campaignId)).json()).toMatchObject({ created: 2 });
    const seen = (await list(shiwan, c.campaignId)).json();
    expect(seen.total).toBe(1);
    expect(seen.items[0].memberId).toBe(inShiwan);
    expect(seen.totals).toEqual([{ state: 'sent', count: 1, amount: 1 }]);
    expect((await t.request('POST', `/api/payouts/${seen.items[0].id}/result`, { as: shiwan, body: { outcome: 'confirmed' } })).statusCode).toBe(404);
  });

  it('refuses missing keys, bad ids, bad bodies, and a member route for staff', async () => {
    expect((await t.request('POST', '/api/campaigns/1/payouts/run', { as: huazhou, headers: { 'idempotency-key': 'short' } })).json().error).toBe('idempotency_key_invalid');
    expect((await t.request('POST', '/api/campaigns/1/payouts/run', { as: huazhou })).json().error).toBe('idempotency_key_required');
    expect((await t.request('POST', '/api/campaigns/abc/payouts/run', { as: huazhou, headers: { 'idempotency-key': newKey() } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/campaigns/1/payouts/approve', { as: checker, body: { payoutIds: [] } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/campaigns/1/payment-files', { as: huazhou, body: { ...PAYER, payerAccount: '12ab' } })).statusCode).toBe(400);
    expect((await t.request('POST', '/api/payouts/1/result', { as: huazhou, body: { outcome: 'paid' } })).statusCode).toBe(400);
    expect((await t.request('PUT', '/api/me/bank-account', { as: huazhou, body: { bankName: '工行', accountNumber: CARD_A } })).json().error).toBe('member_only');
    expect((await t.request('GET', '/api/me/payouts')).statusCode).toBe(401);
    expect((await t.request('PUT', '/api/me/bank-account', { as: m[1], body: { bankName: '工行', accountNumber: CARD_A, extra: 1 } })).statusCode).toBe(400);
  });
});
