// Founding drives (建会行动, issue 16 §5): a town's, county's or city's campaign with goals, targets
// (an employer without a union, or a town's platform workers) and each target's four steps. The
// 成立大会 founds the union in the step's transaction (orgs.service foundOrgInTx) and records the
// employer's `union` fact and the union's `founded` fact (enterprises/facts.service recordFact).
import type { Queryable, Tx } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import { getOrgInScope, isPathInScope } from '../../http/scope.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { violates } from '../../db/errors.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { maskName, maskPhone } from '../../lib/pii.ts';
import { gigPlatforms } from '../../../contracts/members.ts';
import {
  driveSteps,
  type AddDriveTargetBody,
  type CreateDriveBody,
  type DriveDetail,
  type DriveStep,
  type DriveStepBody,
  type DriveSummary,
  type DriveTarget,
  type DropDriveTargetBody,
  type LinkDriveUnionBody,
  type UpdateDriveBody,
} from '../../../contracts/drives.ts';
import { foundOrgInTx } from '../orgs/orgs.service.ts';
import { factWriterOf, recordFact } from '../enterprises/facts.service.ts';
import { getEnterpriseInScope } from '../enterprises/access.service.ts';
import { linkEnterpriseToUnion } from '../enterprises/file.service.ts';
import * as repo from './drives.repo.ts';

const RUNNING_LEVELS = ['city', 'county', 'town'];

/** The industry of a gig platform ('' for 其他平台 or an unknown name). */
export function industryOfPlatform(platform: string): string {
  return gigPlatforms.find((p) => p.name === platform)?.industry ?? '';
}

function summaryOf(d: repo.DriveRow): DriveSummary {
  return { id: d.id, org: { id: d.orgId, name: d.orgName }, title: d.title, startsOn: d.startsOn, endsOn: d.endsOn, status: d.status, targets: d.targets, founded: d.founded };
}

/** The drives of the scope, a page of them. */
export async function listDrives(ctx: StaffContext, f: { status?: string | undefined; page: number; pageSize: number }) {
  const { items, total } = await repo.findDrives(ctx.db, ctx.scope.path, { status: f.status, limit: f.pageSize, offset: (f.page - 1) * f.pageSize });
  return { items: items.map(summaryOf), total };
}

async function driveInScope(ctx: StaffContext, q: Queryable, id: number, lock = false): Promise<repo.DriveRow> {
  const d = await repo.findDrive(q, id, lock);
  if (!d || !isPathInScope(ctx.scope, d.orgPath)) throw new AppError('not_found');
  return d;
}

function nextStepOf(done: Set<string>): DriveStep | null {
  return driveSteps.find((s) => !done.has(s)) ?? null;
}

function targetOf(t: repo.TargetRow, steps: repo.StepRow[]): DriveTarget {
  const mine = steps.filter((s) => s.targetId === t.id);
  const done = new Set(mine.map((s) => s.step));
  return {
    id: t.id,
    kind: t.enterpriseId !== null ? 'employer' : t.platform !== null ? 'gig' : 'area',
    enterprise: t.enterpriseId !== null ? { id: t.enterpriseId, name: t.enterpriseName ?? '' } : null,
    gig: t.platform !== null ? { platform: t.platform, industry: industryOfPlatform(t.platform) } : null,
    area: t.areaType !== null && t.areaName !== null ? { type: t.areaType, name: t.areaName } : null,
    town: t.townId !== null ? { id: t.townId, name: t.townName ?? '' } : null,
    state: t.state,
    foundedOrg: t.foundedOrgId !== null ? { id: t.foundedOrgId, name: t.foundedOrgName ?? '' } : null,
    linkedOn: t.linkedOn,
    dropped: t.droppedAt !== null ? { at: new Date(t.droppedAt).toISOString(), by: t.droppedBy, reason: t.dropReason ?? '' } : null,
    contactName: t.contactNameMasked,
    contactPhone: t.contactPhoneMasked,
    steps: mine.map((s) => ({ id: s.id, step: s.step, doneOn: s.doneOn, note: s.note })),
    nextStep: t.state === 'open' ? nextStepOf(done) : t.state === 'founded' && !done.has('registration') ? 'registration' : null,
  };
}

