// The dialogs of a ticket's steps, each a FormModal whose failure shows the server's Chinese message:
// 受理 (with the difficulty), 转办 (to a union below the holder, or to a named handler of it), 退回,
// 挂起, 申请延期 (≤ the clock's limit), 审批延期, 办结 (the result and ¥ recovered, yuan → fen),
// 回访, 质检, and 查看完整信息 (a reason, audited).
import { useEffect, useState } from 'react';
import { Alert, Descriptions, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { ticketDifficulties, ticketDifficultyLabels, type TicketDetail, type TicketDifficulty } from '../../../../contracts/tickets.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { yuanToFen } from './ticketParts.tsx';
import type { StepPath } from './useStepPost.ts';

export type TicketAction = 'accept' | 'assign' | 'return' | 'pause' | 'extension' | 'decide' | 'close' | 'callback' | 'quality' | 'reveal';

interface Props {
  ticket: TicketDetail;
  action: TicketAction;
  step: (path: StepPath, body: object) => Promise<TicketDetail>;
  onDone: (t: TicketDetail, said: string) => void;
  onClose: () => void;
}

const difficultyOptions = ticketDifficulties.map((d) => ({ value: d, label: ticketDifficultyLabels[d] }));
const reasonRules = (what: string) => [{ required: true, whitespace: true, message: `请填写${what}` }, { min: 2, message: '至少 2 个字' }];

export function TicketActionModal(props: Props) {
  switch (props.action) {
    case 'accept':
      return <AcceptModal {...props} />;
    case 'assign':
      return <AssignModal {...props} />;
    case 'return':
      return <ReasonStep {...props} path="/api/tickets/:id/return" title="退回上级工会" okText="确认退回" label="退回原因" placeholder="如：不属于本工会管辖，请转相关镇街办理" said="已退回" intro="退回须在退回时限内；工单回到转办来的工会（否则上一级工会），本级时钟结束。" />;
    case 'pause':
      return <ReasonStep {...props} path="/api/tickets/:id/pause" title="挂起工单" okText="确认挂起" label="挂起原因" placeholder="如：等待职工补充工资条和考勤记录" said="已挂起，时钟停止" intro="挂起期间时钟停止，恢复办理时挂起的工作日顺延到期限。" />;
    case 'extension':
      return <ExtensionModal {...props} />;
    case 'decide':
      return <DecideModal {...props} />;
    case 'close':
      return <CloseModal {...props} />;
    case 'callback':
      return <CallbackModal {...props} />;
    case 'quality':
      return <QualityModal {...props} />;
    case 'reveal':
      return <RevealModal {...props} />;
  }
}

function AcceptModal({ ticket, step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ difficulty: TicketDifficulty }>();
  return (
    <FormModal
      form={form}
      title="受理工单"
      okText="确认受理"
      onCancel={onClose}
      formProps={{ initialValues: { difficulty: ticket.difficulty } }}
      intro={<Typography.Paragraph type="secondary">受理后开始办理；改变难易程度会按时限表重新计算本级期限。</Typography.Paragraph>}
      onSubmit={async (v) => onDone(await step('/api/tickets/:id/accept', v.difficulty === ticket.difficulty ? {} : { difficulty: v.difficulty }), '已受理')}
    >
      <Form.Item name="difficulty" label="难易程度">
        <Radio.Group options={difficultyOptions} optionType="button" />
      </Form.Item>
    </FormModal>
  );
}

function AssignModal({ ticket, step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ to: 'staff' | 'org'; toStaffId?: number; toOrgId?: number; reason?: string }>();
  const to = Form.useWatch('to', form) ?? 'staff';
  const [handlers, setHandlers] = useState<{ value: number; label: string }[]>([]);
  const [unions, setUnions] = useState<{ value: number; label: string }[]>([]);
  const [problem, setProblem] = useState<string>();
  useEffect(() => {
    api.get('/api/tickets/:id/handlers', { params: { id: ticket.id }, query: { pageSize: 200 } }).then(
      (r) => setHandlers(r.items.map((s) => ({ value: s.id, label: s.name }))),
      (err: unknown) => setProblem(errorMessage(err)),
    );
    api.get('/api/orgs/:id/children', { params: { id: ticket.org.id }, query: { pageSize: 200 } }).then(
      (r) => setUnions(r.items.map((o) => ({ value: o.id, label: o.name }))),
      (err: unknown) => setProblem(errorMessage(err)),
    );
  }, [ticket.id, ticket.org.id]);
  return (
    <FormModal
      form={form}
      title="转办"
      okText="确认转办"
      onCancel={onClose}
      clearFailureOnChange
      formProps={{ initialValues: { to: 'staff' } }}
      intro={problem && <Alert type="warning" showIcon message={problem} style={{ marginBottom: 12 }} />}
      onSubmit={async (v) => {
        const body = v.to === 'staff' ? { toStaffId: v.toStaffId, reason: v.reason ?? '' } : { toOrgId: v.toOrgId, reason: v.reason ?? '' };
        onDone(await step('/api/tickets/:id/assign', body), '已转办');
      }}
    >
      <Form.Item name="to" label="转办给">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'staff', label: `本工会的经办人` },
            { value: 'org', label: '下级工会' },
          ]}
        />
      </Form.Item>
      {to === 'staff' ? (
        <Form.Item name="toStaffId" label="经办人" rules={[{ required: true, message: '请选择经办人' }]}>
          <Select showSearch optionFilterProp="label" options={handlers} placeholder={`${ticket.org.name}的工作人员`} aria-label="经办人" notFoundContent="本工会没有可指定的工作人员" />
        </Form.Item>
      ) : (
        <Form.Item name="toOrgId" label="下级工会" rules={[{ required: true, message: '请选择下级工会' }]} extra="被反映单位的工会（及其下级）看不到本工单，不能转给它。">
          <Select showSearch optionFilterProp="label" options={unions} placeholder={`${ticket.org.name}的直属下级工会`} aria-label="下级工会" notFoundContent="没有下级工会" />
        </Form.Item>
      )}
      <Form.Item name="reason" label="转办说明（选填）">
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

