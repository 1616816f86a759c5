// One aid campaign for a member: what it gives and to whom, the window, the documents asked for and
// the review levels; 申请 with a statement and each document (a photo is shrunk to fit before it is
// sent; one Idempotency-Key per attempt, kept for its retries), or why I cannot apply; my
// application's state with the way to its progress; and the notice (公示) — masked names — with 提出异议.
import '../components/listing.css';
import './campaigns.css';
import { useCallback, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Tag, TextArea, Toast } from 'antd-mobile';
import type { z } from 'zod';
import { campaignKindLabels, payoutChannelLabels, reviewerTierLabels, type applyResponse, type CampaignDetail, type noticeResponse } from '../../../contracts/campaigns.ts';
import { api, errorMessage } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { DetailHead, Facts } from '../components/DetailHead.tsx';
import { OutcomeCard } from '../components/OutcomeCard.tsx';
import { Sheet } from '../components/Sheet.tsx';
import { useSubmit } from '../../shared/useSubmit.ts';
import { useIdempotentPost, type PostOutcome } from '../../shared/useIdempotentPost.ts';
import { span, when } from '../components/when.ts';
import { ApplicationFields } from './DocumentPicker.tsx';
import { toUpload, type PickedDocument } from '../../shared/files.ts';
import { amountText, applicationTagColors, audienceOf, conditionsOf } from './labels.ts';

type ApplyResponse = z.infer<typeof applyResponse>;
type Notice = z.infer<typeof noticeResponse>;
type NoticeEntry = Notice['items'][number];

const NOTICE_PAGE_SIZE = 50;

function NoticeCard({ campaign, onObject }: { campaign: CampaignDetail; onObject: (e: NoticeEntry) => void }) {
  const [notice, setNotice] = useState<Notice>();
  const [page, setPage] = useState(1);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string>();
  // Page by page, each appended to what is shown (更多).
  const load = useCallback(() => {
    setLoading(true);
    api
      .get('/api/campaigns/:id/notice', { params: { id: campaign.id }, query: { page, pageSize: NOTICE_PAGE_SIZE } })
      .then((n) => setNotice((prev) => (prev && page > 1 ? { ...n, items: [...prev.items, ...n.items] } : n)))
      .catch((err: unknown) => setProblem(errorMessage(err)))
      .finally(() => setLoading(false));
  }, [campaign.id, page]);
  useEffect(load, [load]);
  if (problem) return null;
  if (!notice || notice.items.length === 0) return null;
  const endsAt = notice.items.find((i) => i.status === 'in_notice')?.noticeEndsAt;
  return (
    <section className="m-card c-notice" data-testid="notice-list">
      <h2 className="m-section-title">公示名单</h2>
      <div className="c-notice-sub">
        {endsAt ? `公示至 ${when(endsAt)}。` : '公示已结束。'}姓名已脱敏。如认为某人不符合条件，可实名提出异议，工会核实后处理，不公开提出人。
      </div>
      {notice.items.map((e) => (
        <div key={e.applicationId} className="c-notice-row" data-testid="notice-row">
          <div className="c-notice-main">
            <div className="c-notice-name">{e.name}</div>
            <div className="c-notice-org">{e.orgName}</div>
          </div>
          <div className="c-notice-side">
            <div className="c-notice-amount">{amountText(e.awardAmount, notice.budgetUnit)}</div>
            {e.myObjection ? (
              <Tag color="default">{e.myObjection === 'open' ? '已提出异议' : e.myObjection === 'upheld' ? '异议成立' : '异议不成立'}</Tag>
            ) : e.status === 'in_notice' ? (
              <button type="button" className="c-link-button" onClick={() => onObject(e)}>
                提出异议
              </button>
            ) : (
              <Tag color={applicationTagColors[e.status]}>{e.statusLabel}</Tag>
            )}
          </div>
        </div>
      ))}
      {notice.items.length < notice.total && (
        <Button block fill="none" loading={loading} onClick={() => setPage((p) => p + 1)} data-testid="notice-more">
          查看更多（共 {notice.total} 人）
        </Button>
      )}
    </section>
  );
}

