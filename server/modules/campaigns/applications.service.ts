// Applications: the member applies (or staff apply for a member, as on 送温暖 visits), reviewers decide
// level by level, a returned application is resubmitted; the review queue, the progress step by step,
// and the documents. Every step tells the member through the outbox and writes an audit record.
import {
  applicationStatusLabels,
  reviewDecisionLabels,
  type ApplicationStatus,
  type CampaignApplication,
  type ResubmitInput,
  type ReviewInput,
} from '../../../contracts/campaigns.ts';
import type { z } from 'zod';
import type { progressStep, staffApplicationDetail, staffApplicationSchema } from '../../../contracts/campaigns.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { isPathInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { maskName } from '../../lib/pii.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import * as apps from './applications.repo.ts';
import { docRows } from './apply.service.ts';
import { iso, noticesFor, settleNotices, tell } from './campaigns.service.ts';
import * as repo from './campaigns.repo.ts';
import { releaseBudget } from './notice.repo.ts';
import { checkDocuments, deadlineOf } from './rules.ts';
import { auditOf, memberAuditOf, requireMemberId } from '../../http/actors.ts';

type Step = z.infer<typeof progressStep>;
type StaffApplication = z.infer<typeof staffApplicationSchema>;
type StaffApplicationDetail = z.infer<typeof staffApplicationDetail>;

const ENDED = new Set(['rejected', 'not_drawn', 'disqualified', 'cancelled', 'withdrawn']);
const PAST_LEVELS = new Set(['approved', 'not_drawn', 'in_notice', 'awarded', 'disqualified']);

export function stepsOf(c: repo.CampaignRow, a: apps.ApplicationRow, reviews: apps.ReviewRow[], now: Date): Step[] {
  const steps: Step[] = [{ step: 'submitted', levelNo: null, name: a.appliedByStaffId ? '工作人员代为申请' : '提交申请', state: 'done', deadline: null, overdue: false, decisions: [], at: iso(a.createdAt) }];
  for (const l of c.levels) {
    const mine = reviews.filter((r) => r.levelNo === l.levelNo);
    const last = mine.filter((r) => r.decision !== 'resubmit').at(-1);
    let state: Step['state'] = 'pending';
    let deadline: Date | null = null;
    if (a.currentLevel === l.levelNo && a.status === 'in_review') {
      state = 'current';
      deadline = deadlineOf(a.levelEnteredAt, l.deadlineDays);
    } else if (a.currentLevel === l.levelNo && a.status === 'returned') state = 'current';
    else if (a.currentLevel === l.levelNo && a.status === 'rejected') state = 'failed';
    else if (last?.decision === 'approve' || (PAST_LEVELS.has(a.status) && a.currentLevel === null)) state = 'done';
    steps.push({
      step: 'level',
      levelNo: l.levelNo,
      name: l.name,
      state,
      deadline: iso(deadline),
      overdue: deadline !== null && now > deadline,
      decisions: mine.map((r) => ({ decision: r.decision, decisionLabel: reviewDecisionLabels[r.decision], reason: r.reason, by: r.decision === 'resubmit' ? null : r.orgName, at: iso(r.at)! })),
      at: state === 'done' && last ? iso(last.at) : null,
    });
  }
  if (c.lottery) {
    let state: Step['state'] = 'pending';
    if (a.status === 'not_drawn') state = 'failed';
    else if (a.drawPosition !== null) state = 'done';
    else if (['in_notice', 'awarded', 'disqualified'].includes(a.status)) state = 'skipped';
    steps.push({ step: 'draw', levelNo: null, name: '抽签', state, deadline: null, overdue: false, decisions: [], at: state === 'done' || state === 'failed' ? iso(c.drawnAt) : null });
  }
  const noticeState: Step['state'] = a.status === 'in_notice' ? 'current' : a.status === 'awarded' ? 'done' : a.status === 'disqualified' ? 'failed' : 'pending';
  steps.push({ step: 'notice', levelNo: null, name: `公示（${c.noticeDays} 天）`, state: noticeState, deadline: a.status === 'in_notice' ? iso(a.noticeEndsAt) : null, overdue: false, decisions: [], at: a.status === 'awarded' ? iso(a.noticeEndsAt) : null });
  steps.push({ step: 'award', levelNo: null, name: '确定资助', state: a.status === 'awarded' ? 'done' : 'pending', deadline: null, overdue: false, decisions: [], at: iso(a.awardedAt) });
  if (ENDED.has(a.status)) for (const s of steps) if (s.state === 'pending' || s.state === 'current') s.state = 'skipped';
  return steps;
}

function documentsOf(c: repo.CampaignRow, docs: apps.DocumentInfoRow[]) {
  return docs.map((d) => ({
    key: d.key,
    label: c.requiredDocuments.find((r) => r.key === d.key)?.label ?? d.key,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    sha256: d.sha256,
    uploadedAt: iso(d.uploadedAt)!,
  }));
}

