// Members of a subtree for the export, in pages: SQL only. Masked personal data only — the
// ciphertext columns are never selected here.
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';

export interface ExportFilter {
  underPath: OrgPath;
  status?: string | undefined;
  group?: string | undefined;
  /** only the members whose employer (工作单位) is this enterprise */
  enterpriseId?: number | undefined;
}

export interface ExportOrg {
  id: number;
  memberCount: number;
}

/** Orgs of the subtree in tree order (their members are exported union by union). */
export async function findExportOrgs(q: Queryable, scope: Scope, f: ExportFilter): Promise<ExportOrg[]> {
  return q.query<ExportOrg>(
    `SELECT o.id, o.member_count AS "memberCount" FROM org o
      WHERE ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)} ORDER BY o.path`,
    [scope.path, f.underPath],
  );
}

export async function countExportRows(q: Queryable, scope: Scope, f: ExportFilter): Promise<number> {
  const [r] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id
      WHERE ${scopeFilter('o.path', 1)} AND ${withinSubtree('o.path', 2)}
        AND ($3::text IS NULL OR m.status = $3) AND ($4::text IS NULL OR $4 = ANY(m.groups))
        AND ($5::bigint IS NULL OR m.enterprise_id = $5)`,
    [scope.path, f.underPath, f.status ?? null, f.group ?? null, f.enterpriseId ?? null],
  );
  return r?.n ?? 0;
}

export interface ExportRow {
  id: number;
  orgId: number;
  memberNo: string | null;
  name: string;
  sex: 'male' | 'female';
  idNumberMasked: string;
  phoneMasked: string | null;
  orgName: string;
  employerName: string | null;
  gigPlatform: string | null;
  groups: string[];
  status: string;
  joinedOn: string;
}

/**
 * One page of members of some unions, ordered by (union, id), after the key (afterOrg, afterId).
 * The unions are already known to lie in the scope; the scope is applied again all the same.
 */
export async function findExportPage(
  q: Queryable,
  scope: Scope,
  f: ExportFilter,
  orgIds: number[],
  after: { orgId: number; id: number },
  limit: number,
): Promise<ExportRow[]> {
  return q.query<ExportRow>(
    `SELECT m.id, m.org_id AS "orgId", m.member_no AS "memberNo", m.name, m.sex, m.id_number_masked AS "idNumberMasked",
            m.phone_masked AS "phoneMasked", o.name AS "orgName", m.employer_name AS "employerName",
            m.gig_platform AS "gigPlatform", m.groups, m.status, m.joined_on::text AS "joinedOn"
       FROM member m JOIN org o ON o.id = m.org_id
      WHERE m.org_id = ANY($2::bigint[]) AND ${scopeFilter('o.path', 1)}
        AND ($3::text IS NULL OR m.status = $3) AND ($4::text IS NULL OR $4 = ANY(m.groups))
        AND (m.org_id, m.id) > ($5::bigint, $6::bigint)
        AND ($8::bigint IS NULL OR m.enterprise_id = $8)
      ORDER BY m.org_id, m.id
      LIMIT $7`,
    [scope.path, orgIds, f.status ?? null, f.group ?? null, after.orgId, after.id, limit, f.enterpriseId ?? null],
  );
}
