import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPiiCipher, maskIdNumber, maskName, maskPhone } from './pii.ts';

const SEED = 4408;
const key = Buffer.alloc(32, 7);
const pii = createPiiCipher(key);

// Plaintexts long enough that finding them inside random bytes by chance is out of the question.
const personalValue = fc.oneof(
  fc.stringMatching(/^[1-9]\d{16}[\dX]$/),
  fc.stringMatching(/^1[3-9]\d{9}$/),
  fc.string({ unit: 'grapheme', minLength: 6, maxLength: 60 }),
);

describe('createPiiCipher', () => {
  it('decrypts what it encrypted, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (plain) => {
        expect(pii.decrypt(pii.encrypt(plain))).toBe(plain);
        // what the database driver hands back is a Uint8Array, not always a Buffer
        expect(pii.decrypt(new Uint8Array(pii.encrypt(plain)))).toBe(plain);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('seals the same value differently every time and never contains it', () => {
    fc.assert(
      fc.property(personalValue, (plain) => {
        const a = pii.encrypt(plain);
        const b = pii.encrypt(plain);
        expect(a.equals(b)).toBe(false);
        for (const sealed of [a, b]) {
          expect(sealed.includes(Buffer.from(plain, 'utf8'))).toBe(false);
          expect(sealed.toString('latin1')).not.toContain(plain);
        }
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('detects any tampering: a flipped bit anywhere, truncation, or another key', () => {
    const sealed = pii.encrypt('440882199001011234');
    for (let i = 0; i < sealed.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const forged = Buffer.from(sealed);
        forged[i] = forged[i]! ^ bit;
        expect(() => pii.decrypt(forged), `byte ${i}`).toThrow();
      }
    }
    for (const len of [0, 1, 13, 28, 29, sealed.length - 1]) {
      expect(() => pii.decrypt(sealed.subarray(0, len)), `length ${len}`).toThrow();
    }
    const other = createPiiCipher(randomBytes(32));
    expect(() => other.decrypt(sealed)).toThrow();
  });

  it('hashes deterministically, ignoring blanks and letter case, and keyed', () => {
    const other = createPiiCipher(Buffer.alloc(32, 8));
    fc.assert(
      fc.property(personalValue, fc.stringMatching(/^1[3-9]\d{9}$/), (plain, otherPhone) => {
        expect(pii.hash(plain).equals(pii.hash(plain))).toBe(true);
        expect(pii.hash(plain)).toHaveLength(32);
        expect(other.hash(plain).equals(pii.hash(plain))).toBe(false);
        if (otherPhone !== plain) expect(pii.hash(otherPhone).equals(pii.hash(plain))).toBe(false);
      }),
      { seed: SEED, numRuns: 300 },
    );
    // an ID number typed with a lower-case x or blanks around it finds the same person
    expect(pii.hash(' 44088219900101123x ').equals(pii.hash('44088219900101123X'))).toBe(true);
    // a plain unkeyed SHA-256 of the value is not what is stored
    expect(pii.hash('13812345678').equals(createHash('sha256').update('13812345678').digest())).toBe(false);
    // the same key gives the same hash in another process (look-ups survive a restart)
    expect(createPiiCipher(Buffer.alloc(32, 7)).hash('13812345678').equals(pii.hash('13812345678'))).toBe(true);
  });

  it('refuses a key that is not 32 bytes', () => {
    for (const n of [0, 16, 31, 33, 64]) expect(() => createPiiCipher(Buffer.alloc(n, 1))).toThrow(/32 bytes/);
  });
});

describe('masks', () => {
  it('hides the birth date of an ID number', () => {
    expect(maskIdNumber('44088219900101123X')).toBe('440882********123X');
    expect(maskIdNumber('440882199001011234')).toBe('440882********1234');
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{16}[\dX]$/), (id) => {
        const masked = maskIdNumber(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked).not.toContain(id.slice(6, 14));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('hides the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('19900001111')).toBe('199****1111');
  });

  it('hides everything of a value that is not the expected length', () => {
    expect(maskIdNumber('440882900101123')).toBe('*'.repeat(15));
    expect(maskPhone('1381234567')).toBe('*'.repeat(10));
    expect(maskPhone('')).toBe('');
  });

  it('keeps the first and last character of a name', () => {
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('李四')).toBe('李*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('买买提·艾力')).toBe('买****力');
    // characters outside the basic plane count as one
    expect(maskName('𠮷野家')).toBe('𠮷*家');
    expect(maskName('王')).toBe('王');
  });
});
