// A programme's life after its sign-up window (docs/design/childcare.md, "Allocation" and
// "Retention"): the places allocated at the close (all when they fit, else the reproducible draw),
// the waiting list dropped when the last session is over (候补 → 未中签, each family told once), and
// the children's data deleted 180 days (Beijing dates) after the last day. Each step is one function
// taking a locked programme, used by the staff routes (childcare.service.ts) and by the sweep below
// (server/main.ts every minute, on every node: each programme is locked with SKIP LOCKED, so one
// pass does it and the others move on; the row's marks make a second pass find nothing).
import type { Queryable } from '../../db/client.ts';
import { insertAudit } from '../../http/audit.ts';
import { auditOf } from '../../http/actors.ts';
import type { Deps, StaffContext } from '../../http/context.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { shiftDay } from '../../lib/working-days.ts';
import { drawWinners } from '../activities/activities.service.ts';
import { dispatchNotices, queueBulkSms, sealNotice } from '../notices/notices.service.ts';
import * as repo from './childcare.repo.ts';
import * as enrolments from './enrolments.repo.ts';

import { RETENTION_DAYS } from '../../../contracts/childcare.ts';

type NoticeDeps = Pick<Deps, 'pii' | 'sender'>;

const label = (programmeId: number) => `gonghui-childcare:${programmeId}`;
/** The audit actor: the staff member who pressed the button, or the system (the sweep). */
const actorOf = (staff?: StaffContext) => (staff ? auditOf(staff) : { actorKind: 'system' as const });

/**
 * Allocates the places of a locked programme whose window has closed: every pending child enrolled
 * when they fit in the capacity, else the activities' reproducible draw (seed committed at creation,
 * published now) — winners enrolled, the others waitlisted in drawn order; each family told by SMS.
 * The caller has checked the status, the window and that it is not allocated yet.
 */
export async function allocateLocked(tx: Queryable, deps: NoticeDeps, cur: repo.ProgrammeRow, at: Date, staff?: StaffContext) {
  const id = cur.id;
  const entries = await enrolments.pendingEntries(tx, id);
  const drawn = entries.length > cur.capacity;
  const seed = await repo.getDrawSeed(tx, id);
  const outcome = drawn
    ? drawWinners(seed, label(id), new Map(entries.map((e) => [e.id, 1])), cur.capacity)
    : { winners: entries.map((e) => e.id), waitlist: [] as number[], order: entries.map((e) => e.id) };
  await enrolments.allocate(tx, outcome.winners, outcome.waitlist);
  await repo.updateProgramme(tx, id, { allocatedAt: at });
  const won = new Set(outcome.winners);
  const waitNo = new Map(outcome.waitlist.map((e, i) => [e, i + 1]));
  const notices = entries.map((e) =>
    sealNotice(
      deps,
      e.phoneEnc,
      won.has(e.id)
        ? `【智慧工会】您为孩子${e.childNameMasked}报名的“${cur.title}”已录取，请按时接送。`
        : `【智慧工会】“${cur.title}”报名人数超过名额，已公开抽签；您为孩子${e.childNameMasked}的报名未中签，现为候补第 ${waitNo.get(e.id)} 位，有名额空出时将按顺序递补并通知您。`,
    ),
  );
  await queueBulkSms(tx, notices, 'childcare_allocation', cur.orgPath, deps.sender.deliversInOutbox === true);
  await insertAudit(tx, {
    ...actorOf(staff),
    action: 'childcare.programme_allocate', targetType: 'childcare_programme', targetId: id, orgPath: cur.orgPath,
    detail: { drawn, entries: entries.length, enrolled: outcome.winners.length, waitlisted: outcome.waitlist.length },
  });
  return { drawn, seed: drawn ? seed.toString('hex') : null, enrolled: outcome.winners.length, waitlisted: outcome.waitlist.length };
}

/**
 * The waiting list of a locked programme that has ended: each waitlisted child becomes 未中签
 * (not_drawn) and the family is told once; the programme is marked so no pass does it again.
 * Answers how many were dropped.
 */
