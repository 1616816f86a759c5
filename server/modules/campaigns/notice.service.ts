// The lottery when approved applications exceed the quota (the activities' reproducible draw), the
// public notice (公示) with the budget reserved all at once or not at all, objections during the
// notice, and their resolution (upheld: disqualified, the award released).
import { DRAW_ALGORITHM, drawWinners } from '../activities/activities.service.ts';
import {
  applicationStatusLabels,
  objectionStatusLabels,
  type ApplicationStatus,
} from '../../../contracts/campaigns.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { maskName } from '../../lib/pii.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import * as apps from './applications.repo.ts';
import { amountText, getCampaignInReachOf, iso, noticesFor, settleNotices, tell } from './campaigns.service.ts';
import * as repo from './campaigns.repo.ts';
import * as notice from './notice.repo.ts';
import { noticeEndsAt } from './rules.ts';
import { auditOf, memberAuditOf, requireMemberId } from '../../http/actors.ts';

// what the unique constraints of objections mean to the one who broke them (server/db/errors.ts)
registerConstraintErrors('campaigns', { campaign_objection_once: 'objection_already_lodged' });

/** The label of a campaign's draw: part of the random stream. */
export function campaignDrawLabel(campaignId: number): string {
  return `gonghui-campaign:${campaignId}`;
}

const PUBLIC_ALGORITHM = `${DRAW_ALGORITHM}（每份申请计 1 个名额；名额 = 资助名额 − 已公示与已确定资助的人数）`;

function drawAnswer(c: repo.CampaignRow, places: number) {
  return {
    campaignId: c.id,
    algorithm: PUBLIC_ALGORITHM,
    label: campaignDrawLabel(c.id),
    seedCommitment: c.seedCommitment ?? '',
    seed: c.drawnAt && c.drawSeed ? Buffer.from(c.drawSeed).toString('hex') : null,
    places,
    entryIds: c.drawEntries ?? [],
    winners: c.drawWinners ?? [],
    drawnAt: iso(c.drawnAt),
  };
}

const used = (counts: Record<string, number>) => (counts.in_notice ?? 0) + (counts.awarded ?? 0);

/**
 * Draws among the approved applications for the places left: the winners stay approved (with their
 * drawn position), the others become not_drawn, each told. Needs the window closed and no application
 * still in review or returned. Throws not_found, campaign_cancelled, not_lottery, draw_not_due,
 * reviews_pending, already_drawn, nothing_to_notice (none approved).
 */
export async function drawCampaign(ctx: StaffContext, id: number) {
  await settleNotices(ctx, id);
  const out = await ctx.db.transaction(async (tx) => {
    const c = await repo.getCampaignManaged(tx, ctx.scope, id, true);
    if (!c) throw new AppError('not_found');
    if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
    if (!c.lottery || !c.drawSeed) throw new AppError('not_lottery', '该活动发布时未设为抽签');
    if (c.drawnAt) throw new AppError('already_drawn');
    if (new Date() < new Date(c.applyClosesAt)) throw new AppError('draw_not_due', '申请尚未截止，不能抽签');
    const counts = await notice.statusCounts(tx, id);
    if ((counts.in_review ?? 0) + (counts.returned ?? 0) > 0) throw new AppError('reviews_pending');
    const entries = await notice.approvedIds(tx, id);
    if (entries.length === 0) throw new AppError('nothing_to_notice', '没有审核通过的申请，无需抽签');
    const places = Math.max(0, c.quota - used(counts));
    const seed = Buffer.from(c.drawSeed);
    const result = drawWinners(seed, campaignDrawLabel(id), new Map(entries.map((e) => [e, 1])), places);
    const losers = await notice.recordDraw(tx, id, entries, result.order, result.winners);
    const winners = await tx.query<{ name: string; phoneEnc: Buffer | null }>(
      `SELECT m.name, m.phone_enc AS "phoneEnc" FROM campaign_application a JOIN member m ON m.id = a.member_id WHERE a.id = ANY($1::bigint[])`,
      [result.winners],
    );
    await tell(tx, ctx, noticesFor(ctx, winners, (name) => `【智慧工会】${name}，您申请的“${c.title}”已抽中，随后进行公示。`), 'campaign_drawn', c.orgPath);
    await tell(tx, ctx, noticesFor(ctx, losers, (name) => `【智慧工会】${name}，很遗憾，您申请的“${c.title}”审核通过的人数超过名额，经公开抽签未抽中。`), 'campaign_not_drawn', c.orgPath);
    await insertAudit(tx, { ...auditOf(ctx), action: 'campaign.draw', targetType: 'campaign', targetId: id, orgPath: c.orgPath, detail: { entries: entries.length, places, winners: result.winners } });
    return { c: (await repo.getCampaign(tx, id))!, places };
  });
  void dispatchNotices(ctx);
  return drawAnswer(out.c, out.places);
}

