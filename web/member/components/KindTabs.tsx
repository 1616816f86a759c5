// A list page filtered by kind through its address (?kind=culture), so a tile can open the list
// already filtered (文化滋养 → the 文体 activities) and the filter survives a reload or going back.
import { useSearchParams } from 'react-router-dom';
import './listing.css';

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

/**
 * 全部 and one tab per kind, scrolling sideways on a phone: buttons (reached and pressed by keyboard),
 * the chosen one aria-pressed, in a group named for what it filters. antd-mobile's CapsuleTabs drew
 * its tabs as bare divs a keyboard could not reach, in a scrolling strip it could not scroll.
 */
export function KindTabs<K extends string>({
  kinds,
  labels,
  value,
  onChange,
  label = '按类别筛选',
}: {
  kinds: readonly K[];
  labels: Record<K, string>;
  value: K | undefined;
  onChange: (k: K | undefined) => void;
  /** the group's name for a screen reader */
  label?: string;
}) {
  const tabs: [K | undefined, string][] = [[undefined, '全部'], ...kinds.map((k): [K, string] => [k, labels[k]])];
  return (
    <div className="m-kind-tabs" role="group" aria-label={label} data-testid="kind-tabs">
      <div className="m-kind-list">
        {tabs.map(([k, text]) => (
          <button key={k ?? ALL} type="button" className="m-kind-tab" aria-pressed={k === value} onClick={() => k !== value && onChange(k)}>
            {text}
          </button>
        ))}
      </div>
    </div>
  );
}
