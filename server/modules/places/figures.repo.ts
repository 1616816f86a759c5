// The places figures: SQL only. Every count is of one subtree (`root`, read through the scope gate)
// and grouped by "head" — the root itself for its own rows, or the union directly below it whose
// subtree a row lies in — so the per-union table and the kind/channel breakdowns come from one pass
// each. Totals over the whole subtree come from the services of the places, bookings and childcare
// slices (figures.service.ts), which these rows must add up to.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';

export interface Period {
  /** the first instant counted */
  start: Date;
  /** the first instant not counted */
  end: Date;
}

/** The head of an ltree column below the root (parameter 1): the root itself, or the child it lies under. */
const head = (col: string) => `subpath(${col}, 0, least(nlevel(${col}), nlevel($1::ltree) + 1))`;

export interface HeadOrg {
  id: number;
  name: string;
  level: string;
  path: string;
}

/** The root and the unions directly below it (active or not), the root first, then by pinyin. */
export function headsOf(q: Queryable, root: OrgPath): Promise<HeadOrg[]> {
  return q.query<HeadOrg>(
    `SELECT id, name, level, path::text AS path FROM org
      WHERE ${withinSubtree('path', 1)} AND nlevel(path) <= nlevel($1::ltree) + 1
      ORDER BY (path = $1::ltree) DESC, name_pinyin, id`,
    [root],
  );
}

export interface PlaceCountRow {
  head: string;
  kind: string;
  /** inService | closed | merged */
  state: string;
  n: number;
  problemsOpen: number;
}

/** The places of the subtree (every one ever registered) per head × kind × in service / closed / merged. */
export function countPlaces(q: Queryable, root: OrgPath): Promise<PlaceCountRow[]> {
  return q.query<PlaceCountRow>(
    `SELECT ${head('org_path')}::text AS head, kind,
            CASE WHEN merged_into IS NOT NULL THEN 'merged' WHEN status = 'open' THEN 'inService' ELSE 'closed' END AS state,
            count(*)::int AS n, coalesce(sum(problems_open), 0)::int AS "problemsOpen"
       FROM place WHERE ${withinSubtree('org_path', 1)}
      GROUP BY 1, 2, 3`,
    [root],
  );
}

export interface VisitCountRow {
  head: string;
  via: string;
  n: number;
}

/** The visits of the period per head × channel (door code, member card). */
export function countVisits(q: Queryable, root: OrgPath, p: Period): Promise<VisitCountRow[]> {
  return q.query<VisitCountRow>(
    `SELECT ${head('org_path')}::text AS head, via, count(*)::int AS n
       FROM place_visit WHERE ${withinSubtree('org_path', 1)} AND at >= $2 AND at < $3
      GROUP BY 1, 2`,
    [root, p.start, p.end],
  );
}

export interface BookingCountRow {
  head: string;
  booked: number;
  noShows: number;
}

/**
 * The bookings held of slots starting in the period (booked, pending, checked in, no-show — as the
 * bookings' own figures count them) and the no-shows, per head.
 */
export function countBookings(q: Queryable, root: OrgPath, p: Period): Promise<BookingCountRow[]> {
  return q.query<BookingCountRow>(
    `SELECT ${head('ps.org_path')}::text AS head,
            count(*) FILTER (WHERE b.state IN ('booked', 'pending', 'checkedIn', 'noShow'))::int AS booked,
            count(*) FILTER (WHERE b.state = 'noShow')::int AS "noShows"
       FROM place_booking b JOIN place_slot ps ON ps.id = b.slot_id
      WHERE ${withinSubtree('ps.org_path', 1)} AND ps.starts_at >= $2 AND ps.starts_at < $3
      GROUP BY 1`,
    [root, p.start, p.end],
  );
}

export interface ProblemCountRow {
  head: string;
  reported: number;
  open: number;
  overdue: number;
}

/** Problems reported in the period, and open / overdue now (whenever reported), per head. */
export function countProblems(q: Queryable, root: OrgPath, p: Period): Promise<ProblemCountRow[]> {
  return q.query<ProblemCountRow>(
    `SELECT ${head('org_path')}::text AS head,
            count(*) FILTER (WHERE created_at >= $2 AND created_at < $3)::int AS reported,
            count(*) FILTER (WHERE state = 'open')::int AS open,
            count(*) FILTER (WHERE state = 'open' AND due_at < now())::int AS overdue
       FROM place_problem
      WHERE ${withinSubtree('org_path', 1)} AND ((created_at >= $2 AND created_at < $3) OR state = 'open')
      GROUP BY 1`,
    [root, p.start, p.end],
  );
}
