// Bank payouts through the PaymentGateway: a payment file (付款文件) of every bank payout ready to
// go, kept sealed and downloadable by the scope's finance staff (audited: it holds full account
// numbers); the bank's return file (回单) applied all or nothing.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import type { paymentFileBody } from '../../../contracts/payouts.ts';
import type { StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { beijingStamp } from '../../lib/beijing-time.ts';
import { insertAudit } from '../../http/audit.ts';
import type { PaymentGateway, ReturnLine } from './gateway.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import { queuePayoutNotices } from './payout-notices.ts';
import * as files from './payment-files.repo.ts';
import * as repo from './payouts.repo.ts';
import { auditOf } from '../../http/actors.ts';

type PaymentFileInput = z.infer<typeof paymentFileBody>;

const view = (f: files.PaymentFileRow) => ({
  id: f.id, campaignId: f.campaignId, fileName: f.fileName, payerName: f.payerName, payerAccount: f.payerAccount,
  payerBank: f.payerBank, purpose: f.purpose, lineCount: f.lineCount, totalAmount: f.totalAmount, sha256: f.sha256,
  createdBy: f.createdBy, createdAt: f.createdAt, downloadedCount: f.downloadedCount, settledCount: f.settledCount, succeededCount: f.succeededCount, failedCount: f.failedCount, returnCount: f.returnCount,
});

const sendable = (p: repo.PayoutCore) => p.state === 'approved' || (p.state === 'pending' && !p.needsApproval);


/**
 * Writes every bank payout of the campaign that may go (or the listed ones) into a payment file: a
 * live attempt each with a new reference, the payouts `sent`. Throws not_found, payout_state_invalid,
 * second_approver_required, payout_no_bank_account, no_payable_payouts.
 */
export async function createPaymentFile(ctx: StaffContext, gateway: PaymentGateway, campaignId: number, input: PaymentFileInput) {
  const ids = input.payoutIds ? [...new Set(input.payoutIds)] : null;
  const fileId = await ctx.db.transaction(async (tx) => {
    const c = await repo.getCampaignInScope(tx, ctx.scope, campaignId, true);
    if (!c) throw new AppError('not_found');
    if (c.channel !== 'bank') throw new AppError('payout_state_invalid', '该活动不是银行转账发放，无需付款文件');
    const found = await files.lockBankCandidates(tx, c.id, ids);
    if (ids && found.length !== ids.length) throw new AppError('not_found');
    if (ids) {
      for (const p of found) {
        if (p.state === 'pending' && p.needsApproval) throw new AppError('second_approver_required');
        if (!sendable(p)) throw new AppError('payout_state_invalid', `第 ${p.id} 号发放已发出或已办结，不能再写入付款文件`);
        if (!p.accountEnc) throw new AppError('payout_no_bank_account');
      }
    }
    const lines = found.filter((p) => sendable(p) && p.accountEnc);
    if (lines.length === 0) throw new AppError('no_payable_payouts');
    const purpose = input.purpose ?? c.title.slice(0, 30);
    const batch = lines.map((p, i) => ({
      p,
      line: {
        lineNo: i + 1,
        reference: repo.referenceOf(p.id, p.attempts + 1),
        payeeName: p.memberName,
        accountNumber: ctx.pii.decrypt(p.accountEnc!),
        bankName: p.bankName!,
        amount: p.amount,
      },
    }));
    const made = await gateway.submit({ payerName: input.payerName, payerAccount: input.payerAccount, payerBank: input.payerBank, purpose, lines: batch.map((b) => b.line) });
    const total = lines.reduce((s, p) => s + p.amount, 0);
    const id = await files.insertPaymentFile(tx, {
      campaignId: c.id, orgPath: c.orgPath, fileName: `付款文件-${c.title.slice(0, 40)}-${beijingStamp()}.${made.extension}`,
      payerName: input.payerName, payerAccount: input.payerAccount, payerBank: input.payerBank, purpose,
      lineCount: lines.length, totalAmount: total, contentEnc: ctx.pii.encrypt(made.content.toString('base64')),
      sha256: createHash('sha256').update(made.content).digest('hex'), createdBy: ctx.actor.staffId,
    });
    await repo.insertAttempts(tx, batch.map(({ p, line }) => ({
      payoutId: p.id, attemptNo: p.attempts + 1, state: 'live' as const, paymentFileId: id, lineNo: line.lineNo,
      bankName: p.bankName, accountEnc: p.accountEnc, accountHash: p.accountHash, accountMasked: p.accountMasked,
    })));
    await repo.setPayoutState(tx, lines.map((p) => p.id), 'sent', { newAttempt: true });
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'payout.payment_file', targetType: 'payment_file', targetId: id, orgPath: c.orgPath,
      detail: { campaignId: c.id, lines: lines.length, totalAmount: total },
    });
    return id;
  });
  const f = await files.getPaymentFileInScope(ctx.db, ctx.scope, fileId);
  return view(f!);
}

