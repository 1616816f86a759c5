// Campaigns: SQL only. Staff see a campaign published in their scope, or published above it (its reach
// covers their subtree); they run (edit, cancel, draw, notice) only those published in their scope.
import type { Queryable } from '../../db/client.ts';
import { containing, memberInReach, type OrgPath, type Scope, scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface LevelRow {
  levelNo: number;
  name: string;
  reviewerOrgId: number | null;
  reviewerOrgName: string | null;
  reviewerOrgPath: string | null;
  reviewerTier: 'town' | 'county' | 'city' | null;
  deadlineDays: number;
}

/** What a stored campaign and a new one share, field for field (the seed writes them too). */
export interface CampaignFields {
  kind: string;
  title: string;
  description: string;
  targetGroups: string[];
  minMembershipMonths: number | null;
  minAge: number | null;
  maxAge: number | null;
  requiredDocuments: { key: string; label: string }[];
}

export interface CampaignRow extends CampaignFields {
  id: number;
  orgId: number;
  orgPath: string;
  orgName: string;
  applyOpensAt: Date;
  applyClosesAt: Date;
  quota: number;
  awardAmount: number;
  budgetUnit: 'yuan' | 'points' | 'goods';
  budgetTotal: number;
  budgetReserved: number;
  payoutChannel: 'points' | 'bank' | 'goods';
  secondApprovalAbove: number | null;
  lottery: boolean;
  drawSeed: Buffer | Uint8Array | null;
  seedCommitment: string | null;
  drawnAt: Date | null;
  drawEntries: number[] | null;
  drawWinners: number[] | null;
  noticeDays: number;
  noticeStartedAt: Date | null;
  status: 'published' | 'cancelled';
  cancelReason: string | null;
  createdAt: Date;
  levels: LevelRow[];
}

const CAMPAIGN_COLUMNS = `
  c.id, c.org_id AS "orgId", c.org_path::text AS "orgPath", o.name AS "orgName", c.kind, c.title, c.description,
  c.target_groups AS "targetGroups", c.min_membership_months AS "minMembershipMonths", c.min_age AS "minAge",
  c.max_age AS "maxAge", c.required_documents AS "requiredDocuments", c.apply_opens_at AS "applyOpensAt",
  c.apply_closes_at AS "applyClosesAt", c.quota, c.award_amount AS "awardAmount", c.budget_unit AS "budgetUnit",
  c.budget_total AS "budgetTotal", c.budget_reserved AS "budgetReserved", c.payout_channel AS "payoutChannel",
  c.second_approval_above AS "secondApprovalAbove", c.lottery, c.draw_seed AS "drawSeed",
  c.seed_commitment AS "seedCommitment", c.drawn_at AS "drawnAt", c.draw_entries AS "drawEntries",
  c.draw_winners AS "drawWinners", c.notice_days AS "noticeDays", c.notice_started_at AS "noticeStartedAt",
  c.status, c.cancel_reason AS "cancelReason", c.created_at AS "createdAt",
  (SELECT coalesce(json_agg(json_build_object('levelNo', l.level_no, 'name', l.name, 'reviewerOrgId', l.reviewer_org_id,
            'reviewerOrgName', ro.name, 'reviewerOrgPath', ro.path::text, 'reviewerTier', l.reviewer_tier, 'deadlineDays', l.deadline_days) ORDER BY l.level_no), '[]'::json)
     FROM campaign_level l LEFT JOIN org ro ON ro.id = l.reviewer_org_id WHERE l.campaign_id = c.id) AS levels`;

function fix(r: CampaignRow): CampaignRow {
  // json gives numbers back as numbers; ids may come as strings from some drivers
  r.levels = r.levels.map((l) => ({ ...l, levelNo: Number(l.levelNo), reviewerOrgId: l.reviewerOrgId === null ? null : Number(l.reviewerOrgId), deadlineDays: Number(l.deadlineDays) }));
  r.drawEntries = r.drawEntries?.map(Number) ?? null;
  r.drawWinners = r.drawWinners?.map(Number) ?? null;
  return r;
}

/** Visible to the scope: published in it, or above it (the reach covers the scope). */
const visible = (p: number) => `(${scopeFilter('c.org_path', p)} OR ${containing('c.org_path', `$${p}::ltree`)})`;

export async function getCampaign(q: Queryable, id: number, forUpdate = false): Promise<CampaignRow | undefined> {
  const rows = await q.query<CampaignRow>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM campaign c JOIN org o ON o.id = c.org_id WHERE c.id = $1 ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    [id],
  );
  return rows[0] ? fix(rows[0]) : undefined;
}

