// Campaigns: publishing with review levels, editing before the window opens, cancelling, and the two
// views of the list and detail — staff (published in their scope or reaching into it, with counts per
// status and the budget) and members (what is in their reach, whether they may apply, and why not).
import { randomBytes } from 'node:crypto';
import {
  applicationStatuses,
  applicationStatusLabels,
  campaignAvailabilityStates,
  campaignIneligibleReasons,
  channelOfUnit,
  type ApplicationStatus,
  type CampaignDetail,
  type CampaignSummary,
  type CreateCampaignInput,
  type UpdateCampaignInput,
} from '../../../contracts/campaigns.ts';
import type { NoticeKind } from '../../../contracts/notices.ts';
import type { Queryable } from '../../db/client.ts';
import type { Deps, MemberContext, StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { changesOf } from '../../lib/audit-changes.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices, queueBulkSms, sealNotice, type BulkNotice } from '../notices/notices.service.ts';
import { seedCommitment } from '../activities/activities.service.ts';
import * as apps from './applications.repo.ts';
import * as repo from './campaigns.repo.ts';
import * as notice from './notice.repo.ts';
import { judgeCampaignEligibility, phaseOf } from './rules.ts';
import { auditOf, requireMemberId } from '../../http/actors.ts';

/** The fields every campaign has, for the demo seed that writes campaigns of its own. */
export type { CampaignFields } from './campaigns.repo.ts';

export const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** An amount in its unit, in words: 1500 元, 200 积分, 1 件. */
export function amountText(amount: number, unit: string): string {
  if (unit === 'yuan') return `${(amount / 100).toFixed(amount % 100 === 0 ? 0 : 2)} 元`;
  if (unit === 'points') return `${amount} 积分`;
  return `${amount} 件物资`;
}

/** Notices to members, sealed for the outbox (those without a phone on file get none). */
export function noticesFor(deps: Pick<Deps, 'pii'>, rows: { phoneEnc: Buffer | Uint8Array | null; name: string }[], body: (name: string) => string): BulkNotice[] {
  return rows.flatMap((r) => (r.phoneEnc ? [sealNotice(deps, r.phoneEnc, body(r.name))] : []));
}

export async function tell(q: Queryable, deps: Pick<Deps, 'pii' | 'sender'>, notices: BulkNotice[], kind: NoticeKind, orgPath: string): Promise<void> {
  await queueBulkSms(q, notices, kind, orgPath, deps.sender.deliversInOutbox === true);
}

/**
 * Awards what is due (notice period over, no open objection), each member told; idempotent. Called by
 * the sweep and before reads, so nothing waits for the sweep.
 */
export async function settleNotices(deps: Deps, campaignId: number | null): Promise<number> {
  if (!(await notice.anyDue(deps.db, campaignId))) return 0;
  const done = await deps.db.transaction(async (tx) => {
    const done = await notice.settleDue(tx, campaignId);
    const byCampaign = new Map<number, notice.Told[]>();
    for (const d of done) byCampaign.set(d.campaignId, [...(byCampaign.get(d.campaignId) ?? []), d]);
    for (const [id, rows] of byCampaign) {
      const first = rows[0]!;
      await tell(tx, deps, noticesFor(deps, rows, (name) => `【智慧工会】${name}，“${first.title}”公示期满，您已确定获得资助 ${amountText(first.awardAmount, first.budgetUnit)}，将按规定发放。`), 'campaign_awarded', first.orgPath);
      await insertAudit(tx, { actorKind: 'system', action: 'campaign.award', targetType: 'campaign', targetId: id, orgPath: first.orgPath, detail: { applications: rows.map((r) => r.id) } });
    }
    return done.length;
  });
  if (done > 0) void dispatchNotices(deps);
  return done;
}

function countsOf(m: Record<string, number> | undefined): Record<ApplicationStatus, number> {
  return Object.fromEntries(applicationStatuses.map((s) => [s, m?.[s] ?? 0])) as Record<ApplicationStatus, number>;
}

type Extra = Pick<CampaignSummary, 'counts' | 'availability' | 'myApplication'>;

/** A campaign's window, quota and budget, the same in its summary and in its edit form. */
function termsOf(c: repo.CampaignRow) {
  const { quota, awardAmount, budgetUnit, budgetTotal } = c;
  return { applyOpensAt: iso(c.applyOpensAt)!, applyClosesAt: iso(c.applyClosesAt)!, quota, awardAmount, budgetUnit, budgetTotal };
}

function toSummary(c: repo.CampaignRow, phase: { open: number; inNotice: number } | undefined, extra: Extra, now: Date): CampaignSummary {
  return {
    id: c.id,
    title: c.title,
    kind: c.kind as CampaignSummary['kind'],
    org: { id: c.orgId, name: c.orgName },
    phase: phaseOf({ status: c.status, applyOpensAt: new Date(c.applyOpensAt), applyClosesAt: new Date(c.applyClosesAt), open: phase?.open ?? 0, inNotice: phase?.inNotice ?? 0 }, now),
    status: c.status,
    ...termsOf(c),
    budgetReserved: c.budgetReserved,
    payoutChannel: c.payoutChannel,
    lottery: c.lottery,
    noticeDays: c.noticeDays,
    targetGroups: c.targetGroups as CampaignSummary['targetGroups'],
    ...extra,
  };
}

function toDetail(c: repo.CampaignRow, phase: { open: number; inNotice: number } | undefined, extra: Extra, now: Date): CampaignDetail {
  return {
    ...toSummary(c, phase, extra, now),
    description: c.description,
    minMembershipMonths: c.minMembershipMonths,
    minAge: c.minAge,
    maxAge: c.maxAge,
    requiredDocuments: c.requiredDocuments,
    secondApprovalAbove: c.secondApprovalAbove,
    levels: c.levels.map((l) => ({
      levelNo: l.levelNo,
      name: l.name,
      reviewerOrg: l.reviewerOrgId === null ? null : { id: l.reviewerOrgId, name: l.reviewerOrgName ?? '' },
      reviewerTier: l.reviewerTier,
      deadlineDays: l.deadlineDays,
    })),
    seedCommitment: c.seedCommitment,
    drawnAt: iso(c.drawnAt),
    noticeStartedAt: iso(c.noticeStartedAt),
    cancelReason: c.cancelReason,
    createdAt: iso(c.createdAt)!,
  };
}

function availabilityOf(c: repo.CampaignRow, facts: apps.ApplicantRow, mine: { id: number; status: string } | undefined, now: Date): CampaignSummary['availability'] {
  if (c.status === 'cancelled') return { state: 'cancelled', canApply: false, message: campaignAvailabilityStates.cancelled };
  if (mine) return { state: 'applied', canApply: false, message: applicationStatusLabels[mine.status as ApplicationStatus] };
  const reason = judgeCampaignEligibility(c, facts, now);
  if (reason) return { state: reason, canApply: false, message: campaignIneligibleReasons[reason] };
  if (now < new Date(c.applyOpensAt)) return { state: 'not_open_yet', canApply: false, message: campaignAvailabilityStates.not_open_yet };
  if (now >= new Date(c.applyClosesAt)) return { state: 'closed', canApply: false, message: campaignAvailabilityStates.closed };
  return { state: 'open', canApply: true, message: campaignAvailabilityStates.open };
}

const myAppOf = (m: { id: number; status: string } | undefined) =>
  m ? { id: m.id, status: m.status as ApplicationStatus, statusLabel: applicationStatusLabels[m.status as ApplicationStatus] } : null;

interface CheckedLevels {
  levels: repo.LevelFields[];
}

const RANK: Record<string, number> = { province: 1, city: 2, county: 3, town: 4, grassroots: 5 };

/**
 * The levels against the publisher: a union named must be the publisher or in its subtree, active,
 * each at most once; a tier not above the publisher's, each at most once; only level 1 may be the
 * applicant's own union. Throws invalid_levels.
 */
async function checkLevels(q: Queryable, publisher: { path: string; level: string }, levels: CreateCampaignInput['levels']): Promise<CheckedLevels> {
  const publisherPath = publisher.path;
  if (levels.some((l) => l.reviewerOrgId !== null && l.reviewerTier)) throw new AppError('invalid_levels', '审核层级设置有误：审核单位与审核层级只能填一项');
  const own = (l: CreateCampaignInput['levels'][number]) => l.reviewerOrgId === null && !l.reviewerTier;
  if (levels.slice(1).some(own)) throw new AppError('invalid_levels', '审核层级设置有误：只有第 1 级可以由申请人所在工会审核');
  const tiers = levels.flatMap((l) => (l.reviewerTier ? [l.reviewerTier] : []));
  if (new Set(tiers).size !== tiers.length) throw new AppError('invalid_levels', '审核层级设置有误：同一级工会不能审核两个层级');
  if (tiers.some((t) => RANK[t]! < RANK[publisher.level]!)) throw new AppError('invalid_levels', '审核层级设置有误：审核工会不能高于发布单位');
  const named = levels.flatMap((l) => (l.reviewerOrgId === null ? [] : [l.reviewerOrgId]));
  if (new Set(named).size !== named.length) throw new AppError('invalid_levels', '审核层级设置有误：同一单位不能审核两个层级');
  const found = await repo.reviewerOrgs(q, named, publisherPath);
  for (const id of named) {
    const o = found.find((f) => f.id === id);
    if (!o || !o.inReach) throw new AppError('invalid_levels', '审核层级设置有误：审核单位须为发布单位或其下级组织');
    if (o.status !== 'active') throw new AppError('invalid_levels', '审核层级设置有误：审核单位已撤销');
  }
  return { levels: levels.map((l) => ({ name: l.name, reviewerOrgId: l.reviewerOrgId, reviewerTier: l.reviewerTier ?? null, deadlineDays: l.deadlineDays })) };
}

/** The stored fields of an input. Throws validation_failed. */
function fieldsOf(input: CreateCampaignInput): repo.CampaignEdit {
  if (new Date(input.applyOpensAt) >= new Date(input.applyClosesAt)) throw new AppError('validation_failed', '申请截止时间须晚于申请开始时间');
  if (input.minAge !== undefined && input.maxAge !== undefined && input.minAge > input.maxAge) throw new AppError('validation_failed', '最小年龄不能大于最大年龄');
  if (input.budgetTotal < input.awardAmount) throw new AppError('validation_failed', '预算总额不能少于每人资助金额');
  const channel = input.payoutChannel ?? channelOfUnit[input.budgetUnit];
  if ((input.budgetUnit === 'points') !== (channel === 'points') || (input.budgetUnit === 'goods') !== (channel === 'goods')) {
    throw new AppError('validation_failed', '发放渠道与预算单位不符：积分预算以积分发放，物资预算以物资发放，资金预算以银行转账发放');
  }
  const docs = input.requiredDocuments ?? [];
  if (new Set(docs.map((d) => d.key)).size !== docs.length) throw new AppError('validation_failed', '申请材料的代码不能重复');
  return {
    kind: input.kind,
    title: input.title,
    description: input.description?.trim() ?? '',
    targetGroups: [...new Set(input.targetGroups ?? [])],
    minMembershipMonths: input.minMembershipMonths ?? null,
    minAge: input.minAge ?? null,
    maxAge: input.maxAge ?? null,
    requiredDocuments: docs,
    applyOpensAt: input.applyOpensAt,
    applyClosesAt: input.applyClosesAt,
    quota: input.quota,
    awardAmount: input.awardAmount,
    budgetTotal: input.budgetTotal,
    payoutChannel: channel,
    secondApprovalAbove: input.secondApprovalAbove ?? null,
    noticeDays: input.noticeDays,
  };
}

/** Publishes a campaign for the subtree of a union in scope. Throws not_found, org_closed, validation_failed, invalid_levels. */
export async function publishCampaign(ctx: StaffContext, input: CreateCampaignInput): Promise<CampaignDetail> {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  if (org.status !== 'active') throw new AppError('org_closed');
  const fields = fieldsOf(input);
  const { levels } = await checkLevels(ctx.db, org, input.levels);
  const lottery = input.lottery ?? false;
  const seed = lottery ? randomBytes(32) : null;
  const id = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertCampaign(tx, {
      ...fields, orgId: org.id, orgPath: org.path, budgetUnit: input.budgetUnit, lottery, drawSeed: seed,
      seedCommitment: seed ? seedCommitment(seed) : null, createdBy: ctx.actor.staffId,
    });
    await repo.replaceLevels(tx, id, levels);
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'campaign.publish', targetType: 'campaign', targetId: id, orgPath: org.path,
      detail: { title: fields.title, kind: fields.kind, quota: fields.quota, budgetTotal: fields.budgetTotal, budgetUnit: input.budgetUnit, levels: levels.length, lottery },
    });
    return id;
  });
  return getCampaignForStaff(ctx, id);
}

