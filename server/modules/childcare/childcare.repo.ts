// Childcare programmes, sessions and enrolments: SQL only. A programme's scope is its running union's
// (org_id): every staff read joins org and filters its path through the gate; a member's reach is the
// running union's subtree (memberInReach). A place is read by a join on its id (the places module owns it).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { memberInReach, scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface ProgrammeRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  placeId: number | null;
  placeName: string | null;
  placeAddress: string | null;
  title: string;
  kind: string;
  description: string;
  ageMin: number;
  ageMax: number;
  capacity: number;
  signupOpensAt: Date | string;
  signupClosesAt: Date | string;
  status: string;
  seedCommitment: string;
  allocatedAt: Date | string | null;
  waitlistDroppedAt: Date | string | null;
  purgedAt: Date | string | null;
  firstSessionAt: Date | string | null;
  lastSessionAt: Date | string | null;
  lastSessionEndsAt: Date | string | null;
  sessionCount: number;
  pending: number;
  enrolled: number;
  waitlisted: number;
  notDrawn: number;
  cancelled: number;
  createdAt: Date | string;
  updatedAt: Date | string;
}

const PROGRAMME = `p.id::int AS id, o.id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  pl.id::int AS "placeId", pl.name AS "placeName", pl.address AS "placeAddress",
  p.title, p.kind, p.description, p.age_min AS "ageMin", p.age_max AS "ageMax", p.capacity,
  p.signup_opens_at AS "signupOpensAt", p.signup_closes_at AS "signupClosesAt", p.status,
  p.seed_commitment AS "seedCommitment", p.allocated_at AS "allocatedAt",
  p.waitlist_dropped_at AS "waitlistDroppedAt", p.purged_at AS "purgedAt",
  (SELECT min(s.starts_at) FROM childcare_session s WHERE s.programme_id = p.id) AS "firstSessionAt",
  (SELECT max(s.starts_at) FROM childcare_session s WHERE s.programme_id = p.id) AS "lastSessionAt",
  (SELECT max(s.ends_at) FROM childcare_session s WHERE s.programme_id = p.id) AS "lastSessionEndsAt",
  (SELECT count(*)::int FROM childcare_session s WHERE s.programme_id = p.id) AS "sessionCount",
  (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id = p.id AND e.status = 'pending') AS pending,
  (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id = p.id AND e.status = 'enrolled') AS enrolled,
  (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id = p.id AND e.status = 'waitlisted') AS waitlisted,
  (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id = p.id AND e.status = 'not_drawn') AS "notDrawn",
  (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id = p.id AND e.status = 'cancelled') AS cancelled,
  p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
const PROGRAMME_FROM = `childcare_programme p JOIN org o ON o.id = p.org_id LEFT JOIN place pl ON pl.id = p.place_id`;

export interface NewProgramme {
  orgId: number;
  placeId: number | null;
  title: string;
  kind: string;
  description: string;
  ageMin: number;
  ageMax: number;
  capacity: number;
  signupOpensAt: string;
  signupClosesAt: string;
  drawSeed: Buffer;
  seedCommitment: string;
  createdBy: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function insertProgramme(q: Queryable, p: NewProgramme): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO childcare_programme (org_id, place_id, title, kind, description, age_min, age_max, capacity, signup_opens_at, signup_closes_at,
                                      draw_seed, seed_commitment, created_by, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id::int AS id`,
    [p.orgId, p.placeId, p.title, p.kind, p.description, p.ageMin, p.ageMax, p.capacity, p.signupOpensAt, p.signupClosesAt, p.drawSeed, p.seedCommitment, p.createdBy, p.idemKey, p.requestHash],
  );
  return r!.id;
}

