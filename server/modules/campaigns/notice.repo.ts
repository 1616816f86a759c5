// The lottery, the public notice (公示) with the budget reserved, objections, and the award when the
// notice period ends: SQL only. The budget is raised by one conditional UPDATE (never above the
// total, the CHECK is the last guard) and lowered when an application is disqualified.
import type { Queryable } from '../../db/client.ts';

export interface Told {
  id: number;
  campaignId: number;
  memberId: number;
  awardAmount: number;
  name: string;
  phoneEnc: Buffer | Uint8Array | null;
  title: string;
  orgPath: string;
  budgetUnit: string;
}

/**
 * In-notice applications whose period is over and which no open objection holds become awarded.
 * Idempotent: each row moves once, whoever runs it (a sweep, or a read); rows another run holds are
 * skipped (locked in id order, so two runs never deadlock).
 */
export async function settleDue(q: Queryable, campaignId: number | null): Promise<Told[]> {
  return q.query<Told>(
    `WITH due AS (
       SELECT a.id FROM campaign_application a
        WHERE a.status = 'in_notice' AND a.notice_ends_at <= now() AND ($1::bigint IS NULL OR a.campaign_id = $1)
          AND NOT EXISTS (SELECT 1 FROM campaign_objection o WHERE o.application_id = a.id AND o.status = 'open')
        ORDER BY a.id FOR UPDATE OF a SKIP LOCKED),
     done AS (
       UPDATE campaign_application a SET status = 'awarded', awarded_at = now(), updated_at = now()
         FROM due WHERE a.id = due.id AND a.status = 'in_notice'
        RETURNING a.id, a.campaign_id, a.member_id, a.award_amount)
     SELECT done.id, done.campaign_id AS "campaignId", done.member_id AS "memberId", done.award_amount AS "awardAmount",
            m.name, m.phone_enc AS "phoneEnc", c.title, c.org_path::text AS "orgPath", c.budget_unit AS "budgetUnit"
       FROM done JOIN member m ON m.id = done.member_id JOIN campaign c ON c.id = done.campaign_id`,
    [campaignId],
  );
}

