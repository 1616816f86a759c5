import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar } from '../../contracts/china-codes.ts';
import { redactText } from './redact.ts';

const SEED = 12351;

const idNumber = fc
  .tuple(fc.stringMatching(/^[1-9]\d{5}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|1\d|2[0-8])\d{3}$/), fc.boolean())
  .map(([first17, lower]) => {
    const id = first17 + idNumberCheckChar(first17);
    return lower ? id.toLowerCase() : id;
  });
const mobile = fc.stringMatching(/^1[3-9]\d{9}$/);

/** Text around a value: anything, but not a letter or digit right next to it. */
const textBefore = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `${s} `);
const textAfter = fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `，${s}`);

describe('redactText', () => {
  it('masks an ID number inside any text, keeping region and last four', () => {
    fc.assert(
      fc.property(textBefore, idNumber, textAfter, (before, id, after) => {
        const out = redactText(`${before}${id}${after}`);
        expect(out).not.toContain(id);
        expect(out).toContain(`${id.slice(0, 6)}********${id.slice(14)}`);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('masks a mobile number inside any text, keeping the first three and last four digits', () => {
    fc.assert(
      fc.property(textBefore, mobile, textAfter, (before, phone, after) => {
        const out = redactText(`${before}${phone}${after}`);
        expect(out).not.toContain(phone);
        expect(out).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('masks values in the shapes logs really have', () => {
    expect(redactText('{"idNumber":"44088219900101123X","phone":"13812345678"}')).toBe(
      '{"idNumber":"440882********123X","phone":"138****5678"}',
    );
    expect(redactText('GET /api/members?q=440882199001011234&page=1')).toBe('GET /api/members?q=440882********1234&page=1');
    expect(redactText('身份证440882199001011234，手机13812345678。')).toBe('身份证440882********1234，手机138****5678。');
    expect(redactText('to=13812345678\nto=15900001111')).toBe('to=138****5678\nto=159****1111');
    expect(redactText('+86 13812345678')).toBe('+86 138****5678');
  });

  it('masks a mobile number written with the country code or in groups', () => {
    expect(redactText('to=+8613812345678')).toBe('to=+86138****5678');
    expect(redactText('to=008613812345678')).toBe('to=0086138****5678');
    expect(redactText('to=8613812345678')).toBe('to=86138****5678');
    expect(redactText('电话：+86-138-1234-5678')).toBe('电话：+86-138-****-5678');
    expect(redactText('电话 138 1234 5678。')).toBe('电话 138 **** 5678。');
    fc.assert(
      fc.property(textBefore, fc.constantFrom('+86', '0086', '86', '+86 ', '+86-'), mobile, textAfter, (before, cc, phone, after) => {
        const out = redactText(`${before}${cc}${phone}${after}`);
        expect(out).not.toContain(phone);
        expect(out).toContain(`${cc}${phone.slice(0, 3)}****${phone.slice(7)}`);
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('leaves other numbers alone', () => {
    for (const s of [
      '订单号 2024000123，金额 123.45 元',
      'id=12345678901', // 11 digits, but no mobile prefix 13–19
      'n=1381234567', // 10 digits
      'n=138123456789', // 12 digits: not a mobile number
      'n=4408821990010112345', // 19 digits
      'n=04408819900101123X', // a region code never starts with 0
      'card 6222021234567890123',
      'ts=1767225600000',
    ]) {
      expect(redactText(s)).toBe(s);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (s) => {
        // text without four digits in a row has nothing to mask
        fc.pre(!/\d{4}/.test(s));
        expect(redactText(s)).toBe(s);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });
});
