// The lottery draw (抽签) as a pure function, so that anyone holding the published seed and the
// sorted list of entries can re-run it and get the same winners (GET /api/activities/{id}/draw gives
// both). Nothing here reads the clock, the database or Math.random.
//
//   stream   block i (i = 0, 1, 2, …) = HMAC-SHA-256(key = seed bytes, message = `${label}:${i}`),
//            read as consecutive unsigned 32-bit big-endian integers
//   uniform  below(n): take the next integer x; reject it while x ≥ 2^32 − (2^32 mod n); answer x mod n
//   shuffle  Fisher–Yates over the entry ids sorted ascending: for i = n−1 down to 1, swap a[i] with
//            a[below(i + 1)]
//   winners  walk the shuffled order; an entry wins when its seats still fit in the places left;
//            every other entry joins the waitlist in shuffled order
import { createHash, createHmac } from 'node:crypto';

export const DRAW_ALGORITHM =
  'HMAC-SHA-256 计数器随机数流（密钥 = 种子字节，消息 = "标签:i"，每块按 32 位大端整数读取，拒绝采样取模）驱动的 Fisher–Yates 洗牌；' +
  '洗牌对象为按报名 ID 升序排列的全部抽签报名；按洗牌顺序依次录取，报名人数放得下名额即中签，其余按顺序候补。sha256(种子) 应等于发布时公布的承诺。';

/** The label of a batch's draw: part of the stream, so batches of one activity draw independently. */
export function drawLabel(activityId: number, batchNo: number): string {
  return `gonghui-activity:${activityId}:batch:${batchNo}`;
}

/** sha256(seed) in hex: published when the activity is, long before the draw. */
export function seedCommitment(seed: Buffer): string {
  return createHash('sha256').update(seed).digest('hex');
}

/** A source of uniform integers from the seed and label (the counter-mode HMAC stream above). */
export function drawStream(seed: Buffer, label: string): { below(n: number): number } {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  const next32 = (): number => {
    if (offset + 4 > block.length) {
      block = createHmac('sha256', seed).update(`${label}:${counter}`).digest();
      counter++;
      offset = 0;
    }
    const x = block.readUInt32BE(offset);
    offset += 4;
    return x;
  };
  return {
    below(n: number): number {
      if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('n out of range');
      const limit = 2 ** 32 - (2 ** 32 % n);
      for (;;) {
        const x = next32();
        if (x < limit) return x % n;
      }
    },
  };
}

/** The entry ids in drawn order. `entryIds` are sorted ascending first (the published order). */
export function shuffleEntries(seed: Buffer, label: string, entryIds: readonly number[]): number[] {
  const a = [...entryIds].sort((x, y) => x - y);
  const stream = drawStream(seed, label);
  for (let i = a.length - 1; i >= 1; i--) {
    const j = stream.below(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
  return a;
}

export interface DrawOutcome {
  /** Every entry in drawn order. */
  order: number[];
  winners: number[];
  waitlist: number[];
}

/**
 * The draw of one batch: entries (id → seats) shuffled, then taken in order while their seats fit
 * in `places`. Deterministic in (seed, label, entries, places).
 */
export function drawWinners(seed: Buffer, label: string, entries: ReadonlyMap<number, number>, places: number): DrawOutcome {
  const order = shuffleEntries(seed, label, [...entries.keys()]);
  const winners: number[] = [];
  const waitlist: number[] = [];
  let left = places;
  for (const id of order) {
    const seats = entries.get(id) ?? 1;
    if (seats <= left) {
      winners.push(id);
      left -= seats;
    } else {
      waitlist.push(id);
    }
  }
  return { order, winners, waitlist };
}
