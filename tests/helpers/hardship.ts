// Hardship files in tests: members to file for, a file made over HTTP, staff of a given role, and a
// digest of the tables to show that a refusal wrote nothing.
import { orgIdOf } from './activities.ts';
import type { Session, TestApp } from './harness.ts';

let seq = 0;

/** Active members of a union's subtree (`org`: an id or a name) with no file at all, lowest ids first. */
export async function membersWithoutFile(t: TestApp, org: number | string, n: number): Promise<number[]> {
  const rows = await t.db.query<{ id: number }>(
    `SELECT m.id FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active'
        AND NOT EXISTS (SELECT 1 FROM hardship_file f WHERE f.member_id = m.id)
      ORDER BY m.id LIMIT $2`,
    [await orgIdOf(t, org), n],
  );
  if (rows.length < n) throw new Error(`only ${rows.length} members without a file under org ${org}`);
  return rows.map((r) => r.id);
}

export function fileBody(memberId: number, over: Record<string, unknown> = {}) {
  return {
    memberId,
    filedOn: '2026-01-05',
    causes: ['illness', 'schooling'],
    causeNote: '配偶患病长期住院，两个孩子上学',
    householdSize: 4,
    incomeBand: '1000_2000',
    household: [
      { relation: '配偶', name: '林秀英', age: 41, healthNote: '慢性肾病', occupationNote: '无业' },
      { relation: '子女', name: '陈小明', age: 15, occupationNote: '初中在读' },
    ],
    planText: '申请医疗救助和金秋助学',
    planMeasures: ['医疗救助', '金秋助学'],
    ...over,
  };
}

/** Files a household over HTTP; returns the file id. */
export async function createFile(t: TestApp, as: Session, memberId: number, over: Record<string, unknown> = {}): Promise<number> {
  const res = await t.request('POST', '/api/hardship/files', { as, body: fileBody(memberId, over) });
  if (res.statusCode !== 201) throw new Error(`POST /api/hardship/files: ${res.statusCode} ${res.body}`);
  return res.json<{ id: number }>().id;
}

/** A new staff account of the given roles at an org (an id or a name), logged in. */
export async function staffWithRoles(t: TestApp, admin: Session, org: number | string, roles: string[]): Promise<Session> {
  const username = `hs-${roles.join('-')}-${process.pid % 1000}-${++seq}`;
  const password = 'Hardship-test-2026';
  const res = await t.request('POST', '/api/staff', {
    as: admin,
    body: { orgId: await orgIdOf(t, org), username, displayName: `帮扶测试${seq}`, roles, password },
  });
  if (res.statusCode !== 201) throw new Error(`POST /api/staff: ${res.statusCode} ${res.body}`);
  return t.login(username, password);
}

/** Rows of every hardship table and the member groups, to show a refusal wrote nothing. */
export async function hardshipDigest(t: TestApp) {
  const [row] = await t.db.query<Record<string, unknown>>(
    `SELECT (SELECT md5(coalesce(string_agg(id || status || causes::text || plan_text || coalesce(exit_reason, ''), ',' ORDER BY id), '')) FROM hardship_file) AS files,
            (SELECT count(*) FROM hardship_household_member)::int AS household,
            (SELECT count(*) FROM hardship_status_event)::int AS events,
            (SELECT count(*) FROM hardship_visit)::int AS visits,
            (SELECT count(*) FROM hardship_aid)::int AS aid,
            (SELECT md5(coalesce(string_agg(org_id || ':' || year || ':' || exits, ','), '')) FROM hardship_target) AS targets,
            (SELECT count(*) FROM member WHERE 'hardship' = ANY(groups))::int AS flagged,
            (SELECT count(*) FROM audit_log WHERE action LIKE 'hardship.%' AND action <> 'hardship.details_read')::int AS audits`,
  );
  return row;
}
