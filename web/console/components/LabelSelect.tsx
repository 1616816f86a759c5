// A list filter over a closed set of values (a status, a kind, a group), each shown by its Chinese
// label; cleared, it filters nothing and shows its placeholder (“全部…”).
import type { CSSProperties } from 'react';
import { Select } from 'antd';

interface Props<K extends string, F extends string> {
  'aria-label': string;
  placeholder?: string;
  values: readonly K[];
  labels: Record<K, string>;
  value: K | F | undefined;
  onChange: (value: K | F | undefined) => void;
  /** offered before the values, e.g. { value: 'all', label: '全部状态' } where 'all' is a value of its own */
  first?: { value: F; label: string };
  /** left out: the filter can be cleared */
  allowClear?: boolean;
  style?: CSSProperties;
}

export function LabelSelect<K extends string, F extends string = never>({ values, labels, first, allowClear = true, ...props }: Props<K, F>) {
  return (
    <Select<K | F>
      {...props}
      allowClear={allowClear}
      options={[...(first ? [first] : []), ...values.map((v) => ({ value: v as K | F, label: labels[v] }))]}
    />
  );
}
