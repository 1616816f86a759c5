// Builds the fixture once per run: a database migrated from empty and loaded with the 'test' demo
// (the real seed at a small scale). Each test file then starts from a copy of it.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createPglite, openDb, wrapPglite } from '../../server/db/client.ts';
import { migrate } from '../../server/db/migrate.ts';
import { ensureDemoData } from '../../server/db/seed/demo.ts';
import { createPiiCipher } from '../../server/lib/pii.ts';
import { TEST_DATA_KEY, TEST_PG_URL, pgUrlFor, testEngine } from './env.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const engine = testEngine();
  const pii = createPiiCipher(TEST_DATA_KEY);
  if (engine === 'pglite') {
    const pglite = await createPglite('memory://');
    const db = wrapPglite(pglite);
    await migrate(db);
    await ensureDemoData(db, pii, { scale: 'test' });
    const blob = await pglite.dumpDataDir('none');
    mkdirSync('tmp', { recursive: true });
    const file = join('tmp', `fixture-${process.pid}.tar`);
    writeFileSync(file, Buffer.from(await blob.arrayBuffer()));
    await db.close();
    project.provide('fixture', file);
    return async () => rmSync(file, { force: true });
  }
  const template = `gh_tpl_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  const db = await openDb({ databaseUrl: pgUrlFor(template), poolSize: 2 });
  await migrate(db);
  await ensureDemoData(db, pii, { scale: 'test' });
  await db.close();
  project.provide('fixture', template);
  return async () => {
    // Databases of test files that crashed before cleaning up go with the template.
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
      [`${template}_f%`, template],
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.end();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    fixture: string;
  }
}
