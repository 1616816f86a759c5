// 帮扶助学: the aid campaigns in my reach (送温暖, 金秋助学, 夏送清凉, 求学圆梦 …) — those I may apply to
// first, then my applications' campaigns, then the others each with why I cannot, as the server words it;
// all of them or those of one kind (?kind=tuition: the tile 教育助推 opens 金秋助学).
import '../components/listing.css';
import './campaigns.css';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, NavBar, PullToRefresh, Tag } from 'antd-mobile';
import { ClockCircleOutline, RightOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { campaignKindLabels, campaignKinds, type CampaignSummary } from '../../../contracts/campaigns.ts';
import { api, ApiError, errorMessage, type Page } from '../../shared/api.ts';
import { when } from '../components/when.ts';
import { amountText, applicationTagColors } from './labels.ts';
import { KindTabs, useKindParam } from '../components/KindTabs.tsx';
import { OfferJoin } from '../components/ApplicationState.tsx';

function CampaignCard({ c }: { c: CampaignSummary }) {
  const navigate = useNavigate();
  const av = c.availability;
  const mine = c.myApplication && (c.myApplication.status !== 'withdrawn' || !av?.canApply) ? c.myApplication : null;
  return (
    <button type="button" className="m-card a-card" onClick={() => navigate(`/campaigns/${c.id}`)} data-testid="campaign-card" data-campaign={c.id}>
      <div className="a-card-tags">
        <Tag color="danger" fill="outline">
          {campaignKindLabels[c.kind]}
        </Tag>
        <Tag color="#d48806" fill="outline">
          每人 {amountText(c.awardAmount, c.budgetUnit)}
        </Tag>
      </div>
      <div className="a-card-title">{c.title}</div>
      <div className="a-card-line">
        <ClockCircleOutline /> 申请截止 {when(c.applyClosesAt)}
      </div>
      <div className="a-card-line">名额 {c.quota} 人</div>
      <div className="a-card-foot">
        <span className="a-card-org">{c.org.name}</span>
        {mine ? (
          <Tag color={applicationTagColors[mine.status]}>{mine.statusLabel}</Tag>
        ) : av ? (
          <Tag color={av.canApply ? 'success' : 'default'} fill={av.canApply ? 'solid' : 'outline'}>
            {av.message}
          </Tag>
        ) : null}
      </div>
    </button>
  );
}

export function CampaignsPage() {
  const navigate = useNavigate();
  const [data, setData] = useState<Page<CampaignSummary>>();
  const [problem, setProblem] = useState<ApiError>();
  const [kind, setKind] = useKindParam(campaignKinds);

  const load = useCallback(async () => {
    try {
      setData(await api.get<Page<CampaignSummary>>('/api/me/campaigns', { pageSize: 100, kind }));
      setProblem(undefined);
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError('error', errorMessage(err), 0));
    }
  }, [kind]);

  useEffect(() => {
    void load();
  }, [load]);

  const items = data?.items ?? [];
  const live = (c: CampaignSummary) => c.myApplication !== null && c.myApplication.status !== 'withdrawn';
  const open = items.filter((c) => c.availability?.canApply && !live(c));
  const mine = items.filter((c) => live(c));
  const others = items.filter((c) => !c.availability?.canApply && !live(c));

  return (
    <div className="m-page">
      <NavBar
        className="m-navbar"
        onBack={() => navigate('/')}
        right={
          <button type="button" className="a-nav-link" onClick={() => navigate('/me/campaign-applications')}>
            <UnorderedListOutline /> 我的申请
          </button>
        }
      >
        帮扶助学
      </NavBar>
      <KindTabs kinds={campaignKinds} labels={campaignKindLabels} value={kind} onChange={(k) => {
        setData(undefined);
        setKind(k);
      }} />
      <div className="m-scroll">
        <PullToRefresh onRefresh={load} pullingText="下拉刷新" canReleaseText="释放立即刷新" refreshingText="正在刷新…" completeText="已刷新">
          {problem ? (
            problem.code === 'not_a_member' ? (
              <OfferJoin note="审核通过后即可申请帮扶。">
                <section className="m-card a-empty">
                  <h2 className="m-section-title">入会后即可申请帮扶</h2>
                  <p>送温暖、金秋助学、夏送清凉、求学圆梦……都面向工会会员。实名入会约 1 分钟。</p>
                  <Button block color="primary" shape="rounded" onClick={() => navigate('/join')}>
                    立即入会
                  </Button>
                </section>
              </OfferJoin>
            ) : (
              <ErrorBlock status="default" title="加载失败" description={problem.message}>
                <Button color="primary" onClick={() => void load()}>
                  重试
                </Button>
              </ErrorBlock>
            )
          ) : !data ? (
            <div className="m-card m-center">
              <DotLoading color="primary" />
            </div>
          ) : items.length === 0 ? (
            <ErrorBlock
              status="empty"
              title={kind ? `暂时没有${campaignKindLabels[kind]}活动` : '暂时没有帮扶活动'}
              description="工会发布送温暖、金秋助学等活动后会显示在这里"
            >
              {kind && (
                <Button color="primary" fill="outline" shape="rounded" onClick={() => setKind(undefined)}>
                  查看全部帮扶活动
                </Button>
              )}
            </ErrorBlock>
          ) : (
            <>
              <h2 className="a-group-title">可以申请{open.length ? `（${open.length}）` : ''}</h2>
              {open.length === 0 && <div className="a-group-empty">暂时没有可申请的帮扶活动</div>}
              {open.map((c) => (
                <CampaignCard key={c.id} c={c} />
              ))}
              {mine.length > 0 && <h2 className="a-group-title">我已申请（{mine.length}）</h2>}
              {mine.map((c) => (
                <CampaignCard key={c.id} c={c} />
              ))}
              {others.length > 0 && <h2 className="a-group-title">暂不能申请（{others.length}）</h2>}
              {others.map((c) => (
                <CampaignCard key={c.id} c={c} />
              ))}
            </>
          )}
        </PullToRefresh>
        <button type="button" className="m-card a-mine-link c-mine-row" onClick={() => navigate('/me/campaign-applications')}>
          <span>我的申请与进度</span>
          <RightOutline />
        </button>
        <button type="button" className="m-card a-mine-link c-mine-row" onClick={() => navigate('/me/payouts')}>
          <span>我的发放（补助、积分、物资）</span>
          <RightOutline />
        </button>
      </div>
    </div>
  );
}
