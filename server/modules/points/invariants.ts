// The ledger's invariants, checked by `npx tsx scripts/points-invariants.ts` and by the tests:
// each operation sums to zero; each balance equals the sum of its entries; no member balance is
// below zero; issued − redeemed − expired = outstanding (over all member accounts).
import type { Queryable } from '../../db/client.ts';

export interface PointInvariants {
  ok: boolean;
  violations: string[];
  figures: { operations: number; entries: number; issued: number; redeemed: number; expired: number; outstanding: number };
}

export async function checkPointInvariants(q: Queryable): Promise<PointInvariants> {
  const violations: string[] = [];
  const unbalanced = await q.query<{ id: number; sum: number }>(
    `SELECT operation_id AS id, sum(amount)::bigint AS sum FROM point_entry GROUP BY operation_id HAVING sum(amount) <> 0 ORDER BY 1 LIMIT 20`,
  );
  for (const u of unbalanced) violations.push(`operation ${u.id}: entries sum to ${u.sum}, not 0`);
  const drifted = await q.query<{ id: number; balance: number; sum: number }>(
    `SELECT a.id, a.balance, coalesce(e.sum, 0)::bigint AS sum
       FROM point_account a LEFT JOIN (SELECT account_id, sum(amount) AS sum FROM point_entry GROUP BY account_id) e ON e.account_id = a.id
      WHERE a.balance <> coalesce(e.sum, 0) ORDER BY a.id LIMIT 20`,
  );
  for (const d of drifted) violations.push(`account ${d.id}: balance ${d.balance} ≠ sum of its entries ${d.sum}`);
  const negative = await q.query<{ id: number; balance: number }>(
    `SELECT id, balance FROM point_account WHERE kind = 'member' AND balance < 0 ORDER BY id LIMIT 20`,
  );
  for (const n of negative) violations.push(`member account ${n.id}: balance ${n.balance} below zero`);
  const [f] = await q.query<PointInvariants['figures']>(
    `SELECT (SELECT count(*) FROM point_operation)::bigint AS operations,
            (SELECT count(*) FROM point_entry)::bigint AS entries,
            coalesce(sum(e.amount) FILTER (WHERE e.counts_as = 'issue'), 0)::bigint AS issued,
            coalesce(-sum(e.amount) FILTER (WHERE e.counts_as = 'redeem'), 0)::bigint AS redeemed,
            coalesce(-sum(e.amount) FILTER (WHERE e.counts_as = 'expire'), 0)::bigint AS expired,
            (SELECT coalesce(sum(balance), 0) FROM point_account WHERE kind = 'member')::bigint AS outstanding
       FROM point_entry e JOIN point_account a ON a.id = e.account_id AND a.kind = 'member'`,
  );
  const figures = f!;
  if (figures.issued - figures.redeemed - figures.expired !== figures.outstanding) {
    violations.push(`issued ${figures.issued} − redeemed ${figures.redeemed} − expired ${figures.expired} ≠ outstanding ${figures.outstanding}`);
  }
  return { ok: violations.length === 0, violations, figures };
}
