// A labour-law supervision case: the ladder as steps — each letter with its number, 打开 PDF, its
// delivery (记录送达) and the reply deadline (剩 N 天, red once past), the reply (记录回复) — the next
// letter's button only when it may go out (else why not), then the facts and the linked tickets;
// 补充事实, 提级监督 and 结案 for admins and clerks.
import '../../components/common.css';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, App, Button, Descriptions, Empty, Form, Input, InputNumber, Select, Space, Steps, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined } from '@ant-design/icons';
import {
  caseOutcomeLabels,
  caseOutcomes,
  caseSourceLabels,
  deliveryWayLabels,
  deliveryWays,
  letterKindLabels,
  letterKinds,
  rectificationLabels,
  rectifications,
  type CaseDetail,
  type LetterKind,
  type LetterView,
} from '../../../../contracts/supervision.ts';
import { ticketCategoryLabels, ticketStateLabels, type TicketCategory, type TicketState } from '../../../../contracts/tickets.ts';
import { api } from '../../../shared/api.ts';
import { dayToPicker, formatCount, formatDate, formatDateTime, pickerDay, todayInBeijing } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { DatePicker } from '../../components/DatePicker.tsx';
import { DetailFrame } from '../../components/DetailFrame.tsx';
import { DetailPage } from '../../components/DetailPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';
import { StateTag } from '../../components/StateTag.tsx';
import { useSession } from '../../session.tsx';
import { ReplyDue, caseStateTags, formatYuan, stageLabel, useSupervisionWriter } from './supervisionParts.tsx';

const back = { to: '/supervision', label: '返回一函两书' };

export function CaseDetailPage() {
  const id = Number(useParams().id);
  const detail = useDetail(`supervision case ${id}`, () => api.get('/api/supervision/cases/:id', { params: { id } }));
  return (
    <DetailPage detail={detail} notFound="监督案件不存在或不在您的管理范围内" back={back}>
      {(c) => <CaseView c={c} onChanged={detail.setData} reload={detail.reload} />}
    </DetailPage>
  );
}

type Dialog = { kind: 'issue' } | { kind: 'deliver'; letter: LetterView } | { kind: 'reply'; letter: LetterView } | { kind: 'facts' } | { kind: 'escalate' } | { kind: 'close' };

