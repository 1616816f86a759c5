// One place on the phone (/places/:id): its name and kind, open now or when it opens, the week's
// hours with the holidays, the address and distance, its photos (a strip; tap for large), the three map apps to go there (高德, 百度,
// 腾讯: contracts/map-links.ts), its services, what it is, its keeper (phone masked) and union; and
// the ways on: 报告问题, and 预约 when it takes bookings (those pages are their own).
import '../components/listing.css';
import './places.css';
import { Link, useParams } from 'react-router-dom';
import { Tag } from 'antd-mobile';
import { EnvironmentOutline, ExclamationCircleOutline, CalendarOutline, RightOutline } from 'antd-mobile-icons';
import { mapApps, mapAppLabels, mapLinks } from '../../../contracts/map-links.ts';
import { placeKindLabels } from '../../../contracts/places.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { PhotoStrip } from '../components/PhotoStrip.tsx';
import { Facts } from '../components/DetailHead.tsx';
import { loadPlace, rememberedList, rememberedOrigin, type MemberPlace } from './api.ts';
import { beijingWeekday, distanceText, hoursRows } from './labels.ts';
import { OpenLine, ProblemNote } from './PlaceCard.tsx';
import { ServiceList } from './ServiceIcon.tsx';

export function PlacePage() {
  const { id = '' } = useParams();
  const origin = rememberedOrigin();
  const detail = useDetail(`place ${id}`, () => loadPlace(id, origin));
  const back = rememberedList() ?? (detail.data?.kind === 'station' ? '/places?kind=station' : '/places');
  return (
    <DetailPage title={detail.data ? placeKindLabels[detail.data.kind] : '阵地详情'} detail={detail} back={back} notFound="没有找到这个地方" backLabel="看看附近其他地方">
      {(p) => <PlaceBody place={p} hasOrigin={origin !== undefined} />}
    </DetailPage>
  );
}

function PlaceBody({ place: p, hasOrigin }: { place: MemberPlace; hasOrigin: boolean }) {
  const links = mapLinks({ lat: p.lat, lng: p.lng, name: p.name, address: p.address });
  const today = beijingWeekday();
  return (
    <div className="m-scroll" data-testid="place-page" data-id={p.id}>
      <section className="m-card pl-head">
        <div className="a-card-tags">
          <Tag color="danger" fill="outline">
            {placeKindLabels[p.kind]}
          </Tag>
          {p.bookable && (
            <Tag color="primary" fill="outline">
              可预约
            </Tag>
          )}
        </div>
        <h2 className="pl-title" data-testid="place-title">
          {p.name}
        </h2>
        <OpenLine place={p} />
        <ProblemNote problem={p.problem} />
        <div className="pl-address">
          <EnvironmentOutline aria-hidden />
          <span>
            {p.address}
            {hasOrigin && p.distanceM != null && <span className="pl-address-distance">（距您约 {distanceText(p.distanceM)}）</span>}
          </span>
        </div>
        <PhotoStrip photos={p.photos} label={p.name} testId="place-photos" />
        <h3 className="pl-sub">导航前往</h3>
        <div className="pl-maps" data-testid="map-links">
          {mapApps.map((app) => (
            <a key={app} className={`pl-map pl-map-${app}`} href={links[app]} target="_blank" rel="noopener noreferrer" data-testid={`map-${app}`}>
              {mapAppLabels[app]}
            </a>
          ))}
        </div>
      </section>

      <section className="m-card" aria-labelledby="pl-services-title">
        <h3 id="pl-services-title" className="pl-sub">
          提供的服务
        </h3>
        {p.services.length ? <ServiceList services={p.services} testId="place-services" /> : <p className="pl-muted">暂未登记服务项目</p>}
        {p.intro && <p className="pl-intro">{p.intro}</p>}
      </section>

      <section className="m-card" aria-labelledby="pl-hours-title">
        <h3 id="pl-hours-title" className="pl-sub">
          开放时间
        </h3>
        <table className="pl-hours" data-testid="place-hours">
          <tbody>
            {hoursRows(p.hours).map((r) => (
              <tr key={r.day} className={r.day === today ? 'pl-today' : undefined} aria-current={r.day === today ? 'date' : undefined}>
                <th scope="row">
                  {r.label}
                  {r.day === today && <span className="pl-today-mark">（今天）</span>}
                </th>
                <td>{r.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="m-card" aria-labelledby="pl-keeper-title">
        <h3 id="pl-keeper-title" className="pl-sub">
          管理信息
        </h3>
        <Facts
          facts={[
            ['站长', p.keeperName],
            ['站长电话', p.keeperPhoneMasked],
            ['管理工会', p.orgName],
            ['所在镇街', p.townName],
          ]}
        />
      </section>

      <nav className="pl-ways" aria-label="更多操作">
        {p.bookable && (
          <Link to={`/places/${p.id}/book`} className="m-card a-mine-link" data-testid="place-book">
            <span>
              <CalendarOutline aria-hidden /> 预约
            </span>
            <RightOutline aria-hidden />
          </Link>
        )}
        <Link to={`/places/${p.id}/report`} className="m-card a-mine-link" data-testid="place-report">
          <span>
            <ExclamationCircleOutline aria-hidden /> 报告问题（没水、没电、关门……）
          </span>
          <RightOutline aria-hidden />
        </Link>
      </nav>
    </div>
  );
}
