// Hardship files (困难职工档案) and relief-and-exit (解困脱困): who may see that a file exists (every
// staff role of the scope) is wider than who may read why (admins and reviewers); every read of the
// details is audited. The member carries the 'hardship' group while a file is open.
import {
  HARDSHIP_DETAIL_ROLES,
  hardshipNextStatus,
  type AddHardshipAidInput,
  type AddHardshipVisitInput,
  type ChangeHardshipStatusInput,
  type CreateHardshipFileInput,
  type HardshipFileDetails,
  type HardshipFileSummary,
  type HardshipFileView,
  type HardshipListQuery,
  type HardshipStatus,
  type UpdateHardshipFileInput,
} from '../../../contracts/hardship.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { registerConstraintErrors } from '../../db/errors.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { maskMemberNo, maskName } from '../../lib/pii.ts';
import * as repo from './hardship.repo.ts';
import { audit } from '../../http/actors.ts';

// what the unique constraints of hardship files mean to the one who broke them (server/db/errors.ts)
registerConstraintErrors('hardship', { hardship_file_one_open: 'hardship_file_open' });

const iso = (d: Date | string) => new Date(d).toISOString();

/** Today in Beijing, 'YYYY-MM-DD'. */
export function todayInBeijing(): string {
  return beijingDay();
}

function notInFuture(date: string): void {
  if (date > todayInBeijing()) throw new AppError('hardship_date_invalid', '日期不能晚于今天');
}

export function canReadDetails(ctx: StaffContext): boolean {
  return HARDSHIP_DETAIL_ROLES.some((r) => ctx.actor.roles.includes(r));
}

function requireDetailRole(ctx: StaffContext): void {
  if (!canReadDetails(ctx)) throw new AppError('hardship_details_forbidden');
}

export function summaryOf(r: repo.FileRow): HardshipFileSummary {
  return {
    id: r.id,
    memberId: r.memberId,
    memberName: maskName(r.memberName),
    memberNo: r.memberNo ? maskMemberNo(r.memberNo) : null,
    org: { id: r.orgId, name: r.orgName },
    status: r.status as HardshipStatus,
    filedOn: r.filedOn,
    reliefStartedOn: r.reliefStartedOn,
    exitedOn: r.exitedOn,
    followedUpOn: r.followedUpOn,
    aidTotalFen: r.aidTotalFen,
    aidCount: r.aidCount,
    visitCount: r.visitCount,
    updatedAt: iso(r.updatedAt),
  };
}

async function fileInScope(ctx: StaffContext, id: number): Promise<repo.FileRow> {
  const f = await repo.getFileInScope(ctx.db, ctx.scope, id);
  if (!f) throw new AppError('not_found');
  return f;
}

/**
 * Files of a subtree of the scope, masked. Filtering by cause tells why, so it is for the detail
 * roles only. Throws not_found (orgId outside the scope), hardship_details_forbidden.
 */
export async function listFiles(ctx: StaffContext, f: Omit<HardshipListQuery, 'page' | 'pageSize'> & { page: number; pageSize: number }) {
  if (f.cause) requireDetailRole(ctx);
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findFiles(ctx.db, ctx.scope, { orgPath: org.path, status: f.status, cause: f.cause, q: f.q }, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map(summaryOf), total };
}

/** What any staff role of the scope sees of a file: no reasons, no notes. Throws not_found. */
export async function getFile(ctx: StaffContext, id: number): Promise<HardshipFileView> {
  const f = await fileInScope(ctx, id);
  const [history, aid] = await Promise.all([repo.findStatusEvents(ctx.db, id), repo.findAid(ctx.db, id)]);
  const links = await repo.findPayoutLinks(ctx.db, aid.flatMap((a) => (a.payoutId === null ? [] : [a.payoutId])));
  return {
    ...summaryOf(f),
    history: history.map((e) => ({ id: e.id, fromStatus: e.fromStatus as HardshipStatus | null, toStatus: e.toStatus as HardshipStatus, on: e.on, by: e.by, at: iso(e.at) })),
    aid: aid.map((a) => {
      const link = a.payoutId === null ? undefined : links.get(a.payoutId);
      return { id: a.id, amountFen: a.amountFen, givenOn: a.givenOn, source: a.source, payoutId: a.payoutId, payoutCampaignId: link?.campaignId ?? null, payoutState: link?.state ?? null };
    }),
    canReadDetails: canReadDetails(ctx),
  };
}

/**
 * Why the household is in hardship, its members, the plan and the visits: admins and reviewers of
 * the scope; every read writes an audit record. Throws hardship_details_forbidden, not_found.
 */
