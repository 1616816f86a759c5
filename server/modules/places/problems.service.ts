// Problems workers report on places (issue 15 §3): a worker (any phone session) reports one of the
// usual kinds with words and, if they like, a photo; it becomes a task for the union that runs the
// place, due in 2 working days (the working-day calendar), on that union's 工作台 and its ancestors';
// the place shows "有人报告：没有水" while any is open (place.problems_open / problem_latest, kept in
// the same transaction). Staff of the scope list and open reports and resolve them with a note; the
// reporter is told by SMS. One open report per worker, place and kind: reporting it again answers the
// open one (`created: false`), and every report is also idempotent under its Idempotency-Key.
import { createHash } from 'node:crypto';
import {
  PLACE_PROBLEM_DUE_WORKING_DAYS,
  PLACE_PROBLEM_PHOTO_MAX_BYTES,
  placeProblemKindLabels,
  reportProblemFields,
  type MyPlaceProblem,
  type PlaceProblem,
  type PlaceProblemDetail,
  type PlaceProblemKind,
  type PlaceReportInfo,
  type ProblemFigures,
} from '../../../contracts/place-status.ts';
import type { PlaceKind } from '../../../contracts/places.ts';
import { violates } from '../../db/errors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import type { Scope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { sniffImage } from '../../lib/sniff-image.ts';
import { deadlineAfter } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { dispatchNotices, queueSms } from '../notices/notices.service.ts';
import * as repo from './problems.repo.ts';
import * as status from './status.repo.ts';

export { runPlaceProblemSweep, sweepPlaceProblems } from './problems.sweep.ts';

const WRITERS = ['admin', 'reviewer', 'clerk'] as const;

/** A photo as the route read it. */
export interface UploadedPhoto {
  content: Buffer;
}

const iso = (d: Date | string) => new Date(d).toISOString();

function problemOf(r: repo.ProblemRow): PlaceProblem {
  return {
    id: r.id,
    placeId: r.placeId,
    placeName: r.placeName,
    placeKind: r.placeKind as PlaceKind,
    orgId: r.orgId,
    orgName: r.orgName,
    kind: r.kind as PlaceProblemKind,
    text: r.text,
    hasPhoto: r.hasPhoto,
    state: r.state,
    dueAt: iso(r.dueAt),
    overdue: r.overdue,
    createdAt: iso(r.createdAt),
    resolvedAt: r.resolvedAt ? iso(r.resolvedAt) : null,
    remindedAt: r.remindedAt ? iso(r.remindedAt) : null,
    escalatedAt: r.escalatedAt ? iso(r.escalatedAt) : null,
    escalatedToOrgName: r.escalatedToOrgName,
  };
}

function myProblemOf(r: repo.ProblemRow): MyPlaceProblem {
  return {
    id: r.id,
    placeId: r.placeId,
    placeName: r.placeName,
    kind: r.kind as PlaceProblemKind,
    text: r.text,
    hasPhoto: r.hasPhoto,
    state: r.state,
    createdAt: iso(r.createdAt),
    resolvedAt: r.resolvedAt ? iso(r.resolvedAt) : null,
    resolutionNote: r.resolutionNote,
  };
}

/** What the report page shows of any place of the register. Throws not_found. */
export async function getReportInfo(ctx: MemberContext, placeId: number): Promise<PlaceReportInfo> {
  const p = await status.getPlace(ctx.db, placeId);
  if (!p || p.mergedInto !== null) throw new AppError('not_found');
  return {
    id: p.id,
    kind: p.kind as PlaceKind,
    name: p.name,
    address: p.address,
    orgName: p.orgName,
    problemsOpen: p.problemsOpen,
    problemLatest: p.problemLatest,
    myOpenKinds: (await repo.findOpenKindsOf(ctx.db, p.id, ctx.actor.workerId)) as PlaceProblemKind[],
  };
}

/** Judges the form before anything is written. Throws validation_failed, place_problem_photo_too_large, place_problem_photo_type. */
function judge(fields: Record<string, string>, photo: UploadedPhoto | undefined) {
  const parsed = reportProblemFields.safeParse(fields);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const what = issue.path[0] === 'text' ? '问题描述应为 2–200 字' : issue.path[0] === 'kind' ? '请选择问题类型' : issue.message;
    throw new AppError('validation_failed', `请求参数有误：${what}`);
  }
  let image: { content: Buffer; mime: string; sha256: string } | null = null;
  if (photo) {
    if (photo.content.length > PLACE_PROBLEM_PHOTO_MAX_BYTES) throw new AppError('place_problem_photo_too_large');
    const mime = sniffImage(photo.content);
    if (!mime) throw new AppError('place_problem_photo_type');
    image = { content: photo.content, mime, sha256: createHash('sha256').update(photo.content).digest('hex') };
  }
  return { ...parsed.data, image };
}

