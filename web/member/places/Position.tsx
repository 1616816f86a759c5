// Where the search for places starts, asked with consent: first what the position is for (用于查找
// 离您最近的驿站，不会保存您的位置), then the browser's geolocation (WGS-84, converted by the server);
// refused or unavailable — or the worker would rather not — a town picked from a searchable list
// (its centre, GCJ-02), with a way back to "use my location". The bar above the list says which.
import { useEffect, useState } from 'react';
import { Button, DotLoading } from 'antd-mobile';
import { EnvironmentOutline, LocationOutline } from 'antd-mobile-icons';
import { errorMessage } from '../../shared/api.ts';
import { loadTowns, setLocateConsent, type Origin, type TownPoint } from './api.ts';

/** Asks the browser once; answers the position or the reason in words. */
export function locate(): Promise<Origin> {
  return new Promise((resolve, reject) => {
    if (typeof navigator === 'undefined' || !navigator.geolocation) {
      reject(new Error('此浏览器不能定位'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, system: 'wgs84' }),
      (e) => {
        if (e.code === e.PERMISSION_DENIED) setLocateConsent(false);
        reject(new Error(e.code === e.PERMISSION_DENIED ? '您没有允许使用位置' : e.code === e.TIMEOUT ? '定位超时' : '暂时无法获取位置'));
      },
      { enableHighAccuracy: false, timeout: 12_000, maximumAge: 60_000 },
    );
  });
}

export type PositionStep = { step: 'ask' } | { step: 'locating' } | { step: 'town'; reason?: string | undefined };

/** The card shown before there is an origin (or while the worker picks another town). */
export function PositionGate({
  step,
  what,
  onLocate,
  onTown,
  onPickTown,
  onCancel,
}: {
  step: PositionStep;
  /** 驿站 / 职工之家 */
  what: string;
  onLocate: () => void;
  onTown: (t: TownPoint) => void;
  onPickTown: () => void;
  /** back to the list already shown (when changing the town) */
  onCancel?: (() => void) | undefined;
}) {
  if (step.step === 'ask') {
    return (
      <section className="m-card pl-gate" data-testid="places-consent" aria-labelledby="pl-gate-title">
        <h2 id="pl-gate-title" className="m-section-title">
          查找离您最近的{what}
        </h2>
        <p className="pl-gate-text">
          使用您的位置，用于查找离您最近的{what}，不会保存您的位置。
        </p>
        <Button block color="primary" size="large" shape="rounded" onClick={onLocate} data-testid="use-location">
          使用我的位置
        </Button>
        <Button block fill="outline" color="primary" shape="rounded" className="pl-gate-second" onClick={onPickTown} data-testid="pick-town">
          不用位置，选择镇街
        </Button>
      </section>
    );
  }
  if (step.step === 'locating') {
    return (
      <section className="m-card pl-gate" role="status" data-testid="places-locating">
        <p className="pl-gate-text">
          <DotLoading color="primary" /> 正在获取您的位置…
        </p>
        <Button block fill="outline" color="primary" shape="rounded" onClick={onPickTown}>
          不用位置，选择镇街
        </Button>
      </section>
    );
  }
  return <TownChooser reason={step.reason} onTown={onTown} onLocate={onLocate} onCancel={onCancel} />;
}

function TownChooser({
  reason,
  onTown,
  onLocate,
  onCancel,
}: {
  reason?: string | undefined;
  onTown: (t: TownPoint) => void;
  onLocate: () => void;
  onCancel?: (() => void) | undefined;
}) {
  const [q, setQ] = useState('');
  const [towns, setTowns] = useState<TownPoint[] | undefined>();
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      loadTowns(q).then(
        (page) => live && (setTowns(page.items), setProblem(undefined)),
        (err: unknown) => live && setProblem(errorMessage(err)),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q]);
  return (
    <section className="m-card pl-gate" data-testid="town-picker" aria-labelledby="pl-town-title">
      {reason && (
        <p className="pl-gate-reason" role="alert">
          未能获取您的位置：{reason}。
        </p>
      )}
      <h2 id="pl-town-title" className="m-section-title">
        选择您所在的镇（街道）
      </h2>
      <label className="pl-town-search">
        <span className="m-sr-only">搜索镇街</span>
        <input type="search" value={q} onChange={(e) => setQ(e.target.value)} placeholder="输入镇街名称，如 莲花" maxLength={20} enterKeyHint="search" />
      </label>
      {problem && <p className="pl-gate-reason">{problem}</p>}
      {towns === undefined && !problem && (
        <div className="m-center" role="status" aria-label="正在加载">
          <DotLoading color="primary" />
        </div>
      )}
      {towns?.length === 0 && <p className="pl-gate-text">没有找到“{q}”，换个字试试</p>}
      {towns && towns.length > 0 && (
        <ul className="pl-towns">
          {towns.map((t) => (
            <li key={t.id}>
              <button type="button" className="pl-town" onClick={() => onTown(t)} data-testid="town-option" data-id={t.id}>
                <EnvironmentOutline aria-hidden />
                <span className="pl-town-name">{t.name}</span>
                <span className="pl-town-area">
                  {t.city} {t.county}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="pl-gate-actions">
        <Button fill="outline" color="primary" shape="rounded" onClick={onLocate} data-testid="use-location">
          <LocationOutline aria-hidden /> 使用我的位置
        </Button>
        {onCancel && (
          <Button fill="none" shape="rounded" onClick={onCancel}>
            取消
          </Button>
        )}
      </div>
    </section>
  );
}

/** Above the list: where the search starts from, and the ways to change it. */
export function OriginBar({ origin, onChangeTown, onLocate }: { origin: Origin; onChangeTown: () => void; onLocate: () => void }) {
  return (
    <div className="pl-origin" data-testid="places-origin">
      <span className="pl-origin-text">
        <EnvironmentOutline aria-hidden />
        {origin.town ? `${origin.town.county}${origin.town.name}附近` : '您的位置附近'}
      </span>
      {origin.town && (
        <button type="button" className="a-nav-link pl-origin-action" onClick={onLocate}>
          用我的位置
        </button>
      )}
      <button type="button" className="a-nav-link pl-origin-action" onClick={onChangeTown} data-testid="change-town">
        {origin.town ? '换镇街' : '选镇街'}
      </button>
    </div>
  );
}
