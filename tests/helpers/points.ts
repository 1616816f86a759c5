// Points in tests: ledger writes with a fresh (or given) Idempotency-Key.
import { randomUUID } from 'node:crypto';
import type { Session, TestApp } from './harness.ts';

export const newKey = (): string => randomUUID();

/** POST a ledger write (issue, expire, reverse, redeem) under an Idempotency-Key. */
export function pointWrite(t: TestApp, as: Session, url: string, body: unknown, key = newKey()) {
  return t.request('POST', url, { as, body, headers: { 'idempotency-key': key } });
}

export async function balanceOf(t: TestApp, as: Session): Promise<number> {
  const res = await t.request('GET', '/api/me/points?pageSize=1', { as });
  if (res.statusCode !== 200) throw new Error(`GET /api/me/points: ${res.statusCode} ${res.body}`);
  return res.json<{ balance: number }>().balance;
}

/** Rows of the ledger, to show a refusal wrote nothing. */
export async function ledgerDigest(t: TestApp) {
  const [row] = await t.db.query<{ operations: number; entries: number; balances: string; audits: number }>(
    `SELECT (SELECT count(*) FROM point_operation)::int AS operations, (SELECT count(*) FROM point_entry)::int AS entries,
            (SELECT md5(string_agg(id || ':' || balance, ',' ORDER BY id)) FROM point_account) AS balances,
            (SELECT count(*) FROM audit_log WHERE action LIKE 'points.%')::int AS audits`,
  );
  return row;
}
