// SQL of visits to places (043 place_visit).
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';

/** The person's visit to the place in the last `hours`, if any (by their worker or their member id). */
export async function findRecentVisit(q: Queryable, placeId: number, who: { workerId: number | null; memberId: number | null }, hours: number): Promise<Date | undefined> {
  const rows = await q.query<{ at: Date }>(
    `SELECT at FROM place_visit
      WHERE place_id = $1 AND at > now() - make_interval(hours => $4)
        AND ((worker_id IS NOT NULL AND worker_id = $2) OR (member_id IS NOT NULL AND member_id = $3))
      ORDER BY at DESC LIMIT 1`,
    [placeId, who.workerId, who.memberId, hours],
  );
  return rows[0]?.at;
}

export async function insertVisit(
  q: Queryable,
  v: { placeId: number; workerId: number | null; memberId: number | null; via: 'door' | 'card'; byStaff: number | null },
): Promise<{ id: number; at: Date }> {
  const [row] = await q.query<{ id: number; at: Date }>(
    `INSERT INTO place_visit (place_id, org_path, worker_id, member_id, via, by_staff)
     SELECT p.id, p.org_path, $2, $3, $4, $5 FROM place p WHERE p.id = $1
     RETURNING id::int AS id, at`,
    [v.placeId, v.workerId, v.memberId, v.via, v.byStaff],
  );
  return row!;
}

/** The worker of a member, if they ever logged in on the phone. */
export async function findWorkerOfMember(q: Queryable, memberId: number): Promise<number | null> {
  const rows = await q.query<{ id: number }>(`SELECT id::int AS id FROM worker WHERE member_id = $1`, [memberId]);
  return rows[0]?.id ?? null;
}

/** The member (and card standing) behind a member number. */
export async function findMemberByNo(q: Queryable, memberNo: string): Promise<{ memberId: number; name: string; cardStatus: string | null } | undefined> {
  const rows = await q.query<{ memberId: number; name: string; cardStatus: string | null }>(
    `SELECT m.id::int AS "memberId", m.name, c.status AS "cardStatus" FROM member m LEFT JOIN card c ON c.member_id = m.id WHERE m.member_no = $1`,
    [memberNo],
  );
  return rows[0];
}

/** Visits to places of a subtree in [from, to): the count, distinct visitors, and per Beijing day. */
export async function visitFigures(q: Queryable, scope: Scope, from: Date, to: Date) {
  const where = `${scopeFilter('org_path', 1)} AND at >= $2 AND at < $3`;
  const [total] = await q.query<{ visits: number; distinct: number }>(
    `SELECT count(*)::int AS visits,
            count(DISTINCT coalesce('m' || member_id::text, 'w' || worker_id::text))::int AS distinct
       FROM place_visit WHERE ${where}`,
    [scope.path, from, to],
  );
  const byDay = await q.query<{ day: string; visits: number }>(
    `SELECT to_char(at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day, count(*)::int AS visits
       FROM place_visit WHERE ${where} GROUP BY 1 ORDER BY 1`,
    [scope.path, from, to],
  );
  return { visits: total?.visits ?? 0, distinctVisitors: total?.distinct ?? 0, byDay };
}
