// Passwords: scrypt (memory-hard; N=2^15, r=8 → 32 MiB per hash), stored with its parameters.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { AppError } from '../errors.ts';
import { createLimiter } from './limiter.ts';

const N = 2 ** 15;
const r = 8;
const p = 1;
const keyLen = 32;
const maxmem = 64 * 1024 * 1024;

/**
 * Hashes computed at once in this process. Each takes 32 MiB and a thread of libuv's pool for ~0.1 s,
 * so 30 log-ins at once took 130 MB (issue 11). Two at once bound that to 64 MiB and keep the other
 * pool threads for files and DNS; a burst that is a real morning rush (an office logging in at 9:00)
 * waits its turn — a short wait serves people better than a refusal — but the queue is bounded:
 * beyond 64 waiting (~3 s of hashing) a flood would only grow everyone's wait, so the excess gets 429
 * login_busy at once and can retry. Per-client and per-name limits stop most floods before this.
 */
export const passwordHashing = createLimiter({ concurrency: 2, maxWaiting: 64, refuse: () => new AppError('login_busy') });

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return passwordHashing.run(
    () =>
      new Promise<Buffer>((resolve, reject) =>
        scrypt(password.normalize('NFKC'), salt, keyLen, { N: n, r: rr, p: pp, maxmem }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

/** Returns `scrypt$N$r$p$salt$hash` (base64). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, r, p);
  return `scrypt$${N}$${r}$${p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, rr, pp, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(rr), Number(pp));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash to compare against when the account does not exist, so that an unknown name costs the same
 * one hash as a real one (timing does not reveal it). Fixed, with the same parameters as hashPassword,
 * so that not even a process's first unknown name costs more; its password was random and is gone.
 */
const DUMMY_HASH = 'scrypt$32768$8$1$qPXnh7zmM89tJg/rsbCtnA==$YKnhCBrjpQgnstwVxmMh3Et+gE04H06eaZHKOnFokC8=';
export function getDummyHash(): string {
  return DUMMY_HASH;
}

export function isStrongPassword(password: string): boolean {
  return password.length >= 10 && /[A-Za-z]/.test(password) && /[0-9]/.test(password);
}
