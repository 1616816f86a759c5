// A property-based model test of the ledger (fast-check): random sequences of issue (to a list, or
// to every member of the subtree), redeem, expire, reverse, retried keys and reused keys, in batches
// sent concurrently (Promise.all). The model knows each successful operation's effect on each
// member; after every batch the balances must equal the model's, and after every run the invariants
// must hold. Run twice: with a subtree issue locking each account in id order, and with it locking
// the accounts table (the path of a very large subtree), so that both meet the other writes.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type Session, type TestApp } from '../../../tests/helpers/harness.ts';
import { memberSessions, type MemberSession } from '../../../tests/helpers/activities.ts';
import { balanceOf, newKey } from '../../../tests/helpers/points.ts';
import { checkPointInvariants } from './invariants.ts';

type Action =
  | { t: 'issue'; who: number[]; amount: number }
  | { t: 'issueAll'; amount: number }
  | { t: 'redeem'; who: number; amount: number }
  | { t: 'expire' }
  | { t: 'reverse'; pick: number }
  | { t: 'retry'; pick: number }
  | { t: 'reuse'; pick: number };

interface Req {
  url: string;
  body: Record<string, unknown>;
  key: string;
  as: Session;
  /** the effect on each member (index → points) should this request succeed afresh */
  effect: () => number[];
}

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('issue' as const), who: fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }), amount: fc.integer({ min: 1, max: 50 }) }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('issueAll' as const), amount: fc.integer({ min: 1, max: 20 }) }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('redeem' as const), who: fc.integer({ min: 0, max: 2 }), amount: fc.integer({ min: 1, max: 60 }) }) },
  { weight: 1, arbitrary: fc.constant({ t: 'expire' as const }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('reverse' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('retry' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('reuse' as const), pick: fc.nat() }) },
);

