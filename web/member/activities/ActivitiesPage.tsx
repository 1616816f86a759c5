// 普惠活动: the activities in my reach — those I may sign up for first, then the others each with
// the reason I cannot (not open yet, full, not for my group …) as the server words it; all of them
// or those of one kind (?kind=culture: the tile 文化滋养 opens the 文体 activities).
import '../components/listing.css';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, DotLoading, ErrorBlock, NavBar, PullToRefresh, Tag } from 'antd-mobile';
import { ClockCircleOutline, EnvironmentOutline, RightOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { activityKindLabels, activityKinds, allocationLabels, signupStatusLabels, type ActivitySummary } from '../../../contracts/activities.ts';
import { api, ApiError, errorMessage, type Page } from '../../shared/api.ts';
import { availabilityColor, signupTagColors } from './labels.ts';
import { when } from '../components/when.ts';
import { KindTabs, useKindParam } from '../components/KindTabs.tsx';
import { OfferJoin } from '../components/ApplicationState.tsx';

export function ActivityCard({ a }: { a: ActivitySummary }) {
  const navigate = useNavigate();
  const av = a.availability;
  const mine = a.mySignup;
  return (
    <button type="button" className="m-card a-card" onClick={() => navigate(`/activities/${a.id}`)} data-testid="activity-card" data-activity={a.id}>
      <div className="a-card-tags">
        <Tag color="danger" fill="outline">
          {activityKindLabels[a.kind]}
        </Tag>
        {a.allocation === 'lottery' && (
          <Tag color="#1f5fbf" fill="outline">
            {allocationLabels.lottery}
          </Tag>
        )}
      </div>
      <div className="a-card-title">{a.title}</div>
      <div className="a-card-line">
        <ClockCircleOutline /> {when(a.startsAt)}
      </div>
      {a.location && (
        <div className="a-card-line">
          <EnvironmentOutline /> <span className="a-ellipsis">{a.location}</span>
        </div>
      )}
      <div className="a-card-foot">
        <span className="a-card-org">{a.org.name}</span>
        {mine ? (
          <Tag color={signupTagColors[mine.status]}>{signupStatusLabels[mine.status]}</Tag>
        ) : av ? (
          <Tag color={availabilityColor(av.state)} fill={av.canSignUp ? 'solid' : 'outline'}>
            {av.canSignUp ? `可报名 · 剩 ${a.placesLeft ?? a.places} 个名额` : av.message}
          </Tag>
        ) : null}
      </div>
    </button>
  );
}

export function ActivitiesPage() {
  const navigate = useNavigate();
  const [data, setData] = useState<Page<ActivitySummary>>();
  const [problem, setProblem] = useState<ApiError>();
  const [kind, setKind] = useKindParam(activityKinds);

  const load = useCallback(async () => {
    try {
      setData(await api.get<Page<ActivitySummary>>('/api/activities', { status: 'published', pageSize: 100, kind }));
      setProblem(undefined);
    } catch (err) {
      setProblem(err instanceof ApiError ? err : new ApiError('error', errorMessage(err), 0));
    }
  }, [kind]);

  useEffect(() => {
    void load();
  }, [load]);

  const items = data?.items ?? [];
  const open = items.filter((a) => a.availability?.canSignUp || a.mySignup);
  const others = items.filter((a) => !a.availability?.canSignUp && !a.mySignup);

  return (
    <div className="m-page">
      <NavBar
        className="m-navbar"
        onBack={() => navigate('/')}
        right={
          <button type="button" className="a-nav-link" onClick={() => navigate('/me/signups')}>
            <UnorderedListOutline /> 我的报名
          </button>
        }
      >
        普惠活动
      </NavBar>
      <KindTabs kinds={activityKinds} labels={activityKindLabels} value={kind} onChange={(k) => {
        setData(undefined);
        setKind(k);
      }} />
      <div className="m-scroll">
        <PullToRefresh onRefresh={load} pullingText="下拉刷新" canReleaseText="释放立即刷新" refreshingText="正在刷新…" completeText="已刷新">
          {problem ? (
            problem.code === 'not_a_member' ? (
              <OfferJoin note="审核通过后即可报名普惠活动。">
                <section className="m-card a-empty">
                  <h2 className="m-section-title">入会后即可报名普惠活动</h2>
                  <p>疗休养、亲子活动、技能培训、送清凉……都面向工会会员。实名入会约 1 分钟。</p>
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
              title={kind ? `暂时没有${activityKindLabels[kind]}活动` : '暂时没有活动'}
              description="工会发布新活动后会显示在这里"
            >
              {kind && (
                <Button color="primary" fill="outline" shape="rounded" onClick={() => setKind(undefined)}>
                  查看全部活动
                </Button>
              )}
            </ErrorBlock>
          ) : (
            <>
              <h2 className="a-group-title">可以报名{open.length ? `（${open.length}）` : ''}</h2>
              {open.length === 0 && <div className="a-group-empty">暂时没有可报名的活动，看看下面的活动何时开放</div>}
              {open.map((a) => (
                <ActivityCard key={a.id} a={a} />
              ))}
              {others.length > 0 && <h2 className="a-group-title">暂不能报名（{others.length}）</h2>}
              {others.map((a) => (
                <ActivityCard key={a.id} a={a} />
              ))}
            </>
          )}
        </PullToRefresh>
        <button type="button" className="m-card a-mine-link" onClick={() => navigate('/me/signups')}>
          <span>我的报名</span>
          <RightOutline />
        </button>
      </div>
    </div>
  );
}
