// The points ledger over HTTP: issue, redeem, expire, reverse; idempotent retries and reused keys;
// refusals write nothing; the 化州 mass issue; scope; the invariants after it all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ORGS } from '../../db/seed/demo-keys.ts';
import { memberSessions, type MemberSession } from '../../../tests/helpers/activities.ts';
import { balanceOf, ledgerDigest, newKey, pointWrite } from '../../../tests/helpers/points.ts';
import { latch, lockWaitSeen } from '../../../tests/helpers/races.ts';
import { checkPointInvariants } from './invariants.ts';
import { issuerAccountOf } from './points.repo.ts';

let t: TestApp;
let admin: Session, huazhou: Session, yangjiang: Session, viewer: Session;
let huazhouId: number;
let yangjiangId: number;
let m: MemberSession[];
let yangjiangMemberId: number;

beforeAll(async () => {
  t = await startTestApp();
  [admin, huazhou, yangjiang, viewer] = await Promise.all([t.login('admin'), t.login('huazhou'), t.login('yangjiang'), t.login('huazhou-view')]);
  [huazhouId, yangjiangId] = await Promise.all([t.demoOrg('huazhou'), t.demoOrg('yangjiang')]);
  m = await memberSessions(t, admin, huazhouId, 4);
  const [y] = await t.db.query<{ id: number }>(
    `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' ORDER BY m.id LIMIT 1`,
    [yangjiangId],
  );
  yangjiangMemberId = y!.id;
});
afterAll(async () => {
  const inv = await checkPointInvariants(t.db);
  expect(inv.violations).toEqual([]);
  await t.close();
});

const issue = (as: Session, body: Record<string, unknown>, key?: string) => pointWrite(t, as, '/api/points/issues', { reason: '中秋节职工福利', ...body }, key);
const redeem = (as: Session, body: Record<string, unknown>, key?: string) => pointWrite(t, as, '/api/me/points/redemptions', body, key);
const reverse = (as: Session, id: number, reason = '发放有误', key?: string) => pointWrite(t, as, `/api/points/operations/${id}/reverse`, { reason }, key);

