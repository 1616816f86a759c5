// Enrolments, attendance and pick-up: SQL only. The child's data stays sealed here (details_enc);
// the service opens it only for the guardian or a reveal.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath } from '../../http/scope.ts';
import { withinSubtree } from '../../http/scope.ts';

export interface NewEnrolment {
  programmeId: number;
  workerId: number;
  memberId: number;
  childHash: Buffer;
  childNameMasked: string;
  guardianPhoneMasked: string;
  detailsEnc: Buffer;
  consentVersion: string;
  idemKey: string;
  requestHash: Buffer;
}

export interface EnrolmentRow {
  id: number;
  programmeId: number;
  workerId: number;
  status: string;
  waitlistNo: number | null;
  /** null once the child's data is deleted (purgedAt) */
  childNameMasked: string | null;
  guardianPhoneMasked: string | null;
  consentAt: Date | string;
  createdAt: Date | string;
  purgedAt: Date | string | null;
}

const ENROLMENT = `e.id::int AS id, e.programme_id::int AS "programmeId", e.worker_id::int AS "workerId", e.status, e.waitlist_no AS "waitlistNo",
  e.child_name_masked AS "childNameMasked", e.guardian_phone_masked AS "guardianPhoneMasked", e.consent_at AS "consentAt", e.created_at AS "createdAt",
  e.purged_at AS "purgedAt"`;

export async function insertEnrolment(q: Queryable, e: NewEnrolment): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO childcare_enrolment (programme_id, worker_id, member_id, child_hash, child_name_masked, guardian_phone_masked, details_enc,
                                      consent_version, consent_at, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now(), $9, $10) RETURNING id::int AS id`,
    [e.programmeId, e.workerId, e.memberId, e.childHash, e.childNameMasked, e.guardianPhoneMasked, e.detailsEnc, e.consentVersion, e.idemKey, e.requestHash],
  );
  return r!.id;
}

export async function findEnrolmentByKey(q: Queryable, workerId: number, key: string) {
  const [r] = await q.query<{ id: number; hash: string }>(
    `SELECT id::int AS id, encode(request_hash, 'hex') AS hash FROM childcare_enrolment WHERE worker_id = $1 AND idem_key = $2`,
    [workerId, key],
  );
  return r;
}

export interface MyEnrolmentRow extends EnrolmentRow {
  title: string;
  orgName: string;
  firstSessionAt: Date | string | null;
  detailsEnc: Buffer | null;
}

const MY = `${ENROLMENT}, p.title, o.name AS "orgName", e.details_enc AS "detailsEnc",
  (SELECT min(s.starts_at) FROM childcare_session s WHERE s.programme_id = p.id) AS "firstSessionAt"`;
const MY_FROM = `childcare_enrolment e JOIN childcare_programme p ON p.id = e.programme_id JOIN org o ON o.id = p.org_id`;

export async function getMyEnrolment(q: Queryable, workerId: number, id: number): Promise<MyEnrolmentRow | undefined> {
  const [r] = await q.query<MyEnrolmentRow>(`SELECT ${MY} FROM ${MY_FROM} WHERE e.id = $1 AND e.worker_id = $2`, [id, workerId]);
  return r;
}

export async function findMyEnrolments(q: Queryable, workerId: number, page: { limit: number; offset: number }) {
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM childcare_enrolment WHERE worker_id = $1`, [workerId]);
  const items = await q.query<MyEnrolmentRow>(`SELECT ${MY} FROM ${MY_FROM} WHERE e.worker_id = $1 ORDER BY e.id DESC LIMIT $2 OFFSET $3`, [workerId, page.limit, page.offset]);
  return { items, total: count?.n ?? 0 };
}

export async function setStatus(q: Queryable, id: number, status: string): Promise<void> {
  await q.query(`UPDATE childcare_enrolment SET status = $2, updated_at = now(), cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() END WHERE id = $1`, [id, status]);
}

