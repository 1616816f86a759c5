// 帮扶助学: the aid campaigns in my reach (送温暖, 金秋助学, 夏送清凉, 求学圆梦 …) — those I may apply to
// first, then my applications' campaigns, then the others each with why I cannot, as the server words it;
// all of them or those of one kind (?kind=tuition: the tile 教育助推 opens 金秋助学).
import '../components/listing.css';
import './campaigns.css';
import { Tag } from 'antd-mobile';
import { ClockCircleOutline } from 'antd-mobile-icons';
import { campaignKindLabels, campaignKinds, type CampaignSummary } from '../../../contracts/campaigns.ts';
import { api } from '../../shared/api.ts';
import { when } from '../components/when.ts';
import { amountText, applicationTagColors } from './labels.ts';
import { ListingCard, ListingPage, MineLink } from '../components/Listing.tsx';

function CampaignCard({ c }: { c: CampaignSummary }) {
  const av = c.availability;
  const mine = c.myApplication && (c.myApplication.status !== 'withdrawn' || !av?.canApply) ? c.myApplication : null;
  return (
    <ListingCard
      to={`/campaigns/${c.id}`}
      testId="campaign-card"
      data={{ campaign: c.id }}
      tags={
        <>
          <Tag color="danger" fill="outline">
            {campaignKindLabels[c.kind]}
          </Tag>
          <Tag color="warning" fill="outline">
            每人 {amountText(c.awardAmount, c.budgetUnit)}
          </Tag>
        </>
      }
      title={c.title}
      lines={
        <>
          <div className="a-card-line">
            <ClockCircleOutline aria-hidden /> 申请截止 {when(c.applyClosesAt)}
          </div>
          <div className="a-card-line">名额 {c.quota} 人</div>
        </>
      }
      org={c.org.name}
      state={
        mine ? (
          <Tag color={applicationTagColors[mine.status]}>{mine.statusLabel}</Tag>
        ) : av ? (
          <Tag color={av.canApply ? 'success' : 'default'} fill={av.canApply ? 'solid' : 'outline'}>
            {av.message}
          </Tag>
        ) : null
      }
    />
  );
}

const live = (c: CampaignSummary) => c.myApplication !== null && c.myApplication.status !== 'withdrawn';

export function CampaignsPage() {
  return (
    <ListingPage
      load={(kind) => api.get('/api/me/campaigns', { query: { pageSize: 100, kind } })}
      groups={(items) => [
        { title: '可以申请', items: items.filter((c) => c.availability?.canApply && !live(c)), empty: '暂时没有可申请的帮扶活动' },
        { title: '我已申请', items: items.filter(live) },
        { title: '暂不能申请', items: items.filter((c) => !c.availability?.canApply && !live(c)) },
      ]}
      card={(c) => <CampaignCard key={c.id} c={c} />}
      title="帮扶助学"
      mine={{ to: '/me/campaign-applications', label: '我的申请' }}
      kinds={[campaignKinds, campaignKindLabels]}
      join={{ note: '审核通过后即可申请帮扶。', title: '入会后即可申请帮扶', text: '送温暖、金秋助学、夏送清凉、求学圆梦……都面向工会会员。实名入会约 1 分钟。' }}
      empty={{ title: (k) => (k ? `暂时没有${k}活动` : '暂时没有帮扶活动'), description: '工会发布送温暖、金秋助学等活动后会显示在这里', all: '查看全部帮扶活动' }}
      links={
        <>
          <MineLink to="/me/campaign-applications" label="我的申请与进度" className="c-mine-row" />
          <MineLink to="/me/payouts" label="我的发放（补助、积分、物资）" className="c-mine-row" />
        </>
      }
    />
  );
}
