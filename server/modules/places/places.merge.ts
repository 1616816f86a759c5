// Merging a duplicate place into the one kept, and undoing a wrong merge (撤销合并). A merge moves
// what belongs to the retired place — photos, dated hours, visits, problem reports, booking slots
// with their bookings, childcare programmes — and hides it everywhere but its own page; every moved
// row is recorded (migration 048), so within 30 days the same staff rule (both places in the scope,
// a writing role) can move exactly those rows back and put the retired place back in the register.
import { placeProblemKindLabels } from '../../../contracts/place-status.ts';
import { PLACE_UNMERGE_DAYS, type PlaceDetail, type PlaceMerge } from '../../../contracts/places.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { beijingDateTime, beijingWhen } from '../../lib/beijing-time.ts';
import { movePlaceProgrammes, returnPlaceProgrammes } from '../childcare/childcare.service.ts';
import * as mrepo from './places.merge.repo.ts';
import { getPlaceInScopeRow, placeDetailOf } from './places.service.ts';
import { refreshProblemFlag } from './status.repo.ts';

const DAY_MS = 86_400_000;

/** Locks both places in id order (two merges of the same pair cannot deadlock); not_found unless both are in the scope. */
async function lockPair(ctx: StaffContext, tx: Queryable, fromId: number, intoId: number) {
  const [first, second] = fromId < intoId ? [fromId, intoId] : [intoId, fromId];
  const a = await getPlaceInScopeRow(ctx, tx, first, true);
  const b = await getPlaceInScopeRow(ctx, tx, second, true);
  return a.id === fromId ? { from: a, into: b } : { from: b, into: a };
}

/**
 * Merges a duplicate into the place kept: both in the scope, neither merged already, not itself.
 * Moves and records what belongs to it, sets merged_into, recounts both places' problem flags;
 * audited with what moved. Throws not_found, place_merge_self, place_merged (this one already
 * merged), place_merge_target_merged.
 */
export async function mergePlace(ctx: StaffContext, id: number, intoId: number): Promise<PlaceDetail> {
  if (id === intoId) throw new AppError('place_merge_self');
  return ctx.db.transaction(async (tx) => {
    const { from, into } = await lockPair(ctx, tx, id, intoId);
    if (from.mergedInto !== null) throw new AppError('place_merged');
    if (into.mergedInto !== null) throw new AppError('place_merge_target_merged');
    const mergeId = await mrepo.insertMerge(tx, { placeId: id, intoId, staffId: ctx.actor.staffId });
    const programmes = await movePlaceProgrammes(tx, id, intoId);
    await mrepo.recordMoved(tx, mergeId, 'programme', programmes);
    const moved = {
      ...(await mrepo.moveOwnRows(tx, mergeId, id, intoId)),
      ...(await mrepo.moveWorkerRows(tx, mergeId, id, intoId)),
      childcare: programmes.length,
    };
    await tx.query(`UPDATE place SET merged_into = $2, updated_at = now() WHERE id = $1`, [id, intoId]);
    await refreshProblemFlag(tx, id, placeProblemKindLabels);
    await refreshProblemFlag(tx, intoId, placeProblemKindLabels);
    await audit(tx, ctx, 'place.merge', { type: 'place', id, orgPath: from.orgPath }, { into: intoId, intoName: into.name, mergeId, moved });
    return placeDetailOf(ctx, tx, await getPlaceInScopeRow(ctx, tx, id));
  });
}

