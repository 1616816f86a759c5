// The cost of sealing personal data (server/lib/pii.ts), per value, on this one thread: AES-256-GCM
// encryption as the application does it (IVs from a pool, the sealed value written into one buffer)
// beside the way it did before (randomBytes(12) per value, two Buffer.concat), the keyed hash, and
// decryption — for ID numbers (18 characters) and phone numbers (11). A roster of 100,000 rows seals
// two values a row.
//
//   npx tsx bench/pii-seal.ts [--values 200000] [--rounds 5]
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createPiiCipher } from '../server/lib/pii.ts';
import { parseArgs } from './common.ts';

const args = parseArgs(process.argv.slice(2), { values: '200000', rounds: '5' });
const n = Number(args.values);
const rounds = Number(args.rounds);
const key = randomBytes(32);
const pii = createPiiCipher(key);
const encKey = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), 'gonghui pii encryption', 32));

/** The encryption as pii.ts wrote it before session 4 (the same output format). */
function encryptBefore(plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', encKey, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([Buffer.from([1]), iv, cipher.getAuthTag(), body]);
}

const values = Array.from({ length: n }, (_, i) => (i % 2 === 0 ? `44088219900101${String(i % 10_000).padStart(4, '0')}` : `138${String(i).padStart(8, '0')}`));
const sealed = values.map((v) => pii.encrypt(v));
// the old format is the new one: what was sealed before is read now
if (pii.decrypt(encryptBefore(values[0]!)) !== values[0]) throw new Error('formats differ');

function time(label: string, f: (v: string, i: number) => unknown): number {
  for (let i = 0; i < 5_000; i++) f(values[i]!, i); // warm
  const per: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    for (let i = 0; i < n; i++) f(values[i]!, i);
    per.push(((performance.now() - started) * 1000) / n);
  }
  per.sort((a, b) => a - b);
  const median = per[Math.floor(per.length / 2)]!;
  console.log(`${label.padEnd(44)} ${median.toFixed(2)} µs a value (median of ${rounds} × ${n.toLocaleString('en-US')}; range ${per[0]!.toFixed(2)}–${per[per.length - 1]!.toFixed(2)})`);
  return median;
}

console.log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
const before = time('encrypt, before (randomBytes + concat)', (v) => encryptBefore(v));
const now = time('encrypt, now (pooled IVs, one buffer)', (v) => pii.encrypt(v));
time('keyed hash (HMAC-SHA-256)', (v) => pii.hash(v));
time('decrypt', (_, i) => pii.decrypt(sealed[i]!));
console.log(`encrypt now ÷ before: ${(now / before).toFixed(2)}`);
console.log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' / ')}`);
