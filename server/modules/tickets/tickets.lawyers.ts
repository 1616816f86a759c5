// Legal-aid lawyers on tickets (法律援助律师办案). The holding union's staff assign a lawyer of the
// register who serves the union (or an ancestor of it; legal.service decides who serves); assigning
// another ends the running assignment. The lawyer signs in on the member site with the phone of the
// register (the worker's phone hash matched to an active lawyer's) and sees only the tickets whose
// assignment to them is running — any other is 404. The lawyer's log (consultations, documents,
// hearings) is sealed at rest; every view of the caller's contact by the lawyer is audited.
// See docs/design/rights.md, "Lawyers on tickets".
import type { LegalArea, LawyerView } from '../../../contracts/legal.ts';
import type {
  LawyerEntryInput,
  LawyerEntryKind,
  LawyerOutcome,
  LawyerOutcomeInput,
  LawyerTicketDetail,
  TicketLawyerAssignment,
  TicketLawyers,
} from '../../../contracts/ticket-lawyers.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { requestHashOf, type IdempotentReply } from '../../http/idempotency.ts';
import { findActiveLawyersByPhoneHash, findLawyersByIds, findLawyersServing, getLawyerForUnion } from '../legal/legal.service.ts';
import { workerContact } from '../members/members.service.ts';
import { iso, isoOrNull, once, staffOwner, type TicketOwner } from './tickets.core.ts';
import * as lrepo from './tickets.lawyers.repo.ts';
import { noticeForStep } from './tickets.notices.ts';
import * as repo from './tickets.repo.ts';

/** Roles that assign and end a ticket's lawyer (the holding union's, as for every step). */
const WRITERS = ['admin', 'reviewer', 'clerk'];
const canWrite = (ctx: StaffContext) => ctx.actor.roles.some((r) => WRITERS.includes(r));

