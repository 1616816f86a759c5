// The tickets' periodic work: reminders before a deadline and escalation after it (each once; see
// sweepTickets). Run by server/main.ts every minute; one pass at a time in this process.
import type { Deps } from '../../http/context.ts';
import { sweepTickets } from './tickets.service.ts';

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