export async function findProgrammeByKey(q: Queryable, staffId: number, key: string) {
  const [r] = await q.query<{ id: number; hash: string }>(
    `SELECT id::int AS id, encode(request_hash, 'hex') AS hash FROM childcare_programme WHERE created_by = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return r;
}

export async function replaceSessions(q: Queryable, programmeId: number, sessions: { startsAt: Date; endsAt: Date }[]): Promise<void> {
  await q.query(`DELETE FROM childcare_session WHERE programme_id = $1`, [programmeId]);
  if (sessions.length === 0) return;
  await q.query(
    `INSERT INTO childcare_session (programme_id, starts_at, ends_at)
     SELECT $1, s, e FROM unnest($2::timestamptz[], $3::timestamptz[]) AS t (s, e)`,
    [programmeId, sessions.map((s) => s.startsAt.toISOString()), sessions.map((s) => s.endsAt.toISOString())],
  );
}

export async function updateProgramme(q: Queryable, id: number, f: Partial<Omit<NewProgramme, 'drawSeed' | 'seedCommitment' | 'createdBy' | 'idemKey' | 'requestHash' | 'orgId' | 'kind'>> & { status?: string; allocatedAt?: Date; waitlistDroppedAt?: Date; purgedAt?: Date }): Promise<void> {
  const cols: Record<string, unknown> = {
    place_id: f.placeId, title: f.title, description: f.description, age_min: f.ageMin, age_max: f.ageMax, capacity: f.capacity,
    signup_opens_at: f.signupOpensAt, signup_closes_at: f.signupClosesAt, status: f.status, allocated_at: f.allocatedAt,
    waitlist_dropped_at: f.waitlistDroppedAt, purged_at: f.purgedAt,
  };
  const set: string[] = [];
  const params: unknown[] = [id];
  for (const [col, v] of Object.entries(cols)) {
    if (v === undefined) continue;
    params.push(v);
    set.push(`${col} = $${params.length}`);
  }
  await q.query(`UPDATE childcare_programme SET ${[...set, 'updated_at = now()'].join(', ')} WHERE id = $1`, params);
}

/** Holds the programme's row until the transaction ends (allocation, enrolment and cancellation queue on it). */
export async function lockProgramme(q: Queryable, id: number): Promise<void> {
  await q.query(`SELECT id FROM childcare_programme WHERE id = $1 FOR UPDATE`, [id]);
}

export async function getProgrammeInScope(q: Queryable, scope: Scope, id: number, forUpdate = false): Promise<ProgrammeRow | undefined> {
  if (forUpdate) await lockProgramme(q, id);
  const [r] = await q.query<ProgrammeRow>(`SELECT ${PROGRAMME} FROM ${PROGRAMME_FROM} WHERE p.id = $1 AND ${scopeFilter('o.path', 2)}`, [id, scope.path]);
  return r;
}

// ── The sweep (no scope: the system acts for every union) ─────────────────────────────────────────

/**
 * The programme, locked for this transaction, or undefined when another transaction (a sweep on
 * another node, a staff action) holds it: that one does the work, this pass moves on.
 */
export async function lockProgrammeIfFree(q: Queryable, id: number): Promise<ProgrammeRow | undefined> {
  const locked = await q.query(`SELECT id FROM childcare_programme WHERE id = $1 FOR UPDATE SKIP LOCKED`, [id]);
  if (locked.length === 0) return undefined;
  const [r] = await q.query<ProgrammeRow>(`SELECT ${PROGRAMME} FROM ${PROGRAMME_FROM} WHERE p.id = $1`, [id]);
  return r;
}

/** Published programmes whose window closed by `at` and not yet allocated. */
export async function dueForAllocation(q: Queryable, at: Date): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT id::int AS id FROM childcare_programme WHERE status = 'published' AND allocated_at IS NULL AND signup_closes_at <= $1 ORDER BY id LIMIT 200`,
    [at.toISOString()],
  );
  return rows.map((r) => r.id);
}

