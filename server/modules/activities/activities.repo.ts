// Activities, their batches and counter slots, views and figures: SQL only. Staff reads go through
// the scope gate; a member's reach is the publishing union's subtree (`memberInReach` in http/scope.ts).
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { memberInReach, scopeFilter, withinSubtree } from '../../http/scope.ts';
import type { ActivityLimits } from './rules.ts';

/** What a stored activity and a new one share, field for field. */
interface ActivityFields extends ActivityLimits {
  title: string;
  kind: string;
  descriptionHtml: string;
  location: string | null;
  lat: number | null;
  lng: number | null;
  targetGroups: string[];
  places: number;
  waitlistPlaces: number;
  perMemberLimit: number;
}

export interface ActivityRow extends ActivityFields {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  allocation: 'first_come' | 'lottery';
  signupOpensAt: Date;
  signupClosesAt: Date;
  startsAt: Date;
  endsAt: Date | null;
  cancelDeadline: Date;
  status: 'published' | 'cancelled';
  cancelReason: string | null;
  seedCommitment: string | null;
  hasCover: boolean;
  createdAt: Date;
  /** [{ batchNo, places, signupOpensAt, signupClosesAt, drawnAt, free }] as JSON (times as text) */
  batches: BatchJson[];
}

export interface BatchJson {
  batchNo: number;
  places: number;
  signupOpensAt: string;
  signupClosesAt: string;
  drawnAt: string | null;
  /** places and waitlist places still free over the batch's slots */
  free: number;
  /** places (not waitlist places) still free over the batch's slots */
  placesLeft: number;
}

export const activityColumns = `a.id, a.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", a.title, a.kind,
  a.description_html AS "descriptionHtml", a.location, a.lat, a.lng, a.target_groups AS "targetGroups", a.min_age AS "minAge",
  a.max_age AS "maxAge", a.min_membership_months AS "minMembershipMonths", a.same_kind_gap_months AS "sameKindGapMonths",
  a.child_min_age AS "childMinAge", a.child_max_age AS "childMaxAge", a.places, a.waitlist_places AS "waitlistPlaces",
  a.per_member_limit AS "perMemberLimit", a.allocation, a.signup_opens_at AS "signupOpensAt",
  a.signup_closes_at AS "signupClosesAt", a.starts_at AS "startsAt", a.ends_at AS "endsAt",
  a.cancel_deadline AS "cancelDeadline", a.status, a.cancel_reason AS "cancelReason", a.seed_commitment AS "seedCommitment",
  (a.cover_image IS NOT NULL) AS "hasCover", a.created_at AS "createdAt",
  (SELECT coalesce(json_agg(json_build_object('batchNo', b.batch_no, 'places', b.places,
            'signupOpensAt', b.signup_opens_at, 'signupClosesAt', b.signup_closes_at, 'drawnAt', b.drawn_at,
            'free', (SELECT coalesce(sum(s.capacity - s.taken + s.wait_capacity - s.waited), 0)::int
                       FROM activity_slot s WHERE s.activity_id = b.activity_id AND s.batch_no = b.batch_no),
            'placesLeft', (SELECT coalesce(sum(s.capacity - s.taken), 0)::int
                       FROM activity_slot s WHERE s.activity_id = b.activity_id AND s.batch_no = b.batch_no))
          ORDER BY b.batch_no), '[]'::json)
     FROM activity_batch b WHERE b.activity_id = a.id) AS batches`;

export interface NewActivity extends ActivityFields {
  orgId: number;
  allocation: string;
  signupOpensAt: string;
  signupClosesAt: string;
  startsAt: string;
  endsAt: string | null;
  cancelDeadline: string;
  drawSeed: Buffer | null;
  seedCommitment: string | null;
  createdBy: number | null;
}

const writableColumns = `org_id, title, kind, description_html, location, lat, lng, target_groups, min_age, max_age,
  min_membership_months, same_kind_gap_months, child_min_age, child_max_age, places, waitlist_places, per_member_limit,
  allocation, signup_opens_at, signup_closes_at, starts_at, ends_at, cancel_deadline`;

