// The hardship file's three dialogs: a change of status (开始帮扶 / 登记脱困 / 登记回访), a visit, and aid
// received; each posts, then hands the updated file back to the page.
import { App, Form, Input, InputNumber } from 'antd';
import { DatePicker } from '../../components/DatePicker.tsx';
import type { Dayjs } from 'dayjs';
import { pickerDay, pickerNow } from '../../../shared/format.ts';
import type { ChangeHardshipStatusInput, HardshipFileView, HardshipStatus } from '../../../../contracts/hardship.ts';
import { api } from '../../../shared/api.ts';
import { FormModal, type FormModalProps } from '../../components/FormModal.tsx';

export const statusActionLabels: Record<HardshipStatus, string> = {
  filed: '',
  in_relief: '开始帮扶',
  exited: '登记脱困',
  followed_up: '登记回访',
};

interface ModalProps {
  file: HardshipFileView;
  /** the member's name as shown on the page (full once the details are open) */
  name: string;
  onDone: (f: HardshipFileView) => Promise<void>;
  onCancel: () => void;
}

const notFuture = (d: Dayjs) => d.isAfter(pickerNow(), 'day');

/** The dialogs' frame: the write answers with the updated file, handed to the page before the word `done`. */
function FileModal<V>({
  write,
  done,
  onDone,
  ...props
}: Omit<FormModalProps<V>, 'onSubmit' | 'failure' | 'okText'> & { okText?: string; write: (v: V) => Promise<HardshipFileView>; done: string; onDone: ModalProps['onDone'] }) {
  const { message } = App.useApp();
  return (
    <FormModal<V>
      okText="保存"
      {...props}
      failure="message"
      onSubmit={async (v) => {
        await onDone(await write(v));
        message.success(done);
      }}
    />
  );
}

export function StatusModal({ file, name, next, onDone, onCancel }: ModalProps & { next: ChangeHardshipStatusInput['status'] }) {
  const [form] = Form.useForm<{ on: Dayjs; reason?: string; visitors?: string }>();
  const needsReason = next === 'exited' || next === 'followed_up';
  return (
    <FileModal
      form={form}
      title={`${statusActionLabels[next]}：${name}`}
      okText="确定"
      onCancel={onCancel}
      onDone={onDone}
      write={(v) => api.post('/api/hardship/files/:id/status', { params: { id: file.id }, body: { status: next, on: pickerDay(v.on), reason: v.reason, visitors: v.visitors } })}
      done={`已${statusActionLabels[next]}`}
      formProps={{ initialValues: { on: pickerNow() } }}
    >
      <Form.Item name="on" label={next === 'exited' ? '脱困日期' : next === 'followed_up' ? '回访日期' : '开始帮扶日期'} rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      {next === 'followed_up' && (
        <Form.Item name="visitors" label="回访人员" rules={[{ required: true, whitespace: true, message: '请填写回访人员' }]}>
          <Input maxLength={100} placeholder="如：王主席、李干事" />
        </Form.Item>
      )}
      <Form.Item
        name="reason"
        label={next === 'exited' ? '脱困原因' : next === 'followed_up' ? '回访情况' : '说明（可不填）'}
        rules={needsReason ? [{ required: true, whitespace: true, message: next === 'exited' ? '请填写脱困原因' : '请填写回访情况' }] : []}
      >
        <Input.TextArea rows={3} maxLength={500} showCount placeholder={next === 'exited' ? '如：本人稳定就业，家庭月收入超过当地低收入标准' : undefined} />
      </Form.Item>
    </FileModal>
  );
}

export function VisitModal({ file, name, onDone, onCancel }: ModalProps) {
  const [form] = Form.useForm<{ visitedOn: Dayjs; visitors: string; notes: string }>();
  return (
    <FileModal
      form={form}
      title={`记录走访：${name}`}
      onCancel={onCancel}
      onDone={onDone}
      write={(v) => api.post('/api/hardship/files/:id/visits', { params: { id: file.id }, body: { visitedOn: pickerDay(v.visitedOn), visitors: v.visitors, notes: v.notes } })}
      done="已记录走访"
      formProps={{ initialValues: { visitedOn: pickerNow() } }}
    >
      <Form.Item name="visitedOn" label="走访日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="visitors" label="走访人员" rules={[{ required: true, whitespace: true, message: '请填写走访人员' }]}>
        <Input maxLength={100} placeholder="如：王主席、李干事" />
      </Form.Item>
      <Form.Item name="notes" label="走访情况" rules={[{ required: true, whitespace: true, message: '请填写走访情况' }]}>
        <Input.TextArea rows={4} maxLength={2000} showCount />
      </Form.Item>
    </FileModal>
  );
}

export function AidModal({ file, name, onDone, onCancel }: ModalProps) {
  const [form] = Form.useForm<{ yuan: number; givenOn: Dayjs; source: string; note?: string; payoutId?: number }>();
  return (
    <FileModal
      form={form}
      title={`记录帮扶：${name}`}
      onCancel={onCancel}
      onDone={onDone}
      write={(v) =>
        api.post('/api/hardship/files/:id/aid', { params: { id: file.id }, body: {
          amountFen: Math.round(v.yuan * 100),
          givenOn: pickerDay(v.givenOn),
          source: v.source,
          note: v.note || undefined,
          payoutId: v.payoutId || undefined,
        } })
      }
      done="已记录帮扶"
      formProps={{ initialValues: { givenOn: pickerNow() } }}
    >
      <Form.Item name="yuan" label="金额（元）" rules={[{ required: true, message: '请填写金额' }]}>
        <InputNumber min={0.01} max={1_000_000} precision={2} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="givenOn" label="发放日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="source" label="来源" rules={[{ required: true, whitespace: true, message: '请填写来源' }]}>
        <Input maxLength={100} placeholder="如：送温暖、金秋助学、医疗救助" />
      </Form.Item>
      <Form.Item name="payoutId" label="点对点发放记录编号（可不填）">
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="note" label="备注（仅管理员、审核员可见）">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
    </FileModal>
  );
}
