// A list filter by union: the rows of the picked union and its subtree; cleared, the caller's scope.
import { OrgSearchSelect } from './OrgSearchSelect.tsx';

interface Props {
  'aria-label': string;
  placeholder: string;
  width: number;
  value: number | undefined;
  onChange: (orgId: number | undefined) => void;
  /** closed unions may be picked too (their rows stay listed) */
  closedToo?: boolean;
}

export function OrgFilter({ width, value, onChange, closedToo, ...props }: Props) {
  return (
    <OrgSearchSelect
      {...props}
      allowClear
      status={closedToo ? 'all' : 'active'}
      style={{ width, maxWidth: '100%' }}
      value={value}
      onChange={(id) => onChange(id)}
    />
  );
}
