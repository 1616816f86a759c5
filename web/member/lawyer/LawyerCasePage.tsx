// One case of the signed-in legal-aid lawyer: the caller's full name and phone (to call them; the
// server audits every view), what happened, the union and its handler, the case log, and two forms —
// 记录办案情况 (a consultation, a document, a hearing or a note; sealed at rest) and 办案结果 (调解,
// 仲裁, 诉讼 or 未进入程序, with the amount recovered in yuan). Both writes carry an Idempotency-Key.
import './lawyer.css';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Button, Input, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import {
  lawyerEntryKindLabels,
  lawyerEntryKinds,
  lawyerOutcomeLabels,
  lawyerOutcomes,
  type LawyerEntryKind,
  type LawyerOutcome,
  type LawyerTicketDetail,
} from '../../../contracts/ticket-lawyers.ts';
import { ticketCategoryLabels, ticketStateLabels, ticketTypeLabels } from '../../../contracts/tickets.ts';
import { api } from '../../shared/api.ts';
import { formatDateTime } from '../../shared/format.ts';
import { useDetail } from '../../shared/useDetail.ts';
import { useIdempotentPost } from '../../shared/useIdempotentPost.ts';
import { DetailPage } from '../components/DetailPage.tsx';

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

export function LawyerCasePage() {
  const id = Number(useParams().id);
  const detail = useDetail(`lawyer case ${id}`, () => api.get('/api/lawyer/tickets/:id', { params: { id } }));
  return (
    <DetailPage title="案件详情" detail={detail} back="/lawyer" notFound="案件不存在或已不由您代理" backLabel="返回我代理的案件">
      {(c) => (
        <div className="m-scroll">
          <section className="m-card" aria-labelledby="lw-caller">
            <h2 className="m-section-title" id="lw-caller">
              当事人
            </h2>
            <div className="lw-caller">
              <span className="lw-caller-name" data-testid="lawyer-caller-name">
                {c.callerName}
              </span>
              {c.callerPhone && (
                <a className="lw-tel" href={`tel:${c.callerPhone}`} data-testid="lawyer-caller-phone">
                  {c.callerPhone}
                </a>
              )}
            </div>
            <p className="lw-item-meta">当事人信息仅用于代理本案，每次查看均记入审计日志。</p>
          </section>
          <section className="m-card" aria-labelledby="lw-case">
            <h2 className="m-section-title" id="lw-case">
              {ticketCategoryLabels[c.category]} · {ticketTypeLabels[c.type]} <Tag fill="outline">{ticketStateLabels[c.state]}</Tag>
            </h2>
            <dl className="m-facts">
              <dt>用人单位</dt>
              <dd>{c.employerName ?? c.gigPlatform ?? '未填写'}</dd>
              <dt>办理工会</dt>
              <dd>
                {c.org.name}
                {c.handlerName ? `（经办人 ${c.handlerName}）` : ''}
              </dd>
              <dt>指派时间</dt>
              <dd>{formatDateTime(c.assignedAt)}</dd>
            </dl>
            {c.assignmentNote && <p className="lw-item-meta">工会说明：{c.assignmentNote}</p>}
            <p className="lw-description">{c.description}</p>
          </section>
          <section className="m-card" aria-labelledby="lw-log">
            <h2 className="m-section-title" id="lw-log">
              办案记录
            </h2>
            {c.entries.length === 0 ? (
              <p className="lw-item-meta">还没有记录。</p>
            ) : (
              <ul className="lw-entries" data-testid="lawyer-entries">
                {c.entries.map((e) => (
                  <li key={e.id} className="lw-entry">
                    <div className="lw-entry-head">
                      {formatDateTime(e.at)} · {lawyerEntryKindLabels[e.kind]}
                      {e.documentTitle ? ` · 《${e.documentTitle}》` : ''}
                    </div>
                    <div className="lw-entry-text">{e.text}</div>
                  </li>
                ))}
              </ul>
            )}
            <EntryForm ticketId={c.id} onDone={() => void detail.reload()} />
          </section>
          <section className="m-card" aria-labelledby="lw-outcome">
            <h2 className="m-section-title" id="lw-outcome">
              办案结果
            </h2>
            {c.outcome && (
              <p className="lw-outcome" data-testid="lawyer-outcome">
                {lawyerOutcomeLabels[c.outcome]}，追回 {yuan(c.recoveredFen ?? 0)}
                {c.outcomeNote ? `。${c.outcomeNote}` : ''}（{formatDateTime(c.closedAt)}）
              </p>
            )}
            <OutcomeForm c={c} onDone={() => void detail.reload()} />
          </section>
        </div>
      )}
    </DetailPage>
  );
}

