// Rights work orders (维权工单): a ticket is routed to the union where the worker works, held by one
// union at a time, and moved by steps — 受理 accept, 转办 assign (down, or to a named handler), 退回
// return (up, within its limit), 挂起 pause (the clock stops), 延期 extend (once, approved by the
// level above), 办结 close. Each union it passes through gets its own clock, counted in working days
// on the calendar (calendar.service). A ticket about an employer is kept from the staff of that
// employer's own union, on every route. See docs/design/rights.md.
import {
  DEFAULT_TIME_LIMITS,
  ticketCategories,
  ticketDifficulties,
  type CreateMyTicketInput,
  type CreateTicketInput,
  type MyTicket,
  type SetTimeLimitInput,
  type TicketDetail,
  type TicketQueueQuery,
} from '../../../contracts/tickets.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import type { Queryable } from '../../db/client.ts';
import { audit } from '../../http/actors.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { maskName } from '../../lib/pii.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { memberContactInScope, workerContact } from '../members/members.service.ts';
import * as repo from './tickets.repo.ts';
import { findLimitsOnPath, upsertLimit } from './tickets.limits.repo.ts';
import { findQueue } from './tickets.queue.repo.ts';
import { insertStep } from './tickets.trail.repo.ts';
import { countTicketViews, listFollowupQueue } from './tickets.followup.ts';
import {
  detailOf,
  fileCall,
  myTicketOf,
  myTicketView,
  once,
  personCaller,
  routedColumns,
  routeTicket,
  startClock,
  staffOwner,
  summaryOf,
  type Caller,
  type Desk,
  type TicketOwner,
} from './tickets.core.ts';

export { createIntegrationAccount, createIntegrationTicket, listIntegrationAccounts, revokeIntegrationAccount } from './tickets.integrations.ts';
export { rateMyTicket, takeStep } from './tickets.steps.ts';
export { sweepTickets } from './sweep.ts';
export { checkQuality, countTicketViews, listTicketHandlers, recordCallback } from './tickets.followup.ts';

// ── time limits: the nearest ancestor's row, else the 12345 norms ──────────────────────────────

/** The effective limits of a union for every category and difficulty, with where each comes from. Throws not_found. */
export async function getTimeLimits(ctx: StaffContext, orgId: number | undefined) {
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId ?? ctx.scope.orgId);
  const rows = await findLimitsOnPath(ctx.db, org.path);
  const limits = ticketCategories.flatMap((category) =>
    ticketDifficulties.map((difficulty) => {
      const r = rows.find((x) => x.category === category && x.difficulty === difficulty);
      if (!r) return { category, difficulty, ...DEFAULT_TIME_LIMITS, source: 'default' as const, fromOrg: null };
      return {
        category,
        difficulty,
        acceptDays: r.acceptDays,
        finishDays: r.finishDays,
        maxExtensionDays: r.maxExtensionDays,
        returnDays: r.returnDays,
        source: r.orgId === org.id ? ('own' as const) : ('inherited' as const),
        fromOrg: { id: r.orgId, name: r.orgName },
      };
    }),
  );
  return { org: { id: org.id, name: org.name }, limits };
}