describe('issue and redeem', () => {
  it('issues to one member, who sees balance and history; the answer is audited', async () => {
    const res = await issue(huazhou, { orgId: huazhouId, amount: 120, memberIds: [m[0]!.memberId] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'issue', orgId: huazhouId, amount: 120, memberCount: 1, reason: '中秋节职工福利', reversesOperationId: null });
    expect(await balanceOf(t, m[0]!)).toBe(120);
    const mine = (await t.request('GET', '/api/me/points', { as: m[0] })).json();
    expect(mine).toMatchObject({ balance: 120, total: 1, items: [{ operationId: res.json().id, kind: 'issue', kindLabel: '发放', amount: 120, reason: '中秋节职工福利' }] });
    const [audit] = await t.db.query(`SELECT action FROM audit_log WHERE target_type = 'point_operation' AND target_id = $1`, [String(res.json().id)]);
    expect(audit).toEqual({ action: 'points.issue' });
    const sms = await t.db.query<{ body: string }>(`SELECT body FROM outbox WHERE to_hash = $1 AND kind = 'points_issued'`, [t.pii.hash(m[0]!.phone)]);
    expect(sms.map((x) => x.body)).toEqual([`【智慧工会】${m[0]!.name}，${DEMO_ORGS.huazhou}向您发放 120 积分（中秋节职工福利），可在“我的积分”查看。`]);
  });

  it('a retry with the same key answers byte for byte; the key with other content is refused; nothing more is written', async () => {
    const key = newKey();
    const first = await issue(huazhou, { orgId: huazhouId, amount: 10, memberIds: [m[1]!.memberId] }, key);
    expect(first.statusCode).toBe(201);
    const before = await ledgerDigest(t);
    const again = await issue(huazhou, { orgId: huazhouId, amount: 10, memberIds: [m[1]!.memberId] }, key);
    expect(again.statusCode).toBe(201);
    expect(again.body).toBe(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const reused = await issue(huazhou, { orgId: huazhouId, amount: 11, memberIds: [m[1]!.memberId] }, key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error).toBe('idempotency_key_reused');
    const both = await Promise.all([0, 1, 2].map(() => redeem(m[1]!, { amount: 3, item: '电影票' }, 'same-key-redeem-1')));
    expect(both.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(both.map((r) => r.body)).size).toBe(1);
    expect(await balanceOf(t, m[1]!)).toBe(7);
    expect((await ledgerDigest(t))!.operations).toBe(before!.operations + 1);
  });

  it('refuses a redemption beyond the balance (409 insufficient_points), and concurrent ones never overdraw', async () => {
    const before = await ledgerDigest(t);
    const res = await redeem(m[1]!, { amount: 8, item: '电影票', merchant: '橘州影城' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toEqual({ error: 'insufficient_points', message: '积分余额不足', statusCode: 409 });
    expect(await ledgerDigest(t)).toEqual(before);
    const many = await Promise.all([0, 1, 2, 3].map(() => redeem(m[1]!, { amount: 2, item: '矿泉水' })));
    expect(many.filter((r) => r.statusCode === 201)).toHaveLength(3);
    expect(many.filter((r) => r.statusCode === 409).map((r) => r.json().error)).toEqual(['insufficient_points']);
    expect(await balanceOf(t, m[1]!)).toBe(1);
  });

  it('needs a valid Idempotency-Key, a member for redemption, staff who may write for issuing', async () => {
    const noKey = await t.request('POST', '/api/points/issues', { as: huazhou, body: { orgId: huazhouId, amount: 1, reason: '测试发放' } });
    expect(noKey.json().error).toBe('idempotency_key_required');
    expect((await issue(huazhou, { orgId: huazhouId, amount: 1 }, 'bad key!')).json().error).toBe('idempotency_key_invalid');
    expect((await issue(viewer, { orgId: huazhouId, amount: 1 })).statusCode).toBe(403);
    expect((await redeem(huazhou, { amount: 1, item: '电影票' })).json().error).toBe('member_only');
    expect((await t.request('GET', '/api/me/points', { as: huazhou })).json().error).toBe('member_only');
    expect((await t.request('GET', '/api/me/points')).statusCode).toBe(401);
    expect((await t.request('POST', '/api/points/issues', { body: { orgId: huazhouId, amount: 1, reason: '测试发放' }, headers: { 'idempotency-key': newKey() } })).statusCode).toBe(401);
    expect((await issue(huazhou, { orgId: huazhouId, amount: 0 })).statusCode).toBe(400);
  });
});

describe('first issues at once', () => {
  it('a union issuing for the first time from several requests at once: every one succeeds, one funding account is made', async () => {
    const [u] = await t.db.query<{ orgId: number; memberId: number }>(
      `SELECT o.id AS "orgId", m.id AS "memberId" FROM org o JOIN member m ON m.org_id = o.id
        WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND o.id <> $1 AND m.status = 'active'
          AND NOT EXISTS (SELECT 1 FROM point_account a WHERE a.org_id = o.id) ORDER BY o.id, m.id LIMIT 1`,
      [huazhouId],
    );
    const answers = await Promise.all(Array.from({ length: 6 }, () => issue(huazhou, { orgId: u!.orgId, amount: 5, memberIds: [u!.memberId] })));
    expect(answers.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const [acc] = await t.db.query<{ n: number; balance: number }>(`SELECT count(*)::int AS n, sum(balance)::int AS balance FROM point_account WHERE org_id = $1`, [u!.orgId]);
    expect(acc).toEqual({ n: 1, balance: -30 });
  });

  it('an account being made by another transaction is waited for and returned, not missed', async () => {
    const [o] = await t.db.query<{ id: number }>(
      `SELECT o.id FROM org o WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND NOT EXISTS (SELECT 1 FROM point_account a WHERE a.org_id = o.id)
        ORDER BY o.id DESC LIMIT 1`,
      [huazhouId],
    );
    let madeBy: number | undefined;
    const made = latch();
    const commit = latch();
    const first = t.db.transaction(async (tx) => {
      madeBy = await issuerAccountOf(tx, o!.id);
      made.resolve();
      await commit.promise; // still uncommitted while the second asks
    });
    await made.promise;
    const asking = issuerAccountOf(t.db, o!.id);
    await lockWaitSeen(t.db, 'point_account');
    commit.resolve();
    const second = await asking;
    await first;
    expect(second).toBe(madeBy);
  });
});

describe('reverse', () => {
  it('reverses an issue once, with the opposite entries; a reversal cannot be reversed', async () => {
    const op = (await issue(huazhou, { orgId: huazhouId, amount: 40, memberIds: [m[2]!.memberId] })).json();
    const rev = await reverse(huazhou, op.id, '重复发放');
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json()).toMatchObject({ kind: 'reverse', amount: 40, memberCount: 1, reversesOperationId: op.id, reason: '重复发放' });
    expect(await balanceOf(t, m[2]!)).toBe(0);
    expect((await t.request('GET', `/api/points/operations/${op.id}`, { as: huazhou })).json()).toMatchObject({ id: op.id, reversedByOperationId: rev.json().id });
    const before = await ledgerDigest(t);
    expect((await reverse(huazhou, op.id)).json().error).toBe('operation_already_reversed');
    expect((await reverse(huazhou, rev.json().id)).json().error).toBe('operation_not_reversible');
    const racing = await Promise.all([0, 1].map(() => reverse(huazhou, op.id)));
    expect(racing.map((r) => r.json().error)).toEqual(['operation_already_reversed', 'operation_already_reversed']);
    expect(await ledgerDigest(t)).toEqual(before);
  });

  it('refuses to reverse points already spent (409 points_already_spent); reversing the redemption gives them back', async () => {
    // a member with no points yet: what is spent can only be what this operation gave
    const [fresh] = await memberSessions(t, admin, huazhouId, 1, 'NOT EXISTS (SELECT 1 FROM point_account a WHERE a.member_id = m.id)');
    const op = (await issue(huazhou, { orgId: huazhouId, amount: 30, memberIds: [fresh!.memberId] })).json();
    const spent = (await redeem(fresh!, { amount: 20, item: '体检套餐' })).json();
    const before = await ledgerDigest(t);
    const refused = await reverse(huazhou, op.id);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toBe('points_already_spent');
    expect(await ledgerDigest(t)).toEqual(before);
    expect((await reverse(huazhou, spent.id, '商户退单')).statusCode).toBe(201);
    expect(await balanceOf(t, fresh!)).toBe(30);
    expect((await reverse(huazhou, op.id)).statusCode).toBe(201);
    expect(await balanceOf(t, fresh!)).toBe(0);
  });
});

describe('expire', () => {
  it('expires what was issued before the day and is unspent, down to what was issued since', async () => {
    const member = m[0]!;
    const start = await balanceOf(t, member);
    const old = (await issue(huazhou, { orgId: huazhouId, amount: 100, memberIds: [member.memberId] })).json();
    await t.db.query(`UPDATE point_entry SET created_at = '2025-01-01T00:00:00Z' WHERE operation_id = $1 OR operation_id IN (SELECT operation_id FROM point_entry e JOIN point_account a ON a.id = e.account_id WHERE a.member_id = $2)`, [old.id, member.memberId]);
    await issue(huazhou, { orgId: huazhouId, amount: 25, memberIds: [member.memberId] });
    expect(await balanceOf(t, member)).toBe(start + 125);
    const key = newKey();
    const res = await pointWrite(t, huazhou, '/api/points/expiries', { orgId: huazhouId, issuedBefore: '2026-01-01', reason: '2025 年度积分到期' }, key);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'expire', orgId: huazhouId });
    expect(await balanceOf(t, member)).toBe(25);
    const again = await pointWrite(t, huazhou, '/api/points/expiries', { orgId: huazhouId, issuedBefore: '2026-01-01', reason: '2025 年度积分到期' }, key);
    expect(again.body).toBe(res.body);
    expect(await balanceOf(t, member)).toBe(25);
    const totals = (await t.request('GET', `/api/points/totals?orgId=${huazhouId}`, { as: huazhou })).json();
    expect(totals.issued - totals.redeemed - totals.expired).toBe(totals.outstanding);
    expect(totals.expired).toBeGreaterThanOrEqual(start + 100);
  });
});

describe('the 化州 Mid-Autumn issue: every active member of the subtree, 50 points each', () => {
  it('credits each matching member exactly once, also when retried concurrently', async () => {
    const [{ n }] = (await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active'`,
      [huazhouId],
    )) as [{ n: number }];
    expect(n).toBeGreaterThan(10);
    const before = await t.request('GET', `/api/points/totals?orgId=${huazhouId}`, { as: huazhou });
    const key = newKey();
    const body = { orgId: huazhouId, amount: 50, reason: '中秋节积分' };
    const answers = await Promise.all([0, 1, 2].map(() => issue(huazhou, body, key)));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    const op = answers[0]!.json();
    expect(op).toMatchObject({ memberCount: n, amount: 50 * n });
    const per = await t.db.query<{ c: number }>(
      `SELECT count(*)::int AS c FROM point_entry e JOIN point_account a ON a.id = e.account_id WHERE e.operation_id = $1 AND a.kind = 'member' GROUP BY a.member_id HAVING count(*) <> 1 OR sum(e.amount) <> 50`,
      [op.id],
    );
    expect(per).toEqual([]);
    const after = (await t.request('GET', `/api/points/totals?orgId=${huazhouId}`, { as: huazhou })).json();
    expect(after.issued).toBe(before.json().issued + 50 * n);
    expect(after.outstanding).toBe(before.json().outstanding + 50 * n);
    // the province sees it too; 阳江 sees none of it
    const ys = (await t.request('GET', '/api/points/totals', { as: yangjiang })).json();
    expect(ys).toMatchObject({ orgId: yangjiangId, issued: 0, outstanding: 0 });
    expect((await t.request('GET', `/api/points/operations/${op.id}`, { as: admin })).statusCode).toBe(200);
  });

  it('a group filter narrows it; no one matching is refused and writes nothing', async () => {
    const res = await issue(huazhou, { orgId: huazhouId, amount: 5, group: 'women' });
    expect([201, 409]).toContain(res.statusCode);
    const before = await ledgerDigest(t);
    const none = await issue(huazhou, { orgId: huazhouId, amount: 5, memberIds: [m[0]!.memberId], group: 'modelWorker' });
    expect(none.statusCode).toBe(404);
    expect(await ledgerDigest(t)).toEqual(before);
  });
});

