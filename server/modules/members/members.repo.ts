// Applications, members, their history and cards: SQL only. Staff reads go through the scope gate.
import type { Queryable } from '../../db/client.ts';
import type { Scope } from '../../http/scope.ts';
import { scopeFilter } from '../../http/scope.ts';
import { cardNumberFor } from '../../lib/card-number.ts';

export interface NewApplication {
  workerId: number | null;
  orgId: number;
  routeRule: string;
  routeReason: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumberEnc: Buffer;
  idNumberHash: Buffer;
  idNumberMasked: string;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  employerName: string | null;
  enterpriseId: number | null;
  gigPlatform: string | null;
  workOrgId: number | null;
  groups: string[];
  channel: 'self' | 'roster' | 'event' | 'staff';
  consent: boolean;
}

/** Files the application; tells whether its union approves applications at once. */
export async function insertApplication(q: Queryable, a: NewApplication): Promise<{ id: number; autoApprove: boolean }> {
  const [r] = await q.query<{ id: number; autoApprove: boolean }>(
    `INSERT INTO member_application (worker_id, org_id, route_rule, route_reason, name, sex, birth_date,
        id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked, employer_name,
        enterprise_id, gig_platform, work_org_id, groups, channel, consent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             CASE WHEN $20::boolean THEN now() END)
     RETURNING id, (SELECT o.auto_approve FROM org o WHERE o.id = org_id) AS "autoApprove"`,
    [
      a.workerId, a.orgId, a.routeRule, a.routeReason, a.name, a.sex, a.birthDate, a.idNumberEnc, a.idNumberHash,
      a.idNumberMasked, a.phoneEnc, a.phoneHash, a.phoneMasked, a.employerName, a.enterpriseId, a.gigPlatform,
      a.workOrgId, a.groups, a.channel, a.consent,
    ],
  );
  return r!;
}

/** What one statement files: the application, its audit record and the worker's notice. */
export interface ApplicationFiling extends Omit<NewApplication, 'workerId' | 'phoneEnc' | 'phoneHash' | 'phoneMasked'> {
  /** The applying worker: the application takes the worker's phone, the notice goes to it. */
  workerId: number;
  /** An employer nobody knew, recorded under its town by the same statement. */
  newEnterprise: { name: string; nameKey: string; creditCode: string | null; townOrgId: number } | null;
  audit: { action: string; orgPath: string; ip: string | null; userAgent: string | null; detail: Record<string, unknown> };
  notice: { body: string; kind: string; orgPath: string; delivered: boolean };
}

/** Why a person may not file now, as found by the same statement that would have filed. */
export interface FilingOutcome {
  applicationId: number | null;
  memberStatus: string | null;
  hasPending: boolean;
  workerMemberStatus: string | null;
}

/**
 * Files an application in one statement — its own transaction, one round trip: checks that the
 * person (and the applying phone) holds no membership and no pending application, records an
 * employer nobody knew, writes the application, the audit record and the notice to the worker's
 * phone. Writes nothing when a check fails (applicationId null: the caller says which). Two filings
 * of one person racing: the pending-application unique index decides.
 */
