// The places figures (阵地数据) as an xlsx report upward: 概览, 按类型, 到访, 按下级工会. The export is
// audited before the bytes are handed out (the export roles only: exportContext in the route).
import { orgLevelLabels } from '../../../contracts/orgs.ts';
import type { PlaceFiguresQuery } from '../../../contracts/place-figures.ts';
import { placeKindLabels } from '../../../contracts/places.ts';
import type { StaffContext } from '../../http/context.ts';
import { audit } from '../../http/actors.ts';
import { getOrgInScope } from '../../http/scope.ts';
import { xlsxBook, xlsxColumns } from '../../lib/xlsx-book.ts';
import { getPlaceFigures } from './figures.service.ts';

const percent = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

/** The figures as an xlsx report; audited. Throws not_found, place_figures_period_invalid. */
export async function exportPlaceFigures(ctx: StaffContext, f: PlaceFiguresQuery) {
  const fig = await getPlaceFigures(ctx, f);
  const org = await getOrgInScope(ctx.db, ctx.scope, fig.org.id);
  await audit(ctx.db, ctx, 'place.figures_export', { type: 'org', id: org.id, orgPath: org.path }, { from: fig.from, to: fig.to, places: fig.places.inService });
  const { places: pl, visits: v, bookings: b, problems: pr, childcare: c } = fig;
  const sumOf = (pick: (r: (typeof fig.byUnion)[number]) => number) => fig.byUnion.reduce((s, r) => s + pick(r), 0);
  const buffer = await xlsxBook([
    {
      name: '概览',
      columns: xlsxColumns({ 项目: 30, 数值: 28 }),
      rows: [
        ['工会组织', fig.org.name],
        ['统计期间（北京时间）', `${fig.from} 至 ${fig.to}`],
        ['在用阵地', pl.inService],
        ['已停用阵地', pl.closed],
        ['已并入其他阵地（重复登记）', pl.merged],
        ['到访人次', v.count],
        ['到访职工（人）', v.distinctVisitors],
        ['其中扫门口二维码', v.door],
        ['其中工作人员扫会员卡', v.card],
        ['预约时段', b.slots],
        ['预约名额', b.capacity],
        ['预约数', b.booked],
        ['已签到', b.checkedIn],
        ['预约未到', b.noShows],
        ['已取消', b.cancelled],
        ['预约率', percent(b.utilisation)],
        ['到场率', percent(b.checkinRate)],
        ['报告的问题', pr.reported],
        ['处理的问题', pr.resolved],
        ['处理用时中位数（小时）', pr.medianHoursToResolve ?? '—'],
        ['当前未处理的问题（不限期间）', pr.open],
        ['当前超期未处理（不限期间）', pr.overdue],
        ['托管项目', c.programmes],
        ['托管报名（儿童）', c.enrolments],
        ['托管录取', c.enrolled],
        ['托管名额', c.places],
        ['托管场次', c.sessions],
        ['托管出勤率', percent(c.attendanceRate)],
      ],
    },
    {
      name: '按类型',
      columns: xlsxColumns({ 类型: 16, 在用: 8, 已停用: 8, 已并入: 8, 未处理问题: 12 }),
      rows: pl.byKind.map((k) => [placeKindLabels[k.kind], k.inService, k.closed, k.merged, k.problemsOpen]),
      footer: [['合计', pl.inService, pl.closed, pl.merged, pl.problemsOpen]],
    },
    {
      name: '到访',
      columns: xlsxColumns({ [v.unit === 'day' ? '日期' : '月份']: 14, 到访人次: 10 }),
      rows: v.series.map((s) => [s.period, s.count]),
      footer: [['合计', v.count]],
    },
    {
      name: '按下级工会',
      columns: xlsxColumns({ 工会组织: 32, 层级: 10, 范围: 10, 在用阵地: 10, 到访人次: 10, 预约数: 8, 预约未到: 10, 报告问题: 10, 未处理问题: 12 }),
      rows: fig.byUnion.map((r) => [r.org.name, orgLevelLabels[r.level], r.isSelf ? '本级' : '含下级', r.places, r.visits, r.bookings, r.noShows, r.problems, r.problemsOpen]),
      footer: [['合计', '', '', sumOf((r) => r.places), sumOf((r) => r.visits), sumOf((r) => r.bookings), sumOf((r) => r.noShows), sumOf((r) => r.problems), sumOf((r) => r.problemsOpen)]],
    },
  ]);
  return { buffer, fileName: `阵地数据_${fig.org.name}_${fig.from}至${fig.to}.xlsx` };
}
