// The scope gate's test, for the members' 24-month series (issue 16): 化州's staff aim the
// series at 阳江's subtree — it must answer 404 exactly as a missing org (tests/scope.test.ts spreads it).
import type { Aim } from './scope-places.ts';

type Ids = Record<string, number>;

export function seriesOutOfScope(ids: Ids): Record<string, Aim> {
  return {
    'GET /api/dashboard/series': { query: () => `orgId=${ids.yangjiang}` },
  };
}
