// The enterprise file's 强基 metrics (入会率, 法人登记, committees, contracts, 厂务公开, 职代会) for the
// strengthening module's score cards, and the legal-person share for its tile. Design: enterprise-file.md §6.
import type { MetricAt, MetricRow } from '../../../contracts/strengthening.ts';
import type { Queryable } from '../../db/client.ts';
import { legalPersonShares, unionFileMetrics } from './strengthening-metrics.repo.ts';

export async function enterpriseMetrics(q: Queryable, at: MetricAt): Promise<MetricRow[]> {
  const rows = await unionFileMetrics(q, at.root, at.today);
  return rows.map(({ orgId, ...values }) => ({ orgId, values }));
}

/** Active grassroots unions registered as legal persons ÷ active grassroots unions: the root's and each child's. */
export async function legalPersonRate(q: Queryable, root: string, children: readonly { id: number; path: string }[]) {
  const rows = await legalPersonShares(q, root);
  let registered = 0;
  let unions = 0;
  const byHead = new Map(rows.map((r) => [r.head, r]));
  for (const r of rows) {
    registered += r.registered;
    unions += r.unions;
  }
  const byChild = new Map<number, number | null>();
  for (const c of children) {
    const r = byHead.get(c.path);
    byChild.set(c.id, r && r.unions > 0 ? r.registered / r.unions : null);
  }
  return { root: unions > 0 ? registered / unions : null, byChild };
}
