// A payout run, a payment file and a bank return file cut short at every statement, as a SIGKILL
// would cut them (the process dies; its open transaction never commits): after each cut nothing is
// half-done — no payout without its ledger credit, no credit without its payout, no budget counted
// twice — and the action done again afterwards completes exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Tx } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { makeScope } from '../../http/scope.ts';
import { startTestApp, type TestApp } from '../../../tests/helpers/harness.ts';
import { DEMO_ACCOUNTS } from '../../db/seed/demo.ts';
import { PAYER, makeAwardedCampaign, payoutDigest } from '../../../tests/helpers/payouts.ts';
import { outboxSender } from '../notices/notices.service.ts';
import { checkPointInvariants } from '../points/points.service.ts';
import { buildReturnFile, fileGateway } from './gateway.ts';
import { applyReturnFile, createPaymentFile } from './payment-files.service.ts';
import { runPayouts } from './payouts.service.ts';

let t: TestApp;
let staff: { id: number; orgId: number; path: string };

beforeAll(async () => {
  t = await startTestApp();
  [staff] = (await t.db.query<{ id: number; orgId: number; path: string }>(
    `SELECT s.id, s.org_id AS "orgId", o.path::text AS path FROM staff s JOIN org o ON o.id = s.org_id WHERE s.username = 'huazhou'`,
  )) as [typeof staff];
});
afterAll(async () => {
  expect((await checkPointInvariants(t.db)).violations).toEqual([]);
  await t.close();
});

class Killed extends Error {}

/** The database as a process sees it that dies before its `n`-th statement. */
function dyingAt(db: Db, n: number): Db {
  let left = n;
  const step = () => {
    if (left-- <= 0) throw new Killed('killed');
  };
  const wrap = <T extends object>(target: T, extra: Record<string, unknown>): T =>
    new Proxy(target, {
      get(obj, prop) {
        if (prop in extra) return extra[prop as string];
        const v = Reflect.get(obj, prop) as unknown;
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(obj) : v;
      },
    });
  return wrap(db, {
    query: (text: string, params?: readonly unknown[]) => {
      step();
      return db.query(text, params);
    },
    transaction: <T>(fn: (tx: Tx) => Promise<T>) =>
      db.transaction((tx) =>
        fn(wrap(tx, {
          query: (text: string, params?: readonly unknown[]) => {
            step();
            return tx.query(text, params);
          },
        })),
      ),
  });
}

function ctxOn(db: Db): StaffContext {
  const scope = makeScope(staff.orgId, staff.path);
  return {
    db, pii: t.pii, config: t.config, sender: outboxSender, scope, meta: { ip: '127.0.0.1', userAgent: 'crash-test' },
    actor: { kind: 'staff', staffId: staff.id, username: 'huazhou', displayName: DEMO_ACCOUNTS.find((a) => a.username === 'huazhou')!.displayName, orgId: staff.orgId, roles: ['admin', 'reviewer', 'clerk'], scope, sessionHash: Buffer.alloc(32), csrfToken: '' },
  };
}

async function balances(memberIds: number[]) {
  return t.db.query(`SELECT member_id, balance FROM point_account WHERE member_id = ANY($1::bigint[]) ORDER BY member_id`, [memberIds]);
}

/**
 * Runs `act` dying at statement 0, 1, 2, … until it completes. After a death either nothing changed
 * (the transaction never committed) or the whole action had committed and only its answer was lost.
 */
async function cutAtEveryStatement(act: (db: Db) => Promise<unknown>, extra: () => Promise<unknown> = async () => null): Promise<number> {
  for (let n = 0; n < 200; n++) {
    const before = [await payoutDigest(t), await extra()];
    try {
      await act(dyingAt(t.db, n));
      return n;
    } catch (err) {
      if (!(err instanceof Killed)) throw err;
    }
    const after = [await payoutDigest(t), await extra()];
    if (JSON.stringify(after) !== JSON.stringify(before)) return n; // committed whole; checked by the caller
  }
  throw new Error('never completed');
}

