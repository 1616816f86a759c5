// 法律援助律师 on a ticket's detail (mounted by the ticket detail page): the lawyer representing the
// worker now — firm, masked phone, who assigned them and when — their case log and outcome, the past
// assignments; for the holding union's staff, 指派律师 / 改派 (a picker of the active lawyers serving
// the union, filtered by the ticket's category unless 全部领域 is chosen) and 结束代理 with a reason.
import '../../components/common.css';
import { useState } from 'react';
import { Alert, App, Button, Card, Collapse, Descriptions, Empty, Form, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import { legalAreaLabels, type LegalArea } from '../../../../contracts/legal.ts';
import { lawyerEntryKindLabels, lawyerOutcomeLabels, type TicketLawyerAssignment } from '../../../../contracts/ticket-lawyers.ts';
import { ticketCategories, type TicketDetail } from '../../../../contracts/tickets.ts';
import { api } from '../../../shared/api.ts';
import { formatMinute } from '../../../shared/format.ts';
import { useDetail } from '../../../shared/useDetail.ts';
import { useIdempotentPost } from '../../../shared/useIdempotentPost.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { SectionTitle } from '../../components/PageTitle.tsx';
import { ReasonModal } from '../../components/ReasonModal.tsx';

const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function Assignment({ a }: { a: TicketLawyerAssignment }) {
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="律师">
          <strong>{a.lawyer.name}</strong>（{a.lawyer.firm}）
        </Descriptions.Item>
        <Descriptions.Item label="手机号">{a.lawyer.phoneMasked}</Descriptions.Item>
        <Descriptions.Item label="指派">
          {a.org.name} {a.assignedBy} · {formatMinute(a.assignedAt)}
        </Descriptions.Item>
        {a.note && <Descriptions.Item label="指派说明">{a.note}</Descriptions.Item>}
        <Descriptions.Item label="办案结果">
          {a.outcome ? (
            <span data-testid="lawyer-card-outcome">
              <Tag color="green">{lawyerOutcomeLabels[a.outcome]}</Tag>追回 {yuan(a.recoveredFen ?? 0)}
              {a.outcomeNote ? ` · ${a.outcomeNote}` : ''}
            </span>
          ) : (
            <Typography.Text type="secondary">尚未记录</Typography.Text>
          )}
        </Descriptions.Item>
        {a.endedAt && (
          <Descriptions.Item label="结束代理">
            {formatMinute(a.endedAt)} · {a.endReason}
          </Descriptions.Item>
        )}
      </Descriptions>
      {a.entries.length > 0 ? (
        <Timeline
          style={{ marginTop: 12 }}
          items={a.entries.map((e) => ({
            children: (
              <div>
                <Typography.Text type="secondary" className="small">
                  {formatMinute(e.at)} · {lawyerEntryKindLabels[e.kind]}
                  {e.documentTitle ? ` · 《${e.documentTitle}》` : ''}
                </Typography.Text>
                <div style={{ whiteSpace: 'pre-wrap' }}>{e.text}</div>
              </div>
            ),
          }))}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          律师尚未记录办案情况。
        </Typography.Paragraph>
      )}
    </>
  );
}

