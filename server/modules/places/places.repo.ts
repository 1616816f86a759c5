// The register of places (阵地): SQL of the place table (migration 040). Other files of this module
// read and write places through here; other modules through places.service.ts.
import type { HoursInterval, PlaceHours, PlaceKind, PlaceService } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { multirangeLiteral, type DayRule, type DerivedHours } from '../../lib/opening-hours.ts';

/** A place as written: the hours as entered and as derived (server/lib/opening-hours.ts). */
export interface PlaceInsert {
  orgId: number;
  kind: PlaceKind;
  name: string;
  address: string;
  townId: number | null;
  lat: number;
  lng: number;
  wgs: { lat: number; lng: number } | null;
  hours: PlaceHours;
  derived: DerivedHours;
  services: readonly PlaceService[];
  intro: string;
  keeperName: string | null;
  keeperPhone: { enc: Buffer; hash: Buffer; masked: string } | null;
  bookable: boolean;
  source: 'staff' | 'import' | 'demo';
  createdBy: number | null;
}

/** The hours columns' SQL values, in the order of HOURS_COLUMNS. */
export function hoursValues(hours: PlaceHours, d: DerivedHours): unknown[] {
  return [
    JSON.stringify(hours),
    multirangeLiteral(d.openOwn),
    multirangeLiteral(d.openSpill),
    d.holiday ? multirangeLiteral(d.holiday.own) : null,
    d.holiday ? multirangeLiteral(d.holiday.spill) : null,
  ];
}
export const HOURS_COLUMNS = ['hours', 'open_own', 'open_spill', 'holiday_own', 'holiday_spill'] as const;

/** Writes a new place under its union's path; returns its id. */
export async function insertPlace(q: Queryable, p: PlaceInsert): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO place (org_id, org_path, kind, name, address, town_id, lat, lng, wgs_lat, wgs_lng,
                        hours, open_own, open_spill, holiday_own, holiday_spill, services, intro,
                        keeper_name, keeper_phone_enc, keeper_phone_hash, keeper_phone_masked, bookable, source, created_by)
     SELECT o.id, o.path, $2, $3, $4, $5, $6, $7, $8, $9,
            $10::jsonb, $11::int4multirange, $12::int4multirange, $13::int4multirange, $14::int4multirange, $15::text[], $16,
            $17, $18, $19, $20, $21, $22, $23
       FROM org o WHERE o.id = $1
     RETURNING id::int AS id`,
    [
      p.orgId,
      p.kind,
      p.name,
      p.address,
      p.townId,
      p.lat,
      p.lng,
      p.wgs?.lat ?? null,
      p.wgs?.lng ?? null,
      ...hoursValues(p.hours, p.derived),
      p.services,
      p.intro,
      p.keeperName,
      p.keeperPhone?.enc ?? null,
      p.keeperPhone?.hash ?? null,
      p.keeperPhone?.masked ?? null,
      p.bookable,
      p.source,
      p.createdBy,
    ],
  );
  if (!row) throw new Error(`insertPlace: no org ${p.orgId}`);
  return row.id;
}

// ── the staff register: list, detail, edit ─────────────────────────────────────────────────────

export interface PlaceRow {
  id: number;
  orgId: number;
  orgName: string;
  orgPath: string;
  kind: PlaceKind;
  name: string;
  address: string;
  townId: number | null;
  townName: string | null;
  lat: number;
  lng: number;
  wgsLat: number | null;
  wgsLng: number | null;
  hours: PlaceHours;
  services: PlaceService[];
  intro: string;
  keeperName: string | null;
  keeperPhoneEnc: Buffer | null;
  keeperPhoneMasked: string | null;
  bookable: boolean;
  status: 'open' | 'closed';
  closedReason: string | null;
  liveState: 'open' | 'closed' | null;
  liveBusy: 'quiet' | 'normal' | 'busy' | null;
  liveAt: Date | null;
  problemsOpen: number;
  problemLatest: string | null;
  mergedInto: number | null;
  mergedIntoName: string | null;
  source: 'staff' | 'import' | 'demo';
  createdAt: Date;
  updatedAt: Date;
}

const PLACE = `p.id::int AS id, p.org_id::int AS "orgId", o.name AS "orgName", p.org_path::text AS "orgPath", p.kind, p.name, p.address,
  p.town_id::int AS "townId", t.name AS "townName", p.lat, p.lng, p.wgs_lat AS "wgsLat", p.wgs_lng AS "wgsLng", p.hours, p.services,
  p.intro, p.keeper_name AS "keeperName", p.keeper_phone_enc AS "keeperPhoneEnc", p.keeper_phone_masked AS "keeperPhoneMasked",
  p.bookable, p.status, p.closed_reason AS "closedReason", p.live_state AS "liveState", p.live_busy AS "liveBusy", p.live_at AS "liveAt",
  p.problems_open AS "problemsOpen", p.problem_latest AS "problemLatest", p.merged_into::int AS "mergedInto", m.name AS "mergedIntoName",
  p.source, p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;
