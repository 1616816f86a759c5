// Roster jobs, the staging table and the bulk insert into member: SQL only.
import type { Db, Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface JobRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  staffId: number;
  fileName: string;
  fileSize: number;
  status: 'queued' | 'reading' | 'importing' | 'done' | 'failed';
  percent: number;
  totalRows: number | null;
  readRows: number;
  validRows: number | null;
  processedRows: number;
  imported: number;
  rejoined: number;
  skipped: number;
  errorRows: number;
  errorCounts: Record<string, number>;
  errorCode: string | null;
  errorMessage: string | null;
  hasErrorFile: boolean;
  errorsExpired: boolean;
  createdAt: Date | string;
  finishedAt: Date | string | null;
  /** seconds since the last heartbeat */
  silentFor: number;
}

const jobColumns = `j.id, j.org_id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", j.staff_id AS "staffId",
  j.file_name AS "fileName", j.file_size AS "fileSize", j.status, j.percent, j.total_rows AS "totalRows",
  j.read_rows AS "readRows", j.valid_rows AS "validRows", j.processed_rows AS "processedRows", j.imported, j.rejoined,
  j.skipped, j.error_rows AS "errorRows", j.error_counts AS "errorCounts", j.error_code AS "errorCode",
  j.error_message AS "errorMessage", (j.errors_enc IS NOT NULL) AS "hasErrorFile",
  (j.errors_expire_at IS NOT NULL AND j.errors_expire_at < now()) AS "errorsExpired", j.created_at AS "createdAt",
  j.finished_at AS "finishedAt", extract(epoch FROM now() - j.heartbeat_at)::float8 AS "silentFor"`;

export async function insertJob(q: Queryable, j: { orgId: number; staffId: number; fileName: string; fileSize: number }): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO roster_job (org_id, staff_id, file_name, file_size) VALUES ($1, $2, $3, $4) RETURNING id`,
    [j.orgId, j.staffId, j.fileName, j.fileSize],
  );
  return r!.id;
}

/** A job, whatever its org (the caller checks the scope with the org id it returns). */
export async function getJob(q: Queryable, id: number): Promise<JobRow | undefined> {
  const rows = await q.query<JobRow>(`SELECT ${jobColumns} FROM roster_job j JOIN org o ON o.id = j.org_id WHERE j.id = $1`, [id]);
  return rows[0];
}

/** A page of the jobs into unions under `underPath` within the scope, newest first. */
export async function findJobs(q: Queryable, scope: Scope, underPath: OrgPath, limit: number, offset: number): Promise<JobRow[]> {
  return q.query<JobRow>(
    `SELECT ${jobColumns} FROM roster_job j JOIN org o ON o.id = j.org_id
      WHERE ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)} ORDER BY j.id DESC LIMIT $3 OFFSET $4`,
    [scope.path, underPath, limit, offset],
  );
}

/** How many jobs findJobs pages through. */
export async function countJobs(q: Queryable, scope: Scope, underPath: OrgPath): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM roster_job j JOIN org o ON o.id = j.org_id
      WHERE ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)}`,
    [scope.path, underPath],
  );
  return r!.n;
}

export async function getErrorFile(q: Queryable, id: number): Promise<Buffer | undefined> {
  const rows = await q.query<{ enc: Buffer | null }>(
    `SELECT errors_enc AS enc FROM roster_job WHERE id = $1 AND errors_expire_at > now()`,
    [id],
  );
  return rows[0]?.enc ?? undefined;
}

export interface JobProgress {
  status?: JobRow['status'];
  percent?: number;
  readRows?: number;
  totalRows?: number;
  validRows?: number;
  errorRows?: number;
  errorCounts?: Record<string, number>;
  started?: boolean;
}

