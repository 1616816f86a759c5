// Labour-law supervision cases (劳动法律监督案件, 一函两书): the rules. A case belongs to its union;
// staff act on the cases of their subtree. The ladder 提示函 → 意见书 → 建议书 → 移送 moves one rung
// at a time, and only once the last letter was delivered and its reply deadline passed (or the reply
// refuses to put things right). Letters are numbered per union, year and kind and stored as issued.
// Every write is audited in its transaction; creating a case and issuing a letter are idempotent.
import type {
  CaseDetail,
  CaseListQuery,
  CloseCaseInput,
  CreateCaseInput,
  DeliveryInput,
  IssueLetterInput,
  LetterKind,
  LetterView,
  PutRuleInput,
  ReplyInput,
  RuleView,
  SupervisionFigures,
  UpdateCaseInput,
} from '../../../contracts/supervision.ts';
import { DEFAULT_REPLY_RULE, caseOutcomes, caseStates, letterKindLabels, letterKinds } from '../../../contracts/supervision.ts';
import type { Queryable } from '../../db/client.ts';
import { registerConstraintErrors, violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { letterNumber, renderLetter } from '../../lib/pdf-letter.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import { getSupervisor } from '../legal/legal.service.ts';
import { findEnterpriseById } from '../members/routing.service.ts';
import { findTicketsForSupervision } from '../tickets/tickets.service.ts';
import { KIND_CHAR, STATE_AFTER, daysLeft, defaultAddressee, defaultPrefix, letterText, nextRung, replyDueOn, type ReplyRule } from './supervision.letters.ts';
import * as repo from './supervision.repo.ts';

registerConstraintErrors('supervision', {
  supervision_letter_kind_once: 'supervision_wrong_rung',
});

const iso = (d: Date | string) => new Date(d).toISOString();
const casePath = (caseId: number) => `/api/supervision/cases/${caseId}`;
type Paged<Q> = Omit<Q, 'page' | 'pageSize'> & { page: number; pageSize: number };

function summaryOf(r: repo.CaseRow) {
  return {
    id: r.id,
    org: { id: r.orgId, name: r.orgName },
    employerName: r.employerName,
    state: r.state as CaseDetail['state'],
    stage: r.stage as CaseDetail['stage'],
    workersCount: r.workersCount,
    replyDueOn: r.replyDueOn,
    overdue: r.overdue,
    createdAt: iso(r.createdAt),
  };
}

/** The reply rule of a union: the nearest row on its path, else 15 working days. */
async function ruleFor(q: Queryable, path: string): Promise<ReplyRule & { row: repo.RuleRow | undefined }> {
  const row = await repo.findNearestRule(q, path);
  return row ? { replyDays: row.replyDays, dayKind: row.dayKind, row } : { ...DEFAULT_REPLY_RULE, row };
}

async function getCaseRow(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.CaseRow> {
  const c = await repo.getCaseInScope(q, ctx.scope, id, beijingDay(), lock);
  if (!c) throw new AppError('not_found');
  return c;
}

function assertOpen(c: repo.CaseRow): void {
  if (c.state === 'closed') throw new AppError('supervision_case_closed');
}

/** The case's supervisors, each an active supervisor of the case union's subtree with a valid certificate. Throws supervision_supervisor_invalid. */
async function checkSupervisors(ctx: StaffContext, orgPath: string, ids: readonly number[]) {
  const out = [];
  for (const id of new Set(ids)) {
    const s = await getSupervisor(ctx, id).catch(() => undefined);
    if (!s || !s.active || !s.certificateValid) throw new AppError('supervision_supervisor_invalid');
    const org = await getOrgInScope(ctx.db, ctx.scope, s.org.id);
    if (org.path !== orgPath && !org.path.startsWith(`${orgPath}.`)) throw new AppError('supervision_supervisor_invalid');
    out.push(s);
  }
  return out;
}

/** Tickets of the scope about this employer. Throws not_found (a ticket not seen), supervision_ticket_other_employer. */
async function checkTickets(ctx: StaffContext, employerName: string, ids: readonly number[]) {
  const unique = [...new Set(ids)];
  const found = await findTicketsForSupervision(ctx, unique);
  if (found.length !== unique.length) throw new AppError('not_found');
  if (found.some((t) => t.employerName !== employerName)) throw new AppError('supervision_ticket_other_employer');
  return unique;
}

// ── cases ──────────────────────────────────────────────────────────────────────────────────────

export async function listCases(ctx: StaffContext, f: Paged<CaseListQuery>) {
  const root = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findCases(
    ctx.db,
    ctx.scope,
    { root: root.path, today: beijingDay(), state: f.state, stage: f.stage, q: f.q, overdue: f.overdue === undefined ? undefined : f.overdue === 'true' },
    { limit: f.pageSize, offset: (f.page - 1) * f.pageSize },
  );
  return { items: items.map(summaryOf), total };
}

/** A case of the scope with its supervisors, linked tickets, letters and what may come next. Throws not_found. */
export async function getCase(ctx: StaffContext, id: number): Promise<CaseDetail> {
  const c = await getCaseRow(ctx, ctx.db, id);
  return detailOf(ctx, c);
}

async function detailOf(ctx: StaffContext, c: repo.CaseRow): Promise<CaseDetail> {
  const today = beijingDay();
  const [letters, supervisorIds, ticketIds, cal] = await Promise.all([
    repo.findLetters(ctx.db, c.id),
    repo.caseSupervisorIds(ctx.db, c.id),
    repo.caseTicketIds(ctx.db, c.id),
    loadCalendar(ctx.db),
  ]);
  const supervisors = (await Promise.all(supervisorIds.map((sid) => getSupervisor(ctx, sid).catch(() => undefined)))).filter((s) => s !== undefined);
  const tickets = await findTicketsForSupervision(ctx, ticketIds);
  const next = nextRung(c, letters, today);
  const last = letters.at(-1);
  return {
    ...summaryOf(c),
    enterpriseId: c.enterpriseId,
    employerTown: c.employerTownId ? { id: c.employerTownId, name: c.employerTownName ?? '' } : null,
    employerAddress: c.employerAddress,
    provisions: c.provisions,
    summary: c.summary,
    source: c.source as CaseDetail['source'],
    supervisors: supervisors.map((s) => ({ id: s.id, name: s.name, certificateNo: s.certificateNo, org: s.org })),
    tickets,
    letters: letters.map((l) => letterViewOf(c, l, l === last && c.state !== 'closed', today, cal)),
    next: { kind: next.kind, allowed: next.allowed, reason: next.reason },
    canEscalate: c.state !== 'closed' && c.orgParentId !== null,
    outcome: c.outcome as CaseDetail['outcome'],
    wagesRecoveredFen: c.wagesRecoveredFen === null ? null : Number(c.wagesRecoveredFen),
    workersCovered: c.workersCovered,
    closeNote: c.closeNote,
    closedAt: c.closedAt ? iso(c.closedAt) : null,
  };
}

function letterViewOf(c: repo.CaseRow, l: repo.LetterRow, current: boolean, today: string, cal: Awaited<ReturnType<typeof loadCalendar>>): LetterView {
  const waiting = current && l.replyDueOn !== null && l.repliedOn === null;
  return {
    id: l.id,
    kind: l.kind as LetterKind,
    number: l.number,
    addressee: l.addressee,
    issuedOn: l.issuedOn,
    replyDays: l.replyDays,
    dayKind: l.dayKind,
    statedDueOn: l.statedDueOn,
    deliveredVia: l.deliveredVia as LetterView['deliveredVia'],
    deliveredOn: l.deliveredOn,
    receiptSigner: l.receiptSigner,
    replyDueOn: l.replyDueOn,
    daysLeft: waiting ? daysLeft(cal, l.dayKind, today, l.replyDueOn!) : null,
    overdue: waiting && l.replyDueOn! < today,
    repliedOn: l.repliedOn,
    replySummary: l.replySummary,
    rectification: l.rectification as LetterView['rectification'],
    pdfUrl: `${casePath(c.id)}/letters/${l.id}/pdf`,
  };
}

const caseStore: IdempotencyStore<{ id: number; employerName: string; createdAt: string }> = {
  find: async (q, owner, key) => {
    const row = await repo.findCaseByKey(q, owner.id, key);
    return row && { ...row, createdAt: iso(row.createdAt) };
  },
  text: (r) => JSON.stringify({ id: r.id, employerName: r.employerName, createdAt: r.createdAt }),
  isKeyTaken: (err) => violates(err, 'supervision_case_idem_key'),
};

/**
 * Opens a case against one employer, once per Idempotency-Key: its supervisors and source tickets
 * checked. Throws not_found, supervision_employer_required, supervision_supervisor_invalid,
 * supervision_ticket_other_employer, idempotency_key_reused.
 */
export async function createCase(ctx: StaffContext, body: CreateCaseInput, idemKey: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf('supervision-case', body) };
  return writeOnce(ctx.db, caseStore, ask, async () => {
    const org = await getOrgInScope(ctx.db, ctx.scope, body.orgId);
    let employer: { enterpriseId: number | null; name: string; townId: number };
    if (body.enterpriseId !== undefined) {
      const ent = await findEnterpriseById(ctx.db, body.enterpriseId);
      if (!ent) throw new AppError('supervision_employer_required');
      employer = { enterpriseId: ent.id, name: ent.name, townId: ent.townOrgId };
    } else {
      if (!body.employerName || body.employerTownId === undefined) throw new AppError('supervision_employer_required');
      const town = await getOrgInScope(ctx.db, ctx.scope, body.employerTownId);
      employer = { enterpriseId: null, name: body.employerName, townId: town.id };
    }
    const supervisors = await checkSupervisors(ctx, org.path, body.supervisorIds);
    const tickets = await checkTickets(ctx, employer.name, body.ticketIds);
    return ctx.db.transaction(async (tx) => {
      const id = await repo.insertCase(tx, {
        orgId: org.id,
        enterpriseId: employer.enterpriseId,
        employerName: employer.name,
        employerTownId: employer.townId,
        employerAddress: body.employerAddress ?? null,
        provisions: [...new Set(body.provisions)],
        summary: body.summary,
        workersCount: body.workersCount,
        source: tickets.length > 0 ? 'tickets' : body.source,
        createdBy: ctx.actor.staffId,
        idemKey,
        requestHash: ask.hash,
      });
      await repo.addSupervisors(tx, id, supervisors.map((s) => s.id));
      await repo.addTickets(tx, id, tickets, ctx.actor.staffId);
      await audit(tx, ctx, 'supervision.case_create', { type: 'supervision_case', id, orgPath: org.path }, { employer: employer.name, tickets, supervisors: supervisors.map((s) => s.id) });
      const stored = (await repo.findCaseByKey(tx, ctx.actor.staffId, idemKey))!;
      return { id, employerName: employer.name, createdAt: iso(stored.createdAt) };
    });
  });
}

/** Fills in or corrects the facts (the employer's address a letter needs). Throws not_found, supervision_case_closed. */
export async function updateCase(ctx: StaffContext, id: number, body: UpdateCaseInput): Promise<CaseDetail> {
  await ctx.db.transaction(async (tx) => {
    const c = await getCaseRow(ctx, tx, id, true);
    assertOpen(c);
    await repo.updateCase(tx, id, { ...body, provisions: body.provisions ? [...new Set(body.provisions)] : undefined });
    await audit(tx, ctx, 'supervision.case_update', { type: 'supervision_case', id, orgPath: c.orgPath }, { fields: Object.keys(body) });
  });
  return getCase(ctx, id);
}

/** Links more tickets of the scope about the same employer. Throws not_found, supervision_case_closed, supervision_ticket_other_employer. */
export async function addTickets(ctx: StaffContext, id: number, ticketIds: readonly number[]): Promise<CaseDetail> {
  const c = await getCaseRow(ctx, ctx.db, id);
  assertOpen(c);
  const tickets = await checkTickets(ctx, c.employerName, ticketIds);
  await ctx.db.transaction(async (tx) => {
    await getCaseRow(ctx, tx, id, true);
    const added = await repo.addTickets(tx, id, tickets, ctx.actor.staffId);
    await audit(tx, ctx, 'supervision.tickets_add', { type: 'supervision_case', id, orgPath: c.orgPath }, { tickets, added });
  });
  return getCase(ctx, id);
}

// ── letters ────────────────────────────────────────────────────────────────────────────────────

type Issued = { id: number; caseId: number; kind: LetterKind; number: string; addressee: string; issuedOn: string; statedDueOn: string; pdfUrl: string };

const letterStore: IdempotencyStore<Issued> = {
  find: async (q, owner, key) => {
    const row = await repo.findLetterByKey(q, owner.id, key);
    if (!row) return undefined;
    const l = (await repo.getLetter(q, row.caseId, row.id))!;
    return { ...issuedOf(row.caseId, l), hash: row.hash };
  },
  text: (r) => JSON.stringify({ id: r.id, caseId: r.caseId, kind: r.kind, number: r.number, addressee: r.addressee, issuedOn: r.issuedOn, statedDueOn: r.statedDueOn, pdfUrl: r.pdfUrl }),
  isKeyTaken: (err) => violates(err, 'supervision_letter_idem_key'),
};

function issuedOf(caseId: number, l: repo.LetterRow): Issued {
  return { id: l.id, caseId, kind: l.kind as LetterKind, number: l.number, addressee: l.addressee, issuedOn: l.issuedOn, statedDueOn: l.statedDueOn, pdfUrl: `${casePath(caseId)}/letters/${l.id}/pdf` };
}

/**
 * Issues the next rung's letter, once per Idempotency-Key: numbered, rendered and stored. Throws
 * not_found, supervision_case_closed, supervision_wrong_rung, supervision_too_early (with the date),
 * supervision_referral_level, supervision_employer_no_address, idempotency_key_reused.
 */
export async function issueLetter(ctx: StaffContext, id: number, body: IssueLetterInput, idemKey: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf('supervision-letter', id, body) };
  return writeOnce(ctx.db, letterStore, ask, async () => {
    // read through other modules before the transaction (an embedded database has one connection)
    await getCaseRow(ctx, ctx.db, id);
    const supervisors = (await Promise.all((await repo.caseSupervisorIds(ctx.db, id)).map((sid) => getSupervisor(ctx, sid).catch(() => undefined)))).filter((s) => s !== undefined);
    return ctx.db.transaction(async (tx) => {
      const c = await getCaseRow(ctx, tx, id, true);
      assertOpen(c);
      const letters = await repo.findLetters(tx, id);
      const today = beijingDay();
      const next = nextRung(c, letters, today);
      if (next.kind !== body.kind) throw new AppError('supervision_wrong_rung', next.kind ? `下一级文书是${letterKindLabels[next.kind]}，不能越级或重复发出` : (next.reason ?? undefined));
      if (!next.allowed) throw new AppError(next.code!, next.reason ?? undefined);
      if (!c.employerAddress) throw new AppError('supervision_employer_no_address');
      const [rule, cal] = await Promise.all([ruleFor(tx, c.orgPath), loadCalendar(tx)]);
      const year = Number(today.slice(0, 4));
      const prefix = (await repo.getPrefix(tx, c.orgId)) ?? defaultPrefix(c.orgName);
      const seq = await repo.nextLetterSeq(tx, c.orgId, year, body.kind);
      const number = letterNumber(year, `${prefix}${KIND_CHAR[body.kind]}`, seq);
      const addressee = body.kind === 'notice' || body.kind === 'opinion' ? c.employerName : (body.addressee ?? defaultAddressee(body.kind, c));
      const statedDueOn = replyDueOn(cal, rule, today);
      const pdf = await renderLetter(letterText(body.kind, c, letters, { number, addressee, issuedOn: today, statedDueOn, rule, supervisors }));
      const letterId = await repo.insertLetter(tx, {
        caseId: id,
        orgId: c.orgId,
        kind: body.kind,
        year,
        seq,
        number,
        addressee,
        issuedOn: today,
        replyDays: rule.replyDays,
        dayKind: rule.dayKind,
        statedDueOn,
        pdf,
        createdBy: ctx.actor.staffId,
        idemKey,
        requestHash: ask.hash,
      });
      await repo.setCaseState(tx, id, STATE_AFTER[body.kind], body.kind);
      await audit(tx, ctx, 'supervision.letter_issue', { type: 'supervision_case', id, orgPath: c.orgPath }, { kind: body.kind, number, addressee });
      return issuedOf(id, (await repo.getLetter(tx, id, letterId))!);
    });
  });
}

