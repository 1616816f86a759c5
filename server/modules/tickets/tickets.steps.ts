// The steps on a ticket (受理, 转办, 退回, 挂起, 恢复, 延期, 办结) and the worker's rating after closing,
// which may reopen it once to the level above. See docs/design/rights.md.
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { deadlineAfter, deadlineAfterPause, extendDeadline, workingDaysBetweenMoments } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { getStaff } from '../staff/staff.service.ts';
import { noticeForStep } from './tickets.notices.ts';
import * as repo from './tickets.repo.ts';
import { findClocks, insertStep, updateClock } from './tickets.trail.repo.ts';
import { detailOf, isStrictlyAbove, limitsFor, myTicketView, once, startClock, staffOwner, type TicketOwner } from './tickets.core.ts';

// ── steps ──────────────────────────────────────────────────────────────────────────────────────

type StepInput =
  | { action: 'accept'; difficulty?: string | undefined }
  | { action: 'assign'; toOrgId?: number | undefined; toStaffId?: number | undefined; reason?: string | undefined }
  | { action: 'return'; reason: string }
  | { action: 'pause'; reason: string }
  | { action: 'resume' }
  | { action: 'extension_request'; days: number; reason: string }
  | { action: 'extension_decide'; approve: boolean; reason?: string | undefined }
  | { action: 'close'; result: string; recoveredFen: number };

const stateWords: Record<string, string> = { pending: '待受理', in_progress: '办理中', paused: '已挂起', closed: '已办结' };

function requireState(t: repo.TicketRow, ...states: string[]): void {
  if (!states.includes(t.state)) {
    const want = states.map((s) => stateWords[s]).join('或');
    throw new AppError('ticket_state_invalid', `工单当前为“${stateWords[t.state]}”，此操作只能在“${want}”时进行`);
  }
}

/**
 * One step on a ticket of the scope, once per key. Every step but deciding an extension is the
 * holding union's; deciding is the level above's. Throws not_found, ticket_not_holder,
 * ticket_state_invalid and each step's own refusals; idempotency_key_reused.
 */
