import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  idNumberCheckChar,
  isValidCreditCode,
  makeCreditCode,
  orgCodeCheckChar,
  parseIdNumber,
} from './china-codes.ts';

// A fixed "today" keeps every property independent of the day the tests run.
const TODAY = new Date(Date.UTC(2026, 0, 15));
const SEED = 20260115;
const ID_ALPHABET = '0123456789X';
const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

interface GeneratedId {
  id: string;
  birthDate: string;
  sex: 'male' | 'female';
}

/** A valid GB 11643 number: region, a real date between 1900-01-01 and TODAY, sequence, check char. */
const validIdNumber: fc.Arbitrary<GeneratedId> = fc
  .record({
    region: fc.integer({ min: 100000, max: 999999 }),
    born: fc.date({ min: new Date(Date.UTC(1900, 0, 1)), max: TODAY, noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, born, seq }) => {
    const ymd = `${pad(born.getUTCFullYear(), 4)}${pad(born.getUTCMonth() + 1, 2)}${pad(born.getUTCDate(), 2)}`;
    const first17 = `${region}${ymd}${pad(seq, 3)}`;
    return {
      id: first17 + idNumberCheckChar(first17),
      birthDate: `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`,
      sex: seq % 2 === 1 ? ('male' as const) : ('female' as const),
    };
  });

const creditChar = fc.constantFrom(...CREDIT_CHARS);
const validCreditCode: fc.Arbitrary<string> = fc
  .record({
    prefix: fc.tuple(creditChar, creditChar).map(([a, b]) => a + b),
    region: fc.integer({ min: 0, max: 999999 }).map((n) => pad(n, 6)),
    body: fc.array(creditChar, { minLength: 8, maxLength: 8 }).map((cs) => cs.join('')),
  })
  .map(({ prefix, region, body }) => makeCreditCode(prefix, region, body));

/** Every string made from `s` by replacing one character with another from `alphabet`. */
function substitutions(s: string, alphabet: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    for (const c of alphabet) if (c !== s[i]) out.push(s.slice(0, i) + c + s.slice(i + 1));
  }
  return out;
}

/** Every string made from `s` by swapping two neighbouring, different characters. */
function adjacentSwaps(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < s.length; i++) {
    if (s[i] !== s[i + 1]) out.push(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
  }
  return out;
}

