// The answer to a sign-up, built in one place so that a replay under the same Idempotency-Key is
// byte-identical to the first answer, whichever path (batched or on its own) gave it: the
// signup_request store of the idempotency kit.
import { isUniqueViolation, violates } from '../../db/errors.ts';
import { replayOf, requestHashOf, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getReplay, type ReplayJson } from './signups.repo.ts';

export type SignupReply = IdempotentReply;

type SignupAnswer = Omit<ReplayJson, 'hash'>;

export function answerText(x: SignupAnswer): string {
  return JSON.stringify({ id: x.signupId, activityId: x.activityId, batchNo: x.batchNo, status: x.status, seats: x.seats, createdAt: x.createdAt });
}

/**
 * Sign-ups as an idempotency store: a key names one successful sign-up of one member. Its record is
 * written in the sign-up's own statement (one row, or a whole batch's), and read with the facts
 * before a sign-up (one query), so `find` serves only the race after a unique violation.
 */
export const signupStore: IdempotencyStore<SignupAnswer> = {
  find: (q, owner, key) => getReplay(q, owner.id, key),
  text: answerText,
  isKeyTaken: (err) => violates(err, 'signup_request_pkey'),
};

/** What a key's stored request is compared with: the activity and the request's content. */
export function signupHashOf(activityId: number, seats: number, childAge: number | null): Buffer {
  return requestHashOf('signup', activityId, seats, childAge);
}

/** The stored answer, when the key comes again with the same request. Throws idempotency_key_reused. */
export const replaySignup = (r: ReplayJson, hash: Buffer): SignupReply => replayOf(signupStore, r, hash);

export function uniqueViolation(err: unknown): boolean {
  return isUniqueViolation(err);
}
