// Payouts: SQL only. Runs are set-based; every state change is a conditional UPDATE on rows locked
// first, so a payout moves along its state machine once, whatever runs concurrently.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter, within, withinSubtree } from '../../http/scope.ts';
import type { PayoutChannel, PayoutState } from '../../../contracts/payouts.ts';
import { TS } from './payout-views.repo.ts';

// the read side (lists, figures, the member's own), re-exported so that `repo.*` keeps naming it
export * from './payout-views.repo.ts';

export interface CampaignRow {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  title: string;
  status: string;
  channel: PayoutChannel;
  unit: 'yuan' | 'points' | 'goods';
  budgetTotal: number;
  budgetReserved: number;
  budgetPaid: number;
  secondApprovalAbove: number | null;
}

const CAMPAIGN = `c.id, c.org_id AS "orgId", c.org_path::text AS "orgPath", o.name AS "orgName", c.title, c.status,
  c.payout_channel AS channel, c.budget_unit AS unit, c.budget_total AS "budgetTotal", c.budget_reserved AS "budgetReserved",
  c.budget_paid AS "budgetPaid", c.second_approval_above AS "secondApprovalAbove"`;

/** The campaign if published by the scope (its org lies in the scope); locked when `lock`. */
export async function getCampaignInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<CampaignRow | undefined> {
  const rows = await q.query<CampaignRow>(
    `SELECT ${CAMPAIGN} FROM campaign c JOIN org o ON o.id = c.org_id WHERE c.id = $1 AND ${scopeFilter('c.org_path', 2)}
     ${lock ? 'FOR NO KEY UPDATE OF c' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

/** The campaign if the scope publishes it or lies within its reach (a union below the publisher). */
export async function getCampaignVisible(q: Queryable, scope: Scope, id: number): Promise<CampaignRow | undefined> {
  const rows = await q.query<CampaignRow>(
    `SELECT ${CAMPAIGN} FROM campaign c JOIN org o ON o.id = c.org_id
      WHERE c.id = $1 AND (${scopeFilter('c.org_path', 2)} OR ${within('$2::ltree', 'c.org_path')})`,
    [id, scope.path],
  );
  return rows[0];
}

export interface RunRow {
  runId: number;
  campaignId: number;
  created: number;
  createdAmount: number;
  credited: number;
  awaitingApproval: number;
  createdAt: string;
  hash: string;
}

const RUN = `r.id AS "runId", r.campaign_id AS "campaignId", r.created_count AS created, r.created_amount AS "createdAmount",
  r.credited_count AS credited, r.awaiting_approval AS "awaitingApproval", ${TS('r.created_at')} AS "createdAt", encode(r.request_hash, 'hex') AS hash`;

export async function findRunByKey(q: Queryable, staffId: number, idemKey: string): Promise<RunRow | undefined> {
  const rows = await q.query<RunRow>(`SELECT ${RUN} FROM payout_run r WHERE r.staff_id = $1 AND r.idem_key = $2`, [staffId, idemKey]);
  return rows[0];
}

export async function insertRun(q: Queryable, r: { campaignId: number; staffId: number; idemKey: string; hash: Buffer }): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO payout_run (campaign_id, staff_id, idem_key, request_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
    [r.campaignId, r.staffId, r.idemKey, r.hash],
  );
  return rows[0]!.id;
}

export async function finishRun(q: Queryable, runId: number, f: { created: number; amount: number; credited: number; waiting: number }): Promise<RunRow> {
  const rows = await q.query<RunRow>(
    `UPDATE payout_run r SET created_count = $2, created_amount = $3, credited_count = $4, awaiting_approval = $5 WHERE r.id = $1 RETURNING ${RUN}`,
    [runId, f.created, f.amount, f.credited, f.waiting],
  );
  return rows[0]!;
}

/**
 * One payout per awarded application of the campaign that has none, and the campaign's
 * budget_paid raised by their sum in the same statement (its CHECK keeps it within the reserved).
 */
export async function insertPayoutsForAwarded(q: Queryable, campaignId: number, runId: number, staffId: number): Promise<{ created: number; amount: number; waiting: number }> {
  const rows = await q.query<{ created: number; amount: number; waiting: number }>(
    `WITH made AS (
       INSERT INTO payout (campaign_id, application_id, member_id, org_id, org_path, channel, amount, state, needs_approval, run_id, made_by)
       SELECT a.campaign_id, a.id, a.member_id, a.org_id, a.org_path, c.payout_channel, a.award_amount, 'pending',
              coalesce(a.award_amount > c.second_approval_above, false), $2, $3
         FROM campaign_application a JOIN campaign c ON c.id = a.campaign_id
        WHERE a.campaign_id = $1 AND a.status = 'awarded'
          AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.application_id = a.id)
        ORDER BY a.id
       ON CONFLICT (application_id) DO NOTHING
       RETURNING amount, needs_approval),
     bump AS (
       UPDATE campaign SET budget_paid = budget_paid + (SELECT coalesce(sum(amount), 0) FROM made)
        WHERE id = $1 AND EXISTS (SELECT 1 FROM made) RETURNING id)
     SELECT (SELECT count(*) FROM made)::int AS created, (SELECT coalesce(sum(amount), 0) FROM made)::bigint AS amount,
            (SELECT count(*) FROM made WHERE needs_approval)::int AS waiting, (SELECT count(*) FROM bump)::int AS bumped`,
    [campaignId, runId, staffId],
  );
  return rows[0]!;
}

export interface PayoutCore {
  id: number;
  campaignId: number;
  memberId: number;
  channel: PayoutChannel;
  amount: number;
  state: PayoutState;
  needsApproval: boolean;
  madeBy: number;
  approvedBy: number | null;
  attempts: number;
  orgPath: string;
  campaignPath: string;
}

export const CORE = `p.id, p.campaign_id AS "campaignId", p.member_id AS "memberId", p.channel, p.amount, p.state,
  p.needs_approval AS "needsApproval", p.made_by AS "madeBy", p.approved_by AS "approvedBy", p.attempts,
  p.org_path::text AS "orgPath", c.org_path::text AS "campaignPath"`;

/** Payouts of a run that may be sent now without a second approval (pending, not above the threshold). */
export async function lockSendableOfRun(q: Queryable, runId: number): Promise<PayoutCore[]> {
  return q.query<PayoutCore>(
    `SELECT ${CORE} FROM payout p JOIN campaign c ON c.id = p.campaign_id
      WHERE p.run_id = $1 AND p.state = 'pending' AND NOT p.needs_approval ORDER BY p.id FOR NO KEY UPDATE OF p`,
    [runId],
  );
}

/** Payouts by id, of the campaign, locked in id order. */
export async function lockPayouts(q: Queryable, campaignId: number, ids: number[]): Promise<PayoutCore[]> {
  return q.query<PayoutCore>(
    `SELECT ${CORE} FROM payout p JOIN campaign c ON c.id = p.campaign_id
      WHERE p.campaign_id = $1 AND p.id = ANY($2::bigint[]) ORDER BY p.id FOR NO KEY UPDATE OF p`,
    [campaignId, ids],
  );
}

/** A payout whose campaign the scope publishes, locked. */
export async function lockPayoutInScope(q: Queryable, scope: Scope, id: number): Promise<PayoutCore | undefined> {
  const rows = await q.query<PayoutCore>(
    `SELECT ${CORE} FROM payout p JOIN campaign c ON c.id = p.campaign_id
      WHERE p.id = $1 AND ${scopeFilter('c.org_path', 2)} FOR NO KEY UPDATE OF p`,
    [id, scope.path],
  );
  return rows[0];
}

export async function lockMyPayout(q: Queryable, memberId: number, id: number): Promise<PayoutCore | undefined> {
  const rows = await q.query<PayoutCore>(
    `SELECT ${CORE} FROM payout p JOIN campaign c ON c.id = p.campaign_id WHERE p.id = $1 AND p.member_id = $2 FOR NO KEY UPDATE OF p`,
    [id, memberId],
  );
  return rows[0];
}

export async function approvePayouts(q: Queryable, ids: number[], staffId: number): Promise<void> {
  await q.query(
    `UPDATE payout SET state = 'approved', approved_by = $2, approved_at = now(), updated_at = now()
      WHERE id = ANY($1::bigint[]) AND state = 'pending' AND needs_approval`,
    [ids, staffId],
  );
}

/** Locks a ledger account (the issuer, before the member accounts a run credits). */
export async function lockPointAccount(q: Queryable, accountId: number): Promise<void> {
  await q.query(`SELECT id FROM point_account WHERE id = $1 FOR NO KEY UPDATE`, [accountId]);
}

export const referenceOf = (payoutId: number, attemptNo: number) => `GH${String(payoutId).padStart(8, '0')}-${attemptNo}`;

export interface NewAttempt {
  payoutId: number;
  attemptNo: number;
  state: 'live' | 'succeeded' | 'failed';
  paymentFileId?: number | null;
  lineNo?: number | null;
  bankName?: string | null;
  accountEnc?: Buffer | null;
  accountHash?: Buffer | null;
  accountMasked?: string | null;
  reason?: string | null;
}

/** Attempts, each with its reference; a second live attempt of a payout fails the unique index. */
export async function insertAttempts(q: Queryable, list: NewAttempt[]): Promise<void> {
  if (list.length === 0) return;
  await q.query(
    `INSERT INTO payout_attempt (payout_id, attempt_no, reference, state, payment_file_id, line_no, bank_name, account_enc, account_hash, account_masked, reason, settled_at)
     SELECT x.payout_id, x.attempt_no, x.reference, x.state, x.file_id, x.line_no, x.bank_name, x.account_enc, x.account_hash, x.account_masked, x.reason,
            CASE WHEN x.state = 'live' THEN NULL ELSE now() END
       FROM unnest($1::bigint[], $2::int[], $3::text[], $4::text[], $5::bigint[], $6::int[], $7::text[], $8::bytea[], $9::bytea[], $10::text[], $11::text[])
            AS x(payout_id, attempt_no, reference, state, file_id, line_no, bank_name, account_enc, account_hash, account_masked, reason)`,
    [
      list.map((a) => a.payoutId),
      list.map((a) => a.attemptNo),
      list.map((a) => referenceOf(a.payoutId, a.attemptNo)),
      list.map((a) => a.state),
      list.map((a) => a.paymentFileId ?? null),
      list.map((a) => a.lineNo ?? null),
      list.map((a) => a.bankName ?? null),
      list.map((a) => a.accountEnc ?? null),
      list.map((a) => a.accountHash ?? null),
      list.map((a) => a.accountMasked ?? null),
      list.map((a) => a.reason ?? null),
    ],
  );
}

/** Moves payouts to a state (attempts counted when a new attempt was made). */
export async function setPayoutState(
  q: Queryable,
  ids: number[],
  to: PayoutState,
  o: { newAttempt?: boolean; reason?: string | null; confirmedBy?: 'member' | 'staff' | 'bank' | 'ledger'; pointOperationId?: number } = {},
): Promise<void> {
  if (ids.length === 0) return;
  await q.query(
    `UPDATE payout SET state = $2, updated_at = now(),
            attempts = attempts + CASE WHEN $3 THEN 1 ELSE 0 END,
            last_reason = CASE WHEN $2 IN ('failed', 'returned') THEN $4 WHEN $2 = 'confirmed' THEN last_reason ELSE NULL END,
            confirmed_by = CASE WHEN $2 = 'confirmed' THEN $5 ELSE confirmed_by END,
            confirmed_at = CASE WHEN $2 = 'confirmed' THEN now() ELSE confirmed_at END,
            point_operation_id = coalesce($6, point_operation_id)
      WHERE id = ANY($1::bigint[])`,
    [ids, to, o.newAttempt === true, o.reason ?? null, o.confirmedBy ?? null, o.pointOperationId ?? null],
  );
}

export interface AttemptRow {
  id: number;
  payoutId: number;
  attemptNo: number;
  reference: string;
  state: 'live' | 'succeeded' | 'failed' | 'returned';
  paymentFileId: number | null;
  bankName: string | null;
  accountMasked: string | null;
  reason: string | null;
  createdAt: string;
  settledAt: string | null;
}

const ATTEMPT = `t.id, t.payout_id AS "payoutId", t.attempt_no AS "attemptNo", t.reference, t.state, t.payment_file_id AS "paymentFileId",
  t.bank_name AS "bankName", t.account_masked AS "accountMasked", t.reason, ${TS('t.created_at')} AS "createdAt",
  CASE WHEN t.settled_at IS NULL THEN NULL ELSE ${TS('t.settled_at')} END AS "settledAt"`;

/** The latest attempt of a payout. */
export async function latestAttempt(q: Queryable, payoutId: number): Promise<AttemptRow | undefined> {
  const rows = await q.query<AttemptRow>(`SELECT ${ATTEMPT} FROM payout_attempt t WHERE t.payout_id = $1 ORDER BY t.attempt_no DESC LIMIT 1`, [payoutId]);
  return rows[0];
}

export async function findAttempts(q: Queryable, payoutId: number): Promise<AttemptRow[]> {
  return q.query<AttemptRow>(`SELECT ${ATTEMPT} FROM payout_attempt t WHERE t.payout_id = $1 ORDER BY t.attempt_no`, [payoutId]);
}

export interface Settlement {
  attemptId: number;
  state: 'succeeded' | 'failed' | 'returned';
  reason: string | null;
}

export async function settleAttempts(q: Queryable, list: Settlement[]): Promise<void> {
  if (list.length === 0) return;
  await q.query(
    `UPDATE payout_attempt t SET state = x.state, reason = coalesce(x.reason, t.reason), settled_at = now()
       FROM unnest($1::bigint[], $2::text[], $3::text[]) AS x(id, state, reason) WHERE t.id = x.id`,
    [list.map((s) => s.attemptId), list.map((s) => s.state), list.map((s) => s.reason)],
  );
}

// ---- reads -----------------------------------------------------------------------------------

export interface NoticeFacts {
  id: number;
  channel: PayoutChannel;
  amount: number;
  state: PayoutState;
  reason: string | null;
  name: string;
  phoneEnc: Buffer;
  title: string;
  campaignPath: string;
  reference: string | null;
  accountMasked: string | null;
}

/** What an SMS about each payout says, for the members with a phone. */
export async function findNoticeFacts(q: Queryable, ids: number[]): Promise<NoticeFacts[]> {
  if (ids.length === 0) return [];
  return q.query<NoticeFacts>(
    `SELECT p.id, p.channel, p.amount, p.state, p.last_reason AS reason, m.name, m.phone_enc AS "phoneEnc", c.title,
            c.org_path::text AS "campaignPath", la.reference, la.account_masked AS "accountMasked"
       FROM payout p JOIN member m ON m.id = p.member_id JOIN campaign c ON c.id = p.campaign_id
       LEFT JOIN LATERAL (SELECT t.reference, t.account_masked FROM payout_attempt t WHERE t.payout_id = p.id ORDER BY t.attempt_no DESC LIMIT 1) la ON true
      WHERE p.id = ANY($1::bigint[]) AND m.phone_enc IS NOT NULL ORDER BY p.id`,
    [ids],
  );
}

/** The payouts among `ids` whose member is still active within the campaign's reach. */
export async function findCreditable(q: Queryable, ids: number[], campaignPath: string): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT p.id FROM payout p JOIN member m ON m.id = p.member_id JOIN org g ON g.id = m.org_id
      WHERE p.id = ANY($1::bigint[]) AND m.status = 'active' AND ${withinSubtree('g.path', 2)} ORDER BY p.id`,
    [ids, campaignPath],
  );
  return rows.map((r) => r.id);
}

