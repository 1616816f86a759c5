// Founding drives (建会行动): SQL of drive, drive_goal, drive_target, drive_step (migration 049),
// drive_request (051) and a target's drop and link (055). Other modules reach drives through drives.service.ts.
import type { Queryable } from '../../db/client.ts';
import { scopeFilter } from '../../http/scope.ts';
import type { DriveAreaType } from '../../../contracts/drives.ts';

export interface DriveRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  title: string;
  startsOn: string;
  endsOn: string;
  status: 'draft' | 'active' | 'closed';
  targets: number;
  founded: number;
}

const driveColumns = `d.id::int AS id, d.org_id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath", d.title,
  to_char(d.starts_on, 'YYYY-MM-DD') AS "startsOn", to_char(d.ends_on, 'YYYY-MM-DD') AS "endsOn", d.status,
  (SELECT count(*)::int FROM drive_target t WHERE t.drive_id = d.id AND t.state <> 'dropped') AS targets,
  (SELECT count(*)::int FROM drive_target t WHERE t.drive_id = d.id AND t.state = 'founded') AS founded`;

/** The drives run by unions of the scope, newest first. */
export async function findDrives(q: Queryable, scopePath: string, f: { status?: string | undefined; limit: number; offset: number }) {
  const where = `${scopeFilter('o.path', 1)} AND ($2::text IS NULL OR d.status = $2)`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM drive d JOIN org o ON o.id = d.org_id WHERE ${where}`, [scopePath, f.status ?? null]);
  const items = await q.query<DriveRow>(
    `SELECT ${driveColumns} FROM drive d JOIN org o ON o.id = d.org_id WHERE ${where} ORDER BY d.starts_on DESC, d.id DESC LIMIT $3 OFFSET $4`,
    [scopePath, f.status ?? null, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** One drive (no scope check: the service checks its org's path); `lock` takes it FOR UPDATE. */
export async function findDrive(q: Queryable, id: number, lock = false): Promise<DriveRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM drive WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<DriveRow>(`SELECT ${driveColumns} FROM drive d JOIN org o ON o.id = d.org_id WHERE d.id = $1`, [id]);
  return row;
}

export async function insertDrive(q: Queryable, d: { orgId: number; title: string; startsOn: string; endsOn: string; status: string; createdBy: number }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO drive (org_id, title, starts_on, ends_on, status, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id::int AS id`,
    [d.orgId, d.title, d.startsOn, d.endsOn, d.status, d.createdBy],
  );
  return row!.id;
}

export async function insertGoal(q: Queryable, driveId: number, g: { key: string; industry: string; target: number }): Promise<void> {
  await q.query(`INSERT INTO drive_goal (drive_id, key, industry, target) VALUES ($1, $2, $3, $4)`, [driveId, g.key, g.industry, g.target]);
}

export async function updateDrive(q: Queryable, id: number, p: { title?: string | undefined; startsOn?: string | undefined; endsOn?: string | undefined; status?: string | undefined }): Promise<void> {
  await q.query(
    `UPDATE drive SET title = COALESCE($2, title), starts_on = COALESCE($3::date, starts_on), ends_on = COALESCE($4::date, ends_on),
            status = COALESCE($5, status), updated_at = now() WHERE id = $1`,
    [id, p.title ?? null, p.startsOn ?? null, p.endsOn ?? null, p.status ?? null],
  );
}

export async function findGoals(q: Queryable, driveId: number) {
  return q.query<{ key: 'unions' | 'members' | 'group'; industry: string; target: number }>(
    `SELECT key, industry, target FROM drive_goal WHERE drive_id = $1 ORDER BY array_position(ARRAY['unions','members','group'], key), industry`,
    [driveId],
  );
}

export interface TargetRow {
  id: number;
  driveId: number;
  enterpriseId: number | null;
  enterpriseName: string | null;
  enterpriseTownId: number | null;
  townId: number | null;
  townName: string | null;
  townPath: string | null;
  platform: string | null;
  areaType: DriveAreaType | null;
  areaName: string | null;
  state: 'open' | 'founded' | 'linked' | 'dropped';
  foundedOrgId: number | null;
  foundedOrgName: string | null;
  linkedOn: string | null;
  droppedAt: Date | string | null;
  droppedBy: string | null;
  dropReason: string | null;
  contactNameMasked: string | null;
  contactPhoneMasked: string | null;
}

const targetColumns = `t.id::int AS id, t.drive_id::int AS "driveId", t.enterprise_id::int AS "enterpriseId", e.name AS "enterpriseName",
  e.town_org_id::int AS "enterpriseTownId", tw.id::int AS "townId", tw.name AS "townName", tw.path::text AS "townPath", t.gig_platform AS platform, t.area_type AS "areaType", t.area_name AS "areaName", t.state,
  t.founded_org_id::int AS "foundedOrgId", f.name AS "foundedOrgName", to_char(t.linked_on, 'YYYY-MM-DD') AS "linkedOn",
  t.dropped_at AS "droppedAt", ds.display_name AS "droppedBy", t.drop_reason AS "dropReason",
  t.contact_name_masked AS "contactNameMasked", t.contact_phone_masked AS "contactPhoneMasked"`;