function inputOf(c: repo.CampaignRow): CreateCampaignInput {
  const opt = <T>(v: T | null) => (v === null ? undefined : v);
  return {
    title: c.title,
    kind: c.kind as CreateCampaignInput['kind'],
    orgId: c.orgId,
    description: c.description,
    targetGroups: c.targetGroups as CreateCampaignInput['targetGroups'],
    minMembershipMonths: opt(c.minMembershipMonths),
    minAge: opt(c.minAge),
    maxAge: opt(c.maxAge),
    requiredDocuments: c.requiredDocuments,
    ...termsOf(c),
    payoutChannel: c.payoutChannel,
    secondApprovalAbove: c.secondApprovalAbove,
    lottery: c.lottery,
    noticeDays: c.noticeDays,
    levels: c.levels.map((l) => ({ name: l.name, reviewerOrgId: l.reviewerOrgId, reviewerTier: l.reviewerTier, deadlineDays: l.deadlineDays })),
  };
}

/** Edits a campaign before its window opens and before any application. Throws not_found, campaign_cancelled, campaign_locked, validation_failed, invalid_levels. */
export async function updateCampaign(ctx: StaffContext, id: number, patch: UpdateCampaignInput): Promise<CampaignDetail> {
  const current = await repo.getCampaignManaged(ctx.db, ctx.scope, id);
  if (!current) throw new AppError('not_found');
  const before = inputOf(current);
  const merged: CreateCampaignInput = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const fields = fieldsOf(merged);
  const publisherLevel = (await ctx.db.query<{ level: string }>(`SELECT level FROM org WHERE id = $1`, [current.orgId]))[0]!.level;
  const { levels } = await checkLevels(ctx.db, { path: current.orgPath, level: publisherLevel }, merged.levels);
  await ctx.db.transaction(async (tx) => {
    const c = await repo.getCampaignManaged(tx, ctx.scope, id, true);
    if (!c) throw new AppError('not_found');
    if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
    if (new Date(c.applyOpensAt) <= new Date() || (await repo.hasAnyApplication(tx, id))) throw new AppError('campaign_locked');
    await repo.updateCampaign(tx, id, fields);
    await repo.replaceLevels(tx, id, levels);
    await insertAudit(tx, { ...auditOf(ctx), action: 'campaign.update', targetType: 'campaign', targetId: id, orgPath: c.orgPath, detail: { title: c.title, changes: changesOf(before, patch) } });
  });
  return getCampaignForStaff(ctx, id);
}

