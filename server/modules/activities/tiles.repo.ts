// The activities tiles' SQL (一屏总览), from the kept tally (057, activity_month): published activities
// starting in the period's months (by the publishing union's ancestors), their views and their
// confirmed sign-ups — as 活动数据 counts them — for the root and each direct child in one statement.
import type { Queryable } from '../../db/client.ts';

export interface OrgFigure {
  orgId: number;
  n: number;
}

export type ActivityFigure = 'activities' | 'visits' | 'participants';

/** A figure summed over the months [firstMonth, lastMonth] (first days of months), per org. */
export function monthSum(q: Queryable, figure: ActivityFigure, orgIds: number[], firstMonth: string, lastMonth: string): Promise<OrgFigure[]> {
  return q.query<OrgFigure>(
    `SELECT org_id AS "orgId", sum(${figure})::int AS n
       FROM activity_month
      WHERE org_id = ANY($1::bigint[]) AND month >= $2::date AND month <= $3::date
      GROUP BY org_id`,
    [orgIds, firstMonth, lastMonth],
  );
}
