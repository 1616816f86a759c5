// Payouts, the read side: a campaign's payouts as staff list them, its figures, and the member's
// own payouts — SQL only, every staff read filtered by the scope.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';
import type { PayoutChannel, PayoutState } from '../../../contracts/payouts.ts';

/** A timestamp as the API writes it, formatted in SQL (so that a replayed answer is byte-identical). */
export const TS = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export interface PayoutListRow {
  id: number;
  campaignId: number;
  applicationId: number;
  memberId: number;
  memberName: string;
  memberNo: string;
  orgId: number;
  orgName: string;
  channel: PayoutChannel;
  amount: number;
  state: PayoutState;
  needsApproval: boolean;
  madeBy: string;
  madeById: number;
  approvedBy: string | null;
  attempts: number;
  reference: string | null;
  accountMasked: string | null;
  hasBankAccount: boolean;
  lastReason: string | null;
  confirmedAt: string | null;
  createdAt: string;
}

const LIST = `p.id, p.campaign_id AS "campaignId", p.application_id AS "applicationId", p.member_id AS "memberId", m.name AS "memberName",
  coalesce(m.member_no, '') AS "memberNo", p.org_id AS "orgId", g.name AS "orgName", p.channel, p.amount, p.state,
  p.needs_approval AS "needsApproval", mk.display_name AS "madeBy", p.made_by AS "madeById", ap.display_name AS "approvedBy", p.attempts,
  la.reference, coalesce(la.account_masked, ba.account_masked) AS "accountMasked", (ba.member_id IS NOT NULL) AS "hasBankAccount",
  p.last_reason AS "lastReason", CASE WHEN p.confirmed_at IS NULL THEN NULL ELSE ${TS('p.confirmed_at')} END AS "confirmedAt",
  ${TS('p.created_at')} AS "createdAt"`;
const LIST_FROM = `payout p JOIN member m ON m.id = p.member_id JOIN org g ON g.id = p.org_id JOIN staff mk ON mk.id = p.made_by
  LEFT JOIN staff ap ON ap.id = p.approved_by LEFT JOIN member_bank_account ba ON ba.member_id = p.member_id
  LEFT JOIN LATERAL (SELECT t.reference, t.account_masked FROM payout_attempt t WHERE t.payout_id = p.id ORDER BY t.attempt_no DESC LIMIT 1) la ON true`;

// $1 campaign, $2 scope path, $3 state or null, $4 search text or null
const LIST_WHERE = `p.campaign_id = $1 AND ${scopeFilter('p.org_path', 2)} AND ($3::text IS NULL OR p.state = $3)
  AND ($4::text IS NULL OR m.name LIKE '%' || $4 || '%' OR m.member_no = $4
       OR EXISTS (SELECT 1 FROM payout_attempt t2 WHERE t2.payout_id = p.id AND t2.reference = upper($4)))`;

