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
  type IntegrationTicketInput,
  type EmployerInput,
  type MyTicket,
  type SetTimeLimitInput,
  type TicketDetail,
  type TicketQueueQuery,
  type TicketSummary,
} from '../../../contracts/tickets.ts';
import type { Queryable, Tx } from '../../db/client.ts';
import { violates } from '../../db/errors.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { insertAudit } from '../../http/audit.ts';
import type { Deps } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyOwner, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope, isPathInScope, makeScope, type Scope } from '../../http/scope.ts';
import { hashToken, newToken } from '../../http/session.ts';
import { AppError } from '../../errors.ts';
import { maskName, maskPhone } from '../../lib/pii.ts';
import { deadlineAfter, deadlineAfterPause, extendDeadline, workingDaysBetweenMoments, type WorkingCalendar } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { findEnterpriseById, planRoute } from '../members/routing.service.ts';
import { memberContactInScope, workerContact } from '../members/members.service.ts';
import { getStaff } from '../staff/staff.service.ts';
import * as repo from './tickets.repo.ts';

const iso = (d: Date | string) => new Date(d).toISOString();
const isoOrNull = (d: Date | string | null) => (d === null ? null : iso(d));

// ── the idempotency store: every ticket write answers once per key ─────────────────────────────

/** Who a ticket write's key belongs to: a staff member, a worker, or an integration account. */
interface TicketOwner {
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
function once(db: StaffContext['db'], owner: TicketOwner, key: string, hash: Buffer, write: (tx: Tx) => Promise<{ ticketId: number; answer: unknown }>): Promise<IdempotentReply> {
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

const staffOwner = (ctx: StaffContext): TicketOwner => ({ kind: 'staff', id: ctx.actor.staffId });

// ── routing: the union where the worker works, kept from the employer's own union ──────────────

interface Routed {
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
async function routeTicket(q: Queryable, e: EmployerInput): Promise<Routed> {
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

type Limits = { acceptDays: number; finishDays: number; maxExtensionDays: number; returnDays: number };

async function limitsFor(q: Queryable, orgPath: string, category: string, difficulty: string): Promise<Limits> {
  const [row] = await repo.findLimitsOnPath(q, orgPath, category, difficulty);
  return row ?? DEFAULT_TIME_LIMITS;
}

/** The clock of a union receiving the ticket at `at`: its deadlines from the limits in force there. */
async function startClock(tx: Tx, cal: WorkingCalendar, t: { id: number; category: string; difficulty: string }, org: { id: number; path: string }, at: Date) {
  const l = await limitsFor(tx, org.path, t.category, t.difficulty);
  await repo.insertClock(tx, {
    ticketId: t.id,
    orgId: org.id,
    receivedAt: at,
    acceptDueAt: deadlineAfter(cal, at, l.acceptDays),
    returnDueAt: deadlineAfter(cal, at, l.returnDays),
    dueAt: deadlineAfter(cal, at, l.finishDays),
    maxExtensionDays: l.maxExtensionDays,
  });
}

/** The effective limits of a union for every category and difficulty, with where each comes from. Throws not_found. */
export async function getTimeLimits(ctx: StaffContext, orgId: number | undefined) {
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId ?? ctx.scope.orgId);
  const rows = await repo.findLimitsOnPath(ctx.db, org.path);
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
    await repo.upsertLimit(tx, { ...input, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'ticket.time_limit_set', { type: 'org', id: org.id, orgPath: org.path }, { ...input });
  });
  return getTimeLimits(ctx, org.id);
}

// ── views ──────────────────────────────────────────────────────────────────────────────────────

function summaryOf(t: repo.TicketRow): TicketSummary {
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
    createdAt: iso(t.createdAt),
  };
}

async function detailOf(q: Queryable, ctx: StaffContext, t: repo.TicketRow): Promise<TicketDetail> {
  const [clocks, steps] = await Promise.all([repo.findClocks(q, t.id), repo.findSteps(q, t.id)]);
  const open = clocks.find((c) => c.endedAt === null);
  return {
    ...summaryOf(t),
    description: t.description,
    routeReason: t.routeReason,
    employerUnionConsent: t.employerUnionConsent,
    result: t.result,
    recoveredFen: t.recoveredFen === null ? null : Number(t.recoveredFen),
    closedAt: isoOrNull(t.closedAt),
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
    canAct: t.state !== 'closed' && t.orgId === ctx.actor.orgId && !ctx.actor.roles.every((r) => r === 'viewer'),
    canDecideExtension: open?.extensionState === 'requested' && isStrictlyAbove(ctx, t.orgPath) && ctx.actor.roles.some((r) => r === 'admin' || r === 'reviewer'),
  };
}

function isStrictlyAbove(ctx: StaffContext, orgPath: string): boolean {
  return orgPath !== ctx.scope.path && isPathInScope(ctx.scope, orgPath);
}

function myTicketOf(t: repo.TicketRow, steps: repo.StepRow[]): MyTicket {
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
  };
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
    await repo.insertStep(tx, { ticketId: id, action: 'create', actorKind: 'member', actorId: ctx.actor.workerId, actorName: '职工本人', orgId: routed.org.id });
    await audit(tx, ctx, 'ticket.create', { type: 'ticket', id, orgPath: routed.org.path }, { channel: 'app', category: input.category });
    const t = (await repo.getWorkerTicket(tx, ctx.actor.workerId, id))!;
    return { ticketId: id, answer: myTicketOf(t, await repo.findSteps(tx, id)) };
  });
}

