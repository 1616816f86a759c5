// The tickets' periodic work: reminders before a deadline and escalation after it (each once; see
// sweepTickets). Run by server/main.ts every minute; one pass at a time in this process.
import type { Deps } from '../../http/context.ts';
import { insertAudits } from '../../http/audit.ts';
import { deadlineAfter } from '../../lib/working-days.ts';
import { loadCalendar } from '../calendar/calendar.service.ts';
import * as sweepRepo from './tickets.sweep.repo.ts';

let running: Promise<void> | undefined;

/** One pass; never rejects (what fails is tried again on the next pass). */
export function runTicketSweep(deps: Deps): Promise<void> {
  running ??= (async () => {
    try {
      await sweepTickets(deps);
    } catch {
      // the next pass tries again
    } finally {
      running = undefined;
    }
  })();
  return running;
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
    const reminded = await sweepRepo.remindDue(tx, now, deadlineAfter(cal, now, 1), '距本级办结期限不足 1 个工作日');
    const escalated = await sweepRepo.escalateOverdue(tx, now, '超过本级办结期限，已提请上一级工会督办');
    // one audit statement for the whole pass, in its transaction: a row per clock marked above
    await insertAudits(tx, [
      ...reminded.map((r) => ({ actorKind: 'system' as const, action: 'ticket.remind', targetType: 'ticket', targetId: r.ticketId, orgPath: r.orgPath })),
      ...escalated.map((e) => ({ actorKind: 'system' as const, action: 'ticket.escalate', targetType: 'ticket', targetId: e.ticketId, orgPath: e.orgPath, detail: { toOrgId: e.toOrgId } })),
    ]);
    return { reminded: reminded.length, escalated: escalated.length };
  });
}
