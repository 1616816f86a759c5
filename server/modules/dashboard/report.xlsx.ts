// The upward report of the dashboard (一屏总览统计报表): one sheet per area, the children as rows and a
// 合计 row (the chosen union's whole subtree, its own rows included), per tile 本期 / 上期 / 增减.
// Audited dashboard.export (reportData) before the bytes are built.
import { tileAreaNames, type DashboardArea, type DashboardQuery } from '../../../contracts/dashboard.ts';
import type { StaffContext } from '../../http/context.ts';
import type { DashboardTile } from '../../http/dashboard-tile.ts';
import type { CellValue } from '../../lib/spreadsheet-cells.ts';
import { xlsxBook, xlsxColumns, type XlsxSheet } from '../../lib/xlsx-book.ts';
import { reportData } from './dashboard.service.ts';

/** A figure as the sheet shows it: money in yuan, a ratio in per cent, nothing as —. */
function shown(unit: string, v: number | null): CellValue {
  if (v === null) return '—';
  if (unit === 'fen') return Math.round(v) / 100;
  if (unit === 'ratio') return Math.round(v * 1000) / 10;
  return v;
}
const delta = (unit: string, v: number | null, p: number | null): CellValue => (v === null || p === null ? '—' : shown(unit, v - p));
const unitNote = (unit: string) => (unit === 'fen' ? '（元）' : unit === 'ratio' ? '（%）' : '');

export async function exportDashboardReport(ctx: StaffContext, tiles: readonly DashboardTile[], f: DashboardQuery) {
  const r = await reportData(ctx, tiles, f);
  const sheets: XlsxSheet[] = [];
  for (const area of Object.keys(tileAreaNames) as DashboardArea[]) {
    const mine = r.tiles.filter((t) => t.area === area);
    if (mine.length === 0) continue;
    const spec: Record<string, number> = { 工会组织: 32 };
    for (const t of mine) {
      const name = `${t.label}${unitNote(t.unit)}`;
      spec[`${name} 本期`] = 14;
      spec[`${name} 上期`] = 14;
      spec[`${name} 增减`] = 12;
    }
    sheets.push({
      name: tileAreaNames[area],
      columns: xlsxColumns(spec),
      rows: r.children.map((c) => [
        c.org.name,
        ...mine.flatMap((t) => {
          const cell = c.cells[t.id]!;
          return [shown(t.unit, cell.value), shown(t.unit, cell.previous), delta(t.unit, cell.value, cell.previous)];
        }),
      ]),
      footer: [[`合计（${r.org.name}）`, ...mine.flatMap((t) => [shown(t.unit, t.value), shown(t.unit, t.previous), delta(t.unit, t.value, t.previous)])]],
    });
  }
  sheets.push({
    name: '说明',
    notes: true,
    columns: xlsxColumns({ 项目: 20, 内容: 70 }),
    rows: [
      ['工会组织', r.org.name],
      ['本期（北京时间）', `${r.period.from} 至 ${r.period.to}`],
      ['上期', `${r.previous.from} 至 ${r.previous.to}`],
      ['合计', '所选工会及其全部下级（含本级直接登记的数）；各行为直属下级工会及其下级'],
      ['存量指标', '基层工会、在档困难职工为期末数；在用阵地为当前数'],
    ],
  });
  const buffer = await xlsxBook(sheets);
  return { buffer, fileName: `一屏总览统计报表_${r.org.name}_${r.period.from}至${r.period.to}.xlsx` };
}
