// SQL of the nearest places (issue 15 §2): the KNN scan over ll_to_earth(lat, lng) (migration 040's
// partial GiST index), its filters, and "open now" as one predicate over the row — the same rule as
// server/lib/opening-hours.ts isOpenAt (nearby.test.ts checks they agree on random hours and moments).
import type { Queryable } from '../../db/client.ts';
import { placeKinds, type PlaceKind, type PlaceService } from '../../../contracts/places.ts';

/** How long a keeper's mark counts: a "closed" older than this no longer closes the place. */
export const LIVE_FRESH_HOURS = 12;

/** What "open now" needs to know about the moment (Beijing time, the calendar, the exceptions of the two days). */
export interface OpenMoment {
  /** minute of the Beijing day, 0…1439 */
  minute: number;
  /** minute of the ISO week (Monday 00:00 = 0) */
  weekMinute: number;
  day: string;
  yesterday: string;
  todayHoliday: boolean;
  yesterdayHoliday: boolean;
  /** a keeper's "closed" marked after this closes the place */
  liveSince: Date;
}

/** Appends a value to the statement's parameters and answers its placeholder. */
export type Bind = (value: unknown, cast: string) => string;

export function binder(params: unknown[]): Bind {
  return (value, cast) => {
    params.push(value);
    return `$${params.length}::${cast}`;
  };
}

/**
 * "Open now" for place row `p`: (the rule of today)'s own part contains the minute, or (the rule of
 * yesterday)'s after-midnight part contains it; a day's rule is its exception, else the holiday's
 * hours on a public holiday (when the place has them), else the weekday's — and the keeper did not
 * mark it closed within LIVE_FRESH_HOURS.
 */
export function openNowSql(m: OpenMoment, bind: Bind, p = 'p'): string {
  const minute = bind(m.minute, 'int');
  const weekMinute = bind(m.weekMinute, 'int');
  const day = bind(m.day, 'date');
  const yesterdayDay = bind(m.yesterday, 'date');
  // the places with an exception on the day: few, read once for the statement (an InitPlan), so
  // every other row of the walk skips the lookup
  const excepted = (d: string) => `${p}.id = ANY(ARRAY(SELECT x.place_id FROM place_hours_exception x WHERE x.day = ${d}))`;
  const today = `CASE WHEN ${excepted(day)}
        THEN (SELECT e.own FROM place_hours_exception e WHERE e.place_id = ${p}.id AND e.day = ${day}) @> ${minute}
      WHEN ${bind(m.todayHoliday, 'boolean')} AND ${p}.holiday_own IS NOT NULL THEN ${p}.holiday_own @> ${minute}
      ELSE ${p}.open_own @> ${weekMinute} END`;
  const yesterday = `CASE WHEN ${excepted(yesterdayDay)}
        THEN (SELECT e.spill FROM place_hours_exception e WHERE e.place_id = ${p}.id AND e.day = ${yesterdayDay}) @> ${minute}
      WHEN ${bind(m.yesterdayHoliday, 'boolean')} AND ${p}.holiday_spill IS NOT NULL THEN ${p}.holiday_spill @> ${minute}
      ELSE ${p}.open_spill @> ${weekMinute} END`;
  const markedClosed = `COALESCE(${p}.live_state = 'closed' AND ${p}.live_at > ${bind(m.liveSince, 'timestamptz')}, false)`;
  return `((${today}) OR (${yesterday})) AND NOT ${markedClosed}`;
}

/** A place as the nearby list shows it: the columns its open state and live status are computed from. */
export interface NearbyRow {
  id: number;
  kind: PlaceKind;
  name: string;
  address: string;
  lat: number;
  lng: number;
  distanceM: number | null;
  openOwn: string;
  openSpill: string;
  holidayOwn: string | null;
  holidaySpill: string | null;
  services: PlaceService[];
  liveState: 'open' | 'closed' | null;
  liveBusy: 'quiet' | 'normal' | 'busy' | null;
  liveAt: Date | null;
  problemsOpen: number;
  problemLatest: string | null;
  bookable: boolean;
  /** its dated exceptions from the day before `days.from` to `days.to`, as JSON text ([{day, own, spill}]) */
  exceptions: string | null;
}