/** The stored PDF of a letter of a case in scope. Throws not_found. */
export async function getLetterPdf(ctx: StaffContext, id: number, letterId: number) {
  const c = await getCaseRow(ctx, ctx.db, id);
  const l = await repo.getLetter(ctx.db, c.id, letterId);
  if (!l) throw new AppError('not_found');
  const pdf = (await repo.getLetterPdf(ctx.db, l.id))!;
  return { pdf, fileName: `${l.number}-${c.employerName}.pdf` };
}

async function letterToAct(ctx: StaffContext, q: Queryable, id: number, letterId: number) {
  const c = await getCaseRow(ctx, q, id, true);
  assertOpen(c);
  const letters = await repo.findLetters(q, id);
  const l = letters.find((x) => x.id === letterId);
  if (!l) throw new AppError('not_found');
  if (l !== letters.at(-1)) throw new AppError('supervision_letter_superseded');
  return { c, l };
}

/**
 * Records how and when a letter was delivered and who signed for it; the reply deadline is counted
 * from that day by the rule in force at issue, never earlier than the one printed. Throws not_found,
 * supervision_case_closed, supervision_letter_superseded, supervision_already_delivered, supervision_delivery_date_invalid.
 */
export async function recordDelivery(ctx: StaffContext, id: number, letterId: number, body: DeliveryInput): Promise<CaseDetail> {
  await ctx.db.transaction(async (tx) => {
    const { c, l } = await letterToAct(ctx, tx, id, letterId);
    if (l.deliveredOn) throw new AppError('supervision_already_delivered');
    if (body.deliveredOn < l.issuedOn || body.deliveredOn > beijingDay()) throw new AppError('supervision_delivery_date_invalid');
    const counted = replyDueOn(await loadCalendar(tx), { replyDays: l.replyDays, dayKind: l.dayKind }, body.deliveredOn);
    const due = counted > l.statedDueOn ? counted : l.statedDueOn;
    await repo.setDelivery(tx, l.id, { via: body.via, deliveredOn: body.deliveredOn, receiptSigner: body.receiptSigner, replyDueOn: due });
    await audit(tx, ctx, 'supervision.letter_deliver', { type: 'supervision_case', id, orgPath: c.orgPath }, { number: l.number, via: body.via, deliveredOn: body.deliveredOn, replyDueOn: due });
  });
  return getCase(ctx, id);
}