async function ticketInScope(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.TicketRow> {
  const t = await repo.getTicketInScope(q, ctx.scope, id, lock);
  if (!t) throw new AppError('not_found');
  return t;
}

function requireHolder(ctx: StaffContext, t: repo.TicketRow): void {
  if (t.orgId !== ctx.actor.orgId) throw new AppError('ticket_not_holder');
  if (t.state === 'closed') throw new AppError('ticket_state_invalid', '工单已办结，不能再指派或更换律师');
}

// ── views ──────────────────────────────────────────────────────────────────────────────────────

function entryOf(ctx: { pii: StaffContext['pii'] }, e: lrepo.EntryRow) {
  return { id: e.id, at: iso(e.at), kind: e.kind as LawyerEntryKind, text: ctx.pii.decrypt(e.textEnc), documentTitle: e.documentTitle, createdAt: iso(e.createdAt) };
}

function assignmentOf(a: lrepo.AssignmentRow, lawyer: LawyerView | undefined, entries: ReturnType<typeof entryOf>[]): TicketLawyerAssignment {
  return {
    id: a.id,
    lawyer: { id: a.lawyerId, name: lawyer?.name ?? '', firm: lawyer?.firm ?? '', phoneMasked: lawyer?.phoneMasked ?? '' },
    org: { id: a.orgId, name: a.orgName },
    assignedBy: a.assignedByName,
    assignedAt: iso(a.assignedAt),
    note: a.note,
    endedAt: isoOrNull(a.endedAt),
    endReason: a.endReason,
    outcome: a.outcome as LawyerOutcome | null,
    recoveredFen: a.recoveredFen === null ? null : Number(a.recoveredFen),
    outcomeNote: a.outcomeNote,
    closedAt: isoOrNull(a.closedAt),
    entries,
  };
}


/** A ticket's lawyers, the running one and the past ones, with their logs. Throws not_found. */
export async function getTicketLawyers(ctx: StaffContext, ticketId: number): Promise<TicketLawyers> {
  const t = await ticketInScope(ctx, ctx.db, ticketId);
  const rows = await lrepo.findAssignments(ctx.db, ticketId);
  const [lawyers, entries] = await Promise.all([findLawyersByIds(ctx.db, rows.map((a) => a.lawyerId)), lrepo.findEntries(ctx.db, rows.map((a) => a.id))]);
  const views = rows.map((a) =>
    assignmentOf(a, lawyers.find((l) => l.id === a.lawyerId), entries.filter((e) => e.assignmentId === a.id).map((e) => entryOf(ctx, e))),
  );
  return {
    current: views.find((v) => v.endedAt === null) ?? null,
    past: views.filter((v) => v.endedAt !== null).reverse(),
    canAssign: t.orgId === ctx.actor.orgId && t.state !== 'closed' && canWrite(ctx),
  };
}

/**
 * The lawyers who may be assigned to a ticket: active, serving its holding union (or an ancestor),
 * of the ticket's category unless another area (or all) is asked for. Throws not_found.
 */
export async function listLawyerCandidates(ctx: StaffContext, ticketId: number, f: { area?: LegalArea | 'all' | undefined; page: number; pageSize: number }) {
  const area = f.area;
  const t = await ticketInScope(ctx, ctx.db, ticketId);
  const wanted = area ?? (t.category as LegalArea);
  const items = await findLawyersServing(ctx.db, t.orgPath, wanted === 'all' ? undefined : wanted);
  // a union is served by a handful of lawyers: filtered here, paged here
  return { area: wanted, items: items.slice((f.page - 1) * f.pageSize, f.page * f.pageSize), total: items.length };
}

/**
 * Assigns a lawyer to a ticket of the holding union, once per key; a running assignment of another
 * lawyer ends. The worker who asked on the app is told. Throws not_found (ticket, or no such lawyer),
 * ticket_not_holder, ticket_state_invalid (closed), lawyer_inactive, lawyer_not_serving,
 * ticket_lawyer_same, idempotency_key_reused.
 */
export async function assignLawyer(ctx: StaffContext, ticketId: number, key: string, input: { lawyerId: number; note?: string | undefined }): Promise<IdempotentReply> {
  return once(ctx.db, staffOwner(ctx), key, requestHashOf('ticket lawyer assign', ticketId, input), async (tx) => {
    const t = await ticketInScope(ctx, tx, ticketId, true);
    requireHolder(ctx, t);
    const lawyer = await getLawyerForUnion(tx, input.lawyerId, t.orgPath);
    if (!lawyer) throw new AppError('not_found');
    if (!lawyer.active) throw new AppError('lawyer_inactive');
    if (!lawyer.serves) throw new AppError('lawyer_not_serving');
    const running = await lrepo.getRunningAssignment(tx, ticketId, true);
    if (running?.lawyerId === lawyer.id) throw new AppError('ticket_lawyer_same');
    if (running) await lrepo.endAssignment(tx, running.id, ctx.actor.staffId, `改派律师${lawyer.name}`);
    const assignmentId = await lrepo.insertAssignment(tx, { ticketId, lawyerId: lawyer.id, orgId: t.orgId, staffId: ctx.actor.staffId, note: input.note ?? '' });
    await noticeForStep(tx, ctx, { id: ticketId }, { action: 'lawyer_assign', lawyerName: lawyer.name, firm: lawyer.firm });
    await audit(tx, ctx, 'ticket.lawyer_assign', { type: 'ticket', id: ticketId, orgPath: t.orgPath }, { lawyerId: lawyer.id, ...(running ? { replacedLawyerId: running.lawyerId } : {}) });
    return { ticketId, answer: { ticketId, assignmentId, entryId: null } };
  });
}

/** Ends the running assignment (the lawyer no longer sees the ticket). Throws not_found, ticket_not_holder, ticket_lawyer_none. */
export async function endLawyer(ctx: StaffContext, ticketId: number, reason: string): Promise<TicketLawyers> {
  await ctx.db.transaction(async (tx) => {
    const t = await ticketInScope(ctx, tx, ticketId, true);
    if (t.orgId !== ctx.actor.orgId) throw new AppError('ticket_not_holder');
    const running = await lrepo.getRunningAssignment(tx, ticketId, true);
    if (!running) throw new AppError('ticket_lawyer_none');
    await lrepo.endAssignment(tx, running.id, ctx.actor.staffId, reason);
    await audit(tx, ctx, 'ticket.lawyer_end', { type: 'ticket', id: ticketId, orgPath: t.orgPath }, { lawyerId: running.lawyerId, reason });
  });
  return getTicketLawyers(ctx, ticketId);
}

// ── the lawyer's side (member site) ────────────────────────────────────────────────────────────

/** The active register entries of the signed-in worker's phone. */
async function lawyersOf(ctx: MemberContext): Promise<LawyerView[]> {
  const contact = await workerContact(ctx.db, ctx.actor.workerId);
  return findActiveLawyersByPhoneHash(ctx.db, ctx.pii.hash(ctx.pii.decrypt(contact.phoneEnc)));
}

async function lawyerIdsOf(ctx: MemberContext): Promise<number[]> {
  const lawyers = await lawyersOf(ctx);
  if (lawyers.length === 0) throw new AppError('lawyer_only');
  return lawyers.map((l) => l.id);
}

/** Whether the signed-in person is a registered, active legal-aid lawyer (the member site's 我的 shows the entry). */
export async function getLawyerMe(ctx: MemberContext) {
  const [l] = await lawyersOf(ctx);
  return { lawyer: l ? { name: l.name, firm: l.firm } : null };
}

function summaryOf(r: lrepo.LawyerTicketRow) {
  return {
    id: r.id,
    type: r.type as LawyerTicketDetail['type'],
    category: r.category as LawyerTicketDetail['category'],
    state: r.state as LawyerTicketDetail['state'],
    org: { id: r.orgId, name: r.orgName },
    callerName: r.callerNameMasked,
    employerName: r.employerName,
    gigPlatform: r.gigPlatform,
    assignedAt: iso(r.assignedAt),
    outcome: r.outcome as LawyerOutcome | null,
  };
}

/** The tickets assigned to the signed-in lawyer (running assignments only). Throws lawyer_only. */
export async function listLawyerTickets(ctx: MemberContext, f: { page: number; pageSize: number }) {
  const ids = await lawyerIdsOf(ctx);
  const { items, total } = await lrepo.findLawyerTickets(ctx.db, ids, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map(summaryOf), total };
}

/**
 * One ticket assigned to the signed-in lawyer, with the caller's full name and phone (the lawyer
 * must call the worker) — each view audited — and the case log. Throws lawyer_only, not_found.
 */
export async function getLawyerTicket(ctx: MemberContext, ticketId: number): Promise<LawyerTicketDetail> {
  const ids = await lawyerIdsOf(ctx);
  const r = await lrepo.getLawyerTicket(ctx.db, ids, ticketId);
  if (!r) throw new AppError('not_found');
  const [secrets, entries] = await Promise.all([repo.getCallerSecrets(ctx.db, ticketId), lrepo.findEntries(ctx.db, [r.assignmentId])]);
  await audit(ctx.db, ctx, 'ticket.lawyer_view', { type: 'ticket', id: ticketId, orgPath: r.orgPath }, { lawyerId: r.lawyerId, fields: ['callerName', 'callerPhone'] });
  return {
    ...summaryOf(r),
    callerName: ctx.pii.decrypt(secrets!.nameEnc),
    callerPhone: secrets!.phoneEnc ? ctx.pii.decrypt(secrets!.phoneEnc) : null,
    description: r.description,
    handlerName: r.handlerName,
    assignmentNote: r.assignmentNote,
    recoveredFen: r.recoveredFen === null ? null : Number(r.recoveredFen),
    outcomeNote: r.outcomeNote,
    closedAt: isoOrNull(r.closedAt),
    entries: entries.map((e) => entryOf(ctx, e)),
  };
}

const lawyerOwner = (ctx: MemberContext): TicketOwner => ({ kind: 'member', id: ctx.actor.workerId });
/** An entry may be dated a little ahead (clocks differ), never later. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** The lawyer records a consultation, document, hearing or note, once per key; its text sealed. Throws lawyer_only, not_found, lawyer_entry_in_future. */
export async function addLawyerEntry(ctx: MemberContext, ticketId: number, key: string, input: LawyerEntryInput): Promise<IdempotentReply> {
  const ids = await lawyerIdsOf(ctx);
  return once(ctx.db, lawyerOwner(ctx), key, requestHashOf('ticket lawyer entry', ticketId, input), async (tx) => {
    const r = await lrepo.getLawyerTicket(tx, ids, ticketId, true);
    if (!r) throw new AppError('not_found');
    const at = input.at ? new Date(input.at) : new Date();
    if (at.getTime() > Date.now() + FUTURE_SLACK_MS) throw new AppError('lawyer_entry_in_future');
    const entryId = await lrepo.insertEntry(tx, { assignmentId: r.assignmentId, at, kind: input.kind, textEnc: ctx.pii.encrypt(input.text), documentTitle: input.documentTitle ?? null });
    await audit(tx, ctx, 'ticket.lawyer_entry', { type: 'ticket', id: ticketId, orgPath: r.orgPath }, { lawyerId: r.lawyerId, kind: input.kind });
    return { ticketId, answer: { ticketId, assignmentId: r.assignmentId, entryId } };
  });
}

/** The lawyer records the outcome (调解, 仲裁, 诉讼, 未进入程序) and the amount recovered; a later one replaces it. Throws lawyer_only, not_found. */
export async function setLawyerOutcome(ctx: MemberContext, ticketId: number, key: string, input: LawyerOutcomeInput): Promise<IdempotentReply> {
  const ids = await lawyerIdsOf(ctx);
  return once(ctx.db, lawyerOwner(ctx), key, requestHashOf('ticket lawyer outcome', ticketId, input), async (tx) => {
    const r = await lrepo.getLawyerTicket(tx, ids, ticketId, true);
    if (!r) throw new AppError('not_found');
    await lrepo.setOutcome(tx, r.assignmentId, { outcome: input.outcome, recoveredFen: input.recoveredFen, note: input.note?.trim() || null });
    await audit(tx, ctx, 'ticket.lawyer_outcome', { type: 'ticket', id: ticketId, orgPath: r.orgPath }, { lawyerId: r.lawyerId, outcome: input.outcome, recoveredFen: input.recoveredFen });
    return { ticketId, answer: { ticketId, assignmentId: r.assignmentId, entryId: null } };
  });
}
