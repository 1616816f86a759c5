// Loads the skill taxonomy from a CSV `code,name,parent_code[,synonyms]` (the 2022 occupation catalogue,
// 大类 → 中类 → 小类 → 职业, and free skills F-0001…; synonyms separated by |), idempotently: upsert by
// code. A code whose parent is missing (neither loaded nor in the file) refuses the whole file.
//   npx tsx scripts/load-occupations.ts occupations.csv   (DATABASE_URL, else the embedded DATA_DIR, as server/main.ts)
import { readFile } from 'node:fs/promises';
import { loadConfig } from '../server/config.ts';
import { openDb } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';
import { loadSkillRows, parseSkillCsv } from '../server/modules/skills/skills.service.ts';

const file = process.argv[2];
if (!file) {
  console.error('usage: npx tsx scripts/load-occupations.ts <file.csv>');
  process.exit(2);
}
const config = loadConfig();
const db = await openDb({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
try {
  await migrate(db);
  const r = await loadSkillRows(db, parseSkillCsv(await readFile(file, 'utf8')));
  if (r.errors.length > 0) {
    for (const e of r.errors) console.error(`line ${e.line} (${e.code || '—'}): ${e.message}`);
    console.error(`refused: ${r.errors.length} bad row(s), nothing written`);
    process.exitCode = 1;
  } else {
    console.log(`skills loaded: ${r.added} added, ${r.updated} updated`);
  }
} finally {
  await db.close();
}
