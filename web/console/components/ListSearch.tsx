// The search box of a console list: a new text filters the list; the same text searched again loads
// the list again (what came in since shows), as staff expect of pressing Enter twice.
import type { CSSProperties } from 'react';
import { Input } from 'antd';

interface Props {
  'aria-label': string;
  placeholder: string;
  /** the text the list is filtered by now (trimmed; undefined when none) */
  value: string | undefined;
  /** a new text, trimmed, or undefined when cleared */
  onSearch: (q: string | undefined) => void;
  reload: () => Promise<void>;
  /** a check before searching (e.g. a phone number typed only in part): false keeps the list as it is */
  accept?: (q: string | undefined) => boolean;
  status?: 'warning';
  style?: CSSProperties;
}

export function ListSearch({ value, onSearch, reload, accept, ...props }: Props) {
  return (
    <Input.Search
      {...props}
      allowClear
      onSearch={(v) => {
        const q = v.trim() || undefined;
        if (accept && !accept(q)) return;
        if (q === value) void reload();
        else onSearch(q);
      }}
    />
  );
}