const PLACE_FROM = `place p JOIN org o ON o.id = p.org_id LEFT JOIN org t ON t.id = p.town_id LEFT JOIN place m ON m.id = p.merged_into`;

export interface PlaceFilter {
  /** a subtree root already checked against the scope */
  root: string;
  kind?: PlaceKind | undefined;
  status?: 'open' | 'closed' | 'merged' | undefined;
  townId?: number | undefined;
  q?: string | undefined;
  problems?: boolean | undefined;
}

/** Places of a subtree, by name; merged ones only when asked for. */
export async function findPlaces(q: Queryable, f: PlaceFilter, page: { limit: number; offset: number }): Promise<{ items: PlaceRow[]; total: number }> {
  const where = ['p.org_path <@ $1::ltree'];
  const args: unknown[] = [f.root];
  const add = (cond: (n: number) => string, v: unknown) => {
    args.push(v);
    where.push(cond(args.length));
  };
  if (f.status === 'merged') where.push('p.merged_into IS NOT NULL');
  else {
    where.push('p.merged_into IS NULL');
    if (f.status) add((n) => `p.status = $${n}`, f.status);
  }
  if (f.kind) add((n) => `p.kind = $${n}`, f.kind);
  if (f.townId) add((n) => `p.town_id = $${n}`, f.townId);
  if (f.q) add((n) => `(p.name ILIKE $${n} OR p.address ILIKE $${n})`, `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  if (f.problems) where.push('p.problems_open > 0');
  const cond = where.join(' AND ');
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM place p WHERE ${cond}`, args);
  const items = await q.query<PlaceRow>(
    `SELECT ${PLACE} FROM ${PLACE_FROM} WHERE ${cond} ORDER BY p.name, p.id LIMIT $${args.length + 1} OFFSET $${args.length + 2}`,
    [...args, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}

/** One place in the scope's subtree (merged ones too), or undefined. */
export async function getPlaceInScope(q: Queryable, scopePath: string, id: number, lock = false): Promise<PlaceRow | undefined> {
  if (lock) await q.query(`SELECT id FROM place WHERE id = $1 FOR UPDATE`, [id]);
  const [row] = await q.query<PlaceRow>(`SELECT ${PLACE} FROM ${PLACE_FROM} WHERE p.id = $1 AND p.org_path <@ $2::ltree`, [id, scopePath]);
  return row;
}

/** The columns an edit may change (undefined: unchanged). */
export interface PlaceUpdate {
  orgId?: number;
  kind?: PlaceKind;
  name?: string;
  address?: string;
  townId?: number | null;
  position?: { lat: number; lng: number; wgs: { lat: number; lng: number } | null };
  hours?: { hours: PlaceHours; derived: DerivedHours };
  services?: readonly PlaceService[];
  intro?: string;
  keeperName?: string | null;
  keeperPhone?: { enc: Buffer; hash: Buffer; masked: string } | null;
  bookable?: boolean;
}

export async function updatePlace(q: Queryable, id: number, u: PlaceUpdate): Promise<void> {
  const sets: string[] = [];
  const args: unknown[] = [id];
  const set = (column: string, v: unknown, cast = '') => {
    args.push(v);
    sets.push(`${column} = $${args.length}${cast}`);
  };
  if (u.orgId !== undefined) {
    set('org_id', u.orgId);
    sets.push(`org_path = (SELECT path FROM org WHERE id = $${args.length})`);
  }
  if (u.kind !== undefined) set('kind', u.kind);
  if (u.name !== undefined) set('name', u.name);
  if (u.address !== undefined) set('address', u.address);
  if (u.townId !== undefined) set('town_id', u.townId);
  if (u.position) {
    set('lat', u.position.lat);
    set('lng', u.position.lng);
    set('wgs_lat', u.position.wgs?.lat ?? null);
    set('wgs_lng', u.position.wgs?.lng ?? null);
  }
  if (u.hours) {
    const values = hoursValues(u.hours.hours, u.hours.derived);
    HOURS_COLUMNS.forEach((c, i) => set(c, values[i], i === 0 ? '::jsonb' : '::int4multirange'));
  }
  if (u.services !== undefined) set('services', u.services, '::text[]');
  if (u.intro !== undefined) set('intro', u.intro);
  if (u.keeperName !== undefined) set('keeper_name', u.keeperName);
  if (u.keeperPhone !== undefined) {
    set('keeper_phone_enc', u.keeperPhone?.enc ?? null);
    set('keeper_phone_hash', u.keeperPhone?.hash ?? null);
    set('keeper_phone_masked', u.keeperPhone?.masked ?? null);
  }
  if (u.bookable !== undefined) set('bookable', u.bookable);
  if (sets.length === 0) return;
  await q.query(`UPDATE place SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, args);
}

export async function setPlaceStatus(q: Queryable, id: number, status: 'open' | 'closed', reason: string | null): Promise<void> {
  await q.query(`UPDATE place SET status = $2, closed_reason = $3, updated_at = now() WHERE id = $1`, [id, status, reason]);
}

// ── exceptions ───────────────────────────────────────────────────────────────────────────────

export interface ExceptionRow {
  placeId: number;
  day: string;
  own: string;
  spill: string;
  hours: HoursInterval[];
  note: string;
}

export async function findExceptions(q: Queryable, placeIds: readonly number[], fromDay: string, toDay?: string): Promise<ExceptionRow[]> {
  if (placeIds.length === 0) return [];
  return q.query<ExceptionRow>(
    `SELECT place_id::int AS "placeId", to_char(day, 'YYYY-MM-DD') AS day, own::text AS own, spill::text AS spill, hours, note
       FROM place_hours_exception WHERE place_id = ANY($1::bigint[]) AND day >= $2::date AND ($3::date IS NULL OR day <= $3::date) ORDER BY day`,
    [placeIds, fromDay, toDay ?? null],
  );
}

export async function upsertException(q: Queryable, e: { placeId: number; day: string; rule: DayRule; hours: HoursInterval[]; note: string; staffId: number }): Promise<void> {
  await q.query(
    `INSERT INTO place_hours_exception (place_id, day, own, spill, hours, note, created_by)
     VALUES ($1, $2::date, $3::int4multirange, $4::int4multirange, $5::jsonb, $6, $7)
     ON CONFLICT (place_id, day) DO UPDATE SET own = EXCLUDED.own, spill = EXCLUDED.spill, hours = EXCLUDED.hours, note = EXCLUDED.note,
       created_by = EXCLUDED.created_by, created_at = now()`,
    [e.placeId, e.day, multirangeLiteral(e.rule.own), multirangeLiteral(e.rule.spill), JSON.stringify(e.hours), e.note, e.staffId],
  );
}

export async function deleteException(q: Queryable, placeId: number, day: string): Promise<boolean> {
  const rows = await q.query(`DELETE FROM place_hours_exception WHERE place_id = $1 AND day = $2::date RETURNING place_id`, [placeId, day]);
  return rows.length > 0;
}

// ── idempotent answers ─────────────────────────────────────────────────────────────────────────

export async function findRequest(q: Queryable, staffId: number, key: string): Promise<{ answer: string; hash: string } | undefined> {
  const [row] = await q.query<{ answer: string; hash: string }>(
    `SELECT answer, encode(request_hash, 'hex') AS hash FROM place_request WHERE staff_id = $1 AND idem_key = $2`,
    [staffId, key],
  );
  return row;
}

export async function insertRequest(q: Queryable, r: { staffId: number; key: string; hash: Buffer; answer: string }): Promise<void> {
  await q.query(`INSERT INTO place_request (staff_id, idem_key, request_hash, answer) VALUES ($1, $2, $3, $4)`, [r.staffId, r.key, r.hash, r.answer]);
}

// ── figures ──────────────────────────────────────────────────────────────────────────────────

export async function countPlaces(q: Queryable, root: string): Promise<{ kind: PlaceKind; status: 'open' | 'closed'; n: number }[]> {
  return q.query(
    `SELECT kind, status, count(*)::int AS n FROM place WHERE org_path <@ $1::ltree AND merged_into IS NULL GROUP BY kind, status`,
    [root],
  );
}

const BATCH_COLUMNS = 24;

/** Writes many places of one union at once (an import): multi-row inserts of 1,000. */
export async function insertPlacesBatch(q: Queryable, org: { id: number; path: string }, places: readonly PlaceInsert[]): Promise<number> {
  let n = 0;
  for (let i = 0; i < places.length; i += 1000) {
    const chunk = places.slice(i, i + 1000);
    const args: unknown[] = [];
    const tuples = chunk.map((p) => {
      const base = args.length;
      args.push(
        org.id, org.path, p.kind, p.name, p.address, p.townId, p.lat, p.lng, p.wgs?.lat ?? null, p.wgs?.lng ?? null,
        ...hoursValues(p.hours, p.derived), p.services, p.intro, p.keeperName, p.keeperPhone?.enc ?? null, p.keeperPhone?.hash ?? null,
        p.keeperPhone?.masked ?? null, p.bookable, p.source, p.createdBy,
      );
      const $ = (k: number) => `$${base + k}`;
      return `(${$(1)}::bigint, ${$(2)}::ltree, ${$(3)}, ${$(4)}, ${$(5)}, ${$(6)}::bigint, ${$(7)}::float8, ${$(8)}::float8, ${$(9)}::float8, ${$(10)}::float8,
        ${$(11)}::jsonb, ${$(12)}::int4multirange, ${$(13)}::int4multirange, ${$(14)}::int4multirange, ${$(15)}::int4multirange, ${$(16)}::text[], ${$(17)},
        ${$(18)}, ${$(19)}::bytea, ${$(20)}::bytea, ${$(21)}, ${$(22)}::boolean, ${$(23)}, ${$(24)}::bigint)`;
    });
    if (args.length !== chunk.length * BATCH_COLUMNS) throw new Error('insertPlacesBatch: column count');
    await q.query(
      `INSERT INTO place (org_id, org_path, kind, name, address, town_id, lat, lng, wgs_lat, wgs_lng,
                          hours, open_own, open_spill, holiday_own, holiday_spill, services, intro,
                          keeper_name, keeper_phone_enc, keeper_phone_hash, keeper_phone_masked, bookable, source, created_by)
       VALUES ${tuples.join(',\n')}`,
      args,
    );
    n += chunk.length;
  }
  return n;
}

/** Town-level unions of a subtree, for an import's 所在镇街 column. */
export async function findTowns(q: Queryable, root: string): Promise<{ id: number; name: string }[]> {
  return q.query(`SELECT id::int AS id, name FROM org WHERE level = 'town' AND path <@ $1::ltree`, [root]);
}
