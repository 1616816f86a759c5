// 强基 metrics kept by the enterprise file (union_file, enterprise sizes): one statement for every active
// grassroots union under a subtree root. Design: docs/design/enterprise-file.md §6.
import type { Queryable } from '../../db/client.ts';
import { within } from '../../http/scope.ts';

export interface UnionFileMetricRow {
  orgId: number;
  membershipRate: number | null;
  legalPerson: number;
  auditCommittee: number;
  womenCommittee: number | null;
  collectiveContract: number;
  wageContract: number;
  openAffairs: number;
  workersCongress: number;
}

/**
 * Per union U under `root`: 入会率 (Σ member_count ÷ Σ employees of U's employers with a size, null
 * without one), 法人登记, 经审, 女职委 (null when U has fewer than 10 counted women members), a general and
 * a wage contract in force today, 厂务公开, a congress within the 12 months up to today.
 */
export function unionFileMetrics(q: Queryable, root: string, today: string): Promise<UnionFileMetricRow[]> {
  return q.query<UnionFileMetricRow>(
    `SELECT u.id AS "orgId",
            (SELECT sum(e.member_count)::float8 / nullif(sum(e.employees), 0)::float8
               FROM enterprise e
              WHERE e.union_org_id = u.id AND e.merged_into IS NULL AND e.employees IS NOT NULL) AS "membershipRate",
            (CASE WHEN coalesce(f.legal_registered, false) THEN 1 ELSE 0 END)::int AS "legalPerson",
            (CASE WHEN f.audit_committee_on IS NOT NULL THEN 1 ELSE 0 END)::int AS "auditCommittee",
            (CASE WHEN (SELECT count(*) FROM member m
                         WHERE m.org_id = u.id AND m.sex = 'female' AND m.status NOT IN ('left', 'deceased')) < 10 THEN NULL
                  WHEN f.women_committee_on IS NOT NULL THEN 1 ELSE 0 END)::int AS "womenCommittee",
            (CASE WHEN f.general_contract_starts_on <= $2::date AND $2::date <= f.general_contract_expires_on THEN 1 ELSE 0 END)::int AS "collectiveContract",
            (CASE WHEN f.wage_contract_starts_on <= $2::date AND $2::date <= f.wage_contract_expires_on THEN 1 ELSE 0 END)::int AS "wageContract",
            (CASE WHEN f.open_affairs_since IS NOT NULL AND f.open_affairs_since <= $2::date THEN 1 ELSE 0 END)::int AS "openAffairs",
            (CASE WHEN f.last_congress_on > ($2::date - interval '12 months')::date AND f.last_congress_on <= $2::date THEN 1 ELSE 0 END)::int AS "workersCongress"
       FROM org u LEFT JOIN union_file f ON f.org_id = u.id
      WHERE u.level = 'grassroots' AND u.status = 'active' AND ${within('u.path', '$1::ltree')}`,
    [root, today],
  );
}

/** The share of active grassroots unions registered as legal persons, for the root and each child subtree (the tile). */
export function legalPersonShares(q: Queryable, root: string): Promise<{ head: string; registered: number; unions: number }[]> {
  return q.query(
    `SELECT subpath(u.path, 0, least(nlevel(u.path), nlevel($1::ltree) + 1))::text AS head,
            count(*) FILTER (WHERE f.legal_registered)::int AS registered, count(*)::int AS unions
       FROM org u LEFT JOIN union_file f ON f.org_id = u.id
      WHERE u.level = 'grassroots' AND u.status = 'active' AND ${within('u.path', '$1::ltree')}
      GROUP BY 1`,
    [root],
  );
}
