// How a subtree issue locks: above GONGHUI_POINTS_TABLE_LOCK_MEMBERS members (the subtree's member count) it takes the
// accounts table (EXCLUSIVE), so it waits for a points write in flight anywhere — even on an account
// outside its subtree — and needs no per-account lock; at or below it, it locks only the accounts it
// credits, in id order, and goes past a write elsewhere. Either way each member is credited once.
// The waiting is shown on PostgreSQL (PGlite has one connection: nothing else can be in flight).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { testEngine } from '../../../tests/helpers/env.ts';
import { pointWrite } from '../../../tests/helpers/points.ts';
import { checkPointInvariants } from './invariants.ts';

const cases: [string, string, boolean][] = [
  ['above the threshold: the accounts table', '0', true],
  ['at or below it: each account it credits', '1000000', false],
];

describe.each(cases)('a subtree issue %s', (_, threshold, locksTable) => {
  let t: TestApp;
  let huazhou: Session;
  let yangjiang: Session;
  let huazhouId: number;
  let yangjiangMember: number;

  beforeAll(async () => {
    t = await startTestApp({ GONGHUI_POINTS_TABLE_LOCK_MEMBERS: threshold });
    [huazhou, yangjiang] = await Promise.all([t.login('huazhou'), t.login('yangjiang')]);
    const yangjiangId = await t.demoOrg('yangjiang');
    huazhouId = await t.demoOrg('huazhou');
    const [y] = await t.db.query<{ id: number }>(
      `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' ORDER BY m.id LIMIT 1`,
      [yangjiangId],
    );
    yangjiangMember = y!.id;
    const made = await pointWrite(t, yangjiang, '/api/points/issues', { orgId: yangjiangId, amount: 1, reason: '阳江发放', memberIds: [yangjiangMember] });
    expect(made.statusCode, made.body).toBe(201);
  });
  afterAll(async () => {
    expect((await checkPointInvariants(t.db)).violations).toEqual([]);
    await t.close();
  });

  const activeIn = async (orgId: number) => {
    const [r] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active'`,
      [orgId],
    );
    return r!.n;
  };

  it('credits every active member of the subtree once', async () => {
    const n = await activeIn(huazhouId);
    const res = await pointWrite(t, huazhou, '/api/points/issues', { orgId: huazhouId, amount: 7, reason: '中秋节积分' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ memberCount: n, amount: 7 * n });
    const [c] = await t.db.query<{ members: number; wrong: number }>(
      `SELECT count(DISTINCT a.member_id)::int AS members, count(*) FILTER (WHERE e.amount <> 7)::int AS wrong
         FROM point_entry e JOIN point_account a ON a.id = e.account_id WHERE e.operation_id = $1 AND a.kind = 'member'`,
      [res.json().id],
    );
    expect(c).toEqual({ members: n, wrong: 0 });
  });

  it(`${testEngine() === 'postgres' ? (locksTable ? 'waits for' : 'goes past') : 'is not held up by'} a points write in flight on an account outside its subtree`, async () => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    // another transaction holds a 阳江 member's account, as a redemption in flight does
    const other = t.db.transaction(async (tx) => {
      await tx.query(`SELECT id FROM point_account WHERE member_id = $1 FOR NO KEY UPDATE`, [yangjiangMember]);
      locked();
      await held;
    });
    await isLocked;
    let answered = false;
    const issue = pointWrite(t, huazhou, '/api/points/issues', { orgId: huazhouId, amount: 3, reason: '国庆积分' }).then((r) => {
      answered = true;
      return r;
    });
    if (testEngine() === 'postgres') {
      if (locksTable) {
        // it waits on the table lock: seen in pg_locks, and no answer while the other write is open
        await expect.poll(async () => (await t.db.query(`SELECT 1 FROM pg_locks WHERE locktype = 'relation' AND mode = 'ExclusiveLock' AND NOT granted AND relation = 'point_account'::regclass`)).length, { timeout: 10_000 }).toBe(1);
        expect(answered).toBe(false);
        release();
      } else {
        // it needs none of the other transaction's rows: it answers while that is still open
        const res = await issue;
        expect(res.statusCode, res.body).toBe(201);
        release();
      }
    } else {
      release();
    }
    await other;
    const res = await issue;
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ memberCount: await activeIn(huazhouId), amount: 3 * (await activeIn(huazhouId)) });
  });
});
