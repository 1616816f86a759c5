import { describe, expect, it } from 'vitest';
import { onePassAtATime } from './one-pass.ts';

describe('onePassAtATime', () => {
  it('joins a call made while a pass runs, runs again once it is over, and never rejects', async () => {
    let runs = 0;
    let release: () => void = () => undefined;
    const run = onePassAtATime(async (n: number) => {
      runs += n;
      await new Promise<void>((r) => (release = r));
    });
    const a = run(1);
    const b = run(1);
    expect(a).toBe(b);
    release();
    await a;
    expect(runs).toBe(1);
    const c = run(2);
    release();
    await c;
    expect(runs).toBe(3);
    const failing = onePassAtATime(async () => {
      throw new Error('数据库正在关闭');
    });
    await expect(failing()).resolves.toBeUndefined();
  });
});