describe('GB 11643 citizen ID numbers', () => {
  it('accepts every valid number and derives region, birth date and sex from it', () => {
    fc.assert(
      fc.property(validIdNumber, ({ id, birthDate, sex }) => {
        expect(parseIdNumber(id, TODAY)).toEqual({ regionCode: id.slice(0, 6), birthDate, sex });
        // a lower-case check character and surrounding blanks are accepted as typed
        expect(parseIdNumber(` ${id.toLowerCase()} `, TODAY)).toEqual({ regionCode: id.slice(0, 6), birthDate, sex });
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('knows a published example', () => {
    // The example of GB 11643-1999 itself: 11010519491231002X, a woman born on 1949-12-31.
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({ regionCode: '110105', birthDate: '1949-12-31', sex: 'female' });
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });

  it('rejects every single-character change', () => {
    // The weights are 2^k mod 11, never 0 mod 11, and a digit changes by at most 9 < 11, so
    // every substitution moves the sum mod 11 and the check character no longer matches.
    fc.assert(
      fc.property(validIdNumber, ({ id }) => {
        for (const changed of substitutions(id, ID_ALPHABET)) expect(parseIdNumber(changed, TODAY)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects every swap of two neighbouring characters that changes the number', () => {
    // Neighbouring weights differ by w(i+1) ≠ 0 mod 11; swapping the last digit with the check
    // character is caught too (S + 2a + c ≡ 1 and S + 2c + a ≡ 1 force a = c).
    fc.assert(
      fc.property(validIdNumber, ({ id }) => {
        for (const swapped of adjacentSwaps(id)) expect(parseIdNumber(swapped, TODAY)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('rejects impossible dates, dates before 1900 and dates after today, even with a right check char', () => {
    const withCheck = (first17: string) => first17 + idNumberCheckChar(first17);
    for (const ymd of ['19900230', '19900231', '19000229', '20230229', '19901301', '19900001', '19900100', '19901232', '18991231']) {
      expect(parseIdNumber(withCheck(`440882${ymd}123`), TODAY), ymd).toBeUndefined();
    }
    // 2000 and 2024 were leap years
    expect(parseIdNumber(withCheck('44088220000229123'), TODAY)?.birthDate).toBe('2000-02-29');
    expect(parseIdNumber(withCheck('44088220240229123'), TODAY)?.birthDate).toBe('2024-02-29');
    // born today is fine; tomorrow and later is not
    expect(parseIdNumber(withCheck('44088220260115123'), TODAY)?.birthDate).toBe('2026-01-15');
    fc.assert(
      fc.property(
        fc.date({ min: new Date(Date.UTC(2026, 0, 16)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true }),
        (d) => {
          const ymd = `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1, 2)}${pad(d.getUTCDate(), 2)}`;
          expect(parseIdNumber(withCheck(`440882${ymd}123`), TODAY)).toBeUndefined();
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects wrong lengths, the old 15-digit form, a leading zero and foreign characters', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 1, max: 17 }), ({ id }, cut) => {
        expect(parseIdNumber(id.slice(0, 18 - cut), TODAY)).toBeUndefined();
        expect(parseIdNumber(`${id}0`, TODAY)).toBeUndefined();
        expect(parseIdNumber(`1${id}`, TODAY)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 200 },
    );
    expect(parseIdNumber('', TODAY)).toBeUndefined();
    expect(parseIdNumber('440882900101123', TODAY)).toBeUndefined();
    const zeroRegion = '04088219900101123';
    expect(parseIdNumber(zeroRegion + idNumberCheckChar(zeroRegion), TODAY)).toBeUndefined();
    for (const bad of ['44088219900101123Y', '4408821990010112 4', '44088219900101123X'.replace('1', 'I'), '４４０８８２１９９００１０１１２３Ｘ']) {
      expect(parseIdNumber(bad, TODAY)).toBeUndefined();
    }
  });
});

describe('GB 32100 unified social credit codes', () => {
  it('accepts every code built with makeCreditCode, in any letter case', () => {
    fc.assert(
      fc.property(validCreditCode, (code) => {
        expect(code).toMatch(/^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/);
        expect(isValidCreditCode(code)).toBe(true);
        expect(isValidCreditCode(` ${code.toLowerCase()} `)).toBe(true);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('knows published examples, and embeds a valid GB 11714 organisation code', () => {
    // 91350100M000100Y43 is the example printed in GB 32100-2015.
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    expect(orgCodeCheckChar('M000100Y')).toBe('4');
    fc.assert(
      fc.property(validCreditCode, (code) => {
        expect(code[16]).toBe(orgCodeCheckChar(code.slice(8, 16)));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects every single-character substitution', () => {
    // The weights are 3^k mod 31, never 0 mod 31, and two characters differ by at most 30 < 31:
    // the mod-31 check catches every substitution, the check character's included. Characters
    // outside the 31-character set (I, O, S, V, Z) fail the format check.
    fc.assert(
      fc.property(validCreditCode, (code) => {
        for (const changed of substitutions(code, `${CREDIT_CHARS}IOSVZ`)) expect(isValidCreditCode(changed)).toBe(false);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('rejects every swap of two neighbouring characters that changes the code', () => {
    // Swapping positions i, i+1 (both weighted) moves the sum by (a − b)(w(i) − w(i+1)) =
    // (a − b)·(−2)·3^i, which is 0 mod 31 only when a = b (31 is prime). Swapping the last
    // weighted character (weight 28) with the check character (weight 1) moves it by 27(a − c),
    // again 0 only when a = c. Swaps across the digit-only region code fail the format check.
    // So unlike many mod-N schemes, no restriction is needed here.
    fc.assert(
      fc.property(validCreditCode, (code) => {
        for (const swapped of adjacentSwaps(code)) expect(isValidCreditCode(swapped)).toBe(false);
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('rejects wrong lengths and letters in the region code', () => {
    fc.assert(
      fc.property(validCreditCode, fc.integer({ min: 1, max: 17 }), (code, cut) => {
        expect(isValidCreditCode(code.slice(0, 18 - cut))).toBe(false);
        expect(isValidCreditCode(`${code}0`)).toBe(false);
      }),
      { seed: SEED, numRuns: 200 },
    );
    const lettered = '91A50100M000100Y4';
    expect(isValidCreditCode(lettered + creditCodeCheckChar(lettered))).toBe(false);
    expect(isValidCreditCode('')).toBe(false);
  });
});