/** Whether any in-notice application of the campaign (or of any) is due. */
export async function anyDue(q: Queryable, campaignId: number | null): Promise<boolean> {
  const [r] = await q.query<{ x: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM campaign_application WHERE status = 'in_notice' AND notice_ends_at <= now() AND ($1::bigint IS NULL OR campaign_id = $1)) AS x`,
    [campaignId],
  );
  return r!.x;
}

export async function statusCounts(q: Queryable, campaignId: number): Promise<Record<string, number>> {
  const rows = await q.query<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM campaign_application WHERE campaign_id = $1 GROUP BY status`,
    [campaignId],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function approvedIds(q: Queryable, campaignId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(`SELECT id FROM campaign_application WHERE campaign_id = $1 AND status = 'approved' ORDER BY id`, [campaignId]);
  return rows.map((r) => r.id);
}

/** Records the draw: winners keep `approved` with their position, the others become `not_drawn`. */
export async function recordDraw(q: Queryable, campaignId: number, entries: number[], order: number[], winners: number[]): Promise<Told[]> {
  await q.query(
    `UPDATE campaign_application a SET draw_position = x.pos, updated_at = now()
       FROM unnest($2::bigint[], $3::int[]) AS x(id, pos) WHERE a.id = x.id AND a.campaign_id = $1`,
    [campaignId, order, order.map((_, i) => i + 1)],
  );
  const losers = await q.query<Told>(
    `WITH lost AS (
       UPDATE campaign_application SET status = 'not_drawn', decided_at = now(), updated_at = now()
        WHERE campaign_id = $1 AND status = 'approved' AND NOT (id = ANY($2::bigint[]))
        RETURNING id, campaign_id, member_id, award_amount)
     SELECT lost.id, lost.campaign_id AS "campaignId", lost.member_id AS "memberId", lost.award_amount AS "awardAmount",
            m.name, m.phone_enc AS "phoneEnc", c.title, c.org_path::text AS "orgPath", c.budget_unit AS "budgetUnit"
       FROM lost JOIN member m ON m.id = lost.member_id JOIN campaign c ON c.id = lost.campaign_id`,
    [campaignId, winners],
  );
  await q.query(`UPDATE campaign SET drawn_at = now(), draw_entries = $2::bigint[], draw_winners = $3::bigint[], updated_at = now() WHERE id = $1`, [
    campaignId, entries, winners,
  ]);
  return losers;
}

/** Approved applications (of those named, or all) go in notice; returns those moved. */
export async function moveToNotice(q: Queryable, campaignId: number, ids: number[] | null, endsAt: Date): Promise<Told[]> {
  return q.query<Told>(
    `WITH moved AS (
       UPDATE campaign_application SET status = 'in_notice', notice_started_at = now(), notice_ends_at = $3, updated_at = now()
        WHERE campaign_id = $1 AND status = 'approved' AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[]))
        RETURNING id, campaign_id, member_id, award_amount)
     SELECT moved.id, moved.campaign_id AS "campaignId", moved.member_id AS "memberId", moved.award_amount AS "awardAmount",
            m.name, m.phone_enc AS "phoneEnc", c.title, c.org_path::text AS "orgPath", c.budget_unit AS "budgetUnit"
       FROM moved JOIN member m ON m.id = moved.member_id JOIN campaign c ON c.id = moved.campaign_id`,
    [campaignId, ids, endsAt],
  );
}

/** Reserves `amount` of the budget; false (nothing changed) when it does not fit. */
export async function reserveBudget(q: Queryable, campaignId: number, amount: number): Promise<{ budgetReserved: number; budgetTotal: number } | undefined> {
  const rows = await q.query<{ budgetReserved: number; budgetTotal: number }>(
    `UPDATE campaign SET budget_reserved = budget_reserved + $2, notice_started_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'published' AND budget_reserved + $2 <= budget_total
      RETURNING budget_reserved AS "budgetReserved", budget_total AS "budgetTotal"`,
    [campaignId, amount],
  );
  return rows[0];
}

export async function releaseBudget(q: Queryable, campaignId: number, amount: number): Promise<void> {
  if (amount === 0) return;
  await q.query(`UPDATE campaign SET budget_reserved = budget_reserved - $2, updated_at = now() WHERE id = $1`, [campaignId, amount]);
}

/** Cancels the campaign's live applications; returns them (with the awards released from notice). */
export async function cancelApplications(q: Queryable, campaignId: number): Promise<(Told & { wasInNotice: boolean })[]> {
  return q.query(
    `WITH live AS (
       SELECT id, status FROM campaign_application
        WHERE campaign_id = $1 AND status IN ('in_review', 'returned', 'approved', 'not_drawn', 'in_notice') FOR UPDATE),
     gone AS (
       UPDATE campaign_application a SET status = 'cancelled', current_level = NULL, last_reason = $2, updated_at = now()
         FROM live WHERE a.id = live.id
        RETURNING a.id, a.campaign_id, a.member_id, a.award_amount, live.status = 'in_notice' AS was_in_notice)
     SELECT gone.id, gone.campaign_id AS "campaignId", gone.member_id AS "memberId", gone.award_amount AS "awardAmount",
            gone.was_in_notice AS "wasInNotice", m.name, m.phone_enc AS "phoneEnc", c.title, c.org_path::text AS "orgPath", c.budget_unit AS "budgetUnit"
       FROM gone JOIN member m ON m.id = gone.member_id JOIN campaign c ON c.id = gone.campaign_id`,
    [campaignId, '活动已取消'],
  );
}

export interface NoticeRow {
  applicationId: number;
  memberId: number;
  name: string;
  orgName: string;
  awardAmount: number;
  status: 'in_notice' | 'awarded' | 'disqualified';
  noticeEndsAt: Date;
  openObjections: number;
}

const IN_NOTICE = `a.campaign_id = $1 AND a.status IN ('in_notice', 'awarded', 'disqualified')`;

/** A page of the notice's rows, in the order they entered it. */
export async function noticeRows(q: Queryable, campaignId: number, limit: number, offset: number): Promise<NoticeRow[]> {
  return q.query<NoticeRow>(
    `SELECT a.id AS "applicationId", a.member_id AS "memberId", m.name, o.name AS "orgName", a.award_amount AS "awardAmount", a.status,
            a.notice_ends_at AS "noticeEndsAt",
            (SELECT count(*)::int FROM campaign_objection x WHERE x.application_id = a.id AND x.status = 'open') AS "openObjections"
       FROM campaign_application a JOIN member m ON m.id = a.member_id JOIN org o ON o.id = a.org_id
      WHERE ${IN_NOTICE}
      ORDER BY a.notice_started_at, a.id LIMIT $2 OFFSET $3`,
    [campaignId, limit, offset],
  );
}

/** How many rows the notice has. */
export async function countNoticeRows(q: Queryable, campaignId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_application a WHERE ${IN_NOTICE}`, [campaignId]);
  return r!.n;
}

export async function myObjections(q: Queryable, memberId: number, campaignId: number): Promise<Map<number, string>> {
  const rows = await q.query<{ applicationId: number; status: string }>(
    `SELECT application_id AS "applicationId", status FROM campaign_objection WHERE member_id = $1 AND campaign_id = $2`,
    [memberId, campaignId],
  );
  return new Map(rows.map((r) => [r.applicationId, r.status]));
}

export interface ObjectionRow {
  id: number;
  applicationId: number;
  campaignId: number;
  memberId: number;
  lodgerName: string;
  status: 'open' | 'upheld' | 'dismissed';
  reason: string;
  resolution: string | null;
  lodgedAt: Date;
  resolvedAt: Date | null;
}

const OBJECTION_COLUMNS = `x.id, x.application_id AS "applicationId", x.campaign_id AS "campaignId", x.member_id AS "memberId", lm.name AS "lodgerName",
  x.status, x.reason, x.resolution, x.lodged_at AS "lodgedAt", x.resolved_at AS "resolvedAt"`;

export async function insertObjection(q: Queryable, o: { applicationId: number; campaignId: number; memberId: number; reason: string }): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO campaign_objection (application_id, campaign_id, member_id, reason) VALUES ($1, $2, $3, $4) RETURNING id`,
    [o.applicationId, o.campaignId, o.memberId, o.reason],
  );
  return r!.id;
}

