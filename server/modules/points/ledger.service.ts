// 积分流水 (the console's ledger view): a subtree's operations by page and as an xlsx (audited), and
// who got what in one operation.
import { pointOperationLabels, type PointOperationFilters } from '../../../contracts/points.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import * as ledger from './ledger.repo.ts';
import * as repo from './points.repo.ts';
import { audit } from '../../http/actors.ts';

/** The most rows one export holds; past it the newest are exported and the file says so. */
export const OPERATIONS_EXPORT_MAX_ROWS = 100_000;

/** Days are China's (Beijing midnight to midnight): `to` is the whole of that day. */
function periodOf(from: string | undefined, to: string | undefined) {
  const midnight = (d: string) => new Date(`${d}T00:00:00+08:00`);
  const until = to ? new Date(midnight(to).getTime() + 86_400_000).toISOString() : null;
  return { from: from ? midnight(from).toISOString() : null, until };
}

async function filterOf(ctx: StaffContext, f: PointOperationFilters) {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const filter: ledger.OperationFilter = { orgPath: org.path, kind: f.kind ?? null, ...periodOf(f.from, f.to) };
  return { org, filter };
}

function itemOf(r: ledger.LedgerOperationRow) {
  return {
    id: r.id, kind: r.kind, orgId: r.orgId, orgName: r.orgName, amount: r.amount, memberCount: r.memberCount, reason: r.reason,
    reversesOperationId: r.reversesOperationId, reversedByOperationId: r.reversedByOperationId, createdAt: r.createdAt,
    actorName: r.actorKind === 'member' ? '会员本人' : (r.staffName ?? '—'),
  };
}

/** A page of the operations of a subtree in the scope, newest first. Throws not_found (orgId out of scope). */
export async function listOperations(ctx: StaffContext, f: PointOperationFilters & { page: number; pageSize: number }) {
  const { filter } = await filterOf(ctx, f);
  const [rows, total] = await Promise.all([
    ledger.findOperations(ctx.db, ctx.scope, filter, f.pageSize, (f.page - 1) * f.pageSize),
    ledger.countOperations(ctx.db, ctx.scope, filter),
  ]);
  return { items: rows.map(itemOf), total };
}

/**
 * The member entries of an operation in the scope, by account id; the total is the operation's
 * member count (no count of a million entries). Throws not_found.
 */
export async function listOperationEntries(ctx: StaffContext, operationId: number, p: { page: number; pageSize: number }) {
  const op = await repo.getOperationInScope(ctx.db, ctx.scope, operationId);
  if (!op) throw new AppError('not_found');
  const items = await ledger.findOperationEntries(ctx.db, ctx.scope, op.id, p.pageSize, (p.page - 1) * p.pageSize);
  return { items, total: op.memberCount };
}

const when = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** The workbook of the operations (newest first); `total` beyond the rows given is said in the file. */
export function buildOperationsWorkbook(items: ReturnType<typeof itemOf>[], total: number, title: string): Promise<Buffer> {
  return xlsxBook([
    {
      name: '积分流水',
      columns: xlsxColumns({ 操作编号: 10, 时间: 20, 类型: 8, 单位: 32, 会员人数: 10, 积分合计: 12, 事由: 36, 经办人: 14, 撤销的操作: 12, '已被撤销（撤销操作编号）': 24 }),
      rows: items.map((i) => [
        i.id, when.format(new Date(i.createdAt)), pointOperationLabels[i.kind], i.orgName, i.memberCount, i.amount,
        i.reason, i.actorName, i.reversesOperationId ?? '', i.reversedByOperationId ?? '',
      ]),
      footer: [[items.length < total ? `共 ${total} 条，仅导出最新的 ${items.length} 条；请缩小日期范围分批导出。` : `共 ${total} 条。`]],
    },
    {
      name: '说明',
      notes: true,
      columns: [{ header: '', width: 14 }, { header: '', width: 60 }],
      rows: [['导出内容', title], ['导出时间', when.format(new Date())], ['条数', `${items.length} / ${total}`]],
    },
  ]);
}

/**
 * The operations of a subtree as an xlsx (the newest OPERATIONS_EXPORT_MAX_ROWS at most), with the
 * filters in its name; audited. Throws not_found.
 */
export async function exportOperations(ctx: StaffContext, f: PointOperationFilters) {
  const { org, filter } = await filterOf(ctx, f);
  const [rows, total] = await Promise.all([
    ledger.findOperations(ctx.db, ctx.scope, filter, OPERATIONS_EXPORT_MAX_ROWS, 0),
    ledger.countOperations(ctx.db, ctx.scope, filter),
  ]);
  const period = f.from || f.to ? `${f.from ?? '最早'}至${f.to ?? '今'}` : '';
  const title = [`${org.name}及下级组织的积分流水`, f.kind ? pointOperationLabels[f.kind] : '', period].filter(Boolean).join('，');
  const buffer = await buildOperationsWorkbook(rows.map(itemOf), total, title);
  await audit(ctx.db, ctx, 'points.operations_export', { type: 'org', id: org.id, orgPath: org.path }, { kind: f.kind ?? null, from: f.from ?? null, to: f.to ?? null, rows: rows.length, total });
  return { buffer, fileName: `积分流水_${org.name}${f.kind ? `_${pointOperationLabels[f.kind]}` : ''}${period ? `_${period}` : ''}.xlsx` };
}
