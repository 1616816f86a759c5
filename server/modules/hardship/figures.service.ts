// Figures of relief-and-exit (解困脱困) for any subtree of the scope — files by status, entered and
// exited per month, exit rate, aid — with the exit targets and progress; and the masked xlsx list.
import { hardshipStatusLabels, type HardshipFigures, type HardshipListQuery, type HardshipStatus } from '../../../contracts/hardship.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { AppError } from '../../errors.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import * as repo from './hardship.repo.ts';
import { canReadDetails, summaryOf, todayInBeijing } from './hardship.service.ts';
import { audit } from '../../http/actors.ts';

const ratio = (a: number, b: number | null) => (b ? Math.round((a / b) * 10000) / 10000 : null);

/** Throws not_found (orgId outside the scope). */
export async function getFigures(ctx: StaffContext, f: { orgId?: number | undefined; year?: number | undefined }): Promise<HardshipFigures> {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const year = f.year ?? Number(todayInBeijing().slice(0, 4));
  const range = { start: `${year}-01-01`, end: `${year + 1}-01-01` };
  const [statuses, y, months, orgs] = await Promise.all([
    repo.countByStatus(ctx.db, org.path),
    repo.yearFigures(ctx.db, org.path, range),
    repo.monthFigures(ctx.db, org.path, range),
    repo.progressByOrg(ctx.db, org.id, range, year),
  ]);
  const byStatus = { filed: 0, in_relief: 0, exited: 0, followed_up: 0 };
  for (const s of statuses) byStatus[s.status as HardshipStatus] = s.n;
  const progressOf = (o: (typeof orgs)[number]) => ({ target: o.target, exited: o.exited, open: o.open, progress: ratio(o.exited, o.target) });
  const self = orgs.find((o) => o.isSelf)!;
  return {
    org: { id: org.id, name: org.name },
    year,
    byStatus,
    entered: y.entered,
    exited: y.exited,
    base: y.base,
    exitRate: ratio(y.exited, y.base),
    aidTotalFen: y.aidFen,
    byMonth: months,
    target: progressOf(self),
    children: orgs
      .filter((o) => !o.isSelf && (o.target !== null || o.exited > 0 || o.open > 0))
      .map((o) => ({ org: { id: o.orgId, name: o.orgName }, ...progressOf(o) })),
  };
}

const MAX_EXPORT_ROWS = 50_000;

/**
 * The list as xlsx, masked like the list (no causes, no household), for the report upward; audited
 * before it is built. Throws not_found, hardship_details_forbidden (a cause filter), export_too_large.
 */
export async function exportFiles(ctx: StaffContext, f: Omit<HardshipListQuery, 'page' | 'pageSize'>) {
  if (f.cause && !canReadDetails(ctx)) throw new AppError('hardship_details_forbidden');
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const { items, total } = await repo.findFiles(ctx.db, ctx.scope, { orgPath: org.path, status: f.status, cause: f.cause, q: f.q }, MAX_EXPORT_ROWS, 0);
  if (total > MAX_EXPORT_ROWS) throw new AppError('hardship_export_too_large');
  await audit(ctx.db, ctx, 'hardship.export', { type: 'org', id: org.id, orgPath: org.path }, { status: f.status ?? null, cause: f.cause ?? null, rows: items.length });
  const buffer = await xlsxBook([
    {
      name: '困难职工档案',
      columns: xlsxColumns({ 档案编号: 10, 姓名: 10, 会员号: 16, 所在工会: 32, 状态: 8, 建档日期: 12, 开始帮扶: 12, 脱困日期: 12, 回访日期: 12, 帮扶次数: 9, '帮扶金额（元）': 14, 走访次数: 9 }),
      rows: items.map(summaryOf).map((r) => [
        r.id, r.memberName, r.memberNo ?? '', r.org.name, hardshipStatusLabels[r.status],
        r.filedOn, r.reliefStartedOn ?? '', r.exitedOn ?? '', r.followedUpOn ?? '', r.aidCount, r.aidTotalFen / 100, r.visitCount,
      ]),
    },
  ]);
  return { buffer, fileName: `困难职工档案_${org.name}.xlsx` };
}
