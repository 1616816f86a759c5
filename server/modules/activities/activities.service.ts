// Activities: publishing, editing before sign-up opens, cancelling, the cover, and the two views of
// the list and detail — staff (their subtree's activities with figures) and members (what is in
// their reach, whether they may sign up, and why not).
import { randomBytes } from 'node:crypto';
import {
  availabilityStates,
  ineligibleReasons,
  signupStatusLabels,
  type ActivityDetail,
  type ActivitySummary,
  type CreateActivityInput,
  type UpdateActivityInput,
} from '../../../contracts/activities.ts';
import type { MemberContext, StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { changesOf } from '../../lib/audit-changes.ts';
import { beijingWhen } from '../../lib/beijing-time.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices, queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import * as repo from './activities.repo.ts';
import { seedCommitment } from './draw.ts';
import {
  amapUrl,
  checkPublication,
  COVER_MAX_BYTES,
  judgeEligibility,
  limitsOf,
  openBatch,
  sanitizeDescription,
  slotCountFor,
  sniffImage,
  splitOver,
  type ActivityRules,
  type MemberFacts,
} from './rules.ts';
import * as signups from './signups.repo.ts';
import { clearFull } from './full-cache.ts';
import { auditOf, requireMemberId } from '../../http/actors.ts';

/** The public draw (draw.ts), for other modules' draws: its algorithm's name, the seed's commitment and the winners. */
export { DRAW_ALGORITHM, drawWinners, seedCommitment } from './draw.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function rulesOf(a: repo.ActivityRow): ActivityRules {
  return {
    kind: a.kind,
    targetGroups: a.targetGroups,
    ...limitsOf(a),
    perMemberLimit: a.perMemberLimit,
    startsAt: new Date(a.startsAt),
  };
}

export function factsFor(
  m: { status: string; birthDate: string; joinedOn: string; groups: string[]; confirmedStarts: { kind: string; activityId: number; startsAt: string }[] },
  a: { id: number; kind: string },
): MemberFacts {
  return {
    status: m.status,
    birthDate: m.birthDate,
    joinedOn: m.joinedOn,
    groups: m.groups,
    sameKindStarts: m.confirmedStarts.filter((c) => c.kind === a.kind && c.activityId !== a.id).map((c) => new Date(c.startsAt)),
  };
}

/** The batches as the window rules see them: a first-come batch is full when no place or waitlist place is left. */
export function windowOf(a: repo.ActivityRow) {
  return {
    status: a.status,
    batches: a.batches.map((b) => ({
      batchNo: b.batchNo,
      signupOpensAt: new Date(b.signupOpensAt),
      signupClosesAt: new Date(b.signupClosesAt),
      isFull: a.allocation === 'first_come' && b.free <= 0,
    })),
  };
}

function availabilityOf(a: repo.ActivityRow, m: MemberFacts, mine: repo.MySignupRow | null, now: Date): ActivitySummary['availability'] {
  if (a.status === 'cancelled') return { state: 'cancelled', canSignUp: false, message: availabilityStates.cancelled };
  if (mine) return { state: 'signed_up', canSignUp: false, message: signupStatusLabels[mine.status as keyof typeof signupStatusLabels] };
  const reason = judgeEligibility(rulesOf(a), m, now);
  if (reason) return { state: reason, canSignUp: false, message: ineligibleReasons[reason] };
  const w = openBatch(windowOf(a), now);
  if ('state' in w) return { state: w.state, canSignUp: false, message: availabilityStates[w.state] };
  return { state: 'open', canSignUp: true, message: availabilityStates.open };
}

function toSummary(a: repo.ActivityRow, extra: Pick<ActivitySummary, 'figures' | 'availability' | 'mySignup'>): ActivitySummary {
  return {
    id: a.id,
    title: a.title,
    kind: a.kind as ActivitySummary['kind'],
    org: { id: a.orgId, name: a.orgName },
    places: a.places,
    placesLeft: a.allocation === 'lottery' ? null : a.batches.reduce((n, b) => n + b.placesLeft, 0),
    allocation: a.allocation,
    signupOpensAt: iso(a.signupOpensAt)!,
    signupClosesAt: iso(a.signupClosesAt)!,
    startsAt: iso(a.startsAt)!,
    location: a.location,
    targetGroups: a.targetGroups as ActivitySummary['targetGroups'],
    status: a.status,
    hasCover: a.hasCover,
    ...extra,
  };
}