function storeOf(workerId: number): IdempotencyStore<{ body: string }> {
  return {
    find: (q, _owner, key) => repo.findRequest(q, workerId, key),
    text: (a) => a.body,
    isKeyTaken: (err) => violates(err, 'place_problem_request_pkey'),
  };
}

/**
 * The worker reports a problem with a place; once per key, and once per place and kind while open.
 * Throws not_found (no such place), place_not_in_service, validation_failed,
 * place_problem_photo_too_large, place_problem_photo_type, idempotency_key_reused.
 */
export async function reportProblem(ctx: MemberContext, placeId: number, key: string, fields: Record<string, string>, photo: UploadedPhoto | undefined): Promise<IdempotentReply> {
  const f = judge(fields, photo);
  const workerId = ctx.actor.workerId;
  const hash = requestHashOf('POST /api/me/places/:id/problems', placeId, f.kind, f.text, f.image?.sha256 ?? null);
  const cal = await loadCalendar(ctx.db);
  return writeOnce(
    ctx.db,
    storeOf(workerId),
    { owner: { kind: 'member', id: workerId }, key, hash },
    () =>
      ctx.db.transaction(async (tx) => {
        // the place row is locked: two reports at once keep the flag's count right
        const p = await status.getPlace(tx, placeId, true);
        if (!p) throw new AppError('not_found');
        if (p.status !== 'open' || p.mergedInto !== null) throw new AppError('place_not_in_service');
        const open = await repo.findOpenProblemOf(tx, p.id, workerId, f.kind);
        let answer: MyPlaceProblem;
        if (open) {
          answer = { ...myProblemOf(open), created: false };
        } else {
          const id = await repo.insertProblem(tx, {
            placeId: p.id,
            workerId,
            kind: f.kind,
            text: f.text,
            photo: f.image ? { enc: ctx.pii.encrypt(f.image.content.toString('base64')), mime: f.image.mime, size: f.image.content.length } : null,
            dueAt: deadlineAfter(cal, new Date(), PLACE_PROBLEM_DUE_WORKING_DAYS),
          });
          await status.refreshProblemFlag(tx, p.id, placeProblemKindLabels);
          await audit(tx, ctx, 'place.problem_report', { type: 'place_problem', id, orgPath: p.orgPath }, { placeId: p.id, problemKind: f.kind, photo: f.image !== null });
          answer = { ...myProblemOf((await repo.getProblem(tx, id))!), created: true };
        }
        const body = JSON.stringify(answer);
        await repo.insertRequest(tx, { workerId, key, hash, problemId: answer.id, answer: body });
        return { body };
      }),
  );
}

export async function listMyProblems(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const { items, total } = await repo.findWorkerProblems(ctx.db, ctx.actor.workerId, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map(myProblemOf), total };
}

/** Reports of the scope, filtered; a place outside the scope (or none) is not_found. */
export async function listProblems(ctx: StaffContext, f: { page: number; pageSize: number; state?: 'open' | 'resolved' | 'overdue' | undefined; placeId?: number | undefined }) {
  if (f.placeId !== undefined && !(await status.getPlaceInScope(ctx.db, ctx.scope, f.placeId))) throw new AppError('not_found');
  const { items, total } = await repo.findProblems(ctx.db, ctx.scope, f, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map(problemOf), total };
}

const canResolve = (ctx: StaffContext) => WRITERS.some((r) => ctx.actor.roles.includes(r));

function detailOf(ctx: StaffContext, r: repo.ProblemRow): PlaceProblemDetail {
  return {
    ...problemOf(r),
    address: r.address,
    reporterPhone: r.reporterPhone,
    resolutionNote: r.resolutionNote,
    resolvedBy: r.resolvedBy,
    canResolve: r.state === 'open' && canResolve(ctx),
  };
}

/** A report of the scope (the reporter's phone masked). Throws not_found. */
export async function getProblem(ctx: StaffContext, id: number): Promise<PlaceProblemDetail> {
  const r = await repo.getProblemInScope(ctx.db, ctx.scope, id);
  if (!r) throw new AppError('not_found');
  return detailOf(ctx, r);
}