/** The draw record (seed shown once drawn), for anyone who sees the campaign. Throws not_found, not_lottery. */
export async function getDraw(ctx: StaffContext | MemberContext, id: number) {
  const c = ctx.actor.kind === 'staff' ? await repo.getCampaignVisible(ctx.db, (ctx as StaffContext).scope, id) : (await getCampaignInReachOf(ctx as MemberContext, id)).c;
  if (!c) throw new AppError('not_found');
  if (!c.lottery) throw new AppError('not_lottery', '该活动不抽签');
  const counts = await notice.statusCounts(ctx.db, id);
  const places = c.drawnAt ? c.drawWinners?.length ?? 0 : Math.max(0, c.quota - used(counts));
  return drawAnswer(c, places);
}

/**
 * Starts the notice for the approved (or drawn) applications, all of them or those named: each goes
 * in notice for the campaign's days, and their awards are reserved from the budget in one conditional
 * update — all or nothing. Throws not_found, campaign_cancelled, nothing_to_notice, draw_required,
 * quota_exceeded, budget_exhausted.
 */
export async function startNotice(ctx: StaffContext, id: number, applicationIds: number[] | null) {
  await settleNotices(ctx, id);
  const out = await ctx.db.transaction(async (tx) => {
    const c = await repo.getCampaignManaged(tx, ctx.scope, id, true);
    if (!c) throw new AppError('not_found');
    if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
    const counts = await notice.statusCounts(tx, id);
    const approved = await notice.approvedIds(tx, id);
    const chosen = applicationIds ? approved.filter((a) => applicationIds.includes(a)) : approved;
    if (chosen.length === 0 || (applicationIds && chosen.length !== new Set(applicationIds).size)) {
      throw new AppError('nothing_to_notice', applicationIds ? '所选申请须均为审核通过（或中签）且尚未公示的申请' : undefined);
    }
    if (used(counts) + chosen.length > c.quota) {
      throw new AppError(c.lottery && !c.drawnAt ? 'draw_required' : 'quota_exceeded', c.lottery && !c.drawnAt ? undefined : `公示人数将超过资助名额（名额 ${c.quota}，已公示或确定 ${used(counts)}，本次 ${chosen.length}）`);
    }
    const ends = noticeEndsAt(new Date(), c.noticeDays);
    const moved = await notice.moveToNotice(tx, id, chosen, ends);
    if (moved.length !== chosen.length) throw new AppError('conflict');
    const amount = moved.reduce((n, m) => n + m.awardAmount, 0);
    const budget = await notice.reserveBudget(tx, id, amount);
    if (!budget) {
      throw new AppError('budget_exhausted', `预算不足：本次公示需 ${amountText(amount, c.budgetUnit)}，剩余预算 ${amountText(c.budgetTotal - c.budgetReserved, c.budgetUnit)}，未做任何变更`);
    }
    await tell(tx, ctx, noticesFor(ctx, moved, (name) => `【智慧工会】${name}，您申请的“${c.title}”已进入公示，公示期 ${c.noticeDays} 天；期满无异议即确定资助 ${amountText(c.awardAmount, c.budgetUnit)}。`), 'campaign_in_notice', c.orgPath);
    await insertAudit(tx, { ...auditOf(ctx), action: 'campaign.notice', targetType: 'campaign', targetId: id, orgPath: c.orgPath, detail: { applications: moved.map((m) => m.id), reserved: amount } });
    return { campaignId: id, applications: moved.length, reserved: amount, budgetReserved: budget.budgetReserved, budgetTotal: budget.budgetTotal, noticeEndsAt: ends.toISOString() };
  });
  void dispatchNotices(ctx);
  return out;
}

/** A page of the public notice: masked names and amounts; staff also see open objections, members their own. Throws not_found. */
export async function getNotice(ctx: StaffContext | MemberContext, id: number, p: { page: number; pageSize: number }) {
  await settleNotices(ctx, id);
  let c: repo.CampaignRow | undefined;
  let mine = new Map<number, string>();
  if (ctx.actor.kind === 'staff') {
    c = await repo.getCampaignVisible(ctx.db, (ctx as StaffContext).scope, id);
    if (!c) throw new AppError('not_found');
  } else {
    const r = await getCampaignInReachOf(ctx as MemberContext, id);
    c = r.c;
    mine = await notice.myObjections(ctx.db, r.memberId, id);
  }
  const [rows, total] = await Promise.all([
    notice.noticeRows(ctx.db, id, p.pageSize, (p.page - 1) * p.pageSize),
    notice.countNoticeRows(ctx.db, id),
  ]);
  const staff = ctx.actor.kind === 'staff';
  return {
    campaignId: id,
    title: c.title,
    budgetUnit: c.budgetUnit,
    noticeStartedAt: iso(c.noticeStartedAt),
    items: rows.map((r) => ({
      applicationId: r.applicationId,
      name: maskName(r.name),
      orgName: r.orgName,
      awardAmount: r.awardAmount,
      status: r.status,
      statusLabel: applicationStatusLabels[r.status as ApplicationStatus],
      noticeEndsAt: iso(r.noticeEndsAt)!,
      openObjections: staff ? r.openObjections : null,
      myObjection: (mine.get(r.applicationId) as 'open' | undefined) ?? null,
    })),
    total,
  };
}

