// How a dashboard tile's figure reads (一屏总览 and its big screen): counts with separators, money in
// yuan, ratios in per cent; the change against the last period with an arrow.
import type { DashboardTileValue } from '../../../../contracts/dashboard.ts';
import { formatCount } from '../../../shared/format.ts';

type Unit = DashboardTileValue['unit'];

export function tileText(unit: Unit, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  if (unit === 'fen') return `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (unit === 'ratio') return `${(v * 100).toFixed(1)}`;
  if (unit === 'score') return v.toFixed(1);
  return formatCount(v);
}

export const unitSuffix = (unit: Unit): string => (unit === 'fen' ? '元' : unit === 'ratio' ? '%' : unit === 'score' ? '分' : '');

/** 较上期 ↑ 12 / ↓ 3 / 持平 / 上期无数据. */
export function changeText(unit: Unit, v: number | null, previous: number | null): { text: string; dir: 'up' | 'down' | 'flat' | 'none' } {
  if (v === null || previous === null) return { text: '上期无数据', dir: 'none' };
  const d = v - previous;
  if (Math.abs(d) < 1e-9) return { text: '较上期持平', dir: 'flat' };
  const shown = unit === 'ratio' ? `${Math.abs(d * 100).toFixed(1)} 个百分点` : `${tileText(unit, Math.abs(d))}${unitSuffix(unit)}`;
  return { text: `较上期 ${d > 0 ? '↑' : '↓'} ${shown}`, dir: d > 0 ? 'up' : 'down' };
}
