// The enterprise file (一企一档): one employer's file as the console shows it (基本情况, its union's file,
// members live and 入会率, alerts, who may edit what), the history of its facts and its union's, the
// fact forms' writes (through recordFact, once per Idempotency-Key, `basedOn` guarding against an
// unseen change), and moving the members parked in its town into its new union.
// Design: docs/design/enterprise-file.md §3, §4, §9.
import type { Queryable } from '../../db/client.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { getOrgInScope, isPathInScope, type Scope } from '../../http/scope.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { transferParked } from '../members/parked.service.ts';
import {
  CONTRACT_ALERT_DAYS, type EnterpriseFile, type FactHistoryItem, type RecordFactBody,
} from '../../../contracts/enterprise-facts.ts';
import { contractTypeLabels, employerFactKinds, unionFactKinds, type FactKind } from '../../../contracts/enterprise-facts-common.ts';
import { enterpriseRight, getEnterpriseInScope, getUnionForFile, assertMayRecordOnEnterprise } from './access.service.ts';
import { factWriterOf, recordFact, type RecordedFact } from './facts.service.ts';
import { evidenceOf } from './evidence.service.ts';
import * as repo from './file.repo.ts';

const WRITER_ROLES = ['admin', 'clerk'];
const isWriter = (ctx: StaffContext) => ctx.actor.roles.some((r) => WRITER_ROLES.includes(r));