async function detailOf(q: Queryable, d: repo.DriveRow): Promise<DriveDetail> {
  const [goals, targets] = await Promise.all([repo.findGoals(q, d.id), repo.findTargets(q, d.id)]);
  // a dropped target leaves the list and the figures (its row and steps stay, as history)
  const listed = targets.filter((t) => t.state !== 'dropped');
  const steps = await repo.findSteps(q, listed.map((t) => t.id));
  const arrivals = await repo.countArrivals(q, { driveId: d.id, orgPath: d.orgPath, startsOn: d.startsOn, endsOn: d.endsOn });
  const byState = { open: 0, founded: 0, linked: 0, dropped: 0 };
  for (const t of targets) byState[t.state] += 1;
  const goalsOut = [];
  for (const g of goals) {
    const value = g.key === 'unions'
      ? byState.founded
      : g.key === 'members'
        ? arrivals.added
        : await repo.countGigJoins(q, { orgPath: d.orgPath, startsOn: d.startsOn, endsOn: d.endsOn, platforms: gigPlatforms.filter((p) => p.industry === g.industry).map((p) => p.name) });
    goalsOut.push({ key: g.key, industry: g.industry, target: g.target, value, progress: Math.round((value / g.target) * 1000) / 1000 });
  }
  return {
    ...summaryOf(d),
    goals: goalsOut,
    figures: {
      targetsByState: byState,
      stepsDone: steps.length,
      unionsFounded: byState.founded,
      unionsLinked: byState.linked,
      membersAdded: arrivals.added,
      membersInFounded: arrivals.inFounded,
      transferredIn: arrivals.transferredIn,
    },
    targetList: listed.map((t) => targetOf(t, steps)),
  };
}

/** One drive of the scope with its goals, figures (computed now) and targets. Throws not_found. */
export async function getDrive(ctx: StaffContext, id: number): Promise<DriveDetail> {
  return detailOf(ctx.db, await driveInScope(ctx, ctx.db, id));
}

/** Starts a drive of a town, county or city union in the scope. Throws not_found, invalid_parent_level, drive_dates_invalid, validation_failed. */
export async function createDrive(ctx: StaffContext, body: CreateDriveBody): Promise<DriveDetail> {
  if (body.endsOn < body.startsOn) throw new AppError('drive_dates_invalid');
  const seen = new Set<string>();
  for (const g of body.goals) {
    if ((g.key === 'group') !== (g.industry !== undefined)) throw new AppError('validation_failed', '请求参数有误：重点群体目标须选择行业，其他目标不填行业');
    const k = `${g.key}:${g.industry ?? ''}`;
    if (seen.has(k)) throw new AppError('validation_failed', '请求参数有误：同一目标只能填写一次');
    seen.add(k);
  }
  const id = await ctx.db.transaction(async (tx) => {
    const org = await getOrgInScope(tx, ctx.scope, body.orgId);
    if (!RUNNING_LEVELS.includes(org.level)) throw new AppError('validation_failed', '请求参数有误：建会行动由镇街、县区或地市工会开展');
    if (org.status !== 'active') throw new AppError('org_closed');
    const driveId = await repo.insertDrive(tx, { orgId: org.id, title: body.title, startsOn: body.startsOn, endsOn: body.endsOn, status: body.status, createdBy: ctx.actor.staffId });
    for (const g of body.goals) await repo.insertGoal(tx, driveId, { key: g.key, industry: g.industry ?? '', target: g.target });
    await audit(tx, ctx, 'drive.create', { type: 'drive', id: driveId, orgPath: org.path }, { title: body.title, driveGoals: body.goals.length });
    return driveId;
  });
  return getDrive(ctx, id);
}

/** Changes a drive's title, dates or status. Throws not_found, drive_closed, drive_dates_invalid. */
export async function updateDrive(ctx: StaffContext, id: number, patch: UpdateDriveBody): Promise<DriveDetail> {
  await ctx.db.transaction(async (tx) => {
    const d = await driveInScope(ctx, tx, id, true);
    if (d.status === 'closed') throw new AppError('drive_closed');
    const startsOn = patch.startsOn ?? d.startsOn;
    const endsOn = patch.endsOn ?? d.endsOn;
    if (endsOn < startsOn) throw new AppError('drive_dates_invalid');
    await repo.updateDrive(tx, id, patch);
    await audit(tx, ctx, 'drive.update', { type: 'drive', id, orgPath: d.orgPath }, { title: d.title, driveChanges: Object.keys(patch) });
  });
  return getDrive(ctx, id);
}

