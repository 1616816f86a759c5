// The register of employers (企业档案): the list (employers in the scope by their town or their union,
// merged duplicates left out), adding one with its first facts (recordFact, one transaction), and the
// export. Merge: merge.service.ts; the Excel import: import.ts. Design: docs/design/enterprise-file.md
// §2 (codes, dedup), §3 (who sees and edits), §8, §9.
import type { Queryable } from '../../db/client.ts';
import { violates } from '../../db/errors.ts';
import { AppError } from '../../errors.ts';
import { audit } from '../../http/actors.ts';
import type { StaffContext } from '../../http/context.ts';
import { requestHashOf, writeOnce, type IdempotencyStore, type IdempotentReply } from '../../http/idempotency.ts';
import { getOrgInScope, isPathInScope } from '../../http/scope.ts';
import { bigramsOf, likePattern } from '../../http/search.ts';
import { beijingDay } from '../../lib/beijing-time.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import { isValidCreditCode } from '../../../contracts/china-codes.ts';
import { enterpriseSourceLabels, industrySections, ownershipLabels, unionCoverageLabels, type FactKind } from '../../../contracts/enterprise-facts-common.ts';
import type { CreateEnterpriseBody, EnterpriseExportQuery, EnterpriseListQuery, EnterpriseSummary } from '../../../contracts/enterprises-register.ts';
import { enterpriseNameKey } from '../members/routing.service.ts';
import { factWriterOf, recordFact } from './facts.service.ts';
import { fileAlertRule } from './alerts.service.ts';
import * as repo from './register.repo.ts';

const EXPORT_MAX = 100_000;

export function summaryOf(r: repo.RegisterRow): EnterpriseSummary {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.creditCode,
    town: { id: r.townId, name: r.townName },
    union: r.unionId === null ? null : { id: r.unionId, name: r.unionName ?? '' },
    unionCoverage: r.unionCoverage,
    industrySection: r.industrySection as EnterpriseSummary['industrySection'],
    industry: r.industry,
    ownership: r.ownership as EnterpriseSummary['ownership'],
    employees: r.employees,
    employeesAsOf: r.employeesAsOf,
    memberCount: r.memberCount,
    membershipRate: r.membershipRate === null ? null : Math.round(Number(r.membershipRate) * 10000) / 10000,
    source: r.source as EnterpriseSummary['source'],
  };
}

/** A credit code as typed, checked: upper-case, 18 characters, check character right, not a union's. Throws credit_code_is_union, invalid_credit_code. */
export function normaliseCreditCode(raw: string): string {
  const code = raw.trim().toUpperCase();
  if (code.startsWith('81')) throw new AppError('credit_code_is_union');
  if (!isValidCreditCode(code)) throw new AppError('invalid_credit_code');
  return code;
}

async function filterOf(ctx: StaffContext, f: EnterpriseExportQuery): Promise<repo.RegisterFilter> {
  const out: repo.RegisterFilter = { sort: f.sort };
  const q = (f.q ?? '').trim();
  if (/^[0-9A-Za-z]{18}$/.test(q)) out.code = q.toUpperCase();
  else if (q !== '') {
    out.pairs = bigramsOf(q);
    out.like = likePattern(q);
  }
  if (f.orgId !== undefined) out.under = (await getOrgInScope(ctx.db, ctx.scope, f.orgId)).path;
  if (f.hasUnion !== undefined) out.hasUnion = f.hasUnion === '1';
  out.section = f.section;
  out.ownership = f.ownership;
  if (f.alert !== undefined) out.alert = fileAlertRule(f.alert);
  return out;
}

/** A page of the scope's employers. Throws not_found for an orgId outside the scope. */
export async function listEnterprises(ctx: StaffContext, f: EnterpriseListQuery): Promise<{ items: EnterpriseSummary[]; total: number }> {
  const filter = await filterOf(ctx, f);
  const { items, total } = await repo.findRegister(ctx.db, ctx.scope, filter, f.pageSize, (f.page - 1) * f.pageSize);
  return { items: items.map(summaryOf), total };
}