function movedOf(m: Record<string, number>): PlaceMerge['moved'] {
  return {
    photos: m.photo ?? 0,
    exceptions: m.exception ?? 0,
    visits: m.visit ?? 0,
    problems: m.problem ?? 0,
    slots: m.slot ?? 0,
    bookings: m.booking ?? 0,
    childcare: m.programme ?? 0,
  };
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The merges a place took part in, latest first, each with whether it can still be undone (not
 * undone, within 30 days, the retired place still merged into the kept one, which is not merged
 * itself). The bookings check is the undo's own.
 */
export async function mergesOf(q: Queryable, place: { id: number; mergedInto: number | null }, now = new Date()): Promise<PlaceMerge[]> {
  const rows = await mrepo.findMergesOf(q, place.id);
  const states = new Map<number, number | null>();
  for (const r of rows) if (r.undoneAt === null) states.set(r.intoId, null);
  for (const intoId of states.keys()) {
    const [row] = await q.query<{ m: number | null }>(`SELECT merged_into::int AS m FROM place WHERE id = $1`, [intoId]);
    states.set(intoId, row?.m ?? null);
  }
  return rows.map((r) => {
    const until = new Date(new Date(r.mergedAt).getTime() + PLACE_UNMERGE_DAYS * DAY_MS);
    const live = r.undoneAt === null && now < until && states.get(r.intoId) === null && (r.placeId !== place.id || place.mergedInto === r.intoId);
    return {
      id: r.id,
      from: { id: r.placeId, name: r.placeName },
      into: { id: r.intoId, name: r.intoName },
      mergedAt: iso(r.mergedAt),
      mergedBy: r.mergedBy,
      moved: movedOf(r.moved),
      undoUntil: until.toISOString(),
      undoable: live,
      undoneAt: r.undoneAt ? iso(r.undoneAt) : null,
      undoneBy: r.undoneBy,
      undoReason: r.undoReason,
    };
  });
}

/**
 * Undoes a merge (撤销合并): both places in the scope, within 30 days, the retired place still merged
 * into the kept one and unchanged since, the kept one not merged elsewhere since, and no slot it
 * moved booked since by people who will come. Moves exactly the recorded rows back, reopens the
 * retired place (its status as before the merge), recounts both places' problem flags; audited with
 * the reason and what went back. Answers the retired place. Throws not_found, place_unmerge_undone,
 * place_unmerge_too_late, place_unmerge_changed, place_unmerge_blocked.
 */
export async function undoMerge(ctx: StaffContext, mergeId: number, reason: string, now = new Date()): Promise<PlaceDetail> {
  return ctx.db.transaction(async (tx) => {
    const m = await mrepo.getMerge(tx, mergeId, true);
    if (!m) throw new AppError('not_found');
    const { from, into } = await lockPair(ctx, tx, m.placeId, m.intoId);
    if (m.undoneAt !== null) throw new AppError('place_unmerge_undone');
    const mergedAt = new Date(m.mergedAt);
    if (now.getTime() - mergedAt.getTime() > PLACE_UNMERGE_DAYS * DAY_MS) {
      throw new AppError('place_unmerge_too_late', `这次合并发生在 ${beijingDateTime(mergedAt)}，已超过 ${PLACE_UNMERGE_DAYS} 天，不能撤销。如确是两个不同的阵地，请重新登记“${from.name}”。`);
    }
    if (into.mergedInto !== null) {
      throw new AppError('place_unmerge_changed', `保留的阵地“${into.name}”此后又并入了其他阵地，请先撤销那次合并，再撤销这一次。`);
    }
    if (from.mergedInto !== m.intoId || (await mrepo.placeUpdatedAt(tx, from.id)).getTime() > mergedAt.getTime()) {
      throw new AppError('place_unmerge_changed', `被并入的阵地“${from.name}”在合并后又有变动，不能撤销这次合并。`);
    }
    const booked = await mrepo.findSlotsBookedSince(tx, mergeId, mergedAt, now);
    if (booked.length > 0) {
      const list = booked.slice(0, 3).map((s) => `“${s.title}”${beijingWhen(s.startsAt)}（${s.n} 人）`).join('、');
      throw new AppError(
        'place_unmerge_blocked',
        `合并后职工在“${into.name}”预约了${booked.length > 3 ? ` ${booked.length} 个时段，如 ` : ''}${list}，撤销会让他们去错地方。请等这些时段结束后再撤销，或先在“预约管理”中取消这些时段（系统会通知预约人）。`,
      );
    }
    const programmes = await returnPlaceProgrammes(tx, await mrepo.movedIds(tx, mergeId, 'programme'), from.id, into.id);
    const returned = { ...(await mrepo.moveBack(tx, mergeId, from.id, into.id)), childcare: programmes };
    await tx.query(`UPDATE place SET merged_into = NULL, updated_at = now() WHERE id = $1`, [from.id]);
    await mrepo.markUndone(tx, mergeId, ctx.actor.staffId, reason);
    await refreshProblemFlag(tx, from.id, placeProblemKindLabels);
    await refreshProblemFlag(tx, into.id, placeProblemKindLabels);
    await audit(tx, ctx, 'place.unmerge', { type: 'place', id: from.id, orgPath: from.orgPath }, { mergeId, into: into.id, intoName: into.name, reason, returned });
    return placeDetailOf(ctx, tx, await getPlaceInScopeRow(ctx, tx, from.id));
  });
}