function routedColumns(routed: Routed, input: EmployerInput) {
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

interface Caller {
  memberId: number | null;
  nameEnc: Buffer;
  nameMasked: string;
  phoneEnc: Buffer | null;
  phoneMasked: string | null;
}

/** Who files a call: a desk clerk, or an integration account. */
interface Desk {
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
async function fileCall(tx: Tx, desk: Desk, input: IntegrationTicketInput, caller: Caller): Promise<number> {
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
    ...routedColumns(routed, input),
    description: input.description,
    createdBy: desk.createdBy,
  });
  await startClock(tx, cal, { id, category: input.category, difficulty }, routed.org, new Date());
  await repo.insertStep(tx, { ticketId: id, action: 'create', actorKind: desk.actorKind, actorId: desk.actorId, actorName: desk.actorName, orgId: routed.org.id });
  await desk.audit(tx, id, routed.org.path, { channel: desk.channel, category: input.category });
  return id;
}

function personCaller(pii: StaffContext['pii'], name: string, phone: string): Caller {
  return { memberId: null, nameEnc: pii.encrypt(name), nameMasked: maskName(name), phoneEnc: pii.encrypt(phone), phoneMasked: maskPhone(phone) };
}

/**
 * A 12351 desk clerk enters a call: the caller a member of the scope, or a person on the ticket
 * only (name and phone sealed, masked everywhere). The ticket's union must lie in the clerk's
 * scope. Throws ticket_caller_required, not_found, employer_required, ticket_employer_unknown,
 * work_place_required, invalid_work_place, idempotency_key_reused.
 */
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
        }))
      : personCaller(ctx.pii, input.callerName!, input.callerPhone!);
    const id = await fileCall(tx, desk, input, caller);
    const t = await repo.getTicketInScope(tx, ctx.scope, id);
    // a clerk inside the employer's own union cannot file about it and then read it
    if (!t) throw new AppError('ticket_employer_own_union');
    return { ticketId: id, answer: await detailOf(tx, ctx, t) };
  });
}

// ── integration accounts (系统对接) ─────────────────────────────────────────────────────────────

/** The integration account a bearer token belongs to, live; integration_token_invalid otherwise. */
async function integrationAccountOf(q: Queryable, token: string | undefined) {
  const account = token && token.length <= 200 ? await repo.findIntegrationAccount(q, hashToken(token)) : undefined;
  if (!account) throw new AppError('integration_token_invalid');
  return account;
}

/**
 * A call pushed by an integration account (bearer token), once per Idempotency-Key: a replay answers
 * the same ticket. Routed inside the account's union's subtree (else not_found). Throws
 * integration_token_invalid, ticket_caller_required and the routing refusals.
 */