function writableValues(a: Omit<NewActivity, 'drawSeed' | 'seedCommitment' | 'createdBy'>): unknown[] {
  return [
    a.orgId, a.title, a.kind, a.descriptionHtml, a.location, a.lat, a.lng, a.targetGroups, a.minAge, a.maxAge,
    a.minMembershipMonths, a.sameKindGapMonths, a.childMinAge, a.childMaxAge, a.places, a.waitlistPlaces, a.perMemberLimit,
    a.allocation, a.signupOpensAt, a.signupClosesAt, a.startsAt, a.endsAt, a.cancelDeadline,
  ];
}

export async function insertActivity(q: Queryable, a: NewActivity): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO activity (${writableColumns}, draw_seed, seed_commitment, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
     RETURNING id`,
    [...writableValues(a), a.drawSeed, a.seedCommitment, a.createdBy],
  );
  return r!.id;
}

/** Rewrites the editable fields (the publishing union stays). */
export async function updateActivity(q: Queryable, id: number, a: Omit<NewActivity, 'drawSeed' | 'seedCommitment' | 'createdBy'>): Promise<void> {
  await q.query(
    `UPDATE activity SET (${writableColumns}, updated_at) =
       ($2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, now())
      WHERE id = $1`,
    [id, ...writableValues(a)],
  );
}

export interface NewSlot {
  batchNo: number;
  slot: number;
  capacity: number;
  waitCapacity: number;
}

/** Replaces the batches and their counter slots (only before anyone signed up). */
export async function replaceBatches(
  q: Queryable,
  activityId: number,
  batches: { batchNo: number; places: number; waitlistPlaces: number; signupOpensAt: Date; signupClosesAt: Date }[],
  slots: NewSlot[],
): Promise<void> {
  await q.query(`DELETE FROM activity_slot WHERE activity_id = $1`, [activityId]);
  await q.query(`DELETE FROM activity_batch WHERE activity_id = $1`, [activityId]);
  await q.query(
    `INSERT INTO activity_batch (activity_id, batch_no, places, waitlist_places, signup_opens_at, signup_closes_at)
     SELECT $1, * FROM unnest($2::smallint[], $3::int[], $4::int[], $5::timestamptz[], $6::timestamptz[])`,
    [
      activityId,
      batches.map((b) => b.batchNo),
      batches.map((b) => b.places),
      batches.map((b) => b.waitlistPlaces),
      batches.map((b) => b.signupOpensAt.toISOString()),
      batches.map((b) => b.signupClosesAt.toISOString()),
    ],
  );
  await q.query(
    `INSERT INTO activity_slot (activity_id, batch_no, slot, capacity, wait_capacity)
     SELECT $1, * FROM unnest($2::smallint[], $3::smallint[], $4::int[], $5::int[])`,
    [activityId, slots.map((s) => s.batchNo), slots.map((s) => s.slot), slots.map((s) => s.capacity), slots.map((s) => s.waitCapacity)],
  );
}

/** One activity of the scope (by its publishing union), or undefined — missing or outside alike. */
export async function getActivityInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<ActivityRow | undefined> {
  const rows = await q.query<ActivityRow>(
    `SELECT ${activityColumns} FROM activity a JOIN org o ON o.id = a.org_id
      WHERE a.id = $1 AND ${scopeFilter('o.path', 2)} ${lock ? 'FOR UPDATE OF a' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

export async function findActivitiesByIds(q: Queryable, ids: number[]): Promise<ActivityRow[]> {
  return q.query<ActivityRow>(`SELECT ${activityColumns} FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id = ANY($1::bigint[])`, [ids]);
}

/** One activity in the reach of a member whose union has path `memberPath`. */
export async function getActivityInReach(q: Queryable, memberPath: string, id: number): Promise<ActivityRow | undefined> {
  const rows = await q.query<ActivityRow>(
    `SELECT ${activityColumns} FROM activity a JOIN org o ON o.id = a.org_id WHERE a.id = $1 AND ${memberInReach('o.path', '$2::ltree')}`,
    [id, memberPath],
  );
  return rows[0];
}

export interface FiguresRow {
  visits: number;
  participants: number;
  checkedIn: number;
  waitlisted: number;
  entered: number;
  placesTaken: number;
}

const figuresColumns = `(SELECT count(*)::int FROM activity_view v WHERE v.activity_id = a.id) AS visits,
  f.participants, f."checkedIn", f.waitlisted, f.entered, f."placesTaken"`;
const figuresJoin = `LEFT JOIN LATERAL (
    SELECT count(*) FILTER (WHERE s.status = 'confirmed')::int AS participants,
           count(*) FILTER (WHERE s.checked_in_at IS NOT NULL)::int AS "checkedIn",
           count(*) FILTER (WHERE s.status = 'waitlisted')::int AS waitlisted,
           count(*) FILTER (WHERE s.status = 'entered')::int AS entered,
           coalesce(sum(s.seats) FILTER (WHERE s.status = 'confirmed'), 0)::int AS "placesTaken"
      FROM activity_signup s WHERE s.activity_id = a.id) f ON true`;

export async function getFigures(q: Queryable, id: number): Promise<FiguresRow> {
  const [r] = await q.query<FiguresRow>(`SELECT ${figuresColumns} FROM activity a ${figuresJoin} WHERE a.id = $1`, [id]);
  return r!;
}

/**
 * Adds the kind and status filters both activity lists take to `params` and `where`, and counts what
 * the conditions match: the WHERE text for the page's query, and the total.
 */
async function filterAndCount(
  q: Queryable,
  params: unknown[],
  where: string[],
  f: { kind?: string | undefined; status?: string | undefined },
): Promise<{ w: string; total: number }> {
  if (f.kind) {
    params.push(f.kind);
    where.push(`a.kind = $${params.length}`);
  }
  if (f.status) {
    params.push(f.status);
    where.push(`a.status = $${params.length}`);
  }
  const w = where.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM activity a JOIN org o ON o.id = a.org_id WHERE ${w}`, params);
  return { w, total: c?.n ?? 0 };
}

export async function findActivitiesInScope(
  q: Queryable,
  scope: Scope,
  f: { underPath?: OrgPath | undefined; kind?: string | undefined; status?: string | undefined; limit: number; offset: number },
): Promise<{ items: (ActivityRow & FiguresRow)[]; total: number }> {
  const params: unknown[] = [scope.path];
  const where = [scopeFilter('o.path', 1)];
  if (f.underPath) {
    params.push(f.underPath);
    where.push(withinSubtree('o.path', params.length));
  }
  const { w, total } = await filterAndCount(q, params, where, f);
  const items = await q.query<ActivityRow & FiguresRow>(
    `SELECT ${activityColumns}, ${figuresColumns} FROM activity a JOIN org o ON o.id = a.org_id ${figuresJoin}
      WHERE ${w} ORDER BY a.starts_at DESC, a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total };
}

export interface MySignupRow {
  id: number;
  status: string;
  seats: number;
  checkedInAt: Date | null;
}

/** Activities in a member's reach, each with the member's live sign-up if any. */
export async function findActivitiesInReach(
  q: Queryable,
  memberId: number,
  memberPath: string,
  f: { kind?: string | undefined; status?: string | undefined; limit: number; offset: number },
): Promise<{ items: (ActivityRow & { mySignup: MySignupRow | null })[]; total: number }> {
  const params: unknown[] = [memberPath, memberId];
  const where = [memberInReach('o.path', '$1::ltree'), `$2::bigint IS NOT NULL`];
  const { w, total } = await filterAndCount(q, params, where, f);
  const items = await q.query<ActivityRow & { mySignup: MySignupRow | null }>(
    `SELECT ${activityColumns},
            (SELECT json_build_object('id', s.id, 'status', s.status, 'seats', s.seats, 'checkedInAt', s.checked_in_at)
               FROM activity_signup s WHERE s.activity_id = a.id AND s.member_id = $2 AND s.status <> 'cancelled') AS "mySignup"
       FROM activity a JOIN org o ON o.id = a.org_id
      WHERE ${w}
      ORDER BY (a.status = 'published' AND a.signup_closes_at > now()) DESC, a.starts_at DESC, a.id DESC
      LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total };
}

export async function getMySignup(q: Queryable, activityId: number, memberId: number): Promise<MySignupRow | null> {
  const rows = await q.query<MySignupRow>(
    `SELECT id, status, seats, checked_in_at AS "checkedInAt" FROM activity_signup
      WHERE activity_id = $1 AND member_id = $2 AND status <> 'cancelled'`,
    [activityId, memberId],
  );
  return rows[0] ?? null;
}

export interface MemberFactsRow {
  status: string;
  birthDate: string;
  joinedOn: string;
  groups: string[];
  orgPath: string;
  /** kind → starts of the member's confirmed activities of that kind */
  confirmedStarts: { kind: string; activityId: number; startsAt: string }[];
}

/**
 * The member's confirmed activities (kind, start) as JSON. Driven by the member's own sign-ups (the
 * index on member_id, behind an OFFSET 0 fence) whatever the statistics say: on a table that grew in
 * a minute the planner otherwise walked every activity's sign-ups for each member (85 ms for 50).
 */
export const confirmedStartsSql = (member: string, exceptActivity?: string) =>
  `(SELECT coalesce(json_agg(json_build_object('kind', a.kind, 'activityId', a.id, 'startsAt', a.starts_at)), '[]'::json)
      FROM (SELECT s.activity_id FROM activity_signup s WHERE s.member_id = ${member} AND s.status = 'confirmed' OFFSET 0) s
      JOIN activity a ON a.id = s.activity_id
     WHERE a.status = 'published'${exceptActivity ? ` AND a.id <> ${exceptActivity}` : ''})`;

export async function getMemberFacts(q: Queryable, memberId: number): Promise<MemberFactsRow | undefined> {
  const rows = await q.query<MemberFactsRow>(
    `SELECT m.status, m.birth_date::text AS "birthDate", m.joined_on::text AS "joinedOn", m.groups, o.path::text AS "orgPath",
            ${confirmedStartsSql('m.id')} AS "confirmedStarts"
       FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`,
    [memberId],
  );
  return rows[0];
}

/** Records that a member opened the detail (访问人数 counts each member once). */
export async function recordView(q: Queryable, activityId: number, memberId: number): Promise<void> {
  await q.query(`INSERT INTO activity_view (activity_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [activityId, memberId]);
}

export async function hasAnySignup(q: Queryable, activityId: number): Promise<boolean> {
  const [r] = await q.query<{ x: boolean }>(`SELECT EXISTS (SELECT 1 FROM activity_signup WHERE activity_id = $1) AS x`, [activityId]);
  return r!.x;
}

export async function setCover(q: Queryable, id: number, image: Buffer, type: string): Promise<void> {
  await q.query(`UPDATE activity SET cover_image = $2, cover_type = $3, updated_at = now() WHERE id = $1`, [id, image, type]);
}

export async function getCover(q: Queryable, id: number): Promise<{ image: Buffer; type: string } | undefined> {
  const rows = await q.query<{ image: Buffer | Uint8Array | null; type: string | null }>(
    `SELECT cover_image AS image, cover_type AS type FROM activity WHERE id = $1`,
    [id],
  );
  const r = rows[0];
  return r?.image && r.type ? { image: Buffer.from(r.image), type: r.type } : undefined;
}

export async function markCancelled(q: Queryable, id: number, reason: string): Promise<void> {
  await q.query(`UPDATE activity SET status = 'cancelled', cancel_reason = $2, cancelled_at = now(), updated_at = now() WHERE id = $1`, [id, reason]);
}

export interface StatsItem {
  id: number;
  title: string;
  kind: string;
  orgName: string;
  startsAt: Date;
  places: number;
  visits: number;
  participants: number;
  checkedIn: number;
}

/** Figures of the activities published in a subtree, starting within [from, to] (dates, inclusive). */
export async function findStats(q: Queryable, scope: Scope, underPath: OrgPath, from: string | null, to: string | null): Promise<StatsItem[]> {
  return q.query<StatsItem>(
    `SELECT a.id, a.title, a.kind, o.name AS "orgName", a.starts_at AS "startsAt", a.places,
            (SELECT count(*)::int FROM activity_view v WHERE v.activity_id = a.id) AS visits,
            (SELECT count(*)::int FROM activity_signup s WHERE s.activity_id = a.id AND s.status = 'confirmed') AS participants,
            (SELECT count(*)::int FROM activity_signup s WHERE s.activity_id = a.id AND s.checked_in_at IS NOT NULL) AS "checkedIn"
       FROM activity a JOIN org o ON o.id = a.org_id
      WHERE ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)} AND a.status = 'published'
        AND ($3::date IS NULL OR a.starts_at >= $3::date) AND ($4::date IS NULL OR a.starts_at < $4::date + 1)
      ORDER BY a.starts_at, a.id`,
    [scope.path, underPath, from, to],
  );
}
