// 我的申请: my aid applications, newest first, each with its progress step by step — every level with
// who decided, the decision, the reason and the date, the lottery, the notice and the award; a
// returned one with the reason and the form to resubmit (replacing documents); and once paid, the
// payout (amount, channel, state) with the way to 我的发放.
import '../components/listing.css';
import './campaigns.css';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { Button, Steps, Tag, Toast } from 'antd-mobile';
import { RightOutline } from 'antd-mobile-icons';
import type { z } from 'zod';
import { campaignKindLabels, type CampaignApplication, type progressStep } from '../../../contracts/campaigns.ts';
import type { myPayout } from '../../../contracts/payouts.ts';
import { api, apiUrl, type Page } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { useSubmit } from '../../shared/useSubmit.ts';
import { LoadState } from '../components/LoadState.tsx';
import { MineLink } from '../components/Listing.tsx';
import { MemberScreen } from '../components/Screen.tsx';
import { confirmWrite } from '../components/confirmWrite.ts';
import { stepStatus } from '../../shared/steps.ts';
import { when } from '../components/when.ts';
import { ApplicationFields } from './DocumentPicker.tsx';
import { toUpload, type PickedDocument } from '../../shared/files.ts';
import { amountText, applicationTagColors } from './labels.ts';

type Step = z.infer<typeof progressStep>;
type MyPayout = z.infer<typeof myPayout>;

function ProgressSteps({ steps, returned }: { steps: Step[]; returned: boolean }) {
  return (
    <Steps
      direction="vertical"
      className="c-steps"
      current={Math.max(0, steps.findIndex((s) => s.state === 'current'))}
    >
      {steps.map((s, i) => (
        <Steps.Step
          key={i}
          status={stepStatus[s.state]}
          title={
            <span className={s.state === 'skipped' ? 'c-step-skipped' : undefined}>
              {s.name}
              {s.state === 'current' && <span className="c-step-now"> · {returned ? '待您补充材料' : '进行中'}</span>}
              {s.overdue && <span className="c-step-late"> · 已超过审核时限</span>}
            </span>
          }
          description={
            <div className="c-step-desc" data-testid="progress-step" data-state={s.state}>
              {s.decisions.map((d, j) => (
                <div key={j} className={d.decision === 'return' || d.decision === 'reject' ? 'c-step-bad' : undefined}>
                  {when(d.at)} {d.by ?? ''} {d.decisionLabel}
                  {d.reason && `：${d.reason}`}
                </div>
              ))}
              {s.state === 'current' && s.deadline && <div>审核时限：{when(s.deadline)}</div>}
              {s.step === 'draw' && (s.state === 'done' || s.state === 'failed') && <div>{s.state === 'done' ? '已中签' : '未抽中（审核通过的人数超过名额，公开抽签）'}</div>}
              {s.at && s.decisions.length === 0 && <div>{when(s.at)}</div>}
            </div>
          }
        />
      ))}
    </Steps>
  );
}

