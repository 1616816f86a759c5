// Roster import for staff: the upload (judged before anything is parsed or written), the job the
// console polls, the error workbook, the template.
import type { RosterJob } from '../../../contracts/rosters.ts';
import { idString } from '../../../contracts/common.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError, errorBody } from '../../errors.ts';
import { redactText } from '../../lib/redact.ts';
import type { RosterQueue } from './roster-import.ts';
import { buildTemplate } from './roster-sheet.ts';
import * as repo from './rosters.repo.ts';
import { inspectXlsx, verifyInflation } from '../../lib/xlsx-guard.ts';
import { audit } from '../../http/actors.ts';

/** A job silent this long (no batch, no heartbeat) was interrupted: its server stopped. */
const STALE_SECONDS = 120;

export interface UploadForm {
  orgId: string | undefined;
  fileName: string;
  content: Buffer;
}

/** The file's own name, without folders, control characters or anything shaped like an ID or phone number. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = redactText(base.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '')).trim();
  return [...cleaned].slice(0, 120).join('') || '名册.xlsx';
}

export function toJobView(j: repo.JobRow): RosterJob {
  const running = j.status === 'queued' || j.status === 'reading' || j.status === 'importing';
  const interrupted = running && j.silentFor > STALE_SECONDS;
  const error = interrupted
    ? errorBody('roster_interrupted')
    : j.errorCode
      ? { error: j.errorCode, message: j.errorMessage ?? '' }
      : null;
  return {
    id: j.id,
    org: { id: j.orgId, name: j.orgName },
    fileName: j.fileName,
    fileSize: j.fileSize,
    status: interrupted ? 'failed' : j.status,
    percent: Math.max(0, Math.min(100, j.percent)),
    totalRows: j.totalRows,
    readRows: j.readRows,
    processedRows: j.processedRows,
    imported: j.imported,
    rejoined: j.rejoined,
    skipped: j.skipped,
    errorRows: j.errorRows,
    errorCounts: j.errorCounts ?? {},
    hasErrorFile: j.hasErrorFile && !j.errorsExpired,
    error: error ? { error: error.error, message: error.message } : null,
    createdAt: new Date(j.createdAt).toISOString(),
    finishedAt: j.finishedAt ? new Date(j.finishedAt).toISOString() : null,
  };
}

/**
 * Accepts a roster for a union of the scope and queues its import. Judges the file before any
 * parsing and writes nothing when it refuses. Throws validation_failed, roster_file_required,
 * not_found, org_closed, roster_org_not_member_union, roster_not_xlsx, roster_legacy_xls,
 * roster_corrupt, roster_too_many_entries, roster_too_big_unpacked, roster_zip_bomb, roster_queue_full.
 */
export async function uploadRoster(ctx: StaffContext, queue: RosterQueue, form: UploadForm): Promise<RosterJob> {
  const parsedOrg = idString('工会 ID').safeParse(form.orgId);
  if (!parsedOrg.success) throw new AppError('validation_failed', '请求参数有误：orgId 应为本管理范围内工会的 ID');
  const org = await getOrgInScope(ctx.db, ctx.scope, parsedOrg.data);
  if (org.status !== 'active') throw new AppError('org_closed');
  if (org.level !== 'grassroots' && org.level !== 'town') throw new AppError('roster_org_not_member_union');
  if (form.content.length === 0) throw new AppError('roster_file_required');

  const zip = inspectXlsx(form.content);
  await verifyInflation(form.content, zip);
  if (!queue.hasRoom()) throw new AppError('roster_queue_full');

  const fileName = cleanFileName(form.fileName);
  const jobId = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertJob(tx, { orgId: org.id, staffId: ctx.actor.staffId, fileName, fileSize: form.content.length });
    await audit(tx, ctx, 'roster.upload', { type: 'roster_job', id, orgPath: org.path }, { fileName, fileSize: form.content.length });
    return id;
  });
  queue.enqueue({ jobId, orgId: org.id, orgPath: org.path, staffId: ctx.actor.staffId, staffName: ctx.actor.username, buf: form.content, zip });
  return getRosterJob(ctx, jobId);
}

/** A job whose union is in the scope. Throws not_found. */
export async function getRosterJob(ctx: StaffContext, id: number): Promise<RosterJob> {
  const j = await repo.getJob(ctx.db, id);
  if (!j) throw new AppError('not_found');
  await getOrgInScope(ctx.db, ctx.scope, j.orgId);
  return toJobView(j);
}

/** The latest jobs of the scope (or of one union's subtree), newest first. Throws not_found. */
export async function listRosterJobs(ctx: StaffContext, q: { orgId?: number | undefined; page: number; pageSize: number }): Promise<{ items: RosterJob[]; total: number }> {
  const under = q.orgId ? (await getOrgInScope(ctx.db, ctx.scope, q.orgId)).path : ctx.scope.path;
  const [rows, total] = await Promise.all([
    repo.findJobs(ctx.db, ctx.scope, under, q.pageSize, (q.page - 1) * q.pageSize),
    repo.countJobs(ctx.db, ctx.scope, under),
  ]);
  return { items: rows.map(toJobView), total };
}

/**
 * The error workbook of a finished job: the rows not imported as uploaded (full ID and phone
 * numbers — the uploader's own data, to fix), with reasons. Audited. Throws not_found,
 * roster_not_finished, roster_errors_expired.
 */
export async function getRosterErrors(ctx: StaffContext, id: number): Promise<{ content: Buffer; fileName: string }> {
  const j = await repo.getJob(ctx.db, id);
  if (!j) throw new AppError('not_found');
  const org = await getOrgInScope(ctx.db, ctx.scope, j.orgId);
  const view = toJobView(j);
  if (view.status !== 'done') throw new AppError(view.status === 'failed' ? 'not_found' : 'roster_not_finished');
  if (!j.hasErrorFile) throw new AppError('not_found');
  const sealed = await repo.getErrorFile(ctx.db, id);
  if (!sealed) throw new AppError('roster_errors_expired');
  await audit(ctx.db, ctx, 'roster.errors_download', { type: 'roster_job', id, orgPath: org.path }, { rows: j.errorRows });
  return { content: Buffer.from(ctx.pii.decrypt(sealed), 'base64'), fileName: `名册错误明细-${id}.xlsx` };
}

let template: Promise<Buffer> | undefined;
/** The roster template (built once). */
export function getRosterTemplate(): Promise<Buffer> {
  template ??= buildTemplate();
  return template;
}