/** Sets a union's limits for one category and difficulty (admins of the scope; audited). Throws not_found, forbidden. */
export async function setTimeLimit(ctx: StaffContext, input: SetTimeLimitInput) {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  await ctx.db.transaction(async (tx) => {
    await upsertLimit(tx, { ...input, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'ticket.time_limit_set', { type: 'org', id: org.id, orgPath: org.path }, { ...input });
  });
  return getTimeLimits(ctx, org.id);
}


// ── creating ───────────────────────────────────────────────────────────────────────────────────

/**
 * A worker asks from the phone: routed, its first clock started, its trail begun; once per key.
 * Throws ticket_contact_name_required, employer_required, ticket_employer_unknown,
 * work_place_required, invalid_work_place, idempotency_key_reused.
 */
export async function createMyTicket(ctx: MemberContext, key: string, input: CreateMyTicketInput): Promise<IdempotentReply> {
  const owner: TicketOwner = { kind: 'member', id: ctx.actor.workerId };
  const hash = requestHashOf('POST /api/me/tickets', input);
  const prior = await repo.findRequest(ctx.db, owner.kind, owner.id, key);
  if (!prior) {
    // refusals before the transaction: nothing is written for them
    const contact = await workerContact(ctx.db, ctx.actor.workerId);
    if (!(contact.memberName ?? input.contactName)) throw new AppError('ticket_contact_name_required');
  }
  return once(ctx.db, owner, key, hash, async (tx) => {
    const contact = await workerContact(tx, ctx.actor.workerId);
    const name = contact.memberName ?? input.contactName!;
    const routed = await routeTicket(tx, input);
    const cal = await loadCalendar(tx);
    const id = await repo.insertTicket(tx, {
      channel: 'app',
      type: input.type,
      category: input.category,
      difficulty: 'normal',
      orgId: routed.org.id,
      workerId: ctx.actor.workerId,
      memberId: contact.memberId,
      callerNameEnc: ctx.pii.encrypt(name),
      callerNameMasked: maskName(name),
      callerPhoneEnc: contact.phoneEnc,
      callerPhoneMasked: contact.phoneMasked,
      ...routedColumns(routed, input),
      description: input.description,
      createdBy: null,
    });
    await startClock(tx, cal, { id, category: input.category, difficulty: 'normal' }, routed.org, new Date());
    await insertStep(tx, { ticketId: id, action: 'create', actorKind: 'member', actorId: ctx.actor.workerId, actorName: '职工本人', orgId: routed.org.id });
    await audit(tx, ctx, 'ticket.create', { type: 'ticket', id, orgPath: routed.org.path }, { channel: 'app', category: input.category });
    const t = (await repo.getWorkerTicket(tx, ctx.actor.workerId, id))!;
    return { ticketId: id, answer: await myTicketView(tx, t) };
  });
}

export async function createTicket(ctx: StaffContext, key: string, input: CreateTicketInput): Promise<IdempotentReply> {
  const hash = requestHashOf('POST /api/tickets', input);
  const prior = await repo.findRequest(ctx.db, 'staff', ctx.actor.staffId, key);
  if (!prior && input.callerMemberId === undefined && (input.callerName === undefined || input.callerPhone === undefined)) {
    throw new AppError('ticket_caller_required');
  }
  const desk: Desk = {
    scope: ctx.scope,
    channel: 'hotline',
    actorKind: 'staff',
    actorId: ctx.actor.staffId,
    actorName: ctx.actor.displayName,
    createdBy: ctx.actor.staffId,
    audit: (tx, id, orgPath, detail) => audit(tx, ctx, 'ticket.create', { type: 'ticket', id, orgPath }, detail),
  };
  return once(ctx.db, staffOwner(ctx), key, hash, async (tx) => {
    const caller: Caller = input.callerMemberId !== undefined
      ? await memberContactInScope({ ...ctx, db: tx } as unknown as StaffContext, input.callerMemberId).then((m) => ({
          memberId: m.memberId,
          nameEnc: ctx.pii.encrypt(m.name),
          nameMasked: maskName(m.name),
          phoneEnc: m.phoneEnc,
          phoneMasked: m.phoneMasked,
          phoneHash: m.phoneEnc ? ctx.pii.hash(ctx.pii.decrypt(m.phoneEnc)) : null,
        }))
      : personCaller(ctx.pii, input.callerName!, input.callerPhone!);
    const id = await fileCall(tx, desk, input, caller);
    const t = await repo.getTicketInScope(tx, ctx.scope, id);
    // a clerk inside the employer's own union cannot file about it and then read it
    if (!t) throw new AppError('ticket_employer_own_union');
    return { ticketId: id, answer: await detailOf(tx, ctx, t) };
  });
}

// ── reading ────────────────────────────────────────────────────────────────────────────────────

export async function listQueue(ctx: StaffContext, f: TicketQueueQuery) {
  if (f.view === 'callback' || f.view === 'quality') return listFollowupQueue(ctx, { ...f, view: f.view });
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await findQueue(
    ctx.db,
    ctx.scope,
    { view: f.view, staffId: ctx.actor.staffId, orgId: org.id, orgPath: org.path, state: f.state, category: f.category },
    f.pageSize,
    (f.page - 1) * f.pageSize,
  );
  const cal = await loadCalendar(ctx.db);
  const now = new Date();
  return { items: items.map((t) => summaryOf(t, cal, now)), total };
}

/** The 工作台's rights figures: overdue tickets of the subtree, and those waiting for me (mine and my union's pending). */
export async function countTicketsForWorkbench(ctx: StaffContext): Promise<{ overdue: number; waiting: number }> {
  const c = await countTicketViews(ctx);
  return { overdue: c.overdue, waiting: c.waiting };
}

/** A ticket of the scope with its clocks and trail. Throws not_found (also for the employer's own union). */
export async function getTicket(ctx: StaffContext, id: number): Promise<TicketDetail> {
  const t = await repo.getTicketInScope(ctx.db, ctx.scope, id);
  if (!t) throw new AppError('not_found');
  return detailOf(ctx.db, ctx, t);
}

export async function listMyTickets(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const { items, total } = await repo.findWorkerTickets(ctx.db, ctx.actor.workerId, f.pageSize, (f.page - 1) * f.pageSize);
  return {
    items: items.map((t) => {
      const { steps: _s, description: _d, routeReason: _r, ...rest } = myTicketOf(t, [], []);
      return rest;
    }),
    total,
  };
}

export async function getMyTicket(ctx: MemberContext, id: number): Promise<MyTicket> {
  const t = await repo.getWorkerTicket(ctx.db, ctx.actor.workerId, id);
  if (!t) throw new AppError('not_found');
  return myTicketView(ctx.db, t);
}

/**
 * The caller's full name and phone: for the named handler (or, with none named, the holding union's
 * staff), with a reason; audited. Throws not_found, ticket_reveal_forbidden.
 */
export async function revealCaller(ctx: StaffContext, id: number, reason: string) {
  const t = await repo.getTicketInScope(ctx.db, ctx.scope, id);
  if (!t) throw new AppError('not_found');
  const mayReveal = t.handlerId === null ? t.orgId === ctx.actor.orgId : t.handlerId === ctx.actor.staffId;
  if (!mayReveal || ctx.actor.roles.every((r) => r === 'viewer')) throw new AppError('ticket_reveal_forbidden');
  const secrets = (await repo.getCallerSecrets(ctx.db, id))!;
  await audit(ctx.db, ctx, 'ticket.reveal', { type: 'ticket', id, orgPath: t.orgPath }, { reason, fields: ['callerName', 'callerPhone'] });
  return { callerName: ctx.pii.decrypt(secrets.nameEnc), callerPhone: secrets.phoneEnc ? ctx.pii.decrypt(secrets.phoneEnc) : null };
}


// ── for a supervision case (一函两书) ─────────────────────────────────────────────────────────────

/**
 * The tickets among `ids` the caller may see (scope, and never those kept from the employer's own
 * union): what a labour-law supervision case links. Tickets not seen are left out, not thrown.
 */
export async function findTicketsForSupervision(ctx: StaffContext, ids: readonly number[]) {
  const rows = await Promise.all([...new Set(ids)].map((id) => repo.getTicketInScope(ctx.db, ctx.scope, id)));
  return rows
    .filter((t): t is repo.TicketRow => t !== undefined)
    .map((t) => ({ id: t.id, category: t.category, state: t.state, employerName: t.employerName, createdAt: new Date(t.createdAt).toISOString() }));
}

/**
 * Moves the tickets that name a duplicate employer onto the kept one, in the caller's transaction (the
 * enterprise register's merge, which checked both employers against the scope). Answers how many moved.
 */
export function reassignEnterprise(tx: Queryable, fromId: number, toId: number): Promise<number> {
  return repo.reassignEnterprise(tx, fromId, toId);
}
