// The member services' grid, on the home page and on the member card: the tiles of one list
// (contracts/member-services.ts), each opening its page. Here only their icons, by key: a key
// without an icon does not compile.
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import { Grid } from 'antd-mobile';
import { BankcardOutline, GiftOutline, HeartOutline, SmileOutline, StarOutline, TeamOutline, UserAddOutline, ContentOutline } from 'antd-mobile-icons';
import { memberServicesOn, type MemberServiceKey, type MemberServicePlace } from '../../contracts/member-services.ts';

const icons: Record<MemberServiceKey, ReactNode> = {
  join: <UserAddOutline />,
  card: <BankcardOutline />,
  activities: <GiftOutline />,
  hardshipAid: <HeartOutline />,
  education: <ContentOutline />,
  culture: <SmileOutline />,
  fitness: <TeamOutline />,
  points: <StarOutline />,
};

/** The services offered at `place`, four to a row. */
export function ServiceGrid({ place }: { place: MemberServicePlace }) {
  const navigate = useNavigate();
  return (
    <Grid columns={4} gap={[0, 16]} className="m-services" data-testid={`${place}-services`}>
      {memberServicesOn(place).map((s) => (
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