/**
 * Adds an employer in the scope and the drive's area, a (town, platform) cluster or a (town, area) —
 * a village, community, park or industry where a 工会联合会 is to be founded — to a drive (one
 * dropped before is reopened, its steps kept); the contact's name and phone are sealed and masked. Throws not_found, drive_closed, drive_target_exists, validation_failed.
 */
export async function addTarget(ctx: StaffContext, driveId: number, body: AddDriveTargetBody): Promise<DriveDetail> {
  await ctx.db.transaction(async (tx) => {
    const d = await driveInScope(ctx, tx, driveId, true);
    if (d.status === 'closed') throw new AppError('drive_closed');
    let townPath: string;
    if (body.enterpriseId !== undefined) {
      const e = await getEnterpriseInScope(tx, ctx.scope, body.enterpriseId);
      townPath = e.townPath;
    } else {
      const town = await getOrgInScope(tx, ctx.scope, body.townId!);
      if (town.level !== 'town') throw new AppError('validation_failed', body.platform !== undefined ? '请求参数有误：平台群体须选择一个镇街' : '请求参数有误：村社、园区须选择其所在的镇街');
      if (body.platform !== undefined && !gigPlatforms.some((p) => p.name === body.platform)) throw new AppError('validation_failed', '请求参数有误：请选择平台');
      townPath = town.path;
    }
    if (!isPathInScope({ orgId: d.orgId, path: d.orgPath } as never, townPath)) throw new AppError('validation_failed', '请求参数有误：该单位（或镇街）不在本次行动的范围内');
    const contact = {
      nameEnc: body.contactName ? ctx.pii.encrypt(body.contactName) : null,
      nameMasked: body.contactName ? maskName(body.contactName) : null,
      phoneEnc: body.contactPhone ? ctx.pii.encrypt(body.contactPhone) : null,
      phoneMasked: body.contactPhone ? maskPhone(body.contactPhone) : null,
    };
    const same = await repo.findSameTarget(tx, driveId, body);
    if (same && same.state !== 'dropped') throw new AppError('drive_target_exists');
    // a target dropped by mistake (or whose employer is ready after all) is added again: the same row reopens
    const targetId = same
      ? (await repo.reopenTarget(tx, same.id, contact), same.id)
      : await repo.insertTarget(tx, {
          driveId,
          enterpriseId: body.enterpriseId ?? null,
          townId: body.enterpriseId === undefined ? body.townId! : null,
          platform: body.platform ?? null,
          areaType: body.areaType ?? null,
          areaName: body.areaName ?? null,
          assignedOrgId: null,
          ...contact,
          addedBy: ctx.actor.staffId,
        });
    await audit(tx, ctx, 'drive.target_add', { type: 'drive_target', id: targetId, orgPath: d.orgPath }, { driveId, drivePlatform: body.platform ?? null, driveArea: body.areaName ?? null });
  }).catch((err: unknown) => {
    if (violates(err, 'drive_target_enterprise_key') || violates(err, 'drive_target_cluster_key') || violates(err, 'drive_target_area_key')) throw new AppError('drive_target_exists');
    throw err;
  });
  return getDrive(ctx, driveId);
}

const requestStore: IdempotencyStore<{ answer: string }> = {
  find: (q, owner, key) => repo.findRequest(q, owner.id, key),
  text: (a) => a.answer,
  isKeyTaken: (err) => violates(err, 'drive_request_key'),
};

async function targetInScope(ctx: StaffContext, q: Queryable, id: number, lock = false) {
  const t = await repo.findTarget(q, id, lock);
  if (!t) throw new AppError('not_found');
  const d = await driveInScope(ctx, q, t.driveId);
  return { t, d };
}

/**
 * Records a target's next step, once per Idempotency-Key. In order contact → preparatory → meeting →
 * registration, each dated on or after the previous and not after today. The meeting founds the union
 * (an enterprise union under the employer's town, a platform federation under the cluster's town, or a
 * village, community, park or industry federation under the area's town)
 * or links one, and records the `union` and `founded` facts; the registration records `legalPerson`.
 * Throws not_found, drive_closed, drive_step_out_of_order, fact_date_invalid, validation_failed,
 * union_legal_number_invalid, credit_code_taken, idempotency_key_reused.
 */
export async function recordStep(ctx: StaffContext, targetId: number, body: DriveStepBody, key: string): Promise<IdempotentReply> {
  return onTargetOnce(ctx, 'drive step', targetId, body, key, (tx) => writeStep(ctx, tx, targetId, body));
}