/**
 * Records the addressee's written reply to the current letter: rectified (the case waits to be
 * closed), promised, or refused (the next rung may be issued at once). Throws not_found,
 * supervision_case_closed, supervision_letter_superseded, supervision_not_delivered,
 * supervision_already_replied, supervision_reply_date_invalid.
 */
export async function recordReply(ctx: StaffContext, id: number, letterId: number, body: ReplyInput): Promise<CaseDetail> {
  await ctx.db.transaction(async (tx) => {
    const { c, l } = await letterToAct(ctx, tx, id, letterId);
    if (!l.deliveredOn) throw new AppError('supervision_not_delivered');
    if (l.repliedOn) throw new AppError('supervision_already_replied');
    if (body.repliedOn < l.deliveredOn || body.repliedOn > beijingDay()) throw new AppError('supervision_reply_date_invalid');
    await repo.setReply(tx, l.id, { repliedOn: body.repliedOn, summary: body.summary, rectification: body.rectification });
    await repo.setCaseState(tx, id, body.rectification === 'done' ? 'rectified' : 'replied');
    await audit(tx, ctx, 'supervision.letter_reply', { type: 'supervision_case', id, orgPath: c.orgPath }, {
      number: l.number,
      repliedOn: body.repliedOn,
      rectification: body.rectification,
      onTime: body.repliedOn <= l.replyDueOn!,
    });
  });
  return getCase(ctx, id);
}

