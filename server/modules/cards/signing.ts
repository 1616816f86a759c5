// Ed25519 keys that sign card tokens: created on first use, the private key sealed with the data
// key in signing_key, cached per database; rotation retires the active key (it keeps verifying the
// tokens it signed before retirement, which expire within 2 minutes) and creates a new one.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import {
  bytesToBase64url,
  CARD_TOKEN_MAX_AGE_SECONDS,
  CARD_TOKEN_VERSION,
  decodeCardToken,
  judgeCardClaims,
  type CardClaims,
  type CardVerdict,
} from '../../../contracts/card-token.ts';
import { createRequire } from 'node:module';
import type { Db } from '../../db/client.ts';
import type { PiiCipher } from '../../lib/pii.ts';
import * as repo from './cards.repo.ts';

interface Sodium {
  crypto_sign_verify_detached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean;
}

/**
 * libsodium's Ed25519 verification runs about twice as fast as OpenSSL's on these machines
 * (docs/BENCHMARKS.md); Node's own crypto is used where sodium-native cannot load.
 */
const sodium: Sodium | null = (() => {
  if (process.env.GONGHUI_NO_SODIUM === '1') return null;
  try {
    return createRequire(import.meta.url)('sodium-native') as Sodium;
  } catch {
    return null;
  }
})();

export const ed25519Backend: 'libsodium' | 'openssl' = sodium ? 'libsodium' : 'openssl';

export interface VerifyingKey {
  kid: string;
  publicKey: KeyObject;
  /** the same key as 32 raw bytes */
  raw: Uint8Array;
  /** 32 raw bytes, base64url — what staff devices import */
  publicKeyRaw: string;
  createdAt: Date;
  retiredAt: Date | null;
  retiredAtSec: number | null;
}

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
}

/** Looks a key up by kid (sync: the benchmark and the pure verifier use it warm). */
export type Keyring = ReadonlyMap<string, VerifyingKey>;

interface KeyCache {
  keyring: Map<string, VerifyingKey>;
  signer: SigningKey | null;
  loadedAt: number;
  loading: Promise<void> | null;
}

/** How often a process re-reads the keys (another process may have rotated them); well inside the grace. */
const RELOAD_MS = 10_000;
/** An unknown kid triggers a re-read at most this often (garbage kids must not hammer the DB). */
const MISS_RELOAD_MS = 2_000;

const caches = new WeakMap<Db, KeyCache>();

function cacheOf(db: Db): KeyCache {
  let c = caches.get(db);
  if (!c) {
    c = { keyring: new Map(), signer: null, loadedAt: 0, loading: null };
    caches.set(db, c);
  }
  return c;
}

export function toVerifyingKey(row: { kid: string; publicKey: string; createdAt: Date; retiredAt: Date | null }): VerifyingKey {
  return {
    kid: row.kid,
    publicKey: createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: row.publicKey }, format: 'jwk' }),
    raw: new Uint8Array(Buffer.from(row.publicKey, 'base64url')),
    publicKeyRaw: row.publicKey,
    createdAt: new Date(row.createdAt),
    retiredAt: row.retiredAt ? new Date(row.retiredAt) : null,
    retiredAtSec: row.retiredAt ? Math.floor(new Date(row.retiredAt).getTime() / 1000) : null,
  };
}

async function reload(db: Db, pii: PiiCipher, c: KeyCache): Promise<void> {
  const rows = await repo.findSigningKeys(db);
  const keyring = new Map<string, VerifyingKey>();
  let signer: SigningKey | null = null;
  for (const r of rows) {
    keyring.set(r.kid, toVerifyingKey(r));
    // the newest active key signs (two may be active for a moment after a race; both verify)
    if (!r.retiredAt) signer = { kid: r.kid, privateKey: createPrivateKey(pii.decrypt(r.privateKeyEnc)) };
  }
  c.keyring = keyring;
  c.signer = signer;
  c.loadedAt = Date.now();
}

async function ensureLoaded(db: Db, pii: PiiCipher, maxAgeMs: number): Promise<KeyCache> {
  const c = cacheOf(db);
  if (Date.now() - c.loadedAt < maxAgeMs) return c;
  c.loading ??= reload(db, pii, c).finally(() => {
    c.loading = null;
  });
  await c.loading;
  return c;
}

