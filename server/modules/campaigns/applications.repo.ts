// Campaign applications, their documents, reviews and the idempotency store: SQL only.
// Staff see an application when it comes from their subtree, when the campaign is published in their
// subtree, or when a union of their subtree reviews one of the campaign's levels.
import type { Queryable } from '../../db/client.ts';
import { containing, type Scope, scopeFilter } from '../../http/scope.ts';

export interface ApplicantRow {
  memberId: number;
  memberNo: string | null;
  name: string;
  status: string;
  birthDate: string;
  joinedOn: string;
  groups: string[];
  orgId: number;
  orgPath: string;
  phoneEnc: Buffer | Uint8Array | null;
}

const APPLICANT = `m.id AS "memberId", m.member_no AS "memberNo", m.name, m.status, m.birth_date::text AS "birthDate",
  m.joined_on::text AS "joinedOn", m.groups, m.org_id AS "orgId", o.path::text AS "orgPath", m.phone_enc AS "phoneEnc"`;

export async function getApplicant(q: Queryable, memberId: number): Promise<ApplicantRow | undefined> {
  const rows = await q.query<ApplicantRow>(`SELECT ${APPLICANT} FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1`, [memberId]);
  return rows[0];
}

/** A member of the scope's subtree, by member number or id. */
export async function getApplicantInScope(q: Queryable, scope: Scope, by: { memberNo?: string | undefined; memberId?: number | undefined }): Promise<ApplicantRow | undefined> {
  const rows = await q.query<ApplicantRow>(
    `SELECT ${APPLICANT} FROM member m JOIN org o ON o.id = m.org_id
      WHERE (m.member_no = $1 OR m.id = $2) AND ${scopeFilter('o.path', 3)}`,
    [by.memberNo ?? null, by.memberId ?? null, scope.path],
  );
  return rows[0];
}

export interface ReplayRow {
  hash: string;
  id: number;
  campaignId: number;
  memberId: number;
  createdAt: Date;
}

export async function getReplay(q: Queryable, actorKind: 'staff' | 'member', actorId: number, key: string): Promise<ReplayRow | undefined> {
  const rows = await q.query<ReplayRow>(
    `SELECT encode(r.request_hash, 'hex') AS hash, a.id, a.campaign_id AS "campaignId", a.member_id AS "memberId", a.created_at AS "createdAt"
       FROM campaign_apply_request r JOIN campaign_application a ON a.id = r.application_id
      WHERE r.actor_kind = $1 AND r.actor_id = $2 AND r.idem_key = $3`,
    [actorKind, actorId, key],
  );
  return rows[0];
}

