// SQL of the workbench's file alerts (alerts.service.ts): four counts over the caller's subtree, one
// statement each. Days are Beijing days (`today` passed in).
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';
import { ENTERPRISE_SCOPED_FROM, enterpriseScopeFilter } from './access.repo.ts';

/** Collective contracts (general, wage, women's) of active unions in the subtree expiring from today to `until`, both included. */
export async function countContractsExpiring(q: Queryable, scope: Scope, today: string, until: string): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT (count(*) FILTER (WHERE f.general_contract_expires_on BETWEEN $2::date AND $3::date)
           + count(*) FILTER (WHERE f.wage_contract_expires_on BETWEEN $2::date AND $3::date)
           + count(*) FILTER (WHERE f.women_contract_expires_on BETWEEN $2::date AND $3::date))::int AS n
       FROM union_file f JOIN org o ON o.id = f.org_id
      WHERE o.status = 'active' AND ${scopeFilter('o.path', 1)}`,
    [scope.path, today, until],
  );
  return r!.n;
}

/** Active grassroots unions of the subtree with a file whose last 职代会 is missing or before `since`. */
export async function countUnionsWithoutCongress(q: Queryable, scope: Scope, since: string): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM union_file f JOIN org o ON o.id = f.org_id
      WHERE o.status = 'active' AND o.level = 'grassroots' AND ${scopeFilter('o.path', 1)}
        AND (f.last_congress_on IS NULL OR f.last_congress_on < $2::date)`,
    [scope.path, since],
  );
  return r!.n;
}

/** Live employers in scope with a reported size whose counted members exceed it. */
export async function countMembersOverEmployees(q: Queryable, scope: Scope): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM ${ENTERPRISE_SCOPED_FROM}
      WHERE e.merged_into IS NULL AND e.employees IS NOT NULL AND ${enterpriseScopeFilter(1)}
        AND e.member_count > e.employees`,
    [scope.path],
  );
  return r!.n;
}

/** Founding requests of the subtree's towns not handled, whose employer still has no union. */
export async function countOpenFoundingRequests(q: Queryable, scope: Scope): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n
       FROM founding_request r JOIN enterprise e ON e.id = r.enterprise_id JOIN org t ON t.id = r.town_org_id
      WHERE r.handled_at IS NULL AND e.union_org_id IS NULL AND ${scopeFilter('t.path', 1)}`,
    [scope.path],
  );
  return r!.n;
}
