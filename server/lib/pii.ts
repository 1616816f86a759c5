// Personal data at rest: AES-256-GCM for the value, HMAC-SHA-256 for exact look-ups, masks for
// display. The plain value lives only in memory, and only as long as a request needs it.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomFillSync } from 'node:crypto';

const VERSION = 1;
/** version (1 byte), IV (12), GCM tag (16), then the ciphertext */
const HEADER = 29;

// IVs are drawn from the CSPRNG 4,096 at a time and each handed out once: one call to the CSPRNG per
// 4,096 encryptions instead of one each (measured: a roster of 100,000 rows seals two values a row;
// with randomBytes(12) and two Buffer.concat per value, encryption was 12.2 µs a value, 8.9 µs this way:
// bench/pii-seal.ts, docs/BENCHMARKS.md).
let ivPool = Buffer.alloc(0);
let ivAt = 0;
function fillIv(into: Buffer): void {
  if (ivAt + 12 > ivPool.length) {
    ivPool = randomFillSync(Buffer.alloc(12 * 4096));
    ivAt = 0;
  }
  ivPool.copy(into, 0, ivAt, ivAt + 12);
  ivPool.fill(0, ivAt, ivAt + 12); // handed out once: not left in memory for a later reader of the pool
  ivAt += 12;
}

export interface PiiCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer | Uint8Array): string;
  /** Keyed hash for equality look-ups (unique ID number, find by phone). */
  hash(plain: string): Buffer;
}

// The key each cipher was made from, for a worker thread that must seal in the cipher's stead (the
// roster sealer); not a property of the cipher, so that it never travels with one into a log or reply.
const masterKeys = new WeakMap<PiiCipher, Buffer>();

/** The data key `cipher` was made from (for a worker thread of this process). */
export function masterKeyOf(cipher: PiiCipher): Buffer {
  const key = masterKeys.get(cipher);
  if (!key) throw new Error('not a cipher made by createPiiCipher');
  return key;
}

export function createPiiCipher(masterKey: Buffer): PiiCipher {
  if (masterKey.length !== 32) throw new Error('the data key must be 32 bytes');
  const encKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gonghui pii encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'gonghui pii lookup hash', 32));
  const cipher: PiiCipher = {
    encrypt(plain) {
      const body = Buffer.from(plain, 'utf8');
      const out = Buffer.alloc(HEADER + body.length);
      out[0] = VERSION;
      const iv = out.subarray(1, 13);
      fillIv(iv);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      cipher.update(body).copy(out, HEADER);
      cipher.final(); // GCM: no further ciphertext, the tag is ready
      cipher.getAuthTag().copy(out, 13);
      return out;
    },
    decrypt(sealed) {
      const buf = Buffer.from(sealed);
      if (buf[0] !== VERSION) throw new Error('unknown ciphertext version');
      const decipher = createDecipheriv('aes-256-gcm', encKey, buf.subarray(1, 13));
      decipher.setAuthTag(buf.subarray(13, HEADER));
      return Buffer.concat([decipher.update(buf.subarray(HEADER)), decipher.final()]).toString('utf8');
    },
    hash(plain) {
      return createHmac('sha256', macKey).update(plain.trim().toUpperCase()).digest();
    },
  };
  masterKeys.set(cipher, Buffer.from(masterKey));
  return cipher;
}

/** 440882199001011234 → 440882********1234 (the birth date is hidden). */
export function maskIdNumber(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '*'.repeat(id.length);
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : '*'.repeat(phone.length);
}

/** 张三丰 → 张*丰, 李四 → 李*, for public notices. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** GH0000012345 → GH******2345, for public notices (公示) next to a masked name. */
export function maskMemberNo(no: string): string {
  return no.length > 6 ? `${no.slice(0, 2)}${'*'.repeat(no.length - 6)}${no.slice(-4)}` : '*'.repeat(no.length);
}
