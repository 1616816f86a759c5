// 普惠活动: the activities in my reach — those I may sign up for first, then the others each with
// the reason I cannot (not open yet, full, not for my group …) as the server words it; all of them
// or those of one kind (?kind=culture: the tile 文化滋养 opens the 文体 activities).
import '../components/listing.css';
import { Tag } from 'antd-mobile';
import { ClockCircleOutline, EnvironmentOutline } from 'antd-mobile-icons';
import { activityKindLabels, activityKinds, allocationLabels, signupStatusLabels, type ActivitySummary } from '../../../contracts/activities.ts';
import { api } from '../../shared/api.ts';
import { availabilityColor, signupTagColors } from './labels.ts';
import { when } from '../components/when.ts';
import { ListingCard, ListingPage, MineLink } from '../components/Listing.tsx';

export function ActivityCard({ a }: { a: ActivitySummary }) {
  const av = a.availability;
  const mine = a.mySignup;
  return (
    <ListingCard
      to={`/activities/${a.id}`}
      testId="activity-card"
      data={{ activity: a.id }}
      tags={
        <>
          <Tag color="danger" fill="outline">
            {activityKindLabels[a.kind]}
          </Tag>
          {a.allocation === 'lottery' && (
            <Tag color="#0a4a9e" fill="outline">
              {allocationLabels.lottery}
            </Tag>
          )}
        </>
      }
      title={a.title}
      lines={<WhenWhere startsAt={a.startsAt} location={a.location} />}
      org={a.org.name}
      state={
        mine ? (
          <Tag color={signupTagColors[mine.status]}>{signupStatusLabels[mine.status]}</Tag>
        ) : av ? (
          <Tag color={availabilityColor(av.state)} fill={av.canSignUp ? 'solid' : 'outline'}>
            {av.canSignUp ? `可报名 · 剩 ${a.placesLeft ?? a.places} 个名额` : av.message}
          </Tag>
        ) : null
      }
    />
  );
}

/** An activity's lines on a card: when it starts, and where. */
export function WhenWhere({ startsAt, location }: { startsAt: string; location: string | null }) {
  return (
    <>
      <div className="a-card-line">
        <ClockCircleOutline aria-hidden /> {when(startsAt)}
      </div>
      {location && (
        <div className="a-card-line">
          <EnvironmentOutline aria-hidden /> <span className="a-ellipsis">{location}</span>
        </div>
      )}
    </>
  );
}

export function ActivitiesPage() {
  return (
    <ListingPage
      load={(kind) => api.get('/api/activities', { query: { status: 'published', pageSize: 100, kind } })}
      groups={(items) => [
        { title: '可以报名', items: items.filter((a) => a.availability?.canSignUp || a.mySignup), empty: '暂时没有可报名的活动，看看下面的活动何时开放' },
        { title: '暂不能报名', items: items.filter((a) => !a.availability?.canSignUp && !a.mySignup) },
      ]}
      card={(a) => <ActivityCard key={a.id} a={a} />}
      title="普惠活动"
      mine={{ to: '/me/signups', label: '我的报名' }}
      kinds={[activityKinds, activityKindLabels]}
      join={{ note: '审核通过后即可报名普惠活动。', title: '入会后即可报名普惠活动', text: '疗休养、亲子活动、技能培训、送清凉……都面向工会会员。实名入会约 1 分钟。' }}
      empty={{ title: (k) => (k ? `暂时没有${k}活动` : '暂时没有活动'), description: '工会发布新活动后会显示在这里', all: '查看全部活动' }}
      links={<MineLink to="/me/signups" label="我的报名" />}
    />
  );
}