export async function fileApplicationAtOnce(q: Queryable, a: ApplicationFiling): Promise<FilingOutcome> {
  const gone = `('left', 'deceased')`;
  const [r] = await q.query<FilingOutcome>(
    `WITH person AS (
       SELECT (SELECT m.status FROM member_identity i JOIN member m ON m.id = i.member_id WHERE i.id_number_hash = $1) AS member_status,
              EXISTS (SELECT 1 FROM member_application WHERE id_number_hash = $1 AND status = 'pending') AS has_pending,
              (SELECT m.status FROM worker w JOIN member m ON m.id = w.member_id WHERE w.id = $2) AS worker_member_status
     ), ok AS (
       SELECT 1 FROM person
        WHERE coalesce(member_status, 'left') IN ${gone} AND NOT has_pending AND coalesce(worker_member_status, 'left') IN ${gone}
     ), ent AS (
       INSERT INTO enterprise (name, name_key, credit_code, town_org_id)
       SELECT $3::text, $4::text, $5::text, $6::bigint FROM ok WHERE $3::text IS NOT NULL
       ON CONFLICT (name_key) DO UPDATE SET credit_code = coalesce(enterprise.credit_code, EXCLUDED.credit_code)
       RETURNING id
     ), app AS (
       INSERT INTO member_application (worker_id, org_id, route_rule, route_reason, name, sex, birth_date,
              id_number_enc, id_number_hash, id_number_masked, phone_enc, phone_hash, phone_masked, employer_name,
              enterprise_id, gig_platform, work_org_id, groups, channel, consent_at)
       SELECT $2, $7, $8, $9, $10, $11, $12::date, $13, $1, $14, w.phone_enc, w.phone_hash, w.phone_masked, $15,
              coalesce($16::bigint, (SELECT id FROM ent)), $17, $18, $19::text[], $20, CASE WHEN $21::boolean THEN now() END
         FROM ok JOIN worker w ON w.id = $2
       RETURNING id, phone_enc, phone_hash, phone_masked
     ), audit AS (
       INSERT INTO audit_log (actor_kind, actor_id, action, outcome, target_type, target_id, org_path, ip, user_agent, detail)
       SELECT 'member', $2, $22, 'ok', 'member_application', app.id::text, $23::ltree, $24, $25, $26::jsonb FROM app
     ), notice AS (
       INSERT INTO outbox (channel, to_enc, to_hash, to_masked, body, body_redacted, kind, org_path, status, sent_at)
       SELECT 'sms', app.phone_enc, app.phone_hash, app.phone_masked, $27, $27, $28, $29::ltree,
              CASE WHEN $30::boolean THEN 'sent' ELSE 'pending' END, CASE WHEN $30::boolean THEN now() END
         FROM app WHERE app.phone_enc IS NOT NULL
     )
     SELECT app.id AS "applicationId", person.member_status AS "memberStatus", person.has_pending AS "hasPending",
            person.worker_member_status AS "workerMemberStatus"
       FROM person LEFT JOIN app ON true`,
    [
      a.idNumberHash, a.workerId, a.newEnterprise?.name ?? null, a.newEnterprise?.nameKey ?? null, a.newEnterprise?.creditCode ?? null,
      a.newEnterprise?.townOrgId ?? null, a.orgId, a.routeRule, a.routeReason, a.name, a.sex, a.birthDate, a.idNumberEnc,
      a.idNumberMasked, a.employerName, a.enterpriseId, a.gigPlatform, a.workOrgId, a.groups, a.channel, a.consent,
      a.audit.action, a.audit.orgPath, a.audit.ip, a.audit.userAgent, JSON.stringify(a.audit.detail),
      a.notice.body, a.notice.kind, a.notice.orgPath, a.notice.delivered,
    ],
  );
  return r!;
}

export interface MembershipRow {
  memberId: number;
  memberNo: string | null;
  status: string;
  orgId: number;
}

/** The membership of a person (by the keyed hash of the ID number), whatever its status. */
export async function findMembershipByIdHash(q: Queryable, idHash: Buffer): Promise<MembershipRow | undefined> {
  const rows = await q.query<MembershipRow>(
    `SELECT m.id AS "memberId", m.member_no AS "memberNo", m.status, m.org_id AS "orgId"
       FROM member_identity i JOIN member m ON m.id = i.member_id WHERE i.id_number_hash = $1`,
    [idHash],
  );
  return rows[0];
}

/**
 * In one round trip: the person's membership status (if any), whether an application is pending,
 * and the status of the membership the applying phone is already linked to (if any).
 */
export async function findPersonState(
  q: Queryable,
  idHash: Buffer,
  workerId: number | null,
): Promise<{ memberStatus: string | null; hasPending: boolean; workerMemberStatus: string | null }> {
  const [r] = await q.query<{ memberStatus: string | null; hasPending: boolean; workerMemberStatus: string | null }>(
    `SELECT (SELECT m.status FROM member_identity i JOIN member m ON m.id = i.member_id WHERE i.id_number_hash = $1) AS "memberStatus",
            EXISTS (SELECT 1 FROM member_application WHERE id_number_hash = $1 AND status = 'pending') AS "hasPending",
            (SELECT m.status FROM worker w JOIN member m ON m.id = w.member_id WHERE w.id = $2) AS "workerMemberStatus"`,
    [idHash, workerId],
  );
  return r!;
}

export interface ApplicationRow {
  id: number;
  status: 'pending' | 'approved' | 'rejected';
  workerId: number | null;
  orgId: number;
  orgName: string;
  orgPath: string;
  routeRule: string;
  routeReason: string;
  name: string;
  sex: 'male' | 'female';
  birthDate: string;
  idNumberEnc: Buffer;
  idNumberHash: Buffer;
  idNumberMasked: string;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
  employerName: string | null;
  enterpriseId: number | null;
  gigPlatform: string | null;
  groups: string[];
  channel: string;
  rejectReason: string | null;
  memberId: number | null;
  memberNo: string | null;
  createdAt: Date | string;
  decidedAt: Date | string | null;
}

