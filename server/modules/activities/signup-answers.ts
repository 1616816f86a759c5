// The answer to a sign-up, built in one place so that a replay under the same Idempotency-Key is
// byte-identical to the first answer, whichever path (batched or on its own) gave it.
import { createHash } from 'node:crypto';
import { AppError } from '../../errors.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { ReplayJson } from './signups.repo.ts';

export interface SignupReply {
  /** the JSON body, exactly as first answered */
  body: string;
  replayed: boolean;
}

export function answerText(x: { signupId: number; activityId: number; batchNo: number; status: string; seats: number; createdAt: string }): string {
  return JSON.stringify({ id: x.signupId, activityId: x.activityId, batchNo: x.batchNo, status: x.status, seats: x.seats, createdAt: x.createdAt });
}

/** What a key's stored request is compared with: the activity and the request's content. */
export function requestHashOf(activityId: number, seats: number, childAge: number | null): Buffer {
  return createHash('sha256').update(JSON.stringify(['signup', activityId, seats, childAge])).digest();
}

/** The stored answer, when the key comes again with the same request. Throws idempotency_key_reused. */
export function replayOf(r: ReplayJson, hash: Buffer): SignupReply {
  if (r.hash !== hash.toString('hex')) throw new AppError('idempotency_key_reused');
  return { body: answerText(r), replayed: true };
}

export function uniqueViolation(err: unknown): boolean {
  return isUniqueViolation(err);
}