/** Who holds a code or a name already: enterprise_exists, naming the holder when it is in the scope. */
export function existsError(scope: StaffContext['scope'], holder: repo.Holder, by: 'code' | 'name'): AppError {
  const visible = isPathInScope(scope, holder.townPath) || (holder.unionPath !== null && isPathInScope(scope, holder.unionPath));
  const what = by === 'code' ? '该统一社会信用代码的单位已在档案中' : '同名的单位已在档案中';
  return new AppError('enterprise_exists', visible ? `${what}（${holder.name}，编号 ${holder.id}）` : `${what}（不在您的管理范围内，请联系上级工会）`);
}

/** The town an employer is put under: a town union (镇街) in the scope. Throws enterprise_town_invalid, not_found. */
export async function townInScope(ctx: StaffContext, q: Queryable, townId: number): Promise<{ id: number; path: string; name: string }> {
  const town = await repo.findTown(q, townId);
  if (!town) {
    await getOrgInScope(q, ctx.scope, townId); // an org outside the scope: not_found, as a missing one
    throw new AppError('enterprise_town_invalid');
  }
  if (!isPathInScope(ctx.scope, town.path)) throw new AppError('not_found');
  return town;
}

export interface FirstFacts {
  name: string;
  creditCode: string | null;
  townId: number;
  industrySection?: string | undefined;
  industryDetail?: string | undefined;
  ownership?: string | undefined;
  employees?: number | undefined;
  employeesAsOf?: string | undefined;
  address?: string | undefined;
  platforms?: readonly string[] | undefined;
}

/**
 * Inserts an employer and records its first facts (identity, and industry, ownership, size, address,
 * platforms as given) in the caller's transaction; answers its id and how many facts were recorded.
 */
export async function insertWithFacts(
  tx: Queryable,
  ctx: StaffContext,
  e: FirstFacts,
  source: 'staff' | 'import',
  idem: { key: string; hash: Buffer },
): Promise<{ id: number; facts: number }> {
  const id = await repo.insertEnterprise(tx, { name: e.name, nameKey: enterpriseNameKey(e.name), creditCode: e.creditCode, townOrgId: e.townId, source });
  const writer = factWriterOf(ctx);
  const today = beijingDay();
  const facts: { kind: FactKind; value: unknown; asOf?: string }[] = [{ kind: 'identity', value: { name: e.name, ...(e.creditCode ? { creditCode: e.creditCode } : {}) } }];
  if (e.industrySection) facts.push({ kind: 'industry', value: { section: e.industrySection, ...(e.industryDetail ? { detail: e.industryDetail } : {}) } });
  if (e.ownership) facts.push({ kind: 'ownership', value: { ownership: e.ownership } });
  if (e.employees !== undefined) facts.push({ kind: 'size', value: { employees: e.employees }, asOf: e.employeesAsOf ?? today });
  if (e.address) facts.push({ kind: 'address', value: { address: e.address, townId: e.townId } });
  if (e.platforms && e.platforms.length > 0) facts.push({ kind: 'platforms', value: { platforms: [...new Set(e.platforms)] } });
  for (const [i, f] of facts.entries()) {
    await recordFact(tx, writer, {
      enterpriseId: id,
      kind: f.kind,
      value: f.value,
      asOf: f.asOf ?? today,
      source: source === 'import' ? 'import' : 'staff',
      audit: false,
      ...(i === 0 ? { idem } : {}),
    });
  }
  return { id, facts: facts.length };
}

/** The Idempotency-Key store of adding an employer: the identity fact recorded under the key. */
function createStore(): IdempotencyStore<{ id: number }> {
  return {
    find: async (q, owner, key) => {
      const [f] = (await repo.findIdemFacts(q, owner.id, key)).filter((x) => x.idemKey === key);
      return f ? { id: f.enterpriseId, hash: f.hash } : undefined;
    },
    text: (a) => String(a.id),
    isKeyTaken: (err) => violates(err, 'enterprise_fact_idem'),
  };
}

