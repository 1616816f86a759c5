// Checks the points ledger's invariants on the platform's database and exits 1 on a violation.
//   npx tsx scripts/points-invariants.ts            (DATABASE_URL, else the embedded DATA_DIR, as server/main.ts)
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/client.ts';
import { checkPointInvariants } from '../server/modules/points/invariants.ts';

const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
try {
  const started = Date.now();
  const r = await checkPointInvariants(db);
  const f = r.figures;
  console.log(`points ledger (${db.engine}): ${f.operations} operations, ${f.entries} entries; issued ${f.issued}, redeemed ${f.redeemed}, expired ${f.expired}, outstanding ${f.outstanding} (${Date.now() - started} ms)`);
  if (r.ok) console.log('OK: every operation sums to zero, every balance equals its entries, no member balance below zero, issued − redeemed − expired = outstanding');
  else for (const v of r.violations) console.error(`VIOLATION: ${v}`);
  process.exitCode = r.ok ? 0 : 1;
} finally {
  await db.close();
}
