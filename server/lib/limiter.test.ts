import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.ts';

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('createLimiter', () => {
  it('runs at most `concurrency` tasks at once, the waiting ones first come first served', async () => {
    const l = createLimiter({ concurrency: 2, maxWaiting: 10, refuse: () => new Error('full') });
    const gates = Array.from({ length: 5 }, () => deferred());
    const started: number[] = [];
    const runs = gates.map((g, i) => l.run(async () => {
      started.push(i);
      await g.promise;
      return i;
    }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect([l.running, l.waiting]).toEqual([2, 3]);
    gates[1]!.resolve();
    await runs[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    expect([l.running, l.waiting]).toEqual([2, 2]);
    for (const g of gates) g.resolve();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([l.running, l.waiting]).toEqual([0, 0]);
  });

  it('refuses at once beyond the queue, and a failing task gives its turn on', async () => {
    const l = createLimiter({ concurrency: 1, maxWaiting: 1, refuse: () => new Error('full') });
    const first = deferred();
    const a = l.run(() => first.promise);
    const b = l.run(async () => 'b');
    await expect(l.run(async () => 'c')).rejects.toThrow('full');
    first.reject(new Error('boom'));
    await expect(a).rejects.toThrow('boom');
    expect(await b).toBe('b');
    expect([l.running, l.waiting]).toEqual([0, 0]);
    expect(await l.run(async () => 'd')).toBe('d');
  });
});