function ReasonStep({ step, onDone, onClose, path, title, okText, label, placeholder, said, intro }: Props & { path: StepPath; title: string; okText: string; label: string; placeholder: string; said: string; intro: string }) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal form={form} title={title} okText={okText} onCancel={onClose} intro={<Typography.Paragraph type="secondary">{intro}</Typography.Paragraph>} onSubmit={async (v) => onDone(await step(path, { reason: v.reason.trim() }), said)}>
      <Form.Item name="reason" label={label} rules={reasonRules(label)}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={placeholder} />
      </Form.Item>
    </FormModal>
  );
}

function ExtensionModal({ ticket, step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ days: number; reason: string }>();
  const max = ticket.clocks.find((c) => c.endedAt === null)?.maxExtensionDays ?? 10;
  return (
    <FormModal
      form={form}
      title="申请延期"
      okText="提交申请"
      onCancel={onClose}
      intro={<Typography.Paragraph type="secondary">每级只能申请一次，须在期限内申请，由上一级工会的管理员或审核员审批；最多延长 {max} 个工作日。</Typography.Paragraph>}
      onSubmit={async (v) => onDone(await step('/api/tickets/:id/extension', { days: v.days, reason: v.reason.trim() }), '已提交延期申请')}
    >
      <Form.Item name="days" label="延长的工作日" rules={[{ required: true, message: '请填写延长的工作日' }]}>
        <InputNumber min={1} max={max} precision={0} addonAfter="个工作日" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="reason" label="延期原因" rules={reasonRules('延期原因')}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：需等待劳动仲裁委员会开庭" />
      </Form.Item>
    </FormModal>
  );
}

function DecideModal({ ticket, step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ approve: boolean; reason?: string }>();
  const ext = ticket.clocks.find((c) => c.endedAt === null)?.extension;
  return (
    <FormModal
      form={form}
      title="审批延期"
      okText="提交审批"
      onCancel={onClose}
      formProps={{ initialValues: { approve: true } }}
      intro={
        ext && (
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label="申请工会">{ticket.org.name}</Descriptions.Item>
            <Descriptions.Item label="延长">{ext.days} 个工作日</Descriptions.Item>
            <Descriptions.Item label="原因">{ext.reason}</Descriptions.Item>
          </Descriptions>
        )
      }
      onSubmit={async (v) => onDone(await step('/api/tickets/:id/extension/decide', { approve: v.approve, reason: v.reason?.trim() ?? '' }), v.approve ? '已批准延期' : '已不批准延期')}
    >
      <Form.Item name="approve" label="审批意见">
        <Radio.Group optionType="button" options={[{ value: true, label: '批准' }, { value: false, label: '不批准' }]} />
      </Form.Item>
      <Form.Item name="reason" label="说明（选填）">
        <Input.TextArea rows={2} maxLength={500} showCount />
      </Form.Item>
    </FormModal>
  );
}

function CloseModal({ step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ result: string; recovered?: string }>();
  return (
    <FormModal
      form={form}
      title="办结工单"
      okText="确认办结"
      onCancel={onClose}
      intro={<Typography.Paragraph type="secondary">办结后由本工会回访来电人，上级工会可抽检质检。</Typography.Paragraph>}
      onSubmit={async (v) => onDone(await step('/api/tickets/:id/close', { result: v.result.trim(), recoveredFen: yuanToFen(v.recovered) ?? 0 }), '已办结')}
    >
      <Form.Item name="result" label="办理结果" rules={reasonRules('办理结果')}>
        <Input.TextArea rows={4} maxLength={2000} showCount placeholder="如：约谈企业负责人，企业已补发三个月工资" />
      </Form.Item>
      <Form.Item
        name="recovered"
        label="追回金额（元）"
        extra="为职工追回的工资、赔偿等，没有填 0"
        rules={[{ validator: async (_, v: string | undefined) => { if (yuanToFen(v) === undefined) throw new Error('请填写金额，如 3200 或 3200.50'); } }]}
      >
        <Input inputMode="decimal" prefix="¥" placeholder="0.00" style={{ width: 200 }} />
      </Form.Item>
    </FormModal>
  );
}

