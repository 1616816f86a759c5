// 我的报名: my sign-ups, newest first, each with its state (报名成功 / 候补第 N 位 / 已参加抽签 /
// 已取消 / 已签到), cancelling before the deadline, and from a confirmed one the card QR for check-in.
import '../components/listing.css';
import { useNavigate } from 'react-router-dom';
import { Button, Tag } from 'antd-mobile';
import type { z } from 'zod';
import { activityKindLabels, type memberSignupSchema } from '../../../contracts/activities.ts';
import { api } from '../../shared/api.ts';
import { cancelSignup } from './useSignup.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { WhenWhere } from './ActivitiesPage.tsx';
import { signupTagColors } from './labels.ts';
import { when } from '../components/when.ts';

type MySignup = z.infer<typeof memberSignupSchema>;

export function MySignupsPage() {
  const navigate = useNavigate();
  const list = useDetail('my signups', () => api.get('/api/me/signups', { query: { pageSize: 100 } }));

  async function cancel(s: MySignup) {
    const content = `“${s.activity.title}”${s.status === 'confirmed' ? '的名额将让给候补的会员，' : ''}取消后不能恢复。`;
    if ((await cancelSignup(s.id, content)) === 'done') void list.reload();
  }

  return (
    <MemberScreen title="我的报名" onBack={() => navigate(-1)}>
      <LoadState
        detail={list}
        empty={{ when: (d) => d.items.length === 0, title: '还没有报名', description: '去看看工会的普惠活动吧', action: { label: '查看活动', onClick: () => navigate('/activities') } }}
      >
        {(data) => (
          <ul className="a-list">
            {data.items.map((s) => (
              <li key={s.id}>
                <SignupItem s={s} onCancel={() => void cancel(s)} />
              </li>
            ))}
          </ul>
        )}
      </LoadState>
    </MemberScreen>
  );
}

function SignupItem({ s, onCancel }: { s: MySignup; onCancel: () => void }) {
  const navigate = useNavigate();
  const cancelled = s.activity.status === 'cancelled';
  const showCard = s.status === 'confirmed' && !s.checkedInAt && !cancelled;
  return (
    <section className="m-card a-signup" data-testid="my-signup-item" data-status={s.status}>
      <button type="button" className="a-signup-main" onClick={() => navigate(`/activities/${s.activity.id}`)}>
        <div className="a-signup-top">
          <Tag color="danger" fill="outline">
            {activityKindLabels[s.activity.kind]}
          </Tag>
          <Tag color={cancelled ? 'default' : s.checkedInAt ? 'success' : signupTagColors[s.status]}>
            {cancelled ? '活动已取消' : s.checkedInAt ? '已签到' : s.statusLabel}
            {s.waitlistPosition !== null && ` · 第 ${s.waitlistPosition} 位`}
          </Tag>
        </div>
        <div className="a-card-title">{s.activity.title}</div>
        <WhenWhere startsAt={s.activity.startsAt} location={s.activity.location} />
        {s.seats > 1 && <div className="a-card-line">报名 {s.seats} 人（含家属）</div>}
      </button>
      {(showCard || s.canCancel) && (
        <div className="a-signup-actions">
          {s.canCancel && (
            <Button size="small" shape="rounded" onClick={onCancel}>
              取消报名
            </Button>
          )}
          {showCard && (
            <Button size="small" shape="rounded" color="primary" onClick={() => navigate('/card')}>
              出示会员证签到
            </Button>
          )}
        </div>
      )}
      {s.canCancel && <div className="a-signup-deadline">{when(s.cancelDeadline)} 前可取消</div>}
    </section>
  );
}
