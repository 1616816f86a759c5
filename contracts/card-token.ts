// The member card token (电子会员证二维码): its format and every rule that does not need a key,
// shared by the server (Node crypto) and the console's offline verifier (WebCrypto). See
// docs/design/member-card.md.
//
//   token  = base64url(payload JSON) "." base64url(Ed25519 signature of the first part's ASCII)
//   payload = { v: 1, kid, mno, org, on, nm, iat, exp, n }

export const CARD_TOKEN_VERSION = 1;
/** A token is valid for at most this many seconds after it was issued. */
export const CARD_TOKEN_MAX_AGE_SECONDS = 120;
/** The phone fetches a fresh token this often, so the one on screen always has a minute left. */
export const CARD_TOKEN_REFRESH_SECONDS = 60;
/**
 * Other server processes notice a rotation within seconds and keep signing with the old key until
 * then: a token issued by a retired key this long after its retirement still counts.
 */
export const KEY_RETIREMENT_GRACE_SECONDS = 15;
/** Longest token accepted for decoding at all (a real one is ~350 characters). */
export const CARD_TOKEN_MAX_LENGTH = 1024;

export interface CardClaims {
  v: 1;
  /** id of the signing key */
  kid: string;
  /** member number */
  mno: string;
  /** the member's union (org id) at issue */
  org: number;
  /** that union's name, for offline display */
  on: string;
  /** the member's masked name (张*丰), for offline display */
  nm: string;
  /** issued at, seconds since the epoch */
  iat: number;
  /** expires at (exclusive), seconds since the epoch */
  exp: number;
  /** a random nonce: two tokens are never equal; check-in uses it to count a scan once */
  n: string;
}

export type CardRefusal = 'expired' | 'forged' | 'revoked' | 'malformed';
export type CardVerdict = { valid: true; claims: CardClaims } | { valid: false; reason: CardRefusal };

export interface DecodedCardToken {
  claims: CardClaims;
  /** the bytes the signature covers: the ASCII of the token's first part */
  signed: Uint8Array;
  signature: Uint8Array;
}

const B64URL = /^[A-Za-z0-9_-]+$/;
const KID = /^[A-Za-z0-9_-]{1,32}$/;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const lookup = new Int16Array(128).fill(-1);
for (let i = 0; i < alphabet.length; i++) lookup[alphabet.charCodeAt(i)] = i;

/** base64url (no padding) → bytes; null for anything else. */
export function base64urlToBytes(s: string): Uint8Array | null {
  if (s.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((s.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let j = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? lookup[c]! : -1;
    if (v < 0) return null;
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[j++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function bytesToBase64url(bytes: Uint8Array): string {
  let s = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]! + alphabet[(n >> 6) & 63]! + alphabet[n & 63]!;
  }
  if (i < bytes.length) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8);
    s += alphabet[n >> 18]! + alphabet[(n >> 12) & 63]!;
    if (i + 1 < bytes.length) s += alphabet[(n >> 6) & 63]!;
  }
  return s;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const ascii = new TextEncoder();

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x);
const isText = (x: unknown, max: number): x is string => typeof x === 'string' && x.length >= 1 && x.length <= max;

/** Splits and parses a token without checking its signature; null when it is not one (malformed). */
export function decodeCardToken(token: unknown): DecodedCardToken | null {
  if (typeof token !== 'string') return null;
  const t = token.trim();
  if (t.length < 3 || t.length > CARD_TOKEN_MAX_LENGTH) return null;
  const dot = t.indexOf('.');
  if (dot <= 0 || dot !== t.lastIndexOf('.')) return null;
  const head = t.slice(0, dot);
  const tail = t.slice(dot + 1);
  if (!B64URL.test(head) || !B64URL.test(tail)) return null;
  const signature = base64urlToBytes(tail);
  const payload = base64urlToBytes(head);
  if (!signature || signature.length !== 64 || !payload) return null;
  let c: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(utf8.decode(payload));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    c = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  if (c.v !== CARD_TOKEN_VERSION || typeof c.kid !== 'string' || !KID.test(c.kid)) return null;
  if (!isText(c.mno, 32) || !isInt(c.org) || c.org <= 0 || !isText(c.on, 100) || !isText(c.nm, 50)) return null;
  if (!isInt(c.iat) || !isInt(c.exp) || !isText(c.n, 64)) return null;
  return { claims: c as unknown as CardClaims, signed: ascii.encode(head), signature };
}

export interface KeyStanding {
  /** when the key was retired (seconds since the epoch), null while it signs */
  retiredAtSec: number | null;
}

/**
 * The rules after a good signature: a lifetime no longer than the maximum, not issued by a key
 * after it was retired (forged), not past its expiry (expired), not revoked.
 */
export function judgeCardClaims(
  claims: CardClaims,
  key: KeyStanding,
  nowSec: number,
  isRevoked: (memberNo: string) => boolean,
): CardVerdict {
  if (claims.exp <= claims.iat || claims.exp - claims.iat > CARD_TOKEN_MAX_AGE_SECONDS) return { valid: false, reason: 'forged' };
  if (key.retiredAtSec !== null && claims.iat > key.retiredAtSec + KEY_RETIREMENT_GRACE_SECONDS) return { valid: false, reason: 'forged' };
  if (nowSec >= claims.exp) return { valid: false, reason: 'expired' };
  if (isRevoked(claims.mno)) return { valid: false, reason: 'revoked' };
  return { valid: true, claims };
}

/** What staff see, in big letters. */
export const cardVerdictLabels: Record<'valid' | CardRefusal, string> = {
  valid: '有效会员',
  expired: '已过期',
  forged: '伪造',
  revoked: '已注销',
  malformed: '无法识别',
};
