// One place of the nearest list, nearest first: a link to its page holding its name, distance, open
// state (开放中 · 20:00 关门 / 已关门 · 明天 08:00 开门), 24 小时, the keeper's mark (人多, 暂停开放), a
// reported problem, its services and its address. The state is words, its colour only a help.
import { Link } from 'react-router-dom';
import { EnvironmentOutline } from 'antd-mobile-icons';
import type { NearbyPlace } from '../../../contracts/places-nearby.ts';
import { placeKindLabels } from '../../../contracts/places.ts';
import { distanceText, liveText, openState } from './labels.ts';
import { ServiceList } from './ServiceIcon.tsx';

/** The open state, its 24 小时 badge and the keeper's mark: the card's and the page's line. */
export function OpenLine({ place, now }: { place: Pick<NearbyPlace, 'open' | 'closesAt' | 'opensAt' | 'roundTheClock' | 'live'>; now?: number }) {
  const state = openState(place, now);
  const live = liveText(place.live);
  return (
    <div className="pl-state-line">
      <span className={state.open ? 'pl-state pl-open' : 'pl-state pl-closed'} data-testid="place-open" data-open={state.open}>
        <span className="pl-dot" aria-hidden="true" />
        {state.text}
      </span>
      {place.roundTheClock && <span className="pl-badge pl-badge-24">24 小时</span>}
      {live && (
        <span className={place.live?.state === 'closed' || place.live?.busy === 'busy' ? 'pl-badge pl-badge-warn' : 'pl-badge'} data-testid="place-live">
          {live}
        </span>
      )}
    </div>
  );
}

export function ProblemNote({ problem }: { problem: string | null }) {
  if (!problem) return null;
  return (
    <div className="pl-problem" data-testid="place-problem">
      有人报告：{problem}
    </div>
  );
}

export function PlaceCard({ place, showKind }: { place: NearbyPlace; showKind: boolean }) {
  return (
    <li className="a-list-item">
      <Link to={`/places/${place.id}`} className="m-card pl-card" data-testid="place-card" data-id={place.id} data-kind={place.kind} data-distance={place.distanceM}>
        <div className="pl-card-top">
          <div className="pl-card-name">
            {showKind && <span className="pl-kind">{placeKindLabels[place.kind]}</span>}
            <span className="pl-name" data-testid="place-name">
              {place.name}
            </span>
          </div>
          <span className="pl-distance" data-testid="place-distance">
            {distanceText(place.distanceM)}
          </span>
        </div>
        <OpenLine place={place} />
        <ProblemNote problem={place.problem} />
        <ServiceList services={place.services} />
        <div className="a-card-line">
          <EnvironmentOutline aria-hidden /> <span className="a-ellipsis">{place.address}</span>
        </div>
      </Link>
    </li>
  );
}
