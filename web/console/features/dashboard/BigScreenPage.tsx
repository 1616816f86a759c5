// 大屏: the dashboard of one union on a wall screen — 1920×1080, dark, no menu, every tile by area and
// the unions directly below, refreshed every 60 s (the requests keep the session alive: open it with a
// read-only account), "数据更新于" in Beijing time. /dashboard/screen?orgId=…
import './bigScreen.css';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { tileAreaNames, type Dashboard, type DashboardArea, type DashboardChildren } from '../../../../contracts/dashboard.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { formatDateTime } from '../../../shared/format.ts';
import { changeText, tileText, unitSuffix } from './tileFormat.ts';

const REFRESH_MS = 60_000;

export function BigScreenPage() {
  const [params] = useSearchParams();
  const raw = params.get('orgId');
  const orgId = raw && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined;
  const [d, setD] = useState<Dashboard>();
  const [kids, setKids] = useState<DashboardChildren>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    let live = true;
    const load = () => {
      Promise.all([api.get('/api/dashboard', { query: { orgId } }), api.get('/api/dashboard/children', { query: { orgId, sort: '-activities.count', pageSize: 10 } })])
        .then(([a, b]) => {
          if (!live) return;
          setD(a);
          setKids(b);
          setError(undefined);
        })
        .catch((err: unknown) => live && setError(errorMessage(err)));
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [orgId]);

  const areas = new Map<DashboardArea, Dashboard['tiles']>();
  for (const t of d?.tiles ?? []) areas.set(t.area, [...(areas.get(t.area) ?? []), t]);
  const shownTiles = (kids?.tiles ?? []).filter((t) => ['activities.count', 'places.visits', 'tickets.filed', 'hardship.exited'].includes(t.id));

  return (
    <main className="bs-screen" data-testid="big-screen">
      <header className="bs-head">
        <h1>{d ? `${d.org.name} · 一屏总览` : '一屏总览'}</h1>
        <div className="bs-meta">
          {d && (
            <>
              <span>统计期间 {d.period.from} 至 {d.period.to}</span>
              <span data-testid="big-screen-updated">数据更新于 {formatDateTime(d.computedAt)}（北京时间）</span>
            </>
          )}
        </div>
      </header>
      {error && <p className="bs-error" role="alert">数据暂时无法刷新：{error}（每 60 秒自动重试）</p>}
      <div className="bs-body">
        <div className="bs-areas">
          {[...areas].map(([area, tiles]) => (
            <section key={area} className="bs-area" aria-label={tileAreaNames[area]}>
              <h2>{tileAreaNames[area]}</h2>
              <div className="bs-tiles">
                {tiles.map((t) => {
                  const ch = changeText(t.unit, t.value, t.previous);
                  return (
                    <div key={t.id} className="bs-tile">
                      <div className="bs-label">{t.label}</div>
                      <div className="bs-value">
                        {tileText(t.unit, t.value)}
                        {t.value !== null && <small>{unitSuffix(t.unit)}</small>}
                      </div>
                      <div className={`bs-change bs-${ch.dir}`}>{ch.text}</div>
                    </div>
                  );
                })}
              </div>
            </section>
          ))}
        </div>
        <section className="bs-side" aria-label="直属下级工会">
          <h2>直属下级工会（按活动数）</h2>
          <table className="bs-table">
            <thead>
              <tr>
                <th scope="col">工会</th>
                {shownTiles.map((t) => (
                  <th key={t.id} scope="col">{t.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {(kids?.items ?? []).map((r) => (
                <tr key={r.org.id} className={r.behind ? 'bs-behind' : undefined}>
                  <th scope="row">{r.org.name}</th>
                  {shownTiles.map((t) => (
                    <td key={t.id}>{tileText(t.unit, r.cells[t.id]?.value)}</td>
                  ))}
                </tr>
              ))}
              {kids && kids.items.length === 0 && (
                <tr>
                  <td colSpan={shownTiles.length + 1}>没有直属下级工会</td>
                </tr>
              )}
            </tbody>
          </table>
          {d && d.official.years.length > 0 && (
            <p className="bs-official">
              官方统计数（{d.official.years[0]!.year} 年）：会员 {d.official.years[0]!.members?.toLocaleString('zh-CN') ?? '—'}，工会组织 {d.official.years[0]!.unions?.toLocaleString('zh-CN') ?? '—'}。{d.official.caption}
            </p>
          )}
        </section>
      </div>
    </main>
  );
}
