// Activities in tests: a valid publication aimed at a union, and demo members of a subtree logged in
// on their phones (the phone on file links the worker to the member at first log-in).
import { randomUUID } from 'node:crypto';
import type { Session, TestApp } from './harness.ts';
import { loginWorker } from './workers.ts';

const HOUR = 3600_000;
export const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

/** A first-come activity of `orgId`, open for sign-up now, starting in two days. */
export function activityBody(orgId: number, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: '职工疗休养（第一期）',
    kind: 'retreat',
    orgId,
    places: 5,
    allocation: 'first_come',
    signupOpensAt: inHours(-1),
    signupClosesAt: inHours(24),
    startsAt: inHours(48),
    location: '化州市橘州公园',
    ...over,
  };
}

export interface MemberSession extends Session {
  phone: string;
  memberId: number;
  name: string;
}

let used = new Set<number>();

/**
 * `n` active members of the subtree of `org` (an id, e.g. `await t.demoOrg('huazhou')`, or a name)
 * with a phone, each logged in on the phone (a member is used once per test file). `where` narrows
 * them (SQL on member m).
 */
export async function memberSessions(t: TestApp, admin: Session, org: number | string, n: number, where = 'true'): Promise<MemberSession[]> {
  const rows = await t.db.query<{ id: number; phoneEnc: Buffer; name: string }>(
    `SELECT m.id, m.phone_enc AS "phoneEnc", m.name FROM member m JOIN org o ON o.id = m.org_id
      WHERE o.path <@ (SELECT path FROM org WHERE id = $1) AND m.status = 'active' AND m.phone_enc IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM worker w WHERE w.member_id = m.id) AND NOT (m.id = ANY($2::bigint[])) AND ${where}
      ORDER BY m.id LIMIT $3`,
    [await orgIdOf(t, org), [...used], n],
  );
  if (rows.length < n) throw new Error(`only ${rows.length} members of org ${org} match`);
  const out: MemberSession[] = [];
  for (const r of rows) {
    used.add(r.id);
    const s = await loginWorker(t, admin, t.pii.decrypt(r.phoneEnc));
    out.push({ ...s, memberId: r.id, name: r.name });
  }
  return out;
}

/** An org given by id (the demo's by key: t.demoOrg) or, for callers that hold one, by name. */
export async function orgIdOf(t: Pick<TestApp, 'orgId'>, org: number | string): Promise<number> {
  return typeof org === 'number' ? org : t.orgId(org);
}

export function resetUsedMembers(): void {
  used = new Set();
}

export const newKey = () => randomUUID();

/** POST a sign-up with a fresh (or given) Idempotency-Key. */
export async function signUp(t: TestApp, as: Session, activityId: number, opts: { key?: string; body?: unknown } = {}) {
  return t.request('POST', `/api/activities/${activityId}/signups`, {
    as,
    headers: { 'idempotency-key': opts.key ?? newKey() },
    ...(opts.body !== undefined ? { body: opts.body } : {}),
  });
}
