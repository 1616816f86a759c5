// The activities' periodic work: lottery batches whose window closed are drawn, and places freed
// while a waitlist waits are filled. Safe to run in every process (each step locks what it writes).
import type { Deps } from '../../http/context.ts';
import { drawDueLotteries } from './draw.service.ts';
import { promoteWaitlists } from './signups.service.ts';

let running: Promise<void> | undefined;

/** One pass; never rejects (what fails is tried again on the next pass). */
export function runActivitySweep(deps: Deps): Promise<void> {
  running ??= (async () => {
    try {
      await drawDueLotteries(deps);
      await promoteWaitlists(deps);
    } catch {
      // the next pass tries again
    } finally {
      running = undefined;
    }
  })();
  return running;
}
