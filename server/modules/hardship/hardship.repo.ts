// Hardship files (困难职工档案): SQL only. A file's scope is its member's union now
// (hardship_file → member → org), so every scoped read joins through them.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, within, withinSubtree } from '../../http/scope.ts';

const FROM = `hardship_file f JOIN member m ON m.id = f.member_id JOIN org o ON o.id = m.org_id`;

export interface FileRow {
  id: number;
  memberId: number;
  memberName: string;
  memberNo: string | null;
  orgId: number;
  orgName: string;
  orgPath: string;
  status: string;
  filedOn: string;
  reliefStartedOn: string | null;
  exitedOn: string | null;
  followedUpOn: string | null;
  aidTotalFen: number;
  aidCount: number;
  visitCount: number;
  updatedAt: Date | string;
}

const SUMMARY = `f.id, f.member_id AS "memberId", m.name AS "memberName", m.member_no AS "memberNo",
  o.id AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", f.status,
  f.filed_on::text AS "filedOn", f.relief_started_on::text AS "reliefStartedOn",
  f.exited_on::text AS "exitedOn", f.followed_up_on::text AS "followedUpOn",
  coalesce((SELECT sum(a.amount_fen) FROM hardship_aid a WHERE a.file_id = f.id), 0)::bigint AS "aidTotalFen",
  (SELECT count(*) FROM hardship_aid a WHERE a.file_id = f.id)::int AS "aidCount",
  (SELECT count(*) FROM hardship_visit v WHERE v.file_id = f.id)::int AS "visitCount",
  f.updated_at AS "updatedAt"`;

export interface FileFilter {
  orgPath: OrgPath;
  status?: string | undefined;
  cause?: string | undefined;
  q?: string | undefined;
}

function where(scope: Scope, f: FileFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [scope.path, f.orgPath];
  const conds = [scopeFilter('o.path', 1), withinSubtree('o.path', 2)];
  if (f.status) {
    params.push(f.status);
    conds.push(`f.status = $${params.length}`);
  }
  if (f.cause) {
    params.push(f.cause);
    conds.push(`$${params.length} = ANY(f.causes)`);
  }
  if (f.q) {
    params.push(`%${f.q.replace(/[\\%_]/g, '\\$&')}%`, f.q);
    conds.push(`(m.name LIKE $${params.length - 1} OR m.member_no = $${params.length})`);
  }
  return { sql: conds.join(' AND '), params };
}

export async function findFiles(q: Queryable, scope: Scope, f: FileFilter, limit: number, offset: number) {
  const w = where(scope, f);
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} WHERE ${w.sql}`, w.params);
  const items = await q.query<FileRow>(
    `SELECT ${SUMMARY} FROM ${FROM} WHERE ${w.sql} ORDER BY f.id DESC LIMIT $${w.params.length + 1} OFFSET $${w.params.length + 2}`,
    [...w.params, limit, offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function getFileInScope(q: Queryable, scope: Scope, id: number): Promise<FileRow | undefined> {
  const rows = await q.query<FileRow>(`SELECT ${SUMMARY} FROM ${FROM} WHERE f.id = $1 AND ${scopeFilter('o.path', 2)}`, [id, scope.path]);
  return rows[0];
}

/** Locks the file for a change of status; call inside a transaction after the scope check. */
export async function lockFile(q: Queryable, id: number) {
  const rows = await q.query<{ status: string; filedOn: string; reliefStartedOn: string | null; exitedOn: string | null; memberId: number }>(
    `SELECT status, filed_on::text AS "filedOn", relief_started_on::text AS "reliefStartedOn", exited_on::text AS "exitedOn",
            member_id AS "memberId"
       FROM hardship_file WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return rows[0];
}

export interface MemberRef {
  id: number;
  name: string;
  status: string;
  orgPath: string;
}

export async function getMemberInScope(q: Queryable, scope: Scope, memberId: number): Promise<MemberRef | undefined> {
  const rows = await q.query<MemberRef>(
    `SELECT m.id, m.name, m.status, o.path::text AS "orgPath" FROM member m JOIN org o ON o.id = m.org_id
      WHERE m.id = $1 AND ${scopeFilter('o.path', 2)}`,
    [memberId, scope.path],
  );
  return rows[0];
}

export interface NewFile {
  memberId: number;
  causes: string[];
  causeNote: string;
  householdSize: number;
  incomeBand: string;
  planText: string;
  planMeasures: string[];
  filedOn: string;
  staffId: number;
}

