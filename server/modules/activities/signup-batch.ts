// Sign-up, one path for every ask. The sign-ups of one activity that arrive while the previous batch
// is being written are served together: one query reads every member's facts, the rules judge each in
// Node, and one short transaction locks the batch's counter rows, allocates in arrival order (first
// come: a place in a counter row with room, else a waitlist place, else full) and writes counters,
// sign-ups, idempotency records and notices in one statement. At rest a batch is one sign-up, served
// at once and written by one statement (no transaction of its own to open, its place taken from a
// counter row no other sign-up holds at that instant); under load the database does one transaction
// for many sign-ups, and the counter rows are locked once per batch instead of once per sign-up.
// What a batch cannot settle (a member asking twice in one batch, a race with another batch or process
// over the same member) goes through the same path again, as a batch of one. With batching off
// (config.signupBatching, for the benchmark's one-by-one baseline) every ask is a batch of one.
// Once an activity is known full, a batch of refusals is one read and no write. The database still
// decides everything: the counter rows' CHECKs and the unique indexes hold whatever this process believes.
import type { Db } from '../../db/client.ts';
import type { MemberContext } from '../../http/context.ts';
import { AppError } from '../../errors.ts';
import { createKeyedBatcher } from '../../lib/batcher.ts';
import { dispatchNotices } from '../notices/notices.service.ts';
import { factsFor, rulesOf, windowOf } from './activities.service.ts';
import type { ActivityRow } from './activities.repo.ts';
import { isKnownFull, markFull } from './full-cache.ts';
import { signupBodies } from './notices.ts';
import { ineligibleMessage, judgeEligibility, openBatch } from './rules.ts';
import * as repo from './signup-batch.repo.ts';
import { answerText, replaySignup, uniqueViolation, type SignupReply } from './signup-answers.ts';

export interface SignupAsk {
  ctx: MemberContext;
  memberId: number;
  idemKey: string;
  seats: number;
  childAge: number | null;
  requestHash: Buffer;
}

/** Sign-ups of one activity at most per batch (one statement's arrays). */
const MAX_BATCH = 200;
/**
 * Batches of one activity in flight at once: while one writes, the next reads its members' facts.
 * Their writes still take the counter rows one after the other (the row locks), each allocating
 * from what the previous committed.
 */
const BATCHES_IN_FLIGHT = 2;

const servers = new WeakMap<Db, (activityId: number, ask: SignupAsk) => Promise<SignupReply>>();

/** Serves one sign-up in the activity's next batch. */
export function signUpInBatch(ask: SignupAsk, activityId: number): Promise<SignupReply> {
  let serve = servers.get(ask.ctx.db);
  if (!serve) {
    serve = createKeyedBatcher((id: number, asks: SignupAsk[]) => runBatch(id, asks), { maxBatch: MAX_BATCH, concurrency: BATCHES_IN_FLIGHT });
    servers.set(ask.ctx.db, serve);
  }
  return serve(activityId, ask);
}

/**
 * Serves one sign-up as a batch of its own, at once. `round` counts how often this ask came back
 * unsettled (each time another request of the member committed meanwhile, which the next read sees).
 */
export async function signUpAlone(ask: SignupAsk, activityId: number, round = 0): Promise<SignupReply> {
  const [out] = await runBatch(activityId, [ask], round);
  if (out instanceof Error) throw out;
  return out!;
}

type Outcome = SignupReply | Error;

async function runBatch(activityId: number, asks: SignupAsk[], round = 0): Promise<Outcome[]> {
  const ctx = asks[0]!.ctx;
  const out: (Outcome | undefined)[] = asks.map(() => undefined);
  // One ask per member in a batch; a member's other asks are served after it, each as a batch of one.
  const seen = new Set<number>();
  const later: number[] = [];
  const now: number[] = [];
  asks.forEach((a, i) => {
    if (seen.has(a.memberId)) later.push(i);
    else {
      seen.add(a.memberId);
      now.push(i);
    }
  });

  const full = isKnownFull(ctx.db, activityId);
  const facts = await repo.getMembersFacts(ctx.db, activityId, now.map((i) => asks[i]!), full);
  // the activity came with the first row (no rows: none of the asks is a member, no activity needed)
  const row = full ? undefined : facts.find((f) => f.activity !== null)?.activity;
  const activity = row ? repo.activityFromJson(row) : undefined;
  const factsOf = new Map(facts.map((f) => [f.memberId, f]));
  const candidates: { i: number; f: repo.MemberSignupFacts }[] = [];
  const at = new Date();
  let batchNo = 0;
  for (const i of now) {
    const ask = asks[i]!;
    const f = factsOf.get(ask.memberId);
    try {
      if (!f) throw new AppError('not_a_member');
      if (f.replay) {
        out[i] = replaySignup(f.replay, ask.requestHash);
        continue;
      }
      if (!f.inReach) throw new AppError('not_found');
      if (f.existingId !== null) throw new AppError('already_signed_up');
      if (full || !activity) throw new AppError(full ? 'activity_full' : 'not_found');
      if (activity.status === 'cancelled') throw new AppError('activity_cancelled');
      const reason = judgeEligibility(rulesOf(activity), factsFor(f, activity), at, { seats: ask.seats, childAge: ask.childAge ?? undefined });
      if (reason) throw new AppError('not_eligible', ineligibleMessage(reason));
      const w = openBatch(windowOf(activity), at);
      if ('state' in w) throw new AppError(w.state === 'full' ? 'activity_full' : 'signup_closed');
      batchNo = w.batchNo;
      candidates.push({ i, f });
    } catch (err) {
      out[i] = err instanceof Error ? err : new AppError('internal_error');
    }
  }

  if (candidates.length > 0 && activity) {
    const chosen = candidates.map((c) => ({ ask: asks[c.i]!, f: c.f, i: c.i }));
    try {
      await (chosen.length === 1 ? writeOne(ctx, activity, batchNo, chosen[0]!, out) : write(ctx, activity, batchNo, chosen, out));
    } catch (err) {
      if (!uniqueViolation(err)) throw err;
      // Another request signed one of these members up meanwhile (the key, or a live sign-up): each
      // goes round again, and the next read finds what that request left (its answer, or the sign-up).
      if (round < 2) for (const c of candidates) later.push(c.i);
      else for (const c of candidates) out[c.i] = new AppError('already_signed_up');
    }
  }
  for (const i of later) {
    try {
      out[i] = await signUpAlone(asks[i]!, activityId, round + 1);
    } catch (err) {
      out[i] = err instanceof Error ? err : new AppError('internal_error');
    }
  }
  return out.map((o) => o ?? new AppError('internal_error'));
}

