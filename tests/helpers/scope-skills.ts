// The scope gate's test, for skills (issue 17 slice A): a certificate of a 阳江 member, unverified, that
// 化州's staff must not verify or list, and how to aim each staff skills route at 阳江 (tests/scope.test.ts
// spreads it into its map). The member's own routes name no record of another subtree: listed in
// `skillsUnscoped`.
import type { TestApp } from './harness.ts';

type Ids = Record<string, number>;

/** A certificate of 阳江's member (ids.yangjiangMember), written as the member's own route would. */
export async function makeOutOfScopeSkills(t: TestApp, ids: Ids): Promise<void> {
  const number = 'S00002026440900001';
  const [row] = await t.db.query<{ id: number }>(
    `INSERT INTO certificate (member_id, family, skill_id, level, number_enc, number_hash, number_masked, issuer, issued_on)
     SELECT $1, 'skillLevel', id, 3, $2, $3, 'S0000…0001', '阳江市职业技能鉴定指导中心', '2026-03-01' FROM skill WHERE code = 'F-0001'
     RETURNING id::int AS id`,
    [ids.yangjiangMember, t.pii.encrypt(number), t.pii.hash(number)],
  );
  ids.yangjiangCertificate = row!.id;
}

export function skillsOutOfScope(ids: Ids) {
  return {
    'GET /api/skill-register': { query: () => `orgId=${ids.yangjiang}` },
    'GET /api/certificates': { query: () => `orgId=${ids.yangjiang}` },
    'POST /api/certificates/{id}/verify': { id: () => ids.yangjiangCertificate! },
  };
}

/** The taxonomy (the same for everyone) and the member's own skills, certificates and job profile. */
export const skillsUnscoped = [
  'GET /api/skills',
  'GET /api/me/skills',
  'POST /api/me/skills',
  'DELETE /api/me/skills/{id}',
  'GET /api/me/certificates',
  'POST /api/me/certificates',
  'GET /api/me/job-profile',
  'PUT /api/me/job-profile',
  'POST /api/me/job-profile/consent',
  'POST /api/me/job-profile/withdraw',
];
