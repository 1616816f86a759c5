// Legal-aid lawyers and labour-law supervisors: SQL only. An entry's scope is its keeping union's
// (org_id), so every scoped read joins org and filters its path through the gate.
import type { Queryable } from '../../db/client.ts';
import { likePattern } from '../../http/search.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { containing, scopeFilter, withinSubtree } from '../../http/scope.ts';

export type ActiveFilter = 'active' | 'inactive' | 'all';

interface Page {
  limit: number;
  offset: number;
}

function activeCondition(column: string, status: ActiveFilter): string | undefined {
  if (status === 'active') return `${column} = true`;
  if (status === 'inactive') return `${column} = false`;
  return undefined;
}

/** The ids among `ids` of active unions in the subtree rooted at `root`. */
export async function orgsWithin(q: Queryable, root: OrgPath, ids: readonly number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await q.query<{ id: number }>(
    `SELECT id::int AS id FROM org WHERE id = ANY($2::bigint[]) AND status = 'active' AND ${withinSubtree('path', 1)}`,
    [root, ids],
  );
  return rows.map((r) => r.id);
}

// ---------------------------------------------------------------------------------------------
// Lawyers

export interface LawyerRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  firm: string;
  licenceNo: string;
  areas: string[];
  phoneMasked: string;
  note: string | null;
  active: boolean;
  createdAt: Date | string;
  updatedAt: Date | string;
  servedUnions: { id: number; name: string }[];
}

const LAWYER = `l.id::int AS id, o.id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  l.name, l.firm, l.licence_no AS "licenceNo", l.areas, l.phone_masked AS "phoneMasked", l.note, l.active,
  l.created_at AS "createdAt", l.updated_at AS "updatedAt",
  coalesce((SELECT json_agg(json_build_object('id', so.id::int, 'name', so.name) ORDER BY so.path)
              FROM legal_lawyer_org lo JOIN org so ON so.id = lo.org_id WHERE lo.lawyer_id = l.id), '[]'::json) AS "servedUnions"`;
const LAWYER_FROM = `legal_lawyer l JOIN org o ON o.id = l.org_id`;

export interface LawyerFilter {
  root: OrgPath;
  q?: string | undefined;
  area?: string | undefined;
  status: ActiveFilter;
}

