// SQL of the workbench's file alerts (alerts.service.ts): one condition per alert over an employer
// (`e`, its town `t`, its union `u`), written once here and used by the register's WHERE
// (register.repo.ts conditions) — the workbench counts the register's rows with that filter
// (countRegister), so the list's total is the workbench's count. Days are Beijing days, given.
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';

/** An alert with the days it is judged by (alerts.service.ts fileAlertRule makes them). */
export type FileAlertRule =
  | { alert: 'contractExpiring'; from: string; until: string }
  | { alert: 'noCongress'; since: string }
  | { alert: 'membersOverEmployees' };

/**
 * The SQL condition of an alert on an employer (aliases e, t, u); `add` turns a value into its
 * placeholder number.
 * - contractExpiring: its union is active and has a collective contract (general, wage or women's)
 *   expiring from `from` to `until`, both included;
 * - noCongress: its union is an active grassroots union with a file whose last 职代会 is missing or
 *   before `since`;
 * - membersOverEmployees: a reported size, and more counted members than it.
 */
export function fileAlertCondition(rule: FileAlertRule, add: (value: unknown) => number): string {
  switch (rule.alert) {
    case 'contractExpiring': {
      const from = add(rule.from);
      const until = add(rule.until);
      const within = (col: string) => `f.${col} BETWEEN $${from}::date AND $${until}::date`;
      return `(u.status = 'active' AND EXISTS (SELECT 1 FROM union_file f WHERE f.org_id = u.id
                AND (${within('general_contract_expires_on')} OR ${within('wage_contract_expires_on')} OR ${within('women_contract_expires_on')})))`;
    }
    case 'noCongress': {
      const since = add(rule.since);
      return `(u.status = 'active' AND u.level = 'grassroots' AND EXISTS (SELECT 1 FROM union_file f WHERE f.org_id = u.id
                AND (f.last_congress_on IS NULL OR f.last_congress_on < $${since}::date)))`;
    }
    case 'membersOverEmployees':
      return `(e.employees IS NOT NULL AND e.member_count > e.employees)`;
  }
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