async function activeMembers(n: number): Promise<number[]> {
  const rows = await t.db.query<{ id: number }>(
    `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id WHERE o.path <@ (SELECT path FROM org WHERE id = $2) AND m.status = 'active'
      AND NOT EXISTS (SELECT 1 FROM payout p WHERE p.member_id = m.id) ORDER BY m.id LIMIT $1`,
    [n, staff.orgId],
  );
  return rows.map((r) => r.id);
}

describe('killed mid-way', () => {
  it('a points run: each payout is made and credited once, or not at all', async () => {
    const ids = await activeMembers(3);
    const c = await makeAwardedCampaign(t, { orgId: staff.orgId, channel: 'points', members: ids.map((memberId) => ({ memberId, amount: 70 })) });
    const start = await balances(ids);
    const statements = await cutAtEveryStatement((db) => runPayouts(ctxOn(db), c.campaignId, `crash-run-${c.campaignId}`), () => balances(ids));
    expect(statements).toBeGreaterThan(10);
    const after = await t.db.query<{ state: string; ops: number }>(
      `SELECT p.state, (SELECT count(*)::int FROM point_operation o WHERE o.idem_key = 'payout:' || p.id) AS ops FROM payout p WHERE p.campaign_id = $1`,
      [c.campaignId],
    );
    expect(after).toEqual(ids.map(() => ({ state: 'confirmed', ops: 1 })));
    const end = await balances(ids);
    for (const id of ids) {
      const was = (start.find((r) => r.member_id === id)?.balance as number | undefined) ?? 0;
      expect(end.find((r) => r.member_id === id)?.balance).toBe(was + 70);
    }
    // the retry after the restart, under the same key, answers the run that completed
    const again = await runPayouts(ctxOn(t.db), c.campaignId, `crash-run-${c.campaignId}`);
    expect(again.replayed).toBe(true);
    expect(JSON.parse(again.body)).toMatchObject({ created: 3, credited: 3 });
  });

  it('a payment file and the bank\'s return file: every line sent once, settled once', async () => {
    const ids = await activeMembers(2);
    for (const id of ids) {
      await t.db.query(`INSERT INTO member_bank_account (member_id, bank_name, account_enc, account_hash, account_masked) VALUES ($1, '中国工商银行化州支行', $2, $3, '6222****0128')`, [id, t.pii.encrypt('6222021234567890128'), t.pii.hash('6222021234567890128')]);
    }
    const c = await makeAwardedCampaign(t, { orgId: staff.orgId, channel: 'bank', members: ids.map((memberId) => ({ memberId, amount: 30_000 })) });
    await runPayouts(ctxOn(t.db), c.campaignId, `crash-bank-${c.campaignId}`);
    await cutAtEveryStatement((db) => createPaymentFile(ctxOn(db), fileGateway, c.campaignId, PAYER));
    const lines = await t.db.query<{ reference: string; fileId: number }>(
      `SELECT t.reference, t.payment_file_id AS "fileId" FROM payout_attempt t JOIN payout p ON p.id = t.payout_id WHERE p.campaign_id = $1 ORDER BY t.id`,
      [c.campaignId],
    );
    expect(lines).toHaveLength(2);
    const file = await buildReturnFile(lines.map((l, i) => ({ reference: l.reference, account: '6222021234567890128', amount: 30_000, outcome: i === 0 ? '成功' : '退票', reason: i === 0 ? '' : '账户已销户' })));
    await cutAtEveryStatement((db) => applyReturnFile(ctxOn(db), fileGateway, lines[0]!.fileId, file));
    const states = await t.db.query(`SELECT p.state, p.attempts FROM payout p WHERE p.campaign_id = $1 ORDER BY p.id`, [c.campaignId]);
    expect(states).toEqual([{ state: 'confirmed', attempts: 1 }, { state: 'returned', attempts: 1 }]);
  });
});
