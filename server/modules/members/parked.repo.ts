// SQL of moving parked members (parked.service.ts): the counted members of one employer held by the
// given orgs (its town federation), locked, and their move into the employer's union.
import type { Queryable } from '../../db/client.ts';

export interface ParkedMember {
  id: number;
  orgId: number;
  status: string;
}

/** Counted members (active or suspended; a member mid-transfer stays put) of the employer held by one of `orgIds`, locked. */
export async function lockParked(q: Queryable, enterpriseId: number, orgIds: number[]): Promise<ParkedMember[]> {
  if (orgIds.length === 0) return [];
  return q.query<ParkedMember>(
    `SELECT id::int AS id, org_id::int AS "orgId", status FROM member
      WHERE enterprise_id = $1 AND org_id = ANY($2::bigint[]) AND status IN ('active', 'suspended')
      ORDER BY id FOR UPDATE`,
    [enterpriseId, orgIds],
  );
}

export async function moveToOrg(q: Queryable, memberIds: number[], toOrgId: number): Promise<void> {
  if (memberIds.length === 0) return;
  await q.query(`UPDATE member SET org_id = $2, updated_at = now() WHERE id = ANY($1::bigint[])`, [memberIds, toOrgId]);
}
