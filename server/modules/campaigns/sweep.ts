// The campaigns' periodic work: applications whose notice period (公示) is over, with no open
// objection, become awarded and their members are told. Reads do the same lazily, so nothing waits
// for the sweep; each application moves once whoever gets there first.
import type { Deps } from '../../http/context.ts';
import { settleNotices } from './campaigns.service.ts';

let running: Promise<void> | undefined;

/** One pass; never rejects (what fails is tried again on the next pass). */
export function runCampaignSweep(deps: Deps): Promise<void> {
  running ??= (async () => {
    try {
      await settleNotices(deps, null);
    } catch {
      // the next pass tries again
    } finally {
      running = undefined;
    }
  })();
  return running;
}