async function campaignsById(ctx: { db: StaffContext['db'] }, ids: number[]): Promise<Map<number, repo.CampaignRow>> {
  const out = new Map<number, repo.CampaignRow>();
  for (const id of new Set(ids)) {
    const c = await repo.getCampaign(ctx.db, id);
    if (c) out.set(id, c);
  }
  return out;
}

function memberView(c: repo.CampaignRow, a: apps.ApplicationRow, reviews: apps.ReviewRow[], docs: apps.DocumentInfoRow[], now: Date): CampaignApplication {
  return {
    id: a.id,
    campaign: { id: c.id, title: c.title, kind: c.kind as CampaignApplication['campaign']['kind'], budgetUnit: c.budgetUnit, payoutChannel: c.payoutChannel },
    status: a.status as ApplicationStatus,
    statusLabel: applicationStatusLabels[a.status as ApplicationStatus],
    currentLevel: a.currentLevel,
    awardAmount: a.awardAmount,
    statement: a.statement,
    lastReason: a.lastReason,
    appliedByStaff: a.appliedByStaffId !== null,
    canResubmit: a.status === 'returned' && c.status === 'published',
    canWithdraw: ['in_review', 'returned', 'approved', 'in_notice'].includes(a.status),
    noticeEndsAt: iso(a.noticeEndsAt),
    documents: documentsOf(c, docs),
    steps: stepsOf(c, a, reviews, now),
    createdAt: iso(a.createdAt)!,
  };
}

/** The member's applications with their progress, newest first. */
export async function listMyApplications(ctx: MemberContext, f: { page: number; pageSize: number }): Promise<{ items: CampaignApplication[]; total: number }> {
  const memberId = requireMemberId(ctx);
  await settleNotices(ctx, null);
  const { items, total } = await apps.findMyApplications(ctx.db, memberId, f.pageSize, (f.page - 1) * f.pageSize);
  const ids = items.map((a) => a.id);
  const [campaigns, reviews, docs] = [await campaignsById(ctx, items.map((a) => a.campaignId)), await apps.reviewsOf(ctx.db, ids), await apps.documentsOf(ctx.db, ids)];
  const now = new Date();
  return {
    items: items.map((a) => memberView(campaigns.get(a.campaignId)!, a, reviews.filter((r) => r.applicationId === a.id), docs.filter((d) => d.applicationId === a.id), now)),
    total,
  };
}

/**
 * The member resubmits a returned application (with replaced documents, a new statement); it goes back
 * to the level that returned it. Throws not_found, not_returned, campaign_cancelled, document errors.
 */
export async function resubmit(ctx: MemberContext, id: number, input: ResubmitInput): Promise<CampaignApplication> {
  const memberId = requireMemberId(ctx);
  const pre = await apps.getOwnApplication(ctx.db, memberId, id);
  if (!pre) throw new AppError('not_found');
  const c = await repo.getCampaign(ctx.db, pre.campaignId);
  if (!c) throw new AppError('not_found');
  if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
  if (pre.status !== 'returned') throw new AppError('not_returned');
  const present = await apps.documentKeys(ctx.db, id);
  const docs = checkDocuments(c.requiredDocuments, input.documents ?? [], true, present);
  await ctx.db.transaction(async (tx) => {
    const a = await apps.getOwnApplication(tx, memberId, id, true);
    if (!a || a.status !== 'returned') throw new AppError('not_returned');
    await apps.upsertDocuments(tx, id, docRows(docs));
    if (!(await apps.resubmitApplication(tx, id, input.statement ?? null))) throw new AppError('not_returned');
    await apps.insertReview(tx, { applicationId: id, levelNo: a.currentLevel!, decision: 'resubmit', reason: input.statement ?? null, staffId: null, orgId: null });
    await tell(tx, ctx, noticesFor(ctx, [a], (name) => `【智慧工会】${name}，您已重新提交“${c.title}”的申请，现由${a.reviewerOrgName ?? a.orgName}继续审核。`), 'campaign_resubmitted', c.orgPath);
    await insertAudit(tx, { ...memberAuditOf(ctx), action: 'campaign.resubmit', targetType: 'campaign_application', targetId: id, orgPath: a.orgPath, detail: { level: a.currentLevel, documents: docs.map((d) => d.key) } });
  });
  void dispatchNotices(ctx);
  const mine = await apps.getOwnApplication(ctx.db, memberId, id);
  return memberView(c, mine!, await apps.reviewsOf(ctx.db, [id]), await apps.documentsOf(ctx.db, [id]), new Date());
}

