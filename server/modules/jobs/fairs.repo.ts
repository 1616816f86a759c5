// 春送岗位 fairs (招聘会): SQL of job_fair (migration 060); a fair's employers are the distinct
// employers of its jobs. A fair's place is read by a join on its id (the places module owns the register).
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type OrgPath } from '../../http/scope.ts';

export interface FairRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  title: string;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  placeId: number | null;
  placeName: string | null;
  address: string | null;
  liveUrl: string | null;
  status: 'planned' | 'cancelled';
  cancelReason: string | null;
  employers: number;
  jobs: number;
  headcount: number;
}

const fairColumns = `f.id::int AS id, f.org_id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", f.title,
  to_char(f.held_on, 'YYYY-MM-DD') AS "heldOn", to_char(f.starts_at, 'HH24:MI') AS "startsAt", to_char(f.ends_at, 'HH24:MI') AS "endsAt",
  f.place_id::int AS "placeId", p.name AS "placeName", f.address, f.live_url AS "liveUrl", f.status, f.cancel_reason AS "cancelReason",
  (SELECT count(DISTINCT COALESCE(j.enterprise_id::text, j.employer_name))::int FROM job j WHERE j.fair_id = f.id AND j.status <> 'withdrawn') AS employers,
  (SELECT count(*)::int FROM job j WHERE j.fair_id = f.id AND j.status <> 'withdrawn') AS jobs,
  (SELECT COALESCE(sum(j.headcount), 0)::int FROM job j WHERE j.fair_id = f.id AND j.status <> 'withdrawn') AS headcount`;
const fairFrom = `FROM job_fair f JOIN org o ON o.id = f.org_id LEFT JOIN place p ON p.id = f.place_id`;

/** The fairs held by unions under `root`, latest first. */
export async function findFairs(q: Queryable, root: OrgPath, f: { status: string; limit: number; offset: number }) {
  const where = `${scopeFilter('o.path', 1)} AND ($2::text = 'all' OR f.status = $2)`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM job_fair f JOIN org o ON o.id = f.org_id WHERE ${where}`, [root, f.status]);
  const items = await q.query<FairRow>(
    `SELECT ${fairColumns} ${fairFrom} WHERE ${where} ORDER BY f.held_on DESC, f.id DESC LIMIT $3 OFFSET $4`,
    [root, f.status, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** One fair (no scope check: the service checks its org's path); `lock` takes it FOR UPDATE. */
export async function findFair(q: Queryable, id: number, lock = false): Promise<FairRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM job_fair WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<FairRow>(`SELECT ${fairColumns} ${fairFrom} WHERE f.id = $1`, [id]);
  return row;
}

/** The employers of a fair: each with its jobs and headcount (withdrawn jobs aside). */
export async function findFairEmployers(q: Queryable, fairId: number) {
  return q.query<{ enterpriseId: number | null; name: string; jobs: number; headcount: number }>(
    `SELECT j.enterprise_id::int AS "enterpriseId", min(j.employer_name) AS name, count(*)::int AS jobs, sum(j.headcount)::int AS headcount
       FROM job j WHERE j.fair_id = $1 AND j.status <> 'withdrawn'
      GROUP BY j.enterprise_id, CASE WHEN j.enterprise_id IS NULL THEN j.employer_name END ORDER BY min(j.employer_name)`,
    [fairId],
  );
}

export interface FairInsert {
  orgId: number;
  title: string;
  heldOn: string;
  startsAt: string;
  endsAt: string;
  placeId: number | null;
  address: string | null;
  liveUrl: string | null;
  createdBy: number;
}

export async function insertFair(q: Queryable, f: FairInsert): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO job_fair (org_id, title, held_on, starts_at, ends_at, place_id, address, live_url, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::int AS id`,
    [f.orgId, f.title, f.heldOn, f.startsAt, f.endsAt, f.placeId, f.address, f.liveUrl, f.createdBy],
  );
  return row!.id;
}

export async function updateFair(q: Queryable, id: number, f: Omit<FairInsert, 'orgId' | 'createdBy'>): Promise<void> {
  await q.query(
    `UPDATE job_fair SET title = $2, held_on = $3, starts_at = $4, ends_at = $5, place_id = $6, address = $7, live_url = $8, updated_at = now() WHERE id = $1`,
    [id, f.title, f.heldOn, f.startsAt, f.endsAt, f.placeId, f.address, f.liveUrl],
  );
}

export async function cancelFair(q: Queryable, id: number, reason: string): Promise<void> {
  await q.query(`UPDATE job_fair SET status = 'cancelled', cancel_reason = $2, updated_at = now() WHERE id = $1`, [id, reason]);
}

/** The place's owning org path, to check it is the fair's union's or below (the places register's row). */
export async function findPlaceOrgPath(q: Queryable, placeId: number): Promise<string | undefined> {
  const [row] = await q.query<{ path: string }>(`SELECT org_path::text AS path FROM place WHERE id = $1`, [placeId]);
  return row?.path;
}