/**
 * Hands the case up to the union above (提级监督): its later letters go out in that union's name.
 * The caller may lose sight of it. Throws not_found, supervision_case_closed, supervision_no_parent.
 */
export async function escalateCase(ctx: StaffContext, id: number, reason: string): Promise<{ id: number; org: { id: number; name: string } }> {
  return ctx.db.transaction(async (tx) => {
    const c = await getCaseRow(ctx, tx, id, true);
    assertOpen(c);
    const parent = c.orgParentId === null ? undefined : await repo.getOrg(tx, c.orgParentId);
    if (!parent || parent.status !== 'active') throw new AppError('supervision_no_parent');
    await repo.moveCase(tx, id, parent.id);
    await audit(tx, ctx, 'supervision.case_escalate', { type: 'supervision_case', id, orgPath: parent.path }, { from: c.orgName, to: parent.name, reason });
    return { id, org: { id: parent.id, name: parent.name } };
  });
}

/** Closes the case with its outcome, the wages recovered (fen) and the workers covered. Throws not_found, supervision_case_closed. */
export async function closeCase(ctx: StaffContext, id: number, body: CloseCaseInput): Promise<CaseDetail> {
  await ctx.db.transaction(async (tx) => {
    const c = await getCaseRow(ctx, tx, id, true);
    assertOpen(c);
    await repo.closeCase(tx, id, { outcome: body.outcome, wagesRecoveredFen: body.wagesRecoveredFen, workersCovered: body.workersCovered, note: body.note || null });
    await audit(tx, ctx, 'supervision.case_close', { type: 'supervision_case', id, orgPath: c.orgPath }, { outcome: body.outcome, wagesRecoveredFen: body.wagesRecoveredFen, workersCovered: body.workersCovered });
  });
  return getCase(ctx, id);
}