export async function takeStep(ctx: StaffContext, id: number, key: string, input: StepInput): Promise<IdempotentReply> {
  const hash = requestHashOf('ticket step', id, input);
  return once(ctx.db, staffOwner(ctx), key, hash, async (tx) => {
    const t = await repo.getTicketInScope(tx, ctx.scope, id, true);
    if (!t) throw new AppError('not_found');
    if (input.action === 'extension_decide') {
      if (!isStrictlyAbove(ctx, t.orgPath) || !ctx.actor.roles.some((r) => r === 'admin' || r === 'reviewer')) throw new AppError('ticket_not_level_above');
    } else if (t.orgId !== ctx.actor.orgId) {
      throw new AppError('ticket_not_holder');
    }
    const clocks = await findClocks(tx, id);
    const clock = clocks.find((c) => c.endedAt === null);
    const cal = await loadCalendar(tx);
    const now = new Date();
    const step = { ticketId: id, actorKind: 'staff', actorId: ctx.actor.staffId, actorName: ctx.actor.displayName, orgId: t.orgId };
    const detail: Record<string, unknown> = {};
    switch (input.action) {
      case 'accept': {
        requireState(t, 'pending');
        const difficulty = input.difficulty ?? t.difficulty;
        await repo.updateTicket(tx, id, { state: 'in_progress', difficulty });
        const set: Parameters<typeof updateClock>[2] = { acceptedAt: now };
        if (difficulty !== t.difficulty) {
          const l = await limitsFor(tx, t.orgPath, t.category, difficulty);
          const at = new Date(clock!.receivedAt);
          Object.assign(set, { acceptDueAt: deadlineAfter(cal, at, l.acceptDays), returnDueAt: deadlineAfter(cal, at, l.returnDays), dueAt: deadlineAfter(cal, at, l.finishDays), maxExtensionDays: l.maxExtensionDays });
          detail.difficulty = difficulty;
        }
        await updateClock(tx, clock!.id, set);
        await insertStep(tx, { ...step, action: 'accept' });
        break;
      }
      case 'assign': {
        requireState(t, 'pending', 'in_progress');
        if ((input.toOrgId === undefined) === (input.toStaffId === undefined)) throw new AppError('ticket_assign_target_required');
        if (input.toStaffId !== undefined) {
          const s = await getStaff({ ...ctx, db: tx } as StaffContext, input.toStaffId);
          if (s.org.id !== t.orgId || !s.isActive || s.roles.every((r) => r === 'viewer')) throw new AppError('ticket_handler_invalid');
          await repo.updateTicket(tx, id, { handlerStaffId: s.id });
          await insertStep(tx, { ...step, action: 'assign_handler', toStaffId: s.id, reason: input.reason ?? '' });
          detail.toStaffId = s.id;
          break;
        }
        const target = await getOrgInScope(tx, ctx.scope, input.toOrgId!);
        if (!target.path.startsWith(`${t.orgPath}.`)) throw new AppError('ticket_assign_not_below');
        if (target.status !== 'active') throw new AppError('org_closed');
        if (t.hiddenFromPath !== null && (target.path === t.hiddenFromPath || target.path.startsWith(`${t.hiddenFromPath}.`))) {
          throw new AppError('ticket_assign_employer_union');
        }
        await updateClock(tx, clock!.id, { endedAt: now, outcome: 'assigned' });
        await repo.updateTicket(tx, id, { orgId: target.id, state: 'pending', handlerStaffId: null });
        await startClock(tx, cal, t, target, now);
        await insertStep(tx, { ...step, action: 'assign', toOrgId: target.id, reason: input.reason ?? '' });
        detail.toOrgId = target.id;
        break;
      }
      case 'return': {
        requireState(t, 'pending', 'in_progress');
        if (now > new Date(clock!.returnDueAt)) throw new AppError('ticket_return_too_late');
        // back to the union that assigned it here; a ticket that came here otherwise (created,
        // returned from below, reopened) goes to the parent
        const previous = clocks.at(-2);
        const toId = previous?.outcome === 'assigned' ? previous.orgId : t.orgParentId;
        if (toId === null) throw new AppError('ticket_cannot_return');
        const to = (await repo.getOrg(tx, toId))!;
        await updateClock(tx, clock!.id, { endedAt: now, outcome: 'returned' });
        await repo.updateTicket(tx, id, { orgId: to.id, state: 'pending', handlerStaffId: null });
        await startClock(tx, cal, t, to, now);
        await insertStep(tx, { ...step, action: 'return', toOrgId: to.id, reason: input.reason });
        detail.toOrgId = to.id;
        break;
      }
      case 'pause': {
        requireState(t, 'in_progress');
        await updateClock(tx, clock!.id, { pausedAt: now });
        await repo.updateTicket(tx, id, { state: 'paused' });
        await insertStep(tx, { ...step, action: 'pause', reason: input.reason });
        break;
      }
      case 'resume': {
        requireState(t, 'paused');
        const pausedAt = new Date(clock!.pausedAt!);
        const days = workingDaysBetweenMoments(cal, pausedAt, now);
        await updateClock(tx, clock!.id, { pausedAt: null, pausedDays: clock!.pausedDays + days, dueAt: deadlineAfterPause(cal, new Date(clock!.dueAt), pausedAt, now) });
        await repo.updateTicket(tx, id, { state: 'in_progress' });
        await insertStep(tx, { ...step, action: 'resume' });
        detail.pausedDays = days;
        break;
      }
      case 'extension_request': {
        requireState(t, 'in_progress', 'paused');
        if (clock!.extensionState !== null) throw new AppError('ticket_extension_used');
        if (input.days > clock!.maxExtensionDays) throw new AppError('ticket_extension_too_long', `延期不能超过 ${clock!.maxExtensionDays} 个工作日`);
        if (now > new Date(clock!.dueAt)) throw new AppError('ticket_extension_too_late');
        await updateClock(tx, clock!.id, { extensionState: 'requested', extensionDays: input.days, extensionReason: input.reason });
        await insertStep(tx, { ...step, action: 'extension_request', reason: input.reason });
        detail.days = input.days;
        break;
      }
      case 'extension_decide': {
        requireState(t, 'in_progress', 'paused');
        if (clock!.extensionState !== 'requested') throw new AppError('ticket_extension_not_requested');
        const set: Parameters<typeof updateClock>[2] = { extensionState: input.approve ? 'approved' : 'rejected' };
        if (input.approve) set.dueAt = extendDeadline(cal, new Date(clock!.dueAt), clock!.extensionDays!);
        await updateClock(tx, clock!.id, set);
        const decider = await getOrgInScope(tx, ctx.scope, ctx.scope.orgId);
        await insertStep(tx, { ...step, orgId: decider.id, action: input.approve ? 'extension_approve' : 'extension_reject', reason: input.reason ?? '' });
        detail.approve = input.approve;
        break;
      }
      case 'close': {
        requireState(t, 'in_progress');
        const result = input.result.trim();
        if (result.length < 2) throw new AppError('ticket_result_required');
        await updateClock(tx, clock!.id, { endedAt: now, outcome: 'closed' });
        await repo.updateTicket(tx, id, { state: 'closed', result, recoveredFen: input.recoveredFen, closed: true });
        await insertStep(tx, { ...step, action: 'close' });
        detail.recoveredFen = input.recoveredFen;
        break;
      }
    }
    await noticeForStep(tx, ctx, { id }, input);
    await audit(tx, ctx, `ticket.${input.action}`, { type: 'ticket', id, orgPath: t.orgPath }, detail);
    // after a return the ticket has left the holder's scope: the answer is the ticket as the step left it
    const after = (await repo.getTicketAfterStep(tx, id))!;
    return { ticketId: id, answer: await detailOf(tx, ctx, after) };
  });
}

