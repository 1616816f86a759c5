// SQL of the drives' dashboard tiles (一屏总览): one statement each, for the root and its children.
import type { Queryable } from '../../db/client.ts';

/** Unions founded by drives (a target's 成立大会) dated within [fromDay, toDay), by child of the root (null: the root's own). */
export async function countFoundedByChild(q: Queryable, root: string, childIds: number[], childPaths: string[], fromDay: string, toDay: string) {
  return q.query<{ child: number | null; n: number }>(
    `SELECT k.id::int AS child, count(DISTINCT o.id)::int AS n
       FROM drive_target dt JOIN org o ON o.id = dt.founded_org_id
       LEFT JOIN unnest($2::bigint[], $3::text[]) AS k(id, path) ON o.path <@ k.path::ltree
      WHERE dt.state = 'founded' AND o.path <@ $1::ltree AND o.founded_on >= $4::date AND o.founded_on < $5::date
      GROUP BY k.id`,
    [root, childIds, childPaths, fromDay, toDay],
  );
}

/**
 * Members who joined (or rejoined) unions founded by drives within [start, end), by child of the root.
 * Founded first: the few unions the drives founded (and any union under one, each once), then their
 * join events through member_event_in_idx (to_org_id, at) — never a scan of the subtree's events.
 */
export async function countJoinsInFoundedByChild(q: Queryable, root: string, childIds: number[], childPaths: string[], start: Date, end: Date) {
  return q.query<{ child: number | null; n: number }>(
    `WITH founded AS (
       SELECT DISTINCT o.id, o.path
         FROM drive_target dt JOIN org f ON f.id = dt.founded_org_id
         JOIN org o ON o.path <@ f.path
        WHERE dt.state = 'founded' AND o.path <@ $1::ltree
     )
     SELECT k.id::int AS child, count(*)::int AS n
       FROM founded o JOIN member_event e ON e.to_org_id = o.id
       LEFT JOIN unnest($2::bigint[], $3::text[]) AS k(id, path) ON o.path <@ k.path::ltree
      WHERE e.kind IN ('joined', 'rejoined') AND e.at >= $4 AND e.at < $5
      GROUP BY k.id`,
    [root, childIds, childPaths, start, end],
  );
}