export async function insertFile(q: Queryable, f: NewFile): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO hardship_file (member_id, causes, cause_note, household_size, income_band, plan_text, plan_measures, filed_on, created_by)
     VALUES ($1, $2::text[], $3, $4, $5, $6, $7::text[], $8::date, $9) RETURNING id`,
    [f.memberId, f.causes, f.causeNote, f.householdSize, f.incomeBand, f.planText, f.planMeasures, f.filedOn, f.staffId],
  );
  return row!.id;
}

export interface FileChanges {
  causes?: string[] | undefined;
  causeNote?: string | undefined;
  householdSize?: number | undefined;
  incomeBand?: string | undefined;
  planText?: string | undefined;
  planMeasures?: string[] | undefined;
}

export async function updateFile(q: Queryable, id: number, c: FileChanges): Promise<void> {
  await q.query(
    `UPDATE hardship_file SET
        causes = coalesce($2::text[], causes), cause_note = coalesce($3, cause_note),
        household_size = coalesce($4, household_size), income_band = coalesce($5, income_band),
        plan_text = coalesce($6, plan_text), plan_measures = coalesce($7::text[], plan_measures), updated_at = now()
      WHERE id = $1`,
    [id, c.causes ?? null, c.causeNote ?? null, c.householdSize ?? null, c.incomeBand ?? null, c.planText ?? null, c.planMeasures ?? null],
  );
}

export interface HouseholdRow {
  relation: string;
  nameEnc: Buffer;
  nameMasked: string;
  age: number | null;
  healthNote: string;
  occupationNote: string;
}

export async function replaceHousehold(q: Queryable, fileId: number, rows: HouseholdRow[]): Promise<void> {
  await q.query(`DELETE FROM hardship_household_member WHERE file_id = $1`, [fileId]);
  if (rows.length === 0) return;
  await q.query(
    `INSERT INTO hardship_household_member (file_id, relation, name_enc, name_masked, age, health_note, occupation_note)
     SELECT $1, x.relation, x.name_enc, x.name_masked, x.age, x.health_note, x.occupation_note
       FROM unnest($2::text[], $3::bytea[], $4::text[], $5::int[], $6::text[], $7::text[])
            AS x(relation, name_enc, name_masked, age, health_note, occupation_note)`,
    [fileId, rows.map((r) => r.relation), rows.map((r) => r.nameEnc), rows.map((r) => r.nameMasked), rows.map((r) => r.age),
      rows.map((r) => r.healthNote), rows.map((r) => r.occupationNote)],
  );
}

export async function findHousehold(q: Queryable, fileId: number): Promise<HouseholdRow[]> {
  return q.query<HouseholdRow>(
    `SELECT relation, name_enc AS "nameEnc", name_masked AS "nameMasked", age, health_note AS "healthNote", occupation_note AS "occupationNote"
       FROM hardship_household_member WHERE file_id = $1 ORDER BY id`,
    [fileId],
  );
}

export async function setStatus(
  q: Queryable,
  id: number,
  s: { status: string; on: string; reason: string | null },
): Promise<void> {
  const column = { in_relief: 'relief_started_on', exited: 'exited_on', followed_up: 'followed_up_on' }[s.status];
  if (!column) throw new Error(`no date column for ${s.status}`);
  await q.query(
    `UPDATE hardship_file SET status = $2, ${column} = $3::date,
            exit_reason = CASE WHEN $2 = 'exited' THEN $4 ELSE exit_reason END, updated_at = now()
      WHERE id = $1`,
    [id, s.status, s.on, s.reason],
  );
}

export async function insertStatusEvent(
  q: Queryable,
  e: { fileId: number; from: string | null; to: string; on: string; reason: string; staffId: number },
): Promise<void> {
  await q.query(
    `INSERT INTO hardship_status_event (file_id, from_status, to_status, on_date, reason, staff_id) VALUES ($1, $2, $3, $4::date, $5, $6)`,
    [e.fileId, e.from, e.to, e.on, e.reason, e.staffId],
  );
}

export interface StatusEventRow {
  id: number;
  fromStatus: string | null;
  toStatus: string;
  on: string;
  reason: string;
  by: string | null;
  at: Date | string;
}

export async function findStatusEvents(q: Queryable, fileId: number): Promise<StatusEventRow[]> {
  return q.query<StatusEventRow>(
    `SELECT e.id, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.on_date::text AS "on", e.reason,
            s.display_name AS "by", e.at
       FROM hardship_status_event e LEFT JOIN staff s ON s.id = e.staff_id
      WHERE e.file_id = $1 ORDER BY e.id`,
    [fileId],
  );
}

/** Adds or removes the member's 'hardship' group (the activities' target group). */
export async function setHardshipGroup(q: Queryable, memberId: number, on: boolean): Promise<void> {
  await q.query(
    on
      ? `UPDATE member SET groups = array_append(groups, 'hardship'), updated_at = now() WHERE id = $1 AND NOT ('hardship' = ANY(groups))`
      : `UPDATE member SET groups = array_remove(groups, 'hardship'), updated_at = now() WHERE id = $1 AND 'hardship' = ANY(groups)`,
    [memberId],
  );
}

export async function insertVisit(
  q: Queryable,
  v: { fileId: number; kind: 'visit' | 'follow_up'; visitedOn: string; visitors: string; notes: string; staffId: number },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO hardship_visit (file_id, kind, visited_on, visitors, notes, staff_id) VALUES ($1, $2, $3::date, $4, $5, $6) RETURNING id`,
    [v.fileId, v.kind, v.visitedOn, v.visitors, v.notes, v.staffId],
  );
  await q.query(`UPDATE hardship_file SET updated_at = now() WHERE id = $1`, [v.fileId]);
  return row!.id;
}