/**
 * The reporter's whole phone number, to call them back: staff of the union running the place or one
 * above it (the route admits the writers' roles), with the reason written to the audit log. Throws
 * not_found (no such report in the scope).
 */
export async function revealReporterPhone(ctx: StaffContext, id: number, reason: string): Promise<{ phone: string }> {
  const r = await repo.getProblemInScope(ctx.db, ctx.scope, id);
  const enc = r ? await repo.getWorkerPhoneEnc(ctx.db, r.workerId) : undefined;
  if (!r || !enc) throw new AppError('not_found');
  const phone = ctx.pii.decrypt(enc);
  await audit(ctx.db, ctx, 'place.problem_reporter_reveal', { type: 'place_problem', id, orgPath: r.orgPath }, { reason, fields: ['reporterPhone'], placeId: r.placeId });
  return { phone };
}

/** The photo of a report of the scope; each view audited. Throws not_found. */
export async function getProblemPhoto(ctx: StaffContext, id: number): Promise<{ content: Buffer; mime: string }> {
  const r = await repo.getProblemInScope(ctx.db, ctx.scope, id);
  const photo = r ? await repo.getPhoto(ctx.db, id) : undefined;
  if (!r || !photo) throw new AppError('not_found');
  await audit(ctx.db, ctx, 'place.problem_photo_view', { type: 'place_problem', id, orgPath: r.orgPath }, { placeId: r.placeId });
  return { content: Buffer.from(ctx.pii.decrypt(photo.enc), 'base64'), mime: photo.mime };
}

/**
 * Staff of the union running the place, or of one above it, resolve a report with a note: the
 * place's flag is recounted, the reporter told by SMS, the step audited — one transaction. Throws
 * not_found, forbidden (a viewer), place_problem_resolved (already resolved).
 */
export async function resolveProblem(ctx: StaffContext, id: number, note: string): Promise<PlaceProblemDetail> {
  if (!canResolve(ctx)) throw new AppError('forbidden');
  const out = await ctx.db.transaction(async (tx) => {
    const before = await repo.getProblemInScope(tx, ctx.scope, id);
    if (!before) throw new AppError('not_found');
    // the place first, then the report: the order every writer of the flag locks in
    await status.getPlace(tx, before.placeId, true);
    const r = await repo.getProblemInScope(tx, ctx.scope, id, true);
    if (r!.state !== 'open') throw new AppError('place_problem_resolved');
    await repo.resolveProblem(tx, id, ctx.actor.staffId, note);
    await status.refreshProblemFlag(tx, r!.placeId, placeProblemKindLabels);
    const phoneEnc = await repo.getWorkerPhoneEnc(tx, r!.workerId);
    if (phoneEnc) {
      const what = placeProblemKindLabels[r!.kind as PlaceProblemKind];
      await queueSms(tx, ctx, {
        to: ctx.pii.decrypt(phoneEnc),
        body: `【智慧工会】您报告的「${r!.placeName}」的问题（${what}）已处理：${note}。感谢您的反馈。`,
        kind: 'place_problem_resolved',
        orgPath: r!.orgPath,
      });
    }
    await audit(tx, ctx, 'place.problem_resolve', { type: 'place_problem', id, orgPath: r!.orgPath }, { placeId: r!.placeId, problemKind: r!.kind });
    return (await repo.getProblemInScope(tx, ctx.scope, id))!;
  });
  void dispatchNotices(ctx);
  return detailOf(ctx, out);
}

/** The 工作台's count: open reports of the subtree, the overdue among them, those escalated to the caller's union, the nearest deadlines. */
export async function countProblemsForWorkbench(ctx: StaffContext): Promise<{ open: number; overdue: number; escalated: number; next: PlaceProblem[] }> {
  const [c, next] = await Promise.all([repo.countOpen(ctx.db, ctx.scope), repo.findNextDue(ctx.db, ctx.scope, 5)]);
  return { ...c, next: next.map(problemOf) };
}

/** Problems of a subtree in [from, to): reported and resolved in it, open now, hours to resolve. */
export async function problemFigures(ctx: Pick<StaffContext, 'db'>, scope: Scope, from: Date, to: Date): Promise<ProblemFigures> {
  const r = await repo.problemFigures(ctx.db, scope, from, to);
  const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
  return { reported: r.reported, resolved: r.resolved, open: r.open, medianHoursToResolve: round(r.median), avgHoursToResolve: round(r.avg) };
}