function CallbackModal({ ticket, step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ reached: boolean; satisfaction?: number; note?: string }>();
  const reached = Form.useWatch('reached', form) ?? true;
  return (
    <FormModal
      form={form}
      title="记录电话回访"
      okText="保存回访"
      onCancel={onClose}
      formProps={{ initialValues: { reached: true } }}
      intro={<Typography.Paragraph type="secondary">按规范在办结次日电话回访来电人 {ticket.callerName}（{ticket.callerPhone ?? '无手机号'}）；每次办结回访一次。</Typography.Paragraph>}
      onSubmit={async (v) =>
        onDone(await step('/api/tickets/:id/callback', { reached: v.reached, ...(v.reached && v.satisfaction ? { satisfaction: v.satisfaction } : {}), note: v.note?.trim() ?? '' }), '已记录回访')
      }
    >
      <Form.Item name="reached" label="是否联系上来电人">
        <Radio.Group optionType="button" options={[{ value: true, label: '已联系上' }, { value: false, label: '未联系上' }]} />
      </Form.Item>
      {reached && (
        <Form.Item name="satisfaction" label="满意度" rules={[{ required: true, message: '请选择来电人的满意度' }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 5, label: '5 非常满意' },
              { value: 4, label: '4 满意' },
              { value: 3, label: '3 基本满意' },
              { value: 2, label: '2 不满意' },
              { value: 1, label: '1 非常不满意' },
            ]}
          />
        </Form.Item>
      )}
      <Form.Item name="note" label="回访记录">
        <Input.TextArea rows={3} maxLength={500} showCount placeholder="来电人的反馈" />
      </Form.Item>
    </FormModal>
  );
}

function QualityModal({ ticket, step, onDone, onClose }: Props) {
  const [form] = Form.useForm<{ pass: boolean; reason?: string }>();
  const pass = Form.useWatch('pass', form) ?? true;
  return (
    <FormModal
      form={form}
      title="质检"
      okText="提交质检"
      onCancel={onClose}
      formProps={{ initialValues: { pass: true } }}
      intro={<Typography.Paragraph type="secondary">退回后由{ticket.org.name}重新办理，重新计算办理期限；每次办结只能质检一次。</Typography.Paragraph>}
      onSubmit={async (v) => onDone(await step('/api/tickets/:id/quality', { pass: v.pass, reason: v.reason?.trim() ?? '' }), v.pass ? '质检通过' : '已退回重新办理')}
    >
      <Form.Item name="pass" label="质检结论">
        <Radio.Group optionType="button" options={[{ value: true, label: '通过' }, { value: false, label: '退回重新办理' }]} />
      </Form.Item>
      <Form.Item name="reason" label={pass ? '质检意见（选填）' : '退回原因'} rules={pass ? [] : reasonRules('退回原因')}>
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={pass ? '' : '如：未核实工资是否足额到账'} />
      </Form.Item>
    </FormModal>
  );
}

function RevealModal({ ticket, onClose }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  const [shown, setShown] = useState<{ callerName: string; callerPhone: string | null }>();
  return (
    <FormModal
      form={form}
      title="查看来电人完整信息"
      okText={shown ? '关闭' : '查看'}
      onCancel={onClose}
      modal={{ destroyOnHidden: true }}
      intro={
        shown ? (
          <Descriptions size="small" column={1} bordered style={{ marginBottom: 12 }}>
            <Descriptions.Item label="姓名">{shown.callerName}</Descriptions.Item>
            <Descriptions.Item label="手机号">{shown.callerPhone ?? '—'}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} message="查看将记入审计日志。请勿截图、转发或告知被反映单位。" />
        )
      }
      onSubmit={async (v) => {
        if (shown) return onClose();
        setShown(await api.post('/api/tickets/:id/reveal', { params: { id: ticket.id }, body: { reason: v.reason.trim() } }));
      }}
    >
      {!shown && (
        <Form.Item name="reason" label="查看原因" rules={[{ required: true, whitespace: true, message: '请填写查看原因' }, { min: 4, message: '至少 4 个字' }]}>
          <Input placeholder="如：电话联系职工核实欠薪情况" maxLength={200} />
        </Form.Item>
      )}
    </FormModal>
  );
}
