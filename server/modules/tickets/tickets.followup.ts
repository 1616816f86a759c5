// After a ticket is closed: the phone 回访 (callback) by the closing union's staff, and the
// hotline's 质检 (quality check) by a second person at a union strictly above — pass, or return it
// to the closing union with a fresh clock. Each once per closing. Also the queue's two views of
// closed tickets waiting for them, and the tab counts. See docs/design/rights.md.
import type { TicketCounts, TicketQueueQuery } from '../../../contracts/tickets.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { listStaff } from '../staff/staff.service.ts';
import * as repo from './tickets.repo.ts';
import { insertStep } from './tickets.trail.repo.ts';
import * as followups from './tickets.followup.repo.ts';
import { detailOf, isQualityChecker, once, startClock, staffOwner, summaryOf } from './tickets.core.ts';

// a second request racing the first for the same closing meets the unique index
registerConstraintErrors('tickets.followup', { ticket_followup_once: 'ticket_followup_done' });

const writer = (ctx: StaffContext) => !ctx.actor.roles.every((r) => r === 'viewer');

async function hasFollowup(tx: Parameters<typeof followups.findFollowups>[0], t: repo.TicketRow, kind: 'callback' | 'quality'): Promise<boolean> {
  const rows = await followups.findFollowups(tx, t.id);
  return rows.some((f) => f.kind === kind && new Date(f.closedAt).getTime() === new Date(t.closedAt!).getTime());
}

/**
 * Records the phone callback of a closed ticket, once per closing, by the closing union's staff
 * (not viewers). Throws not_found, ticket_not_holder, ticket_followup_not_closed,
 * ticket_callback_done, ticket_callback_unreached_rating, idempotency_key_reused.
 */
export async function recordCallback(
  ctx: StaffContext,
  id: number,
  key: string,
  input: { reached: boolean; satisfaction?: number | undefined; note: string },
): Promise<IdempotentReply> {
  return once(ctx.db, staffOwner(ctx), key, requestHashOf('ticket callback', id, input), async (tx) => {
    const t = await repo.getTicketInScope(tx, ctx.scope, id, true);
    if (!t) throw new AppError('not_found');
    if (t.orgId !== ctx.actor.orgId || !writer(ctx)) throw new AppError('ticket_not_holder');
    if (t.state !== 'closed') throw new AppError('ticket_followup_not_closed');
    if (!input.reached && input.satisfaction !== undefined) throw new AppError('ticket_callback_unreached_rating');
    if (await hasFollowup(tx, t, 'callback')) throw new AppError('ticket_callback_done');
    const note = input.note.trim();
    await followups.insertFollowup(tx, { ticketId: id, kind: 'callback', orgId: ctx.actor.orgId, staffId: ctx.actor.staffId, reached: input.reached, satisfaction: input.satisfaction ?? null, note });
    const said = input.reached ? `已联系上${input.satisfaction !== undefined ? `，满意度 ${input.satisfaction} 分` : ''}` : '未联系上';
    await insertStep(tx, {
      ticketId: id, action: 'callback', actorKind: 'staff', actorId: ctx.actor.staffId, actorName: ctx.actor.displayName, orgId: t.orgId,
      reason: note ? `${said}：${note}` : said,
    });
    await audit(tx, ctx, 'ticket.callback', { type: 'ticket', id, orgPath: t.orgPath }, { reached: input.reached, satisfaction: input.satisfaction ?? null });
    return { ticketId: id, answer: await detailOf(tx, ctx, (await repo.getTicketAfterStep(tx, id))!) };
  });
}

/**
 * The quality check of a closed ticket, once per closing, by an admin or reviewer of a union
 * strictly above the closing one who did not close it: pass, or return it (reason required) to the
 * closing union, open again with a fresh clock there. Throws not_found, ticket_quality_not_above,
 * ticket_quality_same_person, ticket_followup_not_closed, ticket_quality_done,
 * ticket_quality_reason_required, idempotency_key_reused.
 */
export async function checkQuality(ctx: StaffContext, id: number, key: string, input: { pass: boolean; reason?: string | undefined }): Promise<IdempotentReply> {
  return once(ctx.db, staffOwner(ctx), key, requestHashOf('ticket quality', id, input), async (tx) => {
    const t = await repo.getTicketInScope(tx, ctx.scope, id, true);
    if (!t) throw new AppError('not_found');
    if (!isQualityChecker(ctx, t.orgPath)) throw new AppError('ticket_quality_not_above');
    if (t.state !== 'closed') throw new AppError('ticket_followup_not_closed');
    if ((await followups.findCloser(tx, id)) === ctx.actor.staffId) throw new AppError('ticket_quality_same_person');
    if (await hasFollowup(tx, t, 'quality')) throw new AppError('ticket_quality_done');
    const reason = (input.reason ?? '').trim();
    if (!input.pass && reason.length < 2) throw new AppError('ticket_quality_reason_required');
    const checker = await getOrgInScope(tx, ctx.scope, ctx.scope.orgId);
    await followups.insertFollowup(tx, { ticketId: id, kind: 'quality', orgId: checker.id, staffId: ctx.actor.staffId, pass: input.pass, reason });
    const step = { ticketId: id, actorKind: 'staff', actorId: ctx.actor.staffId, actorName: ctx.actor.displayName, orgId: checker.id };
    if (input.pass) {
      await insertStep(tx, { ...step, action: 'quality_pass', reason });
      await audit(tx, ctx, 'ticket.quality_pass', { type: 'ticket', id, orgPath: t.orgPath });
    } else {
      // open again where it was closed, with a fresh clock counted from now
      await followups.reopenForQuality(tx, id);
      await startClock(tx, await loadCalendar(tx), t, { id: t.orgId, path: t.orgPath }, new Date());
      await insertStep(tx, { ...step, action: 'quality_return', toOrgId: t.orgId, reason });
      await audit(tx, ctx, 'ticket.quality_return', { type: 'ticket', id, orgPath: t.orgPath }, { reason });
    }
    return { ticketId: id, answer: await detailOf(tx, ctx, (await repo.getTicketAfterStep(tx, id))!) };
  });
}

/** The queue's `callback` and `quality` views (closed tickets waiting for one). Throws not_found (orgId). */
export async function listFollowupQueue(ctx: StaffContext, f: TicketQueueQuery & { view: 'callback' | 'quality' }) {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await followups.findFollowupQueue(
    ctx.db,
    ctx.scope,
    { view: f.view, orgPath: org.path, category: f.category, sample: f.view === 'quality' ? f.sample : undefined },
    f.pageSize,
    (f.page - 1) * f.pageSize,
  );
  return { items: items.map((t) => summaryOf(t)), total };
}

/** The queue's tab counts for the caller (also the 工作台's figures). */
export function countTicketViews(ctx: StaffContext): Promise<TicketCounts> {
  return followups.countViews(ctx.db, ctx.scope, ctx.actor.staffId);
}

/** The staff a ticket of the scope may be assigned to: active, not viewers, of the union holding it. Throws not_found. */
export async function listTicketHandlers(ctx: StaffContext, id: number, f: { page: number; pageSize: number }) {
  const t = await repo.getTicketInScope(ctx.db, ctx.scope, id);
  if (!t) throw new AppError('not_found');
  const { items } = await listStaff(ctx, { orgId: t.orgId, page: 1, pageSize: 200 });
  const all = items.filter((s) => s.org.id === t.orgId && s.isActive && !s.roles.every((r) => r === 'viewer')).map((s) => ({ id: s.id, name: s.displayName }));
  return { items: all.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: all.length };
}
