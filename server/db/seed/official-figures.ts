// Demo official figures (官方统计数) of 广东省总工会 for 2024, beside the platform's own figures on the
// dashboard (一屏总览): 155,000 unions, 22,147,000 members, 1,560,000 gig members, 799 模范职工之家
// (research NEXT-CAPABILITIES §5; design docs/design/enterprise-file.md §7).
import type { Db } from '../client.ts';
import { DEMO_ORGS } from './demo-keys.ts';

export const GUANGDONG_2024 = { unions: 155_000, members: 22_147_000, gigMembers: 1_560_000, modelHomes: 799 } as const;

/** Records the province's 2024 official figures; returns how many figures. */
export async function loadDemoOfficialFigures(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>(
    `WITH p AS (SELECT id FROM org WHERE name = $1), s AS (SELECT id FROM staff WHERE username = 'admin')
     INSERT INTO official_figure (org_id, year, key, value, source, recorded_by)
     SELECT p.id, 2024, f.key, f.value, '广东省总工会 2024 年工会统计年报', (SELECT id FROM s)
       FROM p, (VALUES ('unions', $2::bigint), ('members', $3::bigint), ('gigMembers', $4::bigint), ('modelHomes', $5::bigint)) AS f (key, value)
     ON CONFLICT DO NOTHING RETURNING 1 AS n`,
    [DEMO_ORGS.province, GUANGDONG_2024.unions, GUANGDONG_2024.members, GUANGDONG_2024.gigMembers, GUANGDONG_2024.modelHomes],
  );
  return rows.length;
}
