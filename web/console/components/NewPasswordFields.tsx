// A new password and its repeat, as every console form that sets a password asks for them (the
// server's rule checked in the browser first).
import { Form, Input } from 'antd';
import { passwordRules } from '../rules.ts';

interface Props {
  /** the field of the new password; the repeat is the field `confirm` */
  name: string;
  label: string;
  confirmLabel: string;
  /** what the repeat says while it is empty */
  confirmMessage: string;
}

export function NewPasswordFields({ name, label, confirmLabel, confirmMessage }: Props) {
  return (
    <>
      <Form.Item label={label} name={name} rules={passwordRules} extra="至少 10 位，需同时包含字母和数字">
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label={confirmLabel}
        name="confirm"
        dependencies={[name]}
        rules={[
          { required: true, message: confirmMessage },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue(name)) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
