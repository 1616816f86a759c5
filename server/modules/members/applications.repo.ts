// Applications to join (入会申请): filing one (alone, or with the person's state read in the same
// statement), the person's membership by ID-number hash, the approval queue, deciding. SQL only;
// staff reads go through the scope gate.
import type { NoticeKind } from '../../../contracts/notices.ts';
import type { Queryable } from '../../db/client.ts';
import type { OrgPath, Scope } from '../../http/scope.ts';
import { scopeFilter, withinSubtree } from '../../http/scope.ts';
import { noticesSql } from '../notices/notices.service.ts';

/** What an application holds, as filed and as read back: who (sealed), from which log-in, and to which union and why. */
export interface ApplicantFields {
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
  groups: string[];
}

export interface NewApplication extends ApplicantFields {
  workOrgId: number | null;
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
  notice: { body: string; kind: NoticeKind; orgPath: string; delivered: boolean };
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
       ${noticesSql(`SELECT app.phone_enc, app.phone_hash, app.phone_masked, $27::text FROM app WHERE app.phone_enc IS NOT NULL`, { kind: '$28', orgPath: '$29', delivered: '$30' })}
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

export interface ApplicationRow extends ApplicantFields {
  id: number;
  status: 'pending' | 'approved' | 'rejected';
  orgName: string;
  orgPath: string;
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
  f: { status: string; underPath?: OrgPath | undefined; limit: number; offset: number },
): Promise<{ items: ApplicationRow[]; total: number }> {
  const params: unknown[] = [scope.path];
  const where = [scopeFilter('o.path', 1)];
  if (f.status !== 'all') {
    params.push(f.status);
    where.push(`a.status = $${params.length}`);
  }
  if (f.underPath) {
    params.push(f.underPath);
    where.push(withinSubtree('o.path', params.length));
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

/** A worker's own applications, newest first, and how many there are. */
export async function findApplicationsOfWorker(
  q: Queryable,
  workerId: number,
  f: { limit: number; offset: number },
): Promise<{ items: ApplicationRow[]; total: number }> {
  const [c] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM member_application WHERE worker_id = $1`, [workerId]);
  const items = await q.query<ApplicationRow>(
    `SELECT ${applicationColumns} FROM ${applicationFrom} WHERE a.worker_id = $1 ORDER BY a.id DESC LIMIT $2 OFFSET $3`,
    [workerId, f.limit, f.offset],
  );
  return { items, total: c?.n ?? 0 };
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
