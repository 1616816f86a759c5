// One activity for a member: when and where (with a map link), the sign-up window, places, who it
// is for and the rules, my state; 报名 (with an Idempotency-Key per attempt, retried with the same
// key), the answer in words (报名成功 / 候补 / 已参加抽签, or why not), 取消报名 before the
// deadline, and from a confirmed sign-up the card QR to show at the venue.
import '../components/listing.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Dialog, Stepper, Tag, Toast } from 'antd-mobile';
import { CheckCircleFill, ClockCircleFill, ExclamationCircleFill, QuestionCircleFill } from 'antd-mobile-icons';
import type { z } from 'zod';
import {
  activityKindLabels,
  allocationLabels,
  signupStatusLabels,
  type ActivityDetail,
  type memberSignupSchema,
} from '../../../contracts/activities.ts';
import { api, errorMessage, type Page } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { audienceOf, availabilityColor, rulesOf, signupTagColors } from './labels.ts';
import { span, when } from '../components/when.ts';
import { useSignup, type SignupOutcome } from './useSignup.ts';

type MySignup = z.infer<typeof memberSignupSchema>;

function OutcomeCard({ outcome, onRetry, busy }: { outcome: SignupOutcome; onRetry: () => void; busy: boolean }) {
  if (outcome.kind === 'done') {
    const s = outcome.answer.status;
    const text =
      s === 'confirmed'
        ? { title: '报名成功', sub: '请按时参加，到场后出示电子会员证二维码签到。', icon: <CheckCircleFill />, cls: 'a-outcome-ok' }
        : s === 'waitlisted'
          ? { title: '名额已满，已为您排上候补', sub: '有人取消时按候补顺序自动递补，结果会以短信通知您。', icon: <ClockCircleFill />, cls: 'a-outcome-wait' }
          : { title: '已参加抽签', sub: '报名截止后公开抽签，中签结果会以短信通知您。', icon: <ClockCircleFill />, cls: 'a-outcome-wait' };
    return (
      <section className={`m-card a-outcome ${text.cls}`} data-testid="signup-outcome" data-status={s}>
        <div className="a-outcome-title">
          {text.icon} {text.title}
        </div>
        <div className="a-outcome-sub">{text.sub}</div>
      </section>
    );
  }
  if (outcome.kind === 'refused') {
    return (
      <section className="m-card a-outcome a-outcome-bad" data-testid="signup-outcome" data-status={outcome.code}>
        <div className="a-outcome-title">
          <ExclamationCircleFill /> 未能报名
        </div>
        <div className="a-outcome-sub">{outcome.message}</div>
      </section>
    );
  }
  return (
    <section className="m-card a-outcome a-outcome-wait" data-testid="signup-outcome" data-status="unsure">
      <div className="a-outcome-title">
        <QuestionCircleFill /> 报名结果未确认
      </div>
      <div className="a-outcome-sub">{outcome.message}。网络恢复后请点“重试”：同一次报名重试不会重复报名。</div>
      <Button block color="primary" fill="outline" shape="rounded" loading={busy} onClick={onRetry} style={{ marginTop: 12 }}>
        重试
      </Button>
    </section>
  );
}

interface Loaded {
  a: ActivityDetail;
  /** my sign-up in words: its state, the waitlist position and whether it may still be cancelled */
  mine: MySignup | undefined;
}

async function loadActivity(id: number): Promise<Loaded> {
  const a = await api.get<ActivityDetail>(`/api/activities/${id}`);
  if (!a.mySignup) return { a, mine: undefined };
  const list = await api.get<Page<MySignup>>('/api/me/signups', { pageSize: 200 });
  return { a, mine: list.items.find((s) => s.id === a.mySignup?.id) };
}

export function ActivityPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`activity ${id}`, () => loadActivity(id));
  return (
    <DetailPage title="活动详情" detail={detail} back="/activities" notFound="活动不存在或不面向您" backLabel="看看其他活动">
      {({ a, mine }) => <ActivityView a={a} mine={mine} reload={detail.reload} />}
    </DetailPage>
  );
}