/**
 * Cancels a campaign: every live application is cancelled (those in notice release their awards) and
 * its member told; awarded ones stay awarded. Throws not_found, campaign_cancelled.
 */
export async function cancelCampaign(ctx: StaffContext, id: number, reason: string): Promise<CampaignDetail> {
  await settleNotices(ctx, id);
  await ctx.db.transaction(async (tx) => {
    const c = await repo.getCampaignManaged(tx, ctx.scope, id, true);
    if (!c) throw new AppError('not_found');
    if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
    await repo.markCancelled(tx, id, reason);
    const gone = await notice.cancelApplications(tx, id);
    await notice.releaseBudget(tx, id, gone.filter((g) => g.wasInNotice).reduce((n, g) => n + g.awardAmount, 0));
    await tell(tx, ctx, noticesFor(ctx, gone, (name) => `【智慧工会】${name}，很抱歉，您申请的“${c.title}”已取消，原因：${reason}。`), 'campaign_cancelled', c.orgPath);
    await insertAudit(tx, { ...auditOf(ctx), action: 'campaign.cancel', targetType: 'campaign', targetId: id, orgPath: c.orgPath, detail: { title: c.title, reason, applications: gone.length } });
  });
  void dispatchNotices(ctx);
  return getCampaignForStaff(ctx, id);
}

