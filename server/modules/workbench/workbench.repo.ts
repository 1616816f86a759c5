// 工作台: the counts of what waits in a subtree, one statement each; every one filtered by the scope.
import type { Queryable } from '../../db/client.ts';
import { type Scope, scopeFilter } from '../../http/scope.ts';

/** The pending rows of `from` (aliased x, joined to its union o) whose union is in the subtree. */
async function countPendingIn(q: Queryable, scope: Scope, from: string): Promise<number> {
  const rows = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ${from} WHERE x.status = 'pending' AND ${scopeFilter('o.path', 1)}`,
    [scope.path],
  );
  return rows[0]!.n;
}

/** Applications to join waiting at a union in the subtree. */
export function countPendingApplications(q: Queryable, scope: Scope): Promise<number> {
  return countPendingIn(q, scope, 'member_application x JOIN org o ON o.id = x.org_id');
}

/** Transfers waiting for the receiving union, when that union is in the subtree. */
export function countTransfersIn(q: Queryable, scope: Scope): Promise<number> {
  return countPendingIn(q, scope, 'member_transfer x JOIN org o ON o.id = x.to_org_id');
}

export interface CampaignCountRow {
  campaignId: number;
  title: string;
  count: number;
  overdue: number;
}

/**
 * Applications in review at a level whose reviewing union — the level's named union, the
 * applicant's union at the level's tier, or the applicant's own — is in the subtree, per campaign,
 * with those past the level's deadline (entered + deadline_days), most waiting first.
 */
export async function countReviewsByCampaign(q: Queryable, scope: Scope): Promise<CampaignCountRow[]> {
  return q.query<CampaignCountRow>(
    `SELECT c.id AS "campaignId", c.title, count(*)::int AS count,
            count(*) FILTER (WHERE l.deadline_days IS NOT NULL AND a.level_entered_at + l.deadline_days * interval '1 day' < now())::int AS overdue
       FROM campaign_application a
       JOIN campaign c ON c.id = a.campaign_id
       JOIN campaign_level l ON l.campaign_id = a.campaign_id AND l.level_no = a.current_level
       LEFT JOIN org ro ON ro.id = coalesce(l.reviewer_org_id, CASE WHEN l.reviewer_tier IS NOT NULL THEN gh_tier_union(a.org_path, l.reviewer_tier) END)
      WHERE a.status = 'in_review' AND ${scopeFilter('coalesce(ro.path, a.org_path)', 1)}
      GROUP BY c.id, c.title
      ORDER BY count(*) DESC, c.id`,
    [scope.path],
  );
}

/** Payouts awaiting the second approval, of campaigns published in the subtree, made by someone else. */
export async function countApprovalsByCampaign(q: Queryable, scope: Scope, staffId: number): Promise<CampaignCountRow[]> {
  return q.query<CampaignCountRow>(
    `SELECT c.id AS "campaignId", c.title, count(*)::int AS count, 0 AS overdue
       FROM payout p JOIN campaign c ON c.id = p.campaign_id
      WHERE p.state = 'pending' AND p.needs_approval AND p.approved_by IS NULL AND p.made_by <> $2
        AND ${scopeFilter('c.org_path', 1)}
      GROUP BY c.id, c.title
      ORDER BY count(*) DESC, c.id`,
    [scope.path, staffId],
  );
}

/** Open objections to a notice, of campaigns published in the subtree. */
export async function countObjectionsByCampaign(q: Queryable, scope: Scope): Promise<CampaignCountRow[]> {
  return q.query<CampaignCountRow>(
    `SELECT c.id AS "campaignId", c.title, count(*)::int AS count, 0 AS overdue
       FROM campaign_objection x JOIN campaign c ON c.id = x.campaign_id
      WHERE x.status = 'open' AND ${scopeFilter('c.org_path', 1)}
      GROUP BY c.id, c.title
      ORDER BY count(*) DESC, c.id`,
    [scope.path],
  );
}
