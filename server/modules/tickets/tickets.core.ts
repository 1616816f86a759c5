// The tickets' shared core: the idempotency store of every ticket write, routing (the union where
// the worker works, kept from the employer's own union), the time limits and the clock a union
// starts on receiving a ticket, filing a call, and the views (summary, detail, the worker's own).
// Used by tickets.service.ts, tickets.steps.ts and tickets.integrations.ts only; see
// docs/design/rights.md.
import {
  DEFAULT_TIME_LIMITS,
  type IntegrationTicketInput,
  type EmployerInput,
  type MyTicket,
  type TicketAttachment,
  type TicketDetail,
  type TicketSummary,
} from '../../../contracts/tickets.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { violates } from '../../db/errors.ts';
import type { StaffContext } from '../../http/context.ts';
import { writeOnce, type IdempotencyOwner, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { isPathInScope, type Scope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { maskName, maskPhone } from '../../lib/pii.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { deadlineAfter, shiftDay, workingDaysBetween, type WorkingCalendar } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { findEnterpriseById, planRoute } from '../members/routing.service.ts';
import { findLawyersByIds } from '../legal/legal.service.ts';
import * as lrepo from './tickets.lawyers.repo.ts';
import * as repo from './tickets.repo.ts';
import { findLimitsOnPath } from './tickets.limits.repo.ts';
import { findClocks, findSteps, insertClock, insertStep, type StepRow } from './tickets.trail.repo.ts';
import { findAttachments, type AttachmentRow } from './tickets.attachments.repo.ts';
import { findCloser, findFollowups } from './tickets.followup.repo.ts';

export const iso = (d: Date | string) => new Date(d).toISOString();
export const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

// ── the idempotency store: every ticket write answers once per key ─────────────────────────────

/** Who a ticket write's key belongs to: a staff member, a worker, or an integration account. */
export interface TicketOwner {
  kind: 'staff' | 'member' | 'integration';
  id: number;
}

/**
 * The ticket_request store for one owner (the kit's owner kinds are staff and member; an
 * integration account is a third, so the store is keyed by the ticket owner it is made for).
 */
function storeOf(owner: TicketOwner): IdempotencyStore<{ body: string }> {
  return {
    find: (q, _kitOwner, key) => repo.findRequest(q, owner.kind, owner.id, key),
    text: (a) => a.body,
    isKeyTaken: (err) => violates(err, 'ticket_request_key'),
  };
}

/** Runs `write` in one transaction once per key; the answer (its JSON text) is stored with it. */
export function once(db: StaffContext['db'], owner: TicketOwner, key: string, hash: Buffer, write: (tx: Tx) => Promise<{ ticketId: number; answer: unknown }>): Promise<IdempotentReply> {
  const kitOwner: IdempotencyOwner = { kind: owner.kind === 'member' ? 'member' : 'staff', id: owner.id };
  return writeOnce(db, storeOf(owner), { owner: kitOwner, key, hash }, () =>
    db.transaction(async (tx) => {
      const out = await write(tx);
      const body = JSON.stringify(out.answer);
      await repo.insertRequest(tx, { ownerKind: owner.kind, ownerId: owner.id, key, hash, ticketId: out.ticketId, answer: body });
      return { body };
    }),
  );
}

export const staffOwner = (ctx: StaffContext): TicketOwner => ({ kind: 'staff', id: ctx.actor.staffId });

// ── routing: the union where the worker works, kept from the employer's own union ──────────────

export interface Routed {
  org: { id: number; name: string; path: string };
  rule: string;
  reason: string;
  enterpriseId: number | null;
  employerName: string | null;
  gigPlatform: string | null;
  workOrgId: number | null;
  hiddenFromPath: string | null;
}

/**
 * Decides the union that handles a ticket, as joining decides a member's union (members'
 * routing.service): the employer's town, or the employer's own union when the worker agrees to it;
 * a gig worker's platform federation, else the town worked in. Without the worker's agreement the
 * employer's union (and every union inside it) is kept from the ticket. Throws employer_required,
 * ticket_employer_unknown, work_place_required, invalid_work_place.
 */
export async function routeTicket(q: Queryable, e: EmployerInput): Promise<Routed> {
  let enterpriseId = e.enterpriseId ?? null;
  if (enterpriseId === null) {
    if (!e.employerName && !e.gigPlatform) throw new AppError('employer_required');
    const planned = await planRoute(q, e.employerName ? { employerName: e.employerName, workOrgId: e.workOrgId } : { gigPlatform: e.gigPlatform, workOrgId: e.workOrgId });
    if (planned.enterpriseId === null) {
      const reason = planned.gigPlatform
        ? `您是${planned.gigPlatform}平台的从业者，您反映的问题由${planned.org.name}办理。`
        : `“${e.employerName}”尚未在平台登记工会，您反映的问题由工作所在地的${planned.org.name}办理。`;
      return { org: planned.org, rule: planned.rule, reason, enterpriseId: null, employerName: planned.employerName, gigPlatform: planned.gigPlatform, workOrgId: planned.workOrgId, hiddenFromPath: null };
    }
    enterpriseId = planned.enterpriseId;
  }
  const ent = await findEnterpriseById(q, enterpriseId);
  if (!ent) throw new AppError('ticket_employer_unknown');
  const hasUnion = ent.unionOrgId !== null && ent.unionStatus === 'active';
  const common = { enterpriseId: ent.id, employerName: ent.name, gigPlatform: null, workOrgId: ent.townOrgId };
  if (hasUnion && e.employerUnionConsent) {
    return { ...common, org: { id: ent.unionOrgId!, name: ent.unionName!, path: ent.unionPath! }, rule: 'employer_union', reason: `您同意由单位工会办理，您反映的问题由${ent.unionName}办理。`, hiddenFromPath: null };
  }
  return {
    ...common,
    org: { id: ent.townOrgId, name: ent.townName, path: ent.townPath },
    rule: 'employer_town',
    reason: hasUnion
      ? `您反映的问题由单位所在地的${ent.townName}办理；为保护您，“${ent.name}”的单位工会看不到本工单。`
      : `“${ent.name}”尚未建立工会，您反映的问题由单位所在地的${ent.townName}办理。`,
    hiddenFromPath: hasUnion ? ent.unionPath : null,
  };
}

// ── time limits: the nearest ancestor's row, else the 12345 norms ──────────────────────────────

export type Limits = { acceptDays: number; finishDays: number; maxExtensionDays: number; returnDays: number };

export async function limitsFor(q: Queryable, orgPath: string, category: string, difficulty: string): Promise<Limits> {
  const [row] = await findLimitsOnPath(q, orgPath, category, difficulty);
  return row ?? DEFAULT_TIME_LIMITS;
}

/** The clock of a union receiving the ticket at `at`: its deadlines from the limits in force there. */
export async function startClock(tx: Tx, cal: WorkingCalendar, t: { id: number; category: string; difficulty: string }, org: { id: number; path: string }, at: Date) {
  const l = await limitsFor(tx, org.path, t.category, t.difficulty);
  await insertClock(tx, {
    ticketId: t.id,
    orgId: org.id,
    receivedAt: at,
    acceptDueAt: deadlineAfter(cal, at, l.acceptDays),
    returnDueAt: deadlineAfter(cal, at, l.returnDays),
    dueAt: deadlineAfter(cal, at, l.finishDays),
    maxExtensionDays: l.maxExtensionDays,
  });
}


// ── views ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Working days left before the open clock's deadline, today not counted (0: due at the end of
 * today); null without a running deadline (closed, paused, overdue) or a calendar to count on.
 */
function workingDaysLeftOf(t: repo.TicketRow, cal: WorkingCalendar | undefined, now: Date): number | null {
  if (!cal || t.dueAt === null || t.state === 'closed' || t.state === 'paused' || t.overdue) return null;
  // the deadline is the Beijing midnight ending its last working day
  const lastDay = shiftDay(beijingDay(new Date(t.dueAt)), -1);
  return workingDaysBetween(cal, beijingDay(now), lastDay);
}

export function summaryOf(t: repo.TicketRow, cal?: WorkingCalendar, now = new Date()): TicketSummary {
  return {
    id: t.id,
    channel: t.channel as TicketSummary['channel'],
    type: t.type as TicketSummary['type'],
    category: t.category as TicketSummary['category'],
    difficulty: t.difficulty as TicketSummary['difficulty'],
    state: t.state as TicketSummary['state'],
    org: { id: t.orgId, name: t.orgName },
    handler: t.handlerId === null ? null : { id: t.handlerId, name: t.handlerName ?? '' },
    callerName: t.callerNameMasked,
    callerPhone: t.callerPhoneMasked,
    employerName: t.employerName,
    gigPlatform: t.gigPlatform,
    dueAt: isoOrNull(t.dueAt),
    overdue: t.overdue,
    workingDaysLeft: workingDaysLeftOf(t, cal, now),
    closedAt: isoOrNull(t.closedAt),
    createdAt: iso(t.createdAt),
  };
}

export async function detailOf(q: Queryable, ctx: StaffContext, t: repo.TicketRow): Promise<TicketDetail> {
  const [clocks, steps, attachments, followups, cal, closer] = await Promise.all([
    findClocks(q, t.id),
    findSteps(q, t.id),
    findAttachments(q, t.id),
    findFollowups(q, t.id),
    loadCalendar(q),
    t.state === 'closed' ? findCloser(q, t.id) : Promise.resolve(null),
  ]);
  const open = clocks.find((c) => c.endedAt === null);
  const writer = !ctx.actor.roles.every((r) => r === 'viewer');
  const thisClosing = (kind: 'callback' | 'quality') =>
    t.closedAt !== null && followups.some((f) => f.kind === kind && iso(f.closedAt) === iso(t.closedAt!));
  return {
    ...summaryOf(t, cal),
    description: t.description,
    routeReason: t.routeReason,
    employerUnionConsent: t.employerUnionConsent,
    result: t.result,
    recoveredFen: t.recoveredFen === null ? null : Number(t.recoveredFen),
    rating: t.rating,
    ratingComment: t.ratingComment,
    clocks: clocks.map((c) => ({
      id: c.id,
      org: { id: c.orgId, name: c.orgName },
      receivedAt: iso(c.receivedAt),
      acceptDueAt: iso(c.acceptDueAt),
      returnDueAt: iso(c.returnDueAt),
      dueAt: iso(c.dueAt),
      maxExtensionDays: c.maxExtensionDays,
      acceptedAt: isoOrNull(c.acceptedAt),
      pausedAt: isoOrNull(c.pausedAt),
      pausedDays: c.pausedDays,
      extension: c.extensionState === null ? null : { state: c.extensionState, days: c.extensionDays ?? 0, reason: c.extensionReason ?? '' },
      endedAt: isoOrNull(c.endedAt),
      outcome: c.outcome,
      remindedAt: isoOrNull(c.remindedAt),
      escalatedAt: isoOrNull(c.escalatedAt),
      escalatedTo: c.escalatedToId === null ? null : { id: c.escalatedToId, name: c.escalatedToName ?? '' },
    })),
    steps: steps.map((s) => ({
      id: s.id,
      at: iso(s.at),
      action: s.action as TicketDetail['steps'][number]['action'],
      actorName: s.actorName,
      org: { id: s.orgId, name: s.orgName },
      toOrg: s.toOrgId === null ? null : { id: s.toOrgId, name: s.toOrgName ?? '' },
      toStaff: s.toStaffId === null ? null : { id: s.toStaffId, name: s.toStaffName ?? '' },
      reason: s.reason,
    })),
    attachments: attachments.map(attachmentOf),
    followups: followups.map((f) => ({
      id: f.id,
      kind: f.kind,
      at: iso(f.at),
      closedAt: iso(f.closedAt),
      org: { id: f.orgId, name: f.orgName },
      staffName: f.staffName,
      reached: f.reached,
      satisfaction: f.satisfaction,
      note: f.note,
      pass: f.pass,
      reason: f.reason,
    })),
    lawyer: await runningLawyerOf(q, t.id),
    canAct: t.state !== 'closed' && t.orgId === ctx.actor.orgId && writer,
    canDecideExtension: open?.extensionState === 'requested' && isStrictlyAbove(ctx, t.orgPath) && ctx.actor.roles.some((r) => r === 'admin' || r === 'reviewer'),
    canCallback: t.state === 'closed' && t.orgId === ctx.actor.orgId && writer && !thisClosing('callback'),
    canQualityCheck:
      t.state === 'closed' && isQualityChecker(ctx, t.orgPath) && closer !== ctx.actor.staffId && !thisClosing('quality'),
    canReveal: writer && (t.handlerId === null ? t.orgId === ctx.actor.orgId : t.handlerId === ctx.actor.staffId),
  };
}

export function isStrictlyAbove(ctx: StaffContext, orgPath: string): boolean {
  return orgPath !== ctx.scope.path && isPathInScope(ctx.scope, orgPath);
}

export function attachmentOf(a: AttachmentRow): TicketAttachment {
  return { id: a.id, kind: a.kind, fileName: a.fileName, mime: a.mime, size: a.size, uploadedAt: iso(a.uploadedAt), uploadedBy: a.uploadedByKind };
}

/** The worker's view of their ticket, with its trail and attachments read. */
export async function myTicketView(q: Queryable, t: repo.TicketRow): Promise<MyTicket> {
  const [steps, attachments] = await Promise.all([findSteps(q, t.id), findAttachments(q, t.id)]);
  return myTicketOf(t, steps, attachments.map(attachmentOf));
}

/** An admin or reviewer of a union strictly above the one holding (having closed) the ticket. */
export function isQualityChecker(ctx: StaffContext, orgPath: string): boolean {
  return isStrictlyAbove(ctx, orgPath) && ctx.actor.roles.some((r) => r === 'admin' || r === 'reviewer');
}

export function myTicketOf(t: repo.TicketRow, steps: StepRow[], attachments: TicketAttachment[]): MyTicket {
  return {
    id: t.id,
    type: t.type as MyTicket['type'],
    category: t.category as MyTicket['category'],
    state: t.state as MyTicket['state'],
    orgName: t.orgName,
    routeReason: t.routeReason,
    description: t.description,
    employerName: t.employerName,
    dueAt: isoOrNull(t.dueAt),
    result: t.result,
    recoveredFen: t.recoveredFen === null ? null : Number(t.recoveredFen),
    closedAt: isoOrNull(t.closedAt),
    rating: t.rating,
    canRate: t.state === 'closed' && t.ratedAt === null,
    createdAt: iso(t.createdAt),
    steps: steps.map((s) => ({ at: iso(s.at), action: s.action as MyTicket['steps'][number]['action'], orgName: s.orgName })),
    attachments,
  };
}


// ── filing a call (the 12351 desk, an integration account) ──────────────────────────────────────

export function routedColumns(routed: Routed, input: EmployerInput) {
  return {
    enterpriseId: routed.enterpriseId,
    employerName: routed.employerName,
    gigPlatform: routed.gigPlatform,
    workOrgId: routed.workOrgId,
    employerUnionConsent: input.employerUnionConsent === true && routed.rule === 'employer_union',
    hiddenFromPath: routed.hiddenFromPath,
    routeRule: routed.rule,
    routeReason: routed.reason,
  };
}

export interface Caller {
  memberId: number | null;
  nameEnc: Buffer;
  nameMasked: string;
  phoneEnc: Buffer | null;
  phoneMasked: string | null;
  /** the phone as a keyed hash: the worker who logs in with it finds the ticket */
  phoneHash: Buffer | null;
}

/** Who files a call: a desk clerk, or an integration account. */
export interface Desk {
  scope: Scope;
  channel: 'hotline' | 'integration';
  actorKind: 'staff' | 'integration';
  actorId: number;
  actorName: string;
  createdBy: number | null;
  audit: (tx: Tx, id: number, orgPath: string, detail: Record<string, unknown>) => Promise<void>;
}

/**
 * Files a call in the caller's transaction: routed inside the desk's scope (else not_found), its
 * first clock started, its trail begun, audited. The new ticket's id.
 */
export async function fileCall(tx: Tx, desk: Desk, input: IntegrationTicketInput, caller: Caller): Promise<number> {
  const routed = await routeTicket(tx, input);
  // the union the ticket goes to must be the desk's to reach; one outside is as if it did not exist
  if (!isPathInScope(desk.scope, routed.org.path)) throw new AppError('not_found');
  const difficulty = input.difficulty ?? 'normal';
  const cal = await loadCalendar(tx);
  const id = await repo.insertTicket(tx, {
    channel: desk.channel,
    type: input.type,
    category: input.category,
    difficulty,
    orgId: routed.org.id,
    workerId: null,
    memberId: caller.memberId,
    callerNameEnc: caller.nameEnc,
    callerNameMasked: caller.nameMasked,
    callerPhoneEnc: caller.phoneEnc,
    callerPhoneMasked: caller.phoneMasked,
    callerPhoneHash: caller.phoneHash,
    ...routedColumns(routed, input),
    description: input.description,
    createdBy: desk.createdBy,
  });
  await startClock(tx, cal, { id, category: input.category, difficulty }, routed.org, new Date());
  await insertStep(tx, { ticketId: id, action: 'create', actorKind: desk.actorKind, actorId: desk.actorId, actorName: desk.actorName, orgId: routed.org.id });
  await desk.audit(tx, id, routed.org.path, { channel: desk.channel, category: input.category });
  return id;
}

export function personCaller(pii: StaffContext['pii'], name: string, phone: string): Caller {
  return { memberId: null, nameEnc: pii.encrypt(name), nameMasked: maskName(name), phoneEnc: pii.encrypt(phone), phoneMasked: maskPhone(phone), phoneHash: pii.hash(phone) };
}

/**
 * A 12351 desk clerk enters a call: the caller a member of the scope, or a person on the ticket
 * only (name and phone sealed, masked everywhere). The ticket's union must lie in the clerk's
 * scope. Throws ticket_caller_required, not_found, employer_required, ticket_employer_unknown,
 * work_place_required, invalid_work_place, idempotency_key_reused.
 */

/** The running lawyer of a ticket for its detail (name, firm, outcome), or null. */
export async function runningLawyerOf(q: Queryable, ticketId: number): Promise<TicketDetail['lawyer']> {
  const a = await lrepo.getRunningAssignment(q, ticketId);
  if (!a) return null;
  const [l] = await findLawyersByIds(q, [a.lawyerId]);
  return { id: a.lawyerId, name: l?.name ?? '', firm: l?.firm ?? '', assignedAt: iso(a.assignedAt), outcome: a.outcome };
}