/** A campaign the staff sees, with counts of its applications in their scope. Throws not_found. */
export async function getCampaignForStaff(ctx: StaffContext, id: number): Promise<CampaignDetail> {
  await settleNotices(ctx, id);
  const c = await repo.getCampaignVisible(ctx.db, ctx.scope, id);
  if (!c) throw new AppError('not_found');
  const counts = await repo.countsByStatus(ctx.db, [id], ctx.scope.path);
  const phase = await repo.phaseCounts(ctx.db, [id]);
  return toDetail(c, phase.get(id), { counts: countsOf(counts.get(id)), availability: null, myApplication: null }, new Date());
}

/** The member's facts and a campaign in their reach. Throws not_a_member, not_found. */
export async function getCampaignInReachOf(ctx: MemberContext, id: number): Promise<{ memberId: number; facts: apps.ApplicantRow; c: repo.CampaignRow }> {
  const memberId = requireMemberId(ctx);
  const facts = await apps.getApplicant(ctx.db, memberId);
  if (!facts) throw new AppError('not_a_member');
  const c = await repo.getCampaignInReach(ctx.db, facts.orgPath, id);
  if (!c) throw new AppError('not_found');
  return { memberId, facts, c };
}

/** A campaign in the member's reach, with whether they may apply and why not. Throws not_found, not_a_member. */
export async function getCampaignForMember(ctx: MemberContext, id: number): Promise<CampaignDetail> {
  await settleNotices(ctx, id);
  const { memberId, facts, c } = await getCampaignInReachOf(ctx, id);
  const mine = (await apps.myApplicationsOf(ctx.db, memberId, [id])).get(id);
  const phase = await repo.phaseCounts(ctx.db, [id]);
  const now = new Date();
  return toDetail(c, phase.get(id), { counts: null, availability: availabilityOf(c, facts, mine, now), myApplication: myAppOf(mine) }, now);
}

