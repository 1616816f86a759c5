// Stations in bulk for the benchmark and a large demo (issue 15 §7: 200,000): set-based SQL over
// generate_series — each row a point scattered uniformly over a disc around one of the anchors (a
// town or a city centre, whose union runs it) and one of the templates of hours and services.
// Deterministic for a given seed (setseed), batched so PGlite's memory stays small.
import type { Queryable } from '../../db/client.ts';

export interface ScaleAnchor {
  lat: number;
  lng: number;
  radiusDeg: number;
  orgId: number;
  townId: number | null;
  /** the town's short name, for the station's name and address */
  label: string;
}

/** Hours (as entered and derived: multirange literals) and services of a generated station. */
export interface ScaleTemplate {
  suffix: string;
  hours: string;
  openOwn: string;
  openSpill: string;
  holidayOwn: string | null;
  holidaySpill: string | null;
  services: string[];
}

const BATCH = 25_000;

export async function bulkLoadStations(q: Queryable, o: { count: number; anchors: ScaleAnchor[]; templates: ScaleTemplate[]; seed: number }): Promise<number> {
  const [first] = await q.query<{ n: number }>(`SELECT COALESCE(max(id), 0)::int AS n FROM place`);
  let done = 0;
  await q.query(`SELECT setseed($1::float8)`, [o.seed]);
  while (done < o.count) {
    const n = Math.min(BATCH, o.count - done);
    await q.query(
      `WITH a AS (
         SELECT (row_number() OVER ()) - 1 AS i, * FROM unnest($2::float8[], $3::float8[], $4::float8[], $5::bigint[], $6::bigint[], $7::text[]) AS a(lat, lng, r, org_id, town_id, label)),
       t AS (
         SELECT (row_number() OVER ()) - 1 AS i, * FROM unnest($8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[]) AS t(suffix, hours, own, spill, hown, hspill, services)),
       g AS (
         SELECT s AS n, floor(random() * $15::int)::int AS ai, floor(random() * $16::int)::int AS ti, sqrt(random()) AS u, random() * 2 * pi() AS v, floor(random() * 300)::int + 1 AS no
           FROM generate_series($1::int + 1, $1::int + $17::int) s)
       INSERT INTO place (org_id, org_path, kind, name, address, town_id, lat, lng, hours, open_own, open_spill, holiday_own, holiday_spill, services, source)
       SELECT a.org_id, o.path, 'station', a.label || '第' || g.n || '号' || t.suffix, a.label || '服务点 ' || g.no || ' 号', a.town_id,
              a.lat + a.r * g.u * sin(g.v), a.lng + a.r * g.u * cos(g.v) / cos(radians(a.lat)),
              t.hours::jsonb, t.own::int4multirange, t.spill::int4multirange, t.hown::int4multirange, t.hspill::int4multirange,
              string_to_array(t.services, ','), 'demo'
         FROM g JOIN a ON a.i = g.ai JOIN t ON t.i = g.ti JOIN org o ON o.id = a.org_id`,
      [
        (first?.n ?? 0) + done,
        o.anchors.map((a) => a.lat),
        o.anchors.map((a) => a.lng),
        o.anchors.map((a) => a.radiusDeg),
        o.anchors.map((a) => a.orgId),
        o.anchors.map((a) => a.townId),
        o.anchors.map((a) => a.label),
        o.templates.map((t) => t.suffix),
        o.templates.map((t) => t.hours),
        o.templates.map((t) => t.openOwn),
        o.templates.map((t) => t.openSpill),
        o.templates.map((t) => t.holidayOwn),
        o.templates.map((t) => t.holidaySpill),
        o.templates.map((t) => t.services.join(',')),
        o.anchors.length,
        o.templates.length,
        n,
      ],
    );
    done += n;
  }
  return done;
}