export async function readFileDetails(ctx: StaffContext, id: number): Promise<HardshipFileDetails> {
  requireDetailRole(ctx);
  const f = await fileInScope(ctx, id);
  const [d, household, history, visits, aid] = await Promise.all([
    repo.getDetails(ctx.db, id),
    repo.findHousehold(ctx.db, id),
    repo.findStatusEvents(ctx.db, id),
    repo.findVisits(ctx.db, id),
    repo.findAid(ctx.db, id),
  ]);
  await audit(ctx.db, ctx, 'hardship.details_read', { type: 'hardship_file', id, orgPath: f.orgPath }, { memberId: f.memberId });
  return {
    id,
    memberName: f.memberName,
    causes: d!.causes as HardshipFileDetails['causes'],
    causeNote: d!.causeNote,
    householdSize: d!.householdSize,
    incomeBand: d!.incomeBand as HardshipFileDetails['incomeBand'],
    household: household.map((h) => ({
      relation: h.relation,
      name: ctx.pii.decrypt(h.nameEnc),
      age: h.age,
      healthNote: h.healthNote,
      occupationNote: h.occupationNote,
    })),
    planText: d!.planText,
    planMeasures: d!.planMeasures,
    exitReason: d!.exitReason,
    history: history.map((e) => ({ id: e.id, fromStatus: e.fromStatus as HardshipStatus | null, toStatus: e.toStatus as HardshipStatus, on: e.on, by: e.by, at: iso(e.at), reason: e.reason })),
    visits,
    aidNotes: aid.filter((a) => a.note !== '').map((a) => ({ id: a.id, note: a.note })),
  };
}

function sealHousehold(ctx: StaffContext, household: NonNullable<CreateHardshipFileInput['household']>): repo.HouseholdRow[] {
  return household.map((h) => ({
    relation: h.relation,
    nameEnc: ctx.pii.encrypt(h.name),
    nameMasked: maskName(h.name),
    age: h.age ?? null,
    healthNote: h.healthNote ?? '',
    occupationNote: h.occupationNote ?? '',
  }));
}

/**
 * Opens a file for a member of the scope and flags the member 'hardship'; audited.
 * Throws hardship_details_forbidden, not_found, member_not_active, hardship_file_open, hardship_date_invalid.
 */
export async function createFile(ctx: StaffContext, input: CreateHardshipFileInput): Promise<HardshipFileView> {
  requireDetailRole(ctx);
  notInFuture(input.filedOn);
  const household = sealHousehold(ctx, input.household ?? []);
  // a second open file of the member breaks hardship_file_one_open: hardship_file_open (registered above)
  const id = await ctx.db.transaction(async (tx) => {
    const m = await repo.getMemberInScope(tx, ctx.scope, input.memberId);
    if (!m) throw new AppError('not_found');
    if (m.status === 'left' || m.status === 'deceased') throw new AppError('member_not_active');
    const fileId = await repo.insertFile(tx, {
      memberId: m.id,
      causes: [...new Set(input.causes)],
      causeNote: input.causeNote ?? '',
      householdSize: input.householdSize,
      incomeBand: input.incomeBand,
      planText: input.planText ?? '',
      planMeasures: input.planMeasures ?? [],
      filedOn: input.filedOn,
      staffId: ctx.actor.staffId,
    });
    await repo.replaceHousehold(tx, fileId, household);
    await repo.insertStatusEvent(tx, { fileId, from: null, to: 'filed', on: input.filedOn, reason: '建档', staffId: ctx.actor.staffId });
    await repo.setHardshipGroup(tx, m.id, true);
    await audit(tx, ctx, 'hardship.create', { type: 'hardship_file', id: fileId, orgPath: m.orgPath }, { memberId: m.id });
    return fileId;
  });
  return getFile(ctx, id);
}

/** Edits causes, household, income and plan; audited. Throws hardship_details_forbidden, not_found. */
export async function updateFile(ctx: StaffContext, id: number, input: UpdateHardshipFileInput): Promise<HardshipFileView> {
  requireDetailRole(ctx);
  const household = input.household ? sealHousehold(ctx, input.household) : undefined;
  await ctx.db.transaction(async (tx) => {
    const f = await repo.getFileInScope(tx, ctx.scope, id);
    if (!f) throw new AppError('not_found');
    await repo.lockFile(tx, id);
    await repo.updateFile(tx, id, { ...input, causes: input.causes ? [...new Set(input.causes)] : undefined });
    if (household) await repo.replaceHousehold(tx, id, household);
    await audit(tx, ctx, 'hardship.update', { type: 'hardship_file', id, orgPath: f.orgPath }, { fields: Object.keys(input) });
  });
  return getFile(ctx, id);
}

