// Turning down what someone asked for (an application, a transfer): a reason the person will read,
// checked as the server checks it, then the write; a failure shows as a message.
import type { ReactNode } from 'react';
import { Form, Input } from 'antd';
import { rejectBody } from '../../../contracts/members.ts';
import { zodRule } from '../rules.ts';
import { FormModal } from './FormModal.tsx';

interface Props {
  open: boolean;
  title: string;
  okText: string;
  /** what happens with the reason, above the field */
  note: ReactNode;
  label: string;
  placeholder?: string;
  onSubmit: (reason: string) => Promise<void>;
  onCancel: () => void;
}

export function DeclineModal({ open, title, okText, note, label, placeholder, onSubmit, onCancel }: Props) {
  const [form] = Form.useForm<{ reason: string }>();
  return (
    <FormModal<{ reason: string }>
      form={form}
      open={open}
      title={title}
      okText={okText}
      onSubmit={(v) => onSubmit(v.reason.trim())}
      onCancel={onCancel}
      failure="message"
      modal={{ okButtonProps: { danger: true }, destroyOnHidden: true }}
      formProps={{ preserve: false }}
      intro={note}
    >
      <Form.Item name="reason" label={label} rules={[{ required: true, message: `请填写${label}` }, zodRule(rejectBody.shape.reason)]}>
        <Input.TextArea rows={3} maxLength={200} showCount placeholder={placeholder} autoFocus />
      </Form.Item>
    </FormModal>
  );
}