function ResubmitForm({ app, onDone }: { app: CampaignApplication; onDone: () => void }) {
  const [statement, setStatement] = useState('');
  const [docs, setDocs] = useState<Record<string, PickedDocument>>({});
  const { busy, problem, setProblem, submit: run } = useSubmit();
  const picked = Object.values(docs);
  const submit = () =>
    run(async () => {
      await api.post('/api/me/campaign-applications/:id/resubmit', {
        params: { id: app.id },
        body: { statement: statement.trim() || undefined, documents: picked.length ? picked.map(toUpload) : undefined },
      });
      Toast.show({ icon: 'success', content: '已重新提交，回到原审核环节' });
      onDone();
    });
  return (
    <div className="c-resubmit" data-testid="resubmit-form">
      <ApplicationFields
        id={`c-resubmit-${app.id}`}
        label="补充说明（不填则保留原说明）"
        placeholder="按退回原因补充说明"
        rows={3}
        statement={statement}
        onStatement={setStatement}
        documents={app.documents}
        docs={docs}
        onDocs={setDocs}
        hintOf={(d) => `已上传 ${d.fileName ?? d.label}，需要时重选`}
        onProblem={setProblem}
      />
      {problem && (
        <div className="p-form-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" shape="rounded" loading={busy} onClick={() => void submit()} data-testid="resubmit-button" style={{ marginTop: 12 }}>
        重新提交
      </Button>
    </div>
  );
}

function PayoutLine({ payout }: { payout: MyPayout }) {
  const navigate = useNavigate();
  return (
    <button type="button" className="c-payout" onClick={() => navigate('/me/payouts')} data-testid="application-payout" data-state={payout.state}>
      <div>
        <div className="c-payout-title">发放 {payout.amountText}</div>
        <div className="c-payout-sub">
          {payout.channelLabel}：{payout.stateLabel}
          {payout.confirmedAt ? `，${when(payout.confirmedAt)}` : ''}
          {payout.reason ? `：${payout.reason}` : ''}
          {payout.needsBankAccount ? '；请先登记银行卡' : ''}
        </div>
      </div>
      <span className="c-link-text">
        我的发放 <RightOutline aria-hidden />
      </span>
    </button>
  );
}

interface Loaded {
  applications: Page<CampaignApplication>;
  payouts: MyPayout[];
}

async function loadApplications(): Promise<Loaded> {
  const [applications, payouts] = await Promise.all([
    api.get('/api/me/campaign-applications', { query: { pageSize: 100 } }),
    // the applications stand without the payouts
    api.get('/api/me/payouts', { query: { pageSize: 100 } }).then(
      (p) => p.items,
      () => [],
    ),
  ]);
  return { applications, payouts };
}

export function CampaignApplicationsPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const focus = Number(search.get('id')) || undefined;
  const list = useDetail('my applications', loadApplications);

  async function withdraw(a: CampaignApplication) {
    const answer = await confirmWrite({
      title: '撤回申请？',
      content: `撤回“${a.campaign.title}”的申请后不再审核${a.status === 'in_notice' ? '，公示名单中也将去掉您' : ''}；申请时间内可以重新申请。`,
      confirmText: '确认撤回',
      write: () => api.post('/api/me/campaign-applications/:id/withdraw', { params: { id: a.id } }),
      done: '已撤回申请',
    });
    if (answer !== 'no') void list.reload();
  }

  return (
    <MemberScreen title="我的申请" onBack={() => navigate('/campaigns')}>
      <LoadState
        detail={list}
        empty={{
          when: (d) => d.applications.items.length === 0,
          title: '还没有申请',
          description: '去看看工会的送温暖、金秋助学等帮扶活动',
          action: { label: '查看帮扶活动', onClick: () => navigate('/campaigns') },
        }}
      >
        {({ applications, payouts }) => (
          <ul className="a-list">
            {applications.items.map((a) => (
              <li key={a.id}>
                <ApplicationItem
                  a={a}
                  payout={payouts.find((p) => p.campaignId === a.campaign.id)}
                  focused={focus === a.id}
                  onWithdraw={() => void withdraw(a)}
                  onChanged={() => void list.reload()}
                />
              </li>
            ))}
          </ul>
        )}
      </LoadState>
      <MineLink to="/me/payouts" label="我的发放（补助、积分、物资）" className="c-mine-row" />
    </MemberScreen>
  );
}

function ApplicationItem({ a, payout, focused, onWithdraw, onChanged }: { a: CampaignApplication; payout: MyPayout | undefined; focused: boolean; onWithdraw: () => void; onChanged: () => void }) {
  const navigate = useNavigate();
  return (
    <section className={`m-card c-app${focused ? ' c-app-focus' : ''}`} data-testid="my-application-item" data-status={a.status}>
      <button type="button" className="c-app-head" onClick={() => navigate(`/campaigns/${a.campaign.id}`)}>
        <div className="a-signup-top">
          <Tag color="danger" fill="outline">
            {campaignKindLabels[a.campaign.kind]}
          </Tag>
          <Tag color={applicationTagColors[a.status]} data-testid="application-status">
            {a.statusLabel}
          </Tag>
          {a.appliedByStaff && <Tag color="default">工会代为申请</Tag>}
        </div>
        <div className="a-card-title">{a.campaign.title}</div>
        <div className="a-card-line">
          资助 {amountText(a.awardAmount, a.campaign.budgetUnit)} · {when(a.createdAt)} 申请
        </div>
      </button>
      {a.lastReason && (a.status === 'returned' || a.status === 'rejected' || a.status === 'disqualified' || a.status === 'cancelled') && (
        <div className={a.status === 'returned' ? 'c-reason c-reason-returned' : 'c-reason'} data-testid="application-reason">
          {a.status === 'returned' ? '退回原因：' : '原因：'}
          {a.lastReason}
        </div>
      )}
      {a.status === 'in_notice' && a.noticeEndsAt && <div className="c-reason c-reason-notice">公示中，{when(a.noticeEndsAt)} 公示期满；无异议即确定资助。</div>}
      {payout && <PayoutLine payout={payout} />}
      {a.status === 'awarded' && !payout && <div className="c-reason c-reason-notice">已确定资助，等待工会发放，发放后会短信通知您。</div>}
      <ProgressSteps steps={a.steps} returned={a.status === 'returned'} />
      {a.documents.length > 0 && (
        <div className="c-app-docs">
          材料：
          {a.documents.map((d) => (
            <a key={d.key} href={apiUrl('/api/campaign-applications/:id/documents', { params: { id: a.id }, query: { key: d.key } })} target="_blank" rel="noopener noreferrer">
              {d.label}
            </a>
          ))}
        </div>
      )}
      {a.canResubmit && <ResubmitForm app={a} onDone={onChanged} />}
      {a.canWithdraw && (
        <div className="c-app-actions">
          <Button size="small" shape="rounded" onClick={onWithdraw} data-testid="withdraw-button">
            撤回申请
          </Button>
        </div>
      )}
    </section>
  );
}
