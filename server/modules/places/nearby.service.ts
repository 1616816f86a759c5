// The nearest places for a worker, now (issue 15 §2): any worker's session (a member or not yet —
// a rider looking for water need not have joined). The phone's WGS-84 point is converted to GCJ-02;
// the database finds the nearest (nearby.repo.ts); each row's open state and next change are
// computed here with server/lib/opening-hours.ts, the one rule of "open now".
import type { MemberPlace, NearbyPlace, NearbyQuery } from '../../../contracts/places-nearby.ts';
import type { PlaceHours } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import type { MemberContext } from '../../http/context.ts';
import { checkChinaPosition, wgs84ToGcj02, type LatLng } from '../../lib/geo.ts';
import { beijingClock, mergeRanges, openState, parseMultirange, type DayRule, type PlaceSchedule } from '../../lib/opening-hours.ts';
import { shiftDay, type WorkingCalendar } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import * as repo from './nearby.repo.ts';

const HOUR_MS = 3_600_000;
const WEEK = 7 * 1440;

/** A point as given (the phone's WGS-84 or a map's GCJ-02), checked for China and made GCJ-02. */
export function toGcj02(p: { lat: number; lng: number; system: 'gcj02' | 'wgs84' }): LatLng {
  const problem = checkChinaPosition(p);
  if (problem) throw new AppError(problem);
  return p.system === 'wgs84' ? wgs84ToGcj02(p) : { lat: p.lat, lng: p.lng };
}

/** The moment as the SQL "open now" needs it: the Beijing clock, and whether today and yesterday are public holidays. */
export function openMoment(cal: WorkingCalendar, at: Date): repo.OpenMoment {
  const c = beijingClock(at);
  return {
    minute: c.minute,
    weekMinute: c.weekMinute,
    day: c.day,
    yesterday: c.yesterday,
    todayHoliday: cal.holidays.has(c.day),
    yesterdayHoliday: cal.holidays.has(c.yesterday),
    liveSince: new Date(at.getTime() - repo.LIVE_FRESH_HOURS * HOUR_MS),
  };
}

/** The dated exceptions a row carries: from yesterday to 9 days on (openState scans 8 days ahead). */
function exceptionDays(at: Date): repo.ExceptionDays {
  const c = beijingClock(at);
  return { from: c.yesterday, to: shiftDay(c.day, 9) };
}

/** A row's schedule: its hours and the dated exceptions it came with. */
function scheduleOf(r: repo.NearbyRow): PlaceSchedule {
  const holiday: DayRule | null = r.holidayOwn === null ? null : { own: parseMultirange(r.holidayOwn), spill: parseMultirange(r.holidaySpill ?? '{}') };
  const exceptions = new Map<string, DayRule>();
  for (const e of JSON.parse(r.exceptions ?? '[]') as { day: string; own: string; spill: string }[]) {
    exceptions.set(e.day, { own: parseMultirange(e.own), spill: parseMultirange(e.spill) });
  }
  return { hours: { openOwn: parseMultirange(r.openOwn), openSpill: parseMultirange(r.openSpill), holiday }, exceptions };
}

const CALENDAR_TTL_MS = 60_000;
const calendars = new WeakMap<Queryable, { at: number; cal: WorkingCalendar }>();

/**
 * The working-day calendar, read at most once a minute per database: a few dozen rows that change
 * a few times a year (a staff admin's edit reaches "open now" within the minute).
 */
async function calendarOf(q: Queryable): Promise<WorkingCalendar> {
  const hit = calendars.get(q);
  if (hit && Date.now() - hit.at < CALENDAR_TTL_MS) return hit.cal;
  const cal = await loadCalendar(q);
  calendars.set(q, { at: Date.now(), cal });
  return cal;
}

/** Open round the clock: the week covered whole, and a holiday (if it has its own hours) too. */
function roundTheClock(s: PlaceSchedule): boolean {
  const week = mergeRanges([...s.hours.openOwn, ...s.hours.openSpill]);
  const wholeWeek = week.length === 1 && week[0]![0] === 0 && week[0]![1] === WEEK;
  const h = s.hours.holiday;
  return wholeWeek && (h === null || (h.own.length === 1 && h.own[0]![0] === 0 && h.own[0]![1] === 1440));
}

