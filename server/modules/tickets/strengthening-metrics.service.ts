// The tickets' 强基 metric (维权工单按期办结率) for the strengthening module's score cards. Design: enterprise-file.md §6.
import type { MetricAt, MetricRow } from '../../../contracts/strengthening.ts';
import type { Queryable } from '../../db/client.ts';
import { onTimeByUnion } from './strengthening-metrics.repo.ts';

export async function ticketMetrics(q: Queryable, at: MetricAt): Promise<MetricRow[]> {
  const rows = await onTimeByUnion(q, at.root, at.start, at.end);
  return rows.map((r) => ({ orgId: r.orgId, values: { ticketsOnTime: r.ticketsOnTime } }));
}
