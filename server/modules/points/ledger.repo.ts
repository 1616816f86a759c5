// 积分流水 (the console's ledger view): SQL only. The operations of a subtree newest first, and the
// member entries of one operation by account id.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';
import type { OperationRow } from './points.repo.ts';

export interface OperationFilter {
  /** the subtree asked for (in the scope) */
  orgPath: string;
  kind: OperationRow['kind'] | null;
  /** bounds of created_at, ISO timestamps: from inclusive, until exclusive */
  from: string | null;
  until: string | null;
}

export interface LedgerOperationRow {
  id: number;
  kind: OperationRow['kind'];
  orgId: number;
  orgName: string;
  amount: number;
  memberCount: number;
  reason: string;
  reversesOperationId: number | null;
  reversedByOperationId: number | null;
  createdAt: string;
  /** the staff member's display name; null for a member's own redemption */
  staffName: string | null;
  actorKind: 'staff' | 'member';
}

// $1 scope path, $2 subtree path, $3 kind, $4 from, $5 until
const WHERE = `${scopeFilter('o.org_path', 1)} AND ${withinSubtree('o.org_path', 2)}
  AND ($3::text IS NULL OR o.kind = $3::text)
  AND ($4::timestamptz IS NULL OR o.created_at >= $4::timestamptz)
  AND ($5::timestamptz IS NULL OR o.created_at < $5::timestamptz)`;
const params = (scope: Scope, f: OperationFilter) => [scope.path, f.orgPath, f.kind, f.from, f.until];

/** One page of the subtree's operations, newest first (created_at, then id). */
export async function findOperations(q: Queryable, scope: Scope, f: OperationFilter, limit: number, offset: number): Promise<LedgerOperationRow[]> {
  return q.query<LedgerOperationRow>(
    `SELECT o.id, o.kind, o.org_id AS "orgId", g.name AS "orgName", o.amount, o.member_count AS "memberCount", o.reason,
            o.reverses_operation_id AS "reversesOperationId",
            (SELECT r.id FROM point_operation r WHERE r.reverses_operation_id = o.id) AS "reversedByOperationId",
            to_char(o.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt",
            s.display_name AS "staffName", o.actor_kind AS "actorKind"
       FROM point_operation o
       JOIN org g ON g.id = o.org_id
       LEFT JOIN staff s ON o.actor_kind = 'staff' AND s.id = o.actor_id
      WHERE ${WHERE}
      ORDER BY o.created_at DESC, o.id DESC
      LIMIT $6 OFFSET $7`,
    [...params(scope, f), limit, offset],
  );
}

export async function countOperations(q: Queryable, scope: Scope, f: OperationFilter): Promise<number> {
  const rows = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM point_operation o WHERE ${WHERE}`, params(scope, f));
  return rows[0]!.n;
}

export interface LedgerEntryRow {
  memberId: number;
  memberNo: string | null;
  name: string;
  orgName: string | null;
  amount: number;
}

/**
 * The member entries of an operation, by account id: LIMIT/OFFSET on the entry's primary key
 * (operation_id, account_id), so a page near the start reads only its rows whatever the size of the
 * operation. The member's union is given only while it lies in the scope (a member since moved away
 * is named, as the operation's own record, but where they are now is not shown).
 */
export async function findOperationEntries(q: Queryable, scope: Scope, operationId: number, limit: number, offset: number): Promise<LedgerEntryRow[]> {
  return q.query<LedgerEntryRow>(
    `SELECT m.id AS "memberId", m.member_no AS "memberNo", m.name,
            CASE WHEN ${scopeFilter('g.path', 2)} THEN g.name END AS "orgName", e.amount
       FROM point_entry e
       JOIN point_account a ON a.id = e.account_id
       JOIN member m ON m.id = a.member_id
       JOIN org g ON g.id = m.org_id
      WHERE e.operation_id = $1
      ORDER BY e.account_id
      LIMIT $3 OFFSET $4`,
    [operationId, scope.path, limit, offset],
  );
}