/**
 * Credits points payouts through the ledger, set-based: one `issue` operation per payout under the
 * key 'payout:<id>' (unique: a payout is never credited twice), the member's entry and the issuer's
 * opposite one (each operation sums to zero), member accounts made where missing, every account the
 * operations touch locked in id order and moved by its entries in one UPDATE (the member balance
 * CHECK applies), and each payout `confirmed` with its operation and a succeeded attempt.
 */
export async function creditPayouts(q: Queryable, c: { ids: number[]; issuerId: number; orgId: number; orgPath: string; reason: string; staffId: number }): Promise<void> {
  if (c.ids.length === 0) return;
  await q.query(
    `INSERT INTO point_operation (kind, org_id, org_path, amount, member_count, reason, actor_kind, actor_id, idem_key, request_hash)
     SELECT 'issue', $2, $3::ltree, p.amount, 1, $4, 'staff', $5, 'payout:' || p.id, sha256(convert_to('payout-credit:' || p.id || ':' || p.amount, 'UTF8'))
       FROM payout p WHERE p.id = ANY($1::bigint[]) ORDER BY p.id`,
    [c.ids, c.orgId, c.orgPath, c.reason, c.staffId],
  );
  await q.query(
    `INSERT INTO point_account (kind, member_id) SELECT DISTINCT 'member', p.member_id FROM payout p WHERE p.id = ANY($1::bigint[])
     ON CONFLICT (member_id) DO NOTHING`,
    [c.ids],
  );
  await q.query(
    `INSERT INTO point_entry (operation_id, account_id, amount, counts_as)
     SELECT o.id, x.account_id, x.amount, 'issue'
       FROM payout p JOIN point_operation o ON o.idem_key = 'payout:' || p.id
       JOIN point_account a ON a.member_id = p.member_id
       CROSS JOIN LATERAL (VALUES (a.id, p.amount), ($2::bigint, -p.amount)) AS x(account_id, amount)
      WHERE p.id = ANY($1::bigint[])`,
    [c.ids, c.issuerId],
  );
  await q.query(
    `SELECT a.id FROM point_account a
      WHERE a.id = $2 OR a.member_id IN (SELECT p.member_id FROM payout p WHERE p.id = ANY($1::bigint[]))
      ORDER BY a.id FOR NO KEY UPDATE`,
    [c.ids, c.issuerId],
  );
  await q.query(
    `UPDATE point_account a SET balance = a.balance + d.amount
       FROM (SELECT e.account_id, sum(e.amount)::bigint AS amount
               FROM point_entry e JOIN point_operation o ON o.id = e.operation_id
               JOIN payout p ON o.idem_key = 'payout:' || p.id
              WHERE p.id = ANY($1::bigint[]) GROUP BY e.account_id) d
      WHERE a.id = d.account_id`,
    [c.ids],
  );
  await q.query(
    `WITH credited AS (
       UPDATE payout p SET state = 'confirmed', attempts = p.attempts + 1, point_operation_id = o.id,
              confirmed_by = 'ledger', confirmed_at = now(), updated_at = now()
         FROM point_operation o WHERE o.idem_key = 'payout:' || p.id AND p.id = ANY($1::bigint[])
       RETURNING p.id, p.attempts)
     INSERT INTO payout_attempt (payout_id, attempt_no, reference, state, settled_at)
     SELECT id, attempts, 'GH' || lpad(id::text, 8, '0') || '-' || attempts, 'succeeded', now() FROM credited`,
    [c.ids],
  );
}
