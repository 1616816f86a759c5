// The register of places (阵地): SQL of the place table (migration 040). Other files of this module
// read and write places through here; other modules through places.service.ts.
import type { PlaceHours, PlaceKind, PlaceService } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { multirangeLiteral, type DerivedHours } from '../../lib/opening-hours.ts';

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