function ActivityView({ a, mine, reload }: Loaded & { reload: () => Promise<void> }) {
  const navigate = useNavigate();
  const [seats, setSeats] = useState(1);
  const [childAge, setChildAge] = useState<number>();
  const [outcome, setOutcome] = useState<SignupOutcome>();
  const { signUp, busy } = useSignup(a.id);

  const askChild = a.childMinAge !== null || a.childMaxAge !== null;

  async function submit() {
    if (askChild && childAge === undefined) {
      Toast.show({ content: '请填写子女年龄' });
      return;
    }
    const input = { ...(a.perMemberLimit > 1 ? { seats } : {}), ...(askChild && childAge !== undefined ? { childAge } : {}) };
    const out = await signUp(input);
    setOutcome(out);
    if (out.kind !== 'unsure') void reload();
  }

  async function cancel() {
    if (!mine) return;
    const ok = await Dialog.confirm({
      title: '取消报名？',
      content: mine.status === 'confirmed' ? '取消后名额将让给候补的会员，不能恢复。' : '取消后不再参加本活动。',
      confirmText: '确认取消',
      cancelText: '再想想',
    });
    if (!ok) return;
    try {
      await api.post(`/api/me/signups/${mine.id}/cancel`);
      Toast.show({ icon: 'success', content: '已取消报名' });
      setOutcome(undefined);
      void reload();
    } catch (err) {
      Toast.show({ icon: 'fail', content: errorMessage(err) });
    }
  }

  const av = a.availability;
  const rules = rulesOf(a);
  const live = mine && mine.status !== 'cancelled';
  const canSign = av?.canSignUp === true && !live;
  return (
    <>
      <div className="m-scroll">
        <section className="m-card a-detail-head">
          <div className="a-card-tags">
            <Tag color="danger" fill="outline">
              {activityKindLabels[a.kind]}
            </Tag>
            <Tag color={a.allocation === 'lottery' ? '#1f5fbf' : 'default'} fill="outline">
              {allocationLabels[a.allocation]}
            </Tag>
            {a.status === 'cancelled' && <Tag color="default">活动已取消</Tag>}
          </div>
          {a.hasCover && <img className="a-detail-cover" src={`/api/activities/${a.id}/cover`} alt={`${a.title}封面`} />}
          <h1 className="a-detail-title" data-testid="activity-title">
            {a.title}
          </h1>
          <div className="a-detail-org">{a.org.name} 发布</div>
          {a.status === 'cancelled' && a.cancelReason && <div className="a-cancel-note">取消原因：{a.cancelReason}</div>}
        </section>

        {outcome && <OutcomeCard outcome={outcome} busy={busy} onRetry={() => void submit()} />}

        {live && mine && (
          <section className="m-card a-mine" data-testid="my-signup" data-status={mine.status}>
            <div className="a-mine-top">
              <span className="m-section-title a-mine-title">我的报名</span>
              <Tag color={signupTagColors[mine.status]}>{mine.checkedInAt ? '已签到' : signupStatusLabels[mine.status]}</Tag>
            </div>
            <dl className="a-facts">
              {mine.waitlistPosition !== null && (
                <>
                  <dt>候补</dt>
                  <dd>第 {mine.waitlistPosition} 位</dd>
                </>
              )}
              {mine.seats > 1 && (
                <>
                  <dt>人数</dt>
                  <dd>{mine.seats} 人</dd>
                </>
              )}
              {mine.checkedInAt && (
                <>
                  <dt>签到</dt>
                  <dd>{when(mine.checkedInAt)}</dd>
                </>
              )}
              <dt>取消截止</dt>
              <dd>{when(mine.cancelDeadline)}</dd>
            </dl>
            {mine.canCancel && (
              <Button block fill="none" size="small" className="a-cancel-button" onClick={() => void cancel()}>
                取消报名
              </Button>
            )}
          </section>
        )}

        <section className="m-card">
          <dl className="a-facts">
            <dt>活动时间</dt>
            <dd>{span(a.startsAt, a.endsAt)}</dd>
            <dt>活动地点</dt>
            <dd>
              {a.location ?? '待通知'}
              {a.mapUrl && (
                <a className="a-map-link" href={a.mapUrl} target="_blank" rel="noopener noreferrer">
                  地图导航
                </a>
              )}
            </dd>
            <dt>报名时间</dt>
            <dd>{span(a.signupOpensAt, a.signupClosesAt)}</dd>
            {a.batches.length > 1 && (
              <>
                <dt>分批报名</dt>
                <dd>
                  {a.batches.map((b) => (
                    <div key={b.batchNo}>
                      第 {b.batchNo} 批 {b.places} 人{b.placesLeft !== null && b.placesLeft < b.places ? `（剩 ${b.placesLeft}）` : ''}：{span(b.signupOpensAt, b.signupClosesAt)}
                    </div>
                  ))}
                </dd>
              </>
            )}
            <dt>名额</dt>
            <dd>
              {a.places} 人{a.allocation === 'lottery' ? '，报名截止后抽签' : '，先到先得'}
              {a.placesLeft !== null && a.placesLeft > 0 && a.placesLeft < a.places && <span>，剩余 {a.placesLeft} 个</span>}
              {av?.state === 'full' && <span className="a-full">（已满）</span>}
            </dd>
            <dt>面向</dt>
            <dd>{audienceOf(a)}</dd>
            {rules.length > 0 && (
              <>
                <dt>报名条件</dt>
                <dd>{rules.join('；')}</dd>
              </>
            )}
            <dt>取消报名</dt>
            <dd>{when(a.cancelDeadline)} 前可取消</dd>
          </dl>
        </section>

        {a.description && (
          <section className="m-card">
            <h2 className="m-section-title">活动介绍</h2>
            {/* sanitised by the server: a fixed safe subset of tags, http/https links only */}
            <div className="a-description" dangerouslySetInnerHTML={{ __html: a.description }} />
          </section>
        )}
      </div>

      <footer className="a-action-bar">
        {canSign ? (
          <div className="a-signup-form">
            {a.perMemberLimit > 1 && (
              <label className="a-signup-field">
                <span>报名人数（含家属）</span>
                <Stepper min={1} max={a.perMemberLimit} value={seats} onChange={setSeats} aria-label="报名人数" />
              </label>
            )}
            {askChild && (
              <label className="a-signup-field">
                <span>
                  子女年龄（{a.childMinAge ?? 0}–{a.childMaxAge ?? 18} 周岁）
                </span>
                <Stepper min={0} max={30} value={childAge ?? 0} onChange={setChildAge} aria-label="子女年龄" />
              </label>
            )}
            <Button block color="primary" shape="rounded" size="large" loading={busy} onClick={() => void submit()} data-testid="signup-button">
              {a.allocation === 'lottery' ? '报名参加抽签' : '立即报名'}
            </Button>
          </div>
        ) : live && mine?.status === 'confirmed' && !mine.checkedInAt && a.status === 'published' ? (
          <Button block color="primary" shape="rounded" size="large" onClick={() => navigate('/card')} data-testid="show-card">
            出示会员证二维码签到
          </Button>
        ) : (
          <div className="a-action-state" data-testid="availability" data-state={live ? 'signed_up' : av?.state}>
            {live && mine ? (
              <Tag color={signupTagColors[mine.status]}>{mine.checkedInAt ? '已签到' : signupStatusLabels[mine.status]}</Tag>
            ) : (
              av && (
                <Tag color={availabilityColor(av.state)} fill="outline" className="a-reason">
                  {av.message}
                </Tag>
              )
            )}
          </div>
        )}
      </footer>
    </>
  );
}
