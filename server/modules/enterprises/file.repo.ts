// SQL of the enterprise file (file.service.ts): the employer with its current values, its union and
// the union's file row, the current fact of each key, the history of facts (the employer's and its
// union's), the members parked in its town, and the fact rows as the idempotency store of fact writes.
import type { Queryable } from '../../db/client.ts';

export interface FileRow {
  id: number;
  name: string;
  creditCode: string | null;
  townId: number;
  townName: string;
  address: string | null;
  industrySection: string | null;
  industry: string | null;
  ownership: string | null;
  employees: number | null;
  employeesAsOf: string | null;
  platforms: string[];
  source: string;
  mergedIntoId: number | null;
  mergedIntoName: string | null;
  unionCoverage: string | null;
  memberCount: number;
  union: null | {
    id: number;
    name: string;
    status: string;
    chair: string | null;
    foundedOn: string | null;
    legalNumber: string | null;
    legalRegistered: boolean | null;
    legalRegisteredOn: string | null;
    auditOn: string | null;
    womenOn: string | null;
    labourSupervisionOn: string | null;
    mediationOn: string | null;
    generalSigned: string | null; generalStarts: string | null; generalExpires: string | null; generalCovered: number | null;
    wageSigned: string | null; wageStarts: string | null; wageExpires: string | null; wageCovered: number | null;
    womenSigned: string | null; womenStarts: string | null; womenExpires: string | null; womenCovered: number | null;
    openAffairsSince: string | null;
    lastCongressOn: string | null;
    congressDelegates: number | null;
    fundsYear: number | null;
    fundsRemittedFen: number | null;
  };
}

const d = (col: string) => `to_char(${col}, 'YYYY-MM-DD')`;

export async function getFile(q: Queryable, id: number): Promise<FileRow | undefined> {
  const [row] = await q.query<FileRow>(
    `SELECT e.id::int AS id, e.name, e.credit_code AS "creditCode", t.id::int AS "townId", t.name AS "townName", e.address,
            e.industry_section AS "industrySection", e.industry, e.ownership, e.employees, ${d('e.employees_as_of')} AS "employeesAsOf",
            e.platforms, e.source, e.merged_into::int AS "mergedIntoId", mi.name AS "mergedIntoName", e.union_coverage AS "unionCoverage",
            e.member_count AS "memberCount",
            CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object(
              'id', u.id::int, 'name', u.name, 'status', u.status, 'chair', u.chair_name, 'foundedOn', ${d('u.founded_on')},
              'legalNumber', u.credit_code, 'legalRegistered', f.legal_registered, 'legalRegisteredOn', ${d('f.legal_registered_on')},
              'auditOn', ${d('f.audit_committee_on')}, 'womenOn', ${d('f.women_committee_on')},
              'labourSupervisionOn', ${d('f.labour_supervision_committee_on')}, 'mediationOn', ${d('f.mediation_committee_on')},
              'generalSigned', ${d('f.general_contract_signed_on')}, 'generalStarts', ${d('f.general_contract_starts_on')},
              'generalExpires', ${d('f.general_contract_expires_on')}, 'generalCovered', f.general_contract_covered,
              'wageSigned', ${d('f.wage_contract_signed_on')}, 'wageStarts', ${d('f.wage_contract_starts_on')},
              'wageExpires', ${d('f.wage_contract_expires_on')}, 'wageCovered', f.wage_contract_covered,
              'womenSigned', ${d('f.women_contract_signed_on')}, 'womenStarts', ${d('f.women_contract_starts_on')},
              'womenExpires', ${d('f.women_contract_expires_on')}, 'womenCovered', f.women_contract_covered,
              'openAffairsSince', ${d('f.open_affairs_since')}, 'lastCongressOn', ${d('f.last_congress_on')},
              'congressDelegates', f.congress_delegates, 'fundsYear', f.funds_year, 'fundsRemittedFen', f.funds_remitted_fen
            ) END AS "union"
       FROM enterprise e JOIN org t ON t.id = e.town_org_id
       LEFT JOIN enterprise mi ON mi.id = e.merged_into
       LEFT JOIN org u ON u.id = e.union_org_id
       LEFT JOIN union_file f ON f.org_id = u.id
      WHERE e.id = $1`,
    [id],
  );
  return row;
}