export async function getObjection(q: Queryable, id: number, forUpdate = false): Promise<ObjectionRow | undefined> {
  const rows = await q.query<ObjectionRow>(
    `SELECT ${OBJECTION_COLUMNS} FROM campaign_objection x JOIN member lm ON lm.id = x.member_id WHERE x.id = $1 ${forUpdate ? 'FOR UPDATE OF x' : ''}`,
    [id],
  );
  return rows[0];
}

export async function findObjections(q: Queryable, campaignId: number, status: string | null, limit: number, offset: number): Promise<{ items: ObjectionRow[]; total: number }> {
  const rows = await q.query<ObjectionRow & { total: number }>(
    `SELECT ${OBJECTION_COLUMNS}, count(*) OVER ()::int AS total FROM campaign_objection x JOIN member lm ON lm.id = x.member_id
      WHERE x.campaign_id = $1 AND ($2::text IS NULL OR x.status = $2) ORDER BY x.id LIMIT $3 OFFSET $4`,
    [campaignId, status, limit, offset],
  );
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && offset > 0) {
    const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_objection x WHERE x.campaign_id = $1 AND ($2::text IS NULL OR x.status = $2)`, [campaignId, status]);
    total = r!.n;
  }
  return { items: rows, total };
}

export async function resolveObjection(q: Queryable, id: number, outcome: string, resolution: string, staffId: number): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `UPDATE campaign_objection SET status = $2, resolution = $3, resolved_by = $4, resolved_at = now() WHERE id = $1 AND status = 'open' RETURNING id`,
    [id, outcome, resolution, staffId],
  );
  return rows.length > 0;
}

/** An in-notice application is disqualified; returns whether it moved (its award is then released by the caller). */
export async function disqualify(q: Queryable, applicationId: number, reason: string): Promise<boolean> {
  const rows = await q.query<{ id: number }>(
    `UPDATE campaign_application SET status = 'disqualified', last_reason = $2, decided_at = now(), updated_at = now()
      WHERE id = $1 AND status = 'in_notice' RETURNING id`,
    [applicationId, reason],
  );
  return rows.length > 0;
}