describe('scope', () => {
  it('化州 staff cannot issue to, reverse, read or total 阳江: 404, nothing written', async () => {
    const yop = (await issue(yangjiang, { orgId: yangjiangId, amount: 9, memberIds: [yangjiangMemberId] })).json();
    const before = await ledgerDigest(t);
    const notFound = { error: 'not_found', message: '未找到该记录，或不在您的管理范围内', statusCode: 404 };
    expect((await issue(huazhou, { orgId: yangjiangId, amount: 9 })).json()).toEqual(notFound);
    expect((await issue(huazhou, { orgId: huazhouId, amount: 9, memberIds: [m[0]!.memberId, yangjiangMemberId] })).json()).toEqual(notFound);
    expect((await reverse(huazhou, yop.id)).json()).toEqual(notFound);
    expect((await pointWrite(t, huazhou, '/api/points/expiries', { orgId: yangjiangId, issuedBefore: '2030-01-01', reason: '越权过期' })).json()).toEqual(notFound);
    expect((await t.request('GET', `/api/points/operations/${yop.id}`, { as: huazhou })).json()).toEqual(notFound);
    expect((await t.request('GET', `/api/points/totals?orgId=${yangjiangId}`, { as: huazhou })).json()).toEqual(notFound);
    expect(await ledgerDigest(t)).toEqual(before);
  });
});