const targetFrom = `FROM drive_target t LEFT JOIN enterprise e ON e.id = t.enterprise_id
  LEFT JOIN org tw ON tw.id = COALESCE(t.town_org_id, e.town_org_id) LEFT JOIN org f ON f.id = t.founded_org_id
  LEFT JOIN staff ds ON ds.id = t.dropped_by`;

export async function findTargets(q: Queryable, driveId: number): Promise<TargetRow[]> {
  return q.query<TargetRow>(`SELECT ${targetColumns} ${targetFrom} WHERE t.drive_id = $1 ORDER BY t.id`, [driveId]);
}

/** One target; `lock` takes it FOR UPDATE (steps of one target never race). */
export async function findTarget(q: Queryable, id: number, lock = false): Promise<TargetRow | undefined> {
  if (lock) await q.query(`SELECT 1 FROM drive_target WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<TargetRow>(`SELECT ${targetColumns} ${targetFrom} WHERE t.id = $1`, [id]);
  return row;
}

export async function findTargetContact(q: Queryable, id: number) {
  const [row] = await q.query<{ nameEnc: Buffer | null; phoneEnc: Buffer | null }>(
    `SELECT contact_name_enc AS "nameEnc", contact_phone_enc AS "phoneEnc" FROM drive_target WHERE id = $1`,
    [id],
  );
  return row;
}

/** The drive's target of that employer, (town, platform) cluster or (town, area name), dropped or not. */
export async function findSameTarget(q: Queryable, driveId: number, t: { enterpriseId?: number | undefined; townId?: number | undefined; platform?: string | undefined; areaName?: string | undefined }): Promise<{ id: number; state: TargetRow['state'] } | undefined> {
  type Same = { id: number; state: TargetRow['state'] };
  const [row] = t.enterpriseId !== undefined
    ? await q.query<Same>(`SELECT id::int AS id, state FROM drive_target WHERE drive_id = $1 AND enterprise_id = $2`, [driveId, t.enterpriseId])
    : t.platform !== undefined
      ? await q.query<Same>(`SELECT id::int AS id, state FROM drive_target WHERE drive_id = $1 AND town_org_id = $2 AND gig_platform = $3`, [driveId, t.townId, t.platform])
      : await q.query<Same>(`SELECT id::int AS id, state FROM drive_target WHERE drive_id = $1 AND town_org_id = $2 AND area_name = $3`, [driveId, t.townId, t.areaName]);
  return row;
}

/** A dropped target added again: open once more, its earlier steps kept (the drop stays in the audit log); a new contact replaces the old. */
export async function reopenTarget(q: Queryable, targetId: number, c: { nameEnc: Buffer | null; nameMasked: string | null; phoneEnc: Buffer | null; phoneMasked: string | null }): Promise<void> {
  await q.query(
    `UPDATE drive_target SET state = 'open', dropped_at = NULL, dropped_by = NULL, drop_reason = NULL,
            contact_name_enc = coalesce($2, contact_name_enc), contact_name_masked = coalesce($3, contact_name_masked),
            contact_phone_enc = coalesce($4, contact_phone_enc), contact_phone_masked = coalesce($5, contact_phone_masked)
      WHERE id = $1 AND state = 'dropped'`,
    [targetId, c.nameEnc, c.nameMasked, c.phoneEnc, c.phoneMasked],
  );
}

export async function insertTarget(
  q: Queryable,
  t: {
    driveId: number;
    enterpriseId: number | null;
    townId: number | null;
    platform: string | null;
    areaType: string | null;
    areaName: string | null;
    assignedOrgId: number | null;
    nameEnc: Buffer | null;
    nameMasked: string | null;
    phoneEnc: Buffer | null;
    phoneMasked: string | null;
    addedBy: number | null;
  },
): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO drive_target (drive_id, enterprise_id, town_org_id, gig_platform, area_type, area_name, assigned_org_id, contact_name_enc, contact_name_masked, contact_phone_enc, contact_phone_masked, added_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::int AS id`,
    [t.driveId, t.enterpriseId, t.townId, t.platform, t.areaType, t.areaName, t.assignedOrgId, t.nameEnc, t.nameMasked, t.phoneEnc, t.phoneMasked, t.addedBy],
  );
  return row!.id;
}

export async function markFounded(q: Queryable, targetId: number, orgId: number): Promise<void> {
  await q.query(`UPDATE drive_target SET state = 'founded', founded_org_id = $2 WHERE id = $1`, [targetId, orgId]);
}

/** Drops an open target from its drive: the row stays, with who, when and why. */
export async function markDropped(q: Queryable, targetId: number, d: { staffId: number; reason: string }): Promise<void> {
  await q.query(`UPDATE drive_target SET state = 'dropped', dropped_at = now(), dropped_by = $2, drop_reason = $3 WHERE id = $1 AND state = 'open'`, [targetId, d.staffId, d.reason]);
}

