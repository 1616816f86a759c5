// 预约 of one place (/places/:id/book): its slots of the next 14 days by day, each with the seats
// left and whether it needs approval; 预约 asks first, then books with an Idempotency-Key (a retry
// after a lost answer books once). The place's rules are said on top, and a suspension says until when.
import './bookings.css';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Tag, Toast } from 'antd-mobile';
import type { z } from 'zod';
import { bookingStateLabels, type boardSlot } from '../../../contracts/place-bookings.ts';
import { placeKindLabels } from '../../../contracts/places.ts';
import { api } from '../../shared/api.ts';
import { formatClock, formatDay, formatWhen } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';
import { confirmDialog } from '../components/dialogs.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { bookingTagColors } from './labels.ts';

type BoardSlot = z.infer<typeof boardSlot>;
const weekdays = '日一二三四五六';
const dayHeading = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日 周${weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()]}`;

export function BookPage() {
  const navigate = useNavigate();
  const placeId = Number(useParams().id);
  const board = useDetail(`booking board ${placeId}`, () => api.get('/api/me/places/:id/booking-board', { params: { id: placeId } }));
  const { post, busy } = useIdempotentPost('/api/place-slots/:id/bookings');

  async function book(s: BoardSlot) {
    const ok = await confirmDialog({
      title: '确认预约？',
      content: `${formatWhen(s.startsAt, { weekday: true })}–${formatClock(s.endsAt)} ${s.title}${s.needsApproval ? '（需工会审批，审批结果短信通知）' : ''}`,
      confirmText: '预约',
      cancelText: '再想想',
    });
    if (!ok) return;
    const out = await post({ params: { id: s.id } });
    if (out.kind === 'done') {
      Toast.show({ icon: 'success', content: out.answer.state === 'pending' ? '已提交，等待审批' : '预约成功' });
      void board.reload();
    } else {
      Toast.show({ icon: 'fail', content: out.message, duration: 4000 });
      if (out.kind === 'refused') void board.reload();
    }
  }

  return (
    <MemberScreen title="预约" onBack={() => navigate(-1)}>
      <LoadState detail={board}>
        {(b) => {
          const days = [...new Set(b.slots.map((s) => formatDay(s.startsAt)))];
          return (
            <>
              <section className="m-card">
                <Tag color="primary" fill="outline">{placeKindLabels[b.place.kind]}</Tag>
                <h2 className="a-card-title" style={{ marginTop: 6 }}>{b.place.name}</h2>
                <div className="b-rule">{b.place.address}</div>
                <div className="b-rule">
                  每人最多同时 {b.rule.maxUpcoming} 个预约、每天 {b.rule.maxPerDay} 个；开始前 {b.rule.cancelBeforeMinutes} 分钟可取消；{b.rule.noShowWindowDays} 天内未到 {b.rule.noShowLimit} 次暂停预约 {b.rule.suspendDays} 天。到场后出示电子会员证签到。
                </div>
                {b.suspendedUntil && <p className="b-suspended" role="alert">因多次预约未到，{formatWhen(b.suspendedUntil)} 前暂停在此预约。</p>}
                <Button size="small" fill="none" color="primary" onClick={() => navigate('/me/bookings')} style={{ paddingLeft: 0 }}>
                  我的预约 ›
                </Button>
              </section>
              {days.length === 0 && <section className="m-card b-rule">近 14 天没有可预约的时段。</section>}
              {days.map((day) => (
                <section key={day} aria-label={dayHeading(day)}>
                  <h3 className="b-day">{dayHeading(day)}</h3>
                  <ul className="a-list">
                    {b.slots
                      .filter((s) => formatDay(s.startsAt) === day)
                      .map((s) => (
                        <li key={s.id} className="m-card b-slot" data-testid="booking-slot" data-slot-id={s.id}>
                          <div>
                            <div className="b-slot-time">{`${formatClock(s.startsAt)}–${formatClock(s.endsAt)}`}</div>
                            <div className="b-slot-line">
                              {s.title}
                              {s.needsApproval && ' · 需审批'}
                            </div>
                            <div className="b-slot-line">{s.left > 0 ? `剩余 ${s.left} / ${s.capacity}` : '已约满'}</div>
                          </div>
                          <div className="b-slot-action">
                            {s.mine && s.mine !== 'cancelled' && s.mine !== 'rejected' ? (
                              <Tag color={bookingTagColors[s.mine]}>{bookingStateLabels[s.mine]}</Tag>
                            ) : (
                              <Button size="small" shape="rounded" color="primary" disabled={s.left === 0 || b.suspendedUntil !== null || busy} onClick={() => void book(s)} aria-label={`${s.left === 0 ? '已约满' : '预约'} ${formatClock(s.startsAt)} ${s.title}`}>
                                {s.left === 0 ? '已约满' : '预约'}
                              </Button>
                            )}
                          </div>
                        </li>
                      ))}
                  </ul>
                </section>
              ))}
            </>
          );
        }}
      </LoadState>
    </MemberScreen>
  );
}