function ObjectionSheet({ entry, onClose, onDone }: { entry: NoticeEntry | undefined; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const { busy, problem, setProblem, submit: run } = useSubmit();
  async function submit() {
    if (!entry) return;
    if (reason.trim().length < 5) return setProblem('请写明异议理由，至少 5 个字');
    await run(async () => {
      await api.post('/api/campaign-applications/:id/objections', { params: { id: entry.applicationId }, body: { reason: reason.trim() } });
      Toast.show({ icon: 'success', content: '异议已提交，工会将核实处理' });
      setReason('');
      onDone();
    });
  }
  return (
    <Sheet visible={entry !== undefined} label={entry ? `对“${entry.name}”提出异议` : '提出异议'} onClose={onClose} bodyClassName="c-sheet">
      {entry && (
        <>
          <h2 className="m-section-title">对“{entry.name}”提出异议</h2>
          <div className="c-notice-sub">请如实填写。异议为实名提出，工会工作人员核实后处理，对外不公开提出人。</div>
          <label className="c-field-label" htmlFor="c-objection">
            异议理由
          </label>
          <TextArea id="c-objection" placeholder="如：据了解其家庭有两套住房，经济条件较好" value={reason} onChange={setReason} rows={4} maxLength={500} showCount />
          {problem && (
            <div className="p-form-problem" role="alert">
              {problem}
            </div>
          )}
          <div className="c-sheet-actions">
            <Button shape="rounded" onClick={onClose}>
              取消
            </Button>
            <Button color="primary" shape="rounded" loading={busy} onClick={() => void submit()}>
              提交异议
            </Button>
          </div>
        </>
      )}
    </Sheet>
  );
}

export function CampaignPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`campaign ${id}`, () => api.get('/api/campaigns/:id', { params: { id } }));
  return (
    <DetailPage title="帮扶详情" detail={detail} back="/campaigns" notFound="活动不存在或不面向您" backLabel="看看其他活动">
      {(c) => <CampaignView c={c} reload={detail.reload} />}
    </DetailPage>
  );
}