export async function findLawyers(q: Queryable, scope: Scope, f: LawyerFilter, page: Page) {
  const params: unknown[] = [scope.path, f.root];
  const where = [scopeFilter('o.path', 1), withinSubtree('o.path', 2)];
  const active = activeCondition('l.active', f.status);
  if (active) where.push(active);
  if (f.area) {
    params.push(f.area);
    where.push(`$${params.length} = ANY(l.areas)`);
  }
  if (f.q) {
    params.push(likePattern(f.q), f.q);
    where.push(`(l.name LIKE $${params.length - 1} OR l.firm LIKE $${params.length - 1} OR l.licence_no = $${params.length})`);
  }
  const sql = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${LAWYER_FROM} WHERE ${sql}`, params);
  const items = await q.query<LawyerRow>(
    `SELECT ${LAWYER} FROM ${LAWYER_FROM} WHERE ${sql} ORDER BY l.active DESC, l.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function getLawyerInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<LawyerRow | undefined> {
  if (lock) {
    const locked = await q.query(`SELECT l.id FROM ${LAWYER_FROM} WHERE l.id = $1 AND ${scopeFilter('o.path', 2)} FOR UPDATE OF l`, [id, scope.path]);
    if (locked.length === 0) return undefined;
  }
  const rows = await q.query<LawyerRow>(`SELECT ${LAWYER} FROM ${LAWYER_FROM} WHERE l.id = $1 AND ${scopeFilter('o.path', 2)}`, [id, scope.path]);
  return rows[0];
}

export async function getLawyerPhone(q: Queryable, id: number): Promise<Buffer | undefined> {
  const rows = await q.query<{ phoneEnc: Buffer }>(`SELECT phone_enc AS "phoneEnc" FROM legal_lawyer WHERE id = $1`, [id]);
  return rows[0]?.phoneEnc;
}

export interface SealedPhone {
  enc: Buffer;
  hash: Buffer;
  masked: string;
}

export interface NewLawyer {
  orgId: number;
  name: string;
  firm: string;
  licenceNo: string;
  areas: string[];
  phone: SealedPhone;
  note: string | null;
  createdBy: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function insertLawyer(q: Queryable, l: NewLawyer): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO legal_lawyer (org_id, name, firm, licence_no, areas, phone_enc, phone_hash, phone_masked, note, created_by, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id::int AS id`,
    [l.orgId, l.name, l.firm, l.licenceNo, l.areas, l.phone.enc, l.phone.hash, l.phone.masked, l.note, l.createdBy, l.idemKey, l.requestHash],
  );
  return row!.id;
}

export interface LawyerChange {
  name?: string | undefined;
  firm?: string | undefined;
  licenceNo?: string | undefined;
  areas?: string[] | undefined;
  phone?: SealedPhone | undefined;
  note?: string | null | undefined;
  active?: boolean | undefined;
}

export async function updateLawyer(q: Queryable, id: number, c: LawyerChange): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (c.name !== undefined) set('name', c.name);
  if (c.firm !== undefined) set('firm', c.firm);
  if (c.licenceNo !== undefined) set('licence_no', c.licenceNo);
  if (c.areas !== undefined) set('areas', c.areas);
  if (c.phone !== undefined) {
    set('phone_enc', c.phone.enc);
    set('phone_hash', c.phone.hash);
    set('phone_masked', c.phone.masked);
  }
  if (c.note !== undefined) set('note', c.note);
  if (c.active !== undefined) set('active', c.active);
  await q.query(`UPDATE legal_lawyer SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, params);
}

export async function setServedUnions(q: Queryable, lawyerId: number, orgIds: readonly number[]): Promise<void> {
  await q.query(`DELETE FROM legal_lawyer_org WHERE lawyer_id = $1`, [lawyerId]);
  if (orgIds.length > 0) {
    await q.query(`INSERT INTO legal_lawyer_org (lawyer_id, org_id) SELECT $1, unnest($2::bigint[]) ON CONFLICT DO NOTHING`, [lawyerId, orgIds]);
  }
}

/** The idempotency store of lawyer entries: the entry created under (staff, key), with its request hash. */
export async function findLawyerByKey(q: Queryable, staffId: number, key: string): Promise<(LawyerRow & { hash: string }) | undefined> {
  const rows = await q.query<LawyerRow & { hash: string }>(
    `SELECT ${LAWYER}, encode(l.request_hash, 'hex') AS hash FROM ${LAWYER_FROM} WHERE l.created_by = $1 AND l.idem_key = $2`,
    [staffId, key],
  );
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// Supervisors

export interface SupervisorRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  name: string;
  certificateNo: string;
  trainedOn: string;
  validUntil: string;
  workplace: string | null;
  active: boolean;
  createdAt: Date | string;
  updatedAt: Date | string;
}

const SUPERVISOR = `s.id::int AS id, o.id::int AS "orgId", o.name AS "orgName", o.path::text AS "orgPath",
  s.name, s.certificate_no AS "certificateNo", s.trained_on::text AS "trainedOn", s.valid_until::text AS "validUntil",
  s.workplace, s.active, s.created_at AS "createdAt", s.updated_at AS "updatedAt"`;
const SUPERVISOR_FROM = `legal_supervisor s JOIN org o ON o.id = s.org_id`;

export interface SupervisorFilter {
  root: OrgPath;
  q?: string | undefined;
  status: ActiveFilter;
}

export async function findSupervisors(q: Queryable, scope: Scope, f: SupervisorFilter, page: Page) {
  const params: unknown[] = [scope.path, f.root];
  const where = [scopeFilter('o.path', 1), withinSubtree('o.path', 2)];
  const active = activeCondition('s.active', f.status);
  if (active) where.push(active);
  if (f.q) {
    params.push(likePattern(f.q), f.q.toUpperCase());
    where.push(`(s.name LIKE $${params.length - 1} OR upper(s.certificate_no) = $${params.length})`);
  }
  const sql = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${SUPERVISOR_FROM} WHERE ${sql}`, params);
  const items = await q.query<SupervisorRow>(
    `SELECT ${SUPERVISOR} FROM ${SUPERVISOR_FROM} WHERE ${sql} ORDER BY s.active DESC, s.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

export async function getSupervisorInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<SupervisorRow | undefined> {
  const rows = await q.query<SupervisorRow>(
    `SELECT ${SUPERVISOR} FROM ${SUPERVISOR_FROM} WHERE s.id = $1 AND ${scopeFilter('o.path', 2)}${lock ? ' FOR UPDATE OF s' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

export interface NewSupervisor {
  orgId: number;
  name: string;
  certificateNo: string;
  trainedOn: string;
  validUntil: string;
  workplace: string | null;
  createdBy: number;
  idemKey: string;
  requestHash: Buffer;
}

export async function insertSupervisor(q: Queryable, s: NewSupervisor): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO legal_supervisor (org_id, name, certificate_no, trained_on, valid_until, workplace, created_by, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id::int AS id`,
    [s.orgId, s.name, s.certificateNo, s.trainedOn, s.validUntil, s.workplace, s.createdBy, s.idemKey, s.requestHash],
  );
  return row!.id;
}

export interface SupervisorChange {
  name?: string | undefined;
  certificateNo?: string | undefined;
  trainedOn?: string | undefined;
  validUntil?: string | undefined;
  workplace?: string | null | undefined;
  active?: boolean | undefined;
}

export async function updateSupervisor(q: Queryable, id: number, c: SupervisorChange): Promise<void> {
  const sets: string[] = [];
  const params: unknown[] = [id];
  const set = (column: string, value: unknown) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (c.name !== undefined) set('name', c.name);
  if (c.certificateNo !== undefined) set('certificate_no', c.certificateNo);
  if (c.trainedOn !== undefined) set('trained_on', c.trainedOn);
  if (c.validUntil !== undefined) set('valid_until', c.validUntil);
  if (c.workplace !== undefined) set('workplace', c.workplace);
  if (c.active !== undefined) set('active', c.active);
  await q.query(`UPDATE legal_supervisor SET ${[...sets, 'updated_at = now()'].join(', ')} WHERE id = $1`, params);
}

export async function findSupervisorByKey(q: Queryable, staffId: number, key: string): Promise<(SupervisorRow & { hash: string }) | undefined> {
  const rows = await q.query<SupervisorRow & { hash: string }>(
    `SELECT ${SUPERVISOR}, encode(s.request_hash, 'hex') AS hash FROM ${SUPERVISOR_FROM} WHERE s.created_by = $1 AND s.idem_key = $2`,
    [staffId, key],
  );
  return rows[0];
}

// ---------------------------------------------------------------------------------------------
// Lawyers for tickets: read by the tickets module through the service (no scope: a lawyer kept by
// an ancestor serves unions its staff cannot see in the register).

/** Active lawyers serving the union at `orgPath` or one of its ancestors, of `area` when given. */
export async function findLawyersServing(q: Queryable, orgPath: string, area: string | undefined): Promise<LawyerRow[]> {
  const params: unknown[] = [orgPath];
  let areaCondition = '';
  if (area) {
    params.push(area);
    areaCondition = `AND $2 = ANY(l.areas)`;
  }
  return q.query<LawyerRow>(
    `SELECT ${LAWYER} FROM ${LAWYER_FROM}
      WHERE l.active ${areaCondition}
        AND EXISTS (SELECT 1 FROM legal_lawyer_org lo JOIN org so ON so.id = lo.org_id WHERE lo.lawyer_id = l.id AND ${containing('so.path', '$1::ltree')})
      ORDER BY l.name, l.id`,
    params,
  );
}

/** A lawyer by id with whether it serves the union at `orgPath` (or an ancestor of it). */
export async function getLawyerForOrg(q: Queryable, id: number, orgPath: string): Promise<(LawyerRow & { serves: boolean }) | undefined> {
  const rows = await q.query<LawyerRow & { serves: boolean }>(
    `SELECT ${LAWYER},
            EXISTS (SELECT 1 FROM legal_lawyer_org lo JOIN org so ON so.id = lo.org_id WHERE lo.lawyer_id = l.id AND ${containing('so.path', '$2::ltree')}) AS serves
       FROM ${LAWYER_FROM} WHERE l.id = $1`,
    [id, orgPath],
  );
  return rows[0];
}

/** The active lawyers whose phone has this keyed hash (a lawyer signed in on the member site). */
export async function findActiveLawyersByPhoneHash(q: Queryable, phoneHash: Buffer): Promise<LawyerRow[]> {
  return q.query<LawyerRow>(`SELECT ${LAWYER} FROM ${LAWYER_FROM} WHERE l.phone_hash = $1 AND l.active ORDER BY l.id`, [phoneHash]);
}

/** Lawyers by id (active or not), for views of past assignments. */
export async function findLawyersByIds(q: Queryable, ids: readonly number[]): Promise<LawyerRow[]> {
  if (ids.length === 0) return [];
  return q.query<LawyerRow>(`SELECT ${LAWYER} FROM ${LAWYER_FROM} WHERE l.id = ANY($1::bigint[])`, [ids]);
}