/** A row as the worker sees it: open now (hours, holidays, exceptions and the keeper's fresh mark), live status, problem. */
function present(r: repo.NearbyRow, s: PlaceSchedule, cal: WorkingCalendar, at: Date): NearbyPlace {
  const fresh = r.liveState !== null && r.liveAt !== null && new Date(r.liveAt).getTime() > at.getTime() - repo.LIVE_FRESH_HOURS * HOUR_MS;
  const state = openState(s, cal, at);
  const markedClosed = fresh && r.liveState === 'closed';
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    address: r.address,
    lat: r.lat,
    lng: r.lng,
    distanceM: r.distanceM ?? 0,
    open: state.open && !markedClosed,
    closesAt: state.open && !markedClosed ? (state.closesAt?.toISOString() ?? null) : null,
    // marked closed while its hours say open: when it opens again is the keeper's to say
    opensAt: state.open ? null : (state.opensAt?.toISOString() ?? null),
    roundTheClock: roundTheClock(s),
    services: r.services,
    live: fresh ? { state: r.liveState!, busy: r.liveBusy, at: new Date(r.liveAt!).toISOString() } : null,
    problem: r.problemsOpen > 0 ? r.problemLatest : null,
    bookable: r.bookable,
  };
}

/** The nearest places at the moment `at` (now, unless a test says otherwise). */
export async function nearest(q: Queryable, query: NearbyQuery, at: Date = new Date()): Promise<{ from: LatLng; radiusM: number; places: NearbyPlace[] }> {
  const from = toGcj02(query);
  const cal = await calendarOf(q);
  const rows = await repo.findNearest(q, {
    lat: from.lat,
    lng: from.lng,
    kind: query.kind,
    services: query.services,
    openNow: query.openNow === '1' ? openMoment(cal, at) : undefined,
    limit: query.limit,
    exceptionDays: exceptionDays(at),
  });
  return { from, radiusM: repo.NEARBY_RADIUS_M, places: rows.map((r) => present(r, scheduleOf(r), cal, at)) };
}

export function nearestForWorker(ctx: MemberContext, query: NearbyQuery): Promise<{ from: LatLng; radiusM: number; places: NearbyPlace[] }> {
  return nearest(ctx.db, query);
}

/**
 * One place as a worker sees it, with its photos (the survivor's, when merged). A place merged into another (a duplicate) answers its survivor —
 * the answer's id tells the page to replace its address; a place taken out of service is not_found.
 */
export async function placeForWorker(
  ctx: MemberContext,
  id: number,
  query: { lat?: number | undefined; lng?: number | undefined; system: 'gcj02' | 'wgs84' },
  at: Date = new Date(),
): Promise<MemberPlace> {
  if ((query.lat === undefined) !== (query.lng === undefined)) throw new AppError('position_incomplete');
  const from = query.lat !== undefined && query.lng !== undefined ? toGcj02({ lat: query.lat, lng: query.lng, system: query.system }) : null;
  const days = exceptionDays(at);
  let row = await repo.findPlace(ctx.db, id, from, days);
  for (let hops = 0; row && row.mergedInto !== null && hops < 5; hops++) row = await repo.findPlace(ctx.db, row.mergedInto, from, days);
  if (!row || row.status !== 'open' || row.mergedInto !== null) throw new AppError('not_found');
  const cal = await calendarOf(ctx.db);
  return {
    ...present(row, scheduleOf(row), cal, at),
    distanceM: row.distanceM,
    hours: row.hours as PlaceHours,
    intro: row.intro,
    keeperName: row.keeperName,
    keeperPhoneMasked: row.keeperPhoneMasked,
    orgName: row.orgName,
    townName: row.townName === null ? null : townLabel(row.townName),
    photos: row.photoIds.map((photoId) => ({ id: photoId, url: placePhotoUrl(photoId) })),
  };
}

/** Where a photo is read (places.files.routes.ts: a worker may read it while its place is in service). */
export const placePhotoUrl = (photoId: number) => `/api/place-photos/${photoId}`;

/** 化州市石湾街道工会联合会 → 石湾街道 (the union's name without its county and its suffix), given the county's. */
export function townLabel(unionName: string, countyUnionName?: string | null): string {
  let name = unionName.replace(/(总工会|工会联合会|工会工作委员会|工会)$/, '');
  const prefix = countyUnionName?.replace(/(总工会|工会联合会|工会)$/, '');
  if (prefix && name.startsWith(prefix) && name.length > prefix.length) name = name.slice(prefix.length);
  else name = name.replace(/^.{1,6}?[市区县](?=.{2,}[镇乡街道])/, '');
  return name;
}

export async function townPoints(ctx: MemberContext, query: { q?: string | undefined; page: number; pageSize: number }) {
  const { rows, total } = await repo.findTownPoints(ctx.db, { q: query.q, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: townLabel(r.name, r.countyName ?? r.cityName),
      county: r.countyName ? r.countyName.replace(/(总工会|工会联合会|工会)$/, '') : '',
      city: (r.cityName ?? '').replace(/(总工会|工会联合会|工会)$/, ''),
      lat: r.lat,
      lng: r.lng,
    })),
    total,
  };
}

/** Stations in bulk (the benchmark's 200,000): the seed's way in, no checks, no audit (nearby.scale.ts). */
export { bulkLoadStations, type ScaleAnchor, type ScaleTemplate } from './nearby.scale.ts';
