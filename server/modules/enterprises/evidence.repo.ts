// SQL of evidence (证明材料, evidence.service.ts): the owner a file is uploaded to (a fact, an assessment
// or a founding step) with the paths that decide who reaches it, locked; the sealed rows; summaries.
import type { Queryable } from '../../db/client.ts';

export type OwnerKind = 'fact' | 'assessment' | 'step';
const column: Record<OwnerKind, string> = { fact: 'fact_id', assessment: 'assessment_id', step: 'drive_step_id' };

export interface EvidenceOwner {
  kind: OwnerKind;
  id: number;
  /** a fact of an employer: the employer */
  enterpriseId: number | null;
  /** a fact of a union, or an assessment: the union */
  orgId: number | null;
  /** a founding step: the target's town and (an employer target) the employer's town and union */
  paths: string[];
  factKind: string | null;
}

/** The owner, locked until the transaction ends (two uploads cannot both take the ninth place). */
export async function lockOwner(q: Queryable, kind: OwnerKind, id: number): Promise<EvidenceOwner | undefined> {
  if (kind === 'fact') {
    const [row] = await q.query<{ enterpriseId: number | null; orgId: number | null; factKind: string }>(
      `SELECT enterprise_id::int AS "enterpriseId", org_id::int AS "orgId", kind AS "factKind" FROM enterprise_fact WHERE id = $1 FOR UPDATE`, [id]);
    return row && { kind, id, enterpriseId: row.enterpriseId, orgId: row.orgId, paths: [], factKind: row.factKind };
  }
  if (kind === 'assessment') {
    const [row] = await q.query<{ orgId: number }>(`SELECT org_id::int AS "orgId" FROM assessment WHERE id = $1 FOR UPDATE`, [id]);
    return row && { kind, id, enterpriseId: null, orgId: row.orgId, paths: [], factKind: null };
  }
  const [row] = await q.query<{ paths: (string | null)[] }>(
    `SELECT ARRAY[tt.path::text, et.path::text, eu.path::text, ao.path::text] AS paths
       FROM drive_step s JOIN drive_target dt ON dt.id = s.target_id
       LEFT JOIN org tt ON tt.id = dt.town_org_id
       LEFT JOIN enterprise e ON e.id = dt.enterprise_id
       LEFT JOIN org et ON et.id = e.town_org_id
       LEFT JOIN org eu ON eu.id = e.union_org_id
       LEFT JOIN org ao ON ao.id = dt.assigned_org_id
      WHERE s.id = $1 FOR UPDATE OF s`,
    [id],
  );
  return row && { kind, id, enterpriseId: null, orgId: null, paths: row.paths.filter((p): p is string => p !== null), factKind: null };
}

export async function countEvidence(q: Queryable, kind: OwnerKind, id: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM file_evidence WHERE ${column[kind]} = $1`, [id]);
  return row?.n ?? 0;
}

export interface NewEvidence {
  kind: OwnerKind;
  ownerId: number;
  orgPath: string;
  fileName: string;
  mime: string;
  size: number;
  sha256: Buffer;
  contentEnc: Buffer;
  uploadedBy: number;
  /** the upload's Idempotency-Key and request hash: the row is the key's store */
  idemKey: string;
  requestHash: Buffer;
}

export interface EvidenceRow {
  id: number;
  fileName: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  size: number;
  uploadedAt: Date | string;
}

const SUMMARY = `id::int AS id, file_name AS "fileName", mime, size_bytes AS size, uploaded_at AS "uploadedAt"`;

export async function insertEvidence(q: Queryable, e: NewEvidence): Promise<EvidenceRow> {
  const [row] = await q.query<EvidenceRow>(
    `INSERT INTO file_evidence (${column[e.kind]}, org_path, file_name, mime, size_bytes, sha256, content_enc, uploaded_by, idem_key, request_hash)
     VALUES ($1, $2::ltree, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${SUMMARY}`,
    [e.ownerId, e.orgPath, e.fileName, e.mime, e.size, e.sha256, e.contentEnc, e.uploadedBy, e.idemKey, e.requestHash],
  );
  return row!;
}

/** The evidence a staff member uploaded under an Idempotency-Key (the uploads' idempotency store), with its request hash. */
export async function evidenceByIdemKey(q: Queryable, staffId: number, key: string): Promise<(EvidenceRow & { hash: string }) | undefined> {
  const [row] = await q.query<EvidenceRow & { hash: string }>(
    `SELECT ${SUMMARY}, encode(request_hash, 'hex') AS hash FROM file_evidence WHERE uploaded_by = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return row;
}

export interface StoredEvidence extends EvidenceRow {
  ownerKind: OwnerKind;
  ownerId: number;
  orgPath: string;
  contentEnc: Buffer;
}

export async function getEvidence(q: Queryable, id: number): Promise<StoredEvidence | undefined> {
  const [row] = await q.query<StoredEvidence & { factId: number | null; assessmentId: number | null; stepId: number | null }>(
    `SELECT ${SUMMARY}, fact_id::int AS "factId", assessment_id::int AS "assessmentId", drive_step_id::int AS "stepId",
            org_path::text AS "orgPath", content_enc AS "contentEnc"
       FROM file_evidence WHERE id = $1`,
    [id],
  );
  if (!row) return undefined;
  const ownerKind: OwnerKind = row.factId !== null ? 'fact' : row.assessmentId !== null ? 'assessment' : 'step';
  return { ...row, ownerKind, ownerId: (row.factId ?? row.assessmentId ?? row.stepId)! };
}

/** Summaries of the evidence of many owners of one kind, with the owner's id. */
export async function summariesOf(q: Queryable, kind: OwnerKind, ids: number[]): Promise<(EvidenceRow & { ownerId: number })[]> {
  if (ids.length === 0) return [];
  return q.query<EvidenceRow & { ownerId: number }>(
    `SELECT ${SUMMARY}, ${column[kind]}::int AS "ownerId" FROM file_evidence WHERE ${column[kind]} = ANY($1::bigint[]) ORDER BY id`,
    [ids],
  );
}