export async function createIntegrationTicket(deps: Deps, token: string | undefined, key: string, input: IntegrationTicketInput): Promise<IdempotentReply> {
  const account = await integrationAccountOf(deps.db, token);
  if (input.callerName === undefined || input.callerPhone === undefined) throw new AppError('ticket_caller_required');
  const owner: TicketOwner = { kind: 'integration', id: account.id };
  const desk: Desk = {
    // an integration account is an account of its union: its scope is that union's subtree
    scope: makeScope(account.orgId, account.orgPath),
    channel: 'integration',
    actorKind: 'integration',
    actorId: account.id,
    actorName: account.name,
    createdBy: null,
    audit: (tx, id, orgPath, detail) =>
      insertAudit(tx, { actorKind: 'system', actorId: account.id, actorName: `integration:${account.name}`, action: 'ticket.create', targetType: 'ticket', targetId: id, orgPath, detail }),
  };
  return once(deps.db, owner, key, requestHashOf('POST /api/integration/tickets', input), async (tx) => {
    const id = await fileCall(tx, desk, input, personCaller(deps.pii, input.callerName!, input.callerPhone!));
    const t = (await repo.getTicketAfterStep(tx, id))!;
    return {
      ticketId: id,
      answer: { id, state: t.state, org: { id: t.orgId, name: t.orgName }, routeReason: t.routeReason, dueAt: isoOrNull(t.dueAt), createdAt: iso(t.createdAt) },
    };
  });
}

/** Makes an integration account of a union of the scope; its token is shown this once (admins; audited). Throws not_found. */
export async function createIntegrationAccount(ctx: StaffContext, input: { orgId: number; name: string }) {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  const { token, tokenHash } = newToken();
  return ctx.db.transaction(async (tx) => {
    const a = await repo.insertIntegrationAccount(tx, { orgId: org.id, name: input.name, tokenHash, createdBy: ctx.actor.staffId });
    await audit(tx, ctx, 'ticket.integration_create', { type: 'integration_account', id: a.id, orgPath: org.path }, { name: input.name });
    return { id: a.id, name: input.name, org: { id: org.id, name: org.name }, createdAt: iso(a.createdAt), revokedAt: null, token };
  });
}

export async function listIntegrationAccounts(ctx: StaffContext, f: { orgId?: number | undefined; page: number; pageSize: number }) {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findIntegrationAccounts(ctx.db, ctx.scope, org.path, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map((a) => ({ id: a.id, name: a.name, org: { id: a.orgId, name: a.orgName }, createdAt: iso(a.createdAt), revokedAt: isoOrNull(a.revokedAt) })), total };
}

/** Stops an integration account of the scope at once (admins; audited). Throws not_found. */
export async function revokeIntegrationAccount(ctx: StaffContext, id: number) {
  const a = await repo.getIntegrationAccountInScope(ctx.db, ctx.scope, id);
  if (!a) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await repo.revokeIntegrationAccount(tx, id);
    await audit(tx, ctx, 'ticket.integration_revoke', { type: 'integration_account', id, orgPath: a.orgPath });
  });
  const after = (await repo.getIntegrationAccountInScope(ctx.db, ctx.scope, id))!;
  return { id, name: after.name, org: { id: after.orgId, name: after.orgName }, createdAt: iso(after.createdAt), revokedAt: isoOrNull(after.revokedAt) };
}

// ── reading ────────────────────────────────────────────────────────────────────────────────────

export async function listQueue(ctx: StaffContext, f: TicketQueueQuery) {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findQueue(
    ctx.db,
    ctx.scope,
    { view: f.view, staffId: ctx.actor.staffId, orgPath: org.path, state: f.state, category: f.category },
    f.pageSize,
    (f.page - 1) * f.pageSize,
  );
  return { items: items.map(summaryOf), total };
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
      const { steps: _s, description: _d, routeReason: _r, ...rest } = myTicketOf(t, []);
      return rest;
    }),
    total,
  };
}