export function LawyerCard({ ticket, onChanged }: { ticket: TicketDetail; onChanged?: () => void }) {
  const { message } = App.useApp();
  const [assigning, setAssigning] = useState(false);
  const [ending, setEnding] = useState(false);
  const detail = useDetail(`ticket lawyers ${ticket.id}`, () => api.get('/api/tickets/:id/lawyers', { params: { id: ticket.id } }));
  const data = detail.data;
  const changed = async () => {
    await detail.reload();
    onChanged?.();
  };

  return (
    <Card
      size="small"
      title={<SectionTitle>法律援助律师</SectionTitle>}
      data-testid="lawyer-card"
      extra={
        data?.canAssign && (
          <Space>
            {data.current && (
              <Button danger onClick={() => setEnding(true)}>
                结束代理
              </Button>
            )}
            <Button type="primary" onClick={() => setAssigning(true)}>
              {data.current ? '改派律师' : '指派律师'}
            </Button>
          </Space>
        )
      }
    >
      {detail.problem && <Alert type="error" showIcon message={detail.problem.message} />}
      {data &&
        (data.current ? (
          <Assignment a={data.current} />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={data.canAssign ? '尚未指派律师。申请法律援助或需要律师代理的工单，可指派为本工会服务的律师。' : '尚未指派律师'} />
        ))}
      {data && data.past.length > 0 && (
        <Collapse
          ghost
          size="small"
          items={[{ key: 'past', label: `已结束的代理（${data.past.length}）`, children: data.past.map((a) => <Assignment key={a.id} a={a} />) }]}
        />
      )}
      {assigning && (
        <AssignModal
          ticket={ticket}
          currentLawyerId={data?.current?.lawyer.id}
          onCancel={() => setAssigning(false)}
          onDone={async (name) => {
            setAssigning(false);
            message.success(`已指派律师 ${name}，并短信通知当事人`);
            await changed();
          }}
        />
      )}
      <ReasonModal
        open={ending}
        title="结束律师代理"
        okText="结束代理"
        warning="结束后律师不再能看到本工单；办案记录保留。"
        label="原因"
        required="请填写原因"
        placeholder="如：当事人已自行委托律师"
        onClose={() => setEnding(false)}
        onSubmit={async (reason) => {
          await api.post('/api/tickets/:id/lawyer/end', { params: { id: ticket.id }, body: { reason } });
          setEnding(false);
          message.success('已结束代理');
          await changed();
        }}
      />
    </Card>
  );
}

function AssignModal({ ticket, currentLawyerId, onCancel, onDone }: { ticket: TicketDetail; currentLawyerId: number | undefined; onCancel: () => void; onDone: (name: string) => Promise<void> }) {
  const [form] = Form.useForm<{ lawyerId: number; note?: string }>();
  const [area, setArea] = useState<LegalArea | 'all'>(ticket.category);
  const candidates = useDetail(`lawyer candidates ${ticket.id} ${area}`, () => api.get('/api/tickets/:id/lawyer-candidates', { params: { id: ticket.id }, query: { area, pageSize: 200 } }));
  const assign = useIdempotentPost('/api/tickets/:id/lawyer');
  const options = (candidates.data?.items ?? []).filter((l) => l.id !== currentLawyerId);
  return (
    <FormModal<{ lawyerId: number; note?: string }>
      form={form}
      title={currentLawyerId ? '改派律师' : '指派法律援助律师'}
      okText="指派"
      onCancel={onCancel}
      modal={{ width: 560, destroyOnHidden: true }}
      intro={
        <Typography.Paragraph type="secondary">
          可选：为{ticket.org.name}（或其上级工会）提供服务、在册的律师。指派后律师在手机端登录即可看到本工单和当事人联系方式，当事人收到短信通知。
        </Typography.Paragraph>
      }
      onSubmit={async (v) => {
        const out = await assign.post({ params: { id: ticket.id }, body: { lawyerId: v.lawyerId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } });
        if (out.kind !== 'done') throw new Error(out.message);
        await onDone(options.find((l) => l.id === v.lawyerId)?.name ?? '');
      }}
    >
      <Form.Item label="擅长领域">
        <Select<LegalArea | 'all'>
          aria-label="擅长领域"
          value={area}
          onChange={(a) => {
            setArea(a);
            form.resetFields(['lawyerId']);
          }}
          options={[...ticketCategories.map((c) => ({ value: c as LegalArea | 'all', label: legalAreaLabels[c] })), { value: 'all', label: '全部领域' }]}
        />
      </Form.Item>
      <Form.Item name="lawyerId" label="律师" rules={[{ required: true, message: '请选择律师' }]} extra={candidates.data && options.length === 0 ? '没有符合条件的律师，可改选“全部领域”' : undefined}>
        <Select<number>
          aria-label="律师"
          loading={!candidates.data}
          showSearch
          optionFilterProp="label"
          placeholder="选择律师"
          options={options.map((l) => ({ value: l.id, label: `${l.name}（${l.firm}）· ${l.areas.map((a) => legalAreaLabels[a]).join('、')}` }))}
        />
      </Form.Item>
      <Form.Item name="note" label="指派说明" rules={[{ max: 500, message: '最多 500 字' }]}>
        <Input.TextArea rows={2} maxLength={500} placeholder="如：当事人希望尽快申请劳动仲裁" />
      </Form.Item>
    </FormModal>
  );
}
