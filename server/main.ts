// Reads the config, opens the database, migrates, seeds the demo on first start, builds the app
// and listens. The only file that opens a port.
import { loadConfig } from './config.ts';
import { openDb } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { ensureDemoData, refuseDemoAccountsInProduction } from './db/seed/demo.ts';
import { buildApp } from './app.ts';
import { loadDataKey } from './lib/keys.ts';
import { createPiiCipher } from './lib/pii.ts';
import { loggerOptions } from './logger.ts';
import { dispatchNotices, outboxSender } from './modules/notices/notices.service.ts';
import { runActivitySweep } from './modules/activities/sweep.ts';
import { runCampaignSweep } from './modules/campaigns/sweep.ts';
import { runTicketSweep } from './modules/tickets/sweep.ts';
import { runBookingSweep } from './modules/places/bookings.service.ts';
import { runPlaceProblemSweep } from './modules/places/problems.service.ts';
import { pruneAttemptBuckets } from './modules/auth/limits.ts';
import { runChildcareSweep } from './modules/childcare/childcare.service.ts';

const config = loadConfig();
const pii = createPiiCipher(loadDataKey(config));
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
await migrate(db);
if (config.mode === 'demo') {
  const seeded = await ensureDemoData(db, pii, { scale: config.demoScale, log: (m) => console.log(m) });
  if (seeded) console.log(`demo data created: ${seeded.orgs} orgs, ${seeded.members} members, ${seeded.staff} staff`);
} else {
  await refuseDemoAccountsInProduction(db);
}

const app = await buildApp({
  db,
  pii,
  config,
  sender: outboxSender,
  logger: loggerOptions(config.logLevel),
});

// Notices left pending (a sender that failed, a restart) are picked up again.
const sweep = setInterval(() => void dispatchNotices(app.deps), 10_000);
sweep.unref();
// Lottery batches whose sign-up closed are drawn; freed places go to the waitlist.
const activitySweep = setInterval(() => void runActivitySweep(app.deps), 15_000);
activitySweep.unref();
// Campaign applications whose notice period (公示) is over become awarded.
const campaignSweep = setInterval(() => void runCampaignSweep(app.deps), 60_000);
campaignSweep.unref();
// Rights tickets near their deadline are reminded, those past it escalated to the level above (each once).
const ticketSweep = setInterval(() => void runTicketSweep(app.deps), 60_000);
ticketSweep.unref();
// Bookings of slots that ended and were not checked in become no-shows (each slot once); enough of them suspend booking.
const bookingSweep = setInterval(() => void runBookingSweep(app.deps), 60_000);
bookingSweep.unref();
// Counters of log-in failures and SMS codes whose window is over are deleted.
const attemptSweep = setInterval(() => void pruneAttemptBuckets(app.deps).catch(() => undefined), 5 * 60_000);
attemptSweep.unref();
// Childcare: places allocated when the sign-up closes, 未中签 when a programme ends, children's data deleted 180 days after.
const childcareSweep = setInterval(() => void runChildcareSweep(app.deps), 60_000);
childcareSweep.unref();

// Places: an overdue problem report reminds its keeper once, and is escalated to the union above a day later.
const placeProblemSweep = setInterval(() => void runPlaceProblemSweep(app.deps), 60_000);
placeProblemSweep.unref();

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    clearInterval(sweep);
    clearInterval(activitySweep);
    clearInterval(campaignSweep);
    clearInterval(ticketSweep);
    clearInterval(bookingSweep);
    clearInterval(attemptSweep);
    clearInterval(childcareSweep);
    clearInterval(placeProblemSweep);
    void app
      .close()
      .then(() => db.close())
      .finally(() => process.exit(0));
  });
}

await app.listen({ port: config.port, host: config.host });
const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
console.log(
  `智慧工会 running on http://${shown}:${config.port}/ (member site), http://${shown}:${config.port}/console/ (staff console), ` +
    `http://${shown}:${config.port}/api/docs (API) — database: ${db.engine}, mode: ${config.mode}`,
);
