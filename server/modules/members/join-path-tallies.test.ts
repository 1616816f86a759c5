// What migration 056 changed on a join's path, as behaviour: the union's member_count is written at
// commit (its hot row locked last), and an employer that reported no employees gaining a member
// writes nothing to enterprise_tally (member_count counts there only for a sized employer), while a
// sized one moves members_sized by one at each ancestor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import type { MadeOrg } from '../../db/seed/factories.ts';

let t: TestApp;
let town: MadeOrg;
let union: MadeOrg;
let path: number[];

beforeAll(async () => {
  t = await startTestApp();
  const city = await t.make.org({ level: 'city', name: '入会路径测试市总工会' });
  const county = await t.make.org({ parent: city, level: 'county', name: '入会路径测试区总工会' });
  town = await t.make.org({ parent: county, level: 'town', name: '入会路径测试街道总工会' });
  union = await t.make.org({ parent: town, level: 'grassroots', kind: 'enterprise', name: '入会路径测试公司工会' });
  const [row] = await t.db.query<{ path: string }>(`SELECT path::text AS path FROM org WHERE id = $1`, [union.id]);
  path = row!.path.split('.').map(Number);
}, 120_000);

afterAll(async () => t?.close());

const count = async (orgId: number) =>
  (await t.db.query<{ n: number }>(`SELECT member_count AS n FROM org WHERE id = $1`, [orgId]))[0]!.n;
const rollup = async (orgId: number) =>
  (await t.db.query<{ n: number }>(`SELECT coalesce(sum(members), 0)::int AS n FROM org_rollup WHERE org_id = $1`, [orgId]))[0]!.n;
const tallyRows = async () =>
  t.db.query<{ org: number; slot: number; xmin: string; members: number }>(
    `SELECT org_id::int AS org, slot, xmin::text AS xmin, members_sized::int AS members FROM enterprise_tally WHERE org_id = ANY($1::bigint[]) ORDER BY 1, 2`,
    [path],
  );

describe('the join path (056)', () => {
  it("the union's member_count and its ancestors' rollup move at commit, not when the member is written", async () => {
    const before = { own: await count(union.id), town: await rollup(town.id) };
    const seen = await t.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO member (org_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_masked, groups, joined_on)
         VALUES ($1, '提交时计数', 'male', '1990-01-01', '\\x00'::bytea, decode(md5('056-commit'), 'hex'), '4401**********0000', '{}', current_date)`,
        [union.id],
      );
      const [r] = await tx.query<{ n: number }>(`SELECT member_count AS n FROM org WHERE id = $1`, [union.id]);
      return r!.n;
    });
    expect(seen).toBe(before.own);
    expect(await count(union.id)).toBe(before.own + 1);
    expect(await rollup(town.id)).toBe(before.town + 1);

    // a transaction that rolls back leaves both as they were
    await expect(
      t.db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO member (org_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_masked, groups, joined_on)
           VALUES ($1, '回滚', 'male', '1990-01-01', '\\x00'::bytea, decode(md5('056-rollback'), 'hex'), '4401**********0000', '{}', current_date)`,
          [union.id],
        );
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await count(union.id)).toBe(before.own + 1);
    expect(await rollup(town.id)).toBe(before.town + 1);
  });

  it('an unsized employer gaining a member writes no enterprise_tally row; a sized one adds one member at each ancestor', async () => {
    const unsized = await t.make.enterprise({ town: town.id, union: null, employees: null });
    const sized = await t.make.enterprise({ town: town.id, union: union.id, employees: 80 });
    const join = (enterpriseId: number, key: string) =>
      t.db.query(
        `INSERT INTO member (org_id, name, sex, birth_date, id_number_enc, id_number_hash, id_number_masked, groups, enterprise_id, joined_on)
         VALUES ($1, '单位会员', 'female', '1990-01-01', '\\x00'::bytea, decode(md5($2), 'hex'), '4401**********0000', '{women}', $3, current_date)`,
        [union.id, key, enterpriseId],
      );

    const before = await tallyRows();
    await join(unsized.id, '056-unsized');
    expect(await tallyRows()).toEqual(before);
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT member_count AS n FROM enterprise WHERE id = $1`, [unsized.id])) as [{ n: number }];
    expect(n).toBe(1);

    const sum = (rows: { org: number; members: number }[], org: number) => rows.filter((r) => r.org === org).reduce((a, r) => a + r.members, 0);
    await join(sized.id, '056-sized');
    const after = await tallyRows();
    for (const org of path.slice(0, -1)) expect(sum(after, org), `org ${org}`).toBe(sum(before, org) + 1);
  });
});
