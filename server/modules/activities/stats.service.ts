// Figures of activities (访问人数 / 参与人数) for any subtree in scope and period, and their xlsx.
import { activityKindLabels, type ActivityKind, type ActivityStats } from '../../../contracts/activities.ts';
import type { StaffContext } from '../../http/context.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import * as repo from './activities.repo.ts';
import { audit } from '../../http/actors.ts';

const monthOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });
const dayOf = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

type StatsFilter = { orgId?: number | undefined; from?: string | undefined; to?: string | undefined };

/**
 * Totals, by kind and by month over every activity of the subtree and period, with one page of the
 * activities themselves. Throws not_found (orgId outside the scope).
 */
export async function getActivityStats(ctx: StaffContext, f: StatsFilter & { page: number; pageSize: number }): Promise<ActivityStats> {
  const all = await computeStats(ctx, f);
  const start = (f.page - 1) * f.pageSize;
  return { ...all, items: all.items.slice(start, start + f.pageSize) };
}

/** The figures with every activity (the totals need them all, and so does the xlsx). */
async function computeStats(ctx: StaffContext, f: StatsFilter): Promise<ActivityStats> {
  const org = await getOrgInScope(ctx.db, ctx.scope, f.orgId ?? ctx.scope.orgId);
  const items = await repo.findStats(ctx.db, ctx.scope, org.path, f.from ?? null, f.to ?? null);
  const byKind = new Map<string, { activities: number; visits: number; participants: number }>();
  const byMonth = new Map<string, { activities: number; visits: number; participants: number }>();
  const add = (m: Map<string, { activities: number; visits: number; participants: number }>, k: string, i: repo.StatsItem) => {
    const x = m.get(k) ?? { activities: 0, visits: 0, participants: 0 };
    x.activities++;
    x.visits += i.visits;
    x.participants += i.participants;
    m.set(k, x);
  };
  for (const i of items) {
    add(byKind, i.kind, i);
    add(byMonth, monthOf.format(new Date(i.startsAt)).slice(0, 7), i);
  }
  const sum = (k: 'places' | 'visits' | 'participants' | 'checkedIn') => items.reduce((s, i) => s + i[k], 0);
  return {
    org: { id: org.id, name: org.name },
    from: f.from ?? null,
    to: f.to ?? null,
    totals: { activities: items.length, places: sum('places'), visits: sum('visits'), participants: sum('participants'), checkedIn: sum('checkedIn') },
    byKind: [...byKind].map(([kind, x]) => ({ kind: kind as ActivityKind, ...x })),
    byMonth: [...byMonth].sort(([a], [b]) => a.localeCompare(b)).map(([month, x]) => ({ month, ...x })),
    items: items.map((i) => ({ ...i, kind: i.kind as ActivityKind, startsAt: new Date(i.startsAt).toISOString() })),
    total: items.length,
  };
}

/** The same figures as an xlsx for the report upward; audited. Throws not_found. */
export async function exportActivityStats(ctx: StaffContext, f: StatsFilter) {
  const stats = await computeStats(ctx, f);
  const t = stats.totals;
  const buffer = await xlsxBook([
    {
      name: '活动统计',
      columns: xlsxColumns({ 活动名称: 36, 类别: 10, 发布单位: 28, 开始日期: 12, 名额: 8, 访问人数: 10, 参与人数: 10, 已签到: 8 }),
      rows: stats.items.map((i) => [i.title, activityKindLabels[i.kind], i.orgName, dayOf.format(new Date(i.startsAt)), i.places, i.visits, i.participants, i.checkedIn]),
      footer: [[`合计（${t.activities} 个活动）`, '', stats.org.name, '', t.places, t.visits, t.participants, t.checkedIn]],
    },
  ]);
  const org = await getOrgInScope(ctx.db, ctx.scope, stats.org.id);
  await audit(ctx.db, ctx, 'activity.stats_export', { type: 'org', id: stats.org.id, orgPath: org.path }, { from: stats.from, to: stats.to, activities: t.activities });
  const period = [stats.from, stats.to].filter(Boolean).join('至');
  return { buffer, fileName: `活动统计_${stats.org.name}${period ? `_${period}` : ''}.xlsx` };
}