function EntryForm({ ticketId, onDone }: { ticketId: number; onDone: () => void }) {
  const [kind, setKind] = useState<LawyerEntryKind>('consultation');
  const [text, setText] = useState('');
  const [title, setTitle] = useState('');
  const [problem, setProblem] = useState<string>();
  const write = useIdempotentPost('/api/lawyer/tickets/:id/entries');

  async function save() {
    setProblem(undefined);
    if (text.trim().length < 2) return setProblem('请填写内容（至少 2 个字）');
    const out = await write.post({ params: { id: ticketId }, body: { kind, text: text.trim(), ...(kind === 'document' && title.trim() ? { documentTitle: title.trim() } : {}) } });
    if (out.kind !== 'done') return setProblem(out.message);
    setText('');
    setTitle('');
    Toast.show({ icon: 'success', content: '已记录' });
    onDone();
  }

  return (
    <div data-testid="lawyer-entry-form">
      <span className="lw-label" id="lw-kind-label">
        记录类型
      </span>
      <Selector<LawyerEntryKind>
        aria-labelledby="lw-kind-label"
        columns={2}
        value={[kind]}
        onChange={(v) => v[0] && setKind(v[0])}
        options={lawyerEntryKinds.map((k) => ({ value: k, label: lawyerEntryKindLabels[k] }))}
      />
      {kind === 'document' && (
        <>
          <label className="lw-label" htmlFor="lw-doc-title">
            文书名称
          </label>
          <div className="lw-field">
            <Input id="lw-doc-title" value={title} onChange={setTitle} maxLength={100} placeholder="如：劳动仲裁申请书" />
          </div>
        </>
      )}
      <label className="lw-label" htmlFor="lw-entry-text">
        内容
      </label>
      <div className="lw-field">
        <TextArea id="lw-entry-text" value={text} onChange={setText} rows={4} maxLength={2000} showCount placeholder="如：电话咨询，当事人提供了工资条和考勤记录" />
      </div>
      {problem && (
        <div className="lw-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" shape="rounded" style={{ marginTop: 12 }} loading={write.busy} onClick={() => void save()}>
        保存记录
      </Button>
    </div>
  );
}

function OutcomeForm({ c, onDone }: { c: LawyerTicketDetail; onDone: () => void }) {
  const [outcome, setOutcome] = useState<LawyerOutcome | undefined>(c.outcome ?? undefined);
  const [amount, setAmount] = useState(c.recoveredFen === null ? '' : String(c.recoveredFen / 100));
  const [note, setNote] = useState(c.outcomeNote ?? '');
  const [problem, setProblem] = useState<string>();
  const write = useIdempotentPost('/api/lawyer/tickets/:id/outcome');

  async function save() {
    setProblem(undefined);
    if (!outcome) return setProblem('请选择办案结果');
    const trimmed = amount.trim() || '0';
    if (!/^\d{1,9}(\.\d{1,2})?$/.test(trimmed)) return setProblem('追回金额请填写数字（元，最多两位小数）');
    const recoveredFen = Math.round(Number(trimmed) * 100);
    const out = await write.post({ params: { id: c.id }, body: { outcome, recoveredFen, ...(note.trim() ? { note: note.trim() } : {}) } });
    if (out.kind !== 'done') return setProblem(out.message);
    Toast.show({ icon: 'success', content: '已保存办案结果' });
    onDone();
  }

  return (
    <div data-testid="lawyer-outcome-form">
      <span className="lw-label" id="lw-outcome-label">
        结果
      </span>
      <Selector<LawyerOutcome>
        aria-labelledby="lw-outcome-label"
        columns={2}
        value={outcome ? [outcome] : []}
        onChange={(v) => setOutcome(v[0])}
        options={lawyerOutcomes.map((o) => ({ value: o, label: lawyerOutcomeLabels[o] }))}
      />
      <label className="lw-label" htmlFor="lw-amount">
        追回金额（元）
      </label>
      <div className="lw-field">
        <Input id="lw-amount" inputMode="decimal" value={amount} onChange={setAmount} placeholder="没有追回填 0" />
      </div>
      <label className="lw-label" htmlFor="lw-outcome-note">
        结果说明
      </label>
      <div className="lw-field">
        <TextArea id="lw-outcome-note" value={note} onChange={setNote} rows={2} maxLength={1000} placeholder="如：调解达成协议，分两期支付" />
      </div>
      {problem && (
        <div className="lw-problem" role="alert">
          {problem}
        </div>
      )}
      <Button block color="primary" fill={c.outcome ? 'outline' : 'solid'} shape="rounded" style={{ marginTop: 12 }} loading={write.busy} onClick={() => void save()}>
        {c.outcome ? '更新办案结果' : '保存办案结果'}
      </Button>
    </div>
  );
}
