// The writes on one member: change the status (with a reason, kept as history), reveal the full ID
// and phone numbers (with a reason, audited), move the membership to another union of the scope, and
// change the phone after checking the person's documents (with a reason, audited).
import { useState } from 'react';
import { Alert, App, Checkbox, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import {
  changeStatusBody,
  revealBody,
  staffPhoneChangeBody,
  staffTransferBody,
  type MemberDetail,
  type MemberStatus,
} from '../../../../contracts/members.ts';
import { api, errorMessage } from '../../../shared/api.ts';
import { FormModal, type FormModalProps } from '../../components/FormModal.tsx';
import { OrgSearchSelect } from '../../components/OrgSearchSelect.tsx';
import { zodRule } from '../../rules.ts';
import { memberStatusLabels } from './memberLabels.ts';

interface ModalProps {
  member: MemberDetail;
  open: boolean;
  onClose(): void;
  onDone(): void;
}

const reasonRule = zodRule(changeStatusBody.shape.reason);

/** The frame the member's dialogs share: opened and closed by the drawer, failures as a message. */
function MemberFormModal<V>({ open, onClose, width, ...props }: Omit<FormModalProps<V>, 'onCancel' | 'failure' | 'modal' | 'formProps'> & { onClose(): void; width?: number }) {
  return <FormModal<V> {...props} open={open} onCancel={onClose} failure="message" modal={{ destroyOnHidden: true, width }} formProps={{ preserve: false }} />;
}

/** What a change to each status is called, as a verb. */
const statusActions: Record<'active' | 'suspended' | 'left' | 'deceased', string> = {
  active: '恢复正常',
  suspended: '暂停会籍',
  left: '办理退会',
  deceased: '登记身故',
};

export function StatusModal({ member, open, onClose, onDone }: ModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ status: keyof typeof statusActions; reason: string }>();
  const options = (Object.keys(statusActions) as (keyof typeof statusActions)[])
    .filter((s) => s !== member.status)
    .map((s) => ({ value: s, label: `${statusActions[s]}（→ ${memberStatusLabels[s]}）` }));

  return (
    <MemberFormModal
      form={form}
      title={`变更会员状态：${member.name}`}
      okText="确认变更"
      open={open}
      onClose={onClose}
      onSubmit={async (v) => {
        await api.post('/api/members/:id/status', { params: { id: member.id }, body: { status: v.status, reason: v.reason.trim() } });
        message.success(`已${statusActions[v.status]}`);
        form.resetFields();
        onDone();
      }}
      intro={
        <Typography.Paragraph type="secondary">
          当前状态：{memberStatusLabels[member.status as MemberStatus]}。变更将记入会员历史，原记录不会被覆盖；暂停、退会或身故后会员证随即停用。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="status" label="变更为" rules={[{ required: true, message: '请选择新的状态' }]}>
      <Select options={options} placeholder="请选择" aria-label="新的状态" />
      </Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }, reasonRule]}>
      <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：本人申请退会；离职超过半年未转接" />
      </Form.Item>
    </MemberFormModal>
  );
}

