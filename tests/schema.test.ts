// server/db/schema.sql is generated from the migrations (scripts/schema-dump.ts); this fails while the
// checked-in file is stale. It always migrates a fresh PGlite, whatever TEST_DB names.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateSchema, schemaFile } from '../scripts/schema-dump.ts';

describe('server/db/schema.sql', () => {
  it('is what the migrations leave (regenerate: npx tsx scripts/schema-dump.ts)', async () => {
    const fresh = await generateSchema();
    const checkedIn = readFileSync(schemaFile, 'utf8');
    const a = checkedIn.split('\n');
    const b = fresh.split('\n');
    const differs = a.findIndex((l, i) => l !== b[i]);
    const line = differs < 0 ? a.length : differs;
    expect(
      checkedIn === fresh,
      `server/db/schema.sql is stale: run \`npx tsx scripts/schema-dump.ts\` and commit the file ` +
        `(first difference at line ${line + 1}: checked in ${JSON.stringify(a[line])}, now ${JSON.stringify(b[line])})`,
    ).toBe(true);
  });

  it('lists every trigger and the foreign keys kept by statement-level triggers', () => {
    const text = readFileSync(schemaFile, 'utf8');
    expect(text).toMatch(/-- ===== TRIGGERS \(\d+: \d+ row-level, \d+ statement-level\) =====/);
    expect(text).toContain('FOREIGN KEYS CHECKED BY STATEMENT-LEVEL TRIGGERS');
  });
});