const applicationColumns = `a.id, a.status, a.worker_id AS "workerId", a.org_id AS "orgId", o.name AS "orgName",
  o.path::text AS "orgPath", a.route_rule AS "routeRule", a.route_reason AS "routeReason", a.name, a.sex,
  a.birth_date::text AS "birthDate", a.id_number_enc AS "idNumberEnc", a.id_number_hash AS "idNumberHash",
  a.id_number_masked AS "idNumberMasked", a.phone_enc AS "phoneEnc", a.phone_hash AS "phoneHash",
  a.phone_masked AS "phoneMasked", a.employer_name AS "employerName", a.enterprise_id AS "enterpriseId",
  a.gig_platform AS "gigPlatform", a.groups, a.channel, a.reject_reason AS "rejectReason", a.member_id AS "memberId",
  m.member_no AS "memberNo", a.created_at AS "createdAt", a.decided_at AS "decidedAt"`;
const applicationFrom = `member_application a JOIN org o ON o.id = a.org_id LEFT JOIN member m ON m.id = a.member_id`;

export async function getApplication(q: Queryable, id: number, lock = false): Promise<ApplicationRow | undefined> {
  const rows = await q.query<ApplicationRow>(
    `SELECT ${applicationColumns} FROM ${applicationFrom} WHERE a.id = $1 ${lock ? 'FOR UPDATE OF a' : ''}`,
    [id],
  );
  return rows[0];
}

export async function findApplicationsInScope(
  q: Queryable,
  scope: Scope,
  f: { status: string; underPath?: string | undefined; limit: number; offset: number },
): Promise<{ items: ApplicationRow[]; total: number }> {
  const params: unknown[] = [scope.path];
  const where = [scopeFilter('o.path', 1)];
  if (f.status !== 'all') {
    params.push(f.status);
    where.push(`a.status = $${params.length}`);
  }
  if (f.underPath) {
    params.push(f.underPath);
    where.push(`o.path <@ $${params.length}::ltree`);
  }
  const w = where.join(' AND ');
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${applicationFrom} WHERE ${w}`, params);
  const items = await q.query<ApplicationRow>(
    `SELECT ${applicationColumns} FROM ${applicationFrom} WHERE ${w}
      ORDER BY a.id ${f.status === 'pending' ? 'ASC' : 'DESC'} LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
}

export async function findApplicationsOfWorker(q: Queryable, workerId: number): Promise<ApplicationRow[]> {
  return q.query<ApplicationRow>(
    `SELECT ${applicationColumns} FROM ${applicationFrom} WHERE a.worker_id = $1 ORDER BY a.id DESC LIMIT 20`,
    [workerId],
  );
}

export async function decideApplication(
  q: Queryable,
  id: number,
  d: { status: 'approved' | 'rejected'; staffId: number | null; rejectReason?: string | null; memberId?: number | null },
): Promise<void> {
  await q.query(
    `UPDATE member_application SET status = $2, decided_by = $3, decided_at = now(), reject_reason = $4, member_id = $5
      WHERE id = $1`,
    [id, d.status, d.staffId, d.rejectReason ?? null, d.memberId ?? null],
  );
}

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
  underPath?: string | undefined;
  nameLike?: string | undefined;
  namePairs?: string[] | undefined;
  phoneHash?: Buffer | undefined;
  status?: string | undefined;
  group?: string | undefined;
  joinedFrom?: string | undefined;
  joinedTo?: string | undefined;
  limit: number;
  offset: number;
}

export async function findMembers(q: Queryable, scope: Scope, f: MemberFilter): Promise<{ items: MemberRow[]; total: number }> {
  const params: unknown[] = [scope.path];
  const where = [scopeFilter('o.path', 1)];
  const add = (v: unknown, cond: (p: string) => string) => {
    params.push(v);
    where.push(cond(`$${params.length}`));
  };
  if (f.underPath) add(f.underPath, (p) => `o.path <@ ${p}::ltree`);
  if (f.phoneHash) add(f.phoneHash, (p) => `m.phone_hash = ${p}`);
  if (f.namePairs && f.namePairs.length > 0) add(f.namePairs, (p) => `m.name_bigrams @> ${p}::text[]`);
  if (f.nameLike) add(f.nameLike, (p) => `m.name LIKE ${p}`);
  if (f.status) add(f.status, (p) => `m.status = ${p}`);
  if (f.group) add(f.group, (p) => `${p} = ANY(m.groups)`);
  if (f.joinedFrom) add(f.joinedFrom, (p) => `m.joined_on >= ${p}::date`);
  if (f.joinedTo) add(f.joinedTo, (p) => `m.joined_on <= ${p}::date`);
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
