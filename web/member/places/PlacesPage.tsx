// 爱心驿站 (/places?kind=station) and 职工之家 (/places: the other kinds, with their tabs) on the phone:
// the nearest places, nearest first, from the worker's position (asked with consent) or a town
// picked instead; filtered by services and 只看开放中. For every worker, member or not.
import '../components/listing.css';
import './places.css';
import { useEffect, useState } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { Button, ErrorBlock, PullToRefresh } from 'antd-mobile';
import { placeKindLabels, placeKinds, type PlaceKind } from '../../../contracts/places.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { KindTabs, useKindParam } from '../components/KindTabs.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { loadNearby, locateConsented, rememberList, rememberOrigin, rememberedOrigin, setLocateConsent, type Origin } from './api.ts';
import { FilterBar, useFilters, type Filters } from './Filters.tsx';
import { PlaceCard } from './PlaceCard.tsx';
import { locate, OriginBar, PositionGate, type PositionStep } from './Position.tsx';

/** The kinds behind the 职工之家 tile: every kind but the stations. */
const homeKinds = placeKinds.filter((k) => k !== 'station');
const SHOWN = 20;

export function PlacesPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const stations = params.get('kind') === 'station';
  const [homeKind, setHomeKind] = useKindParam(homeKinds);
  const [filters, setFilters] = useFilters();
  const what = stations ? '爱心驿站' : '职工之家';
  const { pathname, search } = useLocation();
  rememberList(pathname + search);

  const [origin, setOrigin] = useState<Origin | undefined>(rememberedOrigin);
  const [step, setStep] = useState<PositionStep>(() => (locateConsented() && !rememberedOrigin() ? { step: 'locating' } : { step: 'ask' }));
  const [changing, setChanging] = useState(false);

  const use = (o: Origin) => {
    rememberOrigin(o);
    setOrigin(o);
    setChanging(false);
  };
  const startLocating = () => {
    setLocateConsent(true);
    setStep({ step: 'locating' });
    setChanging(true);
  };
  // the browser is asked while the step is "locating" (from a tap, or on arrival after consent given before)
  useEffect(() => {
    if (step.step !== 'locating') return;
    let live = true;
    locate().then(
      (o) => {
        if (!live) return;
        use(o);
        setStep({ step: 'ask' });
      },
      (err: Error) => live && setStep({ step: 'town', reason: err.message }),
    );
    return () => {
      live = false;
    };
  }, [step]);

  const gate = !origin || changing;
  return (
    <MemberScreen title={what} onBack={() => navigate('/')} bodyClassName="m-body" className="pl-page">
      {!stations && !gate && <KindTabs kinds={homeKinds} labels={placeKindLabels} value={homeKind} onChange={setHomeKind} label="按阵地类型筛选" />}
      <div className="m-scroll" data-testid="places-page" data-of={stations ? 'stations' : 'homes'}>
        {gate ? (
          <PositionGate
            step={step}
            what={what}
            onLocate={startLocating}
            onPickTown={() => {
              setStep({ step: 'town' });
              setChanging(true);
            }}
            onTown={(t) => use({ lat: t.lat, lng: t.lng, system: 'gcj02', town: t })}
            onCancel={origin ? () => setChanging(false) : undefined}
          />
        ) : (
          <>
            <OriginBar
              origin={origin}
              onLocate={startLocating}
              onChangeTown={() => {
                setStep({ step: 'town' });
                setChanging(true);
              }}
            />
            <FilterBar filters={filters} onChange={setFilters} of={stations ? 'stations' : 'homes'} />
            <NearbyList
              origin={origin}
              filters={filters}
              kind={stations ? 'station' : homeKind}
              homes={!stations}
              what={what}
              onClear={() => setFilters({ services: [], openNow: false })}
              onPickTown={() => {
                setStep({ step: 'town' });
                setChanging(true);
              }}
            />
          </>
        )}
      </div>
    </MemberScreen>
  );
}

function NearbyList({
  origin,
  filters,
  kind,
  homes,
  what,
  onClear,
  onPickTown,
}: {
  origin: Origin;
  filters: Filters;
  kind: PlaceKind | undefined;
  /** all the kinds but stations when no kind is picked */
  homes: boolean;
  what: string;
  onClear: () => void;
  onPickTown: () => void;
}) {
  const key = `places ${origin.lat},${origin.lng} ${kind ?? (homes ? 'homes' : '')} ${filters.services.join(',')} ${filters.openNow}`;
  const list = useDetail(key, async () => {
    const answer = await loadNearby(origin, { kind, services: filters.services, openNow: filters.openNow, limit: kind ? SHOWN : 50 });
    return { radiusM: answer.radiusM, places: answer.places.filter((p) => kind || !homes || p.kind !== 'station').slice(0, SHOWN) };
  });
  const within = list.data ? `${Math.round(list.data.radiusM / 1000)} 公里内` : '附近';
  const filtered = filters.services.length > 0 || filters.openNow;
  return (
    <PullToRefresh onRefresh={list.reload} pullingText="下拉刷新" canReleaseText="释放立即刷新" refreshingText="正在刷新…" completeText="已刷新">
      <LoadState
        detail={list}
        problem={(problem) =>
          // a phone abroad (or a GPS gone wrong): the towns instead; anything else LoadState's 加载失败 with 重试
          problem.code.startsWith('position_') ? (
            <ErrorBlock status="default" title="无法按这个位置查找" description={problem.message}>
              <Button color="primary" onClick={onPickTown}>
                选择镇街
              </Button>
            </ErrorBlock>
          ) : undefined
        }
        empty={{
          when: (d) => d.places.length === 0,
          title: filtered ? `${within}没有符合条件的${kind ? placeKindLabels[kind] : what}` : `${within}暂时没有${kind ? placeKindLabels[kind] : what}`,
          description: filtered ? '少选几项服务，或看看已关门的' : '换一个镇街看看',
          action: filtered ? { label: '清除筛选', onClick: onClear, outline: true } : undefined,
        }}
      >
        {({ places }) => (
          <>
            <h2 className="a-group-title">由近及远（{places.length}）</h2>
            <ul className="a-list" data-testid="place-list">
              {places.map((p) => (
                <PlaceCard key={p.id} place={p} showKind={homes && !kind} />
              ))}
            </ul>
            <p className="pl-foot-note">距离为直线距离，仅供参考。</p>
          </>
        )}
      </LoadState>
    </PullToRefresh>
  );
}
