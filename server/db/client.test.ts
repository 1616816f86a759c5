// The database layer keeps each transaction apart from other requests' statements — on PGlite's
// single session as on PostgreSQL's pool.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testDbHooks } from '../../tests/helpers/harness.ts';
import type { Db } from './client.ts';
import { listMigrations, migrate } from './migrate.ts';
import { bigramsOf } from '../http/search.ts';
import { latch } from '../../tests/helpers/races.ts';

let db: Db;
testDbHooks((d) => {
  db = d;
});

describe('Db', () => {
  it('a statement from elsewhere neither sees nor is rolled back with an open transaction', async () => {
    await db.query(`CREATE TABLE tx_probe (v text)`);
    let seenInside: unknown;
    const inserted = latch();
    const rollBack = latch();
    const failing = db
      .transaction(async (tx) => {
        await tx.query(`INSERT INTO tx_probe VALUES ('inside')`);
        inserted.resolve();
        await rollBack.promise;
        throw new Error('roll back');
      })
      .catch((e: Error) => e.message);
    await inserted.promise;
    const outside = db.query(`INSERT INTO tx_probe VALUES ('outside')`).then(async () => {
      seenInside = await db.query(`SELECT v FROM tx_probe WHERE v = 'inside'`);
    });
    // PostgreSQL runs the outside statements on another connection while the transaction is open;
    // PGlite's one session queues them behind it (waiting for them there would never end).
    if (db.engine === 'postgres') await outside;
    rollBack.resolve();
    expect(await failing).toBe('roll back');
    await outside;
    expect(seenInside).toEqual([]);
    expect(await db.query(`SELECT v FROM tx_probe ORDER BY v`)).toEqual([{ v: 'outside' }]);
  });

  it('commits what a transaction wrote when it resolves, and returns its value', async () => {
    const n = await db.transaction(async (tx) => {
      await tx.query(`INSERT INTO tx_probe VALUES ('a'), ('b')`);
      const [r] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM tx_probe`);
      return r!.n;
    });
    expect(n).toBe(3);
    expect((await db.query(`SELECT count(*)::int AS n FROM tx_probe`))[0]).toEqual({ n: 3 });
  });

  it('returns bigint ids and counts as numbers on both engines', async () => {
    const [r] = await db.query<{ id: unknown; n: unknown; s: unknown }>(
      `SELECT 9007199254740991::bigint AS id, count(*) AS n, sum(member_count) AS s FROM org`,
    );
    expect(typeof r!.id).toBe('number');
    expect(typeof r!.n).toBe('number');
    expect(typeof r!.s).toBe('number');
  });

  it('gh_bigrams (the stored name pairs) gives the pairs bigramsOf gives a query, each once', async () => {
    const chars = fc.constantFrom(...'张王李欧阳文华伟ABCabc-· 1'.split(''));
    const names = fc.array(fc.string({ unit: chars, maxLength: 12 }), { minLength: 1, maxLength: 40 });
    await fc.assert(
      fc.asyncProperty(names, async (batch) => {
        const rows = await db.query<{ pairs: string[] }>(`SELECT gh_bigrams(t) AS pairs FROM unnest($1::text[]) WITH ORDINALITY AS u(t, n) ORDER BY n`, [batch]);
        rows.forEach((r, i) => expect(r.pairs).toEqual(bigramsOf(batch[i]!)));
      }),
      { numRuns: 30 },
    );
    expect(await db.query(`SELECT gh_bigrams(NULL) AS p, gh_bigrams('张') AS q, gh_bigrams('哈哈哈') AS r`)).toEqual([{ p: [], q: [], r: ['哈哈'] }]);
  });

  it('migrations are recorded and not applied twice', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ name: string }>(`SELECT name FROM schema_migration ORDER BY name`);
    expect(rows.map((r) => r.name)).toEqual(listMigrations().map((m) => m.name));
  });

  it('keeps org.member_count equal to the members who are not gone, through every change', async () => {
    const counts = () =>
      db.query(`SELECT o.id, o.member_count FROM org o
                 WHERE o.member_count <> (SELECT count(*) FROM member m WHERE m.org_id = o.id AND m.status NOT IN ('left', 'deceased'))`);
    expect(await counts()).toEqual([]);
    // a member no other record names (campaigns, payouts, hardship files … reference members), found
    // from the catalogue so that a new table referring to member needs no change here
    const refs = await db.query<{ tbl: string; col: string }>(
      `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
         FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
        WHERE c.contype = 'f' AND c.confrelid = 'member'::regclass AND c.conrelid::regclass::text NOT IN ('member_identity', 'card', 'member_event')
       UNION ALL SELECT 'point_account', 'member_id'`,
    );
    const unnamed = refs.map((r) => `AND NOT EXISTS (SELECT 1 FROM ${r.tbl} x WHERE x.${r.col} = member.id)`).join(' ');
    const [m] = await db.query<{ id: number; org_id: number }>(`SELECT id, org_id FROM member WHERE status = 'active' ${unnamed} LIMIT 1`);
    const [other] = await db.query<{ id: number }>(`SELECT id FROM org WHERE level = 'grassroots' AND id <> $1 LIMIT 1`, [m!.org_id]);
    await db.query(`UPDATE member SET org_id = $2 WHERE id = $1`, [m!.id, other!.id]);
    await db.query(`UPDATE member SET status = 'left' WHERE id = $1`, [m!.id]);
    await db.query(`UPDATE member SET status = 'active' WHERE id = $1`, [m!.id]);
    for (const table of ['member_identity', 'card', 'member_event']) {
      await db.query(`DELETE FROM ${table} WHERE member_id = $1`, [m!.id]);
    }
    await db.query(`DELETE FROM member WHERE id = $1`, [m!.id]);
    expect(await counts()).toEqual([]);
    expect(await rollupMismatches()).toEqual([]);
  });

  it('keeps every org\'s subtree total (the rollup) equal to the sum over its subtree', async () => {
    expect(await rollupMismatches()).toEqual([]);
    const [m] = await db.query<{ id: number; org_id: number }>(`SELECT id, org_id FROM member WHERE status = 'active' ORDER BY id DESC LIMIT 1`);
    const [far] = await db.query<{ id: number }>(
      `SELECT id FROM org WHERE level = 'grassroots' AND NOT path <@ (SELECT subpath(path, 0, 2) FROM org WHERE id = $1) LIMIT 1`,
      [m!.org_id],
    );
    await db.query(`UPDATE member SET org_id = $2 WHERE id = $1`, [m!.id, far!.id]);
    await db.query(`UPDATE member SET status = 'suspended' WHERE id = $1`, [m!.id]);
    await db.query(`UPDATE member SET status = 'left' WHERE id = $1`, [m!.id]);
    expect(await rollupMismatches()).toEqual([]);
  });

  it('runs each text as a named prepared statement, prepared afresh when its table changes shape', async () => {
    await db.query(`CREATE TABLE prep_probe (a int)`);
    await db.query(`INSERT INTO prep_probe VALUES ($1), ($2)`, [1, 2]);
    const text = `SELECT * FROM prep_probe ORDER BY a`;
    expect(await db.query(text)).toEqual([{ a: 1 }, { a: 2 }]);
    // the session keeps it under the name of its text (on PostgreSQL: the connection that ran it)
    const kept = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_prepared_statements WHERE statement = $1`, [text]);
    if (db.engine === 'pglite') expect(kept[0]!.n).toBe(1);
    await db.query(`ALTER TABLE prep_probe ADD COLUMN b text DEFAULT 'x'`);
    expect(await db.query(text)).toEqual([{ a: 1, b: 'x' }, { a: 2, b: 'x' }]);
    // parameters typed by the statement, nulls and a failed run leave the statement usable
    const typed = `SELECT $1::int + 1 AS n, $2::text AS t, $3::int[] AS ids`;
    expect(await db.query(typed, [41, null, [1, 2]])).toEqual([{ n: 42, t: null, ids: [1, 2] }]);
    await expect(db.query(typed, ['x', null, []])).rejects.toMatchObject({ code: '22P02' });
    expect(await db.query(typed, [1, 'a', []])).toEqual([{ n: 2, t: 'a', ids: [] }]);
    // a text that does not parse is refused with its code, and nothing is kept for it
    await expect(db.query(`SELEC 1`)).rejects.toMatchObject({ code: '42601' });
    // inside a transaction too, and a statement that fails there rolls the transaction back
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`INSERT INTO prep_probe (a) VALUES ($1)`, [3]);
        await tx.query(`INSERT INTO prep_probe (a) VALUES ($1)`, ['three']);
      }),
    ).rejects.toMatchObject({ code: '22P02' });
    expect(await db.query(text)).toHaveLength(2);
    expect(await db.query(`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });
});

/** Orgs whose kept subtree total differs from the sum of member_count over their subtree. */
function rollupMismatches() {
  return db.query(`
    SELECT a.id, (SELECT coalesce(sum(r.members), 0) FROM org_rollup r WHERE r.org_id = a.id) AS kept,
           (SELECT coalesce(sum(d.member_count), 0) FROM org d WHERE d.path <@ a.path) AS summed
      FROM org a
     WHERE (SELECT coalesce(sum(r.members), 0) FROM org_rollup r WHERE r.org_id = a.id)
        <> (SELECT coalesce(sum(d.member_count), 0) FROM org d WHERE d.path <@ a.path)`);
}