export async function listCampaignsForStaff(
  ctx: StaffContext,
  f: { orgId?: number | undefined; kind?: string | undefined; status: string; page: number; pageSize: number },
): Promise<{ items: CampaignSummary[]; total: number }> {
  await settleNotices(ctx, null);
  const under = f.orgId ? (await getOrgInScope(ctx.db, ctx.scope, f.orgId)).path : undefined;
  const { items, total } = await repo.findCampaignsVisible(ctx.db, ctx.scope, {
    underPath: under, kind: f.kind, status: f.status === 'all' ? undefined : f.status, limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
  });
  const ids = items.map((c) => c.id);
  const counts = await repo.countsByStatus(ctx.db, ids, ctx.scope.path);
  const phases = await repo.phaseCounts(ctx.db, ids);
  const now = new Date();
  return { items: items.map((c) => toSummary(c, phases.get(c.id), { counts: countsOf(counts.get(c.id)), availability: null, myApplication: null }, now)), total };
}

export async function listCampaignsForMember(ctx: MemberContext, f: { kind?: string | undefined; page: number; pageSize: number }): Promise<{ items: CampaignSummary[]; total: number }> {
  await settleNotices(ctx, null);
  const memberId = requireMemberId(ctx);
  const facts = await apps.getApplicant(ctx.db, memberId);
  if (!facts) throw new AppError('not_a_member');
  const { items, total } = await repo.findCampaignsInReach(ctx.db, facts.orgPath, { kind: f.kind, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  const ids = items.map((c) => c.id);
  const mine = await apps.myApplicationsOf(ctx.db, memberId, ids);
  const phases = await repo.phaseCounts(ctx.db, ids);
  const now = new Date();
  return {
    items: items.map((c) => toSummary(c, phases.get(c.id), { counts: null, availability: availabilityOf(c, facts, mine.get(c.id), now), myApplication: myAppOf(mine.get(c.id)) }, now)),
    total,
  };
}
