// The metric providers of 强基 score cards: each owning module computes its metrics for every union of a
// subtree in one statement; this registry only merges them (services only: the module walls hold).
import type { MetricAt, MetricRow } from '../../../contracts/strengthening.ts';
import type { Queryable } from '../../db/client.ts';
import { activityMetrics } from '../activities/strengthening-metrics.service.ts';
import { enterpriseMetrics } from '../enterprises/strengthening-metrics.service.ts';
import { placeMetrics } from '../places/strengthening-metrics.service.ts';
import { ticketMetrics } from '../tickets/strengthening-metrics.service.ts';

const providers: readonly ((q: Queryable, at: MetricAt) => Promise<MetricRow[]>)[] = [enterpriseMetrics, activityMetrics, ticketMetrics, placeMetrics];

/** Every metric of every active grassroots union under `at.root`, by union id. */
export async function metricsUnder(q: Queryable, at: MetricAt): Promise<Map<number, MetricRow['values']>> {
  const out = new Map<number, MetricRow['values']>();
  for (const provide of providers) {
    for (const row of await provide(q, at)) {
      out.set(row.orgId, { ...out.get(row.orgId), ...row.values });
    }
  }
  return out;
}
