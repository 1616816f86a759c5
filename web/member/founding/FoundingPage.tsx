// 我要建会: what founding a union means (工会法 第十一条), the member's employer — its town, how many
// colleagues have joined — and, when it has no union, the request to the town (a note, consent to be
// contacted; the phone is not sent: the town reaches the member through the member record). After
// sending: what happens next. An employer with a union, or none in the file, says so and where to go.
import './founding.css';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button, Checkbox, TextArea } from 'antd-mobile';
import { FOUNDING_COMMITTEE_THRESHOLD, type MyEmployer, type MyFoundingRequest } from '../../../contracts/founding-requests.ts';
import { api } from '../../shared/api.ts';
import { formatCount, formatDateTime } from '../../shared/format.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';
import { MemberOnlyBody, useMemberData } from '../components/ApplicationState.tsx';
import { MemberScreen } from '../components/Screen.tsx';

function WhatItMeans() {
  return (
    <section className="m-card fd-law" aria-labelledby="fd-law-title">
      <h2 className="m-section-title" id="fd-law-title">
        为什么要建会
      </h2>
      <p>
        《中华人民共和国工会法》第十一条：用人单位有会员二十五人以上的，应当建立基层工会委员会；不足二十五人的，可以单独建立基层工会委员会，也可以由两个以上单位的会员联合建立基层工会委员会。
      </p>
      <p>单位建立工会后，工会代表职工与单位协商工资、工时、劳动安全等事项，签订集体合同，组织职工参加民主管理，为职工办实事。</p>
      <p>上级工会可以派人帮助和指导职工组建工会，任何单位和个人不得阻挠。</p>
    </section>
  );
}

function EmployerCard({ e }: { e: NonNullable<MyEmployer['enterprise']> }) {
  const enough = e.colleaguesJoined >= FOUNDING_COMMITTEE_THRESHOLD;
  return (
    <section className="m-card fd-employer" data-testid="founding-employer">
      <h2 className="m-section-title">我的工作单位</h2>
      <div className="fd-employer-name">{e.name}</div>
      <div className="fd-employer-meta">所在镇街：{e.town.name}</div>
      <div className="fd-employer-meta">工会：{e.union ? e.union.name : '尚未建立'}</div>
      <div className="fd-count">
        <span className="fd-count-value" data-testid="founding-colleagues">
          {formatCount(e.colleaguesJoined)}
        </span>
        <span className="fd-count-label">名同事已在平台入会（含您本人）</span>
      </div>
      {!e.union && (
        <p className="fd-hint">
          {enough
            ? `已达到 ${FOUNDING_COMMITTEE_THRESHOLD} 人，依法应当建立基层工会委员会。`
            : `不足 ${FOUNDING_COMMITTEE_THRESHOLD} 人也可以建会：可单独建立，也可与附近单位联合建立。`}
        </p>
      )}
    </section>
  );
}

function NextSteps({ sentAt, townName }: { sentAt: string; townName: string }) {
  return (
    <section className="m-card fd-next" data-testid="founding-sent" aria-live="polite">
      <h2 className="m-section-title">已提交建会意愿</h2>
      <p>您于 {formatDateTime(sentAt)} 提交了建会意愿。接下来：</p>
      <ol className="fd-steps">
        <li>{townName}工会收到后，会了解单位情况，并与单位负责人沟通。</li>
        <li>条件成熟时，工会帮助职工成立筹备组，召开会员大会选举工会委员会。</li>
        <li>单位工会成立后，您的会员关系可转入本单位工会。</li>
      </ol>
      <p className="fd-muted">您的手机号不会随意见发出；如需联系，镇街工会工作人员会依规查看您的会员信息。有疑问可拨打职工服务热线 <a href="tel:12351">12351</a>。</p>
    </section>
  );
}

function RequestForm({ onSent }: { onSent: (r: MyFoundingRequest) => void }) {
  const [note, setNote] = useState('');
  const [mayContact, setMayContact] = useState(true);
  const [problem, setProblem] = useState<string>();
  const { post, busy } = useIdempotentPost('/api/me/founding-requests');

  async function submit() {
    setProblem(undefined);
    const out = await post({ body: { note: note.trim() || undefined, mayContact } });
    if (out.kind === 'done') onSent(out.answer);
    else if (out.kind === 'refused') setProblem(out.message);
    else setProblem(`${out.message}。提交结果未知，请再点“提交建会意愿”（不会重复提交）`);
  }

  return (
    <section className="m-card fd-form" data-testid="founding-form">
      <h2 className="m-section-title">我要建会</h2>
      <p className="fd-muted">提交后，所在镇街工会会看到您单位的建会意愿（您的姓名会被遮盖）。</p>
      <label className="fd-label" htmlFor="fd-note">
        想对工会说的话（选填）
      </label>
      <TextArea id="fd-note" placeholder="如：单位有多少职工、大家关心什么" value={note} onChange={setNote} maxLength={200} showCount rows={3} />
      <Checkbox className="fd-consent" checked={mayContact} onChange={setMayContact}>
        同意镇街工会工作人员与我联系
      </Checkbox>
      {problem && (
        <div className="fd-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" shape="rounded" loading={busy} disabled={busy} onClick={() => void submit()} data-testid="founding-submit">
        提交建会意愿
      </Button>
    </section>
  );
}

export function FoundingPage() {
  const navigate = useNavigate();
  const state = useMemberData(() => api.get('/api/me/employer'));
  const [sent, setSent] = useState<MyFoundingRequest>();

  return (
    <MemberScreen title="我要建会" onBack={() => navigate(-1)}>
      <MemberOnlyBody state={state} what="提出建会意愿" joinCodes={['not_a_member', 'forbidden']}>
        {(data) => {
          const e = data.enterprise;
          const sentAt = sent?.createdAt ?? e?.requestedAt ?? null;
          return (
            <>
              {e ? (
                <EmployerCard e={e} />
              ) : (
                <section className="m-card fd-employer" data-testid="founding-no-employer">
                  <h2 className="m-section-title">我的工作单位</h2>
                  <p>{data.employerName ? `您登记的工作单位“${data.employerName}”还没有建立单位档案。` : '您的会员信息中没有工作单位。'}</p>
                  {data.gig && (
                    <p>
                      您是{data.gig.platform}平台的新就业形态劳动者
                      {data.gig.platformFederation ? `，会员关系在${data.gig.platformFederation.name}。` : '。'}
                    </p>
                  )}
                  <p className="fd-muted">如需建会或核对工作单位，请联系所在镇街工会，或拨打职工服务热线 <a href="tel:12351">12351</a>。</p>
                </section>
              )}
              {e?.union ? (
                <section className="m-card" data-testid="founding-has-union">
                  <p>您的单位已经建立工会。可以申请把会员关系转入{e.union.name}。</p>
                  <Button block color="primary" fill="outline" shape="rounded" onClick={() => navigate('/me/transfer')}>
                    申请转入本单位工会
                  </Button>
                </section>
              ) : e && sentAt ? (
                <NextSteps sentAt={sentAt} townName={e.town.name} />
              ) : e ? (
                <RequestForm onSent={(r) => setSent(r)} />
              ) : null}
              <WhatItMeans />
            </>
          );
        }}
      </MemberOnlyBody>
    </MemberScreen>
  );
}