/** Moves a running job on; also keeps the heartbeat of the jobs queued behind it. */
export async function updateProgress(q: Queryable, id: number, p: JobProgress, queued: number[] = []): Promise<void> {
  await q.query(
    `UPDATE roster_job SET status = coalesce($2, status), percent = coalesce($3, percent), read_rows = coalesce($4, read_rows),
            total_rows = coalesce($5, total_rows), valid_rows = coalesce($6, valid_rows), error_rows = coalesce($7, error_rows),
            error_counts = coalesce($8::jsonb, error_counts), started_at = CASE WHEN $9 THEN now() ELSE started_at END,
            heartbeat_at = now()
      WHERE id = $1`,
    [
      id, p.status ?? null, p.percent ?? null, p.readRows ?? null, p.totalRows ?? null, p.validRows ?? null, p.errorRows ?? null,
      p.errorCounts ? JSON.stringify(p.errorCounts) : null, p.started ?? false,
    ],
  );
  if (queued.length > 0) await q.query(`UPDATE roster_job SET heartbeat_at = now() WHERE id = ANY($1::bigint[])`, [queued]);
}

/** Counts of one batch, added in the batch's own transaction (so they match what was written). */
export async function addBatchCounts(
  q: Queryable,
  id: number,
  c: { processed: number; imported: number; rejoined: number; skipped: number; errorRows: number; errorCounts: Record<string, number>; percent: number },
): Promise<void> {
  await q.query(
    `UPDATE roster_job SET processed_rows = processed_rows + $2, imported = imported + $3, rejoined = rejoined + $4,
            skipped = skipped + $5, error_rows = error_rows + $6,
            error_counts = (SELECT coalesce(jsonb_object_agg(k, v), '{}'::jsonb) FROM (
                              SELECT k, sum(v)::int AS v FROM (
                                SELECT key AS k, value::int AS v FROM jsonb_each_text(error_counts)
                                UNION ALL SELECT key, value::int FROM jsonb_each_text($7::jsonb)) x GROUP BY k) y),
            percent = greatest(percent, $8), heartbeat_at = now()
      WHERE id = $1`,
    [id, c.processed, c.imported, c.rejoined, c.skipped, c.errorRows, JSON.stringify(c.errorCounts), c.percent],
  );
}

export async function finishJob(
  q: Queryable,
  id: number,
  f: { status: 'done' | 'failed'; errorCode?: string | null; errorMessage?: string | null; errorsEnc?: Buffer | null },
): Promise<void> {
  await q.query(
    `UPDATE roster_job SET status = $2, error_code = $3, error_message = $4, errors_enc = $5,
            errors_expire_at = CASE WHEN $5::bytea IS NOT NULL THEN now() + interval '24 hours' END,
            percent = CASE WHEN $2 = 'done' THEN 100 ELSE percent END, finished_at = now(), heartbeat_at = now()
      WHERE id = $1`,
    [id, f.status, f.errorCode ?? null, f.errorMessage ?? null, f.errorsEnc ?? null],
  );
}

/** Error workbooks past their day are dropped; staging rows of jobs that are not running go too. */
export async function sweep(q: Queryable, running: number[]): Promise<void> {
  await q.query(`UPDATE roster_job SET errors_enc = NULL WHERE errors_enc IS NOT NULL AND errors_expire_at < now()`);
  await q.query(
    `DELETE FROM roster_staging s WHERE NOT (s.job_id = ANY($1::bigint[]))
        AND NOT EXISTS (SELECT 1 FROM roster_job j WHERE j.id = s.job_id AND j.status IN ('queued', 'reading', 'importing')
                          AND j.heartbeat_at > now() - interval '2 minutes')`,
    [running],
  );
}

export const STAGING_COLUMNS = [
  'job_id', 'row_no', 'name', 'name_pinyin', 'sex', 'birth_date', 'id_number_enc', 'id_number_hash', 'id_number_masked',
  'phone_enc', 'phone_hash', 'phone_masked', 'employer_name', 'joined_on', 'groups',
] as const;

