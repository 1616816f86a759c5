// The filters of the nearest places, kept in the address (?services=water,charging&open=1) so going
// back from a place keeps them: 只看开放中, and the services (multi-select chips in one row scrolling
// sideways, the common ones first). Buttons with aria-pressed: reached and pressed by keyboard.
import { useSearchParams } from 'react-router-dom';
import { placeServiceLabels, placeServices, type PlaceService } from '../../../contracts/places.ts';
import { ServiceIcon } from './ServiceIcon.tsx';

export interface Filters {
  services: PlaceService[];
  openNow: boolean;
}

/** The filters in the address, and a setter that replaces the address. */
export function useFilters(): [Filters, (next: Filters) => void] {
  const [params, setParams] = useSearchParams();
  const asked = (params.get('services') ?? '').split(',');
  const filters: Filters = { services: placeServices.filter((s) => asked.includes(s)), openNow: params.get('open') === '1' };
  const set = (f: Filters) => {
    const next = new URLSearchParams(params);
    if (f.services.length) next.set('services', f.services.join(','));
    else next.delete('services');
    if (f.openNow) next.set('open', '1');
    else next.delete('open');
    setParams(next, { replace: true });
  };
  return [filters, set];
}

/** What a rider looks for first at a station, and what a worker looks for at a 职工之家. */
const FIRST: Record<'stations' | 'homes', readonly PlaceService[]> = {
  stations: ['water', 'charging', 'microwave', 'toilet', 'rest', 'aircon', 'firstAid', 'batterySwap'],
  homes: ['books', 'counselling', 'legal', 'nursing', 'wifi', 'rest', 'water', 'aircon'],
};

export function FilterBar({ filters, onChange, of }: { filters: Filters; onChange: (f: Filters) => void; of: 'stations' | 'homes' }) {
  const first = FIRST[of];
  const shown = [...first, ...placeServices.filter((s) => !first.includes(s))];
  const toggle = (s: PlaceService) => {
    const on = filters.services.includes(s);
    onChange({ ...filters, services: placeServices.filter((x) => (x === s ? !on : filters.services.includes(x))) });
  };
  return (
    <div className="pl-filters" data-testid="place-filters">
      <div className="pl-filter-row">
        <button
          type="button"
          className="pl-chip pl-open-only"
          aria-pressed={filters.openNow}
          onClick={() => onChange({ ...filters, openNow: !filters.openNow })}
          data-testid="open-now"
        >
          <span className="pl-dot" aria-hidden="true" />
          只看开放中
        </button>
        {(filters.services.length > 0 || filters.openNow) && (
          <button type="button" className="a-nav-link pl-clear" onClick={() => onChange({ services: [], openNow: false })}>
            清除筛选
          </button>
        )}
      </div>
      {/* one row scrolling sideways: the list stays in reach of the thumb */}
      <div className="pl-chips" role="group" aria-label="按服务筛选（可多选）">
        {shown.map((s) => (
          <button key={s} type="button" className="pl-chip" aria-pressed={filters.services.includes(s)} onClick={() => toggle(s)} data-service={s}>
            <ServiceIcon service={s} />
            {placeServiceLabels[s]}
          </button>
        ))}
      </div>
    </div>
  );
}