async function writeStep(ctx: StaffContext, tx: Tx, targetId: number, body: DriveStepBody): Promise<DriveTarget> {
  const { t, d } = await targetInScope(ctx, tx, targetId, true);
  if (d.status === 'closed') throw new AppError('drive_closed');
  if (body.doneOn > beijingDay() || body.doneOn < '1949-01-01') throw new AppError('fact_date_invalid');
  const steps = await repo.findSteps(tx, [t.id]);
  const expected = nextStepOf(new Set(steps.map((s) => s.step)));
  const last = steps.reduce<string | null>((m, s) => (m === null || s.doneOn > m ? s.doneOn : m), null);
  if (t.state === 'dropped' || expected !== body.step || (last !== null && body.doneOn < last)) throw new AppError('drive_step_out_of_order');

  const writer = { ...factWriterOf(ctx) };
  const target = { type: 'drive_target', id: t.id, orgPath: d.orgPath };
  if (body.step === 'meeting') {
    let unionId: number;
    if (body.linkOrgId !== undefined) {
      const org = await getOrgInScope(tx, ctx.scope, body.linkOrgId);
      if (org.level !== 'grassroots' || org.status !== 'active') throw new AppError('validation_failed', '请求参数有误：请关联一个正常运行的基层工会');
      unionId = org.id;
    } else {
      if (!body.unionName) throw new AppError('validation_failed', '请求参数有误：请填写新工会的名称');
      const townId = t.townId!;
      const platform = t.platform;
      unionId = await foundOrgInTx(tx, ctx, {
        parentId: townId,
        name: body.unionName,
        level: 'grassroots',
        kind: platform !== null || t.areaType !== null ? 'federation' : 'enterprise',
        ...(platform !== null ? { federationType: 'platform', industry: industryOfPlatform(platform) || platform } : {}),
        ...(t.areaType !== null ? { federationType: t.areaType } : {}),
        chairName: body.chairName,
        foundedOn: body.doneOn,
      });
    }
    if (t.enterpriseId !== null) {
      await recordFact(tx, writer, { enterpriseId: t.enterpriseId, kind: 'union', value: { orgId: unionId, coverage: 'own' }, asOf: body.doneOn, source: 'drive' });
    }
    await recordFact(tx, writer, { orgId: unionId, kind: 'founded', value: { foundedOn: body.doneOn }, asOf: body.doneOn, source: 'drive' });
    if (body.chairName) await recordFact(tx, writer, { orgId: unionId, kind: 'chair', value: { name: body.chairName }, asOf: body.doneOn, source: 'drive' });
    await repo.markFounded(tx, t.id, unionId);
  }
  if (body.step === 'registration') {
    if (!body.number) throw new AppError('union_legal_number_invalid');
    const registeredOn = body.registeredOn ?? body.doneOn;
    if (registeredOn > beijingDay()) throw new AppError('fact_date_invalid');
    await recordFact(tx, writer, { orgId: t.foundedOrgId!, kind: 'legalPerson', value: { registered: true, number: body.number, registeredOn }, asOf: registeredOn, source: 'drive' });
  }
  const stepId = await repo.insertStep(tx, { targetId: t.id, step: body.step, doneOn: body.doneOn, doneBy: ctx.actor.staffId, note: body.note ?? null });
  await audit(tx, ctx, 'drive.step', target, { driveId: d.id, driveStep: body.step, driveStepId: stepId });
  return targetAfter(tx, t.id);
}

/** Runs one write on a target once per Idempotency-Key: the answer (the target after it) stored in drive_request. */
function onTargetOnce(ctx: StaffContext, what: string, targetId: number, body: unknown, key: string, write: (tx: Tx) => Promise<DriveTarget>): Promise<IdempotentReply> {
  const hash = requestHashOf(what, targetId, body);
  return writeOnce(ctx.db, requestStore, { owner: { kind: 'staff', id: ctx.actor.staffId }, key, hash }, () =>
    ctx.db.transaction(async (tx) => {
      const answer = JSON.stringify(await write(tx));
      await repo.insertRequest(tx, { staffId: ctx.actor.staffId, key, hash, answer });
      return { answer };
    }),
  );
}

async function targetAfter(tx: Tx, id: number): Promise<DriveTarget> {
  return targetOf((await repo.findTarget(tx, id))!, await repo.findSteps(tx, [id]));
}

