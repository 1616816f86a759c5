// The activities' 强基 metric (会员活动参与率) for the strengthening module's score cards. Design: enterprise-file.md §6.
import type { MetricAt, MetricRow } from '../../../contracts/strengthening.ts';
import type { Queryable } from '../../db/client.ts';
import { participationByUnion } from './strengthening-metrics.repo.ts';

export async function activityMetrics(q: Queryable, at: MetricAt): Promise<MetricRow[]> {
  const rows = await participationByUnion(q, at.root, at.start, at.end);
  return rows.map((r) => ({ orgId: r.orgId, values: { participation: r.participation } }));
}
