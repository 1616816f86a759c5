// Staff accounts: SQL only. Lists and look-ups are filtered by the scope gate.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import type { StaffMe, StaffRole } from '../../../contracts/auth.ts';
import type { StaffAccount } from '../../../contracts/staff.ts';

export async function getStaffMe(q: Queryable, staffId: number, csrfToken: string, idle: number): Promise<StaffMe> {
  const rows = await q.query<{
    id: number;
    username: string;
    displayName: string;
    roles: StaffRole[];
    orgId: number;
    orgName: string;
    level: StaffMe['org']['level'];
  }>(
    `SELECT s.id, s.username, s.display_name AS "displayName", s.roles, o.id AS "orgId", o.name AS "orgName", o.level
       FROM staff s JOIN org o ON o.id = s.org_id WHERE s.id = $1`,
    [staffId],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_logged_in');
  return {
    kind: 'staff',
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    org: { id: r.orgId, name: r.orgName, level: r.level },
    roles: r.roles,
    scope: { orgId: r.orgId, orgName: r.orgName, level: r.level },
    csrfToken,
    sessionIdleSeconds: idle,
  };
}

interface StaffRow {
  id: number;
  username: string;
  displayName: string;
  orgId: number;
  orgName: string;
  orgPath: string;
  roles: StaffRole[];
  isActive: boolean;
  isLocked: boolean;
  lastLoginAt: Date | string | null;
  createdAt: Date | string;
}

const staffColumns = `s.id, s.username, s.display_name AS "displayName", s.org_id AS "orgId", o.name AS "orgName",
  o.path::text AS "orgPath", s.roles, s.is_active AS "isActive", coalesce(s.locked_until > now(), false) AS "isLocked",
  s.last_login_at AS "lastLoginAt", s.created_at AS "createdAt"`;

const iso = (v: Date | string | null): string | null => (v == null ? null : new Date(v).toISOString());

function toAccount(r: StaffRow): StaffAccount & { orgPath: string } {
  return {
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    org: { id: r.orgId, name: r.orgName },
    roles: r.roles,
    isActive: r.isActive,
    isLocked: r.isLocked,
    lastLoginAt: iso(r.lastLoginAt),
    createdAt: iso(r.createdAt)!,
    orgPath: r.orgPath,
  };
}

export async function findStaff(
  q: Queryable,
  scope: Scope,
  f: { underPath?: OrgPath | undefined; text?: string | undefined; limit: number; offset: number },
): Promise<{ items: StaffAccount[]; total: number }> {
  const params: unknown[] = [scope.path];
  const where = [scopeFilter('o.path', 1)];
  if (f.underPath) {
    params.push(f.underPath);
    where.push(withinSubtree('o.path', params.length));
  }
  if (f.text) {
    params.push(`%${f.text.replace(/[\\%_]/g, '\\$&')}%`);
    where.push(`(s.username ILIKE $${params.length} OR s.display_name ILIKE $${params.length})`);
  }
  const w = where.join(' AND ');
  const [c] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM staff s JOIN org o ON o.id = s.org_id WHERE ${w}`,
    params,
  );
  const rows = await q.query<StaffRow>(
    `SELECT ${staffColumns} FROM staff s JOIN org o ON o.id = s.org_id WHERE ${w}
      ORDER BY o.path, s.username LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items: rows.map((r) => stripPath(toAccount(r))), total: c?.n ?? 0 };
}

function stripPath(a: StaffAccount & { orgPath: string }): StaffAccount {
  const { orgPath: _, ...rest } = a;
  return rest;
}

/** One account in the scope, with its org's path; undefined when outside the scope or absent. */
export async function findStaffInScope(
  q: Queryable,
  scope: Scope,
  id: number,
): Promise<(StaffAccount & { orgPath: string }) | undefined> {
  const rows = await q.query<StaffRow>(
    `SELECT ${staffColumns} FROM staff s JOIN org o ON o.id = s.org_id WHERE s.id = $1 AND ${scopeFilter('o.path', 2)}`,
    [id, scope.path],
  );
  return rows[0] ? toAccount(rows[0]) : undefined;
}

export async function insertStaff(
  q: Queryable,
  s: { orgId: number; username: string; displayName: string; roles: StaffRole[]; passwordHash: string; isDemo?: boolean },
): Promise<number> {
  const rows = await q.query<{ id: number }>(
    `INSERT INTO staff (org_id, username, display_name, roles, password_hash, is_demo)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [s.orgId, s.username, s.displayName, s.roles, s.passwordHash, s.isDemo ?? false],
  );
  return rows[0]!.id;
}

export async function updateStaff(
  q: Queryable,
  id: number,
  p: { displayName?: string | undefined; roles?: StaffRole[] | undefined; isActive?: boolean | undefined },
): Promise<void> {
  await q.query(
    `UPDATE staff SET display_name = coalesce($2, display_name), roles = coalesce($3, roles),
            is_active = coalesce($4, is_active), updated_at = now()
      WHERE id = $1`,
    [id, p.displayName ?? null, p.roles ?? null, p.isActive ?? null],
  );
}

export async function setPasswordHash(q: Queryable, id: number, hash: string): Promise<void> {
  await q.query(
    `UPDATE staff SET password_hash = $2, failed_logins = 0, locked_until = NULL, updated_at = now() WHERE id = $1`,
    [id, hash],
  );
}

export async function countDemoStaff(q: Queryable): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM staff WHERE is_demo`);
  return r?.n ?? 0;
}

/** The names of staff accounts by id (as the audit log names who did what). */
export async function findDisplayNames(q: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await q.query<{ id: number; displayName: string }>(`SELECT id, display_name AS "displayName" FROM staff WHERE id = ANY($1::bigint[])`, [ids]);
  return new Map(rows.map((r) => [Number(r.id), r.displayName]));
}
