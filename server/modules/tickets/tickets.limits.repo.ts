// The tickets' time limits (ticket_time_limit): SQL only. A union sets them for its subtree; the
// deepest one on a ticket's path applies (limitsFor, tickets.core.ts).
import type { Queryable } from '../../db/client.ts';
import { containing } from '../../http/scope.ts';

export interface LimitRow {
  orgId: number;
  orgName: string;
  category: string;
  difficulty: string;
  acceptDays: number;
  finishDays: number;
  maxExtensionDays: number;
  returnDays: number;
  depth: number;
}

/** Every limit set on the path from the root down to `path` (the org itself included), deepest first. */
export function findLimitsOnPath(q: Queryable, path: string, category?: string, difficulty?: string): Promise<LimitRow[]> {
  const params: unknown[] = [path];
  let extra = '';
  if (category) {
    params.push(category, difficulty);
    extra = ` AND l.category = $2 AND l.difficulty = $3`;
  }
  return q.query<LimitRow>(
    `SELECT l.org_id AS "orgId", o.name AS "orgName", l.category, l.difficulty, l.accept_days AS "acceptDays", l.finish_days AS "finishDays",
            l.max_extension_days AS "maxExtensionDays", l.return_days AS "returnDays", nlevel(o.path) AS depth
       FROM ticket_time_limit l JOIN org o ON o.id = l.org_id
      WHERE ${containing('o.path', '$1::ltree')}${extra}
      ORDER BY nlevel(o.path) DESC`,
    params,
  );
}

export async function upsertLimit(q: Queryable, l: { orgId: number; category: string; difficulty: string; acceptDays: number; finishDays: number; maxExtensionDays: number; returnDays: number; staffId: number }) {
  await q.query(
    `INSERT INTO ticket_time_limit (org_id, category, difficulty, accept_days, finish_days, max_extension_days, return_days, updated_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (org_id, category, difficulty) DO UPDATE SET accept_days = EXCLUDED.accept_days, finish_days = EXCLUDED.finish_days,
       max_extension_days = EXCLUDED.max_extension_days, return_days = EXCLUDED.return_days, updated_by = EXCLUDED.updated_by, updated_at = now()`,
    [l.orgId, l.category, l.difficulty, l.acceptDays, l.finishDays, l.maxExtensionDays, l.returnDays, l.staffId],
  );
}