describe('the invariant checker', () => {
  it('finds an operation that does not sum to zero, a balance that drifted and a member below zero', async () => {
    expect((await checkPointInvariants(t.db)).ok).toBe(true);
    // break the ledger inside a transaction that is rolled back, and check inside it
    const found = await t.db
      .transaction(async (tx) => {
        await tx.query(`ALTER TABLE point_account DROP CONSTRAINT point_account_member_not_negative`);
        const [e] = await tx.query<{ operationId: number; accountId: number }>(
          `SELECT e.operation_id AS "operationId", e.account_id AS "accountId" FROM point_entry e JOIN point_account a ON a.id = e.account_id WHERE a.kind = 'member' ORDER BY 1 LIMIT 1`,
        );
        await tx.query(`UPDATE point_entry SET amount = amount + 1 WHERE operation_id = $1 AND account_id = $2`, [e!.operationId, e!.accountId]);
        await tx.query(`UPDATE point_account SET balance = -5 WHERE id = (SELECT id FROM point_account WHERE kind = 'member' AND id <> $1 ORDER BY id LIMIT 1)`, [e!.accountId]);
        const r = await checkPointInvariants(tx);
        throw Object.assign(new Error('roll back'), { found: r });
      })
      .catch((err: { found?: Awaited<ReturnType<typeof checkPointInvariants>> }) => err.found);
    expect(found?.ok).toBe(false);
    const text = found!.violations.join('\n');
    expect(text).toMatch(/entries sum to 1, not 0/);
    expect(text).toMatch(/≠ sum of its entries/);
    expect(text).toMatch(/below zero/);
    expect(text).toMatch(/≠ outstanding/);
    expect((await checkPointInvariants(t.db)).ok).toBe(true);
  });
});

