// The references of a member's identity, card and history (migration 018), and of a member's union and
// enterprise (022): checked once per statement instead of by row-level foreign keys, with the same
// outcome — a row naming no member (or a history row or member naming no union or enterprise) fails
// its whole statement with the foreign-key code; a member, union or enterprise they name cannot be
// deleted; the references, and member, org and enterprise ids, never change.
import { describe, expect, it } from 'vitest';
import { testAppHooks, type TestApp } from '../../../tests/helpers/harness.ts';

let t: TestApp;
let memberId: number, orgId: number, missingMember: number;

testAppHooks(async (app) => {
  t = app;
  // a member nothing else names (campaigns, payouts, hardship files …, found from the catalogue; the
  // points ledger checks by trigger too), so that deleting it can fail only on the records under test
  const refs = await t.db.query<{ tbl: string; col: string }>(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col
       FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'member'::regclass
     UNION ALL SELECT 'point_account', 'member_id'`,
  );
  const unnamed = refs.map((r) => `AND NOT EXISTS (SELECT 1 FROM ${r.tbl} x WHERE x.${r.col} = member.id)`).join(' ');
  const [m] = await t.db.query<{ id: number; orgId: number }>(`SELECT id, org_id AS "orgId" FROM member WHERE status = 'active' ${unnamed} ORDER BY id LIMIT 1`);
  memberId = m!.id;
  orgId = m!.orgId;
  const [max] = await t.db.query<{ n: number }>(`SELECT max(id)::bigint AS n FROM member`);
  missingMember = Number(max!.n) + 1_000;
});

/** The error's SQLSTATE and constraint, or 'none' when the statement went through. */
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => 'none',
    (err: { code?: string; constraint?: string }) => `${err.code}${err.constraint ? ` ${err.constraint}` : ''}`,
  );

async function digest() {
  const [row] = await t.db.query<{ v: string }>(
    `SELECT concat_ws('/', (SELECT count(*) FROM member), (SELECT count(*) FROM member_identity), (SELECT count(*) FROM card), (SELECT count(*) FROM member_event)) AS v`,
  );
  return row!.v;
}

describe('membership records name a member that exists', () => {
  it('an identity, a card or a history row naming no member fails with the foreign-key code; nothing is written', async () => {
    const before = await digest();
    expect(await outcome(t.db.query(`INSERT INTO member_identity (id_number_hash, member_id) VALUES ($1, $2)`, [Buffer.alloc(32, 9), missingMember]))).toBe(
      '23503 member_identity_member_id_fkey',
    );
    expect(await outcome(t.db.query(`INSERT INTO card (member_id, card_no) VALUES ($1, 'GHTEST0000000001')`, [missingMember]))).toBe('23503 card_member_id_fkey');
    expect(await outcome(t.db.query(`INSERT INTO member_event (member_id, kind, actor_kind) VALUES ($1, 'updated', 'system')`, [missingMember]))).toBe(
      '23503 member_event_member_id_fkey',
    );
    expect(await outcome(t.db.query(`INSERT INTO member_event (member_id, kind, to_org_id, actor_kind) VALUES ($1, 'transferred', 2000000000, 'system')`, [memberId]))).toBe(
      '23503 member_event_to_org_id_fkey',
    );
    expect(await outcome(t.db.query(`INSERT INTO member_event (member_id, kind, from_org_id, actor_kind) VALUES ($1, 'transferred', 2000000000, 'system')`, [memberId]))).toBe(
      '23503 member_event_from_org_id_fkey',
    );
    // one bad row among good ones fails the whole statement
    expect(
      await outcome(
        t.db.query(`INSERT INTO member_event (member_id, kind, to_org_id, actor_kind) SELECT x, 'updated', $2::bigint, 'system' FROM unnest($1::bigint[]) AS x`, [
          [memberId, missingMember],
          orgId,
        ]),
      ),
    ).toBe('23503 member_event_member_id_fkey');
    expect(await digest()).toBe(before);
    // a good one goes through
    expect(await outcome(t.db.query(`INSERT INTO member_event (member_id, kind, to_org_id, actor_kind) VALUES ($1, 'updated', $2, 'system')`, [memberId, orgId]))).toBe('none');
  });

  it('a member or a union they name cannot be deleted; references and ids never change', async () => {
    const before = await digest();
    expect(await outcome(t.db.query(`DELETE FROM member WHERE id = $1`, [memberId]))).toBe('23503 member_identity_member_id_fkey');
    // and so on down: without its identity, the card holds it; without the card, its history
    await t.db
      .transaction(async (tx) => {
        await tx.query(`DELETE FROM member_identity WHERE member_id = $1`, [memberId]);
        await tx.query(`DELETE FROM member WHERE id = $1`, [memberId]);
      })
      .then(
        () => 'none',
        (err: { code?: string; constraint?: string }) => `${err.code} ${err.constraint}`,
      )
      .then((got) => expect(got).toBe('23503 card_member_id_fkey'));
    expect(await outcome(t.db.query(`UPDATE card SET member_id = member_id WHERE member_id = $1`, [memberId]))).toBe('23001');
    expect(await outcome(t.db.query(`UPDATE member_identity SET member_id = member_id WHERE member_id = $1`, [memberId]))).toBe('23001');
    expect(await outcome(t.db.query(`UPDATE member_event SET to_org_id = to_org_id WHERE member_id = $1`, [memberId]))).toBe('23001');
    expect(await outcome(t.db.query(`UPDATE member SET id = id WHERE id = $1`, [memberId]))).toBe('23001');
    expect(await outcome(t.db.query(`UPDATE org SET id = id WHERE id = $1`, [orgId]))).toBe('23001');
    expect(await digest()).toBe(before);
  });

  it('a member naming no union or no enterprise fails its whole statement; a union or enterprise a member names cannot be deleted', async () => {
    const before = await digest();
    const [ent] = await t.db.query<{ id: number; townOrgId: number }>(`SELECT id, town_org_id AS "townOrgId" FROM enterprise ORDER BY id LIMIT 1`);
    const [maxOrg] = await t.db.query<{ n: number }>(`SELECT max(id)::bigint AS n FROM org`);
    const [maxEnt] = await t.db.query<{ n: number }>(`SELECT max(id)::bigint AS n FROM enterprise`);
    const missingOrg = Number(maxOrg!.n) + 1_000;
    const missingEnt = Number(maxEnt!.n) + 1_000;
    const copy = (org: number, ent: number | null) =>
      t.db.query(
        `INSERT INTO member (org_id, enterprise_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_masked, status)
         SELECT $2::bigint, $3::bigint, name, sex, birth_date, id_number_enc, sha256(id_number_hash || '\\x01'::bytea), id_number_masked, 'active'
           FROM member WHERE id = $1
         UNION ALL
         SELECT $4::bigint, NULL::bigint, name, sex, birth_date, id_number_enc, sha256(id_number_hash || '\\x02'::bytea), id_number_masked, 'active'
           FROM member WHERE id = $1`,
        [memberId, org, ent, orgId],
      );
    // one good row and one bad in the same statement: neither is written
    expect(await outcome(copy(missingOrg, null))).toBe('23503 member_org_id_fkey');
    expect(await outcome(copy(orgId, missingEnt))).toBe('23503 member_enterprise_id_fkey');
    expect(await outcome(t.db.query(`UPDATE member SET org_id = $2 WHERE id = $1`, [memberId, missingOrg]))).toBe('23503 member_org_id_fkey');
    expect(await outcome(t.db.query(`UPDATE member SET enterprise_id = $2 WHERE id = $1`, [memberId, missingEnt]))).toBe('23503 member_enterprise_id_fkey');
    expect(await digest()).toBe(before);

    // a union and an enterprise named by nothing but one member stay
    const union = await t.make.org({ parent: orgId, name: '测试会员工会' });
    await t.db.query(`UPDATE member SET org_id = $2 WHERE id = $1`, [memberId, union.id]);
    // (its subtree totals name it too, by a foreign key of their own: out of the way first)
    const deleteUnion = () =>
      t.db.transaction(async (tx) => {
        await tx.query(`DELETE FROM org_rollup WHERE org_id = $1`, [union.id]);
        await tx.query(`DELETE FROM org WHERE id = $1`, [union.id]);
      });
    expect(await outcome(deleteUnion())).toBe('23503 member_org_id_fkey');
    await t.db.query(`UPDATE member SET org_id = $2 WHERE id = $1`, [memberId, orgId]);
    expect(await outcome(deleteUnion())).toBe('none');
    const [fresh] = await t.db.query<{ id: number }>(
      `INSERT INTO enterprise (name, name_key, town_org_id) VALUES ('测试引用企业', '测试引用企业', $1) RETURNING id`,
      [ent!.townOrgId],
    );
    const [was] = await t.db.query<{ enterpriseId: number | null }>(`SELECT enterprise_id AS "enterpriseId" FROM member WHERE id = $1`, [memberId]);
    await t.db.query(`UPDATE member SET enterprise_id = $2 WHERE id = $1`, [memberId, fresh!.id]);
    expect(await outcome(t.db.query(`DELETE FROM enterprise WHERE id = $1`, [fresh!.id]))).toBe('23503 member_enterprise_id_fkey');
    expect(await outcome(t.db.query(`UPDATE enterprise SET id = id WHERE id = $1`, [fresh!.id]))).toBe('23001');
    await t.db.query(`UPDATE member SET enterprise_id = $2 WHERE id = $1`, [memberId, was!.enterpriseId]);
    expect(await outcome(t.db.query(`DELETE FROM enterprise WHERE id = $1`, [fresh!.id]))).toBe('none');
    expect(await digest()).toBe(before);
  });

  it('a union named only by a member’s history cannot be deleted', async () => {
    // a fresh union with no members, named by one history row (as the union a member transferred from)
    const org = await t.make.org({ parent: orgId, name: '测试历史工会' });
    await t.db.query(`INSERT INTO member_event (member_id, kind, from_org_id, actor_kind) VALUES ($1, 'updated', $2, 'system')`, [memberId, org.id]);
    expect(await outcome(t.db.query(`DELETE FROM org WHERE id = $1`, [org.id]))).toBe('23503 member_event_from_org_id_fkey');
    expect((await t.db.query(`SELECT 1 FROM org WHERE id = $1`, [org.id])).length).toBe(1);
  });
});
