// SQL of likely duplicates in the register: the same kind within ~50 m, or a similar name (pg_trgm
// similarity) within ~500 m — both through earth_box on the GiST index over ll_to_earth(lat, lng)
// (migration 040; only places in service and not merged are indexed, and only those are compared).
import type { PlaceKind } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';

/** pg_trgm similarity at or above which two names nearby count as the same place's. */
export const NAME_SIMILARITY = 0.4;

export interface DuplicateRow {
  id: number;
  name: string;
  kind: PlaceKind;
  address: string;
  distanceM: number;
  reason: 'near' | 'similarName';
}

const LIVE = (a: string) => `${a}.status = 'open' AND ${a}.merged_into IS NULL`;

/** Places of the subtree `root` likely the same as one at (lat, lng) of `kind` named `name`, nearest first. */
export async function findDuplicatesOf(
  q: Queryable,
  root: string,
  p: { lat: number; lng: number; kind: PlaceKind; name: string; excludeId: number | null },
  radii: { near: number; name: number },
  limit = 10,
): Promise<DuplicateRow[]> {
  return q.query<DuplicateRow>(
    `WITH c AS (
       SELECT p.id::int AS id, p.name, p.kind, p.address,
              earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth($1, $2)) AS d
         FROM place p
        WHERE ${LIVE('p')} AND earth_box(ll_to_earth($1, $2), $6) @> ll_to_earth(p.lat, p.lng)
          AND p.org_path <@ $5::ltree AND ($7::bigint IS NULL OR p.id <> $7))
     SELECT id, name, kind, address, round(d)::int AS "distanceM",
            CASE WHEN kind = $3 AND d <= $8 THEN 'near' ELSE 'similarName' END AS reason
       FROM c
      WHERE (kind = $3 AND d <= $8) OR (d <= $6 AND similarity(name, $4) >= ${NAME_SIMILARITY})
      ORDER BY d, id LIMIT $9`,
    [p.lat, p.lng, p.kind, p.name, root, radii.name, p.excludeId, radii.near, limit],
  );
}

export interface RowPoint {
  row: number;
  lat: number;
  lng: number;
  kind: PlaceKind;
  name: string;
}

/** For each of many points (an import's rows): the nearest likely duplicate in the subtree, if any. */
export async function findDuplicatesOfMany(q: Queryable, root: string, points: readonly RowPoint[], radii: { near: number; name: number }): Promise<(DuplicateRow & { row: number })[]> {
  if (points.length === 0) return [];
  return q.query<DuplicateRow & { row: number }>(
    `SELECT r.row, d.* FROM unnest($1::int[], $2::float8[], $3::float8[], $4::text[], $5::text[]) AS r(row, lat, lng, kind, name)
     CROSS JOIN LATERAL (
       SELECT p.id::int AS id, p.name, p.kind, p.address, round(earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth(r.lat, r.lng)))::int AS "distanceM",
              CASE WHEN p.kind = r.kind AND earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth(r.lat, r.lng)) <= $8 THEN 'near' ELSE 'similarName' END AS reason
         FROM place p
        WHERE ${LIVE('p')} AND p.org_path <@ $6::ltree AND earth_box(ll_to_earth(r.lat, r.lng), $7) @> ll_to_earth(p.lat, p.lng)
          AND ((p.kind = r.kind AND earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth(r.lat, r.lng)) <= $8)
               OR (earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth(r.lat, r.lng)) <= $7 AND similarity(p.name, r.name) >= ${NAME_SIMILARITY}))
        ORDER BY earth_distance(ll_to_earth(p.lat, p.lng), ll_to_earth(r.lat, r.lng)) LIMIT 1) d
     ORDER BY r.row`,
    [points.map((p) => p.row), points.map((p) => p.lat), points.map((p) => p.lng), points.map((p) => p.kind), points.map((p) => p.name), root, radii.name, radii.near],
  );
}

export interface PairRow {
  aId: number;
  aName: string;
  aKind: PlaceKind;
  aAddress: string;
  aOrgId: number;
  aOrgName: string;
  bId: number;
  bName: string;
  bKind: PlaceKind;
  bAddress: string;
  bOrgId: number;
  bOrgName: string;
  distanceM: number;
  reason: 'near' | 'similarName';
}

/** Pairs of likely duplicates within the subtree `root` (each pair once), closest first. */
export async function findDuplicatePairs(q: Queryable, root: string, radii: { near: number; name: number }, page: { limit: number; offset: number }): Promise<{ items: PairRow[]; total: number }> {
  const pairs = `
    SELECT a.id AS a_id, b.id AS b_id, earth_distance(ll_to_earth(a.lat, a.lng), ll_to_earth(b.lat, b.lng)) AS d,
           CASE WHEN a.kind = b.kind AND earth_distance(ll_to_earth(a.lat, a.lng), ll_to_earth(b.lat, b.lng)) <= $3 THEN 'near' ELSE 'similarName' END AS reason
      FROM place a JOIN place b
        ON b.id > a.id AND ${LIVE('b')} AND b.org_path <@ $1::ltree AND earth_box(ll_to_earth(a.lat, a.lng), $2) @> ll_to_earth(b.lat, b.lng)
     WHERE ${LIVE('a')} AND a.org_path <@ $1::ltree
       AND ((a.kind = b.kind AND earth_distance(ll_to_earth(a.lat, a.lng), ll_to_earth(b.lat, b.lng)) <= $3)
            OR (earth_distance(ll_to_earth(a.lat, a.lng), ll_to_earth(b.lat, b.lng)) <= $2 AND similarity(a.name, b.name) >= ${NAME_SIMILARITY}))`;
  const [count] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${pairs}) x`, [root, radii.name, radii.near]);
  const items = await q.query<PairRow>(
    `SELECT x.a_id::int AS "aId", a.name AS "aName", a.kind AS "aKind", a.address AS "aAddress", a.org_id::int AS "aOrgId", ao.name AS "aOrgName",
            x.b_id::int AS "bId", b.name AS "bName", b.kind AS "bKind", b.address AS "bAddress", b.org_id::int AS "bOrgId", bo.name AS "bOrgName",
            round(x.d)::int AS "distanceM", x.reason
       FROM (${pairs}) x JOIN place a ON a.id = x.a_id JOIN org ao ON ao.id = a.org_id JOIN place b ON b.id = x.b_id JOIN org bo ON bo.id = b.org_id
      ORDER BY x.d, x.a_id, x.b_id LIMIT $4 OFFSET $5`,
    [root, radii.name, radii.near, page.limit, page.offset],
  );
  return { items, total: count?.n ?? 0 };
}
