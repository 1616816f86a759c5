// 我的求助 (one request): its state, the union handling it and why, the deadline, each step with its
// Beijing time, the result and the money recovered once closed, the photos and documents (and more to
// add while it is open), and — once closed and not yet rated — the 1–5 rating with a comment.
import './rights.css';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Selector, Steps, Tag, TextArea, Toast } from 'antd-mobile';
import { ticketActionLabels, ticketCategoryLabels, ticketStateLabels, ticketTypeLabels, type MyTicket } from '../../../contracts/tickets.ts';
import { api } from '../../shared/api.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';
import { DetailPage } from '../components/DetailPage.tsx';
import { when } from '../components/when.ts';
import { KeptFiles, PickFilesButton, PickedFiles } from './Attachments.tsx';
import { deadlineText, ratingLabel, ratingOptions, stateTagColors, yuanOf } from './labels.ts';
import { useAttachmentUploads } from './useAttachmentUploads.ts';

export function RequestPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`my ticket ${id}`, () => api.get('/api/me/tickets/:id', { params: { id } }));
  return (
    <DetailPage title="我的求助" detail={detail} back="/rights" notFound="没有找到这件求助" backLabel="返回法律援助">
      {(t) => <RequestBody t={t} onChanged={(next) => (next ? detail.setData(next) : void detail.reload())} />}
    </DetailPage>
  );
}

function RequestBody({ t, onChanged }: { t: MyTicket; onChanged: (next?: MyTicket) => void }) {
  const closed = t.state === 'closed';
  return (
    <div className="r-detail" data-testid="ticket-detail" data-state={t.state}>
      <section className="m-card r-section">
        <div className="a-card-tags">
          <Tag color="primary" fill="outline">
            {ticketTypeLabels[t.type]}
          </Tag>
          <Tag color={stateTagColors[t.state]} data-testid="detail-state">
            {ticketStateLabels[t.state]}
          </Tag>
        </div>
        <h2 className="r-detail-title">
          {ticketCategoryLabels[t.category]}
          {t.employerName ? ` · ${t.employerName}` : ''}
        </h2>
        <dl className="r-facts">
          <dt>办理工会</dt>
          <dd data-testid="detail-union">{t.orgName}</dd>
          <dt>提交时间</dt>
          <dd>{when(t.createdAt)}</dd>
          {!closed && t.dueAt && (
            <>
              <dt>办结期限</dt>
              <dd data-testid="detail-deadline">{deadlineText(t.dueAt)}</dd>
            </>
          )}
          {closed && (
            <>
              <dt>办结时间</dt>
              <dd>{when(t.closedAt)}</dd>
            </>
          )}
        </dl>
        <p className="r-muted">{t.routeReason}</p>
      </section>
      {closed && (
        <section className="m-card r-section r-result" aria-labelledby="r-result-title" data-testid="detail-result">
          <h2 id="r-result-title" className="m-section-title">
            办理结果
          </h2>
          <p>{t.result}</p>
          {t.recoveredFen !== null && t.recoveredFen > 0 && (
            <p className="r-recovered" data-testid="detail-recovered">
              为您追回：<strong>{yuanOf(t.recoveredFen)}</strong>
            </p>
          )}
        </section>
      )}
      {t.canRate && <RatingForm t={t} onRated={onChanged} />}
      {t.rating !== null && (
        <section className="m-card r-section" data-testid="detail-rating">
          <h2 className="m-section-title">我的评价</h2>
          <p>
            {t.rating} 分 · {ratingLabel(t.rating)}
          </p>
        </section>
      )}
      <section className="m-card r-section" aria-labelledby="r-what-title">
        <h2 id="r-what-title" className="m-section-title">
          我反映的情况
        </h2>
        <p className="r-description">{t.description}</p>
      </section>
      <section className="m-card r-section" aria-labelledby="r-steps-title">
        <h2 id="r-steps-title" className="m-section-title">
          办理进度
        </h2>
        <Steps direction="vertical" current={t.steps.length - 1}>
          {t.steps.map((s, i) => (
            <Steps.Step
              key={i}
              status={i === t.steps.length - 1 && !closed ? 'process' : 'finish'}
              title={ticketActionLabels[s.action]}
              description={
                <span data-testid="detail-step">
                  {when(s.at)} · {s.orgName}
                </span>
              }
            />
          ))}
        </Steps>
      </section>
      <Attachments t={t} onUploaded={() => onChanged()} />
    </div>
  );
}

