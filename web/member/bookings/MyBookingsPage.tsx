// 我的预约: my bookings of places' slots, the next ones first, each with its state (已预约 / 待审批 /
// 已签到 / 未到 / 已取消 / 已拒绝) and why; cancelling before the place's deadline, and from a booking
// about to start the member card's QR for check-in.
import '../components/listing.css';
import './bookings.css';
import { useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import { bookingStateLabels, type MyBooking } from '../../../contracts/place-bookings.ts';
import { api } from '../../shared/api.ts';
import { formatClock, formatWhen } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { confirmWrite } from '../components/confirmWrite.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { bookingTagColors } from './labels.ts';

export function MyBookingsPage() {
  const navigate = useNavigate();
  const list = useDetail('my place bookings', () => api.get('/api/me/place-bookings', { query: { pageSize: 100 } }));

  async function cancel(b: MyBooking) {
    const done = await confirmWrite({
      title: '取消预约？',
      content: `${b.placeName} ${formatWhen(b.startsAt, { weekday: true })} ${b.title}，取消后名额让给其他会员。`,
      confirmText: '确认取消',
      write: () => api.post('/api/me/place-bookings/:id/cancel', { params: { id: b.id } }),
      done: '已取消预约',
    });
    if (done !== 'no') void list.reload();
  }

  return (
    <MemberScreen title="我的预约" onBack={() => navigate(-1)}>
      <LoadState detail={list} empty={{ when: (d) => d.items.length === 0, title: '还没有预约', description: '职工书屋、心灵驿站等场所可以在线预约' }}>
        {(data) => (
          <ul className="a-list">
            {data.items.map((b) => {
              const upcoming = Date.parse(b.endsAt) > Date.now();
              const canCancel = (b.state === 'booked' || b.state === 'pending') && Date.now() < Date.parse(b.cancelDeadline);
              const showCard = b.state === 'booked' && upcoming;
              return (
                <li key={b.id}>
                  <section className="m-card a-signup" data-testid="my-booking-item" data-state={b.state}>
                    <button type="button" className="a-signup-main" onClick={() => navigate(`/places/${b.placeId}/book`)}>
                      <div className="a-signup-top">
                        <Tag color={bookingTagColors[b.state]}>{bookingStateLabels[b.state]}</Tag>
                      </div>
                      <div className="a-card-title">{b.placeName}</div>
                      <div className="a-card-line">{`${formatWhen(b.startsAt, { weekday: true })}–${formatClock(b.endsAt)} · ${b.title}`}</div>
                      <div className="a-card-line">{b.placeAddress}</div>
                      {b.reason && <div className="a-card-line">原因：{b.reason}</div>}
                      {b.checkedInAt && <div className="a-card-line">签到时间：{formatWhen(b.checkedInAt)}</div>}
                    </button>
                    {(canCancel || showCard) && (
                      <div className="a-signup-actions">
                        {canCancel && (
                          <Button size="small" shape="rounded" onClick={() => void cancel(b)}>
                            取消预约
                          </Button>
                        )}
                        {showCard && (
                          <Button size="small" shape="rounded" color="primary" onClick={() => navigate('/card')}>
                            出示会员证签到
                          </Button>
                        )}
                      </div>
                    )}
                    {canCancel && <div className="a-signup-deadline">{formatWhen(b.cancelDeadline)} 前可取消</div>}
                  </section>
                </li>
              );
            })}
          </ul>
        )}
      </LoadState>
    </MemberScreen>
  );
}