/** Whole days from `from` to `to` (Beijing days, YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The day a year before `day`. */
function yearBefore(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(y) - 1}-${m}-${m === '02' && d === '29' ? '28' : d}`;
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.getFile>>>;

/** The file's alerts (design §9): contracts expiring or expired, no congress in 12 months, more members than the size, no union. */
export function alertsOf(row: Row, parked: number, today = beijingDay()): EnterpriseFile['alerts'] {
  const alerts: EnterpriseFile['alerts'] = [];
  const u = row.union;
  if (!u) {
    alerts.push({ kind: 'noUnion', text: parked > 0 ? `未建会：${parked} 名会员挂靠在镇街，建会后可整体转入` : '未建会' });
  } else {
    for (const [type, expires] of [['general', u.generalExpires], ['wage', u.wageExpires], ['women', u.womenExpires]] as const) {
      if (!expires) continue;
      const days = daysBetween(today, expires);
      const label = contractTypeLabels[type];
      if (days < 0) alerts.push({ kind: 'contractExpired', text: `${label}已于 ${expires} 到期，请续签` });
      else if (days <= CONTRACT_ALERT_DAYS) alerts.push({ kind: 'contractExpiring', text: days === 0 ? `${label}今天到期` : `${label} ${days} 天后到期` });
    }
    if (!u.lastCongressOn || u.lastCongressOn < yearBefore(today)) {
      alerts.push({ kind: 'noCongress', text: u.lastCongressOn ? `12 个月未召开职代会（上次 ${u.lastCongressOn}）` : '12 个月未召开职代会（没有职代会记录）' });
    }
  }
  if (row.employees !== null && row.memberCount > row.employees) {
    alerts.push({ kind: 'membersOverSize', text: `会员数（${row.memberCount}）超过申报职工数（${row.employees}），职工人数可能已过时，请更新` });
  }
  return alerts;
}

function unionOf(row: Row, today: string): EnterpriseFile['union'] {
  const u = row.union;
  if (!u) return null;
  const contract = (type: 'general' | 'wage' | 'women', signedOn: string | null, startsOn: string | null, expiresOn: string | null, covered: number | null) =>
    ({ type, signedOn, startsOn, expiresOn, covered, daysToExpiry: expiresOn ? daysBetween(today, expiresOn) : null });
  return {
    id: u.id,
    name: u.name,
    active: u.status === 'active',
    coverage: (row.unionCoverage as 'own' | 'joint' | null) ?? null,
    chair: u.chair,
    foundedOn: u.foundedOn,
    legalRegistered: u.legalRegistered === true,
    legalRegisteredOn: u.legalRegisteredOn,
    legalNumber: u.legalNumber,
    committees: { audit: u.auditOn, women: u.womenOn, labourSupervision: u.labourSupervisionOn, mediation: u.mediationOn },
    contracts: [
      contract('general', u.generalSigned, u.generalStarts, u.generalExpires, u.generalCovered),
      contract('wage', u.wageSigned, u.wageStarts, u.wageExpires, u.wageCovered),
      contract('women', u.womenSigned, u.womenStarts, u.womenExpires, u.womenCovered),
    ].filter((c) => c.signedOn !== null || c.expiresOn !== null),
    openAffairsSince: u.openAffairsSince,
    lastCongressOn: u.lastCongressOn,
    congressDelegates: u.congressDelegates,
    fundsYear: u.fundsYear,
    fundsRemittedFen: u.fundsRemittedFen === null ? null : Number(u.fundsRemittedFen),
  };
}

/** The file of an employer in the scope. Throws not_found. */
export async function getFile(ctx: StaffContext, id: number): Promise<EnterpriseFile> {
  const ref = await getEnterpriseInScope(ctx.db, ctx.scope, id);
  const row = await repo.getFile(ctx.db, id);
  if (!row) throw new AppError('not_found');
  const today = beijingDay();
  const parked = await repo.countParked(ctx.db, id, row.townId);
  const current = await repo.currentFactIds(ctx.db, id, row.union?.id ?? null);
  const writer = isWriter(ctx) && row.mergedIntoId === null;
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    town: { id: row.townId, name: row.townName },
    address: row.address,
    industrySection: row.industrySection,
    industry: row.industry,
    ownership: (row.ownership as EnterpriseFile['ownership']) ?? null,
    employees: row.employees,
    employeesAsOf: row.employeesAsOf,
    platforms: row.platforms ?? [],
    source: row.source,
    mergedInto: row.mergedIntoId === null ? null : { id: row.mergedIntoId, name: row.mergedIntoName ?? '' },
    union: unionOf(row, today),
    memberCount: row.memberCount,
    joinRate: row.employees ? Math.round((row.memberCount / row.employees) * 1000) / 10 : null,
    parkedMembers: parked,
    alerts: alertsOf(row, parked, today),
    canEdit: { town: writer && enterpriseRight(ctx.scope, ref) === 'town', union: writer },
    currentFacts: Object.fromEntries(current.map((c) => [c.key, c.id])),
  };
}

/** The facts of the employer and its union, newest first, each with its evidence. Throws not_found. */
export async function getHistory(ctx: StaffContext, id: number, q: { key?: string | undefined; page: number; pageSize: number }) {
  const ref = await getEnterpriseInScope(ctx.db, ctx.scope, id);
  const page = await repo.history(ctx.db, { enterpriseId: id, unionOrgId: ref.unionOrgId, key: q.key ?? null, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
  const evidence = await evidenceOf(ctx.db, { factIds: page.items.map((f) => f.id) });
  const items: FactHistoryItem[] = page.items.map((f) => ({
    ...f,
    kind: f.kind as FactKind,
    recordedAt: new Date(f.recordedAt).toISOString(),
    evidence: evidence.get(f.id) ?? [],
  }));
  return { items, total: page.total };
}

const factStore: IdempotencyStore<RecordedFact> = {
  find: async (q, owner, key) => repo.factByIdemKey(q, owner.id, key),
  text: (f) => JSON.stringify({ id: f.id, key: f.key, supersedesId: f.supersedesId }),
  isKeyTaken: (err) => violates(err, 'enterprise_fact_idem'),
};

/**
 * Records a fact of the employer (its town's staff: every kind; its own union's: not identity, address
 * or the union link), once per key. Throws not_found, forbidden-like enterprise_identity_town_only,
 * enterprise_merged, fact_subject_invalid, fact_union_invalid, fact_town_invalid, fact_changed and the
 * value's refusals (facts.service checkFactValue).
 */
export async function recordEnterpriseFact(ctx: StaffContext, id: number, body: RecordFactBody, idemKey: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf('POST /api/enterprises/:id/facts', id, body) };
  return writeOnce(ctx.db, factStore, ask, () =>
    ctx.db.transaction(async (tx) => {
      const e = await getEnterpriseInScope(tx, ctx.scope, id);
      if (!(employerFactKinds as readonly string[]).includes(body.kind)) throw new AppError('fact_subject_invalid');
      assertMayRecordOnEnterprise(ctx, e, body.kind);
      if (body.kind === 'union' && typeof body.value.orgId === 'number') await assertUnionLinkable(tx, ctx, body.value.orgId);
      if (body.kind === 'address' && typeof body.value.townId === 'number') await assertTownInScope(tx, ctx, body.value.townId);
      return recordFact(tx, factWriterOf(ctx), {
        enterpriseId: id, kind: body.kind, value: body.value, asOf: body.asOf, note: body.note ?? null, isCorrection: body.isCorrection ?? false,
        source: 'staff', ...(body.basedOn !== undefined ? { basedOn: body.basedOn } : {}), idem: { key: idemKey, hash: ask.hash },
      });
    }),
  );
}

async function assertUnionLinkable(tx: Queryable, ctx: StaffContext, orgId: number) {
  const org = await getOrgInScope(tx, ctx.scope, orgId).catch(() => undefined);
  if (!org || org.level !== 'grassroots' || org.status !== 'active') throw new AppError('fact_union_invalid');
}

/**
 * Links an employer (its town in the caller's scope) to a union that already exists — one founded
 * outside the platform — in the caller's transaction: the same `union` fact (coverage `own`) as
 * 所属工会 on the file's form, recorded with `source`. The union must be an active grassroots union of
 * the caller's scope inside the employer's town. Throws not_found, enterprise_merged,
 * enterprise_identity_town_only, union_link_invalid, fact_date_invalid.
 */
export async function linkEnterpriseToUnion(
  tx: Queryable,
  ctx: StaffContext,
  input: { enterpriseId: number; orgId: number; asOf: string; source: 'staff' | 'drive' },
): Promise<RecordedFact> {
  const e = await getEnterpriseInScope(tx, ctx.scope, input.enterpriseId);
  assertMayRecordOnEnterprise(ctx, e, 'union');
  const org = await getOrgInScope(tx, ctx.scope, input.orgId).catch(() => undefined);
  const town = { orgId: e.townOrgId, path: e.townPath } as unknown as Scope;
  if (!org || org.level !== 'grassroots' || org.status !== 'active' || !isPathInScope(town, org.path)) throw new AppError('union_link_invalid');
  return recordFact(tx, factWriterOf(ctx), { enterpriseId: e.id, kind: 'union', value: { orgId: org.id, coverage: 'own' }, asOf: input.asOf, source: input.source });
}

async function assertTownInScope(tx: Queryable, ctx: StaffContext, townId: number) {
  const org = await getOrgInScope(tx, ctx.scope, townId).catch(() => undefined);
  if (!org || org.level !== 'town' || org.status !== 'active') throw new AppError('fact_town_invalid');
}

/** Records a fact of a grassroots union in the scope (its own staff or any above it), once per key. Throws not_found, org_closed, fact_subject_invalid, fact_changed … */
export async function recordUnionFact(ctx: StaffContext, orgId: number, body: RecordFactBody, idemKey: string): Promise<IdempotentReply> {
  const ask = { owner: { kind: 'staff' as const, id: ctx.actor.staffId }, key: idemKey, hash: requestHashOf('POST /api/orgs/:id/union-facts', orgId, body) };
  return writeOnce(ctx.db, factStore, ask, () =>
    ctx.db.transaction(async (tx) => {
      const org = await getUnionForFile(tx, ctx.scope, orgId);
      if (org.status !== 'active') throw new AppError('org_closed');
      if (!(unionFactKinds as readonly string[]).includes(body.kind)) throw new AppError('fact_subject_invalid');
      return recordFact(tx, factWriterOf(ctx), {
        orgId, kind: body.kind, value: body.value, asOf: body.asOf, note: body.note ?? null, isCorrection: body.isCorrection ?? false,
        source: 'staff', ...(body.basedOn !== undefined ? { basedOn: body.basedOn } : {}), idem: { key: idemKey, hash: ask.hash },
      });
    }),
  );
}

/**
 * Moves the employer's members parked in its town (the town union or a federation under it) into its
 * union; audited. Throws not_found, enterprise_merged, enterprise_no_union, enterprise_identity_town_only
 * (only the town's staff move members out of the town).
 */
export async function moveParked(ctx: StaffContext, id: number): Promise<{ moved: number; toOrgId: number }> {
  return ctx.db.transaction(async (tx) => {
    const e = await getEnterpriseInScope(tx, ctx.scope, id);
    if (e.mergedInto !== null) throw new AppError('enterprise_merged');
    if (e.unionOrgId === null || e.unionPath === null) throw new AppError('enterprise_no_union');
    if (enterpriseRight(ctx.scope, e) !== 'town') throw new AppError('enterprise_identity_town_only');
    const from = (await repo.parkedMembers(tx, id, e.townOrgId)).map((m) => m.orgId);
    const moved = await transferParked(tx, ctx, { enterpriseId: id, fromOrgIds: [...new Set(from)], toOrgId: e.unionOrgId });
    await audit(tx, ctx, 'enterprise.move_parked', { type: 'enterprise', id, orgPath: e.unionPath }, { members: moved, toOrgId: e.unionOrgId });
    return { moved, toOrgId: e.unionOrgId };
  });
}
