// The idempotency kit on its own: the header's checks, the request hash, the replay, and writeOnce
// over a store kept in memory (the four real stores are exercised through their routes' tests).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { Queryable } from '../db/client.ts';
import { AppError } from '../errors.ts';
import {
  idempotencyKeyOf,
  replayOf,
  requestHashOf,
  sendIdempotent,
  writeOnce,
  type IdempotencyOwner,
  type IdempotencyStore,
  type Stored,
} from './idempotency.ts';

const request = (key?: string | string[]) => ({ headers: key === undefined ? {} : { 'idempotency-key': key } }) as unknown as FastifyRequest;
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return 'no error';
};

interface Answer {
  id: number;
}

/** A store in memory; `taken` makes the next write lose a race to a concurrent request. */
function memoryStore() {
  const rows = new Map<string, Stored<Answer>>();
  const at = (o: IdempotencyOwner, key: string) => `${o.kind}:${o.id}:${key}`;
  const store: IdempotencyStore<Answer> = {
    find: async (_q, o, key) => rows.get(at(o, key)),
    text: (a) => JSON.stringify({ id: a.id }),
    isKeyTaken: (err) => (err as { code?: string }).code === '23505',
  };
  return { store, rows, at };
}

const q = {} as Queryable;
const owner: IdempotencyOwner = { kind: 'staff', id: 7 };

describe('the idempotency kit', () => {
  it('reads the Idempotency-Key header: required, 8–64 of [A-Za-z0-9_-]', () => {
    expect(codeOf(() => idempotencyKeyOf(request()))).toBe('idempotency_key_required');
    expect(codeOf(() => idempotencyKeyOf(request('')))).toBe('idempotency_key_required');
    for (const bad of ['short', 'x'.repeat(65), 'has space!', '密钥密钥密钥密钥', ['a'.repeat(10), 'b'.repeat(10)]]) {
      expect(codeOf(() => idempotencyKeyOf(request(bad))), String(bad)).toBe('idempotency_key_invalid');
    }
    expect(idempotencyKeyOf(request('123e4567-e89b-12d3-a456-426614174000'))).toBe('123e4567-e89b-12d3-a456-426614174000');
    expect(idempotencyKeyOf(request('a_b-C_12'))).toBe('a_b-C_12');
  });

  it('hashes a request by its parts', () => {
    expect(requestHashOf('signup', 1, 1, null).equals(requestHashOf('signup', 1, 1, null))).toBe(true);
    expect(requestHashOf('signup', 1, 1, null).equals(requestHashOf('signup', 1, 2, null))).toBe(false);
    expect(requestHashOf('issue', { a: 1 }).toString('hex')).toHaveLength(64);
  });

  it('replays the stored answer for the same request, refuses another request under the key', () => {
    const { store } = memoryStore();
    const hash = requestHashOf('x', 1);
    expect(replayOf(store, { id: 5, hash: hash.toString('hex') }, hash)).toEqual({ body: '{"id":5}', replayed: true });
    expect(codeOf(() => replayOf(store, { id: 5, hash: hash.toString('hex') }, requestHashOf('x', 2)))).toBe('idempotency_key_reused');
  });

  it('writes once per key and owner; a retry gets the first answer, byte for byte', async () => {
    const { store, rows, at } = memoryStore();
    const hash = requestHashOf('x', 1);
    let writes = 0;
    const write = async () => {
      writes++;
      const a = { id: 40 + writes };
      rows.set(at(owner, 'key-0001'), { ...a, hash: hash.toString('hex') });
      return a;
    };
    const first = await writeOnce(q, store, { owner, key: 'key-0001', hash }, write);
    const again = await writeOnce(q, store, { owner, key: 'key-0001', hash }, write);
    expect(first).toEqual({ body: '{"id":41}', replayed: false });
    expect(again).toEqual({ body: '{"id":41}', replayed: true });
    expect(writes).toBe(1);
    await expect(writeOnce(q, store, { owner, key: 'key-0001', hash: requestHashOf('x', 2) }, write)).rejects.toMatchObject({ code: 'idempotency_key_reused' });
    // the same key of another owner is another key
    const member = await writeOnce(q, store, { owner: { kind: 'member', id: 7 }, key: 'key-0001', hash }, async () => ({ id: 99 }));
    expect(member).toEqual({ body: '{"id":99}', replayed: false });
  });

  it("a write losing the race to the same key gets the winner's answer; other errors pass through, nothing stored", async () => {
    const { store, rows, at } = memoryStore();
    const hash = requestHashOf('x', 1);
    const lost = await writeOnce(q, store, { owner, key: 'key-race1', hash }, async () => {
      // the concurrent request commits first; this one meets the unique index
      rows.set(at(owner, 'key-race1'), { id: 1, hash: hash.toString('hex') });
      throw Object.assign(new Error('duplicate key'), { code: '23505' });
    });
    expect(lost).toEqual({ body: '{"id":1}', replayed: true });
    await expect(writeOnce(q, store, { owner, key: 'key-fail1', hash }, async () => Promise.reject(new AppError('not_found')))).rejects.toMatchObject({ code: 'not_found' });
    expect(rows.has(at(owner, 'key-fail1'))).toBe(false);
  });

  it('sends 201 with the stored text as it is, and Idempotent-Replayed on a replay', () => {
    const sent: { headers: Record<string, string>; code?: number; type?: string; body?: string } = { headers: {} };
    const reply = {
      header(k: string, v: string) {
        sent.headers[k] = v;
        return this;
      },
      code(c: number) {
        sent.code = c;
        return this;
      },
      type(t: string) {
        sent.type = t;
        return this;
      },
      send(b: string) {
        sent.body = b;
        return this;
      },
    } as unknown as FastifyReply;
    sendIdempotent(reply, { body: '{"id":1}', replayed: true });
    expect(sent).toEqual({ headers: { 'idempotent-replayed': 'true' }, code: 201, type: 'application/json; charset=utf-8', body: '{"id":1}' });
  });
});
