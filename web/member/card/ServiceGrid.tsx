// The services that hang off the member card; those not built yet say 即将开放.
import type { ReactNode } from 'react';
import { Grid } from 'antd-mobile';
import { BankcardOutline, CheckShieldOutline, ContentOutline, HeartOutline, SmileOutline, StarOutline, UserOutline } from 'antd-mobile-icons';
import type { MyCard } from '../../../contracts/cards.ts';

type CardService = MyCard['services'][number];

const looks: Record<string, { icon: ReactNode; color: string }> = {
  mutualAid: { icon: <CheckShieldOutline />, color: '#e53935' },
  legalAid: { icon: <ContentOutline />, color: '#1e88e5' },
  hardshipAid: { icon: <HeartOutline />, color: '#f4511e' },
  education: { icon: <StarOutline />, color: '#00897b' },
  culture: { icon: <SmileOutline />, color: '#8e24aa' },
  fitness: { icon: <UserOutline />, color: '#43a047' },
  discounts: { icon: <BankcardOutline />, color: '#fb8c00' },
};

export function ServiceGrid({ services, onOpen }: { services: CardService[]; onOpen: (s: CardService) => void }) {
  return (
    <Grid columns={4} gap={[0, 14]} data-testid="card-services">
      {services.map((s) => (
        <Grid.Item key={s.key}>
          <button type="button" className="c-service" onClick={() => onOpen(s)} data-service={s.key}>
            <span className="c-service-icon" style={{ background: looks[s.key]?.color ?? '#888' }}>
              {looks[s.key]?.icon ?? <StarOutline />}
            </span>
            <span className="c-service-name">{s.label}</span>
            {s.note && <span className="c-service-note">{s.note}</span>}
          </button>
        </Grid.Item>
      ))}
    </Grid>
  );
}
