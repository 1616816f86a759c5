// The scope gate's test, for the enterprise file (issue 16): the records of 阳江 that 化州's staff
// must not reach — an employer of a town of 阳江 with its union, a fact with evidence — and how to aim
// each file and evidence route at them (tests/scope.test.ts spreads it into its map).
import { createHash } from 'node:crypto';
import type { TestApp } from './harness.ts';
import { newKey } from './points.ts';
import { multipart } from './rosters.ts';
import type { Aim } from './scope-places.ts';

type Ids = Record<string, number>;

const withKey = () => ({ 'idempotency-key': newKey() });
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);
const evidenceForm = multipart({}, { name: '越权.jpg', content: JPEG, type: 'image/jpeg' });

/** Makes 阳江's employer (in ids.yangjiangTown, its union ids.yangjiangUnion), a fact and its evidence. */
export async function makeOutOfScopeEnterpriseFile(t: TestApp, ids: Ids): Promise<void> {
  const e = await t.make.enterprise({ town: ids.yangjiangTown!, union: ids.yangjiangUnion!, name: '阳江越权测试档案有限公司', employees: 50 });
  ids.yangjiangEnterprise = e.id;
  const fact = await t.make.fact({ enterprise: e, kind: 'size', value: { employees: 60 } });
  ids.yangjiangFact = fact.id;
  const [ev] = await t.db.query<{ id: number }>(
    `INSERT INTO file_evidence (fact_id, org_path, file_name, mime, size_bytes, sha256, content_enc)
     SELECT $1, path, '阳江越权.jpg', 'image/jpeg', $2, $3, $4 FROM org WHERE id = $5 RETURNING id::int AS id`,
    [fact.id, JPEG.length, createHash('sha256').update(JPEG).digest(), t.pii.encrypt(JPEG.toString('base64')), ids.yangjiangTown],
  );
  ids.yangjiangEvidence = ev!.id;
}

export function enterpriseFileOutOfScope(ids: Ids): Record<string, Aim> {
  return {
    'GET /api/enterprises/{id}': { id: () => ids.yangjiangEnterprise! },
    'GET /api/enterprises/{id}/history': { id: () => ids.yangjiangEnterprise! },
    'POST /api/enterprises/{id}/facts': { id: () => ids.yangjiangEnterprise!, body: () => ({ kind: 'size', value: { employees: 70 }, asOf: '2026-01-01' }), headers: withKey },
    'POST /api/enterprises/{id}/move-parked': { id: () => ids.yangjiangEnterprise! },
    'POST /api/orgs/{id}/union-facts': { id: () => ids.yangjiangUnion!, body: () => ({ kind: 'chair', value: { name: '越权主席' }, asOf: '2026-01-01' }), headers: withKey },
    'POST /api/file-evidence': { query: () => `factId=${ids.yangjiangFact}`, body: () => evidenceForm.payload, headers: () => ({ ...evidenceForm.headers, ...withKey() }) },
    'GET /api/file-evidence/{id}': { id: () => ids.yangjiangEvidence! },
  };
}