/** Allocated programmes whose last session ended by `at` and whose waiting list is not yet dropped. */
export async function dueForWaitlistDrop(q: Queryable, at: Date): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT p.id::int AS id FROM childcare_programme p
      WHERE p.allocated_at IS NOT NULL AND p.waitlist_dropped_at IS NULL
        AND (SELECT max(s.ends_at) FROM childcare_session s WHERE s.programme_id = p.id) <= $1 ORDER BY p.id LIMIT 200`,
    [at.toISOString()],
  );
  return rows.map((r) => r.id);
}

/** Programmes not yet purged whose last session started before `before` (a Beijing midnight). */
export async function dueForPurge(q: Queryable, before: Date): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `SELECT p.id::int AS id FROM childcare_programme p
      WHERE p.purged_at IS NULL AND (SELECT max(s.starts_at) FROM childcare_session s WHERE s.programme_id = p.id) < $1 ORDER BY p.id LIMIT 200`,
    [before.toISOString()],
  );
  return rows.map((r) => r.id);
}

export async function findProgrammes(q: Queryable, scope: Scope, f: { root: OrgPath; status?: string | undefined }, page: { limit: number; offset: number }) {
  const params: unknown[] = [scope.path, f.root];
  const where = [scopeFilter('o.path', 1), withinSubtree('o.path', 2)];
  if (f.status) {
    params.push(f.status);
    where.push(`p.status = $${params.length}`);
  }
  const w = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${PROGRAMME_FROM} WHERE ${w}`, params);
  const items = await q.query<ProgrammeRow>(
    `SELECT ${PROGRAMME} FROM ${PROGRAMME_FROM} WHERE ${w} ORDER BY p.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function getSessions(q: Queryable, programmeId: number) {
  return q.query<{ id: number; startsAt: Date | string; endsAt: Date | string }>(
    `SELECT id::int AS id, starts_at AS "startsAt", ends_at AS "endsAt" FROM childcare_session WHERE programme_id = $1 ORDER BY starts_at`,
    [programmeId],
  );
}

export async function getDrawSeed(q: Queryable, programmeId: number): Promise<Buffer> {
  const [r] = await q.query<{ seed: Buffer }>(`SELECT draw_seed AS seed FROM childcare_programme WHERE id = $1`, [programmeId]);
  return Buffer.from(r!.seed);
}

/** Whether the place `placeId` is run within the subtree `root` (a programme's place is its union's or below). */
export async function placeWithin(q: Queryable, root: OrgPath, placeId: number): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM place WHERE id = $1 AND ${withinSubtree('org_path', 2)}`, [placeId, root]);
  return rows.length > 0;
}

// ── The member's side ──────────────────────────────────────────────────────────────────────────────

/** The member's org path (their union), or undefined for a worker who is not a member. */
export async function memberOrgPath(q: Queryable, memberId: number): Promise<string | undefined> {
  const [r] = await q.query<{ path: string }>(`SELECT o.path::text AS path FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [memberId]);
  return r?.path;
}

const mine = (param: number) =>
  `(SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id = p.id AND e.worker_id = $${param} AND e.status <> 'cancelled') AS "myEnrolments"`;

export async function findProgrammesInReach(q: Queryable, memberPath: string, workerId: number, page: { limit: number; offset: number }) {
  const where = `${memberInReach('o.path', '$1::ltree')} AND p.status = 'published'`;
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${PROGRAMME_FROM} WHERE ${where}`, [memberPath]);
  const items = await q.query<ProgrammeRow & { myEnrolments: number }>(
    `SELECT ${PROGRAMME}, ${mine(2)} FROM ${PROGRAMME_FROM} WHERE ${where}
      ORDER BY (p.signup_closes_at > now()) DESC, p.signup_closes_at, p.id DESC LIMIT $3 OFFSET $4`,
    [memberPath, workerId, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function getProgrammeInReach(q: Queryable, memberPath: string, workerId: number, id: number, forUpdate = false) {
  if (forUpdate) await lockProgramme(q, id);
  const [r] = await q.query<ProgrammeRow & { myEnrolments: number }>(
    `SELECT ${PROGRAMME}, ${mine(3)} FROM ${PROGRAMME_FROM} WHERE p.id = $1 AND ${memberInReach('o.path', '$2::ltree')} AND p.status <> 'draft'`,
    [id, memberPath, workerId],
  );
  return r;
}

/** Moves the programmes of a merged place to the place kept; answers their ids (the merge's record). */
export async function movePlace(q: Queryable, fromId: number, intoId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`UPDATE childcare_programme SET place_id = $2 WHERE place_id = $1 RETURNING id::int AS id`, [fromId, intoId]);
  return rows.map((r) => r.id);
}

/** Moves the programmes a merge moved back to the place they met at, those still at the place kept; answers how many. */
export async function returnPlace(q: Queryable, ids: readonly number[], fromId: number, intoId: number): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await q.query(`UPDATE childcare_programme SET place_id = $2 WHERE id = ANY($1::bigint[]) AND place_id = $3 RETURNING id`, [ids, fromId, intoId]);
  return rows.length;
}
