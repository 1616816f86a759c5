// The scope gate's test, for the subtree dashboard (一屏总览, issue 16): how to aim each dashboard
// and official-figures route at 阳江 (tests/scope.test.ts spreads it into its map). The routes name a
// union only, so nothing is made: ids.yangjiang is the demo's.
type Ids = Record<string, number>;

export function dashboardOutOfScope(ids: Ids) {
  const at = () => `orgId=${ids.yangjiang}&from=2025-01&to=2025-06`;
  return {
    'GET /api/dashboard': { query: at },
    'GET /api/dashboard/children': { query: at },
    'GET /api/dashboard/report.xlsx': { query: at },
    'GET /api/official-figures': { query: () => `orgId=${ids.yangjiang}` },
  };
}
