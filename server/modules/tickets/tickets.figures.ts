// The rights figures (维权统计) of any subtree of the scope and period of Beijing days: tickets by
// channel, category and state; the clocks' on-time rate per level; satisfaction, money recovered,
// reopenings and the tickets overdue now — and the same as an xlsx report upward (audited).
// A ticket about an employer is never counted for the staff of that employer's own union.
import {
  ticketCategories,
  ticketCategoryLabels,
  ticketChannelLabels,
  ticketChannels,
  ticketStateLabels,
  ticketStates,
} from '../../../contracts/tickets.ts';
import type { TicketFigures, TicketFiguresQuery } from '../../../contracts/ticket-figures.ts';
import { orgLevelLabels } from '../../../contracts/orgs.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { beijingDay, beijingMidnight } from '../../lib/beijing-time.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import * as repo from './tickets.figures.repo.ts';

const DAY_MS = 86_400_000;

const rateOf = (onTime: number, late: number) => (onTime + late === 0 ? null : Math.round((onTime / (onTime + late)) * 10000) / 10000);

/** The period asked for, in Beijing days: this year up to today unless given. */
function periodOf(f: TicketFiguresQuery) {
  const today = beijingDay();
  const from = f.from ?? `${today.slice(0, 4)}-01-01`;
  const to = f.to ?? today;
  return { from, to, start: beijingMidnight(from), end: new Date(beijingMidnight(to).getTime() + DAY_MS) };
}

/**
 * The figures of the subtree of `orgId` (default the scope's own union) for tickets filed in the
 * period. Throws not_found (orgId outside the scope).
 */
export async function getTicketFigures(ctx: StaffContext, f: TicketFiguresQuery): Promise<TicketFigures> {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const p = periodOf(f);
  const [counts, levels, overdueNow] = await Promise.all([
    repo.countTickets(ctx.db, ctx.scope, org.path, p),
    repo.onTimeByLevel(ctx.db, ctx.scope, org.path, p),
    repo.countOverdueNow(ctx.db, ctx.scope, org.path),
  ]);
  const sumBy = <K extends string>(keys: readonly K[], pick: (r: repo.TicketCountRow) => string) =>
    keys.map((k) => ({ key: k, count: counts.filter((r) => pick(r) === k).reduce((s, r) => s + r.n, 0) }));
  const total = counts.reduce((s, r) => s + r.n, 0);
  const rated = counts.reduce((s, r) => s + r.rated, 0);
  const ratingSum = counts.reduce((s, r) => s + r.ratingSum, 0);
  const byLevel = levels.map((l) => ({
    org: { id: l.orgId, name: l.orgName },
    level: l.level as TicketFigures['byLevel'][number]['level'],
    isSelf: l.isSelf,
    clocks: l.onTime + l.late,
    onTime: l.onTime,
    late: l.late,
    onTimeRate: rateOf(l.onTime, l.late),
  }));
  // the chosen union's own row is always there, with no clocks of its own too
  if (!byLevel.some((l) => l.isSelf)) {
    byLevel.unshift({ org: { id: org.id, name: org.name }, level: org.level as TicketFigures['byLevel'][number]['level'], isSelf: true, clocks: 0, onTime: 0, late: 0, onTimeRate: null });
  }
  const onTime = byLevel.reduce((s, l) => s + l.onTime, 0);
  const late = byLevel.reduce((s, l) => s + l.late, 0);
  return {
    org: { id: org.id, name: org.name },
    from: p.from,
    to: p.to,
    tickets: total,
    byChannel: sumBy(ticketChannels, (r) => r.channel).map(({ key, count }) => ({ channel: key, count })),
    byCategory: sumBy(ticketCategories, (r) => r.category).map(({ key, count }) => ({ category: key, count })),
    byState: sumBy(ticketStates, (r) => r.state).map(({ key, count }) => ({ state: key, count })),
    onTime: { clocks: onTime + late, onTime, late, onTimeRate: rateOf(onTime, late) },
    byLevel,
    ratedCount: rated,
    averageRating: rated === 0 ? null : Math.round((ratingSum / rated) * 100) / 100,
    recoveredFen: counts.reduce((s, r) => s + Number(r.recoveredFen), 0),
    closed: counts.filter((r) => r.state === 'closed').reduce((s, r) => s + r.n, 0),
    reopened: counts.reduce((s, r) => s + r.reopened, 0),
    overdueNow,
  };
}

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/**
 * The figures as an xlsx report (概览, 按渠道, 按类别, 按下级工会); audited before it is handed out.
 * Throws not_found.
 */
export async function exportTicketFigures(ctx: StaffContext, f: TicketFiguresQuery) {
  const fig = await getTicketFigures(ctx, f);
  const org = await getOrgInScope(ctx.db, ctx.scope, fig.org.id);
  await audit(ctx.db, ctx, 'ticket.figures_export', { type: 'org', id: org.id, orgPath: org.path }, { from: fig.from, to: fig.to, tickets: fig.tickets });
  const share = (n: number) => (fig.tickets === 0 ? '—' : `${((n / fig.tickets) * 100).toFixed(1)}%`);
  const buffer = await xlsxBook([
    {
      name: '概览',
      columns: xlsxColumns({ 项目: 24, 数值: 28 }),
      rows: [
        ['工会组织', fig.org.name],
        ['统计期间（北京时间）', `${fig.from} 至 ${fig.to}`],
        ['登记工单数', fig.tickets],
        ['已办结', fig.closed],
        ['按期办结率', percent(fig.onTime.onTimeRate)],
        ['计入的时钟数', fig.onTime.clocks],
        ['按期', fig.onTime.onTime],
        ['超期', fig.onTime.late],
        ['已评价', fig.ratedCount],
        ['平均满意度（1–5 分）', fig.averageRating ?? '—'],
        ['追回金额（元）', fig.recoveredFen / 100],
        ['重新办理', fig.reopened],
        ['当前超期未办结（不限期间）', fig.overdueNow],
      ],
    },
    {
      name: '按渠道',
      columns: xlsxColumns({ 渠道: 16, 工单数: 10, 占比: 10 }),
      rows: fig.byChannel.map((c) => [ticketChannelLabels[c.channel], c.count, share(c.count)]),
      footer: [['合计', fig.tickets, fig.tickets === 0 ? '—' : '100.0%']],
    },
    {
      name: '按类别',
      columns: xlsxColumns({ 类别: 16, 工单数: 10, 占比: 10 }),
      rows: fig.byCategory.map((c) => [ticketCategoryLabels[c.category], c.count, share(c.count)]),
      footer: [['合计', fig.tickets, fig.tickets === 0 ? '—' : '100.0%']],
    },
    {
      name: '按下级工会',
      columns: xlsxColumns({ 工会组织: 32, 层级: 10, 范围: 12, 计入时钟: 10, 按期: 8, 超期: 8, 按期办结率: 12 }),
      rows: fig.byLevel.map((l) => [l.org.name, orgLevelLabels[l.level], l.isSelf ? '本级' : '含下级', l.clocks, l.onTime, l.late, percent(l.onTimeRate)]),
      footer: [['合计', '', '', fig.onTime.clocks, fig.onTime.onTime, fig.onTime.late, percent(fig.onTime.onTimeRate)]],
    },
    {
      name: '按状态',
      columns: xlsxColumns({ 状态: 12, 工单数: 10 }),
      rows: fig.byState.map((s) => [ticketStateLabels[s.state], s.count]),
    },
  ]);
  return { buffer, fileName: `维权统计_${fig.org.name}_${fig.from}至${fig.to}.xlsx` };
}
