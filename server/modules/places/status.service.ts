// A place's live status and the keeper's desk (issue 15 §3): staff of the union that runs the place,
// or of a union above it, mark it open or closed and how busy (audited; the member's nearest-places
// list reads the columns); the desk shows the door code the worker scans to count a visit.
//
// The door code is `<place id>.<signature>`: the signature is the platform's keyed hash (the PII
// cipher's HMAC, under its own "place-door" label) of the id, so a code cannot be made for a place
// without the key, and a printed code stays valid as long as the place does (it is on a wall).
import { timingSafeEqual } from 'node:crypto';
import type { PlaceDesk, SetLiveBody } from '../../../contracts/place-status.ts';
import type { PlaceKind } from '../../../contracts/places.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { AppError } from '../../errors.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import * as repo from './status.repo.ts';

const DOOR_CODE = /^([1-9][0-9]{0,15})\.([A-Za-z0-9_-]{22})$/;

function signatureOf(deps: Pick<Deps, 'pii'>, placeId: number): string {
  return deps.pii.hash(`place-door:v1:${placeId}`).toString('base64url').slice(0, 22);
}

/** The door code of a place (printed as a QR code at its door). */
export function doorCodeOf(deps: Pick<Deps, 'pii'>, placeId: number): string {
  return `${placeId}.${signatureOf(deps, placeId)}`;
}

/** The member site's address a door code opens. */
export const doorPathOf = (code: string) => `/places/visit?code=${encodeURIComponent(code)}`;

/** The place a door code names, if its signature holds; undefined for a forged or garbled code. */
export function placeIdOfDoorCode(deps: Pick<Deps, 'pii'>, code: string): number | undefined {
  const m = DOOR_CODE.exec(code);
  if (!m) return undefined;
  const id = Number(m[1]);
  const want = Buffer.from(signatureOf(deps, id));
  const got = Buffer.from(m[2]!);
  return got.length === want.length && timingSafeEqual(got, want) ? id : undefined;
}

function deskOf(deps: Pick<Deps, 'pii'>, p: repo.PlaceBrief, visitsToday: number): PlaceDesk {
  const code = doorCodeOf(deps, p.id);
  return {
    id: p.id,
    kind: p.kind as PlaceKind,
    name: p.name,
    address: p.address,
    orgName: p.orgName,
    status: p.status,
    live: p.liveState && p.liveAt ? { state: p.liveState, busy: p.liveBusy, at: new Date(p.liveAt).toISOString() } : null,
    doorCode: code,
    doorPath: doorPathOf(code),
    visitsToday,
    problemsOpen: p.problemsOpen,
    problemLatest: p.problemLatest,
  };
}

/** The keeper's desk of a place of the scope. Throws not_found. */
export async function getDesk(ctx: StaffContext, placeId: number): Promise<PlaceDesk> {
  const p = await repo.getPlaceInScope(ctx.db, ctx.scope, placeId);
  if (!p) throw new AppError('not_found');
  return deskOf(ctx, p, await repo.countVisitsSince(ctx.db, p.id, beijingMidnight(beijingDay())));
}

/**
 * Marks a place of the scope open or closed, and how busy (none when closed); audited. Throws
 * not_found, place_not_in_service (closed in the register or merged into another).
 */
export async function setLive(ctx: StaffContext, placeId: number, body: SetLiveBody): Promise<PlaceDesk> {
  const busy = body.state === 'closed' ? null : (body.busy ?? null);
  const p = await ctx.db.transaction(async (tx) => {
    const p = await repo.getPlaceInScope(tx, ctx.scope, placeId, true);
    if (!p) throw new AppError('not_found');
    if (p.status !== 'open' || p.mergedInto !== null) throw new AppError('place_not_in_service');
    const at = await repo.setLive(tx, p.id, body.state, busy);
    await audit(tx, ctx, 'place.live_set', { type: 'place', id: p.id, orgPath: p.orgPath }, { liveState: body.state, busy });
    return { ...p, liveState: body.state, liveBusy: busy as repo.PlaceBrief['liveBusy'], liveAt: at };
  });
  return deskOf(ctx, p, await repo.countVisitsSince(ctx.db, p.id, beijingMidnight(beijingDay())));
}