export async function getMyTicket(ctx: MemberContext, id: number): Promise<MyTicket> {
  const t = await repo.getWorkerTicket(ctx.db, ctx.actor.workerId, id);
  if (!t) throw new AppError('not_found');
  return myTicketOf(t, await repo.findSteps(ctx.db, id));
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
    const clocks = await repo.findClocks(tx, id);
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
        const set: Parameters<typeof repo.updateClock>[2] = { acceptedAt: now };
        if (difficulty !== t.difficulty) {
          const l = await limitsFor(tx, t.orgPath, t.category, difficulty);
          const at = new Date(clock!.receivedAt);
          Object.assign(set, { acceptDueAt: deadlineAfter(cal, at, l.acceptDays), returnDueAt: deadlineAfter(cal, at, l.returnDays), dueAt: deadlineAfter(cal, at, l.finishDays), maxExtensionDays: l.maxExtensionDays });
          detail.difficulty = difficulty;
        }
        await repo.updateClock(tx, clock!.id, set);
        await repo.insertStep(tx, { ...step, action: 'accept' });
        break;
      }
      case 'assign': {
        requireState(t, 'pending', 'in_progress');
        if ((input.toOrgId === undefined) === (input.toStaffId === undefined)) throw new AppError('ticket_assign_target_required');
        if (input.toStaffId !== undefined) {
          const s = await getStaff({ ...ctx, db: tx } as StaffContext, input.toStaffId);
          if (s.org.id !== t.orgId || !s.isActive || s.roles.every((r) => r === 'viewer')) throw new AppError('ticket_handler_invalid');
          await repo.updateTicket(tx, id, { handlerStaffId: s.id });
          await repo.insertStep(tx, { ...step, action: 'assign_handler', toStaffId: s.id, reason: input.reason ?? '' });
          detail.toStaffId = s.id;
          break;
        }
        const target = await getOrgInScope(tx, ctx.scope, input.toOrgId!);
        if (!target.path.startsWith(`${t.orgPath}.`)) throw new AppError('ticket_assign_not_below');
        if (target.status !== 'active') throw new AppError('org_closed');
        if (t.hiddenFromPath !== null && (target.path === t.hiddenFromPath || target.path.startsWith(`${t.hiddenFromPath}.`))) {
          throw new AppError('ticket_assign_employer_union');
        }
        await repo.updateClock(tx, clock!.id, { endedAt: now, outcome: 'assigned' });
        await repo.updateTicket(tx, id, { orgId: target.id, state: 'pending', handlerStaffId: null });
        await startClock(tx, cal, t, target, now);
        await repo.insertStep(tx, { ...step, action: 'assign', toOrgId: target.id, reason: input.reason ?? '' });
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
        await repo.updateClock(tx, clock!.id, { endedAt: now, outcome: 'returned' });
        await repo.updateTicket(tx, id, { orgId: to.id, state: 'pending', handlerStaffId: null });
        await startClock(tx, cal, t, to, now);
        await repo.insertStep(tx, { ...step, action: 'return', toOrgId: to.id, reason: input.reason });
        detail.toOrgId = to.id;
        break;
      }
      case 'pause': {
        requireState(t, 'in_progress');
        await repo.updateClock(tx, clock!.id, { pausedAt: now });
        await repo.updateTicket(tx, id, { state: 'paused' });
        await repo.insertStep(tx, { ...step, action: 'pause', reason: input.reason });
        break;
      }
      case 'resume': {
        requireState(t, 'paused');
        const pausedAt = new Date(clock!.pausedAt!);
        const days = workingDaysBetweenMoments(cal, pausedAt, now);
        await repo.updateClock(tx, clock!.id, { pausedAt: null, pausedDays: clock!.pausedDays + days, dueAt: deadlineAfterPause(cal, new Date(clock!.dueAt), pausedAt, now) });
        await repo.updateTicket(tx, id, { state: 'in_progress' });
        await repo.insertStep(tx, { ...step, action: 'resume' });
        detail.pausedDays = days;
        break;
      }
      case 'extension_request': {
        requireState(t, 'in_progress', 'paused');
        if (clock!.extensionState !== null) throw new AppError('ticket_extension_used');
        if (input.days > clock!.maxExtensionDays) throw new AppError('ticket_extension_too_long', `延期不能超过 ${clock!.maxExtensionDays} 个工作日`);
        if (now > new Date(clock!.dueAt)) throw new AppError('ticket_extension_too_late');
        await repo.updateClock(tx, clock!.id, { extensionState: 'requested', extensionDays: input.days, extensionReason: input.reason });
        await repo.insertStep(tx, { ...step, action: 'extension_request', reason: input.reason });
        detail.days = input.days;
        break;
      }
      case 'extension_decide': {
        requireState(t, 'in_progress', 'paused');
        if (clock!.extensionState !== 'requested') throw new AppError('ticket_extension_not_requested');
        const set: Parameters<typeof repo.updateClock>[2] = { extensionState: input.approve ? 'approved' : 'rejected' };
        if (input.approve) set.dueAt = extendDeadline(cal, new Date(clock!.dueAt), clock!.extensionDays!);
        await repo.updateClock(tx, clock!.id, set);
        const decider = await getOrgInScope(tx, ctx.scope, ctx.scope.orgId);
        await repo.insertStep(tx, { ...step, orgId: decider.id, action: input.approve ? 'extension_approve' : 'extension_reject', reason: input.reason ?? '' });
        detail.approve = input.approve;
        break;
      }
      case 'close': {
        requireState(t, 'in_progress');
        const result = input.result.trim();
        if (result.length < 2) throw new AppError('ticket_result_required');
        await repo.updateClock(tx, clock!.id, { endedAt: now, outcome: 'closed' });
        await repo.updateTicket(tx, id, { state: 'closed', result, recoveredFen: input.recoveredFen, closed: true });
        await repo.insertStep(tx, { ...step, action: 'close' });
        detail.recoveredFen = input.recoveredFen;
        break;
      }
    }
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
    await repo.insertStep(tx, { ticketId: id, action: 'rate', actorKind: 'member', actorId: ctx.actor.workerId, actorName: '职工本人', orgId: t.orgId, reason: `${input.rating} 分` });
    await audit(tx, ctx, 'ticket.rate', { type: 'ticket', id, orgPath: t.orgPath }, { rating: input.rating });
    if (input.rating <= DISSATISFIED && t.reopenedCount === 0 && t.orgParentId !== null) {
      const up = (await repo.getOrg(tx, t.orgParentId))!;
      const cal = await loadCalendar(tx);
      await repo.updateTicket(tx, id, { state: 'pending', orgId: up.id, handlerStaffId: null, reopened: true });
      await startClock(tx, cal, t, up, new Date());
      await repo.insertStep(tx, { ticketId: id, action: 'reopen', actorKind: 'system', actorId: null, actorName: '系统', orgId: t.orgId, toOrgId: up.id, reason: '职工不满意，由上一级工会重新办理' });
      await audit(tx, ctx, 'ticket.reopen', { type: 'ticket', id, orgPath: up.path }, { toOrgId: up.id });
    }
    const after = (await repo.getWorkerTicket(tx, ctx.actor.workerId, id))!;
    return { ticketId: id, answer: myTicketOf(after, await repo.findSteps(tx, id)) };
  });
}

