// The dialogs of the staff page: create an account, edit roles and state, reset a password.
import { Alert, App, Checkbox, Form, Input, Switch, Typography } from 'antd';
import type { StaffRole } from '../../../../contracts/auth.ts';
import { createStaffBody, type StaffAccount } from '../../../../contracts/staff.ts';
import { api } from '../../../shared/api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { NewPasswordFields } from '../../components/NewPasswordFields.tsx';
import { zodRule } from '../../rules.ts';
import { useMe } from '../../session.tsx';
import { roleOptions } from './roles.ts';

interface DialogProps {
  onCancel: () => void;
  onDone: () => void;
}

interface CreateValues {
  orgId: number;
  username: string;
  displayName: string;
  roles: StaffRole[];
  password: string;
  confirm: string;
}

export function CreateStaffModal({ onCancel, onDone }: DialogProps) {
  const me = useMe();
  const [form] = Form.useForm<CreateValues>();
  const { message } = App.useApp();

  async function submit(v: CreateValues) {
    const s = await api.post('/api/staff', { body: {
      orgId: v.orgId,
      username: v.username.trim().toLowerCase(),
      displayName: v.displayName.trim(),
      roles: v.roles,
      password: v.password,
    } });
    message.success(`已新建账号 ${s.username}，请将初始密码当面或电话告知本人`);
    onDone();
  }

  return (
    <FormModal<CreateValues>
      form={form}
      title="新建工作人员账号"
      okText="创建"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 640, maskClosable: false }}
      formProps={{ initialValues: { orgId: me.org.id, roles: ['clerk'] } }}
    >
      <Form.Item label="所属单位" name="orgId" rules={[{ required: true, message: '请选择所属单位' }]}>
        <OrgSearchSelect style={{ width: '100%' }} initialLabel={me.org.name} aria-label="所属单位" />
      </Form.Item>
      <Form.Item
        label="用户名"
        name="username"
        rules={[{ required: true, message: '请输入用户名' }, zodRule(createStaffBody.shape.username)]}
        extra="登录用，3–32 位小写字母、数字、点、下划线或连字符，如 shiwan-li"
      >
        <Input autoComplete="off" maxLength={32} />
      </Form.Item>
      <Form.Item
        label="姓名"
        name="displayName"
        rules={[{ required: true, whitespace: true, message: '请输入姓名' }, zodRule(createStaffBody.shape.displayName)]}
      >
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="角色" name="roles" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
        <Checkbox.Group options={roleOptions} className="role-checkboxes" />
      </Form.Item>
      <NewPasswordFields name="password" label="初始密码" confirmLabel="确认初始密码" confirmMessage="请再次输入密码" />
    </FormModal>
  );
}

interface EditValues {
  displayName: string;
  roles: StaffRole[];
  isActive: boolean;
}

export function EditStaffModal({ staff, isSelf, onCancel, onDone }: DialogProps & { staff: StaffAccount; isSelf: boolean }) {
  const [form] = Form.useForm<EditValues>();
  const { message } = App.useApp();

  async function submit(v: EditValues) {
    const patch: Partial<EditValues> = {};
    if (v.displayName.trim() !== staff.displayName) patch.displayName = v.displayName.trim();
    if (!isSelf) {
      const sameRoles = v.roles.length === staff.roles.length && v.roles.every((r) => staff.roles.includes(r));
      if (!sameRoles) patch.roles = v.roles;
      if (v.isActive !== staff.isActive) patch.isActive = v.isActive;
    }
    if (Object.keys(patch).length === 0) {
      message.info('没有修改任何内容');
      onCancel();
      return;
    }
    await api.patch('/api/staff/:id', { params: { id: staff.id }, body: patch });
    message.success('已保存');
    onDone();
  }

  return (
    <FormModal<EditValues>
      form={form}
      title={`编辑账号：${staff.username}`}
      okText="保存"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ width: 640, maskClosable: false }}
      intro={
        <>
          <Typography.Paragraph type="secondary">所属单位：{staff.org.name}</Typography.Paragraph>
          {isSelf && (
            <Alert type="info" showIcon message="不能修改自己的角色或停用自己的账号，如需调整请联系上级单位管理员。" style={{ marginBottom: 16 }} />
          )}
        </>
      }
      formProps={{ initialValues: { displayName: staff.displayName, roles: staff.roles, isActive: staff.isActive } }}
    >
      <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
        <Input maxLength={50} />
      </Form.Item>
      <Form.Item label="角色" name="roles" rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个角色' }]}>
        <Checkbox.Group options={roleOptions} disabled={isSelf} className="role-checkboxes" />
      </Form.Item>
      <Form.Item label="启用账号" name="isActive" valuePropName="checked" extra="停用后该账号不能登录，已登录的会话随即失效">
        <Switch disabled={isSelf} checkedChildren="启用" unCheckedChildren="停用" />
      </Form.Item>
    </FormModal>
  );
}

export function ResetPasswordModal({ staff, onCancel, onDone }: DialogProps & { staff: StaffAccount }) {
  const [form] = Form.useForm<{ password: string; confirm: string }>();
  const { message } = App.useApp();

  async function submit(v: { password: string }) {
    await api.post('/api/staff/:id/password', { params: { id: staff.id }, body: { password: v.password } });
    message.success(`已重置 ${staff.displayName} 的密码`);
    onDone();
  }

  return (
    <FormModal
      form={form}
      title={`重置密码：${staff.displayName}（${staff.username}）`}
      okText="重置"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ maskClosable: false }}
      intro={
        <Alert
          type="warning"
          showIcon
          message="重置后，该账号立即解除锁定，已登录的设备全部退出，需用新密码登录。"
          style={{ marginBottom: 16 }}
        />
      }
    >
      <NewPasswordFields name="password" label="新密码" confirmLabel="确认新密码" confirmMessage="请再次输入新密码" />
    </FormModal>
  );
}
