// Payouts in tests: a campaign whose applications are already awarded (the campaigns module's
// workflow is tested there; here the rows are made directly, budget reserved as it would have been),
// runs under an Idempotency-Key, bank return files.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import type { Queryable } from '../../server/db/client.ts';
import { DEMO_ORGS } from '../../server/db/seed/demo-keys.ts';
import { orgIdOf } from './activities.ts';
import type { Session, TestApp } from './harness.ts';

export const newKey = (): string => randomUUID();

export interface AwardedCampaign {
  campaignId: number;
  applicationIds: number[];
}

/**
 * A campaign of the org `orgId` (or, for callers that hold a name, `orgName`) paying by `channel`, with
 * one awarded application per member (amounts in the budget unit: fen for bank). `reserved` defaults
 * to the sum of the awards.
 */
export async function makeAwardedCampaign(
  t: { db: Queryable },
  o: ({ orgId: number; orgName?: never } | { orgName: string; orgId?: never }) & { channel: 'points' | 'bank' | 'goods'; members: { memberId: number; amount: number }[]; secondApprovalAbove?: number | null; reserved?: number; title?: string; budgetTotal?: number },
): Promise<AwardedCampaign> {
  const unit = o.channel === 'bank' ? 'yuan' : o.channel;
  const sum = o.members.reduce((s, m) => s + m.amount, 0);
  const reserved = o.reserved ?? sum;
  const total = o.budgetTotal ?? Math.max(sum, reserved, 1) * 2;
  const [c] = await t.db.query<{ id: number }>(
    `INSERT INTO campaign (org_id, org_path, kind, title, apply_opens_at, apply_closes_at, quota, award_amount, budget_unit, budget_total,
                           budget_reserved, payout_channel, second_approval_above, notice_days, created_by)
     SELECT o.id, o.path, 'tuition', $2, now() - interval '30 days', now() - interval '20 days', $3, $4, $5, $6, $7, $8, $9, 5,
            (SELECT id FROM staff WHERE username = 'admin')
       FROM org o WHERE o.id = $1 RETURNING id`,
    [o.orgId ?? (await t.db.query<{ id: number }>(`SELECT id FROM org WHERE name = $1`, [o.orgName]))[0]?.id, o.title ?? `金秋助学（测试 ${randomUUID().slice(0, 6)}）`, Math.max(o.members.length, 1), Math.max(...o.members.map((m) => m.amount), 1), unit, total, reserved, o.channel, o.secondApprovalAbove ?? null],
  );
  const applicationIds: number[] = [];
  for (const m of o.members) {
    const [a] = await t.db.query<{ id: number }>(
      `INSERT INTO campaign_application (campaign_id, member_id, org_id, org_path, status, award_amount, notice_started_at, notice_ends_at, awarded_at)
       SELECT $1, m.id, m.org_id, g.path, 'awarded', $3, now() - interval '6 days', now() - interval '1 day', now()
         FROM member m JOIN org g ON g.id = m.org_id WHERE m.id = $2 RETURNING id`,
      [c!.id, m.memberId, m.amount],
    );
    applicationIds.push(a!.id);
  }
  return { campaignId: c!.id, applicationIds };
}

/** Active members of a subtree (`org`: an id or a name), highest ids first. */
export async function membersOf(t: TestApp, org: number | string, n: number, skip = 0): Promise<number[]> {
  const rows = await t.db.query<{ id: number }>(
    `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' ORDER BY m.id DESC LIMIT $2 OFFSET $3`,
    [await orgIdOf(t, org), n, skip],
  );
  return rows.map((r) => r.id);
}

export function runPayouts(t: TestApp, as: Session, campaignId: number, key = newKey()) {
  return t.request('POST', `/api/campaigns/${campaignId}/payouts/run`, { as, headers: { 'idempotency-key': key } });
}

export const PAYER = { payerName: DEMO_ORGS.huazhou, payerAccount: '44001234567890123', payerBank: '中国工商银行化州支行' };

/** The rows of an xlsx's first sheet as text. */
export async function sheetRows(content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push(((row.values as unknown[]) ?? []).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
  return out;
}

/** What the payout tables hold, to show a refusal changed nothing. */
export async function payoutDigest(t: TestApp) {
  const [row] = await t.db.query<Record<string, unknown>>(
    `SELECT (SELECT md5(coalesce(string_agg(p.id || p.state || p.attempts || coalesce(p.approved_by, 0), ',' ORDER BY p.id), '')) FROM payout p) AS payouts,
            (SELECT md5(coalesce(string_agg(a.id || a.state || a.reference, ',' ORDER BY a.id), '')) FROM payout_attempt a) AS attempts,
            (SELECT count(*) FROM payment_file)::int AS files,
            (SELECT md5(coalesce(string_agg(f.id || ':' || f.return_count || ':' || f.settled_count, ',' ORDER BY f.id), '')) FROM payment_file f) AS file_state,
            (SELECT md5(string_agg(c.id || ':' || c.budget_paid, ',' ORDER BY c.id)) FROM campaign c) AS budgets,
            (SELECT count(*) FROM point_operation)::int AS point_operations,
            (SELECT count(*) FROM member_bank_account)::int AS accounts`,
  );
  return row;
}