export async function hasLiveApplication(q: Queryable, campaignId: number, memberId: number): Promise<boolean> {
  const [r] = await q.query<{ x: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM campaign_application WHERE campaign_id = $1 AND member_id = $2 AND status NOT IN ('withdrawn', 'cancelled')) AS x`,
    [campaignId, memberId],
  );
  return r!.x;
}

export interface NewApplication {
  campaignId: number;
  memberId: number;
  orgId: number;
  orgPath: string;
  awardAmount: number;
  statement: string;
  appliedByStaffId: number | null;
  actorKind: 'staff' | 'member';
  actorId: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function insertApplication(q: Queryable, a: NewApplication): Promise<{ id: number; createdAt: Date }> {
  const [r] = await q.query<{ id: number; createdAt: Date }>(
    `INSERT INTO campaign_application (campaign_id, member_id, org_id, org_path, status, current_level, level_entered_at, award_amount, statement, applied_by_staff_id)
     VALUES ($1, $2, $3, $4::ltree, 'in_review', 1, now(), $5, $6, $7)
     RETURNING id, created_at AS "createdAt"`,
    [a.campaignId, a.memberId, a.orgId, a.orgPath, a.awardAmount, a.statement, a.appliedByStaffId],
  );
  await q.query(
    `INSERT INTO campaign_apply_request (actor_kind, actor_id, idem_key, request_hash, application_id) VALUES ($1, $2, $3, $4, $5)`,
    [a.actorKind, a.actorId, a.idemKey, a.requestHash, r!.id],
  );
  return r!;
}

export async function upsertDocuments(
  q: Queryable,
  applicationId: number,
  docs: { key: string; fileName: string | null; contentType: string; content: Buffer; sha256: string }[],
): Promise<void> {
  for (const d of docs) {
    await q.query(
      `INSERT INTO campaign_document (application_id, doc_key, file_name, content_type, size_bytes, sha256, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (application_id, doc_key) DO UPDATE SET file_name = EXCLUDED.file_name, content_type = EXCLUDED.content_type,
         size_bytes = EXCLUDED.size_bytes, sha256 = EXCLUDED.sha256, content = EXCLUDED.content, uploaded_at = now()`,
      [applicationId, d.key, d.fileName, d.contentType, d.content.length, d.sha256, d.content],
    );
  }
}

export interface DocumentInfoRow {
  applicationId: number;
  key: string;
  fileName: string | null;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date;
}

export async function documentsOf(q: Queryable, applicationIds: number[]): Promise<DocumentInfoRow[]> {
  if (applicationIds.length === 0) return [];
  return q.query<DocumentInfoRow>(
    `SELECT application_id AS "applicationId", doc_key AS key, file_name AS "fileName", content_type AS "contentType",
            size_bytes AS "sizeBytes", sha256, uploaded_at AS "uploadedAt"
       FROM campaign_document WHERE application_id = ANY($1::bigint[]) ORDER BY application_id, doc_key`,
    [applicationIds],
  );
}

export async function getDocument(q: Queryable, applicationId: number, key: string): Promise<{ content: Buffer; contentType: string; fileName: string | null } | undefined> {
  const rows = await q.query<{ content: Buffer | Uint8Array; contentType: string; fileName: string | null }>(
    `SELECT content, content_type AS "contentType", file_name AS "fileName" FROM campaign_document WHERE application_id = $1 AND doc_key = $2`,
    [applicationId, key],
  );
  const r = rows[0];
  return r ? { ...r, content: Buffer.from(r.content) } : undefined;
}

export interface ApplicationRow {
  id: number;
  campaignId: number;
  memberId: number;
  memberNo: string | null;
  name: string;
  phoneEnc: Buffer | Uint8Array | null;
  orgId: number;
  orgPath: string;
  orgName: string;
  status: string;
  currentLevel: number | null;
  levelEnteredAt: Date | null;
  levelName: string | null;
  deadlineDays: number | null;
  reviewerOrgId: number | null;
  reviewerOrgName: string | null;
  /** the union reviewing the current level: the level's, the applicant's at the level's tier, or the applicant's own */
  reviewPath: string | null;
  reviewOrgId: number | null;
  awardAmount: number;
  statement: string;
  appliedByStaffId: number | null;
  lastReason: string | null;
  drawPosition: number | null;
  noticeStartedAt: Date | null;
  noticeEndsAt: Date | null;
  decidedAt: Date | null;
  awardedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const APPLICATION_COLUMNS = `
  a.id, a.campaign_id AS "campaignId", a.member_id AS "memberId", m.member_no AS "memberNo", m.name, m.phone_enc AS "phoneEnc",
  a.org_id AS "orgId", a.org_path::text AS "orgPath", ao.name AS "orgName", a.status, a.current_level AS "currentLevel",
  a.level_entered_at AS "levelEnteredAt", l.name AS "levelName", l.deadline_days AS "deadlineDays", l.reviewer_org_id AS "reviewerOrgId",
  coalesce(ro.name, CASE WHEN l.level_no IS NOT NULL THEN ao.name END) AS "reviewerOrgName",
  CASE WHEN l.level_no IS NOT NULL THEN coalesce(ro.path, a.org_path)::text END AS "reviewPath",
  CASE WHEN l.level_no IS NOT NULL THEN coalesce(ro.id, a.org_id) END AS "reviewOrgId",
  a.award_amount AS "awardAmount", a.statement, a.applied_by_staff_id AS "appliedByStaffId", a.last_reason AS "lastReason",
  a.draw_position AS "drawPosition", a.notice_started_at AS "noticeStartedAt", a.notice_ends_at AS "noticeEndsAt",
  a.decided_at AS "decidedAt", a.awarded_at AS "awardedAt", a.created_at AS "createdAt", a.updated_at AS "updatedAt"`;

const APPLICATION_FROM = `campaign_application a
  JOIN member m ON m.id = a.member_id
  JOIN org ao ON ao.id = a.org_id
  LEFT JOIN campaign_level l ON l.campaign_id = a.campaign_id AND l.level_no = a.current_level
  LEFT JOIN org ro ON ro.id = coalesce(l.reviewer_org_id, CASE WHEN l.reviewer_tier IS NOT NULL THEN gh_tier_union(a.org_path, l.reviewer_tier) END)`;

/** SQL: the application `a` (of campaign `c`) is visible to the scope at parameter `p`. */
export const applicationVisible = (p: number) => `(${scopeFilter('a.org_path', p)} OR ${scopeFilter('c.org_path', p)}
  OR EXISTS (SELECT 1 FROM campaign_level vl JOIN org vo ON vo.id = vl.reviewer_org_id WHERE vl.campaign_id = a.campaign_id AND ${scopeFilter('vo.path', p)}))`;

export async function getApplication(q: Queryable, id: number, forUpdate = false): Promise<ApplicationRow | undefined> {
  const rows = await q.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} WHERE a.id = $1 ${forUpdate ? 'FOR UPDATE OF a' : ''}`, [id]);
  return rows[0];
}

