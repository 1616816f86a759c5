// The head of every figures page (活动数据, 维权统计, 阵地数据 …): the union whose subtree is counted
// (any union of the caller's scope; empty = the caller's own), the period with the usual presets, and
// one line saying what is counted — plus useFigures, which loads the page's figures whenever the
// query changes and drops an answer that arrives after a newer query.
import './figures.css';
import { useEffect, useState, type ReactNode } from 'react';
import { App, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { errorMessage } from '../../shared/api.ts';
import { pickerNow } from '../../shared/format.ts';
import { DatePicker } from './DatePicker.tsx';
import { OrgSearchSelect } from './OrgSearchSelect.tsx';
import { useMe } from '../session.tsx';

export type Period = [Dayjs, Dayjs];

/** The presets of a period picker: this year, the last 30 days, the last 12 months, last month. */
export function periodPresets(): { label: string; value: Period }[] {
  const now = pickerNow();
  return [
    { label: '今年', value: [now.startOf('year'), now] },
    { label: '近 30 天', value: [now.subtract(29, 'day'), now] },
    { label: '近 12 个月', value: [now.subtract(12, 'month'), now] },
    { label: '上个月', value: [now.subtract(1, 'month').startOf('month'), now.subtract(1, 'month').endOf('month')] },
  ];
}

/** The presets of a month-range picker: this year, the last 12 months, last year. */
export function monthPresets(): { label: string; value: Period }[] {
  const now = pickerNow();
  const lastYear = now.subtract(1, 'year');
  return [
    { label: '今年', value: [now.startOf('year'), now] },
    { label: '近 12 个月', value: [now.subtract(11, 'month'), now] },
    { label: '去年', value: [lastYear.startOf('year'), lastYear.endOf('year')] },
  ];
}

interface Props {
  orgId: number | undefined;
  onOrgChange: (id: number | undefined) => void;
  /** null: all time (only when `allowClear`) */
  period: Period | null;
  onPeriodChange: (p: Period | null) => void;
  /** what the dates are of: 登记日期, 活动开始日期 … */
  periodLabel: string;
  /** the period may be cleared (all time) */
  allowClear?: boolean;
  /** the line after the pickers: what is counted */
  caption?: ReactNode;
  /** whole months (一屏总览) instead of days */
  picker?: 'month';
}

export function FiguresFilters({ orgId, onOrgChange, period, onPeriodChange, periodLabel, allowClear = false, caption, picker }: Props) {
  const me = useMe();
  return (
    <div className="fig-filters">
      <OrgSearchSelect
        aria-label="统计范围"
        placeholder={`${me.org.name}（全部）`}
        allowClear
        status="all"
        style={{ width: 280, maxWidth: '100%' }}
        value={orgId}
        onChange={(id) => onOrgChange(id)}
      />
      <DatePicker.RangePicker
        aria-label={periodLabel}
        style={{ maxWidth: '100%' }}
        placeholder={[`${periodLabel}从`, '至']}
        allowClear={allowClear}
        value={period}
        onChange={(v) => onPeriodChange(v?.[0] && v[1] ? [v[0], v[1]] : null)}
        presets={picker === 'month' ? monthPresets() : periodPresets()}
        {...(picker ? { picker } : {})}
      />
      {caption !== undefined && <Typography.Text type="secondary">{caption}</Typography.Text>}
    </div>
  );
}

/** Loads `fetch()` whenever `deps` change; an answer overtaken by a newer request is dropped; a failure shows its message. */
export function useFigures<T>(fetch: () => Promise<T>, deps: readonly unknown[]): { data: T | undefined; loading: boolean } {
  const { message } = App.useApp();
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(false);
  useEffect(() => {
    let live = true;
    setLoading(true);
    fetch()
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && message.error(errorMessage(err)))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names what the fetch depends on
  }, [...deps, message]);
  return { data, loading };
}
