// Where the worker works: city → county → town (镇/街道), loaded level by level from GET /api/places.
// Picking the town closes the sheet — no extra 确定 tap. Names are shown as places (化州市 石湾街道),
// not as the unions behind them.
import { useCallback, useMemo, useState } from 'react';
import { CascaderView, Popup, Toast, type CascaderOption, type CascaderViewProps } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import type { z } from 'zod';
import type { place } from '../../../contracts/members.ts';
import { api, errorMessage } from '../../shared/api.ts';

type Place = z.infer<typeof place>;

export interface PlaceValue {
  /** The town-level union (workOrgId). */
  id: number;
  /** 茂名市 化州市 石湾街道 */
  label: string;
}

/** 化州市石湾街道工会联合会 under 化州市 → 石湾街道; 茂名市总工会 → 茂名市. */
export function placeName(unionName: string, parentPlace?: string): string {
  let n = unionName.replace(/(总工会|工会联合会|工会)$/, '');
  if (parentPlace && n.startsWith(parentPlace) && n.length > parentPlace.length) n = n.slice(parentPlace.length);
  return n;
}

const ROOT = 'root';

interface Props {
  value?: PlaceValue | undefined;
  onChange?: (v: PlaceValue | undefined) => void;
  placeholder?: string;
}

export function PlacePicker({ value, onChange, placeholder = '请选择市、区县、镇（街道）' }: Props) {
  const [visible, setVisible] = useState(false);
  const [children, setChildren] = useState<Record<string, Place[] | 'loading'>>({});
  const [path, setPath] = useState<string[]>([]);

  const load = useCallback(
    async (key: string) => {
      if (children[key] !== undefined) return;
      setChildren((c) => ({ ...c, [key]: 'loading' }));
      try {
        const list = await api.get<Place[]>('/api/places', key === ROOT ? undefined : { parentId: key });
        setChildren((c) => ({ ...c, [key]: list }));
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
        const isTown = p.level === 'town';
        return {
          label: isTown || p.hasChildren ? label : `${label}（暂未开通）`,
          value: String(p.id),
          disabled: !isTown && !p.hasChildren,
          children: isTown ? undefined : build(String(p.id), label),
        };
      });
    };
    return build(ROOT, undefined);
  }, [children]);

  function open() {
    setVisible(true);
    void load(ROOT);
  }

  const onPick: NonNullable<CascaderViewProps['onChange']> = (vals, extend) => {
    setPath(vals.map(String));
    const last = extend.items[extend.items.length - 1];
    if (!last?.value) return;
    if (last.children === undefined) {
      // A town: done.
      onChange?.({ id: Number(last.value), label: extend.items.map((o: CascaderOption | null) => o?.label ?? '').join(' ') });
      setVisible(false);
      return;
    }
    void load(last.value);
  };

  return (
    <>
      <button type="button" className="m-picker-field" onClick={open} aria-label="选择工作地点">
        <span className={value ? 'm-picker-value' : 'm-picker-placeholder'}>{value?.label ?? placeholder}</span>
        <RightOutline />
      </button>
      <Popup visible={visible} onMaskClick={() => setVisible(false)} bodyClassName="m-place-popup" destroyOnClose>
        <div className="m-place-head">
          <span>选择工作地点</span>
          <button type="button" className="m-place-close" onClick={() => setVisible(false)}>
            取消
          </button>
        </div>
        <CascaderView
          options={options}
          value={path}
          onChange={onPick}
          placeholder={(i) => ['选择市', '选择区县', '选择镇街'][i] ?? '请选择'}
          style={{ '--height': '60vh' }}
        />
      </Popup>
    </>
  );
}
