// Payment files (付款文件) of payouts by bank transfer: SQL only. Split from payouts.repo.ts.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';
import type { PayoutState } from '../../../contracts/payouts.ts';
import { TS } from './payout-views.repo.ts';
import { CORE, type AttemptRow, type PayoutCore } from './payouts.repo.ts';



export interface BankCandidate extends PayoutCore {
  memberName: string;
  bankName: string | null;
  accountEnc: Buffer | null;
  accountHash: Buffer | null;
  accountMasked: string | null;
}

/** Bank payouts of a campaign that are not sent (or only those listed), locked, with the member's account. */
export async function lockBankCandidates(q: Queryable, campaignId: number, ids: number[] | null): Promise<BankCandidate[]> {
  return q.query<BankCandidate>(
    `SELECT ${CORE}, m.name AS "memberName", b.bank_name AS "bankName", b.account_enc AS "accountEnc",
            b.account_hash AS "accountHash", b.account_masked AS "accountMasked"
       FROM payout p JOIN campaign c ON c.id = p.campaign_id JOIN member m ON m.id = p.member_id
       LEFT JOIN member_bank_account b ON b.member_id = p.member_id
      WHERE p.campaign_id = $1 AND p.channel = 'bank'
        AND (CASE WHEN $2::bigint[] IS NULL THEN p.state IN ('pending', 'approved') ELSE p.id = ANY($2::bigint[]) END)
      ORDER BY p.id FOR NO KEY UPDATE OF p`,
    [campaignId, ids],
  );
}

export interface PaymentFileRow {
  id: number;
  campaignId: number;
  orgPath: string;
  fileName: string;
  payerName: string;
  payerAccount: string;
  payerBank: string;
  purpose: string;
  lineCount: number;
  totalAmount: number;
  sha256: string;
  createdBy: string;
  createdAt: string;
  downloadedCount: number;
  settledCount: number;
  succeededCount: number;
  failedCount: number;
  returnCount: number;
}

const FILE = `f.id, f.campaign_id AS "campaignId", f.org_path::text AS "orgPath", f.file_name AS "fileName", f.payer_name AS "payerName",
  f.payer_account AS "payerAccount", f.payer_bank AS "payerBank", f.purpose, f.line_count AS "lineCount", f.total_amount AS "totalAmount",
  f.sha256, s.display_name AS "createdBy", ${TS('f.created_at')} AS "createdAt", f.downloaded_count AS "downloadedCount",
  f.settled_count AS "settledCount", f.return_count AS "returnCount",
  (SELECT count(*) FROM payout_attempt a WHERE a.payment_file_id = f.id AND a.state = 'succeeded')::int AS "succeededCount",
  (SELECT count(*) FROM payout_attempt a WHERE a.payment_file_id = f.id AND a.state IN ('failed', 'returned'))::int AS "failedCount"`;

export async function insertPaymentFile(
  q: Queryable,
  f: { campaignId: number; orgPath: string; fileName: string; payerName: string; payerAccount: string; payerBank: string; purpose: string; lineCount: number; totalAmount: number; contentEnc: Buffer; sha256: string; createdBy: number },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO payment_file (campaign_id, org_path, file_name, payer_name, payer_account, payer_bank, purpose, line_count, total_amount, content_enc, sha256, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
    [f.campaignId, f.orgPath, f.fileName, f.payerName, f.payerAccount, f.payerBank, f.purpose, f.lineCount, f.totalAmount, f.contentEnc, f.sha256, f.createdBy],
  );
  return rows[0]!.id;
}

/** A page of the campaign's payment files, newest first. */
export async function findPaymentFiles(q: Queryable, campaignId: number, limit: number, offset: number): Promise<PaymentFileRow[]> {
  return q.query<PaymentFileRow>(
    `SELECT ${FILE} FROM payment_file f JOIN staff s ON s.id = f.created_by WHERE f.campaign_id = $1 ORDER BY f.id DESC LIMIT $2 OFFSET $3`,
    [campaignId, limit, offset],
  );
}

export async function countPaymentFiles(q: Queryable, campaignId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM payment_file WHERE campaign_id = $1`, [campaignId]);
  return r!.n;
}

export async function getPaymentFileInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<(PaymentFileRow & { contentEnc: Buffer }) | undefined> {
  const rows = await q.query<PaymentFileRow & { contentEnc: Buffer }>(
    `SELECT ${FILE}, f.content_enc AS "contentEnc" FROM payment_file f JOIN staff s ON s.id = f.created_by
      WHERE f.id = $1 AND ${scopeFilter('f.org_path', 2)} ${lock ? 'FOR NO KEY UPDATE OF f' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

export async function countDownload(q: Queryable, id: number): Promise<void> {
  await q.query(`UPDATE payment_file SET downloaded_count = downloaded_count + 1 WHERE id = $1`, [id]);
}

export interface FileAttempt {
  attemptId: number;
  payoutId: number;
  reference: string;
  attemptState: AttemptRow['state'];
  accountEnc: Buffer;
  amount: number;
  payoutState: PayoutState;
  isLatest: boolean;
}

/** The attempts written into a payment file, their payouts locked. */
export async function lockFileAttempts(q: Queryable, fileId: number): Promise<FileAttempt[]> {
  return q.query<FileAttempt>(
    `SELECT t.id AS "attemptId", t.payout_id AS "payoutId", t.reference, t.state AS "attemptState", t.account_enc AS "accountEnc",
            p.amount, p.state AS "payoutState", (t.attempt_no = p.attempts) AS "isLatest"
       FROM payout_attempt t JOIN payout p ON p.id = t.payout_id
      WHERE t.payment_file_id = $1 ORDER BY p.id FOR NO KEY UPDATE OF p, t`,
    [fileId],
  );
}

export async function recordReturn(q: Queryable, fileId: number): Promise<void> {
  await q.query(
    `UPDATE payment_file SET return_count = return_count + 1,
            settled_count = (SELECT count(*) FROM payout_attempt WHERE payment_file_id = $1 AND state <> 'live')
      WHERE id = $1`,
    [fileId],
  );
}