// ── the overdue sweep ──────────────────────────────────────────────────────────────────────────

/**
 * One pass at `now`: clocks whose deadline ends within the next working day get a reminder, clocks
 * past it are escalated to the level above — each once, whatever the number of passes, restarts or
 * concurrent sweeps (the marks are set by the statements that pick the clocks). Paused clocks wait.
 */
export async function sweepTickets(deps: Pick<Deps, 'db'>, now = new Date()): Promise<{ reminded: number; escalated: number }> {
  return deps.db.transaction(async (tx) => {
    const cal = await loadCalendar(tx);
    const reminded = await repo.remindDue(tx, now, deadlineAfter(cal, now, 1), '距本级办结期限不足 1 个工作日');
    const escalated = await repo.escalateOverdue(tx, now, '超过本级办结期限，已提请上一级工会督办');
    for (const r of reminded) await insertAudit(tx, { actorKind: 'system', action: 'ticket.remind', targetType: 'ticket', targetId: r.ticketId, orgPath: r.orgPath });
    for (const e of escalated) await insertAudit(tx, { actorKind: 'system', action: 'ticket.escalate', targetType: 'ticket', targetId: e.ticketId, orgPath: e.orgPath, detail: { toOrgId: e.toOrgId } });
    return { reminded: reminded.length, escalated: escalated.length };
  });
}
