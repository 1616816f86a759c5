// The scope gate's test, for the register of employers (issue 16): an employer of 阳江 (by its
// town) and one of 化州 to merge into, and how to aim each register route at them (tests/scope.test.ts
// spreads it into its map). The import routes name no record (towns are matched by name within the
// caller's own scope): they are in the test's unscoped set.
import type { TestApp } from './harness.ts';
import { newKey } from './points.ts';

type Ids = Record<string, number>;
export interface Aim {
  id?: () => number;
  query?: () => string;
  body?: () => unknown;
  headers?: () => Record<string, string>;
}

const withKey = () => ({ 'idempotency-key': newKey() });

/** Makes 阳江's employer and 化州's (ids.yangjiangTown and ids.shiwan set) and records their ids. */
export async function makeOutOfScopeEnterprises(t: TestApp, ids: Ids): Promise<void> {
  ids.yangjiangEnterprise = (await t.make.enterprise({ town: ids.yangjiangTown!, name: '阳江市越权测试单位有限公司', employees: 30 })).id;
  ids.huazhouEnterprise = (await t.make.enterprise({ town: ids.shiwan!, name: '化州市越权测试保留单位有限公司' })).id;
}

/** Each register route aimed at 阳江, with an otherwise valid request. */
export const enterprisesOutOfScope = (ids: Ids): Record<string, Aim> => ({
  'GET /api/enterprises': { query: () => `orgId=${ids.yangjiang}` },
  'POST /api/enterprises': { body: () => ({ name: '越权新增的单位有限公司', townId: ids.yangjiangTown }), headers: withKey },
  'POST /api/enterprises/{id}/merge': { id: () => ids.yangjiangEnterprise!, body: () => ({ intoId: ids.huazhouEnterprise }) },
  'GET /api/enterprises/export.xlsx': { query: () => `orgId=${ids.yangjiang}` },
});