/** A batch of one: its sign-up written by one statement; fills its outcome. */
async function writeOne(ctx: MemberContext, a: ActivityRow, batchNo: number, c: { ask: SignupAsk; f: repo.MemberSignupFacts; i: number }, out: (Outcome | undefined)[]): Promise<void> {
  const { ask } = c;
  const result = await repo.writeOne(
    ctx.db,
    a.allocation,
    { activityId: a.id, batchNo, memberId: ask.memberId, seats: ask.seats, childAge: ask.childAge, idemKey: ask.idemKey, requestHash: ask.requestHash, bodies: signupBodies(c.f.name, a, ask.seats) },
    { orgPath: a.orgPath, delivered: ctx.sender.deliversInOutbox === true },
  );
  if (!result.isOpen) {
    out[c.i] = new AppError('signup_closed');
    return;
  }
  if (result.id === null || result.status === null || result.createdAt === null) {
    // No slot was found. When the member's other request (in a batch, holding every slot a moment
    // ago) signed them up meanwhile, that is the answer — not full, and the activity is not marked so.
    const [now] = await repo.getMembersFacts(ctx.db, a.id, [ask], true);
    if (now?.existingId != null) {
      out[c.i] = new AppError('already_signed_up');
      return;
    }
    // no room for one: full; no room for a family may still leave single places
    if (ask.seats === 1) markFull(ctx.db, a.id);
    out[c.i] = new AppError('activity_full');
    return;
  }
  out[c.i] = { body: answerText({ signupId: result.id, activityId: a.id, batchNo, status: result.status, seats: ask.seats, createdAt: result.createdAt }), replayed: false };
  void dispatchNotices(ctx);
}

/** Allocates and writes the candidates of one batch in one transaction; fills their outcomes. */
async function write(
  ctx: MemberContext,
  a: ActivityRow,
  batchNo: number,
  candidates: { ask: SignupAsk; f: repo.MemberSignupFacts; i: number }[],
  out: (Outcome | undefined)[],
): Promise<void> {
  const decided = await ctx.db.transaction(async (tx) => {
    const rows: repo.BatchSignup[] = [];
    const refused: number[] = [];
    // The window and the activity's state are checked again under the lock (a lottery's one row too).
    const slots = await repo.lockOpenSlots(tx, a.id, batchNo);
    if (slots.length === 0) return { closed: true as const };
    if (a.allocation === 'lottery') {
      for (const c of candidates) rows.push(row(c, 'entered', null));
    } else {
      for (const c of candidates) {
        const place = slots.find((s) => s.free >= c.ask.seats);
        if (place) {
          place.free -= c.ask.seats;
          rows.push(row(c, 'confirmed', place.slot));
          continue;
        }
        const wait = slots.find((s) => s.waitFree >= 1);
        if (wait) {
          wait.waitFree -= 1;
          rows.push(row(c, 'waitlisted', wait.slot));
          continue;
        }
        refused.push(c.i);
      }
    }
    const written = rows.length === 0 ? [] : await repo.writeBatch(tx, a.id, batchNo, rows, { orgPath: a.orgPath, delivered: ctx.sender.deliversInOutbox === true });
    const full = a.allocation === 'first_come' && slots.every((s) => s.free <= 0 && s.waitFree <= 0);
    return { closed: false as const, written, refused, full };
  });
  if (decided.closed) {
    for (const c of candidates) out[c.i] = new AppError('signup_closed');
    return;
  }
  const byMember = new Map(decided.written.map((w) => [w.memberId, w]));
  for (const c of candidates) {
    const w = byMember.get(c.ask.memberId);
    if (w) out[c.i] = { body: answerText({ signupId: w.id, activityId: a.id, batchNo, status: w.status, seats: c.ask.seats, createdAt: w.createdAt }), replayed: false };
  }
  // Known full only when no single place or waitlist place is left (a family may not fit where one would).
  if (decided.full) markFull(ctx.db, a.id);
  for (const i of decided.refused) out[i] = new AppError('activity_full');
  if (decided.written.length > 0) void dispatchNotices(ctx);

  function row(c: { ask: SignupAsk; f: repo.MemberSignupFacts }, status: repo.BatchSignup['status'], slot: number | null): repo.BatchSignup {
    const bodies = signupBodies(c.f.name, a, c.ask.seats);
    return { memberId: c.ask.memberId, seats: c.ask.seats, childAge: c.ask.childAge, status, slot, idemKey: c.ask.idemKey, requestHash: c.ask.requestHash, body: bodies[status] };
  }
}