/**
 * Drops a target not founded from its drive (移出), once per Idempotency-Key: it leaves the drive's list
 * and figures, its row kept with who, when and why; audited. Throws not_found, drive_closed,
 * drive_target_founded (founded, or its union linked), drive_target_dropped, idempotency_key_reused.
 */
export async function dropTarget(ctx: StaffContext, targetId: number, body: DropDriveTargetBody, key: string): Promise<IdempotentReply> {
  return onTargetOnce(ctx, 'drive drop', targetId, body, key, async (tx) => {
    const { t, d } = await targetInScope(ctx, tx, targetId, true);
    if (d.status === 'closed') throw new AppError('drive_closed');
    if (t.state === 'founded' || t.state === 'linked') throw new AppError('drive_target_founded');
    if (t.state === 'dropped') throw new AppError('drive_target_dropped');
    await repo.markDropped(tx, t.id, { staffId: ctx.actor.staffId, reason: body.reason });
    await audit(tx, ctx, 'drive.target_drop', { type: 'drive_target', id: t.id, orgPath: d.orgPath }, { driveId: d.id, reason: body.reason });
    return targetAfter(tx, t.id);
  });
}

// Why a linked union is not "founded": 台山's staff report 新建工会 upward as unions their drive brought
// into being this year (the 31 of seed 002); a union that already existed was missing from the file, not
// founded — counting it would inflate the drive's goal and double-count a union the org tree (and the
// dashboard's orgs.founded) already holds. So the target leaves the open list (nothing left to do) and
// is counted apart: figures.unionsLinked, the `linked` state, never unionsFounded, the unions goal, the
// members "in founded unions" or the drives.founded tile.
/**
 * Links an open employer target to the union it already has (founded outside the platform), once per
 * Idempotency-Key: the employer's `union` fact through the enterprise file (enterprises/file.service
 * linkEnterpriseToUnion: a grassroots union of the caller's scope in the employer's town), and the
 * target marked `linked` — counted apart from the unions the drive founded; audited. Throws not_found,
 * drive_closed, drive_target_not_open, validation_failed (a platform cluster), union_link_invalid,
 * enterprise_identity_town_only, fact_date_invalid, idempotency_key_reused.
 */
export async function linkUnion(ctx: StaffContext, targetId: number, body: LinkDriveUnionBody, key: string): Promise<IdempotentReply> {
  return onTargetOnce(ctx, 'drive link', targetId, body, key, async (tx) => {
    const { t, d } = await targetInScope(ctx, tx, targetId, true);
    if (d.status === 'closed') throw new AppError('drive_closed');
    if (t.state !== 'open') throw new AppError('drive_target_not_open');
    if (t.enterpriseId === null) throw new AppError('validation_failed', t.platform !== null ? '请求参数有误：平台群体没有所属单位，请通过召开成立大会建会' : '请求参数有误：村社、园区没有所属单位，请通过召开成立大会建会');
    if (body.linkedOn > beijingDay() || body.linkedOn < '1949-01-01') throw new AppError('fact_date_invalid');
    await linkEnterpriseToUnion(tx, ctx, { enterpriseId: t.enterpriseId, orgId: body.orgId, asOf: body.linkedOn, source: 'drive' });
    await repo.markLinked(tx, t.id, { orgId: body.orgId, linkedOn: body.linkedOn, staffId: ctx.actor.staffId });
    await audit(tx, ctx, 'drive.target_link', { type: 'drive_target', id: t.id, orgPath: d.orgPath }, { driveId: d.id, driveLinkedOrgId: body.orgId });
    return targetAfter(tx, t.id);
  });
}

/** A target's contact in full, with a reason, audited. Throws not_found. */
export async function revealContact(ctx: StaffContext, targetId: number, reason: string) {
  return ctx.db.transaction(async (tx) => {
    const { d } = await targetInScope(ctx, tx, targetId);
    const c = await repo.findTargetContact(tx, targetId);
    await audit(tx, ctx, 'drive.contact_reveal', { type: 'drive_target', id: targetId, orgPath: d.orgPath }, { reason });
    return {
      contactName: c?.nameEnc ? ctx.pii.decrypt(c.nameEnc) : null,
      contactPhone: c?.phoneEnc ? ctx.pii.decrypt(c.phoneEnc) : null,
    };
  });
}

/** Moves a merged duplicate employer's drive targets to the employer kept (the register's merge, in its transaction). */
export function reassignEnterprise(tx: Queryable, fromId: number, toId: number): Promise<number> {
  return repo.reassignTargets(tx, fromId, toId);
}
