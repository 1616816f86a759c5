// Likely duplicates in the register (Guangdong counts 15,985 stations while the maps show 26,114
// points): a create, an edit or an import warns of places of the same kind within ~50 m or with a
// similar name within ~500 m; the duplicates page lists such pairs in the subtree; merging one into
// the other moves what belongs to it and hides it everywhere but its own page.
import {
  DUPLICATE_NAME_M,
  DUPLICATE_NEAR_M,
  type DuplicatePair,
  type PlaceDetail,
  type PlaceDuplicate,
  type PlaceKind,
} from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import * as drepo from './places.duplicates.repo.ts';
import { movePlaceProgrammes } from '../childcare/childcare.service.ts';
import { refreshProblemFlag } from './status.repo.ts';
import { placeProblemKindLabels } from '../../../contracts/place-status.ts';
import { getPlaceInScopeRow, placeDetailOf } from './places.service.ts';

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

/**
 * What other modules keep of a place and must move when it is merged (bookings and their slots,
 * visits, problem reports, childcare programmes): each registers a hook, run in the merge's
 * transaction, answering how many rows it moved.
 */
export type PlaceMergeHook = (tx: Queryable, fromId: number, intoId: number) => Promise<Record<string, number>>;
const mergeHooks: PlaceMergeHook[] = [];

/** Registers what a module does when a place is merged into another (see PlaceMergeHook). */
export function registerPlaceMergeHook(hook: PlaceMergeHook): void {
  if (!mergeHooks.includes(hook)) mergeHooks.push(hook);
}

/**
 * Merges a duplicate into the place kept: both in the scope, neither merged already, not itself.
 * Moves photos and the exceptions the kept place lacks, runs the other modules' hooks, sets
 * merged_into; audited with what moved. Throws not_found, place_merge_self, place_merged
 * (this one already merged), place_merge_target_merged.
 */
export async function mergePlace(ctx: StaffContext, id: number, into: number): Promise<PlaceDetail> {
  if (id === into) throw new AppError('place_merge_self');
  return ctx.db.transaction(async (tx) => {
    // lock in id order so two merges of the same pair cannot deadlock
    const [first, second] = id < into ? [id, into] : [into, id];
    const a = await getPlaceInScopeRow(ctx, tx, first, true);
    const b = await getPlaceInScopeRow(ctx, tx, second, true);
    const [from, target] = a.id === id ? [a, b] : [b, a];
    if (from.mergedInto !== null) throw new AppError('place_merged');
    if (target.mergedInto !== null) throw new AppError('place_merge_target_merged');
    const moved: Record<string, number> = {
      ...(await drepo.moveOwnRows(tx, id, into)),
      ...(await drepo.moveWorkerRows(tx, id, into)),
      ...(await movePlaceProgrammes(tx, id, into)),
    };
    for (const hook of mergeHooks) Object.assign(moved, await hook(tx, id, into));
    await drepo.setMergedInto(tx, id, into);
    // the problems' flag of both places, recounted from the reports they now hold
    await refreshProblemFlag(tx, id, placeProblemKindLabels);
    await refreshProblemFlag(tx, into, placeProblemKindLabels);
    await audit(tx, ctx, 'place.merge', { type: 'place', id, orgPath: from.orgPath }, { into, intoName: target.name, moved });
    return placeDetailOf(ctx, tx, (await getPlaceInScopeRow(ctx, tx, id))!);
  });
}