function CaseView({ c, onChanged, reload }: { c: CaseDetail; onChanged: (c: CaseDetail) => void; reload: () => void }) {
  const canWrite = useSupervisionWriter(useSession());
  const [dialog, setDialog] = useState<Dialog>();
  const [tab, setTab] = useState('ladder');
  const closed = c.state === 'closed';
  const done = (next: CaseDetail) => {
    setDialog(undefined);
    onChanged(next);
  };

  const actions = canWrite && !closed && (
    <>
      {c.next.kind && c.next.allowed && (
        <Button type="primary" onClick={() => setDialog({ kind: 'issue' })}>
          {`发出${letterKindLabels[c.next.kind]}`}
        </Button>
      )}
      <Button onClick={() => setDialog({ kind: 'facts' })}>补充事实</Button>
      {c.canEscalate && <Button onClick={() => setDialog({ kind: 'escalate' })}>提级监督</Button>}
      <Button onClick={() => setDialog({ kind: 'close' })}>结案</Button>
    </>
  );

  return (
    <DetailFrame
      className="supervision-case"
      back={back}
      title={c.employerName}
      titleTestId="case-employer"
      tags={
        <>
          <StateTag tags={caseStateTags} value={c.state} />
          <Tag bordered={false}>{`已发：${stageLabel(c.stage)}`}</Tag>
          <Tag bordered={false}>{c.org.name}</Tag>
        </>
      }
      actions={actions}
      tabs={{
        activeKey: tab,
        onChange: setTab,
        items: [
          { key: 'ladder', label: '一函两书', children: <Ladder c={c} canWrite={canWrite} onAct={setDialog} /> },
          { key: 'facts', label: '案件事实', children: <Facts c={c} /> },
          { key: 'tickets', label: `关联工单（${c.tickets.length}）`, children: <Tickets c={c} /> },
        ],
      }}
    >
      {dialog?.kind === 'issue' && c.next.kind && <IssueModal c={c} kind={c.next.kind} onCancel={() => setDialog(undefined)} onDone={() => { setDialog(undefined); reload(); }} />}
      {dialog?.kind === 'deliver' && <DeliveryModal c={c} letter={dialog.letter} onCancel={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'reply' && <ReplyModal c={c} letter={dialog.letter} onCancel={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'facts' && <FactsModal c={c} onCancel={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'close' && <CloseModal c={c} onCancel={() => setDialog(undefined)} onDone={done} />}
      <ReasonModal
        open={dialog?.kind === 'escalate'}
        title="提级监督"
        okText="提级"
        warning={`案件将交由上一级工会办理，此后的文书以上一级工会的名义发出；如上一级工会不在您的管理范围内，您将不能再查看此案件。`}
        label="提级原因"
        required="请填写提级原因"
        placeholder="如：用人单位拒不配合，需由区总工会移送检察机关"
        onClose={() => setDialog(undefined)}
        onSubmit={async (reason) => {
          await api.post('/api/supervision/cases/:id/escalate', { params: { id: c.id }, body: { reason } });
          setDialog(undefined);
          reload();
        }}
      />
    </DetailFrame>
  );
}

/** The four rungs as steps: each issued letter with its delivery, deadline and reply; the next one's state. */
function Ladder({ c, canWrite, onAct }: { c: CaseDetail; canWrite: boolean; onAct: (d: Dialog) => void }) {
  const byKind = new Map(c.letters.map((l) => [l.kind, l]));
  const current = c.letters.at(-1);
  const items = letterKinds.map((kind) => {
    const l = byKind.get(kind);
    if (l) return { title: letterKindLabels[kind], status: l === current && !c.outcome ? ('process' as const) : ('finish' as const), description: <LetterCard c={c} letter={l} isCurrent={l === current} canWrite={canWrite} onAct={onAct} /> };
    const isNext = c.next.kind === kind;
    return {
      title: letterKindLabels[kind],
      status: 'wait' as const,
      description: isNext && !c.outcome ? <NextNote c={c} canWrite={canWrite} onIssue={() => onAct({ kind: 'issue' })} /> : <Typography.Text type="secondary">—</Typography.Text>,
    };
  });
  return (
    <>
      {c.outcome && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          message={`已结案：${caseOutcomeLabels[c.outcome]}`}
          description={`追回工资 ${formatYuan(c.wagesRecoveredFen ?? 0)}，惠及职工 ${formatCount(c.workersCovered ?? 0)} 人${c.closeNote ? `。${c.closeNote}` : ''}（${formatDateTime(c.closedAt)}）`}
        />
      )}
      {!c.employerAddress && !c.outcome && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message="用人单位地址未填写：发函前请先“补充事实”填写地址" />}
      <Steps direction="vertical" items={items} data-testid="ladder" />
    </>
  );
}

function NextNote({ c, canWrite, onIssue }: { c: CaseDetail; canWrite: boolean; onIssue: () => void }) {
  if (c.next.allowed) {
    return canWrite ? (
      <Button type="primary" size="small" onClick={onIssue}>
        {`发出${letterKindLabels[c.next.kind!]}`}
      </Button>
    ) : (
      <Typography.Text type="secondary">可以发出</Typography.Text>
    );
  }
  return <Typography.Text type="secondary">{c.next.reason}</Typography.Text>;
}

function LetterCard({ c, letter: l, isCurrent, canWrite, onAct }: { c: CaseDetail; letter: LetterView; isCurrent: boolean; canWrite: boolean; onAct: (d: Dialog) => void }) {
  const open = !c.outcome && isCurrent && canWrite;
  return (
    <div data-testid={`letter-${l.kind}`} style={{ padding: '4px 0 12px' }}>
      <Space wrap size={[8, 4]}>
        <span className="mono">{l.number}</span>
        <Typography.Text type="secondary">{`致 ${l.addressee}，${formatDate(l.issuedOn)}发出`}</Typography.Text>
        <Button size="small" icon={<FilePdfOutlined />} href={l.pdfUrl} target="_blank" rel="noopener">
          打开 PDF
        </Button>
      </Space>
      <Descriptions size="small" column={1} style={{ marginTop: 8, maxWidth: 720 }} styles={{ label: { color: 'rgba(0, 0, 0, 0.72)' } }}>
        <Descriptions.Item label="送达">
          {l.deliveredOn ? (
            `${formatDate(l.deliveredOn)}，${deliveryWayLabels[l.deliveredVia!]}，签收人 ${l.receiptSigner}`
          ) : open ? (
            <Button size="small" onClick={() => onAct({ kind: 'deliver', letter: l })}>
              记录送达
            </Button>
          ) : (
            '未记录'
          )}
        </Descriptions.Item>
        <Descriptions.Item label="答复期限">
          <ReplyDue letter={l} />
          <Typography.Text type="secondary" className="small" style={{ marginLeft: 8 }}>{`（${l.replyDays} 个${l.dayKind === 'working' ? '工作日' : '自然日'}，函中写明 ${formatDate(l.statedDueOn)}）`}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="答复">
          {l.repliedOn ? (
            <span>
              {`${formatDate(l.repliedOn)}：${l.replySummary}`}
              <Tag color={l.rectification === 'done' ? 'green' : l.rectification === 'none' ? 'red' : 'gold'} style={{ marginLeft: 8 }}>
                {rectificationLabels[l.rectification!]}
              </Tag>
            </span>
          ) : open && l.deliveredOn ? (
            <Button size="small" onClick={() => onAct({ kind: 'reply', letter: l })}>
              记录回复
            </Button>
          ) : (
            '未答复'
          )}
        </Descriptions.Item>
      </Descriptions>
    </div>
  );
}

function Facts({ c }: { c: CaseDetail }) {
  return (
    <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} bordered size="small">
      <Descriptions.Item label="办案工会">{c.org.name}</Descriptions.Item>
      <Descriptions.Item label="来源">{caseSourceLabels[c.source]}</Descriptions.Item>
      <Descriptions.Item label="用人单位">{c.employerName}</Descriptions.Item>
      <Descriptions.Item label="所在镇街">{c.employerTown?.name ?? '—'}</Descriptions.Item>
      <Descriptions.Item label="用人单位地址" span={2}>
        {c.employerAddress ?? <Typography.Text type="danger">未填写（发函前须补充）</Typography.Text>}
      </Descriptions.Item>
      <Descriptions.Item label="违反的法律条款" span={2}>
        {c.provisions.join('；')}
      </Descriptions.Item>
      <Descriptions.Item label="发现的问题" span={2}>
        {c.summary}
      </Descriptions.Item>
      <Descriptions.Item label="涉及职工">{`${formatCount(c.workersCount)} 人`}</Descriptions.Item>
      <Descriptions.Item label="新建时间">{formatDateTime(c.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="承办监督员" span={2}>
        {c.supervisors.length ? c.supervisors.map((s) => `${s.name}（${s.certificateNo}，${s.org.name}）`).join('、') : '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function Tickets({ c }: { c: CaseDetail }) {
  if (c.tickets.length === 0) return <Empty description="没有关联的维权工单" />;
  return (
    <Table
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={c.tickets}
      columns={[
        { title: '工单', render: (_, t) => `工单 ${t.id}` },
        { title: '类别', render: (_, t) => ticketCategoryLabels[t.category as TicketCategory] ?? t.category },
        { title: '状态', render: (_, t) => ticketStateLabels[t.state as TicketState] ?? t.state },
        { title: '提出时间', render: (_, t) => formatDateTime(t.createdAt) },
      ]}
    />
  );
}

// ── dialogs ────────────────────────────────────────────────────────────────────────────────────

function IssueModal({ c, kind, onCancel, onDone }: { c: CaseDetail; kind: LetterKind; onCancel: () => void; onDone: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ addressee?: string }>();
  const issue = useIdempotentPost('/api/supervision/cases/:id/letters');
  const toEmployer = kind === 'notice' || kind === 'opinion';
  return (
    <FormModal<{ addressee?: string }>
      form={form}
      title={`发出${letterKindLabels[kind]}`}
      okText="发出并生成 PDF"
      onCancel={onCancel}
      modal={{ destroyOnHidden: true }}
      intro={
        <Typography.Paragraph type="secondary">
          {`以${c.org.name}的名义发出，自动编号并生成 PDF 存档；答复期限按本工会适用的规则自送达之日起计算。`}
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        const out = await issue.post({ params: { id: c.id }, body: { kind, ...(!toEmployer && v.addressee?.trim() ? { addressee: v.addressee.trim() } : {}) } });
        if (out.kind !== 'done') throw new Error(out.message);
        message.success(`已发出 ${out.answer.number}`);
        onDone();
      }}
    >
      {toEmployer ? (
        <Descriptions size="small" column={1} styles={{ label: { color: 'rgba(0, 0, 0, 0.72)' } }}>
          <Descriptions.Item label="收文单位">{c.employerName}</Descriptions.Item>
          <Descriptions.Item label="送达地址">{c.employerAddress ?? '未填写'}</Descriptions.Item>
        </Descriptions>
      ) : (
        <Form.Item name="addressee" label="收文单位" extra={kind === 'recommendation' ? '不填则为本地人力资源和社会保障局' : '不填则为本地人民检察院'} rules={[{ min: 2, max: 100, message: '2–100 个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
      )}
    </FormModal>
  );
}

function DeliveryModal({ c, letter, onCancel, onDone }: { c: CaseDetail; letter: LetterView; onCancel: () => void; onDone: (c: CaseDetail) => void }) {
  type V = { via: (typeof deliveryWays)[number]; deliveredOn: ReturnType<typeof dayToPicker>; receiptSigner: string };
  const [form] = Form.useForm<V>();
  return (
    <FormModal<V>
      form={form}
      title={`记录送达：${letter.number}`}
      okText="保存"
      onCancel={onCancel}
      modal={{ destroyOnHidden: true }}
      formProps={{ initialValues: { via: 'direct', deliveredOn: dayToPicker(todayInBeijing()) } }}
      onSubmit={async (v) => {
        onDone(
          await api.post('/api/supervision/cases/:id/letters/:letterId/delivery', {
            params: { id: c.id, letterId: letter.id },
            body: { via: v.via, deliveredOn: pickerDay(v.deliveredOn), receiptSigner: v.receiptSigner.trim() },
          }),
        );
      }}
    >
      <Form.Item name="via" label="送达方式" rules={[{ required: true }]}>
        <Select aria-label="送达方式" style={{ width: 200 }} options={deliveryWays.map((w) => ({ value: w, label: deliveryWayLabels[w] }))} />
      </Form.Item>
      <Form.Item name="deliveredOn" label="送达日期" rules={[{ required: true, message: '请选择送达日期' }]} extra="北京时间；答复期限自该日起算">
        <DatePicker aria-label="送达日期" allowClear={false} />
      </Form.Item>
      <Form.Item name="receiptSigner" label="签收人" rules={[{ required: true, whitespace: true, message: '请填写签收人' }, { max: 50, message: '最多 50 字' }]}>
        <Input maxLength={50} placeholder="如：人事部 王经理" />
      </Form.Item>
    </FormModal>
  );
}

function ReplyModal({ c, letter, onCancel, onDone }: { c: CaseDetail; letter: LetterView; onCancel: () => void; onDone: (c: CaseDetail) => void }) {
  type V = { repliedOn: ReturnType<typeof dayToPicker>; summary: string; rectification: (typeof rectifications)[number] };
  const [form] = Form.useForm<V>();
  return (
    <FormModal<V>
      form={form}
      title={`记录书面答复：${letter.number}`}
      okText="保存"
      onCancel={onCancel}
      modal={{ destroyOnHidden: true }}
      formProps={{ initialValues: { repliedOn: dayToPicker(todayInBeijing()) } }}
      onSubmit={async (v) => {
        onDone(
          await api.post('/api/supervision/cases/:id/letters/:letterId/reply', {
            params: { id: c.id, letterId: letter.id },
            body: { repliedOn: pickerDay(v.repliedOn), summary: v.summary.trim(), rectification: v.rectification },
          }),
        );
      }}
    >
      <Form.Item name="repliedOn" label="答复日期" rules={[{ required: true, message: '请选择答复日期' }]}>
        <DatePicker aria-label="答复日期" allowClear={false} />
      </Form.Item>
      <Form.Item name="summary" label="答复内容摘要" rules={[{ required: true, whitespace: true, message: '请填写答复内容' }, { min: 2, max: 1000, message: '2–1000 字' }]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
      <Form.Item name="rectification" label="整改情况" rules={[{ required: true, message: '请选择整改情况' }]} extra="拒不整改的，可立即发出下一级文书；已整改的，核实后结案">
        <Select aria-label="整改情况" style={{ width: 200 }} options={rectifications.map((r) => ({ value: r, label: rectificationLabels[r] }))} />
      </Form.Item>
    </FormModal>
  );
}

function FactsModal({ c, onCancel, onDone }: { c: CaseDetail; onCancel: () => void; onDone: (c: CaseDetail) => void }) {
  type V = { employerAddress?: string; provisions: string[]; summary: string; workersCount: number };
  const [form] = Form.useForm<V>();
  return (
    <FormModal<V>
      form={form}
      title="补充事实"
      okText="保存"
      onCancel={onCancel}
      modal={{ width: 640, destroyOnHidden: true }}
      formProps={{ initialValues: { employerAddress: c.employerAddress ?? undefined, provisions: c.provisions, summary: c.summary, workersCount: c.workersCount } }}
      onSubmit={async (v) => {
        onDone(
          await api.patch('/api/supervision/cases/:id', {
            params: { id: c.id },
            body: { ...(v.employerAddress?.trim() ? { employerAddress: v.employerAddress.trim() } : {}), provisions: v.provisions, summary: v.summary.trim(), workersCount: v.workersCount },
          }),
        );
      }}
    >
      <Form.Item name="employerAddress" label="用人单位地址" rules={[{ min: 5, max: 200, message: '5–200 个字' }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="provisions" label="违反的法律条款" rules={[{ required: true, type: 'array', min: 1, message: '请至少填写一条' }]}>
        <Select mode="tags" aria-label="违反的法律条款" open={false} tokenSeparators={['；', ';']} />
      </Form.Item>
      <Form.Item name="summary" label="发现的问题" rules={[{ required: true, whitespace: true, message: '请填写发现的问题' }, { min: 5, max: 2000, message: '5–2000 字' }]}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Form.Item name="workersCount" label="涉及职工人数" rules={[{ required: true, message: '请填写人数' }]}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
    </FormModal>
  );
}

function CloseModal({ c, onCancel, onDone }: { c: CaseDetail; onCancel: () => void; onDone: (c: CaseDetail) => void }) {
  type V = { outcome: (typeof caseOutcomes)[number]; wagesYuan: number; workersCovered: number; note?: string };
  const [form] = Form.useForm<V>();
  return (
    <FormModal<V>
      form={form}
      title="结案"
      okText="结案"
      onCancel={onCancel}
      modal={{ destroyOnHidden: true }}
      formProps={{ initialValues: { wagesYuan: 0, workersCovered: c.workersCount } }}
      onSubmit={async (v) => {
        onDone(
          await api.post('/api/supervision/cases/:id/close', {
            params: { id: c.id },
            body: { outcome: v.outcome, wagesRecoveredFen: Math.round(v.wagesYuan * 100), workersCovered: v.workersCovered, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
          }),
        );
      }}
    >
      <Form.Item name="outcome" label="结果" rules={[{ required: true, message: '请选择结果' }]}>
        <Select aria-label="结果" style={{ width: 200 }} options={caseOutcomes.map((o) => ({ value: o, label: caseOutcomeLabels[o] }))} />
      </Form.Item>
      <Form.Item name="wagesYuan" label="追回工资（元）" rules={[{ required: true, message: '请填写金额，没有填 0' }]}>
        <InputNumber min={0} max={1_000_000_000} precision={2} style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="workersCovered" label="惠及职工人数" rules={[{ required: true, message: '请填写人数' }]}>
        <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="note" label="备注" rules={[{ max: 500, message: '最多 500 字' }]}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
