// Members, their history and cards: SQL only. Staff reads go through the scope gate. Applications
// to join are in applications.repo.ts.
import type { Queryable } from '../../db/client.ts';
import { sqlConditions } from '../../db/conditions.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, within } from '../../http/scope.ts';
import { cardNumberFor } from '../../lib/card-number.ts';
import type { ApplicationRow } from './applications.repo.ts';

/** A new member from an approved application; the member number follows from the id. */
export async function insertMember(q: Queryable, a: ApplicationRow, namePinyin: string): Promise<{ id: number; memberNo: string }> {
  const [r] = await q.query<{ id: number; memberNo: string }>(
    `WITH next AS (SELECT nextval(pg_get_serial_sequence('member', 'id')) AS id)
     INSERT INTO member (id, org_id, member_no, name, name_pinyin, sex, birth_date, id_number_enc, id_number_hash,
                         id_number_masked, phone_enc, phone_hash, phone_masked, employer_name, gig_platform, groups,
                         status, joined_on, enterprise_id)
     SELECT next.id, $1, 'GH' || lpad(next.id::text, 10, '0'), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
            'active', current_date, $15
       FROM next
     RETURNING id, member_no AS "memberNo"`,
    [
      a.orgId, a.name, namePinyin, a.sex, a.birthDate, a.idNumberEnc, a.idNumberHash, a.idNumberMasked, a.phoneEnc, a.phoneHash,
      a.phoneMasked, a.employerName, a.gigPlatform, a.groups, a.enterpriseId,
    ],
  );
  await q.query(`INSERT INTO member_identity (id_number_hash, member_id) VALUES ($1, $2)`, [a.idNumberHash, r!.id]);
  return r!;
}

/** A person who left comes back: the same member, number and history, in a new union. */
export async function reactivateMember(q: Queryable, memberId: number, a: ApplicationRow): Promise<void> {
  await q.query(
    `UPDATE member SET org_id = $2, status = 'active', employer_name = $3, gig_platform = $4, enterprise_id = $5,
            phone_enc = coalesce($6, phone_enc), phone_hash = coalesce($7, phone_hash), phone_masked = coalesce($8, phone_masked),
            groups = $9, updated_at = now()
      WHERE id = $1`,
    [memberId, a.orgId, a.employerName, a.gigPlatform, a.enterpriseId, a.phoneEnc, a.phoneHash, a.phoneMasked, a.groups],
  );
}

/** The phone that applied becomes the member's log-in (a returning member may have a new phone). */
export async function linkWorker(q: Queryable, workerId: number, memberId: number): Promise<void> {
  await q.query(`UPDATE worker SET member_id = NULL WHERE member_id = $2 AND id <> $1`, [workerId, memberId]);
  await q.query(`UPDATE worker SET member_id = $2 WHERE id = $1`, [workerId, memberId]);
}

export interface NewEvent {
  memberId: number;
  kind: string;
  fromStatus?: string | null;
  toStatus?: string | null;
  fromOrgId?: number | null;
  toOrgId?: number | null;
  reason?: string | null;
  actorKind: 'staff' | 'member' | 'system';
  actorId?: number | null;
}