/** An open target whose employer's existing union was linked (not founded by the drive). */
export async function markLinked(q: Queryable, targetId: number, l: { orgId: number; linkedOn: string; staffId: number }): Promise<void> {
  await q.query(`UPDATE drive_target SET state = 'linked', founded_org_id = $2, linked_on = $3, linked_by = $4 WHERE id = $1 AND state = 'open'`, [targetId, l.orgId, l.linkedOn, l.staffId]);
}

export interface StepRow {
  id: number;
  targetId: number;
  step: 'contact' | 'preparatory' | 'meeting' | 'registration';
  doneOn: string;
  note: string | null;
}

export async function findSteps(q: Queryable, targetIds: number[]): Promise<StepRow[]> {
  if (targetIds.length === 0) return [];
  return q.query<StepRow>(
    `SELECT id::int AS id, target_id::int AS "targetId", step, to_char(done_on, 'YYYY-MM-DD') AS "doneOn", note
       FROM drive_step WHERE target_id = ANY($1::bigint[]) ORDER BY target_id, done_on, id`,
    [targetIds],
  );
}

export async function insertStep(q: Queryable, s: { targetId: number; step: string; doneOn: string; doneBy: number | null; note: string | null }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO drive_step (target_id, step, done_on, done_by, note) VALUES ($1, $2, $3, $4, $5) RETURNING id::int AS id`,
    [s.targetId, s.step, s.doneOn, s.doneBy, s.note],
  );
  return row!.id;
}

/** Members arriving in the drive org's subtree within the drive's Beijing days: joins (new and rejoined), of which in the drive's founded unions, and transfers into them. */
export async function countArrivals(q: Queryable, d: { driveId: number; orgPath: string; startsOn: string; endsOn: string }) {
  const [row] = await q.query<{ added: number; inFounded: number; transferredIn: number }>(
    `WITH founded AS (SELECT fo.path FROM drive_target dt JOIN org fo ON fo.id = dt.founded_org_id WHERE dt.drive_id = $4 AND dt.state = 'founded')
     SELECT count(*) FILTER (WHERE e.kind IN ('joined', 'rejoined'))::int AS added,
            count(*) FILTER (WHERE e.kind IN ('joined', 'rejoined') AND EXISTS (SELECT 1 FROM founded f WHERE o.path <@ f.path))::int AS "inFounded",
            count(*) FILTER (WHERE e.kind = 'transferred' AND EXISTS (SELECT 1 FROM founded f WHERE o.path <@ f.path))::int AS "transferredIn"
       FROM member_event e JOIN org o ON o.id = e.to_org_id
      WHERE e.kind IN ('joined', 'rejoined', 'transferred') AND o.path <@ $1::ltree
        AND e.at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND e.at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [d.orgPath, d.startsOn, d.endsOn, d.driveId],
  );
  return row ?? { added: 0, inFounded: 0, transferredIn: 0 };
}

/** Joins within the drive whose member works for one of the platforms (a group goal). */
export async function countGigJoins(q: Queryable, d: { orgPath: string; startsOn: string; endsOn: string; platforms: string[] }): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member_event e JOIN org o ON o.id = e.to_org_id JOIN member m ON m.id = e.member_id
      WHERE e.kind IN ('joined', 'rejoined') AND o.path <@ $1::ltree AND m.gig_platform = ANY($4::text[])
        AND e.at >= ($2::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND e.at < (($3::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
    [d.orgPath, d.startsOn, d.endsOn, d.platforms],
  );
  return row?.n ?? 0;
}

export async function findRequest(q: Queryable, staffId: number, key: string): Promise<{ answer: string; hash: string } | undefined> {
  const [row] = await q.query<{ answer: string; hash: string }>(
    `SELECT answer, encode(request_hash, 'hex') AS hash FROM drive_request WHERE staff_id = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return row;
}

export async function insertRequest(q: Queryable, r: { staffId: number; key: string; hash: Buffer; answer: string }): Promise<void> {
  await q.query(`INSERT INTO drive_request (staff_id, idem_key, request_hash, answer) VALUES ($1, $2, $3, $4)`, [r.staffId, r.key, r.hash, r.answer]);
}

/** An org by id with its path (the service checks it lies in the drive). */
export async function findOrg(q: Queryable, id: number) {
  const [row] = await q.query<{ id: number; name: string; path: string; level: string; kind: string; status: string; federationType: string | null }>(
    `SELECT id::int AS id, name, path::text AS path, level, kind, status, federation_type AS "federationType" FROM org WHERE id = $1`,
    [id],
  );
  return row;
}

/**
 * A merged duplicate employer's drive targets move to the employer kept — except in a drive that already
 * targets the kept one (that target stays on the duplicate, which the file shows as merged). Returns how many moved.
 */
export async function reassignTargets(q: Queryable, fromId: number, toId: number): Promise<number> {
  const rows = await q.query(
    `UPDATE drive_target d SET enterprise_id = $2
      WHERE d.enterprise_id = $1
        AND NOT EXISTS (SELECT 1 FROM drive_target k WHERE k.drive_id = d.drive_id AND k.enterprise_id = $2)
      RETURNING d.id`,
    [fromId, toId],
  );
  return rows.length;
}