/**
 * Adds an employer (source staff) with its first facts, once per key. Throws not_found (town outside
 * the scope), enterprise_town_invalid, invalid_credit_code, credit_code_is_union, enterprise_exists
 * (its code or its name held by another), fact_date_invalid, idempotency_key_reused.
 */
export async function createEnterprise(ctx: StaffContext, body: CreateEnterpriseBody, key: string): Promise<IdempotentReply> {
  const hash = requestHashOf('enterprise create', body);
  const store = createStore();
  const answer = async (id: number) => JSON.stringify(summaryOf((await repo.findRegisterRow(ctx.db, id))!));
  const prior = await store.find(ctx.db, { kind: 'staff', id: ctx.actor.staffId }, key);
  if (prior) {
    if (prior.hash !== hash.toString('hex')) throw new AppError('idempotency_key_reused');
    return { body: await answer(prior.id), replayed: true };
  }
  const town = await townInScope(ctx, ctx.db, body.townId);
  const creditCode = body.creditCode ? normaliseCreditCode(body.creditCode) : null;
  const nameKey = enterpriseNameKey(body.name);
  for (const h of await repo.findHolders(ctx.db, { codes: creditCode ? [creditCode] : [], nameKeys: [nameKey] })) {
    throw existsError(ctx.scope, h, creditCode !== null && h.creditCode === creditCode ? 'code' : 'name');
  }
  const out = await writeOnce(ctx.db, store, { owner: { kind: 'staff', id: ctx.actor.staffId }, key, hash }, () =>
    ctx.db.transaction(async (tx) => {
      const { id, facts } = await insertWithFacts(tx, ctx, {
        name: body.name,
        creditCode,
        townId: town.id,
        industrySection: body.industrySection,
        industryDetail: body.industryDetail,
        ownership: body.ownership,
        employees: body.employees,
        employeesAsOf: body.employeesAsOf,
        address: body.address,
        platforms: body.platforms,
      }, 'staff', { key, hash });
      await audit(tx, ctx, 'enterprise.create', { type: 'enterprise', id, orgPath: town.path }, { firstFacts: facts });
      return { id };
    }),
  );
  return { body: await answer(Number(out.body)), replayed: out.replayed };
}

/** The export of the list's employers (at most 100,000), audited. Throws not_found for an orgId outside the scope. */
export async function exportEnterprises(ctx: StaffContext, f: EnterpriseExportQuery): Promise<Buffer> {
  const rows = (await repo.findRegisterAll(ctx.db, ctx.scope, await filterOf(ctx, f), EXPORT_MAX)).map(summaryOf);
  const columns = xlsxColumns({
    单位名称: 32, 统一社会信用代码: { width: 22, numFmt: '@' }, 所在镇街: 20, 所属工会: 28, 建会方式: 14, 行业门类: 24, 行业细类: 14,
    登记注册类型: 16, 职工人数: 10, 人数截至日期: 14, 会员数: 10, 入会率: 10, 来源: 14,
  });
  const book = await xlsxBook([{
    name: '企业档案',
    columns,
    rows: rows.map((r) => [
      r.name, r.creditCode ?? '', r.town.name, r.union?.name ?? '未建会', r.unionCoverage ? unionCoverageLabels[r.unionCoverage] : '',
      r.industrySection ? `${r.industrySection} ${industrySections[r.industrySection]}` : '', r.industry ?? '',
      r.ownership ? ownershipLabels[r.ownership] : '', r.employees, r.employeesAsOf ?? '', r.memberCount,
      r.membershipRate === null ? '' : `${(r.membershipRate * 100).toFixed(1)}%`, enterpriseSourceLabels[r.source],
    ]),
    ...(rows.length >= EXPORT_MAX ? { footer: [[`仅导出前 ${EXPORT_MAX.toLocaleString('zh-CN')} 个单位，请按镇街或条件分批导出`]] } : {}),
  }]);
  await audit(ctx.db, ctx, 'enterprise.export', { type: 'org', id: ctx.scope.orgId, orgPath: ctx.scope.path }, { rows: rows.length });
  return book;
}
