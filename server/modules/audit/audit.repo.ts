// The audit log's reads: SQL only (every module writes entries with the core's insertAudit,
// server/http/audit.ts).
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';

export interface AuditRow {
  id: number;
  at: Date | string;
  actorKind: string;
  actorId: number | null;
  actorName: string | null;
  action: string;
  outcome: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export async function findAuditEntries(
  q: Queryable,
  scope: Scope,
  filter: { action?: string | undefined; actorName?: string | undefined; limit: number; offset: number },
): Promise<{ items: AuditRow[]; total: number }> {
  // Events that concern no org (a failed login under a name no account has) belong to the root of
  // the tree: only an admin whose scope is the whole tree sees them.
  const isWholeTree = !scope.path.includes('.');
  const where = [isWholeTree ? `(${scopeFilter('org_path', 1)} OR org_path IS NULL)` : scopeFilter('org_path', 1)];
  const params: unknown[] = [scope.path];
  if (filter.action) {
    params.push(filter.action);
    where.push(`action = $${params.length}`);
  }
  if (filter.actorName) {
    params.push(`%${filter.actorName.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`actor_name ILIKE $${params.length}`);
  }
  const w = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE ${w}`, params);
  const items = await q.query<AuditRow>(
    `SELECT id, at, actor_kind AS "actorKind", actor_id AS "actorId", actor_name AS "actorName", action,
            outcome, target_type AS "targetType", target_id AS "targetId", ip, detail
       FROM audit_log WHERE ${w}
      ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { items, total: count?.n ?? 0 };
}