export async function countLive(q: Queryable, programmeId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM childcare_enrolment WHERE programme_id = $1 AND status <> 'cancelled'`, [programmeId]);
  return r!.n;
}

export async function findStaffEnrolments(q: Queryable, programmeId: number, status: string | undefined, page: { limit: number; offset: number }) {
  const params: unknown[] = [programmeId];
  let where = 'e.programme_id = $1';
  if (status) {
    params.push(status);
    where += ` AND e.status = $${params.length}`;
  }
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM childcare_enrolment e WHERE ${where}`, params);
  const items = await q.query<EnrolmentRow>(
    `SELECT ${ENROLMENT} FROM childcare_enrolment e WHERE ${where} ORDER BY (e.status = 'cancelled'), e.waitlist_no NULLS FIRST, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

/** An enrolment with its programme's running union, for the scope check and the reveal. */
export async function getEnrolmentSealed(q: Queryable, id: number) {
  const [r] = await q.query<{ id: number; programmeId: number; orgId: number; orgPath: string; status: string; detailsEnc: Buffer | null; purgedAt: Date | string | null }>(
    `SELECT e.id::int AS id, p.id::int AS "programmeId", o.id::int AS "orgId", o.path::text AS "orgPath", e.status, e.details_enc AS "detailsEnc",
            e.purged_at AS "purgedAt"
       FROM childcare_enrolment e JOIN childcare_programme p ON p.id = e.programme_id JOIN org o ON o.id = p.org_id WHERE e.id = $1`,
    [id],
  );
  return r;
}

/** The pending entries of a programme (id ascending: the draw's published order), with the worker's phone for the notice. */
export async function pendingEntries(q: Queryable, programmeId: number) {
  return q.query<{ id: number; phoneEnc: Buffer; childNameMasked: string }>(
    `SELECT e.id::int AS id, w.phone_enc AS "phoneEnc", e.child_name_masked AS "childNameMasked"
       FROM childcare_enrolment e JOIN worker w ON w.id = e.worker_id WHERE e.programme_id = $1 AND e.status = 'pending' ORDER BY e.id`,
    [programmeId],
  );
}

export async function allocate(q: Queryable, winners: number[], waitlist: number[]): Promise<void> {
  if (winners.length > 0) await q.query(`UPDATE childcare_enrolment SET status = 'enrolled', updated_at = now() WHERE id = ANY($1::bigint[])`, [winners]);
  if (waitlist.length > 0) {
    await q.query(
      `UPDATE childcare_enrolment e SET status = 'waitlisted', waitlist_no = t.n, updated_at = now()
         FROM unnest($1::bigint[]) WITH ORDINALITY AS t (id, n) WHERE e.id = t.id`,
      [waitlist],
    );
  }
}

/**
 * The waiting list of an ended programme dropped: every waitlisted child becomes not_drawn (未中签),
 * in one statement (a second pass finds none), answering whom to tell.
 */
export async function dropWaitlist(q: Queryable, programmeId: number) {
  return q.query<{ id: number; phoneEnc: Buffer; childNameMasked: string }>(
    `WITH dropped AS (
       UPDATE childcare_enrolment SET status = 'not_drawn', updated_at = now() WHERE programme_id = $1 AND status = 'waitlisted'
       RETURNING id, worker_id, child_name_masked)
     SELECT d.id::int AS id, w.phone_enc AS "phoneEnc", d.child_name_masked AS "childNameMasked"
       FROM dropped d JOIN worker w ON w.id = d.worker_id ORDER BY d.id`,
    [programmeId],
  );
}

/**
 * Deletes the children's data of a programme (docs/design/childcare.md, "Retention"): on each
 * enrolment the sealed details, the masked name and phone, the keyed hash and the request hash; on
 * each attendance mark who picked the child up, when and the note. The state, the consent record
 * and whether the child was present stay (the figures count them). Answers the enrolments purged.
 */
export async function purgeProgramme(q: Queryable, programmeId: number, at: Date): Promise<number> {
  await q.query(
    `UPDATE childcare_attendance SET pickup_name_enc = NULL, pickup_name_masked = NULL, pickup_authorised = NULL, pickup_note = NULL,
                                     picked_up_at = NULL, pickup_by = NULL
      WHERE enrolment_id IN (SELECT id FROM childcare_enrolment WHERE programme_id = $1)`,
    [programmeId],
  );
  const rows = await q.query(
    `UPDATE childcare_enrolment SET details_enc = NULL, child_hash = NULL, child_name_masked = NULL, guardian_phone_masked = NULL,
                                    request_hash = NULL, purged_at = $2, updated_at = now()
      WHERE programme_id = $1 AND purged_at IS NULL RETURNING id`,
    [programmeId, at.toISOString()],
  );
  return rows.length;
}

/** The first on the waiting list (promoted when an enrolled child is cancelled). */
export async function firstWaitlisted(q: Queryable, programmeId: number) {
  const [r] = await q.query<{ id: number; phoneEnc: Buffer; childNameMasked: string }>(
    `SELECT e.id::int AS id, w.phone_enc AS "phoneEnc", e.child_name_masked AS "childNameMasked" FROM childcare_enrolment e JOIN worker w ON w.id = e.worker_id
      WHERE e.programme_id = $1 AND e.status = 'waitlisted' ORDER BY e.waitlist_no, e.id LIMIT 1`,
    [programmeId],
  );
  return r;
}

// ── Sessions ─────────────────────────────────────────────────────────────────────────────────────────

export async function getSession(q: Queryable, id: number) {
  const [r] = await q.query<{ id: number; programmeId: number; startsAt: Date | string; endsAt: Date | string; title: string; orgName: string; orgId: number; orgPath: string }>(
    `SELECT s.id::int AS id, p.id::int AS "programmeId", s.starts_at AS "startsAt", s.ends_at AS "endsAt", p.title, o.name AS "orgName", o.id::int AS "orgId", o.path::text AS "orgPath"
       FROM childcare_session s JOIN childcare_programme p ON p.id = s.programme_id JOIN org o ON o.id = p.org_id WHERE s.id = $1`,
    [id],
  );
  return r;
}

export interface RosterRow {
  enrolmentId: number;
  /** both null once the child's data is deleted */
  childNameMasked: string | null;
  detailsEnc: Buffer | null;
  present: boolean | null;
  pickedUpAt: Date | string | null;
  pickupNameMasked: string | null;
  pickupAuthorised: boolean | null;
  pickupNote: string | null;
}

/** The enrolled children of the session's programme, each with its attendance at the session. */
export async function roster(q: Queryable, sessionId: number, programmeId: number): Promise<RosterRow[]> {
  return q.query<RosterRow>(
    `SELECT e.id::int AS "enrolmentId", e.child_name_masked AS "childNameMasked", e.details_enc AS "detailsEnc",
            a.present, a.picked_up_at AS "pickedUpAt", a.pickup_name_masked AS "pickupNameMasked", a.pickup_authorised AS "pickupAuthorised", a.pickup_note AS "pickupNote"
       FROM childcare_enrolment e LEFT JOIN childcare_attendance a ON a.enrolment_id = e.id AND a.session_id = $1
      WHERE e.programme_id = $2 AND e.status = 'enrolled' ORDER BY e.id`,
    [sessionId, programmeId],
  );
}

export async function markAttendance(q: Queryable, sessionId: number, staffId: number, marks: { enrolmentId: number; present: boolean }[]): Promise<void> {
  await q.query(
    `INSERT INTO childcare_attendance (session_id, enrolment_id, present, marked_by)
     SELECT $1, t.e, t.p, $2 FROM unnest($3::bigint[], $4::boolean[]) AS t (e, p)
     ON CONFLICT (session_id, enrolment_id) DO UPDATE SET present = excluded.present, marked_by = excluded.marked_by, marked_at = now(),
       pickup_name_enc = CASE WHEN excluded.present THEN childcare_attendance.pickup_name_enc END,
       pickup_name_masked = CASE WHEN excluded.present THEN childcare_attendance.pickup_name_masked END,
       pickup_authorised = CASE WHEN excluded.present THEN childcare_attendance.pickup_authorised END,
       pickup_note = CASE WHEN excluded.present THEN childcare_attendance.pickup_note END,
       picked_up_at = CASE WHEN excluded.present THEN childcare_attendance.picked_up_at END,
       pickup_by = CASE WHEN excluded.present THEN childcare_attendance.pickup_by END`,
    [sessionId, staffId, marks.map((m) => m.enrolmentId), marks.map((m) => m.present)],
  );
}

export async function recordPickup(
  q: Queryable,
  sessionId: number,
  enrolmentId: number,
  p: { nameEnc: Buffer; nameMasked: string; authorised: boolean; note: string | null; at: string; staffId: number },
): Promise<boolean> {
  const rows = await q.query(
    `UPDATE childcare_attendance SET pickup_name_enc = $3, pickup_name_masked = $4, pickup_authorised = $5, pickup_note = $6, picked_up_at = $7, pickup_by = $8
      WHERE session_id = $1 AND enrolment_id = $2 AND present RETURNING 1`,
    [sessionId, enrolmentId, p.nameEnc, p.nameMasked, p.authorised, p.note, p.at, p.staffId],
  );
  return rows.length > 0;
}

// ── Figures ──────────────────────────────────────────────────────────────────────────────────────────

/** Programmes of the subtree `root` with a session in [from, to), their enrolments, places and attendance. */
export async function figures(q: Queryable, root: OrgPath, from: Date, to: Date) {
  const [r] = await q.query<{ programmes: number; enrolments: number; enrolled: number; places: number; sessions: number; marks: number; present: number }>(
    `WITH p AS (
       SELECT p.id, p.capacity FROM childcare_programme p JOIN org o ON o.id = p.org_id
        WHERE ${withinSubtree('o.path', 1)} AND p.status <> 'draft'
          AND EXISTS (SELECT 1 FROM childcare_session s WHERE s.programme_id = p.id AND s.starts_at >= $2 AND s.starts_at < $3))
     SELECT (SELECT count(*)::int FROM p) AS programmes,
            (SELECT coalesce(sum(capacity), 0)::int FROM p) AS places,
            (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id IN (SELECT id FROM p) AND e.status <> 'cancelled') AS enrolments,
            (SELECT count(*)::int FROM childcare_enrolment e WHERE e.programme_id IN (SELECT id FROM p) AND e.status = 'enrolled') AS enrolled,
            (SELECT count(*)::int FROM childcare_session s WHERE s.programme_id IN (SELECT id FROM p) AND s.starts_at >= $2 AND s.starts_at < $3) AS sessions,
            (SELECT count(*)::int FROM childcare_attendance a JOIN childcare_session s ON s.id = a.session_id
              WHERE s.programme_id IN (SELECT id FROM p) AND s.starts_at >= $2 AND s.starts_at < $3) AS marks,
            (SELECT count(*)::int FROM childcare_attendance a JOIN childcare_session s ON s.id = a.session_id
              WHERE s.programme_id IN (SELECT id FROM p) AND s.starts_at >= $2 AND s.starts_at < $3 AND a.present) AS present`,
    [root, from.toISOString(), to.toISOString()],
  );
  return r!;
}