/** A campaign the scope sees (published in it or above it). */
export async function getCampaignVisible(q: Queryable, scope: Scope, id: number): Promise<CampaignRow | undefined> {
  const rows = await q.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaign c JOIN org o ON o.id = c.org_id WHERE c.id = $1 AND ${visible(2)}`, [id, scope.path]);
  return rows[0] ? fix(rows[0]) : undefined;
}

/** A campaign the scope runs (published in it); locked with `forUpdate`. */
export async function getCampaignManaged(q: Queryable, scope: Scope, id: number, forUpdate = false): Promise<CampaignRow | undefined> {
  const rows = await q.query<CampaignRow>(
    `SELECT ${CAMPAIGN_COLUMNS} FROM campaign c JOIN org o ON o.id = c.org_id WHERE c.id = $1 AND ${scopeFilter('c.org_path', 2)} ${forUpdate ? 'FOR UPDATE OF c' : ''}`,
    [id, scope.path],
  );
  return rows[0] ? fix(rows[0]) : undefined;
}

/** A campaign whose reach holds `memberOrgPath`. */
export async function getCampaignInReach(q: Queryable, memberOrgPath: string, id: number): Promise<CampaignRow | undefined> {
  const rows = await q.query<CampaignRow>(`SELECT ${CAMPAIGN_COLUMNS} FROM campaign c JOIN org o ON o.id = c.org_id WHERE c.id = $1 AND ${memberInReach('c.org_path', '$2::ltree')}`, [id, memberOrgPath]);
  return rows[0] ? fix(rows[0]) : undefined;
}

export interface ListFilter {
  underPath?: OrgPath | undefined;
  kind?: string | undefined;
  status?: string | undefined;
  limit: number;
  offset: number;
}

export async function findCampaignsVisible(q: Queryable, scope: Scope, f: ListFilter): Promise<{ items: CampaignRow[]; total: number }> {
  const where = `${visible(1)} AND ($2::ltree IS NULL OR ${withinSubtree('c.org_path', 2)}) AND ($3::text IS NULL OR c.kind = $3) AND ($4::text IS NULL OR c.status = $4)`;
  const params = [scope.path, f.underPath ?? null, f.kind ?? null, f.status ?? null];
  const rows = await q.query<CampaignRow & { total: number }>(
    `SELECT ${CAMPAIGN_COLUMNS}, count(*) OVER ()::int AS total
       FROM campaign c JOIN org o ON o.id = c.org_id
      WHERE ${where}
      ORDER BY c.apply_opens_at DESC, c.id DESC LIMIT $5 OFFSET $6`,
    [...params, f.limit, f.offset],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.offset > 0) {
    const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign c WHERE ${where}`, params);
    total = r!.n;
  }
  return { items: rows.map(fix), total };
}

export async function findCampaignsInReach(q: Queryable, memberOrgPath: string, f: ListFilter): Promise<{ items: CampaignRow[]; total: number }> {
  const rows = await q.query<CampaignRow & { total: number }>(
    `SELECT ${CAMPAIGN_COLUMNS}, count(*) OVER ()::int AS total
       FROM campaign c JOIN org o ON o.id = c.org_id
      WHERE ${memberInReach('c.org_path', '$1::ltree')} AND ($2::text IS NULL OR c.kind = $2)
      ORDER BY (c.status = 'published' AND c.apply_closes_at > now()) DESC, c.apply_opens_at DESC, c.id DESC LIMIT $3 OFFSET $4`,
    [memberOrgPath, f.kind ?? null, f.limit, f.offset],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.offset > 0) {
    const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign c WHERE ${memberInReach('c.org_path', '$1::ltree')} AND ($2::text IS NULL OR c.kind = $2)`, [memberOrgPath, f.kind ?? null]);
    total = r!.n;
  }
  return { items: rows.map(fix), total };
}

/** Applications per status: of the scope's subtree (staff), for each campaign. */
export async function countsByStatus(q: Queryable, campaignIds: number[], underPath: OrgPath | null): Promise<Map<number, Record<string, number>>> {
  const rows = await q.query<{ campaignId: number; status: string; n: number }>(
    `SELECT campaign_id AS "campaignId", status, count(*)::int AS n FROM campaign_application
      WHERE campaign_id = ANY($1::bigint[]) AND ($2::ltree IS NULL OR ${withinSubtree('org_path', 2)})
      GROUP BY campaign_id, status`,
    [campaignIds, underPath],
  );
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.campaignId) ?? {};
    m[r.status] = r.n;
    out.set(r.campaignId, m);
  }
  return out;
}

/** Whole-campaign counts the phase needs: applications still moving, and those in notice. */
export async function phaseCounts(q: Queryable, campaignIds: number[]): Promise<Map<number, { open: number; inNotice: number }>> {
  const rows = await q.query<{ campaignId: number; open: number; inNotice: number }>(
    `SELECT campaign_id AS "campaignId",
            count(*) FILTER (WHERE status IN ('in_review', 'returned', 'approved'))::int AS open,
            count(*) FILTER (WHERE status = 'in_notice')::int AS "inNotice"
       FROM campaign_application WHERE campaign_id = ANY($1::bigint[]) GROUP BY campaign_id`,
    [campaignIds],
  );
  return new Map(rows.map((r) => [r.campaignId, { open: r.open, inNotice: r.inNotice }]));
}

export interface NewCampaign extends CampaignFields {
  orgId: number;
  orgPath: string;
  applyOpensAt: string;
  applyClosesAt: string;
  quota: number;
  awardAmount: number;
  budgetUnit: string;
  budgetTotal: number;
  payoutChannel: string;
  secondApprovalAbove: number | null;
  lottery: boolean;
  drawSeed: Buffer | null;
  seedCommitment: string | null;
  noticeDays: number;
  createdBy: number;
}

export async function insertCampaign(q: Queryable, c: NewCampaign): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO campaign (org_id, org_path, kind, title, description, target_groups, min_membership_months, min_age, max_age,
                           required_documents, apply_opens_at, apply_closes_at, quota, award_amount, budget_unit, budget_total,
                           payout_channel, second_approval_above, lottery, draw_seed, seed_commitment, notice_days, created_by)
     VALUES ($1, $2::ltree, $3, $4, $5, $6::text[], $7, $8, $9, $10::jsonb, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
     RETURNING id`,
    [
      c.orgId, c.orgPath, c.kind, c.title, c.description, c.targetGroups, c.minMembershipMonths, c.minAge, c.maxAge,
      JSON.stringify(c.requiredDocuments), c.applyOpensAt, c.applyClosesAt, c.quota, c.awardAmount, c.budgetUnit, c.budgetTotal,
      c.payoutChannel, c.secondApprovalAbove, c.lottery, c.drawSeed, c.seedCommitment, c.noticeDays, c.createdBy,
    ],
  );
  return r!.id;
}

