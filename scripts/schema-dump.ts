// Writes server/db/schema.sql: the schema as the migrations leave it, read from the catalogs of a fresh
// PGlite that has run every migration. Run: `npx tsx scripts/schema-dump.ts` (tests/schema.test.ts
// fails when the checked-in file is stale). The output is deterministic: every list is sorted by name.
// pg_dump is not used: it needs a server binary of the same major version, and PGlite's dump tool
// (@electric-sql/pglite-tools) is one more dependency for what a few catalog queries give.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createPglite, wrapPglite, type Queryable } from '../server/db/client.ts';
import { migrate } from '../server/db/migrate.ts';

export const schemaFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'server', 'db', 'schema.sql');

const header = `-- server/db/schema.sql — the schema as the migrations in server/db/migrations leave it.
-- GENERATED: do not edit. Regenerate with \`npx tsx scripts/schema-dump.ts\` after adding a migration;
-- tests/schema.test.ts fails while this file is stale. The migrations stay the source of truth: this
-- file is for reading (tables, columns, constraints, indexes, functions and every trigger in one place).
--
-- FOREIGN KEYS CHECKED BY STATEMENT-LEVEL TRIGGERS, NOT BY REFERENCES
-- Migrations 001 and 002 declare these columns with REFERENCES; later migrations drop those foreign
-- keys and keep the same guarantee with triggers that run once per statement (AFTER INSERT/UPDATE with
-- a transition table joined once against the parent, AFTER DELETE on the parent, and BEFORE UPDATE of
-- the ids refused outright). A violation still fails with SQLSTATE 23503 (foreign_key_violation) and the
-- dropped constraint's old name, so the error translation did not change. Why: a row-level foreign key
-- is a look-up and a key-share lock per row; on the bulk paths (roster import, mass points issue) they
-- were a quarter to over half of the statement's time (figures in each migration and docs/BENCHMARKS.md).
--
--   column                      -> parent            migration  checked by (triggers below)
--   point_entry.operation_id    -> point_operation   014        point_entry_references; point_operation_kept, point_entry_kept
--   point_entry.account_id      -> point_account     014        point_entry_references; point_account_kept, point_entry_kept
--   point_account.member_id     -> member            015        point_account_owner; point_account_member_deleted, point_account_owner_kept (row-level, WHEN changed)
--   point_account.org_id        -> org               015        point_account_owner; point_account_org_deleted, point_account_owner_kept (row-level, WHEN changed)
--   member_identity.member_id   -> member            018        member_identity_member; membership_member_deleted, member_identity_kept, member_id_kept
--   card.member_id              -> member            018        card_member; membership_member_deleted, card_kept, member_id_kept
--   member_event.member_id      -> member            018        member_event_references; membership_member_deleted, member_event_kept, member_id_kept
--   member_event.from_org_id    -> org               018        member_event_references; membership_org_deleted, member_event_kept, org_id_kept
--   member_event.to_org_id      -> org               018        member_event_references; membership_org_deleted, member_event_kept, org_id_kept
--   member.org_id               -> org               022        member_owners_inserted, member_owners_updated; member_org_deleted, org_id_kept
--   member.enterprise_id        -> enterprise        022        member_owners_inserted, member_owners_updated; member_enterprise_deleted, enterprise_id_kept
--
-- The points ledger's parents are never deleted (point_ledger_append_only refuses DELETE of
-- point_operation and point_account), 014; orgs and enterprises are closed, never deleted, 022.
`;

interface TableRow { oid: number; name: string; options: string[] | null }
interface ColumnRow { name: string; type: string; notnull: boolean; def: string | null; identity: string; generated: string }
interface ConstraintRow { name: string; def: string }
interface IndexRow { name: string; def: string }
interface FunctionRow { name: string; args: string; result: string; lang: string }
interface TriggerRow { name: string; tbl: string; type: number; def: string; enabled: string }

/** Objects an extension (ltree, pg_trgm) brought are left out: they are the extension's, not ours. */
const notFromExtension = (classid: string, oidExpr: string) =>
  `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${classid}'::regclass AND d.objid = ${oidExpr} AND d.deptype = 'e')`;

