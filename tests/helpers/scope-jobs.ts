// The scope gate's test, for jobs and fairs (issue 17 slice C): a fair of 阳江 with a job (its contact
// sealed) that 化州's staff must not reach, and how to aim each job route at them (tests/scope.test.ts
// spreads it into its map).
import type { Session, TestApp } from './harness.ts';
import { newKey } from './points.ts';
import { multipart } from './rosters.ts';
import { daysAhead, ensureTestSkills, jobBody } from './jobs.ts';

type Ids = Record<string, number>;

const withKey = () => ({ 'idempotency-key': newKey() });
const importForm = multipart({}, { name: '岗位.xlsx', content: Buffer.from('PK not really a workbook') });

/** Makes 阳江's fair and job as the yangjiang account (ids.yangjiang, ids.yangjiangTown set); records their ids and the test skills'. */
export async function makeOutOfScopeJobs(t: TestApp, ids: Ids, yangjiang: Session): Promise<void> {
  const skills = await ensureTestSkills(t);
  ids.testSkill = skills.forklift;
  const fair = await t.request('POST', '/api/job-fairs', {
    as: yangjiang,
    body: { orgId: ids.yangjiang, title: '阳江市春送岗位招聘会（越权测试用）', heldOn: daysAhead(10), startsAt: '09:00', endsAt: '12:00', address: '阳江市某广场' },
  });
  ids.yangjiangFair = fair.json().id;
  const job = await t.request('POST', '/api/jobs', {
    as: yangjiang,
    body: jobBody(ids.yangjiang!, ids.yangjiangTown!, skills, { fairId: ids.yangjiangFair, employerName: '阳江市越权测试五金有限公司', lat: 21.86, lng: 111.98 }),
    headers: withKey(),
  });
  ids.yangjiangJob = job.json().id;
}

export function jobsOutOfScope(ids: Ids) {
  const skills = () => [{ skillId: ids.testSkill, minLevel: 2, essential: true }];
  return {
    'GET /api/jobs': { query: () => `orgId=${ids.yangjiang}` },
    'POST /api/jobs': {
      headers: withKey,
      body: () => ({ orgId: ids.yangjiang, employerName: '越权发布单位', title: '越权岗位', townId: ids.yangjiangTown, address: '阳江市某路', wageMin: 3000, wageMax: 4000, shift: 'day', employment: 'fulltime', headcount: 1, validUntil: daysAhead(30), skills: skills() }),
    },
    'GET /api/jobs/{id}': { id: () => ids.yangjiangJob! },
    'PATCH /api/jobs/{id}': { id: () => ids.yangjiangJob!, body: () => ({ headcount: 9 }) },
    'POST /api/jobs/{id}/close': { id: () => ids.yangjiangJob!, body: () => ({ reason: '越权结束' }), headers: withKey },
    'POST /api/jobs/{id}/withdraw': { id: () => ids.yangjiangJob!, body: () => ({ reason: '越权撤回' }), headers: withKey },
    'POST /api/jobs/{id}/contact/reveal': { id: () => ids.yangjiangJob!, body: () => ({ reason: '越权查看联系人' }) },
    'GET /api/job-fairs': { query: () => `orgId=${ids.yangjiang}` },
    'POST /api/job-fairs': { body: () => ({ orgId: ids.yangjiang, title: '越权招聘会', heldOn: daysAhead(5), startsAt: '09:00', endsAt: '11:00', address: '阳江市某路' }) },
    'GET /api/job-fairs/{id}': { id: () => ids.yangjiangFair! },
    'PATCH /api/job-fairs/{id}': { id: () => ids.yangjiangFair!, body: () => ({ title: '越权修改招聘会' }) },
    'POST /api/job-fairs/{id}/cancel': { id: () => ids.yangjiangFair!, body: () => ({ reason: '越权取消' }) },
    'POST /api/job-fairs/{id}/import': { id: () => ids.yangjiangFair!, body: () => importForm.payload, headers: () => ({ ...importForm.headers, ...withKey() }) },
    'POST /api/job-fairs/{id}/import/errors': { id: () => ids.yangjiangFair!, body: () => importForm.payload, headers: () => importForm.headers },
  };
}

/** Job routes that name no record of another subtree. */
export const jobsUnscoped = [
  // the template is the same for everyone
  'GET /api/job-fairs/import-template',
  // the member's own reach (a job of another union's subtree is 404: server/modules/jobs/jobs.test.ts)
  'GET /api/me/jobs',
  'GET /api/me/jobs/{id}',
];
