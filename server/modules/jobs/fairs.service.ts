// 春送岗位 fairs (招聘会, issue 17 §5): a union's fair on a day (Beijing times), at a place of its
// subtree, an address, or online (an https live link only); its employers are the distinct employers of
// its jobs. Staff of the subtree create, edit, cancel and read one with its employers and jobs.
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import { getOrgInScope, isPathInScope, type OrgPath } from '../../http/scope.ts';
import type { CreateFairBody, FairDetail, FairSummary, UpdateFairBody } from '../../../contracts/jobs.ts';
import { findFairJobs } from './jobs.service.ts';
import * as repo from './fairs.repo.ts';

function summaryOf(f: repo.FairRow): FairSummary {
  return {
    id: f.id,
    org: { id: f.orgId, name: f.orgName },
    title: f.title,
    heldOn: f.heldOn,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    place: f.placeId !== null ? { id: f.placeId, name: f.placeName ?? '' } : null,
    address: f.address,
    liveUrl: f.liveUrl,
    status: f.status,
    employers: f.employers,
    jobs: f.jobs,
    headcount: f.headcount,
  };
}

/** A live link: an absolute https URL (a stream platform's page), nothing else. Throws fair_live_url_invalid. */
export function checkLiveUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('fair_live_url_invalid');
  }
  if (u.protocol !== 'https:' || u.hostname === '' || u.username !== '' || u.password !== '') throw new AppError('fair_live_url_invalid');
}

type FairWhere = { placeId?: number | null | undefined; address?: string | null | undefined; liveUrl?: string | null | undefined; startsAt: string; endsAt: string };

async function checkFair(q: Queryable, orgPath: string, f: FairWhere): Promise<void> {
  if (f.endsAt <= f.startsAt) throw new AppError('validation_failed', '请求参数有误：结束时间应晚于开始时间');
  if (!f.placeId && !f.address && !f.liveUrl) throw new AppError('fair_place_required');
  if (f.liveUrl) checkLiveUrl(f.liveUrl);
  if (f.placeId) {
    const placePath = await repo.findPlaceOrgPath(q, f.placeId);
    // a place of the fair's union or below (another subtree's place is as good as missing)
    if (placePath === undefined || !(placePath === orgPath || placePath.startsWith(`${orgPath}.`))) throw new AppError('not_found');
  }
}

/** The fairs of the scope (or under a filter org of it), a page of them. Throws not_found (filter org). */
export async function listFairs(ctx: StaffContext, f: { orgId?: number | undefined; status: string; page: number; pageSize: number }) {
  const root: OrgPath = f.orgId === undefined ? ctx.scope.path : (await getOrgInScope(ctx.db, ctx.scope, f.orgId)).path;
  const { items, total } = await repo.findFairs(ctx.db, root, { status: f.status, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(summaryOf), total };
}

async function fairInScope(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.FairRow> {
  const f = await repo.findFair(q, id, lock);
  if (!f || !isPathInScope(ctx.scope, f.orgPath)) throw new AppError('not_found');
  return f;
}

/** One fair of the scope with its employers and jobs. Throws not_found. */
export async function getFair(ctx: StaffContext, id: number): Promise<FairDetail> {
  const f = await fairInScope(ctx, ctx.db, id);
  const [employerList, jobList] = await Promise.all([repo.findFairEmployers(ctx.db, id), findFairJobs(ctx.db, ctx.scope.path, id)]);
  return { ...summaryOf(f), cancelReason: f.cancelReason, employerList, jobList };
}

/** Creates a fair of a union of the scope; audited. Throws not_found, org_closed, fair_live_url_invalid, fair_place_required, validation_failed. */
export async function createFair(ctx: StaffContext, body: CreateFairBody): Promise<FairDetail> {
  const id = await ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, body.orgId);
    if (org.status !== 'active') throw new AppError('org_closed');
    await checkFair(tx, org.path, body);
    const fairId = await repo.insertFair(tx, {
      orgId: org.id,
      title: body.title,
      heldOn: body.heldOn,
      startsAt: body.startsAt,
      endsAt: body.endsAt,
      placeId: body.placeId ?? null,
      address: body.address ?? null,
      liveUrl: body.liveUrl ?? null,
      createdBy: ctx.actor.staffId,
    });
    await audit(tx, ctx, 'fair.create', { type: 'job_fair', id: fairId, orgPath: org.path }, { title: body.title, heldOn: body.heldOn });
    return fairId;
  });
  return getFair(ctx, id);
}

/** Edits a fair not cancelled; audited. Throws not_found, fair_cancelled, fair_live_url_invalid, fair_place_required, validation_failed. */
export async function updateFair(ctx: StaffContext, id: number, patch: UpdateFairBody): Promise<FairDetail> {
  await ctx.db.transaction(async (tx) => {
    const f = await fairInScope(ctx, tx, id, true);
    if (f.status === 'cancelled') throw new AppError('fair_cancelled');
    const next = {
      title: patch.title ?? f.title,
      heldOn: patch.heldOn ?? f.heldOn,
      startsAt: patch.startsAt ?? f.startsAt,
      endsAt: patch.endsAt ?? f.endsAt,
      placeId: patch.placeId ?? f.placeId,
      address: patch.address ?? f.address,
      liveUrl: patch.liveUrl ?? f.liveUrl,
    };
    await checkFair(tx, f.orgPath, next);
    await repo.updateFair(tx, id, next);
    await audit(tx, ctx, 'fair.update', { type: 'job_fair', id, orgPath: f.orgPath }, { title: f.title, fairChanges: Object.keys(patch) });
  });
  return getFair(ctx, id);
}

/** Cancels a fair with a reason (its jobs stay open); audited. Throws not_found, fair_cancelled. */
export async function cancelFair(ctx: StaffContext, id: number, reason: string): Promise<FairDetail> {
  await ctx.db.transaction(async (tx) => {
    const f = await fairInScope(ctx, tx, id, true);
    if (f.status === 'cancelled') throw new AppError('fair_cancelled');
    await repo.cancelFair(tx, id, reason);
    await audit(tx, ctx, 'fair.cancel', { type: 'job_fair', id, orgPath: f.orgPath }, { title: f.title, reason });
  });
  return getFair(ctx, id);
}

/**
 * The check a job joining a fair passes (createJob's FairCheck): a fair of the scope, not cancelled.
 * Throws not_found, fair_cancelled.
 */
export function fairCheckOf(ctx: StaffContext) {
  return async (q: Queryable, fairId: number): Promise<void> => {
    const f = await fairInScope(ctx, q, fairId, true);
    if (f.status === 'cancelled') throw new AppError('fair_cancelled');
  };
}

/** A fair of the scope, for its import (the fair's union publishes the jobs). Throws not_found, fair_cancelled. */
export async function getFairForImport(ctx: StaffContext, q: Queryable, fairId: number): Promise<{ id: number; orgId: number; orgPath: string }> {
  const f = await fairInScope(ctx, q, fairId);
  if (f.status === 'cancelled') throw new AppError('fair_cancelled');
  return { id: f.id, orgId: f.orgId, orgPath: f.orgPath };
}