export async function dropWaitlistLocked(tx: Queryable, deps: NoticeDeps, cur: repo.ProgrammeRow, at: Date, staff?: StaffContext): Promise<number> {
  const dropped = await enrolments.dropWaitlist(tx, cur.id);
  await repo.updateProgramme(tx, cur.id, { waitlistDroppedAt: at });
  if (dropped.length === 0) return 0;
  const notices = dropped.map((e) =>
    sealNotice(deps, e.phoneEnc, `【智慧工会】“${cur.title}”已结束，候补期间没有名额空出，您为孩子${e.childNameMasked}的报名未中签。感谢您的关注，欢迎报名下一期。`),
  );
  await queueBulkSms(tx, notices, 'childcare_allocation', cur.orgPath, deps.sender.deliversInOutbox === true);
  await insertAudit(tx, {
    ...actorOf(staff),
    action: 'childcare.waitlist_drop', targetType: 'childcare_programme', targetId: cur.id, orgPath: cur.orgPath,
    detail: { notDrawn: dropped.length },
  });
  return dropped.length;
}

/**
 * Deletes the children's data of a locked programme that has ended (its waiting list dropped first,
 * so those families are told before the names go): one audit record with the number of children.
 */
export async function purgeLocked(tx: Queryable, deps: NoticeDeps, cur: repo.ProgrammeRow, at: Date, staff?: StaffContext, reason?: string): Promise<number> {
  if (cur.waitlistDroppedAt === null && cur.allocatedAt !== null) await dropWaitlistLocked(tx, deps, cur, at, staff);
  const children = await enrolments.purgeProgramme(tx, cur.id, at);
  await repo.updateProgramme(tx, cur.id, { purgedAt: at });
  await insertAudit(tx, {
    ...actorOf(staff),
    action: 'childcare.purge', targetType: 'childcare_programme', targetId: cur.id, orgPath: cur.orgPath,
    detail: { children, ...(reason ? { reason } : { retentionDays: RETENTION_DAYS }) },
  });
  return children;
}

/** Whether the programme's last session is over at `at`. */
export function hasEnded(cur: repo.ProgrammeRow, at: Date): boolean {
  return cur.lastSessionEndsAt !== null && new Date(cur.lastSessionEndsAt) <= at;
}

/** The Beijing midnight before which a programme's last session must have started for its data to be due for deletion at `at`. */
export function purgeCutoff(at: Date): Date {
  return beijingMidnight(shiftDay(beijingDay(at), -(RETENTION_DAYS - 1)));
}

/** Runs `step` on each programme, each in its own transaction, skipping one another pass holds; answers how many it did. */
async function eachLocked(db: Deps['db'], ids: number[], step: (tx: Queryable, cur: repo.ProgrammeRow) => Promise<boolean>): Promise<number> {
  let done = 0;
  for (const id of ids) {
    const did = await db.transaction(async (tx) => {
      const cur = await repo.lockProgrammeIfFree(tx, id);
      return cur ? step(tx, cur) : false;
    });
    if (did) done++;
  }
  return done;
}

/**
 * One pass of the childcare sweep at `at`: allocates the published programmes whose window has
 * closed, drops the waiting lists of those that have ended, deletes the children's data of those
 * whose last day is 180 days past. Each programme once, however many passes or nodes run.
 */
export async function sweepChildcare(deps: Deps, at = new Date()): Promise<{ allocated: number; waitlistsDropped: number; purged: number }> {
  const allocated = await eachLocked(deps.db, await repo.dueForAllocation(deps.db, at), async (tx, cur) => {
    if (cur.status !== 'published' || cur.allocatedAt !== null || new Date(cur.signupClosesAt) > at) return false;
    await allocateLocked(tx, deps, cur, at);
    return true;
  });
  const waitlistsDropped = await eachLocked(deps.db, await repo.dueForWaitlistDrop(deps.db, at), async (tx, cur) => {
    if (cur.allocatedAt === null || cur.waitlistDroppedAt !== null || !hasEnded(cur, at)) return false;
    await dropWaitlistLocked(tx, deps, cur, at);
    return true;
  });
  const cutoff = purgeCutoff(at);
  const purged = await eachLocked(deps.db, await repo.dueForPurge(deps.db, cutoff), async (tx, cur) => {
    if (cur.purgedAt !== null || cur.lastSessionAt === null || new Date(cur.lastSessionAt) >= cutoff) return false;
    await purgeLocked(tx, deps, cur, at);
    return true;
  });
  if (allocated + waitlistsDropped + purged > 0) void dispatchNotices(deps);
  return { allocated, waitlistsDropped, purged };
}

let running: Promise<void> | undefined;

/** One pass (server/main.ts, every minute); never rejects (what fails is tried again on the next pass). */
export function runChildcareSweep(deps: Deps, at?: Date): Promise<void> {
  running ??= (async () => {
    try {
      await sweepChildcare(deps, at ?? new Date());
    } catch {
      // the next pass tries again
    } finally {
      running = undefined;
    }
  })();
  return running;
}
