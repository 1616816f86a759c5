// The filters of a list of what unions publish (普惠活动, 帮扶活动): the publishing union, the kind,
// cancelled or not — one set of parts for both lists.
import { useState, type ReactNode } from 'react';
import { Select } from 'antd';
import { OrgSearchSelect } from './OrgSearchSelect.tsx';

export interface PublishedFilterValues<K extends string> {
  orgId?: number | undefined;
  kind?: K | undefined;
  status: 'published' | 'cancelled' | 'all';
}

/** The filters' values, all published and cancelled at first, and a change of some of them. */
export function usePublishedFilters<K extends string>() {
  const [filters, setFilters] = useState<PublishedFilterValues<K>>({ status: 'all' });
  const change = (next: Partial<PublishedFilterValues<K>>) => setFilters((f) => ({ ...f, ...next }));
  return { filters, change };
}

interface Props<K extends string> {
  value: PublishedFilterValues<K>;
  onChange: (next: Partial<PublishedFilterValues<K>>) => void;
  kinds: readonly K[];
  kindLabels: Record<K, string>;
}

/**
 * The three filters, as items of the list page's filter row: a function returning a fragment, not a
 * component, so the row's Space spaces each filter as its own item.
 */
export function publishedFilters<K extends string>({ value, onChange, kinds, kindLabels }: Props<K>): ReactNode {
  return (
    <>
      <OrgSearchSelect
        aria-label="发布单位"
        placeholder="发布单位（默认全部）"
        allowClear
        status="all"
        style={{ width: 260, maxWidth: '100%' }}
        value={value.orgId}
        onChange={(id) => onChange({ orgId: id })}
      />
      <Select<K>
        aria-label="类别"
        placeholder="全部类别"
        allowClear
        style={{ width: 130 }}
        value={value.kind}
        onChange={(v) => onChange({ kind: v })}
        options={kinds.map((k) => ({ value: k, label: kindLabels[k] }))}
      />
      <Select<PublishedFilterValues<K>['status']>
        aria-label="状态"
        style={{ width: 130 }}
        value={value.status}
        onChange={(v) => onChange({ status: v })}
        options={[
          { value: 'all', label: '全部活动' },
          { value: 'published', label: '未取消的' },
          { value: 'cancelled', label: '已取消的' },
        ]}
      />
    </>
  );
}