/** An application the scope sees (of a campaign it sees); locked with `forUpdate`. */
export async function getApplicationVisible(q: Queryable, scope: Scope, id: number, forUpdate = false): Promise<ApplicationRow | undefined> {
  const rows = await q.query<ApplicationRow>(
    `SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} JOIN campaign c ON c.id = a.campaign_id
      WHERE a.id = $1 AND (${scopeFilter('c.org_path', 2)} OR ${containing('c.org_path', '$2::ltree')}) AND ${applicationVisible(2)} ${forUpdate ? 'FOR UPDATE OF a' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

export async function getOwnApplication(q: Queryable, memberId: number, id: number, forUpdate = false): Promise<ApplicationRow | undefined> {
  const rows = await q.query<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM ${APPLICATION_FROM} WHERE a.id = $1 AND a.member_id = $2 ${forUpdate ? 'FOR UPDATE OF a' : ''}`, [id, memberId]);
  return rows[0];
}

export interface QueueFilter {
  status?: string | undefined;
  level?: number | undefined;
  /** only those waiting at a level the scope reviews */
  mine: boolean;
  limit: number;
  offset: number;
}

export async function findApplications(q: Queryable, scope: Scope, campaignId: number, f: QueueFilter): Promise<{ items: ApplicationRow[]; total: number }> {
  const where = `a.campaign_id = $1 AND ${applicationVisible(2)} AND ($3::text IS NULL OR a.status = $3) AND ($4::int IS NULL OR a.current_level = $4)
    AND (NOT $5::boolean OR (a.status = 'in_review' AND ${scopeFilter('coalesce(ro.path, a.org_path)', 2)}))`;
  const params = [campaignId, scope.path, f.status ?? null, f.level ?? null, f.mine];
  const rows = await q.query<ApplicationRow & { total: number }>(
    `SELECT ${APPLICATION_COLUMNS}, count(*) OVER ()::int AS total
       FROM ${APPLICATION_FROM} JOIN campaign c ON c.id = a.campaign_id
      WHERE ${where} ORDER BY a.id LIMIT $6 OFFSET $7`,
    [...params, f.limit, f.offset],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && f.offset > 0) {
    const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${APPLICATION_FROM} JOIN campaign c ON c.id = a.campaign_id WHERE ${where}`, params);
    total = r!.n;
  }
  return { items: rows, total };
}

export async function findMyApplications(q: Queryable, memberId: number, limit: number, offset: number): Promise<{ items: ApplicationRow[]; total: number }> {
  const rows = await q.query<ApplicationRow & { total: number }>(
    `SELECT ${APPLICATION_COLUMNS}, count(*) OVER ()::int AS total FROM ${APPLICATION_FROM}
      WHERE a.member_id = $1 ORDER BY a.id DESC LIMIT $2 OFFSET $3`,
    [memberId, limit, offset],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_application WHERE member_id = $1`, [memberId]);
    total = r!.n;
  }
  return { items: rows, total };
}