/** COPYs sealed rows (CSV lines in STAGING_COLUMNS order) into the staging table. */
export async function copyToStaging(db: Db, csv: string | Uint8Array): Promise<number> {
  return db.copyFrom('roster_staging', STAGING_COLUMNS, csv);
}

export interface BatchTarget {
  jobId: number;
  fromRow: number;
  toRow: number;
  orgId: number;
  staffId: number;
  enterpriseId: number | null;
}

/**
 * Inserts the staged rows of a batch that are nobody's yet — no member_identity with that ID
 * number hash, no pending application — as members of the union in one statement: member (number
 * GH + 10 digits), member_identity (the unique key that keeps one person one membership), card,
 * and the history ('joined' with reason 导入名册, then 'card_issued'). Returns the rows inserted.
 * The member_count trigger stands aside for the transaction; the count is added here.
 */
export async function insertFreshMembers(q: Queryable, b: BatchTarget): Promise<number[]> {
  await q.query(`SELECT set_config('gonghui.bulk_member_counts', 'on', true)`);
  const rows = await q.query<{ rowNo: number }>(
    `WITH fresh AS (
       SELECT nextval(pg_get_serial_sequence('member', 'id')) AS member_id, s.*
         FROM roster_staging s
        WHERE s.job_id = $1 AND s.row_no BETWEEN $2 AND $3
          AND NOT EXISTS (SELECT 1 FROM member_identity i WHERE i.id_number_hash = s.id_number_hash)
          AND NOT EXISTS (SELECT 1 FROM member_application a WHERE a.id_number_hash = s.id_number_hash AND a.status = 'pending')
        ORDER BY s.row_no
     ), m AS (
       INSERT INTO member (id, org_id, member_no, name, name_pinyin, sex, birth_date, id_number_enc, id_number_hash,
                           id_number_masked, phone_enc, phone_hash, phone_masked, employer_name, groups, status, joined_on,
                           enterprise_id, join_channel)
       SELECT member_id, $4, 'GH' || lpad(member_id::text, 10, '0'), name, name_pinyin, sex, birth_date, id_number_enc,
              id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked, employer_name, groups, 'active',
              coalesce(joined_on, current_date), $6, 'roster'
         FROM fresh
       RETURNING id, id_number_hash
     ), identity AS (
       INSERT INTO member_identity (id_number_hash, member_id) SELECT id_number_hash, id FROM m
     ), cards AS (
       INSERT INTO card (member_id, card_no) SELECT id, gh_card_no(id) FROM m
     ), events AS (
       -- every 'joined' before every 'card_issued' (appended in this order), as a join writes them
       INSERT INTO member_event (member_id, kind, to_status, to_org_id, reason, actor_kind, actor_id)
       SELECT id, 'joined', 'active', $4::bigint, '导入名册', 'staff', $5::bigint FROM m
       UNION ALL
       SELECT id, 'card_issued', NULL, NULL, gh_card_no(id), 'system', NULL FROM m
     )
     SELECT row_no AS "rowNo" FROM fresh`,
    [b.jobId, b.fromRow, b.toRow, b.orgId, b.staffId, b.enterpriseId],
  );
  if (rows.length > 0) await q.query(`UPDATE org SET member_count = member_count + $2 WHERE id = $1`, [b.orgId, rows.length]);
  await q.query(`SELECT set_config('gonghui.bulk_member_counts', 'off', true)`);
  return rows.map((r) => r.rowNo);
}

export interface ExistingRow {
  rowNo: number;
  memberId: number;
  status: string;
  orgId: number;
}

