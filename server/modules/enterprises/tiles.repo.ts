// The employers' dashboard tiles (一屏总览), from enterprise_tally (050): one statement for the root
// and every direct child (each org's rows hold the live employers of every town in its subtree).
import type { Queryable } from '../../db/client.ts';

export interface EnterpriseFigures {
  orgId: number;
  enterprises: number;
  unionised: number;
  employees: number;
  membersSized: number;
}

export function enterpriseFigures(q: Queryable, orgIds: number[]): Promise<EnterpriseFigures[]> {
  return q.query<EnterpriseFigures>(
    `SELECT org_id AS "orgId", sum(enterprises)::int AS enterprises, sum(unionised)::int AS unionised,
            sum(employees)::float8 AS employees, sum(members_sized)::float8 AS "membersSized"
       FROM enterprise_tally WHERE org_id = ANY($1::bigint[]) GROUP BY org_id`,
    [orgIds],
  );
}
