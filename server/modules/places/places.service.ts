// The register of places (阵地): what other modules and the seed may do with places.
import type { Queryable } from '../../db/client.ts';
import * as repo from './places.repo.ts';

export type { PlaceInsert } from './places.repo.ts';

/** Writes a place as given, hours already derived — the seed's and the factories' way in (no audit, no checks). */
export function seedPlace(q: Queryable, p: repo.PlaceInsert): Promise<number> {
  return repo.insertPlace(q, p);
}
