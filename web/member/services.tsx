// The member services' grid, on the home page and on the member card: the tiles of one list
// (contracts/member-services.ts), each opening its page. Here only their icons, by key: a key
// without an icon does not compile. In 关怀模式 (care.ts) the grid becomes a list of big rows:
// icon and words, one column.
import { useEffect, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Grid } from 'antd-mobile';
import { RightOutline, BankcardOutline, FlagOutline, GiftOutline, HeartOutline, SmileOutline, StarOutline, TeamOutline, UserAddOutline, ContentOutline, CheckShieldOutline, EditSOutline, EnvironmentOutline, UserSetOutline } from 'antd-mobile-icons';
import { memberServicesOn, type MemberServiceCondition, type MemberServiceKey, type MemberServicePlace } from '../../contracts/member-services.ts';
import { api } from '../shared/api.ts';
import { useMemberSession } from './session.tsx';
import { useCareMode } from './care.ts';

/** 职工之家: a house (the icon set has none), drawn like the set's outlines. */
function HouseGlyph() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" aria-hidden="true" focusable="false">
      <path d="M3 11.5 12 4l9 7.5M5.5 9.5V20h5v-6h3v6h5V9.5" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

const icons: Record<MemberServiceKey, ReactNode> = {
  join: <UserAddOutline />,
  card: <BankcardOutline />,
  activities: <GiftOutline />,
  hardshipAid: <HeartOutline />,
  education: <ContentOutline />,
  culture: <SmileOutline />,
  fitness: <TeamOutline />,
  legalAid: <CheckShieldOutline />,
  stations: <EnvironmentOutline />,
  workersHomes: <HouseGlyph />,
  childcare: <UserSetOutline />,
  skills: <EditSOutline />,
  points: <StarOutline />,
  founding: <FlagOutline />,
};

/**
 * The conditions the logged-in member meets, for the conditional tiles: 我要建会 only for a member
 * whose employer (in the file) has no union. Nothing while unknown, logged out or not a member.
 */
export function useServiceConditions(): readonly MemberServiceCondition[] {
  const { me } = useMemberSession();
  const isMember = Boolean(me?.member);
  const [held, setHeld] = useState<readonly MemberServiceCondition[]>([]);
  useEffect(() => {
    if (!isMember) {
      setHeld([]);
      return;
    }
    let live = true;
    api
      .get('/api/me/employer', { quietOnSessionLost: true })
      .then((e) => live && setHeld(e.mayRequestFounding ? ['employerWithoutUnion'] : []))
      .catch(() => live && setHeld([]));
    return () => {
      live = false;
    };
  }, [isMember]);
  return held;
}

/** What an older worker needs first: the care mode's home puts these on top (the hotline follows them). */
export const CARE_FIRST: readonly MemberServiceKey[] = ['card', 'activities', 'hardshipAid'];

/** The services offered at `place`, four to a row; in care mode a list of big rows. */
export function ServiceGrid({ place }: { place: MemberServicePlace }) {
  const navigate = useNavigate();
  const [care] = useCareMode();
  const held = useServiceConditions();
  if (care) return <ServiceRows place={place} />;
  return (
    <Grid columns={4} gap={[0, 16]} className="m-services" data-testid={`${place}-services`}>
      {memberServicesOn(place, held).map((s) => (
        <Grid.Item key={s.key}>
          <button type="button" className="m-service" onClick={() => navigate(s.path)} data-service={s.key} data-path={s.path}>
            <span className="m-service-icon" style={{ background: s.color }} aria-hidden>
              {icons[s.key]}
            </span>
            <span className="m-service-name">{s.name}</span>
            <span className="m-service-hint">{s.hint}</span>
          </button>
        </Grid.Item>
      ))}
    </Grid>
  );
}

/** The services at `place` as big rows (icon, name, what it is for), `only` some or all `except` some, in the list's order. */
export function ServiceRows({ place, only, except }: { place: MemberServicePlace; only?: readonly MemberServiceKey[]; except?: readonly MemberServiceKey[] }) {
  const navigate = useNavigate();
  const held = useServiceConditions();
  const shown = memberServicesOn(place, held).filter((s) => (!only || only.includes(s.key)) && !except?.includes(s.key));
  return (
    <ul className="m-services m-service-rows" data-testid={except ? `${place}-services-more` : `${place}-services`}>
      {shown.map((s) => (
        <li key={s.key}>
          <button type="button" className="m-service-row" onClick={() => navigate(s.path)} data-service={s.key} data-path={s.path}>
            <span className="m-service-icon" style={{ background: s.color }} aria-hidden="true">
              {icons[s.key]}
            </span>
            <span className="m-service-row-text">
              <span className="m-service-name">{s.name}</span>
              <span className="m-service-hint">{s.hint}</span>
            </span>
            <RightOutline className="m-service-row-arrow" aria-hidden="true" />
          </button>
        </li>
      ))}
    </ul>
  );
}