/**
 * The member withdraws an application before it is awarded (one in notice releases its award); they
 * may apply again while the window is open. Throws not_found, cannot_withdraw.
 */
export async function withdraw(ctx: MemberContext, id: number): Promise<CampaignApplication> {
  const memberId = requireMemberId(ctx);
  const pre = await apps.getOwnApplication(ctx.db, memberId, id);
  if (!pre) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    const a = await apps.getOwnApplication(tx, memberId, id, true);
    if (!a) throw new AppError('not_found');
    const was = await apps.withdrawApplication(tx, id);
    if (!was) throw new AppError('cannot_withdraw');
    if (was === 'in_notice') await releaseBudget(tx, a.campaignId, a.awardAmount);
    await insertAudit(tx, { ...memberAuditOf(ctx), action: 'campaign.withdraw', targetType: 'campaign_application', targetId: id, orgPath: a.orgPath, detail: { campaignId: a.campaignId, was } });
  });
  const c = (await repo.getCampaign(ctx.db, pre.campaignId))!;
  const mine = (await apps.getOwnApplication(ctx.db, memberId, id))!;
  return memberView(c, mine, await apps.reviewsOf(ctx.db, [id]), await apps.documentsOf(ctx.db, [id]), new Date());
}

// ---------------------------------------------------------------------------------------------
// Review (staff)

const REVIEWERS = ['reviewer', 'admin'] as const;

function canReview(ctx: StaffContext, a: apps.ApplicationRow): boolean {
  return a.status === 'in_review' && a.reviewPath !== null && isPathInScope(ctx.scope, a.reviewPath) && REVIEWERS.some((r) => ctx.actor.roles.includes(r));
}

function staffView(ctx: StaffContext, a: apps.ApplicationRow, docs: apps.DocumentInfoRow[], c: repo.CampaignRow, now: Date): StaffApplication {
  const deadline = a.status === 'in_review' ? deadlineOf(a.levelEnteredAt, a.deadlineDays) : null;
  return {
    id: a.id,
    campaignId: a.campaignId,
    memberNo: a.memberNo,
    name: maskName(a.name),
    orgName: a.orgName,
    status: a.status as ApplicationStatus,
    statusLabel: applicationStatusLabels[a.status as ApplicationStatus],
    currentLevel: a.currentLevel,
    levelName: a.levelName,
    reviewerOrgName: a.reviewerOrgName,
    deadline: iso(deadline),
    overdue: deadline !== null && now > deadline,
    canReview: canReview(ctx, a),
    awardAmount: a.awardAmount,
    statement: a.statement,
    appliedByStaff: a.appliedByStaffId !== null,
    documents: documentsOf(c, docs),
    drawPosition: a.drawPosition,
    noticeEndsAt: iso(a.noticeEndsAt),
    createdAt: iso(a.createdAt)!,
  };
}

/** The review queue and lists of a campaign's applications the staff sees. Throws not_found. */
export async function listApplications(
  ctx: StaffContext,
  campaignId: number,
  f: { status: string; level?: number | undefined; mine: 'true' | 'false'; page: number; pageSize: number },
): Promise<{ items: StaffApplication[]; total: number }> {
  await settleNotices(ctx, campaignId);
  const c = await repo.getCampaignVisible(ctx.db, ctx.scope, campaignId);
  if (!c) throw new AppError('not_found');
  const { items, total } = await apps.findApplications(ctx.db, ctx.scope, campaignId, {
    status: f.status === 'all' ? undefined : f.status, level: f.level, mine: f.mine === 'true', limit: f.pageSize, offset: (f.page - 1) * f.pageSize,
  });
  const docs = await apps.documentsOf(ctx.db, items.map((a) => a.id));
  const now = new Date();
  return { items: items.map((a) => staffView(ctx, a, docs.filter((d) => d.applicationId === a.id), c, now)), total };
}

/** One application the staff sees, with its progress. Throws not_found. */
export async function getApplicationForStaff(ctx: StaffContext, id: number): Promise<StaffApplicationDetail> {
  const pre = await apps.getApplicationVisible(ctx.db, ctx.scope, id);
  if (!pre) throw new AppError('not_found');
  await settleNotices(ctx, pre.campaignId);
  const a = (await apps.getApplicationVisible(ctx.db, ctx.scope, id))!;
  const c = (await repo.getCampaign(ctx.db, a.campaignId))!;
  const now = new Date();
  return {
    ...staffView(ctx, a, await apps.documentsOf(ctx.db, [id]), c, now),
    steps: stepsOf(c, a, await apps.reviewsOf(ctx.db, [id]), now),
    lastReason: a.lastReason,
    campaign: { id: c.id, title: c.title, budgetUnit: c.budgetUnit },
  };
}

