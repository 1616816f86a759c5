// The scope gate's test, for 强基工程 (issue 16): 阳江's published indicator set and a
// self-assessment of 阳江's union that 化州's staff must not reach, and how to aim each route at them
// (tests/scope.test.ts spreads it into its map).
import type { Session, TestApp } from './harness.ts';

type Ids = Record<string, number>;
export interface Aim {
  id?: () => number;
  query?: () => string;
  body?: () => unknown;
}

/** Makes 阳江's set (published, 2029) and a pending self-assessment of ids.yangjiangUnion; records ids.yangjiangIndicatorSet, ids.yangjiangAssessment. */
export async function makeOutOfScopeStrengthening(t: TestApp, ids: Ids, yangjiang: Session): Promise<void> {
  const set = await t.request('POST', '/api/indicator-sets', { as: yangjiang, body: { year: 2029, name: '阳江强基测试指标', fromExample: true } });
  ids.yangjiangIndicatorSet = set.json().id;
  await t.request('POST', `/api/indicator-sets/${ids.yangjiangIndicatorSet}/publish`, { as: yangjiang });
  const [a] = await t.db.query<{ id: number }>(
    `INSERT INTO assessment (set_id, indicator_id, org_id, claim_note)
     SELECT i.set_id, i.id, $2, '阳江自评（越权测试用）' FROM indicator i WHERE i.set_id = $1 AND i.measure = 'self' ORDER BY i.position LIMIT 1
     RETURNING id::int AS id`,
    [ids.yangjiangIndicatorSet, ids.yangjiangUnion],
  );
  ids.yangjiangAssessment = a!.id;
}

/** Each 强基 route that names a record, aimed at 阳江. */
export function strengtheningOutOfScope(ids: Ids): Record<string, Aim> {
  const indicators = [{ code: 'legalPerson', name: '法人资格登记', weight: 100, measure: 'computed', metric: 'legalPerson', unit: 'bool', target: 1 }];
  return {
    'GET /api/indicator-sets/{id}': { id: () => ids.yangjiangIndicatorSet! },
    'PUT /api/indicator-sets/{id}': { id: () => ids.yangjiangIndicatorSet!, body: () => ({ name: '越权修改指标', modelHomeMinScore: 90, indicators }) },
    'POST /api/indicator-sets/{id}/adapt': { id: () => ids.yangjiangIndicatorSet!, body: () => ({}) },
    'POST /api/indicator-sets/{id}/publish': { id: () => ids.yangjiangIndicatorSet! },
    'GET /api/strengthening/cards/{orgId}': { id: () => ids.yangjiangUnion!, query: () => 'year=2029' },
    'GET /api/strengthening/rankings': { query: () => `orgId=${ids.yangjiang}&year=2029` },
    'POST /api/strengthening/assessments': { body: () => ({ orgId: ids.yangjiangUnion, indicatorId: 1 }) },
    'POST /api/strengthening/assessments/{id}/review': { id: () => ids.yangjiangAssessment!, body: () => ({ decision: 'approve' }) },
    'POST /api/strengthening/model-homes': { body: () => ({ orgId: ids.yangjiangUnion, year: 2029 }) },
  };
}

/** 强基 routes that name no record of another subtree: lists filtered by the gate, the template, a draft for the caller's own org. */
export const strengtheningUnscoped = [
  'GET /api/indicator-sets',
  'POST /api/indicator-sets',
  'GET /api/indicator-sets/example',
  'GET /api/strengthening/assessments',
  'GET /api/strengthening/model-homes',
] as const;
