// The members' dashboard tiles (一屏总览), from the kept tallies (050): one statement each for the
// root and every direct child (each org's tally rows already hold its whole subtree).
import type { Queryable } from '../../db/client.ts';

export interface OrgFigure {
  orgId: number;
  n: number;
}

/** Counted members at the end of month `lastMonth` (YYYY-MM-01): org_rollup − the net flow of the months after it. */
export function membersAtEnd(q: Queryable, orgIds: number[], lastMonth: string): Promise<OrgFigure[]> {
  return q.query<OrgFigure>(
    `SELECT o.id AS "orgId",
            (coalesce((SELECT sum(r.members) FROM org_rollup r WHERE r.org_id = o.id), 0)
             - coalesce((SELECT sum(joined + rejoined - left_ + moved_in - moved_out + reorg_in - reorg_out)
                           FROM member_month m WHERE m.org_id = o.id AND m.month > $2::date), 0))::int AS n
       FROM unnest($1::bigint[]) AS o(id)`,
    [orgIds, lastMonth],
  );
}

export type MonthFlow = 'joins' | 'departures' | 'transfersIn' | 'transfersOut';

const flowSums: Record<MonthFlow, string> = {
  joins: 'joined + rejoined',
  departures: 'left_',
  transfersIn: 'moved_in',
  transfersOut: 'moved_out',
};

/** A flow summed over the months [firstMonth, lastMonth] (first days of months). */
export function monthFlow(q: Queryable, flow: MonthFlow, orgIds: number[], firstMonth: string, lastMonth: string): Promise<OrgFigure[]> {
  return q.query<OrgFigure>(
    `SELECT org_id AS "orgId", sum(${flowSums[flow]})::int AS n
       FROM member_month
      WHERE org_id = ANY($1::bigint[]) AND month >= $2::date AND month <= $3::date
      GROUP BY org_id`,
    [orgIds, firstMonth, lastMonth],
  );
}

/** Counted members now with a facet (women, gig, modelWorker, craftsman). */
export function facetNow(q: Queryable, facet: string, orgIds: number[]): Promise<OrgFigure[]> {
  return q.query<OrgFigure>(
    `SELECT org_id AS "orgId", sum(n)::int AS n FROM member_facet
      WHERE org_id = ANY($1::bigint[]) AND facet = $2 GROUP BY org_id`,
    [orgIds, facet],
  );
}
