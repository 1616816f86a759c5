// 撤销: closing an empty union, with the reason kept on record.
import { App, Form, Input, Typography } from 'antd';
import { closeOrgBody } from '../../../../contracts/orgs.ts';
import { api } from '../../../shared/api.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { zodRule } from '../../rules.ts';
import type { OrgModalProps } from './orgLabels.ts';

export function CloseOrgModal({ org, onCancel, onDone }: OrgModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const { message } = App.useApp();

  async function submit({ reason }: { reason: string }) {
    const closed = await api.post('/api/orgs/:id/close', { params: { id: org.id }, body: { reason: reason.trim() } });
    message.success(`已撤销：${org.name}`);
    await onDone(closed);
  }

  return (
    <FormModal
      form={form}
      title="撤销工会组织"
      okText="确认撤销"
      onSubmit={submit}
      onCancel={onCancel}
      modal={{ okButtonProps: { danger: true }, maskClosable: false }}
      intro={
        <>
          <Typography.Paragraph>
            撤销 <Typography.Text strong>{org.name}</Typography.Text>
            后，该组织不再出现在组织架构中（打开“显示已撤销”可查看），撤销记录与原因会保留。
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary">只能撤销没有在册会员、也没有未撤销下级组织的工会。</Typography.Paragraph>
        </>
      }
    >
      <Form.Item
        label="撤销原因"
        name="reason"
        rules={[{ required: true, whitespace: true, message: '请填写撤销原因' }, zodRule(closeOrgBody.shape.reason)]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount placeholder="如：企业注销，工会随之撤销（2–200 字）" />
      </Form.Item>
    </FormModal>
  );
}