export async function findVisits(q: Queryable, fileId: number) {
  return q.query<{ id: number; kind: 'visit' | 'follow_up'; visitedOn: string; visitors: string; notes: string; by: string | null }>(
    `SELECT v.id, v.kind, v.visited_on::text AS "visitedOn", v.visitors, v.notes, s.display_name AS "by"
       FROM hardship_visit v LEFT JOIN staff s ON s.id = v.staff_id
      WHERE v.file_id = $1 ORDER BY v.visited_on DESC, v.id DESC`,
    [fileId],
  );
}

export async function insertAid(
  q: Queryable,
  a: { fileId: number; amountFen: number; givenOn: string; source: string; note: string; payoutId: number | null; staffId: number },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO hardship_aid (file_id, amount_fen, given_on, source, note, payout_id, staff_id)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7) RETURNING id`,
    [a.fileId, a.amountFen, a.givenOn, a.source, a.note, a.payoutId, a.staffId],
  );
  await q.query(`UPDATE hardship_file SET updated_at = now() WHERE id = $1`, [a.fileId]);
  return row!.id;
}

export async function findAid(q: Queryable, fileId: number) {
  return q.query<{ id: number; amountFen: number; givenOn: string; source: string; note: string; payoutId: number | null }>(
    `SELECT id, amount_fen::bigint AS "amountFen", given_on::text AS "givenOn", source, note, payout_id AS "payoutId"
       FROM hardship_aid WHERE file_id = $1 ORDER BY given_on DESC, id DESC`,
    [fileId],
  );
}

/** Whether a payout of this member exists, when the payouts module's table is there (it may not be). */
export async function payoutBelongsTo(q: Queryable, payoutId: number, memberId: number): Promise<boolean | undefined> {
  const [t] = await q.query<{ exists: boolean }>(`SELECT to_regclass('payout') IS NOT NULL AS exists`);
  if (!t?.exists) return undefined;
  const rows = await q.query(`SELECT 1 FROM payout WHERE id = $1 AND member_id = $2`, [payoutId, memberId]);
  return rows.length > 0;
}

/** The campaign and state of each named payout, when the payouts module's table is there. */
export async function findPayoutLinks(q: Queryable, payoutIds: number[]): Promise<Map<number, { campaignId: number; state: string }>> {
  const out = new Map<number, { campaignId: number; state: string }>();
  if (payoutIds.length === 0) return out;
  const [t] = await q.query<{ exists: boolean }>(`SELECT to_regclass('payout') IS NOT NULL AS exists`);
  if (!t?.exists) return out;
  const rows = await q.query<{ id: number; campaignId: number; state: string }>(
    `SELECT id, campaign_id AS "campaignId", state FROM payout WHERE id = ANY($1::bigint[])`,
    [payoutIds],
  );
  for (const r of rows) out.set(r.id, { campaignId: r.campaignId, state: r.state });
  return out;
}

/** What a file holds beyond its summary (causes, household, plan): read only by detail roles. */
export interface DetailRow extends Omit<NewFile, 'memberId' | 'filedOn' | 'staffId'> {
  exitReason: string | null;
}

export async function getDetails(q: Queryable, fileId: number): Promise<DetailRow | undefined> {
  const rows = await q.query<DetailRow>(
    `SELECT causes, cause_note AS "causeNote", household_size AS "householdSize", income_band AS "incomeBand",
            plan_text AS "planText", plan_measures AS "planMeasures", exit_reason AS "exitReason"
       FROM hardship_file WHERE id = $1`,
    [fileId],
  );
  return rows[0];
}

// ---- figures and targets ----

export interface YearRange {
  start: string; // 'YYYY-01-01'
  end: string; // next year's 'YYYY-01-01'
}

export async function countByStatus(q: Queryable, orgPath: OrgPath) {
  return q.query<{ status: string; n: number }>(
    `SELECT f.status, count(*)::int AS n FROM ${FROM} WHERE ${withinSubtree('o.path', 1)} GROUP BY f.status`,
    [orgPath],
  );
}

export async function yearFigures(q: Queryable, orgPath: OrgPath, y: YearRange) {
  const [row] = await q.query<{ entered: number; exited: number; base: number; aidFen: number }>(
    `SELECT count(*) FILTER (WHERE f.filed_on >= $2::date AND f.filed_on < $3::date)::int AS entered,
            count(*) FILTER (WHERE f.exited_on >= $2::date AND f.exited_on < $3::date)::int AS exited,
            count(*) FILTER (WHERE f.filed_on < $3::date AND (f.exited_on IS NULL OR f.exited_on >= $2::date))::int AS base,
            coalesce((SELECT sum(a.amount_fen) FROM hardship_aid a JOIN ${FROM} ON f.id = a.file_id
                       WHERE ${withinSubtree('o.path', 1)} AND a.given_on >= $2::date AND a.given_on < $3::date), 0)::bigint AS "aidFen"
       FROM ${FROM} WHERE ${withinSubtree('o.path', 1)}`,
    [orgPath, y.start, y.end],
  );
  return row ?? { entered: 0, exited: 0, base: 0, aidFen: 0 };
}

export async function monthFigures(q: Queryable, orgPath: OrgPath, y: YearRange) {
  return q.query<{ month: string; entered: number; exited: number; aidFen: number }>(
    `WITH e AS (
       SELECT to_char(f.filed_on, 'YYYY-MM') AS month, 1 AS entered, 0 AS exited, 0::bigint AS aid FROM ${FROM}
        WHERE ${withinSubtree('o.path', 1)} AND f.filed_on >= $2::date AND f.filed_on < $3::date
       UNION ALL
       SELECT to_char(f.exited_on, 'YYYY-MM'), 0, 1, 0 FROM ${FROM}
        WHERE ${withinSubtree('o.path', 1)} AND f.exited_on >= $2::date AND f.exited_on < $3::date
       UNION ALL
       SELECT to_char(a.given_on, 'YYYY-MM'), 0, 0, a.amount_fen FROM hardship_aid a JOIN ${FROM} ON f.id = a.file_id
        WHERE ${withinSubtree('o.path', 1)} AND a.given_on >= $2::date AND a.given_on < $3::date)
     SELECT month, sum(entered)::int AS entered, sum(exited)::int AS exited, sum(aid)::bigint AS "aidFen"
       FROM e GROUP BY month ORDER BY month`,
    [orgPath, y.start, y.end],
  );
}

/** The org's own figures and those of each direct child (with a target, or with files). */
export async function progressByOrg(q: Queryable, orgId: number, y: YearRange, year: number) {
  return q.query<{ orgId: number; orgName: string; isSelf: boolean; target: number | null; exited: number; open: number }>(
    `SELECT c.id AS "orgId", c.name AS "orgName", c.id = $1 AS "isSelf", t.exits AS target,
            (SELECT count(*) FROM ${FROM} WHERE ${within('o.path', 'c.path')} AND f.exited_on >= $2::date AND f.exited_on < $3::date)::int AS exited,
            (SELECT count(*) FROM ${FROM} WHERE ${within('o.path', 'c.path')} AND f.status IN ('filed', 'in_relief'))::int AS open
       FROM org c LEFT JOIN hardship_target t ON t.org_id = c.id AND t.year = $4
      WHERE c.id = $1 OR (c.parent_id = $1 AND c.status <> 'closed')
      ORDER BY c.id = $1 DESC, c.id`,
    [orgId, y.start, y.end, year],
  );
}

export async function upsertTarget(q: Queryable, t: { orgId: number; year: number; exits: number; staffId: number }): Promise<void> {
  await q.query(
    `INSERT INTO hardship_target (org_id, year, exits, set_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, year) DO UPDATE SET exits = EXCLUDED.exits, set_by = EXCLUDED.set_by, set_at = now()`,
    [t.orgId, t.year, t.exits, t.staffId],
  );
}