/** Staged rows of a batch whose person already has a membership (locked, for a rejoin). */
export async function findExistingMembers(q: Queryable, b: BatchTarget, exceptRows: number[]): Promise<ExistingRow[]> {
  return q.query<ExistingRow>(
    `SELECT s.row_no AS "rowNo", m.id AS "memberId", m.status, m.org_id AS "orgId"
       FROM roster_staging s
       JOIN member_identity i ON i.id_number_hash = s.id_number_hash
       JOIN member m ON m.id = i.member_id
      WHERE s.job_id = $1 AND s.row_no BETWEEN $2 AND $3 AND NOT (s.row_no = ANY($4::int[]))
      ORDER BY m.id
        FOR UPDATE OF m`,
    [b.jobId, b.fromRow, b.toRow, exceptRows],
  );
}

/**
 * Members who had left come back, as when they apply again: the same member and number, active
 * in this union with the roster's employer and phone, the card active again, 'rejoined' in the history.
 */
export async function rejoinMembers(q: Queryable, b: BatchTarget, rows: ExistingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const rowNos = rows.map((r) => r.rowNo);
  const memberIds = rows.map((r) => r.memberId);
  await q.query(`SELECT set_config('gonghui.bulk_member_counts', 'on', true)`);
  await q.query(
    `INSERT INTO member_event (member_id, kind, from_status, to_status, from_org_id, to_org_id, reason, actor_kind, actor_id)
     SELECT m.id, 'rejoined', m.status, 'active', m.org_id, $2, '导入名册', 'staff', $3
       FROM member m WHERE m.id = ANY($1::bigint[])
      ORDER BY m.id`,
    [memberIds, b.orgId, b.staffId],
  );
  await q.query(
    `UPDATE member m SET org_id = $4, status = 'active', employer_name = s.employer_name, phone_enc = s.phone_enc,
            phone_hash = s.phone_hash, phone_masked = s.phone_masked, enterprise_id = $5, updated_at = now()
       FROM unnest($2::int[], $3::bigint[]) AS r(row_no, member_id)
       JOIN roster_staging s ON s.job_id = $1 AND s.row_no = r.row_no
      WHERE m.id = r.member_id`,
    [b.jobId, rowNos, memberIds, b.orgId, b.enterpriseId],
  );
  await q.query(
    `WITH c AS (
       INSERT INTO card (member_id, card_no) SELECT id, gh_card_no(id) FROM unnest($1::bigint[]) AS id
       ON CONFLICT (member_id) DO UPDATE SET status = 'active', revoked_at = NULL, revoke_reason = NULL
       RETURNING member_id, card_no)
     INSERT INTO member_event (member_id, kind, reason, actor_kind) SELECT member_id, 'card_issued', card_no, 'system' FROM c ORDER BY member_id`,
    [memberIds],
  );
  await q.query(`UPDATE org SET member_count = member_count + $2 WHERE id = $1`, [b.orgId, rows.length]);
  await q.query(`SELECT set_config('gonghui.bulk_member_counts', 'off', true)`);
}

export async function clearStagedBatch(q: Queryable, b: BatchTarget): Promise<void> {
  await q.query(`DELETE FROM roster_staging WHERE job_id = $1 AND row_no BETWEEN $2 AND $3`, [b.jobId, b.fromRow, b.toRow]);
}

export async function clearStagedJob(q: Queryable, jobId: number): Promise<void> {
  await q.query(`DELETE FROM roster_staging WHERE job_id = $1`, [jobId]);
}

/** The one enterprise whose union this is, if exactly one (members of an enterprise union work there). */
export async function findEnterpriseOfUnion(q: Queryable, orgId: number): Promise<number | null> {
  const rows = await q.query<{ id: number }>(`SELECT id FROM enterprise WHERE union_org_id = $1 LIMIT 2`, [orgId]);
  return rows.length === 1 ? rows[0]!.id : null;
}

/** Takes rows out of staging (a first row voided by a later duplicate with another name). */
export async function dropStagedRows(q: Queryable, jobId: number, rowNos: number[]): Promise<void> {
  await q.query(`DELETE FROM roster_staging WHERE job_id = $1 AND row_no = ANY($2::int[])`, [jobId, rowNos]);
}