function CampaignView({ c, reload }: { c: CampaignDetail; reload: () => Promise<void> }) {
  const navigate = useNavigate();
  const [statement, setStatement] = useState('');
  const [docs, setDocs] = useState<Record<string, PickedDocument>>({});
  const [formProblem, setFormProblem] = useState<string>();
  const [outcome, setOutcome] = useState<PostOutcome<ApplyResponse>>();
  const [objecting, setObjecting] = useState<NoticeEntry>();
  const [noticeTick, setNoticeTick] = useState(0);
  const { post, busy } = useIdempotentPost('/api/campaigns/:id/applications');

  // the answer is shown at the top: bring it into view from wherever the form was
  useEffect(() => {
    if (outcome) document.querySelector('[data-testid="apply-outcome"]')?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [outcome]);

  async function submit() {
    setFormProblem(undefined);
    const missing = c.requiredDocuments.filter((d) => !docs[d.key]);
    if (missing.length) {
      setFormProblem(`请上传：${missing.map((d) => d.label).join('、')}`);
      document.querySelector('[data-testid="apply-form"]')?.scrollIntoView({ behavior: 'smooth', block: 'end' });
      return;
    }
    const documents = c.requiredDocuments.length ? c.requiredDocuments.map((d) => toUpload(docs[d.key]!)) : undefined;
    const out = await post({ params: { id: c.id }, body: { statement: statement.trim() || undefined, documents } });
    setOutcome(out);
    if (out.kind !== 'unsure') void reload();
  }

  const av = c.availability;
  // a withdrawn application leaves the way open to apply again while the window is open
  const mine = c.myApplication && c.myApplication.status !== 'withdrawn' ? c.myApplication : null;
  const canApply = av?.canApply === true && !mine && outcome?.kind !== 'done';
  const conditions = conditionsOf(c);
  return (
    <>
      <div className="m-scroll">
        <DetailHead
          tags={
            <Tag color="danger" fill="outline">
              {campaignKindLabels[c.kind]}
            </Tag>
          }
          title={c.title}
          titleTestId="campaign-title"
          org={c.org.name}
          status={c.status}
          cancelReason={c.cancelReason}
        >
          <div className="c-award">
            每人 <b>{amountText(c.awardAmount, c.budgetUnit)}</b>
            <span className="c-award-sub">
              {' '}
              · 名额 {c.quota} 人 · {payoutChannelLabels[c.payoutChannel]}
            </span>
          </div>
        </DetailHead>

        {outcome && (
          <OutcomeCard
            outcome={outcome}
            testId="apply-outcome"
            done={() => ({
              title: '申请已提交',
              sub: '工会将逐级审核，每一步的结果都会以短信通知您，也可随时查看进度。',
              status: 'in_review',
              action: (
                <Button block color="primary" fill="outline" shape="rounded" onClick={() => navigate('/me/campaign-applications')} style={{ marginTop: 12 }}>
                  查看审核进度
                </Button>
              ),
            })}
            refusedTitle="未能提交"
            unsure={{ title: '提交结果未确认', note: '同一次申请重试不会重复提交' }}
            busy={busy}
            onRetry={() => void submit()}
          />
        )}

        {mine && (
          <button type="button" className="m-card a-mine-link c-mine-row" onClick={() => navigate('/me/campaign-applications')} data-testid="my-application" data-status={mine.status}>
            <span>
              我的申请 <Tag color={applicationTagColors[mine.status]}>{mine.statusLabel}</Tag>
            </span>
            <span className="c-link-text">查看进度 ›</span>
          </button>
        )}

        <NoticeCard key={noticeTick} campaign={c} onObject={setObjecting} />

        <section className="m-card">
          <Facts
            facts={[
              ['申请时间', span(c.applyOpensAt, c.applyClosesAt)],
              ['面向', audienceOf(c)],
              ['申请条件', conditions.length > 0 && conditions.join('；')],
              ['所需材料', c.requiredDocuments.length ? c.requiredDocuments.map((d) => d.label).join('、') : '无需上传材料'],
              [
                '审核',
                c.levels.map((l) => (
                  <div key={l.levelNo}>
                    {l.levelNo}. {l.name}（{l.reviewerOrg?.name ?? (l.reviewerTier ? reviewerTierLabels[l.reviewerTier].replace('申请人', '您') : '您所在的工会')}，{l.deadlineDays} 天内）
                  </div>
                )),
              ],
              ['公示', `审核通过后公示 ${c.noticeDays} 天，无异议即确定资助`],
            ]}
          />
        </section>

        {c.description && (
          <section className="m-card">
            <h2 className="m-section-title">活动说明</h2>
            <div className="c-text">{c.description}</div>
          </section>
        )}

        {canApply && (
          <section className="m-card c-apply" data-testid="apply-form">
            <h2 className="m-section-title">填写申请</h2>
            <ApplicationFields
              id="c-statement"
              label="申请说明（选填）"
              placeholder="家庭情况、申请理由，如：孩子今年考上大学，家中老人长期患病……"
              rows={4}
              showCount
              statement={statement}
              onStatement={setStatement}
              documents={c.requiredDocuments}
              docs={docs}
              onDocs={setDocs}
              onProblem={setFormProblem}
            />
            {formProblem && (
              <div className="p-form-problem" role="alert">
                {formProblem}
              </div>
            )}
            <div className="p-form-note">提交即表示您承诺所填情况和材料真实；材料仅用于本次审核。</div>
          </section>
        )}
      </div>

      <footer className="a-action-bar">
        {canApply ? (
          <Button block color="primary" shape="rounded" size="large" loading={busy} onClick={() => void submit()} data-testid="apply-button">
            提交申请
          </Button>
        ) : mine || outcome?.kind === 'done' ? (
          <Button block color="primary" fill="outline" shape="rounded" size="large" onClick={() => navigate('/me/campaign-applications')}>
            查看我的申请进度
          </Button>
        ) : (
          <div className="a-action-state" data-testid="availability" data-state={av?.state}>
            {av && (
              <Tag color="default" fill="outline" className="a-reason">
                {av.message}
              </Tag>
            )}
          </div>
        )}
      </footer>
      <ObjectionSheet
        entry={objecting}
        onClose={() => setObjecting(undefined)}
        onDone={() => {
          setObjecting(undefined);
          setNoticeTick((n) => n + 1);
        }}
      />
    </>
  );
}
