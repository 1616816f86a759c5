// The hardship tiles' SQL (一屏总览), as 解困脱困数据 counts them: files open (filed or in relief) at the
// period's end, files exited in the period, per head of the member's union; and the exit targets.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export interface HeadCount {
  head: string;
  n: number;
}

const FILES = `hardship_file f JOIN member m ON m.id = f.member_id JOIN org o ON o.id = m.org_id`;

export function countOpen(q: Queryable, root: OrgPath, endDay: string): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('o.path')} AS head, count(*)::int AS n FROM ${FILES}
      WHERE ${withinSubtree('o.path', 1)} AND f.filed_on < $2::date AND (f.exited_on IS NULL OR f.exited_on >= $2::date) GROUP BY 1`,
    [root, endDay],
  );
}

export function countExited(q: Queryable, root: OrgPath, startDay: string, endDay: string): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('o.path')} AS head, count(*)::int AS n FROM ${FILES}
      WHERE ${withinSubtree('o.path', 1)} AND f.exited_on >= $2::date AND f.exited_on < $3::date GROUP BY 1`,
    [root, startDay, endDay],
  );
}

/** The exit targets of the given unions, summed over the years from `fromYear` to `toYear`. */
export function exitTargets(q: Queryable, orgIds: readonly number[], fromYear: number, toYear: number): Promise<{ orgId: number; exits: number }[]> {
  return q.query<{ orgId: number; exits: number }>(
    `SELECT org_id::int AS "orgId", sum(exits)::int AS exits FROM hardship_target
      WHERE org_id = ANY($1::bigint[]) AND year BETWEEN $2 AND $3 GROUP BY org_id`,
    [orgIds, fromYear, toYear],
  );
}
