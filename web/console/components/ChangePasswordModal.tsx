// Changing one's own password; the server ends the account's other sessions.
import { App, Form, Input } from 'antd';
import { api } from '../../shared/api.ts';
import { FormModal } from './FormModal.tsx';
import { NewPasswordFields } from './NewPasswordFields.tsx';

interface Values {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();

  async function submit(v: Values) {
    await api.post('/api/auth/password', { body: { oldPassword: v.oldPassword, newPassword: v.newPassword } });
    message.success('密码已修改，其他设备上的登录已退出');
    form.resetFields();
    onClose();
  }

  return (
    <FormModal<Values>
      form={form}
      title="修改密码"
      okText="确认修改"
      open={open}
      onSubmit={submit}
      onCancel={() => {
        form.resetFields();
        onClose();
      }}
      failure="message"
      modal={{ destroyOnHidden: true }}
      formProps={{ requiredMark: false }}
    >
      <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <NewPasswordFields name="newPassword" label="新密码" confirmLabel="确认新密码" confirmMessage="请再次输入新密码" />
    </FormModal>
  );
}
