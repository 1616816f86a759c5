// The answer to a ledger write, built in one place so that a replay under the same Idempotency-Key
// is byte-identical to the first answer: the point_operation store of the idempotency kit.
import type { IdempotencyStore } from '../../http/idempotency.ts';
import { violates } from '../../db/errors.ts';
import { findOperationByKey, type OperationRow } from './points.repo.ts';

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

/** Ledger operations as an idempotency store: the operation row is the stored answer, keyed by its actor. */
export const operationStore: IdempotencyStore<OperationRow> = {
  find: (q, owner, key) => findOperationByKey(q, owner.kind, owner.id, key),
  text: answerText,
  isKeyTaken: (err) => violates(err, 'point_operation_idem_key'),
};