describe('the ledger rows themselves', () => {
  const codeOf = (p: Promise<unknown>) => p.then(() => 'none', (err: { code?: string }) => err.code ?? String(err));
  it('an entry naming no operation or no account, an account naming no member or org, is refused (checked per statement); ledger rows cannot be deleted or re-pointed', async () => {
    const op = (await issue(huazhou, { orgId: huazhouId, amount: 2, memberIds: [m[0]!.memberId] })).json();
    const [acc] = await t.db.query<{ id: number }>(`SELECT account_id AS id FROM point_entry WHERE operation_id = $1 ORDER BY 1 LIMIT 1`, [op.id]);
    const before = await ledgerDigest(t);
    const entry = (opId: number, accountId: number) =>
      t.db.query(`INSERT INTO point_entry (operation_id, account_id, amount, counts_as) VALUES ($1, $2, 1, 'issue')`, [opId, accountId]);
    expect(await codeOf(entry(op.id + 1_000_000, acc!.id))).toBe('23503');
    expect(await codeOf(entry(op.id, acc!.id + 1_000_000))).toBe('23503');
    expect(await codeOf(t.db.query(`DELETE FROM point_entry WHERE operation_id = $1`, [op.id]))).toBe('23001');
    expect(await codeOf(t.db.query(`DELETE FROM point_operation WHERE id = $1`, [op.id]))).toBe('23001');
    expect(await codeOf(t.db.query(`DELETE FROM point_account WHERE id = $1`, [acc!.id]))).toBe('23001');
    expect(await codeOf(t.db.query(`UPDATE point_entry SET account_id = account_id WHERE operation_id = $1`, [op.id]))).toBe('23001');
    // an account names a member or an org that exists (checked per statement), and keeps its owner
    const [{ max }] = await t.db.query<{ max: number }>(`SELECT max(id)::bigint AS max FROM member`) as [{ max: number }];
    expect(await codeOf(t.db.query(`INSERT INTO point_account (kind, member_id) VALUES ('member', $1)`, [Number(max) + 1]))).toBe('23503');
    expect(await codeOf(t.db.query(`INSERT INTO point_account (kind, org_id) VALUES ('issuer', $1)`, [2_000_000_000]))).toBe('23503');
    expect(await codeOf(t.db.query(`UPDATE point_account SET member_id = $2 WHERE id = $1`, [acc!.id, m[1]!.memberId]))).toBe('23001');
    expect(await ledgerDigest(t)).toEqual(before);
  });
});
