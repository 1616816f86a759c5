// The places' 强基 metric (职工之家 in service) for the strengthening module's score cards. Design: enterprise-file.md §6.
import type { MetricAt, MetricRow } from '../../../contracts/strengthening.ts';
import type { Queryable } from '../../db/client.ts';
import { workersHomeByUnion } from './strengthening-metrics.repo.ts';

export async function placeMetrics(q: Queryable, at: MetricAt): Promise<MetricRow[]> {
  const rows = await workersHomeByUnion(q, at.root);
  return rows.map((r) => ({ orgId: r.orgId, values: { workersHome: r.workersHome } }));
}
