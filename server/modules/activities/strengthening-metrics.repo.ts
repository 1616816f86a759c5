// 强基 metric kept by activities: 会员活动参与率 per grassroots union under a subtree root, one statement.
import type { Queryable } from '../../db/client.ts';
import { within } from '../../http/scope.ts';

/** U's counted members with a confirmed sign-up to an activity starting in [start, end) ÷ U's counted members (null without members). */
export function participationByUnion(q: Queryable, root: string, start: Date, end: Date): Promise<{ orgId: number; participation: number | null }[]> {
  return q.query(
    `WITH u AS (SELECT id FROM org WHERE level = 'grassroots' AND status = 'active' AND ${within('path', '$1::ltree')}),
     members AS (SELECT m.org_id, count(*)::int AS n FROM member m JOIN u ON u.id = m.org_id
                  WHERE m.status NOT IN ('left', 'deceased') GROUP BY m.org_id),
     joined AS (SELECT m.org_id, count(DISTINCT m.id)::int AS n
                  FROM activity_signup s JOIN activity a ON a.id = s.activity_id JOIN member m ON m.id = s.member_id JOIN u ON u.id = m.org_id
                 WHERE s.status = 'confirmed' AND a.status <> 'cancelled' AND a.starts_at >= $2 AND a.starts_at < $3
                   AND m.status NOT IN ('left', 'deceased')
                 GROUP BY m.org_id)
     SELECT u.id AS "orgId", coalesce(j.n, 0)::float8 / nullif(mb.n, 0)::float8 AS participation
       FROM u LEFT JOIN members mb ON mb.org_id = u.id LEFT JOIN joined j ON j.org_id = u.id`,
    [root, start, end],
  );
}
