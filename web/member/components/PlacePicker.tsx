// Where the worker works: city → county → town (镇/街道), loaded level by level from GET /api/places.
// Picking the town closes the sheet — no extra 确定 tap. Names are shown as places (化州市 石湾街道),
// not as the unions behind them. A county (or a city without counties) with no town open online is
// a place to pick too: its own union takes the application, and the form says so.
import { useCallback, useMemo, useState } from 'react';
import { CascaderView, Toast, type CascaderOption, type CascaderViewProps } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import type { z } from 'zod';
import type { place } from '../../../contracts/members.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { Sheet } from './Sheet.tsx';

type Place = z.infer<typeof place>;

export interface PlaceValue {
  /** The town-level union (workOrgId). */
  id: number;
  /** 茂名市 化州市 石湾街道 */
  label: string;
  /** No town is open online there: this union (高州市总工会) takes the application. */
  uncoveredBy?: string | undefined;
}

/** 化州市石湾街道工会联合会 under 化州市 → 石湾街道; 茂名市总工会 → 茂名市. */
export function placeName(unionName: string, parentPlace?: string): string {
  let n = unionName.replace(/(总工会|工会联合会|工会)$/, '');
  if (parentPlace && n.startsWith(parentPlace) && n.length > parentPlace.length) n = n.slice(parentPlace.length);
  return n;
}

const ROOT = 'root';

/**
 * After a city or a district is picked, its options vanish with their tab and the focus with them:
 * it goes to the first option of the next level once that has loaded (unless the worker has moved on).
 */
function focusFirstOption(level: number, until = Date.now() + 5000, settledAt?: number) {
  const panes = Array.from(document.querySelectorAll('.m-place-popup .adm-cascader-view-content'));
  const active = document.activeElement;
  // still on the option picked, or lost (on the page, or on the sheet itself): not moved on by the worker
  const lost = !active || active === document.body || active.getAttribute('role') === 'dialog' || active.getClientRects().length === 0;
  const first = panes[level]?.querySelector<HTMLElement>('.adm-check-list-item');
  if (lost || panes.slice(0, level).some((p) => p.contains(active))) {
    // (an option takes the focus once the sheet has given it its tab stop)
    if (first && first.getClientRects().length > 0) first.focus();
  } else if (active !== first) {
    return; // the worker has moved on
  }
  // The options may be drawn again once more as they settle, dropping the focus: keep watching a
  // second after it landed.
  const now = Date.now();
  const settled = first && document.activeElement === first ? (settledAt ?? now) : undefined;
  if (settled !== undefined && now - settled > 1000) return;
  if (now < until) requestAnimationFrame(() => focusFirstOption(level, until, settled));
}

interface Props {
  /** from Form.Item: its label is for this id */
  id?: string;
  value?: PlaceValue | undefined;
  onChange?: (v: PlaceValue | undefined) => void;
  placeholder?: string;
}

export function PlacePicker({ id, value, onChange, placeholder = '请选择市、区县、镇（街道）' }: Props) {
  const [visible, setVisible] = useState(false);
  const [children, setChildren] = useState<Record<string, Place[] | 'loading'>>({});
  const [path, setPath] = useState<string[]>([]);

  const load = useCallback(
    async (key: string) => {
      if (children[key] !== undefined) return;
      setChildren((c) => ({ ...c, [key]: 'loading' }));
      try {
        const page = await api.get('/api/places', { query: { ...(key === ROOT ? {} : { parentId: key }), pageSize: 200 } });
        setChildren((c) => ({ ...c, [key]: page.items }));
      } catch (err) {
        setChildren((c) => {
          const next = { ...c };
          delete next[key];
          return next;
        });
        Toast.show({ content: errorMessage(err) });
      }
    },
    [children],
  );

  const options = useMemo(() => {
    const build = (key: string, parentPlace: string | undefined): CascaderOption[] => {
      const list = children[key];
      if (list === undefined || list === 'loading') return CascaderView.optionSkeleton;
      return list.map((p) => {
        const label = placeName(p.name, parentPlace);
        // A town, or an area with no town open online: picking it finishes the choice.
        const isLeaf = p.level === 'town' || !p.hasChildren;
        return {
          label: p.level === 'town' || p.hasChildren ? label : `${label}（由${p.name}受理）`,
          value: String(p.id),
          children: isLeaf ? undefined : build(String(p.id), label),
        };
      });
    };
    return build(ROOT, undefined);
  }, [children]);

  /** The union behind an id, when it is an area with no town open online. */
  const uncoveredUnion = useCallback(
    (id: string): string | undefined => {
      for (const list of Object.values(children)) {
        if (list === 'loading') continue;
        const p = list.find((x) => String(x.id) === id);
        if (p) return p.level !== 'town' && !p.hasChildren ? p.name : undefined;
      }
      return undefined;
    },
    [children],
  );

  // Whether the sheet shows an area with no town open online (so the hint says what that means).
  const hasUncovered = path.concat(ROOT).some((key) => {
    const list = children[key];
    return Array.isArray(list) && list.some((p) => p.level !== 'town' && !p.hasChildren);
  });

  function open() {
    setVisible(true);
    void load(ROOT);
  }

  const onPick: NonNullable<CascaderViewProps['onChange']> = (vals, extend) => {
    setPath(vals.map(String));
    const last = extend.items[extend.items.length - 1];
    if (!last?.value) return;
    if (last.children === undefined) {
      // A town, or an area with no town open: done.
      const uncoveredBy = uncoveredUnion(last.value);
      const labels = extend.items.map((o: CascaderOption | null) => String(o?.label ?? '').replace(/（由.+受理）$/, ''));
      onChange?.({ id: Number(last.value), label: labels.join(' '), uncoveredBy });
      setVisible(false);
      return;
    }
    void load(last.value);
    requestAnimationFrame(() => focusFirstOption(vals.length));
  };

  return (
    <>
      {/* named with the words it shows (a name that hides them would not match what is seen) */}
      <button type="button" className="m-picker-field" onClick={open} aria-label={`选择工作地点：${value?.label ?? placeholder}`} {...(id ? { id } : {})}>
        <span className={value ? 'm-picker-value' : 'm-picker-placeholder'}>{value?.label ?? placeholder}</span>
        <RightOutline aria-hidden />
      </button>
      <Sheet visible={visible} label="选择工作地点" onClose={() => setVisible(false)} bodyClassName="m-place-popup" pressable=".adm-list-item">
        <div className="m-place-head">
          <span>选择工作地点</span>
          <button type="button" className="m-place-close" onClick={() => setVisible(false)}>
            取消
          </button>
        </div>
        {hasUncovered && (
          <div className="m-place-hint" data-testid="place-hint">
            标注“由…受理”的地区暂未开通镇（街道）工会线上入会，可以直接选择，申请由该地总工会受理。
          </div>
        )}
        <CascaderView
          options={options}
          value={path}
          onChange={onPick}
          placeholder={(i) => ['选择市', '选择区县', '选择镇街'][i] ?? '请选择'}
          style={{ '--height': '60vh' }}
        />
      </Sheet>
    </>
  );
}
