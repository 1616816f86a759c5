// Visits counted for real (issue 15 §3): a worker opens the place's door code (the QR code at its
// door) in the member site, or staff of the place's scope scan the worker's member card at the desk.
// One visit per person and place in 2 hours counts; the answer is "已签到" either way. A person is
// their worker (phone session) or their member (card): a member who logged in on the phone is both,
// and a visit by either way within the 2 hours is the same visit.
import { decodeCardToken } from '../../../contracts/card-token.ts';
import { VISIT_DEDUP_HOURS, type CardVisitAnswer, type VisitAnswer, type VisitFigures } from '../../../contracts/place-status.ts';
import type { ErrorCode } from '../../errors.ts';
import { AppError } from '../../errors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import type { Scope } from '../../http/scope.ts';
import type { Tx } from '../../db/client.ts';
import { maskName } from '../../lib/pii.ts';
import { findVerifyingKey, getKeyring, verifyCardTokenWith } from '../cards/cards.service.ts';
import * as repo from './visits.repo.ts';
import * as status from './status.repo.ts';
import { placeIdOfDoorCode } from './status.service.ts';

const cardRefusal: Record<string, ErrorCode> = {
  expired: 'card_token_expired',
  forged: 'card_token_forged',
  revoked: 'card_token_revoked',
  malformed: 'card_token_malformed',
};

/** Records the visit unless the person visited in the last 2 hours; under the place's lock. */
async function visitOnce(tx: Tx, p: status.PlaceBrief, who: { workerId: number | null; memberId: number | null }, via: 'door' | 'card', byStaff: number | null): Promise<VisitAnswer> {
  const recent = await repo.findRecentVisit(tx, p.id, who, VISIT_DEDUP_HOURS);
  if (recent) return { placeId: p.id, placeName: p.name, counted: false, at: new Date(recent).toISOString() };
  const v = await repo.insertVisit(tx, { placeId: p.id, ...who, via, byStaff });
  return { placeId: p.id, placeName: p.name, counted: true, at: new Date(v.at).toISOString() };
}

/** The worker scanned the door code. Throws place_door_code_invalid (forged or garbled), place_not_in_service. */
export async function visitByDoor(ctx: MemberContext, code: string): Promise<VisitAnswer> {
  const placeId = placeIdOfDoorCode(ctx, code);
  if (placeId === undefined) throw new AppError('place_door_code_invalid');
  return ctx.db.transaction(async (tx) => {
    const p = await status.getPlace(tx, placeId, true);
    if (!p) throw new AppError('place_door_code_invalid');
    if (p.status !== 'open' || p.mergedInto !== null) throw new AppError('place_not_in_service');
    return visitOnce(tx, p, { workerId: ctx.actor.workerId, memberId: ctx.actor.memberId }, 'door', null);
  });
}

/**
 * Staff of the place's scope scanned a member card at the desk; audited when counted. Throws
 * not_found, place_not_in_service, card_token_expired / _forged / _revoked / _malformed.
 */
export async function visitByCard(ctx: StaffContext, placeId: number, token: string): Promise<CardVisitAnswer> {
  const p0 = await status.getPlaceInScope(ctx.db, ctx.scope, placeId);
  if (!p0) throw new AppError('not_found');
  const kid = decodeCardToken(token)?.claims.kid;
  if (kid) await findVerifyingKey(ctx.db, ctx.pii, kid);
  const verdict = verifyCardTokenWith(token, await getKeyring(ctx.db, ctx.pii), Math.floor(Date.now() / 1000));
  if (!verdict.valid) throw new AppError(cardRefusal[verdict.reason]!);
  const member = await repo.findMemberByNo(ctx.db, verdict.claims.mno);
  if (!member || member.cardStatus !== 'active') throw new AppError('card_token_revoked');
  return ctx.db.transaction(async (tx) => {
    const p = (await status.getPlaceInScope(tx, ctx.scope, placeId, true))!;
    if (p.status !== 'open' || p.mergedInto !== null) throw new AppError('place_not_in_service');
    const workerId = await repo.findWorkerOfMember(tx, member.memberId);
    const answer = await visitOnce(tx, p, { workerId, memberId: member.memberId }, 'card', ctx.actor.staffId);
    if (answer.counted) {
      await audit(tx, ctx, 'place.visit_card', { type: 'place', id: p.id, orgPath: p.orgPath }, { memberNo: verdict.claims.mno, nonce: verdict.claims.n });
    }
    return { ...answer, memberNo: verdict.claims.mno, name: maskName(member.name) };
  });
}

/** Visits to places of a subtree in [from, to): count, distinct visitors, by Beijing day. */
export async function visitFigures(ctx: Pick<StaffContext, 'db'>, scope: Scope, from: Date, to: Date): Promise<VisitFigures> {
  return repo.visitFigures(ctx.db, scope, from, to);
}
