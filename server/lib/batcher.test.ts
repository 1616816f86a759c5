import { describe, expect, it } from 'vitest';
import { latch } from '../../tests/helpers/races.ts';
import { createBatcher, createKeyedBatcher } from './batcher.ts';

/** A `run` whose calls wait until released, recording the batches it was given. */
function gatedRun() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const run = async (inputs: number[]) => {
    batches.push(inputs);
    await new Promise<void>((resolve) => gates.push(resolve));
    return inputs.map((i) => (i < 0 ? new Error(`negative ${i}`) : i * 10));
  };
  const release = async () => {
    gates.shift()?.();
    // one turn of the event loop: every continuation the release set off (all microtasks) has run
    await new Promise((r) => setImmediate(r));
  };
  return { run, batches, gates, release };
}

describe('createBatcher', () => {
  it('runs a lone call at once, and serves the calls that arrive meanwhile together', async () => {
    const g = gatedRun();
    const serve = createBatcher(g.run, { maxBatch: 10 });
    const first = serve(1);
    expect(g.batches).toEqual([[1]]);
    const rest = [serve(2), serve(3), serve(4)];
    expect(g.batches).toHaveLength(1);
    await g.release();
    expect(await first).toBe(10);
    expect(g.batches).toEqual([[1], [2, 3, 4]]);
    await g.release();
    expect(await Promise.all(rest)).toEqual([20, 30, 40]);
  });

  it('keeps to maxBatch and to the number of batches in flight', async () => {
    const g = gatedRun();
    const serve = createBatcher(g.run, { maxBatch: 2, concurrency: 2 });
    const all = [1, 2, 3, 4, 5, 6, 7].map((i) => serve(i));
    expect(g.batches).toEqual([[1], [2]]);
    await g.release();
    await g.release();
    expect(g.batches).toEqual([[1], [2], [3, 4], [5, 6]]);
    while (g.gates.length > 0) await g.release();
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50, 60, 70]);
    expect(g.batches.at(-1)).toEqual([7]);
  });

  it('rejects only the call whose output is an error; a failed run rejects its whole batch', async () => {
    const g = gatedRun();
    const serve = createBatcher(g.run, { maxBatch: 10 });
    const a = serve(1);
    const b = expect(serve(-2)).rejects.toThrow('negative -2');
    const c = serve(3);
    await g.release();
    await g.release();
    expect(await a).toBe(10);
    await b;
    expect(await c).toBe(30);

    const failing = createBatcher<number, number>(async () => {
      throw new Error('database gone');
    }, { maxBatch: 10 });
    await expect(Promise.all([failing(1), failing(2)])).rejects.toThrow('database gone');
    const short = createBatcher<number, number>(async (xs) => xs.slice(1), { maxBatch: 10 });
    const s1 = short(1);
    await expect(s1).rejects.toThrow('batch answered 0 of 1');
  });
});

describe('createKeyedBatcher', () => {
  it('never mixes keys in one batch', async () => {
    const batches: [string, number[]][] = [];
    // every run waits until all five calls were made, so that 3 and 5 arrive while a's first runs
    const called = latch();
    const serve = createKeyedBatcher(async (key: string, inputs: number[]) => {
      batches.push([key, inputs]);
      await called.promise;
      return inputs.map((i) => `${key}${i}`);
    }, { maxBatch: 10 });
    const answers = Promise.all([serve('a', 1), serve('b', 2), serve('a', 3), serve('b', 4), serve('a', 5)]);
    called.resolve();
    const out = await answers;
    expect(out).toEqual(['a1', 'b2', 'a3', 'b4', 'a5']);
    expect(batches).toEqual([['a', [1]], ['b', [2]], ['a', [3, 5]], ['b', [4]]]);
  });
});
