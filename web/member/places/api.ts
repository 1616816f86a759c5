// The member's calls for places (contracts/places-nearby.ts), and where the search starts from:
// the phone's position or a town's centre, kept in memory only (never stored, never in the address)
// so the place's page can tell its distance and going back does not ask again.
import type { z } from 'zod';
import type { memberPlace, nearbyAnswer, townPoint } from '../../../contracts/places-nearby.ts';
import type { PlaceKind, PlaceService } from '../../../contracts/places.ts';
import { api } from '../../shared/api.ts';

export type NearbyAnswer = z.infer<typeof nearbyAnswer>;
export type MemberPlace = z.infer<typeof memberPlace>;
export type TownPoint = z.infer<typeof townPoint>;

/** Where the search starts: the phone's GPS (WGS-84) or a picked town's centre (GCJ-02). */
export interface Origin {
  lat: number;
  lng: number;
  system: 'wgs84' | 'gcj02';
  /** a town picked by the worker (when set); the phone's position otherwise */
  town?: TownPoint | undefined;
}

/** A degree as the routes take it: a plain decimal, six places at most. */
const deg = (n: number) => String(Number(n.toFixed(6)));

export interface NearbyFilter {
  kind?: PlaceKind | undefined;
  services: PlaceService[];
  openNow: boolean;
  limit: number;
}

export function loadNearby(o: Origin, f: NearbyFilter): Promise<NearbyAnswer> {
  return api.get('/api/me/places/nearby', {
    query: {
      lat: deg(o.lat),
      lng: deg(o.lng),
      system: o.system,
      kind: f.kind,
      services: f.services.length ? f.services.join(',') : undefined,
      openNow: f.openNow ? '1' : undefined,
      limit: f.limit,
    },
  });
}

export function loadPlace(id: string, o: Origin | undefined): Promise<MemberPlace> {
  return api.get('/api/me/places/:id', { params: { id }, query: o ? { lat: deg(o.lat), lng: deg(o.lng), system: o.system } : undefined });
}

export function loadTowns(q: string) {
  return api.get('/api/me/places/towns', { query: { q: q.trim() || undefined, pageSize: 30 } });
}

// ---- the origin, in memory ---------------------------------------------------------------------

let remembered: Origin | undefined;

/** The origin of the last search on this page load (lost on reload: the position is not stored). */
export function rememberedOrigin(): Origin | undefined {
  return remembered;
}

export function rememberOrigin(o: Origin | undefined): void {
  remembered = o;
}

let listAddress: string | undefined;

/** The list the worker came from (its kind and filters), for the place's 返回. */
export function rememberedList(): string | undefined {
  return listAddress;
}

export function rememberList(address: string): void {
  listAddress = address;
}

/** Consent to use the position is remembered on the device (the position itself never is). */
const CONSENT_KEY = 'gonghui.placesLocate';

export function locateConsented(): boolean {
  try {
    return window.localStorage.getItem(CONSENT_KEY) === '1';
  } catch {
    return false;
  }
}

export function setLocateConsent(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(CONSENT_KEY, '1');
    else window.localStorage.removeItem(CONSENT_KEY);
  } catch {
    // storage blocked: ask again next time
  }
}