export async function insertEvent(q: Queryable, e: NewEvent): Promise<void> {
  await q.query(
    `INSERT INTO member_event (member_id, kind, from_status, to_status, from_org_id, to_org_id, reason, actor_kind, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [e.memberId, e.kind, e.fromStatus ?? null, e.toStatus ?? null, e.fromOrgId ?? null, e.toOrgId ?? null, e.reason ?? null, e.actorKind, e.actorId ?? null],
  );
}

/** Issues the member's card, or reactivates the one it had. */
export async function issueCard(q: Queryable, memberId: number): Promise<string> {
  const cardNo = cardNumberFor(memberId);
  await q.query(
    `INSERT INTO card (member_id, card_no) VALUES ($1, $2)
     ON CONFLICT (member_id) DO UPDATE SET status = 'active', revoked_at = NULL, revoke_reason = NULL`,
    [memberId, cardNo],
  );
  return cardNo;
}

export interface MemberRow {
  id: number;
  memberNo: string | null;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  orgId: number;
  orgName: string;
  orgPath: string;
  employerName: string | null;
  gigPlatform: string | null;
  groups: string[];
  status: string;
  joinedOn: string;
}

const memberColumns = `m.id, m.member_no AS "memberNo", m.name, m.sex, m.birth_date::text AS "birthDate",
  m.id_number_masked AS "idNumberMasked", m.phone_masked AS "phoneMasked", m.org_id AS "orgId", o.name AS "orgName",
  o.path::text AS "orgPath", m.employer_name AS "employerName", m.gig_platform AS "gigPlatform", m.groups, m.status,
  m.joined_on::text AS "joinedOn"`;

export interface MemberFilter {
  underPath?: OrgPath | undefined;
  nameLike?: string | undefined;
  namePairs?: string[] | undefined;
  phoneHash?: Buffer | undefined;
  memberNo?: string | undefined;
  status?: string | undefined;
  group?: string | undefined;
  joinedFrom?: string | undefined;
  joinedTo?: string | undefined;
  /** members whose employer is this one (its scope checked by the service) */
  enterpriseId?: number | undefined;
  limit: number;
  offset: number;
}

export async function findMembers(q: Queryable, scope: Scope, f: MemberFilter): Promise<{ items: MemberRow[]; total: number }> {
  const { params, where, add } = sqlConditions([scope.path], [scopeFilter('o.path', 1)]);
  if (f.underPath) add(f.underPath, (p) => within('o.path', `${p}::ltree`));
  if (f.phoneHash) add(f.phoneHash, (p) => `m.phone_hash = ${p}`);
  if (f.memberNo) add(f.memberNo, (p) => `m.member_no = ${p}`);
  if (f.namePairs && f.namePairs.length > 0) add(f.namePairs, (p) => `m.name_bigrams @> ${p}::text[]`);
  if (f.nameLike) add(f.nameLike, (p) => `m.name LIKE ${p}`);
  if (f.status) add(f.status, (p) => `m.status = ${p}`);
  if (f.group) add(f.group, (p) => `${p} = ANY(m.groups)`);
  if (f.joinedFrom) add(f.joinedFrom, (p) => `m.joined_on >= ${p}::date`);
  if (f.joinedTo) add(f.joinedTo, (p) => `m.joined_on <= ${p}::date`);
  if (f.enterpriseId !== undefined) add(f.enterpriseId, (p) => `m.enterprise_id = ${p}`);
  const w = where.join(' AND ');
  const from = `member m JOIN org o ON o.id = m.org_id`;
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${from} WHERE ${w}`, params);
  const items = await q.query<MemberRow>(
    `SELECT ${memberColumns} FROM ${from} WHERE ${w} ORDER BY m.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

/** One member in the scope; undefined outside it. */
export async function getMemberInScope(q: Queryable, scope: Scope, id: number, lock = false): Promise<MemberRow | undefined> {
  const rows = await q.query<MemberRow>(
    `SELECT ${memberColumns} FROM member m JOIN org o ON o.id = m.org_id
      WHERE m.id = $1 AND ${scopeFilter('o.path', 2)} ${lock ? 'FOR UPDATE OF m' : ''}`,
    [id, scope.path],
  );
  return rows[0];
}

export async function getMember(q: Queryable, id: number, lock = false): Promise<MemberRow | undefined> {
  const rows = await q.query<MemberRow>(
    `SELECT ${memberColumns} FROM member m JOIN org o ON o.id = m.org_id WHERE m.id = $1 ${lock ? 'FOR UPDATE OF m' : ''}`,
    [id],
  );
  return rows[0];
}

export async function getMemberSecrets(q: Queryable, id: number) {
  const [r] = await q.query<{ idNumberEnc: Buffer; phoneEnc: Buffer | null }>(
    `SELECT id_number_enc AS "idNumberEnc", phone_enc AS "phoneEnc" FROM member WHERE id = $1`,
    [id],
  );
  return r;
}

export async function findMemberEvents(q: Queryable, memberId: number) {
  return q.query<{
    id: number;
    at: Date | string;
    kind: string;
    fromStatus: string | null;
    toStatus: string | null;
    fromOrgId: number | null;
    fromOrgName: string | null;
    toOrgId: number | null;
    toOrgName: string | null;
    reason: string | null;
    actorKind: string;
  }>(
    `SELECT e.id, e.at, e.kind, e.from_status AS "fromStatus", e.to_status AS "toStatus",
            e.from_org_id AS "fromOrgId", fo.name AS "fromOrgName", e.to_org_id AS "toOrgId", t.name AS "toOrgName",
            e.reason, e.actor_kind AS "actorKind"
       FROM member_event e LEFT JOIN org fo ON fo.id = e.from_org_id LEFT JOIN org t ON t.id = e.to_org_id
      WHERE e.member_id = $1 ORDER BY e.id`,
    [memberId],
  );
}

export async function getCard(q: Queryable, memberId: number) {
  const [r] = await q.query<{ cardNo: string; status: string; bankName: string | null; bankCardMasked: string | null }>(
    `SELECT card_no AS "cardNo", status, bank_name AS "bankName", bank_card_masked AS "bankCardMasked" FROM card WHERE member_id = $1`,
    [memberId],
  );
  return r;
}

export async function setCardStatus(q: Queryable, memberId: number, active: boolean, reason: string | null): Promise<void> {
  await q.query(
    `UPDATE card SET status = $2, revoked_at = CASE WHEN $2 = 'revoked' THEN now() END, revoke_reason = $3 WHERE member_id = $1`,
    [memberId, active ? 'active' : 'revoked', active ? null : reason],
  );
}

export async function setMemberStatus(q: Queryable, memberId: number, status: string): Promise<void> {
  await q.query(`UPDATE member SET status = $2, updated_at = now() WHERE id = $1`, [memberId, status]);
}

export async function moveMember(
  q: Queryable,
  memberId: number,
  m: { orgId: number; employerName: string | null; enterpriseId: number | null; gigPlatform: string | null },
): Promise<void> {
  await q.query(
    `UPDATE member SET org_id = $2, status = 'active', employer_name = coalesce($3, employer_name),
            enterprise_id = coalesce($4, enterprise_id), gig_platform = coalesce($5, gig_platform), updated_at = now()
      WHERE id = $1`,
    [memberId, m.orgId, m.employerName, m.enterpriseId, m.gigPlatform],
  );
}

/** The worker's phone, sealed as stored: an application takes it as it is. */
export async function getWorkerPhone(q: Queryable, workerId: number): Promise<{ phoneEnc: Buffer | null; phoneHash: Buffer | null; phoneMasked: string | null }> {
  const [r] = await q.query<{ phoneEnc: Buffer; phoneHash: Buffer; phoneMasked: string }>(
    `SELECT phone_enc AS "phoneEnc", phone_hash AS "phoneHash", phone_masked AS "phoneMasked" FROM worker WHERE id = $1`,
    [workerId],
  );
  return r ?? { phoneEnc: null, phoneHash: null, phoneMasked: null };
}

/** A worker's phone (sealed and masked) and, if a member, the member and its name. */
export async function getWorkerContact(q: Queryable, workerId: number) {
  const [r] = await q.query<{ memberId: number | null; memberName: string | null; phoneEnc: Buffer; phoneMasked: string }>(
    `SELECT m.id AS "memberId", m.name AS "memberName", w.phone_enc AS "phoneEnc", w.phone_masked AS "phoneMasked"
       FROM worker w LEFT JOIN member m ON m.id = w.member_id WHERE w.id = $1`,
    [workerId],
  );
  return r;
}

/** Re-points members, their applications and transfers from a duplicate employer to the kept one (enterprise merge). */
export async function reassignEnterprise(q: Queryable, fromId: number, toId: number): Promise<{ members: number; applications: number; transfers: number }> {
  const [m] = await q.query<{ n: number }>(
    `WITH u AS (UPDATE member SET enterprise_id = $2 WHERE enterprise_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
    [fromId, toId],
  );
  const [a] = await q.query<{ n: number }>(
    `WITH u AS (UPDATE member_application SET enterprise_id = $2 WHERE enterprise_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
    [fromId, toId],
  );
  const [t] = await q.query<{ n: number }>(
    `WITH u AS (UPDATE member_transfer SET enterprise_id = $2 WHERE enterprise_id = $1 RETURNING 1) SELECT count(*)::int AS n FROM u`,
    [fromId, toId],
  );
  return { members: m?.n ?? 0, applications: a?.n ?? 0, transfers: t?.n ?? 0 };
}
