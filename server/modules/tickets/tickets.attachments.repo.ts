// Documents and photos on a ticket (ticket_attachment, migration 033): SQL only. The ticket's scope
// is checked by the caller through the tickets repo's getters before any of these runs.
import type { Queryable } from '../../db/client.ts';

export interface AttachmentRow {
  id: number;
  ticketId: number;
  kind: 'photo' | 'document';
  fileName: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  size: number;
  uploadedByKind: 'worker' | 'staff';
  uploadedAt: Date | string;
}

const COLUMNS = `id, ticket_id AS "ticketId", kind, file_name AS "fileName", mime, size_bytes AS size,
  uploaded_by_kind AS "uploadedByKind", uploaded_at AS "uploadedAt"`;

/** A ticket's attachments, oldest first (without their bytes). */
export function findAttachments(q: Queryable, ticketId: number): Promise<AttachmentRow[]> {
  return q.query<AttachmentRow>(`SELECT ${COLUMNS} FROM ticket_attachment WHERE ticket_id = $1 ORDER BY id`, [ticketId]);
}

export async function countAttachments(q: Queryable, ticketId: number): Promise<number> {
  const [r] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_attachment WHERE ticket_id = $1`, [ticketId]);
  return r?.n ?? 0;
}

export async function insertAttachment(
  q: Queryable,
  a: { ticketId: number; kind: string; fileName: string; mime: string; size: number; sha256: Buffer; contentEnc: Buffer; byKind: 'worker' | 'staff'; byId: number },
): Promise<AttachmentRow> {
  const [r] = await q.query<AttachmentRow>(
    `INSERT INTO ticket_attachment (ticket_id, kind, file_name, mime, size_bytes, sha256, content_enc, uploaded_by_kind, uploaded_by_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [a.ticketId, a.kind, a.fileName, a.mime, a.size, a.sha256, a.contentEnc, a.byKind, a.byId],
  );
  return r!;
}

/** One attachment with its sealed bytes. */
export async function getAttachment(q: Queryable, id: number): Promise<(AttachmentRow & { contentEnc: Buffer | Uint8Array }) | undefined> {
  const rows = await q.query<AttachmentRow & { contentEnc: Buffer | Uint8Array }>(`SELECT ${COLUMNS}, content_enc AS "contentEnc" FROM ticket_attachment WHERE id = $1`, [id]);
  return rows[0];
}