/** A fresh Ed25519 key pair: kid from the public key's hash, private key as sealed PKCS8 PEM. */
export function newSigningKey(pii: PiiCipher): { kid: string; publicKey: string; privateKeyEnc: Buffer } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const x = publicKey.export({ format: 'jwk' }).x!;
  const kid = `k${createHash('sha256').update(x).digest('base64url').slice(0, 11)}`;
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { kid, publicKey: x, privateKeyEnc: pii.encrypt(pem) };
}

/** The key that signs now; creates the first one on first use. */
export async function getSigningKey(db: Db, pii: PiiCipher): Promise<SigningKey> {
  const c = await ensureLoaded(db, pii, RELOAD_MS);
  if (c.signer) return c.signer;
  await db.transaction(async (tx) => {
    await repo.lockSigningKeys(tx);
    const active = (await repo.findSigningKeys(tx)).filter((k) => !k.retiredAt);
    if (active.length === 0) await repo.insertSigningKey(tx, newSigningKey(pii));
  });
  await reload(db, pii, c);
  if (!c.signer) throw new Error('no active signing key after creating one');
  return c.signer;
}

/** Retires every active key and creates a new one; returns the new kid and the retired ones. */
export async function rotateSigningKeys(db: Db, pii: PiiCipher): Promise<{ kid: string; retired: string[] }> {
  const fresh = newSigningKey(pii);
  const retired = await db.transaction(async (tx) => {
    await repo.lockSigningKeys(tx);
    const old = await repo.retireSigningKeys(tx);
    await repo.insertSigningKey(tx, fresh);
    return old;
  });
  await reload(db, pii, cacheOf(db));
  return { kid: fresh.kid, retired };
}

/** Every key, for verification and for staff devices (warm; re-read when stale). */
export async function getKeyring(db: Db, pii: PiiCipher): Promise<Keyring> {
  return (await ensureLoaded(db, pii, RELOAD_MS)).keyring;
}

/** The key of a kid; an unknown kid re-reads the keys (rate-limited) in case another process rotated. */
export async function findVerifyingKey(db: Db, pii: PiiCipher, kid: string): Promise<VerifyingKey | undefined> {
  const c = await ensureLoaded(db, pii, RELOAD_MS);
  const hit = c.keyring.get(kid);
  if (hit) return hit;
  return (await ensureLoaded(db, pii, MISS_RELOAD_MS)).keyring.get(kid);
}

/** Signs the claims of a member's card for the next two minutes. */
export function signCardToken(
  key: SigningKey,
  card: { memberNo: string; orgId: number; orgName: string; maskedName: string },
  nowSec: number,
): { token: string; claims: CardClaims } {
  const claims: CardClaims = {
    v: CARD_TOKEN_VERSION,
    kid: key.kid,
    mno: card.memberNo,
    org: card.orgId,
    on: card.orgName,
    nm: card.maskedName,
    iat: nowSec,
    exp: nowSec + CARD_TOKEN_MAX_AGE_SECONDS,
    n: randomBytes(9).toString('base64url'),
  };
  const head = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const sig = sign(null, Buffer.from(head, 'ascii'), key.privateKey);
  return { token: `${head}.${bytesToBase64url(sig)}`, claims };
}

/**
 * The whole verification without the database: structure (malformed), key and signature (forged),
 * lifetime and key retirement (forged), expiry (expired), the revocation set (revoked). Never throws.
 */
export function verifyCardTokenWith(
  token: unknown,
  keyring: Keyring,
  nowSec: number,
  isRevoked: (memberNo: string) => boolean = () => false,
): CardVerdict {
  const decoded = decodeCardToken(token);
  if (!decoded) return { valid: false, reason: 'malformed' };
  const key = keyring.get(decoded.claims.kid);
  if (!key) return { valid: false, reason: 'forged' };
  if (!verifyEd25519(key, decoded.signed, decoded.signature)) return { valid: false, reason: 'forged' };
  return judgeCardClaims(decoded.claims, key, nowSec, isRevoked);
}

/** One Ed25519 signature check (libsodium, else OpenSSL); false for anything that is not a good one. */
export function verifyEd25519(key: VerifyingKey, message: Uint8Array, signature: Uint8Array, backend = ed25519Backend): boolean {
  try {
    if (backend === 'libsodium' && sodium) return sodium.crypto_sign_verify_detached(signature, message, key.raw);
    return verify(null, message, key.publicKey, signature);
  } catch {
    return false;
  }
}
