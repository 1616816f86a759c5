// Sign-up (报名), the member's own sign-ups and cancellation with waitlist promotion, the staff's
// list of an activity's sign-ups, and check-in by the member card (签到).
import { signupStatusLabels, type SignupInput } from '../../../contracts/activities.ts';
import { decodeCardToken } from '../../../contracts/card-token.ts';
import type { Db } from '../../db/client.ts';
import type { Deps, MemberContext, StaffContext } from '../../http/context.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { maskName } from '../../lib/pii.ts';
import { insertAudit } from '../../http/audit.ts';
import { findVerifyingKey, getKeyring, verifyCardTokenWith } from '../cards/cards.service.ts';
import { dispatchNotices, queueBulkSms, sealNotice, type BulkNotice } from '../notices/notices.service.ts';
import * as activities from './activities.repo.ts';
import { clearFull } from './full-cache.ts';
import { beijingWhen } from '../../lib/beijing-time.ts';
import { CHECKIN_OPENS_BEFORE_MS, checkinWindow } from './rules.ts';
import * as repo from './signups.repo.ts';
import { signupHashOf, type SignupReply } from './signup-answers.ts';
import { signUpAlone, signUpInBatch, type SignupAsk } from './signup-batch.ts';
import { auditOf, requireMemberId } from '../../http/actors.ts';

/**
 * Signs the member up, once per Idempotency-Key: a retry with the same key and request gets the first
 * answer. Served in the activity's next batch (signup-batch.ts), or as a batch of its own when
 * batching is off. Throws not_found (outside the member's reach), not_a_member, activity_cancelled,
 * already_signed_up, not_eligible, signup_closed, activity_full, idempotency_key_reused.
 */
export async function signUp(ctx: MemberContext, activityId: number, idemKey: string, input: SignupInput): Promise<SignupReply> {
  const memberId = requireMemberId(ctx);
  const seats = input.seats ?? 1;
  const childAge = input.childAge ?? null;
  const ask: SignupAsk = { ctx, memberId, idemKey, seats, childAge, requestHash: signupHashOf(activityId, seats, childAge) };
  return ctx.config.signupBatching ? signUpInBatch(ask, activityId) : signUpAlone(ask, activityId);
}

/** Confirms waitlisted sign-ups of a batch while places fit, each told by a notice, in the caller's transaction. */
async function promoteWaitlist(tx: Parameters<Parameters<Db['transaction']>[0]>[0], deps: Pick<Deps, 'pii' | 'sender'>, a: { activityId: number; batchNo: number; title: string; orgPath: string }): Promise<number> {
  const notices: BulkNotice[] = [];
  for (let i = 0; i < 1000; i++) {
    const p = await repo.promoteHead(tx, a.activityId, a.batchNo);
    if (!p) break;
    if (p.phoneEnc) notices.push(sealNotice(deps, p.phoneEnc, `【智慧工会】${p.name}，“${a.title}”有名额空出，您已由候补递补为报名成功。签到时请出示电子会员证二维码。`));
  }
  await queueBulkSms(tx, notices, 'activity_promoted', a.orgPath, deps.sender.deliversInOutbox === true);
  return notices.length;
}

/**
 * The member cancels a sign-up before the deadline; a confirmed place goes to the head of the
 * waitlist at once. Throws not_found, signup_cancelled, cancel_deadline_passed.
 */
export async function cancelMySignup(ctx: MemberContext, signupId: number) {
  const memberId = requireMemberId(ctx);
  const s = await ctx.db.transaction(async (tx) => {
    const s = await repo.getOwnSignupForUpdate(tx, memberId, signupId);
    if (!s) throw new AppError('not_found');
    if (s.status === 'cancelled') throw new AppError('signup_cancelled');
    if (new Date() >= new Date(s.cancelDeadline)) throw new AppError('cancel_deadline_passed');
    await repo.markSignupCancelled(tx, s.id, 'member');
    if (s.slot !== null) await repo.releaseSlot(tx, { activityId: s.activityId, batchNo: s.batchNo, slot: s.slot, seats: s.seats, status: s.status });
    if (s.phoneEnc) {
      await queueBulkSms(tx, [sealNotice(ctx, s.phoneEnc, `【智慧工会】${s.name}，您已取消“${s.title}”的报名。`)], 'activity_signup_cancelled', s.orgPath, ctx.sender.deliversInOutbox === true);
    }
    if (s.status === 'confirmed' && s.activityStatus === 'published') {
      await promoteWaitlist(tx, ctx, { activityId: s.activityId, batchNo: s.batchNo, title: s.title, orgPath: s.orgPath });
    }
    return s;
  });
  clearFull(ctx.db, s.activityId);
  void dispatchNotices(ctx);
  const mine = await listMySignups(ctx, { page: 1, pageSize: 200 });
  return mine.items.find((x) => x.id === signupId)!;
}

