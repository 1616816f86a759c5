// The answer to a ledger write, built in one place so that a replay under the same Idempotency-Key
// is byte-identical to the first answer (the same pattern as activities/signup-answers.ts).
import { createHash } from 'node:crypto';
import { AppError } from '../../errors.ts';
import type { OperationRow } from './points.repo.ts';

export interface PointReply {
  /** the JSON body, exactly as first answered */
  body: string;
  replayed: boolean;
}

export function answerText(o: OperationRow): string {
  return JSON.stringify({
    id: o.id,
    kind: o.kind,
    orgId: o.orgId,
    amount: o.amount,
    memberCount: o.memberCount,
    reason: o.reason,
    reversesOperationId: o.reversesOperationId,
    createdAt: o.createdAt,
  });
}

/** What a key's stored request is compared with: the kind of write and its content. */
export function requestHashOf(kind: string, content: unknown): Buffer {
  return createHash('sha256').update(JSON.stringify([kind, content])).digest();
}

/** The stored answer, when the key comes again with the same request. Throws idempotency_key_reused. */
export function replayOf(o: OperationRow, hash: Buffer): PointReply {
  if (o.hash !== hash.toString('hex')) throw new AppError('idempotency_key_reused');
  return { body: answerText(o), replayed: true };
}