function toDetail(a: repo.ActivityRow, extra: Pick<ActivitySummary, 'figures' | 'availability' | 'mySignup'>): ActivityDetail {
  return {
    ...toSummary(a, extra),
    description: a.descriptionHtml,
    endsAt: iso(a.endsAt),
    lat: a.lat,
    lng: a.lng,
    mapUrl: amapUrl(a.location, a.lat, a.lng),
    ...limitsOf(a),
    perMemberLimit: a.perMemberLimit,
    waitlistPlaces: a.waitlistPlaces,
    cancelDeadline: iso(a.cancelDeadline)!,
    batches: a.batches.map((b) => ({
      batchNo: b.batchNo,
      places: b.places,
      signupOpensAt: iso(b.signupOpensAt)!,
      signupClosesAt: iso(b.signupClosesAt)!,
      drawnAt: iso(b.drawnAt),
      placesLeft: a.allocation === 'lottery' ? null : b.placesLeft,
    })),
    seedCommitment: a.seedCommitment,
    cancelReason: a.cancelReason,
    createdAt: iso(a.createdAt)!,
  };
}

const mySignupOf = (s: repo.MySignupRow | null) =>
  s ? { id: s.id, status: s.status as 'confirmed', seats: s.seats, checkedInAt: iso(s.checkedInAt) } : null;

type Fields = Omit<repo.NewActivity, 'drawSeed' | 'seedCommitment' | 'createdBy'>;

/** The stored fields of an input (new, or an edit merged over the stored activity). Throws validation_failed. */
function fieldsOf(input: CreateActivityInput): { fields: Fields; batches: ReturnType<typeof checkPublication> } {
  const batches = checkPublication(input);
  const fields: Fields = {
    orgId: input.orgId,
    title: input.title,
    kind: input.kind,
    descriptionHtml: input.description ? sanitizeDescription(input.description) : '',
    location: input.location ?? null,
    lat: input.lat ?? null,
    lng: input.lng ?? null,
    targetGroups: [...new Set(input.targetGroups ?? [])],
    minAge: input.minAge ?? null,
    maxAge: input.maxAge ?? null,
    minMembershipMonths: input.minMembershipMonths ?? null,
    sameKindGapMonths: input.sameKindGapMonths ?? null,
    childMinAge: input.childMinAge ?? null,
    childMaxAge: input.childMaxAge ?? null,
    places: input.places,
    waitlistPlaces: input.allocation === 'lottery' ? 0 : (input.waitlistPlaces ?? 0),
    perMemberLimit: input.perMemberLimit ?? 1,
    allocation: input.allocation,
    signupOpensAt: input.signupOpensAt,
    signupClosesAt: input.signupClosesAt,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    cancelDeadline: input.cancelDeadline ?? input.startsAt,
  };
  return { fields, batches };
}

/** Batches with their counter slots: a first-come batch over up to 16 rows, a lottery's over one. */
function layoutOf(allocation: string, waitlistPlaces: number, batches: ReturnType<typeof checkPublication>) {
  const rows = batches.map((b, i) => ({ batchNo: i + 1, places: b.places, waitlistPlaces, signupOpensAt: b.signupOpensAt, signupClosesAt: b.signupClosesAt }));
  const slots = rows.flatMap((b) => {
    const n = allocation === 'lottery' ? 1 : slotCountFor(b.places);
    const caps = splitOver(b.places, n);
    const waits = splitOver(b.waitlistPlaces, n);
    return caps.map((capacity, slot) => ({ batchNo: b.batchNo, slot, capacity, waitCapacity: waits[slot]! }));
  });
  return { rows, slots };
}

/** Publishes an activity for the subtree of a union in scope. Throws not_found, org_closed, validation_failed. */
export async function publishActivity(ctx: StaffContext, input: CreateActivityInput): Promise<ActivityDetail> {
  const org = await getOrgInScope(ctx.db, ctx.scope, input.orgId);
  if (org.status !== 'active') throw new AppError('org_closed');
  const { fields, batches } = fieldsOf(input);
  const { rows, slots } = layoutOf(fields.allocation, fields.waitlistPlaces, batches);
  const seed = fields.allocation === 'lottery' ? randomBytes(32) : null;
  const id = await ctx.db.transaction(async (tx) => {
    const id = await repo.insertActivity(tx, { ...fields, drawSeed: seed, seedCommitment: seed ? seedCommitment(seed) : null, createdBy: ctx.actor.staffId });
    await repo.replaceBatches(tx, id, rows, slots);
    await insertAudit(tx, {
      ...auditOf(ctx), action: 'activity.publish', targetType: 'activity', targetId: id, orgPath: org.path,
      detail: { title: fields.title, places: fields.places, allocation: fields.allocation, batches: rows.length },
    });
    return id;
  });
  return getActivityForStaff(ctx, id);
}

