// SQL of the fact writer (facts.service.ts): the subject locked, its current fact of a key, the insert.
// The current columns are written by the database (049's enterprise_fact_apply trigger), not here.
import type { Queryable } from '../../db/client.ts';

export interface FactSubject {
  /** the employer's town path, or the union's own path (who may read what is recorded) */
  path: string;
  /** the employer's union path, when it has one */
  unionPath: string | null;
  mergedInto: number | null;
  level: string | null;
}

/** The employer, locked until the transaction ends (two writers of one file take turns). */
export async function lockEnterprise(q: Queryable, id: number): Promise<FactSubject | undefined> {
  const [row] = await q.query<FactSubject>(
    `SELECT t.path::text AS path, u.path::text AS "unionPath", e.merged_into::int AS "mergedInto", NULL AS level
       FROM enterprise e JOIN org t ON t.id = e.town_org_id LEFT JOIN org u ON u.id = e.union_org_id
      WHERE e.id = $1
        FOR UPDATE OF e`,
    [id],
  );
  return row;
}

/** The union, its file row locked (made first when it has none, so the lock has a row to hold). */
export async function lockUnion(q: Queryable, orgId: number): Promise<FactSubject | undefined> {
  const [org] = await q.query<{ path: string; level: string }>(`SELECT path::text AS path, level FROM org WHERE id = $1`, [orgId]);
  if (!org) return undefined;
  await q.query(`INSERT INTO union_file (org_id) VALUES ($1) ON CONFLICT (org_id) DO NOTHING`, [orgId]);
  await q.query(`SELECT 1 FROM union_file WHERE org_id = $1 FOR UPDATE`, [orgId]);
  return { path: org.path, unionPath: org.path, mergedInto: null, level: org.level };
}

export interface CurrentFact {
  id: number;
  value: Record<string, unknown>;
  asOf: string;
}

/** The fact of a key nothing supersedes yet. */
export async function currentFact(q: Queryable, subject: { enterpriseId?: number; orgId?: number }, key: string): Promise<CurrentFact | undefined> {
  const col = subject.enterpriseId !== undefined ? 'enterprise_id' : 'org_id';
  const [row] = await q.query<CurrentFact>(
    `SELECT f.id::int AS id, f.value, to_char(f.as_of, 'YYYY-MM-DD') AS "asOf"
       FROM enterprise_fact f
      WHERE f.${col} = $1 AND f.key = $2
        AND NOT EXISTS (SELECT 1 FROM enterprise_fact n WHERE n.supersedes_id = f.id)
      ORDER BY f.id DESC LIMIT 1`,
    [subject.enterpriseId ?? subject.orgId, key],
  );
  return row;
}

export interface FactRow {
  enterpriseId: number | null;
  orgId: number | null;
  kind: string;
  key: string;
  value: Record<string, unknown>;
  asOf: string;
  supersedesId: number | null;
  isCorrection: boolean;
  note: string | null;
  source: string;
  recordedBy: number | null;
  recordedByOrg: number | null;
  idemKey: string | null;
  requestHash: Buffer | null;
}

export async function insertFact(q: Queryable, f: FactRow): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO enterprise_fact (enterprise_id, org_id, kind, key, value, as_of, supersedes_id, is_correction, note, source,
                                  recorded_by, recorded_by_org, idem_key, request_hash)
     VALUES ($1, $2, $3, $4, $5::jsonb, $6::date, $7, $8, $9, $10, $11, $12, $13, $14)
     RETURNING id::int AS id`,
    [f.enterpriseId, f.orgId, f.kind, f.key, JSON.stringify(f.value), f.asOf, f.supersedesId, f.isCorrection, f.note, f.source,
      f.recordedBy, f.recordedByOrg, f.idemKey, f.requestHash],
  );
  return row!.id;
}

/** Another union already registered under this legal number (org.credit_code is unique). */
export async function legalNumberHolder(q: Queryable, number: string, orgId: number): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM org WHERE credit_code = $1 AND id <> $2`, [number, orgId]);
  return rows.length > 0;
}

/** Another employer holds this credit code. */
export async function creditCodeHolder(q: Queryable, code: string, enterpriseId: number): Promise<{ id: number; name: string } | undefined> {
  const [row] = await q.query<{ id: number; name: string }>(`SELECT id::int AS id, name FROM enterprise WHERE credit_code = $1 AND id <> $2`, [code, enterpriseId]);
  return row;
}
