// The calendar of one place's slots: a day or a week from a chosen day, each slot with its seats
// booked of the capacity, pending, checked in and no-shows; the period's utilisation on top. From a
// slot: its list of bookings, a new capacity, or its cancellation (the bookers are told). On a phone
// each slot is one narrow row — the time above the title, the counts under 已约 / 名额, the actions stacked.
import { useCallback, useEffect, useState } from 'react';
import { App, Button, Card, Col, Grid, Row, Segmented, Space, Statistic, Table, Tag, Typography } from 'antd';
import type { BookingFigures, Slot } from '../../../../contracts/place-bookings.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { dayToPicker, formatClock, formatDay, formatWhen, pickerDay, todayInBeijing } from '../../../shared/format.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { percent } from './bookingLabels.ts';
import { CapacityModal, SlotBookingsDrawer } from './SlotActions.tsx';
import { SlotFormModal } from './SlotFormModal.tsx';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const timeOf = (s: Slot) => `${formatClock(s.startsAt)}–${formatClock(s.endsAt)}`;
const weekdays = '日一二三四五六';
const dayLabel = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日（周${weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()]}）`;

export function SlotCalendar({ placeId }: { placeId: number }) {
  const { message } = App.useApp();
  const [view, setView] = useState<'day' | 'week'>('week');
  const [from, setFrom] = useState(todayInBeijing());
  const [slots, setSlots] = useState<Slot[]>();
  const [figures, setFigures] = useState<BookingFigures>();
  const [creating, setCreating] = useState(false);
  const [listed, setListed] = useState<Slot>();
  const [resizing, setResizing] = useState<Slot>();
  const [cancelling, setCancelling] = useState<Slot>();
  const to = view === 'day' ? from : addDays(from, 6);
  const narrow = Grid.useBreakpoint().sm === false;

  const load = useCallback(async () => {
    try {
      const [page, f] = await Promise.all([
        api.get('/api/places/:id/slots', { params: { id: placeId }, query: { from, to, pageSize: 200 } }),
        api.get('/api/place-bookings/figures', { query: { placeId, from, to } }),
      ]);
      setSlots(page.items);
      setFigures(f);
    } catch (err) {
      message.error(errorMessage(err));
    }
  }, [placeId, from, to, message]);
  useEffect(() => void load(), [load]);

  const days = Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => addDays(from, i));
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Space wrap>
        <Segmented<'day' | 'week'> aria-label="日历范围" value={view} onChange={setView} options={[{ value: 'day', label: '按日' }, { value: 'week', label: '按周' }]} />
        <Button onClick={() => setFrom(addDays(from, view === 'day' ? -1 : -7))}>{view === 'day' ? '前一天' : '上一周'}</Button>
        <DatePicker aria-label="从哪天起" allowClear={false} value={dayToPicker(from)} onChange={(d) => d && setFrom(pickerDay(d))} />
        <Button onClick={() => setFrom(addDays(from, view === 'day' ? 1 : 7))}>{view === 'day' ? '后一天' : '下一周'}</Button>
        <Button type="primary" onClick={() => setCreating(true)}>
          发布时段
        </Button>
      </Space>
      {figures && (
        <Row gutter={[16, 16]} data-testid="booking-figures">
          <Col xs={12} md={4}><Statistic title="时段" value={figures.slots} /></Col>
          <Col xs={12} md={4}><Statistic title="预约 / 名额" value={`${figures.bookings} / ${figures.capacity}`} /></Col>
          <Col xs={12} md={4}><Statistic title="预约率" value={percent(figures.bookedRate)} /></Col>
          <Col xs={12} md={4}><Statistic title="已签到" value={figures.checkedIn} /></Col>
          <Col xs={12} md={4}><Statistic title="未到" value={figures.noShows} /></Col>
          <Col xs={12} md={4}><Statistic title="到场率" value={percent(figures.checkinRate)} /></Col>
        </Row>
      )}
      {days.map((day) => {
        const ofDay = (slots ?? []).filter((s) => formatDay(s.startsAt) === day);
        return (
          <Card key={day} size="small" title={<h2 style={{ margin: 0, fontSize: 15 }}>{dayLabel(day)}</h2>}>
            {ofDay.length === 0 ? (
              <Typography.Text type="secondary">当天没有时段</Typography.Text>
            ) : (
              <Table<Slot>
                size="small"
                rowKey="id"
                pagination={false}
                dataSource={ofDay}
                scroll={narrow ? undefined : { x: 760 }}
                columns={[
                  { title: '时间', key: 'time', width: 120, responsive: ['sm'], render: (_, s) => timeOf(s) },
                  {
                    title: '时段',
                    dataIndex: 'title',
                    render: (t: string, s) => (
                      <>
                        {narrow && <div className="mono">{timeOf(s)}</div>}
                        <Space size={4} wrap>{t}{s.needsApproval && <Tag color="gold">需审批</Tag>}{s.status === 'cancelled' && <Tag>已取消</Tag>}</Space>
                      </>
                    ),
                  },
                  {
                    title: '已约 / 名额',
                    key: 'booked',
                    width: narrow ? 96 : 110,
                    render: (_, s) => (
                      <>
                        <strong>{`${s.booked} / ${s.capacity}`}</strong>
                        {narrow && (
                          <Space size={[8, 0]} wrap className="small">
                            <span>待审批 {s.pending}</span>
                            <span>已签到 {s.checkedIn}</span>
                            <span>未到 {s.noShows}</span>
                          </Space>
                        )}
                      </>
                    ),
                  },
                  { title: '待审批', dataIndex: 'pending', width: 80, responsive: ['sm'] },
                  { title: '已签到', dataIndex: 'checkedIn', width: 80, responsive: ['sm'] },
                  { title: '未到', dataIndex: 'noShows', width: 70, responsive: ['sm'] },
                  {
                    title: '操作',
                    key: 'actions',
                    width: narrow ? 72 : 200,
                    render: (_, s) => (
                      <Space size={0} direction={narrow ? 'vertical' : 'horizontal'} align="start">
                        <Button type="link" size="small" onClick={() => setListed(s)}>名单</Button>
                        {s.status === 'open' && (
                          <>
                            <Button type="link" size="small" onClick={() => setResizing(s)}>改人数</Button>
                            <Button type="link" size="small" danger onClick={() => setCancelling(s)}>取消</Button>
                          </>
                        )}
                      </Space>
                    ),
                  },
                ]}
              />
            )}
          </Card>
        );
      })}
      {creating && <SlotFormModal placeId={placeId} from={from} onClose={() => setCreating(false)} onDone={() => { setCreating(false); void load(); }} />}
      {listed && <SlotBookingsDrawer slot={listed} onClose={() => setListed(undefined)} />}
      {resizing && <CapacityModal slot={resizing} onClose={() => setResizing(undefined)} onDone={() => { setResizing(undefined); void load(); }} />}
      <ReasonModal
        open={cancelling !== undefined}
        title="取消时段"
        okText="取消时段"
        warning={cancelling ? `取消 ${formatWhen(cancelling.startsAt, { weekday: true })} 的“${cancelling.title}”：已预约的 ${cancelling.booked} 人的预约一并取消，并收到短信通知。` : ''}
        label="取消原因"
        required="请填写取消原因"
        placeholder="如：书屋临时检修"
        onClose={() => setCancelling(undefined)}
        onSubmit={async (reason) => {
          const done = await api.post('/api/place-slots/:id/cancel', { params: { id: cancelling!.id }, body: { reason } });
          message.success(`已取消，已通知 ${done.told} 人`);
          setCancelling(undefined);
          void load();
        }}
      />
    </Space>
  );
}