function inputOf(a: repo.ActivityRow): CreateActivityInput {
  const opt = <T>(v: T | null) => (v === null ? undefined : v);
  return {
    title: a.title,
    kind: a.kind as CreateActivityInput['kind'],
    orgId: a.orgId,
    places: a.places,
    allocation: a.allocation,
    signupOpensAt: iso(a.signupOpensAt)!,
    signupClosesAt: iso(a.signupClosesAt)!,
    startsAt: iso(a.startsAt)!,
    location: opt(a.location),
    targetGroups: a.targetGroups as CreateActivityInput['targetGroups'],
    endsAt: opt(iso(a.endsAt)),
    lat: opt(a.lat),
    lng: opt(a.lng),
    minAge: opt(a.minAge),
    maxAge: opt(a.maxAge),
    minMembershipMonths: opt(a.minMembershipMonths),
    sameKindGapMonths: opt(a.sameKindGapMonths),
    childMinAge: opt(a.childMinAge),
    childMaxAge: opt(a.childMaxAge),
    perMemberLimit: a.perMemberLimit,
    waitlistPlaces: a.waitlistPlaces,
    cancelDeadline: iso(a.cancelDeadline)!,
    batches: a.batches.length > 1 ? a.batches.map((b) => ({ places: b.places, signupOpensAt: iso(b.signupOpensAt)!, signupClosesAt: iso(b.signupClosesAt)! })) : undefined,
  };
}

/**
 * Edits an activity before its sign-up opens (fields not given stay; `null`-free: to clear a rule,
 * publish anew). Throws not_found, activity_cancelled, activity_locked, validation_failed.
 */
export async function updateActivity(ctx: StaffContext, id: number, patch: UpdateActivityInput): Promise<ActivityDetail> {
  const current = await repo.getActivityInScope(ctx.db, ctx.scope, id);
  if (!current) throw new AppError('not_found');
  const before = inputOf(current);
  const merged: CreateActivityInput = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  // a new window or a new number of places without new batches: one batch again
  if (!patch.batches && (patch.places !== undefined || patch.signupOpensAt !== undefined || patch.signupClosesAt !== undefined)) delete merged.batches;
  // the stored description is already clean; only a new one is sanitised
  const { fields, batches } = fieldsOf({ ...merged, description: patch.description ?? undefined });
  if (patch.description === undefined) fields.descriptionHtml = current.descriptionHtml;
  const { rows, slots } = layoutOf(fields.allocation, fields.waitlistPlaces, batches);
  await ctx.db.transaction(async (tx) => {
    const a = await repo.getActivityInScope(tx, ctx.scope, id, true);
    if (!a) throw new AppError('not_found');
    if (a.status === 'cancelled') throw new AppError('activity_cancelled');
    if (new Date(a.signupOpensAt) <= new Date() || (await repo.hasAnySignup(tx, id))) throw new AppError('activity_locked');
    await repo.updateActivity(tx, id, fields);
    await repo.replaceBatches(tx, id, rows, slots);
    await insertAudit(tx, { ...auditOf(ctx), action: 'activity.update', targetType: 'activity', targetId: id, orgPath: a.orgPath, detail: { title: a.title, changes: changesOf(before, patch) } });
  });
  return getActivityForStaff(ctx, id);
}

/** Cancels an activity: every live sign-up is cancelled and its member told. Throws not_found, activity_cancelled. */
export async function cancelActivity(ctx: StaffContext, id: number, reason: string): Promise<ActivityDetail> {
  const pre = await repo.getActivityInScope(ctx.db, ctx.scope, id);
  if (!pre) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    const a = await repo.getActivityInScope(tx, ctx.scope, id, true);
    if (!a) throw new AppError('not_found');
    if (a.status === 'cancelled') throw new AppError('activity_cancelled');
    await repo.markCancelled(tx, id, reason);
    const gone = await signups.cancelAllSignups(tx, id);
    await signups.zeroSlots(tx, id);
    const notices = gone.flatMap((s) =>
      s.phoneEnc ? [sealNotice(ctx, s.phoneEnc, `【智慧工会】${s.name}，很抱歉，您报名的“${a.title}”（${beijingWhen(a.startsAt)}）已取消，原因：${reason}。`)] : [],
    );
    await queueBulkSms(tx, notices, 'activity_cancelled', a.orgPath, ctx.sender.deliversInOutbox === true);
    await insertAudit(tx, { ...auditOf(ctx), action: 'activity.cancel', targetType: 'activity', targetId: id, orgPath: a.orgPath, detail: { title: a.title, reason, signups: gone.length } });
  });
  clearFull(ctx.db, id);
  void dispatchNotices(ctx);
  return getActivityForStaff(ctx, id);
}

