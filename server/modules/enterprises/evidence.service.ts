// Evidence (证明材料): documents and photos behind a fact of the enterprise file, a 强基 self-assessment or
// a founding drive's step. Writers of the owner's file upload (a fact: the employer or union in scope
// with the right to record that kind; an assessment: the assessed union in scope; a step: the drive
// target in scope), at most 9 per owner, each ≤ 10 MB, typed by its bytes (JPEG, PNG, WebP, PDF),
// sealed at rest (minutes and rosters carry names), once per Idempotency-Key (the row is the key's store:
// a retried upload answers the first file, never stores a second). Staff of the scope download, each download audited.
// evidenceOf gives the summaries to the file's history and to drives and assessments (slices D, E).
// Design: docs/design/enterprise-file.md §3.
import { createHash } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { getOrgInScope, isPathInScope } from '../../http/scope.ts';
import type { SentFile, UploadedFile } from '../../http/upload.ts';
import { AppError } from '../../errors.ts';
import { violates } from '../../db/errors.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { safeFileName, sniffFile } from '../../lib/sniff-file.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_PER_OWNER, type EvidenceSummary } from '../../../contracts/enterprise-facts.ts';
import { unionFactKinds, type FactKind } from '../../../contracts/enterprise-facts-common.ts';
import { assertMayRecordOnEnterprise, getEnterpriseInScope, getUnionForFile } from './access.service.ts';
import * as repo from './evidence.repo.ts';

export type EvidenceOwnerKind = repo.OwnerKind;

const summaryOf = (r: repo.EvidenceRow): EvidenceSummary => ({
  id: r.id, fileName: r.fileName, mime: r.mime, size: r.size, uploadedAt: new Date(r.uploadedAt).toISOString(),
});

/** The path that decides who reaches the owner's evidence, or not_found when the caller's scope does not reach it. */
async function ownerPath(q: Queryable, ctx: StaffContext, owner: repo.EvidenceOwner, writing: boolean): Promise<string> {
  if (owner.kind === 'fact' && owner.enterpriseId !== null) {
    const e = await getEnterpriseInScope(q, ctx.scope, owner.enterpriseId);
    if (writing) assertMayRecordOnEnterprise(ctx, e, owner.factKind as FactKind);
    return isPathInScope(ctx.scope, e.townPath) ? e.townPath : e.unionPath!;
  }
  if (owner.kind === 'fact') {
    if (!(unionFactKinds as readonly string[]).includes(owner.factKind ?? '')) throw new AppError('not_found');
    return (await getUnionForFile(q, ctx.scope, owner.orgId!)).path;
  }
  if (owner.kind === 'assessment') return (await getOrgInScope(q, ctx.scope, owner.orgId!)).path;
  const reached = owner.paths.find((p) => isPathInScope(ctx.scope, p));
  if (!reached) throw new AppError('not_found');
  return reached;
}

/** Which owner a query names: exactly one of factId, assessmentId, stepId. */
export function ownerOfQuery(q: { factId?: number | undefined; assessmentId?: number | undefined; stepId?: number | undefined }): { kind: EvidenceOwnerKind; id: number } {
  const named = ([['fact', q.factId], ['assessment', q.assessmentId], ['step', q.stepId]] as const).filter(([, id]) => id !== undefined);
  if (named.length !== 1) throw new AppError('validation_failed', '请求参数有误：请指定 factId、assessmentId、stepId 中的一个');
  return { kind: named[0]![0], id: Number(named[0]![1]) };
}

const uploadStore: IdempotencyStore<repo.EvidenceRow> = {
  find: (q, owner, key) => repo.evidenceByIdemKey(q, owner.id, key),
  text: (r) => JSON.stringify(summaryOf(r)),
  isKeyTaken: (err) => violates(err, 'file_evidence_idem'),
};

/**
 * Stores one file for an owner and audits it, once per Idempotency-Key (the same key with the same
 * owner and file answers the first upload, byte for byte). Throws evidence_required (empty),
 * evidence_too_large, evidence_type, not_found (owner missing or out of scope),
 * enterprise_identity_town_only, evidence_full (the tenth), idempotency_key_reused.
 */
export async function uploadEvidence(ctx: StaffContext, owner: { kind: EvidenceOwnerKind; id: number }, file: UploadedFile, key: string): Promise<IdempotentReply> {
  if (file.content.length === 0) throw new AppError('evidence_required');
  if (file.content.length > EVIDENCE_MAX_BYTES) throw new AppError('evidence_too_large');
  const mime = sniffFile(file.content);
  if (!mime) throw new AppError('evidence_type');
  const fileName = safeFileName(file.fileName, mime, mime === 'application/pdf' ? '证明材料' : '照片');
  const sha256 = createHash('sha256').update(file.content).digest();
  const contentEnc = ctx.pii.encrypt(file.content.toString('base64'));
  const hash = requestHashOf('POST /api/file-evidence', owner.kind, owner.id, fileName, sha256.toString('hex'));
  return writeOnce(ctx.db, uploadStore, { owner: { kind: 'staff', id: ctx.actor.staffId }, key, hash }, () => ctx.db.transaction(async (tx) => {
    const o = await repo.lockOwner(tx, owner.kind, owner.id);
    if (!o) throw new AppError('not_found');
    const orgPath = await ownerPath(tx, ctx, o, true);
    if ((await repo.countEvidence(tx, owner.kind, owner.id)) >= EVIDENCE_MAX_PER_OWNER) throw new AppError('evidence_full');
    const row = await repo.insertEvidence(tx, {
      kind: owner.kind, ownerId: owner.id, orgPath, fileName, mime, size: file.content.length, sha256, contentEnc, uploadedBy: ctx.actor.staffId, idemKey: key, requestHash: hash,
    });
    await audit(tx, ctx, 'evidence.upload', { type: 'file_evidence', id: row.id, orgPath }, {
      evidenceId: row.id, evidenceOwnerKind: owner.kind, evidenceOwnerId: owner.id, fileSize: row.size,
    });
    return row;
  }));
}

/** A file of evidence the caller's scope reaches; each download (or inline view) audited. Throws not_found. */
export async function getEvidenceFile(ctx: StaffContext, id: number, inline: boolean): Promise<SentFile> {
  const e = await repo.getEvidence(ctx.db, id);
  if (!e) throw new AppError('not_found');
  const owner = await repo.lockOwner(ctx.db, e.ownerKind, e.ownerId);
  if (!owner) throw new AppError('not_found');
  const path = await ownerPath(ctx.db, ctx, owner, false);
  await audit(ctx.db, ctx, 'evidence.download', { type: 'file_evidence', id: e.id, orgPath: path }, { evidenceId: e.id, inline });
  return { content: Buffer.from(ctx.pii.decrypt(e.contentEnc), 'base64'), mime: e.mime, fileName: e.fileName };
}

/** The evidence of many owners of one kind: owner id → summaries (for the file's history, drives, assessments). */
export async function evidenceOf(
  q: Queryable,
  owners: { factIds: number[] } | { assessmentIds: number[] } | { stepIds: number[] },
): Promise<Map<number, EvidenceSummary[]>> {
  const [kind, ids]: [EvidenceOwnerKind, number[]] =
    'factIds' in owners ? ['fact', owners.factIds] : 'assessmentIds' in owners ? ['assessment', owners.assessmentIds] : ['step', owners.stepIds];
  const out = new Map<number, EvidenceSummary[]>();
  for (const r of await repo.summariesOf(q, kind, ids)) {
    const list = out.get(r.ownerId) ?? [];
    list.push(summaryOf(r));
    out.set(r.ownerId, list);
  }
  return out;
}
