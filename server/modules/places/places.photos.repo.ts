// SQL of a place's photos (migration 041).
import type { Queryable } from '../../db/client.ts';

export async function findPhotos(q: Queryable, placeId: number): Promise<{ id: number; createdAt: Date }[]> {
  return q.query(`SELECT id::int AS id, created_at AS "createdAt" FROM place_photo WHERE place_id = $1 ORDER BY id`, [placeId]);
}

export async function insertPhoto(q: Queryable, p: { placeId: number; mime: string; bytes: Buffer; staffId: number | null }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO place_photo (place_id, mime, bytes, created_by) VALUES ($1, $2, $3, $4) RETURNING id::int AS id`,
    [p.placeId, p.mime, p.bytes, p.staffId],
  );
  return row!.id;
}

export async function deletePhoto(q: Queryable, placeId: number, photoId: number): Promise<boolean> {
  return (await q.query(`DELETE FROM place_photo WHERE id = $1 AND place_id = $2 RETURNING id`, [photoId, placeId])).length > 0;
}

export interface PhotoFile {
  mime: string;
  bytes: Buffer;
  orgPath: string;
  /** in service and not merged: members may see it */
  public: boolean;
}

export async function getPhotoFile(q: Queryable, photoId: number): Promise<PhotoFile | undefined> {
  const [row] = await q.query<PhotoFile>(
    `SELECT f.mime, f.bytes, p.org_path::text AS "orgPath", (p.status = 'open' AND p.merged_into IS NULL) AS public
       FROM place_photo f JOIN place p ON p.id = f.place_id WHERE f.id = $1`,
    [photoId],
  );
  return row;
}