/** The window of dated exceptions each row carries (for its open state over the coming days). */
export interface ExceptionDays {
  from: string;
  to: string;
}

// A row's exceptions: an index probe first, the aggregate only when there are some (most places have
// none, and an aggregate's set-up per row was ~a third of the statement on PGlite: EXPLAIN ANALYZE).
const rowColumns = (distance: string, days: ExceptionDays, bind: Bind) => {
  const within = `e.place_id = p.id AND e.day BETWEEN ${bind(days.from, 'date')} AND ${bind(days.to, 'date')}`;
  return `p.id::int AS id, p.kind, p.name, p.address, p.lat, p.lng,
       ${distance} AS "distanceM",
       CASE WHEN EXISTS (SELECT 1 FROM place_hours_exception e WHERE ${within}) THEN
         (SELECT json_agg(json_build_object('day', to_char(e.day, 'YYYY-MM-DD'), 'own', e.own::text, 'spill', e.spill::text))::text
            FROM place_hours_exception e WHERE ${within}) END AS exceptions,
       p.open_own::text AS "openOwn", p.open_spill::text AS "openSpill",
       p.holiday_own::text AS "holidayOwn", p.holiday_spill::text AS "holidaySpill",
       p.services, p.live_state AS "liveState", p.live_busy AS "liveBusy", p.live_at AS "liveAt",
       p.problems_open AS "problemsOpen", p.problem_latest AS "problemLatest", p.bookable`;
};

/**
 * How far the search looks: a station farther than this is no use to a worker on foot or on a
 * scooter, and the cut-off bounds the KNN walk when a filter is rare (no match near: without it the
 * scan would read the whole index — 200,000 rows — before answering "none").
 */
export const NEARBY_RADIUS_M = 30_000;

export interface NearbySearch {
  lat: number;
  lng: number;
  /** metres; NEARBY_RADIUS_M unless given */
  radiusM?: number;
  kind?: PlaceKind | undefined;
  services?: PlaceService[] | undefined;
  openNow?: OpenMoment | undefined;
  limit: number;
  exceptionDays: ExceptionDays;
}

/**
 * The nearest places in service within the radius, nearest first: a KNN scan of place_earth_idx (its
 * predicate repeated so the planner uses it) bounded by earth_box; the chord distance `<->` orders
 * exactly as the arc distance.
 */
export async function findNearest(q: Queryable, s: NearbySearch): Promise<NearbyRow[]> {
  const params: unknown[] = [];
  const bind = binder(params);
  const here = `ll_to_earth(${bind(s.lat, 'float8')}, ${bind(s.lng, 'float8')})`;
  const radius = bind(s.radiusM ?? NEARBY_RADIUS_M, 'float8');
  // the box (an index condition of the same GiST scan) bounds the walk; the distance makes it a disc
  const where = [`p.status = 'open'`, `p.merged_into IS NULL`, `earth_box(${here}, ${radius}) @> ll_to_earth(p.lat, p.lng)`, `earth_distance(ll_to_earth(p.lat, p.lng), ${here}) <= ${radius}`];
  // a literal (one of placeKinds, checked), so the planner can match the kind's partial index (migration 042)
  if (s.kind) {
    if (!placeKinds.includes(s.kind)) throw new Error(`findNearest: kind ${s.kind}`);
    where.push(`p.kind = '${s.kind}'`);
  }
  if (s.services && s.services.length > 0) where.push(`p.services @> ${bind(s.services, 'text[]')}`);
  if (s.openNow) where.push(openNowSql(s.openNow, bind));
  return q.query<NearbyRow>(
    `SELECT ${rowColumns(`round(earth_distance(ll_to_earth(p.lat, p.lng), ${here}))::int`, s.exceptionDays, bind)}
       FROM place p
      WHERE ${where.join(' AND ')}
      ORDER BY ll_to_earth(p.lat, p.lng) <-> ${here}
      LIMIT ${bind(s.limit, 'int')}`,
    params,
  );
}

