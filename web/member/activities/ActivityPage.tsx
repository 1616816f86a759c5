// One activity for a member: when and where (with a map link), the sign-up window, places, who it
// is for and the rules, my state; 报名 (with an Idempotency-Key per attempt, retried with the same
// key), the answer in words (报名成功 / 候补 / 已参加抽签, or why not), 取消报名 before the
// deadline, and from a confirmed sign-up the card QR to show at the venue.
import '../components/listing.css';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Tag, Toast } from 'antd-mobile';
import type { z } from 'zod';
import {
  activityKindLabels,
  allocationLabels,
  signupStatusLabels,
  type ActivityDetail,
  type SignupAnswer,
  type memberSignupSchema,
} from '../../../contracts/activities.ts';
import { api, apiUrl } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { DetailHead, Facts } from '../components/DetailHead.tsx';
import { OutcomeCard, type OutcomeWords } from '../components/OutcomeCard.tsx';
import { StepperField } from '../components/forms.tsx';
import { audienceOf, availabilityColor, rulesOf, signupTagColors } from './labels.ts';
import { span, when } from '../components/when.ts';
import { cancelSignup, useSignup, type SignupOutcome } from './useSignup.ts';

type MySignup = z.infer<typeof memberSignupSchema>;

function signupWords(answer: SignupAnswer): OutcomeWords {
  const s = answer.status;
  if (s === 'confirmed') return { title: '报名成功', sub: '请按时参加，到场后出示电子会员证二维码签到。', status: s };
  if (s === 'waitlisted') return { title: '名额已满，已为您排上候补', sub: '有人取消时按候补顺序自动递补，结果会以短信通知您。', status: s, waiting: true };
  return { title: '已参加抽签', sub: '报名截止后公开抽签，中签结果会以短信通知您。', status: s, waiting: true };
}

interface Loaded {
  a: ActivityDetail;
  /** my sign-up in words: its state, the waitlist position and whether it may still be cancelled */
  mine: MySignup | undefined;
}

async function loadActivity(id: number): Promise<Loaded> {
  const a = await api.get('/api/activities/:id', { params: { id } });
  if (!a.mySignup) return { a, mine: undefined };
  const list = await api.get('/api/me/signups', { query: { pageSize: 200 } });
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
    const content = mine.status === 'confirmed' ? '取消后名额将让给候补的会员，不能恢复。' : '取消后不再参加本活动。';
    if ((await cancelSignup(mine.id, content)) !== 'done') return;
    setOutcome(undefined);
    void reload();
  }

  const av = a.availability;
  const rules = rulesOf(a);
  const live = mine && mine.status !== 'cancelled';
  const canSign = av?.canSignUp === true && !live;
  return (
    <>
      <div className="m-scroll">
        <DetailHead
          tags={
            <>
              <Tag color="danger" fill="outline">
                {activityKindLabels[a.kind]}
              </Tag>
              <Tag color={a.allocation === 'lottery' ? '#0a4a9e' : 'default'} fill="outline">
                {allocationLabels[a.allocation]}
              </Tag>
            </>
          }
          cover={a.hasCover ? apiUrl('/api/activities/:id/cover', { params: { id: a.id } }) : undefined}
          title={a.title}
          titleTestId="activity-title"
          org={a.org.name}
          status={a.status}
          cancelReason={a.cancelReason}
        />

        {outcome && (
          <OutcomeCard
            outcome={outcome}
            testId="signup-outcome"
            done={signupWords}
            refusedTitle="未能报名"
            unsure={{ title: '报名结果未确认', note: '同一次报名重试不会重复报名' }}
            busy={busy}
            onRetry={() => void submit()}
          />
        )}

        {live && mine && (
          <section className="m-card a-mine" data-testid="my-signup" data-status={mine.status}>
            <div className="a-mine-top">
              <h2 className="m-section-title a-mine-title">我的报名</h2>
              <Tag color={signupTagColors[mine.status]}>{mine.checkedInAt ? '已签到' : signupStatusLabels[mine.status]}</Tag>
            </div>
            <Facts
              facts={[
                ['候补', mine.waitlistPosition !== null && `第 ${mine.waitlistPosition} 位`],
                ['人数', mine.seats > 1 && `${mine.seats} 人`],
                ['签到', mine.checkedInAt && when(mine.checkedInAt)],
                ['取消截止', when(mine.cancelDeadline)],
              ]}
            />
            {mine.canCancel && (
              <Button block fill="none" size="small" className="a-cancel-button" onClick={() => void cancel()}>
                取消报名
              </Button>
            )}
          </section>
        )}

        <section className="m-card">
          <Facts
            facts={[
              ['活动时间', span(a.startsAt, a.endsAt)],
              [
                '活动地点',
                <>
                  {a.location ?? '待通知'}
                  {a.mapUrl && (
                    <a className="a-map-link" href={a.mapUrl} target="_blank" rel="noopener noreferrer">
                      地图导航
                    </a>
                  )}
                </>,
              ],
              ['报名时间', span(a.signupOpensAt, a.signupClosesAt)],
              [
                '分批报名',
                a.batches.length > 1 &&
                  a.batches.map((b) => (
                    <div key={b.batchNo}>
                      第 {b.batchNo} 批 {b.places} 人{b.placesLeft !== null && b.placesLeft < b.places ? `（剩 ${b.placesLeft}）` : ''}：{span(b.signupOpensAt, b.signupClosesAt)}
                    </div>
                  )),
              ],
              [
                '名额',
                <>
                  {a.places} 人{a.allocation === 'lottery' ? '，报名截止后抽签' : '，先到先得'}
                  {a.placesLeft !== null && a.placesLeft > 0 && a.placesLeft < a.places && <span>，剩余 {a.placesLeft} 个</span>}
                  {av?.state === 'full' && <span className="a-full">（已满）</span>}
                </>,
              ],
              ['面向', audienceOf(a)],
              ['报名条件', rules.length > 0 && rules.join('；')],
              ['取消报名', `${when(a.cancelDeadline)} 前可取消`],
            ]}
          />
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
            {a.perMemberLimit > 1 && <StepperField label="报名人数（含家属）" min={1} max={a.perMemberLimit} value={seats} onChange={setSeats} />}
            {askChild && (
              <StepperField label={`子女年龄（${a.childMinAge ?? 0}–${a.childMaxAge ?? 18} 周岁）`} min={0} max={30} value={childAge ?? 0} onChange={setChildAge} />
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
