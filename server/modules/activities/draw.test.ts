// The draw as a pure function: reproducible from (seed, label, entries), uniform over entrants.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { drawLabel, drawStream, drawWinners, seedCommitment, shuffleEntries } from './draw.ts';

const seedOf = (s: string) => createHash('sha256').update(s).digest();

describe('the draw', () => {
  it('is a function of the seed, the label and the set of entries (their given order does not matter)', () => {
    const seed = seedOf('fixed seed 1');
    const ids = [12, 5, 99, 40, 7, 63, 21];
    const a = shuffleEntries(seed, drawLabel(3, 1), ids);
    expect(shuffleEntries(seed, drawLabel(3, 1), [...ids].reverse())).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual([...ids].sort((x, y) => x - y));
    // another seed, or another batch's label, gives another order
    expect(shuffleEntries(seedOf('fixed seed 2'), drawLabel(3, 1), ids)).not.toEqual(a);
    expect(shuffleEntries(seed, drawLabel(3, 2), ids)).not.toEqual(a);
  });

  it('takes entries in drawn order while their seats fit, the rest wait in that order', () => {
    const seed = seedOf('seats');
    const entries = new Map([[1, 2], [2, 1], [3, 3], [4, 1], [5, 2]]);
    const d = drawWinners(seed, 'x', entries, 4);
    const seats = d.winners.reduce((s, id) => s + entries.get(id)!, 0);
    expect(seats).toBeLessThanOrEqual(4);
    expect([...d.winners, ...d.waitlist].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(d.waitlist).toEqual(d.order.filter((id) => !d.winners.includes(id)));
    // nobody waiting would still have fitted in the places left
    for (const id of d.waitlist) expect(entries.get(id)! + seats).toBeGreaterThan(4);
  });

  it('the commitment is sha256 of the seed', () => {
    const seed = seedOf('c');
    expect(seedCommitment(seed)).toBe(createHash('sha256').update(seed).digest('hex'));
  });

  it('below(n) is unbiased: rejection sampling keeps every value equally likely', () => {
    const s = drawStream(seedOf('below'), 'u');
    const n = 3; // 2^32 mod 3 ≠ 0, so plain modulo would be biased
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[s.below(n)]!++;
    const expected = 10_000;
    const chi2 = counts.reduce((c, o) => c + (o - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(13.82); // χ² critical value, 2 degrees of freedom, p = 0.001
  });

  it('over many draws each entrant wins equally often (χ² test, fixed seeds)', () => {
    const entrants = Array.from({ length: 12 }, (_, i) => 100 + i * 7);
    const places = 3;
    const draws = 6000;
    const wins = new Map(entrants.map((id) => [id, 0]));
    const firsts = new Map(entrants.map((id) => [id, 0]));
    for (let k = 0; k < draws; k++) {
      const d = drawWinners(seedOf(`uniformity ${k}`), drawLabel(1, 1), new Map(entrants.map((id) => [id, 1])), places);
      for (const id of d.winners) wins.set(id, wins.get(id)! + 1);
      firsts.set(d.order[0]!, firsts.get(d.order[0]!)! + 1);
    }
    const chi2 = (counts: Map<number, number>, expected: number) => [...counts.values()].reduce((c, o) => c + (o - expected) ** 2 / expected, 0);
    // 11 degrees of freedom: the critical value at p = 0.001 is 31.26
    expect(chi2(wins, (draws * places) / entrants.length)).toBeLessThan(31.26);
    expect(chi2(firsts, draws / entrants.length)).toBeLessThan(31.26);
    // and a biased draw would fail this test: always favouring the lowest ids is far off
    const biased = new Map(entrants.map((id, i) => [id, i < places ? draws : 0]));
    expect(chi2(biased, (draws * places) / entrants.length)).toBeGreaterThan(31.26);
  });
});
