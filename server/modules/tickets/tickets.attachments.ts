// Documents and photos on a ticket (材料): the worker uploads to their own ticket, the holding union's
// staff to the ticket they hold; the worker downloads their own, staff of the scope download any on a
// ticket they may see (never the employer's own union: the tickets repo's in-scope getter keeps the
// confidentiality rule), each staff download audited. The type is sniffed from the bytes; the bytes
// are personal data, sealed at rest. Every upload is idempotent (the tickets' store). See
// docs/design/rights.md, "Attachments".
import { createHash } from 'node:crypto';
import { TICKET_ATTACHMENT_MAX_BYTES, TICKET_ATTACHMENTS_MAX } from '../../../contracts/tickets.ts';
import type { Tx } from '../../db/client.ts';
import { audit } from '../../http/actors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { AppError } from '../../errors.ts';
import { safeFileName, sniffFile } from '../../lib/sniff-file.ts';
import * as repo from './tickets.repo.ts';
import * as files from './tickets.attachments.repo.ts';
import { attachmentOf, once, staffOwner, type TicketOwner } from './tickets.core.ts';

/** An uploaded file as the route read it. */
export interface UploadedFile {
  fileName: string | undefined;
  content: Buffer;
}

/** A file to send back: its bytes, the sniffed type and the stored name. */
export interface AttachmentFile {
  content: Buffer;
  mime: string;
  fileName: string;
}

/** Judges a file before anything is written. Throws ticket_attachment_too_large, ticket_attachment_type. */
function judge(file: UploadedFile) {
  if (file.content.length > TICKET_ATTACHMENT_MAX_BYTES) throw new AppError('ticket_attachment_too_large');
  const mime = sniffFile(file.content);
  if (!mime) throw new AppError('ticket_attachment_type');
  const kind = mime === 'application/pdf' ? ('document' as const) : ('photo' as const);
  return { mime, kind, fileName: safeFileName(file.fileName, mime, kind === 'photo' ? '照片' : '材料'), sha256: createHash('sha256').update(file.content).digest() };
}

async function store(
  tx: Tx,
  ctx: StaffContext | MemberContext,
  t: repo.TicketRow,
  file: UploadedFile,
  judged: ReturnType<typeof judge>,
  by: { kind: 'worker' | 'staff'; id: number },
) {
  // the ticket row is locked by the caller: two uploads at once cannot both take the ninth place
  if ((await files.countAttachments(tx, t.id)) >= TICKET_ATTACHMENTS_MAX) throw new AppError('ticket_attachments_full');
  const row = await files.insertAttachment(tx, {
    ticketId: t.id,
    kind: judged.kind,
    fileName: judged.fileName,
    mime: judged.mime,
    size: file.content.length,
    sha256: judged.sha256,
    contentEnc: ctx.pii.encrypt(file.content.toString('base64')),
    byKind: by.kind,
    byId: by.id,
  });
  await audit(tx, ctx, 'ticket.attachment_upload', { type: 'ticket', id: t.id, orgPath: t.orgPath }, { attachmentId: row.id, kind: judged.kind, size: row.size });
  return { ticketId: t.id, answer: attachmentOf(row) };
}

const hashOf = (route: string, ticketId: number, judged: ReturnType<typeof judge>) => requestHashOf(route, ticketId, judged.fileName, judged.sha256.toString('hex'));

/**
 * The worker adds a photo or a PDF to their own open ticket; once per key. Throws not_found (not
 * theirs), ticket_attachment_too_large, ticket_attachment_type, ticket_attachments_full,
 * ticket_state_invalid (closed), idempotency_key_reused.
 */
export async function uploadMyAttachment(ctx: MemberContext, ticketId: number, key: string, file: UploadedFile): Promise<IdempotentReply> {
  const judged = judge(file);
  const owner: TicketOwner = { kind: 'member', id: ctx.actor.workerId };
  return once(ctx.db, owner, key, hashOf('POST /api/me/tickets/:id/attachments', ticketId, judged), async (tx) => {
    const t = await repo.getWorkerTicket(tx, ctx.actor.workerId, ticketId, true);
    if (!t) throw new AppError('not_found');
    if (t.state === 'closed') throw new AppError('ticket_state_invalid', '工单已办结，不能再上传材料');
    return store(tx, ctx, t, file, judged, { kind: 'worker', id: ctx.actor.workerId });
  });
}

/**
 * Staff of the union holding the ticket add a photo or a PDF; once per key. Throws not_found (out of
 * scope, or kept from the employer's own union), ticket_not_holder, ticket_state_invalid, and the
 * file's refusals as uploadMyAttachment.
 */
export async function uploadStaffAttachment(ctx: StaffContext, ticketId: number, key: string, file: UploadedFile): Promise<IdempotentReply> {
  const judged = judge(file);
  return once(ctx.db, staffOwner(ctx), key, hashOf('POST /api/tickets/:id/attachments', ticketId, judged), async (tx) => {
    const t = await repo.getTicketInScope(tx, ctx.scope, ticketId, true);
    if (!t) throw new AppError('not_found');
    if (t.orgId !== ctx.actor.orgId) throw new AppError('ticket_not_holder');
    if (t.state === 'closed') throw new AppError('ticket_state_invalid', '工单已办结，不能再上传材料');
    return store(tx, ctx, t, file, judged, { kind: 'staff', id: ctx.actor.staffId });
  });
}

function fileOf(ctx: StaffContext | MemberContext, a: NonNullable<Awaited<ReturnType<typeof files.getAttachment>>>): AttachmentFile {
  return { content: Buffer.from(ctx.pii.decrypt(a.contentEnc), 'base64'), mime: a.mime, fileName: a.fileName };
}

/** One of the worker's own attachments. Throws not_found (another worker's too). */
export async function getMyAttachmentFile(ctx: MemberContext, id: number): Promise<AttachmentFile> {
  const a = await files.getAttachment(ctx.db, id);
  if (!a || !(await repo.getWorkerTicket(ctx.db, ctx.actor.workerId, a.ticketId))) throw new AppError('not_found');
  return fileOf(ctx, a);
}

/**
 * An attachment of a ticket the staff member may see (scope, and never the employer's own union);
 * each download or inline view audited. Throws not_found.
 */
export async function getStaffAttachmentFile(ctx: StaffContext, id: number, inline: boolean): Promise<AttachmentFile> {
  const a = await files.getAttachment(ctx.db, id);
  const t = a ? await repo.getTicketInScope(ctx.db, ctx.scope, a.ticketId) : undefined;
  if (!a || !t) throw new AppError('not_found');
  await audit(ctx.db, ctx, 'ticket.attachment_download', { type: 'ticket', id: t.id, orgPath: t.orgPath }, { attachmentId: a.id, fileName: a.fileName, inline });
  return fileOf(ctx, a);
}
