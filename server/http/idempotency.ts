// Idempotent writes (Idempotency-Key), built once for every route that must not do a write twice:
// the header parsed and checked, the request's hash compared with the one stored under the key, the
// stored answer replayed byte for byte with `Idempotent-Replayed: true`. Each store (a table keyed by
// its owner and the key) implements one contract, IdempotencyStore; the record is written by the
// module in the same transaction as the write it answers, so an answer is stored exactly when the
// write commits. See docs/design/idempotency.md.
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IDEMPOTENCY_KEY } from '../../contracts/common.ts';
import type { Queryable } from '../db/client.ts';
import { AppError } from '../errors.ts';

/** The request header of an idempotent route, for its OpenAPI schema; `what` names the write (报名, 申请 …). */
export function idempotencyKeyHeader(what: string) {
  return z.object({ 'idempotency-key': z.string().optional().describe(`每次${what}生成的随机值（8–64 位字母、数字、_ 或 -，如 UUID）；重试沿用`) });
}

/** The Idempotency-Key of a request. Throws idempotency_key_required, idempotency_key_invalid. */
export function idempotencyKeyOf(req: FastifyRequest): string {
  const key = req.headers['idempotency-key'];
  if (key === undefined || key === '') throw new AppError('idempotency_key_required');
  if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) throw new AppError('idempotency_key_invalid');
  return key;
}

/** What an idempotent write answers: the JSON body, exactly as first answered, and whether this is a replay. */
export interface IdempotentReply {
  body: string;
  replayed: boolean;
}

/** Sends the answer (a string is sent as it is, so a replay is byte for byte the first answer). */
export function sendIdempotent(reply: FastifyReply, out: IdempotentReply, statusCode = 201) {
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(statusCode).type('application/json; charset=utf-8').send(out.body);
}

/** The hash a key's stored request is compared with: SHA-256 of the request's parts as JSON. */
export function requestHashOf(...parts: unknown[]): Buffer {
  return createHash('sha256').update(JSON.stringify(parts)).digest();
}

/** Who a key belongs to: keys of different owners never meet. */
export interface IdempotencyOwner {
  kind: 'staff' | 'member';
  id: number;
}

/** An answer as its store keeps it, with the hex SHA-256 of the request that was answered. */
export type Stored<Answer> = Answer & { hash: string };

/**
 * The one contract of every idempotency store (signup_request, point_operation,
 * campaign_apply_request, payout_run): find the answer stored under (owner, key), say how it is sent,
 * and recognise the unique violation of a concurrent request storing the same key. Saving is the
 * module's write itself: (owner, key, request hash) go into the store in the write's transaction.
 */
export interface IdempotencyStore<Answer> {
  find(q: Queryable, owner: IdempotencyOwner, key: string): Promise<Stored<Answer> | undefined>;
  /** the JSON body of an answer, the same text for the first answer and every replay */
  text(answer: Answer): string;
  /** a concurrent request under the same key stored its answer first */
  isKeyTaken(err: unknown): boolean;
}

/** The stored answer, when the key comes again with the same request. Throws idempotency_key_reused. */
export function replayOf<Answer>(store: IdempotencyStore<Answer>, stored: Stored<Answer>, hash: Buffer): IdempotentReply {
  if (stored.hash !== hash.toString('hex')) throw new AppError('idempotency_key_reused');
  return { body: store.text(stored), replayed: true };
}

export interface IdempotentAsk {
  owner: IdempotencyOwner;
  key: string;
  hash: Buffer;
}

/**
 * Runs `write` once per key: a key seen before gets its stored answer (same request) or
 * idempotency_key_reused; a write that loses the race to a concurrent request under the same key
 * (the store's unique violation, or what `raced` also counts as that) gets that request's answer.
 * Anything else `write` throws is thrown as it is, and nothing is stored.
 */
export async function writeOnce<Answer>(
  q: Queryable,
  store: IdempotencyStore<Answer>,
  ask: IdempotentAsk,
  write: () => Promise<Answer>,
  raced: (err: unknown) => boolean = (err) => store.isKeyTaken(err),
): Promise<IdempotentReply> {
  const prior = await store.find(q, ask.owner, ask.key);
  if (prior) return replayOf(store, prior, ask.hash);
  try {
    return { body: store.text(await write()), replayed: false };
  } catch (err) {
    if (raced(err)) {
      const again = await store.find(q, ask.owner, ask.key);
      if (again) return replayOf(store, again, ask.hash);
    }
    throw err;
  }
}
