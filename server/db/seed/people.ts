// Realistic people for demo data and tests: Chinese names, valid-checksum citizen ID numbers and
// mobile numbers in the 140 segment (issued only as 13-digit IoT numbers, so no 11-digit demo number
// reaches a person). Deterministic: the same index always gives the same person.
import { idNumberCheckChar } from '../../../contracts/china-codes.ts';

/** mulberry32: a small, fast, seedable PRNG. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

// Common surnames, weighted roughly by frequency in Guangdong.
const SURNAMES = (
  '陈陈陈陈李李李黄黄黄张张梁梁刘刘林林王王吴吴杨杨何何郑郑罗罗周周叶叶谢谢钟钟邓邓冯冯曾曾蔡蔡' +
  '许许赖赖朱朱彭彭苏苏潘潘卢卢郭郭余余方方徐徐邱邱卓温庄江丘麦廖莫胡赵孙马高林姚洪严欧阳凌雷覃韦'
).split('');
const GIVEN_MALE = '伟强军俊杰涛斌辉鹏浩宇志明华勇峰磊超平东健文海亮建国锋家豪子轩嘉诚永康'.split('');
const GIVEN_FEMALE = '芳丽娟敏静燕霞婷雪玲秀英慧琳欣怡佳颖思彤梦瑶晓月美红萍丹洁诗雨嘉欣'.split('');

export function makeName(rng: () => number, sex: 'male' | 'female'): string {
  const pool = sex === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
  const given = rng() < 0.7 ? pick(rng, pool) + pick(rng, pool) : pick(rng, pool);
  return pick(rng, SURNAMES) + given;
}

// Where members were born: Guangdong and the provinces most migrant workers in Guangdong come from.
const BIRTH_REGIONS = [
  '440982', '440981', '440983', '440902', '441702', '441721', '440305', '440303', '440115', '440111',
  '440105', '440113', '440232', '440203', '441402', '440513', '440781', '445202', '441625', '440607',
  '430524', '430722', '450881', '450421', '360733', '511621', '411324', '421182', '520221', '350582',
];
const DAYS_1966_TO_2008 = 15706; // birth dates from 1966-01-01 on: members aged 18 to 60

/**
 * The index-th person: unique across indices below 2^31, because index → (region, date, sequence)
 * is a bijection (multiplication by a number coprime to the size of the space).
 */
export function personAt(index: number): { idNumber: string; sex: 'male' | 'female'; birthDate: string } {
  const space = BIRTH_REGIONS.length * DAYS_1966_TO_2008 * 1000;
  const j = Number((BigInt(index) * 2654435761n + 97n) % BigInt(space));
  const seq = j % 1000;
  const day = Math.floor(j / 1000) % DAYS_1966_TO_2008;
  const region = BIRTH_REGIONS[Math.floor(j / 1000 / DAYS_1966_TO_2008)]!;
  const d = new Date(Date.UTC(1966, 0, 1) + day * 86400000);
  const ymd = d.toISOString().slice(0, 10);
  const first17 = `${region}${ymd.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return { idNumber: first17 + idNumberCheckChar(first17), sex: seq % 2 === 1 ? 'male' : 'female', birthDate: ymd };
}

/** The index-th demo mobile number, unique for indices below 10^8. */
export function phoneAt(index: number): string {
  const j = Number((BigInt(index) * 48271n + 12345n) % 100000000n);
  return `140${String(j).padStart(8, '0')}`;
}
