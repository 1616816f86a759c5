// One ECharts chart in a div: only the chart types and parts we use are bundled (echarts/core),
// drawn on canvas, resized with its box, disposed with the component.
//
// A canvas says nothing to a screen reader, and colours alone tell its series apart, so every chart
// comes with its words and its numbers, taken from the same option it draws: the chart is an image
// (role="img") named by its title and a summary, and below it a table of every number it shows —
// hidden from the eye but read by a screen reader, and shown on the page by 显示数据表.
import './common.css';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button } from 'antd';
import { TableOutlined } from '@ant-design/icons';
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsCoreOption } from 'echarts/core';
import { formatCount } from '../../shared/format.ts';

echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** The numbers of a chart as a table: a row per category (or slice), a column per series. */
export interface ChartData {
  kind: '柱状图' | '折线图' | '饼图' | '图表';
  /** the heading of the first column */
  rowHeader: string;
  columns: string[];
  rows: { label: string; values: number[] }[];
}

interface SeriesOption {
  type?: string;
  name?: string;
  data?: unknown[];
}
interface AxisOption {
  type?: string;
  name?: string;
  data?: unknown[];
}

const asArray = <T,>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const valueOf = (d: unknown): number => {
  const v = typeof d === 'object' && d !== null && 'value' in d ? (d as { value: unknown }).value : d;
  return typeof v === 'number' ? v : Number(v ?? 0);
};

/** The table of what a bar, line or pie chart option draws. */
export function chartData(option: EChartsCoreOption): ChartData {
  const series = asArray(option.series as SeriesOption | SeriesOption[] | undefined);
  const pie = series.find((s) => s.type === 'pie');
  if (pie) {
    const data = (pie.data ?? []) as { name?: string; value?: unknown }[];
    return { kind: '饼图', rowHeader: '类别', columns: [pie.name ?? '数量'], rows: data.map((d) => ({ label: String(d.name ?? ''), values: [valueOf(d)] })) };
  }
  const axes = [...asArray(option.xAxis as AxisOption | AxisOption[] | undefined), ...asArray(option.yAxis as AxisOption | AxisOption[] | undefined)];
  const category = axes.find((a) => a.type === 'category');
  const labels = (category?.data ?? []).map((d) => String(typeof d === 'object' && d !== null && 'value' in d ? (d as { value: unknown }).value : d));
  const kinds = new Set(series.map((s) => s.type));
  return {
    kind: kinds.size === 1 && kinds.has('bar') ? '柱状图' : kinds.size === 1 && kinds.has('line') ? '折线图' : '图表',
    rowHeader: category?.name ?? '项目',
    columns: series.map((s, i) => s.name ?? `系列${i + 1}`),
    rows: labels.map((label, i) => ({ label, values: series.map((s) => valueOf(s.data?.[i])) })),
  };
}

/** The chart in a sentence: its title, what kind of chart, and each series' total or each slice. */
export function chartSummary(title: string, data: ChartData): string {
  if (data.rows.length === 0) return `${title}（${data.kind}）：没有数据`;
  const parts =
    data.kind === '饼图' || data.rows.length <= 3
      ? data.rows.map((r) => `${r.label} ${r.values.map(formatCount).join(' / ')}`)
      : data.columns.map((c, i) => `${c}合计 ${formatCount(data.rows.reduce((s, r) => s + (r.values[i] ?? 0), 0))}`);
  const over = data.kind === '饼图' ? '' : `，共 ${data.rows.length} 项（${data.columns.join('、')}）`;
  return `${title}（${data.kind}）${over}：${parts.join('，')}。各项数字见图下的数据表`;
}

export interface EChartProps {
  option: EChartsCoreOption;
  /** what the chart shows: the start of its accessible name and the caption of its table */
  title: string;
  /** the heading of the table's first column (what a bar or a slice is: 月份, 类别 …) */
  rowHeader?: string;
  height?: number;
  /** data-testid of the chart; its table is `${testId}-table` */
  testId?: string;
}

export function EChart({ option, title, rowHeader, height = 300, testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts>(undefined);
  const [tableShown, setTableShown] = useState(false);
  const tableId = useId();
  const data = useMemo(() => ({ ...chartData(option), ...(rowHeader ? { rowHeader } : {}) }), [option, rowHeader]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = echarts.init(el, undefined, { renderer: 'canvas', locale: 'ZH' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div className="echart">
      <div ref={box} style={{ width: '100%', height }} data-testid={testId} role="img" aria-label={chartSummary(title, data)} />
      <Button type="link" size="small" icon={<TableOutlined />} className="echart-toggle" aria-expanded={tableShown} aria-controls={tableId} onClick={() => setTableShown(!tableShown)}>
        {tableShown ? '隐藏数据表' : '显示数据表'}
      </Button>
      <div id={tableId} className={tableShown ? 'echart-data' : 'sr-only'}>
        <table className="echart-table" data-testid={testId ? `${testId}-table` : undefined}>
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{data.rowHeader}</th>
              {data.columns.map((c) => (
                <th scope="col" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.values.map((v, i) => (
                  <td key={i}>{formatCount(v)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
