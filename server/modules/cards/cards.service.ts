// The electronic member card: the member's card and token, verification by staff, the keys and
// revocations that staff devices sync for offline verification, the co-branded bank card's link.
import { memberServicesOn } from '../../../contracts/member-services.ts';
import { type MyCard, type Revocations, type SigningKeys, type VerifyResult } from '../../../contracts/cards.ts';
import { CARD_TOKEN_REFRESH_SECONDS, decodeCardToken } from '../../../contracts/card-token.ts';
import type { Deps, MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { maskName } from '../../lib/pii.ts';
import { insertAudit } from '../../http/audit.ts';
import { audit, auditOf } from '../../http/actors.ts';
import { isLuhnValid, maskBankCard } from '../../lib/bank-card.ts';
import * as repo from './cards.repo.ts';
import { findVerifyingKey, getKeyring, getSigningKey, rotateSigningKeys, signCardToken, verifyCardTokenWith } from './signing.ts';

/** The card's signing keys and tokens (signing.ts), for the modules that check a card (check-in) and their tests. */
export { findVerifyingKey, getKeyring, getSigningKey, signCardToken, verifyCardTokenWith } from './signing.ts';

/**
 * A full sync lists cards revoked in the last 30 days: a token lives 2 minutes and is issued only
 * to an active card, so an older revocation matters only to a device whose clock is off by more.
 */
export const REVOCATION_WINDOW_DAYS = 30;
/** An incremental sync re-reads this much before its cursor (a change committed late is not missed). */
const SYNC_OVERLAP_MS = 60_000;
/** More changes than this since the cursor: the answer is the full list instead. */
const INCREMENTAL_LIMIT = 50_000;
/** Retired keys stay listed for devices this long (their tokens died 2 minutes after retirement). */
const RETIRED_KEY_LISTED_MS = 24 * 3600_000;

const nowSec = () => Math.floor(Date.now() / 1000);

function servicesOnCard() {
  return memberServicesOn('card').map((s) => ({ key: s.key, label: s.name, available: true, note: null, path: s.path }));
}

/** The member's own card with a token valid for 2 minutes. Throws not_a_member, card_revoked. */
export async function getMyCard(ctx: MemberContext): Promise<MyCard> {
  if (ctx.actor.memberId === null) throw new AppError('not_a_member');
  const card = await repo.getMemberCard(ctx.db, ctx.actor.memberId);
  if (!card || !card.memberNo) throw new AppError('not_a_member');
  if (card.cardStatus !== 'active') throw new AppError('card_revoked');
  const key = await getSigningKey(ctx.db, ctx.pii);
  const name = maskName(card.name);
  const { token, claims } = signCardToken(key, { memberNo: card.memberNo, orgId: card.orgId, orgName: card.orgName, maskedName: name }, nowSec());
  return {
    cardNo: card.cardNo,
    memberNo: card.memberNo,
    name,
    orgName: card.orgName,
    status: 'active',
    services: servicesOnCard(),
    token,
    expiresAt: new Date(claims.exp * 1000).toISOString(),
    refreshAfterSeconds: CARD_TOKEN_REFRESH_SECONDS,
    bank: card.bankName && card.bankCardMasked ? { bankName: card.bankName, bankCardMasked: card.bankCardMasked } : null,
  };
}

/**
 * Verifies a presented token, for staff of any union: a card proves membership of the whole
 * federation (see docs/design/member-card.md). The signature and expiry are checked as offline, the card's
 * standing in the database; a token whose signature holds is audited. Never throws for the token.
 */
export async function verifyCard(ctx: StaffContext, token: string): Promise<VerifyResult> {
  const kid = decodeCardToken(token)?.claims.kid;
  // an unknown kid may be a key another process just made: re-read the keys (rate-limited) first
  if (kid) await findVerifyingKey(ctx.db, ctx.pii, kid);
  const verdict = verifyCardTokenWith(token, await getKeyring(ctx.db, ctx.pii), nowSec());
  if (!verdict.valid) return { valid: false, reason: verdict.reason };
  const card = await repo.findCardByMemberNo(ctx.db, verdict.claims.mno);
  const isValid = !!card && card.cardStatus === 'active';
  await insertAudit(ctx.db, {
    ...auditOf(ctx),
    action: 'card.verify',
    outcome: isValid ? 'ok' : 'denied',
    targetType: 'member',
    targetId: card?.memberId ?? null,
    orgPath: card?.orgPath ?? null,
    detail: { memberNo: verdict.claims.mno, result: isValid ? 'valid' : 'revoked', nonce: verdict.claims.n },
  });
  if (!card || !isValid) return { valid: false, reason: 'revoked' };
  return { valid: true, member: { memberNo: verdict.claims.mno, name: maskName(card.name), orgName: card.orgName } };
}

/** The public keys staff devices verify with: active ones, and those retired in the last day. */
export async function listSigningKeys(deps: Deps): Promise<SigningKeys> {
  await getSigningKey(deps.db, deps.pii); // a fresh platform has a key before anyone asks
  const keyring = await getKeyring(deps.db, deps.pii);
  const now = Date.now();
  const keys = [...keyring.values()]
    .filter((k) => !k.retiredAt || now - k.retiredAt.getTime() < RETIRED_KEY_LISTED_MS)
    .map((k) => ({
      kid: k.kid,
      alg: 'Ed25519' as const,
      publicKey: k.publicKeyRaw,
      createdAt: k.createdAt.toISOString(),
      retiredAt: k.retiredAt?.toISOString() ?? null,
    }));
  return { keys, serverTime: new Date(now).toISOString() };
}

/** Retires the signing key and makes a new one. Only the whole federation's admin. Throws forbidden. */
export async function rotateKeys(ctx: StaffContext): Promise<{ kid: string; retired: string[] }> {
  if (!ctx.actor.roles.includes('admin') || ctx.scope.path.includes('.')) throw new AppError('forbidden');
  const result = await rotateSigningKeys(ctx.db, ctx.pii);
  await audit(ctx.db, ctx, 'card.keys_rotate', { type: 'signing_key', id: result.kid, orgPath: ctx.scope.path }, { retired: result.retired });
  return result;
}

/**
 * Revoked cards for staff devices: the whole list without `since`, else the changes since that
 * cursor (with an overlap; applying one twice is harmless).
 */
export async function listRevocations(ctx: StaffContext, since: string | undefined): Promise<Revocations> {
  const cursorMs = await repo.dbNowMs(ctx.db);
  let full = since === undefined;
  let rows: repo.RevocationRow[] = [];
  if (!full) {
    rows = await repo.findCardChangesSince(ctx.db, Number(since) - SYNC_OVERLAP_MS, INCREMENTAL_LIMIT + 1);
    if (rows.length > INCREMENTAL_LIMIT) full = true;
  }
  if (full) rows = await repo.findRevokedCards(ctx.db, REVOCATION_WINDOW_DAYS);
  const items = rows.map((r) => ({ memberNo: r.memberNo, cardNo: r.cardNo, revoked: r.revoked, at: r.at ? new Date(r.at).toISOString() : null }));
  return { items, total: items.length, full, cursor: String(Math.floor(cursorMs)), serverTime: new Date(cursorMs).toISOString() };
}

/**
 * Links a co-branded bank card to a member's card: only the bank and a mask are kept; the full
 * number is checked (Luhn) and dropped. Throws not_found, invalid_bank_card.
 */
export async function linkBankCard(ctx: StaffContext, memberId: number, input: { bankName: string; cardNumber: string }) {
  if (!/^[0-9]{13,19}$/.test(input.cardNumber) || !isLuhnValid(input.cardNumber)) throw new AppError('invalid_bank_card');
  const masked = maskBankCard(input.cardNumber);
  return ctx.db.transaction(async (tx) => {
    const card = await repo.getCardInScope(tx, ctx.scope, memberId, true);
    if (!card) throw new AppError('not_found');
    await repo.setBankLink(tx, memberId, input.bankName, masked);
    await repo.insertCardEvent(tx, memberId, `关联联名银行卡：${input.bankName} ${masked}`, ctx.actor.staffId);
    await audit(tx, ctx, 'card.bank_link', { type: 'member', id: memberId, orgPath: card.orgPath }, { bankName: input.bankName, bankCardMasked: masked });
    return { cardNo: card.cardNo, status: card.cardStatus, bankName: input.bankName, bankCardMasked: masked };
  });
}

const cardRefusal = { expired: 'card_token_expired', forged: 'card_token_forged', revoked: 'card_token_revoked', malformed: 'card_token_malformed' } as const;

/**
 * The member whose card token staff scanned at a desk (a place's check-in): the token's signature
 * and expiry checked, and the card active. Throws card_token_expired, card_token_forged,
 * card_token_revoked, card_token_malformed.
 */
export async function cardHolderOf(ctx: StaffContext, token: string): Promise<{ memberId: number; memberNo: string; name: string; nonce: string }> {
  const kid = decodeCardToken(token)?.claims.kid;
  if (kid) await findVerifyingKey(ctx.db, ctx.pii, kid);
  const verdict = verifyCardTokenWith(token, await getKeyring(ctx.db, ctx.pii), nowSec());
  if (!verdict.valid) throw new AppError(cardRefusal[verdict.reason]);
  const card = await repo.findCardByMemberNo(ctx.db, verdict.claims.mno);
  if (!card || card.cardStatus !== 'active' || card.memberStatus !== 'active') throw new AppError('card_token_revoked');
  return { memberId: Number(card.memberId), memberNo: verdict.claims.mno, name: maskName(card.name), nonce: verdict.claims.n };
}
