// Offline verification of member cards on a staff device: the public keys and the revocation list
// are synced while the network is there and kept in localStorage with the sync time; a token is
// then checked in the browser (WebCrypto Ed25519, @noble/ed25519 where the browser lacks it) by
// the same rules as the server (contracts/card-token.ts).
import { verifyAsync } from '@noble/ed25519';
import {
  base64urlToBytes,
  decodeCardToken,
  judgeCardClaims,
  type CardVerdict,
} from '../../../../contracts/card-token.ts';
import type { SigningKeys } from '../../../../contracts/cards.ts';
import { api } from '../../../shared/api.ts';

const STORAGE_KEY = 'gh.cardVerifier.v1';

export interface VerifierState {
  keys: SigningKeys['keys'];
  /** member numbers whose cards are revoked */
  revoked: string[];
  cursor: string;
  /** the server's time at the last sync (ISO) */
  syncedAt: string;
  /** server clock − this device's clock, measured at the last sync (ms) */
  clockOffsetMs: number;
}

export function loadVerifierState(): VerifierState | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as VerifierState;
    return Array.isArray(s.keys) && Array.isArray(s.revoked) && typeof s.cursor === 'string' ? s : null;
  } catch {
    return null;
  }
}

function saveVerifierState(s: VerifierState): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
}

/** Fetches the keys and the revocations (the changes since the last sync when there was one). */
export async function syncVerifier(previous: VerifierState | null): Promise<VerifierState> {
  const sentAt = Date.now();
  const [keys, revocations] = await Promise.all([
    api.get('/api/cards/keys'),
    api.get('/api/cards/revocations', { query: previous ? { since: previous.cursor } : undefined }),
  ]);
  const receivedAt = Date.now();
  const revoked = new Set(revocations.full || !previous ? [] : previous.revoked);
  for (const r of revocations.items) {
    if (r.revoked) revoked.add(r.memberNo);
    else revoked.delete(r.memberNo);
  }
  const state: VerifierState = {
    keys: keys.keys,
    revoked: [...revoked],
    cursor: revocations.cursor,
    syncedAt: revocations.serverTime,
    clockOffsetMs: new Date(revocations.serverTime).getTime() - (sentAt + receivedAt) / 2,
  };
  saveVerifierState(state);
  return state;
}

/**
 * The time to judge expiry by: this device's clock corrected by the offset seen at the last sync,
 * and never before that sync (a clock turned back cannot revive an old token).
 */
export function trustedNowMs(state: VerifierState): number {
  return Math.max(Date.now() + state.clockOffsetMs, new Date(state.syncedAt).getTime());
}

const importedKeys = new Map<string, Promise<CryptoKey | null>>();

/** WebCrypto's Ed25519 key, or null when this browser has no Ed25519 in WebCrypto. */
function webCryptoKey(raw: Uint8Array, id: string): Promise<CryptoKey | null> {
  let k = importedKeys.get(id);
  if (!k) {
    k = crypto.subtle.importKey('raw', raw as BufferSource, { name: 'Ed25519' }, false, ['verify']).catch(() => null);
    importedKeys.set(id, k);
  }
  return k;
}

async function verifySignature(publicKey: string, signed: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const raw = base64urlToBytes(publicKey);
  if (!raw || raw.length !== 32) return false;
  try {
    const key = await webCryptoKey(raw, publicKey);
    if (key) return await crypto.subtle.verify({ name: 'Ed25519' }, key, signature as BufferSource, signed as BufferSource);
    return await verifyAsync(signature, signed, raw);
  } catch {
    return false;
  }
}

/** Verifies a token with the synced keys and revocations only; never throws. */
export async function verifyOffline(token: string, state: VerifierState): Promise<CardVerdict> {
  const decoded = decodeCardToken(token);
  if (!decoded) return { valid: false, reason: 'malformed' };
  const key = state.keys.find((k) => k.kid === decoded.claims.kid);
  if (!key) return { valid: false, reason: 'forged' };
  if (!(await verifySignature(key.publicKey, decoded.signed, decoded.signature))) return { valid: false, reason: 'forged' };
  const retiredAtSec = key.retiredAt ? Math.floor(new Date(key.retiredAt).getTime() / 1000) : null;
  const revoked = new Set(state.revoked);
  return judgeCardClaims(decoded.claims, { retiredAtSec }, Math.floor(trustedNowMs(state) / 1000), (mno) => revoked.has(mno));
}