// ── the reply rule and the number prefix ───────────────────────────────────────────────────────

/** A union's reply rule (its own row, the nearest ancestor's, or the default) and its number prefix. Throws not_found. */
export async function getRule(ctx: StaffContext, orgId: number | undefined): Promise<RuleView> {
  const org = await getOrgInScope(ctx.db, ctx.scope, orgId ?? ctx.scope.orgId);
  const [rule, prefix] = await Promise.all([ruleFor(ctx.db, org.path), repo.getPrefix(ctx.db, org.id)]);
  return {
    org: { id: org.id, name: org.name },
    replyDays: rule.replyDays,
    dayKind: rule.dayKind,
    source: !rule.row ? 'default' : rule.row.orgId === org.id ? 'own' : 'inherited',
    fromOrg: rule.row ? { id: rule.row.orgId, name: rule.row.orgName } : null,
    prefix: prefix ?? defaultPrefix(org.name),
    prefixIsDefault: prefix === undefined,
  };
}

/** Sets a union's reply rule for its subtree and, optionally, its own number prefix (admins; audited). Throws not_found. */
export async function putRule(ctx: StaffContext, body: PutRuleInput): Promise<RuleView> {
  const org = await getOrgInScope(ctx.db, ctx.scope, body.orgId);
  await ctx.db.transaction(async (tx) => {
    await repo.upsertRule(tx, { orgId: org.id, replyDays: body.replyDays, dayKind: body.dayKind, staffId: ctx.actor.staffId });
    if (body.prefix) await repo.upsertPrefix(tx, org.id, body.prefix, ctx.actor.staffId);
    await audit(tx, ctx, 'supervision.rule_set', { type: 'org', id: org.id, orgPath: org.path }, { ...body });
  });
  return getRule(ctx, org.id);
}