/** Members counted with this employer held by its town or a federation directly under the town (parked). */
const PARKED = `FROM member m
  WHERE m.enterprise_id = $1 AND m.status IN ('active', 'suspended')
    AND (m.org_id = $2 OR m.org_id IN (SELECT c.id FROM org c WHERE c.parent_id = $2 AND c.kind = 'federation'))`;

export async function countParked(q: Queryable, enterpriseId: number, townId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n ${PARKED}`, [enterpriseId, townId]);
  return row?.n ?? 0;
}

/** The ids of the parked members (move-parked moves them). */
export async function parkedMembers(q: Queryable, enterpriseId: number, townId: number): Promise<{ id: number; orgId: number }[]> {
  return q.query<{ id: number; orgId: number }>(`SELECT m.id::int AS id, m.org_id::int AS "orgId" ${PARKED} ORDER BY m.id FOR UPDATE OF m`, [enterpriseId, townId]);
}

/** key → id of the current fact, for the employer and (when given) its union. */
export async function currentFactIds(q: Queryable, enterpriseId: number, unionOrgId: number | null): Promise<{ key: string; id: number }[]> {
  return q.query<{ key: string; id: number }>(
    `SELECT f.key, f.id::int AS id FROM enterprise_fact f
      WHERE (f.enterprise_id = $1 OR f.org_id = $2)
        AND NOT EXISTS (SELECT 1 FROM enterprise_fact n WHERE n.supersedes_id = f.id)`,
    [enterpriseId, unionOrgId],
  );
}

export interface HistoryRow {
  id: number;
  subject: 'enterprise' | 'union';
  kind: string;
  key: string;
  value: Record<string, unknown>;
  asOf: string;
  recordedAt: string;
  recordedBy: string | null;
  recordedByOrg: string | null;
  source: string;
  isCorrection: boolean;
  supersedesId: number | null;
  current: boolean;
  note: string | null;
}

export async function history(
  q: Queryable,
  f: { enterpriseId: number; unionOrgId: number | null; key: string | null; limit: number; offset: number },
): Promise<{ items: HistoryRow[]; total: number }> {
  const where = `(f.enterprise_id = $1 OR f.org_id = $2) AND ($3::text IS NULL OR f.key = $3)`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM enterprise_fact f WHERE ${where}`, [f.enterpriseId, f.unionOrgId, f.key]);
  const items = await q.query<HistoryRow>(
    `SELECT f.id::int AS id, CASE WHEN f.enterprise_id IS NULL THEN 'union' ELSE 'enterprise' END AS subject, f.kind, f.key, f.value,
            ${d('f.as_of')} AS "asOf", f.recorded_at AS "recordedAt", s.display_name AS "recordedBy", o.name AS "recordedByOrg",
            f.source, f.is_correction AS "isCorrection", f.supersedes_id::int AS "supersedesId",
            NOT EXISTS (SELECT 1 FROM enterprise_fact n WHERE n.supersedes_id = f.id) AS current, f.note
       FROM enterprise_fact f LEFT JOIN staff s ON s.id = f.recorded_by LEFT JOIN org o ON o.id = f.recorded_by_org
      WHERE ${where}
      ORDER BY f.recorded_at DESC, f.id DESC LIMIT $4 OFFSET $5`,
    [f.enterpriseId, f.unionOrgId, f.key, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** The fact a staff member recorded under an Idempotency-Key (the fact writes' idempotency store). */
export async function factByIdemKey(q: Queryable, staffId: number, key: string): Promise<{ id: number; key: string; supersedesId: number | null; hash: string } | undefined> {
  const [row] = await q.query<{ id: number; key: string; supersedesId: number | null; hash: string }>(
    `SELECT id::int AS id, key, supersedes_id::int AS "supersedesId", encode(request_hash, 'hex') AS hash
       FROM enterprise_fact WHERE recorded_by = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return row;
}