export type CampaignEdit = Omit<NewCampaign, 'orgId' | 'orgPath' | 'budgetUnit' | 'lottery' | 'drawSeed' | 'seedCommitment' | 'createdBy'>;

export async function updateCampaign(q: Queryable, id: number, c: CampaignEdit): Promise<void> {
  await q.query(
    `UPDATE campaign SET kind = $2, title = $3, description = $4, target_groups = $5::text[], min_membership_months = $6, min_age = $7,
            max_age = $8, required_documents = $9::jsonb, apply_opens_at = $10, apply_closes_at = $11, quota = $12, award_amount = $13,
            budget_total = $14, payout_channel = $15, second_approval_above = $16, notice_days = $17, updated_at = now()
      WHERE id = $1`,
    [
      id, c.kind, c.title, c.description, c.targetGroups, c.minMembershipMonths, c.minAge, c.maxAge, JSON.stringify(c.requiredDocuments),
      c.applyOpensAt, c.applyClosesAt, c.quota, c.awardAmount, c.budgetTotal, c.payoutChannel, c.secondApprovalAbove, c.noticeDays,
    ],
  );
}

export interface LevelFields {
  name: string;
  reviewerOrgId: number | null;
  reviewerTier: string | null;
  deadlineDays: number;
}

export async function replaceLevels(q: Queryable, id: number, levels: LevelFields[]): Promise<void> {
  await q.query(`DELETE FROM campaign_level WHERE campaign_id = $1`, [id]);
  await q.query(
    `INSERT INTO campaign_level (campaign_id, level_no, name, reviewer_org_id, reviewer_tier, deadline_days)
     SELECT $1, x.n, x.name, x.org, x.tier, x.days FROM unnest($2::int[], $3::text[], $4::bigint[], $5::text[], $6::int[]) AS x(n, name, org, tier, days)`,
    [id, levels.map((_, i) => i + 1), levels.map((l) => l.name), levels.map((l) => l.reviewerOrgId), levels.map((l) => l.reviewerTier), levels.map((l) => l.deadlineDays)],
  );
}

export async function hasAnyApplication(q: Queryable, id: number): Promise<boolean> {
  const [r] = await q.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM campaign_application WHERE campaign_id = $1) AS x`, [id]);
  return r!.x;
}

export async function markCancelled(q: Queryable, id: number, reason: string): Promise<void> {
  await q.query(`UPDATE campaign SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now() WHERE id = $1`, [id, reason]);
}

/** The orgs named as reviewers, each with whether it lies in the publisher's subtree. */
export async function reviewerOrgs(q: Queryable, ids: number[], publisherPath: string): Promise<{ id: number; inReach: boolean; status: string }[]> {
  return q.query(
    `SELECT id, ${withinSubtree('path', 2)} AS "inReach", status FROM org WHERE id = ANY($1::bigint[])`,
    [ids, publisherPath],
  );
}