// ── satisfaction (满意度) ───────────────────────────────────────────────────────────────────────

/** A rating of 1 or 2: dissatisfied — the ticket is handled again, once, by the level above. */
const DISSATISFIED = 2;

/**
 * The worker rates a closed ticket of theirs, once. A dissatisfied rating reopens it once, to the
 * union above the one that closed it, with a fresh clock there. Throws not_found,
 * ticket_not_closed, ticket_already_rated, idempotency_key_reused.
 */
export async function rateMyTicket(ctx: MemberContext, id: number, key: string, input: { rating: number; comment?: string | undefined }): Promise<IdempotentReply> {
  const owner: TicketOwner = { kind: 'member', id: ctx.actor.workerId };
  return once(ctx.db, owner, key, requestHashOf('rate', id, input), async (tx) => {
    const t = await repo.getWorkerTicket(tx, ctx.actor.workerId, id, true);
    if (!t) throw new AppError('not_found');
    if (t.ratedAt !== null) throw new AppError('ticket_already_rated');
    if (t.state !== 'closed') throw new AppError('ticket_not_closed');
    await repo.updateTicket(tx, id, { rating: input.rating, ratingComment: input.comment ?? '' });
    await insertStep(tx, { ticketId: id, action: 'rate', actorKind: 'member', actorId: ctx.actor.workerId, actorName: '职工本人', orgId: t.orgId, reason: `${input.rating} 分` });
    await audit(tx, ctx, 'ticket.rate', { type: 'ticket', id, orgPath: t.orgPath }, { rating: input.rating });
    if (input.rating <= DISSATISFIED && t.reopenedCount === 0 && t.orgParentId !== null) {
      const up = (await repo.getOrg(tx, t.orgParentId))!;
      const cal = await loadCalendar(tx);
      await repo.updateTicket(tx, id, { state: 'pending', orgId: up.id, handlerStaffId: null, reopened: true });
      await startClock(tx, cal, t, up, new Date());
      await insertStep(tx, { ticketId: id, action: 'reopen', actorKind: 'system', actorId: null, actorName: '系统', orgId: t.orgId, toOrgId: up.id, reason: '职工不满意，由上一级工会重新办理' });
      await noticeForStep(tx, ctx, { id }, { action: 'reopen' });
      await audit(tx, ctx, 'ticket.reopen', { type: 'ticket', id, orgPath: up.path }, { toOrgId: up.id });
    }
    const after = (await repo.getWorkerTicket(tx, ctx.actor.workerId, id))!;
    return { ticketId: id, answer: await myTicketView(tx, after) };
  });
}

