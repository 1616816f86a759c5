// 场所预约: the staff of a place's union choose one of their bookable places (职工书屋, 心灵驿站, 场馆)
// and work it — the day or week calendar of its slots with booked/capacity, pending, checked-in and
// no-shows and the period's utilisation; approvals waiting; the check-in desk (scan the member card);
// the place's booking rules. The place chosen is kept in the address (?place=), so a link opens it.
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, App, Card, Grid, Select, Tabs } from 'antd';
import type { BookablePlace } from '../../../../contracts/place-bookings.ts';
import { placeKindLabels } from '../../../../contracts/places.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { PageTitle } from '../../components/PageTitle.tsx';
import { ApprovalsTab } from './ApprovalsTab.tsx';
import { CheckinDesk } from './CheckinDesk.tsx';
import { RuleCard } from './RuleCard.tsx';
import { SlotCalendar } from './SlotCalendar.tsx';

export function PlaceBookingsPage() {
  const { message } = App.useApp();
  const [search, setSearch] = useSearchParams();
  const [places, setPlaces] = useState<BookablePlace[]>();
  const placeId = search.get('place') ? Number(search.get('place')) : undefined;
  const tab = search.get('tab') ?? 'calendar';
  // on a phone the four tabs fit side by side (none hidden behind "…") with a narrower gap
  const narrow = Grid.useBreakpoint().sm === false;

  useEffect(() => {
    api
      .get('/api/place-bookings/places', { query: { pageSize: 200 } })
      .then((p) => {
        setPlaces(p.items);
        if (placeId === undefined && p.items[0]) setSearch({ place: String(p.items[0].id), tab }, { replace: true });
      })
      .catch((err: unknown) => message.error(errorMessage(err)));
    // the first place is chosen once, on arrival
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [message]);

  const place = places?.find((p) => p.id === placeId);
  return (
    <div className="cv-page">
      <PageTitle>场所预约</PageTitle>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Select<number>
          aria-label="场所"
          showSearch
          optionFilterProp="label"
          placeholder="请选择场所"
          style={{ width: '100%', maxWidth: 560 }}
          loading={places === undefined}
          value={placeId}
          onChange={(id) => setSearch({ place: String(id), tab })}
          options={(places ?? []).map((p) => ({ value: p.id, label: `${p.name}（${placeKindLabels[p.kind]} · ${p.orgName}）${p.status === 'closed' ? ' 已停用' : ''}` }))}
          notFoundContent="管理范围内没有可预约的场所"
        />
        {place && <div style={{ marginTop: 8, color: 'rgba(0,0,0,0.65)' }}>{place.address}</div>}
      </Card>
      {places !== undefined && places.length === 0 && <Alert type="info" showIcon message="管理范围内还没有可预约的场所：在阵地管理中将场所设为“可预约”后，在这里发布时段。" />}
      {placeId !== undefined && (
        <Tabs
          activeKey={tab}
          onChange={(key) => setSearch({ place: String(placeId), tab: key })}
          destroyOnHidden
          tabBarGutter={narrow ? 16 : undefined}
          items={[
            { key: 'calendar', label: '时段日历', children: <SlotCalendar placeId={placeId} /> },
            { key: 'approvals', label: '预约审批', children: <ApprovalsTab placeId={placeId} /> },
            { key: 'checkin', label: '扫码签到', children: <CheckinDesk placeId={placeId} placeName={place?.name ?? ''} /> },
            { key: 'rules', label: '预约规则', children: <RuleCard placeId={placeId} /> },
          ]}
        />
      )}
    </div>
  );
}
