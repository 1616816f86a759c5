// SQL of 我要建会 (requests.service.ts): the member's employer, the founding requests, the town's leads.
import type { Queryable } from '../../db/client.ts';
import { scopeFilter, type Scope } from '../../http/scope.ts';

/** Counted members: status not left nor deceased (as org_rollup counts them). */
const COUNTED = `m.status NOT IN ('left', 'deceased')`;

export interface MemberEmployerRow {
  memberId: number;
  orgPath: string;
  employerName: string | null;
  gigPlatform: string | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  townId: number | null;
  townName: string | null;
  unionId: number | null;
  unionName: string | null;
  colleaguesJoined: number;
  requestedAt: Date | null;
  platformFederationId: number | null;
  platformFederationName: string | null;
}

/**
 * The member, their employer (a merged duplicate followed to the employer it was merged into), its
 * town, its union when active, the counted members with it, this member's request for it, and the
 * platform federation their own union is or lies under.
 */
export async function findMemberEmployer(q: Queryable, memberId: number): Promise<MemberEmployerRow | undefined> {
  const [row] = await q.query<MemberEmployerRow>(
    `SELECT m.id::int AS "memberId", mo.path::text AS "orgPath", m.employer_name AS "employerName", m.gig_platform AS "gigPlatform",
            e.id::int AS "enterpriseId", e.name AS "enterpriseName", t.id::int AS "townId", t.name AS "townName",
            u.id::int AS "unionId", u.name AS "unionName",
            CASE WHEN e.id IS NULL THEN 0 ELSE
              (SELECT count(*)::int FROM member c WHERE c.enterprise_id = e.id AND c.status NOT IN ('left', 'deceased')) END AS "colleaguesJoined",
            (SELECT r.created_at FROM founding_request r WHERE r.member_id = m.id AND r.enterprise_id = e.id) AS "requestedAt",
            pf.id::int AS "platformFederationId", pf.name AS "platformFederationName"
       FROM member m
       JOIN org mo ON mo.id = m.org_id
       LEFT JOIN enterprise e0 ON e0.id = m.enterprise_id
       LEFT JOIN enterprise e ON e.id = coalesce(e0.merged_into, e0.id)
       LEFT JOIN org t ON t.id = e.town_org_id
       LEFT JOIN org u ON u.id = e.union_org_id AND u.status = 'active'
       LEFT JOIN LATERAL (
         SELECT f.id, f.name FROM org f
          WHERE f.path @> mo.path AND f.federation_type = 'platform' AND f.status = 'active'
          ORDER BY nlevel(f.path) DESC LIMIT 1
       ) pf ON m.gig_platform IS NOT NULL
      WHERE m.id = $1 AND ${COUNTED}`,
    [memberId],
  );
  return row;
}

export async function findRequestByKey(q: Queryable, memberId: number, key: string) {
  const [row] = await q.query<{ id: number; enterpriseId: number; enterpriseName: string; townName: string; mayContact: boolean; createdAt: Date; hash: string }>(
    `SELECT r.id::int AS id, r.enterprise_id::int AS "enterpriseId", e.name AS "enterpriseName", t.name AS "townName",
            r.may_contact AS "mayContact", r.created_at AS "createdAt", encode(r.request_hash, 'hex') AS hash
       FROM founding_request r JOIN enterprise e ON e.id = r.enterprise_id JOIN org t ON t.id = r.town_org_id
      WHERE r.member_id = $1 AND r.idem_key = $2`,
    [memberId, key],
  );
  return row;
}

export async function insertRequest(
  q: Queryable,
  r: { memberId: number; enterpriseId: number; townOrgId: number; note: string | null; mayContact: boolean; idemKey: string; requestHash: Buffer },
): Promise<{ id: number; createdAt: Date }> {
  const [row] = await q.query<{ id: number; createdAt: Date }>(
    `INSERT INTO founding_request (member_id, enterprise_id, town_org_id, note, may_contact, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::int AS id, created_at AS "createdAt"`,
    [r.memberId, r.enterpriseId, r.townOrgId, r.note, r.mayContact, r.idemKey, r.requestHash],
  );
  return row!;
}

/** Locks the employer row, so a request and the employer's union link do not cross. */
export async function lockEnterprise(q: Queryable, id: number): Promise<{ hasUnion: boolean; townOrgId: number; townPath: string } | undefined> {
  const [row] = await q.query<{ hasUnion: boolean; townOrgId: number; townPath: string }>(
    `SELECT EXISTS (SELECT 1 FROM org u WHERE u.id = e.union_org_id AND u.status = 'active') AS "hasUnion",
            e.town_org_id::int AS "townOrgId", t.path::text AS "townPath"
       FROM enterprise e JOIN org t ON t.id = e.town_org_id WHERE e.id = $1 FOR UPDATE OF e`,
    [id],
  );
  return row;
}

export interface FoundingRequestRow {
  id: number;
  enterpriseId: number;
  enterpriseName: string;
  creditCode: string | null;
  townId: number;
  townName: string;
  memberId: number;
  memberName: string;
  colleaguesJoined: number;
  requestsForEmployer: number;
  note: string | null;
  mayContact: boolean;
  createdAt: Date;
  handledAt: Date | null;
}

/**
 * The leads of the towns in the scope, newest first; `open`: not handled and the employer still
 * without a union (a union founded closes the lead by itself).
 */
export async function findRequests(q: Queryable, scope: Scope, f: { open?: boolean | undefined; limit: number; offset: number }) {
  const openCond = `(r.handled_at IS NULL AND e.union_org_id IS NULL)`;
  const where = `${scopeFilter('t.path', 1)}${f.open === undefined ? '' : f.open ? ` AND ${openCond}` : ` AND NOT ${openCond}`}`;
  const from = `founding_request r JOIN enterprise e ON e.id = r.enterprise_id JOIN org t ON t.id = r.town_org_id`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`, [scope.path]);
  const items = await q.query<FoundingRequestRow>(
    `SELECT r.id::int AS id, e.id::int AS "enterpriseId", e.name AS "enterpriseName", e.credit_code AS "creditCode",
            t.id::int AS "townId", t.name AS "townName", r.member_id::int AS "memberId", m.name AS "memberName",
            (SELECT count(*)::int FROM member c WHERE c.enterprise_id = e.id AND c.status NOT IN ('left', 'deceased')) AS "colleaguesJoined",
            (SELECT count(*)::int FROM founding_request o WHERE o.enterprise_id = e.id) AS "requestsForEmployer",
            r.note, r.may_contact AS "mayContact", r.created_at AS "createdAt", r.handled_at AS "handledAt"
       FROM ${from} JOIN member m ON m.id = r.member_id
      WHERE ${where}
      ORDER BY r.created_at DESC, r.id DESC LIMIT $2 OFFSET $3`,
    [scope.path, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** A merged duplicate employer's founding requests move to the employer kept, unless the member already asked about it. */
export async function reassignRequests(q: Queryable, fromId: number, toId: number): Promise<number> {
  const rows = await q.query(
    `UPDATE founding_request r SET enterprise_id = $2
      WHERE r.enterprise_id = $1
        AND NOT EXISTS (SELECT 1 FROM founding_request k WHERE k.member_id = r.member_id AND k.enterprise_id = $2)
      RETURNING r.id`,
    [fromId, toId],
  );
  return rows.length;
}
