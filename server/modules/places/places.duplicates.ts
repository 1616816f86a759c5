// Likely duplicates in the register (Guangdong counts 15,985 stations while the maps show 26,114
// points): a create, an edit or an import warns of places of the same kind within ~50 m or with a
// similar name within ~500 m; the duplicates page lists such pairs in the subtree; merging one into
// the other (places.merge.ts) moves what belongs to it and hides it everywhere but its own page.
import { DUPLICATE_NAME_M, DUPLICATE_NEAR_M, type DuplicatePair, type PlaceDuplicate, type PlaceKind } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import * as drepo from './places.duplicates.repo.ts';

const RADII = { near: DUPLICATE_NEAR_M, name: DUPLICATE_NAME_M };

/** Places of the subtree `root` likely the same as this one, nearest first (at most 10). */
export function duplicatesOf(q: Queryable, root: string, p: { lat: number; lng: number; kind: PlaceKind; name: string; excludeId: number | null }): Promise<PlaceDuplicate[]> {
  return drepo.findDuplicatesOf(q, root, p, RADII);
}

/** For each import row, the nearest likely duplicate in the register's subtree `root`. */
export function duplicatesOfRows(q: Queryable, root: string, rows: readonly drepo.RowPoint[]) {
  return drepo.findDuplicatesOfMany(q, root, rows, RADII);
}

/** Pairs of likely duplicates in a subtree (the scope's, or orgId's within it), closest first. Throws not_found. */
export async function listDuplicatePairs(ctx: StaffContext, f: { orgId?: number | undefined; page: number; pageSize: number }): Promise<{ items: DuplicatePair[]; total: number }> {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await drepo.findDuplicatePairs(ctx.db, root.path, RADII, { limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return {
    items: items.map((r) => ({
      a: { id: r.aId, name: r.aName, kind: r.aKind, address: r.aAddress, org: { id: r.aOrgId, name: r.aOrgName } },
      b: { id: r.bId, name: r.bName, kind: r.bKind, address: r.bAddress, org: { id: r.bOrgId, name: r.bOrgName } },
      distanceM: r.distanceM,
      reason: r.reason,
    })),
    total,
  };
}
