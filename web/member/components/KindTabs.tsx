// A list page filtered by kind through its address (?kind=culture), so a tile can open the list
// already filtered (文化滋养 → the 文体 activities) and the filter survives a reload or going back.
import { useSearchParams } from 'react-router-dom';
import { CapsuleTabs } from 'antd-mobile';

const ALL = 'all';

/** The kind in the address, if it is one of `kinds`; and a setter that replaces the address. */
export function useKindParam<K extends string>(kinds: readonly K[]): [K | undefined, (k: K | undefined) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('kind');
  const kind = kinds.find((k) => k === raw);
  const setKind = (k: K | undefined) => {
    const next = new URLSearchParams(params);
    if (k) next.set('kind', k);
    else next.delete('kind');
    setParams(next, { replace: true });
  };
  return [kind, setKind];
}

/** 全部 and one tab per kind, scrolling sideways on a phone. */
export function KindTabs<K extends string>({
  kinds,
  labels,
  value,
  onChange,
}: {
  kinds: readonly K[];
  labels: Record<K, string>;
  value: K | undefined;
  onChange: (k: K | undefined) => void;
}) {
  return (
    <CapsuleTabs
      className="m-kind-tabs"
      activeKey={value ?? ALL}
      onChange={(key) => onChange(key === ALL ? undefined : kinds.find((k) => k === key))}
      data-testid="kind-tabs"
    >
      <CapsuleTabs.Tab title="全部" key={ALL} />
      {kinds.map((k) => (
        <CapsuleTabs.Tab title={labels[k]} key={k} />
      ))}
    </CapsuleTabs>
  );
}