function objectionView(o: notice.ObjectionRow, staff: boolean) {
  return {
    id: o.id,
    applicationId: o.applicationId,
    campaignId: o.campaignId,
    status: o.status,
    statusLabel: objectionStatusLabels[o.status],
    reason: o.reason,
    resolution: o.resolution,
    lodgedAt: iso(o.lodgedAt)!,
    resolvedAt: iso(o.resolvedAt),
    lodgedBy: staff ? maskName(o.lodgerName) : null,
  };
}

/**
 * A member in the campaign's reach objects to an application in notice, during the notice period.
 * Throws not_a_member, not_found, not_in_notice, objection_already_lodged.
 */
export async function lodgeObjection(ctx: MemberContext, applicationId: number, reason: string) {
  const memberId = requireMemberId(ctx);
  const a = await apps.getApplication(ctx.db, applicationId);
  if (!a) throw new AppError('not_found');
  const { c } = await getCampaignInReachOf(ctx, a.campaignId);
  if (a.status !== 'in_notice' || new Date() >= new Date(a.noticeEndsAt!)) throw new AppError('not_in_notice');
  // a second objection of the member breaks campaign_objection_once: objection_already_lodged (registered above)
  const id = await ctx.db.transaction(async (tx) => {
    const locked = await apps.getApplication(tx, applicationId, true);
    if (!locked || locked.status !== 'in_notice' || new Date() >= new Date(locked.noticeEndsAt!)) throw new AppError('not_in_notice');
    const id = await notice.insertObjection(tx, { applicationId, campaignId: c.id, memberId, reason });
    await insertAudit(tx, { ...memberAuditOf(ctx), action: 'campaign.objection', targetType: 'campaign_objection', targetId: id, orgPath: c.orgPath, detail: { applicationId } });
    return id;
  });
  return objectionView((await notice.getObjection(ctx.db, id))!, false);
}

/** The objections of a campaign the staff runs. Throws not_found. */
export async function listObjections(ctx: StaffContext, campaignId: number, f: { status: string; page: number; pageSize: number }) {
  const c = await repo.getCampaignManaged(ctx.db, ctx.scope, campaignId);
  if (!c) throw new AppError('not_found');
  const { items, total } = await notice.findObjections(ctx.db, campaignId, f.status === 'all' ? null : f.status, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map((o) => objectionView(o, true)), total };
}

/**
 * Staff of the publishing scope resolve an objection: upheld disqualifies the application (its award
 * released from the budget, the member told); dismissed lets it be awarded when the period ends.
 * Throws not_found, objection_resolved.
 */
export async function resolveObjection(ctx: StaffContext, id: number, outcome: 'upheld' | 'dismissed', reason: string) {
  const out = await ctx.db.transaction(async (tx) => {
    const o = await notice.getObjection(tx, id, true);
    if (!o) throw new AppError('not_found');
    const c = await repo.getCampaignManaged(tx, ctx.scope, o.campaignId, true);
    if (!c) throw new AppError('not_found');
    if (o.status !== 'open' || !(await notice.resolveObjection(tx, id, outcome, reason, ctx.actor.staffId))) throw new AppError('objection_resolved');
    const a = (await apps.getApplication(tx, o.applicationId, true))!;
    if (outcome === 'upheld' && (await notice.disqualify(tx, a.id, reason))) {
      await notice.releaseBudget(tx, c.id, a.awardAmount);
      await tell(tx, ctx, noticesFor(ctx, [a], (name) => `【智慧工会】${name}，您申请的“${c.title}”在公示期间收到异议，经核实异议成立，资助资格取消。原因：${reason}。`), 'campaign_disqualified', c.orgPath);
    }
    await insertAudit(tx, { ...auditOf(ctx), action: `campaign.objection_${outcome}`, targetType: 'campaign_objection', targetId: id, orgPath: c.orgPath, detail: { applicationId: a.id, reason } });
    return (await notice.getObjection(tx, id))!;
  });
  void dispatchNotices(ctx);
  await settleNotices(ctx, out.campaignId);
  return objectionView(out, true);
}
