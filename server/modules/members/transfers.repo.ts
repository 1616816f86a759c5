// Transfers between unions: SQL only.
import type { Queryable } from '../../db/client.ts';
import { type OrgPath, withinSubtree } from '../../http/scope.ts';

export interface TransferRow {
  id: number;
  memberId: number;
  memberName: string;
  memberNo: string | null;
  fromOrgId: number;
  fromOrgName: string;
  fromOrgPath: string;
  toOrgId: number;
  toOrgName: string;
  toOrgPath: string;
  status: 'pending' | 'accepted' | 'rejected' | 'cancelled';
  requestedBy: 'member' | 'staff';
  reason: string | null;
  routeReason: string | null;
  rejectReason: string | null;
  employerName: string | null;
  enterpriseId: number | null;
  createdAt: Date | string;
  decidedAt: Date | string | null;
}

const transferSelect = `SELECT t.id, t.member_id AS "memberId", m.name AS "memberName", m.member_no AS "memberNo",
    t.from_org_id AS "fromOrgId", f.name AS "fromOrgName", f.path::text AS "fromOrgPath",
    t.to_org_id AS "toOrgId", o.name AS "toOrgName", o.path::text AS "toOrgPath", t.status,
    t.requested_by AS "requestedBy", t.reason, t.route_reason AS "routeReason", t.reject_reason AS "rejectReason",
    t.employer_name AS "employerName", t.enterprise_id AS "enterpriseId", t.created_at AS "createdAt", t.decided_at AS "decidedAt"
  FROM member_transfer t JOIN member m ON m.id = t.member_id JOIN org f ON f.id = t.from_org_id JOIN org o ON o.id = t.to_org_id`;

export async function getTransfer(q: Queryable, id: number, lock = false): Promise<TransferRow | undefined> {
  const rows = await q.query<TransferRow>(`${transferSelect} WHERE t.id = $1 ${lock ? 'FOR UPDATE OF t' : ''}`, [id]);
  return rows[0];
}

export async function insertTransfer(
  q: Queryable,
  t: {
    memberId: number;
    fromOrgId: number;
    toOrgId: number;
    routeReason: string | null;
    employerName: string | null;
    enterpriseId: number | null;
    requestedBy: 'member' | 'staff';
    requestedById: number;
    reason: string | null;
  },
): Promise<number> {
  const [r] = await q.query<{ id: number }>(
    `INSERT INTO member_transfer (member_id, from_org_id, to_org_id, route_reason, employer_name, enterprise_id,
                                  requested_by, requested_by_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [t.memberId, t.fromOrgId, t.toOrgId, t.routeReason, t.employerName, t.enterpriseId, t.requestedBy, t.requestedById, t.reason],
  );
  return r!.id;
}

export async function decideTransferRow(
  q: Queryable,
  id: number,
  d: { status: 'accepted' | 'rejected'; staffId: number | null; rejectReason?: string | null },
): Promise<void> {
  await q.query(
    `UPDATE member_transfer SET status = $2, decided_by = $3, decided_at = now(), reject_reason = $4 WHERE id = $1`,
    [id, d.status, d.staffId, d.rejectReason ?? null],
  );
}

export async function isAutoAcceptingTransfers(q: Queryable, orgId: number): Promise<boolean> {
  const [r] = await q.query<{ auto: boolean }>(`SELECT auto_accept_transfer AS auto FROM org WHERE id = $1`, [orgId]);
  return r?.auto ?? false;
}

/** Transfers whose receiving (`in`) or giving (`out`) union lies under `path`. */
export async function findTransfers(
  q: Queryable,
  path: OrgPath,
  f: { direction: 'in' | 'out'; status: string; limit: number; offset: number },
): Promise<{ items: TransferRow[]; total: number }> {
  const side = f.direction === 'in' ? 'o' : 'f';
  const params: unknown[] = [path];
  let where = withinSubtree(`${side}.path`, 1);
  if (f.status !== 'all') {
    params.push(f.status);
    where += ` AND t.status = $2`;
  }
  const [c] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member_transfer t JOIN org f ON f.id = t.from_org_id JOIN org o ON o.id = t.to_org_id WHERE ${where}`,
    params,
  );
  const items = await q.query<TransferRow>(
    `${transferSelect} WHERE ${where} ORDER BY t.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

export async function findOpenTransferOf(q: Queryable, memberId: number): Promise<TransferRow | undefined> {
  const rows = await q.query<TransferRow>(`${transferSelect} WHERE t.member_id = $1 AND t.status = 'pending'`, [memberId]);
  return rows[0];
}

/** A member's own transfers, newest first. */
export async function findTransfersOfMember(
  q: Queryable,
  memberId: number,
  f: { limit: number; offset: number },
): Promise<{ items: TransferRow[]; total: number }> {
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_transfer WHERE member_id = $1`, [memberId]);
  const items = await q.query<TransferRow>(`${transferSelect} WHERE t.member_id = $1 ORDER BY t.id DESC LIMIT $2 OFFSET $3`, [memberId, f.limit, f.offset]);
  return { items, total: c?.n ?? 0 };
}