export async function findPayouts(q: Queryable, scope: Scope, campaignId: number, f: { state: string | null; q: string | null; limit: number; offset: number }) {
  const params = [campaignId, scope.path, f.state, f.q];
  const [items, count] = await Promise.all([
    q.query<PayoutListRow>(`SELECT ${LIST} FROM ${LIST_FROM} WHERE ${LIST_WHERE} ORDER BY p.id LIMIT $5 OFFSET $6`, [...params, f.limit, f.offset]),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM payout p JOIN member m ON m.id = p.member_id WHERE ${LIST_WHERE}`, params),
  ]);
  return { items, total: count[0]!.n };
}

export async function getPayoutVisible(q: Queryable, scope: Scope, id: number): Promise<PayoutListRow | undefined> {
  const rows = await q.query<PayoutListRow>(`SELECT ${LIST} FROM ${LIST_FROM} WHERE p.id = $1 AND ${scopeFilter('p.org_path', 2)}`, [id, scope.path]);
  return rows[0];
}

export interface CampaignFigures {
  totals: { state: PayoutState; count: number; amount: number }[];
  awardedWithoutPayout: number;
  bankReady: number;
  bankMissingAccount: number;
}

export async function getFigures(q: Queryable, scope: Scope, campaignId: number): Promise<CampaignFigures> {
  const [totals, other] = await Promise.all([
    q.query<{ state: PayoutState; count: number; amount: number }>(
      `SELECT p.state, count(*)::int AS count, sum(p.amount)::bigint AS amount FROM payout p
        WHERE p.campaign_id = $1 AND ${scopeFilter('p.org_path', 2)} GROUP BY p.state ORDER BY p.state`,
      [campaignId, scope.path],
    ),
    q.query<{ awaiting: number; ready: number; missing: number }>(
      `SELECT (SELECT count(*) FROM campaign_application a WHERE a.campaign_id = $1 AND a.status = 'awarded' AND ${scopeFilter('a.org_path', 2)}
                 AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.application_id = a.id))::int AS awaiting,
              (SELECT count(*) FROM payout p JOIN member_bank_account b ON b.member_id = p.member_id
                WHERE p.campaign_id = $1 AND p.channel = 'bank' AND ${scopeFilter('p.org_path', 2)}
                  AND (p.state = 'approved' OR (p.state = 'pending' AND NOT p.needs_approval)))::int AS ready,
              (SELECT count(*) FROM payout p WHERE p.campaign_id = $1 AND p.channel = 'bank' AND ${scopeFilter('p.org_path', 2)}
                  AND p.state IN ('pending', 'approved') AND NOT EXISTS (SELECT 1 FROM member_bank_account b WHERE b.member_id = p.member_id))::int AS missing`,
      [campaignId, scope.path],
    ),
  ]);
  return { totals, awardedWithoutPayout: other[0]!.awaiting, bankReady: other[0]!.ready, bankMissingAccount: other[0]!.missing };
}

export interface MyPayoutRow {
  id: number;
  campaignId: number;
  campaignTitle: string;
  orgName: string;
  channel: PayoutChannel;
  amount: number;
  state: PayoutState;
  accountMasked: string | null;
  reason: string | null;
  hasBankAccount: boolean;
  createdAt: string;
  confirmedAt: string | null;
}

const MINE = `SELECT p.id, p.campaign_id AS "campaignId", c.title AS "campaignTitle", o.name AS "orgName", p.channel, p.amount, p.state,
       coalesce(la.account_masked, CASE WHEN p.channel = 'bank' THEN ba.account_masked END) AS "accountMasked",
       p.last_reason AS reason, (ba.member_id IS NOT NULL) AS "hasBankAccount", ${TS('p.created_at')} AS "createdAt",
       CASE WHEN p.confirmed_at IS NULL THEN NULL ELSE ${TS('p.confirmed_at')} END AS "confirmedAt"
  FROM payout p JOIN campaign c ON c.id = p.campaign_id JOIN org o ON o.id = c.org_id
  LEFT JOIN member_bank_account ba ON ba.member_id = p.member_id
  LEFT JOIN LATERAL (SELECT t.account_masked FROM payout_attempt t WHERE t.payout_id = p.id ORDER BY t.attempt_no DESC LIMIT 1) la ON true`;

export async function findMyPayouts(q: Queryable, memberId: number, limit: number, offset: number) {
  const [items, count] = await Promise.all([
    q.query<MyPayoutRow>(`${MINE} WHERE p.member_id = $1 ORDER BY p.id DESC LIMIT $2 OFFSET $3`, [memberId, limit, offset]),
    q.query<{ n: number }>(`SELECT count(*)::int AS n FROM payout WHERE member_id = $1`, [memberId]),
  ]);
  return { items, total: count[0]!.n };
}

export async function getMyPayout(q: Queryable, memberId: number, id: number): Promise<MyPayoutRow | undefined> {
  const rows = await q.query<MyPayoutRow>(`${MINE} WHERE p.member_id = $1 AND p.id = $2`, [memberId, id]);
  return rows[0];
}