/** The member's sign-ups, newest first, with state, waitlist position and whether they may still cancel. */
export async function listMySignups(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const memberId = requireMemberId(ctx);
  const { items, total } = await repo.findMemberSignups(ctx.db, memberId, f.pageSize, (f.page - 1) * f.pageSize);
  const now = new Date();
  return {
    items: items.map((s) => ({
      id: s.id,
      activity: {
        id: s.activityId,
        title: s.title,
        kind: s.kind as 'benefit',
        startsAt: new Date(s.startsAt).toISOString(),
        location: s.location,
        status: s.activityStatus as 'published',
      },
      batchNo: s.batchNo,
      status: s.status as 'confirmed',
      statusLabel: signupStatusLabels[s.status as keyof typeof signupStatusLabels] ?? s.status,
      seats: s.seats,
      waitlistPosition: s.waitlistAhead === null ? null : s.waitlistAhead + 1,
      checkedInAt: s.checkedInAt ? new Date(s.checkedInAt).toISOString() : null,
      canCancel: s.status !== 'cancelled' && s.activityStatus === 'published' && s.checkedInAt === null && now < new Date(s.cancelDeadline),
      cancelDeadline: new Date(s.cancelDeadline).toISOString(),
      createdAt: new Date(s.createdAt).toISOString(),
    })),
    total,
  };
}

/** An activity's sign-ups for staff of its scope, names masked. Throws not_found. */
export async function listActivitySignups(ctx: StaffContext, activityId: number, f: { status: string; page: number; pageSize: number }) {
  const a = await activities.getActivityInScope(ctx.db, ctx.scope, activityId);
  if (!a) throw new AppError('not_found');
  const { items, total } = await repo.findActivitySignups(ctx.db, activityId, {
    status: f.status === 'all' ? undefined : f.status,
    limit: f.pageSize,
    offset: (f.page - 1) * f.pageSize,
  });
  return {
    items: items.map((s) => ({
      id: s.id,
      memberNo: s.memberNo,
      name: maskName(s.name),
      orgName: s.orgName,
      batchNo: s.batchNo,
      status: s.status as 'confirmed',
      seats: s.seats,
      checkedInAt: s.checkedInAt ? new Date(s.checkedInAt).toISOString() : null,
      createdAt: new Date(s.createdAt).toISOString(),
    })),
    total,
  };
}

const cardRefusal: Record<string, ErrorCode> = {
  expired: 'card_token_expired',
  forged: 'card_token_forged',
  revoked: 'card_token_revoked',
  malformed: 'card_token_malformed',
};

/** Refuses a check-in before the window opens or after it closes, saying when (Beijing time). */
function refuseOutsideCheckinWindow(a: { startsAt: Date; endsAt: Date | null }, now: Date): void {
  const w = checkinWindow(a);
  if (now < w.opensAt) {
    throw new AppError('checkin_not_open', `签到尚未开始：${beijingWhen(w.opensAt)}（北京时间）起可签到（活动开始前 ${CHECKIN_OPENS_BEFORE_MS / 3_600_000} 小时开放）`);
  }
  if (now >= w.closesAt) throw new AppError('checkin_closed', `签到已结束：活动已于 ${beijingWhen(w.closesAt)}（北京时间）结束，不能再签到`);
}

/**
 * Checks in the member whose card token staff scanned, once, from two hours before the start until
 * the end. Throws not_found, card_token_*, activity_cancelled, checkin_not_open, checkin_closed,
 * not_signed_up, signup_not_confirmed, already_checked_in.
 */
export async function checkIn(ctx: StaffContext, activityId: number, token: string) {
  const a = await activities.getActivityInScope(ctx.db, ctx.scope, activityId);
  if (!a) throw new AppError('not_found');
  const kid = decodeCardToken(token)?.claims.kid;
  if (kid) await findVerifyingKey(ctx.db, ctx.pii, kid);
  const verdict = verifyCardTokenWith(token, await getKeyring(ctx.db, ctx.pii), Math.floor(Date.now() / 1000));
  if (!verdict.valid) throw new AppError(cardRefusal[verdict.reason]!);
  const member = await repo.findMemberByNo(ctx.db, verdict.claims.mno);
  if (!member || member.cardStatus !== 'active') throw new AppError('card_token_revoked');
  if (a.status === 'cancelled') throw new AppError('activity_cancelled');
  refuseOutsideCheckinWindow(a, new Date());
  const done = await ctx.db.transaction(async (tx) => {
    const done = await repo.checkIn(tx, activityId, member.memberId, ctx.actor.staffId);
    if (!done) return undefined;
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'activity.checkin', targetType: 'activity_signup', targetId: done.id, orgPath: a.orgPath,
      detail: { activityId, memberNo: verdict.claims.mno, nonce: verdict.claims.n },
    });
    return done;
  });
  if (!done) {
    const live = await repo.getLiveSignupOf(ctx.db, activityId, member.memberId);
    if (!live) throw new AppError('not_signed_up');
    if (live.checkedInAt) throw new AppError('already_checked_in');
    throw new AppError('signup_not_confirmed');
  }
  return { signupId: done.id, memberNo: verdict.claims.mno, name: maskName(member.name), seats: done.seats, checkedInAt: new Date(done.checkedInAt).toISOString() };
}

/** The sweep: fills places freed where a waitlist waits (a cancellation elsewhere, a race). */
export async function promoteWaitlists(deps: Deps): Promise<number> {
  let n = 0;
  for (const b of await repo.findPromotable(deps.db)) {
    const a = await repo.getActivityBrief(deps.db, b.activityId);
    if (!a) continue;
    n += await deps.db.transaction((tx) => promoteWaitlist(tx, deps, { ...b, ...a }));
  }
  if (n > 0) void dispatchNotices(deps);
  return n;
}
