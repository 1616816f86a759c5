// The lottery draw of closed batches (by staff, or the sweep), its public record to re-run it, and
// the notice of results (公示) with masked names.
import type { Deps, MemberContext, StaffContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { maskMemberNo, maskName } from '../../lib/pii.ts';
import { insertAudit } from '../../http/audit.ts';
import { dispatchNotices, queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import type { DrawRecord } from '../../../contracts/activities.ts';
import * as activities from './activities.repo.ts';
import { getActivityInReachOf } from './activities.service.ts';
import { DRAW_ALGORITHM, drawLabel, drawWinners, type DrawOutcome } from './draw.ts';
import * as repo from './draw.repo.ts';
import { auditOf } from '../../http/actors.ts';

const sameIds = (x: repo.EntryRow[], y: repo.EntryRow[]) => x.length === y.length && x.every((e, i) => e.id === y[i]!.id);

function outcomeOf(seed: Buffer, label: string, entries: repo.EntryRow[], places: number): DrawOutcome {
  return drawWinners(seed, label, new Map(entries.map((e) => [e.id, e.seats])), places);
}

/** Draws one closed batch: winners confirmed, the rest waitlisted in drawn order, everyone told. */
async function drawBatch(deps: Deps, a: activities.ActivityRow, batchNo: number, staff?: StaffContext): Promise<void> {
  const seed = await repo.getSeed(deps.db, a.id);
  const batch = a.batches.find((b) => b.batchNo === batchNo);
  if (!seed || !batch) return;
  const label = drawLabel(a.id, batchNo);
  // read and shuffle before the transaction; inside it the locked entries are checked against these
  let entries = await repo.findEntries(deps.db, a.id, batchNo);
  let outcome = outcomeOf(seed, label, entries, batch.places);
  const seal = (list: repo.EntryRow[], o: DrawOutcome) => {
    const waitPos = new Map(o.waitlist.map((id, i) => [id, i + 1]));
    return list.flatMap((e) => {
      if (!e.phoneEnc) return [];
      const body = waitPos.has(e.id)
        ? `【智慧工会】${e.name}，“${a.title}”已公开抽签，很遗憾您未中签，现为候补第 ${waitPos.get(e.id)} 位；有名额空出时将按顺序递补并通知您。`
        : `【智慧工会】${e.name}，恭喜您在“${a.title}”的抽签中中签，报名成功！签到时请出示电子会员证二维码。`;
      return [sealNotice(deps, e.phoneEnc, body)];
    });
  };
  let notices = seal(entries, outcome);
  await deps.db.transaction(async (tx) => {
    const locked = await repo.findEntries(tx, a.id, batchNo, true);
    if (!sameIds(locked, entries)) {
      entries = locked;
      outcome = outcomeOf(seed, label, entries, batch.places);
      notices = seal(entries, outcome);
    }
    const seatsTaken = outcome.winners.reduce((s, id) => s + entries.find((e) => e.id === id)!.seats, 0);
    if (!(await repo.writeDraw(tx, a.id, batchNo, { ...outcome, seatsTaken }))) return; // drawn meanwhile
    await queueBulkSms(tx, notices, 'activity_draw', a.orgPath, deps.sender.deliversInOutbox === true);
    await insertAudit(tx, {
      ...(staff ? auditOf(staff) : { actorKind: 'system' as const }),
      action: 'activity.draw', targetType: 'activity', targetId: a.id, orgPath: a.orgPath,
      detail: { batchNo, entries: entries.length, winners: outcome.winners.length },
    });
  });
}

/** Draws every closed, undrawn batch of a lottery activity in scope. Throws not_found, not_lottery, activity_cancelled, already_drawn, draw_not_due. */
export async function drawActivity(ctx: StaffContext, id: number): Promise<DrawRecord> {
  const a = await activities.getActivityInScope(ctx.db, ctx.scope, id);
  if (!a) throw new AppError('not_found');
  if (a.allocation !== 'lottery') throw new AppError('not_lottery');
  if (a.status === 'cancelled') throw new AppError('activity_cancelled');
  const due = await repo.findDueDraws(ctx.db, id);
  if (due.length === 0) throw new AppError(a.batches.every((b) => b.drawnAt !== null) ? 'already_drawn' : 'draw_not_due');
  for (const b of due) await drawBatch(ctx, a, b.batchNo, ctx);
  void dispatchNotices(ctx);
  return buildDrawRecord(ctx, a);
}

/** The sweep: draws lottery batches whose window has closed. */
export async function drawDueLotteries(deps: Deps): Promise<number> {
  const due = await repo.findDueDraws(deps.db);
  for (const d of due) {
    const [a] = (await activities.findActivitiesByIds(deps.db, [d.activityId])) ?? [];
    if (a) await drawBatch(deps, a, d.batchNo);
  }
  if (due.length > 0) void dispatchNotices(deps);
  return due.length;
}

async function buildDrawRecord(deps: Deps, a: activities.ActivityRow): Promise<DrawRecord> {
  const [batches, entries, seed] = await Promise.all([repo.findBatchDraws(deps.db, a.id), repo.findDrawnEntries(deps.db, a.id), repo.getSeed(deps.db, a.id)]);
  const allDrawn = batches.length > 0 && batches.every((b) => b.drawnAt !== null);
  return {
    activityId: a.id,
    algorithm: DRAW_ALGORITHM,
    seedCommitment: a.seedCommitment!,
    // revealed only when every batch is drawn: before that it would let the later batches be foreseen
    seed: allDrawn && seed ? seed.toString('hex') : null,
    batches: batches.map((b) => {
      const mine = b.drawnAt ? entries.filter((e) => e.batchNo === b.batchNo) : [];
      const winners = b.winners ?? [];
      const won = new Set(winners);
      return {
        batchNo: b.batchNo,
        label: drawLabel(a.id, b.batchNo),
        places: b.places,
        entryIds: mine.map((e) => e.id),
        seats: mine.map((e) => e.seats),
        winners,
        waitlist: [...mine].sort((x, y) => (x.queuePos ?? 0) - (y.queuePos ?? 0)).map((e) => e.id).filter((eid) => !won.has(eid)),
        drawnAt: b.drawnAt ? new Date(b.drawnAt).toISOString() : null,
      };
    }),
  };
}

async function activityFor(ctx: StaffContext | MemberContext, id: number): Promise<activities.ActivityRow> {
  if (ctx.actor.kind === 'staff') {
    const a = await activities.getActivityInScope(ctx.db, (ctx as StaffContext).scope, id);
    if (!a) throw new AppError('not_found');
    return a;
  }
  return (await getActivityInReachOf(ctx as MemberContext, id)).a;
}

/** The draw's public record: the seed (after the draw), the sorted entries, the winners. Throws not_found, not_lottery. */
export async function getDrawRecord(ctx: StaffContext | MemberContext, id: number): Promise<DrawRecord> {
  const a = await activityFor(ctx, id);
  if (a.allocation !== 'lottery') throw new AppError('not_lottery');
  return buildDrawRecord(ctx, a);
}

/** The notice of results (公示): who got a place, masked; published once drawn, or once a first-come sign-up closed. Throws not_found. */
export async function getResults(ctx: StaffContext | MemberContext, id: number) {
  const a = await activityFor(ctx, id);
  const published =
    a.status === 'published' &&
    (a.allocation === 'lottery' ? a.batches.length > 0 && a.batches.every((b) => b.drawnAt !== null) : new Date(a.signupClosesAt) <= new Date());
  const confirmed = published ? await repo.findConfirmedForNotice(ctx.db, id) : [];
  return {
    activityId: a.id,
    title: a.title,
    allocation: a.allocation,
    published,
    confirmed: confirmed.map((c) => ({ name: maskName(c.name), memberNo: c.memberNo ? maskMemberNo(c.memberNo) : '', seats: c.seats })),
    waitlisted: published ? await repo.countWaitlisted(ctx.db, id) : 0,
  };
}