/** The member's live application of each campaign named. */
export async function myApplicationsOf(q: Queryable, memberId: number, campaignIds: number[]): Promise<Map<number, { id: number; status: string }>> {
  const rows = await q.query<{ id: number; campaignId: number; status: string }>(
    `SELECT id, campaign_id AS "campaignId", status FROM campaign_application
      WHERE member_id = $1 AND campaign_id = ANY($2::bigint[]) AND status NOT IN ('withdrawn', 'cancelled')`,
    [memberId, campaignIds],
  );
  return new Map(rows.map((r) => [r.campaignId, { id: r.id, status: r.status }]));
}

export interface ReviewRow {
  applicationId: number;
  levelNo: number;
  decision: 'approve' | 'return' | 'reject' | 'resubmit';
  reason: string | null;
  staffId: number | null;
  /** the union that decided (NULL for a resubmission) */
  orgName: string | null;
  at: Date;
}

export async function reviewsOf(q: Queryable, applicationIds: number[]): Promise<ReviewRow[]> {
  if (applicationIds.length === 0) return [];
  return q.query<ReviewRow>(
    `SELECT r.application_id AS "applicationId", r.level_no AS "levelNo", r.decision, r.reason, r.staff_id AS "staffId", o.name AS "orgName", r.at
       FROM campaign_review r LEFT JOIN org o ON o.id = r.org_id WHERE r.application_id = ANY($1::bigint[]) ORDER BY r.id`,
    [applicationIds],
  );
}

export async function insertReview(q: Queryable, r: { applicationId: number; levelNo: number; decision: string; reason: string | null; staffId: number | null; orgId: number | null }): Promise<void> {
  await q.query(`INSERT INTO campaign_review (application_id, level_no, decision, reason, staff_id, org_id) VALUES ($1, $2, $3, $4, $5, $6)`, [
    r.applicationId, r.levelNo, r.decision, r.reason, r.staffId, r.orgId,
  ]);
}

/**
 * Moves an application on from `fromStatus` at `fromLevel` (the row must still be there: a
 * concurrent decision loses). Returns whether it moved.
 */
export async function moveApplication(
  q: Queryable,
  id: number,
  from: { status: string; level: number | null },
  to: { status: string; level: number | null; reason: string | null; decided: boolean; enterLevel: boolean },
): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `UPDATE campaign_application
        SET status = $4, current_level = $5, last_reason = coalesce($6, last_reason),
            level_entered_at = CASE WHEN $7::boolean THEN now() ELSE level_entered_at END,
            decided_at = CASE WHEN $8::boolean THEN now() ELSE decided_at END, updated_at = now()
      WHERE id = $1 AND status = $2 AND current_level IS NOT DISTINCT FROM $3::smallint
      RETURNING id`,
    [id, from.status, from.level, to.status, to.level, to.reason, to.enterLevel, to.decided],
  );
  return rows.length > 0;
}

export async function resubmitApplication(q: Queryable, id: number, statement: string | null): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `UPDATE campaign_application SET status = 'in_review', level_entered_at = now(), statement = coalesce($2, statement),
            resubmissions = resubmissions + 1, updated_at = now()
      WHERE id = $1 AND status = 'returned' RETURNING id`,
    [id, statement],
  );
  return rows.length > 0;
}

/** The member withdraws a live application (not yet awarded); returns its status before, or undefined. */
export async function withdrawApplication(q: Queryable, id: number): Promise<string | undefined> {
  const rows = await q.query<{ was: string }>(
    `WITH old AS (SELECT id, status FROM campaign_application WHERE id = $1 AND status IN ('in_review', 'returned', 'approved', 'in_notice') FOR UPDATE)
     UPDATE campaign_application a SET status = 'withdrawn', current_level = NULL, decided_at = now(), updated_at = now()
       FROM old WHERE a.id = old.id RETURNING old.status AS was`,
    [id],
  );
  return rows[0]?.was;
}

/** The documents keys an application holds. */
export async function documentKeys(q: Queryable, applicationId: number): Promise<Set<string>> {
  const rows = await q.query<{ key: string }>(`SELECT doc_key AS key FROM campaign_document WHERE application_id = $1`, [applicationId]);
  return new Set(rows.map((r) => r.key));
}