/** The ids among `ids` open at the moment by the SQL rule (for the tests that hold it to isOpenAt). */
export async function openAmong(q: Queryable, ids: number[], m: OpenMoment): Promise<number[]> {
  const params: unknown[] = [];
  const bind = binder(params);
  const rows = await q.query<{ id: number }>(`SELECT p.id::int AS id FROM place p WHERE p.id = ANY(${bind(ids, 'bigint[]')}) AND ${openNowSql(m, bind)} ORDER BY p.id`, params);
  return rows.map((r) => r.id);
}

export interface MemberPlaceRow extends NearbyRow {
  hours: unknown;
  intro: string;
  keeperName: string | null;
  keeperPhoneMasked: string | null;
  orgName: string;
  townName: string | null;
  status: 'open' | 'closed';
  mergedInto: number | null;
  /** its photos' ids, in the order staff see them (upload order) */
  photoIds: number[];
}

/** One place by id (any status), with its union's and town's names and its photos' ids; distance from a point when given. */
export async function findPlace(q: Queryable, id: number, from: { lat: number; lng: number } | null, days: ExceptionDays): Promise<MemberPlaceRow | undefined> {
  const params: unknown[] = [id];
  const bind = binder(params);
  const distance = from ? `round(earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth(${bind(from.lat, 'float8')}, ${bind(from.lng, 'float8')})))::int` : 'NULL::int';
  const [row] = await q.query<MemberPlaceRow>(
    `SELECT ${rowColumns(distance, days, bind)}, p.hours, p.intro, p.keeper_name AS "keeperName", p.keeper_phone_masked AS "keeperPhoneMasked",
            o.name AS "orgName", t.name AS "townName", p.status, p.merged_into::int AS "mergedInto",
            ARRAY(SELECT f.id::int FROM place_photo f WHERE f.place_id = p.id ORDER BY f.id) AS "photoIds"
       FROM place p JOIN org o ON o.id = p.org_id LEFT JOIN org t ON t.id = p.town_id
      WHERE p.id = $1::bigint`,
    params,
  );
  return row;
}

export interface TownPointRow {
  id: number;
  name: string;
  countyName: string | null;
  cityName: string | null;
  lat: number;
  lng: number;
}

/**
 * The towns that have places in service, each at the centroid of its places (the point from which
 * its own places are the nearest), matched by name; ordered by city, county, then pinyin.
 */
export async function findTownPoints(q: Queryable, opts: { q?: string | undefined; limit: number; offset: number }): Promise<{ rows: TownPointRow[]; total: number }> {
  const params: unknown[] = [];
  const bind = binder(params);
  const match = opts.q ? `AND t.name LIKE ${bind(`%${opts.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, 'text')}` : '';
  const rows = await q.query<TownPointRow & { total: number }>(
    `WITH pts AS (
       SELECT p.town_id, avg(p.lat) AS lat, avg(p.lng) AS lng
         FROM place p WHERE p.status = 'open' AND p.merged_into IS NULL AND p.town_id IS NOT NULL
        GROUP BY p.town_id)
     SELECT t.id::int AS id, t.name, c.name AS "countyName", ci.name AS "cityName", pts.lat, pts.lng, count(*) OVER ()::int AS total
       FROM pts JOIN org t ON t.id = pts.town_id
       LEFT JOIN org c ON c.id = t.parent_id AND c.level = 'county'
       LEFT JOIN org ci ON ci.level = 'city' AND ci.path @> t.path
      WHERE true ${match}
      ORDER BY ci.name_pinyin, c.name_pinyin NULLS FIRST, t.name_pinyin, t.id
      LIMIT ${bind(opts.limit, 'int')} OFFSET ${bind(opts.offset, 'int')}`,
    params,
  );
  if (rows.length === 0 && opts.offset > 0) {
    const [c] = await q.query<{ n: number }>(
      `SELECT count(DISTINCT t.id)::int AS n FROM place p JOIN org t ON t.id = p.town_id
        WHERE p.status = 'open' AND p.merged_into IS NULL ${match}`,
      params.slice(0, opts.q ? 1 : 0),
    );
    return { rows: [], total: c?.n ?? 0 };
  }
  return { rows, total: rows[0]?.total ?? 0 };
}
