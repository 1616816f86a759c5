// A place's photos: staff of the subtree upload (an image by its content — PNG, JPEG, WebP — at most
// 5 MB, at most 9 a place; a merge keeps all of both places', and then no upload until under 9) and remove them; the photo itself is shown to staff of the subtree and,
// while the place is in service, to any signed-in worker (the member site's place page).
import { PLACE_PHOTOS_MAX, PLACE_PHOTO_MAX_BYTES } from '../../../contracts/places.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { isPathInScope, type Scope } from '../../http/scope.ts';
import { createHash } from 'node:crypto';
import { sniffImage } from '../../lib/sniff-image.ts';
import * as prepo from './places.photos.repo.ts';
import { getPlaceInScopeRow, placeWriteOnce } from './places.service.ts';

/** Adds a photo to a place, once per key. Throws not_found, place_merged, place_photo_type, place_photo_too_large, place_photos_full. */
export async function uploadPlacePhoto(ctx: StaffContext, placeId: number, key: string, content: Buffer): Promise<IdempotentReply> {
  if (content.length > PLACE_PHOTO_MAX_BYTES) throw new AppError('place_photo_too_large');
  const mime = sniffImage(content);
  if (!mime) throw new AppError('place_photo_type');
  const digest = createHash('sha256').update(content).digest('hex');
  return placeWriteOnce(ctx, key, requestHashOf('place photo', placeId, digest), async (tx) => {
    const place = await getPlaceInScopeRow(ctx, tx, placeId, true);
    if (place.mergedInto !== null) throw new AppError('place_merged');
    // a merge keeps both places' photos, so a place may hold more than 9: it takes no new one until under 9
    const count = (await prepo.findPhotos(tx, placeId)).length;
    if (count > PLACE_PHOTOS_MAX) throw new AppError('place_photos_full', `合并后本阵地有 ${count} 张照片，超过 ${PLACE_PHOTOS_MAX} 张的上限。请先删除 ${count - PLACE_PHOTOS_MAX + 1} 张，再上传新照片`);
    if (count === PLACE_PHOTOS_MAX) throw new AppError('place_photos_full');
    const id = await prepo.insertPhoto(tx, { placeId, mime, bytes: content, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'place.photo_add', { type: 'place', id: placeId, orgPath: place.orgPath }, { photoId: id, bytes: content.length });
    return { id, createdAt: new Date().toISOString() };
  });
}

/** Removes a photo of a place. Throws not_found. */
export async function deletePlacePhoto(ctx: StaffContext, placeId: number, photoId: number): Promise<{ ok: true }> {
  return ctx.db.transaction(async (tx) => {
    const place = await getPlaceInScopeRow(ctx, tx, placeId, true);
    if (!(await prepo.deletePhoto(tx, placeId, photoId))) throw new AppError('not_found');
    await audit(tx, ctx, 'place.photo_remove', { type: 'place', id: placeId, orgPath: place.orgPath }, { photoId });
    return { ok: true as const };
  });
}

/**
 * A photo's bytes: for staff, of a place in their subtree (or in service); for a worker, of a place
 * in service. Throws not_found.
 */
export async function getPlacePhotoFile(deps: Deps, viewer: { scope: Scope } | null, photoId: number): Promise<{ mime: string; bytes: Buffer }> {
  const f = await prepo.getPhotoFile(deps.db, photoId);
  if (!f) throw new AppError('not_found');
  if (!f.public && !(viewer && isPathInScope(viewer.scope, f.orgPath))) throw new AppError('not_found');
  return { mime: f.mime, bytes: Buffer.from(f.bytes) };
}