export function RevealModal({ member, open, onClose }: Omit<ModalProps, 'onDone'>) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [revealed, setRevealed] = useState<{ idNumber: string; phone: string | null }>();

  function close() {
    setRevealed(undefined);
    form.resetFields();
    onClose();
  }

  async function reveal() {
    const v = await form.validateFields();
    setSaving(true);
    try {
      setRevealed(await api.post('/api/members/:id/reveal', { params: { id: member.id }, body: { reason: v.reason.trim() } }));
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <Modal
      title={`查看完整身份证号：${member.name}`}
      open={open}
      onCancel={close}
      onOk={revealed ? close : () => void reveal().catch(() => undefined)}
      okText={revealed ? '关闭' : '确认查看'}
      okButtonProps={{ danger: !revealed }}
      cancelButtonProps={{ style: revealed ? { display: 'none' } : undefined }}
      confirmLoading={saving}
      destroyOnHidden
    >
      {revealed ? (
        <>
          <Descriptions column={1} bordered size="small" className="reveal-result">
            <Descriptions.Item label="身份证号">
              <Typography.Text copyable strong>
                {revealed.idNumber}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label="手机号">
              {revealed.phone ? <Typography.Text copyable>{revealed.phone}</Typography.Text> : '未登记'}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
            本次查看已记入审计日志。请勿截图、转发或另行保存。
          </Typography.Paragraph>
        </>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            message="此操作将记入审计日志"
            description="完整身份证号和手机号属于敏感个人信息。查看人、时间、地址和原因都会被记录，上级工会可查。仅在确有需要时查看。"
            style={{ marginBottom: 16 }}
          />
          <Form form={form} layout="vertical" preserve={false}>
            <Form.Item
              name="reason"
              label="查看原因"
              rules={[{ required: true, message: '请填写查看原因' }, zodRule(revealBody.shape.reason)]}
            >
              <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：办理困难帮扶需核对身份" autoFocus />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}

export function TransferModal({ member, open, onClose, onDone }: ModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ toOrgId: number; reason: string }>();

  return (
    <MemberFormModal
      form={form}
      title={`发起会员关系转接：${member.name}`}
      okText="发起转接"
      open={open}
      onClose={onClose}
      width={560}
      onSubmit={async (v) => {
        const t = await api.post('/api/members/:id/transfers', { params: { id: member.id }, body: {
          toOrgId: v.toOrgId,
          reason: v.reason.trim(),
        } });
        message.success(t.status === 'accepted' ? `已转入${t.toOrg.name}` : `已发起转接，等待${t.toOrg.name}接收`);
        form.resetFields();
        onDone();
      }}
      intro={
        <Typography.Paragraph type="secondary">
          现属：{member.org.name}。转入本管理范围内的另一个工会；会员号、历史和会员证不变。接收工会同意后生效（设置为自动接收的立即生效）。
        </Typography.Paragraph>
      }
    >
      <Form.Item name="toOrgId" label="转入工会" rules={[{ required: true, message: '请选择转入的工会' }]}>
        <OrgSearchSelect
          aria-label="转入工会"
          placeholder="输入工会名称查找，如“石湾”"
          style={{ width: '100%' }}
          disabledReason={(o) =>
            o.id === member.org.id ? '现属工会' : o.level === 'province' || o.level === 'city' || o.level === 'county' ? '地方总工会不直接管理会员' : undefined
          }
        />
      </Form.Item>
      <Form.Item name="reason" label="原因" rules={[{ required: true, message: '请填写原因' }, zodRule(staffTransferBody.shape.reason)]}>
        <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：调到新单位工作" />
      </Form.Item>
    </MemberFormModal>
  );
}

export function PhoneModal({ member, open, onClose, onDone }: ModalProps) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ phone: string; reason: string; documentsChecked: boolean }>();

  return (
    <MemberFormModal
      form={form}
      title={`更换手机号：${member.name}`}
      okText="确认更换"
      open={open}
      onClose={onClose}
      width={520}
      onSubmit={async (v) => {
        await api.post('/api/members/:id/phone', { params: { id: member.id }, body: { phone: v.phone.trim(), reason: v.reason.trim(), documentsChecked: true } });
        message.success('已更换手机号，原手机号已收到短信通知');
        form.resetFields();
        onDone();
      }}
      intro={
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="请先当面核验本人身份证件"
          description={`现登记手机号：${member.phoneMasked ?? '未登记'}。更换后原手机号收到短信通知并退出登录，新手机号登录即为该会员；会员号和会员证不变。办理人、时间和原因记入会员历史和审计日志。`}
        />
      }
    >
      <Form.Item name="phone" label="新手机号" rules={[{ required: true, message: '请填写新手机号' }, zodRule(staffPhoneChangeBody.shape.phone)]}>
        <Input maxLength={11} placeholder="11 位手机号码" autoComplete="off" inputMode="numeric" />
      </Form.Item>
      <Form.Item name="reason" label="办理原因与核验的证件" rules={[{ required: true, message: '请填写原因' }, zodRule(staffPhoneChangeBody.shape.reason)]}>
        <Input.TextArea rows={2} maxLength={200} showCount placeholder="如：本人持身份证到窗口办理，原手机号已停用" />
      </Form.Item>
      <Form.Item
        name="documentsChecked"
        valuePropName="checked"
        rules={[{ validator: async (_, checked: boolean) => { if (!checked) throw new Error('请先核验本人身份证件'); } }]}
      >
        <Checkbox>已当面核验本人身份证件，姓名、身份证号与会员信息一致</Checkbox>
      </Form.Item>
    </MemberFormModal>
  );
}