describe.each([
  ['each account locked in id order', {}],
  ['the accounts table locked (a very large subtree)', { GONGHUI_POINTS_TABLE_LOCK_MEMBERS: '0' }],
])('a subtree issue with %s', (_, env: Record<string, string>) => {
let t: TestApp;
let staff: Session;
let orgId: number;
let members: MemberSession[];
let others: number;

beforeAll(async () => {
  t = await startTestApp(env);
  const admin = await t.login('admin');
  staff = await t.login('huazhou');
  orgId = await t.demoOrg('huazhou');
  members = await memberSessions(t, admin, orgId, 3);
  const [row] = await t.db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active'`,
    [orgId],
  );
  others = row!.n - 3;
  expect(others).toBeGreaterThan(0);
});
afterAll(async () => t.close());

it('balances follow the model and the invariants hold after every run', async () => {
  // the three members, then (index 3) every other active member of 化州 together: issues to the
  // whole subtree and expiries move their points too, and the subtree's outstanding total sums all four
  const model = [0, 0, 0, 0];
  const effects = new Map<number, number[]>(); // operation id → its effect on each member
  const sent: Req[] = [];
  const firstBody = new Map<string, string>(); // key → the body first answered 201
  const opIds: number[] = [];
  const zero = () => [0, 0, 0, 0];
  const seen = { replayed: 0, refused: 0 };

  function requestOf(a: Action): Req | undefined {
    switch (a.t) {
      case 'issue':
        return {
          url: '/api/points/issues', key: newKey(), as: staff,
          body: { orgId, amount: a.amount, reason: '模型测试发放', memberIds: a.who.map((i) => members[i]!.memberId) },
          effect: () => zero().map((_, i) => (a.who.includes(i) ? a.amount : 0)),
        };
      case 'issueAll':
        // every active member of 化州, the three modelled among them
        return {
          url: '/api/points/issues', key: newKey(), as: staff,
          body: { orgId, amount: a.amount, reason: '模型测试全员发放' },
          effect: () => [a.amount, a.amount, a.amount, a.amount * others],
        };
      case 'redeem':
        return { url: '/api/me/points/redemptions', key: newKey(), as: members[a.who]!, body: { amount: a.amount, item: '模型测试兑换' }, effect: () => zero().map((_, i) => (i === a.who ? -a.amount : 0)) };
      case 'expire':
        // every issue is before 2099: an expiry takes every balance to zero (run alone, see below)
        return { url: '/api/points/expiries', key: newKey(), as: staff, body: { orgId, issuedBefore: '2099-01-01', reason: '模型测试过期' }, effect: () => model.map((b) => -b) };
      case 'reverse': {
        if (opIds.length === 0) return undefined;
        const of = opIds[a.pick % opIds.length]!;
        return { url: `/api/points/operations/${of}/reverse`, key: newKey(), as: staff, body: { reason: '模型测试撤销' }, effect: () => (effects.get(of) ?? zero()).map((x) => -x) };
      }
      case 'retry':
        return sent.length === 0 ? undefined : sent[a.pick % sent.length];
      case 'reuse': {
        if (sent.length === 0) return undefined;
        const r = sent[a.pick % sent.length]!;
        const field = 'item' in r.body ? 'item' : 'reason';
        return { ...r, body: { ...r.body, [field]: `${String(r.body[field])}（改）` } };
      }
    }
  }

  async function run(r: Req) {
    const res = await t.request('POST', r.url, { as: r.as, body: r.body, headers: { 'idempotency-key': r.key } });
    return { r, res };
  }

  function settle({ r, res }: Awaited<ReturnType<typeof run>>, delta: number[]) {
    if (res.statusCode === 201) {
      const replayed = res.headers['idempotent-replayed'] === 'true';
      if (replayed) seen.replayed++;
      const known = firstBody.get(r.key);
      if (known !== undefined) expect(res.body, 'a retry answers byte for byte').toBe(known);
      else firstBody.set(r.key, res.body);
      if (!replayed) {
        const e = r.effect();
        const id = res.json<{ id: number }>().id;
        effects.set(id, e);
        opIds.push(id);
        e.forEach((x, i) => (delta[i]! += x));
      }
      return;
    }
    expect(res.statusCode, res.body).toBe(409);
    seen.refused++;
    const code = res.json<{ error: string }>().error;
    expect(['insufficient_points', 'points_already_spent', 'operation_already_reversed', 'operation_not_reversible', 'idempotency_key_reused']).toContain(code);
    if (code === 'idempotency_key_reused') expect(firstBody.has(r.key)).toBe(true);
  }

  await fc.assert(
    fc.asyncProperty(fc.array(fc.array(action, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), async (batches) => {
      for (const batch of batches) {
        const reqs = batch.map(requestOf).filter((r): r is Req => r !== undefined);
        for (const r of reqs) if (!sent.includes(r)) sent.push(r);
        const delta = zero();
        if (batch.some((a) => a.t === 'expire')) {
          // an expiry's effect depends on the balance at its moment: the batch runs in order
          for (const r of reqs) {
            settle(await run(r), delta);
            delta.forEach((d, i) => (model[i]! += d));
            delta.fill(0);
          }
        } else {
          for (const out of await Promise.all(reqs.map(run))) settle(out, delta);
          delta.forEach((d, i) => (model[i]! += d));
        }
        expect(await Promise.all(members.map((m) => balanceOf(t, m)))).toEqual(model.slice(0, 3));
      }
      const inv = await checkPointInvariants(t.db);
      expect(inv.violations).toEqual([]);
      const totals = (await t.request('GET', `/api/points/totals?orgId=${orgId}`, { as: staff })).json<{ outstanding: number }>();
      expect(totals.outstanding).toBe(model.reduce((a, b) => a + b, 0));
    }),
    { numRuns: 40, seed: 20261121, endOnFailure: true },
  );
  // the runs did exercise the ledger: operations, replays and refusals
  expect(opIds.length).toBeGreaterThan(50);
  expect(seen.replayed).toBeGreaterThan(5);
  expect(seen.refused).toBeGreaterThan(5);
}, 240_000);
});