/**
 * A reviewer decides at the application's current level: approve passes it to the next level (the
 * last level's approval makes it approved), return sends it back to the member with the reason,
 * reject ends it. Throws not_found, campaign_cancelled, application_not_in_review, review_level_changed,
 * review_not_your_level, review_same_person.
 */
export async function review(ctx: StaffContext, id: number, input: ReviewInput) {
  const out = await ctx.db.transaction(async (tx) => {
    const a = await apps.getApplicationVisible(tx, ctx.scope, id, true);
    if (!a) throw new AppError('not_found');
    const c = (await repo.getCampaign(tx, a.campaignId))!;
    if (c.status === 'cancelled') throw new AppError('campaign_cancelled');
    if (a.status !== 'in_review') throw new AppError('application_not_in_review', `该申请当前${applicationStatusLabels[a.status as ApplicationStatus]}，不在审核中`);
    const level = a.currentLevel!;
    if (input.level !== undefined && input.level !== level) throw new AppError('review_level_changed');
    if (!isPathInScope(ctx.scope, a.reviewPath!)) {
      throw new AppError('review_not_your_level', `该申请当前在第 ${level} 级“${a.levelName}”，由${a.reviewerOrgName}审核；您所在单位不是本级审核单位`);
    }
    const earlier = await tx.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM campaign_review WHERE application_id = $1 AND staff_id = $2 AND level_no <> $3 AND decision = 'approve'`,
      [id, ctx.actor.staffId, level],
    );
    if (earlier[0]!.n > 0) throw new AppError('review_same_person');
    const last = level === c.levels.length;
    const reason = input.reason ?? null;
    const to =
      input.decision === 'approve'
        ? last
          ? { status: 'approved', level: null, reason: null, decided: true, enterLevel: false }
          : { status: 'in_review', level: level + 1, reason: null, decided: false, enterLevel: true }
        : input.decision === 'return'
          ? { status: 'returned', level, reason, decided: false, enterLevel: false }
          : { status: 'rejected', level, reason, decided: true, enterLevel: false };
    if (!(await apps.moveApplication(tx, id, { status: 'in_review', level }, to))) throw new AppError('review_level_changed');
    await apps.insertReview(tx, { applicationId: id, levelNo: level, decision: input.decision, reason, staffId: ctx.actor.staffId, orgId: a.reviewOrgId });
    const next = c.levels[level];
    const moved = (await apps.getApplication(tx, id))!;
    const body = (name: string) =>
      input.decision === 'approve'
        ? last
          ? `【智慧工会】${name}，您申请的“${c.title}”已通过全部审核${c.lottery ? '，将参加抽签' : ''}，随后进行公示。`
          : `【智慧工会】${name}，您申请的“${c.title}”已通过${a.levelName}，现由${moved.reviewerOrgName}审核（${next!.deadlineDays} 天内）。`
        : input.decision === 'return'
          ? `【智慧工会】${name}，您申请的“${c.title}”被退回补充，原因：${reason}。请在“我的申请”中补充后重新提交。`
          : `【智慧工会】${name}，很抱歉，您申请的“${c.title}”未通过审核，原因：${reason}。`;
    await tell(tx, ctx, noticesFor(ctx, [a], body), `campaign_review_${input.decision}`, c.orgPath);
    await insertAudit(tx, {
      ...auditOf(ctx), action: `campaign.review_${input.decision}`, targetType: 'campaign_application', targetId: id, orgPath: a.orgPath,
      detail: { campaignId: c.id, level, reason, status: to.status },
    });
    return { applicationId: id, status: to.status as ApplicationStatus, currentLevel: to.level };
  });
  void dispatchNotices(ctx);
  return out;
}

const keyRequired = () => new AppError('validation_failed', '请求参数有误：请指定材料代码 key');

/** A document of an application: to staff who see the application (audited), or to the applicant. Throws not_found, validation_failed (no key). */
export async function getDocumentFile(ctx: StaffContext | MemberContext, id: number, key: string | undefined) {
  if (ctx.actor.kind === 'staff') {
    const s = ctx as StaffContext;
    const a = await apps.getApplicationVisible(s.db, s.scope, id);
    if (!a) throw new AppError('not_found');
    if (key === undefined) throw keyRequired();
    const doc = await apps.getDocument(s.db, id, key);
    if (!doc) throw new AppError('not_found');
    await insertAudit(s.db, { ...auditOf(s), action: 'campaign.document_read', targetType: 'campaign_application', targetId: id, orgPath: a.orgPath, detail: { key } });
    return doc;
  }
  const memberId = requireMemberId(ctx as MemberContext);
  if (!(await apps.getOwnApplication(ctx.db, memberId, id))) throw new AppError('not_found');
  if (key === undefined) throw keyRequired();
  const doc = await apps.getDocument(ctx.db, id, key);
  if (!doc) throw new AppError('not_found');
  return doc;
}
