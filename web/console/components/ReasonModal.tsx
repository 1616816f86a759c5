// A write that needs a reason, asked in a modal (取消活动, 取消帮扶活动 …): a warning of what it does,
// the reason (2–200 characters, trimmed), the server's refusal shown in place.
import type { ReactNode } from 'react';
import { Alert, Form, Input, Modal } from 'antd';
import { useSubmit } from '../../shared/useSubmit.ts';

export interface ReasonModalProps {
  open: boolean;
  title: string;
  okText: string;
  /** what the write does, above the reason */
  warning: ReactNode;
  label: string;
  /** the message when the reason is left empty */
  required: string;
  placeholder: string;
  /** the button that closes it without writing (default 不取消) */
  cancelText?: string;
  onClose: () => void;
  /** does the write; a throw is shown in the modal */
  onSubmit: (reason: string) => Promise<void>;
}

export function ReasonModal(props: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const { busy, problem, submit } = useSubmit();
  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      okButtonProps={{ danger: true, loading: busy }}
      cancelText={props.cancelText ?? '不取消'}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={({ reason }) => submit(() => props.onSubmit(reason.trim()))}
      >
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={props.warning} />
        {problem && <Alert type="error" message={problem} style={{ marginBottom: 16 }} />}
        <Form.Item name="reason" label={props.label} rules={[{ required: true, message: props.required }, { min: 2, message: '至少 2 个字' }]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={props.placeholder} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