/**
 * Moves a file one step along filed → in_relief → exited → followed_up, kept as history. Exit needs
 * a reason and removes the member's 'hardship' group; a follow-up records its visit. Throws
 * hardship_details_forbidden, not_found, hardship_status_invalid, hardship_reason_required, hardship_date_invalid.
 */
export async function changeStatus(ctx: StaffContext, id: number, input: ChangeHardshipStatusInput): Promise<HardshipFileView> {
  requireDetailRole(ctx);
  notInFuture(input.on);
  const reason = input.reason?.trim() ?? '';
  if (input.status === 'exited' && reason === '') throw new AppError('hardship_reason_required', '请填写脱困原因');
  if (input.status === 'followed_up' && (reason === '' || !input.visitors)) throw new AppError('hardship_reason_required', '请填写回访人员和回访情况');
  await ctx.db.transaction(async (tx) => {
    const f = await repo.getFileInScope(tx, ctx.scope, id);
    if (!f) throw new AppError('not_found');
    const cur = await repo.lockFile(tx, id);
    if (!cur || hardshipNextStatus[cur.status as HardshipStatus] !== input.status) throw new AppError('hardship_status_invalid');
    const earliest = input.status === 'followed_up' ? cur.exitedOn! : input.status === 'exited' ? (cur.reliefStartedOn ?? cur.filedOn) : cur.filedOn;
    if (input.on < earliest) throw new AppError('hardship_date_invalid', `日期不能早于 ${earliest}`);
    await repo.setStatus(tx, id, { status: input.status, on: input.on, reason: input.status === 'exited' ? reason : null });
    await repo.insertStatusEvent(tx, { fileId: id, from: cur.status, to: input.status, on: input.on, reason, staffId: ctx.actor.staffId });
    if (input.status === 'exited') await repo.setHardshipGroup(tx, cur.memberId, false);
    if (input.status === 'followed_up') {
      await repo.insertVisit(tx, { fileId: id, kind: 'follow_up', visitedOn: input.on, visitors: input.visitors!, notes: reason, staffId: ctx.actor.staffId });
    }
    await audit(tx, ctx, 'hardship.status', { type: 'hardship_file', id, orgPath: f.orgPath }, { from: cur.status, to: input.status, on: input.on });
  });
  return getFile(ctx, id);
}

/** Records a visit (走访); its notes are details. Throws hardship_details_forbidden, not_found, hardship_date_invalid. */
export async function addVisit(ctx: StaffContext, id: number, input: AddHardshipVisitInput): Promise<HardshipFileView> {
  requireDetailRole(ctx);
  notInFuture(input.visitedOn);
  await ctx.db.transaction(async (tx) => {
    const f = await repo.getFileInScope(tx, ctx.scope, id);
    if (!f) throw new AppError('not_found');
    if (input.visitedOn < f.filedOn) throw new AppError('hardship_date_invalid', `走访日期不能早于建档日期 ${f.filedOn}`);
    await repo.insertVisit(tx, { fileId: id, kind: 'visit', visitedOn: input.visitedOn, visitors: input.visitors, notes: input.notes, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'hardship.visit', { type: 'hardship_file', id, orgPath: f.orgPath }, { visitedOn: input.visitedOn });
  });
  return getFile(ctx, id);
}

/**
 * Records aid received (admins, reviewers and clerks — the amount is not a reason). A payout named
 * must be the member's when the payouts module is installed. Throws not_found, hardship_date_invalid,
 * hardship_payout_mismatch.
 */
export async function addAid(ctx: StaffContext, id: number, input: AddHardshipAidInput): Promise<HardshipFileView> {
  notInFuture(input.givenOn);
  await ctx.db.transaction(async (tx) => {
    const f = await repo.getFileInScope(tx, ctx.scope, id);
    if (!f) throw new AppError('not_found');
    if (input.payoutId !== undefined && (await repo.payoutBelongsTo(tx, input.payoutId, f.memberId)) === false) {
      throw new AppError('hardship_payout_mismatch');
    }
    const aidId = await repo.insertAid(tx, { fileId: id, amountFen: input.amountFen, givenOn: input.givenOn, source: input.source, note: input.note ?? '', payoutId: input.payoutId ?? null, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'hardship.aid', { type: 'hardship_file', id, orgPath: f.orgPath }, { aidId, amountFen: input.amountFen });
  });
  return getFile(ctx, id);
}

/** Sets a union's exit target for a year (admins of the scope); audited. Throws not_found. */
export async function setTarget(ctx: StaffContext, input: { orgId: number; year: number; exits: number }) {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  await ctx.db.transaction(async (tx) => {
    await repo.upsertTarget(tx, { ...input, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'hardship.target', { type: 'org', id: org.id, orgPath: org.path }, { year: input.year, exits: input.exits });
  });
  return { orgId: org.id, year: input.year, exits: input.exits };
}