function Attachments({ t, onUploaded }: { t: MyTicket; onUploaded: () => void }) {
  const uploads = useAttachmentUploads(t.attachments.length);
  const [pickProblem, setPickProblem] = useState<string>();
  const pending = uploads.files.filter((f) => f.state !== 'done');
  async function send(only?: string) {
    const failed = await uploads.send(t.id, only);
    if (!failed) {
      uploads.clear();
      Toast.show({ icon: 'success', content: '已上传' });
    }
    onUploaded();
  }
  return (
    <section className="m-card r-section" aria-labelledby="r-files-title" data-testid="detail-attachments">
      <h2 id="r-files-title" className="m-section-title">
        照片和材料
      </h2>
      <KeptFiles attachments={t.attachments} />
      {t.state !== 'closed' && (
        <>
          <PickedFiles files={uploads.files.filter((f) => f.state !== 'done')} onRemove={uploads.remove} onRetry={(id) => void send(id)} />
          {pickProblem && (
            <div className="r-file-problem" role="alert">
              {pickProblem}
            </div>
          )}
          <PickFilesButton room={uploads.room} onPick={(files) => setPickProblem(uploads.add(files))} />
          {pending.some((f) => f.state === 'waiting') && (
            <Button block color="primary" shape="rounded" onClick={() => void send()} data-testid="upload-button" style={{ marginTop: 8 }}>
              上传
            </Button>
          )}
        </>
      )}
    </section>
  );
}

function RatingForm({ t, onRated }: { t: MyTicket; onRated: (next: MyTicket) => void }) {
  const [rating, setRating] = useState<number>();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<string>();
  const { post, busy } = useIdempotentPost('/api/me/tickets/:id/rating');
  async function submit() {
    if (!rating) return setProblem('请选择满意程度');
    setProblem(undefined);
    const outcome = await post({ params: { id: t.id }, body: { rating, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
    if (outcome.kind === 'done') {
      Toast.show({ icon: 'success', content: '感谢您的评价' });
      onRated(outcome.answer);
    } else setProblem(outcome.message);
  }
  return (
    <section className="m-card r-section" aria-labelledby="r-rate-title" data-testid="rating-form">
      <h2 id="r-rate-title" className="m-section-title">
        评价办理结果
      </h2>
      <p className="r-muted" id="r-rate-hint">
        选择“不满意”或“很不满意”时，这件求助将交由上一级工会重新办理（仅一次）。
      </p>
      <Selector
        columns={1}
        options={ratingOptions.map((o) => ({ label: `${o.value} 分 · ${o.label}`, value: o.value }))}
        value={rating ? [rating] : []}
        onChange={(v) => setRating(v[0])}
        className="r-rating"
        aria-describedby="r-rate-hint"
      />
      {rating !== undefined && rating <= 2 && <p className="r-note">提交后将由上一级工会重新办理，并按新的期限答复您。</p>}
      <label className="r-label" htmlFor="r-rate-comment">
        意见（可选）
      </label>
      <TextArea id="r-rate-comment" value={comment} onChange={setComment} rows={3} maxLength={500} showCount placeholder="说说您的看法" />
      {problem && (
        <div className="r-file-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" shape="rounded" loading={busy} onClick={() => void submit()} data-testid="rate-button" style={{ marginTop: 12 }}>
        提交评价
      </Button>
    </section>
  );
}
