// The activities tiles' SQL (一屏总览), as 活动数据 counts them: published activities starting in the
// period (by the publishing union's path), their views and their confirmed sign-ups, per head.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';
import { headOf } from '../../http/tile-sql.ts';

export interface HeadCount {
  head: string;
  n: number;
}

const ACTIVITIES = `activity a JOIN org o ON o.id = a.org_id`;
const IN_PERIOD = `${withinSubtree('o.path', 1)} AND a.status = 'published' AND a.starts_at >= $2 AND a.starts_at < $3`;

export function countActivities(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<HeadCount[]> {
  return q.query<HeadCount>(`SELECT ${headOf('o.path')} AS head, count(*)::int AS n FROM ${ACTIVITIES} WHERE ${IN_PERIOD} GROUP BY 1`, [root, start, end]);
}

/** 访问人数: the members who opened each activity (one view per member and activity). */
export function countVisits(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('o.path')} AS head, count(*)::int AS n FROM activity_view v JOIN ${ACTIVITIES} ON a.id = v.activity_id WHERE ${IN_PERIOD} GROUP BY 1`,
    [root, start, end],
  );
}

/** 参与人数: confirmed sign-ups. */
export function countParticipants(q: Queryable, root: OrgPath, start: Date, end: Date): Promise<HeadCount[]> {
  return q.query<HeadCount>(
    `SELECT ${headOf('o.path')} AS head, count(*)::int AS n FROM activity_signup s JOIN ${ACTIVITIES} ON a.id = s.activity_id
      WHERE ${IN_PERIOD} AND s.status = 'confirmed' GROUP BY 1`,
    [root, start, end],
  );
}