export async function describeSchema(db: Queryable): Promise<string> {
  const out: string[] = [header];

  const extensions = await db.query<{ extname: string }>(
    `SELECT extname FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY extname`,
  );
  out.push('-- ===== EXTENSIONS =====');
  for (const e of extensions) out.push(`CREATE EXTENSION ${e.extname};`);
  out.push('');

  const tables = await db.query<TableRow>(
    `SELECT c.oid::int AS oid, c.relname AS name, c.reloptions AS options
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND ${notFromExtension('pg_class', 'c.oid')}
      ORDER BY c.relname`,
  );
  out.push(`-- ===== TABLES (${tables.length}) =====`);
  for (const t of tables) {
    const columns = await db.query<ColumnRow>(
      `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS notnull,
              pg_get_expr(ad.adbin, ad.adrelid) AS def, a.attidentity::text AS identity, a.attgenerated::text AS generated
         FROM pg_attribute a LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
        WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum`,
      [t.oid],
    );
    const constraints = await db.query<ConstraintRow>(
      `SELECT conname AS name, pg_get_constraintdef(oid) AS def FROM pg_constraint
        WHERE conrelid = $1 AND contype NOT IN ('n', 't') -- 't': a constraint trigger, listed with the triggers
        ORDER BY CASE contype WHEN 'p' THEN 0 WHEN 'u' THEN 1 WHEN 'f' THEN 2 WHEN 'c' THEN 3 ELSE 4 END, conname`,
      [t.oid],
    );
    const lines = columns.map((c) => {
      let line = `  ${c.name} ${c.type}`;
      if (c.identity === 'a') line += ' GENERATED ALWAYS AS IDENTITY';
      else if (c.identity === 'd') line += ' GENERATED BY DEFAULT AS IDENTITY';
      else if (c.generated === 's') line += ` GENERATED ALWAYS AS (${c.def}) STORED`;
      else if (c.def !== null) line += ` DEFAULT ${c.def}`;
      if (c.notnull) line += ' NOT NULL';
      return line;
    });
    for (const k of constraints) lines.push(`  CONSTRAINT ${k.name} ${k.def}`);
    const options = t.options && t.options.length > 0 ? ` WITH (${[...t.options].sort().join(', ')})` : '';
    out.push(`CREATE TABLE ${t.name} (\n${lines.join(',\n')}\n)${options};`, '');
  }

  const indexes = await db.query<IndexRow>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
       FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.oid)
        AND ${notFromExtension('pg_class', 't.oid')}
      ORDER BY t.relname, i.relname`,
  );
  out.push(`-- ===== INDEXES (${indexes.length}; those of primary keys and unique constraints stand with their tables) =====`);
  for (const i of indexes) out.push(`${i.def.replaceAll('public.', '')};`);
  out.push('');

  const functions = await db.query<FunctionRow>(
    `SELECT p.proname AS name, pg_get_function_identity_arguments(p.oid) AS args,
            pg_get_function_result(p.oid) AS result, l.lanname AS lang
       FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
      WHERE n.nspname = 'public' AND ${notFromExtension('pg_proc', 'p.oid')}
      ORDER BY p.proname, 2`,
  );
  out.push(`-- ===== FUNCTIONS (${functions.length}; bodies are in the migrations) =====`);
  for (const f of functions) out.push(`-- ${f.name}(${f.args}) RETURNS ${f.result} LANGUAGE ${f.lang}`);
  out.push('');

  const triggers = await db.query<TriggerRow>(
    `SELECT g.tgname AS name, c.relname AS tbl, g.tgtype::int AS type, pg_get_triggerdef(g.oid) AS def, g.tgenabled::text AS enabled
       FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT g.tgisinternal
      ORDER BY c.relname, g.tgname`,
  );
  const rowLevel = triggers.filter((g) => (g.type & 1) !== 0).length;
  out.push(
    `-- ===== TRIGGERS (${triggers.length}: ${rowLevel} row-level, ${triggers.length - rowLevel} statement-level) =====`,
    '-- table                   trigger                          timing  events                                      level      function',
  );
  for (const g of triggers) {
    const fn = /EXECUTE FUNCTION (\w+)\(/.exec(g.def)?.[1] ?? '?';
    out.push(
      `-- ${g.tbl.padEnd(23)} ${g.name.padEnd(32)} ${timing(g.type).padEnd(7)} ${events(g.type, g.def).padEnd(43)} ${((g.type & 1) !== 0 ? 'row' : 'statement').padEnd(10)} ${fn}${g.enabled === 'D' ? ' (disabled)' : ''}`,
    );
  }
  out.push('');
  for (const g of triggers) out.push(`${g.def.replaceAll('public.', '')};`);
  out.push('');
  return out.join('\n');
}

// pg_trigger.tgtype bits: 1 row, 2 before, 4 insert, 8 delete, 16 update, 32 truncate, 64 instead of.
function timing(type: number): string {
  if ((type & 64) !== 0) return 'INSTEAD';
  return (type & 2) !== 0 ? 'BEFORE' : 'AFTER';
}

function events(type: number, def: string): string {
  const names: string[] = [];
  if ((type & 4) !== 0) names.push('INSERT');
  if ((type & 8) !== 0) names.push('DELETE');
  if ((type & 16) !== 0) {
    const columns = / UPDATE OF (.+?) ON /.exec(def)?.[1];
    names.push(columns ? `UPDATE OF ${columns}` : 'UPDATE');
  }
  if ((type & 32) !== 0) names.push('TRUNCATE');
  return names.join(' OR ');
}

/** Migrates a fresh in-memory PGlite and describes what the migrations left. */
export async function generateSchema(): Promise<string> {
  const db = wrapPglite(await createPglite('memory://'));
  try {
    await migrate(db);
    return await describeSchema(db);
  } finally {
    await db.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(schemaFile, await generateSchema());
  console.log(`wrote ${schemaFile}`);
}
