// The members' month-by-month figures of one org's subtree, from the kept tallies (050): no member
// row is read. Members at the end of month M = the subtree's members now (org_rollup) − the net flow of
// every month after M (member_month) — one statement over at most 16 slot rows a month of one org.
import type { Queryable } from '../../db/client.ts';

export interface SeriesRow {
  month: string;
  members: number;
  joins: number;
  departures: number;
  transfersIn: number;
  transfersOut: number;
}

/** `first` and `last` are first days of months (YYYY-MM-01); one row per month, oldest first. */
export function memberSeries(q: Queryable, orgId: number, first: string, last: string): Promise<SeriesRow[]> {
  return q.query<SeriesRow>(
    `WITH flows AS (
       SELECT month, sum(joined + rejoined)::int AS joins, sum(left_)::int AS departures,
              sum(moved_in)::int AS moved_in, sum(moved_out)::int AS moved_out,
              sum(joined + rejoined - left_ + moved_in - moved_out + reorg_in - reorg_out)::int AS net
         FROM member_month WHERE org_id = $1 AND month >= $2::date
        GROUP BY month
     ), now_ AS (SELECT coalesce(sum(members), 0)::int AS n FROM org_rollup WHERE org_id = $1)
     SELECT to_char(m.month, 'YYYY-MM') AS month,
            (now_.n - coalesce((SELECT sum(f.net) FROM flows f WHERE f.month > m.month), 0))::int AS members,
            coalesce(f.joins, 0) AS joins, coalesce(f.departures, 0) AS departures,
            coalesce(f.moved_in, 0) AS "transfersIn", coalesce(f.moved_out, 0) AS "transfersOut"
       FROM generate_series($2::date, $3::date, interval '1 month') AS m(month)
      CROSS JOIN now_
       LEFT JOIN flows f ON f.month = m.month::date
      ORDER BY m.month`,
    [orgId, first, last],
  );
}