/** Sets the cover: PNG, JPEG or WebP judged by content, at most 600 KB. Throws not_found, invalid_image, image_too_large. */
export async function setCover(ctx: StaffContext, id: number, base64: string): Promise<ActivityDetail> {
  const image = Buffer.from(base64, 'base64');
  if (image.length > COVER_MAX_BYTES) throw new AppError('image_too_large');
  const type = sniffImage(image);
  if (!type) throw new AppError('invalid_image');
  const a = await repo.getActivityInScope(ctx.db, ctx.scope, id);
  if (!a) throw new AppError('not_found');
  await ctx.db.transaction(async (tx) => {
    await repo.setCover(tx, id, image, type);
    await insertAudit(tx, { ...auditOf(ctx), action: 'activity.cover', targetType: 'activity', targetId: id, orgPath: a.orgPath, detail: { type, bytes: image.length } });
  });
  return getActivityForStaff(ctx, id);
}

/** The cover of an activity the caller may see. Throws not_found. */
export async function getCover(ctx: StaffContext | MemberContext, id: number): Promise<{ image: Buffer; type: string }> {
  if (ctx.actor.kind === 'staff') {
    if (!(await repo.getActivityInScope(ctx.db, (ctx as StaffContext).scope, id))) throw new AppError('not_found');
  } else {
    await getActivityInReachOf(ctx as MemberContext, id);
  }
  const cover = await repo.getCover(ctx.db, id);
  if (!cover) throw new AppError('not_found');
  return cover;
}

/** An activity of the scope with its figures. Throws not_found. */
export async function getActivityForStaff(ctx: StaffContext, id: number): Promise<ActivityDetail> {
  const a = await repo.getActivityInScope(ctx.db, ctx.scope, id);
  if (!a) throw new AppError('not_found');
  const figures = await repo.getFigures(ctx.db, id);
  return toDetail(a, { figures, availability: null, mySignup: null });
}

/** An activity in the member's reach, with the member's facts. Throws not_a_member, not_found. */
export async function getActivityInReachOf(ctx: MemberContext, id: number) {
  const memberId = requireMemberId(ctx);
  const facts = await repo.getMemberFacts(ctx.db, memberId);
  if (!facts) throw new AppError('not_a_member');
  const a = await repo.getActivityInReach(ctx.db, facts.orgPath, id);
  if (!a) throw new AppError('not_found');
  return { memberId, facts, a };
}

/** An activity in the member's reach, with whether they may sign up; the view is counted. Throws not_found, not_a_member. */
export async function getActivityForMember(ctx: MemberContext, id: number): Promise<ActivityDetail> {
  const { memberId, facts, a } = await getActivityInReachOf(ctx, id);
  await repo.recordView(ctx.db, id, memberId);
  const my = await repo.getMySignup(ctx.db, id, memberId);
  return toDetail(a, { figures: null, availability: availabilityOf(a, factsFor(facts, a), my, new Date()), mySignup: mySignupOf(my) });
}

/** Staff: the scope's activities with figures. Members: those in reach, with availability. Throws not_found (orgId). */
export async function listActivities(
  ctx: StaffContext | MemberContext,
  f: { orgId?: number | undefined; kind?: string | undefined; status: string; page: number; pageSize: number },
): Promise<{ items: ActivitySummary[]; total: number }> {
  const status = f.status === 'all' ? undefined : f.status;
  const paging = { limit: f.pageSize, offset: (f.page - 1) * f.pageSize };
  if (ctx.actor.kind === 'staff') {
    const s = ctx as StaffContext;
    const under = f.orgId ? (await getOrgInScope(s.db, s.scope, f.orgId)).path : undefined;
    const { items, total } = await repo.findActivitiesInScope(s.db, s.scope, { underPath: under, kind: f.kind, status, ...paging });
    return {
      items: items.map((a) =>
        toSummary(a, {
          figures: { visits: a.visits, participants: a.participants, checkedIn: a.checkedIn, waitlisted: a.waitlisted, entered: a.entered, placesTaken: a.placesTaken },
          availability: null,
          mySignup: null,
        }),
      ),
      total,
    };
  }
  const memberId = requireMemberId(ctx as MemberContext);
  const facts = await repo.getMemberFacts(ctx.db, memberId);
  if (!facts) throw new AppError('not_a_member');
  const { items, total } = await repo.findActivitiesInReach(ctx.db, memberId, facts.orgPath, { kind: f.kind, status, ...paging });
  const now = new Date();
  return {
    items: items.map((a) => toSummary(a, { figures: null, availability: availabilityOf(a, factsFor(facts, a), a.mySignup, now), mySignup: mySignupOf(a.mySignup) })),
    total,
  };
}