/** The payment files of a campaign the scope publishes. Throws not_found. */
export async function listPaymentFiles(ctx: StaffContext, campaignId: number, p: { page: number; pageSize: number }) {
  const c = await repo.getCampaignInScope(ctx.db, ctx.scope, campaignId);
  if (!c) throw new AppError('not_found');
  const [rows, total] = await Promise.all([files.findPaymentFiles(ctx.db, c.id, p.pageSize, (p.page - 1) * p.pageSize), files.countPaymentFiles(ctx.db, c.id)]);
  return { items: rows.map(view), total };
}

/** The file to take to the bank; audited (it holds full account numbers). Throws not_found. */
export async function downloadPaymentFile(ctx: StaffContext, fileId: number) {
  const f = await files.getPaymentFileInScope(ctx.db, ctx.scope, fileId);
  if (!f) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await files.countDownload(tx, f.id);
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'payout.payment_file_download', targetType: 'payment_file', targetId: f.id, orgPath: f.orgPath,
      detail: { lines: f.lineCount, sha256: f.sha256 },
    });
  });
  return { fileName: f.fileName, content: Buffer.from(ctx.pii.decrypt(f.contentEnc), 'base64') };
}

/** Whether the account the bank printed (full, or masked as 6222****0128) is the one paid. */
function sameAccount(printed: string, actual: string): boolean {
  if (!printed.includes('*')) return printed === actual;
  const head = printed.slice(0, printed.indexOf('*'));
  const tail = printed.slice(printed.lastIndexOf('*') + 1);
  return tail.length >= 4 && actual.startsWith(head) && actual.endsWith(tail);
}

const yuanText = (fen: number) => (fen / 100).toFixed(2);

/**
 * Applies the bank's return file to the payment file's lines, all or nothing: every line must name
 * an attempt of this file with its amount and account, and agree with what was recorded before (a
 * file uploaded twice changes nothing; a paid line may come back as 退票). Throws not_found,
 * payment_return_invalid.
 */
export async function applyReturnFile(ctx: StaffContext, gateway: PaymentGateway, fileId: number, content: Buffer) {
  // the file is judged first, like any malformed body; then the payment file it answers
  const lines = await gateway.parseReturn(content);
  return ctx.db.transaction(async (tx) => {
    const f = await files.getPaymentFileInScope(tx, ctx.scope, fileId, true);
    if (!f) throw new AppError('not_found');
    const attempts = new Map((await files.lockFileAttempts(tx, f.id)).map((a) => [a.reference, a]));
    const errors: string[] = [];
    const settle: { line: ReturnLine; a: files.FileAttempt }[] = [];
    let unchanged = 0;
    for (const line of lines) {
      const a = attempts.get(line.reference);
      const at = `第 ${line.rowNo} 行`;
      if (!a) {
        errors.push(`${at}业务参考号 ${line.reference} 不在该付款文件中`);
        continue;
      }
      if (line.amount !== a.amount) errors.push(`${at}金额 ${yuanText(line.amount)} 与付款文件的 ${yuanText(a.amount)} 不符`);
      else if (!sameAccount(line.account, ctx.pii.decrypt(a.accountEnc))) errors.push(`${at}收款账号与付款文件不符`);
      else if (a.attemptState === 'live') settle.push({ line, a });
      else if (
        (a.attemptState === 'succeeded' && line.outcome === 'confirmed') ||
        (a.attemptState === 'failed' && line.outcome === 'failed') ||
        (a.attemptState === 'returned' && line.outcome === 'returned')
      ) unchanged++;
      else if (a.attemptState === 'succeeded' && line.outcome === 'returned' && a.isLatest && a.payoutState === 'confirmed') settle.push({ line, a });
      else errors.push(`${at}处理结果与此前登记的结果矛盾`);
    }
    if (errors.length > 0) {
      throw new AppError('payment_return_invalid', `银行回单不符合要求，未做任何处理：${errors.slice(0, 5).join('；')}${errors.length > 5 ? `；等共 ${errors.length} 行` : ''}`);
    }
    const count = { confirmed: 0, failed: 0, returned: 0 };
    await repo.settleAttempts(tx, settle.map(({ line, a }) => ({
      attemptId: a.attemptId, state: line.outcome === 'confirmed' ? 'succeeded' : line.outcome, reason: line.reason,
    })));
    const paid = settle.filter((s) => s.line.outcome === 'confirmed').map((s) => s.a.payoutId);
    await repo.setPayoutState(tx, paid, 'confirmed', { confirmedBy: 'bank' });
    count.confirmed = paid.length;
    for (const { line, a } of settle) {
      if (line.outcome === 'confirmed') continue;
      await repo.setPayoutState(tx, [a.payoutId], line.outcome, { reason: line.reason });
      count[line.outcome]++;
    }
    await queuePayoutNotices(ctx, tx, settle.map((x) => x.a.payoutId));
    await files.recordReturn(tx, f.id);
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'payout.payment_return', targetType: 'payment_file', targetId: f.id, orgPath: f.orgPath,
      detail: { lines: lines.length, ...count, unchanged },
    });
    return { paymentFileId: f.id, lines: lines.length, ...count, unchanged };
  }).then((out) => {
    void dispatchNotices(ctx);
    return out;
  });
}