// ── figures ────────────────────────────────────────────────────────────────────────────────────

/** The subtree's cases by state and outcome, letters issued, replies on time and money recovered, in a period (default: this year to today). Throws not_found. */
export async function getFigures(ctx: StaffContext, q: { orgId?: number | undefined; from?: string | undefined; to?: string | undefined }): Promise<SupervisionFigures> {
  const org = await getOrgInScope(ctx.db, ctx.scope, q.orgId ?? ctx.scope.orgId);
  const today = beijingDay();
  const from = q.from ?? `${today.slice(0, 4)}-01-01`;
  const to = q.to ?? today;
  if (to < from) throw new AppError('supervision_period_invalid');
  const f = await repo.figures(ctx.db, org.path, from, to);
  const count = <K extends string>(rows: { count: number }[], key: (r: never) => string, k: K) => rows.find((r) => key(r as never) === k)?.count ?? 0;
  return {
    org: { id: org.id, name: org.name },
    from,
    to,
    casesOpened: f.states.reduce((n, r) => n + r.count, 0),
    byState: caseStates.map((state) => ({ state, count: count(f.states, (r: { state: string }) => r.state, state) })),
    byOutcome: caseOutcomes.map((outcome) => ({ outcome, count: count(f.outcomes, (r: { outcome: string }) => r.outcome, outcome) })),
    lettersIssued: letterKinds.map((kind) => ({ kind, count: count(f.letters, (r: { kind: string }) => r.kind, kind) })),
    replies: f.replies,
    wagesRecoveredFen: Number(f.totals.wages),
    workersCovered: f.totals.workers,
  };
}

/**
 * Moves the supervision cases that name a duplicate employer onto the kept one, in the caller's
 * transaction (the enterprise register's merge, which checked both employers against the scope).
 */
export function reassignEnterprise(tx: Queryable, fromId: number, toId: number): Promise<number> {
  return repo.reassignEnterprise(tx, fromId, toId);
}
